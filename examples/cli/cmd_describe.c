/* coopedu describe [ENTITY] and coopedu schema: the data model, from the
 * library's own introspection. */
#include <getopt.h>

#include "cli.h"

static int describe(cli *c, int argc, char **argv)
{
	static const struct option opts[] = { CLI_COMMON_OPTIONS, { NULL, 0, NULL, 0 } };
	static const char *const names[] = { "entity", "key", "description" };
	static const ce_column_type types[] = { CE_TYPE_TEXT, CE_TYPE_TEXT, CE_TYPE_TEXT };
	ce_table *t = NULL;
	ce_entity e;
	int rc = CE_OK, st = EXIT_OK;
	while (cli_getopt(c, argc, argv, "", opts, &st) != -1)
		st = cli_usage(c, "unexpected option");
	if (st != EXIT_OK)
		return CLI_EXIT(st);
	if ((st = cli_require_format(c, "table,csv,json")) != EXIT_OK)
		return st;
	if (argc - optind > 1)
		return cli_usage(c, "one ENTITY at a time");
	if (argc - optind == 1) {
		if ((st = cli_entity(c, argv[optind], &e)) != EXIT_OK || (st = cli_columns_table(c, e, &t)) != EXIT_OK)
			return st;
	} else {
		rc = ce_table_new(&t, "entities", 3, names, types);
		for (int i = 1; rc == CE_OK && i <= CE_ENTITY_LAST; i++) {
			size_t r;
			if ((rc = ce_table_append_row(&r, t)) == CE_OK) {
				ce_table_set_text(t, r, 0, ce_entity_name((ce_entity)i));
				ce_table_set_text(t, r, 1, ce_entity_natural_key((ce_entity)i));
				ce_table_set_text(t, r, 2, ce_entity_description((ce_entity)i));
			}
		}
		if (rc != CE_OK)
			st = cli_lib_error(c, rc, "describe");
	}
	if (st == EXIT_OK)
		st = cli_print_table(c, t);
	ce_table_free(t);
	return st;
}

static int schema(cli *c, int argc, char **argv)
{
	static const struct option opts[] = { CLI_COMMON_OPTIONS, { NULL, 0, NULL, 0 } };
	const char *text;
	int st = EXIT_OK;
	while (cli_getopt(c, argc, argv, "", opts, &st) != -1)
		st = cli_usage(c, "unexpected option");
	if (st != EXIT_OK)
		return CLI_EXIT(st);
	if (optind < argc)
		return cli_usage(c, "unexpected argument '%s'", argv[optind]);
	if (!(text = ce_json_schema()))
		return cli_error("out of memory");
	fputs(text, stdout);
	return fflush(stdout) == 0 ? EXIT_OK : cli_error("cannot write the output");
}

const cli_command cmd_describe = {
	"describe", "[ENTITY]",
	"The entities, or the columns of one: types, required, tokens, references.",
	"Example: " CLI_NAME " describe placement\n",
	describe,
};

const cli_command cmd_schema = {
	"schema", "",
	"Print the JSON Schema of the import/export format.",
	"The same text as docs/coopedu.schema.json.\n",
	schema,
};
