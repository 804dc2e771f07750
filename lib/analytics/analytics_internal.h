/* Shared by the core implementation of the reports (lib/analytics/):
 * loading the columns of a table into memory once, id sets, the filter's
 * period and scope, medians, terms, and a row writer for result tables.
 * Reports read the store only through the backend's scans, so they work
 * on every backend; lookups go through sorted ids (binary search), which
 * keeps every report O(n log n). */
#ifndef CE_ANALYTICS_INTERNAL_H
#define CE_ANALYTICS_INTERNAL_H

#include "coopedu/analytics.h"
#include "coopedu/sys/table.h"
#include "core/store.h"
#include "schema/schema.h"

/* ---- reports and their filter members --------------------------------- */

enum {
	AN_PERIOD = 0x1u,
	AN_PARTNER = 0x2u,
	AN_PROJECT = 0x4u,
	AN_COHORT = 0x8u,
	AN_ALL = 0xFu,          /* the version-1 members */
	AN_PEOPLE = 0x10u,      /* level, student */
	AN_PERSON_TIMES = 0x20u,
	AN_ROUND = 0x40u,       /* round, group_by, k (version 3) */
	AN_BASELINE = 0x80u     /* baseline (survey_comparison) */
};

typedef int (*ce__an_fn)(ce_table **out, ce_db *db, const ce_report_filter *f);

int ce__an_outcome_funnel(ce_table **out, ce_db *db, const ce_report_filter *f);
int ce__an_supervision_coverage(ce_table **out, ce_db *db, const ce_report_filter *f);
int ce__an_students_lacking_supervisor(ce_table **out, ce_db *db, const ce_report_filter *f);
int ce__an_guidance_hours(ce_table **out, ce_db *db, const ce_report_filter *f);
int ce__an_guidance_by_term(ce_table **out, ce_db *db, const ce_report_filter *f);
int ce__an_cooperation_depth(ce_table **out, ce_db *db, const ce_report_filter *f);
int ce__an_platform_utilisation(ce_table **out, ce_db *db, const ce_report_filter *f);
int ce__an_idle_platforms(ce_table **out, ce_db *db, const ce_report_filter *f);
int ce__an_placement_health(ce_table **out, ce_db *db, const ce_report_filter *f);
int ce__an_destinations(ce_table **out, ce_db *db, const ce_report_filter *f);
int ce__an_project_pipeline(ce_table **out, ce_db *db, const ce_report_filter *f);
int ce__an_subtopic_graph(ce_table **out, ce_db *db, const ce_report_filter *f);
int ce__an_budget_variance(ce_table **out, ce_db *db, const ce_report_filter *f);
int ce__an_spinoffs(ce_table **out, ce_db *db, const ce_report_filter *f);
int ce__an_risk_exposure(ce_table **out, ce_db *db, const ce_report_filter *f);
int ce__an_survey_response_rate(ce_table **out, ce_db *db, const ce_report_filter *f);
int ce__an_survey_item_stats(ce_table **out, ce_db *db, const ce_report_filter *f);
int ce__an_survey_choices(ce_table **out, ce_db *db, const ce_report_filter *f);
int ce__an_survey_comparison(ce_table **out, ce_db *db, const ce_report_filter *f);

/* Whether reports skip the backend's own implementation (tests compare
 * the two); per thread. */
void ce__report_force_core(bool on);
bool ce__report_backend_allowed(void);

/* The index of the report named name, or -1. */
int ce__report_find(const char *name);
/* Begins report `which` for a caller (db not NULL, its error cleared):
 * the role's view (ce__view_begin(), which the caller ends after a
 * CE_OK), and the checked filter into *f. */
int ce__report_begin(ce_db *db, int which, const ce_report_filter *filter, ce_report_filter *f);
/* The report's whole table: the backend's, or the core's. */
int ce__report_table(ce_table **out, ce_db *db, int which, const ce_report_filter *f);

/* ---- loaded columns ------------------------------------------------------ */

