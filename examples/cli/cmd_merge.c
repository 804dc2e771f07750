/* coopedu merge ENTITY KEEP DROP: one partner (or supervisor) entered
 * twice becomes one record; prints what was re-pointed, removed as a
 * duplicate, filled in and deleted. */
#include <getopt.h>

#include "cli.h"

static int run(cli *c, int argc, char **argv)
{
	static const struct option opts[] = { CLI_COMMON_OPTIONS, { NULL, 0, NULL, 0 } };
	ce_entity e;
	int64_t keep, drop;
	ce_table *report = NULL;
	int opt, rc, st = EXIT_OK;
	while ((opt = cli_getopt(c, argc, argv, "", opts, &st)) != -1)
		;
	if (st != EXIT_OK)
		return CLI_EXIT(st);
	if (argc - optind != 3)
		return cli_usage(c, "expected ENTITY, KEEP and DROP (ids or natural keys)");
	if ((st = cli_require_format(c, "table,csv,json")) != EXIT_OK ||
	    (st = cli_entity(c, argv[optind], &e)) != EXIT_OK || (st = cli_open(c, OPEN_WRITE)) != EXIT_OK ||
	    (st = cli_resolve(c, e, argv[optind + 1], &keep)) != EXIT_OK ||
	    (st = cli_resolve(c, e, argv[optind + 2], &drop)) != EXIT_OK)
		return st;
	if ((rc = ce_merge(c->db, e, keep, drop, &report)) != CE_OK)
		return cli_lib_error(c, rc, NULL);
	st = cli_print_table(c, report);
	ce_table_free(report);
	if (st == EXIT_OK)
		cli_note("merged %s %lld into %lld", ce_entity_name(e), (long long)drop, (long long)keep);
	return st;
}

const cli_command cmd_merge = {
	"merge", "ENTITY KEEP DROP",
	"Merge two records of one thing (a partner or supervisor entered twice).",
	"Every reference to DROP is re-pointed to KEEP; a link KEEP already has (both\n"
	"party to one agreement, say) is removed instead of duplicated; fields KEEP\n"
	"leaves empty take DROP's values; DROP is deleted. All or nothing, recorded in\n"
	"the audit log as a merge. Prints one row per change. `coopedu check` lists\n"
	"likely duplicates (possible_duplicate findings).\n"
	"\n"
	"Example: " CLI_NAME " merge partner 山东某航空材料有限公司 山东某航空材料公司\n",
	run,
};
