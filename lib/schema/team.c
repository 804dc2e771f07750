/* Team: a supervisor team with its members and progress meetings.
 * Rules: supervisors hold main/deputy roles and students the member role;
 * a team has at most one main supervisor. */
#include "columns.h"

static const char *const role_tokens[] = { NULL, "main", "deputy", "member" };

/* ---- team ------------------------------------------------------------- */

enum { C_NAME, C_DISCIPLINE, C_ESTABLISHED_ON };

static const ce_column_def team_columns[] = {
	COL_TEXT(ce_team_spec, name, CE_COL_REQUIRED | CE_COL_UNIQUE | CE_COL_KEY),
	COL_TEXT(ce_team_spec, discipline, CE_COL_REQUIRED),
	COL_DATE(ce_team_spec, established_on, 0),
};

/* team_member columns, also used by the links below */
enum { M_TEAM, M_SUPERVISOR, M_STUDENT, M_ROLE };

static const ce_link_def team_links[] = {
	{ "supervisor", CE_ENTITY_TEAM_MEMBER, M_TEAM, M_SUPERVISOR },
	{ "student", CE_ENTITY_TEAM_MEMBER, M_TEAM, M_STUDENT },
};

const ce_table_def ce__team_table = {
	CE_ENTITY_TEAM, "team", "a supervisor team tied to a discipline",
	(int)CE_ARRAY_LEN(team_columns), team_columns, NULL,
	(int)CE_ARRAY_LEN(team_links), team_links, sizeof(ce_team_spec), NULL,
};

CE_DEFINE_RECORD_API(team, CE_ENTITY_TEAM, CE_TEAM_SPEC_VERSION)

ce_result ce_team_lookup_by_name(ce_team **out, ce_db *db, const char *name)
{
	return ce__typed_lookup_by_text((ce_record **)out, db, CE_ENTITY_TEAM, "name", name);
}

/* ---- team_member ------------------------------------------------------ */

static const ce_column_def member_columns[] = {
	COL_REF(ce_team_member_spec, team, CE_COL_REQUIRED | CE_COL_OWNER, CE_ENTITY_TEAM),
	COL_REF(ce_team_member_spec, supervisor, 0, CE_ENTITY_SUPERVISOR),
	COL_REF(ce_team_member_spec, student, 0, CE_ENTITY_STUDENT),
	COL_ENUM(ce_team_member_spec, role, CE_COL_REQUIRED, ce_team_role, role_tokens),
};

static const int one_person[] = { M_SUPERVISOR, M_STUDENT, -1 };
static const int *const member_exactly_one[] = { one_person, NULL };
static const int team_supervisor[] = { M_TEAM, M_SUPERVISOR, -1 };
static const int team_student[] = { M_TEAM, M_STUDENT, -1 };
static const int *const member_uniques[] = { team_supervisor, team_student, NULL };

/* The supervisor holding the main role in `team` other than record `self`,
 * or 0 in *out. */
static int find_main(int64_t *out, ce_db *db, const ce_table_def *table, int64_t team, int64_t self)
{
	ce_filter *f = NULL;
	ce_record_iter *it = NULL;
	ce_record *rec = NULL;
	*out = 0;
	if (ce_filter_new(&f) != CE_OK || ce_filter_eq_int(f, "team", team) != CE_OK ||
	    ce_filter_eq_int(f, "role", CE_TEAM_ROLE_MAIN) != CE_OK) {
		ce_filter_free(f);
		return ce__fail(db, CE_ENOMEM, "team_member: out of memory");
	}
	int rc = ce__iter_new(&it, db, table, f, false);
	while (rc == CE_OK && *out == 0 && (rc = ce_record_iter_next(&rec, it)) == CE_OK) {
		if (ce_record_id(rec) != self)
			rc = ce_record_get_int(out, rec, M_SUPERVISOR);
		ce_record_free(rec);
	}
	ce_record_iter_free(it);
	ce_filter_free(f);
	return rc == CE_ITEROVER ? CE_OK : rc;
}

