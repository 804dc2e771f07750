/* What ties an outcome to people and work: ordered contributors,
 * attributions, and "derived from" links. Rules: derivations between
 * outcomes form no cycle (an outcome cannot, even indirectly, grow out of
 * itself); an outcome attributed to a project began no earlier than the
 * project, unless it is background IP. */
#include <stdio.h>
#include <stdlib.h>

#include "columns.h"

/* ---- outcome_contributor ---------------------------------------------- */

enum { P_OUTCOME, P_POSITION, P_STUDENT, P_SUPERVISOR };

static const ce_column_def contributor_columns[] = {
	COL_REF(ce_outcome_contributor_spec, outcome, CE_COL_REQUIRED | CE_COL_OWNER, CE_ENTITY_OUTCOME),
	COL_INT(ce_outcome_contributor_spec, position, CE_COL_REQUIRED, 1, 1000),
	COL_REF(ce_outcome_contributor_spec, student, 0, CE_ENTITY_STUDENT),
	COL_REF(ce_outcome_contributor_spec, supervisor, 0, CE_ENTITY_SUPERVISOR),
};

static const int one_person[] = { P_STUDENT, P_SUPERVISOR, -1 };
static const int *const contributor_exactly_one[] = { one_person, NULL };
static const int outcome_position[] = { P_OUTCOME, P_POSITION, -1 };
static const int outcome_student[] = { P_OUTCOME, P_STUDENT, -1 };
static const int outcome_supervisor[] = { P_OUTCOME, P_SUPERVISOR, -1 };
static const int *const contributor_uniques[] = {
	outcome_position, outcome_student, outcome_supervisor, NULL,
};

static const struct ce_table_rules contributor_rules = { .exactly_one = contributor_exactly_one };

const ce_table_def ce__outcome_contributor_table = {
	CE_ENTITY_OUTCOME_CONTRIBUTOR, "outcome_contributor", "an author or inventor of an outcome, in order",
	(int)CE_ARRAY_LEN(contributor_columns), contributor_columns, contributor_uniques, 0, NULL,
	sizeof(ce_outcome_contributor_spec), &contributor_rules,
};

CE_DEFINE_RECORD_API(outcome_contributor, CE_ENTITY_OUTCOME_CONTRIBUTOR,
                     CE_OUTCOME_CONTRIBUTOR_SPEC_VERSION)

/* ---- outcome_attribution ---------------------------------------------- */

enum { A_OUTCOME, A_SUBTOPIC, A_PROJECT, A_PARTNER };

static const ce_column_def attribution_columns[] = {
	COL_REF(ce_outcome_attribution_spec, outcome, CE_COL_REQUIRED | CE_COL_OWNER, CE_ENTITY_OUTCOME),
	COL_REF(ce_outcome_attribution_spec, subtopic, 0, CE_ENTITY_SUBTOPIC),
	COL_REF(ce_outcome_attribution_spec, project, 0, CE_ENTITY_PROJECT),
	COL_REF(ce_outcome_attribution_spec, partner, 0, CE_ENTITY_PARTNER),
};

static const int one_source[] = { A_SUBTOPIC, A_PROJECT, A_PARTNER, -1 };
static const int *const attribution_exactly_one[] = { one_source, NULL };
static const int outcome_subtopic[] = { A_OUTCOME, A_SUBTOPIC, -1 };
static const int outcome_project[] = { A_OUTCOME, A_PROJECT, -1 };
static const int outcome_partner[] = { A_OUTCOME, A_PARTNER, -1 };
static const int *const attribution_uniques[] = {
	outcome_subtopic, outcome_project, outcome_partner, NULL,
};

/* The day an outcome began: the date of the first state in its history. */
static int outcome_began(ce_date *out, ce_db *db, int64_t outcome)
{
	const ce_table_def *ht = ce__table(CE_TABLE_OUTCOME_STATUS_HISTORY);
	int on = ce__column_by_name(ht, "on_date");
	ce_filter *f = NULL;
	ce_record_iter *it = NULL;
	ce_record *rec = NULL;
	*out = 0;
	if (ce_filter_new(&f) != CE_OK || ce_filter_eq_int(f, "record", outcome) != CE_OK) {
		ce_filter_free(f);
		return ce__fail(db, CE_ENOMEM, "outcome_attribution: out of memory");
	}
	int rc = ce__iter_new(&it, db, ht, f, false);
	while (rc == CE_OK && (rc = ce_record_iter_next(&rec, it)) == CE_OK) {
		int64_t d = 0;
		rc = ce_record_get_int(&d, rec, on);
		ce_record_free(rec);
		if (rc == CE_OK && d && (!*out || d < *out))
			*out = (ce_date)d;
	}
	ce_record_iter_free(it);
	ce_filter_free(f);
	return rc == CE_ITEROVER ? CE_OK : rc;
}

