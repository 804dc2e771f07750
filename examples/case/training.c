/* The case study's training courses: besides project and product meetings,
 * the graduate students "参加企业文化建设、入职文明礼貌沟通方式、管理能力和
 * 领导力培养等培训课程", with the enterprise supervisors' group guiding them
 * throughout. The paper names the three courses and that graduate students
 * take them at the cooperating enterprise; the hours, the dates and which
 * students took which course are illustrative (made up, like the people),
 * placed inside each student's placement at the enterprise. */
#include "steps.h"

static int64_t course(case_ctx *d, const char *title, ce_training_kind kind, int64_t provider,
                      double hours, const char *description)
{
	ce_training_course_spec s = CE_TRAINING_COURSE_SPEC_INIT;
	int64_t id = 0;
	s.title = title;
	s.kind = kind;
	s.provider = provider;
	s.hours = hours;
	s.description = description;
	CASE_TRY(d, ce_training_course_create(&id, d->db, &s), title);
	return id;
}

static void enrol(case_ctx *d, int64_t course, int64_t student, ce_date started, ce_date completed,
                  double hours)
{
	ce_training_enrolment_spec s = CE_TRAINING_ENROLMENT_SPEC_INIT;
	s.course = course;
	s.student = student;
	s.started_on = started;
	s.completed_on = completed;
	s.hours_attended = hours;
	CASE_TRY(d, ce_training_enrolment_create(NULL, d->db, &s), "training enrolment");
}

int case_build_training(case_ctx *d, case_ids *ids)
{
	if (d->rc != CE_OK)
		return d->rc;
	/* hours: illustrative */
	ids->culture_course = course(d, "企业文化建设", CE_TRAINING_ENTERPRISE_CULTURE, ids->aviation, 16,
	                             "企业发展历程、核心价值观与员工行为规范");
	ids->conduct_course = course(d, "入职文明礼貌与沟通方式", CE_TRAINING_WORKPLACE_CONDUCT,
	                             ids->aviation, 8, "职场礼仪、与车间一线员工和客户的沟通");
	ids->leadership_course = course(d, "管理能力和领导力培养", CE_TRAINING_LEADERSHIP, ids->aviation,
	                                24, "项目管理、团队协作与基层管理岗位的领导力");
	/* 赵磊 (placement 2016-03..12), 孙浩 (2017-09..2018-06): all three, completed;
	 * 周敏 (on site since 2019-03): two completed, leadership under way. */
	enrol(d, ids->culture_course, ids->zhao, CE_DATE(2016, 3, 7), CE_DATE(2016, 3, 11), 16);
	enrol(d, ids->conduct_course, ids->zhao, CE_DATE(2016, 3, 14), CE_DATE(2016, 3, 15), 8);
	enrol(d, ids->leadership_course, ids->zhao, CE_DATE(2016, 9, 5), CE_DATE(2016, 11, 25), 22);
	enrol(d, ids->culture_course, ids->sun_hao, CE_DATE(2017, 9, 4), CE_DATE(2017, 9, 8), 16);
	enrol(d, ids->conduct_course, ids->sun_hao, CE_DATE(2017, 9, 11), CE_DATE(2017, 9, 12), 8);
	enrol(d, ids->leadership_course, ids->sun_hao, CE_DATE(2018, 3, 5), CE_DATE(2018, 5, 25), 24);
	enrol(d, ids->culture_course, ids->zhou, CE_DATE(2019, 3, 4), CE_DATE(2019, 3, 8), 16);
	enrol(d, ids->conduct_course, ids->zhou, CE_DATE(2019, 3, 11), CE_DATE(2019, 3, 12), 8);
	enrol(d, ids->leadership_course, ids->zhou, CE_DATE(2019, 9, 2), 0, 10);
	return d->rc;
}
