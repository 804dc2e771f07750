/* The write engine: insert, update, lifecycle transitions and delete with
 * restrict or cascade. Each runs inside one write scope, so a refused or
 * failed call leaves the store exactly as it was. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

#define MAX_CASCADE_DEPTH 32
/* Times a single call lost to another writer's conflict is run again. */
#define CE_WRITE_RETRIES 3

/* Ids of the rows of u whose column equals id; caller frees. */
static int collect(int64_t **out, size_t *n, ce_db *db, const ce_table_def *u, int column,
                   int64_t id)
{
	ce_condition cond = { .op = CE_COND_EQ, .column = column, .low = { .i = id } };
	ce_query q = { 1, &cond };
	return ce__store_ids(out, n, db, u, &q);
}

static int add_history(ce_db *db, const ce_lifecycle_def *lc, int64_t id, const ce_value *from,
                       int to, ce_date on)
{
	const ce_table_def *h = ce__store_table(db, lc->history_table);
	ce_value row[4] = { { .i = id }, from ? *from : (ce_value){ .null = 1 }, { .i = to }, { .i = on } };
	int64_t hid;
	int rc = ce__row_insert(db, h, row, &hid);
	if (rc == CE_OK)
		ce__undo_insert(db, h, hid);
	return rc == CE_OK ? rc : ce__backend_fail(db, rc, h->name);
}

/* Whether a single call (no explicit transaction: nothing of the caller's
 * is lost) that failed because another writer won a conflict should run
 * again; a bounded number of times. */
static bool again(ce_db *db, int rc, int *attempt)
{
	const ce_backend *b = db->backend;
	if (rc != CE_EBUSY || db->in_transaction || ++*attempt > CE_WRITE_RETRIES)
		return false;
	if (b->version < 4 || !b->retryable || !b->retryable(db->conn))
		return false;
	ce__clear(db);
	return true;
}

static int insert_once(int64_t *out_id, ce_db *db, const ce_table_def *t, const ce_value *in);

int ce__insert(int64_t *out_id, ce_db *db, const ce_table_def *t, const ce_value *in)
{
	int rc, attempt = 0;
	do
		rc = insert_once(out_id, db, t, in);
	while (again(db, rc, &attempt));
	return rc;
}

static int insert_once(int64_t *out_id, ce_db *db, const ce_table_def *t, const ce_value *in)
{
	ce_value row[CE_MAX_COLUMNS];
	int64_t id = 0;
	int rc = ce__write_begin(db, true);
	if (rc != CE_OK)
		return rc;
	memcpy(row, in, sizeof *row * (size_t)t->ncolumns);
	/* the role first: a refused caller learns nothing from the rules */
	rc = ce__access_check(db, t, CE_ACCESS_CREATE, 0, row);
	/* a store that refuses duplicates atomically is asked by the insert
	 * itself, not by a lookup per unique key first */
	bool store_unique = ce__unique_at_insert(db);
	if (rc == CE_OK)
		rc = store_unique ? ce__validate_for_insert(db, t, row) : ce__validate(db, t, row, 0, NULL);
	if (rc == CE_OK && (rc = ce__row_insert(db, t, row, &id)) != CE_OK) {
		ce__backend_fail(db, rc, t->name);
		/* refused by a UNIQUE: say which record holds the key, as the check
		 * would have (a failed lookup is reported as what it is) */
		int why = rc == CE_ECONSTRAINT && store_unique ? ce__check_uniques(db, t, row, 0) : CE_OK;
		if (why != CE_OK)
			rc = why;
	}
	if (rc == CE_OK)
		ce__undo_insert(db, t, id);
	for (int i = 0; rc == CE_OK && t->rules && i < t->rules->nlifecycles; i++) {
		const ce_lifecycle_def *lc = &t->rules->lifecycles[i];
		rc = add_history(db, lc, id, NULL, (int)row[lc->column].i, (ce_date)row[lc->date_column].i);
	}
	if (rc == CE_OK)
		rc = ce__audit(db, CE_AUDIT_CREATE, t, id, NULL, row);
	rc = ce__write_end(db, rc);
	if (rc == CE_OK && out_id)
		*out_id = id;
	return rc;
}

/* Re-runs the cross-record rules of every row that points at the updated
 * record: their checks read it, so a change to it can break them (a
 * supervisor's kind, a placement's start). */
