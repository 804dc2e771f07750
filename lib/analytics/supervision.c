/* supervision_coverage and students_lacking_supervisor: graduate students
 * working on a subtopic should have an academic main supervisor and an
 * enterprise supervisor; these reports count and list who does not. */
#include <stdlib.h>
#include <string.h>

#include "analytics_internal.h"

enum { S_NUMBER, S_NAME, S_LEVEL, S_COHORT };

typedef struct coverage {
	an_rows students;
	bool *in;         /* in the population */
	bool *academic;   /* has an academic main supervisor */
	bool *enterprise; /* has an enterprise supervisor */
} coverage;

static void coverage_free(coverage *c)
{
	ce__an_rows_free(&c->students);
	free(c->in);
	free(c->academic);
	free(c->enterprise);
}

/* Graduate students (of the cohort) assigned to a subtopic in scope. */
static int population(ce_db *db, const ce_report_filter *f, coverage *c)
{
	an_scope scope;
	an_rows assign;
	int rc = ce__an_scope(&scope, db, f, true);
	if (rc != CE_OK)
		return rc;
	if ((rc = AN_LOAD(&assign, db, CE_ENTITY_SUBTOPIC_ASSIGNMENT, "subtopic", "student")) != CE_OK) {
		ce__an_scope_free(&scope);
		return rc;
	}
	for (size_t i = 0; i < assign.n; i++) {
		ptrdiff_t s = ce__an_find(&c->students, an_i(&assign, i, 1));
		if (s >= 0 && ce__an_scope_subtopic(&scope, an_i(&assign, i, 0)))
			c->in[s] = true;
	}
	for (size_t s = 0; s < c->students.n; s++)
		if (an_i(&c->students, s, S_LEVEL) == CE_STUDENT_LEVEL_UNDERGRADUATE ||
		    (f->cohort && an_i(&c->students, s, S_COHORT) != f->cohort))
			c->in[s] = false;
	ce__an_rows_free(&assign);
	ce__an_scope_free(&scope);
	return CE_OK;
}

static int supervisions(ce_db *db, const ce_report_filter *f, coverage *c)
{
	an_rows sup, sv;
	int rc = AN_LOAD(&sup, db, CE_ENTITY_SUPERVISOR, "kind");
	if (rc != CE_OK)
		return rc;
	rc = AN_LOAD(&sv, db, CE_ENTITY_SUPERVISION, "student", "supervisor", "role", "start_date",
	             "end_date");
	for (size_t i = 0; rc == CE_OK && i < sv.n; i++) {
		ptrdiff_t s = ce__an_find(&c->students, an_i(&sv, i, 0));
		ptrdiff_t p = ce__an_find(&sup, an_i(&sv, i, 1));
		if (s < 0 || p < 0 || !c->in[s] ||
		    !ce__an_overlaps(f, (ce_date)an_i(&sv, i, 3), (ce_date)an_i(&sv, i, 4)))
			continue;
		int64_t role = an_i(&sv, i, 2), kind = an_i(&sup, (size_t)p, 0);
		if (role == CE_SUPERVISION_ROLE_MAIN && kind == CE_SUPERVISOR_ACADEMIC)
			c->academic[s] = true;
		if (role == CE_SUPERVISION_ROLE_ENTERPRISE || kind == CE_SUPERVISOR_ENTERPRISE)
			c->enterprise[s] = true;
	}
	ce__an_rows_free(&sv);
	ce__an_rows_free(&sup);
	return rc;
}

static int compute(ce_db *db, const ce_report_filter *f, coverage *c)
{
	memset(c, 0, sizeof *c);
	int rc = AN_LOAD(&c->students, db, CE_ENTITY_STUDENT, "number", "name", "level", "cohort");
	if (rc != CE_OK)
		return rc;
	size_t n = c->students.n + 1;
	c->in = calloc(n, sizeof *c->in);
	c->academic = calloc(n, sizeof *c->academic);
	c->enterprise = calloc(n, sizeof *c->enterprise);
	if (!c->in || !c->academic || !c->enterprise)
		rc = ce__an_nomem(db);
	if (rc == CE_OK)
		rc = population(db, f, c);
	if (rc == CE_OK)
		rc = supervisions(db, f, c);
	if (rc != CE_OK)
		coverage_free(c);
	return rc;
}

/* A population member with its sort keys: cohort, number (bytes), id. */
typedef struct member {
	int64_t cohort;
	const char *number;
	int64_t id;
	size_t row;
} member;

