/* idle_platforms in SQL (see lib/analytics/platforms.c, the reference):
 * the platforms in scope that no placement, no subtopic on them and no
 * guidance session about such a subtopic used in the period, with the
 * last date anything did. One statement where the core needs a scan per
 * table and per idle platform (each a round trip on PostgreSQL). */
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
