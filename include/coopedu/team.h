/**
 * @file coopedu/team.h
 * @brief Supervisor teams (导师团队): a group tied to a discipline, with
 *        main and deputy supervisors, member students and progress meetings.
 */
#ifndef COOPEDU_TEAM_H
#define COOPEDU_TEAM_H

#include "record.h"

#ifdef __cplusplus
extern "C" {
#endif

/** The role of a team member: main and deputy are supervisors, member is a student. */
typedef enum ce_team_role {
	CE_TEAM_ROLE_MAIN = 1,   /**< the team's main supervisor (at most one per team) */
	CE_TEAM_ROLE_DEPUTY = 2, /**< a deputy supervisor */
	CE_TEAM_ROLE_MEMBER = 3  /**< a student of the team */
} ce_team_role;

#define CE_TEAM_SPEC_VERSION 1
/** A team's fields. */
typedef struct ce_team_spec {
	unsigned int version;   /**< #CE_TEAM_SPEC_VERSION */
	const char *name;       /**< required, unique, e.g. "高性能铝合金导师团队" */
	const char *discipline; /**< required, e.g. "材料科学与工程" */
	ce_date established_on; /**< when the team was formed; 0 if unknown */
} ce_team_spec;
#define CE_TEAM_SPEC_INIT { CE_TEAM_SPEC_VERSION, NULL, NULL, 0 }

CE_DECLARE_RECORD_API(team)

/**
 * Looks a team up by its unique name.
 * @param[out] out the record, freed with ce_team_free().
 * @param db the store.
 * @param name the team's name.
 * @return #CE_OK, #CE_ENOTFOUND or #CE_EINVALID.
 * @since 0.1
 */
CE_EXTERN ce_result ce_team_lookup_by_name(ce_team **out, ce_db *db, const char *name);

#define CE_TEAM_MEMBER_SPEC_VERSION 2
/**
 * One member of a team: a supervisor (role main or deputy) or a student
 * (role member); exactly one of @c supervisor and @c student is set.
 * Version 2 added the dates of membership: end not before start, start not
 * before the team was established. A meeting's attendees are members on
 * its day (ce_team_meeting_attendee_spec).
 */
typedef struct ce_team_member_spec {
	unsigned int version; /**< #CE_TEAM_MEMBER_SPEC_VERSION */
	int64_t team;         /**< required: the team */
	int64_t supervisor;   /**< the supervisor id, or 0 for a student member */
	int64_t student;      /**< the student id, or 0 for a supervisor member */
	ce_team_role role;    /**< required: main/deputy for supervisors, member for students */
	ce_date start_date;   /**< (version 2) a member from; 0 if unknown */
	ce_date end_date;     /**< (version 2) a member until; 0 if still one */
} ce_team_member_spec;
#define CE_TEAM_MEMBER_SPEC_INIT                                                           \
	{ CE_TEAM_MEMBER_SPEC_VERSION, 0, 0, 0, (ce_team_role)0, 0, 0 }

CE_DECLARE_RECORD_API(team_member)

#define CE_TEAM_MEETING_SPEC_VERSION 1
/** A team progress meeting. */
typedef struct ce_team_meeting_spec {
	unsigned int version;     /**< #CE_TEAM_MEETING_SPEC_VERSION */
	int64_t team;             /**< required: the team that met */
	ce_date held_on;          /**< required: the day of the meeting */
	int64_t duration_minutes; /**< length in minutes, 1..1440 */
	const char *topic;        /**< e.g. "中期进展汇报" */
	const char *notes;        /**< free-form minutes */
} ce_team_meeting_spec;
#define CE_TEAM_MEETING_SPEC_INIT { CE_TEAM_MEETING_SPEC_VERSION, 0, 0, 0, NULL, NULL }

CE_DECLARE_RECORD_API(team_meeting)

#define CE_TEAM_MEETING_ATTENDEE_SPEC_VERSION 1
/**
 * Who attended a team meeting: a supervisor or a student (exactly one),
 * each once per meeting, who was a member of the meeting's team on the
 * day it was held (a membership with no dates counts on every day).
 * @since 0.3
 */
typedef struct ce_team_meeting_attendee_spec {
	unsigned int version; /**< #CE_TEAM_MEETING_ATTENDEE_SPEC_VERSION */
	int64_t meeting;      /**< required: the meeting */
	int64_t supervisor;   /**< the supervisor id, or 0 for a student */
	int64_t student;      /**< the student id, or 0 for a supervisor */
} ce_team_meeting_attendee_spec;
#define CE_TEAM_MEETING_ATTENDEE_SPEC_INIT { CE_TEAM_MEETING_ATTENDEE_SPEC_VERSION, 0, 0, 0 }

CE_DECLARE_RECORD_API(team_meeting_attendee)

#ifdef __cplusplus
}
#endif
#endif
