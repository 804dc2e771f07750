/* Reports computed inside SQLite (the backend's report() member): the
 * aggregate ones, as SQL over the stored tables. Each must give the same
 * table as the core's implementation in lib/analytics/, cell for cell:
 * SQL counts and picks the rows, and the ratios are divided here, in C,
 * exactly as the core divides them. Reports not listed here return
 * CE_ENOTSUPPORTED and the core computes them from scans.
 *
 * Stored forms (see rows.c): DATE is 'YYYY-MM-DD' text, ENUM its token.
 * The filter binds as :from, :to (date text, NULL when open), :partner,
 * :project and :cohort (NULL when unset). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report_sql.h"

/* The date d lies in the period (any d when there is no period). */
#define IN_PERIOD(d)                                                                    \
	"((:from IS NULL AND :to IS NULL) OR (" d " IS NOT NULL AND (:from IS NULL OR " d \
	" >= :from) AND (:to IS NULL OR " d " <= :to)))"

/* ---- project_pipeline ---------------------------------------------------------- */

/* One statement: the projects in scope, counted per stage and summed per
 * stage and currency, every stage listed (in stage order) even when empty.
 * The scope is written into both aggregates rather than shared through a
 * CTE, which SQLite would copy into a temporary table first. */
static int project_pipeline(report_ctx *x, ce_table **out)
{
	static const char *const names[] = { "stage", "projects", "active", "completed", "currency",
		                                 "budget" };
	static const ce_column_type types[] = { CE_TYPE_TEXT, CE_TYPE_INT, CE_TYPE_INT, CE_TYPE_INT,
		                                    CE_TYPE_TEXT, CE_TYPE_INT };
	ce_sqlite_lease q = { 0 };
	ce_sqlbuf b = { 0 }, scope = { 0 };
	int rc;
	ce__sqlbuf_add(&scope, "FROM project p WHERE 1");
	if (x->f->project)
		ce__sqlbuf_add(&scope, " AND p.id = :project");
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
	                "), c AS (SELECT p.stage, COUNT(*) AS n, SUM(p.status = '%s') AS active, "
	                "SUM(p.status = '%s') AS completed %s GROUP BY p.stage), "
	                "m AS (SELECT p.stage, p.currency, SUM(p.budget) AS budget %s "
	                "AND p.budget > 0 AND p.currency IS NOT NULL GROUP BY p.stage, p.currency) "
	                "SELECT s.stage, IFNULL(c.n, 0), IFNULL(c.active, 0), IFNULL(c.completed, 0), "
	                "m.currency, IFNULL(m.budget, 0) FROM stages s LEFT JOIN c ON c.stage = s.stage "
	                "LEFT JOIN m ON m.stage = s.stage ORDER BY s.ord, m.currency",
	                ce__sqr_token(x, CE_ENTITY_PROJECT, "status", CE_PROJECT_STATUS_ACTIVE),
	                ce__sqr_token(x, CE_ENTITY_PROJECT, "status", CE_PROJECT_STATUS_COMPLETED),
	                scope.failed ? "" : scope.p, scope.failed ? "" : scope.p);
	b.failed |= scope.failed;
	ce__sqlbuf_free(&scope);
	if ((rc = ce__sqr_new_table(x, 6, names, types)) != CE_OK || (rc = ce__sqr_start_buf(x, &q, &b)) != CE_OK)
		return ce__sqr_finish(x, rc, out);
	while ((rc = ce__sqr_step(x, &q)) == 1) {
		ce__sqr_row(x);
		ce__sqr_col_text(x, q.stmt, 0, 0);
		for (int k = 1; k < 4; k++)
			ce__sqr_col_int(x, q.stmt, k, k);
		if (sqlite3_column_type(q.stmt, 4) != SQLITE_NULL)
			ce__sqr_col_text(x, q.stmt, 4, 4);
		ce__sqr_col_int(x, q.stmt, 5, 5);
	}
	ce__sqlite_unlease(x->conn, &q);
	return ce__sqr_finish(x, rc < 0 ? rc : CE_OK, out);
}

/* ---- budget_variance ----------------------------------------------------------- */

#define PROJECT_SCOPE(p)                                                                   \
	"(:project IS NULL OR " p ".id = :project) AND (:partner IS NULL OR EXISTS (SELECT 1 " \
	"FROM project_partner pp WHERE pp.project = " p ".id AND pp.partner = :partner))"

