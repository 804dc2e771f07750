/* spinoffs: each entrepreneurship project spun out of graduate work, with
 * its students and what it produced, by kind: the case study's "one
 * undergraduate entrepreneurship-training project, 7 students, a
 * feasibility report, a business plan, an economic analysis, 2 papers and
 * 2 patent filings" as one row. */
#include <stdlib.h>
#include <string.h>

#include "analytics_internal.h"

enum {
	C_SPINOFF, C_TITLE, C_STATUS, C_STARTED_ON, C_FROM_SUBTOPIC, C_STUDENTS, C_UNDERGRADUATES,
	C_OUTPUTS, C_FEASIBILITY, C_BUSINESS_PLANS, C_ECONOMIC, C_PAPERS, C_PATENTS, C_OTHER, C_NCOLS
};

static const an_col columns[C_NCOLS] = {
	{ "spinoff", CE_TYPE_INT },          { "title", CE_TYPE_TEXT },
	{ "status", CE_TYPE_TEXT },          { "started_on", CE_TYPE_DATE },
	{ "from_subtopic", CE_TYPE_INT },    { "students", CE_TYPE_INT },
	{ "undergraduates", CE_TYPE_INT },   { "outputs", CE_TYPE_INT },
	{ "feasibility_reports", CE_TYPE_INT }, { "business_plans", CE_TYPE_INT },
	{ "economic_analyses", CE_TYPE_INT }, { "papers", CE_TYPE_INT },
	{ "patents", CE_TYPE_INT },          { "other_outputs", CE_TYPE_INT },
};

/* One spin-off being counted. */
typedef struct spin {
	size_t row;            /* in the outcomes */
	int64_t from_subtopic; /* the lowest subtopic it derives from, 0 if none */
	bool derived;          /* derives from a subtopic or an outcome */
	an_ids students;       /* contributors of it and of its outputs */
	int64_t c[C_NCOLS];
} spin;

static int output_column(int64_t kind)
{
	switch (kind) {
	case CE_OUTCOME_FEASIBILITY_REPORT: return C_FEASIBILITY;
	case CE_OUTCOME_BUSINESS_PLAN: return C_BUSINESS_PLANS;
	case CE_OUTCOME_ECONOMIC_ANALYSIS: return C_ECONOMIC;
	case CE_OUTCOME_PAPER: return C_PAPERS;
	case CE_OUTCOME_INVENTION_PATENT:
	case CE_OUTCOME_UTILITY_MODEL_PATENT: return C_PATENTS;
	default: return C_OTHER;
	}
}

/* The entrepreneurship projects in the filter, in id order; spin_of[o]:
 * index + 1 in v of outcome row o, or 0 when o is none of them. */
static int collect(ce_db *db, const an_outcomes *d, const an_rows *deriv, spin **out, size_t *nout,
                   size_t **spin_of)
{
	const an_rows *o = &d->outcomes;
	spin *v = calloc(o->n + 1, sizeof *v);
	size_t *idx = calloc(o->n + 1, sizeof *idx), n = 0;
	if (!v || !idx) {
		free(v);
		free(idx);
		return ce__an_nomem(db);
	}
	for (size_t i = 0; i < o->n; i++)
		if (d->in[i] && an_i(o, i, AN_OUTCOME_KIND) == CE_OUTCOME_ENTREPRENEURSHIP_PROJECT) {
			v[n].row = i;
			idx[i] = ++n;
		}
	/* derivation origins: a spin-off is one that grew out of something */
	for (size_t i = 0; i < deriv->n; i++) {
		ptrdiff_t to = ce__an_find(o, an_i(deriv, i, 0));
		if (to < 0 || !idx[to])
			continue;
		spin *s = &v[idx[to] - 1];
		s->derived = true;
		int64_t st = an_isnull(deriv, i, 1) ? 0 : an_i(deriv, i, 1);
		if (st && (!s->from_subtopic || st < s->from_subtopic))
			s->from_subtopic = st;
	}
	*out = v;
	*nout = n;
	*spin_of = idx;
	return CE_OK;
}

/* A student credited on an outcome (row of the outcomes). */
typedef struct credit {
	size_t outcome;
	int64_t student;
} credit;

static int cmp_credit(const void *a, const void *b)
{
	const credit *x = a, *y = b;
	return (x->outcome > y->outcome) - (x->outcome < y->outcome);
}

/* Adds the students credited on outcome row r to s. */
static int add_students(ce_db *db, spin *s, const credit *cr, size_t ncr, size_t r)
{
	size_t lo = 0, hi = ncr;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (cr[mid].outcome < r)
			lo = mid + 1;
		else
			hi = mid;
	}
	int rc = CE_OK;
	for (; rc == CE_OK && lo < ncr && cr[lo].outcome == r; lo++)
		rc = ce__an_ids_add(db, &s->students, cr[lo].student);
	return rc;
}

