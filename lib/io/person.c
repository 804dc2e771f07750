/* People's rights over their data: everything the store holds about one
 * student or supervisor as one JSON document, and anonymising a person who
 * has left. The records about a person are those that name them (every
 * REF to their table) and the details of those: the guidance sessions and
 * team meetings they attended, the outcomes they contributed to, the incidents and feedback of
 * their placements. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io_internal.h"

/* Details of the records that name a person: rows of `table` that the
 * first-level rows of `via` point at through column `via_column`
 * (forward), or that point at them through `column` (backward). */
static const struct detail {
	ce_entity table;
	ce_entity via;
	const char *via_column; /* forward: via's column naming the detail */
	const char *column;     /* backward: the detail's column naming via */
} details[] = {
	{ CE_ENTITY_GUIDANCE_SESSION, CE_ENTITY_GUIDANCE_ATTENDEE, "session", NULL },
	{ CE_ENTITY_TEAM_MEETING, CE_ENTITY_TEAM_MEETING_ATTENDEE, "meeting", NULL },
	{ CE_ENTITY_OUTCOME, CE_ENTITY_OUTCOME_CONTRIBUTOR, "outcome", NULL },
	{ CE_ENTITY_INCIDENT, CE_ENTITY_PLACEMENT, NULL, "placement" },
	{ CE_ENTITY_FEEDBACK, CE_ENTITY_PLACEMENT, NULL, "placement" },
};

typedef struct person_ids {
	ce_idmap ids[CE_ENTITY_LAST + 1]; /* id -> 1: the records about the person */
} person_ids;

static int person_arg(ce_db *db, ce_entity entity, const char *key, const char *verb,
                      const ce_table_def **t, int *key_col)
{
	if (!db)
		return ce__fail(NULL, CE_EINVALID, "%s: NULL db", verb);
	ce__clear(db);
	if (entity != CE_ENTITY_STUDENT && entity != CE_ENTITY_SUPERVISOR)
		return ce__fail(db, CE_EINVALID, "%s: a person is a student or a supervisor", verb);
	if (!key || !*key)
		return ce__fail(db, CE_EINVALID, "%s: no number given", verb);
	*t = ce__entity_table(entity);
	*key_col = ce__io_key_column(*t);
	return CE_OK;
}

/* The person's id by natural key, as the caller's role sees it. */
static int find_person(ce_db *db, const ce_table_def *t, int key_col, const char *key, int64_t *id)
{
	ce_value row[CE_MAX_COLUMNS];
	ce_condition cond = { .op = CE_COND_EQ, .column = key_col, .low = { .s = key } };
	ce_query q = { 1, &cond };
	char *norm = NULL; /* the number as it would be stored */
	if (ce__cond_normalise(t, &cond, &norm) != CE_OK)
		return ce__fail(db, CE_ENOMEM, "%s: out of memory", t->name);
	int rc = ce__store_find(id, db, t, &q);
	free(norm);
	if (rc == CE_OK)
		rc = ce__store_fetch(db, t, *id, row);
	if (rc == CE_ENOTFOUND)
		rc = ce__fail(db, rc, "%s: no record with %s '%.*s'", t->name, t->columns[key_col].name,
		              ce__clip(key, 80), key);
	return rc;
}

/* Adds the rows of u whose column c equals value (visible ones). */
static int add_where(ce_db *db, person_ids *p, const ce_table_def *u, int c, int64_t value)
{
	ce_condition cond = { .op = CE_COND_EQ, .column = c, .low = { .i = value } };
	ce_query q = { 1, &cond };
	int64_t *ids;
	size_t n;
	int rc = ce__store_ids(&ids, &n, db, u, &q);
	for (size_t k = 0; rc == CE_OK && k < n; k++)
		if ((rc = ce__idmap_put(&p->ids[u->index], ids[k], 1)) != CE_OK)
			rc = ce__fail(db, rc, "person: out of memory");
	free(ids);
	return rc;
}