static int by_cohort_number(const void *a, const void *b)
{
	const member *x = a, *y = b;
	if (x->cohort != y->cohort)
		return x->cohort < y->cohort ? -1 : 1;
	int d = strcmp(x->number, y->number);
	return d ? d : (x->id > y->id) - (x->id < y->id);
}

static member *ordered(ce_db *db, coverage *c, size_t *out_n)
{
	member *m = malloc((c->students.n + 1) * sizeof *m);
	size_t n = 0;
	if (!m) {
		ce__an_nomem(db);
		return NULL;
	}
	for (size_t s = 0; s < c->students.n; s++)
		if (c->in[s])
			m[n++] = (member){ an_i(&c->students, s, S_COHORT), an_s(&c->students, s, S_NUMBER),
			                   c->students.ids[s], s };
	ce__an_sort(m, n, sizeof *m, by_cohort_number);
	*out_n = n;
	return m;
}

/* The population, computed and ordered by cohort then number: what both
 * coverage reports start from. */
static int prepare(ce_db *db, const ce_report_filter *f, coverage *c, member **idx, size_t *n)
{
	int rc = compute(db, f, c);
	if (rc != CE_OK)
		return rc;
	if (!(*idx = ordered(db, c, n))) {
		coverage_free(c);
		return CE_ENOMEM;
	}
	return CE_OK;
}

int ce__an_supervision_coverage(ce_table **out, ce_db *db, const ce_report_filter *f)
{
	static const an_col cols[] = {
		{ "cohort", CE_TYPE_INT },     { "students", CE_TYPE_INT }, { "with_academic_main", CE_TYPE_INT },
		{ "with_enterprise", CE_TYPE_INT }, { "with_both", CE_TYPE_INT }, { "coverage", CE_TYPE_REAL },
	};
	coverage c;
	an_out o;
	size_t n;
	member *idx;
	int rc = prepare(db, f, &c, &idx, &n);
	if (rc != CE_OK)
		return rc;
	if ((rc = ce__an_out_new(&o, db, "supervision_coverage", cols, 6)) == CE_OK) {
		for (size_t i = 0; i < n;) {
			int64_t cohort = idx[i].cohort, k[4] = { 0 };
			for (; i < n && idx[i].cohort == cohort; i++) {
				size_t s = idx[i].row;
				k[0]++;
				k[1] += c.academic[s];
				k[2] += c.enterprise[s];
				k[3] += c.academic[s] && c.enterprise[s];
			}
			ce__an_row(&o);
			ce__an_int(&o, 0, cohort);
			for (int j = 0; j < 4; j++)
				ce__an_int(&o, 1 + j, k[j]);
			ce__an_ratio(&o, 5, (double)k[3], (double)k[0]);
		}
		rc = ce__an_out_finish(&o, out);
	}
	free(idx);
	coverage_free(&c);
	return rc;
}

int ce__an_students_lacking_supervisor(ce_table **out, ce_db *db, const ce_report_filter *f)
{
	static const an_col cols[] = {
		{ "student", CE_TYPE_INT }, { "number", CE_TYPE_TEXT }, { "name", CE_TYPE_TEXT },
		{ "cohort", CE_TYPE_INT },  { "level", CE_TYPE_TEXT },  { "lacks", CE_TYPE_TEXT },
	};
	coverage c;
	an_out o;
	size_t n;
	member *idx;
	int rc = prepare(db, f, &c, &idx, &n);
	if (rc != CE_OK)
		return rc;
	if ((rc = ce__an_out_new(&o, db, "students_lacking_supervisor", cols, 6)) == CE_OK) {
		for (size_t i = 0; i < n; i++) {
			size_t s = idx[i].row;
			if (c.academic[s] && c.enterprise[s])
				continue;
			ce__an_row(&o);
			ce__an_int(&o, 0, c.students.ids[s]);
			ce__an_text(&o, 1, an_s(&c.students, s, S_NUMBER));
			ce__an_text(&o, 2, an_s(&c.students, s, S_NAME));
			ce__an_int(&o, 3, an_i(&c.students, s, S_COHORT));
			ce__an_text(&o, 4, ce__an_token(&c.students, s, S_LEVEL));
			ce__an_text(&o, 5, !c.academic[s] && !c.enterprise[s] ? "academic_main,enterprise"
			                   : !c.academic[s]                   ? "academic_main"
			                                                      : "enterprise");
		}
		rc = ce__an_out_finish(&o, out);
	}
	free(idx);
	coverage_free(&c);
	return rc;
}
