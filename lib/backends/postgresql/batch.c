/* Rows inserted inside the caller's transaction, several per statement.
 * An insert there takes an id reserved ahead (pipeline.c), so nothing of
 * its answer is needed: its values are kept in its table's buffer as
 * array literals, and the buffer goes to the server as one
 *   INSERT INTO t (id, ...) SELECT * FROM unnest($1::bigint[], ...)
 * whose parse, plan and execution serve all its rows. The buffers are sent
 * before any other statement is sent or any answer awaited (a read, the
 * commit, a savepoint, a DELETE), tables whose rows others refer to first,
 * so every foreign key finds its row; and when all hold CE_PG_BATCH_BYTES.
 * A buffer holding CE_PG_BATCH_ROWS rows goes with those its rows refer
 * to, the others wait. Before an UPDATE of a table only
 * its own buffer and those of the tables it refers to need go (the row
 * and whatever its new values refer to): a lifecycle move, frequent in a
 * load, then leaves the other tables' rows waiting. The reservation of
 * ids ahead reads nothing they hold, and sends none. A refused batch
 * fails the transaction as any write sent ahead does, with the server's
 * message and the table's name.
 *
 * UPDATEs of rows already sent (lifecycle moves, again frequent in a load)
 * are buffered the same way, per table, one entry per row holding its last
 * values, and go out as one
 *   UPDATE t SET c = v.c, ... FROM unnest($1::bigint[], ...) AS v(id, ...)
 *   WHERE t.id = v.id
 * right after the table's insert buffer, so after every buffer of the
 * tables it refers to (what the new values refer to is stored). What sends
 * every buffer (commit, a savepoint, a DELETE, 2 MiB buffered, a read of
 * several tables) sends them too, a full one of t goes with t's inserts, and a read of t sends t's; a read of a
 * table referring to t, or a row referring to one of t's, needs t's rows
 * stored, not their new values, so t's updates wait then (a cycle check
 * reading subtopic_dependency would otherwise send each subtopic move
 * alone). A statement updating several rows checks a unique key row by
 * row as it goes, so rows whose calls swapped keys through an intermediate
 * value (a -> x, b -> a, x -> b) would, merged into their last states,
 * collide midway, which the backend cannot foresee: every update of a
 * sent row may wait only in a table with no unique key but its id; in
 * one with unique keys only an update that keeps them all (the core says
 * so through update_keys_kept(), backend interface 9: a lifecycle move
 * always), as rows whose keys stay put collide with nothing. An update
 * moving a key of a row whose values wait is sent alone, after them (they
 * go first), so they do not overwrite it. A row deleted behind the
 * library's back is not updated: the statement's row count is checked
 * against the rows sent, and a shortfall fails the transaction naming the
 * table (pipeline.c, CE_PG_SEND_ROWS). */
#include <stdlib.h>
#include <string.h>

#include "pg_internal.h"

/* A row buffered: where its elements start in its table's data. */
typedef struct ce_pg_brow {
	int64_t id;
	size_t off;
} ce_pg_brow;

struct ce_pg_batch {
	char *sql;
	ce_sqlbuf data;   /* each row's ncolumns + 1 array elements, id first, each
	                   * ending in NUL; a row rewritten in place is appended anew */
	ce_pg_brow *rows; /* [cap], as inserted */
	int n, cap;
	bool unsorted;    /* ids not ascending (never so far): looked up one by one */
};

/* One element of an array literal and its NUL: NULL, or the text quoted
 * with '"' and '\' escaped (quoted, any text reads back as itself). */
