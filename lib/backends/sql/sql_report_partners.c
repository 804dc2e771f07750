/* placement_health and cooperation_depth in SQL: the reports about
 * partners, the same tables as lib/analytics/placement.c and depth.c.
 * Portable SQL as in sql_reports.c (flags are integers 0/1). */
#include <stdio.h>

#include "sql_report.h"

/* ---- placement_health ------------------------------------------------------------ */

/* One statement: the placements in scope with their incidents and whether
 * feedback went both ways, then a row per host (by name) and the total
 * row, each with the median of its feedback delays from the placement's
 * end (the middle one or the mean of the middle two, as the core takes
 * it) and the feedback given before the end (or with no end yet). */
static void placement_sql(ce_sqlbuf *b, const report_ctx *x)
{
	const ce_report_filter *f = x->f;
	const char *early = ce__sqr_token(x, CE_ENTITY_PLACEMENT, "status", CE_PLACEMENT_STATUS_ENDED_EARLY);
	const char *completed = ce__sqr_token(x, CE_ENTITY_PLACEMENT, "status", CE_PLACEMENT_STATUS_COMPLETED);
	const char *inl = x->c->dialect->inline_cte ? x->c->dialect->inline_cte : "";
	ce__sqlbuf_addf(b, "WITH pl AS%s (SELECT p.id, p.host, p.end_date, p.status FROM placement p",
	                inl);
	if (f->cohort)
		ce__sqlbuf_add(b, " JOIN student st ON st.id = p.student AND st.cohort = :cohort");
	ce__sqlbuf_add(b, " WHERE TRUE");
	ce__sqr_and_overlaps(b, x, "p.start_date", "p.end_date");
	if (f->partner)
		ce__sqlbuf_add(b, " AND p.host = :partner");
	/* incidents and feedback per placement: of those in scope when the
	 * filter narrows it, else of every placement directly (x joins them to
	 * the placements in scope either way) */
	const char *scoped = f->cohort || f->partner || f->from || f->to ? " JOIN pl ON pl.id = " : NULL;
	ce__sqlbuf_add(b, "), inc AS (SELECT i.placement, COUNT(*) AS n FROM incident i");
	if (scoped)
		ce__sqlbuf_addf(b, "%si.placement", scoped);
	ce__sqlbuf_addf(b, " GROUP BY i.placement), fb AS (SELECT f.placement, MAX(CASE WHEN "
	                   "f.direction = '%s' THEN 1 ELSE 0 END) * MAX(CASE WHEN f.direction = '%s' "
	                   "THEN 1 ELSE 0 END) AS both_ways FROM feedback f",
	                ce__sqr_token(x, CE_ENTITY_FEEDBACK, "direction",
	                              CE_FEEDBACK_DIRECTION_ENTERPRISE_TO_SCHOOL),
	                ce__sqr_token(x, CE_ENTITY_FEEDBACK, "direction",
	                              CE_FEEDBACK_DIRECTION_SCHOOL_TO_ENTERPRISE));
	if (scoped)
		ce__sqlbuf_addf(b, "%sf.placement", scoped);
	ce__sqlbuf_addf(
		b,
		" GROUP BY f.placement), "
		"x AS (SELECT pl.host, pl.status, COALESCE(inc.n, 0) AS incidents, "
		"CASE WHEN pl.status IN ('%s', '%s') THEN 1 ELSE 0 END AS finished, "
		"COALESCE(fb.both_ways, 0) AS both_ways FROM pl "
		"LEFT JOIN inc ON inc.placement = pl.id LEFT JOIN fb ON fb.placement = pl.id), "
		"delay AS (SELECT pl.host, ",
		completed, early);
	ce__sqr_days_between(b, x, "f.given_on", "pl.end_date");
	ce__sqlbuf_add(b, " AS days FROM pl JOIN feedback f ON f.placement = pl.id "
	                  "WHERE f.given_on >= pl.end_date), "
	                  "dur AS (SELECT pl.host, COUNT(*) AS n FROM pl JOIN feedback f ON f.placement = pl.id "
	                  "WHERE pl.end_date IS NULL OR f.given_on < pl.end_date GROUP BY pl.host), ");
	if (x->c->dialect->median) { /* an aggregate: one sort per group */
		ce__sqlbuf_add(b, "mh AS (SELECT host, ");
		ce__sqlbuf_template(b, x->c->dialect->median, "days", NULL);
		ce__sqlbuf_add(b, " AS days FROM delay GROUP BY host), mt AS (SELECT ");
		ce__sqlbuf_template(b, x->c->dialect->median, "days", NULL);
		ce__sqlbuf_add(b, " AS days FROM delay), ");
	} else {
		ce__sqlbuf_add(
			b,
			"ranked AS (SELECT host, days, ROW_NUMBER() OVER (PARTITION BY host ORDER BY days) AS k, "
			"COUNT(*) OVER (PARTITION BY host) AS n, ROW_NUMBER() OVER (ORDER BY days) AS tk, "
			"COUNT(*) OVER () AS tn FROM delay), "
			"mh AS (SELECT host, AVG(days) AS days FROM ranked WHERE k IN ((n + 1) / 2, (n + 2) / 2) "
			"GROUP BY host), "
			"mt AS (SELECT AVG(days) AS days FROM ranked WHERE tk IN ((tn + 1) / 2, (tn + 2) / 2)), ");
	}
	ce__sqlbuf_addf(
		b,
		"stats AS (SELECT host, COUNT(*) AS placements, SUM(incidents) AS incidents, "
		"COUNT(*) FILTER (WHERE status = '%s') AS ended_early, SUM(finished) AS finished, "
		"SUM(finished * both_ways) AS with_feedback FROM x GROUP BY host), "
		"r AS (SELECT 0 AS total, p.name AS sort_name, s.host AS sort_id, s.host, p.name, "
		"s.placements, s.incidents, s.ended_early, s.finished, s.with_feedback, mh.days, "
		"COALESCE(dur.n, 0) AS during FROM stats s "
		"JOIN partner p ON p.id = s.host LEFT JOIN mh ON mh.host = s.host "
		"LEFT JOIN dur ON dur.host = s.host "
		"UNION ALL SELECT 1, NULL, NULL, NULL, '(all)', COUNT(*), COALESCE(SUM(incidents), 0), "
		"COUNT(*) FILTER (WHERE status = '%s'), COALESCE(SUM(finished), 0), "
		"COALESCE(SUM(finished * both_ways), 0), (SELECT days FROM mt), "
		"(SELECT COALESCE(SUM(n), 0) FROM dur) FROM x) "
		"SELECT host, name, placements, incidents, ended_early, finished, with_feedback, days, "
		"during FROM r ORDER BY total, ",
		early, early);
	ce__sqr_order_bytes(b, x, "sort_name");
	ce__sqlbuf_add(b, ", sort_id");
}

