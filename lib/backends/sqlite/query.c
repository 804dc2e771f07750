/* ce_query as SQL: a conjunction of conditions over the table (alias t),
 * in ascending id order. The SQL text depends only on the query's shape,
 * so it doubles as the statement cache key; values are bound. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sqlite_internal.h"

enum query_kind { Q_SCAN, Q_FIRST, Q_COUNT };

static int invalid(ce_backend_conn *conn, const ce_table_def *table, unsigned int i,
                   const char *why)
{
	return ce__sqlite_error(conn, CE_EINVALID, "query on %s: condition %u: %s", table->name, i, why);
}

/* The link table of a link condition, or NULL if the link is malformed. */
static const ce_table_def *link_table(ce_backend_conn *conn, const ce_link_def *link)
{
	if (!link || link->table <= 0 || link->table >= conn->schema->ntables)
		return NULL;
	const ce_table_def *lt = conn->schema->tables[link->table];
	if (!lt || link->self_column < 0 || link->self_column >= lt->ncolumns ||
	    link->other_column < 0 || link->other_column >= lt->ncolumns)
		return NULL;
	return lt;
}

static void column_ref(ce_sqlbuf *b, const char *alias, const ce_column_def *col)
{
	ce__sqlbuf_add(b, alias);
	ce__sqlbuf_add(b, ".");
	ce__sqlbuf_ident(b, col->name);
}

/* Enums are stored as tokens; a range compares their values. */
static void range_operand(ce_sqlbuf *b, const ce_column_def *col)
{
	if (col->type != CE_TYPE_ENUM) {
		column_ref(b, "t", col);
		return;
	}
	ce__sqlbuf_add(b, "(CASE ");
	column_ref(b, "t", col);
	for (int v = 1; v < col->ntokens; v++) {
		if (!col->tokens[v])
			continue;
		ce__sqlbuf_add(b, " WHEN ");
		ce__sqlbuf_literal(b, col->tokens[v]);
		ce__sqlbuf_addf(b, " THEN %d", v);
	}
	ce__sqlbuf_add(b, " END)");
}

static int condition_sql(ce_sqlbuf *b, ce_backend_conn *conn, const ce_table_def *table,
                         const ce_condition *cond, unsigned int i)
{
	const ce_column_def *col = NULL;
	if (cond->op != CE_COND_LINK) {
		if (cond->column < 0 || cond->column >= table->ncolumns)
			return invalid(conn, table, i, "no such column");
		col = &table->columns[cond->column];
	}
	switch (cond->op) {
	case CE_COND_EQ:
		/* as in SQL, nothing equals NULL (a bound NULL matches no row) */
		column_ref(b, "t", col);
		ce__sqlbuf_add(b, " = ?");
		return CE_OK;
	case CE_COND_RANGE:
		if (cond->low.null && cond->high.null) {
			column_ref(b, "t", col);
			ce__sqlbuf_add(b, " IS NOT NULL");
			return CE_OK;
		}
		range_operand(b, col);
		ce__sqlbuf_add(b, cond->low.null ? " <= ?" : cond->high.null ? " >= ?" : " BETWEEN ? AND ?");
		return CE_OK;
	case CE_COND_NULL:
		column_ref(b, "t", col);
		ce__sqlbuf_add(b, " IS NULL");
		return CE_OK;
	case CE_COND_LINK: {
		const ce_table_def *lt = link_table(conn, cond->link);
		char alias[16];
		if (!lt)
			return invalid(conn, table, i, "malformed link");
		snprintf(alias, sizeof alias, "l%u", i);
		ce__sqlbuf_add(b, "EXISTS (SELECT 1 FROM ");
		ce__sqlbuf_ident(b, lt->name);
		ce__sqlbuf_addf(b, " AS %s WHERE ", alias);
		column_ref(b, alias, &lt->columns[cond->link->self_column]);
		ce__sqlbuf_add(b, " = t.id AND ");
		column_ref(b, alias, &lt->columns[cond->link->other_column]);
		ce__sqlbuf_add(b, " = ?)");
		return CE_OK;
	}
	}
	return invalid(conn, table, i, "unknown operator");
}

static int build(ce_sqlbuf *b, ce_backend_conn *conn, const ce_table_def *table,
                 const ce_query *query, enum query_kind kind)
{
	if (kind == Q_COUNT) {
		ce__sqlbuf_add(b, "SELECT count(*)");
	} else {
		ce__sqlbuf_add(b, "SELECT t.id");
		for (int c = 0; kind == Q_SCAN && c < table->ncolumns; c++) {
			ce__sqlbuf_add(b, ", ");
			column_ref(b, "t", &table->columns[c]);
		}
	}
	ce__sqlbuf_add(b, " FROM ");
	ce__sqlbuf_ident(b, table->name);
	ce__sqlbuf_add(b, " AS t");
	unsigned int n = query ? query->nconditions : 0;
	if (n && !query->conditions)
		return invalid(conn, table, 0, "conditions missing");
	for (unsigned int i = 0; i < n; i++) {
		ce__sqlbuf_add(b, i ? " AND " : " WHERE ");
		int rc = condition_sql(b, conn, table, &query->conditions[i], i);
		if (rc != CE_OK)
			return rc;
	}
	if (kind != Q_COUNT)
		ce__sqlbuf_add(b, kind == Q_FIRST ? " ORDER BY t.id LIMIT 1" : " ORDER BY t.id");
	return b->failed ? ce__sqlite_error(conn, CE_ENOMEM, "query on %s: out of memory", table->name)
	                 : CE_OK;
}

