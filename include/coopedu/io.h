/**
 * @file coopedu/io.h
 * @brief Import and export: a whole data set as one JSON document (with a
 *        published JSON Schema), or CSV with one file per entity; export as
 *        an Excel workbook.
 *
 * **What an export holds.** Every entity, in schema order, as a list of
 * records; each record carries an `id` and every column by name, in column
 * order. Values: enums as their tokens, flags as lists of tokens, dates as
 * "YYYY-MM-DD", money and numbers as integers (reals as the shortest text
 * that reads back exactly), booleans as true/false. A lifecycle column
 * (`status`, `stage`) also carries its dated history as `<column>_history`.
 *
 * **Ids.** The `id` of an exported record is its number in the export: 1,
 * 2, ... in the store's id order, per entity. It is not the store's id, so
 * that an export never depends on how the store numbered its records:
 * export, import into an empty store and export again gives the same bytes.
 *
 * **References** are written as the target's natural key where it has one:
 * partner and platform and team `name`, student `number`, project `code`,
 * supervisor `staff_number`; otherwise (and for a supervisor without a
 * staff number) as the target's exported id. On import, a key is looked up
 * in the store (which already holds what the import has added so far); an
 * id names a record of the same import when the import carries that
 * entity, otherwise a record already in the store (its store id, as the CLI
 * shows it). In JSON a key is a string and an id an integer; in CSV a key is
 * plain text and an id is "#N" (a bare number is also an id for entities
 * without a natural key).
 *
 * **Import** is all or nothing: it runs in its own transaction, and the
 * first error rolls everything back. Errors name the input (file name),
 * the record (JSON "student[3]", zero-based, or CSV line) and the field,
 * followed by the library's own message.
 *
 * **Re-import** never duplicates: a record whose natural key is already in
 * the store, or (for entities without a key) whose every column equals a
 * record that was in the store before the import, is refused with
 * #CE_EEXISTS naming it. Importing the same file twice therefore fails
 * clearly the second time and changes nothing. With #CE_IO_UPDATE such
 * records are updated instead (a corrected spreadsheet imported again).
 *
 * **CSV** follows RFC 4180: UTF-8, a header row of column names (`id`,
 * the columns, then `<column>_history` for lifecycles) or of their Chinese
 * labels (`序号`, ce_column_label(), `<label>历程`), CRLF line ends,
 * quotes only where needed. An empty cell is NULL. Flags are tokens joined
 * by "|"; a history is "YYYY-MM-DD state" entries joined by "|". Cells that
 * a spreadsheet would run as a formula (text starting with =, +, -, @ or a
 * tab, after any spaces) are exported with a ' in front; on import one leading ' is removed
 * from a cell that is ' followed by such a cell, so the round trip is exact
 * (see #CE_IO_CSV_RAW). A UTF-8 byte-order mark at the start of an input,
 * CSV or JSON, is skipped.
 */
#ifndef COOPEDU_IO_H
#define COOPEDU_IO_H

#include "record.h"

