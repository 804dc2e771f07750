/* The case's risk register: the two risks the office kept. 吴强's placement
 * at the casting company carried the risk of a student leaving the post
 * unsupervised; it was realised by the absence of August 2019. The alloy
 * project's joint patents risked a dispute over ownership, mitigated by
 * the agreement's clause on shared patents. */
#include "steps.h"

int case_build_risks(case_ctx *d, case_ids *ids)
{
	ce_risk_spec s = CE_RISK_SPEC_INIT;
	if (d->rc != CE_OK)
		return d->rc;
	s.placement = ids->wu_placement;
	s.kind = CE_RISK_SAFETY;
	s.title = "实习学生擅自离岗、脱离管理";
	s.likelihood = 3;
	s.impact = 4;
	s.owner_supervisor = ids->li;
	s.mitigation = "签订实习安全与纪律协议，企业导师每日考勤，学校导师每两周联系一次";
	s.identified_on = CE_DATE(2019, 6, 20);
	s.review_on = CE_DATE(2019, 9, 1);
	CASE_TRY(d, ce_risk_create(&ids->absence_risk, d->db, &s), s.title);
	s.realised_by = ids->wu_incident;
	CASE_TRY(d, ce_risk_update(d->db, ids->absence_risk, &s), "the incident that realised it");
	case_follow(d, CE_ENTITY_RISK, ids->absence_risk, "status",
	            PATH({ CE_RISK_STATUS_OPEN, 0 }, { CE_RISK_STATUS_REALISED, CE_DATE(2019, 8, 10) }),
	            s.title);

	s = (ce_risk_spec)CE_RISK_SPEC_INIT;
	s.project = ids->alloy_project;
	s.kind = CE_RISK_INTELLECTUAL_PROPERTY;
	s.title = "联合研发成果的专利权属争议";
	s.likelihood = 2;
	s.impact = 4;
	s.owner_partner = ids->aviation;
	s.mitigation = "合作协议约定专利由双方共有，收益按贡献分配";
	s.identified_on = CE_DATE(2015, 3, 1);
	CASE_TRY(d, ce_risk_create(&ids->ip_risk, d->db, &s), s.title);
	case_follow(d, CE_ENTITY_RISK, ids->ip_risk, "status",
	            PATH({ CE_RISK_STATUS_OPEN, 0 }, { CE_RISK_STATUS_MITIGATED, CE_DATE(2015, 6, 1) }),
	            s.title);
	return d->rc;
}