static void placement_health_row(report_ctx *x, ce_sql_stmt *q)
{
	int64_t n = ce__sqr_int(x, q, 2), inc = ce__sqr_int(x, q, 3);
	int64_t finished = ce__sqr_int(x, q, 5), fb = ce__sqr_int(x, q, 6);
	ce__sqr_row(x);
	ce__sqr_col_int(x, q, 0, 0);
	ce__sqr_col_text(x, q, 1, 1);
	ce__sqr_put_int(x, 2, n);
	ce__sqr_put_int(x, 3, inc);
	ce__sqr_put_ratio(x, 4, (double)inc * 100.0, (double)n);
	ce__sqr_col_int(x, q, 4, 5);
	ce__sqr_put_int(x, 6, finished);
	ce__sqr_put_int(x, 7, fb);
	ce__sqr_put_ratio(x, 8, (double)fb, (double)finished);
	if (!ce__sqr_null(x, q, 7))
		ce__sqr_put_real(x, 9, ce__sqr_real(x, q, 7));
	ce__sqr_col_int(x, q, 8, 10);
}

int ce__sqr_placement_health(report_ctx *x)
{
	static const char *const names[] = { "host", "host_name", "placements", "incidents",
		                                 "incidents_per_100", "ended_early", "finished",
		                                 "with_feedback", "feedback_coverage",
		                                 "median_feedback_days", "feedback_during" };
	static const ce_column_type types[] = { CE_TYPE_INT, CE_TYPE_TEXT, CE_TYPE_INT, CE_TYPE_INT,
		                                    CE_TYPE_REAL, CE_TYPE_INT, CE_TYPE_INT, CE_TYPE_INT,
		                                    CE_TYPE_REAL, CE_TYPE_REAL, CE_TYPE_INT };
	ce_sqlbuf b = { 0 };
	placement_sql(&b, x);
	return ce__sqr_start(x, &b, 11, names, types, placement_health_row);
}

/* ---- cooperation_depth ------------------------------------------------------------ */

/* "FROM project_partner pp" with the projects in scope: the partner's,
 * overlapping the period (the project is joined only for a period: the
 * foreign key has it otherwise). */
