/* Rows known in an explicit transaction (store.h's fetches). Under the
 * store's write lock a row changes only through this handle's writes, and
 * every one of them passes ce__row_insert()/ce__row_update() (keys.c) or a
 * delete (ce__known_forget()); an undone call forgets everything
 * (ce__known_clear()). So the last row the handle wrote or read of a
 * record is the stored one, and reading it again needs no statement: a
 * lifecycle move right after a create, the supervisor a supervision
 * checks, the placement of each incident. On a server every fetch is a
 * round trip. Entity rows only, texts copied, values sized to their
 * table, in sets of 4, the one least recently used evicted. On a server
 * (ce__reads_are_remote()) 16,384 rows: a load writes rows faster than it
 * reads the few it reads over and over (a supervisor, a student), and a
 * table of 1,024 rows, one per slot, evicted those between two reads;
 * the slots take 512 KiB, the rows what their values take (some 4 MiB for
 * the benchmark's). In-process a fetch costs microseconds, less than that
 * memory is worth: 1,024 rows (32 KiB of slots). The size is fixed when
 * the table is allocated (rows_set_bits). */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

#define CE_ROWS_REMOTE_SET_BITS 12
#define CE_ROWS_LOCAL_SET_BITS 8
#define CE_ROWS_WAYS 4

struct ce_cached_row {
	uint64_t key; /* table << 56 | id; 0: empty */
	uint64_t used; /* when last noted or read */
	ce_value *v;   /* [cap] */
	int cap;
	int ncolumns;  /* of the row held */
};

static bool row_key(const ce_db *db, const ce_table_def *t, int64_t id, uint64_t *key)
{
	if (!db->in_transaction || t->index <= 0 || t->index > CE_ENTITY_LAST ||
	    (uint64_t)id >= (UINT64_C(1) << 56) || id <= 0)
		return false;
	*key = (uint64_t)t->index << 56 | (uint64_t)id;
	return true;
}

/* The set of key: CE_ROWS_WAYS slots. */
static struct ce_cached_row *set_of(ce_db *db, uint64_t key)
{
	uint64_t h = key * UINT64_C(0x9E3779B97F4A7C15);
	return db->rows ? &db->rows[(h >> (64 - db->rows_set_bits)) * CE_ROWS_WAYS] : NULL;
}

static struct ce_cached_row *find(ce_db *db, const ce_table_def *t, int64_t id)
{
	uint64_t key;
	struct ce_cached_row *set = row_key(db, t, id, &key) ? set_of(db, key) : NULL;
	for (int w = 0; set && w < CE_ROWS_WAYS; w++)
		if (set[w].key == key)
			return &set[w];
	return NULL;
}

static void drop(const ce_table_def *t, struct ce_cached_row *r)
{
	for (int c = 0; r->key && c < r->ncolumns; c++)
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
	for (size_t i = 0; db->rows && i < (size_t)CE_ROWS_WAYS << db->rows_set_bits; i++)
		if (db->rows[i].key)
			drop(table_of(db, db->rows[i].key), &db->rows[i]);
}

void ce__rows_free(ce_db *db)
{
	ce__rows_clear(db);
	for (size_t i = 0; db->rows && i < (size_t)CE_ROWS_WAYS << db->rows_set_bits; i++)
		free(db->rows[i].v);
	free(db->rows);
	free(db->rows_referenced);
	db->rows = NULL;
	db->rows_referenced = NULL;
}

void ce__rows_forget(ce_db *db, const ce_table_def *t, int64_t id)
{
	struct ce_cached_row *r = find(db, t, id);
	if (r)
		drop(t, r);
}

