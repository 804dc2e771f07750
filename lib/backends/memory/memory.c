/* The in-memory reference backend ("memory:"): every open() creates a
 * fresh, empty store for any schema, gone at close(). Tables are arrays
 * of rows sorted by id; writes inside a transaction are journalled for
 * undo (undo.c); queries are matched with SQL meaning (query.c).
 *
 * Lifetime of returned strings: a row filled by fetch() or scan_next()
 * points at the stored copies, which live until that row is updated or
 * removed, or a rollback undoes its last write; in any case at least
 * until the next call on the connection (what backend.h promises).
 *
 * A scan remembers the last id it returned and finds the next larger id
 * by binary search on every step, so writes between two scan_next() calls
 * are safe: it sees the rows as they are at each step. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "memory_private.h"

int ce__mem_fail(ce_backend_conn *conn, int code, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(conn->errmsg, sizeof conn->errmsg, fmt, ap);
	va_end(ap);
	return code;
}

/* The stored table for a table definition of the open schema. */
static int table_of(mem_table **out, ce_backend_conn *conn, const ce_table_def *def)
{
	if (!def)
		return ce__mem_fail(conn, CE_EINVALID, "memory: NULL table");
	if (def->index <= 0 || def->index >= conn->schema->ntables ||
	    conn->tables[def->index].def != def)
		return ce__mem_fail(conn, CE_EINVALID, "memory: table %s (index %d) is not in the open schema",
		                    def->name ? def->name : "?", def->index);
	*out = &conn->tables[def->index];
	return CE_OK;
}

static int writable(ce_backend_conn *conn, const char *what, const ce_table_def *def)
{
	if (conn->readonly)
		return ce__mem_fail(conn, CE_EMISUSE, "memory: %s on %s: the store is read-only", what,
		                    def->name);
	return CE_OK;
}

/* ---- connections ----------------------------------------------------- */

static int open_fail(char *errbuf, size_t size, int code, const char *msg)
{
	if (errbuf && size)
		snprintf(errbuf, size, "%s", msg);
	return code;
}

static int schema_valid(const ce_schema *schema)
{
	if (!schema || schema->ntables < 1 || !schema->tables)
		return 0;
	for (int i = 1; i < schema->ntables; i++) {
		const ce_table_def *def = schema->tables[i];
		if (!def || def->index != i || def->ncolumns < 0 || (def->ncolumns && !def->columns))
			return 0;
	}
	return 1;
}

static void mem_close(ce_backend_conn *conn);

static int mem_connect(ce_backend_conn **out, const ce_backend_open_options *opts)
{
	/* every store is new and private to its connection: no location */
	const ce_schema *schema = opts->schema;
	unsigned int flags = opts->flags;
	char *errbuf = opts->errbuf;
	size_t errbuf_size = opts->errbuf_size;
	if (errbuf && errbuf_size)
		errbuf[0] = '\0';
	if (!out)
		return open_fail(errbuf, errbuf_size, CE_EINVALID, "memory: NULL connection pointer");
	*out = NULL;
	if (!schema_valid(schema))
		return open_fail(errbuf, errbuf_size, CE_EINVALID,
		                 "memory: the schema is NULL or a table is missing or misnumbered");

	ce_backend_conn *conn = ce__mem_alloc(sizeof *conn);
	mem_table *tables = ce__mem_alloc((size_t)schema->ntables * sizeof *tables);
	if (!conn || !tables) {
		free(conn);
		free(tables);
		return open_fail(errbuf, errbuf_size, CE_ENOMEM, "memory: out of memory opening a store");
	}
	memset(conn, 0, sizeof *conn);
	memset(tables, 0, (size_t)schema->ntables * sizeof *tables);
	conn->schema = schema;
	conn->tables = tables;
	for (int i = 1; i < schema->ntables; i++) {
		tables[i].def = schema->tables[i];
		tables[i].next_id = 1;
		if (ce__mem_index_init(&tables[i]) != CE_OK) {
			mem_close(conn);
			return open_fail(errbuf, errbuf_size, CE_ENOMEM, "memory: out of memory opening a store");
		}
	}
	conn->readonly = (flags & CE_OPEN_READONLY) != 0;
	*out = conn;
	return CE_OK;
}

static void mem_close(ce_backend_conn *conn)
{
	if (!conn)
		return;
	/* Open scans outlive us only as detached cursors that report misuse. */
	for (ce_backend_cursor *c = conn->cursors; c; c = c->next)
		c->conn = NULL;
	ce__mem_journal_drop(conn);  /* discards an open transaction */
	free(conn->journal);
	for (int i = 1; i < conn->schema->ntables; i++) {
		mem_table *t = &conn->tables[i];
		for (size_t r = 0; r < t->nrows; r++)
			ce__mem_free_values(t->def, t->rows[r].values);
		free(t->rows);
		ce__mem_index_free(t);
	}
	free(conn->tables);
	free(conn);
}

