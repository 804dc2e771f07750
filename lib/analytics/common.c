/* The filter's period and project scope, medians, terms and the row
 * writer the reports share. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analytics_internal.h"

/* ---- the period ---------------------------------------------------------- */

bool ce__an_in_period(const ce_report_filter *f, ce_date d)
{
	if (!f->from && !f->to)
		return true;
	return d && (!f->from || d >= f->from) && (!f->to || d <= f->to);
}

bool ce__an_overlaps(const ce_report_filter *f, ce_date start, ce_date end)
{
	return (!f->to || !start || start <= f->to) && (!f->from || !end || end >= f->from);
}

/* ---- the project scope ------------------------------------------------------ */

int ce__an_project_set(an_ids *out, ce_db *db, const ce_report_filter *f)
{
	an_rows pr;
	int rc;
	memset(out, 0, sizeof *out);
	if (!f->project)
		return CE_OK;
	if ((rc = ce__an_ids_add(db, out, f->project)) != CE_OK || !f->descendants)
		return rc;
	if ((rc = AN_LOAD_SET(&pr, db, CE_ENTITY_PROJECT, "parent", "parent")) != CE_OK) {
		ce__an_ids_free(out);
		return rc;
	}
	/* Each pass adds the children of what is in; a pass adding nothing
	 * ends it (parents never form a cycle, and at most pr.n passes add). */
	bool *in = calloc(pr.n + 1, sizeof *in);
	bool grew = in != NULL;
	if (!in)
		rc = ce__an_nomem(db);
	while (rc == CE_OK && grew) {
		grew = false;
		ce__an_ids_seal(out);
		for (size_t i = 0; rc == CE_OK && i < pr.n; i++)
			if (!in[i] && ce__an_ids_has(out, an_i(&pr, i, 0))) {
				in[i] = grew = true;
				rc = ce__an_ids_add(db, out, pr.ids[i]);
			}
	}
	free(in);
	ce__an_rows_free(&pr);
	if (rc != CE_OK)
		ce__an_ids_free(out);
	else
		ce__an_ids_seal(out);
	return rc;
}

int ce__an_scope(an_scope *out, ce_db *db, const ce_report_filter *f, bool subtopics)
{
	int rc = CE_OK;
	an_ids wanted = { 0 };
	memset(out, 0, sizeof *out);
	if (!f->project && !f->partner)
		return CE_OK;
	out->limited = true;
	rc = ce__an_project_set(&wanted, db, f);
	if (rc == CE_OK && f->partner) {
		rc = ce__an_ids_of(&out->projects, db, CE_ENTITY_PROJECT_PARTNER, "project", "partner",
		                   f->partner);
		if (rc == CE_OK && f->project) { /* both: the projects of the partner among those wanted */
			size_t w = 0;
			for (size_t i = 0; i < out->projects.n; i++)
				if (ce__an_ids_has(&wanted, out->projects.v[i]))
					out->projects.v[w++] = out->projects.v[i];
			out->projects.n = w;
		}
		ce__an_ids_free(&wanted);
	} else if (rc == CE_OK) {
		out->projects = wanted;
		memset(&wanted, 0, sizeof wanted);
	}
	if (rc == CE_OK && subtopics) {
		if (f->project && !f->descendants) {
			if (out->projects.n)
				rc = ce__an_ids_of(&out->subtopics, db, CE_ENTITY_SUBTOPIC, NULL, "project",
				                   f->project);
		} else {
			an_rows st;
			if ((rc = AN_LOAD(&st, db, CE_ENTITY_SUBTOPIC, "project")) == CE_OK) {
				for (size_t i = 0; rc == CE_OK && i < st.n; i++)
					if (ce__an_ids_has(&out->projects, an_i(&st, i, 0)))
						rc = ce__an_ids_add(db, &out->subtopics, st.ids[i]);
				ce__an_rows_free(&st);
			}
		}
	}
	if (rc != CE_OK) {
		ce__an_ids_free(&wanted);
		ce__an_scope_free(out);
	}
	return rc;
}

bool ce__an_scope_project(const an_scope *s, int64_t project)
{
	return !s->limited || ce__an_ids_has(&s->projects, project);
}

bool ce__an_scope_subtopic(const an_scope *s, int64_t subtopic)
{
	return !s->limited || ce__an_ids_has(&s->subtopics, subtopic);
}

void ce__an_scope_free(an_scope *s)
{
	ce__an_ids_free(&s->projects);
	ce__an_ids_free(&s->subtopics);
	s->limited = false;
}

/* ---- numbers, dates and terms -------------------------------------------- */

void ce__an_sort(void *base, size_t n, size_t size, int (*cmp)(const void *, const void *))
{
	if (base && n > 1)
		qsort(base, n, size, cmp);
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

double ce__an_median(double *v, size_t n)
{
	ce__an_sort(v, n, sizeof *v, cmp_double);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2.0;
}

int ce__an_push(ce_db *db, double **v, size_t *n, size_t *cap, double x)
{
	if (*n == *cap) {
		size_t c = *cap ? *cap * 2 : 16;
		double *grown = realloc(*v, c * sizeof *grown);
		if (!grown)
			return ce__an_nomem(db);
		*v = grown;
		*cap = c;
	}
	(*v)[(*n)++] = x;
	return CE_OK;
}

int ce__an_term_key(ce_date d)
{
	int y = d / 10000, m = d / 100 % 100;
	if (m == 1)
		return (y - 1) * 2 + 1;
	return y * 2 + (m >= 8);
}

void ce__an_term(char buf[24], ce_date d)
{
	int key = ce__an_term_key(d);
	snprintf(buf, 24, "%d-%s", key / 2, key % 2 ? "autumn" : "spring");
}

/* ---- the row writer ----------------------------------------------------------- */

int ce__an_out_new(an_out *o, ce_db *db, const char *name, const an_col *cols, int ncols)
{
	const char *names[64];
	ce_column_type types[64];
	memset(o, 0, sizeof *o);
	o->db = db;
	for (int c = 0; c < ncols && c < 64; c++) {
		names[c] = cols[c].name;
		types[c] = cols[c].type;
	}
	int rc = ce_table_new(&o->t, name, ncols, names, types);
	return rc == CE_OK ? rc : ce__fail(db, rc, "%s", ce_last_errmsg());
}

void ce__an_row(an_out *o)
{
	if (o->rc == CE_OK)
		o->rc = ce_table_append_row(&o->row, o->t);
}

void ce__an_int(an_out *o, int col, int64_t v)
{
	if (o->rc == CE_OK)
		o->rc = ce_table_set_int(o->t, o->row, col, v);
}

void ce__an_real(an_out *o, int col, double v)
{
	if (o->rc == CE_OK)
		o->rc = ce_table_set_real(o->t, o->row, col, v);
}

void ce__an_ratio(an_out *o, int col, double num, double den)
{
	if (den != 0)
		ce__an_real(o, col, num / den);
}

void ce__an_text(an_out *o, int col, const char *s)
{
	if (o->rc == CE_OK)
		o->rc = ce_table_set_text(o->t, o->row, col, s);
}

int ce__an_out_finish(an_out *o, ce_table **out)
{
	if (o->rc != CE_OK) {
		ce__fail(o->db, o->rc, "%s", ce_last_errmsg());
		ce_table_free(o->t);
		o->t = NULL;
		return o->rc;
	}
	*out = o->t;
	o->t = NULL;
	return CE_OK;
}