typedef union an_cell {
	int64_t i;
	double r;
	const char *s; /* into the set's text pool */
} an_cell;

#define AN_MAX_LOAD 12

/* Some columns of the rows of one table, in ascending id order. */
typedef struct an_rows {
	const ce_table_def *table;
	size_t n;
	int ncols;
	int cols[AN_MAX_LOAD];  /* column index in table of each loaded column */
	int64_t *ids;
	an_cell *cells;         /* n * ncols */
	unsigned char *nulls;   /* n * ncols */
	char *pool;             /* every loaded text, NUL-terminated */
	size_t pool_len, pool_cap;
	size_t cap;
} an_rows;

/* Loads the named columns of every row of table (eq_column == NULL) or of
 * the rows whose eq_column equals eq_value. */
int ce__an_load(an_rows *out, ce_db *db, int table, const char *eq_column, int64_t eq_value,
                int ncols, const char *const *columns);
#define AN_LOAD(out, db, table, ...)                                                          \
	ce__an_load((out), (db), (table), NULL, 0,                                              \
	            (int)(sizeof((const char *const[]){ __VA_ARGS__ }) / sizeof(const char *)),  \
	            (const char *const[]){ __VA_ARGS__ })
#define AN_LOAD_EQ(out, db, table, col, value, ...)                                           \
	ce__an_load((out), (db), (table), (col), (value),                                       \
	            (int)(sizeof((const char *const[]){ __VA_ARGS__ }) / sizeof(const char *)),  \
	            (const char *const[]){ __VA_ARGS__ })
/* Loads the named columns of the rows whose set_column is not NULL (a
 * report that only needs those reads no others). */
int ce__an_load_set(an_rows *out, ce_db *db, int table, const char *set_column, int ncols,
                    const char *const *columns);
#define AN_LOAD_SET(out, db, table, col, ...)                                                 \
	ce__an_load_set((out), (db), (table), (col),                                           \
	                (int)(sizeof((const char *const[]){ __VA_ARGS__ }) / sizeof(const char *)), \
	                (const char *const[]){ __VA_ARGS__ })
/* Loads the named columns of the rows whose column lies in [low, high]
 * (low <= high): one scan by the column's index. */
int ce__an_load_range(an_rows *out, ce_db *db, int table, const char *column, int64_t low,
                      int64_t high, int ncols, const char *const *columns);
void ce__an_rows_free(an_rows *rows);
/* Row index of id, or -1. */
ptrdiff_t ce__an_find(const an_rows *rows, int64_t id);

static inline int64_t an_i(const an_rows *r, size_t row, int k)
{
	return r->nulls[row * (size_t)r->ncols + (size_t)k] ? 0 : r->cells[row * (size_t)r->ncols + (size_t)k].i;
}
static inline double an_r(const an_rows *r, size_t row, int k)
{
	return r->nulls[row * (size_t)r->ncols + (size_t)k] ? 0.0 : r->cells[row * (size_t)r->ncols + (size_t)k].r;
}
static inline const char *an_s(const an_rows *r, size_t row, int k)
{
	return r->nulls[row * (size_t)r->ncols + (size_t)k] ? NULL : r->cells[row * (size_t)r->ncols + (size_t)k].s;
}
static inline bool an_isnull(const an_rows *r, size_t row, int k)
{
	return r->nulls[row * (size_t)r->ncols + (size_t)k] != 0;
}
/* The token of an ENUM cell, or NULL. */
const char *ce__an_token(const an_rows *r, size_t row, int k);

/* ---- id sets ------------------------------------------------------------- */

typedef struct an_ids {
	int64_t *v;
	size_t n, cap;
} an_ids;

int ce__an_ids_add(ce_db *db, an_ids *s, int64_t id);
/* Sorts and removes duplicates. */
void ce__an_ids_seal(an_ids *s);
bool ce__an_ids_has(const an_ids *s, int64_t id);
void ce__an_ids_free(an_ids *s);
/* The distinct values of column (NULL: the ids) of the rows of table
 * whose eq_column equals value (eq_column NULL: every row), sealed. */