static int recheck_dependents(ce_db *db, const ce_table_def *t, int64_t id)
{
	const ce_schema *s = db->schema;
	for (int ti = 1; ti <= CE_ENTITY_LAST; ti++) {
		const ce_table_def *u = s->tables[ti];
		if (!u->rules || !u->rules->check)
			continue;
		for (int c = 0; c < u->ncolumns; c++) {
			if (u->columns[c].type != CE_TYPE_REF || u->columns[c].ref != t->index)
				continue;
			int64_t *ids;
			size_t n;
			int rc = collect(&ids, &n, db, u, c, id);
			for (size_t k = 0; k < n && rc == CE_OK; k++) {
				ce_value row[CE_MAX_COLUMNS];
				if ((rc = ce__fetch_copy(db, u, ids[k], row)) != CE_OK)
					break;
				if ((rc = u->rules->check(db, u, row, ids[k])) != CE_OK) {
					char why[512];
					snprintf(why, sizeof why, "%s", ce_db_errmsg(db));
					ce__fail(db, rc, "%s %lld: the change would break %s %lld: %s", t->name,
					         (long long)id, u->name, (long long)ids[k], why);
				}
				ce__row_clear(u, row);
			}
			free(ids);
			if (rc != CE_OK)
				return rc;
		}
	}
	return CE_OK;
}

static int update_once(ce_db *db, const ce_table_def *t, int64_t id, const ce_value *in);

int ce__update(ce_db *db, const ce_table_def *t, int64_t id, const ce_value *in)
{
	int rc, attempt = 0;
	do
		rc = update_once(db, t, id, in);
	while (again(db, rc, &attempt));
	return rc;
}

static int update_once(ce_db *db, const ce_table_def *t, int64_t id, const ce_value *in)
{
	ce_value row[CE_MAX_COLUMNS], old[CE_MAX_COLUMNS];
	int rc = ce__write_begin(db, true);
	if (rc != CE_OK)
		return rc;
	if ((rc = ce__fetch_copy(db, t, id, old)) == CE_OK) {
		memcpy(row, in, sizeof *row * (size_t)t->ncolumns);
		/* the record as it is and as it would be: both the role's */
		rc = ce__access_check(db, t, CE_ACCESS_UPDATE, id, old);
		if (rc == CE_OK)
			rc = ce__access_check(db, t, CE_ACCESS_UPDATE, id, row);
		if (rc == CE_OK)
			rc = ce__validate(db, t, row, id, old);
		if (rc == CE_OK && (rc = ce__row_update(db, t, id, old, row)) != CE_OK)
			ce__backend_fail(db, rc, t->name);
		if (rc == CE_OK)
			ce__undo_update(db, t, id, old);
		/* a dependent's refusal comes after the write: undone with it */
		if (rc == CE_OK)
			rc = recheck_dependents(db, t, id);
		if (rc == CE_OK)
			rc = ce__audit(db, CE_AUDIT_UPDATE, t, id, old, row);
		rc = ce__write_end(db, rc);
		ce__row_clear(t, old);
		return rc;
	}
	return ce__write_end(db, rc);
}

/* "a → b is not allowed; from a: c, d" */
static int refuse_move(ce_db *db, const ce_table_def *t, const ce_lifecycle_def *lc, int disc,
                       int from, int to)
{
	const ce_column_def *col = &t->columns[lc->column];
	char next[256] = "";
	for (int s = 1; s < col->ntokens; s++)
		if (ce__lifecycle_allows(lc, disc, from, s)) {
			strncat(next, *next ? ", " : "", sizeof next - strlen(next) - 1);
			strncat(next, col->tokens[s], sizeof next - strlen(next) - 1);
		}
	return ce__fail(db, CE_ETRANSITION, "%s.%s: %s -> %s is not allowed (from %s: %s)", t->name,
	                col->name, col->tokens[from], to > 0 && to < col->ntokens ? col->tokens[to] : "?",
	                col->tokens[from], *next ? next : "none, it is final");
}

