/* ce_query on SQLite: the shared SQL layer writes the text (sql_query.h);
 * here its text is kept per shape, its statement leased from the cache,
 * its operands bound, and its rows read. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "backends/sql/sql_query.h"
#include "sqlite_internal.h"

/* The text is the shared SQL layer's (sql_query.h), spelt by SQLite's
 * dialect: "?" parameters, identifiers quoted only when SQLite needs it. */
static int build(ce_sqlbuf *b, ce_backend_conn *conn, const ce_table_def *table,
                 const ce_query *query, enum ce_sql_query_kind kind)
{
	ce_sql_conn c;
	ce__sqlite_sql_conn(&c, conn);
	return ce__sql_query_text(b, &c, table, query, kind);
}

typedef struct bind_ctx {
	ce_backend_conn *conn;
	sqlite3_stmt *stmt;
} bind_ctx;

static int bind_one(void *arg, int n, const ce_column_def *col, const ce_value *v, int bound_side)
{
	bind_ctx *x = arg;
	return ce__sqlite_bind_operand(x->conn, x->stmt, n, col, v, bound_side);
}

/* Binds the operands in the order build() wrote the placeholders. */
static int bind(ce_backend_conn *conn, sqlite3_stmt *stmt, const ce_table_def *table,
                const ce_query *query)
{
	ce_sql_conn c;
	bind_ctx x = { conn, stmt };
	ce__sqlite_sql_conn(&c, conn);
	return ce__sql_query_operands(&c, table, query, bind_one, &x);
}

/* ---- the SQL text of a shape ------------------------------------------------ */

/* Unique checks and lookups by key run a few shapes over and over, and
 * writing their SQL (a dozen appends, keyword checks, a malloc) cost about
 * as much as running it. So the text of a shape is kept (stmt.c), keyed by
 * the shape: the kind, the table, and per condition its operator, column
 * (or link), and which bounds of a range are open: exactly what build()
 * reads. The key, or 0 when the shape is not worth keeping. */
static size_t shape_key(unsigned char *key, const ce_table_def *table, int slot,
                        const ce_query *query, enum ce_sql_query_kind kind)
{
	unsigned int n = query ? query->nconditions : 0;
	size_t k = 0;
	if (n > (CE_SQLITE_SHAPE_KEY_MAX - 4) / 4 || (n && !query->conditions) || slot > 0xffff)
		return 0;
	key[k++] = (unsigned char)kind;
	key[k++] = (unsigned char)(slot & 0xff);
	key[k++] = (unsigned char)(slot >> 8);
	key[k++] = (unsigned char)n;
	for (unsigned int i = 0; i < n; i++) {
		const ce_condition *c = &query->conditions[i];
		int col = c->column;
		if (c->op == CE_COND_LINK) {
			col = -1;
			for (int l = 0; l < table->nlinks; l++)
				if (c->link == &table->links[l])
					col = l;
		}
		if (col < 0 || col > 255 || c->op < CE_COND_EQ || c->op > CE_COND_LINK)
			return 0; /* malformed or unusual: build() says so, or writes it */
		key[k++] = (unsigned char)c->op;
		key[k++] = (unsigned char)col;
		key[k++] = c->op == CE_COND_RANGE && c->low.null;
		key[k++] = c->op == CE_COND_RANGE && c->high.null;
	}
	return k;
}

/* Leases the statement of a query, bound: through the kept text of its
 * shape (and that text's statement), or built (and kept). */
static int prepare_query(ce_sqlite_lease *lease, ce_backend_conn *conn, const ce_table_def *table,
                         const ce_query *query, enum ce_sql_query_kind kind)
{
	unsigned char key[CE_SQLITE_SHAPE_KEY_MAX];
	int slot = ce__sqlite_table_slot(conn, table);
	if (slot < 0)
		return CE_EINVALID;
	size_t keylen = shape_key(key, table, slot, query, kind);
	ce_sqlite_shape_text *kept = ce__sqlite_kept(conn, key, keylen);
	int rc = CE_OK;
	if (kept) {
		rc = ce__sqlite_lease_kept(lease, conn, kept);
	} else {
		ce_sqlbuf b = { 0 };
		if ((rc = build(&b, conn, table, query, kind)) == CE_OK) {
			ce__sqlite_keep_sql(conn, key, keylen, b.p);
			kept = ce__sqlite_kept(conn, key, keylen); /* NULL if not kept */
			rc = kept ? ce__sqlite_lease_kept(lease, conn, kept) : ce__sqlite_lease(lease, conn, b.p);
		}
		ce__sqlbuf_free(&b);
	}
	if (rc == CE_OK && (rc = bind(conn, lease->stmt, table, query)) != CE_OK)
		ce__sqlite_unlease(conn, lease);
	return rc;
}

