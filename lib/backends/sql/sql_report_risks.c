/* risk_exposure in SQL (see lib/analytics/risks.c, the reference): SQL
 * finds each open risk's partners and orders the rows; the rank within a
 * partner and the subject are worked out here, in C, as the core does. */
#include <string.h>

#include "sql_report.h"

int ce__sqr_risk_exposure(report_ctx *x, ce_table **out)
{
	static const char *const names[] = { "partner", "partner_name", "rank", "risk", "title",
		                                 "kind", "status", "subject", "subject_id", "project",
		                                 "project_code", "likelihood", "impact", "exposure" };
	static const ce_column_type types[] = { CE_TYPE_INT,  CE_TYPE_TEXT, CE_TYPE_INT,  CE_TYPE_INT,
		                                    CE_TYPE_TEXT, CE_TYPE_TEXT, CE_TYPE_TEXT, CE_TYPE_TEXT,
		                                    CE_TYPE_INT,  CE_TYPE_INT,  CE_TYPE_TEXT, CE_TYPE_INT,
		                                    CE_TYPE_INT,  CE_TYPE_INT };
	static const char *const subjects[] = { "agreement", "project", "placement" };
	ce_sql_stmt *q = NULL;
	ce_sqlbuf b = { 0 };
	int rc;
	ce__sqlbuf_addf(&b,
	                "WITH r AS (SELECT id, agreement, project, placement, kind, title, status, "
	                "likelihood, impact FROM risk WHERE status IN ('%s', '%s') AND "
	                "(:project IS NULL OR project IN %s)), "
	                "rp AS (SELECT r.id AS risk, ap.partner FROM r JOIN agreement_party ap ON "
	                "ap.agreement = r.agreement UNION SELECT r.id, pp.partner FROM r JOIN "
	                "project_partner pp ON pp.project = r.project UNION SELECT r.id, pl.host FROM r "
	                "JOIN placement pl ON pl.id = r.placement) "
	                "SELECT rp.partner, pa.name, r.id, r.title, r.kind, r.status, r.agreement, "
	                "r.project, r.placement, pr.code, r.likelihood, r.impact FROM r "
	                "LEFT JOIN rp ON rp.risk = r.id LEFT JOIN partner pa ON pa.id = rp.partner "
	                "LEFT JOIN project pr ON pr.id = r.project "
	                "WHERE (:partner IS NULL OR rp.partner = :partner) "
	                "ORDER BY CASE WHEN rp.partner IS NULL THEN 1 ELSE 0 END, rp.partner, "
	                "r.likelihood * r.impact DESC, r.id",
	                ce__sqr_token(x, CE_ENTITY_RISK, "status", CE_RISK_STATUS_OPEN),
	                ce__sqr_token(x, CE_ENTITY_RISK, "status", CE_RISK_STATUS_MITIGATED),
	                ce__sqr_project_set(x));
	if ((rc = ce__sqr_new_table(x, 14, names, types)) != CE_OK ||
	    (rc = ce__sqr_start_buf(x, &q, &b)) != CE_OK) {
		ce__sqlbuf_free(&b);
		return ce__sqr_finish(x, rc, out);
	}
	int64_t rank = 0, last = -1;
	while ((rc = ce__sqr_step(x, q)) == 1) {
		int64_t partner = ce__sqr_null(x, q, 0) ? 0 : ce__sqr_int(x, q, 0);
		int s = !ce__sqr_null(x, q, 6) ? 0 : !ce__sqr_null(x, q, 7) ? 1 : 2;
		int64_t l = ce__sqr_int(x, q, 10), i = ce__sqr_int(x, q, 11);
		rank = partner == last ? rank + 1 : 1;
		last = partner;
		ce__sqr_row(x);
		ce__sqr_col_int(x, q, 0, 0);
		ce__sqr_col_text(x, q, 1, 1);
		ce__sqr_put_int(x, 2, rank);
		ce__sqr_col_int(x, q, 2, 3);
		for (int k = 3; k < 6; k++)
			ce__sqr_col_text(x, q, k, k + 1);
		ce__sqr_put_text(x, 7, subjects[s]);
		ce__sqr_col_int(x, q, 6 + s, 8);
		if (s == 1) {
			ce__sqr_col_int(x, q, 7, 9);
			ce__sqr_col_text(x, q, 9, 10);
		}
		ce__sqr_put_int(x, 11, l);
		ce__sqr_put_int(x, 12, i);
		ce__sqr_put_int(x, 13, l * i);
	}
	ce__sqr_release(x, q);
	return ce__sqr_finish(x, rc < 0 ? rc : CE_OK, out);
}
