/* coopedu add ENTITY --COLUMN VALUE...: creates a record. */
#include <getopt.h>
#include <stdlib.h>

#include "cli.h"

/* Collects --COLUMN values (NULL where not given) and the positional
 * arguments after the entity; shared by add, update and list. */
int cli_collect(cli *c, int argc, char **argv, ce_entity e, const char *shortopts,
                const struct option *extra, bool links, const char **values,
                const char **link_values, int (*other)(cli *, int, const char *), char ***rest,
                int *nrest)
{
	struct option *opts = cli_column_options(e, extra, links);
	int n = ce_entity_column_count(e), opt, st = EXIT_OK;
	if (!opts)
		return cli_error("out of memory");
	c->help_entity = e;
	while ((opt = cli_getopt(c, argc, argv, shortopts, opts, &st)) != -1) {
		if (opt >= CLI_OPT_COLUMN && opt < CLI_OPT_COLUMN + n)
			values[opt - CLI_OPT_COLUMN] = optarg;
		else if (opt >= CLI_OPT_LINK && opt < CLI_OPT_LINK + 0x100 && link_values)
			link_values[opt - CLI_OPT_LINK] = optarg;
		else if (other && (st = other(c, opt, optarg)) != EXIT_OK)
			break;
	}
	cli_free_options(opts, e);
	/* After getopt's permutation the positionals follow: ENTITY first. */
	*rest = argv + optind + 1;
	*nrest = argc - optind - 1;
	return st;
}

static bool quiet;

static int add_option(cli *c, int opt, const char *arg)
{
	(void)arg;
	if (opt == 'q') {
		quiet = true;
		return EXIT_OK;
	}
	return cli_usage(c, "unexpected option");
}

static int run(cli *c, int argc, char **argv)
{
	static const struct option extra[] = { { "quiet", no_argument, NULL, 'q' }, { NULL, 0, NULL, 0 } };
	const char *values[CLI_MAX_COLUMNS] = { NULL };
	ce_entity e;
	ce_record *rec = NULL;
	char **rest;
	int nrest, n, st = cli_entity_arg(c, argc, argv, &e, NULL);
	int64_t id;
	if (st != EXIT_OK)
		return CLI_EXIT(st);
	st = cli_collect(c, argc, argv, e, "q", extra, false, values, NULL, add_option, &rest, &nrest);
	if (st != EXIT_OK)
		return CLI_EXIT(st);
	if (nrest > 0)
		return cli_usage(c, "unexpected argument '%s' (values go in --COLUMN options)", rest[0]);
	if ((st = cli_open(c, OPEN_WRITE)) != EXIT_OK)
		return st;
	n = ce_entity_column_count(e);
	if (ce_record_new(&rec, e) != CE_OK)
		return cli_lib_error(c, CE_ENOMEM, "add");
	for (int col = 0; st == EXIT_OK && col < n; col++)
		if (values[col])
			st = cli_set_value(c, rec, col, values[col]);
	if (st == EXIT_OK && (st = ce_record_insert(&id, c->db, rec)) != CE_OK)
		st = cli_lib_error(c, st, NULL);
	ce_record_free(rec);
	if (st != EXIT_OK)
		return st;
	cli_note("added %s %lld", ce_entity_name(e), (long long)id);
	if (quiet) {
		printf("%lld\n", (long long)id);
		return EXIT_OK;
	}
	return cli_show_record(c, e, id);
}

const cli_command cmd_add = {
	"add", "ENTITY --COLUMN VALUE... [--quiet]",
	"Create a record of ENTITY (partner, student, project, ...).",
	"Each column is an option: --name 齐鲁工业大学 --kind university. References take\n"
	"the target's natural key (partner name, student number, project code, supervisor\n"
	"staff number, platform or team name) or #ID; enums take their tokens; flags take\n"
	"tokens separated by | or ,; dates are YYYY-MM-DD (or \"today\"); money is in minor\n"
	"units (fen). A lifecycle column (status, stage) may be given its initial state;\n"
	"move it later with set-status.\n"
	"\n"
	"Prints the new record (with --quiet, only its id).\n"
	"\n"
	"Example: " CLI_NAME " add partner --name 山东某航空材料有限公司 --kind enterprise --ownership private\n"
	"Run '" CLI_NAME " add ENTITY --help' for the columns of ENTITY.\n",
	run,
};
