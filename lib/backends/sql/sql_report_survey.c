/* The aggregates the core builds the survey reports from (backend.h:
 * CE_SURVEY_AGG_*), in one statement each: the responses per round and
 * respondent group, with the answers counted per item and value (a
 * histogram, from which the core takes n, mean, median, sd and the
 * Likert counts exactly as from the answers themselves), or summed per
 * Likert item (the means), or with the population per group. Groups, suppression and statistics stay in the
 * core (lib/analytics/survey*.c), written once for every backend.
 *
 * A respondent's group, as lib/analytics/survey_data.c reads it: in an
 * anonymous round the attribute the response carries; in a named one the
 * respondent's record (the first of student, supervisor, partner): a
 * student's cohort, level class and the host of the latest placement
 * starting by the round's close; a supervisor's kind and affiliation; a
 * partner itself. */
#include "sql_report.h"

/* The round's population and respondents, by who they are. */
enum who { WHO_STUDENT, WHO_SUPERVISOR, WHO_PARTNER };

/* The host's name of student `st`'s latest placement starting by round
 * r's close (any when it has none), by start date then id. */
static void student_host(ce_sqlbuf *b)
{
	ce__sqlbuf_add(b, "(SELECT h.name FROM placement pl JOIN partner h ON h.id = pl.host "
	                  "WHERE pl.student = st.id AND (r.closes_on IS NULL OR pl.start_date <= "
	                  "r.closes_on) ORDER BY pl.start_date DESC, pl.id DESC LIMIT 1)");
}

/* The group of a person of the store (st, su or p) in round r, as text
 * or NULL. */
static void person_group(ce_sqlbuf *b, const report_ctx *x, enum who who)
{
	int g = x->f->group_by;
	if (who == WHO_STUDENT && g == CE_REPORT_GROUP_COHORT)
		ce__sqlbuf_add(b, "CAST(st.cohort AS TEXT)");
	else if (who == WHO_STUDENT && g == CE_REPORT_GROUP_LEVEL)
		ce__sqlbuf_addf(b, "CASE WHEN st.level = '%s' THEN '%s' ELSE '%s' END",
		                ce__sqr_token(x, CE_ENTITY_STUDENT, "level", CE_STUDENT_LEVEL_UNDERGRADUATE),
		                ce__sqr_token(x, CE_ENTITY_SURVEY_RESPONSE, "level", CE_SURVEY_LEVEL_UNDERGRADUATE),
		                ce__sqr_token(x, CE_ENTITY_SURVEY_RESPONSE, "level", CE_SURVEY_LEVEL_GRADUATE));
	else if (who == WHO_STUDENT && g == CE_REPORT_GROUP_PARTNER)
		student_host(b);
	else if (who == WHO_SUPERVISOR && g == CE_REPORT_GROUP_SUPERVISOR_KIND)
		ce__sqlbuf_add(b, "su.kind");
	else if (who == WHO_SUPERVISOR && g == CE_REPORT_GROUP_PARTNER)
		ce__sqlbuf_add(b, "(SELECT name FROM partner WHERE id = su.affiliation)");
	else if (who == WHO_PARTNER && g == CE_REPORT_GROUP_PARTNER)
		ce__sqlbuf_add(b, "p.name");
	else
		ce__sqlbuf_add(b, "CAST(NULL AS TEXT)");
}

/* The filter's rounds: round (and baseline), or those opening in the
 * period; over responses s. */
static void rounds_filter(ce_sqlbuf *b, const report_ctx *x)
{
	const ce_report_filter *f = x->f;
	if (f->round)
		ce__sqlbuf_add(b, f->baseline ? " AND s.round IN (:round, :baseline)" : " AND s.round = :round");
	if (f->from || f->to) {
		ce__sqlbuf_add(b, " AND s.round IN (SELECT id FROM survey_round WHERE TRUE");
		if (f->from)
			ce__sqlbuf_add(b, " AND opens_on >= :from");
		if (f->to)
			ce__sqlbuf_add(b, " AND opens_on <= :to");
		ce__sqlbuf_add(b, ")");
	}
}

