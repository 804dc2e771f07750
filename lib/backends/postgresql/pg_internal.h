/* Private to the PostgreSQL backend: the connection, scan cursors, the
 * prepared-statement cache and the helpers shared by backend.c (vtable,
 * connect, transactions, row operations), connect.c (URIs, errors),
 * ddl.c (schema, identity, migrations), values.c (values in and out),
 * query.c (ce_query as SQL), sql_driver.c (the shared SQL layer's
 * driver and dialect, for reports) and report_stmts.c (the report
 * statements kept prepared). Nothing here knows an entity: every
 * table is handled from its ce_table_def.
 *
 * Values travel in libpq's text format. Stored types: INT, FLAGS and MONEY
 * bigint, REAL double precision, BOOL boolean, DATE date, ENUM its token
 * as text, REF bigint REFERENCES, TEXT text; ids are bigint identities. */
#ifndef CE_BACKENDS_PG_INTERNAL_H
#define CE_BACKENDS_PG_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <libpq-fe.h>

#include "backends/sql/sql_buf.h"
#include "coopedu/sys/backend.h"

/* Conditions one query may have (each binds at most two parameters). */
#define CE_MAX_QUERY_PARAMS 32

/* Every table's identifier is quoted: PostgreSQL's keywords are not SQLite's. */
void ce__pg_ident(ce_sqlbuf *b, const char *name);
/* "INSERT INTO t (id, <every column>)": the head of the row insert, one
 * row or many. */
void ce__pg_insert_head(ce_sqlbuf *b, const ce_table_def *t);

/* A prepared statement, named by the cache. */
typedef struct ce_pg_stmt {
	char *sql;
	char name[24];
	int nparams;
	struct ce_pg_stmt *next; /* hash chain */
} ce_pg_stmt;

#define CE_PG_STMT_BUCKETS 128

/* Report statements with their filter's values written in, kept prepared
 * per connection (report_stmts.c): this many, used last. */
#ifndef CE_PG_REPORT_STMTS
#define CE_PG_REPORT_STMTS 32
#endif
typedef struct ce_pg_report_stmt {
	char *sql;
	uint64_t hash;
	char name[24];
	struct ce_pg_report_stmt *prev, *next; /* used last first */
} ce_pg_report_stmt;

/* Per-table statement texts, built on first use. */
enum ce_pg_op { CE_PG_INSERT, CE_PG_FETCH, CE_PG_UPDATE, CE_PG_REMOVE, CE_PG_INSERT_ID,
                CE_PG_EXISTS, CE_PG_NOPS };

/* Where the TEXT values of a fetched row are copied, so that they survive
 * the result being cleared. */
typedef struct ce_pg_textbuf {
	char *p;
	size_t cap;
} ce_pg_textbuf;

/* A statement sent in pipeline mode whose result is not read yet. */
enum ce_pg_send_kind {
	CE_PG_SEND_CMD,  /* any success will do */
	CE_PG_SEND_ONE,  /* an UPDATE or DELETE that must touch a row */
	CE_PG_SEND_READ, /* the caller wants its result */
	CE_PG_SEND_IDS,  /* ids reserved ahead for table index `id`: its next block */
	CE_PG_SEND_ROWS, /* an UPDATE of many rows that must touch each: id is how many */
};
typedef struct ce_pg_pending {
	const char *what; /* names the statement in a message: a table's name or a literal */
	int64_t id;       /* the row, for CE_PG_SEND_ONE */
	int call;         /* call_seq when sent */
	unsigned char kind;
	unsigned ids_gen; /* conn->ids_gen when sent: a reservation of a forgotten
	                   * transaction is dropped */
} ce_pg_pending;

/* Ids taken from a table's identity sequence ahead of its inserts, so that
 * an insert inside an explicit transaction needs no answer. The next
 * block is asked for when a quarter of the current one is used and arrives
 * with the next round trip that happens anyway (pipeline.c). */
enum ce_pg_ids_ahead { CE_PG_IDS_NONE, CE_PG_IDS_SENT, CE_PG_IDS_ARRIVED };
typedef struct ce_pg_ids {
	int64_t *ids;
	int n, pos, cap;
	int inserted; /* inserts into the table in this transaction */
	int64_t *next; /* the next block, once arrived */
	int next_n, next_cap;
	int asked;     /* ids the next block's reservation asked for */
	unsigned char ahead; /* enum ce_pg_ids_ahead */
} ce_pg_ids;

/* Bounds of the rows buffered for multi-row inserts (batch.c): rows of one
 * table, bytes of all. */
#ifndef CE_PG_BATCH_ROWS
#define CE_PG_BATCH_ROWS 256
#endif
#ifndef CE_PG_BATCH_BYTES
#define CE_PG_BATCH_BYTES (2 << 20)
#endif
typedef struct ce_pg_batch ce_pg_batch;