static int budget_variance(report_ctx *x, ce_table **out)
{
	static const char *const names[] = { "project", "project_code", "subtopic", "subtopic_title",
		                                 "category", "currency", "planned", "actual", "variance",
		                                 "variance_share" };
	static const ce_column_type types[] = { CE_TYPE_INT,  CE_TYPE_TEXT, CE_TYPE_INT, CE_TYPE_TEXT,
		                                    CE_TYPE_TEXT, CE_TYPE_TEXT, CE_TYPE_INT, CE_TYPE_INT,
		                                    CE_TYPE_INT,  CE_TYPE_REAL };
	ce_sqlite_lease q = { 0 };
	int rc;
	if ((rc = ce__sqr_new_table(x, 10, names, types)) != CE_OK ||
	    (rc = ce__sqr_start(x, &q,
	                "SELECT p.id, p.code, s.id, s.title, b.category, b.currency, b.planned, b.actual "
	                "FROM budget_line b JOIN subtopic s ON s.id = b.subtopic "
	                "JOIN project p ON p.id = s.project WHERE " PROJECT_SCOPE("p")
	                " ORDER BY p.id, s.id, b.category, b.id")) != CE_OK)
		return ce__sqr_finish(x, rc, out);
	while ((rc = ce__sqr_step(x, &q)) == 1) {
		int64_t planned = sqlite3_column_int64(q.stmt, 6), actual = sqlite3_column_int64(q.stmt, 7);
		ce__sqr_row(x);
		for (int k = 0; k < 6; k++)
			if (types[k] == CE_TYPE_TEXT)
				ce__sqr_col_text(x, q.stmt, k, k);
			else
				ce__sqr_col_int(x, q.stmt, k, k);
		ce__sqr_put_int(x, 6, planned);
		ce__sqr_put_int(x, 7, actual);
		ce__sqr_put_int(x, 8, actual - planned);
		ce__sqr_put_ratio(x, 9, (double)(actual - planned), (double)planned);
	}
	ce__sqlite_unlease(x->conn, &q);
	return ce__sqr_finish(x, rc < 0 ? rc : CE_OK, out);
}

/* ---- destinations ------------------------------------------------------------------ */

static int destinations(report_ctx *x, ce_table **out)
{
	static const char *const names[] = { "cohort", "sector", "graduates", "at_partner",
		                                 "share_at_partner", "middle_management",
		                                 "share_middle_management" };
	static const ce_column_type types[] = { CE_TYPE_INT, CE_TYPE_TEXT, CE_TYPE_INT, CE_TYPE_INT,
		                                    CE_TYPE_REAL, CE_TYPE_INT, CE_TYPE_REAL };
	ce_sqlite_lease q = { 0 };
	ce_sqlbuf b = { 0 };
	int rc;
	ce__sqlbuf_addf(
		&b,
		"SELECT st.cohort, d.sector, COUNT(*), "
		"SUM(CASE WHEN d.employer IS NOT NULL AND ("
		"EXISTS (SELECT 1 FROM agreement_party a WHERE a.partner = d.employer) OR "
		"EXISTS (SELECT 1 FROM project_partner pp WHERE pp.partner = d.employer) OR "
		"EXISTS (SELECT 1 FROM placement pl WHERE pl.host = d.employer)) THEN 1 ELSE 0 END), "
		"SUM(CASE WHEN d.position_level = '%s' THEN 1 ELSE 0 END) "
		"FROM destination d JOIN student st ON st.id = d.student "
		"WHERE " IN_PERIOD("d.started_on") " AND (:partner IS NULL OR d.employer = :partner) "
		"AND (:cohort IS NULL OR st.cohort = :cohort) AND (:project IS NULL OR EXISTS ("
		"SELECT 1 FROM subtopic_assignment sa JOIN subtopic s ON s.id = sa.subtopic "
		"WHERE sa.student = d.student AND s.project = :project)) "
		"GROUP BY st.cohort, d.sector ORDER BY st.cohort, ",
		ce__sqr_token(x, CE_ENTITY_DESTINATION, "position_level", CE_POSITION_LEVEL_MIDDLE_MANAGEMENT));
	ce__sqr_enum_order(&b, x, CE_ENTITY_DESTINATION, "sector", "d.sector");
	if ((rc = ce__sqr_new_table(x, 7, names, types)) != CE_OK || (rc = ce__sqr_start_buf(x, &q, &b)) != CE_OK)
		return ce__sqr_finish(x, rc, out);
	while ((rc = ce__sqr_step(x, &q)) == 1) {
		int64_t n = sqlite3_column_int64(q.stmt, 2), at = sqlite3_column_int64(q.stmt, 3);
		int64_t mm = sqlite3_column_int64(q.stmt, 4);
		ce__sqr_row(x);
		ce__sqr_col_int(x, q.stmt, 0, 0);
		ce__sqr_col_text(x, q.stmt, 1, 1);
		ce__sqr_put_int(x, 2, n);
		ce__sqr_put_int(x, 3, at);
		ce__sqr_put_ratio(x, 4, (double)at, (double)n);
		ce__sqr_put_int(x, 5, mm);
		ce__sqr_put_ratio(x, 6, (double)mm, (double)n);
	}
	ce__sqlite_unlease(x->conn, &q);
	return ce__sqr_finish(x, rc < 0 ? rc : CE_OK, out);
}

