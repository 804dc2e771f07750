/* The failure-injecting test backend: see fault_backend.h. Connections
 * and cursors are small wrappers around the inner backend's; the opaque
 * ce_backend_conn/ce_backend_cursor types are never completed here, only
 * cast to and from the wrappers. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fault_backend.h"

enum fault_op {
	OP_OPEN, OP_BEGIN, OP_COMMIT, OP_ROLLBACK, OP_SAVEPOINT, OP_RELEASE, OP_ROLLBACK_TO,
	OP_INSERT, OP_FETCH, OP_UPDATE, OP_REMOVE, OP_FIND_FIRST, OP_SCAN_OPEN, OP_SCAN_NEXT,
	OP_COUNT, OP_REPORT, OP_REPORT_OPEN, OP_REPORT_NEXT, OP_ANY, NOPS
};

static const char *const op_names[NOPS] = {
	"open", "begin", "commit", "rollback", "savepoint", "release", "rollback_to",
	"insert", "fetch", "update", "remove", "find_first", "scan_open", "scan_next",
	"count", "report", "report_open", "report_next", "*",
};

/* What one registration of the backend injects: reached through
 * ce_backend.data at open, then kept by each connection and cursor. */
typedef struct fault_state {
	struct {
		int at;    /* fail when calls reaches this; 0: disarmed */
		int code;
	} arms[NOPS];
	int calls[NOPS];
	const ce_backend *wrapped; /* NULL: "memory" */
	bool conflicts;            /* injected CE_EBUSY failures are lost conflicts */
} fault_state;

/* The state of ce_test_fault_backend, which the ce_test_fault_* calls steer. */
static fault_state state;

typedef struct fault_cursor fault_cursor;

typedef struct fault_conn {
	fault_state *st;
	const ce_backend *inner;
	ce_backend_conn *conn;
	bool injected;       /* the last failure was ours: errmsg() says so */
	char msg[200];
	fault_cursor *cursors;
} fault_conn;

struct fault_cursor {
	fault_state *st;
	fault_conn *f;       /* NULL once the connection is closed */
	const ce_backend *inner;
	ce_backend_cursor *cursor;
	fault_cursor *prev, *next;
};

#define FC(c) ((fault_conn *)(void *)(c))

/* ---- control --------------------------------------------------------- */

static int op_index(const char *op)
{
	for (int k = 0; op && k < NOPS; k++)
		if (strcmp(op, op_names[k]) == 0)
			return k;
	return -1;
}

void ce_test_fault_arm(const char *op, int nth, int code)
{
	int k = op_index(op);
	if (k < 0)
		return;
	state.arms[k].at = nth > 0 ? state.calls[k] + nth : 0;
	state.arms[k].code = code < 0 ? code : CE_EBACKEND;
}

void ce_test_fault_reset(void)
{
	memset(state.arms, 0, sizeof state.arms);
	memset(state.calls, 0, sizeof state.calls);
}

int ce_test_fault_calls(const char *op)
{
	int k = op_index(op);
	return k < 0 ? -1 : state.calls[k];
}

int ce_test_fault_pending(void)
{
	int n = 0;
	for (int k = 0; k < NOPS; k++)
		n += state.arms[k].at != 0;
	return n;
}

void ce_test_fault_conflicts(int on)
{
	state.conflicts = on != 0;
}

void ce_test_fault_wrap(const ce_backend *inner)
{
	state.wrapped = inner;
}

int ce_test_fault_register(void)
{
	int rc = ce_backend_register(&ce_test_fault_backend);
	return rc == CE_EEXISTS && ce_backend_find("fault") == &ce_test_fault_backend ? CE_OK : rc;
}

/* Counts a call of op; returns the code to fail it with, or 0. */
static int fire(fault_state *st, enum fault_op op)
{
	const enum fault_op which[2] = { op, OP_ANY };
	int code = 0;
	for (int w = 0; w < 2; w++) {
		int k = which[w];
		st->calls[k]++;
		if (st->arms[k].at && st->calls[k] == st->arms[k].at) {
			st->arms[k].at = 0;
			if (!code)
				code = st->arms[k].code;
		}
	}
	return code;
}

static int injected(fault_conn *f, int code, enum fault_op op)
{
	if (f) {
		f->injected = true;
		snprintf(f->msg, sizeof f->msg, "fault: injected failure of %s (code %d)", op_names[op],
		         code);
	}
	return code;
}

