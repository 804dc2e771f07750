/* Rows known in an explicit transaction (store.h's fetches). Under the
 * store's write lock a row changes only through this handle's writes, and
 * every one of them passes ce__row_insert()/ce__row_update() (keys.c) or a
 * delete (ce__known_forget()); an undone call forgets everything
 * (ce__known_clear()). So the last row the handle wrote or read of a
 * record is the stored one, and reading it again needs no statement: a
 * lifecycle move right after a create, the supervisor a supervision
 * checks, the student a graduation moves. On a server every fetch is a
 * round trip, and one that waits for every statement sent before it.
 *
 * Entity rows only, each one block (its cells, then its texts), in sets of
 * 4 slots, the one least recently used evicted. 1,024 rows at first; on a
 * server (ce__reads_are_remote()) the table doubles while more than 3/4
 * full, up to 131,072 rows: a load of a million rows reads again rows it
 * wrote long before (the benchmark's 40,000 students, moved after their
 * placements, attendances and outcomes), and at 16,384 rows a third of
 * those reads went to the server (25,000 round trips). The slots take
 * 24 bytes a row, the blocks 8 a column plus their texts: some 20 MiB for
 * the benchmark's at the largest. In-process a fetch costs microseconds,
 * less than that memory is worth: 1,024 rows. The end of the transaction
 * frees a grown table (a small transaction next need not clear it). */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

#define CE_ROWS_WAYS 4
#define CE_ROWS_MIN_SET_BITS 8
#define CE_ROWS_REMOTE_MAX_SET_BITS 15

/* A row as a fetch returns it: per column 8 bytes (i, r, or the offset of
 * its text from the block's start), texts after them. */
typedef union cell {
	int64_t i;
	double r;
	size_t text;
} cell;

typedef struct row_block {
	uint32_t nulls; /* bit c: column c is NULL */
	cell cells[];
} row_block;

_Static_assert(CE_MAX_COLUMNS <= 32, "row_block.nulls holds a bit per column");

struct ce_cached_row {
	uint64_t key; /* table << 56 | id; 0: empty */
	uint64_t used; /* when last noted or read */
	row_block *row;
};

static bool row_key(const ce_db *db, const ce_table_def *t, int64_t id, uint64_t *key)
{
	if (!db->in_transaction || t->index <= 0 || t->index > CE_ENTITY_LAST ||
	    (uint64_t)id >= (UINT64_C(1) << 56) || id <= 0)
		return false;
	*key = (uint64_t)t->index << 56 | (uint64_t)id;
	return true;
}

static size_t nslots(int set_bits)
{
	return (size_t)CE_ROWS_WAYS << set_bits;
}

/* The set of key in a table of 2^bits sets: CE_ROWS_WAYS slots. */
static struct ce_cached_row *set_in(struct ce_cached_row *rows, int bits, uint64_t key)
{
	uint64_t h = key * UINT64_C(0x9E3779B97F4A7C15);
	return &rows[(h >> (64 - bits)) * CE_ROWS_WAYS];
}

static struct ce_cached_row *find(ce_db *db, const ce_table_def *t, int64_t id)
{
	uint64_t key;
	if (!db->rows || !row_key(db, t, id, &key))
		return NULL;
	struct ce_cached_row *set = set_in(db->rows, db->rows_set_bits, key);
	for (int w = 0; w < CE_ROWS_WAYS; w++)
		if (set[w].key == key)
			return &set[w];
	return NULL;
}

static void drop(ce_db *db, struct ce_cached_row *r)
{
	if (!r->key)
		return;
	free(r->row);
	r->row = NULL;
	r->key = 0;
	db->rows_held--;
}

/* In set, the slot for key: its own, else an empty one, else the least
 * recently used. */
static struct ce_cached_row *slot_for(struct ce_cached_row *set, uint64_t key)
{
	struct ce_cached_row *r = &set[0];
	for (int w = 0; w < CE_ROWS_WAYS; w++) {
		if (set[w].key == key)
			return &set[w];
		if (r->key && (!set[w].key || set[w].used < r->used))
			r = &set[w];
	}
	return r;
}

void ce__rows_clear(ce_db *db)
{
	for (size_t i = 0; db->rows && db->rows_held && i < nslots(db->rows_set_bits); i++)
		drop(db, &db->rows[i]);
	if (db->rows && db->rows_set_bits > CE_ROWS_MIN_SET_BITS) {
		free(db->rows);
		db->rows = NULL;
	}
}

void ce__rows_free(ce_db *db)
{
	ce__rows_clear(db);
	free(db->rows);
	db->rows = NULL;
}

void ce__rows_forget(ce_db *db, const ce_table_def *t, int64_t id)
{
	struct ce_cached_row *r = find(db, t, id);
	if (r)
		drop(db, r);
}

/* The table at 2^bits sets, its rows moved over (a full set keeps those
 * used last). Without memory it stays as it is. */