/* ---- supervision_coverage, students_lacking_supervisor ---------------------------- */

/* The population (graduate students on a subtopic in scope) with whether
 * each has an academic main (a) and an enterprise (e) supervisor. */
static void coverage_cte(ce_sqlbuf *b, const report_ctx *x)
{
	const ce_report_filter *f = x->f;
	ce__sqlbuf_add(b, "WITH pop AS (SELECT st.id, st.number, st.name, st.cohort, st.level");
	for (int k = 0; k < 2; k++) {
		ce__sqlbuf_add(b, ", EXISTS (SELECT 1 FROM supervision sv JOIN supervisor su "
		                  "ON su.id = sv.supervisor WHERE sv.student = st.id AND ");
		if (k == 0)
			ce__sqlbuf_addf(b, "sv.role = '%s' AND su.kind = '%s'",
			                ce__sqr_token(x, CE_ENTITY_SUPERVISION, "role", CE_SUPERVISION_ROLE_MAIN),
			                ce__sqr_token(x, CE_ENTITY_SUPERVISOR, "kind", CE_SUPERVISOR_ACADEMIC));
		else
			ce__sqlbuf_addf(b, "(sv.role = '%s' OR su.kind = '%s')",
			                ce__sqr_token(x, CE_ENTITY_SUPERVISION, "role", CE_SUPERVISION_ROLE_ENTERPRISE),
			                ce__sqr_token(x, CE_ENTITY_SUPERVISOR, "kind", CE_SUPERVISOR_ENTERPRISE));
		ce__sqr_and_overlaps(b, x, "sv.start_date", "sv.end_date");
		ce__sqlbuf_add(b, k == 0 ? ") AS a" : ") AS e");
	}
	ce__sqlbuf_addf(b, " FROM student st WHERE st.level <> '%s'",
	                ce__sqr_token(x, CE_ENTITY_STUDENT, "level", CE_STUDENT_LEVEL_UNDERGRADUATE));
	if (f->cohort)
		ce__sqlbuf_add(b, " AND st.cohort = :cohort");
	/* on a subtopic (of the project; of a project the partner takes part in) */
	ce__sqlbuf_add(b, " AND st.id IN (SELECT sa.student FROM subtopic_assignment sa");
	if (f->project || f->partner)
		ce__sqlbuf_add(b, " JOIN subtopic s ON s.id = sa.subtopic WHERE 1");
	if (f->project)
		ce__sqlbuf_add(b, " AND s.project = :project");
	if (f->partner)
		ce__sqlbuf_add(b, " AND s.project IN (SELECT pp.project FROM project_partner pp "
		                  "WHERE pp.partner = :partner)");
	ce__sqlbuf_add(b, ")) ");
}

