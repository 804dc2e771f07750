/* Hash indexes of the memory backend, one per unique key of a table (a
 * UNIQUE column, a unique group), so that the core's uniqueness check, an
 * equality on every column of a key, finds its candidates without a scan
 * (a scan per insert made loads quadratic). An index maps the hash of a
 * row's key values to the row's id; lookups confirm each candidate with
 * ce__mem_match(), so hash collisions and rows repeating a key (the
 * backend does not refuse them: the core does) stay correct. A row with a
 * NULL key cell is not indexed: it equals nothing.
 *
 * Open addressing with linear probing, deletion by backward shift (no
 * tombstones). Room is reserved before a write changes the store; the
 * slot array never shrinks, so undo, which only brings back rows the
 * index held before, never allocates. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "memory_private.h"

#define KEY_MAX 32 /* columns of a key; a longer one (none in the schema) is not indexed */

static uint64_t mix(uint64_t h)
{
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdULL;
	h ^= h >> 33;
	h *= 0xc4ceb9fe1a85ec53ULL;
	return h ^ (h >> 33);
}

/* Equal cells (query.c's equal()) hash alike: TEXT by its bytes, REAL by
 * its bits with -0 as 0, the others by .i. */
static uint64_t cell_hash(ce_column_type type, const ce_value *v)
{
	uint64_t h = 0xcbf29ce484222325ULL;
	if (type == CE_TYPE_TEXT) {
		for (const unsigned char *p = (const unsigned char *)v->s; *p; p++)
			h = (h ^ *p) * 0x100000001b3ULL;
	} else if (type == CE_TYPE_REAL) {
		double r = v->r == 0 ? 0 : v->r;
		memcpy(&h, &r, sizeof h);
	} else {
		h = (uint64_t)v->i;
	}
	return mix(h);
}

/* The key's hash from the cells at the key's columns of cells (a row, or
 * the query's values laid out by column); false if one is NULL. */
static bool key_hash(uint64_t *out, const mem_table *t, const mem_index *x, const ce_value *const *cells)
{
	uint64_t h = (uint64_t)x->ncols;
	for (int k = 0; k < x->ncols; k++) {
		const ce_value *v = cells[k];
		if (v->null)
			return false;
		h = mix(h ^ cell_hash(t->def->columns[x->cols[k]].type, v));
	}
	*out = h ? h : 1;
	return true;
}

static bool row_hash(uint64_t *out, const mem_table *t, const mem_index *x, const ce_value *row)
{
	const ce_value *cells[KEY_MAX];
	for (int k = 0; k < x->ncols; k++)
		cells[k] = &row[x->cols[k]];
	return key_hash(out, t, x, cells);
}

int ce__mem_index_init(mem_table *t)
{
	const ce_table_def *def = t->def;
	int n = 0;
	for (int c = 0; c < def->ncolumns; c++)
		n += (def->columns[c].flags & CE_COL_UNIQUE) != 0;
	for (int g = 0; def->unique_groups && def->unique_groups[g]; g++)
		n++;
	t->indexes = NULL;
	t->nindexes = 0;
	if (n == 0)
		return CE_OK;
	if (!(t->indexes = ce__mem_alloc((size_t)n * sizeof *t->indexes)))
		return CE_ENOMEM;
	memset(t->indexes, 0, (size_t)n * sizeof *t->indexes);
	for (int c = 0; c < def->ncolumns; c++) {
		if (def->columns[c].flags & CE_COL_UNIQUE) {
			mem_index *x = &t->indexes[t->nindexes++];
			x->single = c;
			x->cols = &x->single;
			x->ncols = 1;
		}
	}
	for (int g = 0; def->unique_groups && def->unique_groups[g]; g++) {
		mem_index *x = &t->indexes[t->nindexes++];
		x->cols = def->unique_groups[g];
		while (x->cols[x->ncols] >= 0)
			x->ncols++;
		if (x->ncols > KEY_MAX)
			x->ncols = 0; /* never used: scans serve it */
	}
	return CE_OK;
}

void ce__mem_index_free(mem_table *t)
{
	for (int i = 0; i < t->nindexes; i++)
		free(t->indexes[i].slots);
	free(t->indexes);
	t->indexes = NULL;
	t->nindexes = 0;
}