/* The group of response s (of round r) as text or NULL. */
static void response_group(ce_sqlbuf *b, const report_ctx *x)
{
	int g = x->f->group_by;
	if (g == CE_REPORT_GROUP_NONE) {
		ce__sqlbuf_add(b, "CAST(NULL AS TEXT)");
		return;
	}
	/* anonymous: the attribute carried (a cohort of 0: not given) */
	ce__sqlbuf_add(b, "CASE WHEN r.anonymous THEN ");
	switch (g) {
	case CE_REPORT_GROUP_COHORT:
		ce__sqlbuf_add(b, "CASE WHEN s.cohort <> 0 THEN CAST(s.cohort AS TEXT) END");
		break;
	case CE_REPORT_GROUP_LEVEL:
		ce__sqlbuf_add(b, "s.level");
		break;
	case CE_REPORT_GROUP_SUPERVISOR_KIND:
		ce__sqlbuf_add(b, "s.supervisor_kind");
		break;
	default:
		ce__sqlbuf_add(b, "(SELECT name FROM partner WHERE id = s.attr_partner)");
		break;
	}
	/* named: the respondent's record */
	ce__sqlbuf_add(b, " WHEN s.student IS NOT NULL THEN ");
	person_group(b, x, WHO_STUDENT);
	ce__sqlbuf_add(b, " WHEN s.supervisor IS NOT NULL THEN ");
	person_group(b, x, WHO_SUPERVISOR);
	ce__sqlbuf_add(b, " WHEN s.partner IS NOT NULL THEN ");
	person_group(b, x, WHO_PARTNER);
	ce__sqlbuf_add(b, " END");
}

/* "SELECT s.round, <group>, <what> FROM <from> survey_response s ...
 * WHERE <the filter's rounds> GROUP BY s.round[, group]<by>": the
 * records a group reads are joined only when grouping. Written out for
 * each part rather than shared as a CTE, which PostgreSQL plans blind. */
static void per_response(ce_sqlbuf *b, const report_ctx *x, const char *what, const char *from,
                         const char *on, const char *by)
{
	bool grouped = x->f->group_by != CE_REPORT_GROUP_NONE;
	ce__sqlbuf_add(b, "SELECT s.round, ");
	response_group(b, x);
	ce__sqlbuf_addf(b, ", %s FROM %ssurvey_response s%s", what, from, on);
	if (grouped)
		ce__sqlbuf_add(b, " JOIN survey_round r ON r.id = s.round "
		                  "LEFT JOIN student st ON st.id = s.student "
		                  "LEFT JOIN supervisor su ON su.id = s.supervisor "
		                  "LEFT JOIN partner p ON p.id = s.partner");
	ce__sqlbuf_add(b, " WHERE TRUE");
	rounds_filter(b, x);
	ce__sqlbuf_addf(b, " GROUP BY 1%s%s", grouped ? ", 2" : "", by);
}

static void copy_row(report_ctx *x, ce_sql_stmt *q, int ncols, const ce_column_type *types)
{
	ce__sqr_row(x);
	for (int k = 0; k < ncols; k++) {
		if (types[k] == CE_TYPE_TEXT)
			ce__sqr_col_text(x, q, k, k);
		else if (types[k] == CE_TYPE_REAL && !ce__sqr_null(x, q, k))
			ce__sqr_put_real(x, k, ce__sqr_real(x, q, k));
		else if (types[k] == CE_TYPE_INT)
			ce__sqr_col_int(x, q, k, k);
	}
}

/* ---- CE_SURVEY_AGG_HISTOGRAM ------------------------------------------------------ */

static const ce_column_type histogram_types[] = { CE_TYPE_INT, CE_TYPE_TEXT, CE_TYPE_INT,
	                                              CE_TYPE_REAL, CE_TYPE_INT };

static void histogram_row(report_ctx *x, ce_sql_stmt *q)
{
	copy_row(x, q, 5, histogram_types);
}

