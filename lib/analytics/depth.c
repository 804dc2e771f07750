/* cooperation_depth: how deep each partner's cooperation goes, computed
 * from what the partner itself did (hosted students, supplied supervisors,
 * did the research with them), never typed in. Signing, funding and using
 * results keep a partner at the agreement level, however much the
 * projects it funds produce. */
#include <stdlib.h>
#include <string.h>

#include "analytics_internal.h"

enum { N_NAME, N_KIND };

typedef struct depth_row {
	size_t row;
	int64_t id;
	const char *name;
	int depth;
	int64_t agreements, projects, placements, supervisors, outcomes;
	bool training_base; /* hosts a training base */
} depth_row;

typedef struct pair {
	int64_t a, b;
} pair;

static int cmp_pair(const void *x, const void *y)
{
	const pair *p = x, *q = y;
	if (p->a != q->a)
		return p->a < q->a ? -1 : 1;
	return (p->b > q->b) - (p->b < q->b);
}

typedef struct pairs {
	pair *v;
	size_t n, cap;
} pairs;

static int pairs_add(ce_db *db, pairs *s, int64_t a, int64_t b)
{
	if (s->n == s->cap) {
		size_t cap = s->cap ? s->cap * 2 : 64;
		pair *grown = realloc(s->v, cap * sizeof *grown);
		if (!grown)
			return ce__an_nomem(db);
		s->v = grown;
		s->cap = cap;
	}
	s->v[s->n++] = (pair){ a, b };
	return CE_OK;
}

static void pairs_seal(pairs *s)
{
	size_t w = 0;
	ce__an_sort(s->v, s->n, sizeof *s->v, cmp_pair);
	for (size_t i = 0; i < s->n; i++)
		if (w == 0 || cmp_pair(&s->v[w - 1], &s->v[i]) != 0)
			s->v[w++] = s->v[i];
	s->n = w;
}

/* Agreements the partner is party to: what it promised, whatever the
 * scopes (an order class or training base shows once students arrive). */
static int agreements(ce_db *db, const ce_report_filter *f, const an_rows *partners, depth_row *d)
{
	an_rows ag, party;
	int rc = AN_LOAD(&ag, db, CE_ENTITY_AGREEMENT, "start_date", "end_date");
	if (rc != CE_OK)
		return rc;
	if ((rc = AN_LOAD(&party, db, CE_ENTITY_AGREEMENT_PARTY, "agreement", "partner")) == CE_OK) {
		for (size_t i = 0; i < party.n; i++) {
			ptrdiff_t a = ce__an_find(&ag, an_i(&party, i, 0));
			ptrdiff_t p = ce__an_find(partners, an_i(&party, i, 1));
			if (a >= 0 && p >= 0 &&
			    ce__an_overlaps(f, (ce_date)an_i(&ag, (size_t)a, 0), (ce_date)an_i(&ag, (size_t)a, 1)))
				d[p].agreements++;
		}
		ce__an_rows_free(&party);
	}
	ce__an_rows_free(&ag);
	return rc;
}

static bool research_role(int64_t role)
{
	return role == CE_PROJECT_ROLE_LEAD || role == CE_PROJECT_ROLE_CO_APPLICANT ||
	       role == CE_PROJECT_ROLE_HOST;
}

/* Projects per partner (any role); into hits, (partner, outcome) for the
 * outcomes attributed to subtopics of the projects it does research in. */