/* Puts (hash, id) in x; there is room. */
static void slot_put(mem_index *x, uint64_t hash, int64_t id)
{
	size_t mask = x->cap - 1, i = (size_t)hash & mask;
	while (x->slots[i].id)
		i = (i + 1) & mask;
	x->slots[i].hash = hash;
	x->slots[i].id = id;
	x->count++;
}

int ce__mem_index_reserve(mem_table *t)
{
	for (int i = 0; i < t->nindexes; i++) {
		mem_index *x = &t->indexes[i];
		if (!x->ncols || (x->count + 1) * 4 <= x->cap * 3)
			continue; /* not used, or at most three quarters full after one more */
		size_t cap = x->cap ? x->cap * 2 : 16;
		if (cap > SIZE_MAX / sizeof *x->slots)
			return CE_ENOMEM;
		mem_slot *old = x->slots, *slots = ce__mem_alloc(cap * sizeof *slots);
		if (!slots)
			return CE_ENOMEM;
		memset(slots, 0, cap * sizeof *slots);
		size_t oldcap = x->cap;
		x->slots = slots;
		x->cap = cap;
		x->count = 0;
		for (size_t k = 0; k < oldcap; k++)
			if (old[k].id)
				slot_put(x, old[k].hash, old[k].id);
		free(old);
	}
	return CE_OK;
}

void ce__mem_index_add(mem_table *t, int64_t id, const ce_value *row)
{
	for (int i = 0; i < t->nindexes; i++) {
		mem_index *x = &t->indexes[i];
		uint64_t h;
		if (x->ncols && row_hash(&h, t, x, row) && x->count + 1 < x->cap) /* room: reserved */
			slot_put(x, h, id);
	}
}

void ce__mem_index_remove(mem_table *t, int64_t id, const ce_value *row)
{
	for (int i = 0; i < t->nindexes; i++) {
		mem_index *x = &t->indexes[i];
		uint64_t h;
		if (!x->ncols || !x->cap || !row_hash(&h, t, x, row))
			continue;
		size_t mask = x->cap - 1, at = (size_t)h & mask;
		while (x->slots[at].id && !(x->slots[at].id == id && x->slots[at].hash == h))
			at = (at + 1) & mask;
		if (!x->slots[at].id)
			continue; /* not there: nothing to take out */
		/* backward shift: pull later entries of the run into the hole
		 * unless their home lies cyclically in (hole, their slot] */
		size_t hole = at;
		for (size_t j = (hole + 1) & mask; x->slots[j].id; j = (j + 1) & mask) {
			size_t home = (size_t)x->slots[j].hash & mask;
			if (((j - home) & mask) >= ((j - hole) & mask)) {
				x->slots[hole] = x->slots[j];
				hole = j;
			}
		}
		x->slots[hole].id = 0;
		x->count--;
	}
}

/* The index whose every column has an EQ condition in the query (with a
 * set value), and those values by key column; NULL if none. */
static const mem_index *usable(const mem_table *t, const ce_query *q, const ce_value **cells)
{
	if (!q)
		return NULL;
	for (int i = 0; i < t->nindexes; i++) {
		const mem_index *x = &t->indexes[i];
		int k;
		for (k = 0; k < x->ncols; k++) {
			cells[k] = NULL;
			for (unsigned int j = 0; j < q->nconditions && !cells[k]; j++) {
				const ce_condition *c = &q->conditions[j];
				if (c->op == CE_COND_EQ && c->column == x->cols[k] && !c->low.null)
					cells[k] = &c->low;
			}
			if (!cells[k])
				break;
		}
		if (k == x->ncols && x->ncols > 0)
			return x;
	}
	return NULL;
}

bool ce__mem_index_lookup(const ce_backend_conn *conn, const mem_table *t, const ce_query *q,
                          int64_t *first, int64_t *count)
{
	const ce_value *cells[KEY_MAX];
	const mem_index *x = usable(t, q, cells);
	uint64_t h;
	if (!x)
		return false;
	*first = 0;
	*count = 0;
	if (!x->cap || !key_hash(&h, t, x, cells))
		return true;
	size_t mask = x->cap - 1;
	for (size_t i = (size_t)h & mask; x->slots[i].id; i = (i + 1) & mask) {
		if (x->slots[i].hash != h)
			continue;
		ptrdiff_t r = ce__mem_find(t, x->slots[i].id);
		if (r >= 0 && ce__mem_match(conn, t, &t->rows[r], q)) {
			if (!*count || t->rows[r].id < *first)
				*first = t->rows[r].id;
			(*count)++;
		}
	}
	return true;
}
