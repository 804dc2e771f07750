/* Validation of a row against its table's descriptors: the generic rules
 * (types, ranges, required, UTF-8, calendar dates, references, uniqueness,
 * exactly-one groups, date order, lifecycle start) and then the table's own
 * cross-record check. The one place these rules live. */
#include <math.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include "internal.h"

#define MAX_TEXT_BYTES 65536

int ce__clip(const char *s, int max)
{
	int n = 0;
	if (!s)
		return 0;
	while (s[n] && n < max)
		n++;
	while (n > 0 && s[n] && ((unsigned char)s[n] & 0xC0) == 0x80)
		n--; /* do not cut a character in two */
	return n;
}

bool ce__lifecycle_allows(const ce_lifecycle_def *lc, int disc, int from, int to)
{
	for (int i = 0; i < lc->nmoves; i++)
		if (lc->moves[i].disc == disc && lc->moves[i].from == from && lc->moves[i].to == to)
			return true;
	return false;
}

int ce__lifecycle_initial(const ce_lifecycle_def *lc, int disc)
{
	for (int i = 0; i < lc->nmoves; i++)
		if (lc->moves[i].disc == disc && lc->moves[i].from == 0)
			return lc->moves[i].to;
	return 0;
}

const ce_lifecycle_def *ce__lifecycle(const ce_table_def *table, int column)
{
	const struct ce_table_rules *r = table->rules;
	for (int i = 0; r && i < r->nlifecycles; i++)
		if (r->lifecycles[i].column == column)
			return &r->lifecycles[i];
	return NULL;
}

static bool numeric(ce_column_type t)
{
	return t == CE_TYPE_INT || t == CE_TYPE_REAL || t == CE_TYPE_MONEY || t == CE_TYPE_BOOL ||
	       t == CE_TYPE_FLAGS;
}

static const char *token(const ce_column_def *col, int64_t v)
{
	return v > 0 && v < col->ntokens ? col->tokens[v] : "?";
}

static int check_key(ce_db *db, const ce_table_def *t, const ce_column_def *col, const char *s);

static int check_text(ce_db *db, const ce_table_def *t, const ce_column_def *col, ce_value *v)
{
	size_t len = strlen(v->s);
	if (!ce__utf8_valid(v->s))
		return ce__fail(db, CE_EINVALID, "%s.%s: text is not valid UTF-8 (or has control characters)",
		                t->name, col->name);
	if (len > MAX_TEXT_BYTES)
		return ce__fail(db, CE_EINVALID, "%s.%s: text of %zu bytes is longer than %d", t->name,
		                col->name, len, MAX_TEXT_BYTES);
	int rc = CE_OK;
	if (len && (col->flags & CE_COL_KEY) && (rc = check_key(db, t, col, v->s)) != CE_OK)
		return rc;
	if (len && ce__text_normalised_column(col)) {
		/* the normal form lives on the handle until its next write */
		char **slot = &db->norm[col - t->columns];
		char *norm;
		if (ce__text_normalise(v->s, &norm) != CE_OK)
			return ce__fail(db, CE_ENOMEM, "%s.%s: out of memory", t->name, col->name);
		if (norm) {
			free(*slot);
			*slot = norm;
			v->s = norm;
			len = strlen(norm);
		}
	}
	if (len == 0)
		v->null = 1; /* empty text means unset */
	return CE_OK;
}

/* The code point at *p (valid UTF-8), advancing p. */
static uint32_t next_code_point(const unsigned char **p)
{
	const unsigned char *q = *p;
	int n = q[0] < 0x80 ? 0 : q[0] < 0xE0 ? 1 : q[0] < 0xF0 ? 2 : 3;
	uint32_t cp = n ? q[0] & (0x3F >> n) : q[0];
	for (int i = 1; i <= n; i++)
		cp = cp << 6 | (q[i] & 0x3F);
	*p = q + n + 1;
	return cp;
}

/* A natural key names its record on command lines, in CSV references and in
 * reports: it must show something, and show what it is. Refused: blank keys
 * (white space and zero-width spaces only), controls (tab, line breaks, DEL, C1) and the Unicode
 * Bidi_Control characters (U+061C, U+200E/F, U+202A..E, U+2066..9), which
 * reorder what a reader sees ("某公司<U+202E>司公"). */