/* The slots, and per table whether some table refers to it. */
static bool rows_alloc(ce_db *db)
{
	const ce_schema *s = db->schema;
	int bits = ce__reads_are_remote(db) ? CE_ROWS_REMOTE_SET_BITS : CE_ROWS_LOCAL_SET_BITS;
	db->rows = calloc((size_t)CE_ROWS_WAYS << bits, sizeof *db->rows);
	db->rows_referenced = calloc((size_t)s->ntables, 1);
	if (!db->rows || !db->rows_referenced) {
		free(db->rows);
		free(db->rows_referenced);
		db->rows = NULL;
		db->rows_referenced = NULL;
		return false;
	}
	db->rows_set_bits = bits;
	for (int u = 1; u < s->ntables; u++)
		for (int c = 0; c < s->tables[u]->ncolumns; c++) {
			const ce_column_def *col = &s->tables[u]->columns[c];
			if (col->type == CE_TYPE_REF && col->ref > 0 && col->ref < s->ntables &&
			    col->ref != u)
				db->rows_referenced[col->ref] = 1;
		}
	return true;
}

/* A row just created is kept only if the core may well read it again: a
 * rule checked on a record that refers to it (the student of a placement,
 * the supervisor of a supervision) or a move of its lifecycle (its history
 * refers to it). A table nothing else refers to (an attendance, a progress
 * report) has its rows read again only to change that very record; in a
 * load they were most of the rows written, and evicted the few read over
 * and over (the benchmark's PostgreSQL load fetched 2,488 students again;
 * 126 now). */
void ce__rows_note_created(ce_db *db, const ce_table_def *t, int64_t id, const ce_value *row)
{
	if (!db->in_transaction || (!db->rows && !rows_alloc(db)))
		return;
	if (t->index > 0 && t->index < db->schema->ntables && db->rows_referenced[t->index])
		ce__rows_note(db, t, id, row);
}

void ce__rows_note(ce_db *db, const ce_table_def *t, int64_t id, const ce_value *row)
{
	uint64_t key;
	if (!row_key(db, t, id, &key))
		return;
	if (!db->rows && !rows_alloc(db))
		return; /* no memory to remember: the store is asked */
	/* its own slot, else an empty one, else the least recently used */
	struct ce_cached_row *set = set_of(db, key), *r = &set[0];
	for (int w = 0; w < CE_ROWS_WAYS; w++) {
		if (set[w].key == key) {
			r = &set[w];
			break;
		}
		if (r->key && (!set[w].key || set[w].used < r->used))
			r = &set[w];
	}
	/* as a fetch returns it: NULL values zeroed, texts owned; built apart
	 * first, for row may be a slot's own (a fetch not copied) */
	ce_value v[CE_MAX_COLUMNS];
	int c = 0;
	for (; c < t->ncolumns; c++) {
		if (row[c].null)
			v[c] = (ce_value){ .null = 1 };
		else if (t->columns[c].type != CE_TYPE_TEXT)
			v[c] = row[c];
		else if (!(v[c] = (ce_value){ .s = strdup(row[c].s) }).s)
			break;
	}
	if (r->key)
		drop(table_of(db, r->key), r); /* stale or evicted either way */
	if (c == t->ncolumns && r->cap < t->ncolumns) {
		ce_value *nv = realloc(r->v, sizeof *nv * (size_t)t->ncolumns);
		if (nv) {
			r->v = nv;
			r->cap = t->ncolumns;
		}
	}
	if (c < t->ncolumns || r->cap < t->ncolumns) { /* no memory: not remembered */
		while (c-- > 0)
			if (t->columns[c].type == CE_TYPE_TEXT && !v[c].null)
				free((char *)v[c].s);
		return;
	}
	memcpy(r->v, v, sizeof *v * (size_t)t->ncolumns);
	r->key = key;
	r->ncolumns = t->ncolumns;
	r->used = ++db->rows_tick;
}

bool ce__rows_get(ce_db *db, const ce_table_def *t, int64_t id, ce_value *row)
{
	struct ce_cached_row *r = find(db, t, id);
	if (!r)
		return false;
	memcpy(row, r->v, sizeof *row * (size_t)t->ncolumns);
	r->used = ++db->rows_tick;
	return true;
}
