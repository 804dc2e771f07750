/**
 * @file coopedu/training.h
 * @brief Training courses (培训课程) students take besides their degree
 *        courses: enterprise culture (企业文化), workplace conduct,
 *        management and leadership (管理能力和领导力), pre-practice training
 *        (岗前培训) and the like; who provides them and for how many hours;
 *        and each student's enrolment and completion.
 *
 * The provider is a partner: an enterprise for its culture course, or the
 * university itself, recorded (as everywhere in the store) as a partner of
 * kind university.
 *
 * Courses can be filtered by student: ce_filter_eq_int(filter, "student",
 * student_id) keeps the courses that student is enrolled in.
 */
#ifndef COOPEDU_TRAINING_H
#define COOPEDU_TRAINING_H

#include "record.h"

#ifdef __cplusplus
extern "C" {
#endif

/** What a training course is about. */
typedef enum ce_training_kind {
	CE_TRAINING_ENTERPRISE_CULTURE = 1,  /**< the enterprise's culture and values (企业文化) */
	CE_TRAINING_WORKPLACE_CONDUCT = 2,   /**< manners and communication at work (入职文明礼貌沟通) */
	CE_TRAINING_LEADERSHIP = 3,          /**< management and leadership (管理能力和领导力) */
	CE_TRAINING_PRE_PRACTICE = 4,        /**< training before a placement starts (岗前培训) */
	CE_TRAINING_SAFETY = 5,              /**< safety on site (安全生产) */
	CE_TRAINING_ENTREPRENEURSHIP = 6,    /**< innovation and entrepreneurship (创新创业) */
	CE_TRAINING_PROFESSIONAL_SKILLS = 7, /**< skills of the trade (专业技能) */
	CE_TRAINING_OTHER = 8                /**< anything else */
} ce_training_kind;

#define CE_TRAINING_COURSE_SPEC_VERSION 1
/** A training course's fields. */
typedef struct ce_training_course_spec {
	unsigned int version;  /**< #CE_TRAINING_COURSE_SPEC_VERSION */
	const char *title;     /**< required, e.g. "企业文化建设"; unique per provider */
	ce_training_kind kind; /**< required */
	int64_t provider;      /**< required: the partner giving it (the university: its partner record) */
	double hours;          /**< its length in hours, >= 0; 0 if unknown; never below the hours
	                            an enrolment records as attended */
	const char *description; /**< what it covers */
} ce_training_course_spec;
#define CE_TRAINING_COURSE_SPEC_INIT \
	{ CE_TRAINING_COURSE_SPEC_VERSION, NULL, (ce_training_kind)0, 0, 0.0, NULL }

CE_DECLARE_RECORD_API(training_course)

#define CE_TRAINING_ENROLMENT_SPEC_VERSION 1
/**
 * A student's enrolment in a training course, and its completion. Each
 * student once per course. Dates: completed_on not before started_on, and
 * neither before the student's cohort year began.
 */
typedef struct ce_training_enrolment_spec {
	unsigned int version;  /**< #CE_TRAINING_ENROLMENT_SPEC_VERSION */
	int64_t course;        /**< required: the course it belongs to */
	int64_t student;       /**< required: the student taking it */
	ce_date started_on;    /**< when the student started it; 0 if unknown */
	ce_date completed_on;  /**< when the student completed it; 0 while not completed */
	double hours_attended; /**< hours the student attended, >= 0 and not above the course's
	                            hours (when those are known); 0 if unknown */
} ce_training_enrolment_spec;
#define CE_TRAINING_ENROLMENT_SPEC_INIT { CE_TRAINING_ENROLMENT_SPEC_VERSION, 0, 0, 0, 0, 0.0 }

CE_DECLARE_RECORD_API(training_enrolment)

#ifdef __cplusplus
}
#endif
#endif
