/* The store's reads (store.h): the backend's calls with every failure
 * recorded on the db once, and the schema the db was opened with. */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

const ce_table_def *ce__store_table(const ce_db *db, int index)
{
	return index > 0 && index < db->schema->ntables ? db->schema->tables[index] : NULL;
}

int ce__column_by_name(const ce_table_def *table, const char *name)
{
	if (!name)
		return -1;
	for (int c = 0; c < table->ncolumns; c++)
		if (strcmp(table->columns[c].name, name) == 0)
			return c;
	return -1;
}

/* The backend's fetch as the caller sees it: a record the role may not see
 * is CE_ENOTFOUND (no message); a storage failure is recorded. */
static int fetch_seen(ce_db *db, const ce_table_def *table, int64_t id, ce_value *row)
{
	bool filtered = ce__view_filtered(db);
	if (!filtered && ce__rows_get(db, table, id, row))
		return CE_OK;
	int rc = db->backend->fetch(db->conn, table, id, row);
	if (rc == CE_OK && !filtered)
		ce__rows_note(db, table, id, row);
	if (rc == CE_OK)
		return filtered ? ce__access_visible(db, table, id, row, db->pseudonyms) : rc;
	return rc == CE_ENOTFOUND ? rc : ce__backend_fail(db, rc, table->name);
}

int ce__store_fetch(ce_db *db, const ce_table_def *table, int64_t id, ce_value *row)
{
	int rc = fetch_seen(db, table, id, row);
	if (rc == CE_ENOTFOUND)
		return ce__fail(db, rc, "%s: no record with id %lld", table->name, (long long)id);
	return rc;
}

void ce__row_clear(const ce_table_def *table, ce_value *row)
{
	for (int c = 0; c < table->ncolumns; c++)
		if (table->columns[c].type == CE_TYPE_TEXT)
			free((char *)row[c].s);
	memset(row, 0, sizeof *row * (size_t)table->ncolumns);
}

int ce__fetch_copy(ce_db *db, const ce_table_def *table, int64_t id, ce_value *row)
{
	int rc = ce__store_fetch(db, table, id, row);
	if (rc != CE_OK)
		return rc;
	for (int c = 0; c < table->ncolumns; c++) {
		if (table->columns[c].type != CE_TYPE_TEXT)
			continue;
		if (!row[c].null && !(row[c].s = strdup(row[c].s))) {
			for (int k = c; k < table->ncolumns; k++)
				if (table->columns[k].type == CE_TYPE_TEXT)
					row[k].s = NULL;
			ce__row_clear(table, row);
			return ce__fail(db, CE_ENOMEM, "%s: out of memory", table->name);
		}
		if (row[c].null)
			row[c].s = NULL;
	}
	return CE_OK;
}

/* A find by a whole unique key is answered once per transaction (finds.c). */
int ce__store_find(int64_t *out_id, ce_db *db, const ce_table_def *table, const ce_query *query)
{
	ce_find_key key;
	bool keyed = ce__finds_key(db, table, query, &key);
	if (keyed && ce__finds_get(db, &key, out_id))
		return CE_OK;
	int rc = db->backend->find_first(db->conn, table, query, out_id);
	if (rc == CE_OK && keyed)
		ce__finds_note(db, &key, *out_id);
	return rc == CE_OK || rc == CE_ENOTFOUND ? rc : ce__backend_fail(db, rc, table->name);
}

int ce__find_eq(int64_t *out_id, ce_db *db, const ce_table_def *table, int column, int64_t value)
{
	ce_condition cond = { .op = CE_COND_EQ, .column = column, .low = { .i = value } };
	ce_query q = { 1, &cond };
	return ce__store_find(out_id, db, table, &q);
}

