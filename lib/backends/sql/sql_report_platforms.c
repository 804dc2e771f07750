/* idle_platforms and platform_utilisation in SQL (see
 * lib/analytics/platforms.c, the reference). idle_platforms: the platforms
 * in scope that no placement, no subtopic on them and no guidance session
 * about such a subtopic used in the period, with the last date anything
 * did. One statement each where the core needs a scan per table (and per
 * idle platform), each a round trip on PostgreSQL. */
#include <string.h>

#include "sql_report.h"

/* The last use: the latest of the three dates (text 'YYYY-MM-DD' on both
 * engines, so ordered as text), NULL when none. */
static void idle_platforms_row(report_ctx *x, ce_sql_stmt *q)
{
	int last = -1;
	const char *best = NULL;
	for (int k = 5; k < 8; k++) {
		if (ce__sqr_null(x, q, k))
			continue;
		const char *s = x->c->driver->column_text(q, k);
		if (!best || strcmp(s, best) > 0) {
			best = s;
			last = k;
		}
	}
	ce__sqr_row(x);
	ce__sqr_col_int(x, q, 0, 0);
	for (int k = 1; k < 4; k++)
		ce__sqr_col_text(x, q, k, k);
	ce__sqr_col_date(x, q, 4, 4);
	if (last >= 0)
		ce__sqr_col_date(x, q, last, 5);
}

int ce__sqr_idle_platforms(report_ctx *x)
{
	static const char *const names[] = { "platform", "name", "kind", "level", "established_on",
		                                 "last_used" };
	static const ce_column_type types[] = { CE_TYPE_INT,  CE_TYPE_TEXT, CE_TYPE_TEXT,
		                                    CE_TYPE_TEXT, CE_TYPE_DATE, CE_TYPE_DATE };
	const ce_report_filter *f = x->f;
	bool period = f->from || f->to;
	ce_sqlbuf b = { 0 };
	/* The last dates are read only for the rows shown (few: idle ones),
	 * each probed per subtopic through its index, as every test below. */
	ce__sqlbuf_add(&b, "SELECT f.id, f.name, f.kind, f.level, f.established_on, "
	                   "(SELECT MAX(COALESCE(p.end_date, p.start_date)) FROM placement p "
	                   "WHERE p.platform = f.id), "
	                   "(SELECT MAX((SELECT MAX(h.on_date) FROM subtopic_status_history h "
	                   "WHERE h.record = s.id)) FROM subtopic s WHERE s.platform = f.id), "
	                   "(SELECT MAX((SELECT MAX(g.held_on) FROM guidance_session g "
	                   "WHERE g.subtopic = s.id)) FROM subtopic s WHERE s.platform = f.id) "
	                   "FROM platform f WHERE TRUE");
	if (f->to)
		ce__sqlbuf_add(&b, " AND (f.established_on IS NULL OR f.established_on <= :to)");
	if (f->partner)
		ce__sqlbuf_add(&b, " AND f.id IN (SELECT ph.platform FROM platform_host ph "
		                   "WHERE ph.partner = :partner)");
	/* no placement there in the period: in use from start to end (open:
	 * still going) */
	ce__sqlbuf_add(&b, " AND NOT EXISTS (SELECT 1 FROM placement p WHERE p.platform = f.id");
	ce__sqr_and_overlaps(&b, x, "p.start_date", "p.end_date");
	/* no subtopic there in use: from its first status date, to its last
	 * once completed or abandoned */
	ce__sqlbuf_add(&b, ") AND NOT EXISTS (SELECT 1 FROM subtopic s WHERE s.platform = f.id AND "
	                   "EXISTS (SELECT 1 FROM subtopic_status_history h WHERE h.record = s.id)");
	if (f->to)
		ce__sqlbuf_add(&b, " AND (SELECT MIN(h.on_date) FROM subtopic_status_history h "
		                   "WHERE h.record = s.id) <= :to");
	if (f->from)
		ce__sqlbuf_addf(&b, " AND (s.status NOT IN ('%s', '%s') OR (SELECT MAX(h.on_date) FROM "
		                    "subtopic_status_history h WHERE h.record = s.id) >= :from)",
		                ce__sqr_token(x, CE_ENTITY_SUBTOPIC, "status", CE_SUBTOPIC_STATUS_COMPLETED),
		                ce__sqr_token(x, CE_ENTITY_SUBTOPIC, "status", CE_SUBTOPIC_STATUS_ABANDONED));
	/* no guidance session about one of them that day */
	ce__sqlbuf_add(&b, ") AND NOT EXISTS (SELECT 1 FROM subtopic s WHERE s.platform = f.id AND "
	                   "EXISTS (SELECT 1 FROM guidance_session g WHERE g.subtopic = s.id");
	if (period)
		ce__sqlbuf_add(&b, " AND g.held_on IS NOT NULL AND (:from IS NULL OR g.held_on >= :from) "
		                   "AND (:to IS NULL OR g.held_on <= :to)");
	ce__sqlbuf_add(&b, ")) ORDER BY f.id");
	return ce__sqr_start(x, &b, 6, names, types, idle_platforms_row);
}

