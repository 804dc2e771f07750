/* Rows inserted inside the caller's transaction, several per statement.
 * An insert there takes an id reserved ahead (pipeline.c), so nothing of
 * its answer is needed: its values are kept in its table's buffer as
 * array literals, and the buffer goes to the server as one
 *   INSERT INTO t (id, ...) SELECT * FROM unnest($1::bigint[], ...)
 * whose parse, plan and execution serve all its rows. The buffers are sent
 * before any other statement is sent or any answer awaited (a read, the
 * commit, a savepoint, a DELETE), tables whose rows others refer to first,
 * so every foreign key finds its row; and when one holds CE_PG_BATCH_ROWS
 * rows or all hold CE_PG_BATCH_BYTES. Before an UPDATE of a table only
 * its own buffer and those of the tables it refers to need go (the row
 * and whatever its new values refer to): a lifecycle move, frequent in a
 * load, then leaves the other tables' rows waiting. The reservation of
 * ids ahead reads nothing they hold, and sends none. A refused batch
 * fails the transaction as any write sent ahead does, with the server's
 * message and the table's name. */
#include <stdlib.h>
#include <string.h>

#include "pg_internal.h"

struct ce_pg_batch {
	ce_sqlbuf *cols; /* [ncolumns + 1]: "{" and the elements so far; id first */
	char *sql;
	int n;
};

/* One element of an array literal: NULL, or the text quoted with '"' and
 * '\' escaped (quoted, any text reads back as itself). */
static void put_element(ce_sqlbuf *b, bool first, const char *v)
{
	if (!first)
		ce__sqlbuf_addn(b, ",", 1);
	if (!v) {
		ce__sqlbuf_addn(b, "NULL", 4);
		return;
	}
	ce__sqlbuf_addn(b, "\"", 1);
	for (const char *run = v;;) {
		size_t n = strcspn(run, "\"\\");
		ce__sqlbuf_addn(b, run, n);
		if (!run[n])
			break;
		ce__sqlbuf_addn(b, "\\", 1);
		ce__sqlbuf_addn(b, run + n, 1);
		run += n + 1;
	}
	ce__sqlbuf_addn(b, "\"", 1);
}

/* Tables in an order where every table comes after those it refers to (a
 * reference to itself aside: a statement's rows are checked at its end).
 * A table in a cycle of references is not buffered: its rows are sent one
 * by one, after every buffer. */
static int order_tables(ce_backend_conn *conn)
{
	const ce_schema *s = conn->schema;
	int n = s->ntables;
	unsigned char *state = calloc((size_t)n, 1); /* 0 new, 1 open, 2 done */
	int *stack = malloc((size_t)n * 2 * sizeof *stack);
	conn->batch_order = malloc((size_t)n * sizeof *conn->batch_order);
	conn->batch_off = calloc((size_t)n, 1);
	conn->batches = calloc((size_t)n, sizeof *conn->batches);
	if (!state || !stack || !conn->batch_order || !conn->batch_off || !conn->batches) {
		free(state);
		free(stack);
		ce__pg_batch_free(conn); /* all or none: the next call tries again */
		return ce__pg_error(conn, CE_ENOMEM, "out of memory");
	}
	int norder = 0;
	for (int root = 1; root < n; root++) {
		if (state[root])
			continue;
		/* depth first, by hand: (table, next column to look at) */
		int top = 0;
		stack[0] = root;
		stack[1] = 0;
		state[root] = 1;
		while (top >= 0) {
			int t = stack[2 * top], *c = &stack[2 * top + 1];
			const ce_table_def *td = s->tables[t];
			if (*c < td->ncolumns) {
				const ce_column_def *col = &td->columns[(*c)++];
				int r = col->ref;
				if (col->type != CE_TYPE_REF || r == t || r <= 0 || r >= n)
					continue;
				if (state[r] == 1) { /* a cycle: every table on it is left out */
					for (int k = top; k >= 0 && stack[2 * k] != r; k--)
						conn->batch_off[stack[2 * k]] = 1;
					conn->batch_off[r] = 1;
				} else if (state[r] == 0) {
					state[r] = 1;
					top++;
					stack[2 * top] = r;
					stack[2 * top + 1] = 0;
				}
				continue;
			}
			state[t] = 2;
			conn->batch_order[norder++] = t;
			top--;
		}
	}
	conn->nbatch_order = norder;
	free(state);
	free(stack);
	return CE_OK;
}

/* The statement of t's buffer and its empty array literals, made once. */
static int batch_init(ce_backend_conn *conn, const ce_table_def *t, ce_pg_batch **out)
{
	ce_pg_batch *bt = &conn->batches[t->index];
	*out = bt;
	if (bt->sql)
		return CE_OK;
	ce_sqlbuf b = { 0 };
	ce__sqlbuf_add(&b, "INSERT INTO ");
	ce__pg_ident(&b, t->name);
	ce__sqlbuf_add(&b, " (id");
	for (int c = 0; c < t->ncolumns; c++) {
		ce__sqlbuf_add(&b, ", ");
		ce__pg_ident(&b, t->columns[c].name);
	}
	ce__sqlbuf_add(&b, ") SELECT * FROM unnest($1::bigint[]");
	for (int c = 0; c < t->ncolumns; c++)
		ce__sqlbuf_addf(&b, ", $%d::%s[]", c + 2, ce__pg_storage_type(t->columns[c].type));
	ce__sqlbuf_add(&b, ")");
	bt->cols = calloc((size_t)t->ncolumns + 1, sizeof *bt->cols);
	if (b.failed || !bt->cols) {
		ce__sqlbuf_free(&b);
		free(bt->cols);
		bt->cols = NULL;
		return ce__pg_error(conn, CE_ENOMEM, "%s: out of memory", t->name);
	}
	bt->sql = b.p;
	return CE_OK;
}

