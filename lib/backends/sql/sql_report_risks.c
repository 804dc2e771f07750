/* risk_exposure in SQL (see lib/analytics/risks.c, the reference): SQL
 * finds each open risk's partners and orders the rows; the rank within a
 * partner and the subject are worked out here, in C, as the core does. */
#include <string.h>

#include "sql_report.h"

static const char *const subjects[] = { "agreement", "project", "placement" };

/* The rank counts within a partner: x->carry is {rank, last partner}. */
static void risk_exposure_row(report_ctx *x, ce_sql_stmt *q)
{
	int64_t partner = ce__sqr_null(x, q, 0) ? 0 : ce__sqr_int(x, q, 0);
	int s = !ce__sqr_null(x, q, 6) ? 0 : !ce__sqr_null(x, q, 7) ? 1 : 2;
	int64_t l = ce__sqr_int(x, q, 10), i = ce__sqr_int(x, q, 11);
	int64_t rank = x->row_count > 0 && partner == x->carry[1] ? x->carry[0] + 1 : 1;
	x->carry[0] = rank;
	x->carry[1] = partner;
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

int ce__sqr_risk_exposure(report_ctx *x)
{
	static const char *const names[] = { "partner", "partner_name", "rank", "risk", "title",
		                                 "kind", "status", "subject", "subject_id", "project",
		                                 "project_code", "likelihood", "impact", "exposure" };
	static const ce_column_type types[] = { CE_TYPE_INT,  CE_TYPE_TEXT, CE_TYPE_INT,  CE_TYPE_INT,
		                                    CE_TYPE_TEXT, CE_TYPE_TEXT, CE_TYPE_TEXT, CE_TYPE_TEXT,
		                                    CE_TYPE_INT,  CE_TYPE_INT,  CE_TYPE_TEXT, CE_TYPE_INT,
		                                    CE_TYPE_INT,  CE_TYPE_INT };
	ce_sqlbuf b = { 0 };
	/* only the members set are written: a text naming no parameter keeps
	 * its plan on PostgreSQL */
	ce__sqlbuf_addf(&b,
	                "WITH r AS (SELECT id, agreement, project, placement, kind, title, status, "
	                "likelihood, impact FROM risk WHERE status IN ('%s', '%s')",
	                ce__sqr_token(x, CE_ENTITY_RISK, "status", CE_RISK_STATUS_OPEN),
	                ce__sqr_token(x, CE_ENTITY_RISK, "status", CE_RISK_STATUS_MITIGATED));
	if (x->f->project)
		ce__sqlbuf_addf(&b, " AND project IN %s", ce__sqr_project_set(x));
	ce__sqlbuf_add(&b, "), "
	                   "rp AS (SELECT r.id AS risk, ap.partner FROM r JOIN agreement_party ap ON "
	                   "ap.agreement = r.agreement UNION SELECT r.id, pp.partner FROM r JOIN "
	                   "project_partner pp ON pp.project = r.project UNION SELECT r.id, pl.host FROM r "
	                   "JOIN placement pl ON pl.id = r.placement) "
	                   "SELECT rp.partner, pa.name, r.id, r.title, r.kind, r.status, r.agreement, "
	                   "r.project, r.placement, pr.code, r.likelihood, r.impact FROM r "
	                   "LEFT JOIN rp ON rp.risk = r.id LEFT JOIN partner pa ON pa.id = rp.partner "
	                   "LEFT JOIN project pr ON pr.id = r.project");
	if (x->f->partner)
		ce__sqlbuf_add(&b, " WHERE rp.partner = :partner");
	ce__sqlbuf_add(&b, " ORDER BY CASE WHEN rp.partner IS NULL THEN 1 ELSE 0 END, rp.partner, "
	                   "r.likelihood * r.impact DESC, r.id");
	return ce__sqr_start(x, &b, 14, names, types, risk_exposure_row);
}
