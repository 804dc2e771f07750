/* The public generic record API and the typed API's shared bodies:
 * argument checks, then the engine. */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

static const ce_table_def *entity_arg(ce_db *db, ce_entity entity, const char *verb)
{
	const ce_table_def *t = ce__db_entity(db, entity);
	if (!t)
		ce__fail(db, CE_EINVALID, "%s: unknown entity %d", verb, (int)entity);
	return t;
}

#define REQUIRE_DB(db, verb)                                              \
	do {                                                                  \
		if (!(db))                                                        \
			return ce__fail(NULL, CE_EINVALID, "%s: NULL db", verb);      \
		ce__clear(db);                                                    \
	} while (0)

ce_result ce_record_insert(int64_t *out_id, ce_db *db, const ce_record *record)
{
	REQUIRE_DB(db, "insert");
	if (!record)
		return ce__fail(db, CE_EINVALID, "insert: NULL record");
	return ce__insert(out_id, db, record->table, record->values);
}

ce_result ce_record_update(ce_db *db, const ce_record *record)
{
	REQUIRE_DB(db, "update");
	if (!record)
		return ce__fail(db, CE_EINVALID, "update: NULL record");
	if (record->id <= 0)
		return ce__fail(db, CE_EINVALID, "update: %s record has no id (insert it first)",
		                record->table->name);
	return ce__update(db, record->table, record->id, record->values);
}

/* Ends a caller-facing read begun with ce__view_begin(), passing rc on. */
static int viewed(ce_db *db, int rc)
{
	ce__view_end(db);
	return rc;
}

int ce__lookup(ce_record **out, ce_db *db, const ce_table_def *t, int64_t id)
{
	ce_value row[CE_MAX_COLUMNS];
	int rc = ce__store_fetch(db, t, id, row);
	return rc == CE_OK ? ce__record_from_row(out, db, t, id, row) : rc;
}

ce_result ce_record_lookup(ce_record **out, ce_db *db, ce_entity entity, int64_t id)
{
	const ce_table_def *t;
	if (out)
		*out = NULL;
	REQUIRE_DB(db, "lookup");
	if (!out || !(t = entity_arg(db, entity, "lookup")))
		return ce__fail(db, CE_EINVALID, "lookup: NULL out or unknown entity");
	int rc = ce__view_begin(db);
	return rc == CE_OK ? viewed(db, ce__lookup(out, db, t, id)) : rc;
}

int ce__lookup_by_text(ce_record **out, ce_db *db, const ce_table_def *t, const char *column,
                       const char *key)
{
	int c = ce__column_by_name(t, column);
	int64_t id;
	const ce_value *row;
	ce_scan scan;
	if (out)
		*out = NULL;
	REQUIRE_DB(db, "lookup");
	if (!out || !key || c < 0)
		return ce__fail(db, CE_EINVALID, "%s lookup by %s: NULL argument", t->name, column);
	/* looked up as it would have been stored */
	char *norm = NULL;
	if (ce__text_normalised_column(&t->columns[c]) && ce__text_normalise(key, &norm) != CE_OK)
		return ce__fail(db, CE_ENOMEM, "%s lookup by %s: out of memory", t->name, column);
	ce_condition cond = { .op = CE_COND_EQ, .column = c, .low = { .s = norm ? norm : key } };
	ce_query q = { 1, &cond };
	int rc = ce__view_begin(db);
	if (rc != CE_OK) {
		free(norm);
		return rc;
	}
	/* one statement: the first matching row itself, not its id then the row */
	rc = ce__scan_open(&scan, db, t, &q);
	if (rc == CE_OK) {
		rc = ce__scan_next(&scan, &id, &row);
		if (rc == CE_OK)
			rc = ce__record_from_row(out, db, t, id, row);
		else if (rc == CE_ITEROVER)
			rc = CE_ENOTFOUND;
		ce__scan_close(&scan);
	}
	free(norm);
	/* hidden from the role or absent: the same answer */
	if (rc == CE_ENOTFOUND)
		rc = ce__fail(db, rc, "%s: no record with %s '%.*s'", t->name, column, ce__clip(key, 80),
		              key);
	return viewed(db, rc);
}

ce_result ce_record_delete(ce_db *db, ce_entity entity, int64_t id, unsigned int flags)
{
	const ce_table_def *t;
	REQUIRE_DB(db, "delete");
	if (!(t = entity_arg(db, entity, "delete")))
		return CE_EINVALID;
	if (flags & ~CE_DELETE_CASCADE)
		return ce__fail(db, CE_EINVALID, "delete: unknown flags 0x%x", flags);
	return ce__delete(db, t, id, flags);
}

