/* Opening and closing stores, explicit transactions, and the write scope
 * that makes every mutating call atomic: its own transaction, or a
 * savepoint inside the caller's. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

ce_result ce_open_options_init(ce_open_options *opts, unsigned int version)
{
	if (!opts || version < 1 || version > CE_OPEN_OPTIONS_VERSION)
		return ce__fail(NULL, CE_EINVALID, "open_options: NULL or unknown version %u", version);
	ce_open_options defaults = CE_OPEN_OPTIONS_INIT;
	*opts = defaults;
	opts->version = version;
	return CE_OK;
}

/* Appends n bytes of s to buf (size) at *len, counting what does not fit. */
static void put(char *buf, size_t size, size_t *len, const char *s, size_t n)
{
	if (*len < size) {
		size_t room = size - 1 - *len;
		memcpy(buf + *len, s, n < room ? n : room);
	}
	*len += n;
}

size_t ce_uri_redact(char *buf, size_t size, const char *uri)
{
	size_t len = 0;
	if (!uri) {
		if (buf && size)
			*buf = '\0';
		return 0;
	}
	if (!buf)
		size = 0;
	const char *auth = strstr(uri, "://");
	const char *hide = NULL, *after = NULL; /* the password in the authority */
	if (auth) {
		auth += 3;
		const char *end = auth + strcspn(auth, "/?#");
		const char *at = NULL;
		for (const char *p = auth; p < end; p++)
			if (*p == '@')
				at = p; /* the last one: a password may hold an '@' */
		const char *colon = at ? memchr(auth, ':', (size_t)(at - auth)) : NULL;
		if (colon) {
			hide = colon + 1;
			after = at;
		}
	}
	for (const char *p = uri; *p;) {
		if (p == hide) {
			put(buf, size, &len, "***", 3);
			p = after;
			hide = NULL; /* an empty password ("user:@host") ends where it starts */
			continue;
		}
		/* "password=..." as a query parameter */
		if ((p == uri || p[-1] == '?' || p[-1] == '&') && strncmp(p, "password=", 9) == 0) {
			put(buf, size, &len, "password=***", 12);
			p += 9 + strcspn(p + 9, "&#");
			continue;
		}
		put(buf, size, &len, p, 1);
		p++;
	}
	if (size)
		buf[len < size ? len : size - 1] = '\0';
	return len;
}

/* Splits "scheme:location"; a URI without a scheme (or a one-letter one,
 * like a Windows drive) is a SQLite path. */
static int split_uri(char *scheme, size_t size, const char **location, const char *uri)
{
	const char *colon = strchr(uri, ':');
	size_t n = colon ? (size_t)(colon - uri) : 0;
	bool word = n > 1;
	for (size_t i = 0; i < n && word; i++)
		word = (uri[i] >= 'a' && uri[i] <= 'z') || (uri[i] >= '0' && uri[i] <= '9') ||
		       uri[i] == '_' || uri[i] == '-';
	if (!word) {
		strcpy(scheme, "sqlite");
		*location = uri;
		return CE_OK;
	}
	if (n >= size)
		return CE_EINVALID;
	memcpy(scheme, uri, n);
	scheme[n] = '\0';
	*location = colon + 1;
	return CE_OK;
}

/* Opens db->conn through the richest entry point db's backend declares:
 * a member past the declared version is never read. */
static int connect(ce_db *db, const char *location, const ce_open_options *o, char *errbuf,
                   size_t size)
{
	const ce_backend *b = db->backend;
	int timeout = o->busy_timeout_ms ? o->busy_timeout_ms : 5000;
	if (b->version >= 3 && b->connect) {
		ce_backend_open_options bo = { CE_BACKEND_OPEN_OPTIONS_VERSION, location, db->schema,
			                           o->flags, timeout, b->data, errbuf, size };
		return b->connect(&db->conn, &bo);
	}
	return b->open(&db->conn, location, db->schema, o->flags, timeout, errbuf, size);
}

