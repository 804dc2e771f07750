/* What an explicit transaction knows of its store without asking it.
 * Inside ce_db_begin()/ce_db_commit() the store holds the write lock, so
 * nothing changes but what this handle writes (as for the known records,
 * store.c). A table found empty the first time a unique key of it is
 * checked in the transaction then holds only rows this handle has written
 * since, so a key none of those writes carried cannot be taken: the check
 * needs no lookup. A bulk load into an empty store checks a unique key for
 * most rows, and on a server each lookup is a round trip.
 *
 * The keys are kept as 64-bit hashes of their values: a hash seen means
 * "maybe taken" and the store is asked as before, so a collision, or a key
 * whose row has since been deleted or undone, costs a lookup and never a
 * wrong answer. Every write of the core goes through ce__row_insert() /
 * ce__row_update(), which note the keys of the row written. The set is
 * bounded (CE_KEYS_MAX): past it, every table is checked by lookups again. */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

/* Keys remembered at most (16 MiB of slots at half load). */
#define CE_KEYS_MAX (1u << 20)

enum { FRESH_UNASKED, FRESH_EMPTY, FRESH_NO };

static uint64_t mix(uint64_t h, uint64_t v)
{
	h ^= v + UINT64_C(0x9E3779B97F4A7C15) + (h << 6) + (h >> 2);
	return h * UINT64_C(0xBF58476D1CE4E5B9);
}

/* The hash of key `key` (a column index or CE_MAX_COLUMNS + group) of
 * table t in row; 0 when a value is NULL (NULLs never collide). */
static uint64_t key_hash(const ce_table_def *t, int key, const int *cols, int ncols,
                         const ce_value *row)
{
	uint64_t h = mix((uint64_t)t->index, (uint64_t)key);
	for (int i = 0; i < ncols; i++) {
		const ce_value *v = &row[cols[i]];
		if (v->null)
			return 0;
		ce_column_type type = t->columns[cols[i]].type;
		if (type == CE_TYPE_TEXT) {
			uint64_t s = UINT64_C(0xCBF29CE484222325); /* FNV-1a */
			for (const unsigned char *p = (const unsigned char *)v->s; *p; p++)
				s = (s ^ *p) * UINT64_C(0x100000001B3);
			h = mix(h, s);
		} else if (type == CE_TYPE_REAL) {
			double r = v->r == 0 ? 0 : v->r; /* -0.0 equals 0.0 */
			uint64_t bits;
			memcpy(&bits, &r, sizeof bits);
			h = mix(h, bits);
		} else {
			h = mix(h, (uint64_t)v->i);
		}
	}
	return h ? h : 1;
}

void ce__keys_reset(ce_db *db)
{
	free(db->keys);
	db->keys = NULL;
	db->nkeys = db->capkeys = 0;
	if (db->fresh)
		memset(db->fresh, FRESH_UNASKED, (size_t)db->schema->ntables);
}

/* Stops keeping keys: every table is asked again, as if never empty. */
static void give_up(ce_db *db)
{
	ce__keys_reset(db);
	if (db->fresh)
		memset(db->fresh, FRESH_NO, (size_t)db->schema->ntables);
}

static bool keys_has(const ce_db *db, uint64_t h)
{
	if (!db->capkeys)
		return false;
	for (size_t i = h & (db->capkeys - 1);; i = (i + 1) & (db->capkeys - 1)) {
		if (db->keys[i] == h)
			return true;
		if (!db->keys[i])
			return false;
	}
}

static void keys_put(ce_db *db, uint64_t h)
{
	if (keys_has(db, h))
		return;
	if (2 * (db->nkeys + 1) > db->capkeys) {
		size_t cap = db->capkeys ? db->capkeys * 2 : 1024;
		uint64_t *grown = db->nkeys < CE_KEYS_MAX ? calloc(cap, sizeof *grown) : NULL;
		if (!grown) {
			give_up(db);
			return;
		}
		for (size_t k = 0; k < db->capkeys; k++) {
			if (!db->keys[k])
				continue;
			size_t i = db->keys[k] & (cap - 1);
			while (grown[i])
				i = (i + 1) & (cap - 1);
			grown[i] = db->keys[k];
		}
		free(db->keys);
		db->keys = grown;
		db->capkeys = cap;
	}
	size_t i = h & (db->capkeys - 1);
	while (db->keys[i])
		i = (i + 1) & (db->capkeys - 1);
	db->keys[i] = h;
	db->nkeys++;
}