/* Statements sent without waiting before the connection syncs (bounds the
 * memory of the queue; libpq reads while it writes, so no deadlock). */
#define CE_PG_PIPELINE_MAX 1024

struct ce_backend_conn {
	PGconn *pg;
	const ce_schema *schema;
	char *store;          /* the PostgreSQL schema holding the tables, or NULL: public */
	bool readonly;
	bool in_txn;          /* BEGIN issued */
	int savepoints;       /* open savepoints (0 or 1) */
	bool explicit_txn;    /* a call of the caller's transaction began (a savepoint, or
	                       * call_without_savepoint()) since begin */
	int call_seq;         /* counts calls (begin, savepoint, a call without one): which
	                       * call a write belongs to */
	bool piping;          /* in pipeline mode with statements sent and not read */
	ce_pg_pending *pending;
	size_t npending, cap_pending;
	int doomed;           /* CE_* code: a write of a finished call failed; only rollback helps */
	char doomed_msg[512];
	ce_pg_ids *ids;       /* [ntables] */
	unsigned ids_gen;     /* counts forgets of every reservation (ce__pg_ids_forget) */
	int ids_sent;         /* reservations sent ahead since the last flush */
	ce_pg_batch *batches; /* [ntables]: rows buffered for one multi-row insert */
	ce_pg_batch *updates; /* [ntables]: new values of rows already sent, for one
	                       * multi-row UPDATE */
	unsigned char *batch_upd; /* [ntables]: no unique key, so every update of its
	                           * sent rows may be buffered (not only keys kept) */
	ce_sqlbuf *batch_cols; /* [nbatch_cols]: a buffer's array literals as it is sent */
	int nbatch_cols;
	int *batch_order;     /* tables, each after those it refers to */
	int nbatch_order;
	unsigned char *batch_off; /* [ntables]: in a cycle of references, not buffered */
	int nbatched;         /* buffers (insert or update) holding rows */
	size_t batch_bytes;   /* their array literals' bytes */
	bool sending_rows;    /* the buffers are being sent */
	bool keep_rows;       /* the statement being sent needs no buffer sent first */
	char *begin_sql;      /* BEGIN and the store's lock, one round trip */
	int64_t txn_writes;   /* rows written in this transaction */
	int64_t replan_at;    /* when plans are next thrown away (see pg_insert) */
	int stmt_seq;         /* names prepared statements */
	ce_pg_stmt *stmts[CE_PG_STMT_BUCKETS];
	char **table_sql;     /* [table * CE_PG_NOPS + op]: per-table texts */
	ce_pg_report_stmt *report_mru, *report_lru; /* report statements kept */
	int nreport_stmts;
	int report_stmt_seq;  /* names them */
	ce_pg_textbuf fetch_text;
	struct ce_backend_cursor *cursors; /* open scans, detached on close */
	int report_cursors;   /* reports read through server-side cursors now */
	bool report_txn;      /* the transaction they live in was begun for them */
	int report_seq;       /* names those cursors */
	char errmsg[512];
	char sqlstate[6];     /* of the last failure, "" if none came from the server */
};

/* A scan: its whole result, read row by row. */
struct ce_backend_cursor {
	ce_backend_conn *conn; /* NULL once the connection has closed */
	const ce_table_def *table;
	PGresult *res;
	int row, nrows;
	ce_pg_textbuf text;
	struct ce_backend_cursor *prev, *next;
};

/* ---- connect.c: URIs, errors, running statements -------------------------- */

/* Records a message and returns code. */
int ce__pg_error(ce_backend_conn *conn, int code, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 3, 4)))
#endif
	;
/* Records "<what>: <the server's message>" for a failed result (or the
 * connection's message when res is NULL) and returns the CE_* code of its
 * SQLSTATE. */
int ce__pg_fail(ce_backend_conn *conn, const PGresult *res, const char *what);
/* CE_* code of an SQLSTATE (NULL: CE_EBACKEND). */
int ce__pg_code(const char *sqlstate);
/* Runs SQL without parameters or rows wanted (several statements allowed). */
int ce__pg_exec(ce_backend_conn *conn, const char *sql, const char *what);
/* Runs a parameterised statement through the cache: *out is its result
 * (PGRES_COMMAND_OK or PGRES_TUPLES_OK), which the caller clears. */
int ce__pg_run(PGresult **out, ce_backend_conn *conn, const char *sql, int nparams,
               const char *const *values, const char *what);
/* The same with the parameters' types given (OIDs), for texts where the
 * server cannot infer them (a parameter only compared with NULL). */
int ce__pg_run_typed(PGresult **out, ce_backend_conn *conn, const char *sql, int nparams,
                     const Oid *types, const char *const *values, const char *what);
