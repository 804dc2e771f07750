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

#include "coopedu.h"
#include "coopedu/sys/table.h"
#include "sqlite_internal.h"

/* The date d lies in the period (any d when there is no period). */
#define IN_PERIOD(d)                                                                    \
	"((:from IS NULL AND :to IS NULL) OR (" d " IS NOT NULL AND (:from IS NULL OR " d \
	" >= :from) AND (:to IS NULL OR " d " <= :to)))"
/* [s, e] meets the period; a NULL end is open. */
#define OVERLAPS(s, e) \
	"((:to IS NULL OR " s " IS NULL OR " s " <= :to) AND (:from IS NULL OR " e " IS NULL OR " e " >= :from))"

/* ---- statements and the filter ------------------------------------------------ */

typedef struct report_ctx {
	ce_backend_conn *conn;
	const ce_report_filter *f;
	const char *name;
	ce_table *t; /* being built */
	size_t row;
	int rc;      /* first failure while writing cells */
} report_ctx;

static int bind_filter(report_ctx *x, sqlite3_stmt *st)
{
	const ce_report_filter *f = x->f;
	char from[11], to[11];
	int rc = SQLITE_OK, i;
	if ((i = sqlite3_bind_parameter_index(st, ":from")) > 0)
		rc = f->from && ce__sqlite_date_text(from, f->from) == 0
		         ? sqlite3_bind_text(st, i, from, -1, SQLITE_TRANSIENT)
		         : sqlite3_bind_null(st, i);
	if (rc == SQLITE_OK && (i = sqlite3_bind_parameter_index(st, ":to")) > 0)
		rc = f->to && ce__sqlite_date_text(to, f->to) == 0
		         ? sqlite3_bind_text(st, i, to, -1, SQLITE_TRANSIENT)
		         : sqlite3_bind_null(st, i);
	if (rc == SQLITE_OK && (i = sqlite3_bind_parameter_index(st, ":partner")) > 0)
		rc = f->partner ? sqlite3_bind_int64(st, i, f->partner) : sqlite3_bind_null(st, i);
	if (rc == SQLITE_OK && (i = sqlite3_bind_parameter_index(st, ":project")) > 0)
		rc = f->project ? sqlite3_bind_int64(st, i, f->project) : sqlite3_bind_null(st, i);
	if (rc == SQLITE_OK && (i = sqlite3_bind_parameter_index(st, ":cohort")) > 0)
		rc = f->cohort ? sqlite3_bind_int64(st, i, f->cohort) : sqlite3_bind_null(st, i);
	return rc == SQLITE_OK ? CE_OK : ce__sqlite_fail(x->conn, rc, "report %s: bind", x->name);
}

/* Leases the statement for sql (cached by its text) with the filter bound. */
static int start(report_ctx *x, ce_sqlite_lease *lease, const char *sql)
{
	int rc = ce__sqlite_lease(lease, x->conn, sql);
	if (rc != CE_OK)
		return rc;
	if ((rc = bind_filter(x, lease->stmt)) != CE_OK)
		ce__sqlite_unlease(x->conn, lease);
	return rc;
}

/* SQLITE_ROW: 1; SQLITE_DONE: 0; otherwise the failure (negative). */
static int step(report_ctx *x, ce_sqlite_lease *lease)
{
	int rc = sqlite3_step(lease->stmt);
	if (rc == SQLITE_ROW)
		return 1;
	if (rc == SQLITE_DONE)
		return 0;
	return ce__sqlite_fail(x->conn, rc, "report %s", x->name);
}

/* The token naming value of an ENUM column, from the schema. */
static const char *token(const report_ctx *x, int table, const char *column, int value)
{
	const ce_table_def *t = x->conn->schema->tables[table];
	for (int c = 0; c < t->ncolumns; c++)
		if (strcmp(t->columns[c].name, column) == 0)
			return value > 0 && value < t->columns[c].ntokens ? t->columns[c].tokens[value] : "";
	return "";
}

