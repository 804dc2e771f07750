/* The people of the case: graduate students on the alloy subtopics, the
 * undergraduates of the spin-off, who supervises whom (one student lacks
 * an enterprise supervisor: a finding), the supervisor team, guidance,
 * evaluations, progress reports, placements and first destinations. */
#include <stdio.h>

#include "steps.h"

/* A student enrolled on 1 September of the cohort year; graduated on
 * `graduated` unless it is 0. */
static int64_t student(case_ctx *d, const char *number, const char *name, ce_student_level level,
                       int64_t cohort, const char *major, ce_date graduated)
{
	ce_student_spec s = CE_STUDENT_SPEC_INIT;
	int64_t id = 0;
	s.number = number;
	s.name = name;
	s.level = level;
	s.cohort = cohort;
	s.major = major;
	s.status = CE_STUDENT_STATUS_ENROLLED;
	s.status_date = CE_DATE((int)cohort, 9, 1);
	CASE_TRY(d, ce_student_create(&id, d->db, &s), name);
	if (graduated)
		CASE_TRY(d, ce_student_set_status(d->db, id, CE_STUDENT_STATUS_GRADUATED, graduated), name);
	return id;
}

static void assign(case_ctx *d, int64_t subtopic, int64_t student, ce_date start, ce_date end)
{
	ce_subtopic_assignment_spec s = CE_SUBTOPIC_ASSIGNMENT_SPEC_INIT;
	s.subtopic = subtopic;
	s.student = student;
	s.start_date = start;
	s.end_date = end;
	CASE_TRY(d, ce_subtopic_assignment_create(NULL, d->db, &s), "subtopic assignment");
}

static void supervise(case_ctx *d, int64_t student, int64_t supervisor, ce_supervision_role role,
                      ce_date start, ce_date end)
{
	ce_supervision_spec s = CE_SUPERVISION_SPEC_INIT;
	s.student = student;
	s.supervisor = supervisor;
	s.role = role;
	s.start_date = start;
	s.end_date = end;
	CASE_TRY(d, ce_supervision_create(NULL, d->db, &s), "supervision");
}

/* Lists of attendees for session() and team_meeting(), each ending with 0. */
#define WHO(...) ((const int64_t[]){ __VA_ARGS__, 0 })

/* A team member: a supervisor (main, deputy) or a student (member),
 * a member from `start` (0: since the team was formed). */
static void team_member(case_ctx *d, int64_t team, int64_t supervisor, int64_t student, ce_team_role role,
                        ce_date start)
{
	ce_team_member_spec s = CE_TEAM_MEMBER_SPEC_INIT;
	s.team = team;
	s.supervisor = supervisor;
	s.student = student;
	s.role = role;
	s.start_date = start;
	CASE_TRY(d, ce_team_member_create(NULL, d->db, &s), "team member");
}

/* A team meeting attended by the supervisors and students listed (each
 * list ends with 0). */
static void team_meeting(case_ctx *d, int64_t team, ce_date held_on, int64_t minutes, const char *topic,
                         const int64_t *supervisors, const int64_t *students)
{
	ce_team_meeting_spec s = CE_TEAM_MEETING_SPEC_INIT;
	int64_t id = 0;
	s.team = team;
	s.held_on = held_on;
	s.duration_minutes = minutes;
	s.topic = topic;
	CASE_TRY(d, ce_team_meeting_create(&id, d->db, &s), topic);
	for (int pass = 0; pass < 2; pass++)
		for (const int64_t *p = pass ? students : supervisors; *p; p++) {
			ce_team_meeting_attendee_spec a = CE_TEAM_MEETING_ATTENDEE_SPEC_INIT;
			a.meeting = id;
			a.supervisor = pass ? 0 : *p;
			a.student = pass ? *p : 0;
			CASE_TRY(d, ce_team_meeting_attendee_create(NULL, d->db, &a), topic);
		}
}

