/* guidance_hours and guidance_by_term in SQL: the same tables as
 * lib/analytics/guidance.c, computed by aggregates that stream through
 * the engine's sorter instead of loading every session and attendee into
 * memory (the core's way, which grows with the data).
 *
 * The rules, as the core applies them: a session counts when it lies in
 * the period, is about a subtopic of the filter's project, and (with a
 * cohort) has a student of the cohort among its attendees; a session is
 * joint when an academic and an enterprise supervisor attended it; a
 * supervisor meets every student attendee (of the cohort) of the sessions
 * they attended; evaluations count when their period meets the filter's;
 * the partner picks supervisors by affiliation, not projects. */
#include <stdio.h>

#include "sql_report.h"

/* Whether the filter narrows the sessions (the partner picks supervisors). */
static bool sessions_narrowed(const ce_report_filter *f)
{
	return f->from || f->to || f->project || f->cohort;
}

/* "s": the sessions in the filter (id, held_on, minutes). Only the
 * members the filter sets become clauses. */
static void sessions_in_filter(ce_sqlbuf *b, const report_ctx *x)
{
	const ce_report_filter *f = x->f;
	ce__sqlbuf_add(b, "s AS (SELECT g.id, g.held_on, COALESCE(g.duration_minutes, 0) AS minutes "
	                  "FROM guidance_session g WHERE TRUE");
	if (f->from)
		ce__sqlbuf_add(b, " AND g.held_on >= :from");
	if (f->to)
		ce__sqlbuf_add(b, " AND g.held_on <= :to");
	if (f->project)
		ce__sqlbuf_addf(b, " AND g.subtopic IN (SELECT id FROM subtopic WHERE project IN %s)",
		                ce__sqr_project_set(x));
	if (f->cohort)
		ce__sqlbuf_add(b, " AND EXISTS (SELECT 1 FROM guidance_attendee c JOIN student st "
		                  "ON st.id = c.student WHERE c.session = g.id AND st.cohort = :cohort)");
	ce__sqlbuf_add(b, ")");
}

/* The supervisor attendee a and student attendee b of each session in s
 * (b of the cohort, when there is one). s is joined when the caller reads
 * it or when it is narrower than every session: joining it needlessly
 * makes SQLite copy it first, a quarter of guidance_hours' time. */
static void meetings_from(ce_sqlbuf *b, const report_ctx *x, bool join_s)
{
	ce__sqlbuf_add(b, "FROM guidance_attendee a ");
	if (join_s || sessions_narrowed(x->f))
		ce__sqlbuf_add(b, "JOIN s ON s.id = a.session ");
	ce__sqlbuf_add(b, "JOIN guidance_attendee b ON b.session = a.session");
	if (x->f->cohort)
		ce__sqlbuf_add(b, " JOIN student st ON st.id = b.student AND st.cohort = :cohort");
	ce__sqlbuf_add(b, " WHERE a.supervisor IS NOT NULL AND b.student IS NOT NULL");
}

static void hours_sql(ce_sqlbuf *b, const report_ctx *x)
{
	const char *enterprise = ce__sqr_token(x, CE_ENTITY_SUPERVISOR, "kind", CE_SUPERVISOR_ENTERPRISE);
	ce__sqlbuf_add(b, "WITH ");
	sessions_in_filter(b, x);
	/* joint: an academic and an enterprise supervisor attended */
	ce__sqlbuf_addf(b, ", kinds AS (SELECT a.session, MAX(CASE WHEN p.kind = '%s' THEN 1 ELSE 0 END) "
	                   "* MAX(CASE WHEN p.kind = '%s' THEN 1 ELSE 0 END) AS joint "
	                   "FROM guidance_attendee a JOIN supervisor p ON p.id = a.supervisor "
	                   "GROUP BY a.session), ",
	                ce__sqr_token(x, CE_ENTITY_SUPERVISOR, "kind", CE_SUPERVISOR_ACADEMIC), enterprise);
	ce__sqlbuf_add(b, "per AS (SELECT a.supervisor AS sup, COUNT(*) AS n, SUM(s.minutes) AS "
	                  "minutes, SUM(k.joint) AS joint FROM guidance_attendee a JOIN s "
	                  "ON s.id = a.session JOIN kinds k ON k.session = a.session "
	                  "WHERE a.supervisor IS NOT NULL GROUP BY a.supervisor), "
	                  "stu AS (SELECT a.supervisor AS sup, COUNT(DISTINCT b.student) AS n ");
	meetings_from(b, x, false);
	ce__sqlbuf_add(b, " GROUP BY a.supervisor), ev AS (SELECT e.supervisor AS sup, COUNT(*) AS n, "
	                  "SUM(e.score) AS total FROM evaluation e WHERE TRUE");
	ce__sqr_and_overlaps(b, x, "e.period_start", "e.period_end");
	ce__sqlbuf_add(b, " GROUP BY e.supervisor) SELECT p.id, p.name, p.kind, COALESCE(per.n, 0), "
	                  "COALESCE(per.minutes, 0), COALESCE(stu.n, 0), COALESCE(per.joint, 0), "
	                  "ev.total, COALESCE(ev.n, 0) FROM supervisor p "
	                  "LEFT JOIN per ON per.sup = p.id LEFT JOIN stu ON stu.sup = p.id "
	                  "LEFT JOIN ev ON ev.sup = p.id");
	if (x->f->partner)
		ce__sqlbuf_add(b, " WHERE p.affiliation = :partner");
	/* enterprise supervisors first, then by kind, name (bytes), id */
	ce__sqlbuf_addf(b, " ORDER BY CASE WHEN p.kind = '%s' THEN 0 ELSE 1 END, ", enterprise);
	ce__sqr_enum_order(b, x, CE_ENTITY_SUPERVISOR, "kind", "p.kind");
	ce__sqlbuf_add(b, ", ");
	ce__sqr_order_bytes(b, x, "p.name");
	ce__sqlbuf_add(b, ", p.id");
}

