/* The import engine both front ends feed: one transaction, references
 * resolved by natural key or input id, duplicates refused, each record
 * inserted at the first state of its histories and moved along the rest,
 * and every failure located as "input: record.field: message". */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "io_internal.h"

int ce__io_import_begin(io_import *im, ce_db *db, const ce_io_options *opts, bool csv)
{
	memset(im, 0, sizeof *im);
	im->db = db;
	im->csv = csv;
	im->defer_now.column = -1;
	if (!db)
		return ce__fail(NULL, CE_EINVALID, "import: NULL db");
	ce__clear(db);
	int rc = ce__io_options(db, opts, &im->opts);
	im->source = im->opts.source_name;
	im->update = im->opts.flags & CE_IO_UPDATE;
	if (rc != CE_OK)
		return rc;
	if (ce_db_in_transaction(db))
		return ce__fail(db, CE_EMISUSE,
		                "import: a transaction is open; an import runs in its own, so commit or "
		                "roll back first");
	if ((rc = ce_db_begin(db)) != CE_OK)
		return rc;
	im->began = true;
	ce__audit_as(db, CE_AUDIT_IMPORT); /* the audit trail says these came by import */
	for (int e = 1; rc == CE_OK && e <= CE_ENTITY_LAST; e++) {
		int64_t n = 0;
		rc = ce_record_count(&n, db, (ce_entity)e, NULL);
		im->had_records[e] = n > 0;
	}
	if (rc != CE_OK) {
		im->began = false;
		return ce__io_abandon(db, rc);
	}
	return CE_OK;
}

int ce__io_abandon(ce_db *db, int rc)
{
	/* Rolling back clears the handle's message: keep the failure's. */
	char msg[512];
	snprintf(msg, sizeof msg, "%s", *ce_db_errmsg(db) ? ce_db_errmsg(db) : ce_last_errmsg());
	if (ce_db_rollback(db) != CE_OK)
		return ce__fail(db, rc, "%s (and rolling back failed: %s)", msg, ce_db_errmsg(db));
	return ce__fail(db, rc, "%s", msg);
}

static int find_text(ce_db *db, const ce_table_def *t, int c, const char *key, int64_t *out);

/* Sets the deferred self-references, now that every record is in; the
 * update runs the table's rules (a parent must not close a cycle). */
static int apply_defers(io_import *im)
{
	int rc = CE_OK;
	for (size_t i = 0; rc == CE_OK && i < im->ndefers; i++) {
		const struct io_defer *d = &im->defers[i];
		const ce_column_def *col = &d->t->columns[d->column];
		int64_t target = 0;
		snprintf(im->where, sizeof im->where, "%s %lld", d->t->name, (long long)d->id);
		if (d->key) {
			int kc = ce__io_key_column(d->t);
			rc = find_text(im->db, d->t, kc, d->key, &target);
			if (rc == CE_ENOTFOUND)
				rc = ce__io_fail(im, CE_ECONSTRAINT, col->name, "no %s with %s '%.*s'", d->t->name,
				                 d->t->columns[kc].name, ce__clip(d->key, 80), d->key);
		} else if (!ce__io_runmap_get(&im->docids[d->t->index], d->doc_id, &target)) {
			rc = ce__io_fail(im, CE_ECONSTRAINT, col->name, "no %s with id %lld in this input",
			                 d->t->name, (long long)d->doc_id);
		}
		ce_value row[CE_MAX_COLUMNS];
		if (rc == CE_OK && (rc = ce__fetch_copy(im->db, d->t, d->id, row)) == CE_OK) {
			row[d->column] = (ce_value){ .i = target };
			rc = ce__update(im->db, d->t, d->id, row);
			ce__row_clear(d->t, row);
			if (rc != CE_OK)
				rc = ce__io_fail_lib(im, rc, col->name);
		}
	}
	return rc;
}