/* A guidance session attended by the supervisors and students listed
 * (each list ends with 0). */
static void session(case_ctx *d, ce_date held_on, int64_t minutes, ce_guidance_mode mode,
                    int64_t subtopic, const char *notes, const int64_t *supervisors,
                    const int64_t *students)
{
	ce_guidance_session_spec s = CE_GUIDANCE_SESSION_SPEC_INIT;
	int64_t id = 0;
	s.held_on = held_on;
	s.duration_minutes = minutes;
	s.mode = mode;
	s.subtopic = subtopic;
	s.notes = notes;
	CASE_TRY(d, ce_guidance_session_create(&id, d->db, &s), notes);
	for (; *supervisors; supervisors++) {
		ce_guidance_attendee_spec a = CE_GUIDANCE_ATTENDEE_SPEC_INIT;
		a.session = id;
		a.supervisor = *supervisors;
		CASE_TRY(d, ce_guidance_attendee_create(NULL, d->db, &a), notes);
	}
	for (; *students; students++) {
		ce_guidance_attendee_spec a = CE_GUIDANCE_ATTENDEE_SPEC_INIT;
		a.session = id;
		a.student = *students;
		CASE_TRY(d, ce_guidance_attendee_create(NULL, d->db, &a), notes);
	}
}

/* An evaluation for the 2019–2020 academic year. */
static void evaluation(case_ctx *d, int64_t supervisor, ce_evaluator evaluator, const char *criterion,
                       double score)
{
	ce_evaluation_spec s = CE_EVALUATION_SPEC_INIT;
	s.supervisor = supervisor;
	s.period_start = CE_DATE(2019, 9, 1);
	s.period_end = CE_DATE(2020, 8, 31);
	s.evaluator = evaluator;
	s.criterion = criterion;
	s.score = score;
	CASE_TRY(d, ce_evaluation_create(NULL, d->db, &s), criterion);
}

static void report(case_ctx *d, int64_t student, int64_t subtopic, ce_progress_kind kind,
                   ce_date submitted_on, const char *summary)
{
	ce_progress_report_spec s = CE_PROGRESS_REPORT_SPEC_INIT;
	s.student = student;
	s.subtopic = subtopic;
	s.kind = kind;
	s.submitted_on = submitted_on;
	s.summary = summary;
	CASE_TRY(d, ce_progress_report_create(NULL, d->db, &s), summary);
}

/* The placement of student `what` described by `s`, its status following path. */
static int64_t placement(case_ctx *d, const char *what, const case_step *path, ce_placement_spec s)
{
	int64_t id = 0;
	s.version = CE_PLACEMENT_SPEC_VERSION;
	s.status = (ce_placement_status)path[0].to;
	s.status_date = path[0].on;
	CASE_TRY(d, ce_placement_create(&id, d->db, &s), what);
	case_follow(d, CE_ENTITY_PLACEMENT, id, "status", path, what);
	return id;
}

static void feedback(case_ctx *d, int64_t placement, ce_feedback_direction direction, ce_date given_on,
                     double score, const char *comment)
{
	ce_feedback_spec s = CE_FEEDBACK_SPEC_INIT;
	s.placement = placement;
	s.direction = direction;
	s.given_on = given_on;
	s.score = score;
	s.comment = comment;
	CASE_TRY(d, ce_feedback_create(NULL, d->db, &s), comment);
}

static int64_t incident(case_ctx *d, int64_t placement, ce_incident_kind kind, ce_date occurred_on,
                        ce_date resolved_on, const char *description)
{
	ce_incident_spec s = CE_INCIDENT_SPEC_INIT;
	int64_t id = 0;
	s.placement = placement;
	s.kind = kind;
	s.occurred_on = occurred_on;
	s.resolved_on = resolved_on;
	s.description = description;
	CASE_TRY(d, ce_incident_create(&id, d->db, &s), description);
	return id;
}

