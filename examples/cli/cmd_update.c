/* coopedu update ENTITY ID|KEY --COLUMN VALUE...: changes some columns. */
#include <getopt.h>

#include "cli.h"

static int run(cli *c, int argc, char **argv)
{
	const char *values[CLI_MAX_COLUMNS] = { NULL };
	ce_entity e;
	ce_record *rec = NULL;
	char **rest;
	int nrest, rc, given = 0, st = cli_entity_arg(c, argc, argv, &e, NULL);
	int64_t id;
	if (st != EXIT_OK)
		return CLI_EXIT(st);
	st = cli_collect(c, argc, argv, e, "", NULL, false, values, NULL, NULL, &rest, &nrest);
	if (st != EXIT_OK)
		return CLI_EXIT(st);
	if (nrest != 1)
		return cli_usage(c, "expected ENTITY, ID and --COLUMN VALUE options");
	for (int col = 0; col < ce_entity_column_count(e); col++) {
		if (!values[col])
			continue;
		if (cli_lifecycle_column(e, ce_column_name(e, col)) == col)
			return cli_usage(c, "--%s is a lifecycle: move it with '" CLI_NAME " set-status %s %s STATE DATE'",
			                 ce_column_name(e, col), ce_entity_name(e), rest[0]);
		given++;
	}
	if (!given)
		return cli_usage(c, "nothing to change: give at least one --COLUMN VALUE");
	if ((st = cli_require_format(c, "table,csv,json")) != EXIT_OK || (st = cli_open(c, OPEN_WRITE)) != EXIT_OK ||
	    (st = cli_resolve(c, e, rest[0], &id)) != EXIT_OK)
		return st;
	if ((rc = ce_record_lookup(&rec, c->db, e, id)) != CE_OK)
		return cli_lib_error(c, rc, NULL);
	for (int col = 0; st == EXIT_OK && col < ce_entity_column_count(e); col++)
		if (values[col])
			st = cli_set_value(c, rec, col, values[col]);
	if (st == EXIT_OK && (rc = ce_record_update(c->db, rec)) != CE_OK)
		st = cli_lib_error(c, rc, NULL);
	ce_record_free(rec);
	if (st != EXIT_OK)
		return st;
	cli_note("updated %s %lld", ce_entity_name(e), (long long)id);
	return cli_show_record(c, e, id);
}

const cli_command cmd_update = {
	"update", "ENTITY ID|KEY --COLUMN VALUE...",
	"Change some columns of a record (the others keep their values).",
	"Values are written as for add; an empty VALUE unsets the column. Lifecycle\n"
	"columns (status, stage) move only with set-status. Prints the updated record.\n"
	"\n"
	"Example: " CLI_NAME " update partner 齐鲁工业大学 --region 山东省济南市\n",
	run,
};
