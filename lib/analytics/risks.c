/* risk_exposure: the risks still open (open or mitigated), ranked by
 * exposure (likelihood × impact) per partner concerned: an agreement's
 * parties, a project's partners, a placement's host. A risk concerning no
 * partner comes last, under a NULL partner. */
#include <stdlib.h>

#include "analytics_internal.h"

enum { R_AGREEMENT, R_PROJECT, R_PLACEMENT, R_KIND, R_TITLE, R_STATUS, R_LIKELIHOOD, R_IMPACT };

typedef struct pair {
	int64_t key, partner;
} pair;

typedef struct entry {
	int64_t partner; /* 0: none */
	int64_t exposure;
	size_t risk;     /* row in the risk set (rows are in id order) */
} entry;

static int cmp_pair(const void *a, const void *b)
{
	const pair *x = a, *y = b;
	if (x->key != y->key)
		return x->key < y->key ? -1 : 1;
	return (x->partner > y->partner) - (x->partner < y->partner);
}

static int cmp_entry(const void *a, const void *b)
{
	const entry *x = a, *y = b;
	if ((x->partner == 0) != (y->partner == 0))
		return x->partner == 0 ? 1 : -1;
	if (x->partner != y->partner)
		return x->partner < y->partner ? -1 : 1;
	if (x->exposure != y->exposure)
		return x->exposure > y->exposure ? -1 : 1;
	return (x->risk > y->risk) - (x->risk < y->risk);
}

/* (key, partner) pairs of a link table, sorted by key. */
static int load_pairs(pair **out, size_t *n, ce_db *db, int table, const char *key,
                      const char *partner)
{
	an_rows r;
	*out = NULL;
	*n = 0;
	/* key NULL: the row's own id */
	int rc = key ? AN_LOAD(&r, db, table, key, partner) : AN_LOAD(&r, db, table, partner);
	if (rc != CE_OK)
		return rc;
	if (!(*out = malloc((r.n + 1) * sizeof **out))) {
		ce__an_rows_free(&r);
		return ce__an_nomem(db);
	}
	for (size_t i = 0; i < r.n; i++)
		if (key ? !an_isnull(&r, i, 0) && !an_isnull(&r, i, 1) : !an_isnull(&r, i, 0))
			(*out)[(*n)++] = key ? (pair){ an_i(&r, i, 0), an_i(&r, i, 1) }
			                     : (pair){ r.ids[i], an_i(&r, i, 0) };
	ce__an_rows_free(&r);
	ce__an_sort(*out, *n, sizeof **out, cmp_pair);
	return CE_OK;
}

/* The first pair with this key, or n. */
static size_t first_of(const pair *v, size_t n, int64_t key)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (v[mid].key < key)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

