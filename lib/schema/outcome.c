/* Outcome, with a status lifecycle whose transitions depend on the kind.
 * Rules: patent numbers only on patents, DOIs only on papers. Contributors,
 * attributions and derivations are in outcome_links.c. */
#include <string.h>

#include "columns.h"

static const char *const kind_tokens[] = {
	NULL, "invention_patent", "utility_model_patent", "software_copyright", "paper", "product",
	"standard", "award", "feasibility_report", "business_plan", "economic_analysis",
	"entrepreneurship_project", "startup", "technology_transfer",
};
static const char *const status_tokens[] = {
	NULL, "filed", "published", "granted", "rejected", "withdrawn", "registered", "submitted",
	"accepted", "prototype", "pilot", "mass_production", "drafted", "completed", "proposed",
	"approved", "terminated", "founded", "operating", "closed", "negotiated", "signed",
};

enum { C_KIND, C_TITLE, C_PATENT_NUMBER, C_DOI, C_STATUS, C_STATUS_DATE, C_BACKGROUND };

static const ce_column_def columns[] = {
	COL_ENUM(ce_outcome_spec, kind, CE_COL_REQUIRED, ce_outcome_kind, kind_tokens),
	COL_TEXT(ce_outcome_spec, title, CE_COL_REQUIRED),
	COL_TEXT(ce_outcome_spec, patent_number, CE_COL_UNIQUE),
	COL_TEXT(ce_outcome_spec, doi, CE_COL_UNIQUE),
	COL_ENUM(ce_outcome_spec, status, CE_COL_REQUIRED | CE_COL_LIFECYCLE, ce_outcome_status,
	         status_tokens),
	COL_DATE(ce_outcome_spec, status_date, CE_COL_REQUIRED),
	/* spec version 2, schema 12: background IP may predate its projects
	 * (the rule is outcome_attribution's, in outcome_links.c) */
	COL_BOOL_SINCE(ce_outcome_spec, background, 0, 2),
};

/* ---- lifecycle: the moves of each kind; {kind, 0, s} is where it starts --- */

#define K(k) CE_OUTCOME_##k
#define S(s) CE_OUTCOME_STATUS_##s

/* Each kind starts in exactly one state. */
static const ce_move moves[] = {
	{ K(INVENTION_PATENT), 0, S(FILED) },
	{ K(UTILITY_MODEL_PATENT), 0, S(FILED) },
	{ K(SOFTWARE_COPYRIGHT), 0, S(FILED) },
	{ K(PAPER), 0, S(SUBMITTED) },
	{ K(PRODUCT), 0, S(PROTOTYPE) },
	{ K(STANDARD), 0, S(DRAFTED) },
	{ K(AWARD), 0, S(GRANTED) },
	{ K(FEASIBILITY_REPORT), 0, S(DRAFTED) },
	{ K(BUSINESS_PLAN), 0, S(DRAFTED) },
	{ K(ECONOMIC_ANALYSIS), 0, S(DRAFTED) },
	{ K(ENTREPRENEURSHIP_PROJECT), 0, S(PROPOSED) },
	{ K(STARTUP), 0, S(FOUNDED) },
	{ K(TECHNOLOGY_TRANSFER), 0, S(NEGOTIATED) },

	{ K(INVENTION_PATENT), S(FILED), S(PUBLISHED) },
	{ K(INVENTION_PATENT), S(FILED), S(REJECTED) },
	{ K(INVENTION_PATENT), S(FILED), S(WITHDRAWN) },
	{ K(INVENTION_PATENT), S(PUBLISHED), S(GRANTED) },
	{ K(INVENTION_PATENT), S(PUBLISHED), S(REJECTED) },
	{ K(INVENTION_PATENT), S(PUBLISHED), S(WITHDRAWN) },

	{ K(UTILITY_MODEL_PATENT), S(FILED), S(PUBLISHED) },
	{ K(UTILITY_MODEL_PATENT), S(FILED), S(REJECTED) },
	{ K(UTILITY_MODEL_PATENT), S(FILED), S(WITHDRAWN) },
	{ K(UTILITY_MODEL_PATENT), S(FILED), S(GRANTED) },
	{ K(UTILITY_MODEL_PATENT), S(PUBLISHED), S(GRANTED) },
	{ K(UTILITY_MODEL_PATENT), S(PUBLISHED), S(REJECTED) },
	{ K(UTILITY_MODEL_PATENT), S(PUBLISHED), S(WITHDRAWN) },

	{ K(SOFTWARE_COPYRIGHT), S(FILED), S(REGISTERED) },

	{ K(PAPER), S(SUBMITTED), S(ACCEPTED) },
	{ K(PAPER), S(SUBMITTED), S(REJECTED) },
	{ K(PAPER), S(SUBMITTED), S(WITHDRAWN) },
	{ K(PAPER), S(ACCEPTED), S(PUBLISHED) },
	{ K(PAPER), S(ACCEPTED), S(WITHDRAWN) },

	{ K(PRODUCT), S(PROTOTYPE), S(PILOT) },
	{ K(PRODUCT), S(PILOT), S(MASS_PRODUCTION) },

	{ K(STANDARD), S(DRAFTED), S(PUBLISHED) },

	/* award: granted is final */

	{ K(FEASIBILITY_REPORT), S(DRAFTED), S(COMPLETED) },
	{ K(BUSINESS_PLAN), S(DRAFTED), S(COMPLETED) },
	{ K(ECONOMIC_ANALYSIS), S(DRAFTED), S(COMPLETED) },

	{ K(ENTREPRENEURSHIP_PROJECT), S(PROPOSED), S(APPROVED) },
	{ K(ENTREPRENEURSHIP_PROJECT), S(PROPOSED), S(TERMINATED) },
	{ K(ENTREPRENEURSHIP_PROJECT), S(APPROVED), S(COMPLETED) },
	{ K(ENTREPRENEURSHIP_PROJECT), S(APPROVED), S(TERMINATED) },

	{ K(STARTUP), S(FOUNDED), S(OPERATING) },
	{ K(STARTUP), S(OPERATING), S(CLOSED) },

	{ K(TECHNOLOGY_TRANSFER), S(NEGOTIATED), S(SIGNED) },
	{ K(TECHNOLOGY_TRANSFER), S(SIGNED), S(COMPLETED) },
};