/* Passes an inner result on; an inner failure owns errmsg() again. */
static int pass(fault_conn *f, int rc)
{
	if (f && rc < 0 && rc != CE_ITEROVER)
		f->injected = false;
	return rc;
}

#define INJECT(st, f, op)                           \
	do {                                            \
		int code_ = fire((st), op);                 \
		if (code_)                                  \
			return injected((f), code_, (op));      \
	} while (0)

/* ---- connections ----------------------------------------------------- */

/* Opens inner through the entry point its version has. */
static int open_inner(const ce_backend *inner, ce_backend_conn **out,
                      const ce_backend_open_options *opts)
{
	if (inner->version >= 3 && inner->connect)
		return inner->connect(out, opts);
	return inner->open(out, opts->location, opts->schema, opts->flags, opts->busy_timeout_ms,
	                   opts->errbuf, opts->errbuf_size);
}

static int fault_connect(ce_backend_conn **out, const ce_backend_open_options *opts)
{
	fault_state *st = opts->data;
	char *errbuf = opts->errbuf;
	size_t errbuf_size = opts->errbuf_size;
	const ce_backend *inner = st->wrapped ? st->wrapped : ce_backend_find("memory");
	int code = fire(st, OP_OPEN);
	const char *why = code ? "fault: injected failure of open"
	                : !inner ? "fault: no inner backend"
	                         : NULL;
	if (why) {
		if (errbuf && errbuf_size)
			snprintf(errbuf, errbuf_size, "%s", why);
		return code ? code : CE_EINVALID;
	}
	fault_conn *f = calloc(1, sizeof *f);
	if (!f) {
		if (errbuf && errbuf_size)
			snprintf(errbuf, errbuf_size, "fault: out of memory");
		return CE_ENOMEM;
	}
	ce_backend_open_options inner_opts = *opts;
	inner_opts.data = inner->version >= 3 ? inner->data : NULL;
	int rc = open_inner(inner, &f->conn, &inner_opts);
	if (rc != CE_OK) {
		free(f);
		return rc;
	}
	f->st = st;
	f->inner = inner;
	*out = (ce_backend_conn *)(void *)f;
	return CE_OK;
}

static void fault_close(ce_backend_conn *conn)
{
	fault_conn *f = FC(conn);
	if (!f)
		return;
	for (fault_cursor *c = f->cursors; c; c = c->next)
		c->f = NULL;
	f->inner->close(f->conn);
	free(f);
}

static const char *fault_errmsg(ce_backend_conn *conn)
{
	fault_conn *f = FC(conn);
	if (!f)
		return "fault: no connection";
	return f->injected ? f->msg : f->inner->errmsg(f->conn);
}

#define FORWARD0(name, op)                                       \
	static int fault_##name(ce_backend_conn *conn)               \
	{                                                            \
		fault_conn *f = FC(conn);                                \
		INJECT(f->st, f, op);                                           \
		return pass(f, f->inner->name(f->conn));                 \
	}

FORWARD0(begin, OP_BEGIN)
FORWARD0(commit, OP_COMMIT)
FORWARD0(rollback, OP_ROLLBACK)
FORWARD0(savepoint, OP_SAVEPOINT)
FORWARD0(release, OP_RELEASE)
FORWARD0(rollback_to, OP_ROLLBACK_TO)

/* ---- rows and queries -------------------------------------------------- */

static int fault_insert(ce_backend_conn *conn, const ce_table_def *table, const ce_value *row,
                        int64_t *out_id)
{
	fault_conn *f = FC(conn);
	INJECT(f->st, f, OP_INSERT);
	return pass(f, f->inner->insert(f->conn, table, row, out_id));
}

static int fault_fetch(ce_backend_conn *conn, const ce_table_def *table, int64_t id, ce_value *row)
{
	fault_conn *f = FC(conn);
	INJECT(f->st, f, OP_FETCH);
	return pass(f, f->inner->fetch(f->conn, table, id, row));
}

static int fault_update(ce_backend_conn *conn, const ce_table_def *table, int64_t id,
                        const ce_value *row)
{
	fault_conn *f = FC(conn);
	INJECT(f->st, f, OP_UPDATE);
	return pass(f, f->inner->update(f->conn, table, id, row));
}

/* An update that keeps every key: the inner backend's own way when it has
 * one (version 9), armed and counted as any update. */
