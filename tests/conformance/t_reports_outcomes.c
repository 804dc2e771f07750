/* Every report's column contract (names and types, even on an empty store),
 * and outcome_funnel on the hand-worked fixture. */
#include "t_reports_fixture.h"

/* ---- the column contract ----------------------------------------------------- */

static const struct {
	const char *report;
	const char *columns; /* name:type,... with i r s d b */
} contract[] = {
	{ "outcome_funnel",
	  "patents_filed:i,patents_granted:i,patents_rejected:i,patents_pending:i,patents_productised:i,"
	  "grant_rate:r,median_days_to_grant:r,utility_models_filed:i,utility_models_granted:i,"
	  "papers_submitted:i,papers_accepted:i,papers_published:i,papers_rejected:i,"
	  "spinoff_projects:i,spinoff_outputs:i" },
	{ "supervision_coverage",
	  "cohort:i,students:i,with_academic_main:i,with_enterprise:i,with_both:i,coverage:r" },
	{ "students_lacking_supervisor", "student:i,number:s,name:s,cohort:i,level:s,lacks:s" },
	{ "guidance_hours",
	  "supervisor:i,name:s,kind:s,sessions:i,hours:r,students:i,hours_per_student:r,"
	  "joint_sessions:i,joint_share:r,evaluation_score:r,evaluations:i" },
	{ "guidance_by_term",
	  "supervisor:i,supervisor_name:s,student:i,student_name:s,term:s,sessions:i,hours:r" },
	{ "cooperation_depth",
	  "partner:i,name:s,kind:s,depth:i,level:s,agreements:i,projects:i,placements:i,"
	  "enterprise_supervisors:i,outcomes:i" },
	{ "platform_utilisation",
	  "platform:i,name:s,kind:s,year:i,capacity:i,placements:i,placement_days:i,utilisation:r,"
	  "subtopics:i" },
	{ "idle_platforms", "platform:i,name:s,kind:s,level:s,established_on:d,last_used:d" },
	{ "placement_health",
	  "host:i,host_name:s,placements:i,incidents:i,incidents_per_100:r,ended_early:i,finished:i,"
	  "with_feedback:i,feedback_coverage:r,median_feedback_days:r,feedback_during:i" },
	{ "destinations",
	  "cohort:i,sector:s,graduates:i,at_partner:i,share_at_partner:r,middle_management:i,"
	  "share_middle_management:r" },
	{ "project_pipeline", "stage:s,projects:i,active:i,completed:i,currency:s,budget:i" },
	{ "subtopic_graph",
	  "position:i,subtopic:i,title:s,status:s,planned_days:i,depends_on:s,earliest_start:i,"
	  "earliest_finish:i,latest_start:i,slack:i,critical:b" },
	{ "budget_variance",
	  "project:i,project_code:s,subtopic:i,subtopic_title:s,category:s,currency:s,planned:i,"
	  "actual:i,variance:i,variance_share:r" },
	{ "spinoffs",
	  "spinoff:i,title:s,status:s,started_on:d,from_subtopic:i,students:i,undergraduates:i,"
	  "outputs:i,feasibility_reports:i,business_plans:i,economic_analyses:i,papers:i,patents:i,"
	  "other_outputs:i" },
	{ "risk_exposure",
	  "partner:i,partner_name:s,rank:i,risk:i,title:s,kind:s,status:s,subject:s,subject_id:i,"
	  "project:i,project_code:s,likelihood:i,impact:i,exposure:i" },
	{ "survey_response_rate",
	  "round:i,round_title:s,group:s,population:i,responses:i,response_rate:r,suppressed:b" },
	{ "survey_item_stats",
	  "round:i,item:i,item_code:s,section:s,kind:s,group:s,n:i,mean:r,median:r,sd:r,count_1:i,"
	  "count_2:i,count_3:i,count_4:i,count_5:i,count_6:i,count_7:i,suppressed:b" },
	{ "survey_choices",
	  "round:i,item:i,item_code:s,kind:s,group:s,option:s,label:s,respondents:i,count:i,share:r,"
	  "suppressed:b" },
	{ "survey_comparison",
	  "round:i,baseline:i,item:i,item_code:s,section:s,group:s,baseline_n:i,baseline_mean:r,n:i,"
	  "mean:r,change:r,suppressed:b" },
};

static ce_column_type type_of(char c)
{
	switch (c) {
	case 'i': return CE_TYPE_INT;
	case 'r': return CE_TYPE_REAL;
	case 's': return CE_TYPE_TEXT;
	case 'd': return CE_TYPE_DATE;
	default: return CE_TYPE_BOOL;
	}
}