/* "CASE expr WHEN 'tok1' THEN 1 ... END": an ENUM's order by value. */
static void enum_order(ce_sqlbuf *b, const report_ctx *x, int table, const char *column,
                       const char *expr)
{
	const ce_table_def *t = x->conn->schema->tables[table];
	ce__sqlbuf_addf(b, "CASE %s", expr);
	for (int c = 0; c < t->ncolumns; c++)
		if (strcmp(t->columns[c].name, column) == 0)
			for (int v = 1; v < t->columns[c].ntokens; v++) {
				ce__sqlbuf_add(b, " WHEN ");
				ce__sqlbuf_literal(b, t->columns[c].tokens[v]);
				ce__sqlbuf_addf(b, " THEN %d", v);
			}
	ce__sqlbuf_add(b, " END");
}

/* ---- writing the table ---------------------------------------------------------- */

static int new_table(report_ctx *x, int n, const char *const *names, const ce_column_type *types)
{
	int rc = ce_table_new(&x->t, x->name, n, names, types);
	return rc == CE_OK ? rc : ce__sqlite_error(x->conn, rc, "report %s: %s", x->name, ce_last_errmsg());
}

static void row(report_ctx *x)
{
	if (x->rc == CE_OK)
		x->rc = ce_table_append_row(&x->row, x->t);
}

static void put_int(report_ctx *x, int col, int64_t v)
{
	if (x->rc == CE_OK)
		x->rc = ce_table_set_int(x->t, x->row, col, v);
}

static void put_real(report_ctx *x, int col, double v)
{
	if (x->rc == CE_OK)
		x->rc = ce_table_set_real(x->t, x->row, col, v);
}

/* num / den as the core divides, or NULL when den is 0. */
static void put_ratio(report_ctx *x, int col, double num, double den)
{
	if (den != 0)
		put_real(x, col, num / den);
}

static void put_text(report_ctx *x, int col, const char *s)
{
	if (x->rc == CE_OK)
		x->rc = ce_table_set_text(x->t, x->row, col, s);
}

/* Result column k of the current row into table column col. */
static void col_int(report_ctx *x, sqlite3_stmt *st, int k, int col)
{
	if (sqlite3_column_type(st, k) != SQLITE_NULL)
		put_int(x, col, sqlite3_column_int64(st, k));
}

static void col_text(report_ctx *x, sqlite3_stmt *st, int k, int col)
{
	put_text(x, col, (const char *)sqlite3_column_text(st, k));
}

/* Hands the table over, or frees it and returns the failure. */
static int finish(report_ctx *x, int rc, ce_table **out)
{
	if (rc == CE_OK && x->rc != CE_OK)
		rc = ce__sqlite_error(x->conn, x->rc, "report %s: %s", x->name, ce_last_errmsg());
	if (rc != CE_OK) {
		ce_table_free(x->t);
		x->t = NULL;
		return rc;
	}
	*out = x->t;
	x->t = NULL;
	return CE_OK;
}

/* Runs a built SQL text through start(); fails on a builder's ENOMEM. */
static int start_buf(report_ctx *x, ce_sqlite_lease *lease, ce_sqlbuf *b)
{
	int rc = b->failed ? ce__sqlite_error(x->conn, CE_ENOMEM, "report %s: out of memory", x->name)
	                   : start(x, lease, b->p);
	ce__sqlbuf_free(b);
	return rc;
}

/* ---- project_pipeline ---------------------------------------------------------- */

#define PROJECT_SCOPE(p)                                                                   \
	"(:project IS NULL OR " p ".id = :project) AND (:partner IS NULL OR EXISTS (SELECT 1 " \
	"FROM project_partner pp WHERE pp.project = " p ".id AND pp.partner = :partner))"

