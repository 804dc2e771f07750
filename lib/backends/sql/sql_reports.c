/* Reports computed in SQL by any SQL backend (the report() member): the
 * aggregate ones, as SQL over the stored tables. Each must give the same
 * table as the core's implementation in lib/analytics/, cell for cell:
 * SQL counts and picks the rows, and the ratios are divided here, in C,
 * exactly as the core divides them.
 *
 * The texts are written once for every engine (SQLite, PostgreSQL):
 * COALESCE, CASE and COUNT(*) FILTER rather than sums of booleans, flags
 * as integers 0/1, TRUE rather than 1 as a condition; what an engine
 * spells its own way comes from the dialect (sql_report.h). This file:
 * project_pipeline, budget_variance, destinations, supervision_coverage
 * and students_lacking_supervisor. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sql_report.h"

/* ---- project_pipeline ---------------------------------------------------------- */

/* One statement: the projects in scope, counted per stage and summed per
 * stage and currency, every stage listed (in stage order) even when empty.
 * The scope is written into both aggregates rather than shared through a
 * CTE, which SQLite would copy into a temporary table first. */
static void project_pipeline_row(report_ctx *x, ce_sql_stmt *q)
{
	ce__sqr_row(x);
	ce__sqr_col_text(x, q, 0, 0);
	for (int k = 1; k < 4; k++)
		ce__sqr_col_int(x, q, k, k);
	ce__sqr_col_text(x, q, 4, 4);
	ce__sqr_col_int(x, q, 5, 5);
}

int ce__sqr_project_pipeline(report_ctx *x)
{
	static const char *const names[] = { "stage", "projects", "active", "completed", "currency",
		                                 "budget" };
	static const ce_column_type types[] = { CE_TYPE_TEXT, CE_TYPE_INT, CE_TYPE_INT, CE_TYPE_INT,
		                                    CE_TYPE_TEXT, CE_TYPE_INT };
	ce_sqlbuf b = { 0 }, scope = { 0 };
	ce__sqlbuf_add(&scope, "FROM project p WHERE TRUE");
	if (x->f->project)
		ce__sqlbuf_addf(&scope, " AND p.id IN %s", ce__sqr_project_set(x));
	if (x->f->partner)
		ce__sqlbuf_add(&scope, " AND p.id IN (SELECT pp.project FROM project_partner pp "
		                       "WHERE pp.partner = :partner)");
	ce__sqr_and_overlaps(&scope, x, "p.start_date", "p.end_date");
	ce__sqlbuf_add(&b, "WITH stages(ord, stage) AS (VALUES ");
	for (int st = CE_PROJECT_STAGE_LABORATORY; st <= CE_PROJECT_STAGE_INDUSTRIALISATION; st++) {
		ce__sqlbuf_addf(&b, "%s(%d, ", st > 1 ? ", " : "", st);
		ce__sqlbuf_literal(&b, ce__sqr_token(x, CE_ENTITY_PROJECT, "stage", st));
		ce__sqlbuf_add(&b, ")");
	}
	ce__sqlbuf_addf(&b,
	                "), c AS (SELECT p.stage, COUNT(*) AS n, COUNT(*) FILTER (WHERE p.status = '%s') "
	                "AS active, COUNT(*) FILTER (WHERE p.status = '%s') AS completed %s "
	                "GROUP BY p.stage), "
	                "m AS (SELECT p.stage, p.currency, CAST(SUM(p.budget) AS BIGINT) AS budget %s "
	                "AND p.budget > 0 AND p.currency IS NOT NULL GROUP BY p.stage, p.currency) "
	                "SELECT s.stage, COALESCE(c.n, 0), COALESCE(c.active, 0), "
	                "COALESCE(c.completed, 0), m.currency, COALESCE(m.budget, 0) FROM stages s "
	                "LEFT JOIN c ON c.stage = s.stage LEFT JOIN m ON m.stage = s.stage "
	                "ORDER BY s.ord, ",
	                ce__sqr_token(x, CE_ENTITY_PROJECT, "status", CE_PROJECT_STATUS_ACTIVE),
	                ce__sqr_token(x, CE_ENTITY_PROJECT, "status", CE_PROJECT_STATUS_COMPLETED),
	                scope.failed ? "" : scope.p, scope.failed ? "" : scope.p);
	ce__sqr_order_bytes(&b, x, "m.currency");
	b.failed |= scope.failed;
	ce__sqlbuf_free(&scope);
	return ce__sqr_start(x, &b, 6, names, types, project_pipeline_row);
}

