/* The store as the rest of the library sees it. lib/io, lib/analytics and
 * lib/schema read through these calls and the public API only: struct
 * ce_db and the backend behind it are private to lib/core. Each call
 * records its failure on db once (code and message, naming the table), so
 * a caller just returns the code. CE_ENOTFOUND from find and exists is an
 * answer, not a failure, and leaves db's error alone. */
#ifndef CE_CORE_STORE_H
#define CE_CORE_STORE_H

#include <stdbool.h>

#include "coopedu.h"
#include "coopedu/sys/schema.h"
#include "coopedu/sys/table.h"

#define CE_ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

/* Largest column count of any table; rows live on the stack. */
#define CE_MAX_COLUMNS 24
/* Bytes of one pseudonymised text (what an analyst sees for a name). */
#define CE_PSEUDONYM_BUF 48

/* ---- errors ------------------------------------------------------------ */

/* Records the failure on db (may be NULL) and the calling thread; returns code. */
int ce__fail(ce_db *db, int code, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 3, 4)))
#endif
	;
/* Clears db's last error at the start of a call. */
void ce__clear(ce_db *db);

/* Byte length of at most max bytes of s that ends on a UTF-8 boundary,
 * for quoting values in messages: use as "%.*s", ce__clip(s, 60), s. */
int ce__clip(const char *s, int max);
/* Checks a text is valid UTF-8 with no NUL or control characters other
 * than tab and newline. */
bool ce__utf8_valid(const char *s);
/* The normal form of identifier text (normalise.c): white space runs as
 * one space, trimmed, full-width ASCII as ASCII. *out is NULL when s is
 * already normal (or NULL), else a malloc'd copy. CE_OK or CE_ENOMEM
 * (nothing recorded). */
int ce__text_normalise(const char *s, char **out);
/* Whether a column's text is normalised on write: keys and unique text. */
bool ce__text_normalised_column(const ce_column_def *col);
/* An equality on an identifier column compared in its normal form: the
 * condition then points at *owned (the caller frees it; NULL when the
 * text was already normal). CE_OK or CE_ENOMEM (nothing recorded). */
int ce__cond_normalise(const ce_table_def *t, ce_condition *cond, char **owned);
/* Days from 1970-01-01 to a valid date (negative before). */
int64_t ce__date_days(ce_date date);

/* ---- the schema the store was opened with --------------------------------- */

/* Table `index` of db's schema, or NULL if out of range. */
const ce_table_def *ce__store_table(const ce_db *db, int index);
/* Column of table named name, or -1. */
int ce__column_by_name(const ce_table_def *table, const char *name);

/* ---- reads ------------------------------------------------------------------ */

/* Row id of table into row; text stays valid until the next call on db.
 * CE_ENOTFOUND ("TABLE: no record with id N") when absent. */
int ce__store_fetch(ce_db *db, const ce_table_def *table, int64_t id, ce_value *row);
/* The same, with text copied; the caller frees it with ce__row_clear(). */
int ce__fetch_copy(ce_db *db, const ce_table_def *table, int64_t id, ce_value *row);
void ce__row_clear(const ce_table_def *table, ce_value *row);
/* Id of the first row (lowest id) matching query, or CE_ENOTFOUND. Inside
 * an explicit transaction a find by a whole unique key that found a record
 * is answered from memory until that table changes (finds.c). */
int ce__store_find(int64_t *out_id, ce_db *db, const ce_table_def *table, const ce_query *query);
/* The same for the query column == value. */
int ce__find_eq(int64_t *out_id, ce_db *db, const ce_table_def *table, int column, int64_t value);
/* Whether a record of table `index` with this id exists (CE_OK/CE_ENOTFOUND).
 * Inside an explicit transaction the answer may come from memory. */
int ce__exists(ce_db *db, int table_index, int64_t id);
/* Number of rows matching query (NULL: every row). */
int ce__store_count(int64_t *out, ce_db *db, const ce_table_def *table, const ce_query *query);

/* A scan in ascending id order. Open it on the stack; close it always.
 * Opened inside a caller-facing call (ce__view_begin()), it shows only
 * what the role may see. */