/* Per table of schema its CE_ROLE_* bits; NULL without memory. */
static unsigned char *table_roles(const ce_schema *s)
{
	unsigned char *role = calloc((size_t)s->ntables, 1);
	for (int t = 1; role && t < s->ntables; t++) {
		const ce_table_def *td = s->tables[t];
		for (int c = 0; c < td->ncolumns; c++) {
			const ce_column_def *col = &td->columns[c];
			if (col->type == CE_TYPE_REF && col->ref > 0 && col->ref < s->ntables && col->ref != t)
				role[col->ref] |= CE_ROLE_REFERENCED;
		}
		const ce_graph_def *g = td->rules ? td->rules->graph : NULL;
		int nodes = g ? td->columns[g->from].ref : 0;
		if (nodes > 0 && nodes < s->ntables) {
			role[t] |= CE_ROLE_GRAPH_EDGES;
			role[nodes] |= CE_ROLE_GRAPH_NODES;
		}
	}
	return role;
}

int ce__db_open(ce_db **out, const char *uri, const ce_open_options *opts,
                const ce_schema *schema, const ce_policy *policy)
{
	char scheme[32], errbuf[400] = "", shown[128];
	const char *location;
	ce_open_options o = CE_OPEN_OPTIONS_INIT;

	if (out)
		*out = NULL;
	if (!out || !uri || !*uri)
		return ce__fail(NULL, CE_EINVALID, "open: NULL handle pointer or empty URI");
	if (opts) {
		/* A caller built against an older header passes a shorter struct:
		 * read only the members its version has; the rest keep defaults. */
		if (opts->version < 1 || opts->version > CE_OPEN_OPTIONS_VERSION)
			return ce__fail(NULL, CE_EINVALID, "open_options.version: %u is unknown (this library knows 1..%d)",
			                opts->version, CE_OPEN_OPTIONS_VERSION);
		if (opts->busy_timeout_ms < 0)
			return ce__fail(NULL, CE_EINVALID, "open_options.busy_timeout_ms: %d is negative",
			                opts->busy_timeout_ms);
		o.flags = opts->flags;
		o.busy_timeout_ms = opts->busy_timeout_ms;
		if (opts->version >= 2) {
			o.role = opts->role;
			o.actor = opts->actor;
		}
	}
	if ((int)o.role < 0 || o.role > CE_ROLE_LAST)
		return ce__fail(NULL, CE_EINVALID, "open_options.role: %d is not a role", (int)o.role);
	/* the URI as messages quote it: clipped, and never with its password */
	if (ce_uri_redact(shown, sizeof shown, uri) >= sizeof shown)
		memcpy(shown + sizeof shown - 4, "...", 4);
	if (split_uri(scheme, sizeof scheme, &location, uri) != CE_OK)
		return ce__fail(NULL, CE_EINVALID, "open: scheme of '%s' is too long", shown);
	const ce_backend *backend = ce_backend_find(scheme);
	if (!backend)
		return ce__fail(NULL, CE_ENOTSUPPORTED, "open: no backend for scheme '%s' in '%s'",
		                scheme, shown);

	ce_db *db = calloc(1, sizeof *db);
	if (!db || !(db->table_role = table_roles(schema))) {
		free(db);
		return ce__fail(NULL, CE_ENOMEM, "open: out of memory");
	}
	db->backend = backend;
	db->schema = schema;
	db->flags = o.flags;
	int rc = connect(db, location, &o, errbuf, sizeof errbuf);
	if (rc != CE_OK) {
		free(db->table_role);
		free(db);
		return ce__fail(NULL, rc, "open '%s': %s", shown, *errbuf ? errbuf : ce_strerror(rc));
	}
	/* the actor is looked up in the store: a role binds once it is open */
	if ((rc = ce__access_open(db, policy, o.role, o.actor)) != CE_OK) {
		ce_db_close(db);
		return rc;
	}
	*out = db;
	return CE_OK;
}

void ce__db_link(ce_db *db, ce_db_link *link)
{
	link->prev = NULL;
	link->next = db->links;
	if (db->links)
		db->links->prev = link;
	db->links = link;
}

void ce__db_unlink(ce_db *db, ce_db_link *link)
{
	if (link->prev)
		link->prev->next = link->next;
	else if (db->links == link)
		db->links = link->next;
	if (link->next)
		link->next->prev = link->prev;
	link->prev = link->next = NULL;
}

/* Whether a report cursor holds db: then no write and no transaction call. */
static int no_cursor(ce_db *db, const char *what)
{
	if (db->links)
		return ce__fail(db, CE_EMISUSE, "%s: a report cursor is open on this store; close it "
		                "(ce_report_close()) first", what);
	return CE_OK;
}