static const char *mem_errmsg(ce_backend_conn *conn)
{
	return conn ? conn->errmsg : "memory: no connection";
}

/* ---- rows ------------------------------------------------------------ */

static int not_found(ce_backend_conn *conn, const mem_table *t, int64_t id)
{
	return ce__mem_fail(conn, CE_ENOTFOUND, "memory: %s has no row with id %lld", t->def->name,
	                    (long long)id);
}

static int mem_insert(ce_backend_conn *conn, const ce_table_def *def, const ce_value *row,
                      int64_t *out_id)
{
	mem_table *t;
	ce_value *values;
	int rc;

	if ((rc = table_of(&t, conn, def)) != CE_OK || (rc = writable(conn, "insert", def)) != CE_OK)
		return rc;
	if (!row)
		return ce__mem_fail(conn, CE_EINVALID, "memory: insert into %s: NULL row", def->name);
	if (t->next_id == INT64_MAX)
		return ce__mem_fail(conn, CE_EBACKEND, "memory: %s has run out of ids", def->name);
	if ((rc = ce__mem_copy_values(&values, conn, def, row)) != CE_OK)
		return rc;
	/* Everything that can fail happens before the store changes. */
	if (ce__mem_reserve(t) != CE_OK || ce__mem_journal_reserve(conn) != CE_OK ||
	    ce__mem_index_reserve(t) != CE_OK) {
		ce__mem_free_values(def, values);
		return ce__mem_fail(conn, CE_ENOMEM, "memory: out of memory inserting into %s", def->name);
	}
	mem_row r = { t->next_id++, values };
	ce__mem_place(t, r);
	ce__mem_index_add(t, r.id, values);
	ce__mem_journal_add(conn, MEM_UNDO_INSERT, def->index, r.id, NULL);
	if (out_id)
		*out_id = r.id;
	return CE_OK;
}

static int mem_fetch(ce_backend_conn *conn, const ce_table_def *def, int64_t id, ce_value *row)
{
	mem_table *t;
	int rc = table_of(&t, conn, def);
	if (rc != CE_OK)
		return rc;
	ptrdiff_t i = ce__mem_find(t, id);
	if (i < 0)
		return not_found(conn, t, id);
	if (row)
		memcpy(row, t->rows[i].values, (size_t)def->ncolumns * sizeof *row);
	return CE_OK;
}

static int mem_update(ce_backend_conn *conn, const ce_table_def *def, int64_t id,
                      const ce_value *row)
{
	mem_table *t;
	ce_value *values;
	int rc;

	if ((rc = table_of(&t, conn, def)) != CE_OK || (rc = writable(conn, "update", def)) != CE_OK)
		return rc;
	if (!row)
		return ce__mem_fail(conn, CE_EINVALID, "memory: update of %s: NULL row", def->name);
	ptrdiff_t i = ce__mem_find(t, id);
	if (i < 0)
		return not_found(conn, t, id);
	/* Copy first: row may point at this row's own stored strings. */
	if ((rc = ce__mem_copy_values(&values, conn, def, row)) != CE_OK)
		return rc;
	if ((rc = ce__mem_journal_reserve(conn)) != CE_OK) {
		ce__mem_free_values(def, values);
		return rc;
	}
	if (ce__mem_index_reserve(t) != CE_OK) {
		ce__mem_free_values(def, values);
		return ce__mem_fail(conn, CE_ENOMEM, "memory: out of memory updating %s", def->name);
	}
	ce_value *old = t->rows[i].values;
	ce__mem_index_remove(t, id, old);
	t->rows[i].values = values;
	ce__mem_index_add(t, id, values);
	ce__mem_journal_add(conn, MEM_UNDO_UPDATE, def->index, id, old);
	return CE_OK;
}

static int mem_remove(ce_backend_conn *conn, const ce_table_def *def, int64_t id)
{
	mem_table *t;
	int rc;

	if ((rc = table_of(&t, conn, def)) != CE_OK || (rc = writable(conn, "remove", def)) != CE_OK)
		return rc;
	ptrdiff_t i = ce__mem_find(t, id);
	if (i < 0)
		return not_found(conn, t, id);
	if ((rc = ce__mem_journal_reserve(conn)) != CE_OK)
		return rc;
	mem_row r = ce__mem_take(t, (size_t)i);
	ce__mem_index_remove(t, id, r.values);
	ce__mem_journal_add(conn, MEM_UNDO_REMOVE, def->index, id, r.values);
	return CE_OK;
}

/* ---- queries --------------------------------------------------------- */

