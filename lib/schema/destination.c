/* Destination: a graduate's first employment, one per student. Rule: a
 * graduate who went on to further study holds no position level. */
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

static int check(ce_db *db, const ce_table_def *table, const ce_value *row, int64_t id)
{
	(void)table;
	(void)id;
	if (row[C_SECTOR].i == CE_DESTINATION_SECTOR_FURTHER_STUDY && !row[C_POSITION_LEVEL].null)
		return ce__fail(db, CE_EINVALID,
		                "destination.position_level: '%s' given, but sector 'further_study' has no position level",
		                level_tokens[row[C_POSITION_LEVEL].i]);
	return CE_OK;
}

static const struct ce_table_rules rules = { .check = check };

const ce_table_def ce__destination_table = {
	CE_ENTITY_DESTINATION, "destination", "a graduate's first employment",
	(int)CE_ARRAY_LEN(columns), columns, NULL, 0, NULL, sizeof(ce_destination_spec), &rules,
};

CE_DEFINE_RECORD_API(destination, CE_ENTITY_DESTINATION, CE_DESTINATION_SPEC_VERSION)
