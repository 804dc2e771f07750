/* The worked case of the domain, built in one place: a provincial
 * aluminium-alloy project (2016ZDJS02A03) with its thesis subtopics,
 * students, supervisors, placements, patents and products; the Ministry
 * of Education university-industry cooperative-education programme
 * 201901022063 (教育部产学合作协同育人项目 "创新创业型研究生培养及成果转化平台
 * 建设") that funds the case study's work; and, below it, the
 * undergraduate innovation and entrepreneurship training project on
 * recycling 3D-printing sand (made-up code S201910431031) that grew out of
 * the 2014-cohort master's coated-sand subtopic, with its seven
 * undergraduates. Made-up people.
 *
 * coopedu-demo, `coopedu demo`, the conformance tests and (through
 * `coopedu demo`) the Python tests all get the case from case_build(); it
 * uses only the public API. Consumers link the static helper library
 * coopedu_case together with their own libcoopedu (shared or static).
 *
 * The builders run in a context whose first failure is sticky: the
 * failing call is reported on stderr once and every later step is
 * skipped, so each call is checked without error plumbing at every step.
 * The demo's report sections use the same context. */
#ifndef COOPEDU_CASE_H
#define COOPEDU_CASE_H

#include <stdbool.h>
#include <stdint.h>

#include <coopedu.h>

/* The projects of the case, by code (their natural key): the alloy
 * project, the MoE programme (the paper's grant number) and the
 * undergraduate sand-recycling project below the programme. */
#define CASE_ALLOY_PROJECT "2016ZDJS02A03"
#define CASE_ALLOY_START CE_DATE(2016, 1, 1) /* the alloy project's start (projects.c) */
#define CASE_PROGRAMME "201901022063"
#define CASE_SAND_PROJECT "S201910431031"

typedef struct case_ctx {
	ce_db *db;
	int rc;          /* CE_OK until the first failure, then that failure's code */
	const char *who; /* the program named in diagnostics, e.g. "coopedu-demo" */
} case_ctx;

/* Records rc of `call` (its source text, made at file:line, about `what`):
 * on failure prints the call site and the library's message on stderr and
 * makes the failure sticky. Returns rc. */
int case_check(case_ctx *d, int rc, const char *call, const char *file, int line, const char *what);

/* As case_check(), but CE_ITEROVER (the end of an iteration) is no failure. */
int case_check_iter(case_ctx *d, int rc, const char *call, const char *file, int line,
                    const char *what);

/* Runs `call` unless an earlier step failed; checks its result. */
#define CASE_TRY(d, call, what) \
	((d)->rc == CE_OK ? case_check((d), (call), #call, __FILE__, __LINE__, (what)) : (d)->rc)

/* For iterator loops: true when `call` (an *_iter_next) fetched a record;
 * false at the end, after a failure (recorded), or once an earlier step
 * failed. */
#define CASE_NEXT(d, call, what)                                                           \
	((d)->rc == CE_OK &&                                                                   \
	 case_check_iter((d), (call), #call, __FILE__, __LINE__, (what)) == CE_OK)

/* Ids of the records of the case, for callers that want to refer to them
 * (the natural keys work as well: partner names, project codes, student
 * numbers, supervisor staff numbers). */
typedef struct case_ids {
	/* partners */
	int64_t university, aviation, casting, science_dept, casting_assoc, consultancy;
	/* agreements */
	int64_t training_agreement, sand_agreement, consulting_agreement;
	/* platforms */
	int64_t rd_centre, training_base, incubator, idle_lab;
	/* supervisors: academic, then enterprise */
	int64_t wang, li, chen, zhang, liu, sun_tao;
	/* projects: the alloy project, the programme and the sand project
	 * below it; the subtopics of the alloy project (subtopic[1..5]) and
	 * the sand project's one, which the seven undergraduates work on */
	int64_t alloy_project, programme, sand_project;
	int64_t subtopic[6], sand_subtopic;
	/* graduate students, and the seven undergraduates of the spin-off */
	int64_t zhao, qian, sun_hao, zhou, wu;
	int64_t undergrad[7];
	/* the spin-off: the undergraduate entrepreneurship project */
	int64_t spin_off;
	/* 吴强's placement that ended early, and the incident that ended it */
	int64_t wu_placement, wu_incident;
	/* the risk register: the risk that incident realised, and the alloy
	 * project's intellectual-property risk, mitigated */
	int64_t absence_risk, ip_risk;
	/* the surveys: the students' questionnaire and its 2019 and 2020
	 * rounds, the enterprise mentors' questionnaire and its 2020 round */
	int64_t student_instrument, student_round[2];
	int64_t mentor_instrument, mentor_round;
	/* the enterprise's training courses the graduate students took */
	int64_t culture_course, conduct_course, leadership_course;
} case_ids;

/* Builds the whole case into `db`, which should hold no case yet, in one
 * transaction: all of it or nothing. `who` names the caller in the
 * diagnostic of a failure (printed on stderr). Fills *ids unless ids is
 * NULL. Returns CE_OK, or the code of the first failure, after which the
 * store is as it was. */
int case_build(ce_db *db, case_ids *ids, const char *who);

#endif