static int supervision_coverage(report_ctx *x, ce_table **out)
{
	static const char *const names[] = { "cohort", "students", "with_academic_main",
		                                 "with_enterprise", "with_both", "coverage" };
	static const ce_column_type types[] = { CE_TYPE_INT, CE_TYPE_INT, CE_TYPE_INT,
		                                    CE_TYPE_INT, CE_TYPE_INT, CE_TYPE_REAL };
	ce_sqlite_lease q = { 0 };
	ce_sqlbuf b = { 0 };
	int rc;
	coverage_cte(&b, x);
	ce__sqlbuf_add(&b, "SELECT cohort, COUNT(*), SUM(a), SUM(e), SUM(a AND e) FROM pop "
	                   "GROUP BY cohort ORDER BY cohort");
	if ((rc = ce__sqr_new_table(x, 6, names, types)) != CE_OK || (rc = ce__sqr_start_buf(x, &q, &b)) != CE_OK)
		return ce__sqr_finish(x, rc, out);
	while ((rc = ce__sqr_step(x, &q)) == 1) {
		ce__sqr_row(x);
		for (int k = 0; k < 5; k++)
			ce__sqr_col_int(x, q.stmt, k, k);
		ce__sqr_put_ratio(x, 5, (double)sqlite3_column_int64(q.stmt, 4),
		          (double)sqlite3_column_int64(q.stmt, 1));
	}
	ce__sqlite_unlease(x->conn, &q);
	return ce__sqr_finish(x, rc < 0 ? rc : CE_OK, out);
}

static int students_lacking_supervisor(report_ctx *x, ce_table **out)
{
	static const char *const names[] = { "student", "number", "name", "cohort", "level", "lacks" };
	static const ce_column_type types[] = { CE_TYPE_INT, CE_TYPE_TEXT, CE_TYPE_TEXT,
		                                    CE_TYPE_INT, CE_TYPE_TEXT, CE_TYPE_TEXT };
	ce_sqlite_lease q = { 0 };
	ce_sqlbuf b = { 0 };
	int rc;
	coverage_cte(&b, x);
	ce__sqlbuf_add(&b, "SELECT id, number, name, cohort, level, a, e FROM pop "
	                   "WHERE NOT (a AND e) ORDER BY cohort, number, id");
	if ((rc = ce__sqr_new_table(x, 6, names, types)) != CE_OK || (rc = ce__sqr_start_buf(x, &q, &b)) != CE_OK)
		return ce__sqr_finish(x, rc, out);
	while ((rc = ce__sqr_step(x, &q)) == 1) {
		bool a = sqlite3_column_int(q.stmt, 5), e = sqlite3_column_int(q.stmt, 6);
		ce__sqr_row(x);
		ce__sqr_col_int(x, q.stmt, 0, 0);
		ce__sqr_col_text(x, q.stmt, 1, 1);
		ce__sqr_col_text(x, q.stmt, 2, 2);
		ce__sqr_col_int(x, q.stmt, 3, 3);
		ce__sqr_col_text(x, q.stmt, 4, 4);
		ce__sqr_put_text(x, 5, !a && !e ? "academic_main,enterprise" : !a ? "academic_main" : "enterprise");
	}
	ce__sqlite_unlease(x->conn, &q);
	return ce__sqr_finish(x, rc < 0 ? rc : CE_OK, out);
}

/* ---- placement_health ------------------------------------------------------------ */

/* One statement: the placements in scope with their incidents and whether
 * feedback went both ways, then a row per host (by name) and the total
 * row, each with the median of its feedback delays (the middle one or the
 * mean of the middle two, as the core takes it). */