/* A first destination: at a partner (employer) or elsewhere (employer_name). */
static void destination(case_ctx *d, int64_t student, ce_date started_on, int64_t employer,
                        const char *employer_name, ce_destination_sector sector,
                        ce_position_level level, const char *position)
{
	ce_destination_spec s = CE_DESTINATION_SPEC_INIT;
	s.student = student;
	s.started_on = started_on;
	s.employer = employer;
	s.employer_name = employer_name;
	s.sector = sector;
	s.position_level = level;
	s.position = position;
	CASE_TRY(d, ce_destination_create(NULL, d->db, &s), "destination");
}

static void students(case_ctx *d, case_ids *ids)
{
	static const char *const undergrads[7] = {
		"郑一鸣", "陈思远", "林晓", "黄志强", "何雨", "高洁", "马骏",
	};
	const int64_t *st = ids->subtopic;

	ids->zhao = student(d, "2014210301", "赵磊", CE_STUDENT_LEVEL_ACADEMIC_MASTER, 2014,
	                    "材料科学与工程", CE_DATE(2017, 6, 30));
	ids->qian = student(d, "2015220302", "钱芳", CE_STUDENT_LEVEL_PROFESSIONAL_MASTER, 2015,
	                    "材料工程", CE_DATE(2018, 6, 30));
	ids->sun_hao = student(d, "2016210303", "孙浩", CE_STUDENT_LEVEL_ACADEMIC_MASTER, 2016,
	                       "材料科学与工程", CE_DATE(2019, 6, 30));
	ids->zhou = student(d, "2017410101", "周敏", CE_STUDENT_LEVEL_DOCTORAL, 2017, "材料科学与工程", 0);
	ids->wu = student(d, "2018220305", "吴强", CE_STUDENT_LEVEL_PROFESSIONAL_MASTER, 2018, "材料工程", 0);
	for (int i = 0; i < 7; i++) {
		char number[16];
		snprintf(number, sizeof number, "20170301%02d", i + 1);
		ids->undergrad[i] = student(d, number, undergrads[i], CE_STUDENT_LEVEL_UNDERGRADUATE, 2017,
		                            "材料成型及控制工程", 0);
		/* the sand project's seven: on its one topic for its whole run */
		assign(d, ids->sand_subtopic, ids->undergrad[i], CE_DATE(2019, 6, 1), CE_DATE(2020, 12, 31));
	}

	assign(d, st[3], ids->zhao, CE_DATE(2016, 1, 10), CE_DATE(2017, 6, 30));
	assign(d, st[1], ids->qian, CE_DATE(2015, 12, 1), CE_DATE(2018, 6, 30));
	assign(d, st[2], ids->sun_hao, CE_DATE(2016, 11, 25), CE_DATE(2019, 6, 30));
	assign(d, st[4], ids->zhou, CE_DATE(2018, 6, 15), 0);
	assign(d, st[5], ids->wu, CE_DATE(2019, 6, 20), 0);
}

static void supervision(case_ctx *d, const case_ids *ids)
{
	const ce_supervision_role MAIN = CE_SUPERVISION_ROLE_MAIN,
	                          DEPUTY = CE_SUPERVISION_ROLE_DEPUTY,
	                          ENTERPRISE = CE_SUPERVISION_ROLE_ENTERPRISE;

	supervise(d, ids->zhao, ids->wang, MAIN, CE_DATE(2014, 9, 1), CE_DATE(2017, 6, 30));
	supervise(d, ids->zhao, ids->zhang, ENTERPRISE, CE_DATE(2015, 3, 1), CE_DATE(2017, 6, 30));
	supervise(d, ids->qian, ids->wang, MAIN, CE_DATE(2015, 9, 1), CE_DATE(2018, 6, 30));
	supervise(d, ids->qian, ids->liu, ENTERPRISE, CE_DATE(2016, 1, 1), CE_DATE(2018, 6, 30));
	supervise(d, ids->sun_hao, ids->li, MAIN, CE_DATE(2016, 9, 1), CE_DATE(2019, 6, 30));
	supervise(d, ids->sun_hao, ids->sun_tao, ENTERPRISE, CE_DATE(2016, 11, 25), CE_DATE(2019, 6, 30));
	supervise(d, ids->zhou, ids->wang, MAIN, CE_DATE(2017, 9, 1), 0);
	supervise(d, ids->zhou, ids->chen, DEPUTY, CE_DATE(2017, 9, 1), 0);
	supervise(d, ids->zhou, ids->zhang, ENTERPRISE, CE_DATE(2018, 6, 15), 0);
	/* 吴强 has no enterprise supervisor: the dual-supervision finding. */
	supervise(d, ids->wu, ids->li, MAIN, CE_DATE(2018, 9, 1), 0);
}

