/* coopedu show ENTITY ID|KEY: one record, with its lifecycle histories. */
#include <getopt.h>

#include "cli.h"

static int run(cli *c, int argc, char **argv)
{
	static const struct option opts[] = { CLI_COMMON_OPTIONS, { NULL, 0, NULL, 0 } };
	ce_entity e;
	int64_t id;
	int st = EXIT_OK;
	while (cli_getopt(c, argc, argv, "", opts, &st) != -1)
		st = cli_usage(c, "unexpected option");
	if (st != EXIT_OK)
		return CLI_EXIT(st);
	if (argc - optind != 2)
		return cli_usage(c, "expected ENTITY and ID (or natural key)");
	if ((st = cli_entity(c, argv[optind], &e)) != EXIT_OK ||
	    (st = cli_require_format(c, "table,csv,json")) != EXIT_OK ||
	    (st = cli_open(c, OPEN_READ)) != EXIT_OK || (st = cli_resolve(c, e, argv[optind + 1], &id)) != EXIT_OK)
		return st;
	return cli_show_record(c, e, id);
}

const cli_command cmd_show = {
	"show", "ENTITY ID|KEY",
	"Show one record, with the dated history of its lifecycle columns.",
	"The record is named by its natural key where its entity has one (a partner's\n"
	"name, a student's number, a project's code...) or by its id: 3, or #3 when a\n"
	"key made of digits could be meant (#N is always an id). The same holds wherever\n"
	"a command names a record.\n"
	"\n"
	"Example: " CLI_NAME " show project 201901022063\n",
	run,
};
