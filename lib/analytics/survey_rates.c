/* survey_response_rate: responses over the population per round (and
 * group); ce_survey_round_table(): a round's responses, one row each and
 * one column per item. */
#include <stdlib.h>
#include <string.h>

#include "survey_internal.h"

/* The population of round row rd: who, and the rows of that table (into
 * *rows, malloc'd; *n of them). SV_NOBODY when the instrument's audience
 * is unknown (hidden). */
static int population(ce_db *db, const sv_data *d, size_t rd, sv_who *who, size_t **rows,
                      size_t *n)
{
	ptrdiff_t in = ce__an_find(&d->instruments, an_i(&d->rounds, rd, SV_RD_INSTRUMENT));
	const char *aud = in >= 0 ? ce__an_token(&d->instruments, (size_t)in, SV_IN_AUDIENCE) : NULL;
	const an_rows *t = NULL;
	*who = SV_NOBODY;
	*n = 0;
	if (aud && strcmp(aud, "student") == 0)
		*who = SV_STUDENT, t = &d->students;
	else if (aud && (strcmp(aud, "academic_supervisor") == 0 || strcmp(aud, "enterprise_mentor") == 0))
		*who = SV_SUPERVISOR, t = &d->supervisors;
	else if (aud && strcmp(aud, "partner") == 0)
		*who = SV_PARTNER, t = &d->partners;
	if (!(*rows = malloc(((t ? t->n : 0) + 1) * sizeof **rows)))
		return ce__an_nomem(db);
	const char *level = ce__an_token(&d->rounds, rd, SV_RD_LEVEL);
	int64_t cohort = an_i(&d->rounds, rd, SV_RD_COHORT);
	int64_t kind = aud && strcmp(aud, "academic_supervisor") == 0 ? CE_SUPERVISOR_ACADEMIC
	                                                               : CE_SUPERVISOR_ENTERPRISE;
	for (size_t i = 0; t && i < t->n; i++) {
		bool in_pop;
		if (*who == SV_STUDENT) {
			bool under = an_i(t, i, 1) == CE_STUDENT_LEVEL_UNDERGRADUATE;
			in_pop = (!cohort || an_i(t, i, 0) == cohort) &&
			         (!level || strcmp(level, under ? "undergraduate" : "graduate") == 0);
		} else if (*who == SV_SUPERVISOR) {
			in_pop = an_i(t, i, 0) == kind;
		} else {
			in_pop = an_i(t, i, 1) != CE_PARTNER_UNIVERSITY;
		}
		if (in_pop)
			(*rows)[(*n)++] = i;
	}
	return CE_OK;
}

/* Writes round row rd's rows from its groups (counted and suppressed) and
 * each group's population (popn; unknown when the round has invited). */
static void rate_rows(an_out *o, const sv_data *d, size_t rd, const ce_report_filter *f,
                      const sv_groups *gs, const int64_t *popn)
{
	bool invited = an_i(&d->rounds, rd, SV_RD_INVITED) > 0;
	for (size_t g = 0; g < gs->n; g++) {
		/* invited is the whole round's: per group, unknown */
		bool known = invited ? !f->group_by : true;
		int64_t p = invited ? an_i(&d->rounds, rd, SV_RD_INVITED) : popn[g];
		ce__an_row(o);
		ce__an_int(o, 0, d->rounds.ids[rd]);
		ce__an_text(o, 1, an_s(&d->rounds, rd, SV_RD_TITLE));
		ce__an_text(o, 2, gs->name[g]);
		if (known)
			ce__an_int(o, 3, p);
		ce__an_int(o, 6, gs->suppressed[g]);
		if (gs->suppressed[g])
			continue;
		ce__an_int(o, 4, gs->count[g]);
		if (known)
			ce__an_ratio(o, 5, (double)gs->count[g], (double)p);
	}
}

/* The groups and populations of round row rd from the backend's
 * aggregate: (group, responses, population) rows, summed per group. */
