/* Core-private declarations: the db handle, errors, records, write
 * scopes and the rule descriptors that lib/schema/ fills in. Nothing here
 * is exported. */
#ifndef CE_CORE_INTERNAL_H
#define CE_CORE_INTERNAL_H

#include <stdarg.h>
#include <stdbool.h>

#include "coopedu.h"
#include "coopedu/sys/backend.h"

#define CE_ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

/* Internal tables (lifecycle histories) follow the public entities. */
enum ce_internal_table {
	CE_TABLE_AGREEMENT_STATUS_HISTORY = CE_ENTITY_LAST + 1,
	CE_TABLE_PROJECT_STATUS_HISTORY,
	CE_TABLE_PROJECT_STAGE_HISTORY,
	CE_TABLE_SUBTOPIC_STATUS_HISTORY,
	CE_TABLE_STUDENT_STATUS_HISTORY,
	CE_TABLE_PLACEMENT_STATUS_HISTORY,
	CE_TABLE_OUTCOME_STATUS_HISTORY,
	CE_TABLE_COUNT
};

/* ---- errors ---------------------------------------------------------- */

/* Slots of the table of records known to exist (see ce__exists()). */
#define CE_KNOWN_SLOTS 2048

struct ce_db {
	const ce_backend *backend;
	ce_backend_conn *conn;
	unsigned int flags;
	bool in_transaction; /* explicit, from ce_db_begin() */
	int errcode;
	char errmsg[512];
	/* table << 56 | id of records seen inside the explicit transaction,
	 * direct-mapped; 0 is an empty slot */
	uint64_t known[CE_KNOWN_SLOTS];
};

/* Records the failure on db (may be NULL) and the calling thread; returns code. */
int ce__fail(ce_db *db, int code, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 3, 4)))
#endif
	;
/* Carries a backend failure over to db with the backend's own message. */
int ce__backend_fail(ce_db *db, int code, const char *what);
/* Clears db's last error at the start of a call. */
void ce__clear(ce_db *db);

/* The calling thread's and db's last error, kept across a probe whose
 * refusal is an answer rather than a failure. */
typedef struct ce_saved_error {
	int code;
	char msg[512];
} ce_saved_error;
void ce__error_save(ce_saved_error *saved);
void ce__error_restore(ce_db *db, const ce_saved_error *saved);

/* ---- schema and rules ------------------------------------------------ */

/* One allowed lifecycle move for discriminator value disc (0 when the
 * lifecycle has no discriminator). from == 0 lists a legal initial state;
 * the first one listed for a disc is the default. */
typedef struct ce_move {
	int disc, from, to;
} ce_move;

/* A lifecycle: an ENUM column moved only along its listed moves, with a
 * date column that never goes backwards and a history table. */
typedef struct ce_lifecycle_def {
	int column;            /* the ENUM column */
	int date_column;       /* DATE of entering the current state */
	int default_date;      /* column whose date a new record starts on, or -1 */
	int history_table;     /* CE_TABLE_*_HISTORY */
	int discriminator;     /* column choosing the moves (outcome kind), or -1 */
	const ce_move *moves;
	int nmoves;
} ce_lifecycle_def;

#define CE_MOVES(arr) arr, (int)CE_ARRAY_LEN(arr)

bool ce__lifecycle_allows(const ce_lifecycle_def *lc, int disc, int from, int to);
/* The default initial state for disc, or 0 if there is none. */
int ce__lifecycle_initial(const ce_lifecycle_def *lc, int disc);

/* Column @second, when set, must not be before column @first. */
typedef struct ce_date_order {
	int first, second;
} ce_date_order;

struct ce_table_rules {
	/* NULL-terminated groups of -1-terminated columns: exactly one set */
	const int *const *exactly_one;
	const ce_date_order *date_orders;
	int ndate_orders;
	const ce_lifecycle_def *lifecycles;
	int nlifecycles;
	/* Cross-record rules after every column passed; id is 0 on insert.
	 * Returns CE_OK or a ce__fail() code. */
	int (*check)(ce_db *db, const ce_table_def *table, const ce_value *row, int64_t id);
};

const ce_table_def *ce__table(int index);           /* NULL if out of range */
const ce_table_def *ce__entity_table(ce_entity e);   /* public entities only */
int ce__column_by_name(const ce_table_def *table, const char *name); /* -1 if none */

