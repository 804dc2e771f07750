/* Helpers shared by the report sections (report_*.c). Each goes through
 * the demo's failure path, and returns a harmless value (0, NULL, "")
 * once something failed. */
#ifndef COOPEDU_DEMO_REPORT_H
#define COOPEDU_DEMO_REPORT_H

#include "demo.h"

/* A filter requiring c1 == v1 and, unless c2 is NULL, c2 == v2; NULL on
 * failure. Freed with ce_filter_free(). */
ce_filter *demo_where(case_ctx *d, const char *c1, int64_t v1, const char *c2, int64_t v2);

/* How many records of `entity` meet demo_where(c1, v1, c2, v2); all of
 * them when c1 is NULL. */
int64_t demo_count(case_ctx *d, ce_entity entity, const char *c1, int64_t v1, const char *c2, int64_t v2);

/* The token naming `value` of enum column `column`, e.g. "completed";
 * "-" for 0 (unset). Static. */
const char *demo_token(case_ctx *d, ce_entity entity, const char *column, int64_t value);

/* The @p column text of record `id` ("" if unset or id is 0), a date as
 * "YYYY-MM-DD" ("" for 0), and an amount (>= 0) of minor units as "8,000,000.00".
 * They return one of a few rotating buffers: valid for the next few
 * calls, long enough for one printf(). */
const char *demo_text(case_ctx *d, ce_entity entity, int64_t id, const char *column);
const char *demo_day(case_ctx *d, ce_date date);
const char *demo_money(int64_t minor);

/* Prints the history of a lifecycle column: "laboratory 2016-01-01 →
 * pilot 2018-06-01 → industrialisation 2020-09-01". */
void demo_print_history(case_ctx *d, ce_entity entity, int64_t id, const char *column);

/* The report sections, in the order they are printed. */
void demo_report_counts(case_ctx *d);
void demo_report_projects(case_ctx *d);
void demo_report_subtopics(case_ctx *d);
void demo_report_outcomes(case_ctx *d);
void demo_report_spin_off(case_ctx *d);
void demo_report_placements(case_ctx *d);
void demo_report_destinations(case_ctx *d);
void demo_report_findings(case_ctx *d);

#endif