/* Rows (round, group, NULL, NULL, responses) and (round, group, item,
 * value, answers giving it), for the answers to every item. */
int ce__sqr_survey_item_histogram(report_ctx *x)
{
	static const char *const names[] = { "round", "group", "item", "value", "count" };
	ce_sqlbuf b = { 0 };
	/* every answer's value: the core keeps those of the round's numeric items */
	per_response(&b, x, "NULL, NULL, COUNT(*)", "", "", "");
	ce__sqlbuf_add(&b, " UNION ALL ");
	per_response(&b, x, "a.item, a.number, COUNT(*)", "survey_answer a JOIN ",
	             " ON s.id = a.response", ", 3, 4");
	return ce__sqr_start(x, &b, 5, names, histogram_types, histogram_row);
}

/* ---- CE_SURVEY_AGG_MEANS ------------------------------------------------------------ */

static const ce_column_type means_types[] = { CE_TYPE_INT, CE_TYPE_TEXT, CE_TYPE_INT,
	                                          CE_TYPE_REAL, CE_TYPE_INT, CE_TYPE_REAL };

static void means_row(report_ctx *x, ce_sql_stmt *q)
{
	copy_row(x, q, 6, means_types);
}

/* The histogram's rows for number items; a Likert item's answers (whole
 * numbers, so summed exactly in any order) as one row per round, group
 * and item: (round, group, item, NULL, answers, their sum). */
int ce__sqr_survey_item_means(report_ctx *x)
{
	static const char *const names[] = { "round", "group", "item", "value", "count", "sum" };
	ce_sqlbuf b = { 0 }, likert = { 0 }, number = { 0 };
	ce__sqlbuf_addf(&likert, " ON s.id = a.response AND a.item IN (SELECT id FROM survey_item "
	                         "WHERE kind IN ('%s', '%s'))",
	                ce__sqr_token(x, CE_ENTITY_SURVEY_ITEM, "kind", CE_SURVEY_ITEM_LIKERT5),
	                ce__sqr_token(x, CE_ENTITY_SURVEY_ITEM, "kind", CE_SURVEY_ITEM_LIKERT7));
	ce__sqlbuf_addf(&number, " ON s.id = a.response AND a.item IN (SELECT id FROM survey_item "
	                         "WHERE kind = '%s')",
	                ce__sqr_token(x, CE_ENTITY_SURVEY_ITEM, "kind", CE_SURVEY_ITEM_NUMBER));
	b.failed = likert.failed || number.failed;
	/* typed columns first: PostgreSQL types a UNION's NULLs from the left */
	per_response(&b, x, "a.item, a.number, COUNT(*), NULL", "survey_answer a JOIN ",
	             number.failed ? "" : number.p, ", 3, 4");
	ce__sqlbuf_add(&b, " UNION ALL ");
	per_response(&b, x, "a.item, NULL, COUNT(*), SUM(a.number)", "survey_answer a JOIN ",
	             likert.failed ? "" : likert.p, ", 3");
	ce__sqlbuf_add(&b, " UNION ALL ");
	per_response(&b, x, "NULL, NULL, COUNT(*), NULL", "", "", "");
	ce__sqlbuf_free(&likert);
	ce__sqlbuf_free(&number);
	return ce__sqr_start(x, &b, 6, names, means_types, means_row);
}

/* ---- CE_SURVEY_AGG_POPULATION ----------------------------------------------------- */

static const ce_column_type population_types[] = { CE_TYPE_INT, CE_TYPE_TEXT, CE_TYPE_INT,
	                                               CE_TYPE_INT };

static void population_row(report_ctx *x, ce_sql_stmt *q)
{
	copy_row(x, q, 4, population_types);
}

/* Rows (round, group, responses, 0) and, for a round without invited,
 * (round, group, 0, members of the audience): students (of the round's
 * cohort and level class when set), academic or enterprise supervisors,
 * or partners other than universities. */