/* ---- budget_variance ----------------------------------------------------------- */

static void budget_variance_row(report_ctx *x, ce_sql_stmt *q)
{
	int64_t planned = ce__sqr_int(x, q, 6), actual = ce__sqr_int(x, q, 7);
	ce__sqr_row(x);
	for (int k = 0; k < 6; k++)
		if (k == 1 || k >= 3) /* project_code, subtopic_title, category, currency */
			ce__sqr_col_text(x, q, k, k);
		else
			ce__sqr_col_int(x, q, k, k);
	ce__sqr_put_int(x, 6, planned);
	ce__sqr_put_int(x, 7, actual);
	int64_t variance;
	/* Bounded amounts cannot overflow; a store from before the bounds could. */
	if (__builtin_sub_overflow(actual, planned, &variance) && x->rc == CE_OK)
		x->rc = ce__sqr_fail(x, CE_EINVALID, "the amounts add up past the largest integer");
	ce__sqr_put_int(x, 8, variance);
	ce__sqr_put_ratio(x, 9, (double)variance, (double)planned);
}

int ce__sqr_budget_variance(report_ctx *x)
{
	static const char *const names[] = { "project", "project_code", "subtopic", "subtopic_title",
		                                 "category", "currency", "planned", "actual", "variance",
		                                 "variance_share" };
	static const ce_column_type types[] = { CE_TYPE_INT,  CE_TYPE_TEXT, CE_TYPE_INT, CE_TYPE_TEXT,
		                                    CE_TYPE_TEXT, CE_TYPE_TEXT, CE_TYPE_INT, CE_TYPE_INT,
		                                    CE_TYPE_INT,  CE_TYPE_REAL };
	ce_sqlbuf b = { 0 };
	ce__sqlbuf_add(&b, "SELECT p.id, p.code, s.id, s.title, b.category, b.currency, b.planned, "
	                   "b.actual FROM budget_line b JOIN subtopic s ON s.id = b.subtopic "
	                   "JOIN project p ON p.id = s.project WHERE TRUE");
	if (x->f->project)
		ce__sqlbuf_addf(&b, " AND p.id IN %s", ce__sqr_project_set(x));
	if (x->f->partner)
		ce__sqlbuf_add(&b, " AND EXISTS (SELECT 1 FROM project_partner pp WHERE pp.project = p.id "
		                   "AND pp.partner = :partner)");
	ce__sqlbuf_add(&b, " ORDER BY p.id, s.id, ");
	ce__sqr_order_bytes(&b, x, "b.category");
	ce__sqlbuf_add(&b, ", b.id");
	return ce__sqr_start(x, &b, 10, names, types, budget_variance_row);
}

/* ---- destinations ------------------------------------------------------------------ */

static void destinations_row(report_ctx *x, ce_sql_stmt *q)
{
	int64_t n = ce__sqr_int(x, q, 2), at = ce__sqr_int(x, q, 3), mm = ce__sqr_int(x, q, 4);
	ce__sqr_row(x);
	ce__sqr_col_int(x, q, 0, 0);
	ce__sqr_col_text(x, q, 1, 1);
	ce__sqr_put_int(x, 2, n);
	ce__sqr_put_int(x, 3, at);
	ce__sqr_put_ratio(x, 4, (double)at, (double)n);
	ce__sqr_put_int(x, 5, mm);
	ce__sqr_put_ratio(x, 6, (double)mm, (double)n);
}