static void guidance_hours_row(report_ctx *x, ce_sql_stmt *q)
{
	int64_t sessions = ce__sqr_int(x, q, 3), students = ce__sqr_int(x, q, 5);
	int64_t joint = ce__sqr_int(x, q, 6), evaluations = ce__sqr_int(x, q, 8);
	double hours = (double)ce__sqr_int(x, q, 4) / 60.0;
	ce__sqr_row(x);
	ce__sqr_col_int(x, q, 0, 0);
	ce__sqr_col_text(x, q, 1, 1);
	ce__sqr_col_text(x, q, 2, 2);
	ce__sqr_put_int(x, 3, sessions);
	ce__sqr_put_real(x, 4, hours);
	ce__sqr_put_int(x, 5, students);
	ce__sqr_put_ratio(x, 6, hours, (double)students);
	ce__sqr_put_int(x, 7, joint);
	ce__sqr_put_ratio(x, 8, (double)joint, (double)sessions);
	ce__sqr_put_ratio(x, 9, ce__sqr_real(x, q, 7), (double)evaluations);
	ce__sqr_put_int(x, 10, evaluations);
}

int ce__sqr_guidance_hours(report_ctx *x)
{
	static const char *const names[] = { "supervisor", "name", "kind", "sessions", "hours",
		                                 "students", "hours_per_student", "joint_sessions",
		                                 "joint_share", "evaluation_score", "evaluations" };
	static const ce_column_type types[] = { CE_TYPE_INT,  CE_TYPE_TEXT, CE_TYPE_TEXT, CE_TYPE_INT,
		                                    CE_TYPE_REAL, CE_TYPE_INT,  CE_TYPE_REAL, CE_TYPE_INT,
		                                    CE_TYPE_REAL, CE_TYPE_REAL, CE_TYPE_INT };
	ce_sqlbuf b = { 0 };
	hours_sql(&b, x);
	return ce__sqr_start(x, &b, 11, names, types, guidance_hours_row);
}

/* The term of date d as the core keys it: year * 2 + 1 for the autumn
 * term (August to the next January), year * 2 for spring. */
static void term_key(ce_sqlbuf *b, const report_ctx *x, const char *d)
{
	ce__sqlbuf_add(b, "CASE WHEN ");
	ce__sqr_month_of(b, x, d);
	ce__sqlbuf_add(b, " = 1 THEN (");
	ce__sqr_year_of(b, x, d);
	ce__sqlbuf_add(b, " - 1) * 2 + 1 WHEN ");
	ce__sqr_month_of(b, x, d);
	ce__sqlbuf_add(b, " >= 8 THEN ");
	ce__sqr_year_of(b, x, d);
	ce__sqlbuf_add(b, " * 2 + 1 ELSE ");
	ce__sqr_year_of(b, x, d);
	ce__sqlbuf_add(b, " * 2 END");
}

static void guidance_by_term_row(report_ctx *x, ce_sql_stmt *q)
{
	int64_t term = ce__sqr_int(x, q, 4);
	char text[32];
	snprintf(text, sizeof text, "%lld-%s", (long long)(term / 2), term % 2 ? "autumn" : "spring");
	ce__sqr_row(x);
	ce__sqr_col_int(x, q, 0, 0);
	ce__sqr_col_text(x, q, 1, 1);
	ce__sqr_col_int(x, q, 2, 2);
	ce__sqr_col_text(x, q, 3, 3);
	ce__sqr_put_text(x, 4, text);
	ce__sqr_col_int(x, q, 5, 5);
	ce__sqr_put_real(x, 6, (double)ce__sqr_int(x, q, 6) / 60.0);
}

int ce__sqr_guidance_by_term(report_ctx *x)
{
	static const char *const names[] = { "supervisor", "supervisor_name", "student",
		                                 "student_name", "term", "sessions", "hours" };
	static const ce_column_type types[] = { CE_TYPE_INT,  CE_TYPE_TEXT, CE_TYPE_INT, CE_TYPE_TEXT,
		                                    CE_TYPE_TEXT, CE_TYPE_INT,  CE_TYPE_REAL };
	ce_sqlbuf b = { 0 };
	ce__sqlbuf_add(&b, "WITH ");
	sessions_in_filter(&b, x);
	ce__sqlbuf_add(&b, ", m AS (SELECT a.supervisor AS sup, b.student AS student, s.minutes, ");
	term_key(&b, x, "s.held_on");
	ce__sqlbuf_add(&b, " AS term ");
	meetings_from(&b, x, true);
	if (x->f->partner)
		ce__sqlbuf_add(&b, " AND a.supervisor IN (SELECT id FROM supervisor "
		                   "WHERE affiliation = :partner)");
	/* a name is one per group: MIN() says so to engines that want every
	 * column grouped, without making it part of the sort key */
	ce__sqlbuf_add(&b, ") SELECT m.sup, MIN(p.name), m.student, MIN(st.name), m.term, COUNT(*), "
	                   "SUM(m.minutes) FROM m JOIN supervisor p ON p.id = m.sup "
	                   "LEFT JOIN student st ON st.id = m.student "
	                   "GROUP BY m.sup, m.student, m.term ORDER BY m.sup, m.student, m.term");
	return ce__sqr_start(x, &b, 7, names, types, guidance_by_term_row);
}
