/* Who may do what: the handle's role and actor, the sets of records the
 * actor reaches, and the checks every write and every caller-facing read
 * make against the policy the schema handed in. The rules themselves are
 * data the schema hands in with itself; nothing here knows an entity. */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

static const char *const role_names[] = {
	[CE_ROLE_NONE] = "none",         [CE_ROLE_ADMIN] = "admin",     [CE_ROLE_OFFICE] = "office",
	[CE_ROLE_ACADEMIC] = "academic", [CE_ROLE_MENTOR] = "mentor",   [CE_ROLE_STUDENT] = "student",
	[CE_ROLE_ANALYST] = "analyst",
};

const char *ce_role_name(ce_role role)
{
	return (int)role >= 0 && role <= CE_ROLE_LAST ? role_names[role] : NULL;
}

ce_result ce_role_by_name(ce_role *out, const char *name)
{
	for (int r = 0; out && name && r <= CE_ROLE_LAST; r++)
		if (strcmp(role_names[r], name) == 0) {
			*out = (ce_role)r;
			return CE_OK;
		}
	return ce__fail(NULL, CE_EINVALID, "role: '%.*s' is not one of none, admin, office, academic, "
	                "mentor, student, analyst", name ? ce__clip(name, 40) : 6, name ? name : "(null)");
}

ce_role ce_db_role(const ce_db *db)
{
	return db ? db->role : CE_ROLE_NONE;
}

const char *ce_db_actor(const ce_db *db)
{
	return db ? db->actor : NULL;
}