static void free_defers(io_import *im)
{
	for (size_t i = 0; i < im->ndefers; i++)
		free(im->defers[i].key);
	free(im->defers);
	free(im->defer_now.key);
	im->defers = NULL;
	im->defer_now.key = NULL;
	im->ndefers = im->capdefers = 0;
}

int ce__io_import_end(io_import *im, int rc)
{
	ce_db *db = im->db;
	if (rc == CE_OK && im->began)
		rc = apply_defers(im);
	free_defers(im);
	free(im->keys);
	im->keys = NULL;
	if (im->began) {
		im->began = false;
		ce__audit_as(db, 0);
		if (rc == CE_OK) {
			rc = ce_db_commit(db);
		} else {
			rc = ce__io_abandon(db, rc);
		}
	}
	if (im->opts.counts)
		*im->opts.counts = rc == CE_OK ? im->counts : (ce_io_counts){ 0, 0, 0 };
	for (int e = 0; e <= CE_ENTITY_LAST; e++) {
		ce__io_runmap_free(&im->docids[e]);
		ce__io_runmap_free(&im->fresh[e]);
		ce__io_runmap_free(&im->matched[e]);
		ce__io_runmap_free(&im->ordinals[e]);
	}
	return rc;
}

/* ---- messages ------------------------------------------------------------ */

static void locate(const io_import *im, const char *field, char *buf, size_t size)
{
	if (im->csv)
		snprintf(buf, size, "%s:%s: %s%s", im->source, im->where, field ? field : "",
		         field ? ": " : "");
	else
		snprintf(buf, size, "%s: %s%s%s: ", im->source, im->where, field ? "." : "",
		         field ? field : "");
}

int ce__io_fail(io_import *im, int code, const char *field, const char *fmt, ...)
{
	char where[256], msg[400];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	locate(im, field, where, sizeof where);
	return ce__fail(im->db, code, "%s%s", where, msg);
}

int ce__io_fail_lib(io_import *im, int code, const char *field)
{
	char msg[512];
	const char *m = *ce_db_errmsg(im->db) ? ce_db_errmsg(im->db) : ce_last_errmsg();
	snprintf(msg, sizeof msg, "%s", *m ? m : ce_strerror(code));
	return ce__io_fail(im, code, field, "%s", msg);
}

/* Where record pos was, for "first at ..." in duplicate messages. */
static void describe_pos(const io_import *im, const ce_table_def *t, int64_t pos, char *buf,
                         size_t size)
{
	if (im->csv)
		snprintf(buf, size, "line %lld", (long long)pos);
	else
		snprintf(buf, size, "%s[%lld]", t->name, (long long)pos);
}

/* ---- values ------------------------------------------------------------------ */

int ce__io_token(io_import *im, const ce_table_def *t, int c, const char *field, const char *tok,
             int *out)
{
	const ce_column_def *col = &t->columns[c];
	int first = col->type == CE_TYPE_FLAGS ? 0 : 1;
	char list[300] = "";
	for (int i = first; i < col->ntokens; i++)
		if (col->tokens[i] && strcmp(col->tokens[i], tok) == 0) {
			*out = i;
			return CE_OK;
		}
	for (int i = first; i < col->ntokens; i++) {
		strncat(list, i > first ? ", " : "", sizeof list - strlen(list) - 1);
		strncat(list, col->tokens[i], sizeof list - strlen(list) - 1);
	}
	return ce__io_fail(im, CE_EINVALID, field, "'%.*s' is not one of: %s", ce__clip(tok, 60), tok, list);
}

int ce__io_date(io_import *im, const char *field, const char *text, ce_date *out)
{
	if (strlen(text) == 10 && ce_date_parse(out, text) == CE_OK)
		return CE_OK;
	return ce__io_fail(im, CE_EINVALID, field, "'%.*s' is not a date (YYYY-MM-DD)", ce__clip(text, 40),
	               text);
}

/* ---- references ------------------------------------------------------------------ */