static int project_pipeline(report_ctx *x, ce_table **out)
{
	static const char *const names[] = { "stage", "projects", "active", "completed", "currency",
		                                 "budget" };
	static const ce_column_type types[] = { CE_TYPE_TEXT, CE_TYPE_INT, CE_TYPE_INT, CE_TYPE_INT,
		                                    CE_TYPE_TEXT, CE_TYPE_INT };
	ce_sqlite_lease counts = { 0 }, budgets = { 0 };
	ce_sqlbuf b = { 0 };
	int rc;
	ce__sqlbuf_addf(&b,
	                "SELECT stage, COUNT(*), SUM(status = '%s'), SUM(status = '%s') FROM project p "
	                "WHERE " PROJECT_SCOPE("p") " AND " OVERLAPS("p.start_date", "p.end_date")
	                " GROUP BY stage",
	                token(x, CE_ENTITY_PROJECT, "status", CE_PROJECT_STATUS_ACTIVE),
	                token(x, CE_ENTITY_PROJECT, "status", CE_PROJECT_STATUS_COMPLETED));
	if ((rc = new_table(x, 6, names, types)) != CE_OK || (rc = start_buf(x, &counts, &b)) != CE_OK)
		return finish(x, rc, out);
	int64_t n[4][3] = { { 0 } };
	while ((rc = step(x, &counts)) == 1)
		for (int s = 1; s <= 3; s++)
			if (strcmp((const char *)sqlite3_column_text(counts.stmt, 0),
			           token(x, CE_ENTITY_PROJECT, "stage", s)) == 0)
				for (int k = 0; k < 3; k++)
					n[s][k] = sqlite3_column_int64(counts.stmt, 1 + k);
	ce__sqlite_unlease(x->conn, &counts);
	if (rc < 0 ||
	    (rc = start(x, &budgets,
	                "SELECT stage, currency, SUM(budget) FROM project p WHERE " PROJECT_SCOPE("p")
	                " AND " OVERLAPS("p.start_date", "p.end_date")
	                " AND budget > 0 AND currency IS NOT NULL GROUP BY stage, currency "
	                "ORDER BY currency")) != CE_OK)
		return finish(x, rc, out);
	/* one pass per stage over the (small) grouped result, in stage order */
	for (int s = 1; s <= 3 && rc >= 0; s++) {
		const char *stage = token(x, CE_ENTITY_PROJECT, "stage", s);
		bool any = false;
		sqlite3_reset(budgets.stmt);
		while ((rc = step(x, &budgets)) == 1) {
			if (strcmp((const char *)sqlite3_column_text(budgets.stmt, 0), stage) != 0)
				continue;
			row(x);
			put_text(x, 0, stage);
			for (int k = 0; k < 3; k++)
				put_int(x, 1 + k, n[s][k]);
			col_text(x, budgets.stmt, 1, 4);
			col_int(x, budgets.stmt, 2, 5);
			any = true;
		}
		if (rc >= 0 && !any) {
			row(x);
			put_text(x, 0, stage);
			for (int k = 0; k < 3; k++)
				put_int(x, 1 + k, n[s][k]);
			put_int(x, 5, 0);
		}
	}
	ce__sqlite_unlease(x->conn, &budgets);
	return finish(x, rc < 0 ? rc : CE_OK, out);
}

