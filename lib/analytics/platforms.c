/* platform_utilisation and idle_platforms: whether the joint bases that
 * were built are used, year by year, and which sit idle.
 *
 * A placement uses its platform from its start to its end (an open end:
 * still going). A subtopic on a platform uses it from its first status
 * date to its last one, or without end while it is not completed or
 * abandoned. A guidance session about such a subtopic uses it that day.
 * A platform exists from its establishment: utilisation has no row for a
 * year before it, nor counts days or capacity before that day. */
#include <stdlib.h>
#include <string.h>

#include "analytics_internal.h"

enum { F_NAME, F_KIND, F_LEVEL, F_CAPACITY, F_ESTABLISHED };
enum { L_PLATFORM, L_START, L_END };

/* A subtopic on a platform and the span it used it. */
typedef struct span {
	size_t platform; /* platform row */
	ce_date first, last;
	bool open;       /* not final: goes on after last */
} span;

typedef struct usage {
	an_rows platforms, placements;
	an_rows subs;  /* the subtopics on a platform: platform */
	bool *in;      /* platform row: in the partner filter */
	span *spans;
	size_t nspans;
} usage;

static void usage_free(usage *u)
{
	ce__an_rows_free(&u->platforms);
	ce__an_rows_free(&u->placements);
	ce__an_rows_free(&u->subs);
	free(u->in);
	free(u->spans);
}

static int subtopic_spans(ce_db *db, usage *u)
{
	an_rows hist = { 0 };
	an_rows *sub = &u->subs;
	int rc;
	/* only what happened on platforms: subtopics, placements there */
	if ((rc = AN_LOAD_SET(sub, db, CE_ENTITY_SUBTOPIC, "platform", "platform", "status")) != CE_OK ||
	    (rc = AN_LOAD(&hist, db, CE_TABLE_SUBTOPIC_STATUS_HISTORY, "record", "on_date")) != CE_OK)
		goto done;
	if (!(u->spans = calloc(sub->n + 1, sizeof *u->spans))) {
		rc = ce__an_nomem(db);
		goto done;
	}
	/* spans[] indexed by subtopic row first, compacted below */
	for (size_t i = 0; i < sub->n; i++) {
		ptrdiff_t p = ce__an_find(&u->platforms, an_i(sub, i, 0));
		int64_t st = an_i(sub, i, 1);
		u->spans[i] = (span){ p >= 0 ? (size_t)p : SIZE_MAX, 0, 0,
		                      st != CE_SUBTOPIC_STATUS_COMPLETED && st != CE_SUBTOPIC_STATUS_ABANDONED };
	}
	for (size_t i = 0; i < hist.n; i++) {
		ptrdiff_t s = ce__an_find(sub, an_i(&hist, i, 0));
		ce_date on = (ce_date)an_i(&hist, i, 1);
		if (s < 0)
			continue;
		if (!u->spans[s].first || on < u->spans[s].first)
			u->spans[s].first = on;
		if (on > u->spans[s].last)
			u->spans[s].last = on;
	}
	for (size_t i = 0; i < sub->n; i++)
		if (u->spans[i].platform != SIZE_MAX && u->spans[i].first)
			u->spans[u->nspans++] = u->spans[i];
done:
	ce__an_rows_free(&hist);
	return rc;
}

static int load(ce_db *db, const ce_report_filter *f, usage *u)
{
	an_ids hosted = { 0 };
	int rc;
	memset(u, 0, sizeof *u);
	if ((rc = AN_LOAD(&u->platforms, db, CE_ENTITY_PLATFORM, "name", "kind", "level", "capacity",
	                  "established_on")) != CE_OK ||
	    (rc = AN_LOAD_SET(&u->placements, db, CE_ENTITY_PLACEMENT, "platform", "platform",
	                      "start_date", "end_date")) != CE_OK)
		goto done;
	if (f->partner &&
	    (rc = ce__an_ids_of(&hosted, db, CE_ENTITY_PLATFORM_HOST, "platform", "partner",
	                        f->partner)) != CE_OK)
		goto done;
	if (!(u->in = calloc(u->platforms.n + 1, sizeof *u->in))) {
		rc = ce__an_nomem(db);
		goto done;
	}
	for (size_t p = 0; p < u->platforms.n; p++)
		u->in[p] = !f->partner || ce__an_ids_has(&hosted, u->platforms.ids[p]);
	rc = subtopic_spans(db, u);
done:
	ce__an_ids_free(&hosted);
	if (rc != CE_OK)
		usage_free(u);
	return rc;
}

/* ---- platform_utilisation ---------------------------------------------- */

static int max_i(int a, int b)
{
	return a > b ? a : b;
}

static int min_i(int a, int b)
{
	return a < b ? a : b;
}