int ce__an_risk_exposure(ce_table **out, ce_db *db, const ce_report_filter *f)
{
	static const an_col cols[] = {
		{ "partner", CE_TYPE_INT },    { "partner_name", CE_TYPE_TEXT }, { "rank", CE_TYPE_INT },
		{ "risk", CE_TYPE_INT },       { "title", CE_TYPE_TEXT },        { "kind", CE_TYPE_TEXT },
		{ "status", CE_TYPE_TEXT },    { "subject", CE_TYPE_TEXT },      { "subject_id", CE_TYPE_INT },
		{ "project", CE_TYPE_INT },    { "project_code", CE_TYPE_TEXT }, { "likelihood", CE_TYPE_INT },
		{ "impact", CE_TYPE_INT },     { "exposure", CE_TYPE_INT },
	};
	an_rows risk = { 0 }, partner = { 0 }, project = { 0 };
	an_ids projects = { 0 };
	pair *links[3] = { NULL, NULL, NULL };
	size_t nlinks[3] = { 0, 0, 0 };
	entry *v = NULL;
	size_t n = 0, cap = 0;
	int rc;
	if ((rc = AN_LOAD(&risk, db, CE_ENTITY_RISK, "agreement", "project", "placement", "kind",
	                  "title", "status", "likelihood", "impact")) != CE_OK ||
	    (rc = AN_LOAD(&partner, db, CE_ENTITY_PARTNER, "name")) != CE_OK ||
	    (rc = AN_LOAD(&project, db, CE_ENTITY_PROJECT, "code")) != CE_OK ||
	    (rc = load_pairs(&links[0], &nlinks[0], db, CE_ENTITY_AGREEMENT_PARTY, "agreement",
	                     "partner")) != CE_OK ||
	    (rc = load_pairs(&links[1], &nlinks[1], db, CE_ENTITY_PROJECT_PARTNER, "project",
	                     "partner")) != CE_OK ||
	    (rc = load_pairs(&links[2], &nlinks[2], db, CE_ENTITY_PLACEMENT, NULL, "host")) != CE_OK ||
	    (f->project && (rc = ce__an_project_set(&projects, db, f)) != CE_OK))
		goto done;
	for (size_t i = 0; i < risk.n; i++) {
		int64_t status = an_i(&risk, i, R_STATUS);
		if (status != CE_RISK_STATUS_OPEN && status != CE_RISK_STATUS_MITIGATED)
			continue;
		if (f->project && !ce__an_ids_has(&projects, an_i(&risk, i, R_PROJECT)))
			continue;
		int s = !an_isnull(&risk, i, R_AGREEMENT) ? 0 : !an_isnull(&risk, i, R_PROJECT) ? 1 : 2;
		int64_t key = an_i(&risk, i, R_AGREEMENT + s);
		int64_t exposure = an_i(&risk, i, R_LIKELIHOOD) * an_i(&risk, i, R_IMPACT);
		size_t j = first_of(links[s], nlinks[s], key), end = j;
		while (end < nlinks[s] && links[s][end].key == key)
			end++;
		for (size_t k = j; k < end || (k == j && j == end); k++) {
			int64_t p = k < end ? links[s][k].partner : 0;
			if ((k > j && links[s][k - 1].partner == p) || (f->partner && p != f->partner))
				continue; /* the same partner twice, or another partner */
			if (n == cap) {
				size_t c = cap ? cap * 2 : 16;
				entry *nv = realloc(v, c * sizeof *v);
				if (!nv) {
					rc = ce__an_nomem(db);
					goto done;
				}
				v = nv;
				cap = c;
			}
			v[n++] = (entry){ p, exposure, i };
			if (k == end)
				break;
		}
	}
	ce__an_sort(v, n, sizeof *v, cmp_entry);
	an_out o;
	if ((rc = ce__an_out_new(&o, db, "risk_exposure", cols, (int)CE_ARRAY_LEN(cols))) != CE_OK)
		goto done;
	static const char *const subjects[] = { "agreement", "project", "placement" };
	int64_t rank = 0;
	for (size_t k = 0; k < n; k++) {
		size_t i = v[k].risk;
		rank = k > 0 && v[k - 1].partner == v[k].partner ? rank + 1 : 1;
		int s = !an_isnull(&risk, i, R_AGREEMENT) ? 0 : !an_isnull(&risk, i, R_PROJECT) ? 1 : 2;
		ce__an_row(&o);
		if (v[k].partner) {
			ptrdiff_t p = ce__an_find(&partner, v[k].partner);
			ce__an_int(&o, 0, v[k].partner);
			if (p >= 0)
				ce__an_text(&o, 1, an_s(&partner, (size_t)p, 0));
		}
		ce__an_int(&o, 2, rank);
		ce__an_int(&o, 3, risk.ids[i]);
		ce__an_text(&o, 4, an_s(&risk, i, R_TITLE));
		ce__an_text(&o, 5, ce__an_token(&risk, i, R_KIND));
		ce__an_text(&o, 6, ce__an_token(&risk, i, R_STATUS));
		ce__an_text(&o, 7, subjects[s]);
		ce__an_int(&o, 8, an_i(&risk, i, R_AGREEMENT + s));
		if (s == 1) {
			ptrdiff_t p = ce__an_find(&project, an_i(&risk, i, R_PROJECT));
			ce__an_int(&o, 9, an_i(&risk, i, R_PROJECT));
			if (p >= 0)
				ce__an_text(&o, 10, an_s(&project, (size_t)p, 0));
		}
		ce__an_int(&o, 11, an_i(&risk, i, R_LIKELIHOOD));
		ce__an_int(&o, 12, an_i(&risk, i, R_IMPACT));
		ce__an_int(&o, 13, v[k].exposure);
	}
	rc = ce__an_out_finish(&o, out);
done:
	free(v);
	for (int k = 0; k < 3; k++)
		free(links[k]);
	ce__an_ids_free(&projects);
	ce__an_rows_free(&risk);
	ce__an_rows_free(&partner);
	ce__an_rows_free(&project);
	return rc;
}
