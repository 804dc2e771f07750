/* survey_item_stats and survey_comparison: per Likert and number item (and
 * group) of a round, n, mean, median, standard deviation and the count of
 * each Likert value; two rounds of one instrument side by side. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "survey_internal.h"

typedef struct idx {
	int64_t id;
	size_t local;
} idx;

static int cmp_idx(const void *a, const void *b)
{
	const idx *x = a, *y = b;
	return (x->id > y->id) - (x->id < y->id);
}

static bool numeric(sv_kind k)
{
	return k == SV_LIKERT5 || k == SV_LIKERT7 || k == SV_NUMBER;
}

typedef struct bucket {
	double *v;
	size_t n, cap;
} bucket;

void ce__sv_stat_of(sv_stat *s, const sv_value *h, size_t m, bool likert)
{
	memset(s, 0, sizeof *s);
	for (size_t i = 0; i < m; i++) {
		s->n += h[i].n;
		/* a Likert value 1..7 (truncated, as before); a number is never cast */
		if (likert && h[i].v >= 1 && h[i].v < 8)
			s->counts[(int)h[i].v - 1] += h[i].n;
	}
	if (!s->n)
		return;
	double sum = 0, ss = 0;
	for (size_t i = 0; i < m; i++)
		sum += (double)h[i].n * h[i].v;
	s->mean = sum / (double)s->n;
	for (size_t i = 0; i < m; i++)
		ss += (double)h[i].n * ((h[i].v - s->mean) * (h[i].v - s->mean));
	s->sd = s->n > 1 ? sqrt(ss / (double)(s->n - 1)) : NAN;
	/* the middle value, or the mean of the middle two (0-based ranks) */
	int64_t lo = (s->n - 1) / 2, hi = s->n / 2, seen = 0;
	double a = 0, b = 0;
	for (size_t i = 0; i < m; i++) {
		if (seen <= lo && lo < seen + h[i].n)
			a = h[i].v;
		if (seen <= hi && hi < seen + h[i].n) {
			b = h[i].v;
			break;
		}
		seen += h[i].n;
	}
	s->median = lo == hi ? a : (a + b) / 2.0;
}

static int cmp_double(const void *x, const void *y)
{
	double a = *(const double *)x, b = *(const double *)y;
	return (a > b) - (a < b);
}

static int cmp_value(const void *x, const void *y)
{
	return cmp_double(&((const sv_value *)x)->v, &((const sv_value *)y)->v);
}

/* The answers in b as a histogram in h (room for b->n), then their statistics. */
static void stat_of_answers(sv_stat *s, bucket *b, sv_value *h, bool likert)
{
	size_t m = 0;
	ce__an_sort(b->v, b->n, sizeof *b->v, cmp_double);
	for (size_t i = 0; i < b->n; i++) {
		if (m && h[m - 1].v == b->v[i])
			h[m - 1].n++;
		else
			h[m++] = (sv_value){ b->v[i], 1 };
	}
	ce__sv_stat_of(s, h, m, likert);
}

void ce__sv_round_stats_free(sv_round_stats *s)
{
	ce__sv_groups_free(&s->groups);
	free(s->items);
	free(s->stat);
	memset(s, 0, sizeof *s);
}

/* The numeric items of round row rd's instrument into out->items, and a
 * map from their ids to their positions there. */
static int numeric_items(ce_db *db, const sv_data *d, size_t rd, sv_round_stats *out, idx **map)
{
	size_t ilo, ihi;
	ce__sv_items_of(d, an_i(&d->rounds, rd, SV_RD_INSTRUMENT), &ilo, &ihi);
	out->items = malloc((ihi - ilo + 1) * sizeof *out->items);
	*map = malloc((ihi - ilo + 1) * sizeof **map);
	if (!out->items || !*map)
		return ce__an_nomem(db);
	for (size_t p = ilo; p < ihi; p++)
		if (numeric(ce__sv_item_kind(d, d->item[p]))) {
			(*map)[out->nitems] = (idx){ d->items.ids[d->item[p]], out->nitems };
			out->items[out->nitems++] = d->item[p];
		}
	ce__an_sort(*map, out->nitems, sizeof **map, cmp_idx);
	return CE_OK;
}

