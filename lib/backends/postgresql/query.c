/* ce_query as SQL, through the shared SQL layer's text (sql_query.h): the
 * text depends only on the query's shape, so it doubles as the
 * prepared-statement cache key; values travel as text parameters. A scan
 * reads its whole result at once: libpq's single-row
 * mode would tie up the connection while a caller interleaves other calls
 * with an open iterator. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "backends/sql/sql_query.h"
#include "pg_internal.h"

/* The parameters of one query: at most two per condition. */
typedef struct params {
	int n;
	const char *values[2 * CE_MAX_QUERY_PARAMS];
	char bufs[2 * CE_MAX_QUERY_PARAMS][64];
} params;

/* A condition's operand: a value that cannot be stored (an ENUM out of
 * range, a date past 9999) matches nothing, as NULL does. An ENUM range
 * compares values, so its bounds travel as integers. */
static int operand(void *arg, int n, const ce_column_def *col, const ce_value *v, int bound_side)
{
	params *p = arg;
	char *buf = p->bufs[n - 1];
	const char *text = NULL;
	if (bound_side && col->type == CE_TYPE_ENUM) {
		snprintf(buf, 64, "%lld", (long long)v->i);
		text = buf;
	} else if (ce__pg_value_text(&text, buf, col, v) != CE_OK) {
		text = NULL;
	}
	p->values[n - 1] = text;
	p->n = n;
	return CE_OK;
}

static int run_query(PGresult **res, ce_backend_conn *conn, const ce_table_def *table,
                     const ce_query *query, enum ce_sql_query_kind kind)
{
	ce_sql_conn c;
	ce_sqlbuf b = { 0 };
	params p = { 0 };
	if (query && query->nconditions > CE_MAX_QUERY_PARAMS)
		return ce__pg_error(conn, CE_EINVALID, "query on %s: more than %d conditions", table->name,
		                    CE_MAX_QUERY_PARAMS);
	ce__pg_sql_conn(&c, conn);
	int rc = ce__sql_query_text(&b, &c, table, query, kind);
	if (rc == CE_OK)
		rc = ce__sql_query_operands(&c, table, query, operand, &p);
	/* a link condition reads its link table too: every buffer goes first */
	const ce_table_def *only = table;
	for (unsigned i = 0; query && i < query->nconditions; i++)
		if (query->conditions[i].op == CE_COND_LINK)
			only = NULL;
	/* none of the table's rows waiting can be selected (a scan of the
	 * dependencies of one subtopic): they keep waiting */
	if (rc == CE_OK && only && !ce__pg_batch_may_match(conn, table, query))
		rc = ce__pg_run_kept(res, conn, b.p, p.n, p.values, table->name);
	else if (rc == CE_OK)
		rc = ce__pg_run_on(res, conn, only, b.p, p.n, p.values, table->name);
	ce__sqlbuf_free(&b);
	return rc;
}

int ce__pg_find_first(ce_backend_conn *conn, const ce_table_def *table, const ce_query *query,
                      int64_t *out_id)
{
	PGresult *res;
	int rc = run_query(&res, conn, table, query, CE_SQL_QUERY_FIRST);
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
	int rc = run_query(&res, conn, table, query, CE_SQL_QUERY_COUNT);
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
	int rc = run_query(&cur->res, conn, table, query, CE_SQL_QUERY_SCAN);
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