static int attribution_check(ce_db *db, const ce_table_def *table, const ce_value *row, int64_t id)
{
	(void)table;
	(void)id;
	if (row[A_PROJECT].null)
		return CE_OK;
	const ce_table_def *ot = ce__entity_table(CE_ENTITY_OUTCOME);
	const ce_table_def *pt = ce__entity_table(CE_ENTITY_PROJECT);
	int background = ce__column_by_name(ot, "background"), title = ce__column_by_name(ot, "title");
	int start = ce__column_by_name(pt, "start_date"), code = ce__column_by_name(pt, "code");
	ce_value outcome[CE_MAX_COLUMNS], project[CE_MAX_COLUMNS];
	ce_date began;
	int rc = ce__fetch_copy(db, ot, row[A_OUTCOME].i, outcome);
	if (rc != CE_OK)
		return rc;
	if (outcome[background].i || (rc = outcome_began(&began, db, row[A_OUTCOME].i)) != CE_OK) {
		ce__row_clear(ot, outcome);
		return rc;
	}
	if ((rc = ce__fetch_copy(db, pt, row[A_PROJECT].i, project)) == CE_OK) {
		if (began && !project[start].null && began < project[start].i) {
			char a[16], b[16];
			ce_date_format(a, sizeof a, began);
			ce_date_format(b, sizeof b, (ce_date)project[start].i);
			rc = ce__fail(db, CE_EINVALID,
			              "outcome_attribution.project: '%.*s' began on %s, before project %.*s "
			              "started on %s; only background IP (outcome.background) may",
			              ce__clip(outcome[title].s, 80), outcome[title].s, a,
			              ce__clip(project[code].s, 40), project[code].s, b);
		}
		ce__row_clear(pt, project);
	}
	ce__row_clear(ot, outcome);
	return rc;
}

static const struct ce_table_rules attribution_rules = {
	.exactly_one = attribution_exactly_one,
	.check = attribution_check,
};

const ce_table_def ce__outcome_attribution_table = {
	CE_ENTITY_OUTCOME_ATTRIBUTION, "outcome_attribution",
	"credit of an outcome to a subtopic, project or partner",
	(int)CE_ARRAY_LEN(attribution_columns), attribution_columns, attribution_uniques, 0, NULL,
	sizeof(ce_outcome_attribution_spec), &attribution_rules,
};

CE_DEFINE_RECORD_API(outcome_attribution, CE_ENTITY_OUTCOME_ATTRIBUTION,
                     CE_OUTCOME_ATTRIBUTION_SPEC_VERSION)

/* ---- outcome_derivation ----------------------------------------------- */

enum { D_OUTCOME, D_FROM_SUBTOPIC, D_FROM_OUTCOME };

static const ce_column_def derivation_columns[] = {
	COL_REF(ce_outcome_derivation_spec, outcome, CE_COL_REQUIRED | CE_COL_OWNER, CE_ENTITY_OUTCOME),
	COL_REF(ce_outcome_derivation_spec, from_subtopic, 0, CE_ENTITY_SUBTOPIC),
	COL_REF(ce_outcome_derivation_spec, from_outcome, 0, CE_ENTITY_OUTCOME),
};

static const int one_origin[] = { D_FROM_SUBTOPIC, D_FROM_OUTCOME, -1 };
static const int *const derivation_exactly_one[] = { one_origin, NULL };
static const int outcome_from_subtopic[] = { D_OUTCOME, D_FROM_SUBTOPIC, -1 };
static const int outcome_from_outcome[] = { D_OUTCOME, D_FROM_OUTCOME, -1 };
static const int *const derivation_uniques[] = { outcome_from_subtopic, outcome_from_outcome, NULL };

/* Refuses a cycle: the row makes `outcome` derive from `origin`, so origin
 * must not already derive (even indirectly) from outcome. */
static int check_acyclic(ce_db *db, const ce_table_def *table, int64_t outcome, int64_t origin,
                         int64_t self)
{
	char path[200];
	bool found;
	int rc = ce__find_path(db, table, origin, outcome, self, &found, path, sizeof path);
	if (rc != CE_OK || !found)
		return rc;
	return ce__fail(db, CE_ECYCLE,
	                "outcome_derivation.from_outcome: outcome %lld cannot derive from outcome %lld, "
	                "which already derives from it (%s)",
	                (long long)outcome, (long long)origin, path);
}

static int derivation_check(ce_db *db, const ce_table_def *table, const ce_value *row, int64_t id)
{
	if (row[D_FROM_OUTCOME].null)
		return CE_OK;
	if (row[D_FROM_OUTCOME].i == row[D_OUTCOME].i)
		return ce__fail(db, CE_EINVALID,
		                "outcome_derivation.from_outcome: outcome %lld cannot derive from itself",
		                (long long)row[D_OUTCOME].i);
	return check_acyclic(db, table, row[D_OUTCOME].i, row[D_FROM_OUTCOME].i, id);
}

/* an outcome derives from another outcome (a derivation from a subtopic
 * has no outcome at its far end) */
static const ce_graph_def derivation_graph = { D_OUTCOME, D_FROM_OUTCOME };
static const struct ce_table_rules derivation_rules = {
	.exactly_one = derivation_exactly_one,
	.check = derivation_check,
	.graph = &derivation_graph,
};

const ce_table_def ce__outcome_derivation_table = {
	CE_ENTITY_OUTCOME_DERIVATION, "outcome_derivation",
	"what an outcome grew out of: a subtopic or another outcome",
	(int)CE_ARRAY_LEN(derivation_columns), derivation_columns, derivation_uniques, 0, NULL,
	sizeof(ce_outcome_derivation_spec), &derivation_rules,
};

CE_DEFINE_RECORD_API(outcome_derivation, CE_ENTITY_OUTCOME_DERIVATION,
                     CE_OUTCOME_DERIVATION_SPEC_VERSION)
