/* cooperation_depth from what each partner itself does: a store where
 * every partner sits at the level the old scale (depth from the outcomes
 * of any project it was linked to, or from an agreement's scopes) got
 * wrong, checked on the backend's own report and on the core's. */
#include "t_reports_fixture.h"

static struct {
	int64_t gov, assoc, user, host, mentor_firm, base, research, inventor;
	int64_t p1, p2;
} dx;

/* Byte order of the names inside each depth: 日 < 潍 (4), 烟 < 青 (3),
 * 山东省科 < 山东省铸 < 济 (1). */
static void build_depth(void)
{
	memset(&dx, 0, sizeof dx);
	ck_ok(ce_db_begin(db));
	int64_t uni = partner("山东某理工大学", CE_PARTNER_UNIVERSITY);
	dx.gov = partner("山东省科学技术厅", CE_PARTNER_GOVERNMENT);
	dx.assoc = partner("山东省铸造协会", CE_PARTNER_INDUSTRY_ASSOCIATION);
	dx.user = partner("济南某用户企业", CE_PARTNER_ENTERPRISE);
	dx.host = partner("淄博某实习企业", CE_PARTNER_ENTERPRISE);
	dx.mentor_firm = partner("青岛某导师企业", CE_PARTNER_ENTERPRISE);
	dx.base = partner("烟台某基地企业", CE_PARTNER_ENTERPRISE);
	dx.research = partner("潍坊某联合研发公司", CE_PARTNER_ENTERPRISE);
	dx.inventor = partner("日照某合作发明企业", CE_PARTNER_ENTERPRISE);

	/* The government governs a training-base agreement, the association
	 * an order class: promises, not training (old: co-training). */
	agreement("联合培养基地共建协议", CE_SCOPE_JOINT_TRAINING_BASE, D(2016, 1, 1), D(2020, 12, 31),
	          dx.gov);
	agreement("订单班协议", CE_SCOPE_ORDER_CLASS, D(2016, 1, 1), 0, dx.assoc);

	/* P1: a provincial project whose thesis subtopic filed a patent. Only
	 * the co-applicant did the research; the others fund or use it (old:
	 * all at co-creation). */
	dx.p1 = project("2016ZDJS02A03", "高强高韧铝合金研发", 500000000, "CNY", D(2016, 1, 1),
	                D(2019, 12, 31), CE_PROJECT_STATUS_ACTIVE, CE_PROJECT_STAGE_LABORATORY);
	project_partner(dx.p1, uni, CE_PROJECT_ROLE_LEAD);
	project_partner(dx.p1, dx.research, CE_PROJECT_ROLE_CO_APPLICANT);
	project_partner(dx.p1, dx.gov, CE_PROJECT_ROLE_FUNDER);
	project_partner(dx.p1, dx.user, CE_PROJECT_ROLE_USER);
	project_partner(dx.p1, dx.host, CE_PROJECT_ROLE_FUNDER);
	project_partner(dx.p1, dx.base, CE_PROJECT_ROLE_FUNDER);
	int64_t s1 = subtopic(dx.p1, "铝合金成分设计", CE_SUBTOPIC_SITE_UNIVERSITY, 0, 120, D(2016, 3, 1),
	                      SUB(APPROVED), D(2016, 4, 1), END);
	int64_t o1 = outcome(CE_OUTCOME_INVENTION_PATENT, "一种高强铝合金", D(2017, 5, 1), END);
	attribute(o1, s1, 0, 0);
	/* P2: the research partner's own project, no subtopic outcome. */
	dx.p2 = project("SD-2018-02", "铝合金回收", 0, NULL, D(2018, 1, 1), 0, CE_PROJECT_STATUS_ACTIVE,
	                CE_PROJECT_STAGE_LABORATORY);
	project_partner(dx.p2, dx.research, CE_PROJECT_ROLE_HOST);

	int64_t st1 = student("2016010101", "李明", CE_STUDENT_LEVEL_PROFESSIONAL_MASTER, 2016);
	int64_t st2 = student("2016010102", "王芳", CE_STUDENT_LEVEL_ACADEMIC_MASTER, 2016);
	int64_t st3 = student("2016010103", "张伟", CE_STUDENT_LEVEL_ACADEMIC_MASTER, 2016);
	/* Hosting only: an intern with no mentor of its own. */
	placement(st1, dx.host, 0, D(2017, 7, 1), D(2017, 8, 31), CE_PLACEMENT_STATUS_COMPLETED,
	          D(2017, 8, 31));
	/* Its engineer mentors the intern it hosts, without a supervision
	 * record (old: hosting). */
	int64_t e1 = supervisor("周海涛", CE_SUPERVISOR_ENTERPRISE, dx.mentor_firm);
	int64_t pl = placement(st2, dx.mentor_firm, 0, D(2017, 7, 1), D(2017, 8, 31),
	                       CE_PLACEMENT_STATUS_COMPLETED, D(2017, 8, 31));
	mentor(pl, e1);
	/* A graduate training base it hosts. */
	platform("烟台研究生联合培养基地", CE_PLATFORM_GRADUATE_TRAINING_BASE, CE_PLATFORM_LEVEL_MUNICIPAL,
	         10, D(2016, 6, 1), dx.base);
	/* Its engineer co-authored a student's paper, filed 2018 (old: none). */
	int64_t e2 = supervisor("郑宏", CE_SUPERVISOR_ENTERPRISE, dx.inventor);
	int64_t o2 = outcome(CE_OUTCOME_PAPER, "铝合金时效行为", D(2018, 4, 1), OUT(ACCEPTED), D(2019, 2, 1),
	                     END);
	contributor(o2, 1, st3, 0);
	contributor(o2, 2, 0, e2);
	ck_ok(ce_db_commit(db));
}

