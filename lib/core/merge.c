/* Merging two records of one entity that name the same thing (a company
 * typed twice, one person entered twice): every reference to `drop` is
 * re-pointed to `keep`, found through the schema's reference columns, so a
 * table added later is covered without a list here. A re-pointed row that
 * would duplicate a unique key of a row `keep` already has is the same
 * link twice: it is removed and reported. `keep`'s unset fields take
 * `drop`'s values, `drop` is deleted, and every change is audited as a
 * merge. All in one write scope: a refusal leaves the store as it was. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

enum { R_ACTION, R_ENTITY, R_ID, R_COLUMN, R_DETAIL, R_NCOLS };

typedef struct merge {
	ce_db *db;
	const ce_table_def *t;
	int64_t keep, drop;
	ce_table *report;  /* NULL: not asked for */
} merge;

static int note(merge *m, const char *action, const ce_table_def *u, int64_t id,
                const char *column, const char *detail)
{
	size_t r;
	int rc;
	if (!m->report)
		return CE_OK;
	if ((rc = ce_table_append_row(&r, m->report)) != CE_OK ||
	    (rc = ce_table_set_text(m->report, r, R_ACTION, action)) != CE_OK ||
	    (rc = ce_table_set_text(m->report, r, R_ENTITY, u->name)) != CE_OK ||
	    (rc = ce_table_set_int(m->report, r, R_ID, id)) != CE_OK ||
	    (rc = column ? ce_table_set_text(m->report, r, R_COLUMN, column) : CE_OK) != CE_OK ||
	    (rc = detail ? ce_table_set_text(m->report, r, R_DETAIL, detail) : CE_OK) != CE_OK)
		return ce__fail(m->db, rc, "merge: cannot build the report");
	return CE_OK;
}

/* Re-points one row's column from drop to keep, or removes the row when
 * it would become a duplicate of one keep already has. */
static int repoint(merge *m, const ce_table_def *u, int c, int64_t rid)
{
	ce_db *db = m->db;
	ce_value old[CE_MAX_COLUMNS], row[CE_MAX_COLUMNS];
	ce_saved_error before;
	char why[600];
	int rc = ce__exists(db, u->index, rid);
	if (rc == CE_ENOTFOUND)
		return CE_OK; /* gone with an earlier duplicate */
	if (rc != CE_OK || (rc = ce__fetch_copy(db, u, rid, old)) != CE_OK)
		return rc;
	memcpy(row, old, sizeof *row * (size_t)u->ncolumns);
	row[c].i = m->keep;
	if ((rc = ce__access_check(db, u, CE_ACCESS_UPDATE, rid, old)) != CE_OK)
		goto done;
	ce__error_save(&before);
	rc = ce__validate(db, u, row, rid, old);
	if (rc == CE_EEXISTS) {
		/* the same link twice: keep's stays, drop's goes */
		snprintf(why, sizeof why, "%s", ce_db_errmsg(db));
		ce__error_restore(db, &before);
		ce__audit_as(db, CE_AUDIT_MERGE);
		rc = ce__delete_row(db, u, rid, CE_DELETE_RESTRICT);
		ce__audit_as(db, 0);
		if (rc == CE_OK)
			rc = note(m, "duplicate_removed", u, rid, u->columns[c].name, why);
		goto done;
	}
	if (rc != CE_OK) {
		snprintf(why, sizeof why, "%s", ce_db_errmsg(db));
		rc = ce__fail(db, rc, "merge %s %lld into %lld: %s %lld cannot follow: %s", m->t->name,
		              (long long)m->drop, (long long)m->keep, u->name, (long long)rid, why);
		goto done;
	}
	if ((rc = ce__row_update(db, u, rid, old, row)) != CE_OK)
		rc = ce__backend_fail(db, rc, u->name);
	if (rc == CE_OK)
		rc = ce__audit(db, CE_AUDIT_MERGE, u, rid, old, row);
	if (rc == CE_OK)
		rc = note(m, "repointed", u, rid, u->columns[c].name, NULL);
done:
	ce__row_clear(u, old);
	return rc;
}

/* Every row of an entity table that refers to drop. Internal tables (the
 * lifecycle histories) belong to drop and go with it. */