/* ---- platform_utilisation ------------------------------------------------------ */

/* The ratio divided here as the core divides it: days used over the
 * capacity's days in the year's window. */
static void platform_utilisation_row(report_ctx *x, ce_sql_stmt *q)
{
	int64_t capacity = ce__sqr_int(x, q, 4), days = ce__sqr_int(x, q, 6);
	int64_t window = ce__sqr_int(x, q, 7);
	ce__sqr_row(x);
	ce__sqr_col_int(x, q, 0, 0);
	ce__sqr_col_text(x, q, 1, 1);
	ce__sqr_col_text(x, q, 2, 2);
	for (int k = 3; k < 7; k++)
		ce__sqr_col_int(x, q, k, k);
	ce__sqr_put_ratio(x, 7, (double)days, (double)capacity * (double)window);
	ce__sqr_col_int(x, q, 8, 8);
}

/* One statement, where the core reads the platforms, the placements on
 * them and every subtopic status entry (four round trips and the whole
 * history on PostgreSQL): the years are the period's, else those of the
 * placements in scope; each platform's window in a year starts at the
 * latest of 1 January, the period's start and its establishment, and ends
 * at the earlier of 31 December and the period's end; a year whose window
 * is empty has no row. A placement counts in a window it overlaps, for
 * the days it does; a subtopic counts from its first status date to its
 * last, without end while not completed or abandoned. */
