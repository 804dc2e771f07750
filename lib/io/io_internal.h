/* Import and export, library-private: options, byte sinks, the maps that
 * tie exported ids and natural keys to store ids, value text forms shared
 * by JSON and CSV, and the import engine both front ends feed. */
#ifndef CE_IO_INTERNAL_H
#define CE_IO_INTERNAL_H

#include <stdbool.h>
#include <stdio.h>

#include "core/engine.h"
#include "schema/schema.h"
#include "coopedu/io.h"

#define IO_DEFAULT_MAX_BYTES ((size_t)1 << 30)
#define IO_FORMAT_NAME "coopedu"
#define IO_FORMAT_VERSION 1
#define IO_LIST_SEP '|'    /* CSV: between flag tokens and history entries */
#define IO_ID_PREFIX '#'   /* CSV: "#N" is an id where a key could stand */

/* ---- options ------------------------------------------------------------ */

/* Checks opts (NULL: defaults) and copies the effective values into out. */
int ce__io_options(ce_db *db, const ce_io_options *opts, ce_io_options *out);

/* ---- output -------------------------------------------------------------- */

typedef struct io_out {
	ce_write_fn write;
	void *ctx;
	bool failed;
	size_t len;
	char buf[16384];
} io_out;

void ce__io_out_init(io_out *out, ce_write_fn write, void *ctx);
int ce__io_out_put(io_out *out, const char *data, size_t len);
int ce__io_out_puts(io_out *out, const char *s);
int ce__io_out_flush(io_out *out);

/* An export's output file. */
typedef struct io_file {
	FILE *f;
	bool close; /* not stdout */
	char *tmp;  /* the temporary renamed over the path on success, or NULL */
	int err;    /* errno of the first write that failed, or 0 */
} io_file;

/* A ce_write_fn over an io_file *. */
int ce__io_write_file(void *ctx, const char *data, size_t len);
/* Opens path for writing ("-": stdout): a regular file through a temporary
 * beside it, a device or pipe in place. */
int ce__io_open_out(ce_db *db, const char *path, io_file *out);
/* Finishes a file opened by ce__io_open_out; rc is the export's result: on
 * success the temporary becomes the file, on failure it is removed. */
int ce__io_close_out(ce_db *db, const char *path, io_file *f, int rc);


/* ---- maps ------------------------------------------------------------------ */

/* int64 -> int64 is the core's ce_idmap. */

/* int64 -> int64 as runs of consecutive keys to consecutive values. */
typedef struct io_run {
	int64_t key, val, len;
} io_run;
typedef struct io_runmap {
	io_run *runs;
	size_t n, cap;
} io_runmap;

/* CE_OK, CE_EEXISTS (key present, map unchanged) or CE_ENOMEM. */
int ce__io_runmap_put(io_runmap *m, int64_t key, int64_t val);
bool ce__io_runmap_get(const io_runmap *m, int64_t key, int64_t *val);
void ce__io_runmap_free(io_runmap *m);

/* ---- schema helpers ------------------------------------------------------------ */

/* Index of the natural key column of table t, or -1. */
int ce__io_key_column(const ce_table_def *t);
/* Entities in an order where every reference points at an earlier one. */
void ce__io_import_order(ce_entity order[CE_ENTITY_LAST]);
/* The lifecycle whose state column is c, or NULL. */
const ce_lifecycle_def *ce__io_lifecycle(const ce_table_def *t, int c);
/* Whether column c is the date column of one of t's lifecycles. */
bool ce__io_is_lifecycle_date(const ce_table_def *t, int c);

/* ---- value text --------------------------------------------------------------- */

/* Shortest "%.Ng" (N = 15..17) that reads back as exactly x. */
int ce__io_real_precision(double x);
/* x as jansson writes it with that many digits, locale-independent and
 * allocating nothing: CE_OK, or CE_EINVALID (not finite, buf too small;
 * 40 bytes suffice). */
int ce__io_format_real_digits(char *buf, size_t size, double x, int digits);
/* The same with the fewest digits that read back as exactly x. */
int ce__io_format_real(char *buf, size_t size, double x);
/* strtod() in the C locale, whatever the caller's. */
double ce__io_strtod(const char *s, char **end);
/* Strict decimal integer: optional '-', digits, nothing else. */
bool ce__io_parse_int(const char *s, int64_t *out);
/* A JSON number token read as jansson reads it: an integer (*real false,
 * CE_EINVALID beyond int64) unless it has '.', 'e' or 'E', then a double
 * (CE_EINVALID on overflow). */
int ce__io_read_number(const char *s, bool *real, int64_t *i, double *r);
/* A CSV cell holding a JSON number, locale-independent: CE_OK or
 * CE_EINVALID (not a number, or out of range). */
int ce__io_parse_real(const char *s, double *out);
/* Whether CSV export must defuse this text (formula-like start). */
bool ce__io_needs_defuse(const char *s);
/* Whether an imported CSV cell is a defused one ('+ formula-like start). */
bool ce__io_is_defused(const char *s);

/* ---- export ---------------------------------------------------------------------- */

typedef struct io_export {
	ce_db *db;
	bool viewing;                     /* ce__view_begin() is in force: the role's view */
	ce_io_options opts;
	bool own_txn;
	int64_t *ids[CE_ENTITY_LAST + 1]; /* store ids per entity, ascending */
	size_t nids[CE_ENTITY_LAST + 1];
	char **keys[CE_ENTITY_LAST + 1];  /* natural key per id, or NULL */
	uint64_t done, total;
} io_export;

