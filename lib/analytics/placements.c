/* placement_health: incidents, early ends and whether feedback flows both
 * ways, and how soon after the placement's end, per host partner and in
 * total. Feedback given while the placement runs is counted apart: it is
 * not a negative delay. */
#include <stdlib.h>
#include <string.h>

#include "analytics_internal.h"

enum { L_STUDENT, L_HOST, L_START, L_END, L_STATUS };

typedef struct host_stats {
	int64_t host; /* 0: the total */
	const char *name;
	int64_t placements, incidents, ended_early, finished, with_feedback;
	int64_t during; /* feedback given before the end, or with no end yet */
	double *delays;
	size_t ndelays, cap;
} host_stats;

typedef struct placement_info {
	size_t host;      /* index into the hosts array */
	bool in;
	bool e2s, s2e;    /* feedback enterprise→school, school→enterprise */
	int64_t incidents;
} placement_info;

static int cmp_host(const void *a, const void *b)
{
	const host_stats *x = a, *y = b;
	int c = strcmp(x->name, y->name);
	return c ? c : (x->host > y->host) - (x->host < y->host);
}

static void add(host_stats *h, const placement_info *pi, int64_t status)
{
	bool finished = status == CE_PLACEMENT_STATUS_COMPLETED ||
	                status == CE_PLACEMENT_STATUS_ENDED_EARLY;
	h->placements++;
	h->incidents += pi->incidents;
	h->ended_early += status == CE_PLACEMENT_STATUS_ENDED_EARLY;
	h->finished += finished;
	h->with_feedback += finished && pi->e2s && pi->s2e;
}

/* Marks which placements pass the filter and counts what happened in them. */
static int events(ce_db *db, const an_rows *pl, placement_info *pi, host_stats *hosts,
                  size_t nhosts)
{
	an_rows inc, fb;
	int rc = AN_LOAD(&inc, db, CE_ENTITY_INCIDENT, "placement");
	if (rc != CE_OK)
		return rc;
	for (size_t i = 0; i < inc.n; i++) {
		ptrdiff_t p = ce__an_find(pl, an_i(&inc, i, 0));
		if (p >= 0)
			pi[p].incidents++;
	}
	ce__an_rows_free(&inc);
	if ((rc = AN_LOAD(&fb, db, CE_ENTITY_FEEDBACK, "placement", "direction", "given_on")) != CE_OK)
		return rc;
	for (size_t i = 0; rc == CE_OK && i < fb.n; i++) {
		ptrdiff_t p = ce__an_find(pl, an_i(&fb, i, 0));
		if (p < 0 || !pi[p].in)
			continue;
		int64_t dir = an_i(&fb, i, 1);
		pi[p].e2s |= dir == CE_FEEDBACK_DIRECTION_ENTERPRISE_TO_SCHOOL;
		pi[p].s2e |= dir == CE_FEEDBACK_DIRECTION_SCHOOL_TO_ENTERPRISE;
		host_stats *targets[2] = { &hosts[pi[p].host], &hosts[nhosts] };
		ce_date given = (ce_date)an_i(&fb, i, 2), end = (ce_date)an_i(pl, (size_t)p, L_END);
		if (!end || given < end) {
			targets[0]->during++;
			targets[1]->during++;
			continue;
		}
		double delay = (double)(ce__date_days(given) - ce__date_days(end));
		for (int t = 0; rc == CE_OK && t < 2; t++)
			rc = ce__an_push(db, &targets[t]->delays, &targets[t]->ndelays, &targets[t]->cap, delay);
	}
	ce__an_rows_free(&fb);
	return rc;
}