void ce_db_close(ce_db *db)
{
	if (!db)
		return;
	/* cursors first: a backend's may live in the transaction below */
	while (db->links)
		db->links->detach(db->links);
	if (db->in_transaction)
		db->backend->rollback(db->conn);
	db->backend->close(db->conn);
	ce__access_close(db);
	for (int c = 0; c < CE_MAX_COLUMNS; c++)
		free(db->norm[c]);
	ce__keys_reset(db);
	ce__rows_free(db);
	ce__finds_free(db);
	ce__known_free(db);
	ce__graph_clear(db);
	free(db->table_role);
	free(db->fresh);
	free(db);
}

const char *ce_db_backend(const ce_db *db)
{
	return db ? db->backend->scheme : NULL;
}

int ce_db_in_transaction(const ce_db *db)
{
	return db && db->in_transaction;
}

static int writable(ce_db *db)
{
	if (db->flags & CE_OPEN_READONLY)
		return ce__fail(db, CE_EMISUSE, "the store was opened read-only");
	return no_cursor(db, "write");
}

ce_result ce_db_begin(ce_db *db)
{
	if (!db)
		return ce__fail(NULL, CE_EINVALID, "begin: NULL db");
	ce__clear(db);
	if (db->in_transaction)
		return ce__fail(db, CE_EMISUSE, "begin: a transaction is already open");
	int rc = writable(db);
	if (rc == CE_OK && (rc = db->backend->begin(db->conn)) != CE_OK)
		return ce__backend_fail(db, rc, "begin");
	db->in_transaction = rc == CE_OK;
	db->doomed = 0;
	ce__known_clear(db);
	ce__keys_reset(db);
	return rc;
}

ce_result ce_db_commit(ce_db *db)
{
	if (!db)
		return ce__fail(NULL, CE_EINVALID, "commit: NULL db");
	ce__clear(db);
	if (!db->in_transaction)
		return ce__fail(db, CE_EMISUSE, "commit: no transaction is open");
	int busy = no_cursor(db, "commit");
	if (busy != CE_OK)
		return busy;
	db->in_transaction = false;
	ce__finds_clear(db);
	if (db->doomed) {
		int code = db->doomed;
		db->doomed = 0;
		db->backend->rollback(db->conn);
		return ce__fail(db, code, "commit: rolled back instead: %s", db->doomed_msg);
	}
	int rc = db->backend->commit(db->conn);
	if (rc != CE_OK) {
		ce__backend_fail(db, rc, "commit");
		db->backend->rollback(db->conn);
	}
	return rc;
}

ce_result ce_db_rollback(ce_db *db)
{
	if (!db)
		return ce__fail(NULL, CE_EINVALID, "rollback: NULL db");
	ce__clear(db);
	if (!db->in_transaction)
		return ce__fail(db, CE_EMISUSE, "rollback: no transaction is open");
	int busy = no_cursor(db, "rollback");
	if (busy != CE_OK)
		return busy;
	db->in_transaction = false;
	db->doomed = 0;
	ce__finds_clear(db);
	int rc = db->backend->rollback(db->conn);
	return rc == CE_OK ? rc : ce__backend_fail(db, rc, "rollback");
}

/* Whether a backend of version 7 declares either of its members; then
 * atomic_calls() (version 5, which meant both) is not read. */
static bool declares_v7(const ce_backend *b)
{
	return b->version >= 7 && (b->call_without_savepoint || b->unique_at_insert);
}

static bool atomic_calls(const ce_db *db)
{
	const ce_backend *b = db->backend;
	return b->version >= 5 && b->atomic_calls && b->atomic_calls(db->conn);
}

bool ce__unique_at_insert(const ce_db *db)
{
	const ce_backend *b = db->backend;
	if (declares_v7(b))
		return b->unique_at_insert && b->unique_at_insert(db->conn);
	return atomic_calls(db);
}

bool ce__reads_are_remote(const ce_db *db)
{
	const ce_backend *b = db->backend;
	return b->version >= 8 && b->reads_are_remote && b->reads_are_remote(db->conn);
}

/* How a call inside the caller's transaction does without a savepoint:
 * CE_BACKEND_CALL_UNDO, CE_BACKEND_CALL_DOOM or 0 (it takes one). */
