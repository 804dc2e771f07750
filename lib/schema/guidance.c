/* Guidance sessions and their attendees. Each attendee row names one
 * person, so a session with both an academic and an enterprise supervisor
 * is visible as a joint session. */
#include "columns.h"

static const char *const mode_tokens[] = {
	NULL, "meeting", "laboratory", "enterprise_site", "online",
};

/* ---- guidance_session ------------------------------------------------- */

static const ce_column_def session_columns[] = {
	COL_DATE(ce_guidance_session_spec, held_on, CE_COL_REQUIRED),
	COL_INT(ce_guidance_session_spec, duration_minutes, 0, 1, 1440),
	COL_ENUM(ce_guidance_session_spec, mode, CE_COL_REQUIRED, ce_guidance_mode, mode_tokens),
	COL_REF(ce_guidance_session_spec, subtopic, 0, CE_ENTITY_SUBTOPIC),
	COL_TEXT(ce_guidance_session_spec, notes, 0),
};

enum { A_SESSION, A_SUPERVISOR, A_STUDENT };

static const ce_link_def session_links[] = {
	{ "supervisor", CE_ENTITY_GUIDANCE_ATTENDEE, A_SESSION, A_SUPERVISOR },
	{ "student", CE_ENTITY_GUIDANCE_ATTENDEE, A_SESSION, A_STUDENT },
};

const ce_table_def ce__guidance_session_table = {
	CE_ENTITY_GUIDANCE_SESSION, "guidance_session", "a session where supervisors guided students",
	(int)CE_ARRAY_LEN(session_columns), session_columns, NULL,
	(int)CE_ARRAY_LEN(session_links), session_links, sizeof(ce_guidance_session_spec), NULL,
};

CE_DEFINE_RECORD_API(guidance_session, CE_ENTITY_GUIDANCE_SESSION, CE_GUIDANCE_SESSION_SPEC_VERSION)

/* ---- guidance_attendee ------------------------------------------------ */

static const ce_column_def attendee_columns[] = {
	COL_REF(ce_guidance_attendee_spec, session, CE_COL_REQUIRED | CE_COL_OWNER,
	        CE_ENTITY_GUIDANCE_SESSION),
	COL_REF(ce_guidance_attendee_spec, supervisor, 0, CE_ENTITY_SUPERVISOR),
	COL_REF(ce_guidance_attendee_spec, student, 0, CE_ENTITY_STUDENT),
};

static const int one_person[] = { A_SUPERVISOR, A_STUDENT, -1 };
static const int *const attendee_exactly_one[] = { one_person, NULL };
static const int session_supervisor[] = { A_SESSION, A_SUPERVISOR, -1 };
static const int session_student[] = { A_SESSION, A_STUDENT, -1 };
static const int *const attendee_uniques[] = { session_supervisor, session_student, NULL };

static const struct ce_table_rules attendee_rules = { .exactly_one = attendee_exactly_one };

const ce_table_def ce__guidance_attendee_table = {
	CE_ENTITY_GUIDANCE_ATTENDEE, "guidance_attendee", "a supervisor or student at a guidance session",
	(int)CE_ARRAY_LEN(attendee_columns), attendee_columns, attendee_uniques, 0, NULL,
	sizeof(ce_guidance_attendee_spec), &attendee_rules,
};

CE_DEFINE_RECORD_API(guidance_attendee, CE_ENTITY_GUIDANCE_ATTENDEE, CE_GUIDANCE_ATTENDEE_SPEC_VERSION)