int ce__sqr_destinations(report_ctx *x)
{
	static const char *const names[] = { "cohort", "sector", "graduates", "at_partner",
		                                 "share_at_partner", "middle_management",
		                                 "share_middle_management" };
	static const ce_column_type types[] = { CE_TYPE_INT, CE_TYPE_TEXT, CE_TYPE_INT, CE_TYPE_INT,
		                                    CE_TYPE_REAL, CE_TYPE_INT, CE_TYPE_REAL };
	const ce_report_filter *f = x->f;
	ce_sqlbuf b = { 0 };
	ce__sqlbuf_addf(
		&b,
		"SELECT st.cohort, d.sector, COUNT(*), "
		"COUNT(*) FILTER (WHERE d.employer IS NOT NULL AND ("
		"EXISTS (SELECT 1 FROM agreement_party a WHERE a.partner = d.employer) OR "
		"EXISTS (SELECT 1 FROM project_partner pp WHERE pp.partner = d.employer) OR "
		"EXISTS (SELECT 1 FROM placement pl WHERE pl.host = d.employer))), "
		"COUNT(*) FILTER (WHERE d.position_level = '%s') "
		"FROM destination d JOIN student st ON st.id = d.student WHERE TRUE",
		ce__sqr_token(x, CE_ENTITY_DESTINATION, "position_level", CE_POSITION_LEVEL_MIDDLE_MANAGEMENT));
	/* only the members set are written */
	if (f->from || f->to)
		ce__sqlbuf_add(&b, " AND d.started_on IS NOT NULL AND (:from IS NULL OR d.started_on >= "
		                   ":from) AND (:to IS NULL OR d.started_on <= :to)");
	if (f->partner)
		ce__sqlbuf_add(&b, " AND d.employer = :partner");
	if (f->cohort)
		ce__sqlbuf_add(&b, " AND st.cohort = :cohort");
	if (f->project)
		ce__sqlbuf_addf(&b, " AND EXISTS (SELECT 1 FROM subtopic_assignment sa JOIN subtopic s ON "
		                    "s.id = sa.subtopic WHERE sa.student = d.student AND s.project IN %s)",
		                ce__sqr_project_set(x));
	ce__sqlbuf_add(&b, " GROUP BY st.cohort, d.sector ORDER BY st.cohort, ");
	ce__sqr_enum_order(&b, x, CE_ENTITY_DESTINATION, "sector", "d.sector");
	return ce__sqr_start(x, &b, 7, names, types, destinations_row);
}

/* ---- supervision_coverage, students_lacking_supervisor ---------------------------- */

/* Whether supervision sv with supervisor su counts as an academic main (k
 * 0) or an enterprise (k 1) supervisor of its student. */
static void coverage_kind(ce_sqlbuf *b, const report_ctx *x, int k)
{
	if (k == 0)
		ce__sqlbuf_addf(b, "sv.role = '%s' AND su.kind = '%s'",
		                ce__sqr_token(x, CE_ENTITY_SUPERVISION, "role", CE_SUPERVISION_ROLE_MAIN),
		                ce__sqr_token(x, CE_ENTITY_SUPERVISOR, "kind", CE_SUPERVISOR_ACADEMIC));
	else
		ce__sqlbuf_addf(b, "(sv.role = '%s' OR su.kind = '%s')",
		                ce__sqr_token(x, CE_ENTITY_SUPERVISION, "role", CE_SUPERVISION_ROLE_ENTERPRISE),
		                ce__sqr_token(x, CE_ENTITY_SUPERVISOR, "kind", CE_SUPERVISOR_ENTERPRISE));
}

/* The population (graduate students on a subtopic in scope) with whether
 * each has an academic main (a) and an enterprise (e) supervisor, 0 or 1:
 * probed per student, or aggregated once per student and joined (the
 * dialect's aggregate_probes). */