static size_t item_local(const idx *map, size_t n, int64_t item)
{
	idx key = { item, 0 };
	idx *hit = n ? bsearch(&key, map, n, sizeof *map, cmp_idx) : NULL;
	return hit ? hit->local : n;
}

/* The groups of round row rd from the backend's histogram: its rows
 * without an item (the NULL group there even without responses when
 * ungrouped), counted and suppressed. */
static int agg_groups(ce_db *db, const sv_data *d, size_t rd, const ce_report_filter *f,
                      size_t lo, size_t hi, sv_groups *out)
{
	const char **names = calloc(hi - lo + 1, sizeof *names);
	int64_t *counts = calloc(hi - lo + 1, sizeof *counts);
	size_t m = 0;
	int rc = CE_OK;
	if (!names || !counts)
		rc = ce__an_nomem(db);
	for (size_t p = lo; rc == CE_OK && p < hi; p++) {
		size_t r = d->agg_ord[p];
		if (!ce_table_is_null(d->agg, r, 2))
			continue;
		names[m] = ce_table_get_text(d->agg, r, 1);
		rc = ce_table_get_int(&counts[m++], d->agg, r, 4);
	}
	if (rc == CE_OK)
		rc = ce__sv_groups_counted(db, out, names, counts, f->group_by ? m : m + 1);
	free(names);
	free(counts);
	if (rc == CE_OK)
		ce__sv_suppress(out, ce__sv_anonymous(d, rd), sv_k(f));
	return rc;
}

/* Round row rd's statistics from the backend's histogram. */
static int agg_stats(ce_db *db, const sv_data *d, size_t rd, const ce_report_filter *f,
                     sv_round_stats *out)
{
	size_t lo, hi, ng, *start = NULL, *fill = NULL;
	idx *map = NULL;
	sv_value *h = NULL;
	ce__sv_agg_rows(d, d->rounds.ids[rd], &lo, &hi);
	int rc = agg_groups(db, d, rd, f, lo, hi, &out->groups);
	if (rc == CE_OK)
		rc = numeric_items(db, d, rd, out, &map);
	ng = out->groups.n;
	if (rc == CE_OK) {
		out->stat = calloc(out->nitems * ng + 1, sizeof *out->stat);
		start = calloc(out->nitems * ng + 2, sizeof *start);
		fill = calloc(out->nitems * ng + 1, sizeof *fill);
		h = malloc((hi - lo + 1) * sizeof *h);
		if (!out->stat || !start || !fill || !h)
			rc = ce__an_nomem(db);
	}
	/* each (item, group)'s values: counted, then placed */
	size_t *cell = rc == CE_OK ? malloc((hi - lo + 1) * sizeof *cell) : NULL;
	if (rc == CE_OK && !cell)
		rc = ce__an_nomem(db);
	for (size_t p = lo; rc == CE_OK && p < hi; p++) {
		size_t r = d->agg_ord[p], j, g;
		int64_t item = 0;
		cell[p - lo] = SIZE_MAX;
		if (ce_table_is_null(d->agg, r, 2) || ce_table_get_int(&item, d->agg, r, 2) != CE_OK ||
		    (j = item_local(map, out->nitems, item)) == out->nitems ||
		    (g = ce__sv_group_find(&out->groups, ce_table_get_text(d->agg, r, 1))) == ng)
			continue;
		cell[p - lo] = j * ng + g;
		start[j * ng + g + 1]++;
	}
	for (size_t c = 0; rc == CE_OK && c < out->nitems * ng; c++)
		start[c + 1] += start[c];
	for (size_t p = lo; rc == CE_OK && p < hi; p++) {
		size_t r = d->agg_ord[p], c = cell[p - lo];
		sv_value v = { 0, 0 };
		if (c == SIZE_MAX)
			continue;
		if (ce_table_is_null(d->agg, r, 3)) { /* CE_SURVEY_AGG_MEANS: answers and their sum */
			double sum = 0;
			sv_stat *st = &out->stat[c];
			if ((rc = ce_table_get_int(&v.n, d->agg, r, 4)) == CE_OK &&
			    (rc = ce_table_get_real(&sum, d->agg, r, 5)) == CE_OK && v.n > 0) {
				st->n = v.n;
				st->mean = sum / (double)v.n;
			}
			start[c] = SIZE_MAX; /* no histogram */
			continue;
		}
		if ((rc = ce_table_get_real(&v.v, d->agg, r, 3)) == CE_OK &&
		    (rc = ce_table_get_int(&v.n, d->agg, r, 4)) == CE_OK)
			h[start[c] + fill[c]++] = v;
	}
	for (size_t j = 0; rc == CE_OK && j < out->nitems; j++) {
		bool likert = ce__sv_item_kind(d, out->items[j]) != SV_NUMBER;
		for (size_t g = 0; g < ng; g++) {
			size_t c = j * ng + g;
			if (start[c] == SIZE_MAX)
				continue;
			ce__an_sort(h + start[c], fill[c], sizeof *h, cmp_value);
			ce__sv_stat_of(&out->stat[c], h + start[c], fill[c], likert);
		}
	}
	if (rc != CE_OK && rc != ce_db_errcode(db))
		rc = ce__fail(db, rc, "survey report: the backend's aggregates: %s", ce_last_errmsg());
	free(cell);
	free(start);
	free(fill);
	free(h);
	free(map);
	if (rc != CE_OK)
		ce__sv_round_stats_free(out);
	return rc;
}

