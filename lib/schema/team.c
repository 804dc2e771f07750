/* Team: a supervisor team with its members and progress meetings.
 * Rules: supervisors hold main/deputy roles and students the member role;
 * a team has at most one main supervisor; a membership's dates start no
 * earlier than the team; a meeting's attendees are members on its day. */
#include <stdlib.h>

#include "columns.h"
#include "rules.h"

static const char *const role_tokens[] = { NULL, "main", "deputy", "member" };

/* ---- team ------------------------------------------------------------- */

enum { C_NAME, C_DISCIPLINE, C_ESTABLISHED_ON };

static const ce_column_def team_columns[] = {
	COL_TEXT(ce_team_spec, name, CE_COL_REQUIRED | CE_COL_UNIQUE | CE_COL_KEY),
	COL_TEXT(ce_team_spec, discipline, CE_COL_REQUIRED),
	COL_DATE(ce_team_spec, established_on, 0),
};

/* team_member columns, also used by the links below */
enum { M_TEAM, M_SUPERVISOR, M_STUDENT, M_ROLE, M_START_DATE, M_END_DATE };

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
	/* spec version 2, schema 12 */
	COL_DATE_SINCE(ce_team_member_spec, start_date, 0, 2),
	COL_DATE_SINCE(ce_team_member_spec, end_date, 0, 2),
};
static const ce_date_order member_date_orders[] = { { M_START_DATE, M_END_DATE } };

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

static int attendances_kept(ce_db *db, const ce_value *row, int64_t id, bool removing);

