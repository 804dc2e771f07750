/* Shared by the survey reports (survey_*.c): the survey records loaded
 * once, each respondent's group under a grouping, and the suppression of
 * small groups in anonymous rounds, decided in one place so that every
 * report of a round and grouping hides the same groups. */
#ifndef CE_ANALYTICS_SURVEY_INTERNAL_H
#define CE_ANALYTICS_SURVEY_INTERNAL_H

#include "analytics_internal.h"
#include "coopedu/sys/backend.h"

/* Columns loaded, per table. */
enum { SV_IN_CODE, SV_IN_VERSION, SV_IN_AUDIENCE };
enum { SV_RD_INSTRUMENT, SV_RD_TITLE, SV_RD_OPENS_ON, SV_RD_CLOSES_ON, SV_RD_COHORT, SV_RD_LEVEL,
	   SV_RD_ANONYMOUS, SV_RD_ATTRIBUTES, SV_RD_INVITED };
enum { SV_IT_INSTRUMENT, SV_IT_CODE, SV_IT_POSITION, SV_IT_SECTION, SV_IT_KIND };
enum { SV_OP_ITEM, SV_OP_CODE, SV_OP_POSITION, SV_OP_LABEL };
enum { SV_RS_ROUND, SV_RS_STUDENT, SV_RS_SUPERVISOR, SV_RS_PARTNER, SV_RS_SUBMITTED_ON,
	   SV_RS_COHORT, SV_RS_LEVEL, SV_RS_SUPERVISOR_KIND, SV_RS_ATTR_PARTNER };
enum { SV_AN_RESPONSE, SV_AN_ITEM, SV_AN_NUMBER, SV_AN_OPTION, SV_AN_CHOICES, SV_AN_TEXT };

/* Item kinds as the reports read them (from the kind's token). */
typedef enum sv_kind {
	SV_OTHER, SV_LIKERT5, SV_LIKERT7, SV_NUMBER, SV_SINGLE, SV_MULTIPLE, SV_TEXT
} sv_kind;

/* Who a respondent or member of a population is. */
typedef enum sv_who { SV_NOBODY, SV_STUDENT, SV_SUPERVISOR, SV_PARTNER } sv_who;

typedef struct sv_data {
	an_rows instruments, rounds, items, options, responses, answers;
	an_rows students, supervisors, partners, placements;
	size_t *resp;      /* response rows by (round, id) */
	size_t *ans;       /* answer rows by (response, id) */
	size_t *item;      /* item rows by (instrument, position) */
	size_t *opt;       /* option rows by (item, position) */
	size_t *plc;       /* placement rows by (student, start_date, id) */
	unsigned int loaded; /* SV_NEED_* bits read so far */
	/* The backend's aggregates (backend.h: CE_SURVEY_AGG_*), or NULL
	 * when the core computes them from the records loaded. */
	ce_table *agg;
	size_t *agg_ord;   /* agg's rows by round */
} sv_data;

/* What a report reads beyond the rounds and items. */
enum {
	SV_NEED_PEOPLE = 1u,      /* students, supervisors, partners */
	SV_NEED_PLACEMENTS = 2u,
	SV_NEED_RESPONSES = 4u,
	SV_NEED_ANSWERS = 8u,     /* and the responses */
	SV_NEED_OPTIONS = 16u,
	SV_NEED_INSTRUMENTS = 32u
};
/* Loads the rounds and items, and what need asks that is not loaded yet
 * (d zeroed before the first call; freed by the caller on a failure). */
int ce__sv_load(sv_data *d, ce_db *db, unsigned int need);
void ce__sv_free(sv_data *d);
/* The aggregates of report name (CE_SURVEY_AGG_*) for the filter's rounds
 * (and baseline, the comparison's other round): the backend's into
 * d->agg, or, when it leaves them to the core, the records they are
 * computed from loaded (need, and what the grouping reads). */
int ce__sv_aggregate(sv_data *d, ce_db *db, const ce_report_filter *f, const char *name,
                     int64_t baseline, unsigned int need);
/* The rows of d->agg (positions into d->agg_ord) of round: [*lo, *hi). */
void ce__sv_agg_rows(const sv_data *d, int64_t round, size_t *lo, size_t *hi);

sv_kind ce__sv_item_kind(const sv_data *d, size_t item_row);
/* The rows of d->resp (positions into it) of the round with this id: [*lo, *hi). */
void ce__sv_responses_of(const sv_data *d, int64_t round, size_t *lo, size_t *hi);
/* The positions in d->ans of the answers of a response: [*lo, *hi). */
void ce__sv_answers_of(const sv_data *d, int64_t response, size_t *lo, size_t *hi);
/* The positions in d->item of an instrument's items: [*lo, *hi). */
void ce__sv_items_of(const sv_data *d, int64_t instrument, size_t *lo, size_t *hi);
/* The positions in d->opt of an item's options: [*lo, *hi). */
void ce__sv_options_of(const sv_data *d, int64_t item, size_t *lo, size_t *hi);