/* Days from 1970-01-01 to a valid date (negative before). */
int64_t ce__date_days(ce_date date);

/* Checks a text is valid UTF-8 with no NUL or control characters other
 * than tab and newline. */
bool ce__utf8_valid(const char *s);

/* Largest column count of any table; rows live on the stack. */
#define CE_MAX_COLUMNS 24

/* Byte length of at most max bytes of s that ends on a UTF-8 boundary,
 * for quoting values in messages: use as "%.*s", ce__clip(s, 60), s. */
int ce__clip(const char *s, int max);

/* Validates a row for insert (id 0, old NULL) or update, normalising it
 * in place (NULL numbers become 0, lifecycle defaults filled in). */
int ce__validate(ce_db *db, const ce_table_def *table, ce_value *row, int64_t id,
                 const ce_value *old);
const ce_lifecycle_def *ce__lifecycle(const ce_table_def *table, int column);

/* ---- records --------------------------------------------------------- */

struct ce_record {
	const ce_table_def *table;
	int64_t id;
	ce_value *values;   /* ncolumns; TEXT strings owned */
	void *spec;         /* typed view (spec_size bytes), built on demand */
};

ce_record *ce__record_alloc(const ce_table_def *table);
/* Copies a backend row into a fresh record (strings duplicated). */
int ce__record_from_row(ce_record **out, ce_db *db, const ce_table_def *table, int64_t id,
                        const ce_value *row);
/* Fills record->spec from its values; CE_ENOMEM on failure. */
int ce__record_build_spec(ce_record *record);

/* ---- write scopes: each mutating call is atomic ------------------------ */

int ce__write_begin(ce_db *db);
/* Commits or rolls back the scope opened by ce__write_begin(); returns rc
 * (or the commit's failure). */
int ce__write_end(ce_db *db, int rc);

/* ---- the engine ------------------------------------------------------ */

int ce__insert(int64_t *out_id, ce_db *db, const ce_table_def *table, const ce_value *row);
int ce__update(ce_db *db, const ce_table_def *table, int64_t id, const ce_value *row);
int ce__delete(ce_db *db, const ce_table_def *table, int64_t id, unsigned int flags);
int ce__lookup(ce_record **out, ce_db *db, const ce_table_def *table, int64_t id);
/* Looks up the record whose UNIQUE TEXT column equals key. */
int ce__lookup_by_text(ce_record **out, ce_db *db, const ce_table_def *table,
                       const char *column, const char *key);
/* Fetches a row into values the caller frees with ce__row_clear(). */
int ce__fetch_copy(ce_db *db, const ce_table_def *table, int64_t id, ce_value *values);
void ce__row_clear(const ce_table_def *table, ce_value *values);
/* Whether a record of table `index` with this id exists (CE_OK/CE_ENOTFOUND).
 * Inside an explicit transaction the answer may come from db->known. */
int ce__exists(ce_db *db, int table_index, int64_t id);
/* Forgets every known record (a new transaction, an undone call). */
void ce__known_clear(ce_db *db);
/* Id of the first row matching column == value (CE_ENOTFOUND if none). */
int ce__find_eq(int64_t *out_id, ce_db *db, const ce_table_def *table, int column, int64_t value);

/* Record id (> 0) -> int64, open addressing; zero-initialise to start. */
typedef struct ce_idmap {
	int64_t *keys, *vals;
	size_t cap, n;
} ce_idmap;
/* Sets key's value; CE_ENOMEM on failure (the map is unchanged). */
int ce__idmap_put(ce_idmap *m, int64_t key, int64_t val);
/* Whether key is present; its value into *val when val is given. */
bool ce__idmap_get(const ce_idmap *m, int64_t key, int64_t *val);
void ce__idmap_free(ce_idmap *m);

/* Whether edges (rows of `edges`, each from column from_col to column
 * to_col) lead from start to goal, ignoring edge row skip (0: none).
 * Breadth-first, each node expanded once. If found and buf is given, the
 * shortest path "start -> ... -> goal" is written there. */
int ce__find_path(ce_db *db, const ce_table_def *edges, int from_col, int to_col, int64_t start,
                  int64_t goal, int64_t skip, bool *found, char *buf, size_t size);

/* ---- typed specs ----------------------------------------------------- */

int ce__spec_init(const ce_table_def *table, void *spec, unsigned int version,
                  unsigned int current);
