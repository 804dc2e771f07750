/* coopedu init: creates the store (or checks an existing one). */
#include <getopt.h>

#include "cli.h"

static int run(cli *c, int argc, char **argv)
{
	static const struct option opts[] = { CLI_COMMON_OPTIONS, { NULL, 0, NULL, 0 } };
	int64_t partners = 0;
	int rc, st = EXIT_OK;
	while (cli_getopt(c, argc, argv, "", opts, &st) != -1)
		st = cli_usage(c, "unexpected option");
	if (st != EXIT_OK)
		return CLI_EXIT(st);
	if (optind < argc)
		return cli_usage(c, "unexpected argument '%s'", argv[optind]);
	if ((st = cli_open(c, OPEN_CREATE)) != EXIT_OK)
		return st;
	if ((rc = ce_record_count(&partners, c->db, CE_ENTITY_PARTNER, NULL)) != CE_OK)
		return cli_lib_error(c, rc, "init");
	cli_note("store ready: %s (%s backend, %lld partner(s))", cli_db_shown(c), ce_db_backend(c->db),
	         (long long)partners);
	return EXIT_OK;
}

const cli_command cmd_init = {
	"init", "",
	"Create the store (a SQLite file) if it does not exist yet.",
	"An existing store is left as it is (and migrated if an older libcoopedu made it).\n"
	"\n"
	"Example: " CLI_NAME " --db school.db init\n",
	run,
};
