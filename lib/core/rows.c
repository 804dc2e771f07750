/* Rows known in an explicit transaction (store.h's fetches). Under the
 * store's write lock a row changes only through this handle's writes, and
 * every one of them passes ce__row_insert()/ce__row_update() (keys.c) or a
 * delete (ce__known_forget()); an undone call forgets everything
 * (ce__known_clear()). So the last row the handle wrote or read of a
 * record is the stored one, and reading it again needs no statement: a
 * lifecycle move right after a create, the supervisor a supervision
 * checks, the placement of each incident. On a server every fetch is a
 * round trip. Direct-mapped, entity rows only, texts copied; a collision
 * just evicts. */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

#define CE_ROWS_BITS 10

struct ce_cached_row {
	uint64_t key; /* table << 56 | id; 0: empty */
	ce_value v[CE_MAX_COLUMNS];
};

static struct ce_cached_row *slot_of(ce_db *db, const ce_table_def *t, int64_t id, uint64_t *key)
{
	if (!db->in_transaction || t->index <= 0 || t->index > CE_ENTITY_LAST ||
	    (uint64_t)id >= (UINT64_C(1) << 56) || id <= 0)
		return NULL;
	*key = (uint64_t)t->index << 56 | (uint64_t)id;
	uint64_t h = *key * UINT64_C(0x9E3779B97F4A7C15);
	return db->rows ? &db->rows[h >> (64 - CE_ROWS_BITS)] : NULL;
}

static void drop(const ce_table_def *t, struct ce_cached_row *r)
{
	for (int c = 0; r->key && c < t->ncolumns; c++)
		if (t->columns[c].type == CE_TYPE_TEXT)
			free((char *)r->v[c].s);
	r->key = 0;
}

static const ce_table_def *table_of(const ce_db *db, uint64_t key)
{
	return db->schema->tables[key >> 56];
}

void ce__rows_clear(ce_db *db)
{
	for (size_t i = 0; db->rows && i < (size_t)1 << CE_ROWS_BITS; i++)
		if (db->rows[i].key)
			drop(table_of(db, db->rows[i].key), &db->rows[i]);
}

void ce__rows_free(ce_db *db)
{
	ce__rows_clear(db);
	free(db->rows);
	db->rows = NULL;
}

void ce__rows_forget(ce_db *db, const ce_table_def *t, int64_t id)
{
	uint64_t key;
	struct ce_cached_row *r = slot_of(db, t, id, &key);
	if (r && r->key == key)
		drop(t, r);
}

void ce__rows_note(ce_db *db, const ce_table_def *t, int64_t id, const ce_value *row)
{
	uint64_t key;
	if (!db->rows && db->in_transaction && !(db->rows = calloc((size_t)1 << CE_ROWS_BITS, sizeof *db->rows)))
		return; /* no memory to remember: the store is asked */
	struct ce_cached_row *r = slot_of(db, t, id, &key);
	if (!r)
		return;
	/* as a fetch returns it: NULL values zeroed, texts owned; built apart
	 * first, for row may be this very slot's (a fetch not copied) */
	ce_value v[CE_MAX_COLUMNS];
	for (int c = 0; c < t->ncolumns; c++) {
		if (row[c].null)
			v[c] = (ce_value){ .null = 1 };
		else if (t->columns[c].type != CE_TYPE_TEXT)
			v[c] = row[c];
		else if (!(v[c] = (ce_value){ .s = strdup(row[c].s) }).s) {
			for (int k = 0; k < c; k++)
				if (t->columns[k].type == CE_TYPE_TEXT)
					free((char *)v[k].s);
			if (r->key)
				drop(table_of(db, r->key), r);
			return;
		}
	}
	if (r->key)
		drop(table_of(db, r->key), r);
	memcpy(r->v, v, sizeof *v * (size_t)t->ncolumns);
	r->key = key;
}

bool ce__rows_get(ce_db *db, const ce_table_def *t, int64_t id, ce_value *row)
{
	uint64_t key;
	struct ce_cached_row *r = slot_of(db, t, id, &key);
	if (!r || r->key != key)
		return false;
	memcpy(row, r->v, sizeof *row * (size_t)t->ncolumns);
	return true;
}