static int collect(ce_db *db, person_ids *p, const ce_table_def *t, int64_t id)
{
	int rc = ce__idmap_put(&p->ids[t->index], id, 1);
	if (rc != CE_OK)
		rc = ce__fail(db, rc, "person: out of memory");
	for (int e = 1; rc == CE_OK && e <= CE_ENTITY_LAST; e++) {
		const ce_table_def *u = ce__entity_table((ce_entity)e);
		for (int c = 0; rc == CE_OK && c < u->ncolumns; c++)
			if (u->columns[c].type == CE_TYPE_REF && u->columns[c].ref == t->index)
				rc = add_where(db, p, u, c, id);
	}
	for (size_t d = 0; rc == CE_OK && d < CE_ARRAY_LEN(details); d++) {
		const ce_table_def *via = ce__entity_table(details[d].via);
		const ce_table_def *u = ce__entity_table(details[d].table);
		const ce_idmap *first = &p->ids[via->index];
		for (size_t k = 0; rc == CE_OK && k < first->cap; k++) {
			int64_t vid = first->keys[k];
			ce_value row[CE_MAX_COLUMNS];
			if (vid <= 0)
				continue;
			if (details[d].column) {
				rc = add_where(db, p, u, ce__column_by_name(u, details[d].column), vid);
			} else if ((rc = ce__store_fetch(db, via, vid, row)) == CE_OK) {
				const ce_value *v = &row[ce__column_by_name(via, details[d].via_column)];
				/* a detail the role may not see is left out; a failed read is not */
				int seen = v->null ? CE_ENOTFOUND : ce__exists(db, u->index, v->i);
				if (seen == CE_OK && ce__idmap_put(&p->ids[u->index], v->i, 1) != CE_OK)
					rc = ce__fail(db, CE_ENOMEM, "person: out of memory");
				else if (seen != CE_OK && seen != CE_ENOTFOUND)
					rc = seen;
			}
		}
	}
	return rc;
}

static int cmp_id(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return (x > y) - (x < y);
}

/* The person's records of one table, ascending; *out NULL when none. */
static int sorted(ce_db *db, const ce_idmap *m, int64_t **out, size_t *n)
{
	*n = 0;
	*out = m->n ? malloc(m->n * sizeof **out) : NULL;
	if (m->n && !*out)
		return ce__fail(db, CE_ENOMEM, "person: out of memory");
	for (size_t k = 0; k < m->cap; k++)
		if (m->keys[k] > 0)
			(*out)[(*n)++] = m->keys[k];
	if (*n)
		qsort(*out, *n, sizeof **out, cmp_id);
	return CE_OK;
}

static int write_document(io_export *ex, io_out *out, const person_ids *p, const ce_table_def *t,
                          const char *key)
{
	int rc = ce__io_out_puts(out, "{\n  \"format\": \"coopedu-person\",\n  \"version\": 1,\n"
	                              "  \"person\": {\"entity\": \"");
	if (rc == CE_OK)
		rc = ce__io_out_puts(out, t->name);
	if (rc == CE_OK)
		rc = ce__io_out_puts(out, "\", \"key\": ");
	if (rc == CE_OK && ce__io_json_string(out, key) != CE_OK)
		return out->failed ? ce__fail(ex->db, CE_ERROR, "person: the write function failed")
		                   : ce__fail(ex->db, CE_ENOMEM, "person: out of memory");
	if (rc == CE_OK)
		rc = ce__io_out_puts(out, "}");
	for (int e = 1; rc == CE_OK && e <= CE_ENTITY_LAST; e++) {
		const ce_table_def *u = ce__entity_table((ce_entity)e);
		int64_t *ids;
		size_t n;
		if ((rc = sorted(ex->db, &p->ids[e], &ids, &n)) != CE_OK || !n)
			continue;
		rc = ce__io_out_puts(out, ",\n  \"");
		if (rc == CE_OK)
			rc = ce__io_out_puts(out, u->name);
		if (rc == CE_OK)
			rc = ce__io_out_puts(out, "\": [");
		for (size_t k = 0; rc == CE_OK && k < n; k++) {
			rc = ce__io_out_puts(out, k ? ",\n    " : "\n    ");
			if (rc == CE_OK)
				rc = ce__io_json_record(ex, out, u, ids[k]);
		}
		if (rc == CE_OK)
			rc = ce__io_out_puts(out, "\n  ]");
		free(ids);
	}
	if (rc == CE_OK)
		rc = ce__io_out_puts(out, "\n}\n");
	if (rc == CE_OK)
		rc = ce__io_out_flush(out);
	if (rc == CE_ERROR && out->failed)
		rc = ce__fail(ex->db, CE_ERROR, "person: the write function failed");
	return rc;
}