static int count(ce_db *db, const an_outcomes *d, const an_rows *deriv, spin *v, size_t nv,
                 const size_t *spin_of)
{
	const an_rows *o = &d->outcomes;
	an_rows contrib = { 0 }, students = { 0 };
	credit *cr = NULL;
	size_t ncr = 0;
	int rc = AN_LOAD(&contrib, db, CE_ENTITY_OUTCOME_CONTRIBUTOR, "outcome", "student");
	if (rc == CE_OK)
		rc = AN_LOAD(&students, db, CE_ENTITY_STUDENT, "level");
	if (rc == CE_OK && !(cr = malloc((contrib.n + 1) * sizeof *cr)))
		rc = ce__an_nomem(db);
	for (size_t i = 0; rc == CE_OK && i < contrib.n; i++) {
		ptrdiff_t oc = ce__an_find(o, an_i(&contrib, i, 0));
		if (oc >= 0 && !an_isnull(&contrib, i, 1))
			cr[ncr++] = (credit){ (size_t)oc, an_i(&contrib, i, 1) };
	}
	if (rc == CE_OK)
		ce__an_sort(cr, ncr, sizeof *cr, cmp_credit);
	for (size_t k = 0; rc == CE_OK && k < nv; k++)
		rc = add_students(db, &v[k], cr, ncr, v[k].row);
	/* the outputs: outcomes deriving directly from a spin-off, any filter */
	for (size_t i = 0; rc == CE_OK && i < deriv->n; i++) {
		ptrdiff_t to = ce__an_find(o, an_i(deriv, i, 0));
		ptrdiff_t from = an_isnull(deriv, i, 2) ? -1 : ce__an_find(o, an_i(deriv, i, 2));
		if (to < 0 || from < 0 || !spin_of[from])
			continue;
		spin *s = &v[spin_of[from] - 1];
		s->c[C_OUTPUTS]++;
		s->c[output_column(an_i(o, (size_t)to, AN_OUTCOME_KIND))]++;
		rc = add_students(db, s, cr, ncr, (size_t)to);
	}
	for (size_t k = 0; rc == CE_OK && k < nv; k++) {
		ce__an_ids_seal(&v[k].students);
		v[k].c[C_STUDENTS] = (int64_t)v[k].students.n;
		for (size_t j = 0; j < v[k].students.n; j++) {
			ptrdiff_t st = ce__an_find(&students, v[k].students.v[j]);
			v[k].c[C_UNDERGRADUATES] +=
				st >= 0 && an_i(&students, (size_t)st, 0) == CE_STUDENT_LEVEL_UNDERGRADUATE;
		}
	}
	free(cr);
	ce__an_rows_free(&contrib);
	ce__an_rows_free(&students);
	return rc;
}

int ce__an_spinoffs(ce_table **out, ce_db *db, const ce_report_filter *f)
{
	an_outcomes d;
	an_rows deriv = { 0 };
	spin *v = NULL;
	size_t nv = 0, *spin_of = NULL;
	int rc = ce__an_outcomes_load(&d, db, f);
	if (rc != CE_OK)
		return rc;
	if ((rc = AN_LOAD(&deriv, db, CE_ENTITY_OUTCOME_DERIVATION, "outcome", "from_subtopic",
	                  "from_outcome")) == CE_OK &&
	    (rc = collect(db, &d, &deriv, &v, &nv, &spin_of)) == CE_OK)
		rc = count(db, &d, &deriv, v, nv, spin_of);
	an_out o;
	if (rc == CE_OK && (rc = ce__an_out_new(&o, db, "spinoffs", columns, C_NCOLS)) == CE_OK) {
		for (size_t k = 0; k < nv; k++) {
			const spin *s = &v[k];
			if (!s->derived)
				continue;
			ce__an_row(&o);
			ce__an_int(&o, C_SPINOFF, d.outcomes.ids[s->row]);
			ce__an_text(&o, C_TITLE, an_s(&d.outcomes, s->row, AN_OUTCOME_TITLE));
			ce__an_text(&o, C_STATUS, ce__an_token(&d.outcomes, s->row, AN_OUTCOME_STATUS));
			if (d.filed_on[s->row])
				ce__an_int(&o, C_STARTED_ON, d.filed_on[s->row]);
			if (s->from_subtopic)
				ce__an_int(&o, C_FROM_SUBTOPIC, s->from_subtopic);
			for (int c = C_STUDENTS; c < C_NCOLS; c++)
				ce__an_int(&o, c, s->c[c]);
		}
		rc = ce__an_out_finish(&o, out);
	}
	for (size_t k = 0; k < nv; k++)
		ce__an_ids_free(&v[k].students);
	free(v);
	free(spin_of);
	ce__an_rows_free(&deriv);
	ce__an_outcomes_free(&d);
	return rc;
}
