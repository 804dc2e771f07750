/* Training courses students take besides their degree (enterprise culture,
 * leadership, pre-practice training...) and each student's enrolment.
 * Rules: each title once per provider and each student once per course;
 * an enrolment's hours attended never above its course's hours (checked
 * from both sides: the enrolment's write and the course's); completed not
 * before started, and neither before the student's cohort year. */
#include "columns.h"

static const char *const kind_tokens[] = {
	NULL, "enterprise_culture", "workplace_conduct", "leadership", "pre_practice", "safety",
	"entrepreneurship", "professional_skills", "other",
};

/* ---- training_course ---------------------------------------------------- */

enum { C_TITLE, C_KIND, C_PROVIDER, C_HOURS, C_DESCRIPTION };

static const ce_column_def columns[] = {
	COL_TEXT(ce_training_course_spec, title, CE_COL_REQUIRED),
	COL_ENUM(ce_training_course_spec, kind, CE_COL_REQUIRED, ce_training_kind, kind_tokens),
	COL_REF(ce_training_course_spec, provider, CE_COL_REQUIRED, CE_ENTITY_PARTNER),
	COL_REAL(ce_training_course_spec, hours, CE_COL_NONNEG, 0, 0),
	COL_TEXT(ce_training_course_spec, description, 0),
};

static const int provider_title[] = { C_PROVIDER, C_TITLE, -1 };
static const int *const course_uniques[] = { provider_title, NULL };

enum { E_COURSE, E_STUDENT, E_STARTED_ON, E_COMPLETED_ON, E_HOURS_ATTENDED };

/* A course's hours may not drop below what an enrolment records as attended. */
static int check_course(ce_db *db, const ce_table_def *table, const ce_value *row, int64_t id)
{
	(void)table;
	if (!id || row[C_HOURS].r <= 0)
		return CE_OK; /* new, or its length unknown */
	const ce_table_def *et = ce__entity_table(CE_ENTITY_TRAINING_ENROLMENT);
	ce_condition cond = { .op = CE_COND_EQ, .column = E_COURSE, .low = { .i = id } };
	ce_query q = { 1, &cond };
	ce_scan scan;
	int64_t eid;
	const ce_value *e;
	int rc = ce__scan_open(&scan, db, et, &q);
	while (rc == CE_OK && (rc = ce__scan_next(&scan, &eid, &e)) == CE_OK)
		if (e[E_HOURS_ATTENDED].r > row[C_HOURS].r) {
			rc = ce__fail(db, CE_EINVALID, "training_course.hours: %g for '%.*s', but "
			              "training_enrolment %lld records %g hours attended", row[C_HOURS].r,
			              ce__clip(row[C_TITLE].s, 80), row[C_TITLE].s, (long long)eid,
			              e[E_HOURS_ATTENDED].r);
			break;
		}
	ce__scan_close(&scan);
	return rc == CE_ITEROVER ? CE_OK : rc;
}

static const struct ce_table_rules course_rules = { .check = check_course };

/* Courses by enrolled student: ce_filter_eq_int(f, "student", id). */
static const ce_link_def course_links[] = {
	{ "student", CE_ENTITY_TRAINING_ENROLMENT, E_COURSE, E_STUDENT },
};

const ce_table_def ce__training_course_table = {
	CE_ENTITY_TRAINING_COURSE, "training_course",
	"a training course students take besides their degree (enterprise culture, leadership...)",
	(int)CE_ARRAY_LEN(columns), columns, course_uniques, (int)CE_ARRAY_LEN(course_links),
	course_links, sizeof(ce_training_course_spec), &course_rules,
};

CE_DEFINE_RECORD_API(training_course, CE_ENTITY_TRAINING_COURSE, CE_TRAINING_COURSE_SPEC_VERSION)

/* ---- training_enrolment ------------------------------------------------- */

static const ce_column_def enrolment_columns[] = {
	COL_REF(ce_training_enrolment_spec, course, CE_COL_REQUIRED | CE_COL_OWNER,
	        CE_ENTITY_TRAINING_COURSE),
	COL_REF(ce_training_enrolment_spec, student, CE_COL_REQUIRED, CE_ENTITY_STUDENT),
	COL_DATE(ce_training_enrolment_spec, started_on, 0),
	COL_DATE(ce_training_enrolment_spec, completed_on, 0),
	COL_REAL(ce_training_enrolment_spec, hours_attended, CE_COL_NONNEG, 0, 0),
};

static const int course_student[] = { E_COURSE, E_STUDENT, -1 };
static const int *const enrolment_uniques[] = { course_student, NULL };

static const ce_date_order enrolment_dates[] = { { E_STARTED_ON, E_COMPLETED_ON } };

static int check_enrolment(ce_db *db, const ce_table_def *table, const ce_value *row, int64_t id)
{
	(void)table;
	(void)id;
	const ce_table_def *ct = ce__entity_table(CE_ENTITY_TRAINING_COURSE);
	const ce_table_def *st = ce__entity_table(CE_ENTITY_STUDENT);
	ce_value r[CE_MAX_COLUMNS];
	int rc = ce__store_fetch(db, ct, row[E_COURSE].i, r);
	if (rc != CE_OK)
		return rc;
	double hours = r[C_HOURS].r;
	if (hours > 0 && row[E_HOURS_ATTENDED].r > hours)
		return ce__fail(db, CE_EINVALID, "training_enrolment.hours_attended: %g, but course %lld "
		                "lasts %g hours", row[E_HOURS_ATTENDED].r, (long long)row[E_COURSE].i, hours);
	if ((rc = ce__store_fetch(db, st, row[E_STUDENT].i, r)) != CE_OK)
		return rc;
	int64_t cohort = r[ce__column_by_name(st, "cohort")].i;
	for (int c = E_STARTED_ON; c <= E_COMPLETED_ON; c++)
		if (!row[c].null && row[c].i / 10000 < cohort)
			return ce__fail(db, CE_EINVALID, "training_enrolment.%s: %lld is before student "
			                "%lld's cohort year %lld began", enrolment_columns[c].name,
			                (long long)row[c].i, (long long)row[E_STUDENT].i, (long long)cohort);
	return CE_OK;
}

static const struct ce_table_rules enrolment_rules = {
	.date_orders = enrolment_dates,
	.ndate_orders = (int)CE_ARRAY_LEN(enrolment_dates),
	.check = check_enrolment,
};

const ce_table_def ce__training_enrolment_table = {
	CE_ENTITY_TRAINING_ENROLMENT, "training_enrolment",
	"a student's enrolment in a training course, and its completion",
	(int)CE_ARRAY_LEN(enrolment_columns), enrolment_columns, enrolment_uniques, 0, NULL,
	sizeof(ce_training_enrolment_spec), &enrolment_rules,
};

CE_DEFINE_RECORD_API(training_enrolment, CE_ENTITY_TRAINING_ENROLMENT,
                     CE_TRAINING_ENROLMENT_SPEC_VERSION)