static int rate_round_agg(an_out *o, ce_db *db, const sv_data *d, size_t rd,
                          const ce_report_filter *f)
{
	size_t lo, hi;
	sv_groups gs;
	ce__sv_agg_rows(d, d->rounds.ids[rd], &lo, &hi);
	const char **names = calloc(hi - lo + 1, sizeof *names);
	int64_t *counts = calloc(hi - lo + 1, sizeof *counts), *pops = calloc(hi - lo + 1, sizeof *pops);
	int64_t *popn = NULL;
	int rc = names && counts && pops ? CE_OK : ce__an_nomem(db);
	for (size_t p = lo; rc == CE_OK && p < hi; p++) {
		size_t r = d->agg_ord[p];
		names[p - lo] = ce_table_get_text(d->agg, r, 1);
		if ((rc = ce_table_get_int(&counts[p - lo], d->agg, r, 2)) == CE_OK)
			rc = ce_table_get_int(&pops[p - lo], d->agg, r, 3);
		if (rc != CE_OK)
			rc = ce__fail(db, rc, "survey_response_rate: the backend's aggregates: %s",
			              ce_last_errmsg());
	}
	/* ungrouped: the one (NULL) group, there with no one at all */
	size_t n = hi - lo + (f->group_by ? 0 : 1);
	if (rc == CE_OK && (rc = ce__sv_groups_counted(db, &gs, names, counts, n)) == CE_OK) {
		if (!(popn = calloc(gs.n + 1, sizeof *popn))) {
			rc = ce__an_nomem(db);
		} else {
			ce__sv_suppress(&gs, ce__sv_anonymous(d, rd), sv_k(f));
			for (size_t i = 0; i < n; i++)
				popn[gs.of[i]] += pops[i];
			rate_rows(o, d, rd, f, &gs, popn);
		}
		ce__sv_groups_free(&gs);
	}
	free(popn);
	free(names);
	free(counts);
	free(pops);
	return rc;
}

static int rate_round(an_out *o, ce_db *db, const sv_data *d, size_t rd, const ce_report_filter *f)
{
	size_t rlo, rhi, *pop = NULL, npop = 0;
	sv_who who;
	sv_groups gs;
	if (d->agg)
		return rate_round_agg(o, db, d, rd, f);
	bool invited = an_i(&d->rounds, rd, SV_RD_INVITED) > 0;
	int rc = population(db, d, rd, &who, &pop, &npop);
	ce__sv_responses_of(d, d->rounds.ids[rd], &rlo, &rhi);
	size_t nresp = rhi - rlo, nall = nresp + (invited ? 0 : npop) + 1;
	const char **names = calloc(nall, sizeof *names);
	char (*bufs)[24] = malloc(nall * sizeof *bufs);
	int64_t *popn = NULL;
	if (rc == CE_OK && (!names || !bufs))
		rc = ce__an_nomem(db);
	for (size_t i = 0; rc == CE_OK && i < nresp; i++)
		names[i] = ce__sv_response_group(d, d->resp[rlo + i], rd, f->group_by, bufs[i]);
	for (size_t i = 0; rc == CE_OK && !invited && i < npop; i++)
		names[nresp + i] = f->group_by ? ce__sv_person_group(d, who, pop[i], f->group_by, rd,
		                                                     bufs[nresp + i])
		                               : NULL;
	/* the last member (NULL) keeps the ungrouped row there with no one at all */
	if (rc == CE_OK)
		rc = ce__sv_groups(db, &gs, names, f->group_by ? nall - 1 : nall, nresp);
	if (rc == CE_OK && !(popn = calloc(gs.n + 1, sizeof *popn))) {
		ce__sv_groups_free(&gs);
		rc = ce__an_nomem(db);
	}
	if (rc == CE_OK) {
		ce__sv_suppress(&gs, ce__sv_anonymous(d, rd), sv_k(f));
		for (size_t i = 0; !invited && i < npop; i++)
			popn[gs.of[nresp + i]]++;
		rate_rows(o, d, rd, f, &gs, popn);
		ce__sv_groups_free(&gs);
	}
	free(popn);
	free(names);
	free(bufs);
	free(pop);
	return rc;
}