int ce__sv_round_stats(ce_db *db, const sv_data *d, size_t rd, const ce_report_filter *f,
                       sv_round_stats *out)
{
	size_t rlo, rhi, most = 0;
	idx *map = NULL;
	bucket *bk = NULL;
	sv_value *h = NULL;
	memset(out, 0, sizeof *out);
	if (d->agg)
		return agg_stats(db, d, rd, f, out);
	int rc = ce__sv_round_groups(db, d, rd, f, &out->groups, &rlo, &rhi);
	if (rc != CE_OK)
		return rc;
	if ((rc = numeric_items(db, d, rd, out, &map)) != CE_OK)
		goto fail;
	size_t ng = out->groups.n;
	bk = calloc(out->nitems * ng + 1, sizeof *bk);
	out->stat = calloc(out->nitems * ng + 1, sizeof *out->stat);
	if (!bk || !out->stat) {
		rc = ce__an_nomem(db);
		goto fail;
	}
	for (size_t p = rlo; rc == CE_OK && p < rhi; p++) {
		size_t g = out->groups.of[p - rlo], alo, ahi;
		ce__sv_answers_of(d, d->responses.ids[d->resp[p]], &alo, &ahi);
		for (size_t a = alo; rc == CE_OK && a < ahi; a++) {
			size_t ar = d->ans[a];
			size_t j = item_local(map, out->nitems, an_i(&d->answers, ar, SV_AN_ITEM));
			if (j == out->nitems || an_isnull(&d->answers, ar, SV_AN_NUMBER))
				continue;
			bucket *b = &bk[j * ng + g];
			rc = ce__an_push(db, &b->v, &b->n, &b->cap, an_r(&d->answers, ar, SV_AN_NUMBER));
		}
	}
	for (size_t i = 0; i < out->nitems * ng; i++)
		most = bk[i].n > most ? bk[i].n : most;
	if (rc == CE_OK && !(h = malloc((most + 1) * sizeof *h)))
		rc = ce__an_nomem(db);
	for (size_t j = 0; rc == CE_OK && j < out->nitems; j++)
		for (size_t g = 0; g < ng; g++) {
			sv_kind k = ce__sv_item_kind(d, out->items[j]);
			stat_of_answers(&out->stat[j * ng + g], &bk[j * ng + g], h, k != SV_NUMBER);
		}
fail:
	for (size_t i = 0; bk && i < out->nitems * out->groups.n; i++)
		free(bk[i].v);
	free(bk);
	free(map);
	free(h);
	if (rc != CE_OK)
		ce__sv_round_stats_free(out);
	return rc;
}