static void put_element(ce_sqlbuf *b, const char *v)
{
	if (!v) {
		ce__sqlbuf_addn(b, "NULL", 5);
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
	ce__sqlbuf_addn(b, "\"", 2);
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
	conn->updates = calloc((size_t)n, sizeof *conn->updates);
	conn->batch_upd = calloc((size_t)n, 1);
	int widest = 0;
	for (int t = 1; t < n; t++)
		widest = s->tables[t]->ncolumns > widest ? s->tables[t]->ncolumns : widest;
	conn->batch_cols = calloc((size_t)widest + 1, sizeof *conn->batch_cols);
	conn->nbatch_cols = widest + 1;
	if (!state || !stack || !conn->batch_order || !conn->batch_off || !conn->batches ||
	    !conn->updates || !conn->batch_upd || !conn->batch_cols) {
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
	for (int t = 1; t < n; t++) {
		const ce_table_def *td = s->tables[t];
		bool unique = td->unique_groups && td->unique_groups[0];
		for (int c = 0; c < td->ncolumns; c++)
			unique |= (td->columns[c].flags & CE_COL_UNIQUE) != 0;
		conn->batch_upd[t] = !conn->batch_off[t] && !unique; /* see the head */
	}
	free(state);
	free(stack);
	return CE_OK;
}

/* The statement of a buffer of t, made once: an INSERT of its rows, or
 * (update) an UPDATE of the rows they name, the alias's columns named by
 * position (c1, ...), the table's quoted. Either reads the buffer as
 * unnest($1::bigint[], $2::<type>[], ...): ids, then every column. */
static int statement_init(ce_backend_conn *conn, const ce_table_def *t, ce_pg_batch *bt,
                          bool update)
{
	if (bt->sql)
		return CE_OK;
	ce_sqlbuf b = { 0 };
	if (update) {
		ce__sqlbuf_add(&b, "UPDATE ");
		ce__pg_ident(&b, t->name);
		ce__sqlbuf_add(&b, " AS ce_t");
		for (int c = 0; c < t->ncolumns; c++) {
			ce__sqlbuf_add(&b, c ? ", " : " SET ");
			ce__pg_ident(&b, t->columns[c].name);
			ce__sqlbuf_addf(&b, " = ce_v.c%d", c + 1);
		}
		ce__sqlbuf_add(&b, " FROM");
	} else {
		ce__pg_insert_head(&b, t);
		ce__sqlbuf_add(&b, " SELECT * FROM");
	}
	ce__sqlbuf_add(&b, " unnest($1::bigint[]");
	for (int c = 0; c < t->ncolumns; c++)
		ce__sqlbuf_addf(&b, ", $%d::%s[]", c + 2, ce__pg_storage_type(t->columns[c].type));
	ce__sqlbuf_add(&b, ")");
	if (update) {
		ce__sqlbuf_add(&b, " AS ce_v(id");
		for (int c = 0; c < t->ncolumns; c++)
			ce__sqlbuf_addf(&b, ", c%d", c + 1);
		ce__sqlbuf_add(&b, ") WHERE ce_t.id = ce_v.id");
	}
	if (b.failed) {
		ce__sqlbuf_free(&b);
		return ce__pg_error(conn, CE_ENOMEM, "%s: out of memory", t->name);
	}
	bt->sql = b.p;
	return CE_OK;
}

static int batch_init(ce_backend_conn *conn, const ce_table_def *t, ce_pg_batch **out)
{
	*out = &conn->batches[t->index];
	return statement_init(conn, t, *out, false);
}

static int update_init(ce_backend_conn *conn, const ce_table_def *t, ce_pg_batch **out)
{
	*out = &conn->updates[t->index];
	return statement_init(conn, t, *out, true);
}

bool ce__pg_batchable(ce_backend_conn *conn, const ce_table_def *t)
{
	if (!conn->batch_order && order_tables(conn) != CE_OK)
		return false;
	return !conn->batch_off[t->index];
}

/* Appends a row's elements to t's data; *off is where they start. A
 * failed allocation dooms the transaction (rows of calls that returned
 * would be lost). */
static int put_row(ce_backend_conn *conn, const ce_table_def *t, ce_pg_batch *bt, const char *id,
                   const char *const *values, size_t *off)
{
	*off = bt->data.len;
	put_element(&bt->data, id);
	for (int c = 0; c < t->ncolumns; c++)
		put_element(&bt->data, values[c]);
	if (bt->data.failed) {
		ce__pg_batch_discard(conn);
		return ce__pg_doom(conn, ce__pg_error(conn, CE_ENOMEM, "%s: out of memory", t->name));
	}
	conn->batch_bytes += bt->data.len - *off;
	return CE_OK;
}

/* A buffer of t holding CE_PG_BATCH_ROWS rows goes with t's other buffer
 * and those holding a row it refers to, no more: the others keep filling
 * (the audit buffer fills every 256 calls of a load, and sending every
 * buffer then sent each table's few moves waiting as a statement of its
 * own). All of them go when together they hold CE_PG_BATCH_BYTES. */
static int full(ce_backend_conn *conn, const ce_table_def *t, const ce_pg_batch *bt)
{
	if (conn->batch_bytes >= CE_PG_BATCH_BYTES)
		return ce__pg_batch_send(conn);
	return bt->n >= CE_PG_BATCH_ROWS ? ce__pg_batch_send_for(conn, t) : CE_OK;
}

/* Appends row id to bt (its data, then its entry). */
static int append_row(ce_backend_conn *conn, const ce_table_def *t, ce_pg_batch *bt, int64_t id,
                      const char *idtext, const char *const *values)
{
	if (bt->n == bt->cap) {
		int cap = bt->cap ? bt->cap * 2 : 16;
		ce_pg_brow *rows = realloc(bt->rows, (size_t)cap * sizeof *rows);
		if (!rows) {
			ce__pg_batch_discard(conn);
			return ce__pg_doom(conn, ce__pg_error(conn, CE_ENOMEM, "%s: out of memory", t->name));
		}
		bt->rows = rows;
		bt->cap = cap;
	}
	size_t off;
	int rc = put_row(conn, t, bt, idtext, values, &off);
	if (rc != CE_OK)
		return rc;
	if (bt->n && bt->rows[bt->n - 1].id >= id)
		bt->unsorted = true;
	bt->rows[bt->n] = (ce_pg_brow){ id, off };
	if (bt->n++ == 0)
		conn->nbatched++;
	return full(conn, t, bt);
}

int ce__pg_batch_add(ce_backend_conn *conn, const ce_table_def *t, int64_t id, const char *idtext,
                     const char *const *values)
{
	ce_pg_batch *bt;
	int rc = batch_init(conn, t, &bt);
	return rc != CE_OK ? rc : append_row(conn, t, bt, id, idtext, values);
}

/* The row of id in bt, or -1. Ids reserved ahead come in ascending order;
 * an update buffer's ids come as the moves do (at most CE_PG_BATCH_ROWS). */
static int find_row(const ce_pg_batch *bt, int64_t id)
{
	if (bt->unsorted) {
		for (int i = bt->n - 1; i >= 0; i--)
			if (bt->rows[i].id == id)
				return i;
		return -1;
	}
	int lo = 0, hi = bt->n - 1;
	while (lo <= hi) {
		int mid = lo + (hi - lo) / 2;
		if (bt->rows[mid].id == id)
			return mid;
		if (bt->rows[mid].id < id)
			lo = mid + 1;
		else
			hi = mid - 1;
	}
	return -1;
}

int ce__pg_batch_update(ce_backend_conn *conn, const ce_table_def *t, int64_t id,
                        const char *idtext, const char *const *values, bool kept, bool *done)
{
	*done = false;
	if (!ce__pg_batchable(conn, t))
		return CE_OK;
	ce_pg_batch *bt = &conn->batches[t->index];
	int i = bt->n ? find_row(bt, id) : -1;
	if (i < 0) { /* sent already: into the update buffer, if no key moves */
		if (!conn->in_txn || !conn->explicit_txn)
			return CE_OK;
		if (!kept && !conn->batch_upd[t->index]) /* after the row's values waiting */
			return ce__pg_batch_updating(conn, t, id) ? ce__pg_batch_send_for(conn, t) : CE_OK;
		int rc = update_init(conn, t, &bt);
		if (rc != CE_OK)
			return rc;
		*done = true;
		if ((i = bt->n ? find_row(bt, id) : -1) < 0)
			return append_row(conn, t, bt, id, idtext, values);
	}
	size_t off;
	int rc = put_row(conn, t, bt, idtext, values, &off);
	if (rc != CE_OK)
		return rc;
	bt->rows[i].off = off; /* the old elements stay unused until the buffer goes */
	*done = true;
	return full(conn, t, bt);
}

static void batch_reset(ce_backend_conn *conn, ce_pg_batch *bt)
{
	conn->batch_bytes -= bt->data.len;
	bt->data.len = 0;
	bt->data.failed = false;
	bt->n = 0;
	bt->unsorted = false;
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

/* Which update buffers send_some() sends with the insert buffers wanted. */
enum { UPD_NONE = 0, UPD_ALL = -1 }; /* or a table's index: its alone */
static int send_some(ce_backend_conn *conn, const unsigned char *want, int upd);

/* Row i's element of column c of t (c -1: the id): "123" quoted, or NULL. */
static const char *element(const ce_pg_batch *bt, int i, int c)
{
	const char *p = bt->data.p + bt->rows[i].off;
	for (int k = -1; k < c; k++)
		p += strlen(p) + 1;
	return p;
}

/* The integer an element holds; false for NULL or anything else. */
static bool element_int(const char *p, int64_t *out)
{
	char text[24];
	size_t len = p[0] == '"' ? strcspn(p + 1, "\"") : 0;
	if (len == 0 || len >= sizeof text)
		return false;
	memcpy(text, p + 1, len);
	text[len] = '\0';
	return ce__pg_parse_int(text, out);
}

/* Marks in want the tables whose buffers hold a row that one of bt's rows
 * (of table t) refers to, and the tables those refer to. Only they need
 * go before bt: the other buffers of t's parents keep filling (a cycle
 * check scans the dependencies of subtopics sent long ago, one scan per
 * dependency added). */
static void mark_referenced(ce_backend_conn *conn, unsigned char *want, const ce_table_def *t,
                            const ce_pg_batch *bt)
{
	const ce_schema *s = conn->schema;
	for (int c = 0; c < t->ncolumns; c++) {
		const ce_column_def *col = &t->columns[c];
		if (col->type != CE_TYPE_REF || col->ref <= 0 || col->ref >= s->ntables)
			continue;
		for (int i = 0; i < bt->n && !want[col->ref]; i++) {
			int64_t id;
			if (element_int(element(bt, i, c), &id) &&
			    ce__pg_batch_has(conn, s->tables[col->ref], id))
				mark_parents(s, want, col->ref);
		}
	}
}

bool ce__pg_batch_may_match(ce_backend_conn *conn, const ce_table_def *t, const ce_query *query)
{
	if (!conn->nbatched || !conn->batches || t->index <= 0 || t->index >= conn->schema->ntables)
		return false;
	const ce_pg_batch *bt = &conn->batches[t->index];
	if (conn->updates[t->index].n)
		return true; /* a row sent may have changed */
	if (!bt->n)
		return false;
	for (unsigned k = 0; query && k < query->nconditions; k++) {
		const ce_condition *cond = &query->conditions[k];
		if (cond->op != CE_COND_EQ || cond->column < 0 || cond->column >= t->ncolumns ||
		    cond->low.null || (t->columns[cond->column].type != CE_TYPE_REF &&
		                       t->columns[cond->column].type != CE_TYPE_INT))
			continue;
		for (int i = 0; i < bt->n; i++) {
			int64_t v;
			if (element_int(element(bt, i, cond->column), &v) && v == cond->low.i)
				return true;
		}
		return false; /* no row waiting has the value asked for */
	}
	return true;
}

int ce__pg_batch_send(ce_backend_conn *conn)
{
	return send_some(conn, NULL, UPD_ALL);
}

static bool has(ce_backend_conn *conn, const ce_pg_batch *all, const ce_table_def *t, int64_t id)
{
	if (!conn->nbatched || !all || t->index <= 0 || t->index >= conn->schema->ntables)
		return false;
	const ce_pg_batch *bt = &all[t->index];
	return bt->n && find_row(bt, id) >= 0;
}

bool ce__pg_batch_has(ce_backend_conn *conn, const ce_table_def *t, int64_t id)
{
	return has(conn, conn->batches, t, id);
}

bool ce__pg_batch_updating(ce_backend_conn *conn, const ce_table_def *t, int64_t id)
{
	return has(conn, conn->updates, t, id);
}

int ce__pg_batch_send_for(ce_backend_conn *conn, const ce_table_def *t)
{
	if (!conn->nbatched || conn->sending_rows || !conn->batches ||
	    (!conn->batches[t->index].n && !conn->updates[t->index].n))
		return CE_OK; /* nothing of t waits: a read of it sees all */
	unsigned char want[256];
	if (conn->schema->ntables > (int)sizeof want)
		return send_some(conn, NULL, UPD_ALL);
	memset(want, 0, (size_t)conn->schema->ntables);
	want[t->index] = 1;
	mark_referenced(conn, want, t, &conn->batches[t->index]);
	mark_referenced(conn, want, t, &conn->updates[t->index]);
	/* t's updates with its own rows and those they refer to; the updates
	 * of the tables t refers to change nothing a read of t sees */
	return send_some(conn, want, t->index);
}

int ce__pg_batch_send_refs(ce_backend_conn *conn, const ce_table_def *t,
                           const char *const *values)
{
	if (!conn->nbatched || conn->sending_rows || !conn->batches)
		return CE_OK;
	unsigned char want[256];
	bool any = false;
	if (conn->schema->ntables > (int)sizeof want)
		return send_some(conn, NULL, UPD_ALL);
	memset(want, 0, (size_t)conn->schema->ntables);
	for (int c = 0; c < t->ncolumns; c++) {
		const ce_column_def *col = &t->columns[c];
		int64_t id;
		if (col->type != CE_TYPE_REF || !values[c] || col->ref <= 0 ||
		    col->ref >= conn->schema->ntables || !ce__pg_parse_int(values[c], &id))
			continue;
		if (ce__pg_batch_has(conn, conn->schema->tables[col->ref], id)) {
			mark_parents(conn->schema, want, col->ref);
			any = true;
		}
	}
	return any ? send_some(conn, want, UPD_NONE) : CE_OK; /* rows to exist, not updates */
}

/* The array literal of each column of bt's rows, in conn->batch_cols. */
static bool literals(ce_backend_conn *conn, const ce_table_def *t, const ce_pg_batch *bt)
{
	ce_sqlbuf *cols = conn->batch_cols;
	bool failed = false;
	for (int c = 0; c <= t->ncolumns; c++) {
		cols[c].len = 0;
		ce__sqlbuf_addn(&cols[c], "{", 1);
	}
	for (int i = 0; i < bt->n; i++) {
		const char *p = bt->data.p + bt->rows[i].off;
		for (int c = 0; c <= t->ncolumns; c++) {
			size_t len = strlen(p);
			if (i)
				ce__sqlbuf_addn(&cols[c], ",", 1);
			ce__sqlbuf_addn(&cols[c], p, len);
			p += len + 1;
		}
	}
	for (int c = 0; c <= t->ncolumns; c++) {
		ce__sqlbuf_addn(&cols[c], "}", 1);
		failed |= cols[c].failed;
		cols[c].failed = false; /* the next table tries again */
	}
	return !failed;
}

/* Sends bt (t's insert or update buffer) and empties it; a failure is
 * kept in *rc and the later buffers are only emptied. */
static void send_buffer(ce_backend_conn *conn, const ce_table_def *t, ce_pg_batch *bt,
                        enum ce_pg_send_kind kind, int *rc)
{
	const char *values[CE_MAX_QUERY_PARAMS + 1];
	if (*rc == CE_OK) {
		if (!literals(conn, t, bt)) {
			*rc = ce__pg_error(conn, CE_ENOMEM, "%s: out of memory", t->name);
		} else {
			for (int c = 0; c <= t->ncolumns; c++)
				values[c] = conn->batch_cols[c].p;
			*rc = ce__pg_send(conn, bt->sql, t->ncolumns + 1, values, kind, t->name, bt->n);
		}
	}
	batch_reset(conn, bt);
}

/* Sends the buffers of the tables in want (NULL: all), parents first, and
 * the update buffers upd says, each after its table's insert buffer. An
 * update buffer may wait while its table's inserts, or those of tables
 * referring to it, go: it holds rows already stored, and neither reads of
 * other tables nor foreign keys see their values. */
static int send_some(ce_backend_conn *conn, const unsigned char *want, int upd)
{
	if (!conn->nbatched || conn->sending_rows)
		return CE_OK;
	int rc = CE_OK;
	conn->sending_rows = true;
	for (int i = 0; i < conn->nbatch_order && conn->nbatched; i++) {
		int ti = conn->batch_order[i];
		const ce_table_def *t = conn->schema->tables[ti];
		if (want && !want[ti])
			continue;
		if (conn->batches[ti].n)
			send_buffer(conn, t, &conn->batches[ti], CE_PG_SEND_CMD, &rc);
		if (conn->updates[ti].n && (upd == UPD_ALL || upd == ti))
			send_buffer(conn, t, &conn->updates[ti], CE_PG_SEND_ROWS, &rc);
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
		int ti = conn->batch_order[i];
		if (conn->batches[ti].n)
			batch_reset(conn, &conn->batches[ti]);
		if (conn->updates[ti].n)
			batch_reset(conn, &conn->updates[ti]);
	}
	conn->nbatched = 0;
	conn->batch_bytes = 0;
}

void ce__pg_batch_free(ce_backend_conn *conn)
{
	for (int t = 1; t < conn->schema->ntables; t++) {
		ce_pg_batch *both[2] = { conn->batches ? &conn->batches[t] : NULL,
		                         conn->updates ? &conn->updates[t] : NULL };
		for (int k = 0; k < 2; k++) {
			if (!both[k])
				continue;
			ce__sqlbuf_free(&both[k]->data);
			free(both[k]->rows);
			free(both[k]->sql);
		}
	}
	for (int c = 0; conn->batch_cols && c < conn->nbatch_cols; c++)
		ce__sqlbuf_free(&conn->batch_cols[c]);
	free(conn->batch_cols);
	free(conn->batches);
	free(conn->updates);
	free(conn->batch_order);
	free(conn->batch_off);
	free(conn->batch_upd);
	conn->batch_cols = NULL;
	conn->nbatch_cols = 0;
	conn->batches = NULL;
	conn->updates = NULL;
	conn->batch_order = NULL;
	conn->batch_off = NULL;
	conn->batch_upd = NULL;
}