static void placement_sql(ce_sqlbuf *b, const report_ctx *x)
{
	const ce_report_filter *f = x->f;
	const char *early = ce__sqr_token(x, CE_ENTITY_PLACEMENT, "status", CE_PLACEMENT_STATUS_ENDED_EARLY);
	const char *completed = ce__sqr_token(x, CE_ENTITY_PLACEMENT, "status", CE_PLACEMENT_STATUS_COMPLETED);
	ce__sqlbuf_add(b, "WITH pl AS (SELECT p.id, p.host, p.end_date, p.status FROM placement p");
	if (f->cohort)
		ce__sqlbuf_add(b, " JOIN student st ON st.id = p.student AND st.cohort = :cohort");
	ce__sqlbuf_add(b, " WHERE 1");
	ce__sqr_and_overlaps(b, x, "p.start_date", "p.end_date");
	if (f->partner)
		ce__sqlbuf_add(b, " AND p.host = :partner");
	ce__sqlbuf_addf(
		b,
		"), inc AS (SELECT i.placement, COUNT(*) AS n FROM incident i JOIN pl ON pl.id = i.placement "
		"GROUP BY i.placement), "
		"fb AS (SELECT f.placement, MAX(f.direction = '%s') AND MAX(f.direction = '%s') AS both_ways "
		"FROM feedback f JOIN pl ON pl.id = f.placement GROUP BY f.placement), "
		"x AS (SELECT pl.host, pl.status, IFNULL(inc.n, 0) AS incidents, "
		"pl.status IN ('%s', '%s') AS finished, IFNULL(fb.both_ways, 0) AS both_ways FROM pl "
		"LEFT JOIN inc ON inc.placement = pl.id LEFT JOIN fb ON fb.placement = pl.id), "
		"delay AS (SELECT pl.host, CAST(julianday(f.given_on) - julianday(pl.end_date) AS INTEGER) "
		"AS days FROM pl JOIN feedback f ON f.placement = pl.id WHERE pl.end_date IS NOT NULL), "
		"ranked AS (SELECT host, days, ROW_NUMBER() OVER (PARTITION BY host ORDER BY days) AS k, "
		"COUNT(*) OVER (PARTITION BY host) AS n, ROW_NUMBER() OVER (ORDER BY days) AS tk, "
		"COUNT(*) OVER () AS tn FROM delay), "
		"mh AS (SELECT host, AVG(days) AS days FROM ranked WHERE k IN ((n + 1) / 2, (n + 2) / 2) "
		"GROUP BY host), "
		"mt AS (SELECT AVG(days) AS days FROM ranked WHERE tk IN ((tn + 1) / 2, (tn + 2) / 2)), "
		"stats AS (SELECT host, COUNT(*) AS placements, SUM(incidents) AS incidents, "
		"SUM(status = '%s') AS ended_early, SUM(finished) AS finished, "
		"SUM(finished AND both_ways) AS with_feedback FROM x GROUP BY host), "
		"r AS (SELECT 0 AS total, p.name AS sort_name, s.host AS sort_id, s.host, p.name, "
		"s.placements, s.incidents, s.ended_early, s.finished, s.with_feedback, mh.days FROM stats s "
		"JOIN partner p ON p.id = s.host LEFT JOIN mh ON mh.host = s.host "
		"UNION ALL SELECT 1, NULL, NULL, NULL, '(all)', COUNT(*), IFNULL(SUM(incidents), 0), "
		"IFNULL(SUM(status = '%s'), 0), IFNULL(SUM(finished), 0), "
		"IFNULL(SUM(finished AND both_ways), 0), (SELECT days FROM mt) FROM x) "
		"SELECT host, name, placements, incidents, ended_early, finished, with_feedback, days "
		"FROM r ORDER BY total, sort_name, sort_id",
		ce__sqr_token(x, CE_ENTITY_FEEDBACK, "direction", CE_FEEDBACK_DIRECTION_ENTERPRISE_TO_SCHOOL),
		ce__sqr_token(x, CE_ENTITY_FEEDBACK, "direction", CE_FEEDBACK_DIRECTION_SCHOOL_TO_ENTERPRISE),
		completed, early, early, early);
}

static int placement_health(report_ctx *x, ce_table **out)
{
	static const char *const names[] = { "host", "host_name", "placements", "incidents",
		                                 "incidents_per_100", "ended_early", "finished",
		                                 "with_feedback", "feedback_coverage",
		                                 "median_feedback_days" };
	static const ce_column_type types[] = { CE_TYPE_INT, CE_TYPE_TEXT, CE_TYPE_INT, CE_TYPE_INT,
		                                    CE_TYPE_REAL, CE_TYPE_INT, CE_TYPE_INT, CE_TYPE_INT,
		                                    CE_TYPE_REAL, CE_TYPE_REAL };
	ce_sqlite_lease q = { 0 };
	ce_sqlbuf b = { 0 };
	int rc;
	placement_sql(&b, x);
	if ((rc = ce__sqr_new_table(x, 10, names, types)) != CE_OK || (rc = ce__sqr_start_buf(x, &q, &b)) != CE_OK)
		return ce__sqr_finish(x, rc, out);
	while ((rc = ce__sqr_step(x, &q)) == 1) {
		sqlite3_stmt *st = q.stmt;
		int64_t n = sqlite3_column_int64(st, 2), inc = sqlite3_column_int64(st, 3);
		int64_t finished = sqlite3_column_int64(st, 5), fb = sqlite3_column_int64(st, 6);
		ce__sqr_row(x);
		ce__sqr_col_int(x, st, 0, 0);
		ce__sqr_col_text(x, st, 1, 1);
		ce__sqr_put_int(x, 2, n);
		ce__sqr_put_int(x, 3, inc);
		ce__sqr_put_ratio(x, 4, (double)inc * 100.0, (double)n);
		ce__sqr_col_int(x, st, 4, 5);
		ce__sqr_put_int(x, 6, finished);
		ce__sqr_put_int(x, 7, fb);
		ce__sqr_put_ratio(x, 8, (double)fb, (double)finished);
		if (sqlite3_column_type(st, 7) != SQLITE_NULL)
			ce__sqr_put_real(x, 9, sqlite3_column_double(st, 7));
	}
	ce__sqlite_unlease(x->conn, &q);
	return ce__sqr_finish(x, rc < 0 ? rc : CE_OK, out);
}