static void partner_projects(ce_sqlbuf *b, const report_ctx *x)
{
	bool period = x->f->from || x->f->to;
	ce__sqlbuf_addf(b, " FROM project_partner pp%s", period ? " JOIN project j ON j.id = pp.project" : "");
}

static void partner_projects_where(ce_sqlbuf *b, const report_ctx *x)
{
	if (x->f->partner)
		ce__sqlbuf_add(b, " AND pp.partner = :partner");
	ce__sqr_and_overlaps(b, x, "j.start_date", "j.end_date");
}

/* Set-based: each count once over its table, grouped by partner (with the
 * period's overlap when there is one), then joined to the partners. As
 * depth.c: agreement scopes, funding and using results do not deepen. */
static void depth_sql(ce_sqlbuf *b, const report_ctx *x)
{
	const ce_report_filter *f = x->f;
	bool period = f->from || f->to;
	const char *sup_kind = ce__sqr_token(x, CE_ENTITY_SUPERVISOR, "kind", CE_SUPERVISOR_ENTERPRISE);
	/* agreements overlapping the period (each party's agreement exists:
	 * it is joined for its dates only) */
	ce__sqlbuf_addf(b, "WITH ag AS (SELECT ap.partner, COUNT(*) AS n FROM agreement_party ap%s "
	                   "WHERE TRUE", period ? " JOIN agreement a ON a.id = ap.agreement" : "");
	if (f->partner)
		ce__sqlbuf_add(b, " AND ap.partner = :partner");
	ce__sqr_and_overlaps(b, x, "a.start_date", "a.end_date");
	/* projects, whatever the roles: each (project, partner) pair once */
	ce__sqlbuf_add(b, " GROUP BY ap.partner), pj AS (SELECT pp.partner, "
	                  "COUNT(DISTINCT pp.project) AS n");
	partner_projects(b, x);
	ce__sqlbuf_add(b, " WHERE TRUE");
	partner_projects_where(b, x);
	ce__sqlbuf_add(b, " GROUP BY pp.partner), "
	                  "pl AS (SELECT pl.host AS partner, COUNT(*) AS n FROM placement pl WHERE TRUE");
	if (f->partner)
		ce__sqlbuf_add(b, " AND pl.host = :partner");
	ce__sqr_and_overlaps(b, x, "pl.start_date", "pl.end_date");
	/* affiliated enterprise supervisors supervising or mentoring in the period */
	ce__sqlbuf_addf(b, " GROUP BY pl.host), sv AS (SELECT su.affiliation AS partner, COUNT(*) AS n "
	                   "FROM supervisor su WHERE su.kind = '%s' AND su.affiliation IS NOT NULL",
	                sup_kind);
	if (f->partner)
		ce__sqlbuf_add(b, " AND su.affiliation = :partner");
	ce__sqlbuf_add(b, " AND (EXISTS (SELECT 1 FROM supervision s WHERE s.supervisor = su.id");
	ce__sqr_and_overlaps(b, x, "s.start_date", "s.end_date");
	ce__sqlbuf_add(b, ") OR EXISTS (SELECT 1 FROM placement m WHERE m.mentor = su.id");
	ce__sqr_and_overlaps(b, x, "m.start_date", "m.end_date");
	/* hosts of a training base established by the end of the period */
	ce__sqlbuf_addf(b, ")) GROUP BY su.affiliation), tb AS (SELECT DISTINCT ph.partner "
	                   "FROM platform_host ph JOIN platform f ON f.id = ph.platform "
	                   "WHERE f.kind IN ('%s', '%s')",
	                ce__sqr_token(x, CE_ENTITY_PLATFORM, "kind", CE_PLATFORM_GRADUATE_TRAINING_BASE),
	                ce__sqr_token(x, CE_ENTITY_PLATFORM, "kind", CE_PLATFORM_PRACTICE_TEACHING_BASE));
	if (f->to)
		ce__sqlbuf_add(b, " AND (f.established_on IS NULL OR f.established_on <= :to)");
	/* outcomes it co-created: attributed to subtopics of the projects it
	 * does research in, or with one of its supervisors among the
	 * contributors (first filed in the period) */
	ce__sqlbuf_add(b, "), co AS (SELECT pp.partner, oa.outcome");
	partner_projects(b, x);
	ce__sqlbuf_addf(b, " JOIN subtopic s ON s.project = pp.project "
	                   "JOIN outcome_attribution oa ON oa.subtopic = s.id "
	                   "WHERE pp.role IN ('%s', '%s', '%s')",
	                ce__sqr_token(x, CE_ENTITY_PROJECT_PARTNER, "role", CE_PROJECT_ROLE_LEAD),
	                ce__sqr_token(x, CE_ENTITY_PROJECT_PARTNER, "role", CE_PROJECT_ROLE_CO_APPLICANT),
	                ce__sqr_token(x, CE_ENTITY_PROJECT_PARTNER, "role", CE_PROJECT_ROLE_HOST));
	partner_projects_where(b, x);
	ce__sqlbuf_add(b, " UNION SELECT su.affiliation, oc.outcome FROM outcome_contributor oc "
	                  "JOIN supervisor su ON su.id = oc.supervisor");
	if (f->from || f->to)
		ce__sqlbuf_add(b, " JOIN (SELECT record, MIN(on_date) AS first FROM outcome_status_history "
		                  "GROUP BY record) h ON h.record = oc.outcome");
	ce__sqlbuf_add(b, " WHERE su.affiliation IS NOT NULL");
	if (f->partner)
		ce__sqlbuf_add(b, " AND su.affiliation = :partner");
	if (f->from || f->to)
		ce__sqlbuf_add(b, " AND (:from IS NULL OR h.first >= :from) AND (:to IS NULL OR h.first <= :to)");
	ce__sqlbuf_addf(b,
	                "), oc AS (SELECT partner, COUNT(*) AS n FROM co GROUP BY partner), "
	                "c AS (SELECT p.id, p.name, p.kind, COALESCE(ag.n, 0) AS agreements, "
	                "COALESCE(pj.n, 0) AS projects, COALESCE(pl.n, 0) AS placements, "
	                "COALESCE(sv.n, 0) AS supervisors, COALESCE(oc.n, 0) AS outcomes, "
	                "CASE WHEN tb.partner IS NOT NULL THEN 1 ELSE 0 END AS training "
	                "FROM partner p LEFT JOIN ag ON ag.partner = p.id LEFT JOIN pj ON pj.partner = p.id "
	                "LEFT JOIN pl ON pl.partner = p.id LEFT JOIN sv ON sv.partner = p.id "
	                "LEFT JOIN tb ON tb.partner = p.id LEFT JOIN oc ON oc.partner = p.id "
	                "WHERE p.kind <> '%s'%s), "
	                "d AS (SELECT c.*, CASE WHEN outcomes > 0 THEN 4 "
	                "WHEN training = 1 OR supervisors > 0 THEN 3 WHEN placements > 0 THEN 2 "
	                "WHEN agreements > 0 OR projects > 0 THEN 1 ELSE 0 END AS depth FROM c) "
	                "SELECT id, name, kind, depth, agreements, projects, placements, supervisors, "
	                "outcomes FROM d ORDER BY depth DESC, ",
	                ce__sqr_token(x, CE_ENTITY_PARTNER, "kind", CE_PARTNER_UNIVERSITY),
	                f->partner ? " AND p.id = :partner" : "");
	ce__sqr_order_bytes(b, x, "name");
	ce__sqlbuf_add(b, ", id");
}

