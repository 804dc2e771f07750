/* Shared by the report tests (t_reports_*.c, t_report_*.c): a small store
 * whose every report value is worked out by hand in the tests' comments,
 * the record builders it is made with, and assertions on report tables.
 *
 * Rows are compared as text, "cell|cell|...": "~" is NULL, integers and
 * dates (YYYYMMDD) as decimals, REAL cells against a number or a fraction
 * "a/b" evaluated in double, so 1/3 means exactly the double 1.0/3.0. */
#ifndef CE_T_REPORTS_FIXTURE_H
#define CE_T_REPORTS_FIXTURE_H

#include <stdbool.h>
#include <stdio.h>

#include "conformance.h"
#include "coopedu/analytics.h"
#include "coopedu/sys/table.h"

#ifndef CE_ARRAY_LEN
#define CE_ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))
#endif

/* Analytics-private switch: the public ce_report_* skip the backend's own
 * implementation and run the core's C one. */
void ce__report_force_core(bool on);

#define D CE_DATE
#define SUB(x) CE_SUBTOPIC_STATUS_##x
#define OUT(x) CE_OUTCOME_STATUS_##x
#define END 0

/* ---- the fixture (t_reports_fixture.c) -------------------------------------- */

struct fixture {
	int64_t uni, aero, mech, gov, cons, assoc;            /* partners */
	int64_t ag1, ag2, ag3, ag4;                           /* agreements */
	int64_t f1, f2, f3, f4;                               /* platforms */
	int64_t j1, j2, j3, j4;                               /* projects */
	int64_t s1, s2, s3, s4, s5, s6;                       /* subtopics */
	int64_t st[10];                                       /* st[1..9]: students */
	int64_t u[7];                                         /* undergraduates of the spin-off */
	int64_t ac1, ac2, en1, en2, en3;                      /* supervisors */
	int64_t pt[11], pa[8], um1, um2, pr1, pr2, pr3, ep1, ep2, fr1, bp1, ea1; /* outcomes */
};
extern struct fixture fx;

/* Fills db with the fixture in one transaction and its ids into fx. */
void build(void);

/* ---- record builders (t_reports_builders.c), each asserting success --------- */

int64_t partner(const char *name, ce_partner_kind kind);
int64_t agreement(const char *title, unsigned scopes, ce_date start, ce_date end, int64_t party);
int64_t platform(const char *name, ce_platform_kind kind, ce_platform_level level,
                 int64_t capacity, ce_date established, int64_t host);
int64_t project(const char *code, const char *title, int64_t budget, const char *currency,
                ce_date start, ce_date end, ce_project_status status, ce_project_stage stage);
void project_partner(int64_t project, int64_t partner, ce_project_role role);
/* Puts child below parent (project.parent). */
void project_parent(int64_t child, int64_t parent);
/* Proposed on `proposed`, then moved through 0-ended (status, date) pairs. */
int64_t subtopic(int64_t project, const char *title, ce_subtopic_site site, int64_t platform,
                 int64_t days, ce_date proposed, ...);
void depends(int64_t subtopic, int64_t on);
void budget_line(int64_t subtopic, const char *category, int64_t planned, int64_t actual);
int64_t student(const char *number, const char *name, ce_student_level level, int cohort);
void assign(int64_t subtopic, int64_t student);
int64_t supervisor(const char *name, ce_supervisor_kind kind, int64_t affiliation);
void supervise(int64_t student, int64_t supervisor, ce_supervision_role role, ce_date start,
               ce_date end);
/* Attendees as int64_t: supervisors, then 0, then students, then 0. */
void session(ce_date on, int64_t minutes, int64_t subtopic, ...);
void evaluation(int64_t supervisor, ce_date from, ce_date to, double score);
int64_t placement(int64_t student, int64_t host, int64_t platform, ce_date start, ce_date end,
                  ce_placement_status status, ce_date status_on);
/* Makes supervisor (of kind enterprise) the placement's mentor. */
void mentor(int64_t placement, int64_t supervisor);
void incident(int64_t placement, ce_date on, ce_incident_kind kind);
/* A risk to one subject (the others 0), owned by a partner, moved to status
 * (0 or open: stays open) a month after it was identified. */
int64_t risk(int64_t agreement, int64_t project, int64_t placement, ce_risk_kind kind,
             const char *title, int likelihood, int impact, int64_t owner_partner, ce_date on,
             ce_risk_status status);
void feedback(int64_t placement, ce_feedback_direction dir, ce_date on);
/* Created on `on`, then moved through 0-ended (status, date) pairs. */
int64_t outcome(ce_outcome_kind kind, const char *title, ce_date on, ...);
void attribute(int64_t outcome, int64_t subtopic, int64_t project, int64_t partner);
/* Marks an outcome background IP: it may predate the projects it is credited to. */
void background(int64_t outcome);
/* Moves a student to graduated on `on` (a destination needs it). */
void graduate(int64_t student, ce_date on);
void contributor(int64_t outcome, int64_t position, int64_t student, int64_t supervisor);
void derive(int64_t outcome, int64_t from_subtopic, int64_t from_outcome);
void destination(int64_t student, ce_date on, int64_t employer, const char *employer_name,
                 ce_destination_sector sector, ce_position_level level);

/* ---- checking tables (t_reports_fixture.c) ---------------------------------- */

/* printf into one of a few rotating static buffers. */
const char *S(const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 1, 2)))
#endif
	;
#define L(x) ((long long)(x))

/* Row `row` of t as "a|b|~|...", reals with %.17g, in a static buffer. */
const char *render(const ce_table *t, size_t row);

/* Asserts row `row` of t is `want` ("a|b|~|..." as above). */
void ck_row_(const char *file, int line, const ce_table *t, size_t row, const char *want);
#define ck_row(t, row, want) ck_row_(__FILE__, __LINE__, (t), (row), (want))
/* Asserts t has n rows, listing them otherwise. */
void ck_rows_(const char *file, int line, const ce_table *t, size_t n);
#define ck_rows(t, n) ck_rows_(__FILE__, __LINE__, (t), (n))

/* Runs a report by name with a filter; asserts success. */
ce_table *report(const char *name, ce_date from, ce_date to, int64_t partner, int64_t project,
                 int cohort);
#define ALL(name) report((name), 0, 0, 0, 0, 0)

/* ---- randomised stores (t_report_random.c) ----------------------------------- */

/* Fills db with a deterministic pseudo-random store drawn from seed. */
void build_random(uint32_t seed);

#endif