int ce__sqr_platform_utilisation(report_ctx *x)
{
	static const char *const names[] = { "platform",       "name",        "kind",
		                                 "year",           "capacity",    "placements",
		                                 "placement_days", "utilisation", "subtopics" };
	static const ce_column_type types[] = { CE_TYPE_INT, CE_TYPE_TEXT, CE_TYPE_TEXT,
		                                    CE_TYPE_INT, CE_TYPE_INT,  CE_TYPE_INT,
		                                    CE_TYPE_INT, CE_TYPE_REAL, CE_TYPE_INT };
	const ce_sql_dialect *d = x->c->dialect;
	const ce_report_filter *f = x->f;
	if (!d->year_first_day || !d->year_last_day)
		return CE_ENOTSUPPORTED;
	ce_sqlbuf b = { 0 };
	ce__sqlbuf_add(&b, "WITH RECURSIVE f AS (SELECT id, name, kind, capacity, established_on AS est "
	                   "FROM platform WHERE TRUE");
	if (f->partner)
		ce__sqlbuf_add(&b, " AND id IN (SELECT ph.platform FROM platform_host ph "
		                   "WHERE ph.partner = :partner)");
	ce__sqlbuf_add(&b, "), pl AS (SELECT p.platform, p.start_date AS s, p.end_date AS e "
	                   "FROM placement p JOIN f ON f.id = p.platform), yr AS (SELECT ");
	if (f->from)
		ce__sqr_year_of(&b, x, ":from");
	else {
		ce__sqlbuf_add(&b, "(SELECT MIN(");
		ce__sqr_year_of(&b, x, "s");
		ce__sqlbuf_add(&b, ") FROM pl)");
	}
	ce__sqlbuf_add(&b, " AS lo, ");
	if (f->to)
		ce__sqr_year_of(&b, x, ":to");
	else {
		ce__sqlbuf_add(&b, "(SELECT MAX(");
		ce__sqr_year_of(&b, x, "COALESCE(e, s)");
		ce__sqlbuf_add(&b, ") FROM pl)");
	}
	/* an open side of the period takes the other's year */
	ce__sqlbuf_add(&b, " AS hi), span AS (SELECT COALESCE(lo, hi) AS lo, COALESCE(hi, lo) AS hi "
	                   "FROM yr), years(y) AS (SELECT lo FROM span WHERE lo <= hi "
	                   "UNION ALL SELECT y + 1 FROM years, span WHERE y < span.hi), "
	                   "pa AS (SELECT f.id, f.name, f.kind, f.capacity, f.est, years.y, ");
	if (f->from) {
		ce__sqlbuf_add(&b, "CASE WHEN :from > ");
		ce__sqlbuf_template(&b, d->year_first_day, "years.y", NULL);
		ce__sqlbuf_add(&b, " THEN :from ELSE ");
		ce__sqlbuf_template(&b, d->year_first_day, "years.y", NULL);
		ce__sqlbuf_add(&b, " END");
	} else {
		ce__sqlbuf_template(&b, d->year_first_day, "years.y", NULL);
	}
	ce__sqlbuf_add(&b, " AS a, ");
	if (f->to) {
		ce__sqlbuf_add(&b, "CASE WHEN :to < ");
		ce__sqlbuf_template(&b, d->year_last_day, "years.y", NULL);
		ce__sqlbuf_add(&b, " THEN :to ELSE ");
		ce__sqlbuf_template(&b, d->year_last_day, "years.y", NULL);
		ce__sqlbuf_add(&b, " END");
	} else {
		ce__sqlbuf_template(&b, d->year_last_day, "years.y", NULL);
	}
	/* the windows, from the platform's establishment */
	ce__sqlbuf_add(&b, " AS w1 FROM f CROSS JOIN years), "
	                   "pw AS (SELECT id, name, kind, capacity, y, "
	                   "CASE WHEN est > a THEN est ELSE a END AS w0, w1 FROM pa), "
	                   "used AS (SELECT pw.id, pw.y, COUNT(*) AS n, SUM(");
	ce__sqr_days_between(&b, x, "CASE WHEN pl.e IS NOT NULL AND pl.e < pw.w1 THEN pl.e ELSE pw.w1 END",
	                     "CASE WHEN pl.s > pw.w0 THEN pl.s ELSE pw.w0 END");
	ce__sqlbuf_addf(&b, " + 1) AS days FROM pw JOIN pl ON pl.platform = pw.id AND pl.s <= pw.w1 "
	                    "AND (pl.e IS NULL OR pl.e >= pw.w0) GROUP BY pw.id, pw.y), "
	                    "sp AS (SELECT s.platform, MIN(h.on_date) AS first, MAX(h.on_date) AS last, "
	                    "CASE WHEN s.status IN ('%s', '%s') THEN 0 ELSE 1 END AS open "
	                    "FROM subtopic s JOIN subtopic_status_history h ON h.record = s.id "
	                    "WHERE s.platform IS NOT NULL GROUP BY s.id, s.platform, s.status), "
	                    "subs AS (SELECT pw.id, pw.y, COUNT(*) AS n FROM pw JOIN sp "
	                    "ON sp.platform = pw.id AND sp.first <= pw.w1 "
	                    "AND (sp.open = 1 OR sp.last >= pw.w0) GROUP BY pw.id, pw.y) "
	                    "SELECT pw.id, pw.name, pw.kind, pw.y, pw.capacity, COALESCE(used.n, 0), "
	                    "COALESCE(used.days, 0), ",
	                ce__sqr_token(x, CE_ENTITY_SUBTOPIC, "status", CE_SUBTOPIC_STATUS_COMPLETED),
	                ce__sqr_token(x, CE_ENTITY_SUBTOPIC, "status", CE_SUBTOPIC_STATUS_ABANDONED));
	ce__sqr_days_between(&b, x, "pw.w1", "pw.w0");
	ce__sqlbuf_add(&b, " + 1, COALESCE(subs.n, 0) FROM pw "
	                   "LEFT JOIN used ON used.id = pw.id AND used.y = pw.y "
	                   "LEFT JOIN subs ON subs.id = pw.id AND subs.y = pw.y "
	                   "WHERE pw.w0 <= pw.w1 ORDER BY pw.id, pw.y");
	return ce__sqr_start(x, &b, 9, names, types, platform_utilisation_row);
}