static int check_key(ce_db *db, const ce_table_def *t, const ce_column_def *col, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	bool blank = true;
	while (*p) {
		uint32_t cp = next_code_point(&p);
		if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F))
			return ce__fail(db, CE_EINVALID, "%s.%s: a key must not contain control characters "
			                "(U+%04X)", t->name, col->name, (unsigned)cp);
		if (cp == 0x061C || cp == 0x200E || cp == 0x200F || (cp >= 0x202A && cp <= 0x202E) ||
		    (cp >= 0x2066 && cp <= 0x2069))
			return ce__fail(db, CE_EINVALID, "%s.%s: a key must not contain bidirectional "
			                "formatting characters (U+%04X)", t->name, col->name, (unsigned)cp);
		/* Unicode White_Space and the zero-width spaces */
		if (cp != ' ' && cp != 0xA0 && cp != 0x1680 && !(cp >= 0x2000 && cp <= 0x200B) &&
		    cp != 0x2028 && cp != 0x2029 && cp != 0x202F && cp != 0x205F && cp != 0x2060 &&
		    cp != 0x3000 && cp != 0xFEFF)
			blank = false;
	}
	if (blank)
		return ce__fail(db, CE_EINVALID, "%s.%s: a key must not be blank", t->name, col->name);
	return CE_OK;
}

static int check_number(ce_db *db, const ce_table_def *t, const ce_column_def *col,
                        const ce_value *v)
{
	double x = col->type == CE_TYPE_REAL ? v->r : (double)v->i;
	if (col->type == CE_TYPE_REAL && !isfinite(v->r))
		return ce__fail(db, CE_EINVALID, "%s.%s: not a finite number", t->name, col->name);
	if ((col->flags & CE_COL_NONNEG) && x < 0)
		return col->type == CE_TYPE_REAL
		           ? ce__fail(db, CE_EINVALID, "%s.%s: %g must not be negative", t->name, col->name, x)
		           : ce__fail(db, CE_EINVALID, "%s.%s: %lld must not be negative", t->name,
		                      col->name, (long long)v->i);
	if (col->min < col->max && (x < col->min || x > col->max))
		return col->type == CE_TYPE_REAL
		           ? ce__fail(db, CE_EINVALID, "%s.%s: %g is outside %g..%g", t->name, col->name, x,
		                      col->min, col->max)
		           : ce__fail(db, CE_EINVALID, "%s.%s: %lld is outside %lld..%lld", t->name,
		                      col->name, (long long)v->i, (long long)col->min, (long long)col->max);
	if (col->type == CE_TYPE_BOOL && v->i != 0 && v->i != 1)
		return ce__fail(db, CE_EINVALID, "%s.%s: %lld is not a boolean (0 or 1)", t->name,
		                col->name, (long long)v->i);
	if (col->type == CE_TYPE_FLAGS && (v->i < 0 || v->i >= (INT64_C(1) << col->ntokens)))
		return ce__fail(db, CE_EINVALID, "%s.%s: 0x%llx has unknown flag bits", t->name, col->name,
		                (unsigned long long)v->i);
	return CE_OK;
}

static int check_column(ce_db *db, const ce_table_def *t, int c, ce_value *v)
{
	const ce_column_def *col = &t->columns[c];
	int rc;
	if (col->type == CE_TYPE_TEXT && !v->null && (rc = check_text(db, t, col, v)) != CE_OK)
		return rc;
	if (v->null)
		return (col->flags & CE_COL_REQUIRED)
		           ? ce__fail(db, CE_EINVALID, "%s.%s: is required", t->name, col->name)
		           : CE_OK;
	switch (col->type) {
	case CE_TYPE_DATE:
		if (!ce_date_valid((ce_date)v->i) || v->i != (ce_date)v->i)
			return ce__fail(db, CE_EINVALID, "%s.%s: %lld is not a calendar date (YYYYMMDD, 1900..2199)",
			                t->name, col->name, (long long)v->i);
		return CE_OK;
	case CE_TYPE_ENUM:
		if (v->i < 1 || v->i >= col->ntokens)
			return ce__fail(db, CE_EINVALID, "%s.%s: %lld is not one of its %d values", t->name,
			                col->name, (long long)v->i, col->ntokens - 1);
		return CE_OK;
	case CE_TYPE_REF:
		if (v->i <= 0)
			return ce__fail(db, CE_EINVALID, "%s.%s: %lld is not a record id", t->name, col->name,
			                (long long)v->i);
		rc = ce__exists(db, col->ref, v->i);
		if (rc == CE_ENOTFOUND)
			return ce__fail(db, CE_ECONSTRAINT, "%s.%s: no %s with id %lld", t->name, col->name,
			                ce__store_table(db, col->ref)->name, (long long)v->i);
		return rc; /* a storage failure (recorded) is not a dangling reference */
	case CE_TYPE_TEXT:
		return CE_OK;
	default:
		return check_number(db, t, col, v);
	}
}