static void team(case_ctx *d, const case_ids *ids)
{
	ce_team_spec s = CE_TEAM_SPEC_INIT;
	int64_t id = 0;
	s.name = "高强铝合金导师团队";
	s.discipline = "材料科学与工程";
	s.established_on = CE_DATE(2015, 9, 1);
	CASE_TRY(d, ce_team_create(&id, d->db, &s), s.name);
	/* The paper's supervisor team (导师团队指导小组) holds regular progress
	 * meetings where the students report; it dates neither the members nor
	 * the meetings. The students are members from their enrolment, the
	 * supervisors since the team was formed; who attended is this case's. */
	team_member(d, id, ids->wang, 0, CE_TEAM_ROLE_MAIN, 0);
	team_member(d, id, ids->li, 0, CE_TEAM_ROLE_DEPUTY, 0);
	team_member(d, id, ids->zhang, 0, CE_TEAM_ROLE_DEPUTY, 0);
	team_member(d, id, 0, ids->zhou, CE_TEAM_ROLE_MEMBER, CE_DATE(2017, 9, 1));
	team_member(d, id, 0, ids->wu, CE_TEAM_ROLE_MEMBER, CE_DATE(2018, 9, 1));
	team_meeting(d, id, CE_DATE(2019, 3, 15), 120, "年度研究进展汇报", WHO(ids->wang, ids->li, ids->zhang),
	             WHO(ids->zhou, ids->wu));
	team_meeting(d, id, CE_DATE(2020, 9, 10), 90, "中期检查预审与热处理衔接", WHO(ids->wang, ids->li),
	             WHO(ids->zhou, ids->wu));
}


/* Guidance sessions 2016–2021; several joint (academic and enterprise
 * supervisor together). */
static void guidance(case_ctx *d, const case_ids *ids)
{
	const int64_t *st = ids->subtopic;

	session(d, CE_DATE(2016, 4, 12), 90, CE_GUIDANCE_MODE_MEETING, st[3], "覆膜砂铸型工艺方案讨论",
	        WHO(ids->wang, ids->zhang), WHO(ids->zhao));
	session(d, CE_DATE(2016, 10, 20), 180, CE_GUIDANCE_MODE_ENTERPRISE_SITE, st[3],
	        "企业现场激光烧结试验", WHO(ids->zhang), WHO(ids->zhao));
	session(d, CE_DATE(2017, 3, 8), 120, CE_GUIDANCE_MODE_LABORATORY, st[1], "合金成分设计实验指导",
	        WHO(ids->wang), WHO(ids->qian));
	session(d, CE_DATE(2017, 11, 15), 240, CE_GUIDANCE_MODE_ENTERPRISE_SITE, st[2],
	        "熔炼中试工艺现场指导", WHO(ids->li, ids->sun_tao), WHO(ids->sun_hao));
	session(d, CE_DATE(2018, 5, 22), 60, CE_GUIDANCE_MODE_ONLINE, st[2], "中试铸锭组织分析",
	        WHO(ids->sun_tao), WHO(ids->sun_hao));
	session(d, CE_DATE(2019, 4, 18), 210, CE_GUIDANCE_MODE_ENTERPRISE_SITE, st[4],
	        "零部件试制方案现场评审", WHO(ids->wang, ids->zhang), WHO(ids->zhou));
	session(d, CE_DATE(2020, 6, 9), 60, CE_GUIDANCE_MODE_ONLINE, st[5], "热处理试验方案",
	        WHO(ids->li), WHO(ids->wu));
	session(d, CE_DATE(2021, 3, 25), 120, CE_GUIDANCE_MODE_MEETING, st[4],
	        "零部件试制进度与热处理衔接", WHO(ids->wang, ids->chen, ids->zhang),
	        WHO(ids->zhou, ids->wu));
}