/* ---- survey_item_stats ------------------------------------------------------------ */

int ce__an_survey_item_stats(ce_table **out, ce_db *db, const ce_report_filter *f)
{
	static const an_col cols[] = {
		{ "round", CE_TYPE_INT },     { "item", CE_TYPE_INT },      { "item_code", CE_TYPE_TEXT },
		{ "section", CE_TYPE_TEXT },  { "kind", CE_TYPE_TEXT },     { "group", CE_TYPE_TEXT },
		{ "n", CE_TYPE_INT },         { "mean", CE_TYPE_REAL },     { "median", CE_TYPE_REAL },
		{ "sd", CE_TYPE_REAL },       { "count_1", CE_TYPE_INT },   { "count_2", CE_TYPE_INT },
		{ "count_3", CE_TYPE_INT },   { "count_4", CE_TYPE_INT },   { "count_5", CE_TYPE_INT },
		{ "count_6", CE_TYPE_INT },   { "count_7", CE_TYPE_INT },   { "suppressed", CE_TYPE_BOOL },
	};
	sv_data d;
	an_out o;
	int rc = ce__sv_begin(&d, db, f, "survey_item_stats", 0);
	if (rc != CE_OK)
		return rc;
	if (d.rounds.n && (rc = ce__sv_aggregate(&d, db, f, CE_SURVEY_AGG_HISTOGRAM, 0,
	                                         SV_NEED_ANSWERS)) != CE_OK) {
		ce__sv_free(&d);
		return rc;
	}
	if ((rc = ce__an_out_new(&o, db, "survey_item_stats", cols, (int)CE_ARRAY_LEN(cols))) != CE_OK) {
		ce__sv_free(&d);
		return rc;
	}
	for (size_t rd = 0; rc == CE_OK && o.rc == CE_OK && rd < d.rounds.n; rd++) {
		sv_round_stats s;
		if (!ce__sv_round_in(&d, rd, f))
			continue;
		if ((rc = ce__sv_round_stats(db, &d, rd, f, &s)) != CE_OK)
			break;
		for (size_t j = 0; j < s.nitems; j++) {
			size_t it = s.items[j];
			sv_kind kind = ce__sv_item_kind(&d, it);
			for (size_t g = 0; g < s.groups.n; g++) {
				const sv_stat *st = &s.stat[j * s.groups.n + g];
				ce__an_row(&o);
				ce__an_int(&o, 0, d.rounds.ids[rd]);
				ce__an_int(&o, 1, d.items.ids[it]);
				ce__an_text(&o, 2, an_s(&d.items, it, SV_IT_CODE));
				ce__an_text(&o, 3, an_s(&d.items, it, SV_IT_SECTION));
				ce__an_text(&o, 4, ce__an_token(&d.items, it, SV_IT_KIND));
				ce__an_text(&o, 5, s.groups.name[g]);
				if (s.groups.suppressed[g]) {
					ce__an_int(&o, 17, 1);
					continue;
				}
				ce__an_int(&o, 6, st->n);
				if (st->n) {
					ce__an_real(&o, 7, st->mean);
					ce__an_real(&o, 8, st->median);
				}
				if (st->n > 1)
					ce__an_real(&o, 9, st->sd);
				for (int v = 0; kind != SV_NUMBER && v < (kind == SV_LIKERT7 ? 7 : 5); v++)
					ce__an_int(&o, 10 + v, st->counts[v]);
				ce__an_int(&o, 17, 0);
			}
		}
		ce__sv_round_stats_free(&s);
	}
	ce__sv_free(&d);
	if (rc != CE_OK) {
		ce_table_free(o.t);
		return rc;
	}
	return ce__an_out_finish(&o, out);
}