int ce__an_survey_response_rate(ce_table **out, ce_db *db, const ce_report_filter *f)
{
	static const an_col cols[] = {
		{ "round", CE_TYPE_INT },       { "round_title", CE_TYPE_TEXT }, { "group", CE_TYPE_TEXT },
		{ "population", CE_TYPE_INT },  { "responses", CE_TYPE_INT },    { "response_rate", CE_TYPE_REAL },
		{ "suppressed", CE_TYPE_BOOL },
	};
	sv_data d;
	an_out o;
	int rc = ce__sv_begin(&d, db, f, "survey_response_rate", 0);
	if (rc != CE_OK)
		return rc;
	/* the population's records only when the core counts it */
	if (d.rounds.n && (rc = ce__sv_aggregate(&d, db, f, CE_SURVEY_AGG_POPULATION, 0,
	                                         SV_NEED_RESPONSES | SV_NEED_PEOPLE |
	                                             SV_NEED_INSTRUMENTS)) != CE_OK) {
		ce__sv_free(&d);
		return rc;
	}
	if ((rc = ce__an_out_new(&o, db, "survey_response_rate", cols, (int)CE_ARRAY_LEN(cols))) != CE_OK) {
		ce__sv_free(&d);
		return rc;
	}
	for (size_t rd = 0; rc == CE_OK && rd < d.rounds.n; rd++)
		if (ce__sv_round_in(&d, rd, f))
			rc = rate_round(&o, db, &d, rd, f);
	ce__sv_free(&d);
	if (rc != CE_OK) {
		ce_table_free(o.t);
		return rc;
	}
	return ce__an_out_finish(&o, out);
}

/* ---- the round's responses as a table ------------------------------------------------ */

enum { FIXED = 9 };

