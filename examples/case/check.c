/* The shared failure path: the first failing call is reported once, with
 * where it was made and what the library said, and stops every later
 * step. */
#include <stdio.h>

#include "steps.h"

int case_check(case_ctx *d, int rc, const char *call, const char *file, int line, const char *what)
{
	if (rc == CE_OK)
		return CE_OK;
	/* Calls without a handle (filters) leave their message per thread only. */
	const char *msg = ce_db_errmsg(d->db);
	if (!*msg)
		msg = ce_last_errmsg();
	fprintf(stderr, "%s: %s:%d: %s failed", d->who, file, line, call);
	if (what && *what)
		fprintf(stderr, " (%s)", what);
	fprintf(stderr, ": %s [%s]\n", *msg ? msg : "no message", ce_strerror(rc));
	d->rc = rc;
	return rc;
}

int case_check_iter(case_ctx *d, int rc, const char *call, const char *file, int line,
                    const char *what)
{
	return rc == CE_ITEROVER ? rc : case_check(d, rc, call, file, line, what);
}

void case_follow(case_ctx *d, ce_entity entity, int64_t id, const char *column, const case_step *path,
                 const char *what)
{
	for (const case_step *s = path + 1; s->to; s++)
		CASE_TRY(d, ce_record_transition(d->db, entity, id, column, s->to, s->on), what);
}
