/* destinations: where graduates go, by cohort and sector; how many join a
 * cooperation partner, and how many step into middle management. */
#include <stdlib.h>
#include <string.h>

#include "analytics_internal.h"

enum { D_STUDENT, D_STARTED, D_EMPLOYER, D_SECTOR, D_LEVEL };

typedef struct dest {
	int64_t cohort, sector;
	bool at_partner, middle;
} dest;

static int cmp_dest(const void *a, const void *b)
{
	const dest *x = a, *y = b;
	if (x->cohort != y->cohort)
		return x->cohort < y->cohort ? -1 : 1;
	return (x->sector > y->sector) - (x->sector < y->sector);
}

/* Partners the university actually cooperates with: party to an
 * agreement, in a project, or hosting a placement. */
static int cooperating(an_ids *out, ce_db *db)
{
	static const struct {
		int table;
		const char *column;
	} links[] = { { CE_ENTITY_AGREEMENT_PARTY, "partner" },
		          { CE_ENTITY_PROJECT_PARTNER, "partner" },
		          { CE_ENTITY_PLACEMENT, "host" } };
	int rc = CE_OK;
	memset(out, 0, sizeof *out);
	for (size_t k = 0; rc == CE_OK && k < CE_ARRAY_LEN(links); k++) {
		an_ids part;
		if ((rc = ce__an_ids_of(&part, db, links[k].table, links[k].column, NULL, 0)) != CE_OK)
			break;
		for (size_t i = 0; rc == CE_OK && i < part.n; i++)
			rc = ce__an_ids_add(db, out, part.v[i]);
		ce__an_ids_free(&part);
	}
	if (rc != CE_OK)
		ce__an_ids_free(out);
	else
		ce__an_ids_seal(out);
	return rc;
}

/* Students assigned to a subtopic of the filter's project. */
static int project_students(an_ids *out, ce_db *db, const ce_report_filter *f)
{
	an_scope scope;
	an_rows assign;
	ce_report_filter pf = *f;
	pf.partner = 0; /* the partner is the employer here */
	memset(out, 0, sizeof *out);
	int rc = ce__an_scope(&scope, db, &pf, true);
	if (rc != CE_OK)
		return rc;
	if ((rc = AN_LOAD(&assign, db, CE_ENTITY_SUBTOPIC_ASSIGNMENT, "subtopic", "student")) == CE_OK) {
		for (size_t i = 0; rc == CE_OK && i < assign.n; i++)
			if (ce__an_scope_subtopic(&scope, an_i(&assign, i, 0)))
				rc = ce__an_ids_add(db, out, an_i(&assign, i, 1));
		ce__an_rows_free(&assign);
	}
	ce__an_scope_free(&scope);
	ce__an_ids_seal(out);
	return rc;
}

int ce__an_destinations(ce_table **out, ce_db *db, const ce_report_filter *f)
{
	static const an_col cols[] = {
		{ "cohort", CE_TYPE_INT },           { "sector", CE_TYPE_TEXT },
		{ "graduates", CE_TYPE_INT },        { "at_partner", CE_TYPE_INT },
		{ "share_at_partner", CE_TYPE_REAL }, { "middle_management", CE_TYPE_INT },
		{ "share_middle_management", CE_TYPE_REAL },
	};
	an_rows de = { 0 }, st = { 0 };
	an_ids partners = { 0 }, students = { 0 };
	dest *v = NULL;
	size_t n = 0;
	int rc;
	if ((rc = AN_LOAD(&de, db, CE_ENTITY_DESTINATION, "student", "started_on", "employer",
	                  "sector", "position_level")) != CE_OK ||
	    (rc = AN_LOAD(&st, db, CE_ENTITY_STUDENT, "cohort")) != CE_OK ||
	    (rc = cooperating(&partners, db)) != CE_OK ||
	    (f->project && (rc = project_students(&students, db, f)) != CE_OK))
		goto done;
	if (!(v = malloc((de.n + 1) * sizeof *v))) {
		rc = ce__an_nomem(db);
		goto done;
	}
	for (size_t i = 0; i < de.n; i++) {
		ptrdiff_t s = ce__an_find(&st, an_i(&de, i, D_STUDENT));
		int64_t employer = an_i(&de, i, D_EMPLOYER);
		if (s < 0 || !ce__an_in_period(f, (ce_date)an_i(&de, i, D_STARTED)) ||
		    (f->partner && employer != f->partner) ||
		    (f->cohort && an_i(&st, (size_t)s, 0) != f->cohort) ||
		    (f->project && !ce__an_ids_has(&students, an_i(&de, i, D_STUDENT))))
			continue;
		v[n++] = (dest){ an_i(&st, (size_t)s, 0), an_i(&de, i, D_SECTOR),
		                 employer && ce__an_ids_has(&partners, employer),
		                 an_i(&de, i, D_LEVEL) == CE_POSITION_LEVEL_MIDDLE_MANAGEMENT };
	}
	ce__an_sort(v, n, sizeof *v, cmp_dest);
	an_out o;
	if ((rc = ce__an_out_new(&o, db, "destinations", cols, 7)) != CE_OK)
		goto done;
	for (size_t i = 0; i < n;) {
		size_t j = i;
		int64_t at = 0, mm = 0;
		for (; j < n && v[j].cohort == v[i].cohort && v[j].sector == v[i].sector; j++) {
			at += v[j].at_partner;
			mm += v[j].middle;
		}
		const ce_column_def *sector = &de.table->columns[de.cols[D_SECTOR]];
		ce__an_row(&o);
		ce__an_int(&o, 0, v[i].cohort);
		ce__an_text(&o, 1, v[i].sector > 0 && v[i].sector < sector->ntokens
		                       ? sector->tokens[v[i].sector] : NULL);
		ce__an_int(&o, 2, (int64_t)(j - i));
		ce__an_int(&o, 3, at);
		ce__an_ratio(&o, 4, (double)at, (double)(j - i));
		ce__an_int(&o, 5, mm);
		ce__an_ratio(&o, 6, (double)mm, (double)(j - i));
		i = j;
	}
	rc = ce__an_out_finish(&o, out);
done:
	free(v);
	ce__an_rows_free(&de);
	ce__an_rows_free(&st);
	ce__an_ids_free(&partners);
	ce__an_ids_free(&students);
	return rc;
}