/* ---- iteration ------------------------------------------------------- */

static void iter_release(ce_record_iter *it)
{
	ce__scan_close(&it->scan);
	for (int i = 0; i < CE_MAX_COLUMNS; i++)
		free(it->texts[i]);
	free(it);
}

int ce__iter_new(ce_record_iter **out, ce_db *db, const ce_table_def *t, const ce_filter *filter,
                 bool typed)
{
	ce_record_iter *it = calloc(1, sizeof *it);
	unsigned int n;
	int rc;
	if (!it)
		return ce__fail(db, CE_ENOMEM, "iterate %s: out of memory", t->name);
	it->db = db;
	it->table = t;
	it->typed = typed;
	if ((rc = ce__filter_resolve(db, filter, t, it->conds, &n)) != CE_OK) {
		iter_release(it);
		return rc;
	}
	for (unsigned i = 0; i < n; i++) {
		if (!it->conds[i].low.s)
			continue;
		/* an identifier is compared in the form it is stored in */
		if (ce__cond_normalise(t, &it->conds[i], &it->texts[i]) != CE_OK ||
		    (!it->texts[i] && !(it->texts[i] = strdup(it->conds[i].low.s)))) {
			iter_release(it);
			return ce__fail(db, CE_ENOMEM, "iterate %s: out of memory", t->name);
		}
		it->conds[i].low.s = it->texts[i];
	}
	ce_query q = { n, it->conds };
	if ((rc = ce__view_begin(db)) == CE_OK) { /* the scan shows what the role may see */
		rc = ce__scan_open(&it->scan, db, t, &q);
		ce__view_end(db);
	}
	if (rc != CE_OK) {
		iter_release(it);
		return rc;
	}
	*out = it;
	return CE_OK;
}

ce_result ce_record_iter_new(ce_record_iter **out, ce_db *db, ce_entity entity,
                             const ce_filter *filter)
{
	const ce_table_def *t;
	if (out)
		*out = NULL;
	REQUIRE_DB(db, "iterate");
	if (!out || !(t = entity_arg(db, entity, "iterate")))
		return ce__fail(db, CE_EINVALID, "iterate: NULL out or unknown entity");
	return ce__iter_new(out, db, t, filter, false);
}

ce_result ce_record_iter_next(ce_record **out, ce_record_iter *iter)
{
	const ce_value *row;
	int64_t id;
	if (out)
		*out = NULL;
	if (!out || !iter)
		return ce__fail(NULL, CE_EINVALID, "iter_next: NULL argument");
	int rc = ce__scan_next(&iter->scan, &id, &row);
	if (rc != CE_OK)
		return rc;
	if ((rc = ce__record_from_row(out, iter->db, iter->table, id, row)) == CE_OK && iter->typed &&
	    (rc = ce__record_build_spec(*out)) != CE_OK) {
		ce_record_free(*out);
		*out = NULL;
	}
	return rc;
}

void ce_record_iter_free(ce_record_iter *iter)
{
	if (iter)
		iter_release(iter);
}

ce_result ce_record_count(int64_t *out, ce_db *db, ce_entity entity, const ce_filter *filter)
{
	const ce_table_def *t;
	ce_condition conds[CE_MAX_COLUMNS];
	unsigned int n;
	REQUIRE_DB(db, "count");
	if (!out || !(t = entity_arg(db, entity, "count")))
		return ce__fail(db, CE_EINVALID, "count: NULL out or unknown entity");
	char *texts[CE_MAX_COLUMNS] = { NULL };
	int rc = ce__filter_resolve(db, filter, t, conds, &n);
	for (unsigned i = 0; rc == CE_OK && i < n; i++)
		if (ce__cond_normalise(t, &conds[i], &texts[i]) != CE_OK)
			rc = ce__fail(db, CE_ENOMEM, "count %s: out of memory", t->name);
	ce_query q = { n, conds };
	if (rc == CE_OK && (rc = ce__view_begin(db)) == CE_OK)
		rc = viewed(db, ce__store_count(out, db, t, &q));
	for (unsigned i = 0; i < n; i++)
		free(texts[i]);
	return rc;
}

/* ---- history --------------------------------------------------------- */