static int projects(ce_db *db, const ce_report_filter *f, const an_rows *partners, depth_row *d,
                    pairs *hits)
{
	an_rows pr = { 0 }, pp = { 0 }, attr = { 0 }, sub = { 0 };
	pairs by_project = { 0 }, research = { 0 }, outcomes = { 0 };
	int rc;
	if ((rc = AN_LOAD(&pr, db, CE_ENTITY_PROJECT, "start_date", "end_date")) != CE_OK ||
	    (rc = AN_LOAD(&pp, db, CE_ENTITY_PROJECT_PARTNER, "project", "partner", "role")) != CE_OK ||
	    (rc = AN_LOAD_SET(&attr, db, CE_ENTITY_OUTCOME_ATTRIBUTION, "subtopic", "outcome",
	                      "subtopic")) != CE_OK ||
	    (rc = AN_LOAD(&sub, db, CE_ENTITY_SUBTOPIC, "project")) != CE_OK)
		goto done;
	/* (project, partner): once per pair whatever the roles, and once more
	 * for the research roles */
	for (size_t i = 0; rc == CE_OK && i < pp.n; i++) {
		ptrdiff_t j = ce__an_find(&pr, an_i(&pp, i, 0));
		if (j < 0 || ce__an_find(partners, an_i(&pp, i, 1)) < 0 ||
		    !ce__an_overlaps(f, (ce_date)an_i(&pr, (size_t)j, 0), (ce_date)an_i(&pr, (size_t)j, 1)))
			continue;
		rc = pairs_add(db, &by_project, an_i(&pp, i, 0), an_i(&pp, i, 1));
		if (rc == CE_OK && research_role(an_i(&pp, i, 2)))
			rc = pairs_add(db, &research, an_i(&pp, i, 0), an_i(&pp, i, 1));
	}
	/* (project, outcome) through subtopic attributions */
	for (size_t i = 0; rc == CE_OK && i < attr.n; i++) {
		ptrdiff_t s = ce__an_find(&sub, an_i(&attr, i, 1));
		if (s >= 0)
			rc = pairs_add(db, &outcomes, an_i(&sub, (size_t)s, 0), an_i(&attr, i, 0));
	}
	if (rc != CE_OK)
		goto done;
	pairs_seal(&by_project);
	pairs_seal(&research);
	pairs_seal(&outcomes);
	for (size_t i = 0; i < by_project.n; i++)
		d[ce__an_find(partners, by_project.v[i].b)].projects++;
	/* merge join on project: (partner, outcome) */
	for (size_t i = 0, j = 0; rc == CE_OK && i < research.n; i++) {
		while (j < outcomes.n && outcomes.v[j].a < research.v[i].a)
			j++;
		for (size_t k = j; rc == CE_OK && k < outcomes.n && outcomes.v[k].a == research.v[i].a; k++)
			rc = pairs_add(db, hits, research.v[i].b, outcomes.v[k].b);
	}
done:
	ce__an_rows_free(&pr);
	ce__an_rows_free(&pp);
	ce__an_rows_free(&attr);
	ce__an_rows_free(&sub);
	free(by_project.v);
	free(research.v);
	free(outcomes.v);
	return rc;
}

/* Into hits, (partner, outcome) for the outcomes one of its own
 * supervisors contributed to, first filed (first status) in the period. */
static int contributions(ce_db *db, const ce_report_filter *f, const an_rows *partners,
                         pairs *hits)
{
	an_rows oc = { 0 }, sup = { 0 }, out = { 0 }, hist = { 0 };
	ce_date *first = NULL;
	int rc;
	if ((rc = AN_LOAD_SET(&oc, db, CE_ENTITY_OUTCOME_CONTRIBUTOR, "supervisor", "outcome",
	                      "supervisor")) != CE_OK ||
	    !oc.n || /* nothing to look up */
	    (rc = AN_LOAD_SET(&sup, db, CE_ENTITY_SUPERVISOR, "affiliation", "affiliation")) != CE_OK ||
	    (rc = AN_LOAD(&out, db, CE_ENTITY_OUTCOME, "kind")) != CE_OK ||
	    (rc = AN_LOAD(&hist, db, CE_TABLE_OUTCOME_STATUS_HISTORY, "record", "on_date")) != CE_OK)
		goto done;
	if (!(first = calloc(out.n + 1, sizeof *first))) {
		rc = ce__an_nomem(db);
		goto done;
	}
	for (size_t i = 0; i < hist.n; i++) {
		ptrdiff_t o = ce__an_find(&out, an_i(&hist, i, 0));
		ce_date on = (ce_date)an_i(&hist, i, 1);
		if (o >= 0 && (!first[o] || on < first[o]))
			first[o] = on;
	}
	for (size_t i = 0; rc == CE_OK && i < oc.n; i++) {
		ptrdiff_t s = ce__an_find(&sup, an_i(&oc, i, 1));
		ptrdiff_t o = ce__an_find(&out, an_i(&oc, i, 0));
		if (s < 0 || o < 0 || ce__an_find(partners, an_i(&sup, (size_t)s, 0)) < 0 ||
		    !ce__an_in_period(f, first[o]))
			continue;
		rc = pairs_add(db, hits, an_i(&sup, (size_t)s, 0), an_i(&oc, i, 0));
	}
done:
	free(first);
	ce__an_rows_free(&oc);
	ce__an_rows_free(&sup);
	ce__an_rows_free(&out);
	ce__an_rows_free(&hist);
	return rc;
}