static int fault_update_keys_kept(ce_backend_conn *conn, const ce_table_def *table, int64_t id,
                                  const ce_value *row)
{
	fault_conn *f = FC(conn);
	const ce_backend *b = f->inner;
	INJECT(f->st, f, OP_UPDATE);
	return pass(f, b->version >= 9 && b->update_keys_kept
	                   ? b->update_keys_kept(f->conn, table, id, row)
	                   : b->update(f->conn, table, id, row));
}

static int fault_remove(ce_backend_conn *conn, const ce_table_def *table, int64_t id)
{
	fault_conn *f = FC(conn);
	INJECT(f->st, f, OP_REMOVE);
	return pass(f, f->inner->remove(f->conn, table, id));
}

static int fault_find_first(ce_backend_conn *conn, const ce_table_def *table,
                            const ce_query *query, int64_t *out_id)
{
	fault_conn *f = FC(conn);
	INJECT(f->st, f, OP_FIND_FIRST);
	return pass(f, f->inner->find_first(f->conn, table, query, out_id));
}

static int fault_scan_open(ce_backend_cursor **out, ce_backend_conn *conn,
                           const ce_table_def *table, const ce_query *query)
{
	fault_conn *f = FC(conn);
	*out = NULL;
	INJECT(f->st, f, OP_SCAN_OPEN);
	fault_cursor *c = calloc(1, sizeof *c);
	if (!c) {
		f->injected = true;
		snprintf(f->msg, sizeof f->msg, "fault: out of memory");
		return CE_ENOMEM;
	}
	int rc = pass(f, f->inner->scan_open(&c->cursor, f->conn, table, query));
	if (rc != CE_OK) {
		free(c);
		return rc;
	}
	c->st = f->st;
	c->f = f;
	c->inner = f->inner;
	c->next = f->cursors;
	if (c->next)
		c->next->prev = c;
	f->cursors = c;
	*out = (ce_backend_cursor *)(void *)c;
	return CE_OK;
}

static int fault_scan_next(ce_backend_cursor *cursor, int64_t *out_id, ce_value *row)
{
	fault_cursor *c = (fault_cursor *)(void *)cursor;
	INJECT(c->st, c->f, OP_SCAN_NEXT);
	return pass(c->f, c->inner->scan_next(c->cursor, out_id, row));
}

static void fault_scan_close(ce_backend_cursor *cursor)
{
	fault_cursor *c = (fault_cursor *)(void *)cursor;
	if (!c)
		return;
	if (c->f) {
		if (c->prev)
			c->prev->next = c->next;
		else
			c->f->cursors = c->next;
		if (c->next)
			c->next->prev = c->prev;
	}
	c->inner->scan_close(c->cursor);
	free(c);
}

static int fault_count(ce_backend_conn *conn, const ce_table_def *table, const ce_query *query,
                       int64_t *out)
{
	fault_conn *f = FC(conn);
	INJECT(f->st, f, OP_COUNT);
	if (f->inner->count)
		return pass(f, f->inner->count(f->conn, table, query, out));

	/* The inner backend leaves counting to the core: do what the core would. */
	ce_backend_cursor *cur;
	ce_value *row = malloc(((size_t)table->ncolumns + 1) * sizeof *row);
	int64_t n = 0, id;
	int rc = row ? f->inner->scan_open(&cur, f->conn, table, query) : CE_ENOMEM;
	if (rc == CE_OK) {
		while ((rc = f->inner->scan_next(cur, &id, row)) == CE_OK)
			n++;
		f->inner->scan_close(cur);
		if (rc == CE_ITEROVER) {
			rc = CE_OK;
			*out = n;
		}
	}
	free(row);
	return pass(f, rc);
}

/* Reports pass through to an inner backend that computes them (SQLite),
 * so their failure paths can be injected too. */
static int fault_report(ce_table **out, ce_backend_conn *conn, const char *name,
                        const ce_report_filter *filter)
{
	fault_conn *f = FC(conn);
	INJECT(f->st, f, OP_REPORT);
	if (f->inner->version < 2 || !f->inner->report)
		return CE_ENOTSUPPORTED;
	return pass(f, f->inner->report(out, f->conn, name, filter));
}

/* A report read a row at a time: the inner backend's, wrapped so that
 * its steps can fail too. */
typedef struct fault_report_cursor {
	fault_conn *f;
	ce_backend_report *inner;
} fault_report_cursor;

