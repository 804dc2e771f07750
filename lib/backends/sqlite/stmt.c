/* The statement cache: every statement is prepared once per connection.
 * Row operations are kept per (table, operation), transaction control per
 * verb, and queries by their SQL text, which is their shape (values are
 * bound). Also the quoting of identifiers (the builder itself, ce_sqlbuf,
 * is the shared SQL layer's: lib/backends/sql/sql_buf.c). */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "backends/sql/sql_query.h"
#include "sqlite_internal.h"

/* ---- SQL text ------------------------------------------------------------ */

static void add_quoted(ce_sqlbuf *b, const char *s, char quote)
{
	char q[2] = { quote, '\0' };
	ce__sqlbuf_add(b, q);
	for (const char *p = s; *p; p++) {
		char c[3] = { *p, '\0', '\0' };
		if (*p == quote)
			c[1] = quote;
		ce__sqlbuf_add(b, c);
	}
	ce__sqlbuf_add(b, q);
}

void ce__sqlbuf_ident(ce_sqlbuf *b, const char *name)
{
	bool bare = *name && !(*name >= '0' && *name <= '9') &&
	            !sqlite3_keyword_check(name, (int)strlen(name));
	for (const char *p = name; *p && bare; p++)
		bare = (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '_';
	if (bare)
		ce__sqlbuf_add(b, name);
	else
		add_quoted(b, name, '"');
}

/* ---- preparing ------------------------------------------------------------ */

static int prepare(sqlite3_stmt **out, ce_backend_conn *conn, const char *sql)
{
	int rc = sqlite3_prepare_v3(conn->db, sql, -1, SQLITE_PREPARE_PERSISTENT, out, NULL);
	if (rc != SQLITE_OK) {
		*out = NULL;
		return ce__sqlite_fail(conn, rc, "prepare '%.200s'", sql);
	}
	return CE_OK;
}

void ce__sqlite_done(sqlite3_stmt *stmt)
{
	if (stmt) {
		sqlite3_reset(stmt);
		sqlite3_clear_bindings(stmt);
	}
}

int ce__sqlite_table_slot(ce_backend_conn *conn, const ce_table_def *table)
{
	const ce_schema *s = conn->schema;
	if (table && table->index > 0 && table->index < s->ntables && s->tables[table->index] == table)
		return table->index;
	for (int i = 1; table && i < s->ntables; i++)
		if (s->tables[i] == table)
			return i;
	ce__sqlite_error(conn, CE_EINVALID, "table '%s' is not in the store's schema",
	                 table && table->name ? table->name : "(null)");
	return -1;
}

int ce__sqlite_table_stmt(sqlite3_stmt **out, ce_backend_conn *conn, const ce_table_def *table,
                          enum ce_sqlite_op op)
{
	int slot = ce__sqlite_table_slot(conn, table);
	if (slot < 0)
		return CE_EINVALID;
	sqlite3_stmt **cell = &conn->table_stmts[(size_t)slot * CE_SQLITE_NOPS + op];
	if (!*cell) {
		static const enum ce_sql_table_op ops[CE_SQLITE_NOPS] = {
			[CE_SQLITE_INSERT] = CE_SQL_INSERT,
			[CE_SQLITE_FETCH] = CE_SQL_FETCH,
			[CE_SQLITE_REMOVE] = CE_SQL_REMOVE,
			[CE_SQLITE_EXISTS] = CE_SQL_EXISTS,
		};
		ce_sqlbuf b = { 0 };
		ce_sql_conn c;
		ce__sqlite_sql_conn(&c, conn);
		ce__sql_table_text(&b, c.dialect, table, ops[op]);
		int rc = b.failed ? ce__sqlite_error(conn, CE_ENOMEM, "%s: out of memory", table->name)
		                  : prepare(cell, conn, b.p);
		ce__sqlbuf_free(&b);
		if (rc != CE_OK)
			return rc;
	}
	*out = *cell;
	return CE_OK;
}

int ce__sqlite_txn_stmt(sqlite3_stmt **out, ce_backend_conn *conn, enum ce_sqlite_txn op)
{
	static const char *const sql[CE_SQLITE_NTXN] = {
		[CE_SQLITE_BEGIN] = "BEGIN IMMEDIATE",
		[CE_SQLITE_COMMIT] = "COMMIT",
		[CE_SQLITE_ROLLBACK] = "ROLLBACK",
		[CE_SQLITE_SAVEPOINT] = "SAVEPOINT ce_sp",
		[CE_SQLITE_RELEASE] = "RELEASE ce_sp",
		[CE_SQLITE_ROLLBACK_TO] = "ROLLBACK TO ce_sp",
	};
	if (!conn->txn_stmts[op]) {
		int rc = prepare(&conn->txn_stmts[op], conn, sql[op]);
		if (rc != CE_OK)
			return rc;
	}
	*out = conn->txn_stmts[op];
	return CE_OK;
}

/* ---- kept SQL texts ------------------------------------------------------------ */

/* SQL texts built from a schema shape (a query, the changed columns of an
 * update), under a small binary key describing that shape: direct-mapped
 * by the key's hash, a collision just replaces. */
static ce_sqlite_shape_text *text_slot(ce_backend_conn *conn, const unsigned char *key,
                                       size_t keylen)
{
	uint32_t h = 2166136261u; /* FNV-1a */
	for (size_t i = 0; i < keylen; i++)
		h = (h ^ key[i]) * 16777619u;
	return &conn->shape_texts[h % CE_SQLITE_SHAPE_TEXTS];
}

ce_sqlite_shape_text *ce__sqlite_kept(ce_backend_conn *conn, const unsigned char *key,
                                      size_t keylen)
{
	if (!keylen || keylen > CE_SQLITE_SHAPE_KEY_MAX)
		return NULL;
	ce_sqlite_shape_text *e = text_slot(conn, key, keylen);
	return e->keylen == keylen && memcmp(e->key, key, keylen) == 0 ? e : NULL;
}


void ce__sqlite_keep_sql(ce_backend_conn *conn, const unsigned char *key, size_t keylen,
                         const char *sql)
{
	if (!keylen || keylen > CE_SQLITE_SHAPE_KEY_MAX)
		return;
	ce_sqlite_shape_text *e = text_slot(conn, key, keylen);
	size_t len = strlen(sql);
	char *copy = malloc(len + 1);
	if (!copy)
		return; /* not kept: only slower */
	memcpy(copy, sql, len + 1);
	free(e->sql);
	memcpy(e->key, key, keylen);
	e->keylen = keylen;
	e->sql = copy;
	e->entry = NULL;
}

/* ---- query shapes ---------------------------------------------------------- */

static size_t bucket_of(const char *sql)
{
	uint32_t h = 2166136261u; /* FNV-1a */
	for (const unsigned char *p = (const unsigned char *)sql; *p; p++)
		h = (h ^ *p) * 16777619u;
	return h % CE_SQLITE_SHAPE_BUCKETS;
}

/* Drops every cached shape no scan is using. */
static void evict_idle(ce_backend_conn *conn)
{
	for (size_t i = 0; i < CE_SQLITE_SHAPE_BUCKETS; i++) {
		ce_sqlite_cached **link = &conn->shapes[i];
		while (*link) {
			ce_sqlite_cached *e = *link;
			if (e->in_use) {
				link = &e->next;
				continue;
			}
			*link = e->next;
			sqlite3_finalize(e->stmt);
			free(e->sql);
			free(e);
			conn->nshapes--;
		}
	}
	/* the kept texts' statements may be gone: found by text again */
	for (size_t i = 0; i < CE_SQLITE_SHAPE_TEXTS; i++)
		conn->shape_texts[i].entry = NULL;
}

int ce__sqlite_lease(ce_sqlite_lease *out, ce_backend_conn *conn, const char *sql)
{
	size_t bucket = bucket_of(sql);
	ce_sqlite_cached *e = conn->shapes[bucket];
	while (e && strcmp(e->sql, sql) != 0)
		e = e->next;
	out->stmt = NULL;
	out->entry = NULL;
	if (e && !e->in_use) {
		e->in_use = true;
		out->stmt = e->stmt;
		out->entry = e;
		return CE_OK;
	}
	if (e) /* a scan of the same shape is open: a private statement */
		return prepare(&out->stmt, conn, sql);

	if (conn->nshapes >= CE_SQLITE_SHAPE_MAX)
		evict_idle(conn);
	size_t len = strlen(sql);
	e = calloc(1, sizeof *e);
	if (!e || !(e->sql = malloc(len + 1))) {
		free(e);
		return ce__sqlite_error(conn, CE_ENOMEM, "query: out of memory");
	}
	memcpy(e->sql, sql, len + 1);
	int rc = prepare(&e->stmt, conn, sql);
	if (rc != CE_OK) {
		free(e->sql);
		free(e);
		return rc;
	}
	e->next = conn->shapes[bucket];
	conn->shapes[bucket] = e;
	conn->nshapes++;
	e->in_use = true;
	out->stmt = e->stmt;
	out->entry = e;
	return CE_OK;
}

int ce__sqlite_lease_kept(ce_sqlite_lease *out, ce_backend_conn *conn, ce_sqlite_shape_text *kept)
{
	ce_sqlite_cached *e = kept->entry;
	if (e && !e->in_use) {
		e->in_use = true;
		out->stmt = e->stmt;
		out->entry = e;
		return CE_OK;
	}
	int rc = ce__sqlite_lease(out, conn, kept->sql);
	if (rc == CE_OK && out->entry)
		kept->entry = out->entry;
	return rc;
}

void ce__sqlite_unlease(ce_backend_conn *conn, ce_sqlite_lease *lease)
{
	if (conn && lease->entry) {
		ce__sqlite_done(lease->stmt);
		lease->entry->in_use = false;
	} else if (conn) {
		sqlite3_finalize(lease->stmt);
	}
	lease->stmt = NULL;
	lease->entry = NULL;
}

void ce__sqlite_stmt_close_all(ce_backend_conn *conn)
{
	/* Open scans lose their statements; their next step says so. */
	for (ce_backend_cursor *c = conn->cursors; c; c = c->next) {
		if (!c->lease.entry)
			sqlite3_finalize(c->lease.stmt);
		c->lease.stmt = NULL;
		c->lease.entry = NULL;
		c->conn = NULL;
		c->done = true;
	}
	conn->cursors = NULL;
	for (size_t i = 0; i < CE_SQLITE_SHAPE_BUCKETS; i++) {
		while (conn->shapes[i]) {
			ce_sqlite_cached *e = conn->shapes[i];
			conn->shapes[i] = e->next;
			sqlite3_finalize(e->stmt);
			free(e->sql);
			free(e);
		}
	}
	conn->nshapes = 0;
	for (size_t i = 0; i < CE_SQLITE_SHAPE_TEXTS; i++) {
		free(conn->shape_texts[i].sql);
		conn->shape_texts[i].sql = NULL;
		conn->shape_texts[i].keylen = 0;
		conn->shape_texts[i].entry = NULL;
	}
	if (conn->table_stmts) {
		for (size_t i = 0; i < (size_t)conn->schema->ntables * CE_SQLITE_NOPS; i++)
			sqlite3_finalize(conn->table_stmts[i]);
		free(conn->table_stmts);
		conn->table_stmts = NULL;
	}
	for (int i = 0; i < CE_SQLITE_NTXN; i++) {
		sqlite3_finalize(conn->txn_stmts[i]);
		conn->txn_stmts[i] = NULL;
	}
}
