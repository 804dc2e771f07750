/**
 * @file coopedu/analytics.h
 * @brief The questions the library answers: each report is a function
 *        returning a ce_table, filterable by period, partner, project and
 *        cohort. Every value is computed from the records, never typed in.
 *
 * Reports are also reachable by name (ce_report_run()), for the CLI and
 * bindings; ce_report_count()/ce_report_name() list them.
 */
#ifndef COOPEDU_ANALYTICS_H
#define COOPEDU_ANALYTICS_H

#include "table.h"

#ifdef __cplusplus
extern "C" {
#endif

#define CE_REPORT_FILTER_VERSION 3
/**
 * What a report looks at; zero members mean "no restriction". Each report
 * documents which members it honours and how; a member it cannot honour
 * makes it fail with #CE_EINVALID rather than be silently ignored. Every
 * report also refuses (#CE_EINVALID) an unknown version, a date that is not
 * a calendar date, from after to, and a cohort outside 1950..2100, and
 * (#CE_ENOTFOUND) a partner or project that does not exist. NULL means an
 * initialised filter.
 *
 * Periods: a dated record is "in" the period when its date lies in
 * [from, to]; a record with a span (start, end; an unset end is still
 * going) "overlaps" it when it starts by `to` and ends at or after `from`.
 *
 * People (version 2): `level`, `student` and `person_times` are honoured
 * by the outcome reports only (ce_report_outcome_funnel(),
 * ce_report_spinoffs()); `cohort`, `level` and `student` together pick the
 * student contributors that count: an outcome is in when one of its
 * student contributors is of the cohort, of the level and (when given) is
 * that student. An outcome counts once however many of its people count
 * ("count once", the default); with `person_times` it counts once per
 * counting student contributor (the case study's 人次, "8 person-times of
 * graduate students filed invention patents"): a patent with two graduate
 * inventors counts twice, one with none not at all (without a people
 * filter every student contributor counts).
 *
 * Projects: a report that honours `project` reads it as that project
 * alone, or (`descendants`, version 2) as that project and every project
 * below it through project.parent (a programme and the projects it funds,
 * their sub-projects...). `descendants` without `project` is refused
 * (#CE_EINVALID); a version-1 filter has no such member and is read
 * without it.
 *
 * Surveys (version 3): `round`, `baseline`, `group_by` and `k` are
 * honoured by the survey reports only (ce_report_survey_response_rate()
 * and the others below), which refuse the members of versions 1 and 2
 * but the period. See "Survey reports" below.
 *
 * Results: names and types of the columns are fixed per report (listed
 * below, in order); a ratio with a zero denominator is NULL. Text is
 * ordered by bytes (UTF-8 code points), ties by id.
 */
typedef struct ce_report_filter {
	unsigned int version; /**< #CE_REPORT_FILTER_VERSION */
	ce_date from;         /**< start of the period (inclusive), 0: open */
	ce_date to;           /**< end of the period (inclusive), 0: open */
	int64_t partner;      /**< a partner id, 0: all */
	int64_t project;      /**< a project id, 0: all */
	int cohort;           /**< an enrolment year, 0: all */
	/* version 2 (libcoopedu 0.3) */
	int descendants;      /**< nonzero: `project` includes the projects below it */
	int level;            /**< a #ce_report_level: student contributors of that level, 0: all */
	int person_times;     /**< nonzero: count an outcome once per student contributor (人次) */
	int64_t student;      /**< a student id: the outcomes that student contributed to, 0: all */
	/* version 3 (libcoopedu 0.3): surveys */
	int64_t round;        /**< a survey_round id: that round alone, 0: every round */
	int64_t baseline;     /**< survey_comparison: the round `round` is compared with, 0: its previous one */
	int group_by;         /**< a #ce_report_group: one row per group, 0: no grouping */
	int k;                /**< anonymous rounds: groups of fewer responses are suppressed; 0: 5 */
} ce_report_filter;
#define CE_REPORT_FILTER_INIT { CE_REPORT_FILTER_VERSION, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 }

/**
 * Students by level, as the papers count them (ce_report_filter.level):
 * undergraduates, or graduate students (masters of either kind and
 * doctoral students).
 */
typedef enum ce_report_level {
	CE_REPORT_LEVEL_ALL = 0,           /**< no restriction */
	CE_REPORT_LEVEL_UNDERGRADUATE = 1, /**< 本科生 */
	CE_REPORT_LEVEL_GRADUATE = 2       /**< 研究生: academic or professional master, doctoral */
} ce_report_level;

/**
 * What a survey report's rows are grouped by (ce_report_filter.group_by):
 * an attribute of the respondent. In a named round it is read from the
 * respondent's record: a student's cohort and level (graduate: any
 * master's or doctoral level), the host of a student's placement (the
 * latest one starting by the round's close, any when the round has no
 * close date), a supervisor's kind and affiliation, a partner itself. In
 * an anonymous round it is the attribute the response carries. A
 * respondent without the attribute falls in the group NULL.
 */
typedef enum ce_report_group {
	CE_REPORT_GROUP_NONE = 0,            /**< one row for all responses */
	CE_REPORT_GROUP_LEVEL = 1,           /**< "graduate", "undergraduate" */
	CE_REPORT_GROUP_COHORT = 2,          /**< the enrolment year, as text ("2019") */
	CE_REPORT_GROUP_PARTNER = 3,         /**< the partner's name */
	CE_REPORT_GROUP_SUPERVISOR_KIND = 4  /**< "academic", "enterprise" */
} ce_report_group;

/** The suppression threshold when ce_report_filter.k is 0. */
#define CE_REPORT_SURVEY_K 5

/**
 * Initialises @p filter to "everything" for @p version.
 * @return #CE_OK or #CE_EINVALID.
 * @since 0.1
 */
CE_EXTERN ce_result ce_report_filter_init(ce_report_filter *filter, unsigned int version);

/**
 * Outcome funnel, one row: invention patents filed, granted, rejected,
 * pending and turned into products, grant rate, median days from filing
 * to grant; utility models filed and granted; papers by status;
 * entrepreneurship projects spun out of graduate work and what they
 * produced. Period: filing (first state) date. Project: outcomes
 * attributed to it or to one of its subtopics. Partner: attributed to it,
 * or to a project it takes part in (or one of that project's subtopics).
 * Cohort: with a student contributor of that cohort.
 *
 * One row: patents_filed, patents_granted, patents_rejected,
 * patents_pending (filed or published), patents_productised (granted, and
 * a product outcome derives from it) INT; grant_rate (granted / filed),
 * median_days_to_grant (first history entry to the entry into granted)
 * REAL; utility_models_filed, utility_models_granted, papers_submitted,
 * papers_accepted, papers_published, papers_rejected (by current status;
 * withdrawn papers count nowhere), spinoff_projects (entrepreneurship
 * projects in the filter that derive from a subtopic or an outcome),
 * spinoff_outputs (outcomes deriving directly from those, whatever the
 * filter) INT. "Patents" are invention patents; every one was filed.
 * Level, student and person_times are honoured (see ce_report_filter):
 * "invention patents filed by graduate students since 2015, in
 * person-times" is from = 2015-01-01, level = #CE_REPORT_LEVEL_GRADUATE,
 * person_times = 1. Person-times weigh the patent, utility-model and paper
 * counts (and so grant_rate); the median days to grant and the spin-off
 * counts stay one per outcome.
 * @param[out] out the table, freed with ce_table_free().
 * @return #CE_OK, #CE_EINVALID or a backend error.
 * @since 0.1
 */
CE_EXTERN ce_result ce_report_outcome_funnel(ce_table **out, ce_db *db, const ce_report_filter *filter);

/**
 * Dual-supervision coverage by cohort: graduate students working on a
 * subtopic, how many have an academic main supervisor, an enterprise
 * supervisor, both, and the share with both.
 *
 * Population: students who are not undergraduates and have a subtopic
 * assignment (project: to a subtopic of it; partner: of a project it takes
 * part in; cohort: of that cohort). Academic main: a supervision with role
 * main by an academic supervisor; enterprise: role enterprise, or any role
 * by an enterprise supervisor. Period: only supervisions overlapping it
 * count. Rows by cohort, ascending: cohort, students, with_academic_main,
 * with_enterprise, with_both INT, coverage (with_both / students) REAL.
 * @since 0.1
 */
CE_EXTERN ce_result ce_report_supervision_coverage(ce_table **out, ce_db *db, const ce_report_filter *filter);

/**
 * The graduate students on a subtopic who lack an academic main or an
 * enterprise supervisor (a finding, not a refusal), with what they lack.
 * Population and filter as ce_report_supervision_coverage(). Columns:
 * student INT (id), number, name TEXT, cohort INT, level TEXT (token),
 * lacks TEXT ("academic_main", "enterprise" or
 * "academic_main,enterprise"); ordered by cohort, then number.
 * @since 0.1
 */
CE_EXTERN ce_result ce_report_students_lacking_supervisor(ce_table **out, ce_db *db, const ce_report_filter *filter);

/**
 * Guidance per supervisor, enterprise supervisors first: sessions, hours,
 * students guided, hours per student, sessions joint with a supervisor of
 * the other kind and their share, mean evaluation score and count.
 *
 * Every supervisor has a row (partner: only those affiliated with it),
 * enterprise ones first, then by name, then id. Sessions counted: those a
 * supervisor attended, held in the period, about a subtopic of the
 * project, with a student of the cohort. Columns: supervisor INT (id),
 * name, kind TEXT, sessions INT, hours REAL (minutes / 60), students INT
 * (distinct students at those sessions; of the cohort when one is given),
 * hours_per_student REAL, joint_sessions INT (sessions attended by an
 * academic and an enterprise supervisor), joint_share REAL,
 * evaluation_score REAL (mean score of the evaluations whose period
 * overlaps the filter's), evaluations INT.
 * @since 0.1
 */
CE_EXTERN ce_result ce_report_guidance_hours(ce_table **out, ce_db *db, const ce_report_filter *filter);

/**
 * Guidance hours per supervisor per student per term (spring: Feb–Jul,
 * autumn: Aug–Jan, named "2019-autumn").
 *
 * January belongs to the previous year's autumn ("2019-autumn" runs from
 * 2019-08-01 to 2020-01-31). One row per supervisor, student and term in
 * which they met at a session; ordered by supervisor id, student id and
 * term in time (spring before autumn of a year). Filters as
 * ce_report_guidance_hours() (partner: supervisors affiliated with it;
 * cohort: students of it). Columns: supervisor INT, supervisor_name TEXT,
 * student INT, student_name, term TEXT, sessions INT, hours REAL.
 * @since 0.1
 */
CE_EXTERN ce_result ce_report_guidance_by_term(ce_table **out, ce_db *db, const ce_report_filter *filter);

/**
 * Cooperation depth per partner, computed from what the partner itself
 * does with the university, never from what others did in the projects it
 * is linked to. The depth is the highest level whose condition holds:
 *
 * - 4 co-creation: it does the research with the students: an outcome is
 *   attributed to a subtopic (thesis topic) of a project in which it is a
 *   research partner (role lead, co-applicant or host), or one of its own
 *   supervisors (affiliated with it) is a contributor to an outcome;
 * - 3 co-training: it trains them: it hosts a training base (graduate
 *   joint training base or practice teaching base), or one of its
 *   enterprise supervisors supervises a student (co-supervises a thesis)
 *   or mentors a placement;
 * - 2 hosting: it hosts placements;
 * - 1 transactional (the agreement and funding level): it is party to
 *   agreements or takes part in projects, and does nothing of the above.
 *   Funding a project (role funder), using its results (user), governing
 *   or guiding (a government or association signing an agreement) stay
 *   here however many outcomes those projects produce; an agreement's
 *   scopes are promises (an order class or training base counts once its
 *   students are placed, mentored or the base is built);
 * - 0 none: nothing links it to the university.
 *
 * Rows: every partner but universities (partner: that one), by depth
 * descending, then name. Period (the only other member honoured):
 * agreements, projects, placements, supervisions and mentored placements
 * count when they overlap it; a training base when established by its
 * end; an outcome through a project when the project overlaps it, through
 * a supervisor when first filed (its first status date) in it. Columns:
 * partner INT, name, kind TEXT, depth INT, level TEXT (none,
 * transactional, hosting, co_training, co_creation), agreements, projects
 * (in any role), placements, enterprise_supervisors (affiliated, of kind
 * enterprise, supervising a student or mentoring a placement), outcomes
 * (distinct outcomes it co-created, as for depth 4) INT.
 * @since 0.1 (this scale since 0.3: see CHANGELOG)
 */
CE_EXTERN ce_result ce_report_cooperation_depth(ce_table **out, ce_db *db, const ce_report_filter *filter);

/**
 * Platform utilisation per platform and calendar year: placements and
 * placement-days there, capacity, utilisation (placement-days over
 * capacity × days in the year), subtopics worked there.
 *
 * Rows: every platform (partner: those it hosts) for every year of the
 * period from the one it was established in (none for the years before, nor
 * for a period that ends before it was established); an open side of the
 * period (or both) is taken from the
 * placements on those platforms: the year of the earliest start, of the
 * latest start or end. By platform id, year. A year counts only its part
 * inside the period and from the day the platform was established, for the
 * days and for the capacity; a placement without an end goes on to the period's
 * end (or the year's). A subtopic on a platform is worked there from its
 * first status date to its last, or on while it is neither completed nor
 * abandoned. Columns: platform INT, name, kind TEXT, year, capacity,
 * placements (overlapping the year), placement_days INT, utilisation REAL
 * (NULL for capacity 0), subtopics INT.
 * @since 0.1 (no rows before establishment since 0.3)
 */
CE_EXTERN ce_result ce_report_platform_utilisation(ce_table **out, ce_db *db, const ce_report_filter *filter);

/**
 * Platforms with no placement, subtopic or guidance in the period (ever,
 * without one), with the last date anything used them.
 *
 * Use: a placement there (start to end, an unset end still going), a
 * subtopic there (as in ce_report_platform_utilisation()), a guidance
 * session about such a subtopic (that day). Platforms established after
 * the period are left out; partner: platforms it hosts. Columns: platform
 * INT, name, kind, level TEXT, established_on DATE, last_used DATE (the
 * latest placement end, or start when open, subtopic status date or
 * session; NULL if never used); by id.
 * @since 0.1
 */
CE_EXTERN ce_result ce_report_idle_platforms(ce_table **out, ce_db *db, const ce_report_filter *filter);

/**
 * Placement health per host partner and in total: placements, incidents,
 * incidents per 100 placements, placements ended early, feedback coverage
 * (finished placements with feedback both ways), median days from a
 * placement's end to the feedback given after it, and how much feedback
 * was given during placements instead.
 *
 * Placements overlapping the period, hosted by the partner, of students of
 * the cohort. Rows per host with placements, by host name, then a total
 * row (host NULL, host_name "(all)"), always present. Columns: host INT,
 * host_name TEXT, placements, incidents INT, incidents_per_100 REAL,
 * ended_early, finished (completed or ended early), with_feedback
 * (finished, with enterprise-to-school and school-to-enterprise feedback)
 * INT, feedback_coverage (with_feedback / finished) REAL,
 * median_feedback_days REAL (the feedback given on or after its
 * placement's end: given_on − end_date, never negative; NULL when there is
 * none), feedback_during INT (feedback given while its placement ran:
 * before the end, or with no end yet; such feedback is no delay).
 * @since 0.1 (feedback_during since 0.3)
 */
CE_EXTERN ce_result ce_report_placement_health(ce_table **out, ce_db *db, const ce_report_filter *filter);

/**
 * Employment destinations by cohort and sector: graduates, how many and
 * what share work at a cooperation partner, and in middle management.
 *
 * Period: start of the employment; partner: the employer; project:
 * students assigned to one of its subtopics; cohort. A cooperation partner
 * is an employer party to an agreement, in a project or hosting a
 * placement. Rows by cohort, then sector in token order: cohort INT,
 * sector TEXT, graduates, at_partner INT, share_at_partner REAL,
 * middle_management INT, share_middle_management REAL.
 * @since 0.1
 */
CE_EXTERN ce_result ce_report_destinations(ce_table **out, ce_db *db, const ce_report_filter *filter);

/**
 * Project pipeline by stage: projects, how many active and completed, and
 * their total budget per currency.
 *
 * Projects overlapping the period (start to end), with the partner, or the
 * project itself; counted at their current stage. Rows: each stage in
 * order, once per currency of its budgeted projects (by currency code),
 * or once with currency NULL and budget 0 when none has a budget. Columns:
 * stage TEXT, projects, active, completed INT (the stage's, repeated on
 * each of its rows), currency TEXT, budget INT (minor units). Cohort is
 * refused.
 * @since 0.1
 */
CE_EXTERN ce_result ce_report_project_pipeline(ce_table **out, ce_db *db, const ce_report_filter *filter);

/**
 * The subtopics of one project (filter->project is required) in
 * dependency order, with earliest start and finish (days from the
 * project's start, from planned durations), slack, and whether each is on
 * the critical path.
 *
 * Only filter->project is honoured. Order: topological, the smallest id
 * first among the subtopics ready. Columns: position INT (1-based),
 * subtopic INT, title, status TEXT, planned_days INT, depends_on TEXT
 * (ascending ids, comma-separated; NULL if none), earliest_start,
 * earliest_finish, latest_start, slack INT, critical BOOL (slack 0).
 * @since 0.1
 */
CE_EXTERN ce_result ce_report_subtopic_graph(ce_table **out, ce_db *db, const ce_report_filter *filter);

/**
 * Budget variance per budget line: planned, actual, actual − planned and
 * the variance as a share of planned.
 *
 * Project and partner (projects it takes part in) are honoured. Rows by
 * project, subtopic, category: project INT, project_code TEXT, subtopic
 * INT, subtopic_title, category, currency TEXT, planned, actual, variance
 * INT, variance_share REAL (NULL when planned is 0).
 * @since 0.1
 */
CE_EXTERN ce_result ce_report_budget_variance(ce_table **out, ce_db *db, const ce_report_filter *filter);

/**
 * What needs attention: every finding as of @p today, and what falls due
 * from @p today to @p horizon_days days later (inclusive); what `coopedu
 * check` (horizon 0) and `coopedu remind --within N` print. Reads what the
 * handle's role may see.
 *
 * Columns: kind TEXT, severity TEXT, entity TEXT (the record's entity),
 * id INT, subject TEXT (its natural key or label: "2018220305 吴强",
 * a partner's or agreement's name or title), due DATE (NULL when the
 * finding has no date), message TEXT (English, quoting the Chinese
 * names). Rows come by subject: students, platforms, milestones,
 * placements, agreements, evaluations, duplicates; each by id.
 *
 * Severity "warning", true today:
 * - student_lacking_supervisor: as ce_report_students_lacking_supervisor();
 * - idle_platform: as ce_report_idle_platforms() (no period);
 * - overdue_milestone: not done, due before today;
 * - placement_without_feedback: completed, ended early, or past its end
 *   date (and not planned), lacking feedback in either direction;
 * - expired_agreement_in_use: expired or terminated, or past its end date,
 *   and a planned or active placement or a proposed or active project
 *   relies on it (one row per user);
 * - risk_review_overdue: an open or mitigated risk whose review date
 *   (review_on) is before today.
 *
 * Severity "reminder", due within the horizon:
 * - milestone_due: not done, due from today on;
 * - placement_ending: planned or active, its end date ahead, feedback
 *   missing in either direction;
 * - agreement_expiring: draft or active, its end date ahead;
 * - risk_review_due: an open or mitigated risk to review from today on;
 * - evaluation_due: the current term (spring Feb–Jul, autumn Aug–Jan)
 *   ends within the horizon and a supervisor with a supervision during it
 *   has no evaluation whose period overlaps it; due is the term's end.
 *
 * Severity "info": possible_duplicate, a partner whose name equals an
 * earlier partner's once spaces, brackets, ASCII case and legal-form
 * endings (有限公司, 股份有限公司, 有限责任公司, 集团, 公司, Co., Ltd., ...)
 * are set aside; a supervisor with the name, kind and affiliation of an
 * earlier one. Merge them with ce_merge() when they are one.
 *
 * @param today the reference date; 0: the system's local date.
 * @param horizon_days 0..3660.
 * @param[out] out the table, freed with ce_table_free().
 * @return #CE_OK, #CE_EINVALID (bad date or horizon), or a read failure
 *   (never a partial list).
 * @since 0.2
 */
CE_EXTERN ce_result ce_findings(ce_table **out, ce_db *db, ce_date today, int horizon_days);

/**
 * The entrepreneurship projects spun out of graduate work, one row each:
 * the case study's "an undergraduate entrepreneurship-training project
 * grown out of a master's subtopic: 7 students, a feasibility report, a
 * business plan, an economic analysis, 2 papers, 2 patent filings".
 *
 * A spin-off is an outcome of kind entrepreneurship_project that derives
 * from a subtopic or an outcome (the outcome funnel's spinoff_projects);
 * its outputs are the outcomes deriving directly from it, whatever the
 * filter (the funnel's spinoff_outputs); its students are the distinct
 * students credited as contributors of it or of any of its outputs (a
 * student on two outputs counts once). Filter as
 * ce_report_outcome_funnel(), on the spin-off itself (period: its first
 * status date; project, with descendants, and partner: its attribution;
 * cohort, level, student: a student contributor of it; person_times is
 * refused). Rows by id. Columns: spinoff INT
 * (the outcome), title, status TEXT, started_on DATE (first status date),
 * from_subtopic INT (the lowest-id subtopic it derives from; NULL when it
 * derives from outcomes only), students, undergraduates, outputs,
 * feasibility_reports, business_plans, economic_analyses, papers, patents
 * (invention and utility-model), other_outputs INT.
 * @since 0.3
 */
CE_EXTERN ce_result ce_report_spinoffs(ce_table **out, ce_db *db, const ce_report_filter *filter);

/**
 * The risk register's open risks (status open or mitigated) ranked by
 * exposure, likelihood × impact, per partner concerned: an agreement's
 * parties, a project's partners, a placement's host. One row per partner
 * and risk, ordered by partner id (a risk concerning no partner last,
 * under a NULL partner), then exposure (highest first), then risk id;
 * rank counts from 1 within the partner. Filter: partner (its rows only)
 * and project (risks to that project, with descendants those below it);
 * the rest is refused. Columns: partner INT, partner_name TEXT, rank INT,
 * risk INT, title, kind, status, subject TEXT (agreement, project or
 * placement), subject_id INT, project INT and project_code TEXT (a
 * project's risk only), likelihood, impact, exposure INT.
 * @since 0.3
 */
CE_EXTERN ce_result ce_report_risk_exposure(ce_table **out, ce_db *db, const ce_report_filter *filter);

/*
 * Survey reports
 * ==============
 *
 * Over the survey records (survey.h): every round, or filter->round alone
 * (#CE_ENOTFOUND when there is no such round); the period, when given,
 * keeps the rounds that open in it. The other members of versions 1 and 2
 * are refused (#CE_EINVALID), as are a group_by that is no
 * #ce_report_group, a negative k and, with a round given, a grouping by an
 * attribute an anonymous round does not declare. Rows come by round id,
 * item position, then group (text by bytes, the NULL group last); the
 * column `group` is NULL when not grouped.
 *
 * Small groups (the rule that keeps an anonymous answer untraceable): in
 * an anonymous round, a group with fewer than k responses (1..k-1; default
 * #CE_REPORT_SURVEY_K) is suppressed: its row stays, with its counts and
 * statistics NULL and `suppressed` true. So that no suppressed group can
 * be had back by subtracting the groups shown from the round's total (a
 * report without grouping), when the suppressed groups hold fewer than k
 * responses together, the smallest group shown (then the next...) is
 * suppressed as well until they hold k or more, or everything is
 * suppressed. A round with fewer than k responses shows nothing. The same
 * groups are suppressed in every report of a round and grouping, decided
 * on the number of responses (not of answers to an item). Named rounds
 * are never suppressed: their respondents are records anyway.
 */

/**
 * Response rate per round (and group): responses over the population.
 * The population is the round's `invited` when set (then per group
 * unknown: NULL); otherwise the records of the instrument's audience:
 * students (of the round's cohort and level, when it sets them),
 * academic supervisors, enterprise supervisors, or partners that are not
 * universities, each in the group the grouping puts it in. Grouped, a row
 * for every group with a population or a response. Columns: round INT,
 * round_title TEXT, group TEXT, population, responses INT, response_rate
 * REAL (NULL for an unknown or zero population), suppressed BOOL.
 * @since 0.3
 */
CE_EXTERN ce_result ce_report_survey_response_rate(ce_table **out, ce_db *db,
                                                   const ce_report_filter *filter);

/**
 * Per round, Likert and number item (and group): how many answered it,
 * their mean, median and standard deviation (sample, n − 1; NULL below 2
 * answers), and for Likert items how many gave each value. Grouped, a row
 * per item for every group with a response in the round. Columns: round,
 * item INT, item_code, section, kind TEXT, group TEXT, n INT, mean,
 * median, sd REAL, count_1 ... count_7 INT (count_6 and count_7 NULL on a
 * 5-point item, every count NULL on a number item), suppressed BOOL.
 * @since 0.3
 */
CE_EXTERN ce_result ce_report_survey_item_stats(ce_table **out, ce_db *db, const ce_report_filter *filter);

/**
 * Per round, choice item (single or multiple), group and option, in
 * option position order, every option: how many respondents answered the
 * item, how many chose the option and their share (a multiple-choice
 * item's shares are shares of respondents: they may add up to more than
 * 1). Columns: round, item INT, item_code, kind, group, option (the code),
 * label TEXT, respondents, count INT, share REAL, suppressed BOOL.
 * @since 0.3
 */
CE_EXTERN ce_result ce_report_survey_choices(ce_table **out, ce_db *db, const ce_report_filter *filter);

/**
 * Two rounds of one instrument compared, per Likert and number item (and
 * group): n and mean in each, and the change, mean − baseline_mean.
 * filter->round with filter->baseline compares those two (#CE_EINVALID
 * when they are the same round or run different instruments; a new
 * version of an instrument is another instrument); filter->round alone,
 * with the round of its instrument that opened last before it (refused
 * when there is none); neither, every round with such a predecessor.
 * baseline without round is refused; the period is too. Each side is
 * suppressed as its own round is (see above); a row with a side
 * suppressed has that side's n and mean and the change NULL. Columns:
 * round, baseline, item INT, item_code, section TEXT, group TEXT,
 * baseline_n INT, baseline_mean REAL, n INT, mean, change REAL,
 * suppressed BOOL.
 * @since 0.3
 */
CE_EXTERN ce_result ce_report_survey_comparison(ce_table **out, ce_db *db,
                                                const ce_report_filter *filter);

/**
 * The responses of one round as a table, the shape analysts load: one row
 * per response, one column per item named by its code, in position order,
 * after the respondent's columns. Columns: response INT, submitted_on
 * DATE, student, supervisor, partner INT (the respondent; NULL in an
 * anonymous round), cohort INT, level TEXT, supervisor_kind TEXT,
 * attr_partner INT (the respondent's attributes, read as grouping reads
 * them: from the record in a named round, from the response in an
 * anonymous one), then per item: Likert INT, number REAL, single choice
 * TEXT (the option's code), multiple choice TEXT (codes joined by ';' in
 * the order stored), text TEXT; NULL when unanswered. Rows by response id.
 * These are the records themselves (what the handle's role may read): no
 * group is suppressed here.
 * @param round a survey_round id.
 * @return #CE_OK, #CE_EINVALID, #CE_ENOTFOUND (no such round) or a read failure.
 * @since 0.3
 */
CE_EXTERN ce_result ce_survey_round_table(ce_table **out, ce_db *db, int64_t round);

/** Number of named reports. @since 0.1 */
CE_EXTERN int ce_report_count(void);
/** Name of report @p i (0-based), e.g. "outcome_funnel"; NULL if out of range. @since 0.1 */
CE_EXTERN const char *ce_report_name(int i);
/** One-line description of report @p i; NULL if out of range. @since 0.1 */
CE_EXTERN const char *ce_report_description(int i);
/**
 * Runs the report named @p name.
 * @return as the report, or #CE_ENOTFOUND for an unknown name.
 * @since 0.1
 */
CE_EXTERN ce_result ce_report_run(ce_table **out, ce_db *db, const char *name,
                                  const ce_report_filter *filter);

/**
 * @name Report cursors
 * A report read a row at a time: the same rows as ce_report_run(), in the
 * same order, cell for cell.
 *
 * Memory: on SQLite and PostgreSQL, a report the backend computes in SQL
 * (supervision_coverage, students_lacking_supervisor, guidance_hours,
 * guidance_by_term, cooperation_depth, placement_health, destinations,
 * project_pipeline, budget_variance, risk_exposure) streams: SQLite steps
 * its statement, PostgreSQL fetches from a server-side cursor 1000 rows
 * at a time, and the cursor holds one row (ce_report_cursor_streams() is
 * 1). The other reports, every report on the memory backend and every
 * report of a handle with a role (computed over what the role may see)
 * are computed whole when the cursor opens and read from that table.
 *
 * While a cursor is open on a db, the db refuses every write and
 * ce_db_begin()/commit()/rollback() with #CE_EMISUSE (the store is left
 * as it was): the rows never change under a cursor, which may live in a
 * transaction of its own on PostgreSQL. Reads, other reports and other
 * cursors are allowed. Closing the db with cursors open invalidates them:
 * each then only answers ce_report_next() with #CE_EMISUSE and must still
 * be closed. A cursor belongs to its db's thread.
 *
 *     ce_report_cursor *c;
 *     if (ce_report_open(&c, db, "guidance_by_term", NULL) != CE_OK) ...
 *     while ((rc = ce_report_next(c)) == CE_OK)
 *         ... ce_report_cursor_get_text(c, 4) ...
 *     ce_report_close(c);
 *     if (rc != CE_ITEROVER) ... the failure, ce_db_errmsg(db) ...
 * @{
 */

/** A report being read row by row. */
typedef struct ce_report_cursor ce_report_cursor;

/**
 * Opens report @p name for reading row by row, before the first row.
 * @param[out] out the cursor, closed with ce_report_close(); NULL on failure.
 * @return #CE_OK; #CE_ENOTFOUND for an unknown name; otherwise as
 *   ce_report_run() (a refused filter, a backend failure).
 * @since 0.3
 */
CE_EXTERN ce_result ce_report_open(ce_report_cursor **out, ce_db *db, const char *name,
                                   const ce_report_filter *filter);
/**
 * Moves to the next row.
 * @return #CE_OK (a row is current), #CE_ITEROVER after the last row (and
 *   on every call after the end or a failure), a storage failure while
 *   reading (message in ce_db_errmsg() and ce_last_errmsg(); no row is
 *   current), #CE_EMISUSE when the db has been closed, #CE_EINVALID for NULL.
 * @since 0.3
 */
CE_EXTERN ce_result ce_report_next(ce_report_cursor *cursor);
/** Closes the cursor, at any point (NULL is ignored); the db accepts writes again when its last cursor is closed. @since 0.3 */
CE_EXTERN void ce_report_close(ce_report_cursor *cursor);
/** 1 when the rows come from the engine one at a time, 0 when from a table computed whole at open, -1 for NULL. @since 0.3 */
CE_EXTERN int ce_report_cursor_streams(const ce_report_cursor *cursor);
/** The report's name; borrowed until ce_report_close(). @since 0.3 */
CE_EXTERN const char *ce_report_cursor_name(const ce_report_cursor *cursor);
/** Number of columns (0 for NULL or an invalidated cursor). @since 0.3 */
CE_EXTERN int ce_report_cursor_column_count(const ce_report_cursor *cursor);
/** As ce_table_column_name(). @since 0.3 */
CE_EXTERN const char *ce_report_cursor_column_name(const ce_report_cursor *cursor, int col);
/** As ce_table_column_type(). @since 0.3 */
CE_EXTERN ce_column_type ce_report_cursor_column_type(const ce_report_cursor *cursor, int col);
/** As ce_table_column_index(). @since 0.3 */
CE_EXTERN ce_result ce_report_cursor_column_index(int *out, const ce_report_cursor *cursor,
                                                  const char *name);
/** Whether the current row's cell is NULL (1), set (0), or out of range or no row is current (-1). @since 0.3 */
CE_EXTERN int ce_report_cursor_is_null(const ce_report_cursor *cursor, int col);
/** The current row's INT, DATE or BOOL cell, as ce_table_get_int(); #CE_EINVALID when no row is current. @since 0.3 */
CE_EXTERN ce_result ce_report_cursor_get_int(int64_t *out, const ce_report_cursor *cursor, int col);
/** The current row's REAL cell, as ce_table_get_real(). @since 0.3 */
CE_EXTERN ce_result ce_report_cursor_get_real(double *out, const ce_report_cursor *cursor, int col);
/** The current row's TEXT cell, as ce_table_get_text(); valid until the next ce_report_next() or ce_report_close(). @since 0.3 */
CE_EXTERN const char *ce_report_cursor_get_text(const ce_report_cursor *cursor, int col);
/** @} */

#ifdef __cplusplus
}
#endif
#endif
