/* Errors: a per-handle and a per-thread last error, so that a failed
 * ce_db_open() (no handle yet) is explained too. */
#include <stdio.h>
#include <string.h>

#include "internal.h"

static _Thread_local int last_code;
static _Thread_local char last_msg[512];

const char *ce_strerror(int code)
{
	switch (code) {
	case CE_OK: return "success";
	case CE_ERROR: return "error";
	case CE_ENOMEM: return "out of memory";
	case CE_ENOTFOUND: return "not found";
	case CE_EEXISTS: return "already exists";
	case CE_EINVALID: return "invalid argument";
	case CE_ECONSTRAINT: return "referential integrity violated";
	case CE_ETRANSITION: return "lifecycle transition not allowed";
	case CE_ECYCLE: return "would create a cycle";
	case CE_ENOTSUPPORTED: return "not supported by this backend";
	case CE_EBACKEND: return "storage backend failure";
	case CE_EBUSY: return "store is busy";
	case CE_ESCHEMA: return "incompatible store schema";
	case CE_EMISUSE: return "call not allowed in this state";
	case CE_EDENIED: return "not allowed for this role";
	case CE_ITEROVER: return "iteration is over";
	default: return "unknown error";
	}
}

const char *ce_last_errmsg(void)
{
	return last_msg;
}

int ce_last_errcode(void)
{
	return last_code;
}

static void record(ce_db *db, int code, const char *msg)
{
	last_code = code;
	snprintf(last_msg, sizeof last_msg, "%s", msg);
	if (db) {
		db->errcode = code;
		snprintf(db->errmsg, sizeof db->errmsg, "%s", msg);
	}
}

int ce__fail(ce_db *db, int code, const char *fmt, ...)
{
	char msg[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	record(db, code, msg);
	return code;
}

int ce__backend_fail(ce_db *db, int code, const char *what)
{
	const char *detail = db && db->conn ? db->backend->errmsg(db->conn) : "";
	return ce__fail(db, code, "%s: %s", what, detail && *detail ? detail : ce_strerror(code));
}

void ce__error_save(ce_saved_error *saved)
{
	saved->code = last_code;
	memcpy(saved->msg, last_msg, sizeof saved->msg);
}

void ce__error_restore(ce_db *db, const ce_saved_error *saved)
{
	last_code = saved->code;
	memcpy(last_msg, saved->msg, sizeof last_msg);
	ce__clear(db);
}

void ce__clear(ce_db *db)
{
	if (db) {
		db->call++; /* a new call: the actor's sets are computed again */
		db->errcode = CE_OK;
		db->errmsg[0] = '\0';
	}
}

const char *ce_db_errmsg(const ce_db *db)
{
	return db ? db->errmsg : "no database handle";
}

int ce_db_errcode(const ce_db *db)
{
	return db ? db->errcode : CE_EINVALID;
}

int ce_version_number(void)
{
	return CE_VERSION_NUMBER;
}

const char *ce_version_string(void)
{
	return CE_VERSION_STRING;
}
