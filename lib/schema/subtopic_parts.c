/* The parts of a subtopic: its inputs and outputs, its dependencies on
 * other subtopics (same project, no cycles), its milestones and its budget
 * lines (with a currency). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "columns.h"
#include "rules.h"

/* ---- subtopic_io ----------------------------------------------------- */

static const char *const direction_tokens[] = { NULL, "input", "output" };

enum { IO_SUBTOPIC, IO_DIRECTION, IO_DESCRIPTION };

static const ce_column_def io_columns[] = {
	COL_REF(ce_subtopic_io_spec, subtopic, CE_COL_REQUIRED | CE_COL_OWNER, CE_ENTITY_SUBTOPIC),
	COL_ENUM(ce_subtopic_io_spec, direction, CE_COL_REQUIRED, ce_io_direction, direction_tokens),
	COL_TEXT(ce_subtopic_io_spec, description, CE_COL_REQUIRED),
};

static const int io_triple[] = { IO_SUBTOPIC, IO_DIRECTION, IO_DESCRIPTION, -1 };
static const int *const io_uniques[] = { io_triple, NULL };

const ce_table_def ce__subtopic_io_table = {
	CE_ENTITY_SUBTOPIC_IO, "subtopic_io", "an input a subtopic needs or an output it delivers",
	(int)CE_ARRAY_LEN(io_columns), io_columns, io_uniques, 0, NULL, sizeof(ce_subtopic_io_spec),
	NULL,
};

CE_DEFINE_RECORD_API(subtopic_io, CE_ENTITY_SUBTOPIC_IO, CE_SUBTOPIC_IO_SPEC_VERSION)

/* ---- subtopic_dependency --------------------------------------------- */

enum { D_SUBTOPIC, D_DEPENDS_ON };

static const ce_column_def dependency_columns[] = {
	COL_REF(ce_subtopic_dependency_spec, subtopic, CE_COL_REQUIRED | CE_COL_OWNER, CE_ENTITY_SUBTOPIC),
	COL_REF(ce_subtopic_dependency_spec, depends_on, CE_COL_REQUIRED, CE_ENTITY_SUBTOPIC),
};

static const char *text_of(const ce_record *rec, const char *column)
{
	const char *s = ce_record_get_text(rec, ce__column_by_name(rec->table, column));
	return s ? s : "";
}

/* Refuses a dependency between subtopics a and b of different projects,
 * naming both projects by code. */
static int refuse_cross_project(ce_db *db, const ce_record *a, const ce_record *b, int64_t pa,
                                int64_t pb)
{
	const ce_table_def *pt = ce__entity_table(CE_ENTITY_PROJECT);
	ce_record *ra = NULL, *rb = NULL;
	int rc;
	if ((rc = ce__lookup(&ra, db, pt, pa)) == CE_OK && (rc = ce__lookup(&rb, db, pt, pb)) == CE_OK) {
		const char *ta = text_of(a, "title"), *tb = text_of(b, "title");
		const char *ca = text_of(ra, "code"), *cb = text_of(rb, "code");
		rc = ce__fail(db, CE_EINVALID,
		              "subtopic_dependency.depends_on: subtopic %lld '%.*s' of project '%.*s' cannot "
		              "depend on subtopic %lld '%.*s' of project '%.*s'; dependencies stay within one project",
		              (long long)a->id, ce__clip(ta, 60), ta, ce__clip(ca, 40), ca, (long long)b->id,
		              ce__clip(tb, 60), tb, ce__clip(cb, 40), cb);
	}
	ce_record_free(ra);
	ce_record_free(rb);
	return rc;
}

/* Subtopic a may depend on b unless a is b, they are in different
 * projects, or b already depends on a (directly or through others); id is
 * the dependency row being updated, 0 on insert. */
static int judge(ce_db *db, const ce_record *a, const ce_record *b, int64_t id)
{
	int project = ce__column_by_name(a->table, "project");
	const char *ta = text_of(a, "title"), *tb = text_of(b, "title");
	char path[200];
	bool found;
	int rc;
	if (a->id == b->id)
		return ce__fail(db, CE_EINVALID,
		                "subtopic_dependency.depends_on: subtopic %lld '%.*s' cannot depend on itself",
		                (long long)a->id, ce__clip(ta, 80), ta);
	if (a->values[project].i != b->values[project].i)
		return refuse_cross_project(db, a, b, a->values[project].i, b->values[project].i);
	/* b depending on a, directly or through others, closes a cycle */
	if ((rc = ce__find_path(db, ce__entity_table(CE_ENTITY_SUBTOPIC_DEPENDENCY), b->id, a->id, id,
	                        &found, path, sizeof path)) != CE_OK ||
	    !found)
		return rc;
	return ce__fail(db, CE_ECYCLE,
	                "subtopic_dependency.depends_on: subtopic %lld '%.*s' depending on %lld '%.*s' "
	                "would close the cycle %lld -> %s",
	                (long long)a->id, ce__clip(ta, 60), ta, (long long)b->id, ce__clip(tb, 60), tb,
	                (long long)a->id, path);
}