static int check_exactly_one(ce_db *db, const ce_table_def *t, const ce_value *row)
{
	const struct ce_table_rules *r = t->rules;
	for (int g = 0; r && r->exactly_one && r->exactly_one[g]; g++) {
		const int *cols = r->exactly_one[g];
		int set = 0, n = 0;
		char names[160] = "";
		for (; cols[n] >= 0; n++) {
			set += !row[cols[n]].null;
			strncat(names, n ? ", " : "", sizeof names - strlen(names) - 1);
			strncat(names, t->columns[cols[n]].name, sizeof names - strlen(names) - 1);
		}
		if (set != 1)
			return ce__fail(db, CE_EINVALID, "%s: exactly one of %s must be set (%d given)", t->name,
			                names, set);
	}
	return CE_OK;
}

static int check_date_orders(ce_db *db, const ce_table_def *t, const ce_value *row)
{
	const struct ce_table_rules *r = t->rules;
	for (int i = 0; r && i < r->ndate_orders; i++) {
		const ce_value *a = &row[r->date_orders[i].first], *b = &row[r->date_orders[i].second];
		char da[16], db_[16];
		if (a->null || b->null || b->i >= a->i)
			continue;
		ce_date_format(da, sizeof da, (ce_date)a->i);
		ce_date_format(db_, sizeof db_, (ce_date)b->i);
		return ce__fail(db, CE_EINVALID, "%s.%s: %s is before %s %s", t->name,
		                t->columns[r->date_orders[i].second].name, db_,
		                t->columns[r->date_orders[i].first].name, da);
	}
	return CE_OK;
}

static int describe_value(char *buf, size_t size, const ce_column_def *col, const ce_value *v)
{
	if (col->type == CE_TYPE_TEXT)
		return snprintf(buf, size, "'%.*s'", ce__clip(v->s, 80), v->s);
	if (col->type == CE_TYPE_ENUM)
		return snprintf(buf, size, "%s", token(col, v->i));
	if (col->type == CE_TYPE_REAL)
		return snprintf(buf, size, "%g", v->r);
	return snprintf(buf, size, "%lld", (long long)v->i);
}

/* Refuses a value (or group of values) another record already holds.
 * key names it for ce__keys_absent(): a key the transaction knows to be
 * free is not looked up. */
static int check_unique(ce_db *db, const ce_table_def *t, int key, const int *cols, int ncols,
                        const ce_value *row, int64_t id)
{
	ce_condition conds[CE_MAX_COLUMNS];
	char what[400] = "";
	int64_t other;
	bool absent;
	for (int i = 0; i < ncols; i++) {
		if (row[cols[i]].null)
			return CE_OK; /* NULLs never collide */
		conds[i] = (ce_condition){ .op = CE_COND_EQ, .column = cols[i], .low = row[cols[i]] };
	}
	int rc = ce__keys_absent(&absent, db, t, key, cols, ncols, row);
	if (rc != CE_OK || absent)
		return rc;
	ce_query q = { (unsigned)ncols, conds };
	rc = db->backend->find_first(db->conn, t, &q, &other);
	if (rc == CE_ENOTFOUND || (rc == CE_OK && other == id))
		return CE_OK;
	if (rc != CE_OK)
		return ce__backend_fail(db, rc, t->name);
	if (ncols == 1) {
		describe_value(what, sizeof what, &t->columns[cols[0]], &row[cols[0]]);
		return ce__fail(db, CE_EEXISTS, "%s.%s: %s is already taken by %s %lld", t->name,
		                t->columns[cols[0]].name, what, t->name, (long long)other);
	}
	for (int i = 0; i < ncols; i++) {
		size_t len = strlen(what);
		int n = snprintf(what + len, sizeof what - len, "%s%s ", i ? ", " : "",
		                 t->columns[cols[i]].name);
		if (n > 0 && (size_t)n < sizeof what - len)
			describe_value(what + strlen(what), sizeof what - strlen(what), &t->columns[cols[i]],
			               &row[cols[i]]);
	}
	return ce__fail(db, CE_EEXISTS, "%s: (%s) already exists as %s %lld", t->name, what, t->name,
	                (long long)other);
}

static int check_uniques(ce_db *db, const ce_table_def *t, const ce_value *row, int64_t id)
{
	int rc = CE_OK;
	for (int c = 0; c < t->ncolumns && rc == CE_OK; c++)
		if (t->columns[c].flags & CE_COL_UNIQUE)
			rc = check_unique(db, t, c, &c, 1, row, id);
	for (int g = 0; rc == CE_OK && t->unique_groups && t->unique_groups[g]; g++) {
		int n = 0;
		while (t->unique_groups[g][n] >= 0)
			n++;
		rc = check_unique(db, t, CE_MAX_COLUMNS + g, t->unique_groups[g], n, row, id);
	}
	return rc;
}

