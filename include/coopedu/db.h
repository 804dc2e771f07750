/**
 * @file coopedu/db.h
 * @brief Opening a store, its errors, and explicit transactions.
 *
 * A ce_db is used by one thread at a time; separate handles may be used
 * from separate threads.
 */
#ifndef COOPEDU_DB_H
#define COOPEDU_DB_H

#include "common.h"

#ifdef __cplusplus
extern "C" {
#endif

/** An open store. */
typedef struct ce_db ce_db;

/** @name Flags for ce_open_options.flags */
/**@{*/
/**
 * Refuse every write; do not create the store. On SQLite the file is opened
 * read-only; a store whose directory cannot be written (so that SQLite
 * cannot create the -shm file its write-ahead log needs even to read) is
 * read as immutable: without locks, so a change another process makes
 * while the handle is open may not be seen, or may make a read fail. If a
 * -wal file beside it holds changes not yet in the database file, such a
 * store is refused (#CE_EBACKEND, "write-ahead log ... open it read-write
 * once") rather than read without them.
 */
#define CE_OPEN_READONLY 0x1u
#define CE_OPEN_NOCREATE 0x2u /**< Fail with #CE_ENOTFOUND if the store does not exist. */
/**@}*/

/**
 * Who is acting through a handle, and so what the handle may read and
 * change. The library authenticates no one: the embedding system does, and
 * names the actor. A handle opened without a role (#CE_ROLE_NONE) is the
 * trusted embedding system itself and may do everything. The rules are one
 * table (see the README's role matrix); a refused write is #CE_EDENIED and
 * changes nothing, and a record the role may not see is #CE_ENOTFOUND to it.
 * @since 0.2
 */
typedef enum ce_role {
	CE_ROLE_NONE = 0,  /**< the trusted embedding system: everything */
	CE_ROLE_ADMIN,     /**< everything (actor: a free name) */
	CE_ROLE_OFFICE,    /**< every record (actor: a free name) */
	CE_ROLE_ACADEMIC,  /**< an academic supervisor (actor: their staff number): their
	                        students, the projects they lead and their subtopics, their
	                        guidance and evaluations */
	CE_ROLE_MENTOR,    /**< an enterprise supervisor (actor: their staff number): the
	                        placements they mentor, those students' incidents, feedback
	                        and guidance, their own partner */
	CE_ROLE_STUDENT,   /**< a student (actor: their student number): their own records;
	                        they write their own progress reports */
	CE_ROLE_ANALYST,   /**< reads everything, writes nothing; students' names and
	                        numbers are pseudonymised (actor: a free name) */
	CE_ROLE_LAST = CE_ROLE_ANALYST
} ce_role;

/** The role's name ("office", ...), or NULL for an unknown one. @since 0.2 */
CE_EXTERN const char *ce_role_name(ce_role role);
/** The role named @p name. @return #CE_OK or #CE_EINVALID. @since 0.2 */
CE_EXTERN ce_result ce_role_by_name(ce_role *out, const char *name);

/** Version 2 appended actor and role. */
#define CE_OPEN_OPTIONS_VERSION 2
/** Options for ce_db_open(); NULL means all defaults. */
typedef struct ce_open_options {
	unsigned int version;  /**< #CE_OPEN_OPTIONS_VERSION */
	unsigned int flags;    /**< CE_OPEN_* flags; 0: read-write, create if missing. */
	int busy_timeout_ms;   /**< How long a writer waits for a lock; 0: 5000 ms. */
	/* ---- version 2 ---- */
	ce_role role;          /**< Who acts through the handle; #CE_ROLE_NONE: trusted. @since 0.2 */
	const char *actor;     /**< Names them (copied): a staff or student number for
	                            academic, mentor and student, a free name otherwise.
	                            Required with a role. @since 0.2 */
} ce_open_options;
#define CE_OPEN_OPTIONS_INIT { CE_OPEN_OPTIONS_VERSION, 0, 0, CE_ROLE_NONE, NULL }

/**
 * Initialises @p opts to the defaults of @p version.
 * @return #CE_OK, or #CE_EINVALID for a NULL @p opts or unknown version.
 * @since 0.1
 */
CE_EXTERN ce_result ce_open_options_init(ce_open_options *opts, unsigned int version);

/**
 * Opens (and by default creates) a store. The URI's scheme picks the
 * backend: "sqlite:PATH" (a bare path also means SQLite), "memory:" (a
 * fresh in-memory store), or a scheme registered with ce_backend_register().
 * A new store gets the current schema; an older one is migrated; a newer one
 * is refused with #CE_ESCHEMA.
 * @param[out] out the handle, to be closed with ce_db_close(); NULL on failure.
 * @param uri where the store is.
 * @param opts options, or NULL for defaults.
 * @return #CE_OK, #CE_EINVALID, #CE_ENOTFOUND, #CE_ENOTSUPPORTED (unknown
 *         scheme), #CE_ESCHEMA, #CE_EBACKEND or #CE_ENOMEM; ce_last_errmsg()
 *         says why.
 * @since 0.1
 */
CE_EXTERN ce_result ce_db_open(ce_db **out, const char *uri, const ce_open_options *opts);

/**
 * Copies @p uri into @p buf with any password in it replaced by "***": the
 * one in "scheme://user:PASSWORD@host..." and the value of a "password="
 * parameter. The library quotes URIs only this way in its messages; a
 * program showing a store's URI should too.
 * @param[out] buf where the redacted URI goes, always NUL-terminated when
 *             @p size > 0 (cut short if it does not fit).
 * @return the length of the whole redacted URI (as snprintf counts), or 0
 *         for a NULL @p uri.
 * @since 0.2
 */
CE_EXTERN size_t ce_uri_redact(char *buf, size_t size, const char *uri);

/**
 * Closes a store, rolling back a transaction left open. NULL is ignored.
 * Records obtained from the store stay valid.
 * @since 0.1
 */
CE_EXTERN void ce_db_close(ce_db *db);

/**
 * Message of the last failed call on @p db, naming the field and value at
 * fault; "" if none failed. Never NULL.
 * @return a string owned by @p db, valid until its next call.
 * @since 0.1
 */
CE_EXTERN const char *ce_db_errmsg(const ce_db *db);

/** Code of the last failed call on @p db, or #CE_OK. @since 0.1 */
CE_EXTERN int ce_db_errcode(const ce_db *db);

/** The role of the handle (#CE_ROLE_NONE: trusted). @since 0.2 */
CE_EXTERN ce_role ce_db_role(const ce_db *db);
/** The actor the handle was opened for, or NULL when trusted. Owned by @p db. @since 0.2 */
CE_EXTERN const char *ce_db_actor(const ce_db *db);

/** The scheme of the backend behind @p db ("sqlite", "memory", ...). @since 0.1 */
CE_EXTERN const char *ce_db_backend(const ce_db *db);

/**
 * Starts an explicit transaction. Every call that changes the store is atomic
 * on its own; a transaction groups several so that they land together.
 * Inside one, a call the library refuses (a rule, a missing record) leaves
 * the transaction as it was and usable. A failure it cannot foresee (the
 * connection lost, the disk full, a write the server refuses) may fail the
 * whole transaction instead: later writes are refused with that error and
 * ce_db_commit() rolls back and fails, so nothing of it is stored.
 * Transactions do not nest: a second begin is #CE_EMISUSE.
 * @return #CE_OK, #CE_EMISUSE, #CE_EBUSY or #CE_EBACKEND.
 * @since 0.1
 */
CE_EXTERN ce_result ce_db_begin(ce_db *db);

/**
 * Commits the transaction started with ce_db_begin().
 * @return #CE_OK, #CE_EMISUSE (none open), #CE_EBUSY or #CE_EBACKEND; on
 *         failure the transaction has been rolled back.
 * @since 0.1
 */
CE_EXTERN ce_result ce_db_commit(ce_db *db);

/**
 * Rolls back the transaction started with ce_db_begin().
 * @return #CE_OK or #CE_EMISUSE (none open).
 * @since 0.1
 */
CE_EXTERN ce_result ce_db_rollback(ce_db *db);

/** Whether an explicit transaction is open on @p db (1) or not (0). @since 0.1 */
CE_EXTERN int ce_db_in_transaction(const ce_db *db);

#ifdef __cplusplus
}
#endif
#endif
