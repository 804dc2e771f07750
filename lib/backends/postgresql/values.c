/* Values in and out of PostgreSQL, in libpq's text format. TEXT read back
 * is copied into a buffer owned by the connection (fetch) or the cursor
 * (scan), so results are cleared at once; the strings stay valid until the
 * next fetch on that connection or the next step of that cursor. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pg_internal.h"

int ce__pg_date_text(char buf[11], int64_t date)
{
	if (date < 0 || date > 99999999)
		return -1;
	int v = (int)date;
	snprintf(buf, 11, "%04d-%02d-%02d", v / 10000, v / 100 % 100, v % 100);
	return 0;
}

/* Parses exactly "DDDD-DD-DD" (DateStyle ISO, set at connect). */
static bool date_parse(int64_t *out, const char *s)
{
	if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return false;
	int64_t v = 0;
	for (int i = 0; i < 10; i++) {
		if (i == 4 || i == 7)
			continue;
		if (s[i] < '0' || s[i] > '9')
			return false;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return true;
}

bool ce__pg_parse_int(const char *s, int64_t *out)
{
	char *end;
	errno = 0;
	long long v = strtoll(s, &end, 10);
	if (errno || end == s || *end)
		return false;
	*out = v;
	return true;
}

int ce__pg_value_text(const char **out, char buf[64], const ce_column_def *col,
                      const ce_value *v)
{
	*out = NULL;
	if (v->null)
		return CE_OK;
	switch (col->type) {
	case CE_TYPE_TEXT:
		*out = v->s ? v->s : "";
		return CE_OK;
	case CE_TYPE_REAL:
		snprintf(buf, 64, "%.17g", v->r);
		break;
	case CE_TYPE_BOOL:
		snprintf(buf, 64, "%s", v->i ? "t" : "f");
		break;
	case CE_TYPE_DATE:
		if (ce__pg_date_text(buf, v->i) != 0)
			return CE_EINVALID;
		break;
	case CE_TYPE_ENUM:
		if (!col->tokens || v->i < 1 || v->i >= col->ntokens || !col->tokens[v->i])
			return CE_EINVALID;
		*out = col->tokens[v->i];
		return CE_OK;
	default: /* INT, FLAGS, MONEY, REF */
		snprintf(buf, 64, "%lld", (long long)v->i);
		break;
	}
	*out = buf;
	return CE_OK;
}

void ce__pg_textbuf_free(ce_pg_textbuf *text)
{
	free(text->p);
	text->p = NULL;
	text->cap = 0;
}

static int corrupt(ce_backend_conn *conn, const PGresult *res, int r, int i,
                   const ce_table_def *table, const ce_column_def *def, const char *why)
{
	return ce__pg_error(conn, CE_EBACKEND, "corrupt value in %s.%s of row %s: %s ('%.40s')",
	                    table->name, def->name, PQgetvalue(res, r, 0), why, PQgetvalue(res, r, i));
}

static bool enum_value(int64_t *out, const ce_column_def *col, const char *s)
{
	for (int v = 1; v < col->ntokens; v++)
		if (col->tokens[v] && !strcmp(col->tokens[v], s)) {
			*out = v;
			return true;
		}
	return false;
}

int ce__pg_read_row(ce_backend_conn *conn, const PGresult *res, int r, int first,
                    const ce_table_def *table, ce_value *row, ce_pg_textbuf *text)
{
	/* The room every TEXT value needs first, so the buffer moves once. */
	size_t need = 0, used = 0;
	for (int c = 0; c < table->ncolumns; c++)
		if (table->columns[c].type == CE_TYPE_TEXT && !PQgetisnull(res, r, first + c))
			need += (size_t)PQgetlength(res, r, first + c) + 1;
	if (need > text->cap) {
		char *p = realloc(text->p, need);
		if (!p)
			return ce__pg_error(conn, CE_ENOMEM, "%s: out of memory reading a row", table->name);
		text->p = p;
		text->cap = need;
	}
	for (int c = 0; c < table->ncolumns; c++) {
		const ce_column_def *def = &table->columns[c];
		int i = first + c;
		ce_value *v = &row[c];
		memset(v, 0, sizeof *v);
		if (PQgetisnull(res, r, i)) {
			v->null = 1;
			continue;
		}
		const char *s = PQgetvalue(res, r, i);
		switch (def->type) {
		case CE_TYPE_TEXT: {
			size_t n = (size_t)PQgetlength(res, r, i);
			memcpy(text->p + used, s, n);
			text->p[used + n] = '\0';
			v->s = text->p + used;
			used += n + 1;
			break;
		}
		case CE_TYPE_REAL: {
			char *end;
			v->r = strtod(s, &end);
			if (end == s || *end)
				return corrupt(conn, res, r, i, table, def, "not a number");
			break;
		}
		case CE_TYPE_BOOL:
			if ((s[0] != 't' && s[0] != 'f') || s[1])
				return corrupt(conn, res, r, i, table, def, "not a boolean");
			v->i = s[0] == 't';
			break;
		case CE_TYPE_DATE:
			if (!date_parse(&v->i, s))
				return corrupt(conn, res, r, i, table, def, "not a YYYY-MM-DD date");
			break;
		case CE_TYPE_ENUM:
			if (!enum_value(&v->i, def, s))
				return corrupt(conn, res, r, i, table, def, "not one of its tokens");
			break;
		default:
			if (!ce__pg_parse_int(s, &v->i))
				return corrupt(conn, res, r, i, table, def, "not an integer");
			break;
		}
	}
	return CE_OK;
}