/* One write scope: the row it fetched (the undo's) outlives it. */
static int transition(ce_db *db, const ce_table_def *t, const ce_lifecycle_def *lc, int64_t id,
                      int to, ce_date on)
{
	ce_value row[CE_MAX_COLUMNS], before[CE_MAX_COLUMNS];
	int rc = ce__write_begin(db, true);
	if (rc != CE_OK)
		return rc;
	if ((rc = ce__fetch_copy(db, t, id, row)) != CE_OK)
		return ce__write_end(db, rc);
	int from = (int)row[lc->column].i;
	int disc = lc->discriminator >= 0 ? (int)row[lc->discriminator].i : 0;
	ce_date since = (ce_date)row[lc->date_column].i;
	if ((rc = ce__access_check(db, t, CE_ACCESS_TRANSITION, id, row)) != CE_OK) {
		/* refused before the lifecycle says anything */
	} else if (!ce__lifecycle_allows(lc, disc, from, to)) {
		rc = refuse_move(db, t, lc, disc, from, to);
	} else if (on < since) {
		char a[16], b[16];
		ce_date_format(a, sizeof a, on);
		ce_date_format(b, sizeof b, since);
		rc = ce__fail(db, CE_ETRANSITION, "%s.%s: %s is before %s, when it became %s", t->name,
		              t->columns[lc->column].name, a, b, t->columns[lc->column].tokens[from]);
	} else {
		ce_value prev = row[lc->column];
		memcpy(before, row, sizeof *row * (size_t)t->ncolumns);
		row[lc->column].i = to;
		row[lc->date_column].i = on;
		if (t->rules && t->rules->check_move && (rc = t->rules->check_move(db, t, row, id)) != CE_OK) {
			/* refused: nothing written */
		} else if ((rc = ce__row_update(db, t, id, before, row)) != CE_OK)
			ce__backend_fail(db, rc, t->name);
		else {
			ce__undo_update(db, t, id, before);
			rc = add_history(db, lc, id, &prev, to, on);
		}
		if (rc == CE_OK)
			rc = ce__audit(db, CE_AUDIT_TRANSITION, t, id, before, row);
	}
	rc = ce__write_end(db, rc);
	ce__row_clear(t, row); /* before shares its texts */
	return rc;
}

ce_result ce_record_transition(ce_db *db, ce_entity entity, int64_t id, const char *column,
                               int to, ce_date on)
{
	const ce_table_def *t;
	const ce_lifecycle_def *lc;
	int col;
	if (!db)
		return ce__fail(NULL, CE_EINVALID, "transition: NULL db");
	ce__clear(db);
	t = ce__db_entity(db, entity);
	if (!t)
		return ce__fail(db, CE_EINVALID, "transition: unknown entity %d", (int)entity);
	if ((col = ce__column_by_name(t, column)) < 0 || !(lc = ce__lifecycle(t, col)))
		return ce__fail(db, CE_EINVALID, "%s.%s: not a lifecycle column", t->name,
		                column ? column : "(null)");
	if (to < 1 || to >= t->columns[col].ntokens)
		return ce__fail(db, CE_EINVALID, "%s.%s: %d is not one of its states", t->name, column, to);
	if (!ce_date_valid(on))
		return ce__fail(db, CE_EINVALID, "%s.%s: transition date %ld is not a calendar date",
		                t->name, column, (long)on);
	int rc, attempt = 0;
	do
		rc = transition(db, t, lc, id, to, on);
	while (again(db, rc, &attempt));
	return rc;
}

/* ---- delete ---------------------------------------------------------- */

static bool in_exactly_one(const ce_table_def *t, int column)
{
	for (int g = 0; t->rules && t->rules->exactly_one && t->rules->exactly_one[g]; g++)
		for (const int *c = t->rules->exactly_one[g]; *c >= 0; c++)
			if (*c == column)
				return true;
	return false;
}

static int delete_row(ce_db *db, const ce_table_def *t, int64_t id, unsigned flags, int depth);

int ce__delete_row(ce_db *db, const ce_table_def *t, int64_t id, unsigned int flags)
{
	return delete_row(db, t, id, flags, 0);
}

/* Clears an optional reference if the row stays valid without it;
 * otherwise the row goes too. */
static int detach_or_delete(ce_db *db, const ce_table_def *u, int column, int64_t rid,
                            unsigned flags, int depth)
{
	ce_value row[CE_MAX_COLUMNS], old[CE_MAX_COLUMNS];
	ce_saved_error before;
	int rc = ce__fetch_copy(db, u, rid, old);
	if (rc != CE_OK)
		return rc;
	memcpy(row, old, sizeof *row * (size_t)u->ncolumns);
	row[column] = (ce_value){ .null = 1 };
	ce__error_save(&before);
	rc = ce__validate(db, u, row, rid, old);
	if (rc == CE_OK) {
		if ((rc = ce__access_check(db, u, CE_ACCESS_UPDATE, rid, old)) == CE_OK &&
		    (rc = ce__row_update(db, u, rid, old, row)) != CE_OK)
			ce__backend_fail(db, rc, u->name);
		if (rc == CE_OK)
			rc = ce__audit(db, CE_AUDIT_CASCADE, u, rid, old, row);
	} else if (rc == CE_EINVALID || rc == CE_ECONSTRAINT || rc == CE_EEXISTS ||
	           rc == CE_ETRANSITION || rc == CE_ECYCLE) {
		/* the row needs the reference: the refusal is an answer, not a failure */
		ce__error_restore(db, &before);
		rc = delete_row(db, u, rid, flags, depth + 1);
	}
	ce__row_clear(u, old);
	return rc;
}