ce_result ce_history(ce_transition **out, size_t *out_count, ce_db *db, ce_entity entity,
                     int64_t id, const char *column)
{
	const ce_table_def *t;
	const ce_lifecycle_def *lc;
	int col;
	if (out)
		*out = NULL;
	if (out_count)
		*out_count = 0;
	REQUIRE_DB(db, "history");
	if (!out || !out_count || !(t = entity_arg(db, entity, "history")))
		return ce__fail(db, CE_EINVALID, "history: NULL argument or unknown entity");
	if ((col = ce__column_by_name(t, column)) < 0 || !(lc = ce__lifecycle(t, col)))
		return ce__fail(db, CE_EINVALID, "%s.%s: not a lifecycle column", t->name,
		                column ? column : "(null)");
	/* a record the role cannot see has no history, to it */
	int rc = ce__view_begin(db);
	if (rc == CE_OK)
		rc = viewed(db, ce__exists(db, t->index, id));
	if (rc == CE_ENOTFOUND)
		return ce__fail(db, rc, "%s: no record with id %lld", t->name, (long long)id);
	if (rc != CE_OK)
		return rc;
	const ce_table_def *h = ce__store_table(db, lc->history_table);
	ce_condition cond = { .op = CE_COND_EQ, .column = 0, .low = { .i = id } };
	ce_query q = { 1, &cond };
	ce_scan scan;
	const ce_value *row;
	int64_t hid;
	size_t n = 0, cap = 0;
	ce_transition *items = NULL;
	rc = ce__scan_open(&scan, db, h, &q);
	while (rc == CE_OK && (rc = ce__scan_next(&scan, &hid, &row)) == CE_OK) {
		if (n == cap) {
			ce_transition *grown = realloc(items, (cap = cap ? cap * 2 : 4) * sizeof *grown);
			if (!grown) {
				rc = ce__fail(db, CE_ENOMEM, "history: out of memory");
				break;
			}
			items = grown;
		}
		items[n++] = (ce_transition){ row[1].null ? 0 : (int)row[1].i, (int)row[2].i,
		                              (ce_date)row[3].i };
	}
	ce__scan_close(&scan);
	if (rc != CE_ITEROVER) {
		free(items);
		return rc;
	}
	*out = items;
	*out_count = n;
	return CE_OK;
}

void ce_transitions_free(ce_transition *transitions)
{
	free(transitions);
}

/* ---- typed API bodies ------------------------------------------------ */

int ce__typed_create(int64_t *out_id, ce_db *db, ce_entity entity, const void *spec,
                     unsigned int current)
{
	ce_value row[CE_MAX_COLUMNS];
	REQUIRE_DB(db, "create");
	const ce_table_def *t = ce__db_entity(db, entity);
	int rc = ce__row_from_spec(db, t, spec, current, row);
	return rc == CE_OK ? ce__insert(out_id, db, t, row) : rc;
}

int ce__typed_update(ce_db *db, ce_entity entity, int64_t id, const void *spec,
                     unsigned int current)
{
	ce_value row[CE_MAX_COLUMNS];
	REQUIRE_DB(db, "update");
	const ce_table_def *t = ce__db_entity(db, entity);
	int rc = ce__row_from_spec(db, t, spec, current, row);
	if (rc != CE_OK)
		return rc;
	/* a caller of an older spec cannot know the newer fields: they keep
	 * their values rather than being cleared */
	unsigned int version = *(const unsigned int *)spec;
	if (version == current)
		return ce__update(db, t, id, row);
	ce_value old[CE_MAX_COLUMNS];
	if ((rc = ce__fetch_copy(db, t, id, old)) != CE_OK)
		return rc;
	for (int c = 0; c < t->ncolumns; c++)
		if (t->columns[c].since > version)
			row[c] = old[c];
	rc = ce__update(db, t, id, row);
	ce__row_clear(t, old);
	return rc;
}

static int with_spec(ce_record **out, int rc)
{
	if (rc == CE_OK && (rc = ce__record_build_spec(*out)) != CE_OK) {
		ce_record_free(*out);
		*out = NULL;
	}
	return rc;
}

int ce__typed_lookup(ce_record **out, ce_db *db, ce_entity entity, int64_t id)
{
	return with_spec(out, ce_record_lookup(out, db, entity, id));
}

int ce__typed_lookup_by_text(ce_record **out, ce_db *db, ce_entity entity, const char *column,
                             const char *key)
{
	if (out)
		*out = NULL;
	REQUIRE_DB(db, "lookup");
	return with_spec(out, ce__lookup_by_text(out, db, ce__db_entity(db, entity), column, key));
}

int ce__typed_iter_new(ce_record_iter **out, ce_db *db, ce_entity entity, const ce_filter *filter)
{
	if (out)
		*out = NULL;
	REQUIRE_DB(db, "iterate");
	if (!out)
		return ce__fail(db, CE_EINVALID, "iterate: NULL out");
	return ce__iter_new(out, db, ce__db_entity(db, entity), filter, true);
}