/* Binds the operands in the order build() wrote the placeholders. */
static int bind(ce_backend_conn *conn, sqlite3_stmt *stmt, const ce_table_def *table,
                const ce_query *query)
{
	int idx = 1, rc = CE_OK;
	for (unsigned int i = 0; query && i < query->nconditions && rc == CE_OK; i++) {
		const ce_condition *cond = &query->conditions[i];
		const ce_column_def *col = cond->op == CE_COND_LINK ? NULL : &table->columns[cond->column];
		switch (cond->op) {
		case CE_COND_EQ:
			rc = ce__sqlite_bind_operand(conn, stmt, idx++, col, &cond->low, 0);
			break;
		case CE_COND_RANGE:
			if (!cond->low.null)
				rc = ce__sqlite_bind_operand(conn, stmt, idx++, col, &cond->low, -1);
			if (rc == CE_OK && !cond->high.null)
				rc = ce__sqlite_bind_operand(conn, stmt, idx++, col, &cond->high, 1);
			break;
		case CE_COND_LINK: {
			const ce_table_def *lt = conn->schema->tables[cond->link->table];
			rc = ce__sqlite_bind_operand(conn, stmt, idx++, &lt->columns[cond->link->other_column],
			                             &cond->low, 0);
			break;
		}
		case CE_COND_NULL:
			break;
		}
	}
	return rc;
}

/* ---- the SQL text of a shape ------------------------------------------------ */

/* Unique checks and lookups by key run a few shapes over and over, and
 * writing their SQL (a dozen appends, keyword checks, a malloc) cost about
 * as much as running it. So the text of a shape is kept (stmt.c), keyed by
 * the shape: the kind, the table, and per condition its operator, column
 * (or link), and which bounds of a range are open: exactly what build()
 * reads. The key, or 0 when the shape is not worth keeping. */
static size_t shape_key(unsigned char *key, const ce_table_def *table, int slot,
                        const ce_query *query, enum query_kind kind)
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

/* The SQL of a query: the kept text of its shape, or built (and kept). */
static int query_sql(const char **out, ce_sqlbuf *b, ce_backend_conn *conn,
                     const ce_table_def *table, int slot, const ce_query *query,
                     enum query_kind kind)
{
	unsigned char key[CE_SQLITE_SHAPE_KEY_MAX];
	size_t keylen = shape_key(key, table, slot, query, kind);
	if ((*out = ce__sqlite_kept_sql(conn, key, keylen)) != NULL)
		return CE_OK;
	int rc = build(b, conn, table, query, kind);
	if (rc != CE_OK)
		return rc;
	*out = b->p;
	ce__sqlite_keep_sql(conn, key, keylen, b->p);
	return CE_OK;
}

/* Leases the statement of a query, bound. */
static int prepare_query(ce_sqlite_lease *lease, ce_backend_conn *conn, const ce_table_def *table,
                         const ce_query *query, enum query_kind kind)
{
	ce_sqlbuf b = { 0 };
	const char *sql = NULL;
	int slot = ce__sqlite_table_slot(conn, table);
	int rc = slot < 0 ? CE_EINVALID : query_sql(&sql, &b, conn, table, slot, query, kind);
	if (rc == CE_OK)
		rc = ce__sqlite_lease(lease, conn, sql);
	ce__sqlbuf_free(&b);
	if (rc == CE_OK && (rc = bind(conn, lease->stmt, table, query)) != CE_OK)
		ce__sqlite_unlease(conn, lease);
	return rc;
}

int ce__sqlite_find_first(ce_backend_conn *conn, const ce_table_def *table,
                          const ce_query *query, int64_t *out_id)
{
	ce_sqlite_lease lease;
	int rc = prepare_query(&lease, conn, table, query, Q_FIRST);
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
	int rc = prepare_query(&lease, conn, table, query, Q_COUNT);
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
	ce_backend_cursor *cur = calloc(1, sizeof *cur);
	if (!cur)
		return ce__sqlite_error(conn, CE_ENOMEM, "scan of %s: out of memory",
		                        table ? table->name : "(null)");
	int rc = prepare_query(&cur->lease, conn, table, query, Q_SCAN);
	if (rc != CE_OK) {
		free(cur);
		return rc;
	}
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
	}
	ce__sqlite_textbuf_free(&cur->text);
	free(cur);
}