static int mem_find_first(ce_backend_conn *conn, const ce_table_def *def, const ce_query *query,
                          int64_t *out_id)
{
	mem_table *t;
	int rc;

	int64_t first, n;
	if ((rc = table_of(&t, conn, def)) != CE_OK || (rc = ce__mem_query_check(conn, t, query)) != CE_OK)
		return rc;
	if (ce__mem_index_lookup(conn, t, query, &first, &n)) {
		if (n && out_id)
			*out_id = first;
		return n ? CE_OK
		         : ce__mem_fail(conn, CE_ENOTFOUND, "memory: no %s row matches the query", def->name);
	}
	for (size_t i = 0; i < t->nrows; i++) {
		if (ce__mem_match(conn, t, &t->rows[i], query)) {
			if (out_id)
				*out_id = t->rows[i].id;
			return CE_OK;
		}
	}
	return ce__mem_fail(conn, CE_ENOTFOUND, "memory: no %s row matches the query", def->name);
}

static int mem_count(ce_backend_conn *conn, const ce_table_def *def, const ce_query *query,
                     int64_t *out)
{
	mem_table *t;
	int rc;
	int64_t n = 0;

	int64_t first;
	if ((rc = table_of(&t, conn, def)) != CE_OK || (rc = ce__mem_query_check(conn, t, query)) != CE_OK)
		return rc;
	if (!ce__mem_index_lookup(conn, t, query, &first, &n))
		for (size_t i = 0; i < t->nrows; i++)
			n += ce__mem_match(conn, t, &t->rows[i], query);
	if (out)
		*out = n;
	return CE_OK;
}

static int mem_scan_open(ce_backend_cursor **out, ce_backend_conn *conn,
                         const ce_table_def *def, const ce_query *query)
{
	mem_table *t;
	int rc;

	if (!out)
		return ce__mem_fail(conn, CE_EINVALID, "memory: scan: NULL cursor pointer");
	*out = NULL;
	if ((rc = table_of(&t, conn, def)) != CE_OK || (rc = ce__mem_query_check(conn, t, query)) != CE_OK)
		return rc;
	ce_backend_cursor *c = ce__mem_alloc(sizeof *c);
	if (!c)
		return ce__mem_fail(conn, CE_ENOMEM, "memory: out of memory starting a scan of %s", def->name);
	memset(c, 0, sizeof *c);
	if (ce__mem_query_copy(&c->query, conn, t, query) != CE_OK) {
		free(c);
		return ce__mem_fail(conn, CE_ENOMEM, "memory: out of memory copying a query on %s", def->name);
	}
	c->conn = conn;
	c->table = def->index;
	c->next = conn->cursors;
	if (c->next)
		c->next->prev = c;
	conn->cursors = c;
	*out = c;
	return CE_OK;
}

static int mem_scan_next(ce_backend_cursor *c, int64_t *out_id, ce_value *row)
{
	if (!c || !c->conn)
		return CE_EMISUSE;  /* its connection is closed: nowhere to put a message */
	if (c->done)
		return CE_ITEROVER;
	const mem_table *t = &c->conn->tables[c->table];
	for (size_t i = ce__mem_upper(t, c->last_id); i < t->nrows; i++) {
		const mem_row *r = &t->rows[i];
		if (ce__mem_match(c->conn, t, r, &c->query)) {
			c->last_id = r->id;
			if (out_id)
				*out_id = r->id;
			if (row)
				memcpy(row, r->values, (size_t)t->def->ncolumns * sizeof *row);
			return CE_OK;
		}
	}
	c->done = true;  /* stays over, even if larger ids are inserted later */
	return CE_ITEROVER;
}

static void mem_scan_close(ce_backend_cursor *c)
{
	if (!c)
		return;
	if (c->conn) {
		if (c->prev)
			c->prev->next = c->next;
		else
			c->conn->cursors = c->next;
		if (c->next)
			c->next->prev = c->prev;
	}
	ce__mem_query_free(&c->query);
	free(c);
}

const ce_backend ce__memory_backend = {
	CE_BACKEND_VERSION,
	"memory",
	NULL, /* open: connect() below */
	mem_close,
	mem_errmsg,
	ce__mem_begin,
	ce__mem_commit,
	ce__mem_rollback,
	ce__mem_savepoint,
	ce__mem_release,
	ce__mem_rollback_to,
	mem_insert,
	mem_fetch,
	mem_update,
	mem_remove,
	mem_find_first,
	mem_scan_open,
	mem_scan_next,
	mem_scan_close,
	mem_count,
	NULL, /* report: the core computes every report from the rows */
	NULL, /* data */
	mem_connect,
	NULL, /* retryable: one writer, no conflicts */
	NULL, /* exists: a fetch is a lookup already */
	NULL, /* atomic_calls: savepoints are an undo log here, as cheap */
	/* report_open, _next, _close: no report is computed here, so a report
	 * cursor reads the core's table (the rows are in memory already) */
	NULL,
	NULL,
	NULL,
	NULL, /* call_without_savepoint, unique_at_insert: as atomic_calls */
	NULL,
	NULL, /* reads_are_remote: a read is a lookup in this process */
	NULL, /* update_keys_kept: an update is written in place at once */
};
