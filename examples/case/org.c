/* The organisations of the case: partners of the four rings, the
 * agreements binding them, the platforms built with them (one of which
 * sits idle) and the supervisors on both sides. */
#include "steps.h"

static int64_t partner(case_ctx *d, const char *name, ce_partner_kind kind, const char *sector,
                       ce_ownership ownership)
{
	ce_partner_spec s = CE_PARTNER_SPEC_INIT;
	int64_t id = 0;
	s.name = name;
	s.kind = kind;
	s.sector = sector;
	s.region = "山东省济南市";
	s.ownership = ownership;
	CASE_TRY(d, ce_partner_create(&id, d->db, &s), name);
	return id;
}

/* An agreement with one partner, active from its start; `expired` (0 if
 * still in force) is the day it ran out. The partner signs it and is a
 * party from its start for as long as it runs (end date 0). The paper
 * names no government or industry association as party to the school–
 * enterprise agreements it describes, so none takes a four-ring role here
 * (the province funds the alloy project: projects.c). */
static int64_t agreement(case_ctx *d, const char *title, unsigned int scopes, int64_t party,
                         ce_date start, ce_date end, ce_date expired, const char *conduct_terms)
{
	ce_agreement_spec s = CE_AGREEMENT_SPEC_INIT;
	ce_agreement_party_spec p = CE_AGREEMENT_PARTY_SPEC_INIT;
	int64_t id = 0;
	s.title = title;
	s.scopes = scopes;
	s.signed_on = start;
	s.start_date = start;
	s.end_date = end;
	s.status = CE_AGREEMENT_STATUS_ACTIVE;
	s.status_date = start;
	s.conduct_terms = conduct_terms;
	CASE_TRY(d, ce_agreement_create(&id, d->db, &s), title);
	p.agreement = id;
	p.partner = party;
	p.role = CE_AGREEMENT_PARTY_ROLE_SIGNATORY;
	p.start_date = start;
	CASE_TRY(d, ce_agreement_party_create(NULL, d->db, &p), title);
	if (expired)
		CASE_TRY(d, ce_agreement_set_status(d->db, id, CE_AGREEMENT_STATUS_EXPIRED, expired), title);
	return id;
}

/* A platform and the partner that houses it (the paper's joint training
 * base is at the enterprise), host from the day the platform was set up;
 * the paper gives no end to any. */
static int64_t platform(case_ctx *d, const char *name, ce_platform_kind kind, ce_platform_level level,
                        int64_t capacity, ce_date established, int64_t host, int64_t agreement)
{
	ce_platform_spec s = CE_PLATFORM_SPEC_INIT;
	ce_platform_host_spec h = CE_PLATFORM_HOST_SPEC_INIT;
	int64_t id = 0;
	s.name = name;
	s.kind = kind;
	s.level = level;
	s.capacity = capacity;
	s.established_on = established;
	s.agreement = agreement;
	CASE_TRY(d, ce_platform_create(&id, d->db, &s), name);
	h.platform = id;
	h.partner = host;
	h.role = CE_PLATFORM_HOST_ROLE_HOST;
	h.start_date = established;
	CASE_TRY(d, ce_platform_host_create(NULL, d->db, &h), name);
	return id;
}

static int64_t supervisor(case_ctx *d, const char *name, ce_supervisor_kind kind, const char *staff_number,
                          int64_t affiliation, const char *title, const char *field,
                          int industry_experience, int entrepreneurship_experience)
{
	ce_supervisor_spec s = CE_SUPERVISOR_SPEC_INIT;
	int64_t id = 0;
	s.name = name;
	s.kind = kind;
	s.staff_number = staff_number;
	s.affiliation = affiliation;
	s.title = title;
	s.field = field;
	s.industry_experience = industry_experience;
	s.entrepreneurship_experience = entrepreneurship_experience;
	CASE_TRY(d, ce_supervisor_create(&id, d->db, &s), name);
	return id;
}

