/* Private to lib/core: the db handle and its backend, write scopes, and
 * the pieces of records and iterators the engine builds. Everything else
 * in the library reads through store.h and writes through engine.h. */
#ifndef CE_CORE_INTERNAL_H
#define CE_CORE_INTERNAL_H

#include <stdarg.h>

#include "coopedu/sys/backend.h"
#include "engine.h"

/* Slots of the table of records known to exist (see ce__exists()). */
#define CE_KNOWN_SLOTS 2048

struct ce_db {
	const ce_backend *backend;
	ce_backend_conn *conn;
	const ce_schema *schema;  /* handed in at open; the core knows no other */
	unsigned int flags;
	bool in_transaction; /* explicit, from ce_db_begin() */
	int errcode;
	char errmsg[512];
	/* table << 56 | id of records seen inside the explicit transaction,
	 * direct-mapped; 0 is an empty slot */
	uint64_t known[CE_KNOWN_SLOTS];
};

/* Entity e's table in db's schema, or NULL. */
static inline const ce_table_def *ce__db_entity(const ce_db *db, ce_entity e)
{
	return (int)e >= 1 && (int)e <= CE_ENTITY_LAST ? db->schema->tables[e] : NULL;
}

/* Carries a backend failure over to db with the backend's own message. */
int ce__backend_fail(ce_db *db, int code, const char *what);

/* Each mutating call is atomic: its own transaction, or a savepoint
 * inside the caller's. ce__write_end() commits or rolls back the scope and
 * returns rc (or the commit's failure). */
int ce__write_begin(ce_db *db);
int ce__write_end(ce_db *db, int rc);

/* Forgets every known record (a new transaction, an undone call). */
void ce__known_clear(ce_db *db);
/* Forgets one record (deleted). */
void ce__known_forget(ce_db *db, int table_index, int64_t id);

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
