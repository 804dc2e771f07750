/* The per-entity commands take one --COLUMN option per column of their
 * entity; this builds those options from the schema and describes the
 * columns for --help and `describe`. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

int cli_entity_arg(cli *c, int argc, char **argv, ce_entity *out, int *pos)
{
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (!strcmp(a, "--db") || !strcmp(a, "--format")) {
			i++;
			continue;
		}
		if (!strcmp(a, "--help") || !strcmp(a, "-h"))
			break;
		if (a[0] == '-')
			continue;
		if (pos)
			*pos = i;
		return cli_entity(c, a, out);
	}
	for (int i = 1; i < argc; i++)
		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
			cli_help(c);
			return CLI_DONE;
		}
	return cli_entity(c, NULL, out);
}

/* "staff_number" also as "staff-number". */
static char *dashed(const char *name)
{
	char *s = strdup(name);
	for (char *p = s; p && *p; p++)
		if (*p == '_')
			*p = '-';
	return s;
}

/* By scanning, not ce_column_index(): a miss is expected here and must not
 * replace the library's last error. */
static bool is_column(ce_entity e, const char *name)
{
	for (int col = 0; col < ce_entity_column_count(e); col++)
		if (!strcmp(ce_column_name(e, col), name))
			return true;
	return false;
}

ce_entity cli_link_target(ce_entity e, int link)
{
	return ce_entity_link_target(e, link);
}

struct option *cli_column_options(ce_entity e, const struct option *extra, bool links)
{
	int ncolumns = ce_entity_column_count(e), nlinks = ce_entity_link_count(e);
	size_t nextra = 0, n = 0;
	if (ncolumns < 0 || nlinks < 0)
		return NULL;
	while (extra && extra[nextra].name)
		nextra++;
	size_t cap = 2 * (size_t)ncolumns + 2 * (size_t)nlinks + nextra + 4;
	struct option *opts = calloc(cap, sizeof *opts);
	if (!opts)
		return NULL;
	for (int col = 0; col < ncolumns; col++) {
		const char *name = ce_column_name(e, col);
		opts[n++] = (struct option){ name, required_argument, NULL, CLI_OPT_COLUMN + col };
		if (strchr(name, '_'))
			opts[n++] = (struct option){ dashed(name), required_argument, NULL, CLI_OPT_COLUMN + col };
	}
	for (int l = 0; links && l < nlinks; l++)
		if (!is_column(e, ce_entity_link_name(e, l)))
			opts[n++] = (struct option){ ce_entity_link_name(e, l), required_argument, NULL, CLI_OPT_LINK + l };
	for (size_t i = 0; i < nextra; i++)
		opts[n++] = extra[i];
	opts[n++] = (struct option){ "db", required_argument, NULL, OPT_DB };
	opts[n++] = (struct option){ "format", required_argument, NULL, OPT_FORMAT };
	opts[n++] = (struct option){ "help", no_argument, NULL, OPT_HELP };
	return opts;
}

void cli_free_options(struct option *opts, ce_entity e)
{
	int ncolumns = ce_entity_column_count(e);
	/* the dashed copies are the column options whose name is not the library's */
	for (struct option *o = opts; o && o->name; o++)
		if (o->val >= CLI_OPT_COLUMN && o->val < CLI_OPT_COLUMN + ncolumns &&
		    o->name != ce_column_name(e, o->val - CLI_OPT_COLUMN))
			free((char *)o->name);
	free(opts);
}

/* ---- describing columns -------------------------------------------------------- */

static const char *type_name(ce_column_type type)
{
	static const char *const names[] = { "?", "integer", "number", "text", "date", "boolean",
		                                  "enum", "flags", "reference", "money" };
	return (int)type >= 1 && (int)type <= 9 ? names[type] : "?";
}

static void column_detail(ce_entity e, int col, char *buf, size_t size)
{
	ce_column_type type = ce_column_type_of(e, col);
	unsigned int flags = ce_column_flags(e, col);
	ce_entity ref;
	double min, max;
	const char *key;
	*buf = '\0';
	switch (type) {
	case CE_TYPE_ENUM:
	case CE_TYPE_FLAGS:
		for (int i = type == CE_TYPE_FLAGS ? 0 : 1; i < ce_column_token_count(e, col); i++) {
			const char *token = ce_column_token(e, col, i);
			if (!token)
				continue;
			strncat(buf, *buf ? (type == CE_TYPE_FLAGS ? "|" : ", ") : "", size - strlen(buf) - 1);
			strncat(buf, token, size - strlen(buf) - 1);
		}
		if (flags & CE_COL_LIFECYCLE)
			strncat(buf, " (lifecycle: use set-status)", size - strlen(buf) - 1);
		break;
	case CE_TYPE_REF:
		ref = ce_column_ref(e, col);
		key = ce_entity_natural_key(ref);
		snprintf(buf, size, "a %s, by %s%s", ce_entity_name(ref), key ? key : "id",
		         key ? " or #id" : "");
		break;
	case CE_TYPE_MONEY:
		snprintf(buf, size, "minor units (fen, cents)");
		break;
	case CE_TYPE_DATE:
		snprintf(buf, size, "YYYY-MM-DD");
		break;
	default:
		if (ce_column_range(&min, &max, e, col) == CE_OK)
			snprintf(buf, size, "%g..%g", min, max);
		else if (flags & CE_COL_NONNEG)
			snprintf(buf, size, ">= 0");
	}
	if (flags & CE_COL_UNIQUE)
		strncat(buf, *buf ? ", unique" : "unique", size - strlen(buf) - 1);
}

int cli_columns_table(cli *c, ce_entity e, ce_table **out)
{
	static const char *const names[] = { "column", "type", "required", "values" };
	static const ce_column_type types[] = { CE_TYPE_TEXT, CE_TYPE_TEXT, CE_TYPE_BOOL, CE_TYPE_TEXT };
	char detail[600];
	int rc = ce_table_new(out, ce_entity_name(e), 4, names, types);
	for (int col = 0; rc == CE_OK && col < ce_entity_column_count(e); col++) {
		size_t r;
		column_detail(e, col, detail, sizeof detail);
		if ((rc = ce_table_append_row(&r, *out)) == CE_OK) {
			ce_table_set_text(*out, r, 0, ce_column_name(e, col));
			ce_table_set_text(*out, r, 1, type_name(ce_column_type_of(e, col)));
			ce_table_set_int(*out, r, 2, (ce_column_flags(e, col) & CE_COL_REQUIRED) != 0);
			ce_table_set_text(*out, r, 3, detail);
		}
	}
	return rc == CE_OK ? EXIT_OK : cli_lib_error(c, rc, "describe");
}

void cli_entity_help(cli *c, ce_entity e)
{
	ce_table *cols = NULL;
	cli_format saved = c->format;
	cli_help(c);
	printf("\n%s: %s. Its columns (--COLUMN VALUE; an empty VALUE means unset):\n\n",
	       ce_entity_name(e), ce_entity_description(e));
	c->format = FMT_TABLE;
	if (cli_columns_table(c, e, &cols) == EXIT_OK)
		cli_print_table(c, cols);
	c->format = saved;
	ce_table_free(cols);
}
