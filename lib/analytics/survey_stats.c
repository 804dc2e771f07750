/* survey_item_stats and survey_comparison: per Likert and number item (and
 * group) of a round, n, mean, median, standard deviation and the count of
 * each Likert value; two rounds of one instrument side by side. */
#include <math.h>
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

static void stat_of(sv_stat *s, bucket *b, bool likert)
{
	memset(s, 0, sizeof *s);
	s->n = (int64_t)b->n;
	if (!b->n)
		return;
	double sum = 0;
	for (size_t i = 0; i < b->n; i++) {
		sum += b->v[i];
		int v = (int)b->v[i];
		if (likert && v >= 1 && v <= 7)
			s->counts[v - 1]++;
	}
	s->mean = sum / (double)b->n;
	double ss = 0;
	for (size_t i = 0; i < b->n; i++)
		ss += (b->v[i] - s->mean) * (b->v[i] - s->mean);
	s->sd = b->n > 1 ? sqrt(ss / (double)(b->n - 1)) : NAN;
	s->median = ce__an_median(b->v, b->n);
}

void ce__sv_round_stats_free(sv_round_stats *s)
{
	ce__sv_groups_free(&s->groups);
	free(s->items);
	free(s->stat);
	memset(s, 0, sizeof *s);
}

int ce__sv_round_stats(ce_db *db, const sv_data *d, size_t rd, const ce_report_filter *f,
                       sv_round_stats *out)
{
	size_t rlo, rhi, ilo, ihi;
	idx *map = NULL;
	bucket *bk = NULL;
	memset(out, 0, sizeof *out);
	int rc = ce__sv_round_groups(db, d, rd, f, &out->groups, &rlo, &rhi);
	if (rc != CE_OK)
		return rc;
	ce__sv_items_of(d, an_i(&d->rounds, rd, SV_RD_INSTRUMENT), &ilo, &ihi);
	size_t ng = out->groups.n;
	out->items = malloc((ihi - ilo + 1) * sizeof *out->items);
	map = malloc((ihi - ilo + 1) * sizeof *map);
	if (!out->items || !map)
		goto nomem;
	for (size_t p = ilo; p < ihi; p++)
		if (numeric(ce__sv_item_kind(d, d->item[p]))) {
			map[out->nitems] = (idx){ d->items.ids[d->item[p]], out->nitems };
			out->items[out->nitems++] = d->item[p];
		}
	ce__an_sort(map, out->nitems, sizeof *map, cmp_idx);
	bk = calloc(out->nitems * ng + 1, sizeof *bk);
	out->stat = calloc(out->nitems * ng + 1, sizeof *out->stat);
	if (!bk || !out->stat)
		goto nomem;
	for (size_t p = rlo; rc == CE_OK && p < rhi; p++) {
		size_t g = out->groups.of[p - rlo], alo, ahi;
		ce__sv_answers_of(d, d->responses.ids[d->resp[p]], &alo, &ahi);
		for (size_t a = alo; rc == CE_OK && a < ahi; a++) {
			size_t ar = d->ans[a];
			idx key = { an_i(&d->answers, ar, SV_AN_ITEM), 0 };
			idx *hit = out->nitems ? bsearch(&key, map, out->nitems, sizeof *map, cmp_idx) : NULL;
			if (!hit || an_isnull(&d->answers, ar, SV_AN_NUMBER))
				continue;
			bucket *b = &bk[hit->local * ng + g];
			rc = ce__an_push(db, &b->v, &b->n, &b->cap, an_r(&d->answers, ar, SV_AN_NUMBER));
		}
	}
	for (size_t j = 0; j < out->nitems; j++)
		for (size_t g = 0; g < ng; g++) {
			sv_kind k = ce__sv_item_kind(d, out->items[j]);
			stat_of(&out->stat[j * ng + g], &bk[j * ng + g], k != SV_NUMBER);
		}
	for (size_t i = 0; i < out->nitems * ng; i++)
		free(bk[i].v);
	free(bk);
	free(map);
	if (rc != CE_OK)
		ce__sv_round_stats_free(out);
	return rc;
nomem:
	free(map);
	free(bk);
	ce__sv_round_stats_free(out);
	return ce__an_nomem(db);
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