/* A key is looked up in the normal form it is stored in. */
static int find_text(ce_db *db, const ce_table_def *t, int c, const char *key, int64_t *out)
{
	char *norm = NULL;
	if (ce__text_normalised_column(&t->columns[c]) && ce__text_normalise(key, &norm) != CE_OK)
		return ce__fail(db, CE_ENOMEM, "%s: out of memory", t->name);
	ce_condition cond = { .op = CE_COND_EQ, .column = c, .low = { .s = norm ? norm : key } };
	ce_query q = { 1, &cond };
	int rc = ce__store_find(out, db, t, &q);
	free(norm);
	return rc;
}

/* References by natural key found in the store, kept for the next
 * record naming the same parent (every session names its supervisor,
 * every attendee its student): inside the import's transaction nothing
 * but the import writes, and a plain import changes no key, so a key
 * found stays that record's. Not in an update import, which may change a
 * key. Direct-mapped and bounded (the import's memory must not grow with
 * the input); a collision just evicts, and a missed key is asked again. */
#define IO_KEYSEEN_BITS 12
#define IO_KEYSEEN_MAX 48
struct io_keyseen {
	int table; /* 0: empty */
	int64_t id;
	char key[IO_KEYSEEN_MAX];
};

static struct io_keyseen *keyseen(io_import *im, const ce_table_def *t, const char *key)
{
	size_t n = strlen(key);
	if (im->update || n >= IO_KEYSEEN_MAX)
		return NULL;
	if (!im->keys && !(im->keys = calloc((size_t)1 << IO_KEYSEEN_BITS, sizeof *im->keys)))
		return NULL; /* no memory to remember: the store is asked */
	uint64_t h = UINT64_C(0xCBF29CE484222325) ^ (uint64_t)t->index; /* FNV-1a */
	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)key[i]) * UINT64_C(0x100000001B3);
	return &im->keys[h >> (64 - IO_KEYSEEN_BITS)];
}

int ce__io_resolve_key(io_import *im, const ce_table_def *t, int c, const char *key, int64_t *out)
{
	const ce_column_def *col = &t->columns[c];
	const ce_table_def *target = ce__table(col->ref);
	int kc = ce__io_key_column(target);
	int rc;
	if (kc < 0)
		return ce__io_fail(im, CE_EINVALID, col->name,
		               "'%.*s' is not an id (a %s has no natural key: refer to it by id)",
		               ce__clip(key, 60), key, target->name);
	struct io_keyseen *ks = keyseen(im, target, key);
	if (ks && ks->table == target->index && strcmp(ks->key, key) == 0) {
		*out = ks->id;
		return CE_OK;
	}
	rc = find_text(im->db, target, kc, key, out);
	if (rc == CE_OK && ks) {
		ks->table = target->index;
		ks->id = *out;
		strcpy(ks->key, key); /* shorter than IO_KEYSEEN_MAX: keyseen() checked */
	}
	if (rc == CE_ENOTFOUND && target == t && im->defer_now.column < 0) {
		/* its own table: perhaps a record further on (set at the end) */
		if (!(im->defer_now.key = strdup(key)))
			return ce__fail(im->db, CE_ENOMEM, "import: out of memory");
		im->defer_now.column = c;
		*out = 0;
		return CE_OK;
	}
	if (rc == CE_ENOTFOUND)
		return ce__io_fail(im, CE_ECONSTRAINT, col->name, "no %s with %s '%.*s'", target->name,
		               target->columns[kc].name, ce__clip(key, 80), key);
	return rc == CE_OK ? rc : ce__io_fail_lib(im, rc, col->name);
}