START_TEST(every_report_has_its_columns_even_on_an_empty_store)
{
	ck_assert_int_eq(ce_report_count(), (int)CE_ARRAY_LEN(contract));
	int64_t j = make_project("EMPTY-1", "空项目", D(2020, 1, 1));
	for (size_t r = 0; r < CE_ARRAY_LEN(contract); r++) {
		ce_table *t = report(contract[r].report, 0, 0, 0,
		                     strcmp(contract[r].report, "subtopic_graph") == 0 ? j : 0, 0);
		ck_assert_str_eq(ce_report_name((int)r), contract[r].report);
		char cols[1024], *save = NULL;
		int c = 0;
		snprintf(cols, sizeof cols, "%s", contract[r].columns);
		for (char *tok = strtok_r(cols, ",", &save); tok; tok = strtok_r(NULL, ",", &save), c++) {
			char *colon = strchr(tok, ':');
			*colon = '\0';
			ck_assert_msg(ce_table_column_name(t, c) && strcmp(ce_table_column_name(t, c), tok) == 0,
			              "%s column %d: want %s, got %s", contract[r].report, c, tok,
			              ce_table_column_name(t, c));
			ck_assert_msg(ce_table_column_type(t, c) == type_of(colon[1]), "%s.%s: type %d",
			              contract[r].report, tok, ce_table_column_type(t, c));
		}
		ck_assert_int_eq(ce_table_column_count(t), c);
		ce_table_free(t);
	}
	/* the empty store's answers */
	ce_table *t = ALL("outcome_funnel");
	ck_rows(t, 1);
	ck_row(t, 0, "0|0|0|0|0|~|~|0|0|0|0|0|0|0|0");
	ce_table_free(t);
	t = ALL("placement_health");
	ck_rows(t, 1);
	ck_row(t, 0, "~|(all)|0|0|~|0|0|0|~|~|0");
	ce_table_free(t);
	t = ALL("project_pipeline"); /* EMPTY-1: laboratory, proposed, no budget */
	ck_rows(t, 3);
	ck_row(t, 0, "laboratory|1|0|0|~|0");
	ck_row(t, 1, "pilot|0|0|0|~|0");
	ck_row(t, 2, "industrialisation|0|0|0|~|0");
	ce_table_free(t);
	t = ALL("platform_utilisation");
	ck_rows(t, 0);
	ce_table_free(t);
}
END_TEST

/* ---- outcome_funnel ------------------------------------------------------------ */

START_TEST(outcome_funnel_counts_patents_papers_and_spinoffs)
{
	build();
	/* Everything. Invention patents: pt1..pt10 filed; granted pt1-pt4;
	 * rejected pt7; pending pt5, pt6, pt9, pt10 (pt8 withdrawn); productised:
	 * pt1 (pr1, pr3) and pt3 (pr2), not pt5 (not granted): 2. Grant rate
	 * 4/10. Days to grant 547, 730, 731, 1095: median (730+731)/2.
	 * Utility models: um1 granted, um2 filed. Papers now: submitted pa5, pa7;
	 * accepted pa2; published pa1, pa6; rejected pa3 (pa4 withdrawn).
	 * Spin-offs: ep1 (from S3), not ep2; its outputs: 7. */
	ce_table *t = ALL("outcome_funnel");
	ck_rows(t, 1);
	ck_row(t, 0, "10|4|1|4|2|4/10|730.5|2|1|2|1|2|1|1|7");
	ce_table_free(t);

	/* Period 2016, by filing date: pt3, pt4 (both granted: 730, 1095; pt3
	 * productised); um1; pa1 (published). ep1 was proposed in 2017. */
	t = report("outcome_funnel", D(2016, 1, 1), D(2016, 12, 31), 0, 0, 0);
	ck_row(t, 0, "2|2|0|0|1|1|912.5|1|1|0|0|1|0|0|0");
	ce_table_free(t);

	/* Cohort 2014 (张伟): pt4 granted (1095 days), pt5 pending; pa2 accepted. */
	t = report("outcome_funnel", 0, 0, 0, 0, 2014);
	ck_row(t, 0, "2|1|0|1|0|1/2|1095|0|0|0|1|0|0|0|0");
	ce_table_free(t);

	/* Cohort 2017: the undergraduates of ep1 - one spin-off, 7 outputs. */
	t = report("outcome_funnel", 0, 0, 0, 0, 2017);
	ck_row(t, 0, "0|0|0|0|0|~|~|0|0|0|0|0|0|1|7");
	ce_table_free(t);

	/* Partner mech: its project J2 -> um1 only. */
	t = report("outcome_funnel", 0, 0, fx.mech, 0, 0);
	ck_row(t, 0, "0|0|0|0|0|~|~|1|1|0|0|0|0|0|0");
	ce_table_free(t);

	/* Partner aero: J1 and J4 (and their subtopics) plus what is credited
	 * to aero itself (um2, the products): as J1, plus um2. */
	t = report("outcome_funnel", 0, 0, fx.aero, 0, 0);
	ck_row(t, 0, "8|4|1|2|2|1/2|730.5|1|0|0|1|1|1|1|7");
	ce_table_free(t);

	/* Project J3: pa4 (withdrawn, not counted) and pa5 (submitted). */
	t = report("outcome_funnel", 0, 0, 0, fx.j3, 0);
	ck_row(t, 0, "0|0|0|0|0|~|~|0|0|1|0|0|0|0|0");
	ce_table_free(t);
}
END_TEST

Suite *suite_reports_outcomes(void)
{
	Suite *s = suite_create("reports_outcomes");
	TCase *tc = store_tcase("reports_outcomes");
	tcase_add_test(tc, every_report_has_its_columns_even_on_an_empty_store);
	tcase_add_test(tc, outcome_funnel_counts_patents_papers_and_spinoffs);
	suite_add_tcase(s, tc);
	return s;
}