/* ---- survey_comparison ----------------------------------------------------------- */

size_t ce__sv_previous(const sv_data *d, size_t rd)
{
	size_t best = d->rounds.n;
	int64_t inst = an_i(&d->rounds, rd, SV_RD_INSTRUMENT), at = an_i(&d->rounds, rd, SV_RD_OPENS_ON);
	for (size_t i = 0; i < d->rounds.n; i++) {
		int64_t on = an_i(&d->rounds, i, SV_RD_OPENS_ON);
		if (i == rd || an_i(&d->rounds, i, SV_RD_INSTRUMENT) != inst ||
		    on > at || (on == at && d->rounds.ids[i] > d->rounds.ids[rd]))
			continue;
		if (best == d->rounds.n || on > an_i(&d->rounds, best, SV_RD_OPENS_ON) ||
		    (on == an_i(&d->rounds, best, SV_RD_OPENS_ON) && d->rounds.ids[i] > d->rounds.ids[best]))
			best = i;
	}
	return best;
}

static int compare_pair(an_out *o, ce_db *db, const sv_data *d, size_t rd, size_t base,
                        const ce_report_filter *f)
{
	sv_round_stats a, b;
	int rc = ce__sv_round_stats(db, d, base, f, &a);
	if (rc != CE_OK)
		return rc;
	if ((rc = ce__sv_round_stats(db, d, rd, f, &b)) != CE_OK) {
		ce__sv_round_stats_free(&a);
		return rc;
	}
	/* the groups of either round, in group order */
	const char **names = calloc(a.groups.n + b.groups.n + 1, sizeof *names);
	sv_groups all;
	if (!names) {
		rc = ce__an_nomem(db);
	} else {
		for (size_t g = 0; g < a.groups.n; g++)
			names[g] = a.groups.name[g];
		for (size_t g = 0; g < b.groups.n; g++)
			names[a.groups.n + g] = b.groups.name[g];
		rc = ce__sv_groups(db, &all, names, a.groups.n + b.groups.n, 0);
	}
	free(names);
	/* the same instrument: the same numeric items in the same order */
	for (size_t j = 0; rc == CE_OK && j < b.nitems; j++) {
		size_t it = b.items[j];
		for (size_t g = 0; g < all.n; g++) {
			size_t ga = ce__sv_group_find(&a.groups, all.name[g]);
			size_t gb = ce__sv_group_find(&b.groups, all.name[g]);
			bool hide_a = ga < a.groups.n && a.groups.suppressed[ga];
			bool hide_b = gb < b.groups.n && b.groups.suppressed[gb];
			const sv_stat *sa = ga < a.groups.n ? &a.stat[j * a.groups.n + ga] : NULL;
			const sv_stat *sb = gb < b.groups.n ? &b.stat[j * b.groups.n + gb] : NULL;
			ce__an_row(o);
			ce__an_int(o, 0, d->rounds.ids[rd]);
			ce__an_int(o, 1, d->rounds.ids[base]);
			ce__an_int(o, 2, d->items.ids[it]);
			ce__an_text(o, 3, an_s(&d->items, it, SV_IT_CODE));
			ce__an_text(o, 4, an_s(&d->items, it, SV_IT_SECTION));
			ce__an_text(o, 5, all.name[g]);
			if (!hide_a) {
				ce__an_int(o, 6, sa ? sa->n : 0);
				if (sa && sa->n)
					ce__an_real(o, 7, sa->mean);
			}
			if (!hide_b) {
				ce__an_int(o, 8, sb ? sb->n : 0);
				if (sb && sb->n)
					ce__an_real(o, 9, sb->mean);
			}
			if (!hide_a && !hide_b && sa && sb && sa->n && sb->n)
				ce__an_real(o, 10, sb->mean - sa->mean);
			ce__an_int(o, 11, hide_a || hide_b);
		}
	}
	if (rc == CE_OK)
		ce__sv_groups_free(&all);
	ce__sv_round_stats_free(&a);
	ce__sv_round_stats_free(&b);
	return rc;
}