/* The years to report: the period's, else those of the placements. */
static bool year_range(const ce_report_filter *f, const usage *u, int *y0, int *y1)
{
	int lo = 0, hi = 0;
	for (size_t i = 0; i < u->placements.n; i++) {
		ptrdiff_t p = an_isnull(&u->placements, i, L_PLATFORM)
		                  ? -1
		                  : ce__an_find(&u->platforms, an_i(&u->placements, i, L_PLATFORM));
		if (p < 0 || !u->in[p])
			continue;
		int ys = (int)(an_i(&u->placements, i, L_START) / 10000);
		int ye = an_isnull(&u->placements, i, L_END) ? ys
		                                               : (int)(an_i(&u->placements, i, L_END) / 10000);
		lo = lo ? min_i(lo, ys) : ys;
		hi = max_i(hi, ye);
	}
	if (f->from)
		lo = f->from / 10000;
	if (f->to)
		hi = f->to / 10000;
	if (!lo)
		lo = hi;
	if (!hi)
		hi = lo;
	*y0 = lo;
	*y1 = hi;
	return lo && lo <= hi;
}

/* The part of year y inside the period and from the platform's
 * establishment (est, 0 if unknown), as day numbers; empty when w0 > w1. */
static void window(const ce_report_filter *f, int y, ce_date est, int64_t *w0, int64_t *w1)
{
	ce_date a = CE_DATE(y, 1, 1), b = CE_DATE(y, 12, 31);
	if (f->from > a)
		a = f->from;
	if (est > a)
		a = est;
	if (f->to && f->to < b)
		b = f->to;
	*w0 = ce__date_days(a);
	*w1 = ce__date_days(b);
}

int ce__an_platform_utilisation(ce_table **out, ce_db *db, const ce_report_filter *f)
{
	static const an_col cols[] = {
		{ "platform", CE_TYPE_INT },  { "name", CE_TYPE_TEXT },          { "kind", CE_TYPE_TEXT },
		{ "year", CE_TYPE_INT },      { "capacity", CE_TYPE_INT },       { "placements", CE_TYPE_INT },
		{ "placement_days", CE_TYPE_INT }, { "utilisation", CE_TYPE_REAL }, { "subtopics", CE_TYPE_INT },
	};
	usage u;
	an_out o;
	int y0, y1, rc = load(db, f, &u);
	if (rc != CE_OK)
		return rc;
	if ((rc = ce__an_out_new(&o, db, "platform_utilisation", cols, 9)) != CE_OK) {
		usage_free(&u);
		return rc;
	}
	if (!year_range(f, &u, &y0, &y1) || !u.platforms.n) {
		usage_free(&u);
		return ce__an_out_finish(&o, out);
	}
	size_t ny = (size_t)(y1 - y0 + 1), cells = u.platforms.n * ny;
	int64_t *count = calloc(cells, sizeof *count), *days = calloc(cells, sizeof *days);
	int64_t *subs = calloc(cells, sizeof *subs);
	if (!count || !days || !subs)
		rc = ce__an_nomem(db);
	/* Each placement adds to the years it overlaps. */
	for (size_t i = 0; rc == CE_OK && i < u.placements.n; i++) {
		ptrdiff_t p = an_isnull(&u.placements, i, L_PLATFORM)
		                  ? -1
		                  : ce__an_find(&u.platforms, an_i(&u.placements, i, L_PLATFORM));
		if (p < 0 || !u.in[p])
			continue;
		ce_date start = (ce_date)an_i(&u.placements, i, L_START);
		ce_date end = (ce_date)an_i(&u.placements, i, L_END); /* 0: open */
		ce_date est = (ce_date)an_i(&u.platforms, (size_t)p, F_ESTABLISHED);
		int64_t s = ce__date_days(start), e = end ? ce__date_days(end) : INT64_MAX;
		int ya = max_i(y0, start / 10000), yb = end ? min_i(y1, end / 10000) : y1;
		for (int y = ya; y <= yb; y++) {
			int64_t w0, w1;
			window(f, y, est, &w0, &w1);
			int64_t a = s > w0 ? s : w0, b = e < w1 ? e : w1;
			if (a > b)
				continue;
			count[(size_t)p * ny + (size_t)(y - y0)]++;
			days[(size_t)p * ny + (size_t)(y - y0)] += b - a + 1;
		}
	}
	for (size_t i = 0; rc == CE_OK && i < u.nspans; i++) {
		const span *sp = &u.spans[i];
		if (!u.in[sp->platform])
			continue;
		ce_date est = (ce_date)an_i(&u.platforms, sp->platform, F_ESTABLISHED);
		int64_t s = ce__date_days(sp->first), e = sp->open ? INT64_MAX : ce__date_days(sp->last);
		int ya = max_i(y0, sp->first / 10000), yb = sp->open ? y1 : min_i(y1, sp->last / 10000);
		for (int y = ya; y <= yb; y++) {
			int64_t w0, w1;
			window(f, y, est, &w0, &w1);
			if ((s > w0 ? s : w0) <= (e < w1 ? e : w1))
				subs[sp->platform * ny + (size_t)(y - y0)]++;
		}
	}
	for (size_t p = 0; rc == CE_OK && p < u.platforms.n; p++) {
		if (!u.in[p])
			continue;
		int64_t capacity = an_i(&u.platforms, p, F_CAPACITY);
		ce_date est = (ce_date)an_i(&u.platforms, p, F_ESTABLISHED);
		for (int y = y0; y <= y1; y++) {
			size_t k = p * ny + (size_t)(y - y0);
			int64_t w0, w1;
			window(f, y, est, &w0, &w1);
			if (w0 > w1) /* not established yet in that part of the year */
				continue;
			ce__an_row(&o);
			ce__an_int(&o, 0, u.platforms.ids[p]);
			ce__an_text(&o, 1, an_s(&u.platforms, p, F_NAME));
			ce__an_text(&o, 2, ce__an_token(&u.platforms, p, F_KIND));
			ce__an_int(&o, 3, y);
			ce__an_int(&o, 4, capacity);
			ce__an_int(&o, 5, count[k]);
			ce__an_int(&o, 6, days[k]);
			ce__an_ratio(&o, 7, (double)days[k], (double)capacity * (double)(w1 - w0 + 1));
			ce__an_int(&o, 8, subs[k]);
		}
	}
	free(count);
	free(days);
	free(subs);
	usage_free(&u);
	if (rc != CE_OK) {
		ce_table_free(o.t);
		return rc;
	}
	return ce__an_out_finish(&o, out);
}

