/* coopedu set-status ENTITY ID|KEY STATE [DATE] [--column COL]: moves a
 * lifecycle along its allowed transitions. */
#include <getopt.h>

#include "cli.h"

static int run(cli *c, int argc, char **argv)
{
	static const struct option opts[] = { CLI_COMMON_OPTIONS, { "column", required_argument, NULL, 'c' },
		                                  { NULL, 0, NULL, 0 } };
	const char *column = NULL;
	ce_entity e;
	ce_date on = 0;
	int64_t id;
	int opt, col, state, rc, st = EXIT_OK;
	while ((opt = cli_getopt(c, argc, argv, "", opts, &st)) != -1)
		column = optarg;
	if (st != EXIT_OK)
		return CLI_EXIT(st);
	if (argc - optind < 3 || argc - optind > 4)
		return cli_usage(c, "expected ENTITY, ID, STATE and optionally DATE");
	if ((st = cli_entity(c, argv[optind], &e)) != EXIT_OK)
		return st;
	if ((col = cli_lifecycle_column(e, column)) < 0)
		return cli_usage(c, column ? "%s has no lifecycle column '%s'" : "%s has no lifecycle%s",
		                 ce_entity_name(e), column ? column : "");
	if (ce_column_token_value(&state, e, col, argv[optind + 2]) != CE_OK)
		return cli_error("'%s' is not a %s.%s state (see '" CLI_NAME " describe %s')", argv[optind + 2],
		                 ce_entity_name(e), ce_column_name(e, col), ce_entity_name(e));
	if (argc - optind == 4 ? !cli_parse_date(argv[optind + 3], &on) : !(on = cli_today()))
		return cli_error("'%s' is not a date (YYYY-MM-DD)", argv[optind + 3]);
	if ((st = cli_require_format(c, "table,csv,json")) != EXIT_OK || (st = cli_open(c, OPEN_WRITE)) != EXIT_OK ||
	    (st = cli_resolve(c, e, argv[optind + 1], &id)) != EXIT_OK)
		return st;
	if ((rc = ce_record_transition(c->db, e, id, ce_column_name(e, col), state, on)) != CE_OK)
		return cli_lib_error(c, rc, NULL);
	cli_note("%s %lld: %s is now %s", ce_entity_name(e), (long long)id, ce_column_name(e, col),
	         argv[optind + 2]);
	return cli_show_record(c, e, id);
}

const cli_command cmd_set_status = {
	"set-status", "ENTITY ID|KEY STATE [DATE] [--column COL]",
	"Move a lifecycle (status, or --column stage) to STATE on DATE (default today).",
	"Lifecycles move only along their allowed transitions, with dates that never go\n"
	"backwards; an illegal move is refused and names the allowed ones. Also known as\n"
	"'transition'. Prints the record with its history.\n"
	"\n"
	"Examples: " CLI_NAME " set-status outcome 7 granted 2020-05-01\n"
	"          " CLI_NAME " set-status project S201910431031 pilot 2020-03-01 --column stage\n",
	run,
};