/* Reads every entity's ids (and natural keys): the exported numbering. */
int ce__io_export_begin(io_export *ex, ce_db *db, const ce_io_options *opts);
int ce__io_export_end(io_export *ex, int rc);
/* Exported id (1-based) of a record, 0 if unknown. */
int64_t ce__io_export_ordinal(const io_export *ex, ce_entity e, int64_t id);
/* Natural key of a record (NULL if none), borrowed. */
const char *ce__io_export_key(const io_export *ex, ce_entity e, int64_t id);
/* Counts one record and reports progress; CE_ERROR if cancelled. */
int ce__io_export_tick(io_export *ex);
/* The lifecycle history of column c of record id; caller frees. */
int ce__io_export_history(io_export *ex, const ce_table_def *t, int64_t id, int c,
                      ce_transition **out, size_t *n);

/* Writes record id of t as the JSON export writes it (its exported id,
 * references as natural keys, lifecycle histories). */
int ce__io_json_record(io_export *ex, io_out *out, const ce_table_def *t, int64_t id);
/* Writes s as a JSON string literal; CE_ENOMEM (or a failed write). */
int ce__io_json_string(io_out *out, const char *s);
/* Writes an audit entry's changes text (lib/core/audit.c) as jansson would
 * write the value it parses to, parsed by yajl: CE_EINVALID when it is not
 * a JSON object or array jansson would read (a damaged store), CE_ENOMEM
 * when yajl runs out of memory (both with a message naming the entry), or
 * the output's failure. */
int ce__io_json_changes(ce_db *db, io_out *out, const char *text, int64_t entry);

/* ---- import engine ----------------------------------------------------------------- */

typedef struct io_step {
	int state;
	ce_date on;
} io_step;

/* One record as a front end read it, columns resolved to store values. */
typedef struct io_rec {
	const ce_table_def *t;
	int64_t doc_id;                  /* its id in the input, 0 if none */
	ce_value row[CE_MAX_COLUMNS];    /* text borrowed from the input */
	bool given[CE_MAX_COLUMNS];      /* the input has the field (update keeps the others) */
	io_step *hist[CE_MAX_COLUMNS];   /* lifecycle histories, owned */
	size_t nhist[CE_MAX_COLUMNS];
} io_rec;

/* Maps hold runs, so memory stays flat however long the input. */
typedef struct io_import {
	ce_db *db;
	ce_io_options opts;
	bool csv;                             /* message style */
	bool began;                           /* the import's transaction is open */
	bool update;                          /* CE_IO_UPDATE */
	const char *source;                   /* current input's name */
	char where[96];                       /* current record: "student[3]" or "7" (line) */
	bool carries[CE_ENTITY_LAST + 1];     /* ids of this entity are the input's */
	bool had_records[CE_ENTITY_LAST + 1]; /* held records before the import */
	io_runmap docids[CE_ENTITY_LAST + 1]; /* input id -> store id */
	io_runmap fresh[CE_ENTITY_LAST + 1];  /* store id this import created -> pos */
	io_runmap matched[CE_ENTITY_LAST + 1]; /* update: store id this import matched -> pos */
	io_runmap ordinals[CE_ENTITY_LAST + 1]; /* update: exported id -> store id (keyless) */
	bool have_ordinals[CE_ENTITY_LAST + 1];
	int64_t pos;                          /* current record's index or line */
	uint64_t done, total;
	ce_io_counts counts;
	/* A reference to the record's own table (project.parent) naming a
	 * record later in the input is set once the whole input is in: the
	 * current record's (column -1: none), then every one kept. */
	struct io_defer {
		const ce_table_def *t;
		int column;
		int64_t id;     /* the record, in the store */
		int64_t doc_id; /* the target by the input's id, or 0 */
		char *key;      /* the target by natural key, or NULL */
	} defer_now, *defers;
	size_t ndefers, capdefers;
	struct io_keyseen *keys; /* references by natural key resolved (import.c) */
} io_import;

/* Checks the store can take an import and opens its transaction. */
int ce__io_import_begin(io_import *im, ce_db *db, const ce_io_options *opts, bool csv);
/* Commits on success; on failure rolls back keeping the failure's message. */
int ce__io_import_end(io_import *im, int rc);
/* Rolls back the open transaction after failure rc, keeping rc and its message
 * (and saying so if the rollback fails too); returns rc. */
int ce__io_abandon(ce_db *db, int rc);

/* Fails with "SOURCE: WHERE.FIELD: message" (field may be NULL). */
int ce__io_fail(io_import *im, int code, const char *field, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 4, 5)))
#endif
	;
/* Prefixes the library's last message on im->db with the location. */
int ce__io_fail_lib(io_import *im, int code, const char *field);

/* Resolves a reference of column c given as a natural key / as an id. */
int ce__io_resolve_key(io_import *im, const ce_table_def *t, int c, const char *key, int64_t *out);
int ce__io_resolve_id(io_import *im, const ce_table_def *t, int c, int64_t id, int64_t *out);
/* Parses an enum token of column c (CE_EINVALID naming the choices). */
int ce__io_token(io_import *im, const ce_table_def *t, int c, const char *field, const char *tok,
             int *out);
/* Parses "YYYY-MM-DD". */
int ce__io_date(io_import *im, const char *field, const char *text, ce_date *out);

/* Inserts one record (and replays its histories); frees rec's histories. */
int ce__io_import_record(io_import *im, io_rec *rec);
void ce__io_rec_clear(io_rec *rec);

#endif