bool ce__idset_has(const ce_idset *s, int64_t id)
{
	size_t lo = 0, hi = s->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (s->v[mid] == id)
			return true;
		if (s->v[mid] < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return false;
}

static int idset_add(ce_db *db, ce_idset *s, int64_t id)
{
	if (s->n == s->cap) {
		size_t cap = s->cap ? s->cap * 2 : 16;
		int64_t *v = cap < SIZE_MAX / sizeof *v ? realloc(s->v, cap * sizeof *v) : NULL;
		if (!v)
			return ce__fail(db, CE_ENOMEM, "access: out of memory");
		s->v = v;
		s->cap = cap;
	}
	s->v[s->n++] = id;
	return CE_OK;
}

static int cmp_id(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return (x > y) - (x < y);
}

static void idset_seal(ce_idset *s)
{
	size_t k = 0;
	if (s->n)
		qsort(s->v, s->n, sizeof *s->v, cmp_id);
	for (size_t i = 0; i < s->n; i++)
		if (!k || s->v[k - 1] != s->v[i])
			s->v[k++] = s->v[i];
	s->n = k;
}

static void sets_free(ce_db *db)
{
	for (int k = 0; db->sets && k < db->policy->nsets; k++)
		free(db->sets[k].v);
	free(db->sets);
	db->sets = NULL;
	db->sets_call = 0;
}

/* Whether a role is checked at all. */
static bool restricted(const ce_db *db)
{
	return db->role != CE_ROLE_NONE && db->rules;
}

/* Adds the picked value (or id) of one row to set `into`. */
static int pick_into(ce_db *db, ce_idset *into, int pick, int64_t id, const ce_value *row)
{
	if (pick < 0)
		return idset_add(db, into, id);
	return row[pick].null ? CE_OK : idset_add(db, into, row[pick].i);
}

/* Adds to set `src->set` what one source yields, reading the whole store
 * (the engine's view, never the caller's): a fetch per id when `where` is
 * the id, an indexed equality scan per id of a small set, one scan of the
 * table otherwise. */
static int add_source(ce_db *db, const ce_set_source *src)
{
	const ce_table_def *t = ce__store_table(db, src->table);
	bool by_id = !src->where || strcmp(src->where, "id") == 0;
	int pick = src->pick ? ce__column_by_name(t, src->pick) : -1;
	int where = by_id ? -1 : ce__column_by_name(t, src->where);
	ce_idset *from = &db->sets[src->from], *into = &db->sets[src->set];
	ce_value fetched[CE_MAX_COLUMNS];
	const ce_value *row;
	ce_scan scan;
	int64_t id;
	int rc = CE_OK, saved = db->view;
	if ((src->pick && pick < 0) || (!by_id && where < 0))
		return ce__fail(db, CE_ERROR, "access: %s has no column %s", t->name,
		                src->pick && pick < 0 ? src->pick : src->where);
	db->view = 0;
	for (size_t k = 0; by_id && rc == CE_OK && k < from->n; k++) {
		int got = db->backend->fetch(db->conn, t, from->v[k], fetched);
		if (got == CE_OK)
			rc = pick_into(db, into, pick, from->v[k], fetched);
		else if (got != CE_ENOTFOUND)
			rc = ce__backend_fail(db, got, t->name);
	}
	bool per_id = from->n <= 32;
	for (size_t k = 0; !by_id && rc == CE_OK && k < (per_id ? from->n : 1); k++) {
		ce_condition cond = { .op = CE_COND_EQ, .column = where, .low = { .i = from->v[k] } };
		ce_query q = { per_id ? 1u : 0u, &cond };
		rc = ce__scan_open(&scan, db, t, &q);
		while (rc == CE_OK && (rc = ce__scan_next(&scan, &id, &row)) == CE_OK)
			if (!row[where].null && (per_id || ce__idset_has(from, row[where].i)))
				rc = pick_into(db, into, pick, id, row);
		ce__scan_close(&scan);
		if (rc == CE_ITEROVER)
			rc = CE_OK;
	}
	db->view = saved;
	return rc;
}

/* The actor's sets, computed once per public call. */
static int sets_current(ce_db *db)
{
	if (db->sets_call == db->call && db->sets)
		return CE_OK;
	const ce_set_source *src = db->policy->sets(db->role);
	if (!db->sets && !(db->sets = calloc((size_t)db->policy->nsets, sizeof *db->sets)))
		return ce__fail(db, CE_ENOMEM, "access: out of memory");
	for (int k = 0; k < db->policy->nsets; k++)
		db->sets[k].n = 0;
	int rc = db->actor_id ? idset_add(db, &db->sets[CE_SET_ME], db->actor_id) : CE_OK;
	for (; rc == CE_OK && src && src->table; src++) {
		rc = add_source(db, src);
		idset_seal(&db->sets[src->set]);
	}
	if (rc != CE_OK) {
		sets_free(db);
		return rc;
	}
	db->sets_call = db->call;
	return CE_OK;
}

int ce__access_open(ce_db *db, const ce_policy *policy, ce_role role, const char *actor)
{
	db->policy = policy;
	db->role = role;
	if (role == CE_ROLE_NONE)
		return CE_OK;
	if ((int)role < 0 || role > CE_ROLE_LAST)
		return ce__fail(NULL, CE_EINVALID, "open_options.role: %d is not a role", (int)role);
	if (!actor || !*actor || !ce__utf8_valid(actor))
		return ce__fail(NULL, CE_EINVALID, "open_options.actor: a %s handle needs the actor's name "
		                "or number", ce_role_name(role));
	if (!policy)
		return ce__fail(NULL, CE_ENOTSUPPORTED, "open: this schema has no access rules");
	if (!(db->actor = strdup(actor)))
		return ce__fail(NULL, CE_ENOMEM, "open: out of memory");
	int rc = policy->bind(db, role, actor, &db->actor_id);
	if (rc != CE_OK)
		return ce__fail(NULL, rc, "%s", db->errmsg); /* the thread's error too */
	const ce_access_rule *rules = policy->rules(role);
	if (!rules)
		return CE_OK; /* a role that may do everything: like trusted, but named */
	if (!(db->rules = calloc((size_t)db->schema->ntables, sizeof *db->rules)))
		return ce__fail(NULL, CE_ENOMEM, "open: out of memory");
	for (const ce_access_rule *r = rules; r->table; r++)
		if (r->table > 0 && r->table < db->schema->ntables)
			db->rules[r->table] = r;
	return CE_OK;
}

void ce__access_close(ce_db *db)
{
	if (db->policy)
		sets_free(db);
	free(db->rules);
	free(db->actor);
}

static const char *const op_names[CE_ACCESS_NOPS] = { "read", "create", "update", "delete",
	                                                    "move" };

static char grant_of(const ce_db *db, const ce_table_def *t, int op)
{
	const ce_access_rule *r = db->rules[t->index];
	return r && r->grant && (int)strlen(r->grant) > op ? r->grant[op] : '-';
}

/* Whether the row is in the scope of rule r (any term holds), with the
 * sets as they are. */
static int scope_holds(ce_db *db, const ce_table_def *t, const ce_access_rule *r, int64_t id,
                       const ce_value *row, bool *yes)
{
	int rc = CE_OK;
	*yes = false;
	for (const ce_scope_term *term = r->terms; rc == CE_OK && term && term->set >= 0 && !*yes;
	     term++) {
		int64_t v = id;
		if (term->column) {
			int c = ce__column_by_name(t, term->column);
			if (c < 0)
				return ce__fail(db, CE_ERROR, "access: %s has no column %s", t->name, term->column);
			if (row[c].null)
				continue;
			v = row[c].i;
		}
		*yes = v > 0 && ce__idset_has(&db->sets[term->set], v);
	}
	return rc;
}

/* The same, with the sets brought up to date first (writes hold copies of
 * their rows, so reading the store here is safe). */
static int in_scope(ce_db *db, const ce_table_def *t, const ce_access_rule *r, int64_t id,
                    const ce_value *row, bool *yes)
{
	int rc = sets_current(db);
	return rc == CE_OK ? scope_holds(db, t, r, id, row, yes) : rc;
}

int ce__access_check(ce_db *db, const ce_table_def *t, int op, int64_t id, const ce_value *row)
{
	bool yes;
	if (!restricted(db))
		return CE_OK;
	/* a record the role cannot even read is not there, to it */
	if (op != CE_ACCESS_CREATE && id > 0) {
		char r = grant_of(db, t, CE_ACCESS_READ);
		int rc = r == 's' ? in_scope(db, t, db->rules[t->index], id, row, &yes) : CE_OK;
		if (rc != CE_OK)
			return rc;
		if (r == '-' || (r == 's' && !yes))
			return ce__fail(db, CE_ENOTFOUND, "%s: no record with id %lld", t->name, (long long)id);
	}
	char g = grant_of(db, t, op);
	if (g == 'a')
		return CE_OK;
	if (g == '-')
		return ce__fail(db, CE_EDENIED, "%s: the %s role may not %s %s records", t->name,
		                ce_role_name(db->role), op_names[op], t->name);
	int rc = in_scope(db, t, db->rules[t->index], id, row, &yes);
	if (rc == CE_OK && !yes)
		rc = ce__fail(db, CE_EDENIED, "%s: %s %s may not %s this record (outside their scope)",
		              t->name, ce_role_name(db->role), db->actor, op_names[op]);
	return rc;
}

int ce__access_visible(ce_db *db, const ce_table_def *t, int64_t id, ce_value *row,
                       char (*buf)[CE_PSEUDONYM_BUF])
{
	bool yes = true;
	int rc = CE_OK;
	/* callers ask only for a caller-facing read: a filtered scan is stepped
	 * after the call that opened it has ended, so db->view says nothing */
	if (db->role == CE_ROLE_NONE)
		return CE_OK;
	/* a lifecycle history is read through its visible record */
	if (restricted(db) && (t->index <= CE_ENTITY_LAST || db->rules[t->index])) {
		char g = grant_of(db, t, CE_ACCESS_READ);
		if (g == '-')
			yes = false;
		else if (g == 's' && !db->sets) /* never: ce__view_begin() computed them */
			rc = ce__fail(db, CE_ERROR, "access: read outside a view");
		else if (g == 's')
			rc = scope_holds(db, t, db->rules[t->index], id, row, &yes);
	}
	if (rc != CE_OK)
		return rc;
	if (!yes)
		return CE_ENOTFOUND;
	if (db->role == CE_ROLE_ANALYST && db->policy->pseudonymise)
		db->policy->pseudonymise(t, id, row, buf);
	return CE_OK;
}

int ce__view_begin(ce_db *db)
{
	/* The actor's sets first: computing them reads the store, which must
	 * not happen between a backend's read and the use of its row. */
	int rc = restricted(db) ? sets_current(db) : CE_OK;
	if (rc == CE_OK)
		db->view++;
	return rc;
}

void ce__view_end(ce_db *db)
{
	if (db->view > 0)
		db->view--;
}

bool ce__view_filtered(const ce_db *db)
{
	return db->view > 0 && restricted(db); /* an analyst's rules restrict it too */
}