int ce__sqlite_find_first(ce_backend_conn *conn, const ce_table_def *table,
                          const ce_query *query, int64_t *out_id)
{
	ce_sqlite_lease lease;
	int rc = prepare_query(&lease, conn, table, query, CE_SQL_QUERY_FIRST);
	if (rc != CE_OK)
		return rc;
	int step = sqlite3_step(lease.stmt);
	if (step == SQLITE_ROW)
		*out_id = sqlite3_column_int64(lease.stmt, 0);
	else if (step == SQLITE_DONE)
		rc = ce__sqlite_error(conn, CE_ENOTFOUND, "no %s matches the query", table->name);
	else
		rc = ce__sqlite_fail(conn, step, "query on %s", table->name);
	ce__sqlite_unlease(conn, &lease);
	return rc;
}

int ce__sqlite_count(ce_backend_conn *conn, const ce_table_def *table, const ce_query *query,
                     int64_t *out)
{
	ce_sqlite_lease lease;
	int rc = prepare_query(&lease, conn, table, query, CE_SQL_QUERY_COUNT);
	if (rc != CE_OK)
		return rc;
	int step = sqlite3_step(lease.stmt);
	if (step == SQLITE_ROW)
		*out = sqlite3_column_int64(lease.stmt, 0);
	else
		rc = ce__sqlite_fail(conn, step, "count of %s", table->name);
	ce__sqlite_unlease(conn, &lease);
	return rc;
}

int ce__sqlite_scan_open(ce_backend_cursor **out, ce_backend_conn *conn,
                         const ce_table_def *table, const ce_query *query)
{
	/* the last closed scan's, its text buffer kept: a lookup by key is
	 * one scan, and its allocations showed against a prepared SELECT */
	ce_backend_cursor *cur = conn->spare ? conn->spare : calloc(1, sizeof *cur);
	conn->spare = NULL;
	if (!cur)
		return ce__sqlite_error(conn, CE_ENOMEM, "scan of %s: out of memory",
		                        table ? table->name : "(null)");
	int rc = prepare_query(&cur->lease, conn, table, query, CE_SQL_QUERY_SCAN);
	if (rc != CE_OK) {
		cur->lease = (ce_sqlite_lease){ NULL, NULL };
		conn->spare = cur; /* for the next */
		return rc;
	}
	cur->done = false;
	cur->prev = NULL;
	cur->conn = conn;
	cur->table = table;
	cur->next = conn->cursors;
	if (conn->cursors)
		conn->cursors->prev = cur;
	conn->cursors = cur;
	*out = cur;
	return CE_OK;
}

int ce__sqlite_scan_next(ce_backend_cursor *cur, int64_t *out_id, ce_value *row)
{
	ce_backend_conn *conn = cur->conn;
	if (!conn)
		return CE_EMISUSE; /* its connection is closed: nowhere to leave a message */
	if (cur->done)
		return CE_ITEROVER;
	int step = sqlite3_step(cur->lease.stmt);
	if (step == SQLITE_ROW) {
		*out_id = sqlite3_column_int64(cur->lease.stmt, 0);
		return ce__sqlite_read_row(conn, cur->lease.stmt, 1, cur->table, row, &cur->text);
	}
	/* A finished statement would start over if stepped again. */
	cur->done = true;
	int rc = step == SQLITE_DONE ? CE_ITEROVER
	                             : ce__sqlite_fail(conn, step, "scan of %s", cur->table->name);
	sqlite3_reset(cur->lease.stmt);
	return rc;
}

void ce__sqlite_scan_close(ce_backend_cursor *cur)
{
	if (!cur)
		return;
	ce_backend_conn *conn = cur->conn;
	if (conn) {
		if (cur->prev)
			cur->prev->next = cur->next;
		else
			conn->cursors = cur->next;
		if (cur->next)
			cur->next->prev = cur->prev;
		ce__sqlite_unlease(conn, &cur->lease);
		if (!conn->spare) {
			ce_sqlite_textbuf text = cur->text;
			memset(cur, 0, sizeof *cur);
			cur->text = text;
			conn->spare = cur;
			return;
		}
	}
	ce__sqlite_textbuf_free(&cur->text);
	free(cur);
}

void ce__sqlite_scan_free_spare(ce_backend_conn *conn)
{
	if (conn->spare) {
		ce__sqlite_textbuf_free(&conn->spare->text);
		free(conn->spare);
		conn->spare = NULL;
	}
}