static int call_without_savepoint(ce_db *db)
{
	const ce_backend *b = db->backend;
	if (declares_v7(b)) {
		int mode = b->call_without_savepoint ? b->call_without_savepoint(db->conn) : 0;
		return mode == CE_BACKEND_CALL_UNDO || mode == CE_BACKEND_CALL_DOOM ? mode : 0;
	}
	return atomic_calls(db) ? CE_BACKEND_CALL_UNDO : 0;
}

/* The caller's transaction after a call's undo failed on a backend that
 * fails transactions: every later write refused, commit rolls back. */
static int check_doomed(ce_db *db)
{
	if (!db->doomed || !db->in_transaction)
		return CE_OK;
	return ce__fail(db, db->doomed, "%s", db->doomed_msg);
}

int ce__write_begin(ce_db *db, bool undoable)
{
	int rc = writable(db);
	if (rc == CE_OK)
		rc = check_doomed(db);
	if (rc != CE_OK)
		return rc;
	db->nundo = 0;
	int mode = undoable && db->in_transaction ? call_without_savepoint(db) : 0;
	db->by_hand = mode != 0;
	db->dooms = mode == CE_BACKEND_CALL_DOOM;
	if (db->by_hand)
		return CE_OK;
	rc = db->in_transaction ? db->backend->savepoint(db->conn) : db->backend->begin(db->conn);
	return rc == CE_OK ? rc : ce__backend_fail(db, rc, "start of write");
}

void ce__undo_insert(ce_db *db, const ce_table_def *t, int64_t id)
{
	if (db->by_hand && db->nundo < CE_UNDO_MAX)
		db->undo[db->nundo++] = (ce_undo){ t, id, NULL };
}

void ce__undo_update(ce_db *db, const ce_table_def *t, int64_t id, const ce_value *old)
{
	if (db->by_hand && db->nundo < CE_UNDO_MAX)
		db->undo[db->nundo++] = (ce_undo){ t, id, old };
}

/* Undoes the call's noted writes, newest first. Should an inverse write
 * fail too, the store is no longer as the call found it: the caller's
 * whole transaction is rolled back rather than left half-changed. */
static void undo_by_hand(ce_db *db)
{
	const ce_backend *b = db->backend;
	int rc = CE_OK;
	while (db->nundo > 0 && rc == CE_OK) {
		const ce_undo *u = &db->undo[--db->nundo];
		rc = u->old ? ce__row_update(db, u->table, u->id, NULL, u->old)
		            : b->remove(db->conn, u->table, u->id);
	}
	db->nundo = 0;
	if (rc == CE_OK)
		return;
	char why[sizeof db->errmsg];
	snprintf(why, sizeof why, "%s", db->errmsg);
	if (db->dooms) {
		/* the backend has failed the transaction (a write it refused), or
		 * the core does it here: nothing of it can be committed now */
		int code = db->errcode ? db->errcode : CE_EBACKEND;
		if (!strstr(why, "can only be rolled back"))
			ce__fail(db, code, "%s; the transaction failed and can only be rolled back", why);
		db->doomed = code;
		snprintf(db->doomed_msg, sizeof db->doomed_msg, "%s", db->errmsg);
		return;
	}
	b->rollback(db->conn);
	db->in_transaction = false;
	ce__fail(db, db->errcode ? db->errcode : CE_EBACKEND,
	         "%s; undoing the call failed too (%s), so the transaction was rolled back", why,
	         b->errmsg(db->conn));
}

int ce__write_end(ce_db *db, int rc)
{
	const ce_backend *b = db->backend;
	if (db->by_hand) {
		db->by_hand = false;
		if (rc != CE_OK) {
			ce__known_clear(db);
			undo_by_hand(db);
		}
		db->nundo = 0;
		return rc;
	}
	if (rc == CE_OK) {
		int end = db->in_transaction ? b->release(db->conn) : b->commit(db->conn);
		if (end == CE_OK)
			return CE_OK;
		ce__backend_fail(db, end, "end of write");
		rc = end;
	}
	/* Undo keeps the message of the failure that caused it; records the
	 * call created may be gone again. */
	ce__known_clear(db);
	if (db->in_transaction) {
		b->rollback_to(db->conn);
		b->release(db->conn);
	} else {
		b->rollback(db->conn);
	}
	return rc;
}