int ce__sqr_survey_population(report_ctx *x)
{
	static const char *const names[] = { "round", "group", "responses", "population" };
	ce_sqlbuf b = { 0 };
	const char *under = ce__sqr_token(x, CE_ENTITY_STUDENT, "level", CE_STUDENT_LEVEL_UNDERGRADUATE);
	const ce_report_filter *f = x->f;
	ce__sqlbuf_add(&b, "WITH rd AS (SELECT r.id, r.closes_on, r.cohort, r.level, i.audience "
	                   "FROM survey_round r JOIN survey_instrument i ON i.id = r.instrument "
	                   "WHERE r.invited <= 0");
	if (f->round)
		ce__sqlbuf_add(&b, " AND r.id = :round");
	if (f->from)
		ce__sqlbuf_add(&b, " AND r.opens_on >= :from");
	if (f->to)
		ce__sqlbuf_add(&b, " AND r.opens_on <= :to");
	ce__sqlbuf_add(&b, ") ");
	per_response(&b, x, "COUNT(*), 0", "", "", "");
	/* students */
	ce__sqlbuf_add(&b, " UNION ALL SELECT r.id, ");
	person_group(&b, x, WHO_STUDENT);
	ce__sqlbuf_addf(&b, ", 0, COUNT(*) FROM rd r JOIN student st ON (r.cohort = 0 OR st.cohort = "
	                    "r.cohort) AND (r.level IS NULL OR r.level = CASE WHEN st.level = '%s' "
	                    "THEN '%s' ELSE '%s' END) WHERE r.audience = '%s' GROUP BY 1, 2",
	                under,
	                ce__sqr_token(x, CE_ENTITY_SURVEY_ROUND, "level", CE_SURVEY_LEVEL_UNDERGRADUATE),
	                ce__sqr_token(x, CE_ENTITY_SURVEY_ROUND, "level", CE_SURVEY_LEVEL_GRADUATE),
	                ce__sqr_token(x, CE_ENTITY_SURVEY_INSTRUMENT, "audience",
	                              CE_SURVEY_AUDIENCE_STUDENT));
	/* supervisors */
	ce__sqlbuf_add(&b, " UNION ALL SELECT r.id, ");
	person_group(&b, x, WHO_SUPERVISOR);
	ce__sqlbuf_addf(&b, ", 0, COUNT(*) FROM rd r JOIN supervisor su ON su.kind = CASE "
	                    "WHEN r.audience = '%s' THEN '%s' ELSE '%s' END WHERE r.audience IN "
	                    "('%s', '%s') GROUP BY 1, 2",
	                ce__sqr_token(x, CE_ENTITY_SURVEY_INSTRUMENT, "audience",
	                              CE_SURVEY_AUDIENCE_ACADEMIC_SUPERVISOR),
	                ce__sqr_token(x, CE_ENTITY_SUPERVISOR, "kind", CE_SUPERVISOR_ACADEMIC),
	                ce__sqr_token(x, CE_ENTITY_SUPERVISOR, "kind", CE_SUPERVISOR_ENTERPRISE),
	                ce__sqr_token(x, CE_ENTITY_SURVEY_INSTRUMENT, "audience",
	                              CE_SURVEY_AUDIENCE_ACADEMIC_SUPERVISOR),
	                ce__sqr_token(x, CE_ENTITY_SURVEY_INSTRUMENT, "audience",
	                              CE_SURVEY_AUDIENCE_ENTERPRISE_MENTOR));
	/* partners */
	ce__sqlbuf_add(&b, " UNION ALL SELECT r.id, ");
	person_group(&b, x, WHO_PARTNER);
	ce__sqlbuf_addf(&b, ", 0, COUNT(*) FROM rd r JOIN partner p ON p.kind <> '%s' "
	                    "WHERE r.audience = '%s' GROUP BY 1, 2",
	                ce__sqr_token(x, CE_ENTITY_PARTNER, "kind", CE_PARTNER_UNIVERSITY),
	                ce__sqr_token(x, CE_ENTITY_SURVEY_INSTRUMENT, "audience",
	                              CE_SURVEY_AUDIENCE_PARTNER));
	return ce__sqr_start(x, &b, 4, names, population_types, population_row);
}