int ce__io_resolve_id(io_import *im, const ce_table_def *t, int c, int64_t id, int64_t *out)
{
	const ce_column_def *col = &t->columns[c];
	const ce_table_def *target = ce__table(col->ref);
	if (id <= 0)
		return ce__io_fail(im, CE_EINVALID, col->name, "%lld is not an id", (long long)id);
	if (im->carries[target->index]) {
		if (ce__io_runmap_get(&im->docids[target->index], id, out))
			return CE_OK;
		if (target == t && im->defer_now.column < 0) { /* see ce__io_resolve_key() */
			im->defer_now.column = c;
			im->defer_now.doc_id = id;
			*out = 0;
			return CE_OK;
		}
		return ce__io_fail(im, CE_ECONSTRAINT, col->name, "no %s with id %lld in this input",
		               target->name, (long long)id);
	}
	int rc = ce__exists(im->db, target->index, id);
	if (rc == CE_ENOTFOUND)
		return ce__io_fail(im, CE_ECONSTRAINT, col->name, "no %s with id %lld in the store",
		               target->name, (long long)id);
	if (rc != CE_OK)
		return ce__io_fail_lib(im, rc, col->name);
	*out = id;
	return CE_OK;
}

/* ---- duplicates ------------------------------------------------------------------- */

static bool numeric(ce_column_type type)
{
	return type == CE_TYPE_INT || type == CE_TYPE_REAL || type == CE_TYPE_MONEY ||
	       type == CE_TYPE_BOOL || type == CE_TYPE_FLAGS;
}

/* A record of t equal to row in every column but lifecycle ones, that was
 * in the store before this import; 0 if none. */
static int find_same(io_import *im, const ce_table_def *t, const ce_value *row, int64_t *out)
{
	ce_condition conds[CE_MAX_COLUMNS];
	unsigned int n = 0;
	ce_scan scan;
	const ce_value *found;
	int64_t id;
	ce_db *db = im->db;
	*out = 0;
	for (int c = 0; c < t->ncolumns; c++) {
		if (ce__io_lifecycle(t, c) || ce__io_is_lifecycle_date(t, c))
			continue;
		ce_condition *k = &conds[n++];
		*k = (ce_condition){ .op = CE_COND_EQ, .column = c, .low = row[c] };
		if (row[c].null && numeric(t->columns[c].type))
			k->low = (ce_value){ 0 };
		else if (row[c].null)
			k->op = CE_COND_NULL;
	}
	/* identifiers as they would be stored */
	char *owned[CE_MAX_COLUMNS] = { NULL };
	int rc = CE_OK;
	for (unsigned i = 0; i < n && rc == CE_OK; i++)
		if (ce__cond_normalise(t, &conds[i], &owned[i]) != CE_OK)
			rc = ce__fail(db, CE_ENOMEM, "%s: out of memory", t->name);
	ce_query q = { n, conds };
	if (rc == CE_OK && (rc = ce__scan_open(&scan, db, t, &q)) == CE_OK) {
		while ((rc = ce__scan_next(&scan, &id, &found)) == CE_OK)
			if (!ce__io_runmap_get(&im->fresh[t->index], id, NULL) &&
			    !ce__io_runmap_get(&im->matched[t->index], id, NULL)) {
				*out = id;
				break;
			}
		ce__scan_close(&scan);
	}
	for (unsigned i = 0; i < n; i++)
		free(owned[i]);
	return rc == CE_OK || rc == CE_ITEROVER ? CE_OK : rc;
}

/* Whether this import already wrote (created or matched) record id of t;
 * *pos is where that record was in the input. */
static bool seen(const io_import *im, const ce_table_def *t, int64_t id, int64_t *pos)
{
	return ce__io_runmap_get(&im->fresh[t->index], id, pos) ||
	       ce__io_runmap_get(&im->matched[t->index], id, pos);
}

static int twice(io_import *im, const ce_table_def *t, int kc, const char *key, int64_t pos)
{
	char first[96];
	describe_pos(im, t, pos, first, sizeof first);
	return ce__io_fail(im, CE_EEXISTS, t->columns[kc].name,
	                   "'%.*s' appears twice in this input (first at %s)", ce__clip(key, 80), key, first);
}