/* ---- budget_variance ----------------------------------------------------------- */

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
	if ((rc = new_table(x, 10, names, types)) != CE_OK ||
	    (rc = start(x, &q,
	                "SELECT p.id, p.code, s.id, s.title, b.category, b.currency, b.planned, b.actual "
	                "FROM budget_line b JOIN subtopic s ON s.id = b.subtopic "
	                "JOIN project p ON p.id = s.project WHERE " PROJECT_SCOPE("p")
	                " ORDER BY p.id, s.id, b.category, b.id")) != CE_OK)
		return finish(x, rc, out);
	while ((rc = step(x, &q)) == 1) {
		int64_t planned = sqlite3_column_int64(q.stmt, 6), actual = sqlite3_column_int64(q.stmt, 7);
		row(x);
		for (int k = 0; k < 6; k++)
			if (types[k] == CE_TYPE_TEXT)
				col_text(x, q.stmt, k, k);
			else
				col_int(x, q.stmt, k, k);
		put_int(x, 6, planned);
		put_int(x, 7, actual);
		put_int(x, 8, actual - planned);
		put_ratio(x, 9, (double)(actual - planned), (double)planned);
	}
	ce__sqlite_unlease(x->conn, &q);
	return finish(x, rc < 0 ? rc : CE_OK, out);
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
		token(x, CE_ENTITY_DESTINATION, "position_level", CE_POSITION_LEVEL_MIDDLE_MANAGEMENT));
	enum_order(&b, x, CE_ENTITY_DESTINATION, "sector", "d.sector");
	if ((rc = new_table(x, 7, names, types)) != CE_OK || (rc = start_buf(x, &q, &b)) != CE_OK)
		return finish(x, rc, out);
	while ((rc = step(x, &q)) == 1) {
		int64_t n = sqlite3_column_int64(q.stmt, 2), at = sqlite3_column_int64(q.stmt, 3);
		int64_t mm = sqlite3_column_int64(q.stmt, 4);
		row(x);
		col_int(x, q.stmt, 0, 0);
		col_text(x, q.stmt, 1, 1);
		put_int(x, 2, n);
		put_int(x, 3, at);
		put_ratio(x, 4, (double)at, (double)n);
		put_int(x, 5, mm);
		put_ratio(x, 6, (double)mm, (double)n);
	}
	ce__sqlite_unlease(x->conn, &q);
	return finish(x, rc < 0 ? rc : CE_OK, out);
}

/* ---- supervision_coverage, students_lacking_supervisor ---------------------------- */

/* The population (graduate students on a subtopic in scope) with whether
 * each has an academic main (a) and an enterprise (e) supervisor. */
static void coverage_cte(ce_sqlbuf *b, const report_ctx *x)
{
	ce__sqlbuf_addf(
		b,
		"WITH pop AS (SELECT st.id, st.number, st.name, st.cohort, st.level, "
		"EXISTS (SELECT 1 FROM supervision sv JOIN supervisor su ON su.id = sv.supervisor "
		"WHERE sv.student = st.id AND sv.role = '%s' AND su.kind = '%s' AND "
		OVERLAPS("sv.start_date", "sv.end_date") ") AS a, "
		"EXISTS (SELECT 1 FROM supervision sv JOIN supervisor su ON su.id = sv.supervisor "
		"WHERE sv.student = st.id AND (sv.role = '%s' OR su.kind = '%s') AND "
		OVERLAPS("sv.start_date", "sv.end_date") ") AS e "
		"FROM student st WHERE st.level <> '%s' AND (:cohort IS NULL OR st.cohort = :cohort) "
		"AND EXISTS (SELECT 1 FROM subtopic_assignment sa JOIN subtopic s ON s.id = sa.subtopic "
		"WHERE sa.student = st.id AND (:project IS NULL OR s.project = :project) AND "
		"(:partner IS NULL OR EXISTS (SELECT 1 FROM project_partner pp WHERE "
		"pp.project = s.project AND pp.partner = :partner)))) ",
		token(x, CE_ENTITY_SUPERVISION, "role", CE_SUPERVISION_ROLE_MAIN),
		token(x, CE_ENTITY_SUPERVISOR, "kind", CE_SUPERVISOR_ACADEMIC),
		token(x, CE_ENTITY_SUPERVISION, "role", CE_SUPERVISION_ROLE_ENTERPRISE),
		token(x, CE_ENTITY_SUPERVISOR, "kind", CE_SUPERVISOR_ENTERPRISE),
		token(x, CE_ENTITY_STUDENT, "level", CE_STUDENT_LEVEL_UNDERGRADUATE));
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
	if ((rc = new_table(x, 6, names, types)) != CE_OK || (rc = start_buf(x, &q, &b)) != CE_OK)
		return finish(x, rc, out);
	while ((rc = step(x, &q)) == 1) {
		row(x);
		for (int k = 0; k < 5; k++)
			col_int(x, q.stmt, k, k);
		put_ratio(x, 5, (double)sqlite3_column_int64(q.stmt, 4),
		          (double)sqlite3_column_int64(q.stmt, 1));
	}
	ce__sqlite_unlease(x->conn, &q);
	return finish(x, rc < 0 ? rc : CE_OK, out);
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
	if ((rc = new_table(x, 6, names, types)) != CE_OK || (rc = start_buf(x, &q, &b)) != CE_OK)
		return finish(x, rc, out);
	while ((rc = step(x, &q)) == 1) {
		bool a = sqlite3_column_int(q.stmt, 5), e = sqlite3_column_int(q.stmt, 6);
		row(x);
		col_int(x, q.stmt, 0, 0);
		col_text(x, q.stmt, 1, 1);
		col_text(x, q.stmt, 2, 2);
		col_int(x, q.stmt, 3, 3);
		col_text(x, q.stmt, 4, 4);
		put_text(x, 5, !a && !e ? "academic_main,enterprise" : !a ? "academic_main" : "enterprise");
	}
	ce__sqlite_unlease(x->conn, &q);
	return finish(x, rc < 0 ? rc : CE_OK, out);
}