/* Converts a caller's spec into a row (strings borrowed from the spec). */
int ce__row_from_spec(ce_db *db, const ce_table_def *table, const void *spec,
                      unsigned int current, ce_value *row);

/* Resolves a filter's conditions against a table into out[CE_MAX_COLUMNS];
 * text values stay borrowed from the filter. */
int ce__filter_resolve(ce_db *db, const ce_filter *f, const ce_table_def *t, ce_condition *out,
                       unsigned int *n);

struct ce_record_iter {
	ce_db *db;
	const ce_table_def *table;
	ce_backend_cursor *cursor;
	ce_condition conds[CE_MAX_COLUMNS]; /* kept: backends may borrow them */
	char *texts[CE_MAX_COLUMNS];        /* owned copies of the conditions' text */
	bool typed;   /* build specs for the typed API */
};

int ce__iter_new(ce_record_iter **out, ce_db *db, const ce_table_def *table,
                 const ce_filter *filter, bool typed);

/* Defines the typed API that CE_DECLARE_RECORD_API(NOUN) declares, on
 * top of the generic engine. VERSION is the spec's current version. */
#define CE_DEFINE_RECORD_API(NOUN, ENTITY, VERSION)                                           \
	ce_result ce_##NOUN##_spec_init(ce_##NOUN##_spec *spec, unsigned int version)            \
	{                                                                                        \
		return ce__spec_init(ce__entity_table(ENTITY), spec, version, VERSION);              \
	}                                                                                        \
	ce_result ce_##NOUN##_create(int64_t *out_id, ce_db *db, const ce_##NOUN##_spec *spec)   \
	{                                                                                        \
		return ce__typed_create(out_id, db, ENTITY, spec, VERSION);                          \
	}                                                                                        \
	ce_result ce_##NOUN##_update(ce_db *db, int64_t id, const ce_##NOUN##_spec *spec)        \
	{                                                                                        \
		return ce__typed_update(db, ENTITY, id, spec, VERSION);                              \
	}                                                                                        \
	ce_result ce_##NOUN##_lookup(ce_##NOUN **out, ce_db *db, int64_t id)                     \
	{                                                                                        \
		return ce__typed_lookup((ce_record **)out, db, ENTITY, id);                          \
	}                                                                                        \
	ce_result ce_##NOUN##_delete(ce_db *db, int64_t id, unsigned int flags)                  \
	{                                                                                        \
		return ce_record_delete(db, ENTITY, id, flags);                                      \
	}                                                                                        \
	int64_t ce_##NOUN##_id(const ce_##NOUN *record)                                          \
	{                                                                                        \
		return ce_record_id((const ce_record *)record);                                      \
	}                                                                                        \
	const ce_##NOUN##_spec *ce_##NOUN##_fields(const ce_##NOUN *record)                      \
	{                                                                                        \
		return record ? (const ce_##NOUN##_spec *)((const ce_record *)record)->spec : NULL;  \
	}                                                                                        \
	void ce_##NOUN##_free(ce_##NOUN *record) { ce_record_free((ce_record *)record); }        \
	ce_result ce_##NOUN##_iter_new(ce_##NOUN##_iter **out, ce_db *db, const ce_filter *filter) \
	{                                                                                        \
		return ce__typed_iter_new((ce_record_iter **)out, db, ENTITY, filter);              \
	}                                                                                        \
	ce_result ce_##NOUN##_iter_next(ce_##NOUN **out, ce_##NOUN##_iter *iter)                 \
	{                                                                                        \
		return ce_record_iter_next((ce_record **)out, (ce_record_iter *)iter);               \
	}                                                                                        \
	void ce_##NOUN##_iter_free(ce_##NOUN##_iter *iter)                                       \
	{                                                                                        \
		ce_record_iter_free((ce_record_iter *)iter);                                         \
	}

int ce__typed_create(int64_t *out_id, ce_db *db, ce_entity entity, const void *spec,
                     unsigned int current);
int ce__typed_update(ce_db *db, ce_entity entity, int64_t id, const void *spec,
                     unsigned int current);
int ce__typed_lookup(ce_record **out, ce_db *db, ce_entity entity, int64_t id);
int ce__typed_lookup_by_text(ce_record **out, ce_db *db, ce_entity entity, const char *column,
                              const char *key);
int ce__typed_iter_new(ce_record_iter **out, ce_db *db, ce_entity entity,
                       const ce_filter *filter);

#endif