static void check_all(ce_table *t)
{
	ck_rows(t, 8);
	ck_row(t, 0, S("%lld|日照某合作发明企业|enterprise|4|co_creation|0|0|0|0|1", L(dx.inventor)));
	ck_row(t, 1, S("%lld|潍坊某联合研发公司|enterprise|4|co_creation|0|2|0|0|1", L(dx.research)));
	ck_row(t, 2, S("%lld|烟台某基地企业|enterprise|3|co_training|0|1|0|0|0", L(dx.base)));
	ck_row(t, 3, S("%lld|青岛某导师企业|enterprise|3|co_training|0|0|1|1|0", L(dx.mentor_firm)));
	ck_row(t, 4, S("%lld|淄博某实习企业|enterprise|2|hosting|0|1|1|0|0", L(dx.host)));
	ck_row(t, 5, S("%lld|山东省科学技术厅|government|1|transactional|1|1|0|0|0", L(dx.gov)));
	ck_row(t, 6, S("%lld|山东省铸造协会|industry_association|1|transactional|1|0|0|0|0", L(dx.assoc)));
	ck_row(t, 7, S("%lld|济南某用户企业|enterprise|1|transactional|0|1|0|0|0", L(dx.user)));
}

/* Each level, on the backend's own report and on the core's. */
START_TEST(depth_is_what_the_partner_does)
{
	build_depth();
	for (int core = 0; core < 2; core++) {
		ce__report_force_core(core == 1);
		ce_table *t = ALL("cooperation_depth");
		check_all(t);
		ce_table_free(t);

		/* The co-author's paper counts in the year it was filed only. */
		t = report("cooperation_depth", D(2018, 1, 1), D(2018, 12, 31), dx.inventor, 0, 0);
		ck_rows(t, 1);
		ck_row(t, 0, S("%lld|日照某合作发明企业|enterprise|4|co_creation|0|0|0|0|1", L(dx.inventor)));
		ce_table_free(t);
		t = report("cooperation_depth", D(2019, 1, 1), D(2019, 12, 31), dx.inventor, 0, 0);
		ck_row(t, 0, S("%lld|日照某合作发明企业|enterprise|0|none|0|0|0|0|0", L(dx.inventor)));
		ce_table_free(t);

		/* Mentoring counts while the placement runs; the training base
		 * once it exists. */
		t = report("cooperation_depth", D(2018, 1, 1), 0, dx.mentor_firm, 0, 0);
		ck_row(t, 0, S("%lld|青岛某导师企业|enterprise|0|none|0|0|0|0|0", L(dx.mentor_firm)));
		ce_table_free(t);
		t = report("cooperation_depth", 0, D(2016, 5, 31), dx.base, 0, 0);
		ck_row(t, 0, S("%lld|烟台某基地企业|enterprise|1|transactional|0|1|0|0|0", L(dx.base)));
		ce_table_free(t);
	}
	ce__report_force_core(false);
}
END_TEST

Suite *suite_reports_depth(void)
{
	Suite *s = suite_create("reports_depth");
	TCase *tc = store_tcase("reports_depth");
	tcase_add_test(tc, depth_is_what_the_partner_does);
	suite_add_tcase(s, tc);
	return s;
}
