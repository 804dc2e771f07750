/* The rule engine as a schema sees it: the rule descriptors a table
 * carries (the library's schema fills them in), the checked writes, records, and the
 * glue that defines each entity's typed API over the generic engine.
 * lib/schema and the importer use this with store.h; nothing here is
 * exported. */
#ifndef CE_CORE_ENGINE_H
#define CE_CORE_ENGINE_H

#include "store.h"

/* ---- access: who may do what ------------------------------------------------ */

/* The operations a role is granted per table. */
enum ce_access_op { CE_ACCESS_READ, CE_ACCESS_CREATE, CE_ACCESS_UPDATE, CE_ACCESS_DELETE,
	                CE_ACCESS_TRANSITION, CE_ACCESS_NOPS };

/* A set of record ids an actor reaches (their students, placements...),
 * computed when a call starts: the values of column `pick` (NULL: the id)
 * of the rows of `table` whose column `where` holds an id of set `from`
 * (CE_SET_ME: the actor's own record). Sets are computed in index order,
 * so `from` names an earlier one. */
#define CE_SET_ME 0
typedef struct ce_set_source {
	int set;
	int table;
	const char *pick;
	const char *where;
	int from;
} ce_set_source;

/* One term of a scope: records whose column (NULL: id) is in set `set`. */
typedef struct ce_scope_term {
	const char *column;
	int set;
} ce_scope_term;

/* What role may do on one table: per operation '-' nothing, 's' the
 * records in its scope (any term holds), 'a' every record. */
typedef struct ce_access_rule {
	int table;
	const char *grant;           /* CE_ACCESS_NOPS letters: read create update delete transition */
	const ce_scope_term *terms;  /* NULL-column-and-negative-set terminated */
} ce_access_rule;

/* The access policy a schema hands the core with itself: the rules, the
 * sets, how an actor's own record is found and what an analyst sees. */
typedef struct ce_policy {
	int nsets;                            /* CE_SET_ME included */
	/* The rules and set sources of a role (ended by table 0 / set 0), or
	 * NULL for a role that may do everything. */
	const ce_access_rule *(*rules)(ce_role role);
	const ce_set_source *(*sets)(ce_role role);
	/* Finds the actor's own record (0 for roles without one); CE_EINVALID
	 * with a message when the actor does not fit the role. */
	int (*bind)(ce_db *db, ce_role role, const char *actor, int64_t *actor_id);
	/* Replaces personal fields of a row the analyst reads (texts written
	 * into buf, of size CE_PSEUDONYM_BUF per column). */
	void (*pseudonymise)(const ce_table_def *t, int64_t id, ce_value *row,
	                     char (*buf)[CE_PSEUDONYM_BUF]);
	int audit_table;                      /* index of the audit trail, 0: none */
} ce_policy;

/* Opens a store of schema: the core is generic over the schema it is
 * handed, and over its access policy (NULL: none); ce_db_open() hands it
 * the library's own. */
int ce__db_open(ce_db **out, const char *uri, const ce_open_options *opts,
                const ce_schema *schema, const ce_policy *policy);

/* Writes from now on are audited as op (a CE_AUDIT_* operation: an import's
 * records as imported) instead of as created; 0 restores their own. */
void ce__audit_as(ce_db *db, int op);
/* Replaces, in the audit entries of record id of t, every value of a
 * column that differs between old and new_row by its new value (the
 * anonymisation of a person reaches their past entries too). */
int ce__audit_redact(ce_db *db, const ce_table_def *t, int64_t id, const ce_value *old,
                     const ce_value *new_row);

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
	int history_table;     /* index of its history table in the schema */
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

/* A table of edges kept acyclic: each row an edge from column `from` to
 * column `to`, both referring to the same table of nodes (graph.c). */
typedef struct ce_graph_def {
	int from, to;
} ce_graph_def;

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
	/* Cross-column rules on a lifecycle move (a move validates nothing
	 * else): row is the record in its new state. NULL: none. */
	int (*check_move)(ce_db *db, const ce_table_def *table, const ce_value *row, int64_t id);
	/* Refuses a delete the caller asks for (not one a cascade from an
	 * owner makes): row is the record as stored. NULL: none. */
	int (*check_delete)(ce_db *db, const ce_table_def *table, const ce_value *row, int64_t id);
	/* an edge table (ce__find_path()); NULL: none */
	const ce_graph_def *graph;
};


/* Validates a row for insert (id 0, old NULL) or update, normalising it
 * in place (NULL numbers become 0, lifecycle defaults filled in). */
int ce__validate(ce_db *db, const ce_table_def *table, ce_value *row, int64_t id,
                 const ce_value *old);
/* The same for an insert whose store refuses duplicates itself, atomically
 * (ce_backend.unique_at_insert): every rule but uniqueness, which costs a
 * lookup per key. ce__check_uniques() then explains a refused insert. */
int ce__validate_for_insert(ce_db *db, const ce_table_def *table, ce_value *row);
/* CE_EEXISTS naming the record that holds one of row's unique keys. */
int ce__check_uniques(ce_db *db, const ce_table_def *table, const ce_value *row, int64_t id);
const ce_lifecycle_def *ce__lifecycle(const ce_table_def *table, int column);

/* ---- records --------------------------------------------------------- */

struct ce_record {
	const ce_table_def *table;
	int64_t id;
	ce_value *values;   /* ncolumns; TEXT strings owned */
	void *spec;         /* typed view (spec_size bytes), built on demand */
	/* the texts a record was read with follow its values in its own
	 * block, up to here: freed with it, never alone */
	const char *texts_end;
};

ce_record *ce__record_alloc(const ce_table_def *table);

/* The calling thread's and db's last error, kept across a probe whose
 * refusal is an answer rather than a failure. */
typedef struct ce_saved_error {
	int code;
	char msg[512];
} ce_saved_error;
void ce__error_save(ce_saved_error *saved);
void ce__error_restore(ce_db *db, const ce_saved_error *saved);

/* ---- the engine ------------------------------------------------------ */

int ce__insert(int64_t *out_id, ce_db *db, const ce_table_def *table, const ce_value *row);
int ce__update(ce_db *db, const ce_table_def *table, int64_t id, const ce_value *row);
int ce__delete(ce_db *db, const ce_table_def *table, int64_t id, unsigned int flags);
int ce__lookup(ce_record **out, ce_db *db, const ce_table_def *table, int64_t id);
/* Looks up the record whose UNIQUE TEXT column equals key. */
int ce__lookup_by_text(ce_record **out, ce_db *db, const ce_table_def *table,
                       const char *column, const char *key);

/* Whether the rows of edge table `edges` (its rules' graph) lead from
 * start to goal, ignoring edge row skip (0: none). Breadth-first, each
 * node expanded once. If found and buf is given, the shortest path
 * "start -> ... -> goal" is written there. */
int ce__find_path(ce_db *db, const ce_table_def *edges, int64_t start, int64_t goal, int64_t skip,
                  bool *found, char *buf, size_t size);

/* ---- typed specs ----------------------------------------------------- */

int ce__spec_init(const ce_table_def *table, void *spec, unsigned int version,
                  unsigned int current);
/* Converts a caller's spec into a row (strings borrowed from the spec). */
int ce__row_from_spec(ce_db *db, const ce_table_def *table, const void *spec,
                      unsigned int current, ce_value *row);

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
