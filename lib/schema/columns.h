/* Column descriptor macros for lib/schema/: each ties a column to its
 * field in the typed spec and refuses, at compile time, a field whose C
 * type does not match the column type. */
#ifndef CE_SCHEMA_COLUMNS_H
#define CE_SCHEMA_COLUMNS_H

#include <stddef.h>

#include "core/engine.h"
#include "schema.h"

/* Who may do what (access.c): handed to the core with the schema. */
extern const ce_policy ce__policy;

/* offsetof(S, f), or a compile error if S.f is not of type T. */
#define CE_FIELD(S, f, T) \
	(offsetof(S, f) + 0 * sizeof(char[_Generic(((S *)0)->f, T: 1, default: -1)]))

#define CE_TOKENS(arr) arr, (int)CE_ARRAY_LEN(arr)

/* name, type, flags, ref, tokens, ntokens, min, max, offset, since */
#define COL_TEXT(S, f, fl) { #f, CE_TYPE_TEXT, (fl), 0, NULL, 0, 0, 0, CE_FIELD(S, f, const char *), 1 }
#define COL_INT(S, f, fl, lo, hi) { #f, CE_TYPE_INT, (fl), 0, NULL, 0, (lo), (hi), CE_FIELD(S, f, int64_t), 1 }
#define COL_REAL(S, f, fl, lo, hi) { #f, CE_TYPE_REAL, (fl), 0, NULL, 0, (lo), (hi), CE_FIELD(S, f, double), 1 }
#define COL_DATE(S, f, fl) { #f, CE_TYPE_DATE, (fl), 0, NULL, 0, 0, 0, CE_FIELD(S, f, ce_date), 1 }
#define COL_BOOL(S, f, fl) { #f, CE_TYPE_BOOL, (fl), 0, NULL, 0, 0, 0, CE_FIELD(S, f, int), 1 }
/* Money is bounded (CE_MONEY_MAX, exact as a double) so that sums stay in int64. */
#define COL_MONEY(S, f, fl) { #f, CE_TYPE_MONEY, (fl) | CE_COL_NONNEG, 0, NULL, 0, 0, (double)CE_MONEY_MAX, CE_FIELD(S, f, int64_t), 1 }
#define COL_REF(S, f, fl, target) { #f, CE_TYPE_REF, (fl) | CE_COL_INDEXED, (target), NULL, 0, 0, 0, CE_FIELD(S, f, int64_t), 1 }
/* A boolean added by spec version `since` (older specs leave it 0). */
#define COL_BOOL_SINCE(S, f, fl, since) { #f, CE_TYPE_BOOL, (fl), 0, NULL, 0, 0, 0, CE_FIELD(S, f, int), (since) }
/* A reference added by spec version `since` (older specs leave it NULL). */
#define COL_REF_SINCE(S, f, fl, target, since) { #f, CE_TYPE_REF, (fl) | CE_COL_INDEXED, (target), NULL, 0, 0, 0, CE_FIELD(S, f, int64_t), (since) }
/* An enumeration and a date added by spec version `since` (older specs leave them NULL). */
#define COL_ENUM_SINCE(S, f, fl, E, toks, since) { #f, CE_TYPE_ENUM, (fl), 0, CE_TOKENS(toks), 0, 0, CE_FIELD(S, f, E), (since) }
#define COL_DATE_SINCE(S, f, fl, since) { #f, CE_TYPE_DATE, (fl), 0, NULL, 0, 0, 0, CE_FIELD(S, f, ce_date), (since) }
#define COL_ENUM(S, f, fl, E, toks) { #f, CE_TYPE_ENUM, (fl), 0, CE_TOKENS(toks), 0, 0, CE_FIELD(S, f, E), 1 }
#define COL_FLAGS(S, f, fl, toks) { #f, CE_TYPE_FLAGS, (fl), 0, CE_TOKENS(toks), 0, 0, CE_FIELD(S, f, unsigned int), 1 }

/* History tables have no typed spec: offsets are unused. */
#define HISTORY_TABLE(var, idx, sqlname, owner, toks)                                        \
	static const ce_column_def var##_columns[] = {                                         \
		{ "record", CE_TYPE_REF, CE_COL_REQUIRED | CE_COL_OWNER | CE_COL_INDEXED, (owner),  \
		  NULL, 0, 0, 0, 0, 1 },                                                            \
		{ "from_state", CE_TYPE_ENUM, 0, 0, CE_TOKENS(toks), 0, 0, 0, 1 },                 \
		{ "to_state", CE_TYPE_ENUM, CE_COL_REQUIRED, 0, CE_TOKENS(toks), 0, 0, 0, 1 },      \
		{ "on_date", CE_TYPE_DATE, CE_COL_REQUIRED, 0, NULL, 0, 0, 0, 0, 1 },               \
	};                                                                                     \
	const ce_table_def var = { (idx), sqlname, "one dated move of a lifecycle", 4,          \
		                       var##_columns, NULL, 0, NULL, 0, NULL };

#endif
