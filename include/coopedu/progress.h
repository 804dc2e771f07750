/**
 * @file coopedu/progress.h
 * @brief Progress reports: a student's periodic reports on a subtopic.
 */
#ifndef COOPEDU_PROGRESS_H
#define COOPEDU_PROGRESS_H

#include "record.h"

#ifdef __cplusplus
extern "C" {
#endif

/** What a progress report is. */
typedef enum ce_progress_kind {
	CE_PROGRESS_LITERATURE = 1,       /**< literature review (文献综述) */
	CE_PROGRESS_READING = 2,          /**< reading report (读书报告) */
	CE_PROGRESS_EXPERIMENT = 3,       /**< experiment report (实验报告) */
	CE_PROGRESS_PROPOSAL_DEFENCE = 4, /**< proposal defence (开题报告) */
	CE_PROGRESS_MID_TERM = 5,         /**< mid-term check (中期检查) */
	CE_PROGRESS_FINAL = 6             /**< final report (结题报告) */
} ce_progress_kind;

#define CE_PROGRESS_REPORT_SPEC_VERSION 1
/** A progress report's fields. */
typedef struct ce_progress_report_spec {
	unsigned int version;  /**< #CE_PROGRESS_REPORT_SPEC_VERSION */
	int64_t student;       /**< required: the student reporting */
	int64_t subtopic;      /**< the subtopic reported on; 0 if none */
	ce_progress_kind kind; /**< required */
	ce_date submitted_on;  /**< required: the day it was handed in */
	const char *summary;   /**< what it says */
} ce_progress_report_spec;
#define CE_PROGRESS_REPORT_SPEC_INIT \
	{ CE_PROGRESS_REPORT_SPEC_VERSION, 0, 0, (ce_progress_kind)0, 0, NULL }

CE_DECLARE_RECORD_API(progress_report)

#ifdef __cplusplus
}
#endif
#endif