/* ---- idle_platforms ----------------------------------------------------- */

/* The guidance sessions about the subtopics on platform row p: the latest
 * date, and whether one lies in the period. Read by the index on
 * guidance_session.subtopic, only for the platforms nothing else used. */
static int sessions_at(ce_db *db, const ce_report_filter *f, const usage *u, size_t p,
                       ce_date *last, bool *in_period)
{
	for (size_t i = 0; i < u->subs.n; i++) {
		an_rows gs;
		if (an_i(&u->subs, i, 0) != u->platforms.ids[p])
			continue;
		int rc = AN_LOAD_EQ(&gs, db, CE_ENTITY_GUIDANCE_SESSION, "subtopic", u->subs.ids[i],
		                    "held_on");
		if (rc != CE_OK)
			return rc;
		for (size_t k = 0; k < gs.n; k++) {
			ce_date on = (ce_date)an_i(&gs, k, 0);
			if (on > *last)
				*last = on;
			*in_period |= ce__an_in_period(f, on);
		}
		ce__an_rows_free(&gs);
	}
	return CE_OK;
}

int ce__an_idle_platforms(ce_table **out, ce_db *db, const ce_report_filter *f)
{
	static const an_col cols[] = {
		{ "platform", CE_TYPE_INT }, { "name", CE_TYPE_TEXT },         { "kind", CE_TYPE_TEXT },
		{ "level", CE_TYPE_TEXT },   { "established_on", CE_TYPE_DATE }, { "last_used", CE_TYPE_DATE },
	};
	usage u;
	an_out o;
	int rc = load(db, f, &u);
	if (rc != CE_OK)
		return rc;
	size_t n = u.platforms.n;
	bool *used = calloc(n + 1, sizeof *used);
	ce_date *last = calloc(n + 1, sizeof *last);
	if (!used || !last)
		rc = ce__an_nomem(db);
	for (size_t i = 0; rc == CE_OK && i < u.placements.n; i++) {
		ptrdiff_t p = ce__an_find(&u.platforms, an_i(&u.placements, i, L_PLATFORM));
		if (p < 0)
			continue;
		ce_date start = (ce_date)an_i(&u.placements, i, L_START);
		ce_date end = (ce_date)an_i(&u.placements, i, L_END);
		if (ce__an_overlaps(f, start, end))
			used[p] = true;
		if ((end ? end : start) > last[p])
			last[p] = end ? end : start;
	}
	for (size_t i = 0; rc == CE_OK && i < u.nspans; i++) {
		const span *sp = &u.spans[i];
		if (ce__an_overlaps(f, sp->first, sp->open ? 0 : sp->last))
			used[sp->platform] = true;
		if (sp->last > last[sp->platform])
			last[sp->platform] = sp->last;
	}
	if (rc == CE_OK && (rc = ce__an_out_new(&o, db, "idle_platforms", cols, 6)) == CE_OK) {
		for (size_t p = 0; p < n && rc == CE_OK; p++) {
			ce_date est = (ce_date)an_i(&u.platforms, p, F_ESTABLISHED), seen = 0;
			bool session_in = false;
			if (!u.in[p] || used[p] || (f->to && est && est > f->to))
				continue;
			if ((rc = sessions_at(db, f, &u, p, &seen, &session_in)) != CE_OK || session_in)
				continue;
			ce_date lu = last[p] > seen ? last[p] : seen;
			ce__an_row(&o);
			ce__an_int(&o, 0, u.platforms.ids[p]);
			ce__an_text(&o, 1, an_s(&u.platforms, p, F_NAME));
			ce__an_text(&o, 2, ce__an_token(&u.platforms, p, F_KIND));
			ce__an_text(&o, 3, ce__an_token(&u.platforms, p, F_LEVEL));
			if (est)
				ce__an_int(&o, 4, est);
			if (lu)
				ce__an_int(&o, 5, lu);
		}
		if (rc == CE_OK)
			rc = ce__an_out_finish(&o, out);
		else
			ce_table_free(o.t);
	}
	free(used);
	free(last);
	usage_free(&u);
	return rc;
}