/* The group of a person of the store (a student, supervisor or partner
 * row) under grouping g, for round row rd: text in buf or a pool, or NULL. */
const char *ce__sv_person_group(const sv_data *d, sv_who who, size_t row, int g, size_t rd,
                                char buf[24]);
/* The group of response row rs (of round row rd) under grouping g. */
const char *ce__sv_response_group(const sv_data *d, size_t rs, size_t rd, int g, char buf[24]);
/* The partner of response row rs as grouping by partner reads it, or 0. */
int64_t ce__sv_response_partner(const sv_data *d, size_t rs, size_t rd);
/* The respondent of response row rs: who, and its row (in the table of
 * that kind), or SV_NOBODY. */
sv_who ce__sv_respondent(const sv_data *d, size_t rs, size_t *row);
/* Whether round row rd is anonymous. */
bool ce__sv_anonymous(const sv_data *d, size_t rd);

/* Groups: distinct names (sorted by bytes, NULL last), members mapped to
 * them, responses counted and small groups suppressed. */
typedef struct sv_groups {
	size_t n;
	char **name;        /* n names, NULL for the NULL group */
	int64_t *count;     /* responses per group */
	bool *suppressed;
	size_t *of;         /* per member: its group */
} sv_groups;

/* Groups of nmembers names (NULL allowed), the first nresponses of which
 * are responses (counted), the rest only make groups exist (a
 * population). */
int ce__sv_groups(ce_db *db, sv_groups *out, const char *const *names, size_t nmembers,
                  size_t nresponses);
/* The same for n names each with its count of responses (summed per
 * group): what an aggregate gives. */
int ce__sv_groups_counted(ce_db *db, sv_groups *out, const char *const *names,
                          const int64_t *counts, size_t n);
/* Suppresses as analytics.h says: groups of 1..k-1 responses, then the
 * smallest shown until those suppressed hold 0 or at least k. */
void ce__sv_suppress(sv_groups *g, bool anonymous, int k);
/* Index of the group named name (NULL: the NULL group), or n: a binary
 * search of the sorted names. */
size_t ce__sv_group_find(const sv_groups *g, const char *name);
void ce__sv_groups_free(sv_groups *g);

/* The groups of the responses of round row rd under the filter's grouping
 * (ungrouped: one NULL group, present even without responses), counted
 * and suppressed; lo and hi as ce__sv_responses_of(). */
int ce__sv_round_groups(ce_db *db, const sv_data *d, size_t rd, const ce_report_filter *f,
                        sv_groups *out, size_t *lo, size_t *hi);

/* Per numeric item and group of one round: the answers' statistics. */
typedef struct sv_stat {
	int64_t n;
	double mean, median, sd;
	int64_t counts[7];
} sv_stat;

/* One value of a numeric item's answers and how many gave it. */
typedef struct sv_value {
	double v;
	int64_t n;
} sv_value;
/* The statistics of the answers h[0..m) (ascending, distinct values):
 * the one computation of both paths, so that they agree to the bit. */
void ce__sv_stat_of(sv_stat *s, const sv_value *h, size_t m, bool likert);

typedef struct sv_round_stats {
	sv_groups groups;
	size_t nitems;
	size_t *items;     /* item rows (numeric items, by position) */
	sv_stat *stat;     /* nitems * groups.n */
} sv_round_stats;

int ce__sv_round_stats(ce_db *db, const sv_data *d, size_t rd, const ce_report_filter *f,
                       sv_round_stats *out);
void ce__sv_round_stats_free(sv_round_stats *s);

/* Whether round row rd is one the filter covers (round, period). */
bool ce__sv_round_in(const sv_data *d, size_t rd, const ce_report_filter *f);
/* The round opened last before round row rd among its instrument's (by
 * opens_on, then id), or d->rounds.n. */
size_t ce__sv_previous(const sv_data *d, size_t rd);
/* Refuses a grouping by an attribute anonymous round row rd does not
 * declare (CE_EINVALID naming report); CE_OK otherwise. */
int ce__sv_check_grouping(ce_db *db, const sv_data *d, size_t rd, const ce_report_filter *f,
                          const char *report);
/* Loads the rounds and items (and what need asks) and checks the
 * grouping of filter->round and ->baseline (refused: d freed). */
int ce__sv_begin(sv_data *d, ce_db *db, const ce_report_filter *f, const char *report,
                 unsigned int need);

/* The k in force. */
static inline int sv_k(const ce_report_filter *f)
{
	return f->k ? f->k : CE_REPORT_SURVEY_K;
}

#endif