bool ce__pg_batchable(ce_backend_conn *conn, const ce_table_def *t)
{
	if (!conn->batch_order && order_tables(conn) != CE_OK)
		return false;
	return !conn->batch_off[t->index];
}

int ce__pg_batch_add(ce_backend_conn *conn, const ce_table_def *t, const char *id,
                     const char *const *values)
{
	ce_pg_batch *bt;
	int rc = batch_init(conn, t, &bt);
	if (rc != CE_OK)
		return rc;
	bool first = bt->n == 0;
	size_t before = 0;
	for (int c = 0; c <= t->ncolumns; c++) {
		before += bt->cols[c].len;
		if (first)
			ce__sqlbuf_addn(&bt->cols[c], "{", 1);
		put_element(&bt->cols[c], first, c ? values[c - 1] : id);
		conn->batch_bytes += bt->cols[c].len;
	}
	conn->batch_bytes -= before;
	for (int c = 0; c <= t->ncolumns; c++)
		if (bt->cols[c].failed) {
			ce__pg_batch_discard(conn);
			return ce__pg_doom(conn, ce__pg_error(conn, CE_ENOMEM, "%s: out of memory", t->name));
		}
	if (bt->n++ == 0)
		conn->nbatched++;
	if (bt->n >= CE_PG_BATCH_ROWS || conn->batch_bytes >= CE_PG_BATCH_BYTES)
		return ce__pg_batch_send(conn);
	return CE_OK;
}

static void batch_reset(ce_backend_conn *conn, const ce_table_def *t, ce_pg_batch *bt)
{
	for (int c = 0; c <= t->ncolumns; c++) {
		conn->batch_bytes -= bt->cols[c].len;
		bt->cols[c].len = 0;
		if (bt->cols[c].p)
			bt->cols[c].p[0] = '\0';
	}
	bt->n = 0;
	conn->nbatched--;
}

/* Marks in want t and every table it refers to, directly or not. */
static void mark_parents(const ce_schema *s, unsigned char *want, int t)
{
	if (want[t])
		return;
	want[t] = 1;
	const ce_table_def *td = s->tables[t];
	for (int c = 0; c < td->ncolumns; c++)
		if (td->columns[c].type == CE_TYPE_REF && td->columns[c].ref > 0 &&
		    td->columns[c].ref < s->ntables)
			mark_parents(s, want, td->columns[c].ref);
}

static int send_some(ce_backend_conn *conn, const unsigned char *want);

int ce__pg_batch_send(ce_backend_conn *conn)
{
	return send_some(conn, NULL);
}

int ce__pg_batch_send_for(ce_backend_conn *conn, const ce_table_def *t)
{
	if (!conn->nbatched || conn->sending_rows)
		return CE_OK;
	unsigned char want[256];
	if (conn->schema->ntables > (int)sizeof want)
		return send_some(conn, NULL);
	memset(want, 0, (size_t)conn->schema->ntables);
	mark_parents(conn->schema, want, t->index);
	return send_some(conn, want);
}

/* Sends the buffers of the tables in want (NULL: all), parents first. */
static int send_some(ce_backend_conn *conn, const unsigned char *want)
{
	if (!conn->nbatched || conn->sending_rows)
		return CE_OK;
	const char *values[CE_MAX_QUERY_PARAMS + 1];
	int rc = CE_OK;
	conn->sending_rows = true;
	for (int i = 0; i < conn->nbatch_order && conn->nbatched; i++) {
		int ti = conn->batch_order[i];
		ce_pg_batch *bt = &conn->batches[ti];
		const ce_table_def *t = conn->schema->tables[ti];
		if (!bt->n || (want && !want[ti]))
			continue;
		if (rc == CE_OK) {
			for (int c = 0; c <= t->ncolumns; c++) {
				ce__sqlbuf_addn(&bt->cols[c], "}", 1);
				conn->batch_bytes += 1; /* as batch_reset() counts it */
				values[c] = bt->cols[c].p;
			}
			rc = bt->cols[0].failed ? ce__pg_error(conn, CE_ENOMEM, "%s: out of memory", t->name)
			                        : ce__pg_send(conn, bt->sql, t->ncolumns + 1, values,
			                                      CE_PG_SEND_CMD, t->name, 0);
		}
		batch_reset(conn, t, bt);
	}
	conn->sending_rows = false;
	/* rows of calls that have returned are lost: the transaction with them */
	if (rc != CE_OK && !conn->doomed)
		ce__pg_doom(conn, rc);
	return rc;
}

void ce__pg_batch_discard(ce_backend_conn *conn)
{
	for (int i = 0; i < conn->nbatch_order && conn->nbatched; i++) {
		ce_pg_batch *bt = &conn->batches[conn->batch_order[i]];
		if (bt->n)
			batch_reset(conn, conn->schema->tables[conn->batch_order[i]], bt);
	}
	conn->nbatched = 0;
	conn->batch_bytes = 0;
}

void ce__pg_batch_free(ce_backend_conn *conn)
{
	for (int t = 1; conn->batches && t < conn->schema->ntables; t++) {
		ce_pg_batch *bt = &conn->batches[t];
		for (int c = 0; bt->cols && c <= conn->schema->tables[t]->ncolumns; c++)
			ce__sqlbuf_free(&bt->cols[c]);
		free(bt->cols);
		free(bt->sql);
	}
	free(conn->batches);
	free(conn->batch_order);
	free(conn->batch_off);
	conn->batches = NULL;
	conn->batch_order = NULL;
	conn->batch_off = NULL;
}