static int member_check(ce_db *db, const ce_table_def *table, const ce_value *row, int64_t id)
{
	int rc = ce__link_dates_within(db, table, row, M_START_DATE, M_END_DATE, M_TEAM,
	                               "established_on", NULL);
	if (rc == CE_OK && id)
		rc = attendances_kept(db, row, id, false);
	if (rc != CE_OK)
		return rc;
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

/* Deleting a membership would leave its attendances naming a non-member;
 * deleting the team (a cascade) takes the meetings and attendances along. */
static int member_check_delete(ce_db *db, const ce_table_def *table, const ce_value *row, int64_t id)
{
	(void)table;
	return attendances_kept(db, row, id, true);
}

static const struct ce_table_rules member_rules = {
	.exactly_one = member_exactly_one,
	.date_orders = member_date_orders,
	.ndate_orders = (int)CE_ARRAY_LEN(member_date_orders),
	.check = member_check,
	.check_delete = member_check_delete,
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

/* ---- team_meeting_attendee -------------------------------------------- */

enum { T_MEETING, T_SUPERVISOR, T_STUDENT };
enum { MEET_TEAM, MEET_HELD_ON };

static const ce_column_def attendee_columns[] = {
	COL_REF(ce_team_meeting_attendee_spec, meeting, CE_COL_REQUIRED | CE_COL_OWNER,
	        CE_ENTITY_TEAM_MEETING),
	COL_REF(ce_team_meeting_attendee_spec, supervisor, 0, CE_ENTITY_SUPERVISOR),
	COL_REF(ce_team_meeting_attendee_spec, student, 0, CE_ENTITY_STUDENT),
};

static const int attendee_person[] = { T_SUPERVISOR, T_STUDENT, -1 };
static const int *const attendee_exactly_one[] = { attendee_person, NULL };
static const int meeting_supervisor[] = { T_MEETING, T_SUPERVISOR, -1 };
static const int meeting_student[] = { T_MEETING, T_STUDENT, -1 };
static const int *const attendee_uniques[] = { meeting_supervisor, meeting_student, NULL };

static bool covers(const ce_value *member, ce_date day)
{
	return (member[M_START_DATE].null || member[M_START_DATE].i <= day) &&
	       (member[M_END_DATE].null || member[M_END_DATE].i >= day);
}

/* The membership of `person` (column M_SUPERVISOR or M_STUDENT) in team, at
 * most one (unique per team), into member; *found says whether there is. */
static int membership(bool *found, ce_value *member, ce_db *db, int64_t team, int column,
                      int64_t person)
{
	const ce_table_def *mt = ce__entity_table(CE_ENTITY_TEAM_MEMBER);
	ce_filter *f = NULL;
	ce_record_iter *it = NULL;
	ce_record *rec = NULL;
	*found = false;
	if (ce_filter_new(&f) != CE_OK || ce_filter_eq_int(f, "team", team) != CE_OK ||
	    ce_filter_eq_int(f, mt->columns[column].name, person) != CE_OK) {
		ce_filter_free(f);
		return ce__fail(db, CE_ENOMEM, "team_meeting_attendee: out of memory");
	}
	int64_t member_id = 0;
	int rc = ce__iter_new(&it, db, mt, f, false);
	if (rc == CE_OK && (rc = ce_record_iter_next(&rec, it)) == CE_OK) {
		member_id = ce_record_id(rec);
		ce_record_free(rec);
	}
	ce_record_iter_free(it);
	ce_filter_free(f);
	if (rc == CE_ITEROVER)
		return CE_OK;
	/* fetched once the iterator is closed: one statement at a time */
	if (rc == CE_OK && (rc = ce__fetch_copy(db, mt, member_id, member)) == CE_OK)
		*found = true;
	return rc;
}

static int not_a_member(ce_db *db, const char *who, int64_t person, const ce_value *team,
                        ce_date day, bool ever)
{
	char d[16];
	ce_date_format(d, sizeof d, day);
	return ce__fail(db, CE_EINVALID, "team_meeting_attendee.%s: %s %lld %s team '%.*s' on %s, "
	                "the day of the meeting", who, who, (long long)person,
	                ever ? "was not yet or no longer a member of" : "is not a member of",
	                ce__clip(team[C_NAME].s, 80), team[C_NAME].s, d);
}

static int attendee_check(ce_db *db, const ce_table_def *table, const ce_value *row, int64_t id)
{
	(void)id;
	const ce_table_def *meet = ce__entity_table(CE_ENTITY_TEAM_MEETING);
	const ce_table_def *tt = ce__entity_table(CE_ENTITY_TEAM);
	ce_value meeting[CE_MAX_COLUMNS], team[CE_MAX_COLUMNS], member[CE_MAX_COLUMNS];
	int column = row[T_SUPERVISOR].null ? M_STUDENT : M_SUPERVISOR;
	int64_t person = row[T_SUPERVISOR].null ? row[T_STUDENT].i : row[T_SUPERVISOR].i;
	bool found;
	(void)table;
	int rc = ce__fetch_copy(db, meet, row[T_MEETING].i, meeting);
	if (rc != CE_OK)
		return rc;
	ce_date day = (ce_date)meeting[MEET_HELD_ON].i;
	rc = membership(&found, member, db, meeting[MEET_TEAM].i, column, person);
	if (rc == CE_OK && (!found || !covers(member, day)) &&
	    (rc = ce__fetch_copy(db, tt, meeting[MEET_TEAM].i, team)) == CE_OK) {
		rc = not_a_member(db, column == M_STUDENT ? "student" : "supervisor", person, team, day,
		                  found);
		ce__row_clear(tt, team);
	}
	if (found)
		ce__row_clear(ce__entity_table(CE_ENTITY_TEAM_MEMBER), member);
	ce__row_clear(meet, meeting);
	return rc;
}

/* A membership's new dates must still cover the meetings of its team the
 * member attended, and a membership with attendances cannot be removed
 * (attendees point at meetings and people, not at the membership, so the
 * core's recheck of dependents does not see this). */
static int attendances_kept(ce_db *db, const ce_value *row, int64_t id, bool removing)
{
	const ce_table_def *at = ce__entity_table(CE_ENTITY_TEAM_MEETING_ATTENDEE);
	const ce_table_def *meet = ce__entity_table(CE_ENTITY_TEAM_MEETING);
	bool student = row[M_SUPERVISOR].null;
	int64_t person = student ? row[M_STUDENT].i : row[M_SUPERVISOR].i;
	ce_filter *f = NULL;
	ce_record_iter *it = NULL;
	ce_record *rec = NULL;
	if (ce_filter_new(&f) != CE_OK ||
	    ce_filter_eq_int(f, student ? "student" : "supervisor", person) != CE_OK) {
		ce_filter_free(f);
		return ce__fail(db, CE_ENOMEM, "team_member: out of memory");
	}
	/* the meetings attended, collected before any is fetched */
	int64_t *meetings = NULL;
	size_t n = 0, cap = 0;
	int rc = ce__iter_new(&it, db, at, f, false);
	while (rc == CE_OK && (rc = ce_record_iter_next(&rec, it)) == CE_OK) {
		int64_t meeting_id = 0;
		rc = ce_record_get_int(&meeting_id, rec, T_MEETING);
		ce_record_free(rec);
		if (rc == CE_OK && n == cap) {
			int64_t *grown = realloc(meetings, (cap = cap ? 2 * cap : 8) * sizeof *grown);
			if (!grown)
				rc = ce__fail(db, CE_ENOMEM, "team_member: out of memory");
			else
				meetings = grown;
		}
		if (rc == CE_OK)
			meetings[n++] = meeting_id;
	}
	ce_record_iter_free(it);
	ce_filter_free(f);
	if (rc == CE_ITEROVER)
		rc = CE_OK;
	for (size_t k = 0; k < n && rc == CE_OK; k++) {
		ce_value meeting[CE_MAX_COLUMNS];
		if ((rc = ce__fetch_copy(db, meet, meetings[k], meeting)) != CE_OK)
			break;
		ce_date day = (ce_date)meeting[MEET_HELD_ON].i;
		if (meeting[MEET_TEAM].i == row[M_TEAM].i && (removing || !covers(row, day))) {
			char d[16];
			ce_date_format(d, sizeof d, day);
			rc = ce__fail(db, removing ? CE_ECONSTRAINT : CE_EINVALID,
			              "team_member %lld: the %s attended team meeting %lld on %s%s",
			              (long long)id, student ? "student" : "supervisor", (long long)meetings[k], d,
			              removing ? "; delete the attendance first" : ", which the new dates leave out");
		}
		ce__row_clear(meet, meeting);
	}
	free(meetings);
	return rc;
}

static const struct ce_table_rules attendee_rules = {
	.exactly_one = attendee_exactly_one,
	.check = attendee_check,
};

const ce_table_def ce__team_meeting_attendee_table = {
	CE_ENTITY_TEAM_MEETING_ATTENDEE, "team_meeting_attendee",
	"a supervisor or student at a team meeting, a member of the team that day",
	(int)CE_ARRAY_LEN(attendee_columns), attendee_columns, attendee_uniques, 0, NULL,
	sizeof(ce_team_meeting_attendee_spec), &attendee_rules,
};

CE_DEFINE_RECORD_API(team_meeting_attendee, CE_ENTITY_TEAM_MEETING_ATTENDEE,
                     CE_TEAM_MEETING_ATTENDEE_SPEC_VERSION)