static int round_table(ce_table **out, ce_db *db, const sv_data *d, size_t rd)
{
	static const char *const fixed[FIXED] = { "response", "submitted_on", "student", "supervisor",
		                                      "partner", "cohort", "level", "supervisor_kind",
		                                      "attr_partner" };
	static const ce_column_type ftypes[FIXED] = { CE_TYPE_INT, CE_TYPE_DATE, CE_TYPE_INT,
		                                          CE_TYPE_INT, CE_TYPE_INT, CE_TYPE_INT,
		                                          CE_TYPE_TEXT, CE_TYPE_TEXT, CE_TYPE_INT };
	size_t ilo, ihi, rlo, rhi;
	ce__sv_items_of(d, an_i(&d->rounds, rd, SV_RD_INSTRUMENT), &ilo, &ihi);
	ce__sv_responses_of(d, d->rounds.ids[rd], &rlo, &rhi);
	size_t ncol = FIXED + (ihi - ilo);
	const char **names = malloc(ncol * sizeof *names);
	ce_column_type *types = malloc(ncol * sizeof *types);
	ce_table *t = NULL;
	int rc = CE_OK;
	if (!names || !types) {
		rc = ce__an_nomem(db);
		goto done;
	}
	for (size_t c = 0; c < FIXED; c++)
		names[c] = fixed[c], types[c] = ftypes[c];
	for (size_t p = ilo; p < ihi; p++) {
		sv_kind k = ce__sv_item_kind(d, d->item[p]);
		names[FIXED + p - ilo] = an_s(&d->items, d->item[p], SV_IT_CODE);
		types[FIXED + p - ilo] = k == SV_LIKERT5 || k == SV_LIKERT7 ? CE_TYPE_INT
		                         : k == SV_NUMBER                   ? CE_TYPE_REAL
		                                                            : CE_TYPE_TEXT;
	}
	if ((rc = ce_table_new(&t, "survey_round", (int)ncol, names, types)) != CE_OK) {
		rc = ce__fail(db, rc, "survey_round_table: %s", ce_last_errmsg());
		goto done;
	}
	for (size_t p = rlo; rc == CE_OK && p < rhi; p++) {
		size_t rs = d->resp[p], row, alo, ahi;
		const an_rows *r = &d->responses;
		char buf[24];
		if ((rc = ce_table_append_row(&row, t)) != CE_OK)
			break;
		rc = ce_table_set_int(t, row, 0, r->ids[rs]);
		if (rc == CE_OK)
			rc = ce_table_set_int(t, row, 1, an_i(r, rs, SV_RS_SUBMITTED_ON));
		for (int c = 0; rc == CE_OK && c < 3; c++)
			if (!an_isnull(r, rs, SV_RS_STUDENT + c))
				rc = ce_table_set_int(t, row, 2 + c, an_i(r, rs, SV_RS_STUDENT + c));
		/* the attributes as grouping reads them */
		const char *cohort = ce__sv_response_group(d, rs, rd, CE_REPORT_GROUP_COHORT, buf);
		if (rc == CE_OK && cohort)
			rc = ce_table_set_int(t, row, 5, strtoll(cohort, NULL, 10));
		const char *level = ce__sv_response_group(d, rs, rd, CE_REPORT_GROUP_LEVEL, buf);
		if (rc == CE_OK && level)
			rc = ce_table_set_text(t, row, 6, level);
		const char *kind = ce__sv_response_group(d, rs, rd, CE_REPORT_GROUP_SUPERVISOR_KIND, buf);
		if (rc == CE_OK && kind)
			rc = ce_table_set_text(t, row, 7, kind);
		int64_t partner = ce__sv_response_partner(d, rs, rd);
		if (rc == CE_OK && partner)
			rc = ce_table_set_int(t, row, 8, partner);
		ce__sv_answers_of(d, r->ids[rs], &alo, &ahi);
		for (size_t a = alo; rc == CE_OK && a < ahi; a++) {
			size_t ar = d->ans[a], col = ncol;
			int64_t item = an_i(&d->answers, ar, SV_AN_ITEM);
			for (size_t q = ilo; q < ihi; q++)
				if (d->items.ids[d->item[q]] == item)
					col = FIXED + q - ilo;
			if (col == ncol)
				continue;
			sv_kind k = ce__sv_item_kind(d, d->item[col - FIXED + ilo]);
			if (k == SV_LIKERT5 || k == SV_LIKERT7 || k == SV_NUMBER) {
				if (an_isnull(&d->answers, ar, SV_AN_NUMBER))
					continue;
				double v = an_r(&d->answers, ar, SV_AN_NUMBER);
				rc = k == SV_NUMBER ? ce_table_set_real(t, row, (int)col, v)
				                    : ce_table_set_int(t, row, (int)col, (int64_t)v);
			} else if (k == SV_SINGLE) {
				ptrdiff_t o = an_isnull(&d->answers, ar, SV_AN_OPTION)
				                  ? -1
				                  : ce__an_find(&d->options, an_i(&d->answers, ar, SV_AN_OPTION));
				if (o >= 0)
					rc = ce_table_set_text(t, row, (int)col, an_s(&d->options, (size_t)o, SV_OP_CODE));
			} else {
				const char *s = an_s(&d->answers, ar, k == SV_MULTIPLE ? SV_AN_CHOICES : SV_AN_TEXT);
				if (s)
					rc = ce_table_set_text(t, row, (int)col, s);
			}
		}
	}
	if (rc != CE_OK && rc != ce_db_errcode(db))
		rc = ce__fail(db, rc, "survey_round_table: %s", ce_last_errmsg());
	if (rc == CE_OK) {
		*out = t;
		t = NULL;
	}
done:
	ce_table_free(t);
	free(names);
	free(types);
	return rc;
}

ce_result ce_survey_round_table(ce_table **out, ce_db *db, int64_t round)
{
	sv_data d;
	if (out)
		*out = NULL;
	if (!db)
		return ce__fail(NULL, CE_EINVALID, "survey_round_table: NULL db");
	ce__clear(db);
	if (!out)
		return ce__fail(db, CE_EINVALID, "survey_round_table: NULL out");
	if (round <= 0)
		return ce__fail(db, CE_EINVALID, "survey_round_table: %lld is not a round id",
		                (long long)round);
	int rc = ce__view_begin(db);
	if (rc != CE_OK)
		return rc;
	memset(&d, 0, sizeof d);
	if ((rc = ce__sv_load(&d, db, SV_NEED_PEOPLE | SV_NEED_PLACEMENTS | SV_NEED_ANSWERS |
	                                  SV_NEED_OPTIONS | SV_NEED_INSTRUMENTS)) == CE_OK) {
		ptrdiff_t rd = ce__an_find(&d.rounds, round);
		rc = rd < 0 ? ce__fail(db, CE_ENOTFOUND, "survey_round_table: no survey_round with id %lld",
		                       (long long)round)
		            : round_table(out, db, &d, (size_t)rd);
	}
	ce__sv_free(&d);
	ce__view_end(db);
	return rc;
}
