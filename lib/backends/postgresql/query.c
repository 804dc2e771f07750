/* ce_query as SQL: a conjunction of conditions over the table (alias t),
 * in ascending id order. The text depends only on the query's shape, so it
 * doubles as the prepared-statement cache key; values travel as
 * parameters. A scan reads its whole result at once: libpq's single-row
 * mode would tie up the connection while a caller interleaves other calls
 * with an open iterator. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pg_internal.h"

enum query_kind { Q_SCAN, Q_FIRST, Q_COUNT };

/* The parameters of one query: at most two per condition. */
typedef struct params {
	int n;
	const char *values[2 * CE_MAX_QUERY_PARAMS];
	char bufs[2 * CE_MAX_QUERY_PARAMS][64];
} params;

static int invalid(ce_backend_conn *conn, const ce_table_def *table, unsigned int i,
                   const char *why)
{
	return ce__pg_error(conn, CE_EINVALID, "query on %s: condition %u: %s", table->name, i, why);
}

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
	ce__pg_ident(b, col->name);
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

/* A condition's operand: a value that cannot be stored (an ENUM out of
 * range, a date past 9999) matches nothing, as NULL does. An ENUM range
 * compares values, so its bounds travel as integers. */
static void operand(params *p, const ce_column_def *col, const ce_value *v, bool range)
{
	char *buf = p->bufs[p->n];
	const char *text = NULL;
	if (range && col->type == CE_TYPE_ENUM) {
		snprintf(buf, 64, "%lld", (long long)v->i);
		text = buf;
	} else if (ce__pg_value_text(&text, buf, col, v) != CE_OK) {
		text = NULL;
	}
	p->values[p->n++] = text;
}

static int condition_sql(ce_sqlbuf *b, params *p, ce_backend_conn *conn,
                         const ce_table_def *table, const ce_condition *cond, unsigned int i)
{
	const ce_column_def *col = NULL;
	if (cond->op != CE_COND_LINK) {
		if (cond->column < 0 || cond->column >= table->ncolumns)
			return invalid(conn, table, i, "no such column");
		col = &table->columns[cond->column];
	}
	switch (cond->op) {
	case CE_COND_EQ:
		column_ref(b, "t", col);
		operand(p, col, &cond->low, false);
		ce__sqlbuf_addf(b, " = $%d", p->n);
		return CE_OK;
	case CE_COND_RANGE:
		if (cond->low.null && cond->high.null) {
			column_ref(b, "t", col);
			ce__sqlbuf_add(b, " IS NOT NULL");
			return CE_OK;
		}
		range_operand(b, col);
		if (!cond->low.null) {
			operand(p, col, &cond->low, true);
			ce__sqlbuf_addf(b, " >= $%d", p->n);
		}
		if (!cond->high.null) {
			ce__sqlbuf_add(b, cond->low.null ? "" : " AND ");
			if (!cond->low.null)
				range_operand(b, col);
			operand(p, col, &cond->high, true);
			ce__sqlbuf_addf(b, " <= $%d", p->n);
		}
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
		ce__pg_ident(b, lt->name);
		ce__sqlbuf_addf(b, " AS %s WHERE ", alias);
		column_ref(b, alias, &lt->columns[cond->link->self_column]);
		ce__sqlbuf_add(b, " = t.id AND ");
		column_ref(b, alias, &lt->columns[cond->link->other_column]);
		operand(p, &lt->columns[cond->link->other_column], &cond->low, false);
		ce__sqlbuf_addf(b, " = $%d)", p->n);
		return CE_OK;
	}
	}
	return invalid(conn, table, i, "unknown operator");
}

