/* coopedu demo: builds the worked case of the Chinese case study into an
 * empty store and prints the headline reports. */
#include <getopt.h>
#include <string.h>

#include "cli.h"

/* The reports a newcomer sees first. */
static const char *const headline[] = {
	"outcome_funnel", "spinoffs", "cooperation_depth", "supervision_coverage",
	"placement_health", "project_pipeline",
};

int cli_print_report(cli *c, const ce_table *t);

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
	if ((st = cli_require_format(c, "table,json")) != EXIT_OK || (st = cli_open(c, OPEN_CREATE)) != EXIT_OK)
		return st;
	if ((rc = ce_record_count(&partners, c->db, CE_ENTITY_PARTNER, NULL)) != CE_OK)
		return cli_lib_error(c, rc, cli_db_shown(c));
	if (partners > 0)
		return cli_error("'%s' already holds data (%lld partners); the demo builds into an empty store "
		                 "(remove the file, or give --db another path)",
		                 cli_db_shown(c), (long long)partners);
	if ((st = cli_build_demo(c)) != EXIT_OK)
		return st;
	cli_note("built the worked case in %s", cli_db_shown(c));
	/* JSON: one object keyed by report, so that the output is one document. */
	if (c->format == FMT_JSON)
		fputs("{\n", stdout);
	for (size_t i = 0; st == EXIT_OK && i < sizeof headline / sizeof headline[0]; i++) {
		ce_table *t = NULL;
		if ((rc = ce_report_run(&t, c->db, headline[i], NULL)) != CE_OK)
			return cli_lib_error(c, rc, headline[i]);
		if (c->format == FMT_TABLE) {
			for (int r = 0; r < ce_report_count(); r++)
				if (ce_report_name(r) && !strcmp(ce_report_name(r), headline[i]))
					printf("%s== %s: %s\n", i ? "\n" : "", headline[i], ce_report_description(r));
		} else {
			printf("%s\"%s\": ", i ? ",\n" : "", headline[i]);
		}
		st = c->format == FMT_TABLE ? cli_print_report(c, t) : cli_print_table(c, t);
		ce_table_free(t);
	}
	if (c->format == FMT_JSON)
		fputs("}\n", stdout);
	if (st == EXIT_OK && c->format == FMT_TABLE)
		printf("\nNext: " CLI_NAME " --db %s report --list, list partner, show project 201901022063,\n"
		       "report spinoffs --project 201901022063 --descendants, check, graph 2016ZDJS02A03\n",
		       cli_db_shown(c));
	return st;
}

const cli_command cmd_demo = {
	"demo", "",
	"Build the worked case (aluminium alloy for aviation engines) and print headline reports.",
	"The case of the Chinese case study, with made-up people: a provincial project\n"
	"running laboratory -> pilot -> industrialisation, thesis subtopics decomposed from\n"
	"it, academic and enterprise supervisors, placements, 8 invention patents (4\n"
	"granted, turned into products); the MoE cooperative-education programme\n"
	"201901022063 that funds the work, and below it the undergraduate entrepreneurship\n"
	"project on recycling 3D-printing sand (S201910431031) grown out of a master's\n"
	"subtopic, with its 7 undergraduates. The store must be empty.\n"
	"With --format json the reports come as one object keyed by report name.\n"
	"\n"
	"Example: " CLI_NAME " --db demo.db demo\n",
	run,
};
