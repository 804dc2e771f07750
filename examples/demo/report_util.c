/* Small reading and formatting helpers for the report. */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "report.h"

/* Rotating scratch buffers for the text helpers: enough for every string
 * one printf() of the report takes. */
static char *scratch(void)
{
	static char ring[8][512];
	static unsigned next;
	return ring[next++ % 8];
}

ce_filter *demo_where(case_ctx *d, const char *c1, int64_t v1, const char *c2, int64_t v2)
{
	ce_filter *f = NULL;
	CASE_TRY(d, ce_filter_new(&f), "filter");
	CASE_TRY(d, ce_filter_eq_int(f, c1, v1), c1);
	if (c2)
		CASE_TRY(d, ce_filter_eq_int(f, c2, v2), c2);
	if (d->rc != CE_OK) {
		ce_filter_free(f);
		return NULL;
	}
	return f;
}

int64_t demo_count(case_ctx *d, ce_entity entity, const char *c1, int64_t v1, const char *c2, int64_t v2)
{
	ce_filter *f = c1 ? demo_where(d, c1, v1, c2, v2) : NULL;
	int64_t n = 0;
	CASE_TRY(d, ce_record_count(&n, d->db, entity, f), ce_entity_name(entity));
	ce_filter_free(f);
	return d->rc == CE_OK ? n : 0;
}

const char *demo_token(case_ctx *d, ce_entity entity, const char *column, int64_t value)
{
	int col = 0;
	if (value == 0 || CASE_TRY(d, ce_column_index(&col, entity, column), column) != CE_OK)
		return "-";
	const char *token = ce_column_token(entity, col, (int)value);
	return token ? token : "?";
}

const char *demo_text(case_ctx *d, ce_entity entity, int64_t id, const char *column)
{
	ce_record *rec = NULL;
	int col = 0;
	char *buf = scratch();
	buf[0] = '\0';
	if (id == 0)
		return buf;
	CASE_TRY(d, ce_column_index(&col, entity, column), column);
	CASE_TRY(d, ce_record_lookup(&rec, d->db, entity, id), ce_entity_name(entity));
	if (rec) {
		const char *s = ce_record_get_text(rec, col);
		snprintf(buf, 512, "%s", s ? s : "");
		ce_record_free(rec);
	}
	return buf;
}

const char *demo_day(case_ctx *d, ce_date date)
{
	char *buf = scratch();
	buf[0] = '\0';
	if (date != 0 && CASE_TRY(d, ce_date_format(buf, 512, date), "date") != CE_OK)
		buf[0] = '\0';
	return buf;
}

const char *demo_money(int64_t minor)
{
	char digits[32], *buf = scratch(), *out = buf;
	int n = snprintf(digits, sizeof digits, "%" PRId64, minor / 100);
	/* A comma before every group of three digits but the first. */
	for (int i = 0; i < n; i++) {
		if (i > 0 && (n - i) % 3 == 0)
			*out++ = ',';
		*out++ = digits[i];
	}
	snprintf(out, 8, ".%02d", (int)(minor % 100));
	return buf;
}

void demo_print_history(case_ctx *d, ce_entity entity, int64_t id, const char *column)
{
	ce_transition *moves = NULL;
	size_t n = 0;
	CASE_TRY(d, ce_history(&moves, &n, d->db, entity, id, column), column);
	for (size_t i = 0; i < n && d->rc == CE_OK; i++)
		printf("%s%s %s", i ? " → " : "", demo_token(d, entity, column, moves[i].to),
		       demo_day(d, moves[i].on));
	ce_transitions_free(moves);
}
