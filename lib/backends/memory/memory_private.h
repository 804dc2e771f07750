/* Private to the in-memory reference backend: the store, the undo
 * journal and condition matching, shared by memory.c, store.c, undo.c and
 * query.c, index.c. Simple, obviously correct code over speed: this
 * backend is the reference the others are checked against. The one
 * concession: a hash index per unique key, so that the core's uniqueness
 * check does not scan the table on every insert. */
#ifndef CE_BACKENDS_MEMORY_PRIVATE_H
#define CE_BACKENDS_MEMORY_PRIVATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "coopedu/sys/backend.h"

/* One stored row. values has ncolumns cells; TEXT strings are owned. The
 * values array is a separate allocation so that it (and the strings that
 * fetch hands out) stays put while the row array grows or shifts. */
typedef struct mem_row {
	int64_t id;
	ce_value *values;
} mem_row;

/* A hash index of one unique key (index.c): slots of (hash, row id), id
 * 0 empty; cap a power of two or 0. */
typedef struct mem_slot {
	uint64_t hash;
	int64_t id;
} mem_slot;

typedef struct mem_index {
	const int *cols; /* the key's columns */
	int ncols;
	int single;      /* cols of a one-column key points here */
	mem_slot *slots;
	size_t cap, count;
} mem_index;

/* One table: rows sorted by ascending id (ids only grow, so inserts
 * append), deleted rows removed. Capacity never shrinks, which is what
 * lets undo put a removed row back without allocating; nor do the
 * indexes' slot arrays. */
typedef struct mem_table {
	const ce_table_def *def;
	mem_row *rows;
	size_t nrows, cap;
	int64_t next_id;  /* never reused: not rewound by delete or rollback */
	mem_index *indexes; /* one per unique key */
	int nindexes;
} mem_table;

enum mem_undo_kind { MEM_UNDO_INSERT, MEM_UNDO_UPDATE, MEM_UNDO_REMOVE };

/* One journal entry: how to take a write back. */
typedef struct mem_undo {
	enum mem_undo_kind kind;
	int table;
	int64_t id;
	ce_value *values;  /* UPDATE: the old values; REMOVE: the removed row's; owned */
} mem_undo;

#define MEM_MAX_SAVEPOINTS 8

struct ce_backend_cursor;

struct ce_backend_conn {
	const ce_schema *schema;
	mem_table *tables;  /* indexed like schema->tables; [0] unused */
	bool readonly;
	bool in_transaction;
	mem_undo *journal;
	size_t njournal, journal_cap;
	size_t marks[MEM_MAX_SAVEPOINTS];  /* journal length at each savepoint */
	int nmarks;
	struct ce_backend_cursor *cursors; /* open scans, detached on close */
	char errmsg[256];
};

struct ce_backend_cursor {
	ce_backend_conn *conn;  /* NULL once the connection is closed */
	int table;
	ce_query query;         /* deep copy */
	int64_t last_id;        /* resume after this id: survives writes */
	bool done;
	struct ce_backend_cursor *prev, *next;
};

/* ---- memory.c -------------------------------------------------------- */

/* Records a failure message on conn and returns code. */
int ce__mem_fail(ce_backend_conn *conn, int code, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 3, 4)))
#endif
	;

/* ---- store.c: allocation, rows and cells ------------------------------ */

void *ce__mem_alloc(size_t size);
void *ce__mem_realloc(void *p, size_t size);
char *ce__mem_strdup(const char *s);
/* Test hook: make the nth allocation from now fail (0: never). Counts
 * across every connection of the process; for single-threaded tests. */
void ce__memory_fail_alloc(long nth);

/* Index of the first row whose id is greater than id. */
size_t ce__mem_upper(const mem_table *t, int64_t id);
/* Index of row id, or -1 if absent. */
ptrdiff_t ce__mem_find(const mem_table *t, int64_t id);
/* Makes room for one more row. CE_OK or CE_ENOMEM (table unchanged). */
int ce__mem_reserve(mem_table *t);
/* Puts a row in its sorted place; room must have been reserved. */
void ce__mem_place(mem_table *t, mem_row row);
/* Takes row index i out of the array; the caller owns its values. */
mem_row ce__mem_take(mem_table *t, size_t i);
/* Owned, normalised copy of a row (a NULL cell is all zeros but null,
 * a set cell keeps only the member its type uses): CE_OK, CE_EINVALID
 * (a non-NULL TEXT cell with no string, an unknown column type) or
 * CE_ENOMEM, with the message on conn. */
int ce__mem_copy_values(ce_value **out, ce_backend_conn *conn, const ce_table_def *def,
                        const ce_value *row);
void ce__mem_free_values(const ce_table_def *def, ce_value *values);

/* ---- undo.c: the transaction journal ---------------------------------- */

/* Makes room for one journal entry if a transaction is open. */
int ce__mem_journal_reserve(ce_backend_conn *conn);
/* Appends an entry if a transaction is open (room reserved); otherwise
 * frees the values it would have kept. */
void ce__mem_journal_add(ce_backend_conn *conn, enum mem_undo_kind kind, int table, int64_t id,
                         ce_value *values);
/* Undoes entries back to journal length len. */
void ce__mem_undo_to(ce_backend_conn *conn, size_t len);
/* Forgets every entry, freeing what they kept. */
void ce__mem_journal_drop(ce_backend_conn *conn);

int ce__mem_begin(ce_backend_conn *conn);
int ce__mem_commit(ce_backend_conn *conn);
int ce__mem_rollback(ce_backend_conn *conn);
int ce__mem_savepoint(ce_backend_conn *conn);
int ce__mem_release(ce_backend_conn *conn);
int ce__mem_rollback_to(ce_backend_conn *conn);

/* ---- index.c: hash indexes of the unique keys ---------------------------- */

/* The indexes of t's unique keys, empty: CE_OK or CE_ENOMEM. */
int ce__mem_index_init(mem_table *t);
void ce__mem_index_free(mem_table *t);
/* Makes room for one more entry in each index: CE_OK or CE_ENOMEM (the
 * indexes unchanged). */
int ce__mem_index_reserve(mem_table *t);
/* Indexes row id with values row (room reserved), or takes it out. */
void ce__mem_index_add(mem_table *t, int64_t id, const ce_value *row);
void ce__mem_index_remove(mem_table *t, int64_t id, const ce_value *row);
/* When the query sets every column of a unique key equal to a value:
 * true, with the number of rows matching the whole query and the
 * smallest id among them (0 if none). False: no index serves it. */
bool ce__mem_index_lookup(const ce_backend_conn *conn, const mem_table *t, const ce_query *q,
                          int64_t *first, int64_t *count);

/* ---- query.c: conditions with SQL meaning ----------------------------- */

/* Checks a query against the schema: CE_OK or CE_EINVALID. */
int ce__mem_query_check(ce_backend_conn *conn, const mem_table *t, const ce_query *query);
/* Deep copy of a checked query, freed with ce__mem_query_free(). */
int ce__mem_query_copy(ce_query *out, const ce_backend_conn *conn, const mem_table *t,
                       const ce_query *query);
void ce__mem_query_free(ce_query *query);
/* Whether a row of t meets every condition of a checked query. */
bool ce__mem_match(const ce_backend_conn *conn, const mem_table *t, const mem_row *row,
                   const ce_query *query);

#endif
