/* The projects of the case and the thesis subtopics decomposed from the
 * alloy project: a small supply chain of inputs and outputs, with
 * dependencies (for the critical path), milestones and budget lines. */
#include "steps.h"

/* A partner's role in a project. The paper dates no partner's part apart
 * from the project's own run, so the role's dates are left open (0): they
 * are the project's. */
static void project_partner(case_ctx *d, int64_t project, int64_t partner, ce_project_role role)
{
	ce_project_partner_spec s = CE_PROJECT_PARTNER_SPEC_INIT;
	s.project = project;
	s.partner = partner;
	s.role = role;
	CASE_TRY(d, ce_project_partner_create(NULL, d->db, &s), "project partner");
}

/* A project with its status and stage histories; budget in fen (CNY). */
static int64_t project(case_ctx *d, const char *code, const char *title, const char *scheme,
                       int64_t budget_fen, ce_date start, ce_date end, int64_t pi,
                       int64_t agreement, int64_t parent, const case_step *status,
                       const case_step *stage)
{
	ce_project_spec s = CE_PROJECT_SPEC_INIT;
	int64_t id = 0;
	s.code = code;
	s.title = title;
	s.funding_scheme = scheme;
	s.budget = budget_fen;
	s.currency = budget_fen ? "CNY" : NULL;
	s.start_date = start;
	s.end_date = end;
	s.status = (ce_project_status)status[0].to;
	s.status_date = status[0].on;
	s.stage = (ce_project_stage)stage[0].to;
	s.stage_date = stage[0].on;
	s.principal_investigator = pi;
	s.agreement = agreement;
	s.parent = parent;
	CASE_TRY(d, ce_project_create(&id, d->db, &s), code);
	case_follow(d, CE_ENTITY_PROJECT, id, "status", status, code);
	case_follow(d, CE_ENTITY_PROJECT, id, "stage", stage, code);
	return id;
}

/* A subtopic, proposed on path[0].on and moved along the rest of path;
 * `where` is the platform (site platform), the enterprise (site
 * enterprise) or 0 (site university). */
static int64_t subtopic(case_ctx *d, int64_t project, const char *title, ce_subtopic_kind kind,
                        ce_subtopic_site site, int64_t where, int64_t planned_days, const case_step *path)
{
	ce_subtopic_spec s = CE_SUBTOPIC_SPEC_INIT;
	int64_t id = 0;
	s.project = project;
	s.title = title;
	s.kind = kind;
	s.site = site;
	if (site == CE_SUBTOPIC_SITE_PLATFORM)
		s.platform = where;
	else
		s.partner = where;
	s.planned_days = planned_days;
	s.status = (ce_subtopic_status)path[0].to;
	s.status_date = path[0].on;
	CASE_TRY(d, ce_subtopic_create(&id, d->db, &s), title);
	case_follow(d, CE_ENTITY_SUBTOPIC, id, "status", path, title);
	return id;
}

static void io(case_ctx *d, int64_t subtopic, ce_io_direction direction, const char *description)
{
	ce_subtopic_io_spec s = CE_SUBTOPIC_IO_SPEC_INIT;
	s.subtopic = subtopic;
	s.direction = direction;
	s.description = description;
	CASE_TRY(d, ce_subtopic_io_create(NULL, d->db, &s), description);
}

static void depends(case_ctx *d, int64_t subtopic, int64_t depends_on)
{
	ce_subtopic_dependency_spec s = CE_SUBTOPIC_DEPENDENCY_SPEC_INIT;
	s.subtopic = subtopic;
	s.depends_on = depends_on;
	CASE_TRY(d, ce_subtopic_dependency_create(NULL, d->db, &s), "subtopic dependency");
}

static void milestone(case_ctx *d, int64_t subtopic, const char *title, ce_date due, ce_date done)
{
	ce_milestone_spec s = CE_MILESTONE_SPEC_INIT;
	s.subtopic = subtopic;
	s.title = title;
	s.due_date = due;
	s.done_date = done;
	CASE_TRY(d, ce_milestone_create(NULL, d->db, &s), title);
}

/* Amounts in yuan, stored in fen. */
static void budget_line(case_ctx *d, int64_t subtopic, const char *category, int64_t planned_yuan,
                        int64_t actual_yuan)
{
	ce_budget_line_spec s = CE_BUDGET_LINE_SPEC_INIT;
	s.subtopic = subtopic;
	s.category = category;
	s.planned = planned_yuan * 100;
	s.actual = actual_yuan * 100;
	s.currency = "CNY";
	CASE_TRY(d, ce_budget_line_create(NULL, d->db, &s), category);
}