/* Refuses a second main supervisor, naming the team and the one it has. */
static int check_single_main(ce_db *db, const ce_table_def *table, const ce_value *row, int64_t id)
{
	int64_t other;
	int rc = find_main(&other, db, table, row[M_TEAM].i, id);
	if (rc != CE_OK || other == 0)
		return rc;

	ce_value team[CE_MAX_COLUMNS], sup[CE_MAX_COLUMNS];
	const ce_table_def *tt = ce__entity_table(CE_ENTITY_TEAM);
	const ce_table_def *st = ce__entity_table(CE_ENTITY_SUPERVISOR);
	if ((rc = ce__fetch_copy(db, tt, row[M_TEAM].i, team)) != CE_OK)
		return rc;
	if ((rc = ce__fetch_copy(db, st, other, sup)) != CE_OK) {
		ce__row_clear(tt, team);
		return rc;
	}
	int name = ce__column_by_name(st, "name");
	rc = ce__fail(db, CE_EEXISTS, "team_member.role: team '%.*s' already has main supervisor '%.*s' (%lld)",
	              ce__clip(team[C_NAME].s, 80), team[C_NAME].s, ce__clip(sup[name].s, 80),
	              sup[name].s, (long long)other);
	ce__row_clear(st, sup);
	ce__row_clear(tt, team);
	return rc;
}

static int member_check(ce_db *db, const ce_table_def *table, const ce_value *row, int64_t id)
{
	bool is_supervisor = !row[M_SUPERVISOR].null;
	bool supervisor_role = row[M_ROLE].i == CE_TEAM_ROLE_MAIN || row[M_ROLE].i == CE_TEAM_ROLE_DEPUTY;
	if (is_supervisor != supervisor_role)
		return ce__fail(db, CE_EINVALID, "team_member.role: '%s' is for %s, but a %s was given",
		                role_tokens[row[M_ROLE].i], supervisor_role ? "supervisors" : "students",
		                is_supervisor ? "supervisor" : "student");
	if (row[M_ROLE].i == CE_TEAM_ROLE_MAIN)
		return check_single_main(db, table, row, id);
	return CE_OK;
}

static const struct ce_table_rules member_rules = {
	.exactly_one = member_exactly_one,
	.check = member_check,
};

const ce_table_def ce__team_member_table = {
	CE_ENTITY_TEAM_MEMBER, "team_member", "a supervisor or student in a team",
	(int)CE_ARRAY_LEN(member_columns), member_columns, member_uniques, 0, NULL,
	sizeof(ce_team_member_spec), &member_rules,
};

CE_DEFINE_RECORD_API(team_member, CE_ENTITY_TEAM_MEMBER, CE_TEAM_MEMBER_SPEC_VERSION)

/* ---- team_meeting ----------------------------------------------------- */

static const ce_column_def meeting_columns[] = {
	COL_REF(ce_team_meeting_spec, team, CE_COL_REQUIRED | CE_COL_OWNER, CE_ENTITY_TEAM),
	COL_DATE(ce_team_meeting_spec, held_on, CE_COL_REQUIRED),
	COL_INT(ce_team_meeting_spec, duration_minutes, 0, 1, 1440),
	COL_TEXT(ce_team_meeting_spec, topic, 0),
	COL_TEXT(ce_team_meeting_spec, notes, 0),
};

const ce_table_def ce__team_meeting_table = {
	CE_ENTITY_TEAM_MEETING, "team_meeting", "a progress meeting of a team",
	(int)CE_ARRAY_LEN(meeting_columns), meeting_columns, NULL, 0, NULL,
	sizeof(ce_team_meeting_spec), NULL,
};

CE_DEFINE_RECORD_API(team_meeting, CE_ENTITY_TEAM_MEETING, CE_TEAM_MEETING_SPEC_VERSION)
