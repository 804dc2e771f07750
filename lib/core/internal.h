/* Private to lib/core: the db handle and its backend, write scopes, and
 * the pieces of records and iterators the engine builds. Everything else
 * in the library reads through store.h and writes through engine.h. */
#ifndef CE_CORE_INTERNAL_H
#define CE_CORE_INTERNAL_H

#include <stdarg.h>

#include "coopedu/sys/backend.h"
#include "engine.h"

/* Slots of the table of records known to exist (see ce__exists()): it
 * starts at 2^16 (512 KiB). On a store whose reads are round trips to a
 * server (ce__reads_are_remote()) it doubles while more than half full,
 * up to 2^21 slots (16 MiB: some 1.5 million records); on one that
 * answers in-process (SQLite, memory) a read costs microseconds, less
 * than the memory is worth, and it stays at 2^16. Past the bound, records
 * not known are asked of the store. */
#define CE_KNOWN_MIN_BITS 16
#define CE_KNOWN_MAX_BITS 21
#define CE_KNOWN_LOCAL_MAX_BITS CE_KNOWN_MIN_BITS
/* Bytes of a unique key's encoded values a find is remembered by
 * (finds.c); a longer key is asked of the store each time. */
#define CE_FIND_KEY_BYTES 128
/* Writes a call undoes by hand at most (a row and two histories). */
#define CE_UNDO_MAX 4

/* One write of the current call, to be undone by its inverse: remove the
 * inserted row (old NULL) or put old back. */
typedef struct ce_undo {
	const ce_table_def *table;
	int64_t id;
	const ce_value *old; /* the caller's, valid until ce__write_end() */
} ce_undo;

/* What a table is to the others (ce_db.table_role, from the schema at
 * open): referred to by another table's column (rows.c keeps its rows
 * created), the nodes or the edges of an acyclic graph (graph.c). */
enum {
	CE_ROLE_REFERENCED = 1,
	CE_ROLE_GRAPH_NODES = 2,
	CE_ROLE_GRAPH_EDGES = 4
};

struct ce_db {
	const ce_backend *backend;
	ce_backend_conn *conn;
	const ce_schema *schema;  /* handed in at open; the core knows no other */
	unsigned char *table_role; /* per table of the schema: CE_ROLE_* */
	unsigned int flags;
	bool in_transaction; /* explicit, from ce_db_begin() */
	int errcode;
	char errmsg[512];
	/* table << 56 | id of records seen inside the explicit transaction,
	 * open addressing (linear probes); 0 is an empty slot; NULL until the
	 * first is noted */
	uint64_t *known;
	int known_bits;
	size_t nknown;
	/* unique keys written in the transaction to tables it found empty
	 * (keys.c): per table whether it was, and their hashes */
	unsigned char *fresh;
	struct ce_cached_row *rows; /* rows known in the transaction (rows.c) */
	int rows_set_bits;          /* 2^bits sets of rows */
	int rows_max_set_bits;      /* as far as they grow in this transaction */
	size_t rows_held;           /* rows in them */
	uint64_t rows_tick;         /* their last use, for eviction */
	/* nodes created and edge ends written in the transaction; lost: an
	 * end not noted (graph.c) */
	ce_idmap graph_nodes, graph_ends;
	bool graph_lost;
	uint64_t *keys;
	size_t nkeys, capkeys;
	/* finds by a whole unique key answered in the transaction (finds.c):
	 * the entries, per table a generation bumped by its updates and
	 * deletes, the last use for eviction; any: some entry noted since the
	 * last clear */
	struct ce_found *finds;
	uint64_t *finds_gen;
	uint64_t finds_tick;
	bool finds_any;
	/* the current call's undo by hand (ce__write_begin(db, true)); dooms:
	 * the backend fails the transaction on a refused write
	 * (CE_BACKEND_CALL_DOOM) */
	bool by_hand, dooms;
	/* CE_* code when a call's undo failed on such a backend: the caller's
	 * transaction is half-changed, and only rolls back */
	int doomed;
	char doomed_msg[512];
	int nundo;
	ce_undo undo[CE_UNDO_MAX];