/* A dated subtopic status for PATH(). */
#define AT(state, y, m, dd) { CE_SUBTOPIC_STATUS_##state, CE_DATE(y, m, dd) }

static void alloy_subtopics(case_ctx *d, case_ids *ids)
{
	int64_t p = ids->alloy_project, *st = ids->subtopic;

	st[1] = subtopic(d, p, "高强高韧铝合金成分设计与强韧化机理", CE_SUBTOPIC_THEORETICAL,
	                 CE_SUBTOPIC_SITE_UNIVERSITY, 0, 180,
	                 PATH(AT(PROPOSED, 2015, 12, 1), AT(APPROVED, 2016, 1, 8),
	                      AT(IN_PROGRESS, 2016, 1, 15), AT(COMPLETED, 2017, 12, 20)));
	st[2] = subtopic(d, p, "铝合金熔炼与铸造中试工艺", CE_SUBTOPIC_APPLIED, CE_SUBTOPIC_SITE_ENTERPRISE,
	                 ids->aviation, 240,
	                 PATH(AT(PROPOSED, 2016, 10, 10), AT(APPROVED, 2016, 11, 25),
	                      AT(IN_PROGRESS, 2017, 3, 1), AT(COMPLETED, 2019, 4, 30)));
	/* The 2014-cohort master's subtopic the undergraduate spin-off grew out of. */
	st[3] = subtopic(d, p, "3D打印选择性激光烧结覆膜砂铸型工艺", CE_SUBTOPIC_APPLIED,
	                 CE_SUBTOPIC_SITE_PLATFORM, ids->rd_centre, 150,
	                 PATH(AT(PROPOSED, 2015, 12, 1), AT(APPROVED, 2016, 1, 10),
	                      AT(IN_PROGRESS, 2016, 2, 1), AT(COMPLETED, 2017, 5, 31)));
	st[4] = subtopic(d, p, "发动机关键零部件产品试制", CE_SUBTOPIC_APPLIED, CE_SUBTOPIC_SITE_ENTERPRISE,
	                 ids->aviation, 200,
	                 PATH(AT(PROPOSED, 2018, 3, 1), AT(APPROVED, 2018, 6, 15),
	                      AT(IN_PROGRESS, 2018, 9, 1)));
	st[5] = subtopic(d, p, "热处理工艺优化", CE_SUBTOPIC_APPLIED, CE_SUBTOPIC_SITE_UNIVERSITY, 0, 120,
	                 PATH(AT(PROPOSED, 2019, 3, 1), AT(APPROVED, 2019, 6, 20)));

	/* The supply chain: S1 → S2 → S4 ← S3, S1 → S5. */
	io(d, st[1], CE_IO_OUTPUT, "合金成分与热处理窗口");
	io(d, st[2], CE_IO_INPUT, "合金成分与热处理窗口");
	io(d, st[2], CE_IO_OUTPUT, "中试铸锭");
	io(d, st[3], CE_IO_OUTPUT, "覆膜砂铸型");
	io(d, st[4], CE_IO_INPUT, "中试铸锭");
	io(d, st[4], CE_IO_INPUT, "覆膜砂铸型");
	io(d, st[4], CE_IO_OUTPUT, "零部件样件");
	io(d, st[5], CE_IO_INPUT, "合金成分与热处理窗口");
	io(d, st[5], CE_IO_OUTPUT, "热处理工艺规范");
	depends(d, st[2], st[1]);
	depends(d, st[4], st[2]);
	depends(d, st[4], st[3]);
	depends(d, st[5], st[1]);

	milestone(d, st[1], "完成合金成分设计", CE_DATE(2016, 6, 30), CE_DATE(2016, 6, 20));
	milestone(d, st[2], "完成中试铸锭试制", CE_DATE(2018, 6, 30), CE_DATE(2018, 9, 15)); /* late */
	milestone(d, st[3], "完成覆膜砂铸型试制", CE_DATE(2016, 10, 31), CE_DATE(2016, 10, 25));
	milestone(d, st[4], "完成零部件样件试制", CE_DATE(2021, 6, 30), 0); /* overdue */
	milestone(d, st[5], "完成热处理工艺窗口试验", CE_DATE(2020, 12, 31), CE_DATE(2020, 12, 10));

	budget_line(d, st[1], "材料费", 80000, 76500);
	budget_line(d, st[1], "测试化验费", 50000, 48200);
	budget_line(d, st[2], "材料费", 150000, 172000); /* over budget */
	budget_line(d, st[2], "差旅费", 20000, 18600);
	budget_line(d, st[3], "材料费", 60000, 57300);
	budget_line(d, st[4], "测试化验费", 60000, 35000);
	budget_line(d, st[4], "差旅费", 30000, 12400);
}