/* ---- cooperation_depth ------------------------------------------------------------ */

/* Set-based: each count once over its table, grouped by partner (with the
 * period's overlap when there is one), then joined to the partners. */
static int cooperation_depth(report_ctx *x, ce_table **out)
{
	static const char *const names[] = { "partner", "name", "kind", "depth", "level", "agreements",
		                                 "projects", "placements", "enterprise_supervisors",
		                                 "outcomes" };
	static const ce_column_type types[] = { CE_TYPE_INT, CE_TYPE_TEXT, CE_TYPE_TEXT, CE_TYPE_INT,
		                                    CE_TYPE_TEXT, CE_TYPE_INT, CE_TYPE_INT, CE_TYPE_INT,
		                                    CE_TYPE_INT,  CE_TYPE_INT };
	static const char *const levels[] = { "none", "transactional", "hosting", "co_training",
		                                  "co_creation" };
	const ce_report_filter *f = x->f;
	ce_sqlite_lease q = { 0 };
	ce_sqlbuf b = { 0 };
	int rc;
	/* agreements overlapping the period, and whether one trains people */
	ce__sqlbuf_addf(&b, "WITH ag AS (SELECT ap.partner, COUNT(*) AS n, MAX((a.scopes & %u) <> 0) "
	                    "AS training FROM agreement_party ap JOIN agreement a ON a.id = ap.agreement "
	                    "WHERE 1",
	                (unsigned)(CE_SCOPE_ORDER_CLASS | CE_SCOPE_JOINT_TRAINING_BASE));
	if (f->partner)
		ce__sqlbuf_add(&b, " AND ap.partner = :partner");
	ce__sqr_and_overlaps(&b, x, "a.start_date", "a.end_date");
	/* (project, partner) pairs, whatever the roles */
	ce__sqlbuf_add(&b, " GROUP BY ap.partner), pp AS (SELECT DISTINCT pp.project, pp.partner "
	                   "FROM project_partner pp JOIN project j ON j.id = pp.project WHERE 1");
	if (f->partner)
		ce__sqlbuf_add(&b, " AND pp.partner = :partner");
	ce__sqr_and_overlaps(&b, x, "j.start_date", "j.end_date");
	ce__sqlbuf_add(&b, "), pj AS (SELECT partner, COUNT(*) AS n FROM pp GROUP BY partner), "
	                   "pl AS (SELECT pl.host AS partner, COUNT(*) AS n FROM placement pl WHERE 1");
	if (f->partner)
		ce__sqlbuf_add(&b, " AND pl.host = :partner");
	ce__sqr_and_overlaps(&b, x, "pl.start_date", "pl.end_date");
	/* affiliated enterprise supervisors with a supervision in the period */
	ce__sqlbuf_addf(&b, " GROUP BY pl.host), sv AS (SELECT su.affiliation AS partner, COUNT(*) AS n "
	                    "FROM supervisor su WHERE su.kind = '%s' AND su.affiliation IS NOT NULL",
	                ce__sqr_token(x, CE_ENTITY_SUPERVISOR, "kind", CE_SUPERVISOR_ENTERPRISE));
	if (f->partner)
		ce__sqlbuf_add(&b, " AND su.affiliation = :partner");
	ce__sqlbuf_add(&b, " AND EXISTS (SELECT 1 FROM supervision s WHERE s.supervisor = su.id");
	ce__sqr_and_overlaps(&b, x, "s.start_date", "s.end_date");
	/* hosts of a training base established by the end of the period */
	ce__sqlbuf_addf(&b, ") GROUP BY su.affiliation), tb AS (SELECT DISTINCT ph.partner "
	                    "FROM platform_host ph JOIN platform f ON f.id = ph.platform "
	                    "WHERE f.kind IN ('%s', '%s')",
	                ce__sqr_token(x, CE_ENTITY_PLATFORM, "kind", CE_PLATFORM_GRADUATE_TRAINING_BASE),
	                ce__sqr_token(x, CE_ENTITY_PLATFORM, "kind", CE_PLATFORM_PRACTICE_TEACHING_BASE));
	if (f->to)
		ce__sqlbuf_add(&b, " AND (f.established_on IS NULL OR f.established_on <= :to)");
	/* distinct outcomes attributed to subtopics of its projects */
	ce__sqlbuf_addf(&b,
	                "), oc AS (SELECT pp.partner, COUNT(DISTINCT oa.outcome) AS n FROM pp "
	                "JOIN subtopic s ON s.project = pp.project "
	                "JOIN outcome_attribution oa ON oa.subtopic = s.id GROUP BY pp.partner), "
	                "c AS (SELECT p.id, p.name, p.kind, IFNULL(ag.n, 0) AS agreements, "
	                "IFNULL(pj.n, 0) AS projects, IFNULL(pl.n, 0) AS placements, "
	                "IFNULL(sv.n, 0) AS supervisors, IFNULL(oc.n, 0) AS outcomes, "
	                "IFNULL(ag.training, 0) OR tb.partner IS NOT NULL AS training "
	                "FROM partner p LEFT JOIN ag ON ag.partner = p.id LEFT JOIN pj ON pj.partner = p.id "
	                "LEFT JOIN pl ON pl.partner = p.id LEFT JOIN sv ON sv.partner = p.id "
	                "LEFT JOIN tb ON tb.partner = p.id LEFT JOIN oc ON oc.partner = p.id "
	                "WHERE p.kind <> '%s'%s), "
	                "d AS (SELECT *, CASE WHEN outcomes > 0 THEN 4 "
	                "WHEN training OR supervisors > 0 THEN 3 WHEN placements > 0 THEN 2 "
	                "WHEN agreements > 0 OR projects > 0 THEN 1 ELSE 0 END AS depth FROM c) "
	                "SELECT id, name, kind, depth, agreements, projects, placements, supervisors, "
	                "outcomes FROM d ORDER BY depth DESC, name, id",
	                ce__sqr_token(x, CE_ENTITY_PARTNER, "kind", CE_PARTNER_UNIVERSITY),
	                f->partner ? " AND p.id = :partner" : "");
	if ((rc = ce__sqr_new_table(x, 10, names, types)) != CE_OK || (rc = ce__sqr_start_buf(x, &q, &b)) != CE_OK)
		return ce__sqr_finish(x, rc, out);
	while ((rc = ce__sqr_step(x, &q)) == 1) {
		int depth = sqlite3_column_int(q.stmt, 3);
		ce__sqr_row(x);
		ce__sqr_col_int(x, q.stmt, 0, 0);
		ce__sqr_col_text(x, q.stmt, 1, 1);
		ce__sqr_col_text(x, q.stmt, 2, 2);
		ce__sqr_put_int(x, 3, depth);
		ce__sqr_put_text(x, 4, depth >= 0 && depth <= 4 ? levels[depth] : NULL);
		for (int k = 4; k < 9; k++)
			ce__sqr_col_int(x, q.stmt, k, k + 1);
	}
	ce__sqlite_unlease(x->conn, &q);
	return ce__sqr_finish(x, rc < 0 ? rc : CE_OK, out);
}

/* ---- the entry point -------------------------------------------------------------- */

static const struct {
	const char *name;
	int (*fn)(report_ctx *x, ce_table **out);
} sql_reports[] = {
	{ "supervision_coverage", supervision_coverage },
	{ "students_lacking_supervisor", students_lacking_supervisor },
	{ "guidance_hours", ce__sqr_guidance_hours },
	{ "guidance_by_term", ce__sqr_guidance_by_term },
	{ "cooperation_depth", cooperation_depth },
	{ "placement_health", placement_health },
	{ "destinations", destinations },
	{ "project_pipeline", project_pipeline },
	{ "budget_variance", budget_variance },
};

int ce__sqlite_report(ce_table **out, ce_backend_conn *conn, const char *name,
                      const ce_report_filter *filter)
{
	*out = NULL;
	for (size_t i = 0; i < sizeof sql_reports / sizeof sql_reports[0]; i++)
		if (strcmp(sql_reports[i].name, name) == 0) {
			ce__sqlite_temp_in_memory(conn, false); /* big sorts may spill */
			report_ctx x = { conn, filter, name, NULL, 0, CE_OK };
			return sql_reports[i].fn(&x, out);
		}
	return CE_ENOTSUPPORTED;
}