/* ---- placement_health ------------------------------------------------------------ */

/* Per host or in total (key '*'): the counts, then the
 * median of the feedback delays (the middle one or the mean of the middle
 * two, as the core takes it). */
static void placement_sql(ce_sqlbuf *b, const report_ctx *x, bool per_host)
{
	const char *key = per_host ? "host" : "'*'"; /* a bare 0 would be an ordinal */
	ce__sqlbuf_addf(
		b,
		"WITH pl AS (SELECT p.id, p.host, p.end_date, p.status, "
		"(SELECT COUNT(*) FROM incident i WHERE i.placement = p.id) AS incidents, "
		"(EXISTS (SELECT 1 FROM feedback f WHERE f.placement = p.id AND f.direction = '%s') AND "
		"EXISTS (SELECT 1 FROM feedback f WHERE f.placement = p.id AND f.direction = '%s')) AS both_ways "
		"FROM placement p JOIN student st ON st.id = p.student "
		"WHERE " OVERLAPS("p.start_date", "p.end_date")
		" AND (:partner IS NULL OR p.host = :partner) AND (:cohort IS NULL OR st.cohort = :cohort)), "
		"delay AS (SELECT %s AS g, CAST(julianday(f.given_on) - julianday(pl.end_date) AS INTEGER) AS days "
		"FROM pl JOIN feedback f ON f.placement = pl.id WHERE pl.end_date IS NOT NULL), "
		"ranked AS (SELECT g, days, ROW_NUMBER() OVER (PARTITION BY g ORDER BY days) AS k, "
		"COUNT(*) OVER (PARTITION BY g) AS n FROM delay), "
		"median AS (SELECT g, AVG(days) AS days FROM ranked WHERE k IN ((n + 1) / 2, (n + 2) / 2) "
		"GROUP BY g), "
		"stats AS (SELECT %s AS g, COUNT(*) AS placements, SUM(incidents) AS incidents, "
		"SUM(status = '%s') AS ended_early, SUM(status IN ('%s', '%s')) AS finished, "
		"SUM(status IN ('%s', '%s') AND both_ways) AS with_feedback FROM pl%s) ",
		token(x, CE_ENTITY_FEEDBACK, "direction", CE_FEEDBACK_DIRECTION_ENTERPRISE_TO_SCHOOL),
		token(x, CE_ENTITY_FEEDBACK, "direction", CE_FEEDBACK_DIRECTION_SCHOOL_TO_ENTERPRISE),
		per_host ? "pl.host" : "'*'", key,
		token(x, CE_ENTITY_PLACEMENT, "status", CE_PLACEMENT_STATUS_ENDED_EARLY),
		token(x, CE_ENTITY_PLACEMENT, "status", CE_PLACEMENT_STATUS_COMPLETED),
		token(x, CE_ENTITY_PLACEMENT, "status", CE_PLACEMENT_STATUS_ENDED_EARLY),
		token(x, CE_ENTITY_PLACEMENT, "status", CE_PLACEMENT_STATUS_COMPLETED),
		token(x, CE_ENTITY_PLACEMENT, "status", CE_PLACEMENT_STATUS_ENDED_EARLY),
		per_host ? " GROUP BY host" : "");
	if (per_host)
		ce__sqlbuf_add(b, "SELECT s.g, p.name, s.placements, s.incidents, s.ended_early, "
		                  "s.finished, s.with_feedback, m.days FROM stats s "
		                  "JOIN partner p ON p.id = s.g LEFT JOIN median m ON m.g = s.g "
		                  "ORDER BY p.name, p.id");
	else /* one row even without placements */
		ce__sqlbuf_add(b, "SELECT NULL, '(all)', IFNULL(s.placements, 0), IFNULL(s.incidents, 0), "
		                  "IFNULL(s.ended_early, 0), IFNULL(s.finished, 0), "
		                  "IFNULL(s.with_feedback, 0), m.days FROM (SELECT '*' AS g) z "
		                  "LEFT JOIN stats s ON s.g = z.g LEFT JOIN median m ON m.g = z.g");
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
	int rc = new_table(x, 10, names, types);
	for (int pass = 0; pass < 2 && rc == CE_OK; pass++) {
		ce_sqlite_lease q = { 0 };
		ce_sqlbuf b = { 0 };
		placement_sql(&b, x, pass == 0);
		if ((rc = start_buf(x, &q, &b)) != CE_OK)
			break;
		while ((rc = step(x, &q)) == 1) {
			sqlite3_stmt *st = q.stmt;
			int64_t n = sqlite3_column_int64(st, 2), inc = sqlite3_column_int64(st, 3);
			int64_t finished = sqlite3_column_int64(st, 5), fb = sqlite3_column_int64(st, 6);
			row(x);
			col_int(x, st, 0, 0);
			col_text(x, st, 1, 1);
			put_int(x, 2, n);
			put_int(x, 3, inc);
			put_ratio(x, 4, (double)inc * 100.0, (double)n);
			col_int(x, st, 4, 5);
			put_int(x, 6, finished);
			put_int(x, 7, fb);
			put_ratio(x, 8, (double)fb, (double)finished);
			if (sqlite3_column_type(st, 7) != SQLITE_NULL)
				put_real(x, 9, sqlite3_column_double(st, 7));
		}
		ce__sqlite_unlease(x->conn, &q);
		rc = rc < 0 ? rc : CE_OK;
	}
	return finish(x, rc, out);
}

