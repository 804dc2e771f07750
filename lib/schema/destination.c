/* Destination: a graduate's first employment, one per student. Rules: a
 * graduate who went on to further study holds no position level; only a
 * student who graduated has one, starting on or after graduation. */
#include "columns.h"

static const char *const sector_tokens[] = {
	NULL, "civil_service", "public_institution", "private_education", "state_owned_enterprise",
	"private_enterprise", "foreign_enterprise", "own_startup", "further_study", "other",
};
static const char *const level_tokens[] = {
	NULL, "front_line", "technical", "middle_management", "senior",
};

enum { C_STUDENT, C_STARTED_ON, C_EMPLOYER, C_EMPLOYER_NAME, C_SECTOR, C_POSITION_LEVEL, C_POSITION };

static const ce_column_def columns[] = {
	COL_REF(ce_destination_spec, student, CE_COL_REQUIRED | CE_COL_OWNER | CE_COL_UNIQUE,
	        CE_ENTITY_STUDENT),
	COL_DATE(ce_destination_spec, started_on, CE_COL_REQUIRED),
	COL_REF(ce_destination_spec, employer, 0, CE_ENTITY_PARTNER),
	COL_TEXT(ce_destination_spec, employer_name, 0),
	COL_ENUM(ce_destination_spec, sector, CE_COL_REQUIRED, ce_destination_sector, sector_tokens),
	COL_ENUM(ce_destination_spec, position_level, 0, ce_position_level, level_tokens),
	COL_TEXT(ce_destination_spec, position, 0),
};

/* Graduated is final, so the graduation date is the student's status date
 * for as long as the destination exists. */
static int check_graduated(ce_db *db, const ce_value *row)
{
	const ce_table_def *st = ce__entity_table(CE_ENTITY_STUDENT);
	int name = ce__column_by_name(st, "name"), status = ce__column_by_name(st, "status"),
	    since = ce__column_by_name(st, "status_date");
	ce_value student[CE_MAX_COLUMNS];
	int rc = ce__fetch_copy(db, st, row[C_STUDENT].i, student);
	if (rc != CE_OK)
		return rc;
	char a[16], b[16];
	ce_date_format(a, sizeof a, (ce_date)row[C_STARTED_ON].i);
	ce_date_format(b, sizeof b, (ce_date)student[since].i);
	if (student[status].i != CE_STUDENT_STATUS_GRADUATED)
		rc = ce__fail(db, CE_EINVALID,
		              "destination.student: '%.*s' is %s, not graduated; a destination is only for "
		              "a graduate (ce_student_set_status() first)",
		              ce__clip(student[name].s, 80), student[name].s,
		              st->columns[status].tokens[student[status].i]);
	else if (row[C_STARTED_ON].i < student[since].i)
		rc = ce__fail(db, CE_EINVALID,
		              "destination.started_on: %s is before '%.*s' graduated on %s", a,
		              ce__clip(student[name].s, 80), student[name].s, b);
	ce__row_clear(st, student);
	return rc;
}

static int check(ce_db *db, const ce_table_def *table, const ce_value *row, int64_t id)
{
	(void)table;
	(void)id;
	if (row[C_SECTOR].i == CE_DESTINATION_SECTOR_FURTHER_STUDY && !row[C_POSITION_LEVEL].null)
		return ce__fail(db, CE_EINVALID,
		                "destination.position_level: '%s' given, but sector 'further_study' has no position level",
		                level_tokens[row[C_POSITION_LEVEL].i]);
	return check_graduated(db, row);
}

static const struct ce_table_rules rules = { .check = check };

const ce_table_def ce__destination_table = {
	CE_ENTITY_DESTINATION, "destination", "a graduate's first employment",
	(int)CE_ARRAY_LEN(columns), columns, NULL, 0, NULL, sizeof(ce_destination_spec), &rules,
};

CE_DEFINE_RECORD_API(destination, CE_ENTITY_DESTINATION, CE_DESTINATION_SPEC_VERSION)