static int check_duplicate(io_import *im, const ce_table_def *t, const ce_value *row)
{
	int kc = ce__io_key_column(t);
	int64_t id, pos;
	int rc;
	if (kc >= 0 && !row[kc].null) {
		const char *key = row[kc].s, *name = t->columns[kc].name;
		if ((rc = find_text(im->db, t, kc, key, &id)) == CE_OK)
			return seen(im, t, id, &pos)
			           ? twice(im, t, kc, key, pos)
			           : ce__io_fail(im, CE_EEXISTS, name,
			                         "%s '%.*s' is already in the store (id %lld); an import never "
			                         "duplicates a record (an update import updates it)",
			                         t->name, ce__clip(key, 80), key, (long long)id);
		return rc == CE_ENOTFOUND ? CE_OK : ce__io_fail_lib(im, rc, name);
	}
	if (!im->had_records[t->index])
		return CE_OK;
	if ((rc = find_same(im, t, row, &id)) != CE_OK)
		return ce__io_fail_lib(im, rc, NULL);
	if (id)
		return ce__io_fail(im, CE_EEXISTS, NULL,
		               "an identical %s is already in the store (id %lld); an import never "
		               "duplicates a record",
		               t->name, (long long)id);
	return CE_OK;
}

/* ---- update mode -------------------------------------------------------------------- */

/* The exported numbering of t's records that were in the store before the
 * import: the N-th in id order is N. */
static int load_ordinals(io_import *im, const ce_table_def *t)
{
	ce_scan scan;
	const ce_value *row;
	int64_t id, n = 0;
	int rc = ce__scan_open(&scan, im->db, t, &(ce_query){ 0, NULL });
	while (rc == CE_OK && (rc = ce__scan_next(&scan, &id, &row)) == CE_OK)
		if (!ce__io_runmap_get(&im->fresh[t->index], id, NULL) &&
		    (rc = ce__io_runmap_put(&im->ordinals[t->index], ++n, id)) != CE_OK)
			break;
	ce__scan_close(&scan);
	im->have_ordinals[t->index] = true;
	return rc == CE_ITEROVER ? CE_OK : rc;
}

/* The column of t that says whose a record is (CE_COL_OWNER), or -1. */
static int owner_column(const ce_table_def *t)
{
	for (int c = 0; c < t->ncolumns; c++)
		if (t->columns[c].flags & CE_COL_OWNER)
			return c;
	return -1;
}

/* The store record rec names: by natural key, else (no key: the entity
 * has none, or an optional one is unset) by exported id, else by being
 * identical to one; 0 if none. */
static int match(io_import *im, const io_rec *rec, int64_t *out)
{
	const ce_table_def *t = rec->t;
	int kc = ce__io_key_column(t), oc = owner_column(t);
	int64_t id = 0, pos;
	int rc;
	*out = 0;
	if (kc >= 0 && !rec->row[kc].null) {
		rc = find_text(im->db, t, kc, rec->row[kc].s, &id);
		if (rc == CE_ENOTFOUND)
			return CE_OK;
		if (rc != CE_OK)
			return ce__io_fail_lib(im, rc, t->columns[kc].name);
		if (seen(im, t, id, &pos))
			return twice(im, t, kc, rec->row[kc].s, pos);
		*out = id;
		return CE_OK;
	}
	if (rec->doc_id) {
		if (!im->have_ordinals[t->index] && (rc = load_ordinals(im, t)) != CE_OK)
			return rc == CE_ENOMEM ? ce__io_fail(im, rc, NULL, "out of memory")
			                       : ce__io_fail_lib(im, rc, NULL);
		if (!ce__io_runmap_get(&im->ordinals[t->index], rec->doc_id, &id))
			return CE_OK; /* beyond the store's records: a new one */
		if (oc >= 0 && rec->given[oc] && !rec->row[oc].null) {
			ce_value old[CE_MAX_COLUMNS];
			if ((rc = ce__fetch_copy(im->db, t, id, old)) != CE_OK)
				return ce__io_fail_lib(im, rc, NULL);
			bool other = old[oc].null || old[oc].i != rec->row[oc].i;
			ce__row_clear(t, old);
			if (other)
				return ce__io_fail(im, CE_ECONSTRAINT, "id",
				                   "%lld is %s %lld, which belongs to another %s: the store has "
				                   "changed since the export, so ids no longer name the same "
				                   "records (export again and edit that)",
				                   (long long)rec->doc_id, t->name, (long long)id,
				                   ce__table(t->columns[oc].ref)->name);
		}
		*out = id;
		return CE_OK;
	}
	if (!im->had_records[t->index])
		return CE_OK;
	if ((rc = find_same(im, t, rec->row, &id)) != CE_OK)
		return ce__io_fail_lib(im, rc, NULL);
	*out = id;
	return CE_OK;
}

