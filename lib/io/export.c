/* What every export shares: the exported numbering (1, 2, ... per entity
 * in store id order, so an export never depends on how the store numbered
 * its records), the natural keys references are written with, progress,
 * and lifecycle histories. */
#include <stdlib.h>
#include <string.h>

#include "io_internal.h"

static int collect(io_export *ex, ce_entity e)
{
	const ce_table_def *t = ce__entity_table(e);
	ce_db *db = ex->db;
	int key = ce__io_key_column(t);
	ce_scan scan;
	const ce_value *row;
	int64_t id;
	size_t cap = 0;
	int rc = ce__scan_open(&scan, db, t, NULL);
	while (rc == CE_OK && (rc = ce__scan_next(&scan, &id, &row)) == CE_OK) {
		size_t n = ex->nids[e];
		if (n == cap) {
			cap = cap ? cap * 2 : 64;
			int64_t *ids = realloc(ex->ids[e], cap * sizeof *ids);
			if (ids)
				ex->ids[e] = ids;
			char **keys = key < 0 ? NULL : realloc(ex->keys[e], cap * sizeof *keys);
			if (keys)
				ex->keys[e] = keys;
			if (!ids || (key >= 0 && !keys)) {
				rc = CE_ENOMEM;
				break;
			}
		}
		ex->ids[e][n] = id;
		if (key >= 0) {
			ex->keys[e][n] = row[key].null ? NULL : strdup(row[key].s);
			if (!row[key].null && !ex->keys[e][n]) {
				rc = CE_ENOMEM;
				break;
			}
		}
		ex->nids[e] = n + 1;
	}
	ce__scan_close(&scan);
	if (rc == CE_ITEROVER)
		return CE_OK;
	if (rc == CE_ENOMEM)
		return ce__fail(db, rc, "export: out of memory reading %s", t->name);
	return rc;
}

int ce__io_export_begin(io_export *ex, ce_db *db, const ce_io_options *opts)
{
	memset(ex, 0, sizeof *ex);
	ex->db = db;
	if (!db)
		return ce__fail(NULL, CE_EINVALID, "export: NULL db");
	ce__clear(db);
	/* an export shows what the handle's role may see, an analyst's pseudonyms */
	int rc = ce__view_begin(db);
	ex->viewing = rc == CE_OK;
	if (rc == CE_OK)
		rc = ce__io_options(db, opts, &ex->opts);
	for (int e = 1; rc == CE_OK && e <= CE_ENTITY_LAST; e++) {
		rc = collect(ex, (ce_entity)e);
		ex->total += ex->nids[e];
	}
	return rc;
}

int ce__io_export_end(io_export *ex, int rc)
{
	if (ex->viewing)
		ce__view_end(ex->db);
	ex->viewing = false;
	for (int e = 1; e <= CE_ENTITY_LAST; e++) {
		for (size_t i = 0; ex->keys[e] && i < ex->nids[e]; i++)
			free(ex->keys[e][i]);
		free(ex->keys[e]);
		free(ex->ids[e]);
	}
	return rc;
}

static size_t find(const io_export *ex, ce_entity e, int64_t id)
{
	size_t lo = 0, hi = ex->nids[e];
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (ex->ids[e][mid] < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < ex->nids[e] && ex->ids[e][lo] == id ? lo : (size_t)-1;
}

int64_t ce__io_export_ordinal(const io_export *ex, ce_entity e, int64_t id)
{
	size_t i = find(ex, e, id);
	return i == (size_t)-1 ? 0 : (int64_t)i + 1;
}

const char *ce__io_export_key(const io_export *ex, ce_entity e, int64_t id)
{
	size_t i = ex->keys[e] ? find(ex, e, id) : (size_t)-1;
	return i == (size_t)-1 ? NULL : ex->keys[e][i];
}

int ce__io_export_tick(io_export *ex)
{
	ex->done++;
	if (ex->opts.progress && ex->opts.progress(ex->opts.progress_ctx, ex->done, ex->total))
		return ce__fail(ex->db, CE_ERROR, "export cancelled");
	return CE_OK;
}

int ce__io_export_history(io_export *ex, const ce_table_def *t, int64_t id, int c,
                      ce_transition **out, size_t *n)
{
	return ce_history(out, n, ex->db, (ce_entity)t->index, id, t->columns[c].name);
}
