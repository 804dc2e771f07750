/**
 * @file coopedu/common.h
 * @brief Conventions shared by every libcoopedu header: export macro,
 *        result codes, dates, money and version information.
 */
#ifndef COOPEDU_COMMON_H
#define COOPEDU_COMMON_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Marks a declaration as part of the exported ABI. */
#if defined(_WIN32) && defined(CE_BUILDING_LIBRARY)
#define CE_EXTERN __declspec(dllexport)
#elif defined(__GNUC__) && defined(CE_BUILDING_LIBRARY)
#define CE_EXTERN __attribute__((visibility("default")))
#else
#define CE_EXTERN
#endif

/** @name Version of the headers (compile time); see ce_version_number(). */
/**@{*/
#define CE_VERSION_MAJOR 0
#define CE_VERSION_MINOR 2
#define CE_VERSION_PATCH 0
#define CE_VERSION_STRING "0.2.0"
/** MAJOR*1000000 + MINOR*1000 + PATCH, comparable as an integer. */
#define CE_VERSION_NUMBER (CE_VERSION_MAJOR * 1000000 + CE_VERSION_MINOR * 1000 + CE_VERSION_PATCH)
/**@}*/

/**
 * Result of every fallible call: 0 (#CE_OK) or one of the negative codes
 * below. Codes are never renumbered.
 */
typedef int ce_result;

/** @name Result codes */
/**@{*/
#define CE_OK 0             /**< Success. */
#define CE_ERROR (-1)       /**< Unclassified failure. */
#define CE_ENOMEM (-2)      /**< Out of memory. */
#define CE_ENOTFOUND (-3)   /**< No record with that id or key. */
#define CE_EEXISTS (-4)     /**< A unique value (name, number, code, pair) is taken. */
#define CE_EINVALID (-5)    /**< An argument or field value is malformed or out of range. */
#define CE_ECONSTRAINT (-6) /**< Referential integrity: dangling reference, or record still referenced. */
#define CE_ETRANSITION (-7) /**< A lifecycle move that is not allowed, or whose date goes backwards. */
#define CE_ECYCLE (-8)      /**< The change would close a cycle (subtopic dependencies, derivations). */
#define CE_ENOTSUPPORTED (-9) /**< The backend does not provide this operation. */
#define CE_EBACKEND (-10)   /**< The storage engine failed (I/O, corruption, server). */
#define CE_EBUSY (-11)      /**< The store is locked by another writer; retry later. */
#define CE_ESCHEMA (-12)    /**< The store's schema is newer than this library, or not ours. */
#define CE_EMISUSE (-13)    /**< The call is not allowed in this state (e.g. commit without begin). */
#define CE_EDENIED (-14)    /**< The handle's role may not do this (see ce_role); nothing changed. @since 0.2 */
#define CE_ITEROVER (-31)   /**< An iterator has no more items (not an error). */
/**@}*/

/**
 * Static English description of a result code, e.g. "not found".
 * @param code a ce_result value.
 * @return a string with static lifetime; never NULL (unknown codes give "unknown error").
 * @since 0.1
 */
CE_EXTERN const char *ce_strerror(int code);

/**
 * The message of the last failed call made by the calling thread, naming the
 * field and value at fault. Never NULL: "" when no call has failed yet.
 * @return a thread-local string, valid until the thread's next failing call.
 * @since 0.1
 */
CE_EXTERN const char *ce_last_errmsg(void);

/**
 * The code of the last failed call made by the calling thread, or #CE_OK.
 * @since 0.1
 */
CE_EXTERN int ce_last_errcode(void);

/** Version of the linked library as #CE_VERSION_NUMBER. @since 0.1 */
CE_EXTERN int ce_version_number(void);
/** Version of the linked library as "MAJOR.MINOR.PATCH". @since 0.1 */
CE_EXTERN const char *ce_version_string(void);

/**
 * A calendar date packed as YYYYMMDD (2019-03-15 is 20190315); 0 means "no
 * date". Packed dates compare in calendar order with < and >.
 */
typedef int32_t ce_date;

/** Packs a year, month and day into a ce_date (no validation). */
#define CE_DATE(y, m, d) ((ce_date)((y) * 10000 + (m) * 100 + (d)))

/**
 * Whether @p date is a real calendar date between 1900-01-01 and 2199-12-31.
 * @return 1 if valid, 0 otherwise (0 itself is not a valid date).
 * @since 0.1
 */
CE_EXTERN int ce_date_valid(ce_date date);

/**
 * Parses an ISO 8601 calendar date "YYYY-MM-DD".
 * @param[out] out the packed date.
 * @param text the text to parse.
 * @return #CE_OK, or #CE_EINVALID if @p text is not a valid date.
 * @since 0.1
 */
CE_EXTERN ce_result ce_date_parse(ce_date *out, const char *text);

/**
 * Formats a valid date as "YYYY-MM-DD" into @p buf (at least 11 bytes).
 * @return #CE_OK, or #CE_EINVALID if @p date is not valid or @p buf is NULL.
 * @since 0.1
 */
CE_EXTERN ce_result ce_date_format(char *buf, size_t size, ce_date date);

/**
 * Days from @p from to @p to (negative if @p to is earlier).
 * @param[out] out the difference in days.
 * @return #CE_OK, or #CE_EINVALID if either date is not valid.
 * @since 0.1
 */
CE_EXTERN ce_result ce_date_diff(int64_t *out, ce_date from, ce_date to);

#ifdef __cplusplus
}
#endif
#endif