static const char *const levels[] = { "none", "transactional", "hosting", "co_training",
	                                  "co_creation" };

static void cooperation_depth_row(report_ctx *x, ce_sql_stmt *q)
{
	int64_t depth = ce__sqr_int(x, q, 3);
	ce__sqr_row(x);
	ce__sqr_col_int(x, q, 0, 0);
	ce__sqr_col_text(x, q, 1, 1);
	ce__sqr_col_text(x, q, 2, 2);
	ce__sqr_put_int(x, 3, depth);
	ce__sqr_put_text(x, 4, depth >= 0 && depth <= 4 ? levels[depth] : NULL);
	for (int k = 4; k < 9; k++)
		ce__sqr_col_int(x, q, k, k + 1);
}

int ce__sqr_cooperation_depth(report_ctx *x)
{
	static const char *const names[] = { "partner", "name", "kind", "depth", "level", "agreements",
		                                 "projects", "placements", "enterprise_supervisors",
		                                 "outcomes" };
	static const ce_column_type types[] = { CE_TYPE_INT, CE_TYPE_TEXT, CE_TYPE_TEXT, CE_TYPE_INT,
		                                    CE_TYPE_TEXT, CE_TYPE_INT, CE_TYPE_INT, CE_TYPE_INT,
		                                    CE_TYPE_INT,  CE_TYPE_INT };
	ce_sqlbuf b = { 0 };
	depth_sql(&b, x);
	return ce__sqr_start(x, &b, 10, names, types, cooperation_depth_row);
}
