/**
 * @file coopedu/sys/backend.h
 * @brief The storage backend interface. A backend stores and fetches rows
 *        of the tables in ce_schema; it enforces no domain rule (the core
 *        validates every value, reference and lifecycle before calling it).
 *
 * Every function returns #CE_OK or a negative CE_* code and, on failure,
 * leaves a message for errmsg(). Strings a backend hands back (in rows it
 * fills) stay valid until the next call on the same connection or cursor.
 *
 * The structure only grows: members are appended under a new
 * #CE_BACKEND_VERSION and the core reads no member past the version a
 * backend declares, so a backend written for an older version keeps
 * working unchanged.
 */
#ifndef COOPEDU_SYS_BACKEND_H
#define COOPEDU_SYS_BACKEND_H

#include "../analytics.h"
#include "schema.h"

#ifdef __cplusplus
extern "C" {
#endif

/** A backend's connection state. */
typedef struct ce_backend_conn ce_backend_conn;
/** A backend's scan cursor. */
typedef struct ce_backend_cursor ce_backend_cursor;
/** A backend's report read a row at a time (version 6). @since 0.3 */
typedef struct ce_backend_report ce_backend_report;

/** Aggregate tables report() may compute for the survey reports (@since
 *  0.3): per survey round (filter.round and filter.baseline, or the
 *  period's rounds) and respondent group (filter.group_by), the responses
 *  and each numeric item's answers counted per value; and the responses
 *  and population counted per group. */
#define CE_SURVEY_AGG_HISTOGRAM "survey.item_histogram"
#define CE_SURVEY_AGG_POPULATION "survey.population"
/** The histogram's rows for number items, and for a Likert item (whole
 *  numbers) a row per round and group with the answers and their sum
 *  (@since 0.3): all survey_comparison reads. */
#define CE_SURVEY_AGG_MEANS "survey.item_means"

/** Version 2 appended report(); version 3 appended data and connect();
 *  version 4 appended retryable(); version 5 appended exists() and
 *  atomic_calls(); version 6 appended report_open(), report_next() and
 *  report_close(); version 7 appended call_without_savepoint() and
 *  unique_at_insert(); version 8 appended reads_are_remote(); version 9
 *  appended update_keys_kept(). */
#define CE_BACKEND_VERSION 9

/** call_without_savepoint(): a statement the store refuses changes nothing
 *  and the transaction goes on; the core undoes the call's earlier writes.
 *  @since 0.3 */
#define CE_BACKEND_CALL_UNDO 1
/** call_without_savepoint(): a write the store refuses fails the whole
 *  transaction, which the backend then only rolls back. @since 0.3 */
#define CE_BACKEND_CALL_DOOM 2

/** @since 0.2 */
#define CE_BACKEND_OPEN_OPTIONS_VERSION 1

/**
 * What a version-3 backend's connect() is told. Members are only appended,
 * under a new #CE_BACKEND_OPEN_OPTIONS_VERSION; @p version says which a
 * backend may read.
 * @since 0.2
 */
typedef struct ce_backend_open_options {
	unsigned int version;     /**< #CE_BACKEND_OPEN_OPTIONS_VERSION the core filled in */
	const char *location;     /**< the URI after "scheme:" */
	const ce_schema *schema;  /**< the schema to create, migrate to or refuse */
	unsigned int flags;       /**< CE_OPEN_* */
	int busy_timeout_ms;      /**< how long a writer waits for a lock (> 0) */
	void *data;               /**< the backend's own ce_backend.data */
	char *errbuf;             /**< where to write a message on failure (may be NULL) */
	size_t errbuf_size;       /**< its size */
} ce_backend_open_options;

/** A storage backend. Members marked (must) are required. */
typedef struct ce_backend {
	unsigned int version;  /**< #CE_BACKEND_VERSION the backend was written for */
	const char *scheme;    /**< URI scheme that selects it, e.g. "sqlite" */

	/** (must before version 3; a version-3 backend sets this or connect())
	 *  Opens the store at @p location (the URI after "scheme:"), creating or
	 *  migrating @p schema as needed; @p flags are CE_OPEN_*. On failure
	 *  writes a message into @p errbuf (may be NULL). */
	int (*open)(ce_backend_conn **out, const char *location, const ce_schema *schema,
	            unsigned int flags, int busy_timeout_ms, char *errbuf, size_t errbuf_size);
	/** (must) Closes the connection, discarding an open transaction. */
	void (*close)(ce_backend_conn *conn);
	/** (must) Message of the connection's last failure; never NULL. */
	const char *(*errmsg)(ce_backend_conn *conn);

	/** (must) Transaction control. begin takes the write lock at once.
	 *  A savepoint nests one level inside an open transaction. */
	int (*begin)(ce_backend_conn *conn);
	int (*commit)(ce_backend_conn *conn);
	int (*rollback)(ce_backend_conn *conn);
	int (*savepoint)(ce_backend_conn *conn);
	int (*release)(ce_backend_conn *conn);
	int (*rollback_to)(ce_backend_conn *conn);

	/** (must) Inserts a row of @p table (ncolumns values); returns its new id. */
	int (*insert)(ce_backend_conn *conn, const ce_table_def *table, const ce_value *row,
	              int64_t *out_id);
	/** (must) Reads row @p id into @p row (ncolumns values); #CE_ENOTFOUND if absent. */
	int (*fetch)(ce_backend_conn *conn, const ce_table_def *table, int64_t id, ce_value *row);
	/** (must) Replaces every column of row @p id. */
	int (*update)(ce_backend_conn *conn, const ce_table_def *table, int64_t id,
	              const ce_value *row);
	/** (must) Deletes row @p id. */
	int (*remove)(ce_backend_conn *conn, const ce_table_def *table, int64_t id);
	/** (must) Id of the first row matching @p query, or #CE_ENOTFOUND. */
	int (*find_first)(ce_backend_conn *conn, const ce_table_def *table,
	                  const ce_query *query, int64_t *out_id);
	/** (must) Starts a scan in ascending id order. The query is copied. */
	int (*scan_open)(ce_backend_cursor **out, ce_backend_conn *conn,
	                 const ce_table_def *table, const ce_query *query);
	/** (must) Next row: its id and values; #CE_ITEROVER at the end. */
	int (*scan_next)(ce_backend_cursor *cursor, int64_t *out_id, ce_value *row);
	/** (must) Ends a scan; NULL is ignored. */
	void (*scan_close)(ce_backend_cursor *cursor);
	/** (may) Counts matching rows; if NULL the core counts by scanning. */
	int (*count)(ce_backend_conn *conn, const ce_table_def *table, const ce_query *query,
	             int64_t *out);

	/* ---- version 2 ---- */

	/** (may) Computes report @p name (see analytics.h; ce_report_name())
	 *  inside the storage engine, building @p out with coopedu/sys/table.h.
	 *  The core has already checked @p filter (dates valid, from <= to,
	 *  partner and project exist, only members the report honours set).
	 *  The table must equal, cell for cell, what the core computes from
	 *  the rows. Returns #CE_ENOTSUPPORTED (leaving *out NULL) for a report
	 *  it does not compute, and the core computes it instead; NULL means
	 *  none. Read only from backends declaring version 2 or later.
	 *
	 *  @p name may also be one of the aggregate tables the core builds the
	 *  survey reports from (#CE_SURVEY_AGG_HISTOGRAM, #CE_SURVEY_AGG_MEANS,
	 *  #CE_SURVEY_AGG_POPULATION; their columns in docs/survey-reports.md):
	 *  the core then groups, suppresses and computes the statistics
	 *  itself, from the backend's aggregates or its own. */
	int (*report)(ce_table **out, ce_backend_conn *conn, const char *name,
	              const ce_report_filter *filter);

	/* ---- version 3 ---- */

	/** (may) The backend's own pointer (as sqlite3_vfs.pAppData): handed to
	 *  connect() in ce_backend_open_options.data on every open. A backend
	 *  keeps what it needs of it in its connection, which every later call
	 *  receives, so one implementation can serve several registrations. */
	void *data;
	/** (must, unless open is set) Opens the store @p opts describes. Used
	 *  in preference to open() when both are set. */
	int (*connect)(ce_backend_conn **out, const ce_backend_open_options *opts);

	/* ---- version 4 ---- */

	/** (may) Whether the connection's last #CE_EBUSY was a conflict another
	 *  writer won (a serialisation failure, a deadlock) rather than a lock
	 *  not had in time: the core then runs a single call again, a bounded
	 *  number of times. Inside an explicit transaction the caller gets
	 *  #CE_EBUSY. NULL: never. */
	int (*retryable)(ce_backend_conn *conn);

	/* ---- version 5 ---- */

	/** (may) Whether row @p id of @p table exists: #CE_OK or #CE_ENOTFOUND,
	 *  reading only the key (the core checks references with it). NULL:
	 *  the core fetches the row instead.
	 *  @since 0.3 */
	int (*exists)(ce_backend_conn *conn, const ce_table_def *table, int64_t id);
	/** (may) Nonzero when a call of this connection that fails inside an
	 *  open transaction changes nothing and leaves the transaction usable
	 *  (as an SQLite statement does). The core then runs a write inside the
	 *  caller's transaction without a savepoint and undoes a failure after
	 *  some of its writes by the inverse writes (remove what it inserted,
	 *  put back what it updated); calls that delete keep their savepoint.
	 *  NULL or 0: every write takes a savepoint. Version 7 splits it in
	 *  two: when a backend sets call_without_savepoint() or
	 *  unique_at_insert(), this member is not read.
	 *  @since 0.3 */
	int (*atomic_calls)(ce_backend_conn *conn);

	/* ---- version 6 ---- */

	/** (may) Starts report @p name (as report() computes it) read a row at
	 *  a time, with memory bounded by the engine rather than by the
	 *  result. @p *rows is the cursor's table (coopedu/sys/table.h): the
	 *  report's columns and, after each report_next() that returns #CE_OK,
	 *  the current row as its only row; it belongs to the cursor. The rows
	 *  must be report()'s, in its order, cell for cell. Returns
	 *  #CE_ENOTSUPPORTED (leaving *out NULL) for a report it does not
	 *  stream; the core then reads report()'s table, or its own. Between
	 *  steps the connection must serve other reads; the core makes no
	 *  write and no transaction call (begin, commit, rollback) while one
	 *  is open, and closes every cursor before close(). NULL: none.
	 *  @since 0.3 */
	int (*report_open)(ce_backend_report **out, const ce_table **rows, ce_backend_conn *conn,
	                   const char *name, const ce_report_filter *filter);
	/** (must with report_open) The next row into the cursor's table:
	 *  #CE_OK, #CE_ITEROVER at the end, or a failure (message in errmsg()),
	 *  after which the cursor only closes. @since 0.3 */
	int (*report_next)(ce_backend_report *report);
	/** (must with report_open) Ends the cursor, at any point; NULL is
	 *  ignored. @since 0.3 */
	void (*report_close)(ce_backend_report *report);

	/* ---- version 7 ---- */

	/** (may) Whether a write call inside the caller's transaction
	 *  (ce_db_begin()) may run without a savepoint, and how a write the
	 *  store refuses is then contained. Asked at the start of each such
	 *  call that only inserts and updates (a delete, which cascades, always
	 *  takes a savepoint), so a backend may also note there that a new
	 *  call begins. The core checks every rule before a call's first
	 *  write, so a refused call writes nothing; for a failure after some
	 *  writes:
	 *  - #CE_BACKEND_CALL_UNDO: the failed statement changed nothing and
	 *    the transaction goes on (SQLite); the core undoes the call's
	 *    earlier writes by inverse writes (removes what it inserted, puts
	 *    back what it updated) and rolls the whole transaction back
	 *    should one of them fail.
	 *  - #CE_BACKEND_CALL_DOOM: a write the store refuses fails the whole
	 *    transaction (PostgreSQL): the backend then fails every later
	 *    call but rollback(), and commit() rolls back and fails. The core
	 *    still undoes by inverse writes a failure of its own after a
	 *    write (a dependent record's rule), and should one fail it fails
	 *    the transaction the same way.
	 *  0 or NULL: every write call takes a savepoint.
	 *  @since 0.3 */
	int (*call_without_savepoint)(ce_backend_conn *conn);
	/** (may) Nonzero when an insert that a unique key refuses fails alone
	 *  (#CE_ECONSTRAINT), changing nothing and leaving the transaction
	 *  usable: the core then asks the insert itself rather than looking
	 *  each unique key up first. NULL: 0. @since 0.3 */
	int (*unique_at_insert)(ce_backend_conn *conn);

	/* ---- version 8 ---- */

	/** (may) Nonzero when each read the core makes is a round trip to a
	 *  server (PostgreSQL): the core then keeps more of what the
	 *  transaction has written and read (the known-records set grows up
	 *  to 2^21 slots, 16 MiB; 16,384 rows). NULL or 0, and for backends
	 *  declaring a version before 8: the store answers in-process and the
	 *  core keeps little (known records at most 2^16 slots, 512 KiB, past
	 *  which records are asked of the store; 1,024 rows). @since 0.3 */
	int (*reads_are_remote)(ce_backend_conn *conn);

	/* ---- version 9 ---- */

	/** (may) As update(), and no column of a unique key of @p table (a
	 *  #CE_COL_UNIQUE column, a column of one of its unique_groups)
	 *  changes: the core, which has the row as it was, calls this instead
	 *  of update() when its comparison of the old and new row says so
	 *  (texts byte for byte, NULLs equal) — a lifecycle move always, and
	 *  every update of a table with no unique key. A backend may then
	 *  defer the write, even together with others of the table, as no key
	 *  moves through it. NULL, and for backends declaring a version before
	 *  9: every update goes to update(). @since 0.3 */
	int (*update_keys_kept)(ce_backend_conn *conn, const ce_table_def *table, int64_t id,
	                        const ce_value *row);
} ce_backend;

/**
 * Registers a backend for its scheme, replacing none: a scheme already
 * registered is #CE_EEXISTS. The structure must outlive every use. A
 * backend may declare any version from 1 to #CE_BACKEND_VERSION; only the
 * members of that version are read.
 * @return #CE_OK, #CE_EINVALID (missing must-members, bad version),
 *         #CE_EEXISTS or #CE_ENOMEM.
 * @since 0.1
 */
CE_EXTERN ce_result ce_backend_register(const ce_backend *backend);

/**
 * Finds the backend registered for @p scheme, built-in ones included.
 * @return the backend, or NULL.
 * @since 0.1
 */
CE_EXTERN const ce_backend *ce_backend_find(const char *scheme);

#ifdef __cplusplus
}
#endif
#endif
