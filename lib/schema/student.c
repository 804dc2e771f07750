/* Student, with a status lifecycle. Rule: enrolled is the only state that
 * can be left; any state may start a record so history can be imported. */
#include "columns.h"

static const char *const level_tokens[] = {
	NULL, "undergraduate", "academic_master", "professional_master", "doctoral",
};
static const char *const status_tokens[] = { NULL, "enrolled", "graduated", "withdrawn" };

enum { C_NUMBER, C_NAME, C_LEVEL, C_COHORT, C_MAJOR, C_STATUS, C_STATUS_DATE };

static const ce_column_def columns[] = {
	COL_TEXT(ce_student_spec, number, CE_COL_REQUIRED | CE_COL_UNIQUE | CE_COL_KEY),
	COL_TEXT(ce_student_spec, name, CE_COL_REQUIRED),
	COL_ENUM(ce_student_spec, level, CE_COL_REQUIRED, ce_student_level, level_tokens),
	COL_INT(ce_student_spec, cohort, CE_COL_REQUIRED, 1950, 2100),
	COL_TEXT(ce_student_spec, major, 0),
	COL_ENUM(ce_student_spec, status, CE_COL_REQUIRED | CE_COL_LIFECYCLE, ce_student_status,
	         status_tokens),
	COL_DATE(ce_student_spec, status_date, CE_COL_REQUIRED),
};

/* Historical records may start graduated or withdrawn. */
static const ce_move status_moves[] = {
	{ 0, 0, CE_STUDENT_STATUS_ENROLLED },
	{ 0, 0, CE_STUDENT_STATUS_GRADUATED },
	{ 0, 0, CE_STUDENT_STATUS_WITHDRAWN },
	{ 0, CE_STUDENT_STATUS_ENROLLED, CE_STUDENT_STATUS_GRADUATED },
	{ 0, CE_STUDENT_STATUS_ENROLLED, CE_STUDENT_STATUS_WITHDRAWN },
};

static const ce_lifecycle_def lifecycles[] = {
	{ C_STATUS, C_STATUS_DATE, -1, CE_TABLE_STUDENT_STATUS_HISTORY, -1, CE_MOVES(status_moves) },
};

static const struct ce_table_rules rules = {
	.lifecycles = lifecycles,
	.nlifecycles = (int)CE_ARRAY_LEN(lifecycles),
};

/* Column positions in supervision.c (student, supervisor) and team.c
 * (team_member: team, supervisor, student, role). */
enum { SUPERVISION_STUDENT = 0, SUPERVISION_SUPERVISOR = 1 };
enum { TEAM_MEMBER_TEAM = 0, TEAM_MEMBER_STUDENT = 2 };

static const ce_link_def links[] = {
	{ "supervisor", CE_ENTITY_SUPERVISION, SUPERVISION_STUDENT, SUPERVISION_SUPERVISOR },
	{ "team", CE_ENTITY_TEAM_MEMBER, TEAM_MEMBER_STUDENT, TEAM_MEMBER_TEAM },
};

const ce_table_def ce__student_table = {
	CE_ENTITY_STUDENT, "student", "a student trained in cooperation",
	(int)CE_ARRAY_LEN(columns), columns, NULL, (int)CE_ARRAY_LEN(links), links,
	sizeof(ce_student_spec), &rules,
};

HISTORY_TABLE(ce__student_status_history_table, CE_TABLE_STUDENT_STATUS_HISTORY,
              "student_status_history", CE_ENTITY_STUDENT, status_tokens)

CE_DEFINE_RECORD_API(student, CE_ENTITY_STUDENT, CE_STUDENT_SPEC_VERSION)

ce_result ce_student_lookup_by_number(ce_student **out, ce_db *db, const char *number)
{
	return ce__typed_lookup_by_text((ce_record **)out, db, CE_ENTITY_STUDENT, "number", number);
}

ce_result ce_student_set_status(ce_db *db, int64_t id, ce_student_status to, ce_date on)
{
	return ce_record_transition(db, CE_ENTITY_STUDENT, id, "status", (int)to, on);
}