static int build(ce_sqlbuf *b, params *p, ce_backend_conn *conn, const ce_table_def *table,
                 const ce_query *query, enum query_kind kind)
{
	unsigned int n = query ? query->nconditions : 0;
	p->n = 0;
	if (n && !query->conditions)
		return invalid(conn, table, 0, "conditions missing");
	if (n > CE_MAX_QUERY_PARAMS)
		return invalid(conn, table, n, "too many conditions");
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
	ce__pg_ident(b, table->name);
	ce__sqlbuf_add(b, " AS t");
	for (unsigned int i = 0; i < n; i++) {
		ce__sqlbuf_add(b, i ? " AND " : " WHERE ");
		int rc = condition_sql(b, p, conn, table, &query->conditions[i], i);
		if (rc != CE_OK)
			return rc;
	}
	if (kind != Q_COUNT)
		ce__sqlbuf_add(b, kind == Q_FIRST ? " ORDER BY t.id LIMIT 1" : " ORDER BY t.id");
	return b->failed ? ce__pg_error(conn, CE_ENOMEM, "query on %s: out of memory", table->name)
	                 : CE_OK;
}

static int run_query(PGresult **res, ce_backend_conn *conn, const ce_table_def *table,
                     const ce_query *query, enum query_kind kind)
{
	ce_sqlbuf b = { 0 };
	params p;
	int rc = build(&b, &p, conn, table, query, kind);
	if (rc == CE_OK)
		rc = ce__pg_run(res, conn, b.p, p.n, p.values, table->name);
	ce__sqlbuf_free(&b);
	return rc;
}

int ce__pg_find_first(ce_backend_conn *conn, const ce_table_def *table, const ce_query *query,
                      int64_t *out_id)
{
	PGresult *res;
	int rc = run_query(&res, conn, table, query, Q_FIRST);
	if (rc != CE_OK)
		return rc;
	if (PQntuples(res) == 0)
		rc = CE_ENOTFOUND;
	else if (!ce__pg_parse_int(PQgetvalue(res, 0, 0), out_id))
		rc = ce__pg_error(conn, CE_EBACKEND, "%s: the server sent a bad id", table->name);
	PQclear(res);
	return rc;
}

int ce__pg_count(ce_backend_conn *conn, const ce_table_def *table, const ce_query *query,
                 int64_t *out)
{
	PGresult *res;
	int rc = run_query(&res, conn, table, query, Q_COUNT);
	if (rc != CE_OK)
		return rc;
	if (PQntuples(res) != 1 || !ce__pg_parse_int(PQgetvalue(res, 0, 0), out))
		rc = ce__pg_error(conn, CE_EBACKEND, "%s: the server sent a bad count", table->name);
	PQclear(res);
	return rc;
}

int ce__pg_scan_open(ce_backend_cursor **out, ce_backend_conn *conn, const ce_table_def *table,
                     const ce_query *query)
{
	ce_backend_cursor *cur = calloc(1, sizeof *cur);
	*out = NULL;
	if (!cur)
		return ce__pg_error(conn, CE_ENOMEM, "scan %s: out of memory", table->name);
	int rc = run_query(&cur->res, conn, table, query, Q_SCAN);
	if (rc != CE_OK) {
		free(cur);
		return rc;
	}
	cur->conn = conn;
	cur->table = table;
	cur->nrows = PQntuples(cur->res);
	cur->next = conn->cursors;
	if (cur->next)
		cur->next->prev = cur;
	conn->cursors = cur;
	*out = cur;
	return CE_OK;
}

int ce__pg_scan_next(ce_backend_cursor *cur, int64_t *out_id, ce_value *row)
{
	if (!cur->conn)
		return CE_EMISUSE; /* its connection has closed */
	if (cur->row >= cur->nrows)
		return CE_ITEROVER;
	int r = cur->row++;
	if (!ce__pg_parse_int(PQgetvalue(cur->res, r, 0), out_id))
		return ce__pg_error(cur->conn, CE_EBACKEND, "%s: the server sent a bad id",
		                    cur->table->name);
	return ce__pg_read_row(cur->conn, cur->res, r, 1, cur->table, row, &cur->text);
}

void ce__pg_scan_close(ce_backend_cursor *cur)
{
	if (!cur)
		return;
	if (cur->conn) {
		if (cur->prev)
			cur->prev->next = cur->next;
		else
			cur->conn->cursors = cur->next;
		if (cur->next)
			cur->next->prev = cur->prev;
	}
	PQclear(cur->res);
	ce__pg_textbuf_free(&cur->text);
	free(cur);
}