int case_build_organisations(case_ctx *d, case_ids *ids)
{
	ids->university = partner(d, "山东某理工大学", CE_PARTNER_UNIVERSITY, "高等教育", 0);
	ids->aviation = partner(d, "山东某航空材料有限公司", CE_PARTNER_ENTERPRISE, "有色金属材料",
	                        CE_OWNERSHIP_PRIVATE);
	ids->casting = partner(d, "山东某铸造机械有限公司", CE_PARTNER_ENTERPRISE, "铸造装备",
	                       CE_OWNERSHIP_STATE_OWNED);
	ids->science_dept = partner(d, "山东省科学技术厅", CE_PARTNER_GOVERNMENT, "科技管理", 0);
	ids->casting_assoc = partner(d, "山东省铸造协会", CE_PARTNER_INDUSTRY_ASSOCIATION, "铸造", 0);
	/* Shallow cooperation: a consulting agreement and nothing else. */
	ids->consultancy = partner(d, "某咨询服务有限公司", CE_PARTNER_ENTERPRISE, "技术咨询",
	                           CE_OWNERSHIP_PRIVATE);

	ids->training_agreement = agreement(
		d, "研究生联合培养与联合研发协议",
		CE_SCOPE_INTERNSHIP_HOSTING | CE_SCOPE_JOINT_TRAINING_BASE | CE_SCOPE_JOINT_PROJECT,
		ids->aviation, CE_DATE(2015, 3, 1), CE_DATE(2025, 2, 28), 0,
		"实习学生须遵守企业安全生产与保密制度，不得擅自离岗");
	ids->sand_agreement = agreement(d, "覆膜砂回收利用合作协议",
	                                CE_SCOPE_INTERNSHIP_HOSTING | CE_SCOPE_TECHNOLOGY_TRANSFER,
	                                ids->casting, CE_DATE(2019, 5, 1), CE_DATE(2022, 4, 30),
	                                CE_DATE(2022, 4, 30), "实习学生须遵守车间安全操作规程");
	ids->consulting_agreement = agreement(d, "技术咨询协议", CE_SCOPE_CONSULTING, ids->consultancy,
	                                      CE_DATE(2020, 1, 1), CE_DATE(2020, 12, 31),
	                                      CE_DATE(2020, 12, 31), NULL);

	ids->rd_centre = platform(d, "高强铝合金校企联合研发中心", CE_PLATFORM_ENGINEERING_RESEARCH_CENTRE,
	                          CE_PLATFORM_LEVEL_PROVINCIAL, 20, CE_DATE(2015, 6, 1), ids->aviation,
	                          ids->training_agreement);
	/* named as the paper names its base: the enterprise's */
	ids->training_base = platform(d, "山东某航空材料有限公司研究生联合培养基地",
	                              CE_PLATFORM_GRADUATE_TRAINING_BASE, CE_PLATFORM_LEVEL_INSTITUTIONAL, 30,
	                              CE_DATE(2015, 9, 1), ids->aviation, ids->training_agreement);
	ids->incubator = platform(d, "3D打印创新创业孵化基地", CE_PLATFORM_INCUBATOR,
	                          CE_PLATFORM_LEVEL_MUNICIPAL, 15, CE_DATE(2018, 9, 1), ids->university, 0);
	/* Built, then never used: the idle platform the analytics should find. */
	ids->idle_lab = platform(d, "先进铸造联合实验室", CE_PLATFORM_JOINT_LABORATORY,
	                         CE_PLATFORM_LEVEL_MUNICIPAL, 10, CE_DATE(2017, 3, 1), ids->casting, 0);

	ids->wang = supervisor(d, "王立新", CE_SUPERVISOR_ACADEMIC, "T2001", ids->university, "教授",
	                       "金属材料", 1, 1); /* worked in industry and founded a firm (the paper's 自己创业) */
	ids->li = supervisor(d, "李明", CE_SUPERVISOR_ACADEMIC, "T2002", ids->university, "副教授",
	                     "铸造工艺", 0, 0);
	ids->chen = supervisor(d, "陈静", CE_SUPERVISOR_ACADEMIC, "T2003", ids->university, "讲师",
	                       "材料加工", 0, 0);
	ids->zhang = supervisor(d, "张建国", CE_SUPERVISOR_ENTERPRISE, "E3001", ids->aviation,
	                        "高级工程师", "铝合金熔铸", 1, 0);
	ids->liu = supervisor(d, "刘洋", CE_SUPERVISOR_ENTERPRISE, "E3002", ids->aviation, "工程师",
	                      "热处理", 1, 0);
	ids->sun_tao = supervisor(d, "孙涛", CE_SUPERVISOR_ENTERPRISE, "E3003", ids->casting,
	                          "高级工程师", "砂型铸造", 1, 0);
	return d->rc;
}
