/* Values in and out of SQLite. Storage is chosen to read well in any SQL
 * tool: DATE as TEXT 'YYYY-MM-DD', ENUM as its token, everything
 * integer-like as INTEGER. TEXT read back is copied into a buffer owned by
 * the connection (fetch) or the cursor (scan), so statements are reset at
 * once and hold no read lock; the strings stay valid until the next fetch
 * on that connection, or the next step of that cursor. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sqlite_internal.h"

/* ---- dates and tokens ---------------------------------------------------- */

int ce__sqlite_date_text(char buf[11], int64_t date)
{
	if (date < 0 || date > 99999999)
		return -1;
	/* by hand, not snprintf: every stored date passes here */
	int v = (int)date;
	for (int i = 9; i >= 0; i--) {
		if (i == 4 || i == 7) {
			buf[i] = '-';
			continue;
		}
		buf[i] = (char)('0' + v % 10);
		v /= 10;
	}
	buf[10] = '\0';
	return 0;
}

/* Parses exactly "DDDD-DD-DD"; -1 otherwise. */
static int date_parse(int64_t *out, const unsigned char *s, int len)
{
	if (len != 10 || s[4] != '-' || s[7] != '-')
		return -1;
	int64_t v = 0;
	for (int i = 0; i < 10; i++) {
		if (i == 4 || i == 7)
			continue;
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return 0;
}

static const char *enum_token(const ce_column_def *col, int64_t v)
{
	return col->tokens && v >= 1 && v < col->ntokens ? col->tokens[v] : NULL;
}

static int enum_value(int64_t *out, const ce_column_def *col, const unsigned char *s, int len)
{
	for (int v = 1; v < col->ntokens; v++) {
		const char *t = col->tokens[v];
		/* the first byte before any length: most tokens differ there */
		if (t && (len == 0 || t[0] == (char)s[0]) && (int)strlen(t) == len &&
		    memcmp(t, s, (size_t)len) == 0) {
			*out = v;
			return 0;
		}
	}
	return -1;
}

/* ---- binding ------------------------------------------------------------- */

static int bound(ce_backend_conn *conn, int rc, const char *table, const char *column)
{
	return rc == SQLITE_OK ? CE_OK : ce__sqlite_fail(conn, rc, "bind %s.%s", table, column);
}

int ce__sqlite_bind_value(ce_backend_conn *conn, sqlite3_stmt *stmt, int idx,
                          const ce_table_def *table, int col, const ce_value *v)
{
	const ce_column_def *def = &table->columns[col];
	char date[11];
	int rc;

	if (v->null)
		return bound(conn, sqlite3_bind_null(stmt, idx), table->name, def->name);
	switch (def->type) {
	case CE_TYPE_INT:
	case CE_TYPE_BOOL:
	case CE_TYPE_FLAGS:
	case CE_TYPE_MONEY:
	case CE_TYPE_REF:
		rc = sqlite3_bind_int64(stmt, idx, v->i);
		break;
	case CE_TYPE_REAL:
		rc = sqlite3_bind_double(stmt, idx, v->r);
		break;
	case CE_TYPE_TEXT:
		if (!v->s)
			return ce__sqlite_error(conn, CE_EINVALID, "%s.%s: set but without text",
			                        table->name, def->name);
		/* bindings are cleared before the call returns */
		rc = sqlite3_bind_text(stmt, idx, v->s, -1, SQLITE_STATIC);
		break;
	case CE_TYPE_DATE:
		if (ce__sqlite_date_text(date, v->i) != 0 || v->i / 100 % 100 < 1 ||
		    v->i / 100 % 100 > 12 || v->i % 100 < 1 || v->i % 100 > 31)
			return ce__sqlite_error(conn, CE_EINVALID, "%s.%s: %lld is not a YYYYMMDD date",
			                        table->name, def->name, (long long)v->i);
		rc = sqlite3_bind_text(stmt, idx, date, 10, SQLITE_TRANSIENT);
		break;
	case CE_TYPE_ENUM: {
		const char *token = enum_token(def, v->i);
		if (!token)
			return ce__sqlite_error(conn, CE_EINVALID, "%s.%s: %lld is not one of its values",
			                        table->name, def->name, (long long)v->i);
		rc = sqlite3_bind_text(stmt, idx, token, -1, SQLITE_STATIC);
		break;
	}
	default:
		return ce__sqlite_error(conn, CE_EINVALID, "%s.%s: unknown column type %d",
		                        table->name, def->name, (int)def->type);
	}
	return bound(conn, rc, table->name, def->name);
}

int ce__sqlite_bind_operand(ce_backend_conn *conn, sqlite3_stmt *stmt, int idx,
                            const ce_column_def *col, const ce_value *v, int bound_side)
{
	char date[11];
	int rc;

	if (v->null) {
		rc = sqlite3_bind_null(stmt, idx);
	} else if (col->type == CE_TYPE_REAL) {
		rc = sqlite3_bind_double(stmt, idx, v->r);
	} else if (col->type == CE_TYPE_TEXT) {
		if (!v->s)
			return ce__sqlite_error(conn, CE_EINVALID, "condition on %s: set but without text",
			                        col->name);
		rc = sqlite3_bind_text(stmt, idx, v->s, -1, SQLITE_TRANSIENT);
	} else if (col->type == CE_TYPE_DATE) {
		/* Bounds outside 0000-00-00..9999-99-99 are clamped: the text
		 * order of the formatted values is their numeric order. */
		int64_t d = v->i;
		if (bound_side)
			d = d < 0 ? 0 : d > 99999999 ? 99999999 : d;
		rc = ce__sqlite_date_text(date, d) == 0
		         ? sqlite3_bind_text(stmt, idx, date, 10, SQLITE_TRANSIENT)
		         : sqlite3_bind_null(stmt, idx); /* no stored date is equal */
	} else if (col->type == CE_TYPE_ENUM && !bound_side) {
		const char *token = enum_token(col, v->i);
		rc = token ? sqlite3_bind_text(stmt, idx, token, -1, SQLITE_STATIC)
		           : sqlite3_bind_null(stmt, idx);
	} else {
		/* integer-like, and ENUM ranges (compared by value, see query.c) */
		rc = sqlite3_bind_int64(stmt, idx, v->i);
	}
	return rc == SQLITE_OK ? CE_OK : ce__sqlite_fail(conn, rc, "bind condition on %s", col->name);
}

/* ---- reading ------------------------------------------------------------- */

void ce__sqlite_textbuf_free(ce_sqlite_textbuf *text)
{
	free(text->p);
	text->p = NULL;
	text->cap = 0;
}

static int corrupt(ce_backend_conn *conn, sqlite3_stmt *stmt, int i, const ce_table_def *table,
                   const ce_column_def *def, const char *why)
{
	const char *text = sqlite3_column_type(stmt, i) == SQLITE_TEXT
	                       ? (const char *)sqlite3_column_text(stmt, i) : NULL;
	return ce__sqlite_error(conn, CE_EBACKEND, "corrupt value in %s.%s of row %lld: %s%s%.40s%s",
	                        table->name, def->name, (long long)sqlite3_column_int64(stmt, 0), why,
	                        text ? " ('" : "", text ? text : "", text ? "')" : "");
}

int ce__sqlite_read_row(ce_backend_conn *conn, sqlite3_stmt *stmt, int first,
                        const ce_table_def *table, ce_value *row, ce_sqlite_textbuf *text)
{
	/* First the room every TEXT value needs, so that the buffer moves at
	 * most once and no pointer handed out below goes stale. */
	size_t need = 0;
	for (int c = 0; c < table->ncolumns; c++) {
		if (table->columns[c].type == CE_TYPE_TEXT &&
		    sqlite3_column_type(stmt, first + c) == SQLITE_TEXT) {
			sqlite3_column_text(stmt, first + c);
			need += (size_t)sqlite3_column_bytes(stmt, first + c) + 1;
		}
	}
	if (need > text->cap) {
		char *p = realloc(text->p, need);
		if (!p)
			return ce__sqlite_error(conn, CE_ENOMEM, "%s: out of memory reading a row", table->name);
		text->p = p;
		text->cap = need;
	}

	size_t used = 0;
	for (int c = 0; c < table->ncolumns; c++) {
		const ce_column_def *def = &table->columns[c];
		int i = first + c, type = sqlite3_column_type(stmt, i);
		ce_value *v = &row[c];
		memset(v, 0, sizeof *v);
		if (type == SQLITE_NULL) {
			v->null = 1;
			continue;
		}
		switch (def->type) {
		case CE_TYPE_INT:
		case CE_TYPE_BOOL:
		case CE_TYPE_FLAGS:
		case CE_TYPE_MONEY:
		case CE_TYPE_REF:
			if (type != SQLITE_INTEGER)
				return corrupt(conn, stmt, i, table, def, "not an integer");
			v->i = sqlite3_column_int64(stmt, i);
			break;
		case CE_TYPE_REAL:
			if (type != SQLITE_INTEGER && type != SQLITE_FLOAT)
				return corrupt(conn, stmt, i, table, def, "not a number");
			v->r = sqlite3_column_double(stmt, i);
			break;
		case CE_TYPE_TEXT: {
			if (type != SQLITE_TEXT)
				return corrupt(conn, stmt, i, table, def, "not text");
			const unsigned char *s = sqlite3_column_text(stmt, i);
			size_t n = (size_t)sqlite3_column_bytes(stmt, i);
			if (!s)
				return ce__sqlite_error(conn, CE_ENOMEM, "%s: out of memory reading a row",
				                        table->name);
			memcpy(text->p + used, s, n);
			text->p[used + n] = '\0';
			v->s = text->p + used;
			used += n + 1;
			break;
		}
		case CE_TYPE_DATE:
			if (type != SQLITE_TEXT ||
			    date_parse(&v->i, sqlite3_column_text(stmt, i), sqlite3_column_bytes(stmt, i)) != 0)
				return corrupt(conn, stmt, i, table, def, "not a YYYY-MM-DD date");
			break;
		case CE_TYPE_ENUM:
			if (type != SQLITE_TEXT ||
			    enum_value(&v->i, def, sqlite3_column_text(stmt, i), sqlite3_column_bytes(stmt, i)) != 0)
				return corrupt(conn, stmt, i, table, def, "not one of its tokens");
			break;
		default:
			return corrupt(conn, stmt, i, table, def, "unknown column type");
		}
	}
	return CE_OK;
}