int case_build_projects(case_ctx *d, case_ids *ids)
{
	const ce_project_status ACTIVE = CE_PROJECT_STATUS_ACTIVE, COMPLETED = CE_PROJECT_STATUS_COMPLETED;
	const ce_project_stage LABORATORY = CE_PROJECT_STAGE_LABORATORY, PILOT = CE_PROJECT_STAGE_PILOT,
	                       INDUSTRIALISATION = CE_PROJECT_STAGE_INDUSTRIALISATION;

	ids->alloy_project = project(
		d, CASE_ALLOY_PROJECT, "通用航空发动机用高强高韧铝合金关键技术研究与产业化",
		"山东省重大科技创新工程", 800000000, CASE_ALLOY_START, CE_DATE(2021, 12, 31), ids->wang,
		ids->training_agreement, 0, PATH({ ACTIVE, CE_DATE(2016, 1, 1) }),
		/* in industrial production before the paper, whose students see
		 * the whole way "从实验室研究到车间中试到产业化生产" */
		PATH({ LABORATORY, CE_DATE(2016, 1, 1) }, { PILOT, CE_DATE(2018, 6, 1) },
		     { INDUSTRIALISATION, CE_DATE(2019, 9, 1) }));
	project_partner(d, ids->alloy_project, ids->aviation, CE_PROJECT_ROLE_LEAD);
	project_partner(d, ids->alloy_project, ids->aviation, CE_PROJECT_ROLE_HOST);
	project_partner(d, ids->alloy_project, ids->university, CE_PROJECT_ROLE_CO_APPLICANT);
	project_partner(d, ids->alloy_project, ids->science_dept, CE_PROJECT_ROLE_FUNDER);
	project_partner(d, ids->alloy_project, ids->casting, CE_PROJECT_ROLE_USER);

	/* The programme that funds the paper's work (its acknowledgement and
	 * grant number); budget and dates beyond the year are not in the
	 * paper: no budget, a made-up start. */
	ids->programme = project(
		d, CASE_PROGRAMME, "创新创业型研究生培养及成果转化平台建设", "教育部产学合作协同育人项目",
		0, CE_DATE(2019, 4, 1), 0, ids->wang, 0, 0, PATH({ ACTIVE, CE_DATE(2019, 4, 1) }),
		PATH({ LABORATORY, CE_DATE(2019, 4, 1) }));
	project_partner(d, ids->programme, ids->university, CE_PROJECT_ROLE_LEAD);

	/* The undergraduate innovation and entrepreneurship training project
	 * grown out of the coated-sand subtopic (the paper's title), below the
	 * programme. */
	ids->sand_project = project(
		d, CASE_SAND_PROJECT, "3D打印选择性激光烧结覆膜砂的回收再生与循环使用", "大学生创新创业训练计划",
		2000000, CE_DATE(2019, 5, 1), CE_DATE(2020, 12, 31), ids->li, ids->sand_agreement,
		ids->programme,
		PATH({ ACTIVE, CE_DATE(2019, 5, 1) }, { COMPLETED, CE_DATE(2020, 12, 31) }),
		PATH({ LABORATORY, CE_DATE(2019, 5, 1) }, { PILOT, CE_DATE(2020, 3, 1) }));
	project_partner(d, ids->sand_project, ids->university, CE_PROJECT_ROLE_LEAD);
	project_partner(d, ids->sand_project, ids->casting, CE_PROJECT_ROLE_HOST);
	/* the one topic its seven undergraduates work on (people.c assigns them) */
	ids->sand_subtopic = subtopic(d, ids->sand_project, "废旧覆膜砂热法再生与循环使用工艺",
	                              CE_SUBTOPIC_APPLIED, CE_SUBTOPIC_SITE_PLATFORM, ids->incubator, 365,
	                              PATH(AT(PROPOSED, 2019, 5, 1), AT(APPROVED, 2019, 5, 20),
	                                   AT(IN_PROGRESS, 2019, 6, 1), AT(COMPLETED, 2020, 12, 31)));

	alloy_subtopics(d, ids);
	return d->rc;
}
