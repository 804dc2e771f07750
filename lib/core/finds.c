/* Finds by a whole unique key, answered once per explicit transaction
 * (ce__store_find()). Rules look records up by a unique key over and over:
 * each chosen option of a survey answer by (item, code), the share of a
 * party, a person by number. Inside ce_db_begin()/ce_db_commit() the store
 * holds the write lock, so a row changes only through this handle (as for
 * the known records, store.c, and rows, rows.c). A query that is equality
 * on every column of one of the table's unique keys matches at most one
 * record, and an insert cannot add a second (the store refuses a
 * duplicate): the id a find returned stays the answer until a row of that
 * table is updated (an update can move a key) or deleted. So only positive
 * answers are kept (an insert can make "none" wrong), under their exact
 * key (table and encoded values, compared byte for byte: a hash collision
 * is a miss, never a wrong id). An update or delete forgets the table's
 * entries (a generation per table, bumped), an undone call or a new or
 * ended transaction forgets everything (ce__known_clear()).
 *
 * 256 entries in sets of 4, the least recently used evicted, each with
 * up to CE_FIND_KEY_BYTES of encoded key (longer keys are asked of the
 * store): some 40 KiB, allocated at the first keyed find of a handle.
 * What is found over and over is a small vocabulary (the benchmark's 709
 * option finds name 4 keys; an instrument has tens of options); the
 * natural keys an import resolves per row have their own cache there
 * (lib/io/import.c). On a server every find is a round trip; in-process it
 * is an indexed read, and the entry's check costs less. */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

#define CE_FINDS_SET_BITS 6
#define CE_FINDS_WAYS 4

struct ce_found {
	uint64_t hash; /* 0: empty */
	uint64_t gen;  /* the table's generation when noted */
	uint64_t used; /* for eviction */
	int64_t id;
	int table, len;
	unsigned char key[CE_FIND_KEY_BYTES];
};

static bool put(ce_find_key *k, const void *p, size_t n)
{
	if (n > sizeof k->bytes - (size_t)k->len)
		return false;
	memcpy(k->bytes + k->len, p, n);
	k->len += (int)n;
	return true;
}

/* Whether the query's columns hold one of t's unique keys whole. */
static bool holds_unique_key(const ce_table_def *t, uint32_t cols)
{
	for (int c = 0; c < t->ncolumns; c++)
		if ((t->columns[c].flags & CE_COL_UNIQUE) && (cols >> c & 1))
			return true;
	for (int g = 0; t->unique_groups && t->unique_groups[g]; g++) {
		const int *m = t->unique_groups[g];
		while (*m >= 0 && *m < CE_MAX_COLUMNS && (cols >> *m & 1))
			m++;
		if (*m < 0 && m != t->unique_groups[g])
			return true;
	}
	return false;
}

bool ce__finds_key(const ce_db *db, const ce_table_def *t, const ce_query *q, ce_find_key *k)
{
	uint32_t cols = 0;
	if (!db->in_transaction || !q->nconditions || t->index <= 0 || t->index >= db->schema->ntables)
		return false;
	k->table = t->index;
	k->len = 0;
	for (unsigned i = 0; i < q->nconditions; i++) {
		const ce_condition *c = &q->conditions[i];
		if (c->op != CE_COND_EQ || c->column < 0 || c->column >= t->ncolumns || c->low.null)
			return false;
		ce_column_type type = t->columns[c->column].type;
		unsigned char col = (unsigned char)c->column;
		bool fits = put(k, &col, 1);
		/* a text ends at its NUL, which no text holds: the encoding of
		 * a column's value is never the prefix of another's */
		if (type == CE_TYPE_TEXT)
			fits = fits && c->low.s && put(k, c->low.s, strlen(c->low.s) + 1);
		else if (type == CE_TYPE_REAL)
			fits = fits && put(k, &c->low.r, sizeof c->low.r);
		else
			fits = fits && put(k, &c->low.i, sizeof c->low.i);
		if (!fits)
			return false;
		cols |= UINT32_C(1) << c->column;
	}
	if (!holds_unique_key(t, cols))
		return false;
	uint64_t h = UINT64_C(0xCBF29CE484222325) ^ (uint64_t)k->table; /* FNV-1a */
	for (int i = 0; i < k->len; i++)
		h = (h ^ k->bytes[i]) * UINT64_C(0x100000001B3);
	h *= UINT64_C(0x9E3779B97F4A7C15);
	k->hash = h ? h : 1;
	return true;
}

static struct ce_found *set_of(const ce_db *db, const ce_find_key *k)
{
	return &db->finds[(k->hash >> (64 - CE_FINDS_SET_BITS)) * CE_FINDS_WAYS];
}

static bool same(const struct ce_found *e, const ce_find_key *k)
{
	return e->hash == k->hash && e->table == k->table && e->len == k->len &&
	       memcmp(e->key, k->bytes, (size_t)k->len) == 0;
}

bool ce__finds_get(ce_db *db, const ce_find_key *k, int64_t *id)
{
	struct ce_found *set = db->finds ? set_of(db, k) : NULL;
	for (int w = 0; set && w < CE_FINDS_WAYS; w++)
		if (same(&set[w], k) && set[w].gen == db->finds_gen[k->table]) {
			set[w].used = ++db->finds_tick;
			*id = set[w].id;
			return true;
		}
	return false;
}

void ce__finds_note(ce_db *db, const ce_find_key *k, int64_t id)
{
	if (!db->finds) {
		db->finds = calloc((size_t)CE_FINDS_WAYS << CE_FINDS_SET_BITS, sizeof *db->finds);
		db->finds_gen = calloc((size_t)db->schema->ntables, sizeof *db->finds_gen);
		if (!db->finds || !db->finds_gen) {
			ce__finds_free(db);
			return; /* no memory to remember: the store is asked */
		}
	}
	/* its own slot, else one forgotten, else the least recently used */
	struct ce_found *set = set_of(db, k), *e = &set[0];
	for (int w = 0; w < CE_FINDS_WAYS; w++) {
		struct ce_found *s = &set[w];
		if (same(s, k)) {
			e = s;
			break;
		}
		bool stale = !s->hash || s->gen != db->finds_gen[s->table];
		bool e_stale = !e->hash || e->gen != db->finds_gen[e->table];
		if (!e_stale && (stale || s->used < e->used))
			e = s;
	}
	e->hash = k->hash;
	e->table = k->table;
	e->len = k->len;
	memcpy(e->key, k->bytes, (size_t)k->len);
	e->gen = db->finds_gen[k->table];
	e->id = id;
	e->used = ++db->finds_tick;
	db->finds_any = true;
}

void ce__finds_forget_table(ce_db *db, int table_index)
{
	if (db->finds_any && table_index > 0 && table_index < db->schema->ntables)
		db->finds_gen[table_index]++;
}

void ce__finds_clear(ce_db *db)
{
	if (!db->finds_any)
		return;
	memset(db->finds, 0, sizeof *db->finds * ((size_t)CE_FINDS_WAYS << CE_FINDS_SET_BITS));
	memset(db->finds_gen, 0, sizeof *db->finds_gen * (size_t)db->schema->ntables);
	db->finds_any = false;
}

void ce__finds_free(ce_db *db)
{
	free(db->finds);
	free(db->finds_gen);
	db->finds = NULL;
	db->finds_gen = NULL;
	db->finds_any = false;
}