/* Records known to exist. Inside an explicit transaction the store holds
 * the write lock, so a record seen once stays until this connection
 * deletes it (ce__known_forget()) or undoes a call (ce__write_end()
 * forgets everything, as does ce_db_begin()). Bulk loads check the same
 * parents over and over (the session of each attendee, the outcome of
 * each contributor): remembering them saves a fetch per reference. On a
 * server (ce__reads_are_remote()) the table grows with the transaction
 * (internal.h bounds it), so a load keeps every record it created or
 * checked: a fixed table of 65,536 slots, one id each, evicted students
 * at a tenth of the benchmark's scale and sent their checks to the
 * server. In-process a fetch costs microseconds, and the table stays at
 * 65,536 slots (512 KiB): growing it took a SQLite load from 10 to 45 MiB
 * for no speed. */
static bool known_key(int table_index, int64_t id, uint64_t *key)
{
	if ((uint64_t)id >= (UINT64_C(1) << 56) || id <= 0 || table_index <= 0 || table_index > 255)
		return false;
	*key = (uint64_t)table_index << 56 | (uint64_t)id;
	return true;
}

static size_t known_home(const ce_db *db, uint64_t key)
{
	return (size_t)((key * UINT64_C(0x9E3779B97F4A7C15)) >> (64 - db->known_bits));
}

/* The slot holding key, or the empty slot ending its probe; NULL when no
 * table. */
static uint64_t *known_find(const ce_db *db, uint64_t key)
{
	if (!db->known)
		return NULL;
	size_t mask = ((size_t)1 << db->known_bits) - 1;
	for (size_t i = known_home(db, key);; i = (i + 1) & mask)
		if (db->known[i] == key || db->known[i] == 0)
			return &db->known[i];
}

/* A table of 2^bits slots holding the old one's keys; false (the old one
 * kept) when there is no memory. */
static bool known_resize(ce_db *db, int bits)
{
	uint64_t *old = db->known;
	size_t oldn = old ? (size_t)1 << db->known_bits : 0;
	uint64_t *slots = calloc((size_t)1 << bits, sizeof *slots);
	if (!slots)
		return false;
	db->known = slots;
	db->known_bits = bits;
	for (size_t i = 0; i < oldn; i++)
		if (old[i])
			*known_find(db, old[i]) = old[i];
	free(old);
	return true;
}

void ce__known_clear(ce_db *db)
{
	if (db->known && db->known_bits > CE_KNOWN_MIN_BITS) {
		free(db->known); /* a small transaction next need not clear a big table */
		db->known = NULL;
	} else if (db->known && db->nknown) {
		memset(db->known, 0, sizeof *db->known << db->known_bits);
	}
	db->nknown = 0;
	ce__rows_clear(db);
	ce__finds_clear(db);
	ce__graph_clear(db);
}

void ce__known_free(ce_db *db)
{
	free(db->known);
	db->known = NULL;
	db->nknown = 0;
}

void ce__known_note(ce_db *db, int table_index, int64_t id)
{
	uint64_t key;
	if (!db->in_transaction || !known_key(table_index, id, &key))
		return;
	if (!db->known && !known_resize(db, CE_KNOWN_MIN_BITS))
		return; /* no memory to remember: the store is asked */
	if ((db->nknown + 1) * 2 > (size_t)1 << db->known_bits) {
		int max = ce__reads_are_remote(db) ? CE_KNOWN_MAX_BITS : CE_KNOWN_LOCAL_MAX_BITS;
		bool grown = db->known_bits < max && known_resize(db, db->known_bits + 1);
		if (!grown && (db->nknown + 1) * 4 > (size_t)3 << db->known_bits)
			return; /* full: this one is asked of the store again */
	}
	uint64_t *slot = known_find(db, key);
	if (*slot == 0) {
		*slot = key;
		db->nknown++;
	}
}

