/* Shared by survey.c and survey_parts.c: the column positions the rules
 * of one table read in another's rows, and the frozen-instrument test. */
#ifndef CE_SCHEMA_SURVEY_INTERNAL_H
#define CE_SCHEMA_SURVEY_INTERNAL_H

#include "columns.h"

enum { SI_CODE, SI_VERSION, SI_TITLE, SI_TITLE_EN, SI_AUDIENCE, SI_DESCRIPTION };
enum { IT_INSTRUMENT, IT_CODE, IT_POSITION, IT_SECTION, IT_TEXT, IT_TEXT_EN, IT_KIND, IT_MIN,
	   IT_MAX };
enum { OP_ITEM, OP_CODE, OP_POSITION, OP_LABEL, OP_LABEL_EN };
enum { RD_INSTRUMENT, RD_TITLE, RD_OPENS_ON, RD_CLOSES_ON, RD_COHORT, RD_LEVEL, RD_ANONYMOUS,
	   RD_ATTRIBUTES, RD_INVITED };
enum { RS_ROUND, RS_STUDENT, RS_SUPERVISOR, RS_PARTNER, RS_SUBMITTED_ON, RS_COHORT, RS_LEVEL,
	   RS_SUPERVISOR_KIND, RS_ATTR_PARTNER };
enum { AN_RESPONSE, AN_ITEM, AN_NUMBER, AN_OPTION, AN_CHOICES, AN_TEXT };

/* A cohort, when given, is a plausible enrolment year (as student.cohort). */
#define CE_SURVEY_COHORT_MIN 1950
#define CE_SURVEY_COHORT_MAX 2100

/* CE_OK if no round of the instrument has a response; otherwise
 * CE_EINVALID "WHAT: instrument CODE vN is frozen: round R (TITLE) has
 * responses; make a new version". */
int ce__survey_frozen(ce_db *db, int64_t instrument, const char *what);

/* Whether a row's columns equal old's (an update that changes nothing). */
bool ce__survey_same(const ce_table_def *t, const ce_value *row, const ce_value *old);

#endif