static int release_references(ce_db *db, const ce_table_def *t, int64_t id, unsigned flags,
                              int depth)
{
	const ce_schema *s = db->schema;
	for (int ti = 1; ti < s->ntables; ti++) {
		const ce_table_def *u = s->tables[ti];
		for (int c = 0; c < u->ncolumns; c++) {
			const ce_column_def *col = &u->columns[c];
			bool internal = u->index > CE_ENTITY_LAST;
			int64_t first, *ids;
			size_t n;
			if (col->type != CE_TYPE_REF || col->ref != t->index)
				continue;
			int rc = ce__find_eq(&first, db, u, c, id);
			if (rc == CE_ENOTFOUND)
				continue;
			if (rc != CE_OK)
				return rc;
			if (!internal && !(flags & CE_DELETE_CASCADE))
				return ce__fail(db, CE_ECONSTRAINT,
				                "%s %lld is still referenced by %s %lld (column %s); remove those first or delete with CE_DELETE_CASCADE",
				                t->name, (long long)id, u->name, (long long)first, col->name);
			if ((rc = collect(&ids, &n, db, u, c, id)) != CE_OK)
				return rc;
			for (size_t k = 0; k < n && rc == CE_OK; k++) {
				if ((rc = ce__exists(db, u->index, ids[k])) == CE_ENOTFOUND) {
					rc = CE_OK; /* already gone with an earlier cascade */
					continue;
				}
				if (rc != CE_OK)
					break;
				bool dependent = internal || (col->flags & CE_COL_REQUIRED) || in_exactly_one(u, c);
				rc = dependent ? delete_row(db, u, ids[k], flags, depth + 1)
				               : detach_or_delete(db, u, c, ids[k], flags, depth);
			}
			free(ids);
			if (rc != CE_OK)
				return rc;
		}
	}
	return CE_OK;
}

static int delete_row(ce_db *db, const ce_table_def *t, int64_t id, unsigned flags, int depth)
{
	if (depth > MAX_CASCADE_DEPTH)
		return ce__fail(db, CE_ECONSTRAINT, "%s %lld: cascade deeper than %d levels", t->name,
		                (long long)id, MAX_CASCADE_DEPTH);
	/* an entity's row is checked against the role and traced with its
	 * values; its lifecycle histories go with it untraced */
	bool entity = t->index <= CE_ENTITY_LAST;
	ce_value old[CE_MAX_COLUMNS];
	int rc = entity ? ce__fetch_copy(db, t, id, old) : CE_OK;
	if (rc != CE_OK)
		return rc;
	if (entity)
		rc = ce__access_check(db, t, CE_ACCESS_DELETE, id, old);
	if (rc == CE_OK && entity && !depth && t->rules && t->rules->check_delete)
		rc = t->rules->check_delete(db, t, old, id);
	if (rc == CE_OK)
		rc = release_references(db, t, id, flags, depth);
	if (rc == CE_OK && (rc = db->backend->remove(db->conn, t, id)) != CE_OK)
		ce__backend_fail(db, rc, t->name);
	ce__known_forget(db, t->index, id); /* gone, or going: a cascade asks again */
	if (rc == CE_OK && entity)
		rc = ce__audit(db, depth ? CE_AUDIT_CASCADE : CE_AUDIT_DELETE, t, id, old, NULL);
	if (entity)
		ce__row_clear(t, old);
	return rc;
}

static int delete_once(ce_db *db, const ce_table_def *t, int64_t id, unsigned int flags);

int ce__delete(ce_db *db, const ce_table_def *t, int64_t id, unsigned int flags)
{
	int rc, attempt = 0;
	do
		rc = delete_once(db, t, id, flags);
	while (again(db, rc, &attempt));
	return rc;
}

static int delete_once(ce_db *db, const ce_table_def *t, int64_t id, unsigned int flags)
{
	int rc = ce__write_begin(db, false); /* a cascade's undo is the savepoint's */
	if (rc != CE_OK)
		return rc;
	rc = ce__exists(db, t->index, id);
	if (rc == CE_ENOTFOUND)
		rc = ce__fail(db, rc, "%s: no record with id %lld", t->name, (long long)id);
	else if (rc == CE_OK)
		rc = delete_row(db, t, id, flags, 0);
	return ce__write_end(db, rc);
}
