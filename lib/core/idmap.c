/* A hash map from record ids (> 0) to int64 values: open addressing,
 * linear probing, 0 marks an empty slot. For id translation on import and
 * visited sets in graph walks. */
#include <stdlib.h>

#include "internal.h"

static size_t hash_id(int64_t k)
{
	uint64_t x = (uint64_t)k;
	x ^= x >> 33;
	x *= UINT64_C(0xff51afd7ed558ccd);
	x ^= x >> 33;
	return (size_t)x;
}

static int grow(ce_idmap *m)
{
	size_t cap = m->cap ? m->cap * 2 : 64;
	int64_t *keys = calloc(cap, sizeof *keys), *vals = calloc(cap, sizeof *vals);
	if (!keys || !vals) {
		free(keys);
		free(vals);
		return CE_ENOMEM;
	}
	for (size_t i = 0; i < m->cap; i++) {
		if (!m->keys[i])
			continue;
		size_t j = hash_id(m->keys[i]) & (cap - 1);
		while (keys[j])
			j = (j + 1) & (cap - 1);
		keys[j] = m->keys[i];
		vals[j] = m->vals[i];
	}
	free(m->keys);
	free(m->vals);
	m->keys = keys;
	m->vals = vals;
	m->cap = cap;
	return CE_OK;
}

int ce__idmap_put(ce_idmap *m, int64_t key, int64_t val)
{
	if ((m->n + 1) * 2 > m->cap && grow(m) != CE_OK)
		return CE_ENOMEM;
	size_t j = hash_id(key) & (m->cap - 1);
	while (m->keys[j] && m->keys[j] != key)
		j = (j + 1) & (m->cap - 1);
	if (!m->keys[j])
		m->n++;
	m->keys[j] = key;
	m->vals[j] = val;
	return CE_OK;
}

bool ce__idmap_get(const ce_idmap *m, int64_t key, int64_t *val)
{
	if (!m->cap || key <= 0)
		return false;
	size_t j = hash_id(key) & (m->cap - 1);
	while (m->keys[j]) {
		if (m->keys[j] == key) {
			if (val)
				*val = m->vals[j];
			return true;
		}
		j = (j + 1) & (m->cap - 1);
	}
	return false;
}

void ce__idmap_free(ce_idmap *m)
{
	free(m->keys);
	free(m->vals);
	*m = (ce_idmap){ 0 };
}