/* Fills lifecycle defaults before the generic checks: a new record starts
 * in the initial state on its default date; an update keeps the state. */
static void lifecycle_defaults(const ce_table_def *t, ce_value *row, const ce_value *old)
{
	const struct ce_table_rules *r = t->rules;
	for (int i = 0; r && i < r->nlifecycles; i++) {
		const ce_lifecycle_def *lc = &r->lifecycles[i];
		ce_value *state = &row[lc->column], *date = &row[lc->date_column];
		if (old) {
			if (state->null)
				*state = old[lc->column];
			if (date->null)
				*date = old[lc->date_column];
			continue;
		}
		if (state->null) {
			const ce_value *disc = lc->discriminator >= 0 ? &row[lc->discriminator] : NULL;
			int s = disc && disc->null ? 0 : ce__lifecycle_initial(lc, disc ? (int)disc->i : 0);
			if (s > 0)
				*state = (ce_value){ .i = s };
		}
		if (date->null && lc->default_date >= 0)
			*date = row[lc->default_date];
	}
}

static int check_lifecycles(ce_db *db, const ce_table_def *t, const ce_value *row,
                            const ce_value *old)
{
	const struct ce_table_rules *r = t->rules;
	for (int i = 0; r && i < r->nlifecycles; i++) {
		const ce_lifecycle_def *lc = &r->lifecycles[i];
		const ce_column_def *col = &t->columns[lc->column];
		int disc = lc->discriminator >= 0 ? (int)row[lc->discriminator].i : 0;
		if (!old) {
			if (!ce__lifecycle_allows(lc, disc, 0, (int)row[lc->column].i))
				return ce__fail(db, CE_ETRANSITION, "%s.%s: a new record cannot start as '%s'%s%s",
				                t->name, col->name, token(col, row[lc->column].i),
				                lc->discriminator >= 0 ? " for " : "",
				                lc->discriminator >= 0
				                    ? token(&t->columns[lc->discriminator], disc)
				                    : "");
			continue;
		}
		if (lc->discriminator >= 0 && row[lc->discriminator].i != old[lc->discriminator].i)
			return ce__fail(db, CE_EINVALID, "%s.%s: cannot change once set (it decides the %s lifecycle)",
			                t->name, t->columns[lc->discriminator].name, col->name);
		if (row[lc->column].i != old[lc->column].i || row[lc->date_column].i != old[lc->date_column].i)
			return ce__fail(db, CE_ETRANSITION, "%s.%s: '%s' cannot be set by an update; use the %s transition",
			                t->name, col->name, token(col, row[lc->column].i), col->name);
	}
	return CE_OK;
}

int ce__check_uniques(ce_db *db, const ce_table_def *t, const ce_value *row, int64_t id)
{
	return check_uniques(db, t, row, id);
}

static int validate(ce_db *db, const ce_table_def *t, ce_value *row, int64_t id,
                    const ce_value *old, bool uniques)
{
	int rc;
	for (int c = 0; c < t->ncolumns; c++) {
		/* An unset number is 0, except a required one: that is missing,
		 * not "0 is outside 1950..2100". */
		if (row[c].null && numeric(t->columns[c].type) && (t->columns[c].flags & CE_COL_REQUIRED))
			return ce__fail(db, CE_EINVALID, "%s.%s: is required", t->name, t->columns[c].name);
		if (row[c].null && numeric(t->columns[c].type))
			row[c] = (ce_value){ 0 };
	}
	lifecycle_defaults(t, row, old);
	for (int c = 0; c < t->ncolumns; c++)
		if ((rc = check_column(db, t, c, &row[c])) != CE_OK)
			return rc;
	if ((rc = check_exactly_one(db, t, row)) != CE_OK ||
	    (rc = check_date_orders(db, t, row)) != CE_OK ||
	    (rc = check_lifecycles(db, t, row, old)) != CE_OK ||
	    (uniques && (rc = check_uniques(db, t, row, id)) != CE_OK))
		return rc;
	return t->rules && t->rules->check ? t->rules->check(db, t, row, id) : CE_OK;
}

int ce__validate(ce_db *db, const ce_table_def *t, ce_value *row, int64_t id,
                 const ce_value *old)
{
	return validate(db, t, row, id, old, true);
}

int ce__validate_for_insert(ce_db *db, const ce_table_def *t, ce_value *row)
{
	return validate(db, t, row, 0, NULL, false);
}