#undef K
#undef S

static const ce_lifecycle_def lifecycles[] = {
	{ C_STATUS, C_STATUS_DATE, -1, CE_TABLE_OUTCOME_STATUS_HISTORY, C_KIND, CE_MOVES(moves) },
};

/* ---- identifiers ------------------------------------------------------ */

static bool is_patent(int64_t kind)
{
	return kind == CE_OUTCOME_INVENTION_PATENT || kind == CE_OUTCOME_UTILITY_MODEL_PATENT;
}

/* "10.<registrant>/<suffix>", both parts non-empty. */
static bool doi_valid(const char *doi)
{
	const char *slash = strncmp(doi, "10.", 3) == 0 ? strchr(doi + 3, '/') : NULL;
	return slash && slash > doi + 3 && slash[1] != '\0';
}

static int check(ce_db *db, const ce_table_def *table, const ce_value *row, int64_t id)
{
	(void)table;
	(void)id;
	const char *kind = kind_tokens[row[C_KIND].i];
	const char *pn = row[C_PATENT_NUMBER].s, *doi = row[C_DOI].s;
	if (!row[C_PATENT_NUMBER].null && !is_patent(row[C_KIND].i))
		return ce__fail(db, CE_EINVALID,
		                "outcome.patent_number: '%.*s' given for a %s, but only patents have one",
		                ce__clip(pn, 80), pn, kind);
	if (!row[C_DOI].null && row[C_KIND].i != CE_OUTCOME_PAPER)
		return ce__fail(db, CE_EINVALID, "outcome.doi: '%.*s' given for a %s, but only papers have one",
		                ce__clip(doi, 80), doi, kind);
	if (!row[C_DOI].null && !doi_valid(doi))
		return ce__fail(db, CE_EINVALID, "outcome.doi: '%.*s' is not a DOI (10.<registrant>/<suffix>)",
		                ce__clip(doi, 80), doi);
	return CE_OK;
}

static const struct ce_table_rules rules = {
	.lifecycles = lifecycles,
	.nlifecycles = (int)CE_ARRAY_LEN(lifecycles),
	.check = check,
};

/* Column positions in outcome_links.c: outcome_contributor (outcome,
 * position, student, supervisor), outcome_attribution (outcome, subtopic,
 * project, partner). */
enum { CONTRIBUTOR_OUTCOME = 0, CONTRIBUTOR_STUDENT = 2, CONTRIBUTOR_SUPERVISOR = 3 };
enum { ATTRIBUTION_OUTCOME = 0, ATTRIBUTION_SUBTOPIC = 1, ATTRIBUTION_PROJECT = 2,
       ATTRIBUTION_PARTNER = 3 };

static const ce_link_def links[] = {
	{ "student", CE_ENTITY_OUTCOME_CONTRIBUTOR, CONTRIBUTOR_OUTCOME, CONTRIBUTOR_STUDENT },
	{ "supervisor", CE_ENTITY_OUTCOME_CONTRIBUTOR, CONTRIBUTOR_OUTCOME, CONTRIBUTOR_SUPERVISOR },
	{ "subtopic", CE_ENTITY_OUTCOME_ATTRIBUTION, ATTRIBUTION_OUTCOME, ATTRIBUTION_SUBTOPIC },
	{ "project", CE_ENTITY_OUTCOME_ATTRIBUTION, ATTRIBUTION_OUTCOME, ATTRIBUTION_PROJECT },
	{ "partner", CE_ENTITY_OUTCOME_ATTRIBUTION, ATTRIBUTION_OUTCOME, ATTRIBUTION_PARTNER },
};

const ce_table_def ce__outcome_table = {
	CE_ENTITY_OUTCOME, "outcome", "a patent, paper, product, project or other result",
	(int)CE_ARRAY_LEN(columns), columns, NULL, (int)CE_ARRAY_LEN(links), links,
	sizeof(ce_outcome_spec), &rules,
};

HISTORY_TABLE(ce__outcome_status_history_table, CE_TABLE_OUTCOME_STATUS_HISTORY,
              "outcome_status_history", CE_ENTITY_OUTCOME, status_tokens)

CE_DEFINE_RECORD_API(outcome, CE_ENTITY_OUTCOME, CE_OUTCOME_SPEC_VERSION)

ce_result ce_outcome_set_status(ce_db *db, int64_t id, ce_outcome_status to, ce_date on)
{
	return ce_record_transition(db, CE_ENTITY_OUTCOME, id, "status", (int)to, on);
}