/* ---- cooperation_depth ------------------------------------------------------------ */

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
	ce_sqlite_lease q = { 0 };
	ce_sqlbuf b = { 0 };
	int rc;
	ce__sqlbuf_addf(
		&b,
		"WITH c AS (SELECT p.id, p.name, p.kind, "
		"(SELECT COUNT(*) FROM agreement_party ap JOIN agreement a ON a.id = ap.agreement "
		"WHERE ap.partner = p.id AND " OVERLAPS("a.start_date", "a.end_date") ") AS agreements, "
		"EXISTS (SELECT 1 FROM agreement_party ap JOIN agreement a ON a.id = ap.agreement "
		"WHERE ap.partner = p.id AND (a.scopes & %u) <> 0 AND "
		OVERLAPS("a.start_date", "a.end_date") ") AS training_agreement, "
		"(SELECT COUNT(DISTINCT pp.project) FROM project_partner pp JOIN project j ON j.id = pp.project "
		"WHERE pp.partner = p.id AND " OVERLAPS("j.start_date", "j.end_date") ") AS projects, "
		"(SELECT COUNT(*) FROM placement pl WHERE pl.host = p.id AND "
		OVERLAPS("pl.start_date", "pl.end_date") ") AS placements, "
		"(SELECT COUNT(*) FROM supervisor su WHERE su.affiliation = p.id AND su.kind = '%s' AND "
		"EXISTS (SELECT 1 FROM supervision sv WHERE sv.supervisor = su.id AND "
		OVERLAPS("sv.start_date", "sv.end_date") ")) AS supervisors, "
		"EXISTS (SELECT 1 FROM platform_host ph JOIN platform f ON f.id = ph.platform "
		"WHERE ph.partner = p.id AND f.kind IN ('%s', '%s') AND "
		"(:to IS NULL OR f.established_on IS NULL OR f.established_on <= :to)) AS training_base, "
		"(SELECT COUNT(DISTINCT oa.outcome) FROM outcome_attribution oa "
		"JOIN subtopic s ON s.id = oa.subtopic WHERE s.project IN (SELECT pp.project "
		"FROM project_partner pp JOIN project j ON j.id = pp.project WHERE pp.partner = p.id AND "
		OVERLAPS("j.start_date", "j.end_date") ")) AS outcomes "
		"FROM partner p WHERE p.kind <> '%s' AND (:partner IS NULL OR p.id = :partner)), "
		"d AS (SELECT *, CASE WHEN outcomes > 0 THEN 4 "
		"WHEN training_agreement OR training_base OR supervisors > 0 THEN 3 "
		"WHEN placements > 0 THEN 2 WHEN agreements > 0 OR projects > 0 THEN 1 ELSE 0 END AS depth "
		"FROM c) "
		"SELECT id, name, kind, depth, agreements, projects, placements, supervisors, outcomes "
		"FROM d ORDER BY depth DESC, name, id",
		(unsigned)(CE_SCOPE_ORDER_CLASS | CE_SCOPE_JOINT_TRAINING_BASE),
		token(x, CE_ENTITY_SUPERVISOR, "kind", CE_SUPERVISOR_ENTERPRISE),
		token(x, CE_ENTITY_PLATFORM, "kind", CE_PLATFORM_GRADUATE_TRAINING_BASE),
		token(x, CE_ENTITY_PLATFORM, "kind", CE_PLATFORM_PRACTICE_TEACHING_BASE),
		token(x, CE_ENTITY_PARTNER, "kind", CE_PARTNER_UNIVERSITY));
	if ((rc = new_table(x, 10, names, types)) != CE_OK || (rc = start_buf(x, &q, &b)) != CE_OK)
		return finish(x, rc, out);
	while ((rc = step(x, &q)) == 1) {
		int depth = sqlite3_column_int(q.stmt, 3);
		row(x);
		col_int(x, q.stmt, 0, 0);
		col_text(x, q.stmt, 1, 1);
		col_text(x, q.stmt, 2, 2);
		put_int(x, 3, depth);
		put_text(x, 4, depth >= 0 && depth <= 4 ? levels[depth] : NULL);
		for (int k = 4; k < 9; k++)
			col_int(x, q.stmt, k, k + 1);
	}
	ce__sqlite_unlease(x->conn, &q);
	return finish(x, rc < 0 ? rc : CE_OK, out);
}

/* ---- the entry point -------------------------------------------------------------- */

static const struct {
	const char *name;
	int (*fn)(report_ctx *x, ce_table **out);
} sql_reports[] = {
	{ "supervision_coverage", supervision_coverage },
	{ "students_lacking_supervisor", students_lacking_supervisor },
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
			report_ctx x = { conn, filter, name, NULL, 0, CE_OK };
			return sql_reports[i].fn(&x, out);
		}
	return CE_ENOTSUPPORTED;
}
