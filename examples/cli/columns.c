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

static bool is_column(const ce_table_def *t, const char *name)
{
	for (int col = 0; col < t->ncolumns; col++)
		if (!strcmp(t->columns[col].name, name))
			return true;
	return false;
}

ce_entity cli_link_target(ce_entity e, int link)
{
	const ce_schema *s = ce_schema_get();
	const ce_link_def *l = &cli_table_def(e)->links[link];
	return (ce_entity)s->tables[l->table]->columns[l->other_column].ref;
}

struct option *cli_column_options(ce_entity e, const struct option *extra, bool links)
{
	const ce_table_def *t = cli_table_def(e);
	size_t nextra = 0, n = 0;
	while (extra && extra[nextra].name)
		nextra++;
	size_t cap = 2 * (size_t)t->ncolumns + 2 * (size_t)t->nlinks + nextra + 4;
	struct option *opts = calloc(cap, sizeof *opts);
	if (!opts)
		return NULL;
	for (int col = 0; col < t->ncolumns; col++) {
		const char *name = t->columns[col].name;
		opts[n++] = (struct option){ name, required_argument, NULL, CLI_OPT_COLUMN + col };
		if (strchr(name, '_'))
			opts[n++] = (struct option){ dashed(name), required_argument, NULL, CLI_OPT_COLUMN + col };
	}
	for (int l = 0; links && l < t->nlinks; l++)
		if (!is_column(t, t->links[l].name))
			opts[n++] = (struct option){ t->links[l].name, required_argument, NULL, CLI_OPT_LINK + l };
	for (size_t i = 0; i < nextra; i++)
		opts[n++] = extra[i];
	opts[n++] = (struct option){ "db", required_argument, NULL, OPT_DB };
	opts[n++] = (struct option){ "format", required_argument, NULL, OPT_FORMAT };
	opts[n++] = (struct option){ "help", no_argument, NULL, OPT_HELP };
	return opts;
}

void cli_free_options(struct option *opts, ce_entity e)
{
	const ce_table_def *t = cli_table_def(e);
	for (struct option *o = opts; o && o->name; o++)
		if (o->val >= CLI_OPT_COLUMN && o->val < CLI_OPT_COLUMN + t->ncolumns &&
		    o->name != t->columns[o->val - CLI_OPT_COLUMN].name)
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
	const ce_table_def *t = cli_table_def(e);
	const ce_column_def *d = &t->columns[col];
	const char *key;
	*buf = '\0';
	switch (d->type) {
	case CE_TYPE_ENUM:
	case CE_TYPE_FLAGS:
		for (int i = d->type == CE_TYPE_FLAGS ? 0 : 1; i < d->ntokens; i++) {
			strncat(buf, *buf ? (d->type == CE_TYPE_FLAGS ? "|" : ", ") : "", size - strlen(buf) - 1);
			strncat(buf, d->tokens[i], size - strlen(buf) - 1);
		}
		if (d->flags & CE_COL_LIFECYCLE)
			strncat(buf, " (lifecycle: use set-status)", size - strlen(buf) - 1);
		break;
	case CE_TYPE_REF:
		key = ce_entity_natural_key((ce_entity)d->ref);
		snprintf(buf, size, "a %s, by %s%s", ce_entity_name((ce_entity)d->ref), key ? key : "id",
		         key ? " or #id" : "");
		break;
	case CE_TYPE_MONEY:
		snprintf(buf, size, "minor units (fen, cents)");
		break;
	case CE_TYPE_DATE:
		snprintf(buf, size, "YYYY-MM-DD");
		break;
	default:
		if (d->min < d->max)
			snprintf(buf, size, "%g..%g", d->min, d->max);
		else if (d->flags & CE_COL_NONNEG)
			snprintf(buf, size, ">= 0");
	}
	if (d->flags & CE_COL_UNIQUE)
		strncat(buf, *buf ? ", unique" : "unique", size - strlen(buf) - 1);
}

int cli_columns_table(cli *c, ce_entity e, ce_table **out)
{
	static const char *const names[] = { "column", "type", "required", "values" };
	static const ce_column_type types[] = { CE_TYPE_TEXT, CE_TYPE_TEXT, CE_TYPE_BOOL, CE_TYPE_TEXT };
	const ce_table_def *t = cli_table_def(e);
	char detail[600];
	int rc = ce_table_new(out, ce_entity_name(e), 4, names, types);
	for (int col = 0; rc == CE_OK && col < t->ncolumns; col++) {
		size_t r;
		column_detail(e, col, detail, sizeof detail);
		if ((rc = ce_table_append_row(&r, *out)) == CE_OK) {
			ce_table_set_text(*out, r, 0, t->columns[col].name);
			ce_table_set_text(*out, r, 1, type_name(t->columns[col].type));
			ce_table_set_int(*out, r, 2, (t->columns[col].flags & CE_COL_REQUIRED) != 0);
			ce_table_set_text(*out, r, 3, detail);
		}
	}
	return rc == CE_OK ? EXIT_OK : cli_lib_error(c, rc, "describe");
}

void cli_entity_help(cli *c, ce_entity e)
{
	const ce_table_def *t = cli_table_def(e);
	ce_table *cols = NULL;
	cli_format saved = c->format;
	cli_help(c);
	printf("\n%s: %s. Its columns (--COLUMN VALUE; an empty VALUE means unset):\n\n",
	       t->name, t->doc);
	c->format = FMT_TABLE;
	if (cli_columns_table(c, e, &cols) == EXIT_OK)
		cli_print_table(c, cols);
	c->format = saved;
	ce_table_free(cols);
}
