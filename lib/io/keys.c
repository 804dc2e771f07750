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

/* Runs sorted by key; the usual input (ids 1, 2, 3 ... given store ids
 * n, n+1, n+2 ...; lines 2, 3, 4 ...) is one run, so memory does not grow
 * with the input. A key out of order costs a memmove. */
static size_t run_find(const io_runmap *m, int64_t key)
{
	size_t lo = 0, hi = m->n; /* first run whose key + len > key */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (m->runs[mid].key + m->runs[mid].len <= key)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

bool ce__io_runmap_get(const io_runmap *m, int64_t key, int64_t *val)
{
	size_t i = run_find(m, key);
	if (i == m->n || m->runs[i].key > key)
		return false;
	if (val)
		*val = m->runs[i].val + (key - m->runs[i].key);
	return true;
}

int ce__io_runmap_put(io_runmap *m, int64_t key, int64_t val)
{
	size_t i = run_find(m, key);
	if (i < m->n && m->runs[i].key <= key)
		return CE_EEXISTS;
	if (i > 0) { /* extends the run before it? */
		io_run *r = &m->runs[i - 1];
		if (r->key + r->len == key && r->val + r->len == val) {
			r->len++;
			return CE_OK;
		}
	}
	if (m->n == m->cap) {
		size_t cap = m->cap ? m->cap * 2 : 8;
		io_run *p = realloc(m->runs, cap * sizeof *p);
		if (!p)
			return CE_ENOMEM;
		m->runs = p;
		m->cap = cap;
	}
	memmove(&m->runs[i + 1], &m->runs[i], (m->n - i) * sizeof *m->runs);
	m->runs[i] = (io_run){ key, val, 1 };
	m->n++;
	return CE_OK;
}

void ce__io_runmap_free(io_runmap *m)
{
	free(m->runs);
	*m = (io_runmap){ 0 };
}