int ce__an_ids_of(an_ids *out, ce_db *db, int table, const char *column, const char *eq_column,
                  int64_t value);

/* ---- the filter ------------------------------------------------------------ */

/* Whether date d lies in the period (0 never does when the period is set). */
bool ce__an_in_period(const ce_report_filter *f, ce_date d);
/* Whether [start, end] meets the period; 0 leaves that end open. */
bool ce__an_overlaps(const ce_report_filter *f, ce_date start, ce_date end);

/* The projects filter.project means, sealed: none when it is open; the
 * project; with filter.descendants also every project below it. */
int ce__an_project_set(an_ids *out, ce_db *db, const ce_report_filter *f);

/* The projects and subtopics a project/partner filter allows. */
typedef struct an_scope {
	bool limited;     /* false: no project or partner filter */
	an_ids projects;  /* allowed projects when limited */
	an_ids subtopics; /* their subtopics, when asked for */
} an_scope;
int ce__an_scope(an_scope *out, ce_db *db, const ce_report_filter *f, bool subtopics);
bool ce__an_scope_project(const an_scope *s, int64_t project);
bool ce__an_scope_subtopic(const an_scope *s, int64_t subtopic);
void ce__an_scope_free(an_scope *s);

/* ---- outcomes in the filter (outcome_funnel, spinoffs) ---------------------- */

/* Columns of an_outcomes.outcomes. */
enum { AN_OUTCOME_KIND, AN_OUTCOME_STATUS, AN_OUTCOME_TITLE };

typedef struct an_outcomes {
	an_rows outcomes;    /* kind, status, title */
	ce_date *filed_on;   /* first history entry */
	ce_date *granted_on; /* entry into granted, or 0 */
	bool *in;            /* passes the filter (as ce_report_outcome_funnel() reads it) */
	int64_t *weight;     /* how many times it counts: 1, or its person-times */
} an_outcomes;
int ce__an_outcomes_load(an_outcomes *d, ce_db *db, const ce_report_filter *f);
void ce__an_outcomes_free(an_outcomes *d);

/* ---- numbers, dates and terms ----------------------------------------------- */

/* qsort(), which also takes an empty (possibly NULL) array. */
void ce__an_sort(void *base, size_t n, size_t size, int (*cmp)(const void *, const void *));
/* Median of v (sorted in place); n > 0. */
double ce__an_median(double *v, size_t n);
/* Appends x to a growable array of doubles. */
int ce__an_push(ce_db *db, double **v, size_t *n, size_t *cap, double x);
/* The term of a date: Feb-Jul is YEAR-spring, Aug-Dec YEAR-autumn and
 * January the previous year's autumn. key orders terms in time. */
void ce__an_term(char buf[24], ce_date d);
int ce__an_term_key(ce_date d);

/* ---- result tables ----------------------------------------------------------- */

typedef struct an_col {
	const char *name;
	ce_column_type type;
} an_col;

/* Writes rows into a new table, keeping the first failure in rc so that a
 * report can write a whole row and check once. */
typedef struct an_out {
	ce_db *db;
	ce_table *t;
	size_t row;
	int rc;
} an_out;

int ce__an_out_new(an_out *o, ce_db *db, const char *name, const an_col *cols, int ncols);
void ce__an_row(an_out *o);
void ce__an_int(an_out *o, int col, int64_t v);
void ce__an_real(an_out *o, int col, double v);
/* num / den, or NULL when den is 0. */
void ce__an_ratio(an_out *o, int col, double num, double den);
void ce__an_text(an_out *o, int col, const char *s);
/* Hands the table over (CE_OK) or frees it and returns the failure. */
int ce__an_out_finish(an_out *o, ce_table **out);

/* A failure to allocate, recorded on db. */
int ce__an_nomem(ce_db *db);

#endif