static bool same_value(ce_column_type type, const ce_value *a, const ce_value *b)
{
	if (a->null || b->null)
		return a->null && b->null;
	if (type == CE_TYPE_TEXT)
		return strcmp(a->s, b->s) == 0;
	if (type == CE_TYPE_REAL)
		return a->r == b->r;
	return a->i == b->i;
}

/* Moves lifecycle lc of record id from state cur to where rec says: along
 * the history's entries after cur, or in one move. The core refuses a
 * move its lifecycle does not allow. */
static int move_lifecycle(io_import *im, const io_rec *rec, const ce_lifecycle_def *lc, int64_t id,
                          int cur, bool *moved)
{
	const ce_table_def *t = rec->t;
	int c = lc->column, dc = lc->date_column, target;
	const io_step *h = rec->hist[c];
	size_t n = rec->nhist[c], from = 0;
	ce_date on;
	char field[96];
	if (n) {
		target = h[n - 1].state;
		on = h[n - 1].on;
		for (size_t k = n; k-- > 0;)
			if (h[k].state == cur) {
				from = k + 1;
				break;
			}
		if (!from) /* the stored state is not in the history: straight to its end */
			from = n - 1;
	} else {
		if (!rec->given[c] || rec->row[c].null)
			return CE_OK;
		target = (int)rec->row[c].i;
		if (target != cur && (!rec->given[dc] || rec->row[dc].null))
			return ce__io_fail(im, CE_EINVALID, t->columns[dc].name,
			                   "needed to move %s from '%s' to '%s' (the date of the move)",
			                   t->columns[c].name, t->columns[c].tokens[cur], t->columns[c].tokens[target]);
		on = (ce_date)rec->row[dc].i;
		h = NULL;
	}
	if (target == cur)
		return CE_OK;
	for (size_t k = from; k < (h ? n : from + 1); k++) {
		int state = h ? h[k].state : target;
		ce_date day = h ? h[k].on : on;
		int rc = ce_record_transition(im->db, (ce_entity)t->index, id, t->columns[c].name, state, day);
		if (rc != CE_OK) {
			if (h)
				snprintf(field, sizeof field, "%s_history[%zu]", t->columns[c].name, k);
			else
				snprintf(field, sizeof field, "%s", t->columns[c].name);
			return ce__io_fail_lib(im, rc, field);
		}
	}
	*moved = true;
	return CE_OK;
}