	/* Who acts through the handle (access.c) */
	const ce_policy *policy;
	ce_role role;                /* CE_ROLE_NONE: trusted, nothing checked */
	char *actor;
	int64_t actor_id;            /* their own record, 0 if none */
	const ce_access_rule **rules; /* per table; NULL entries: nothing granted */
	int view;                    /* depth of calls answering a caller (filtered) */
	uint64_t call;               /* bumped at the start of every public call */
	uint64_t sets_call;          /* the call the sets were computed in (0: never) */
	ce_idset *sets;              /* policy->nsets, sorted */
	int audit_op;                /* the operation writes are audited as, 0: their own */
	char pseudonyms[CE_MAX_COLUMNS][CE_PSEUDONYM_BUF]; /* of the last filtered fetch */
	/* normal forms of identifier text of the row being written (validate.c) */
	char *norm[CE_MAX_COLUMNS];
	/* report cursors open on the handle (store.h: ce_db_link) */
	ce_db_link *links;
};

/* Entity e's table in db's schema, or NULL. */
static inline const ce_table_def *ce__db_entity(const ce_db *db, ce_entity e)
{
	return (int)e >= 1 && (int)e <= CE_ENTITY_LAST ? db->schema->tables[e] : NULL;
}

/* ---- access.c --------------------------------------------------------------- */

/* Binds the handle to its role and actor at open. */
int ce__access_open(ce_db *db, const ce_policy *policy, ce_role role, const char *actor);
void ce__access_close(ce_db *db);
/* Whether db's role may do op on the row of table t (id 0 for a new one):
 * CE_OK, or CE_EDENIED with a message. Trusted handles pass at once. */
int ce__access_check(ce_db *db, const ce_table_def *t, int op, int64_t id, const ce_value *row);
/* Whether a caller-facing read shows this row (CE_OK / CE_ENOTFOUND), and
 * its analyst pseudonyms written over row (texts into buf). */
int ce__access_visible(ce_db *db, const ce_table_def *t, int64_t id, ce_value *row,
                       char (*buf)[CE_PSEUDONYM_BUF]);

/* ---- audit.c ----------------------------------------------------------------- */

/* Appends one audit entry for a change of record id of table t: op is a
 * CE_AUDIT_* operation; old and new are the rows before and after (NULL for
 * a create's old or a delete's new). A no-op without an audit table or
 * when nothing changed. */
int ce__audit(ce_db *db, int op, const ce_table_def *t, int64_t id, const ce_value *old,
              const ce_value *new_row);

/* Carries a backend failure over to db with the backend's own message. */
int ce__backend_fail(ce_db *db, int code, const char *what);

/* Each mutating call is atomic: its own transaction, or a savepoint
 * inside the caller's. ce__write_end() commits or rolls back the scope and
 * returns rc (or the commit's failure).
 *
 * A call that validates before it writes and only inserts and updates
 * (undoable) needs no savepoint inside the caller's transaction when the
 * backend says so (ce_backend.call_without_savepoint, or a version-5/6
 * backend's atomic_calls): a refusal comes before any write, and a failure
 * after some is undone by the inverse writes the call noted with
 * ce__undo_insert()/ce__undo_update() — or, where a refused write fails
 * the whole transaction (PostgreSQL), the transaction is failed. That
 * saves the savepoint's statements (and on SQLite the journal copy of
 * every page it touches, a sixth of a bulk load). */
int ce__write_begin(ce_db *db, bool undoable);
/* Whether db's store refuses a duplicate unique key at the insert, alone
 * (ce_backend.unique_at_insert, or a version-5/6 backend's atomic_calls). */
bool ce__unique_at_insert(const ce_db *db);
/* Whether each read of db's store is a round trip to a server
 * (ce_backend.reads_are_remote, version 8): then the known records and
 * rows are kept large (store.c, rows.c). */
bool ce__reads_are_remote(const ce_db *db);
int ce__write_end(ce_db *db, int rc);
/* Notes a successful write of the call (no-op unless undone by hand); old
 * must stay valid until ce__write_end(). The audit row, always a call's
 * last write, is never noted. */
void ce__undo_insert(ce_db *db, const ce_table_def *t, int64_t id);
void ce__undo_update(ce_db *db, const ce_table_def *t, int64_t id, const ce_value *old);

/* Deletes one record inside the caller's write scope, releasing what
 * refers to it as ce_record_delete() with flags does (engine.c). */
int ce__delete_row(ce_db *db, const ce_table_def *t, int64_t id, unsigned int flags);

/* Forgets every known record (a new transaction, an undone call). */
void ce__known_clear(ce_db *db);
/* Frees the table (the handle closes). */
void ce__known_free(ce_db *db);
/* Remembers a record this handle has just written (inside a transaction). */
void ce__known_note(ce_db *db, int table_index, int64_t id);

