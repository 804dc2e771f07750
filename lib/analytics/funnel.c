/* outcome_funnel: from filed patents to granted ones and products, papers
 * by status, and the entrepreneurship projects spun out of graduate work. */
#include <stdlib.h>
#include <string.h>

#include "analytics_internal.h"

enum { O_KIND = AN_OUTCOME_KIND, O_STATUS = AN_OUTCOME_STATUS };

typedef an_outcomes funnel_data;

static int load_history(ce_db *db, funnel_data *d)
{
	an_rows h;
	int rc = AN_LOAD(&h, db, CE_TABLE_OUTCOME_STATUS_HISTORY, "record", "to_state", "on_date");
	if (rc != CE_OK)
		return rc;
	for (size_t i = 0; i < h.n; i++) {
		ptrdiff_t o = ce__an_find(&d->outcomes, an_i(&h, i, 0));
		if (o < 0)
			continue;
		ce_date on = (ce_date)an_i(&h, i, 2);
		if (!d->filed_on[o]) /* ids grow, so the first entry comes first */
			d->filed_on[o] = on;
		if (an_i(&h, i, 1) == CE_OUTCOME_STATUS_GRANTED)
			d->granted_on[o] = on;
	}
	ce__an_rows_free(&h);
	return CE_OK;
}

/* Marks in[] for outcomes with an attribution the project/partner filter
 * accepts. */
static int filter_attributions(ce_db *db, const ce_report_filter *f, funnel_data *d,
                               bool *proj_ok, bool *partner_ok)
{
	an_rows attr = { 0 }, sub = { 0 };
	an_ids partner_projects = { 0 }, projects = { 0 };
	int rc = AN_LOAD(&attr, db, CE_ENTITY_OUTCOME_ATTRIBUTION, "outcome", "subtopic", "project",
	                 "partner");
	if (rc == CE_OK)
		rc = AN_LOAD(&sub, db, CE_ENTITY_SUBTOPIC, "project");
	if (rc == CE_OK)
		rc = ce__an_project_set(&projects, db, f);
	if (rc == CE_OK && f->partner)
		rc = ce__an_ids_of(&partner_projects, db, CE_ENTITY_PROJECT_PARTNER, "project", "partner",
		                   f->partner);
	for (size_t i = 0; rc == CE_OK && i < attr.n; i++) {
		ptrdiff_t o = ce__an_find(&d->outcomes, an_i(&attr, i, 0));
		if (o < 0)
			continue;
		int64_t project = an_i(&attr, i, 2);
		if (!an_isnull(&attr, i, 1)) {
			ptrdiff_t s = ce__an_find(&sub, an_i(&attr, i, 1));
			project = s >= 0 ? an_i(&sub, (size_t)s, 0) : 0;
		}
		if (f->project && project && ce__an_ids_has(&projects, project))
			proj_ok[o] = true;
		if (f->partner && ((project && ce__an_ids_has(&partner_projects, project)) ||
		                   an_i(&attr, i, 3) == f->partner))
			partner_ok[o] = true;
	}
	ce__an_rows_free(&attr);
	ce__an_rows_free(&sub);
	ce__an_ids_free(&partner_projects);
	ce__an_ids_free(&projects);
	return rc;
}

/* Whether a student (row s of st: cohort, level) is one the filter's
 * people members (cohort, level, student) pick. */
static bool picked(const ce_report_filter *f, const an_rows *st, size_t s)
{
	int64_t level = an_i(st, s, 1);
	if (f->cohort && an_i(st, s, 0) != f->cohort)
		return false;
	if (f->student && st->ids[s] != f->student)
		return false;
	if (f->level == CE_REPORT_LEVEL_UNDERGRADUATE)
		return level == CE_STUDENT_LEVEL_UNDERGRADUATE;
	if (f->level == CE_REPORT_LEVEL_GRADUATE)
		return level && level != CE_STUDENT_LEVEL_UNDERGRADUATE;
	return true;
}

/* people[o]: the student contributors of outcome o the filter picks (all
 * of them without a people member). */
static int count_people(ce_db *db, const ce_report_filter *f, funnel_data *d, int64_t *people)
{
	an_rows st, contrib;
	int rc = AN_LOAD(&st, db, CE_ENTITY_STUDENT, "cohort", "level");
	if (rc != CE_OK)
		return rc;
	if ((rc = AN_LOAD(&contrib, db, CE_ENTITY_OUTCOME_CONTRIBUTOR, "outcome", "student")) == CE_OK) {
		for (size_t i = 0; i < contrib.n; i++) {
			ptrdiff_t o = ce__an_find(&d->outcomes, an_i(&contrib, i, 0));
			ptrdiff_t s = an_isnull(&contrib, i, 1) ? -1 : ce__an_find(&st, an_i(&contrib, i, 1));
			if (o >= 0 && s >= 0 && picked(f, &st, (size_t)s))
				people[o]++;
		}
		ce__an_rows_free(&contrib);
	}
	ce__an_rows_free(&st);
	return rc;
}

