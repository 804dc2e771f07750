/**
 * @file coopedu/evaluation.h
 * @brief Evaluations of supervisors: a score per criterion for a period,
 *        given by students, the school or the enterprise.
 */
#ifndef COOPEDU_EVALUATION_H
#define COOPEDU_EVALUATION_H

#include "record.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Who gave an evaluation. */
typedef enum ce_evaluator {
	CE_EVALUATOR_STUDENT = 1,   /**< the supervised students */
	CE_EVALUATOR_SCHOOL = 2,    /**< the university */
	CE_EVALUATOR_ENTERPRISE = 3 /**< the enterprise */
} ce_evaluator;

#define CE_EVALUATION_SPEC_VERSION 1
/** An evaluation's fields. */
typedef struct ce_evaluation_spec {
	unsigned int version;   /**< #CE_EVALUATION_SPEC_VERSION */
	int64_t supervisor;     /**< required: the supervisor evaluated */
	ce_date period_start;   /**< required: first day of the period evaluated */
	ce_date period_end;     /**< required: last day, not before period_start */
	ce_evaluator evaluator; /**< required */
	const char *criterion;  /**< required, e.g. "指导时间投入" */
	double score;           /**< 0..100 */
	const char *comment;    /**< free-form remarks */
} ce_evaluation_spec;
#define CE_EVALUATION_SPEC_INIT \
	{ CE_EVALUATION_SPEC_VERSION, 0, 0, 0, (ce_evaluator)0, NULL, 0.0, NULL }

CE_DECLARE_RECORD_API(evaluation)

#ifdef __cplusplus
}
#endif
#endif