/* The backend's insert and update as every write of the core makes them,
 * noting what the store now holds for the transaction's caches (keys.c).
 * No failure recorded. */
int ce__row_insert(ce_db *db, const ce_table_def *t, const ce_value *row, int64_t *id);
/* old is the row as it was (NULL: not at hand): when no unique key of t
 * changes from it, a version-9 backend's update_keys_kept() writes it. */
int ce__row_update(ce_db *db, const ce_table_def *t, int64_t id, const ce_value *old,
                   const ce_value *row);
/* Whether no column of a unique key of t (CE_COL_UNIQUE, unique_groups)
 * differs between old and row; true for a table with none, false for a
 * NULL old otherwise. */
bool ce__keys_kept(const ce_table_def *t, const ce_value *old, const ce_value *row);
/* Whether two values of col are equal (texts byte for byte, NULLs equal). */
bool ce__value_same(const ce_column_def *col, const ce_value *a, const ce_value *b);
/* Whether unique key `key` (column index, or CE_MAX_COLUMNS + group) of
 * row is certainly held by no record of t, known without asking the store
 * (*absent false: ask it). A failure of the store is recorded. */
int ce__keys_absent(bool *absent, ce_db *db, const ce_table_def *t, int key, const int *cols,
                    int ncols, const ce_value *row);
/* Rows known in the explicit transaction (rows.c): the last one this
 * handle wrote or read of a record, as a fetch returns it (texts valid
 * until the next call on db). Cleared with the known records. */
bool ce__rows_get(ce_db *db, const ce_table_def *t, int64_t id, ce_value *row);
void ce__rows_note(ce_db *db, const ce_table_def *t, int64_t id, const ce_value *row);
/* The same for a row just inserted, kept only if it is likely to be read again. */
void ce__rows_note_created(ce_db *db, const ce_table_def *t, int64_t id, const ce_value *row);
void ce__rows_forget(ce_db *db, const ce_table_def *t, int64_t id);
void ce__rows_clear(ce_db *db);
/* Notes a row written of a graph's nodes or edges (graph.c): created, or
 * updated. Forgotten with ce__graph_clear(). */
void ce__graph_note(ce_db *db, const ce_table_def *t, int64_t id, const ce_value *row,
                    bool created);
void ce__graph_clear(ce_db *db);
void ce__rows_free(ce_db *db);
/* Forgets every key and table (a new transaction, a closed handle). */
void ce__keys_reset(ce_db *db);
/* Forgets one record (deleted), and the finds answered about its table. */
void ce__known_forget(ce_db *db, int table_index, int64_t id);

/* A find's query as a key of finds.c: equality on every column of one of
 * t's unique keys, inside an explicit transaction. */
typedef struct ce_find_key {
	uint64_t hash;
	int table, len;
	unsigned char bytes[CE_FIND_KEY_BYTES];
} ce_find_key;
/* Whether q is such a query (then *k is its key); false: ask the store. */
bool ce__finds_key(const ce_db *db, const ce_table_def *t, const ce_query *q, ce_find_key *k);
/* The id a find of k returned in the transaction, if remembered. */
bool ce__finds_get(ce_db *db, const ce_find_key *k, int64_t *id);
/* Remembers a find's positive answer. */
void ce__finds_note(ce_db *db, const ce_find_key *k, int64_t id);
/* Forgets the answers about table `table_index` (a row updated or deleted). */
void ce__finds_forget_table(ce_db *db, int table_index);
/* Forgets every answer (with the known records); frees them (handle closes). */
void ce__finds_clear(ce_db *db);
void ce__finds_free(ce_db *db);

/* Copies a backend row into a fresh record (strings duplicated). */
int ce__record_from_row(ce_record **out, ce_db *db, const ce_table_def *table, int64_t id,
                        const ce_value *row);
/* Fills record->spec from its values; CE_ENOMEM on failure. */
int ce__record_build_spec(ce_record *record);

/* Resolves a filter's conditions against a table into out[CE_MAX_COLUMNS];
 * text values stay borrowed from the filter. */
int ce__filter_resolve(ce_db *db, const ce_filter *f, const ce_table_def *t, ce_condition *out,
                       unsigned int *n);

struct ce_record_iter {
	ce_db *db;
	const ce_table_def *table;
	ce_scan scan;
	ce_condition conds[CE_MAX_COLUMNS]; /* kept: backends may borrow them */
	char *texts[CE_MAX_COLUMNS];        /* owned copies of the conditions' text */
	bool typed;   /* build specs for the typed API */
};

#endif
