/* Command-line text to values, generic over the schema: entities by name,
 * records by id or natural key, column values by their type. */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "cli.h"

int cli_entity(const cli *c, const char *name, ce_entity *out)
{
	char list[800] = "";
	if (name && ce_entity_by_name(out, name) == CE_OK)
		return EXIT_OK;
	for (int e = 1; e <= CE_ENTITY_LAST; e++) {
		strncat(list, e > 1 ? ", " : "", sizeof list - strlen(list) - 1);
		strncat(list, ce_entity_name((ce_entity)e), sizeof list - strlen(list) - 1);
	}
	if (!name)
		return cli_usage(c, "which entity? one of: %s", list);
	return cli_usage(c, "no entity '%s'; entities are: %s", name, list);
}

int cli_lifecycle_column(ce_entity e, const char *name)
{
	for (int col = 0; col < ce_entity_column_count(e); col++)
		if ((ce_column_flags(e, col) & CE_COL_LIFECYCLE) && (!name || !strcmp(name, ce_column_name(e, col))))
			return col;
	return -1;
}

ce_date cli_today(void)
{
	time_t now = time(NULL);
	struct tm tm;
	if (!localtime_r(&now, &tm))
		return 0;
	return CE_DATE(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

bool cli_parse_date(const char *text, ce_date *out)
{
	if (text && strcmp(text, "today") == 0)
		return (*out = cli_today()) != 0;
	return text && strlen(text) == 10 && ce_date_parse(out, text) == CE_OK;
}

/* Numbers are read as import reads them (lib/io/text.c), nothing around
 * them: an integer is decimal digits after an optional '-'; no spaces, '+',
 * hex or exponent. */
bool cli_parse_int(const char *s, int64_t *out)
{
	char *end;
	const char *p = *s == '-' ? s + 1 : s;
	if (*p < '0' || *p > '9')
		return false;
	errno = 0;
	long long v = strtoll(s, &end, 10);
	if (errno || *end)
		return false;
	*out = v;
	return true;
}

static const char *digits(const char *p)
{
	while (*p >= '0' && *p <= '9')
		p++;
	return p;
}

/* A real is a finite JSON number: -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)? */
bool cli_parse_real(const char *s, double *out)
{
	const char *p = *s == '-' ? s + 1 : s;
	if (*p == '0')
		p++;
	else if (*p >= '1' && *p <= '9')
		p = digits(p);
	else
		return false;
	if (*p == '.') {
		if (p[1] < '0' || p[1] > '9')
			return false;
		p = digits(p + 1);
	}
	if (*p == 'e' || *p == 'E') {
		p += p[1] == '+' || p[1] == '-' ? 2 : 1;
		if (*p < '0' || *p > '9')
			return false;
		p = digits(p);
	}
	if (*p)
		return false;
	errno = 0;
	double v = strtod(s, NULL);
	if (!isfinite(v))
		return false;
	*out = v;
	return true;
}

static bool all_digits(const char *s)
{
	if (!*s)
		return false;
	for (; *s; s++)
		if (*s < '0' || *s > '9')
			return false;
	return true;
}

/* ---- records by id or natural key --------------------------------------------- */

static int find_by_key(cli *c, ce_entity e, const char *key_col, const char *text, int64_t *out)
{
	ce_filter *f = NULL;
	ce_record_iter *it = NULL;
	ce_record *rec = NULL;
	int rc = ce_filter_new(&f);
	if (rc == CE_OK)
		rc = ce_filter_eq_text(f, key_col, text);
	if (rc == CE_OK)
		rc = ce_record_iter_new(&it, c->db, e, f);
	if (rc == CE_OK && (rc = ce_record_iter_next(&rec, it)) == CE_OK)
		*out = ce_record_id(rec);
	ce_record_free(rec);
	ce_record_iter_free(it);
	ce_filter_free(f);
	return rc;
}

int cli_resolve(cli *c, ce_entity e, const char *text, int64_t *out)
{
	const char *key = ce_entity_natural_key(e), *name = ce_entity_name(e);
	ce_record *rec = NULL;
	int64_t id = 0;
	int rc;
	/* "#N" is always an id; otherwise a natural key wins over an id, so
	 * that student 2014001 is the student with that number. */
	bool explicit_id = text[0] == '#';
	bool numeric = explicit_id ? cli_parse_int(text + 1, &id) : all_digits(text) && cli_parse_int(text, &id);
	if (key && !explicit_id) {
		rc = find_by_key(c, e, key, text, out);
		if (rc == CE_OK)
			return EXIT_OK;
		if (rc != CE_ITEROVER)
			return cli_lib_error(c, rc, name);
	}
	if (numeric && id > 0 && ce_record_lookup(&rec, c->db, e, id) == CE_OK) {
		ce_record_free(rec);
		*out = id;
		return EXIT_OK;
	}
	if (numeric && (explicit_id || !key))
		return cli_error("no %s with id %lld", name, (long long)id);
	if (!key)
		return cli_error("'%s' is not a %s id (a %s has no natural key; give its id)", text, name, name);
	return cli_error("no %s with %s '%s'%s", name, key, text, numeric ? " (nor with that id)" : "");
}

/* ---- column values ---------------------------------------------------------------- */

static void token_list(ce_entity e, int col, char *buf, size_t size)
{
	int n = ce_column_token_count(e, col);
	*buf = '\0';
	for (int i = ce_column_type_of(e, col) == CE_TYPE_FLAGS ? 0 : 1; i < n; i++) {
		const char *token = ce_column_token(e, col, i);
		if (!token)
			continue;
		strncat(buf, *buf ? ", " : "", size - strlen(buf) - 1);
		strncat(buf, token, size - strlen(buf) - 1);
	}
}

static int bad_value(ce_entity e, int col, const char *text, const char *expected)
{
	return cli_error("--%s: '%s' is not %s", ce_column_name(e, col), text, expected);
}

static int parse_flags(ce_entity e, int col, const char *text, int64_t *out)
{
	char *copy = strdup(text), *save = NULL, list[600];
	*out = 0;
	if (!copy)
		return cli_error("out of memory");
	for (char *tok = strtok_r(copy, ",|", &save); tok; tok = strtok_r(NULL, ",|", &save)) {
		int bit;
		while (*tok == ' ')
			tok++;
		if (ce_column_token_value(&bit, e, col, tok) != CE_OK) {
			token_list(e, col, list, sizeof list);
			cli_error("--%s: '%s' is not one of: %s", ce_column_name(e, col), tok, list);
			free(copy);
			return EXIT_FAIL;
		}
		*out |= INT64_C(1) << bit;
	}
	free(copy);
	return EXIT_OK;
}

/* Parses text for an integer-like column (everything but TEXT and REAL). */
static int int_value(cli *c, ce_entity e, int col, const char *text, int64_t *out)
{
	char list[600];
	int v;
	ce_date d;
	switch (ce_column_type_of(e, col)) {
	case CE_TYPE_INT:
		return cli_parse_int(text, out) ? EXIT_OK : bad_value(e, col, text, "an integer");
	case CE_TYPE_MONEY:
		return cli_parse_int(text, out) ? EXIT_OK
		                            : bad_value(e, col, text, "an amount in minor units (fen, cents)");
	case CE_TYPE_DATE:
		if (!cli_parse_date(text, &d))
			return bad_value(e, col, text, "a date (YYYY-MM-DD)");
		*out = d;
		return EXIT_OK;
	case CE_TYPE_BOOL:
		if (!strcasecmp(text, "true") || !strcasecmp(text, "yes") || !strcmp(text, "1"))
			*out = 1;
		else if (!strcasecmp(text, "false") || !strcasecmp(text, "no") || !strcmp(text, "0"))
			*out = 0;
		else
			return bad_value(e, col, text, "true or false");
		return EXIT_OK;
	case CE_TYPE_ENUM:
		if (ce_column_token_value(&v, e, col, text) != CE_OK) {
			token_list(e, col, list, sizeof list);
			return cli_error("--%s: '%s' is not one of: %s", ce_column_name(e, col), text, list);
		}
		*out = v;
		return EXIT_OK;
	case CE_TYPE_FLAGS:
		return parse_flags(e, col, text, out);
	case CE_TYPE_REF:
		return cli_resolve(c, ce_column_ref(e, col), text, out);
	default:
		return cli_error("--%s: not an integer-like column", ce_column_name(e, col));
	}
}

int cli_filter_value(cli *c, ce_entity e, int col, const char *text, int64_t *out)
{
	return int_value(c, e, col, text, out);
}

/* A reference being written by a role: an id (#N, or digits where the
 * target has no natural key) goes to the library as it is, seen or not, so
 * that a refusal says why (outside the role's scope) rather than "no such
 * record". Returns -1 when text is not such an id. */
static int role_ref_id(const cli *c, ce_entity target, const char *text, int64_t *out)
{
	if (c->role == CE_ROLE_NONE)
		return -1;
	if (text[0] == '#' && cli_parse_int(text + 1, out) && *out > 0)
		return EXIT_OK;
	if (!ce_entity_natural_key(target) && all_digits(text) && cli_parse_int(text, out) && *out > 0)
		return EXIT_OK;
	return -1;
}

int cli_set_value(cli *c, ce_record *rec, int col, const char *text)
{
	ce_entity e = ce_record_entity(rec);
	const char *name = ce_column_name(e, col);
	int64_t i;
	int rc = EXIT_OK;
	if (!*text)
		rc = ce_record_set_null(rec, name) == CE_OK ? EXIT_OK : cli_lib_error(c, CE_EINVALID, name);
	else if (ce_column_type_of(e, col) == CE_TYPE_TEXT)
		rc = ce_record_set_text(rec, name, text) == CE_OK ? EXIT_OK : cli_lib_error(c, CE_EINVALID, name);
	else if (ce_column_type_of(e, col) == CE_TYPE_REAL) {
		double r;
		if (!cli_parse_real(text, &r))
			return bad_value(e, col, text, "a number");
		rc = ce_record_set_real(rec, name, r) == CE_OK ? EXIT_OK : cli_lib_error(c, CE_EINVALID, name);
	} else if ((ce_column_type_of(e, col) == CE_TYPE_REF &&
	            role_ref_id(c, ce_column_ref(e, col), text, &i) == EXIT_OK) ||
	           (rc = int_value(c, e, col, text, &i)) == EXIT_OK) {
		rc = ce_record_set_int(rec, name, i) == CE_OK ? EXIT_OK : cli_lib_error(c, CE_EINVALID, name);
	}
	return rc;
}