int ce__an_placement_health(ce_table **out, ce_db *db, const ce_report_filter *f)
{
	static const an_col cols[] = {
		{ "host", CE_TYPE_INT },          { "host_name", CE_TYPE_TEXT },
		{ "placements", CE_TYPE_INT },    { "incidents", CE_TYPE_INT },
		{ "incidents_per_100", CE_TYPE_REAL }, { "ended_early", CE_TYPE_INT },
		{ "finished", CE_TYPE_INT },      { "with_feedback", CE_TYPE_INT },
		{ "feedback_coverage", CE_TYPE_REAL }, { "median_feedback_days", CE_TYPE_REAL },
		{ "feedback_during", CE_TYPE_INT },
	};
	an_rows pl = { 0 }, partners = { 0 };
	an_ids cohort = { 0 };
	placement_info *pi = NULL;
	host_stats *hosts = NULL;
	size_t nhosts = 0;
	int rc;
	if ((rc = AN_LOAD(&pl, db, CE_ENTITY_PLACEMENT, "student", "host", "start_date", "end_date",
	                  "status")) != CE_OK ||
	    (rc = AN_LOAD(&partners, db, CE_ENTITY_PARTNER, "name")) != CE_OK ||
	    (f->cohort &&
	     (rc = ce__an_ids_of(&cohort, db, CE_ENTITY_STUDENT, NULL, "cohort", f->cohort)) != CE_OK))
		goto done;
	pi = calloc(pl.n + 1, sizeof *pi);
	hosts = calloc(partners.n + 1, sizeof *hosts); /* one per partner, then the total */
	if (!pi || !hosts) {
		rc = ce__an_nomem(db);
		goto done;
	}
	/* hosts[] by partner row; the total sits at partners.n */
	for (size_t p = 0; p < partners.n; p++)
		hosts[p] = (host_stats){ .host = partners.ids[p], .name = an_s(&partners, p, 0) };
	hosts[partners.n] = (host_stats){ .host = 0, .name = "(all)" };
	nhosts = partners.n;
	for (size_t i = 0; i < pl.n; i++) {
		ptrdiff_t h = ce__an_find(&partners, an_i(&pl, i, L_HOST));
		pi[i].in = h >= 0 && (!f->partner || an_i(&pl, i, L_HOST) == f->partner) &&
		           (!f->cohort || ce__an_ids_has(&cohort, an_i(&pl, i, L_STUDENT))) &&
		           ce__an_overlaps(f, (ce_date)an_i(&pl, i, L_START), (ce_date)an_i(&pl, i, L_END));
		pi[i].host = h >= 0 ? (size_t)h : 0;
	}
	if ((rc = events(db, &pl, pi, hosts, nhosts)) != CE_OK)
		goto done;
	for (size_t i = 0; i < pl.n; i++)
		if (pi[i].in) {
			add(&hosts[pi[i].host], &pi[i], an_i(&pl, i, L_STATUS));
			add(&hosts[nhosts], &pi[i], an_i(&pl, i, L_STATUS));
		}
	/* keep the hosts with placements, by name; the total goes last */
	size_t n = 0;
	for (size_t h = 0; h < nhosts; h++) {
		if (hosts[h].placements)
			hosts[n++] = hosts[h];
		else
			free(hosts[h].delays);
	}
	host_stats total = hosts[nhosts];
	ce__an_sort(hosts, n, sizeof *hosts, cmp_host);
	hosts[n] = total;
	for (size_t h = n + 1; h <= nhosts; h++)
		hosts[h] = (host_stats){ 0 };

	an_out o;
	if ((rc = ce__an_out_new(&o, db, "placement_health", cols, 11)) == CE_OK) {
		for (size_t i = 0; i <= n; i++) {
			host_stats *x = &hosts[i];
			ce__an_row(&o);
			if (i < n)
				ce__an_int(&o, 0, x->host);
			ce__an_text(&o, 1, x->name);
			ce__an_int(&o, 2, x->placements);
			ce__an_int(&o, 3, x->incidents);
			ce__an_ratio(&o, 4, (double)x->incidents * 100.0, (double)x->placements);
			ce__an_int(&o, 5, x->ended_early);
			ce__an_int(&o, 6, x->finished);
			ce__an_int(&o, 7, x->with_feedback);
			ce__an_ratio(&o, 8, (double)x->with_feedback, (double)x->finished);
			if (x->ndelays)
				ce__an_real(&o, 9, ce__an_median(x->delays, x->ndelays));
			ce__an_int(&o, 10, x->during);
		}
		rc = ce__an_out_finish(&o, out);
	}
done:
	for (size_t h = 0; hosts && h <= nhosts; h++)
		free(hosts[h].delays);
	free(hosts);
	free(pi);
	ce__an_rows_free(&pl);
	ce__an_rows_free(&partners);
	ce__an_ids_free(&cohort);
	return rc;
}
