/**
 * @file coopedu/guidance.h
 * @brief Guidance sessions: when supervisors met students, how long and
 *        how, and who attended (the base of guidance-hour and
 *        joint-session reports).
 */
#ifndef COOPEDU_GUIDANCE_H
#define COOPEDU_GUIDANCE_H

#include "record.h"

#ifdef __cplusplus
extern "C" {
#endif

/** How a guidance session took place. */
typedef enum ce_guidance_mode {
	CE_GUIDANCE_MODE_MEETING = 1,         /**< a meeting or seminar */
	CE_GUIDANCE_MODE_LABORATORY = 2,      /**< hands-on in the laboratory */
	CE_GUIDANCE_MODE_ENTERPRISE_SITE = 3, /**< on site at the enterprise */
	CE_GUIDANCE_MODE_ONLINE = 4           /**< remote */
} ce_guidance_mode;

#define CE_GUIDANCE_SESSION_SPEC_VERSION 1
/** A guidance session's fields; attendees are guidance_attendee records. */
typedef struct ce_guidance_session_spec {
	unsigned int version;     /**< #CE_GUIDANCE_SESSION_SPEC_VERSION */
	ce_date held_on;          /**< required: the day of the session */
	int64_t duration_minutes; /**< length in minutes, 1..1440 */
	ce_guidance_mode mode;    /**< required */
	int64_t subtopic;         /**< the subtopic discussed; 0 if none */
	const char *notes;        /**< what was discussed or decided */
} ce_guidance_session_spec;
#define CE_GUIDANCE_SESSION_SPEC_INIT \
	{ CE_GUIDANCE_SESSION_SPEC_VERSION, 0, 0, (ce_guidance_mode)0, 0, NULL }

CE_DECLARE_RECORD_API(guidance_session)

#define CE_GUIDANCE_ATTENDEE_SPEC_VERSION 1
/** One attendee of a session: exactly one of @c supervisor and @c student is set. */
typedef struct ce_guidance_attendee_spec {
	unsigned int version; /**< #CE_GUIDANCE_ATTENDEE_SPEC_VERSION */
	int64_t session;      /**< required: the guidance session */
	int64_t supervisor;   /**< the supervisor who attended, or 0 */
	int64_t student;      /**< the student who attended, or 0 */
} ce_guidance_attendee_spec;
#define CE_GUIDANCE_ATTENDEE_SPEC_INIT { CE_GUIDANCE_ATTENDEE_SPEC_VERSION, 0, 0, 0 }

CE_DECLARE_RECORD_API(guidance_attendee)

#ifdef __cplusplus
}
#endif
#endif