/* Notes the unique keys of a row just written to t. */
static void note_keys(ce_db *db, const ce_table_def *t, const ce_value *row)
{
	if (!db->in_transaction || !db->fresh || db->fresh[t->index] != FRESH_EMPTY)
		return;
	for (int c = 0; c < t->ncolumns && db->fresh[t->index] == FRESH_EMPTY; c++) {
		uint64_t h = t->columns[c].flags & CE_COL_UNIQUE ? key_hash(t, c, &c, 1, row) : 0;
		if (h)
			keys_put(db, h);
	}
	for (int g = 0; t->unique_groups && t->unique_groups[g] && db->fresh[t->index] == FRESH_EMPTY; g++) {
		int n = 0;
		while (t->unique_groups[g][n] >= 0)
			n++;
		uint64_t h = key_hash(t, CE_MAX_COLUMNS + g, t->unique_groups[g], n, row);
		if (h)
			keys_put(db, h);
	}
}

int ce__keys_absent(bool *absent, ce_db *db, const ce_table_def *t, int key, const int *cols,
                    int ncols, const ce_value *row)
{
	*absent = false;
	if (!db->in_transaction)
		return CE_OK;
	if (!db->fresh && !(db->fresh = calloc((size_t)db->schema->ntables, 1)))
		return CE_OK; /* no memory to remember: ask the store */
	if (db->fresh[t->index] == FRESH_UNASKED) {
		static const ce_query all = { 0, NULL };
		int64_t any;
		int rc = ce__store_find(&any, db, t, &all);
		if (rc != CE_OK && rc != CE_ENOTFOUND)
			return rc;
		db->fresh[t->index] = rc == CE_ENOTFOUND ? FRESH_EMPTY : FRESH_NO;
	}
	if (db->fresh[t->index] == FRESH_EMPTY)
		*absent = !keys_has(db, key_hash(t, key, cols, ncols, row));
	return CE_OK;
}

int ce__row_insert(ce_db *db, const ce_table_def *t, const ce_value *row, int64_t *id)
{
	int rc = db->backend->insert(db->conn, t, row, id);
	if (rc == CE_OK && db->in_transaction) {
		if (t->index <= CE_ENTITY_LAST) { /* what references point at */
			ce__known_note(db, t->index, *id);
			ce__rows_note_created(db, t, *id, row);
		}
		note_keys(db, t, row);
		ce__graph_note(db, t, *id, row, true);
	}
	return rc;
}

bool ce__keys_kept(const ce_table_def *t, const ce_value *old, const ce_value *row)
{
	for (int c = 0; c < t->ncolumns; c++)
		if ((t->columns[c].flags & CE_COL_UNIQUE) &&
		    (!old || !ce__value_same(&t->columns[c], &old[c], &row[c])))
			return false;
	for (int g = 0; t->unique_groups && t->unique_groups[g]; g++)
		for (const int *c = t->unique_groups[g]; *c >= 0; c++)
			if (!old || !ce__value_same(&t->columns[*c], &old[*c], &row[*c]))
				return false;
	return true;
}

int ce__row_update(ce_db *db, const ce_table_def *t, int64_t id, const ce_value *old,
                   const ce_value *row)
{
	const ce_backend *b = db->backend;
	ce__finds_forget_table(db, t->index); /* an update can move a key */
	int rc = b->version >= 9 && b->update_keys_kept && ce__keys_kept(t, old, row)
	             ? b->update_keys_kept(db->conn, t, id, row)
	             : b->update(db->conn, t, id, row);
	if (rc == CE_OK && db->in_transaction) {
		note_keys(db, t, row);
		ce__rows_note(db, t, id, row);
		ce__graph_note(db, t, id, row, false);
	} else if (rc != CE_OK) {
		ce__rows_forget(db, t, id); /* as it is now, the store knows */
	}
	return rc;
}