static int fault_report_open(ce_backend_report **out, const ce_table **rows,
                             ce_backend_conn *conn, const char *name,
                             const ce_report_filter *filter)
{
	fault_conn *f = FC(conn);
	*out = NULL;
	*rows = NULL;
	INJECT(f->st, f, OP_REPORT_OPEN);
	if (f->inner->version < 6 || !f->inner->report_open)
		return CE_ENOTSUPPORTED;
	fault_report_cursor *r = calloc(1, sizeof *r);
	if (!r)
		return CE_ENOMEM;
	r->f = f;
	int rc = pass(f, f->inner->report_open(&r->inner, rows, f->conn, name, filter));
	if (rc != CE_OK) {
		free(r);
		return rc;
	}
	*out = (ce_backend_report *)(void *)r;
	return CE_OK;
}

static int fault_report_next(ce_backend_report *report)
{
	fault_report_cursor *r = (fault_report_cursor *)(void *)report;
	INJECT(r->f->st, r->f, OP_REPORT_NEXT);
	return pass(r->f, r->f->inner->report_next(r->inner));
}

static void fault_report_close(ce_backend_report *report)
{
	fault_report_cursor *r = (fault_report_cursor *)(void *)report;
	if (!r)
		return;
	r->f->inner->report_close(r->inner);
	free(r);
}

/* An injected failure is a lost conflict when so armed; the inner
 * backend's own failures are its to judge. */
static int fault_retryable(ce_backend_conn *conn)
{
	fault_conn *f = FC(conn);
	if (f->injected)
		return f->st->conflicts;
	return f->inner->version >= 4 && f->inner->retryable ? f->inner->retryable(f->conn) : 0;
}

/* A key-only read is a fetch to the faults: "fetch" arms both. */
static int fault_exists(ce_backend_conn *conn, const ce_table_def *table, int64_t id)
{
	fault_conn *f = FC(conn);
	INJECT(f->st, f, OP_FETCH);
	if (f->inner->version >= 5 && f->inner->exists)
		return pass(f, f->inner->exists(f->conn, table, id));
	ce_value row[64];
	if (table->ncolumns > 64)
		return CE_EINVALID;
	return pass(f, f->inner->fetch(f->conn, table, id, row));
}

/* An injected failure happens before the inner call: it changes nothing. */
static int fault_atomic_calls(ce_backend_conn *conn)
{
	fault_conn *f = FC(conn);
	return f->inner->version >= 5 && f->inner->atomic_calls ? f->inner->atomic_calls(f->conn) : 0;
}

static int fault_call_without_savepoint(ce_backend_conn *conn)
{
	fault_conn *f = FC(conn);
	const ce_backend *b = f->inner;
	if (b->version >= 7 && (b->call_without_savepoint || b->unique_at_insert))
		return b->call_without_savepoint ? b->call_without_savepoint(f->conn) : 0;
	return fault_atomic_calls(conn) ? CE_BACKEND_CALL_UNDO : 0;
}

static int fault_unique_at_insert(ce_backend_conn *conn)
{
	fault_conn *f = FC(conn);
	const ce_backend *b = f->inner;
	if (b->version >= 7 && (b->call_without_savepoint || b->unique_at_insert))
		return b->unique_at_insert ? b->unique_at_insert(f->conn) : 0;
	return fault_atomic_calls(conn);
}

static int fault_reads_are_remote(ce_backend_conn *conn)
{
	fault_conn *f = FC(conn);
	const ce_backend *b = f->inner;
	return b->version >= 8 && b->reads_are_remote ? b->reads_are_remote(f->conn) : 0;
}

const ce_backend ce_test_fault_backend = {
	CE_BACKEND_VERSION,
	"fault",
	NULL, /* open: connect() below */
	fault_close,
	fault_errmsg,
	fault_begin,
	fault_commit,
	fault_rollback,
	fault_savepoint,
	fault_release,
	fault_rollback_to,
	fault_insert,
	fault_fetch,
	fault_update,
	fault_remove,
	fault_find_first,
	fault_scan_open,
	fault_scan_next,
	fault_scan_close,
	fault_count,
	fault_report,
	&state,
	fault_connect,
	fault_retryable,
	fault_exists,
	fault_atomic_calls,
	fault_report_open,
	fault_report_next,
	fault_report_close,
	fault_call_without_savepoint,
	fault_unique_at_insert,
	fault_reads_are_remote,
	fault_update_keys_kept,
};