static bool rows_resize(ce_db *db, int bits)
{
	struct ce_cached_row *rows = calloc(nslots(bits), sizeof *rows), *old = db->rows;
	if (!rows)
		return false;
	for (size_t i = 0; old && i < nslots(db->rows_set_bits); i++) {
		if (!old[i].key)
			continue;
		struct ce_cached_row *r = slot_for(set_in(rows, bits, old[i].key), old[i].key);
		if (r->key)
			drop(db, r);
		*r = old[i];
	}
	free(old);
	db->rows = rows;
	db->rows_set_bits = bits;
	return true;
}

/* Room for one more row: the table allocated, or doubled past 3/4 full on
 * a server. A table that cannot grow evicts instead. */
static bool rows_room(ce_db *db)
{
	if (!db->rows) {
		db->rows_max_set_bits =
			ce__reads_are_remote(db) ? CE_ROWS_REMOTE_MAX_SET_BITS : CE_ROWS_MIN_SET_BITS;
		return rows_resize(db, CE_ROWS_MIN_SET_BITS);
	}
	if ((db->rows_held + 1) * 4 > nslots(db->rows_set_bits) * 3 &&
	    db->rows_set_bits < db->rows_max_set_bits)
		(void)rows_resize(db, db->rows_set_bits + 1); /* else the least recent goes */
	return true;
}

/* A row just created is kept only if the core may well read it again: a
 * rule checked on a record that refers to it (the student of a placement,
 * the supervisor of a supervision) or a move of its lifecycle (its history
 * refers to it). A table nothing else refers to (an attendance, a progress
 * report) has its rows read again only to change that very record; in a
 * load they were most of the rows written, and evicted the few read over
 * and over. */
void ce__rows_note_created(ce_db *db, const ce_table_def *t, int64_t id, const ce_value *row)
{
	if (db->in_transaction && t->index > 0 && t->index < db->schema->ntables &&
	    (db->table_role[t->index] & CE_ROLE_REFERENCED))
		ce__rows_note(db, t, id, row);
}

/* row as one block, NULL values zeroed as a fetch returns them; NULL
 * without memory. */
static row_block *block_of(const ce_table_def *t, const ce_value *row)
{
	size_t size = sizeof(row_block) + sizeof(cell) * (size_t)t->ncolumns, texts = size;
	for (int c = 0; c < t->ncolumns; c++)
		if (t->columns[c].type == CE_TYPE_TEXT && !row[c].null)
			size += strlen(row[c].s) + 1;
	row_block *b = malloc(size);
	if (!b)
		return NULL;
	b->nulls = 0;
	for (int c = 0; c < t->ncolumns; c++) {
		cell *v = &b->cells[c];
		if (row[c].null) {
			b->nulls |= UINT32_C(1) << c;
			v->i = 0;
		} else if (t->columns[c].type == CE_TYPE_TEXT) {
			size_t n = strlen(row[c].s) + 1;
			memcpy((char *)b + texts, row[c].s, n);
			v->text = texts;
			texts += n;
		} else if (t->columns[c].type == CE_TYPE_REAL) {
			v->r = row[c].r;
		} else {
			v->i = row[c].i;
		}
	}
	return b;
}

void ce__rows_note(ce_db *db, const ce_table_def *t, int64_t id, const ce_value *row)
{
	uint64_t key;
	if (!row_key(db, t, id, &key) || t->ncolumns > CE_MAX_COLUMNS)
		return;
	/* built before the slot is dropped: row may be a slot's own (a fetch
	 * not copied) */
	row_block *b = block_of(t, row);
	struct ce_cached_row *r = find(db, t, id);
	if (r)
		drop(db, r); /* stale: if no memory, forgotten */
	if (!b || !rows_room(db)) {
		free(b);
		return; /* no memory to remember: the store is asked */
	}
	r = slot_for(set_in(db->rows, db->rows_set_bits, key), key);
	drop(db, r); /* the least recently used of a full set */
	*r = (struct ce_cached_row){ key, ++db->rows_tick, b };
	db->rows_held++;
}

bool ce__rows_get(ce_db *db, const ce_table_def *t, int64_t id, ce_value *row)
{
	struct ce_cached_row *r = find(db, t, id);
	if (!r)
		return false;
	const row_block *b = r->row;
	for (int c = 0; c < t->ncolumns; c++) {
		const cell *v = &b->cells[c];
		if (b->nulls >> c & 1)
			row[c] = (ce_value){ .null = 1 };
		else if (t->columns[c].type == CE_TYPE_TEXT)
			row[c] = (ce_value){ .s = (const char *)b + v->text };
		else if (t->columns[c].type == CE_TYPE_REAL)
			row[c] = (ce_value){ .r = v->r };
		else
			row[c] = (ce_value){ .i = v->i };
	}
	r->used = ++db->rows_tick;
	return true;
}