static int dependency_check(ce_db *db, const ce_table_def *table, const ce_value *row, int64_t id)
{
	const ce_table_def *st = ce__entity_table(CE_ENTITY_SUBTOPIC);
	ce_record *a = NULL, *b = NULL;
	int rc;
	(void)table;
	/* both exist: the core checked the references before calling */
	if ((rc = ce__lookup(&a, db, st, row[D_SUBTOPIC].i)) == CE_OK &&
	    (rc = ce__lookup(&b, db, st, row[D_DEPENDS_ON].i)) == CE_OK)
		rc = judge(db, a, b, id);
	ce_record_free(a);
	ce_record_free(b);
	return rc;
}

static const int dependency_pair[] = { D_SUBTOPIC, D_DEPENDS_ON, -1 };
static const int *const dependency_uniques[] = { dependency_pair, NULL };
static const ce_graph_def dependency_graph = { D_SUBTOPIC, D_DEPENDS_ON };
static const struct ce_table_rules dependency_rules = {
	.check = dependency_check,
	.graph = &dependency_graph,
};

const ce_table_def ce__subtopic_dependency_table = {
	CE_ENTITY_SUBTOPIC_DEPENDENCY, "subtopic_dependency",
	"a subtopic needing the output of another subtopic of its project",
	(int)CE_ARRAY_LEN(dependency_columns), dependency_columns, dependency_uniques, 0, NULL,
	sizeof(ce_subtopic_dependency_spec), &dependency_rules,
};

CE_DEFINE_RECORD_API(subtopic_dependency, CE_ENTITY_SUBTOPIC_DEPENDENCY,
                     CE_SUBTOPIC_DEPENDENCY_SPEC_VERSION)

/* ---- milestone ------------------------------------------------------- */

/* No order between due_date and done_date: late milestones are what the
 * overdue reports are for. */
static const ce_column_def milestone_columns[] = {
	COL_REF(ce_milestone_spec, subtopic, CE_COL_REQUIRED | CE_COL_OWNER, CE_ENTITY_SUBTOPIC),
	COL_TEXT(ce_milestone_spec, title, CE_COL_REQUIRED),
	COL_DATE(ce_milestone_spec, due_date, CE_COL_REQUIRED | CE_COL_INDEXED),
	COL_DATE(ce_milestone_spec, done_date, 0),
};

const ce_table_def ce__milestone_table = {
	CE_ENTITY_MILESTONE, "milestone", "a dated milestone of a subtopic",
	(int)CE_ARRAY_LEN(milestone_columns), milestone_columns, NULL, 0, NULL,
	sizeof(ce_milestone_spec), NULL,
};

CE_DEFINE_RECORD_API(milestone, CE_ENTITY_MILESTONE, CE_MILESTONE_SPEC_VERSION)

/* ---- budget_line ----------------------------------------------------- */

enum { B_SUBTOPIC, B_CATEGORY, B_PLANNED, B_ACTUAL, B_CURRENCY };

static const ce_column_def budget_columns[] = {
	COL_REF(ce_budget_line_spec, subtopic, CE_COL_REQUIRED | CE_COL_OWNER, CE_ENTITY_SUBTOPIC),
	COL_TEXT(ce_budget_line_spec, category, CE_COL_REQUIRED),
	COL_MONEY(ce_budget_line_spec, planned, 0),
	COL_MONEY(ce_budget_line_spec, actual, 0),
	COL_TEXT(ce_budget_line_spec, currency, CE_COL_REQUIRED),
};

static int budget_check(ce_db *db, const ce_table_def *table, const ce_value *row, int64_t id)
{
	const char *cur = row[B_CURRENCY].s; /* required: set by now */
	(void)table;
	(void)id;
	if (!ce__currency_valid(cur))
		return ce__fail(db, CE_EINVALID,
		                "budget_line.currency: '%.*s' of '%.*s' is not a 3-letter ISO 4217 code such as 'CNY'",
		                ce__clip(cur, 40), cur, ce__clip(row[B_CATEGORY].s, 60), row[B_CATEGORY].s);
	return CE_OK;
}

static const int budget_pair[] = { B_SUBTOPIC, B_CATEGORY, -1 };
static const int *const budget_uniques[] = { budget_pair, NULL };
static const struct ce_table_rules budget_rules = { .check = budget_check };

const ce_table_def ce__budget_line_table = {
	CE_ENTITY_BUDGET_LINE, "budget_line", "a planned and actual budget category of a subtopic",
	(int)CE_ARRAY_LEN(budget_columns), budget_columns, budget_uniques, 0, NULL,
	sizeof(ce_budget_line_spec), &budget_rules,
};

CE_DEFINE_RECORD_API(budget_line, CE_ENTITY_BUDGET_LINE, CE_BUDGET_LINE_SPEC_VERSION)