#ifdef __cplusplus
extern "C" {
#endif

/**
 * Receives exported bytes. Called many times with consecutive pieces.
 * @param ctx the caller's context.
 * @param data @p len bytes (not NUL-terminated).
 * @return 0 to go on; anything else stops the export, which then fails
 *         with #CE_ERROR.
 * @since 0.1
 */
typedef int (*ce_write_fn)(void *ctx, const char *data, size_t len);

/**
 * Reports progress of an import or export.
 * @param ctx ce_io_options.progress_ctx.
 * @param done records processed so far.
 * @param total records in all (0 while unknown).
 * @return 0 to go on; anything else cancels: an import rolls back and
 *         fails with #CE_ERROR, an export stops with #CE_ERROR.
 * @since 0.1
 */
typedef int (*ce_progress_fn)(void *ctx, uint64_t done, uint64_t total);

/** @name Flags for ce_io_options.flags */
/**@{*/
/** CSV export: start each file with a UTF-8 byte-order mark (for spreadsheets). */
#define CE_IO_CSV_BOM 0x1u
/**
 * CSV: no formula defusing. Export writes text exactly as stored; import
 * keeps a leading ' as part of the text.
 */
#define CE_IO_CSV_RAW 0x2u
/**
 * JSON export: append the audit trail ("audit": every entry, oldest first,
 * its changes as an object), for handles that may read it (#CE_EDENIED
 * otherwise). Import skips it: an import records itself. @since 0.2
 */
#define CE_IO_AUDIT 0x4u
/**
 * CSV and workbook export: header cells in Chinese, the labels of
 * ce_column_label() ("学号" for student.number), "序号" for the id and
 * "<label>历程" for a lifecycle history (ce_io_header_label()); a workbook's
 * sheets are named by ce_entity_label(). JSON ignores it. @since 0.3
 */
#define CE_IO_LABELS_ZH 0x8u
/**
 * Import: update the records the input names instead of refusing them.
 * A record is matched by its natural key (partner name, student number,
 * ...); a record of an entity without one by its `id`, read as the export
 * numbers records (the N-th record of the entity in the store's id order
 * when the import starts; a higher number is a new record), and a record
 * without an id by being identical to one in the store. A matched record
 * takes the values of the fields the input gives (a CSV column present in
 * the header, a JSON key present; an empty cell or null clears) and keeps
 * the others; a lifecycle column moves to the given state, along its
 * history's entries after the stored state or in one move on the date
 * column's date, each move allowed by the lifecycle (#CE_ETRANSITION
 * otherwise). Unmatched records are inserted. Still all or nothing; with
 * ce_io_options.counts the caller learns what was created, updated and
 * left unchanged. Export ignores it. @since 0.3
 */
#define CE_IO_UPDATE 0x10u
/**@}*/

/** What an import did, filled in when it succeeds. @since 0.3 */
typedef struct ce_io_counts {
	uint64_t created;   /**< records inserted */
	uint64_t updated;   /**< records matched that changed (values or lifecycle) */
	uint64_t unchanged; /**< records matched that the input left as they were */
} ce_io_counts;

/** The current version of ce_io_options: 2 added @c counts. */
#define CE_IO_OPTIONS_VERSION 2
/**
 * Options for import and export; NULL means all defaults. A caller built
 * against version 1 (without @c counts) keeps working.
 * @since 0.1
 */
typedef struct ce_io_options {
	unsigned int version;    /**< #CE_IO_OPTIONS_VERSION (1 or 2) */
	unsigned int flags;      /**< CE_IO_* flags */
	ce_progress_fn progress; /**< called after every record; NULL: none */
	void *progress_ctx;      /**< passed to @c progress */
	const char *source_name; /**< name of an in-memory input in messages; NULL: "<input>" */
	size_t max_bytes;        /**< largest input accepted; 0: 1 GiB */
	/** Import: receives the counts on success (zeros on failure); NULL: not
	 *  wanted. Version 2. @since 0.3 */
	ce_io_counts *counts;
} ce_io_options;
#define CE_IO_OPTIONS_INIT { CE_IO_OPTIONS_VERSION, 0, NULL, NULL, NULL, 0, NULL }

/**
 * Initialises @p opts to the defaults of @p version (1 or 2; a version 1
 * struct is shorter, and only its members are written).
 * @return #CE_OK, or #CE_EINVALID for a NULL @p opts or unknown version.
 * @since 0.1
 */
CE_EXTERN ce_result ce_io_options_init(ce_io_options *opts, unsigned int version);

/** @name JSON: the whole data set as one document */
/**@{*/

/**
 * The JSON Schema (draft 2020-12) of the documents ce_export_json() writes
 * and ce_import_json() reads; the same text as docs/coopedu.schema.json.
 * @return a string with static lifetime, or NULL if it could not be built
 *         (out of memory).
 * @since 0.1
 */
CE_EXTERN const char *ce_json_schema(void);

/**
 * Writes the whole store as one JSON document through @p write. The
 * output is deterministic: the same store content gives the same bytes.
 * @param db the store.
 * @param write receives the document.
 * @param ctx passed to @p write.
 * @param opts options, or NULL.
 * @return #CE_OK, #CE_EINVALID, #CE_ENOMEM, #CE_EBACKEND, or #CE_ERROR
 *         when @p write or the progress callback stopped it.
 * @since 0.1
 */
CE_EXTERN ce_result ce_export_json(ce_db *db, ce_write_fn write, void *ctx, const ce_io_options *opts);

/**
 * As ce_export_json(), into the file @p path (created or truncated; "-"
 * is standard output).
 * @return as ce_export_json(), or #CE_ERROR when the file cannot be written.
 * @since 0.1
 */
CE_EXTERN ce_result ce_export_json_path(ce_db *db, const char *path, const ce_io_options *opts);

/**
 * Imports a JSON document of @p len bytes, all or nothing.
 * @param db the store; no transaction may be open on it.
 * @param data the document (need not be NUL-terminated).
 * @param len its length in bytes.
 * @param opts options, or NULL; opts->source_name names the input in messages.
 * @return #CE_OK; #CE_EINVALID (malformed JSON, wrong type, unknown key or
 *         token, bad value), #CE_ECONSTRAINT (dangling reference),
 *         #CE_EEXISTS (already in the store, or twice in the input),
 *         #CE_ETRANSITION, #CE_ECYCLE, #CE_EMISUSE (a transaction is open,
 *         or the store is read-only), #CE_ENOMEM, #CE_EBACKEND, or
 *         #CE_ERROR (cancelled). On failure the store is unchanged and
 *         ce_db_errmsg() names input, record and field.
 * @since 0.1
 */
CE_EXTERN ce_result ce_import_json(ce_db *db, const char *data, size_t len, const ce_io_options *opts);

/**
 * As ce_import_json(), from the file @p path ("-" is standard input).
 * @return as ce_import_json(), or #CE_ENOTFOUND / #CE_ERROR when the file
 *         cannot be read.
 * @since 0.1
 */
CE_EXTERN ce_result ce_import_json_path(ce_db *db, const char *path, const ce_io_options *opts);
/**@}*/

/** @name CSV: one file per entity */
/**@{*/

/**
 * Writes the records of one entity as CSV through @p write.
 * @return as ce_export_json().
 * @since 0.1
 */
CE_EXTERN ce_result ce_export_csv(ce_db *db, ce_entity entity, ce_write_fn write, void *ctx,
                                  const ce_io_options *opts);

/**
 * As ce_export_csv(), into the file @p path ("-" is standard output).
 * @return as ce_export_json_path().
 * @since 0.1
 */
CE_EXTERN ce_result ce_export_csv_path(ce_db *db, ce_entity entity, const char *path,
                                       const ce_io_options *opts);

/**
 * Writes every entity into directory @p dir (created if missing) as
 * "<entity>.csv", e.g. "partner.csv"; entities without records get a
 * header row only.
 * @return as ce_export_json_path().
 * @since 0.1
 */
CE_EXTERN ce_result ce_export_csv_dir(ce_db *db, const char *dir, const ce_io_options *opts);

/**
 * Imports CSV text of @p len bytes holding records of @p entity, all or
 * nothing.
 * @return as ce_import_json().
 * @since 0.1
 */
CE_EXTERN ce_result ce_import_csv(ce_db *db, ce_entity entity, const char *data, size_t len,
                                  const ce_io_options *opts);

/**
 * Imports several CSV files in one transaction, all or nothing:
 * @p paths[i] holds records of @p entities[i]. Files are imported in the
 * order their entities depend on each other, whatever order they are given
 * in, and ids resolve across them.
 * @param count number of files (at least 1).
 * @return as ce_import_json_path().
 * @since 0.1
 */
CE_EXTERN ce_result ce_import_csv_files(ce_db *db, size_t count, const ce_entity *entities,
                                        const char *const *paths, const ce_io_options *opts);

/**
 * Imports every "<entity>.csv" in directory @p dir in one transaction, as
 * ce_import_csv_files(). Another "*.csv" there is an error (a misnamed
 * file would otherwise be skipped silently); other files are ignored.
 * @return as ce_import_csv_files(); #CE_ENOTFOUND when @p dir holds no
 *         entity file.
 * @since 0.1
 */
CE_EXTERN ce_result ce_import_csv_dir(ce_db *db, const char *dir, const ce_io_options *opts);
/**@}*/

/** @name Workbook: every entity and every report in one Excel file */
/**@{*/

/**
 * Writes the store as an Excel workbook (.xlsx) at @p path (created or
 * replaced; a failed export leaves the old file or none).
 *
 * One sheet per entity, in schema order, named by ce_entity_label(): a
 * header row (frozen, with a filter) as the CSV export's, then one row per
 * record with the CSV export's cells typed for a spreadsheet: the id,
 * integers and money (minor units) as numbers, dates as Excel dates shown
 * "yyyy-mm-dd", booleans as booleans, enums and flags as their tokens,
 * references by natural key (else "#N" or N, the exported id), histories
 * as in CSV; text as it is (a workbook cell never runs as a formula), NULL
 * as an empty cell. Then one sheet per report (ce_report_run() without a
 * filter; a report that needs a project runs for each project, its rows
 * led by the project's code), its header the report's column names; a
 * report the handle's role may not run gets no sheet.
 *
 * @param db the store.
 * @param path the file ("-" is refused: a workbook is not a stream).
 * @param opts options, or NULL: #CE_IO_LABELS_ZH names sheets and headers
 *        in Chinese; the progress callback counts entity records.
 * @return #CE_OK; #CE_EINVALID (no path, a text longer than the 32767
 *         characters a cell holds, more rows than a sheet's 1048576),
 *         #CE_ENOMEM, #CE_EBACKEND, #CE_EDENIED, or #CE_ERROR (cancelled,
 *         or the file cannot be written).
 * @since 0.3
 */
CE_EXTERN ce_result ce_export_xlsx(ce_db *db, const char *path, const ce_io_options *opts);
/**@}*/

/**
 * The natural key column of @p entity, the one ce_column_flags() marks
 * #CE_COL_KEY: "name" for partner, platform and team, "number" for
 * student, "code" for project, "staff_number" for supervisor; NULL for
 * entities without one.
 * @since 0.1
 */
CE_EXTERN const char *ce_entity_natural_key(ce_entity entity);

/**
 * The header an export writes for a column of @p entity: with @p lang
 * "zh" the Chinese label ("序号" for the id, "学号" for student.number,
 * "状态历程" for the history of status), with "en" or NULL the CSV name
 * ("id", "number", "status_history").
 * @param entity the entity.
 * @param col the column index, or -1 for the id column.
 * @param history nonzero: the lifecycle history of @p col (which must be a
 *        lifecycle column).
 * @param lang "zh" (or "zh-CN", ... as ce_entity_label()), "en" or NULL.
 * @param buf receives the header, NUL-terminated.
 * @param size its size (64 bytes always suffice).
 * @return #CE_OK, or #CE_EINVALID (unknown entity, column or language, not
 *         a lifecycle column, or @p buf too small).
 * @since 0.3
 */
CE_EXTERN ce_result ce_io_header_label(ce_entity entity, int col, int history, const char *lang,
                                       char *buf, size_t size);

#ifdef __cplusplus
}
#endif
#endif