static int placements(ce_db *db, const ce_report_filter *f, const an_rows *partners, depth_row *d)
{
	an_rows pl;
	int rc = AN_LOAD(&pl, db, CE_ENTITY_PLACEMENT, "host", "start_date", "end_date");
	if (rc != CE_OK)
		return rc;
	for (size_t i = 0; i < pl.n; i++) {
		ptrdiff_t p = ce__an_find(partners, an_i(&pl, i, 0));
		if (p >= 0 && ce__an_overlaps(f, (ce_date)an_i(&pl, i, 1), (ce_date)an_i(&pl, i, 2)))
			d[p].placements++;
	}
	ce__an_rows_free(&pl);
	return CE_OK;
}

/* Affiliated enterprise supervisors who supervise a student or mentor a
 * placement in the period. */
static int supervisors(ce_db *db, const ce_report_filter *f, const an_rows *partners, depth_row *d)
{
	an_rows sup, sv = { 0 }, pl = { 0 };
	int rc = AN_LOAD(&sup, db, CE_ENTITY_SUPERVISOR, "kind", "affiliation");
	if (rc != CE_OK)
		return rc;
	bool *active = calloc(sup.n + 1, sizeof *active);
	if (!active)
		rc = ce__an_nomem(db);
	if (rc == CE_OK &&
	    (rc = AN_LOAD(&sv, db, CE_ENTITY_SUPERVISION, "supervisor", "start_date", "end_date")) == CE_OK &&
	    (rc = AN_LOAD_SET(&pl, db, CE_ENTITY_PLACEMENT, "mentor", "mentor", "start_date",
	                      "end_date")) == CE_OK) {
		const an_rows *spans[] = { &sv, &pl };
		for (int t = 0; t < 2; t++)
			for (size_t i = 0; i < spans[t]->n; i++) {
				ptrdiff_t s = ce__an_find(&sup, an_i(spans[t], i, 0));
				if (s >= 0 && ce__an_overlaps(f, (ce_date)an_i(spans[t], i, 1),
				                              (ce_date)an_i(spans[t], i, 2)))
					active[s] = true;
			}
		for (size_t s = 0; s < sup.n; s++) {
			ptrdiff_t p = an_isnull(&sup, s, 1) ? -1 : ce__an_find(partners, an_i(&sup, s, 1));
			if (p >= 0 && active[s] && an_i(&sup, s, 0) == CE_SUPERVISOR_ENTERPRISE)
				d[p].supervisors++;
		}
	}
	ce__an_rows_free(&sv);
	ce__an_rows_free(&pl);
	free(active);
	ce__an_rows_free(&sup);
	return rc;
}

/* Hosts of a training base that existed by the end of the period. */
static int training_bases(ce_db *db, const ce_report_filter *f, const an_rows *partners, depth_row *d)
{
	an_rows pf, host;
	int rc = AN_LOAD(&pf, db, CE_ENTITY_PLATFORM, "kind", "established_on");
	if (rc != CE_OK)
		return rc;
	if ((rc = AN_LOAD(&host, db, CE_ENTITY_PLATFORM_HOST, "platform", "partner")) == CE_OK) {
		for (size_t i = 0; i < host.n; i++) {
			ptrdiff_t q = ce__an_find(&pf, an_i(&host, i, 0));
			ptrdiff_t p = ce__an_find(partners, an_i(&host, i, 1));
			if (q < 0 || p < 0)
				continue;
			int64_t kind = an_i(&pf, (size_t)q, 0);
			ce_date est = (ce_date)an_i(&pf, (size_t)q, 1);
			if ((kind == CE_PLATFORM_GRADUATE_TRAINING_BASE ||
			     kind == CE_PLATFORM_PRACTICE_TEACHING_BASE) &&
			    (!f->to || !est || est <= f->to))
				d[p].training_base = true;
		}
		ce__an_rows_free(&host);
	}
	ce__an_rows_free(&pf);
	return rc;
}