int ce__an_survey_comparison(ce_table **out, ce_db *db, const ce_report_filter *f)
{
	static const an_col cols[] = {
		{ "round", CE_TYPE_INT },        { "baseline", CE_TYPE_INT },     { "item", CE_TYPE_INT },
		{ "item_code", CE_TYPE_TEXT },   { "section", CE_TYPE_TEXT },     { "group", CE_TYPE_TEXT },
		{ "baseline_n", CE_TYPE_INT },   { "baseline_mean", CE_TYPE_REAL }, { "n", CE_TYPE_INT },
		{ "mean", CE_TYPE_REAL },        { "change", CE_TYPE_REAL },      { "suppressed", CE_TYPE_BOOL },
	};
	sv_data d;
	an_out o;
	int rc = ce__sv_begin(&d, db, f, "survey_comparison", 0);
	if (rc != CE_OK)
		return rc;
	ptrdiff_t rd = f->round ? ce__an_find(&d.rounds, f->round) : -1;
	ptrdiff_t base = f->baseline ? ce__an_find(&d.rounds, f->baseline) : -1;
	if (rd >= 0 && base < 0 && (base = (ptrdiff_t)ce__sv_previous(&d, (size_t)rd)) ==
	                                      (ptrdiff_t)d.rounds.n)
		rc = ce__fail(db, CE_EINVALID, "survey_comparison: round %lld (%s) has no earlier round "
		              "of its instrument to compare with (give filter.baseline)",
		              (long long)f->round, an_s(&d.rounds, (size_t)rd, SV_RD_TITLE));
	else if (rd >= 0 && !f->baseline)
		rc = ce__sv_check_grouping(db, &d, (size_t)base, f, "survey_comparison");
	else if (rd >= 0 && base == rd)
		rc = ce__fail(db, CE_EINVALID, "survey_comparison: filter.baseline: round %lld compared "
		              "with itself", (long long)f->round);
	else if (rd >= 0 && an_i(&d.rounds, (size_t)rd, SV_RD_INSTRUMENT) !=
	                        an_i(&d.rounds, (size_t)base, SV_RD_INSTRUMENT))
		rc = ce__fail(db, CE_EINVALID, "survey_comparison: rounds %lld (%s) and %lld (%s) run "
		              "different instruments (a new version is another instrument)",
		              (long long)f->round, an_s(&d.rounds, (size_t)rd, SV_RD_TITLE),
		              (long long)d.rounds.ids[base], an_s(&d.rounds, (size_t)base, SV_RD_TITLE));
	/* the backend's aggregates of the two rounds, or of every round */
	if (rc == CE_OK && d.rounds.n)
		rc = ce__sv_aggregate(&d, db, f, CE_SURVEY_AGG_MEANS, rd >= 0 ? d.rounds.ids[base] : 0,
		                      SV_NEED_ANSWERS);
	if (rc == CE_OK)
		rc = ce__an_out_new(&o, db, "survey_comparison", cols, (int)CE_ARRAY_LEN(cols));
	if (rc != CE_OK) {
		ce__sv_free(&d);
		return rc;
	}
	if (rd >= 0) {
		rc = compare_pair(&o, db, &d, (size_t)rd, (size_t)base, f);
	} else {
		for (size_t i = 0; rc == CE_OK && i < d.rounds.n; i++) {
			size_t p = ce__sv_previous(&d, i);
			if (p < d.rounds.n)
				rc = compare_pair(&o, db, &d, i, p, f);
		}
	}
	ce__sv_free(&d);
	if (rc != CE_OK) {
		ce_table_free(o.t);
		return rc;
	}
	return ce__an_out_finish(&o, out);
}