ce_result ce_person_export(ce_db *db, ce_entity entity, const char *key, ce_write_fn write,
                           void *ctx)
{
	const ce_table_def *t;
	int key_col;
	int64_t id;
	int rc = person_arg(db, entity, key, "person export", &t, &key_col);
	if (rc != CE_OK)
		return rc;
	if (!write)
		return ce__fail(db, CE_EINVALID, "person export: NULL write function");
	io_export ex;
	person_ids *p = calloc(1, sizeof *p);
	io_out *out = malloc(sizeof *out);
	if (!p || !out) {
		free(p);
		free(out);
		return ce__fail(db, CE_ENOMEM, "person export: out of memory");
	}
	/* the export's view: what the handle's role may see */
	rc = ce__io_export_begin(&ex, db, NULL);
	if (rc == CE_OK)
		rc = find_person(db, t, key_col, key, &id);
	if (rc == CE_OK)
		rc = collect(db, p, t, id);
	if (rc == CE_OK) {
		ce__io_out_init(out, write, ctx);
		rc = write_document(&ex, out, p, t, key);
	}
	rc = ce__io_export_end(&ex, rc);
	for (int e = 0; e <= CE_ENTITY_LAST; e++)
		ce__idmap_free(&p->ids[e]);
	free(p);
	free(out);
	return rc;
}

ce_result ce_person_export_path(ce_db *db, ce_entity entity, const char *key, const char *path)
{
	io_file f;
	int rc = ce__io_open_out(db, path, &f);
	if (rc != CE_OK)
		return rc;
	rc = ce_person_export(db, entity, key, ce__io_write_file, &f);
	return ce__io_close_out(db, path, &f, rc);
}

/* The pseudonyms that replace a person's identifying fields. */
static int anonymised(ce_db *db, const ce_table_def *t, int64_t id, const ce_value *old,
                      ce_value *row, char (*buf)[64])
{
	static const struct {
		ce_entity e;
		const char *column, *format; /* NULL format: cleared */
	} fields[] = {
		{ CE_ENTITY_STUDENT, "number", "ANON-S%lld" },
		{ CE_ENTITY_STUDENT, "name", "匿名学生%lld" },
		{ CE_ENTITY_SUPERVISOR, "name", "匿名导师%lld" },
		{ CE_ENTITY_SUPERVISOR, "staff_number", "ANON-T%lld" },
		{ CE_ENTITY_SUPERVISOR, "title", NULL },
		{ CE_ENTITY_SUPERVISOR, "field", NULL },
	};
	memcpy(row, old, sizeof *row * (size_t)t->ncolumns);
	for (size_t f = 0; f < CE_ARRAY_LEN(fields); f++) {
		if ((int)fields[f].e != t->index)
			continue;
		int c = ce__column_by_name(t, fields[f].column);
		if (c < 0)
			return ce__fail(db, CE_ERROR, "person: %s has no column %s", t->name, fields[f].column);
		if (!fields[f].format || (old[c].null && !(t->columns[c].flags & CE_COL_REQUIRED))) {
			row[c] = (ce_value){ .null = 1 };
			continue;
		}
		snprintf(buf[c], 64, fields[f].format, (long long)id);
		row[c] = (ce_value){ .s = buf[c] };
	}
	return CE_OK;
}

ce_result ce_person_anonymise(ce_db *db, ce_entity entity, const char *key)
{
	const ce_table_def *t;
	int key_col;
	int64_t id;
	ce_value old[CE_MAX_COLUMNS], row[CE_MAX_COLUMNS];
	char buf[CE_MAX_COLUMNS][64];
	int rc = person_arg(db, entity, key, "anonymise", &t, &key_col);
	if (rc != CE_OK)
		return rc;
	ce_role role = ce_db_role(db);
	if (role != CE_ROLE_NONE && role != CE_ROLE_ADMIN && role != CE_ROLE_OFFICE)
		return ce__fail(db, CE_EDENIED, "anonymise: the %s role may not anonymise people",
		                ce_role_name(role));
	if ((rc = find_person(db, t, key_col, key, &id)) != CE_OK)
		return rc;
	/* one transaction of its own: the record, its past audit entries, and
	 * the entry recording the anonymisation, all or nothing */
	if (ce_db_in_transaction(db))
		return ce__fail(db, CE_EMISUSE, "anonymise: a transaction is open; anonymising runs in "
		                "its own, so commit or roll back first");
	if ((rc = ce_db_begin(db)) != CE_OK)
		return rc;
	if ((rc = ce__fetch_copy(db, t, id, old)) == CE_OK) {
		if ((rc = anonymised(db, t, id, old, row, buf)) == CE_OK) {
			ce__audit_as(db, CE_AUDIT_ANONYMISE);
			rc = ce__update(db, t, id, row);
			ce__audit_as(db, 0);
		}
		if (rc == CE_OK)
			rc = ce__audit_redact(db, t, id, old, row);
		ce__row_clear(t, old);
	}
	if (rc == CE_OK)
		return ce_db_commit(db);
	return ce__io_abandon(db, rc);
}