/* Forgets every prepared statement (the server forgets them on reconnect). */
void ce__pg_stmts_free(ce_backend_conn *conn);
/* Splits the part of a URI after "postgresql:" into a libpq URI without our
 * own parameters (*conninfo, malloc'd) and the schema= parameter
 * (*store, malloc'd or NULL). CE_EINVALID with a message in errbuf for a
 * malformed one. */
int ce__pg_parse_location(const char *location, char **conninfo, char **store, char *errbuf,
                          size_t errbuf_size);

/* ---- pipeline.c: writes sent without waiting ----------------------------- */

/* Sends a prepared statement without waiting for its result (entering
 * pipeline mode); its failure surfaces at the next ce__pg_flush(). */
int ce__pg_send(ce_backend_conn *conn, const char *sql, int nparams, const char *const *values,
                enum ce_pg_send_kind kind, const char *what, int64_t id);
/* Runs a prepared statement (by name) behind the statements sent, in one
 * round trip, and returns its result (which the caller clears). */
int ce__pg_read_piped(PGresult **out, ce_backend_conn *conn, const char *name, int nparams,
                      const char *const *values, const char *what);
/* The name of the prepared statement of sql, preparing it first if it is
 * new (which waits for what was sent); NULL with *rc on failure. */
const char *ce__pg_prepared_name(ce_backend_conn *conn, const char *sql, int nparams,
                                 const Oid *types, int *rc);
/* Sends a statement without parameters (SAVEPOINT ...) the same way. */
int ce__pg_send_simple(ce_backend_conn *conn, const char *sql, enum ce_pg_send_kind kind,
                       const char *what);
/* ce__pg_run for a read of table t alone (NULL: of any table): only the
 * buffers it can see, and those they need, are sent first. */
int ce__pg_run_on(PGresult **out, ce_backend_conn *conn, const ce_table_def *t, const char *sql,
                  int nparams, const char *const *values, const char *what);
/* ce__pg_run sending no buffer first (what was sent is still read). */
int ce__pg_run_kept(PGresult **out, ce_backend_conn *conn, const char *sql, int nparams,
                    const char *const *values, const char *what);
/* Syncs the pipeline and reads every result; the first failure is
 * returned with its message. A failure of a statement sent by a call that
 * has already returned dooms the transaction (see pipeline.c). If
 * read_out is not NULL, the last statement sent was CE_PG_SEND_READ and
 * *read_out is its result when everything succeeded. */
int ce__pg_flush(ce_backend_conn *conn, PGresult **read_out);
/* Dooms the transaction with rc and the connection's message, which now
 * says so; returns rc. */
int ce__pg_doom(ce_backend_conn *conn, int rc);
/* CE_OK, or the doomed transaction's error with its message. */
int ce__pg_check_doomed(ce_backend_conn *conn);
/* An id for the next insert into t taken from the ids reserved ahead, or 0
 * when none should be (outside an explicit transaction, first inserts). */
int ce__pg_next_id(ce_backend_conn *conn, const ce_table_def *t, int64_t *out);
/* Sends the statements giving unused reserved ids back to their sequences
 * (before COMMIT), and forgets every reservation. */
int ce__pg_ids_return(ce_backend_conn *conn);
void ce__pg_ids_forget(ce_backend_conn *conn);
void ce__pg_pipeline_free(ce_backend_conn *conn);

/* ---- batch.c: rows inserted several per statement --------------------------- */

/* Whether t's rows may be buffered (it is in no cycle of references). */
bool ce__pg_batchable(ce_backend_conn *conn, const ce_table_def *t);
/* Buffers a row of t: its id (ids reserved ahead ascend), its text and
 * ncolumns values (libpq's text, NULL for SQL NULL); sends t's buffers
 * (and those they need) when one is full, every buffer at
 * CE_PG_BATCH_BYTES. */
int ce__pg_batch_add(ce_backend_conn *conn, const ce_table_def *t, int64_t id, const char *idtext,
                     const char *const *values);
/* An UPDATE of a row still in t's buffer rewrites it there (*done): the
 * row goes out once, in its last state. Inside the caller's transaction,
 * an UPDATE of a row already sent joins t's update buffer (*done), one
 * entry per row, its last values, when no unique key of t changes through
 * it (kept, or t has no unique key but its id). *done false: the caller
 * sends the UPDATE itself, after the row's values waiting (sent here). */
int ce__pg_batch_update(ce_backend_conn *conn, const ce_table_def *t, int64_t id,
                        const char *idtext, const char *const *values, bool kept, bool *done);
/* Sends every buffer without waiting, parents first (no-op when empty or
 * already sending); a failure dooms the transaction. */
int ce__pg_batch_send(ce_backend_conn *conn);
/* What a read of t needs sent first: nothing when no row of t waits
 * (inserted or updated), else t's buffers and those holding a row one of
 * them refers to (with what those refer to, directly or not). */