/* How supervisors were rated, and what students reported. */
static void evaluations_and_reports(case_ctx *d, const case_ids *ids)
{
	const int64_t *st = ids->subtopic;
	const ce_progress_kind PROPOSAL = CE_PROGRESS_PROPOSAL_DEFENCE, MID_TERM = CE_PROGRESS_MID_TERM,
	                       FINAL = CE_PROGRESS_FINAL;

	evaluation(d, ids->zhang, CE_EVALUATOR_STUDENT, "指导时间投入", 88);
	evaluation(d, ids->zhang, CE_EVALUATOR_SCHOOL, "校企联合指导成效", 85);
	evaluation(d, ids->liu, CE_EVALUATOR_STUDENT, "指导时间投入", 72);
	evaluation(d, ids->wang, CE_EVALUATOR_STUDENT, "指导时间投入", 92);

	report(d, ids->zhao, st[3], PROPOSAL, CE_DATE(2016, 1, 10), "覆膜砂铸型工艺开题报告");
	report(d, ids->zhao, st[3], MID_TERM, CE_DATE(2016, 9, 20), "激光烧结参数试验中期报告");
	report(d, ids->zhao, st[3], FINAL, CE_DATE(2017, 5, 20), "覆膜砂铸型工艺结题报告");
	report(d, ids->sun_hao, st[2], PROPOSAL, CE_DATE(2016, 11, 25), "熔炼中试工艺开题报告");
	report(d, ids->zhou, st[4], PROPOSAL, CE_DATE(2018, 6, 15), "零部件试制开题报告");
	report(d, ids->zhou, st[4], MID_TERM, CE_DATE(2020, 6, 30), "零部件试制中期报告");
	report(d, ids->wu, st[5], PROPOSAL, CE_DATE(2019, 6, 20), "热处理工艺优化开题报告");
}

