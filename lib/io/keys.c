/* Natural keys, the dependency order imports follow, and the small hash
 * maps that tie input ids and keys to store ids. */
#include <stdlib.h>
#include <string.h>

#include "io_internal.h"

/* The natural key is the column the schema flags CE_COL_KEY: the text a
 * person would use to name the record, unique in the store. */
int ce__io_key_column(const ce_table_def *t)
{
	for (int c = 0; t && c < t->ncolumns; c++)
		if (t->columns[c].flags & CE_COL_KEY)
			return c;
	return -1;
}

ce_result ce_io_header_label(ce_entity entity, int col, int history, const char *lang, char *buf,
                             size_t size)
{
	const ce_table_def *t = ce__entity_table(entity);
	/* a language the labels know ("zh", "zh-CN", "en", NULL), other than English */
	bool known = ce_entity_label(entity, lang) != NULL;
	bool zh = known && lang && strcmp(lang, "en") != 0;
	const char *label;
	int n;
	if (!buf || !size || !t || col < -1 || col >= t->ncolumns || (col < 0 && history) || !known ||
	    (history && !ce__io_lifecycle(t, col)))
		return ce__fail(NULL, CE_EINVALID, "io_header_label: bad argument");
	if (col < 0)
		label = zh ? "序号" : "id";
	else
		label = ce_column_label(entity, col, lang);
	if (!label)
		return ce__fail(NULL, CE_EINVALID, "io_header_label: %s has no label", t->name);
	n = snprintf(buf, size, "%s%s", label, !history ? "" : zh ? "历程" : "_history");
	if (n < 0 || (size_t)n >= size)
		return ce__fail(NULL, CE_EINVALID, "io_header_label: buffer too small");
	return CE_OK;
}

const char *ce_entity_natural_key(ce_entity entity)
{
	const ce_table_def *t = ce__entity_table(entity);
	int c = ce__io_key_column(t);
	return c >= 0 ? t->columns[c].name : NULL;
}

/* Kahn's algorithm, lowest entity number first among the ready ones, so
 * the order is fixed. Cheap enough to compute on every call. */
void ce__io_import_order(ce_entity order[CE_ENTITY_LAST])
{
	bool placed[CE_ENTITY_LAST + 1] = { false };
	int n = 0;
	while (n < CE_ENTITY_LAST) {
		int progress = 0;
		for (int e = 1; e <= CE_ENTITY_LAST; e++) {
			const ce_table_def *t = ce__entity_table((ce_entity)e);
			bool ready = !placed[e];
			for (int c = 0; ready && c < t->ncolumns; c++)
				if (t->columns[c].type == CE_TYPE_REF && t->columns[c].ref != e &&
				    !placed[t->columns[c].ref])
					ready = false;
			if (ready) {
				placed[e] = true;
				order[n++] = (ce_entity)e;
				progress = 1;
				break; /* restart: lowest ready number first */
			}
		}
		if (!progress) /* a reference cycle between entities: keep schema order */
			for (int e = 1; e <= CE_ENTITY_LAST; e++)
				if (!placed[e]) {
					placed[e] = true;
					order[n++] = (ce_entity)e;
				}
	}
}

const ce_lifecycle_def *ce__io_lifecycle(const ce_table_def *t, int c)
{
	return ce__lifecycle(t, c);
}

bool ce__io_is_lifecycle_date(const ce_table_def *t, int c)
{
	for (int i = 0; t->rules && i < t->rules->nlifecycles; i++)
		if (t->rules->lifecycles[i].date_column == c)
			return true;
	return false;
}

/* ---- maps ------------------------------------------------------------------ */

static size_t hash_text(const char *s)
{
	uint64_t h = UINT64_C(1469598103934665603); /* FNV-1a */
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		h = (h ^ *p) * UINT64_C(1099511628211);
	return (size_t)h;
}

static int strmap_grow(io_strmap *m)
{
	size_t cap = m->cap ? m->cap * 2 : 64;
	char **keys = calloc(cap, sizeof *keys);
	int64_t *vals = calloc(cap, sizeof *vals);
	if (!keys || !vals) {
		free(keys);
		free(vals);
		return CE_ENOMEM;
	}
	for (size_t i = 0; i < m->cap; i++) {
		if (!m->keys[i])
			continue;
		size_t j = hash_text(m->keys[i]) & (cap - 1);
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

int ce__io_strmap_put(io_strmap *m, const char *key, int64_t val)
{
	if ((m->n + 1) * 2 > m->cap && strmap_grow(m) != CE_OK)
		return CE_ENOMEM;
	size_t j = hash_text(key) & (m->cap - 1);
	while (m->keys[j] && strcmp(m->keys[j], key) != 0)
		j = (j + 1) & (m->cap - 1);
	if (!m->keys[j]) {
		if (!(m->keys[j] = strdup(key)))
			return CE_ENOMEM;
		m->n++;
	}
	m->vals[j] = val;
	return CE_OK;
}

bool ce__io_strmap_get(const io_strmap *m, const char *key, int64_t *val)
{
	if (!m->cap)
		return false;
	size_t j = hash_text(key) & (m->cap - 1);
	while (m->keys[j]) {
		if (strcmp(m->keys[j], key) == 0) {
			if (val)
				*val = m->vals[j];
			return true;
		}
		j = (j + 1) & (m->cap - 1);
	}
	return false;
}

void ce__io_strmap_free(io_strmap *m)
{
	for (size_t i = 0; i < m->cap; i++)
		free(m->keys[i]);
	free(m->keys);
	free(m->vals);
	*m = (io_strmap){ 0 };
}