/* Gives record id the fields rec has, then moves its lifecycles. */
static int apply_update(io_import *im, const io_rec *rec, int64_t id, bool *changed)
{
	const ce_table_def *t = rec->t;
	ce_value old[CE_MAX_COLUMNS], row[CE_MAX_COLUMNS];
	int rc = ce__fetch_copy(im->db, t, id, old);
	*changed = false;
	if (rc != CE_OK)
		return ce__io_fail_lib(im, rc, NULL);
	memcpy(row, old, sizeof row);
	for (int c = 0; c < t->ncolumns; c++) {
		if (!rec->given[c] || ce__io_lifecycle(t, c) || ce__io_is_lifecycle_date(t, c))
			continue;
		row[c] = rec->row[c];
		*changed |= !same_value(t->columns[c].type, &row[c], &old[c]);
	}
	if (*changed && (rc = ce__update(im->db, t, id, row)) != CE_OK)
		rc = ce__io_fail_lib(im, rc, NULL);
	for (int i = 0; rc == CE_OK && t->rules && i < t->rules->nlifecycles; i++) {
		const ce_lifecycle_def *lc = &t->rules->lifecycles[i];
		rc = move_lifecycle(im, rec, lc, id, (int)old[lc->column].i, changed);
	}
	ce__row_clear(t, old);
	return rc;
}

/* ---- records ------------------------------------------------------------------------ */

void ce__io_rec_clear(io_rec *rec)
{
	for (int c = 0; c < CE_MAX_COLUMNS; c++) {
		free(rec->hist[c]);
		rec->hist[c] = NULL;
		rec->nhist[c] = 0;
	}
}

/* Sets row's lifecycle columns to where the histories start (checked by
 * check_histories). */
static void start_histories(const io_rec *rec, ce_value *row)
{
	const ce_table_def *t = rec->t;
	for (int c = 0; c < t->ncolumns; c++) {
		const ce_lifecycle_def *lc = ce__io_lifecycle(t, c);
		if (!lc || !rec->nhist[c])
			continue;
		row[c] = (ce_value){ .i = rec->hist[c][0].state };
		row[lc->date_column] = (ce_value){ .i = rec->hist[c][0].on };
	}
}

static int replay_histories(io_import *im, const io_rec *rec, int64_t id)
{
	const ce_table_def *t = rec->t;
	char field[96];
	for (int c = 0; c < t->ncolumns; c++)
		for (size_t k = 1; k < rec->nhist[c]; k++) {
			int rc = ce_record_transition(im->db, (ce_entity)t->index, id, t->columns[c].name,
			                              rec->hist[c][k].state, rec->hist[c][k].on);
			if (rc != CE_OK) {
				snprintf(field, sizeof field, "%s_history[%zu]", t->columns[c].name, k);
				return ce__io_fail_lib(im, rc, field);
			}
		}
	return CE_OK;
}

static int remember(io_import *im, const io_rec *rec, int64_t id, bool created)
{
	int e = rec->t->index;
	int rc = ce__io_runmap_put(created ? &im->fresh[e] : &im->matched[e], id, im->pos);
	if (rc == CE_OK && rec->doc_id)
		rc = ce__io_runmap_put(&im->docids[e], rec->doc_id, id);
	return rc == CE_OK ? rc : ce__io_fail(im, CE_ENOMEM, NULL, "out of memory");
}

/* Checks each history is in date order and ends where the record's state
 * and date columns say (when given). */
static int check_histories(io_import *im, const io_rec *rec)
{
	const ce_table_def *t = rec->t;
	const ce_value *row = rec->row;
	char field[80];
	for (int c = 0; c < t->ncolumns; c++) {
		const ce_lifecycle_def *lc = ce__io_lifecycle(t, c);
		if (!lc || !rec->nhist[c])
			continue;
		const io_step *last = &rec->hist[c][rec->nhist[c] - 1];
		const ce_column_def *col = &t->columns[c];
		snprintf(field, sizeof field, "%s_history", col->name);
		for (size_t k = 1; k < rec->nhist[c]; k++)
			if (rec->hist[c][k].on < rec->hist[c][k - 1].on)
				return ce__io_fail(im, CE_ETRANSITION, field, "entry %zu goes back in time", k);
		if (!row[c].null && row[c].i != last->state)
			return ce__io_fail(im, CE_EINVALID, col->name,
			               "'%s' is not where %s ends ('%s')", col->tokens[row[c].i], field,
			               col->tokens[last->state]);
		if (!row[lc->date_column].null && row[lc->date_column].i != last->on) {
			char a[16], b[16];
			ce_date_format(a, sizeof a, (ce_date)row[lc->date_column].i);
			ce_date_format(b, sizeof b, last->on);
			return ce__io_fail(im, CE_EINVALID, t->columns[lc->date_column].name,
			               "%s is not the date %s ends on (%s)", a, field, b);
		}
	}
	return CE_OK;
}