static void placements(case_ctx *d, case_ids *ids)
{
	const ce_feedback_direction E2S = CE_FEEDBACK_DIRECTION_ENTERPRISE_TO_SCHOOL,
	                            S2E = CE_FEEDBACK_DIRECTION_SCHOOL_TO_ENTERPRISE,
	                            ST2S = CE_FEEDBACK_DIRECTION_STUDENT_TO_SCHOOL;
	const ce_placement_status ACTIVE = CE_PLACEMENT_STATUS_ACTIVE,
	                          COMPLETED = CE_PLACEMENT_STATUS_COMPLETED,
	                          ENDED_EARLY = CE_PLACEMENT_STATUS_ENDED_EARLY;
	int64_t p;

	p = placement(d, "赵磊", PATH({ ACTIVE, CE_DATE(2016, 3, 1) }, { COMPLETED, CE_DATE(2016, 12, 31) }),
	              (ce_placement_spec){
	                  .student = ids->zhao, .host = ids->aviation, .platform = ids->rd_centre,
	                  .agreement = ids->training_agreement, .position = "铸型工艺实习生",
	                  .start_date = CE_DATE(2016, 3, 1), .end_date = CE_DATE(2016, 12, 31),
	                  .mentor = ids->zhang, .academic_supervisor = ids->wang });
	feedback(d, p, E2S, CE_DATE(2017, 1, 20), 90, "工作认真，铸型试制按期完成");
	feedback(d, p, S2E, CE_DATE(2017, 2, 15), 88, "企业导师指导到位，实验条件充分");
	feedback(d, p, ST2S, CE_DATE(2017, 1, 10), 85, "现场实践收获很大");

	p = placement(d, "孙浩", PATH({ ACTIVE, CE_DATE(2017, 9, 1) }, { COMPLETED, CE_DATE(2018, 6, 30) }),
	              (ce_placement_spec){
	                  .student = ids->sun_hao, .host = ids->aviation, .platform = ids->training_base,
	                  .agreement = ids->training_agreement, .position = "熔炼工艺实习生",
	                  .start_date = CE_DATE(2017, 9, 1), .end_date = CE_DATE(2018, 6, 30),
	                  .mentor = ids->liu, .academic_supervisor = ids->li });
	feedback(d, p, E2S, CE_DATE(2018, 7, 25), 86, "能独立完成中试熔炼记录");
	feedback(d, p, S2E, CE_DATE(2018, 8, 10), 84, "建议增加企业导师指导频次");

	/* Still on site: no end date yet. */
	placement(d, "周敏", PATH({ ACTIVE, CE_DATE(2019, 3, 1) }),
	          (ce_placement_spec){
	              .student = ids->zhou, .host = ids->aviation, .platform = ids->rd_centre,
	              .agreement = ids->training_agreement, .position = "零部件试制工艺员",
	              .start_date = CE_DATE(2019, 3, 1), .mentor = ids->zhang,
	              .academic_supervisor = ids->wang });

	/* Left the post without permission; the placement ended early. */
	p = placement(d, "吴强", PATH({ ACTIVE, CE_DATE(2019, 7, 1) }, { ENDED_EARLY, CE_DATE(2019, 8, 15) }),
	              (ce_placement_spec){
	                  .student = ids->wu, .host = ids->casting, .agreement = ids->sand_agreement,
	                  .position = "铸造工艺实习生", .start_date = CE_DATE(2019, 7, 1),
	                  .end_date = CE_DATE(2019, 8, 15), .mentor = ids->sun_tao,
	                  .academic_supervisor = ids->li });
	ids->wu_placement = p;
	ids->wu_incident = incident(d, p, CE_INCIDENT_ABSENCE_WITHOUT_LEAVE, CE_DATE(2019, 8, 10), CE_DATE(2019, 8, 15),
	         "未经请假擅自离岗两天，违反协议行为规范");
}

/* The paper: masters trained this way take middle technical management
 * posts (department heads, project managers) as soon as they join an
 * enterprise; one goes on to a doctorate. */
static void destinations(case_ctx *d, const case_ids *ids)
{
	destination(d, ids->zhao, CE_DATE(2017, 7, 15), ids->aviation, NULL,
	            CE_DESTINATION_SECTOR_PRIVATE_ENTERPRISE, CE_POSITION_LEVEL_MIDDLE_MANAGEMENT, "技术部副经理");
	destination(d, ids->qian, CE_DATE(2018, 7, 20), 0, "某国有航空工业公司",
	            CE_DESTINATION_SECTOR_STATE_OWNED_ENTERPRISE, CE_POSITION_LEVEL_MIDDLE_MANAGEMENT, "项目经理");
	destination(d, ids->sun_hao, CE_DATE(2019, 9, 1), 0, "某高校材料学院",
	            CE_DESTINATION_SECTOR_FURTHER_STUDY, (ce_position_level)0, "攻读博士学位");
}

int case_build_people(case_ctx *d, case_ids *ids)
{
	students(d, ids);
	supervision(d, ids);
	team(d, ids);
	guidance(d, ids);
	evaluations_and_reports(d, ids);
	placements(d, ids);
	destinations(d, ids);
	return d->rc;
}