static int apply_filter(ce_db *db, const ce_report_filter *f, funnel_data *d)
{
	size_t n = d->outcomes.n;
	bool by_people = f->cohort || f->level || f->student;
	bool *proj_ok = calloc(n + 1, sizeof *proj_ok), *partner_ok = calloc(n + 1, sizeof *partner_ok);
	int64_t *people = calloc(n + 1, sizeof *people);
	int rc = proj_ok && partner_ok && people ? CE_OK : ce__an_nomem(db);
	if (rc == CE_OK && (f->project || f->partner))
		rc = filter_attributions(db, f, d, proj_ok, partner_ok);
	if (rc == CE_OK && (by_people || f->person_times))
		rc = count_people(db, f, d, people);
	for (size_t i = 0; rc == CE_OK && i < n; i++) {
		d->in[i] = ce__an_in_period(f, d->filed_on[i]) && (!f->project || proj_ok[i]) &&
		           (!f->partner || partner_ok[i]) && (!by_people || people[i] > 0);
		d->weight[i] = f->person_times ? people[i] : 1;
	}
	free(proj_ok);
	free(partner_ok);
	free(people);
	return rc;
}

enum {
	C_FILED, C_GRANTED, C_REJECTED, C_PENDING, C_PRODUCTISED, C_GRANT_RATE, C_MEDIAN_DAYS,
	C_UM_FILED, C_UM_GRANTED, C_PAPERS_SUBMITTED, C_PAPERS_ACCEPTED, C_PAPERS_PUBLISHED,
	C_PAPERS_REJECTED, C_SPINOFF_PROJECTS, C_SPINOFF_OUTPUTS, C_NCOLS
};

static const an_col columns[C_NCOLS] = {
	{ "patents_filed", CE_TYPE_INT },          { "patents_granted", CE_TYPE_INT },
	{ "patents_rejected", CE_TYPE_INT },       { "patents_pending", CE_TYPE_INT },
	{ "patents_productised", CE_TYPE_INT },    { "grant_rate", CE_TYPE_REAL },
	{ "median_days_to_grant", CE_TYPE_REAL },  { "utility_models_filed", CE_TYPE_INT },
	{ "utility_models_granted", CE_TYPE_INT }, { "papers_submitted", CE_TYPE_INT },
	{ "papers_accepted", CE_TYPE_INT },        { "papers_published", CE_TYPE_INT },
	{ "papers_rejected", CE_TYPE_INT },        { "spinoff_projects", CE_TYPE_INT },
	{ "spinoff_outputs", CE_TYPE_INT },
};