void ce__known_forget(ce_db *db, int table_index, int64_t id)
{
	uint64_t key, *slot = known_key(table_index, id, &key) ? known_find(db, key) : NULL;
	if (slot && *slot == key) {
		/* backward shift: later keys of the probe move up, no tombstone */
		size_t mask = ((size_t)1 << db->known_bits) - 1, hole = (size_t)(slot - db->known);
		for (size_t j = (hole + 1) & mask; db->known[j]; j = (j + 1) & mask) {
			size_t home = known_home(db, db->known[j]);
			/* j's key may fill the hole if its home is not in (hole, j] */
			if (((j - home) & mask) >= ((j - hole) & mask)) {
				db->known[hole] = db->known[j];
				hole = j;
			}
		}
		db->known[hole] = 0;
		db->nknown--;
	}
	const ce_table_def *t = ce__store_table(db, table_index);
	if (t)
		ce__rows_forget(db, t, id);
	ce__finds_forget_table(db, table_index);
}

int ce__exists(ce_db *db, int table_index, int64_t id)
{
	const ce_table_def *t = ce__store_table(db, table_index);
	ce_value row[CE_MAX_COLUMNS];
	uint64_t key = 0, *slot;
	if (!t || id <= 0)
		return CE_ENOTFOUND;
	/* the caller's view is never answered from memory: the role decides */
	bool filtered = ce__view_filtered(db);
	slot = db->in_transaction && !filtered && known_key(table_index, id, &key)
	           ? known_find(db, key)
	           : NULL;
	if (slot && *slot == key)
		return CE_OK;
	int rc;
	if (!filtered && db->backend->version >= 5 && db->backend->exists) {
		/* the key alone: no row read, no text copied */
		rc = db->backend->exists(db->conn, t, id);
		if (rc != CE_OK && rc != CE_ENOTFOUND)
			rc = ce__backend_fail(db, rc, t->name);
	} else {
		rc = fetch_seen(db, t, id, row);
	}
	if (rc == CE_OK && db->in_transaction && !filtered)
		ce__known_note(db, table_index, id);
	return rc;
}

int ce__scan_open(ce_scan *scan, ce_db *db, const ce_table_def *table, const ce_query *query)
{
	static const ce_query all = { 0, NULL };
	ce_backend_cursor *cur = NULL;
	memset(scan, 0, sizeof *scan);
	scan->db = db;
	scan->table = table;
	scan->filtered = ce__view_filtered(db);
	int rc = db->backend->scan_open(&cur, db->conn, table, query ? query : &all);
	if (rc != CE_OK)
		return ce__backend_fail(db, rc, table->name);
	scan->cursor = cur;
	return CE_OK;
}

int ce__scan_next(ce_scan *scan, int64_t *id, const ce_value **row)
{
	if (!scan->cursor)
		return ce__fail(scan->db, CE_EMISUSE, "%s: scan is not open", scan->table->name);
	for (;;) {
		int rc = scan->db->backend->scan_next(scan->cursor, id, scan->row);
		if (rc == CE_ITEROVER)
			return rc;
		if (rc != CE_OK)
			return ce__backend_fail(scan->db, rc, scan->table->name);
		if (scan->filtered &&
		    (rc = ce__access_visible(scan->db, scan->table, *id, scan->row, scan->pseudonyms)) != CE_OK) {
			if (rc == CE_ENOTFOUND)
				continue; /* hidden from the caller's role: the next one */
			return rc;
		}
		*row = scan->row;
		return CE_OK;
	}
}

void ce__scan_close(ce_scan *scan)
{
	if (scan && scan->cursor)
		scan->db->backend->scan_close(scan->cursor);
	if (scan)
		scan->cursor = NULL;
}