static int repoint_all(merge *m)
{
	const ce_schema *s = m->db->schema;
	for (int ti = 1; ti <= CE_ENTITY_LAST && ti < s->ntables; ti++) {
		const ce_table_def *u = s->tables[ti];
		for (int c = 0; c < u->ncolumns; c++) {
			if (u->columns[c].type != CE_TYPE_REF || u->columns[c].ref != m->t->index)
				continue;
			ce_condition cond = { .op = CE_COND_EQ, .column = c, .low = { .i = m->drop } };
			ce_query q = { 1, &cond };
			int64_t *ids;
			size_t n;
			int rc = ce__store_ids(&ids, &n, m->db, u, &q);
			for (size_t k = 0; k < n && rc == CE_OK; k++)
				rc = repoint(m, u, c, ids[k]);
			free(ids);
			if (rc != CE_OK)
				return rc;
		}
	}
	return CE_OK;
}

static int run(merge *m)
{
	ce_db *db = m->db;
	const ce_table_def *t = m->t;
	ce_value keep[CE_MAX_COLUMNS], drop[CE_MAX_COLUMNS], row[CE_MAX_COLUMNS];
	int rc = ce__fetch_copy(db, t, m->keep, keep);
	if (rc != CE_OK)
		return rc;
	if ((rc = ce__fetch_copy(db, t, m->drop, drop)) != CE_OK) {
		ce__row_clear(t, keep);
		return rc;
	}
	/* merging updates keep and deletes drop: the role must be allowed both */
	if ((rc = ce__access_check(db, t, CE_ACCESS_UPDATE, m->keep, keep)) == CE_OK &&
	    (rc = ce__access_check(db, t, CE_ACCESS_DELETE, m->drop, drop)) == CE_OK)
		rc = repoint_all(m);
	/* keep's unset fields take drop's values (once drop, holder of any
	 * unique ones, is gone) */
	memcpy(row, keep, sizeof *row * (size_t)t->ncolumns);
	bool filled = false;
	for (int c = 0; rc == CE_OK && c < t->ncolumns; c++)
		if (keep[c].null && !drop[c].null && !(t->columns[c].flags & CE_COL_LIFECYCLE)) {
			row[c] = drop[c];
			filled = true;
			rc = note(m, "filled", t, m->keep, t->columns[c].name, NULL);
		}
	if (rc == CE_OK) {
		ce__audit_as(db, CE_AUDIT_MERGE);
		rc = ce__delete_row(db, t, m->drop, CE_DELETE_RESTRICT);
		ce__audit_as(db, 0);
	}
	if (rc == CE_OK)
		rc = note(m, "deleted", t, m->drop, NULL, NULL);
	if (rc == CE_OK && filled) {
		ce_value old[CE_MAX_COLUMNS];
		memcpy(old, keep, sizeof *old * (size_t)t->ncolumns);
		if ((rc = ce__validate(db, t, row, m->keep, old)) == CE_OK &&
		    (rc = ce__row_update(db, t, m->keep, old, row)) != CE_OK)
			rc = ce__backend_fail(db, rc, t->name);
		if (rc == CE_OK)
			rc = ce__audit(db, CE_AUDIT_MERGE, t, m->keep, old, row);
	}
	ce__row_clear(t, keep);
	ce__row_clear(t, drop);
	return rc;
}

ce_result ce_merge(ce_db *db, ce_entity entity, int64_t keep, int64_t drop, ce_table **report)
{
	static const char *const names[R_NCOLS] = { "action", "entity", "id", "column", "detail" };
	static const ce_column_type types[R_NCOLS] = { CE_TYPE_TEXT, CE_TYPE_TEXT, CE_TYPE_INT,
		                                           CE_TYPE_TEXT, CE_TYPE_TEXT };
	if (report)
		*report = NULL;
	if (!db)
		return ce__fail(NULL, CE_EINVALID, "merge: NULL db");
	ce__clear(db);
	merge m = { db, ce__db_entity(db, entity), keep, drop, NULL };
	if (!m.t)
		return ce__fail(db, CE_EINVALID, "merge: unknown entity %d", (int)entity);
	if (keep <= 0 || drop <= 0)
		return ce__fail(db, CE_EINVALID, "merge %s: %lld and %lld are not both record ids",
		                m.t->name, (long long)keep, (long long)drop);
	if (keep == drop)
		return ce__fail(db, CE_EINVALID, "merge %s: %lld with itself", m.t->name, (long long)keep);
	int rc;
	if (report && (rc = ce_table_new(&m.report, "merge", R_NCOLS, names, types)) != CE_OK)
		return ce__fail(db, rc, "merge: out of memory");
	if ((rc = ce__write_begin(db, false)) == CE_OK) /* it deletes: the savepoint undoes it */
		rc = ce__write_end(db, run(&m));
	if (rc == CE_OK && report)
		*report = m.report;
	else
		ce_table_free(m.report);
	return rc;
}