static void coverage_cte(ce_sqlbuf *b, const report_ctx *x)
{
	const ce_report_filter *f = x->f;
	if (x->c->dialect->aggregate_probes) {
		ce__sqlbuf_add(b, "WITH cov AS (SELECT sv.student");
		for (int k = 0; k < 2; k++) {
			ce__sqlbuf_add(b, ", MAX(CASE WHEN ");
			coverage_kind(b, x, k);
			ce__sqlbuf_add(b, k == 0 ? " THEN 1 ELSE 0 END) AS a" : " THEN 1 ELSE 0 END) AS e");
		}
		ce__sqlbuf_add(b, " FROM supervision sv JOIN supervisor su ON su.id = sv.supervisor "
		                  "WHERE TRUE");
		ce__sqr_and_overlaps(b, x, "sv.start_date", "sv.end_date");
		ce__sqlbuf_add(b, " GROUP BY sv.student), pop AS (SELECT st.id, st.number, st.name, "
		                  "st.cohort, st.level, COALESCE(cov.a, 0) AS a, COALESCE(cov.e, 0) AS e "
		                  "FROM student st LEFT JOIN cov ON cov.student = st.id");
	} else {
		ce__sqlbuf_add(b, "WITH pop AS (SELECT st.id, st.number, st.name, st.cohort, st.level");
		for (int k = 0; k < 2; k++) {
			ce__sqlbuf_add(b, ", CASE WHEN EXISTS (SELECT 1 FROM supervision sv JOIN supervisor su "
			                  "ON su.id = sv.supervisor WHERE sv.student = st.id AND ");
			coverage_kind(b, x, k);
			ce__sqr_and_overlaps(b, x, "sv.start_date", "sv.end_date");
			ce__sqlbuf_add(b, k == 0 ? ") THEN 1 ELSE 0 END AS a" : ") THEN 1 ELSE 0 END AS e");
		}
		ce__sqlbuf_add(b, " FROM student st");
	}
	ce__sqlbuf_addf(b, " WHERE st.level <> '%s'",
	                ce__sqr_token(x, CE_ENTITY_STUDENT, "level", CE_STUDENT_LEVEL_UNDERGRADUATE));
	if (f->cohort)
		ce__sqlbuf_add(b, " AND st.cohort = :cohort");
	/* on a subtopic (of the project; of a project the partner takes part in) */
	ce__sqlbuf_add(b, " AND st.id IN (SELECT sa.student FROM subtopic_assignment sa");
	if (f->project || f->partner)
		ce__sqlbuf_add(b, " JOIN subtopic s ON s.id = sa.subtopic WHERE TRUE");
	if (f->project)
		ce__sqlbuf_addf(b, " AND s.project IN %s", ce__sqr_project_set(x));
	if (f->partner)
		ce__sqlbuf_add(b, " AND s.project IN (SELECT pp.project FROM project_partner pp "
		                  "WHERE pp.partner = :partner)");
	ce__sqlbuf_add(b, ")) ");
}

static void supervision_coverage_row(report_ctx *x, ce_sql_stmt *q)
{
	ce__sqr_row(x);
	for (int k = 0; k < 5; k++)
		ce__sqr_col_int(x, q, k, k);
	ce__sqr_put_ratio(x, 5, (double)ce__sqr_int(x, q, 4), (double)ce__sqr_int(x, q, 1));
}

int ce__sqr_supervision_coverage(report_ctx *x)
{
	static const char *const names[] = { "cohort", "students", "with_academic_main",
		                                 "with_enterprise", "with_both", "coverage" };
	static const ce_column_type types[] = { CE_TYPE_INT, CE_TYPE_INT, CE_TYPE_INT,
		                                    CE_TYPE_INT, CE_TYPE_INT, CE_TYPE_REAL };
	ce_sqlbuf b = { 0 };
	coverage_cte(&b, x);
	ce__sqlbuf_add(&b, "SELECT cohort, COUNT(*), SUM(a), SUM(e), SUM(a * e) FROM pop "
	                   "GROUP BY cohort ORDER BY cohort");
	return ce__sqr_start(x, &b, 6, names, types, supervision_coverage_row);
}

static void students_lacking_supervisor_row(report_ctx *x, ce_sql_stmt *q)
{
	bool a = ce__sqr_int(x, q, 5) != 0, e = ce__sqr_int(x, q, 6) != 0;
	ce__sqr_row(x);
	ce__sqr_col_int(x, q, 0, 0);
	ce__sqr_col_text(x, q, 1, 1);
	ce__sqr_col_text(x, q, 2, 2);
	ce__sqr_col_int(x, q, 3, 3);
	ce__sqr_col_text(x, q, 4, 4);
	ce__sqr_put_text(x, 5, !a && !e ? "academic_main,enterprise" : !a ? "academic_main" : "enterprise");
}

int ce__sqr_students_lacking_supervisor(report_ctx *x)
{
	static const char *const names[] = { "student", "number", "name", "cohort", "level", "lacks" };
	static const ce_column_type types[] = { CE_TYPE_INT, CE_TYPE_TEXT, CE_TYPE_TEXT,
		                                    CE_TYPE_INT, CE_TYPE_TEXT, CE_TYPE_TEXT };
	ce_sqlbuf b = { 0 };
	coverage_cte(&b, x);
	ce__sqlbuf_add(&b, "SELECT id, number, name, cohort, level, a, e FROM pop "
	                   "WHERE a = 0 OR e = 0 ORDER BY cohort, ");
	ce__sqr_order_bytes(&b, x, "number");
	ce__sqlbuf_add(&b, ", id");
	return ce__sqr_start(x, &b, 6, names, types, students_lacking_supervisor_row);
}