int ce__store_count(int64_t *out, ce_db *db, const ce_table_def *table, const ce_query *query)
{
	static const ce_query all = { 0, NULL };
	ce_scan scan;
	const ce_value *row;
	int64_t id, total = 0;
	if (!query)
		query = &all;
	if (db->backend->count && !ce__view_filtered(db)) {
		int rc = db->backend->count(db->conn, table, query, out);
		return rc == CE_OK ? rc : ce__backend_fail(db, rc, table->name);
	}
	int rc = ce__scan_open(&scan, db, table, query);
	while (rc == CE_OK && (rc = ce__scan_next(&scan, &id, &row)) == CE_OK)
		total++;
	ce__scan_close(&scan);
	if (rc != CE_ITEROVER)
		return rc;
	*out = total;
	return CE_OK;
}

int ce__store_ids(int64_t **out, size_t *n, ce_db *db, const ce_table_def *table,
                  const ce_query *query)
{
	ce_scan scan;
	const ce_value *row;
	int64_t id, *ids = NULL;
	size_t cap = 0;
	*out = NULL;
	*n = 0;
	int rc = ce__scan_open(&scan, db, table, query);
	while (rc == CE_OK && (rc = ce__scan_next(&scan, &id, &row)) == CE_OK) {
		if (*n == cap) {
			int64_t *grown = cap < SIZE_MAX / 2 / sizeof *ids
			                     ? realloc(ids, (cap = cap ? cap * 2 : 8) * sizeof *ids)
			                     : NULL;
			if (!grown) {
				rc = ce__fail(db, CE_ENOMEM, "%s: out of memory", table->name);
				break;
			}
			ids = grown;
		}
		ids[(*n)++] = id;
	}
	ce__scan_close(&scan);
	if (rc != CE_ITEROVER) {
		free(ids);
		*n = 0;
		return rc;
	}
	*out = ids;
	return CE_OK;
}

int ce__store_report(ce_table **out, ce_db *db, const char *name, const ce_report_filter *filter)
{
	*out = NULL;
	/* A version-1 backend's structure ends before the member; a role's
	 * view is the core's to filter. */
	if (db->backend->version < 2 || !db->backend->report || ce__view_filtered(db))
		return CE_ENOTSUPPORTED;
	int rc = db->backend->report(out, db->conn, name, filter);
	if (rc == CE_OK && *out)
		return CE_OK;
	ce_table_free(*out);
	*out = NULL;
	if (rc == CE_OK)
		return ce__fail(db, CE_EBACKEND, "%s: the backend returned no table", name);
	return rc == CE_ENOTSUPPORTED ? rc : ce__backend_fail(db, rc, name);
}

struct ce_store_report {
	ce_db *db;
	ce_backend_report *b;
	const char *name;
};

int ce__store_report_open(ce_store_report **out, const ce_table **rows, ce_db *db,
                          const char *name, const ce_report_filter *filter)
{
	const ce_backend *be = db->backend;
	*out = NULL;
	*rows = NULL;
	/* a version-5 backend's structure ends before the member */
	if (be->version < 6 || !be->report_open || ce__view_filtered(db))
		return CE_ENOTSUPPORTED;
	ce_store_report *r = calloc(1, sizeof *r);
	if (!r)
		return ce__fail(db, CE_ENOMEM, "%s: out of memory", name);
	int rc = be->report_open(&r->b, rows, db->conn, name, filter);
	if (rc == CE_OK && r->b && *rows) {
		r->db = db;
		r->name = name;
		*out = r;
		return CE_OK;
	}
	if (rc == CE_OK) {
		be->report_close(r->b);
		rc = ce__fail(db, CE_EBACKEND, "%s: the backend returned no report cursor", name);
	} else if (rc != CE_ENOTSUPPORTED) {
		rc = ce__backend_fail(db, rc, name);
	}
	*rows = NULL;
	free(r);
	return rc;
}

int ce__store_report_next(ce_store_report *r)
{
	int rc = r->db->backend->report_next(r->b);
	return rc == CE_OK || rc == CE_ITEROVER ? rc : ce__backend_fail(r->db, rc, r->name);
}

void ce__store_report_close(ce_store_report *r)
{
	if (!r)
		return;
	r->db->backend->report_close(r->b);
	free(r);
}