int ce__pg_batch_send_for(ce_backend_conn *conn, const ce_table_def *t);
/* Whether a row of t waiting (inserted or updated) may be one the query
 * selects; false when an equality on an integer column rules out every
 * row inserted and none is updated: the read needs nothing sent. */
bool ce__pg_batch_may_match(ce_backend_conn *conn, const ce_table_def *t, const ce_query *query);
/* What a statement storing values (t's columns, libpq's text) needs sent
 * first: the buffers holding a row they refer to, with their parents'. */
int ce__pg_batch_send_refs(ce_backend_conn *conn, const ce_table_def *t,
                           const char *const *values);
/* Whether the row id of t waits in its buffer. */
bool ce__pg_batch_has(ce_backend_conn *conn, const ce_table_def *t, int64_t id);
/* Whether new values of the row id of t wait in its update buffer. */
bool ce__pg_batch_updating(ce_backend_conn *conn, const ce_table_def *t, int64_t id);
/* Forgets the rows and updates buffered (a rollback). */
void ce__pg_batch_discard(ce_backend_conn *conn);
void ce__pg_batch_free(ce_backend_conn *conn);

/* ---- ddl.c ------------------------------------------------------------------ */

/* The PostgreSQL type a column of this type is stored as. */
const char *ce__pg_storage_type(ce_column_type type);

/* The CHECK of an ENUM column's tokens, " CHECK (c = ANY ('{...}'::text[]))"
 * with each token double-quoted; CE_EINVALID for an ENUM without tokens. */
int ce__pg_enum_check(ce_sqlbuf *b, const ce_column_def *col);
/* The DDL of @p schema in PostgreSQL (tables, indexes, the identity table);
 * *out is malloc'd. */
int ce__pg_schema_sql(char **out, const ce_schema *schema);
/* Takes the transaction-level lock that serialises writers of this store. */
int ce__pg_lock_store(ce_backend_conn *conn);
/* Checks the store is ours and current: creates the schema in an empty one,
 * migrates an older one, refuses a newer or foreign one. */
int ce__pg_prepare_store(ce_backend_conn *conn);

/* ---- values.c ------------------------------------------------------------- */

/* Text form of a stored value of column col into buf (64 bytes); *out is
 * buf, the value's own text, or NULL for SQL NULL. CE_EINVALID for a value
 * that cannot be stored (an ENUM out of range, a date past 9999). */
int ce__pg_value_text(const char **out, char buf[64], const ce_column_def *col,
                      const ce_value *v);
/* Reads table->ncolumns values from result columns first.. of row r;
 * TEXT values are copied into @p text. */
int ce__pg_read_row(ce_backend_conn *conn, const PGresult *res, int r, int first,
                    const ce_table_def *table, ce_value *row, ce_pg_textbuf *text);
void ce__pg_textbuf_free(ce_pg_textbuf *text);
/* "YYYY-MM-DD" of a packed date; -1 if out of range. */
int ce__pg_date_text(char buf[11], int64_t date);
/* An integer from libpq's text form. */
bool ce__pg_parse_int(const char *s, int64_t *out);

/* ---- query.c ------------------------------------------------------------------ */

int ce__pg_find_first(ce_backend_conn *conn, const ce_table_def *table, const ce_query *query,
                      int64_t *out_id);
int ce__pg_count(ce_backend_conn *conn, const ce_table_def *table, const ce_query *query,
                 int64_t *out);
int ce__pg_scan_open(ce_backend_cursor **out, ce_backend_conn *conn, const ce_table_def *table,
                     const ce_query *query);
int ce__pg_scan_next(ce_backend_cursor *cursor, int64_t *out_id, ce_value *row);
void ce__pg_scan_close(ce_backend_cursor *cursor);

/* ---- report_stmts.c ------------------------------------------------------------ */

/* Runs a report's text (no parameters: its values written in) as a
 * statement kept prepared on this connection, preparing it in the same
 * round trip if new; *out is its result, which the caller clears. */
int ce__pg_run_report(PGresult **out, ce_backend_conn *conn, const char *sql, const char *what);
/* Forgets the statements kept (the session that had them is closing). */
void ce__pg_report_stmts_free(ce_backend_conn *conn);

/* ---- sql_driver.c -------------------------------------------------------------- */

struct ce_sql_conn;
/* The connection as the shared SQL layer sees it (driver and dialect). */
void ce__pg_sql_conn(struct ce_sql_conn *out, ce_backend_conn *conn);

int ce__pg_report_open(ce_backend_report **out, const ce_table **rows, ce_backend_conn *conn,
                       const char *name, const ce_report_filter *filter);
int ce__pg_report_next(ce_backend_report *report);
void ce__pg_report_close(ce_backend_report *report);
int ce__pg_report(ce_table **out, ce_backend_conn *conn, const char *name,
                  const ce_report_filter *filter);

#endif