static int insert_record(io_import *im, io_rec *rec, int64_t *id)
{
	ce_value row[CE_MAX_COLUMNS];
	int rc = CE_OK;
	memcpy(row, rec->row, sizeof row);
	if (!im->update)
		rc = check_duplicate(im, rec->t, rec->row);
	if (rc == CE_OK)
		start_histories(rec, row);
	if (rc == CE_OK && (rc = ce__insert(id, im->db, rec->t, row)) != CE_OK)
		rc = ce__io_fail_lib(im, rc, NULL);
	if (rc == CE_OK)
		rc = replay_histories(im, rec, *id);
	return rc;
}

int ce__io_import_record(io_import *im, io_rec *rec)
{
	const ce_table_def *t = rec->t;
	int64_t id = 0;
	bool changed = false, created = false;
	int rc = CE_OK;

	/* "" is unset, as the core would make it; duplicates compare that way. */
	for (int c = 0; c < t->ncolumns; c++)
		if (t->columns[c].type == CE_TYPE_TEXT && !rec->row[c].null && !*rec->row[c].s)
			rec->row[c] = (ce_value){ .null = 1 };
	if (rec->doc_id && ce__io_runmap_get(&im->docids[t->index], rec->doc_id, NULL))
		rc = ce__io_fail(im, CE_EEXISTS, "id", "%lld is used by two %s records in this input",
		             (long long)rec->doc_id, t->name);
	if (rc == CE_OK)
		rc = check_histories(im, rec);
	if (im->defer_now.column >= 0) /* set once the whole input is in */
		rec->row[im->defer_now.column] = (ce_value){ .null = 1 };
	if (rc == CE_OK && im->update)
		rc = match(im, rec, &id);
	if (rc == CE_OK && id) {
		if ((rc = apply_update(im, rec, id, &changed)) == CE_OK) {
			im->counts.updated += changed;
			im->counts.unchanged += !changed;
		}
	} else if (rc == CE_OK && (rc = insert_record(im, rec, &id)) == CE_OK) {
		im->counts.created++;
		created = true;
	}
	if (rc == CE_OK)
		rc = remember(im, rec, id, created);
	if (rc == CE_OK && im->defer_now.column >= 0) {
		if (im->ndefers == im->capdefers) {
			size_t cap = im->capdefers ? im->capdefers * 2 : 8;
			struct io_defer *grown = realloc(im->defers, cap * sizeof *grown);
			if (!grown)
				rc = ce__fail(im->db, CE_ENOMEM, "import: out of memory");
			else {
				im->defers = grown;
				im->capdefers = cap;
			}
		}
		if (rc == CE_OK) {
			im->defer_now.t = t;
			im->defer_now.id = id;
			im->defers[im->ndefers++] = im->defer_now;
			im->defer_now = (struct io_defer){ .column = -1 };
		}
	}
	if (im->defer_now.column >= 0) { /* not kept: the record failed */
		free(im->defer_now.key);
		im->defer_now = (struct io_defer){ .column = -1 };
	}
	ce__io_rec_clear(rec);
	if (rc == CE_OK) {
		im->done++;
		if (im->opts.progress && im->opts.progress(im->opts.progress_ctx, im->done, im->total))
			rc = ce__fail(im->db, CE_ERROR, "import cancelled; nothing was imported");
	}
	return rc;
}