typedef struct ce_scan {
	ce_db *db;
	const ce_table_def *table;
	void *cursor;                     /* the backend's */
	bool filtered;
	ce_value row[CE_MAX_COLUMNS];
	char pseudonyms[CE_MAX_COLUMNS][CE_PSEUDONYM_BUF];
} ce_scan;
int ce__scan_open(ce_scan *scan, ce_db *db, const ce_table_def *table, const ce_query *query);
/* CE_OK with *id and *row (text valid until the next step), CE_ITEROVER at
 * the end, or a failure. */
int ce__scan_next(ce_scan *scan, int64_t *id, const ce_value **row);
/* Ends the scan; a closed or never-opened scan is ignored. */
void ce__scan_close(ce_scan *scan);

/* The ids of the rows matching query, ascending; the caller frees *out
 * (NULL when there are none). */
int ce__store_ids(int64_t **out, size_t *n, ce_db *db, const ce_table_def *table,
                  const ce_query *query);

/* Report `name` computed inside the storage engine, or CE_ENOTSUPPORTED
 * (no failure recorded) when the backend leaves it to the core. The filter
 * must already be checked. */
int ce__store_report(ce_table **out, ce_db *db, const char *name, const ce_report_filter *filter);

/* The same report read a row at a time by the backend (its report_open):
 * *rows is the stream's table, holding after each CE_OK from
 * ce__store_report_next() the current row as its only row. Or
 * CE_ENOTSUPPORTED (no failure recorded) when the backend does not stream
 * it, or the view is filtered. Open it inside ce__view_begin(). */
typedef struct ce_store_report ce_store_report;
int ce__store_report_open(ce_store_report **out, const ce_table **rows, ce_db *db,
                          const char *name, const ce_report_filter *filter);
/* CE_OK, CE_ITEROVER, or a failure recorded on db. */
int ce__store_report_next(ce_store_report *r);
/* NULL is ignored. */
void ce__store_report_close(ce_store_report *r);

/* Something a caller holds open on db (a report cursor). While one is
 * linked, db refuses writes and transaction calls (CE_EMISUSE): a backend
 * cursor may live in a transaction, and its rows must not change under
 * it. ce_db_close() calls detach() on each link still there, which must
 * unlink it and let go of db. */
typedef struct ce_db_link {
	struct ce_db_link *prev, *next;
	void (*detach)(struct ce_db_link *link);
} ce_db_link;
void ce__db_link(ce_db *db, ce_db_link *link);
void ce__db_unlink(ce_db *db, ce_db_link *link);

/* ---- what a caller sees -------------------------------------------------------- */

/* Brackets a call that answers a caller (a lookup, an iteration, a count,
 * a report, an export): inside, reads show only the records the handle's
 * role may see, with an analyst's pseudonyms, and a hidden record is
 * CE_ENOTFOUND. The engine's own reads (rule checks, cascades) are never
 * filtered. Nests; a trusted handle is unaffected. */
int ce__view_begin(ce_db *db);
void ce__view_end(ce_db *db);
/* Whether db's caller-facing reads are filtered now (then a report is
 * computed by the core over the filtered rows, never by the backend). */
bool ce__view_filtered(const ce_db *db);

/* ---- maps ------------------------------------------------------------------ */

/* A sorted set of record ids. */
typedef struct ce_idset {
	int64_t *v;
	size_t n, cap;
} ce_idset;
bool ce__idset_has(const ce_idset *s, int64_t id);

/* Record id (> 0) -> int64, open addressing; zero-initialise to start. */
typedef struct ce_idmap {
	int64_t *keys, *vals;
	size_t cap, n;
} ce_idmap;
/* Sets key's value; CE_ENOMEM on failure (the map is unchanged). */
int ce__idmap_put(ce_idmap *m, int64_t key, int64_t val);
/* Whether key is present; its value into *val when val is given. */
bool ce__idmap_get(const ce_idmap *m, int64_t key, int64_t *val);
void ce__idmap_free(ce_idmap *m);

#endif
