/* spinoffs in SQL (see lib/analytics/spinoffs.c, the reference): the
 * entrepreneurship projects in the filter that grew out of a subtopic or
 * an outcome, their outputs (outcomes deriving from them) by kind and the
 * distinct students credited on them or on an output. SQL picks and
 * counts. */
#include <string.h>

#include "sql_report.h"

/* The outcome o passes the filter as the core's outcome filter reads it
 * (lib/analytics/funnel.c): an attribution whose project (its subtopic's,
 * or its own) is in the project set; for a partner, such a project the
 * partner takes part in, or the partner itself; for the people members, a
 * student contributor the members pick. Only the members set are written. */
static void outcome_filter(ce_sqlbuf *b, const report_ctx *x)
{
	const ce_report_filter *f = x->f;
	static const char attributed[] =
		" AND EXISTS (SELECT 1 FROM outcome_attribution a LEFT JOIN subtopic s ON s.id = "
		"a.subtopic WHERE a.outcome = o.id AND ";
	static const char project_of[] =
		"(CASE WHEN a.subtopic IS NOT NULL THEN s.project ELSE a.project END)";
	if (f->project)
		ce__sqlbuf_addf(b, "%s%s IN %s)", attributed, project_of, ce__sqr_project_set(x));
	if (f->partner)
		ce__sqlbuf_addf(b, "%s(a.partner = :partner OR %s IN (SELECT pp.project FROM "
		                   "project_partner pp WHERE pp.partner = :partner)))",
		                attributed, project_of);
	if (!f->cohort && !f->level && !f->student)
		return;
	ce__sqlbuf_add(b, " AND EXISTS (SELECT 1 FROM outcome_contributor c JOIN student t ON "
	                  "t.id = c.student WHERE c.outcome = o.id");
	if (f->cohort)
		ce__sqlbuf_add(b, " AND t.cohort = :cohort");
	if (f->student) /* a checked id, written in: the layer binds no :student */
		ce__sqlbuf_addf(b, " AND t.id = %lld", (long long)f->student);
	if (f->level)
		ce__sqlbuf_addf(b, " AND t.level %s '%s'",
		                f->level == CE_REPORT_LEVEL_UNDERGRADUATE ? "=" : "<>",
		                ce__sqr_token(x, CE_ENTITY_STUDENT, "level", CE_STUDENT_LEVEL_UNDERGRADUATE));
	ce__sqlbuf_add(b, ")");
}

static void spinoffs_row(report_ctx *x, ce_sql_stmt *q)
{
	ce__sqr_row(x);
	ce__sqr_col_int(x, q, 0, 0);
	ce__sqr_col_text(x, q, 1, 1);
	ce__sqr_col_text(x, q, 2, 2);
	ce__sqr_col_date(x, q, 3, 3);
	for (int k = 4; k < 14; k++)
		ce__sqr_col_int(x, q, k, k);
}

int ce__sqr_spinoffs(report_ctx *x)
{
	static const char *const names[] = {
		"spinoff",         "title",          "status",       "started_on",        "from_subtopic",
		"students",        "undergraduates", "outputs",      "feasibility_reports",
		"business_plans",  "economic_analyses", "papers",    "patents",           "other_outputs"
	};
	static const ce_column_type types[] = {
		CE_TYPE_INT, CE_TYPE_TEXT, CE_TYPE_TEXT, CE_TYPE_DATE, CE_TYPE_INT, CE_TYPE_INT, CE_TYPE_INT,
		CE_TYPE_INT, CE_TYPE_INT,  CE_TYPE_INT,  CE_TYPE_INT,  CE_TYPE_INT, CE_TYPE_INT, CE_TYPE_INT
	};
#define KIND(k) ce__sqr_token(x, CE_ENTITY_OUTCOME, "kind", CE_OUTCOME_##k)
	ce_sqlbuf b = { 0 };
	/* the spin-offs: derived from something, each with the date of its
	 * first status entry (the lowest id: ids grow), probed through the
	 * index per spin-off rather than joined (PostgreSQL would hash the
	 * whole history) */
	ce__sqlbuf_addf(&b,
	                "WITH sp AS (SELECT o.id, o.title, o.status, MIN(d.from_subtopic) AS from_subtopic, "
	                "(SELECT h.on_date FROM outcome_status_history h WHERE h.record = o.id "
	                "ORDER BY h.id LIMIT 1) AS started_on "
	                "FROM outcome o JOIN outcome_derivation d ON d.outcome = o.id WHERE o.kind = '%s'",
	                KIND(ENTREPRENEURSHIP_PROJECT));
	outcome_filter(&b, x);
	ce__sqlbuf_add(&b, " GROUP BY o.id, o.title, o.status), "
	                   "spin AS (SELECT id, title, status, from_subtopic, started_on FROM sp");
	if (x->f->from || x->f->to)
		ce__sqlbuf_add(&b, " WHERE started_on IS NOT NULL AND (:from IS NULL OR started_on >= :from) "
		                   "AND (:to IS NULL OR started_on <= :to)");
	/* outputs: one per derivation from a spin-off, whatever the filter */
	ce__sqlbuf_addf(
		&b,
		"), outs AS (SELECT d.from_outcome AS spin, o.id, o.kind FROM outcome_derivation d "
		"JOIN outcome o ON o.id = d.outcome WHERE d.from_outcome IN (SELECT id FROM spin)), "
		"credited AS (SELECT c.outcome AS spin, c.student FROM outcome_contributor c "
		"WHERE c.student IS NOT NULL AND c.outcome IN (SELECT id FROM spin) "
		"UNION SELECT u.spin, c.student FROM outs u JOIN outcome_contributor c ON c.outcome = u.id "
		"WHERE c.student IS NOT NULL), "
		"st AS (SELECT k.spin, COUNT(*) AS n, COUNT(*) FILTER (WHERE t.level = '%s') AS ug "
		"FROM credited k LEFT JOIN student t ON t.id = k.student GROUP BY k.spin), "
		"oc AS (SELECT spin, COUNT(*) AS n, COUNT(*) FILTER (WHERE kind = '%s') AS fe, "
		"COUNT(*) FILTER (WHERE kind = '%s') AS bp, COUNT(*) FILTER (WHERE kind = '%s') AS ea, "
		"COUNT(*) FILTER (WHERE kind = '%s') AS pa, "
		"COUNT(*) FILTER (WHERE kind IN ('%s', '%s')) AS pt FROM outs GROUP BY spin) "
		"SELECT s.id, s.title, s.status, s.started_on, s.from_subtopic, COALESCE(st.n, 0), "
		"COALESCE(st.ug, 0), COALESCE(oc.n, 0), COALESCE(oc.fe, 0), COALESCE(oc.bp, 0), "
		"COALESCE(oc.ea, 0), COALESCE(oc.pa, 0), COALESCE(oc.pt, 0), "
		"COALESCE(oc.n - oc.fe - oc.bp - oc.ea - oc.pa - oc.pt, 0) "
		"FROM spin s LEFT JOIN st ON st.spin = s.id LEFT JOIN oc ON oc.spin = s.id ORDER BY s.id",
		ce__sqr_token(x, CE_ENTITY_STUDENT, "level", CE_STUDENT_LEVEL_UNDERGRADUATE),
		KIND(FEASIBILITY_REPORT), KIND(BUSINESS_PLAN), KIND(ECONOMIC_ANALYSIS), KIND(PAPER),
		KIND(INVENTION_PATENT), KIND(UTILITY_MODEL_PATENT));
#undef KIND
	return ce__sqr_start(x, &b, 14, names, types, spinoffs_row);
}