static int count(ce_db *db, funnel_data *d, int64_t *c, double *median, bool *has_median)
{
	an_rows *o = &d->outcomes, deriv;
	size_t n = o->n;
	int rc = AN_LOAD(&deriv, db, CE_ENTITY_OUTCOME_DERIVATION, "outcome", "from_subtopic",
	                 "from_outcome");
	if (rc != CE_OK)
		return rc;
	/* productised[]: a product derives from it; spinoff[]: an
	 * entrepreneurship project that grew out of a subtopic or outcome. */
	bool *productised = calloc(n + 1, sizeof *productised), *spinoff = calloc(n + 1, sizeof *spinoff);
	bool *output = calloc(n + 1, sizeof *output);
	double *days = calloc(n + 1, sizeof *days);
	size_t ndays = 0;
	if (!productised || !spinoff || !output || !days)
		rc = ce__an_nomem(db);
	for (size_t i = 0; rc == CE_OK && i < deriv.n; i++) {
		ptrdiff_t to = ce__an_find(o, an_i(&deriv, i, 0));
		ptrdiff_t from = an_isnull(&deriv, i, 2) ? -1 : ce__an_find(o, an_i(&deriv, i, 2));
		if (to < 0)
			continue;
		if (from >= 0 && an_i(o, (size_t)to, O_KIND) == CE_OUTCOME_PRODUCT)
			productised[from] = true;
		if (an_i(o, (size_t)to, O_KIND) == CE_OUTCOME_ENTREPRENEURSHIP_PROJECT)
			spinoff[to] = true;
	}
	for (size_t i = 0; rc == CE_OK && i < deriv.n; i++) {
		ptrdiff_t to = ce__an_find(o, an_i(&deriv, i, 0));
		ptrdiff_t from = an_isnull(&deriv, i, 2) ? -1 : ce__an_find(o, an_i(&deriv, i, 2));
		if (to >= 0 && from >= 0 && spinoff[from] && d->in[from])
			output[to] = true;
	}
	for (size_t i = 0; rc == CE_OK && i < n; i++) {
		int64_t kind = an_i(o, i, O_KIND), status = an_i(o, i, O_STATUS), w = d->weight[i];
		c[C_SPINOFF_OUTPUTS] += output[i];
		if (!d->in[i])
			continue;
		if (kind == CE_OUTCOME_INVENTION_PATENT) {
			c[C_FILED] += w;
			if (status == CE_OUTCOME_STATUS_GRANTED) {
				c[C_GRANTED] += w;
				c[C_PRODUCTISED] += productised[i] ? w : 0;
				if (d->granted_on[i] && d->filed_on[i])
					days[ndays++] = (double)(ce__date_days(d->granted_on[i]) -
					                         ce__date_days(d->filed_on[i]));
			}
			c[C_REJECTED] += status == CE_OUTCOME_STATUS_REJECTED ? w : 0;
			c[C_PENDING] += status == CE_OUTCOME_STATUS_FILED ||
			                status == CE_OUTCOME_STATUS_PUBLISHED ? w : 0;
		} else if (kind == CE_OUTCOME_UTILITY_MODEL_PATENT) {
			c[C_UM_FILED] += w;
			c[C_UM_GRANTED] += status == CE_OUTCOME_STATUS_GRANTED ? w : 0;
		} else if (kind == CE_OUTCOME_PAPER) {
			c[C_PAPERS_SUBMITTED] += status == CE_OUTCOME_STATUS_SUBMITTED ? w : 0;
			c[C_PAPERS_ACCEPTED] += status == CE_OUTCOME_STATUS_ACCEPTED ? w : 0;
			c[C_PAPERS_PUBLISHED] += status == CE_OUTCOME_STATUS_PUBLISHED ? w : 0;
			c[C_PAPERS_REJECTED] += status == CE_OUTCOME_STATUS_REJECTED ? w : 0;
		} else if (kind == CE_OUTCOME_ENTREPRENEURSHIP_PROJECT) {
			c[C_SPINOFF_PROJECTS] += spinoff[i];
		}
	}
	if (rc == CE_OK && ndays) {
		*median = ce__an_median(days, ndays);
		*has_median = true;
	}
	free(productised);
	free(spinoff);
	free(output);
	free(days);
	ce__an_rows_free(&deriv);
	return rc;
}

int ce__an_outcomes_load(an_outcomes *d, ce_db *db, const ce_report_filter *f)
{
	memset(d, 0, sizeof *d);
	int rc = AN_LOAD(&d->outcomes, db, CE_ENTITY_OUTCOME, "kind", "status", "title");
	if (rc != CE_OK)
		return rc;
	size_t n = d->outcomes.n + 1;
	d->filed_on = calloc(n, sizeof *d->filed_on);
	d->granted_on = calloc(n, sizeof *d->granted_on);
	d->in = calloc(n, sizeof *d->in);
	d->weight = calloc(n, sizeof *d->weight);
	if (!d->filed_on || !d->granted_on || !d->in || !d->weight)
		rc = ce__an_nomem(db);
	if (rc == CE_OK)
		rc = load_history(db, d);
	if (rc == CE_OK)
		rc = apply_filter(db, f, d);
	if (rc != CE_OK)
		ce__an_outcomes_free(d);
	return rc;
}

void ce__an_outcomes_free(an_outcomes *d)
{
	free(d->filed_on);
	free(d->granted_on);
	free(d->in);
	free(d->weight);
	ce__an_rows_free(&d->outcomes);
	memset(d, 0, sizeof *d);
}

int ce__an_outcome_funnel(ce_table **out, ce_db *db, const ce_report_filter *f)
{
	funnel_data d;
	int64_t c[C_NCOLS] = { 0 };
	double median = 0;
	bool has_median = false;
	int rc = ce__an_outcomes_load(&d, db, f);
	if (rc != CE_OK)
		return rc;
	rc = count(db, &d, c, &median, &has_median);
	ce__an_outcomes_free(&d);
	if (rc != CE_OK)
		return rc;

	an_out o;
	if ((rc = ce__an_out_new(&o, db, "outcome_funnel", columns, C_NCOLS)) != CE_OK)
		return rc;
	ce__an_row(&o);
	for (int k = 0; k < C_NCOLS; k++)
		if (columns[k].type == CE_TYPE_INT)
			ce__an_int(&o, k, c[k]);
	ce__an_ratio(&o, C_GRANT_RATE, (double)c[C_GRANTED], (double)c[C_FILED]);
	if (has_median)
		ce__an_real(&o, C_MEDIAN_DAYS, median);
	return ce__an_out_finish(&o, out);
}