static int cmp_depth(const void *a, const void *b)
{
	const depth_row *x = a, *y = b;
	if (x->depth != y->depth)
		return x->depth > y->depth ? -1 : 1;
	int c = strcmp(x->name, y->name);
	return c ? c : (x->id > y->id) - (x->id < y->id);
}

int ce__an_cooperation_depth(ce_table **out, ce_db *db, const ce_report_filter *f)
{
	static const an_col cols[] = {
		{ "partner", CE_TYPE_INT },    { "name", CE_TYPE_TEXT },       { "kind", CE_TYPE_TEXT },
		{ "depth", CE_TYPE_INT },      { "level", CE_TYPE_TEXT },      { "agreements", CE_TYPE_INT },
		{ "projects", CE_TYPE_INT },   { "placements", CE_TYPE_INT },
		{ "enterprise_supervisors", CE_TYPE_INT },                      { "outcomes", CE_TYPE_INT },
	};
	static const char *const levels[] = { "none", "transactional", "hosting", "co_training",
		                                  "co_creation" };
	an_rows partners;
	int rc = AN_LOAD(&partners, db, CE_ENTITY_PARTNER, "name", "kind");
	if (rc != CE_OK)
		return rc;
	depth_row *d = calloc(partners.n + 1, sizeof *d);
	pairs hits = { 0 }; /* (partner, outcome) it co-created */
	if (!d)
		rc = ce__an_nomem(db);
	if (rc == CE_OK && (rc = agreements(db, f, &partners, d)) == CE_OK &&
	    (rc = projects(db, f, &partners, d, &hits)) == CE_OK &&
	    (rc = contributions(db, f, &partners, &hits)) == CE_OK &&
	    (rc = placements(db, f, &partners, d)) == CE_OK &&
	    (rc = supervisors(db, f, &partners, d)) == CE_OK)
		rc = training_bases(db, f, &partners, d);
	if (rc == CE_OK) {
		pairs_seal(&hits);
		for (size_t i = 0; i < hits.n; i++)
			d[ce__an_find(&partners, hits.v[i].a)].outcomes++;
	}
	size_t n = 0;
	for (size_t p = 0; rc == CE_OK && p < partners.n; p++) {
		depth_row x = d[p];
		if (an_i(&partners, p, N_KIND) == CE_PARTNER_UNIVERSITY ||
		    (f->partner && partners.ids[p] != f->partner))
			continue;
		x.row = p;
		x.id = partners.ids[p];
		x.name = an_s(&partners, p, N_NAME);
		x.depth = x.outcomes                           ? 4
		          : x.training_base || x.supervisors   ? 3
		          : x.placements                       ? 2
		          : x.agreements || x.projects         ? 1
		                                               : 0;
		d[n++] = x; /* n <= p: compacting in place is safe */
	}
	if (rc == CE_OK) {
		ce__an_sort(d, n, sizeof *d, cmp_depth);
		an_out o;
		if ((rc = ce__an_out_new(&o, db, "cooperation_depth", cols, 10)) == CE_OK) {
			for (size_t i = 0; i < n; i++) {
				ce__an_row(&o);
				ce__an_int(&o, 0, d[i].id);
				ce__an_text(&o, 1, d[i].name);
				ce__an_text(&o, 2, ce__an_token(&partners, d[i].row, N_KIND));
				ce__an_int(&o, 3, d[i].depth);
				ce__an_text(&o, 4, levels[d[i].depth]);
				ce__an_int(&o, 5, d[i].agreements);
				ce__an_int(&o, 6, d[i].projects);
				ce__an_int(&o, 7, d[i].placements);
				ce__an_int(&o, 8, d[i].supervisors);
				ce__an_int(&o, 9, d[i].outcomes);
			}
			rc = ce__an_out_finish(&o, out);
		}
	}
	free(d);
	free(hits.v);
	ce__an_rows_free(&partners);
	return rc;
}
