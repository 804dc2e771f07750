/* coopedu report NAME [--from D] [--to D] [--partner P] [--project P
 * [--descendants]] [--cohort N] [--level L] [--student S] [--person-times]
 * [--round R [--baseline R]] [--by ATTRIBUTE] [--k N]: one of the
 * library's analytics, by name. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

int cli_print_report(cli *c, const ce_table *t)
{
	/* One-row reports (the outcome funnel) read better as field: value. */
	if (c->format == FMT_TABLE && ce_table_row_count(t) == 1)
		return cli_print_record(c, t);
	return cli_print_table(c, t);
}

static int list_reports(cli *c)
{
	static const char *const names[] = { "report", "description" };
	static const ce_column_type types[] = { CE_TYPE_TEXT, CE_TYPE_TEXT };
	ce_table *t = NULL;
	int rc = ce_table_new(&t, "reports", 2, names, types);
	for (int i = 0; rc == CE_OK && i < ce_report_count(); i++) {
		size_t r;
		if ((rc = ce_table_append_row(&r, t)) == CE_OK) {
			ce_table_set_text(t, r, 0, ce_report_name(i));
			ce_table_set_text(t, r, 1, ce_report_description(i));
		}
	}
	int st = rc == CE_OK ? cli_print_table(c, t) : cli_lib_error(c, rc, "reports");
	ce_table_free(t);
	return st;
}

typedef struct report_args {
	bool list, descendants, person_times;
	const char *from, *to, *partner, *project, *cohort, *level, *student, *round, *baseline, *by,
		*k;
} report_args;

static report_args args;

/* Fills a report filter from the options; partner and project by key or id. */
int cli_report_filter(cli *c, ce_report_filter *f, const char *from, const char *to,
                      const char *partner, const char *project, const char *cohort)
{
	if (from && !cli_parse_date(from, &f->from))
		return cli_error("--from: '%s' is not a date (YYYY-MM-DD)", from);
	if (to && !cli_parse_date(to, &f->to))
		return cli_error("--to: '%s' is not a date (YYYY-MM-DD)", to);
	if (cohort) {
		int64_t y;
		if (!cli_parse_int(cohort, &y) || y < 1900 || y > 2200)
			return cli_error("--cohort: '%s' is not a year", cohort);
		f->cohort = (int)y;
	}
	if (partner && cli_resolve(c, CE_ENTITY_PARTNER, partner, &f->partner) != EXIT_OK)
		return EXIT_FAIL;
	if (project && cli_resolve(c, CE_ENTITY_PROJECT, project, &f->project) != EXIT_OK)
		return EXIT_FAIL;
	return EXIT_OK;
}

/* --round, --baseline (ids or "#N"), --by and --k into the filter. */
static int survey_options(cli *c, ce_report_filter *f)
{
	static const char *const groups[] = { "level", "cohort", "partner", "supervisor_kind" };
	if (args.by) {
		f->group_by = -1;
		for (int i = 0; i < 4; i++)
			if (!strcmp(args.by, groups[i]))
				f->group_by = CE_REPORT_GROUP_LEVEL + i;
		if (f->group_by < 0)
			return cli_usage(c, "--by: '%s' is none of level, cohort, partner, supervisor_kind",
			                 args.by);
	}
	if (args.k) {
		int64_t k;
		if (!cli_parse_int(args.k, &k) || k < 1 || k > 1000000)
			return cli_usage(c, "--k: '%s' is not a group size of at least 1", args.k);
		f->k = (int)k;
	}
	if (args.round && cli_resolve(c, CE_ENTITY_SURVEY_ROUND, args.round, &f->round) != EXIT_OK)
		return EXIT_FAIL;
	if (args.baseline &&
	    cli_resolve(c, CE_ENTITY_SURVEY_ROUND, args.baseline, &f->baseline) != EXIT_OK)
		return EXIT_FAIL;
	return EXIT_OK;
}

static int run(cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		CLI_COMMON_OPTIONS,
		{ "list", no_argument, NULL, 'l' },
		{ "from", required_argument, NULL, 'F' },
		{ "to", required_argument, NULL, 'T' },
		{ "partner", required_argument, NULL, 'P' },
		{ "project", required_argument, NULL, 'J' },
		{ "cohort", required_argument, NULL, 'C' },
		{ "descendants", no_argument, NULL, 'D' },
		{ "level", required_argument, NULL, 'L' },
		{ "student", required_argument, NULL, 'S' },
		{ "person-times", no_argument, NULL, 'X' },
		{ "round", required_argument, NULL, 'R' },
		{ "baseline", required_argument, NULL, 'B' },
		{ "by", required_argument, NULL, 'G' },
		{ "k", required_argument, NULL, 'K' },
		{ NULL, 0, NULL, 0 },
	};
	ce_report_filter f = CE_REPORT_FILTER_INIT;
	ce_table *t = NULL;
	int opt, rc, st = EXIT_OK;
	while ((opt = cli_getopt(c, argc, argv, "", opts, &st)) != -1) {
		switch (opt) {
		case 'l': args.list = true; break;
		case 'F': args.from = optarg; break;
		case 'T': args.to = optarg; break;
		case 'P': args.partner = optarg; break;
		case 'J': args.project = optarg; break;
		case 'C': args.cohort = optarg; break;
		case 'D': args.descendants = true; break;
		case 'L': args.level = optarg; break;
		case 'S': args.student = optarg; break;
		case 'X': args.person_times = true; break;
		case 'R': args.round = optarg; break;
		case 'B': args.baseline = optarg; break;
		case 'G': args.by = optarg; break;
		case 'K': args.k = optarg; break;
		}
	}
	if (st != EXIT_OK)
		return CLI_EXIT(st);
	if ((st = cli_require_format(c, "table,csv,json")) != EXIT_OK)
		return st;
	if (args.list || optind == argc)
		return list_reports(c);
	if (argc - optind > 1)
		return cli_usage(c, "one report at a time");
	const char *name = argv[optind];
	bool known = false;
	for (int i = 0; i < ce_report_count(); i++)
		known |= !strcmp(ce_report_name(i), name);
	if (!known)
		return cli_usage(c, "no report '%s' (see '" CLI_NAME " report --list')", name);
	if ((st = cli_open(c, OPEN_READ)) != EXIT_OK ||
	    (st = cli_report_filter(c, &f, args.from, args.to, args.partner, args.project, args.cohort)) != EXIT_OK)
		return st;
	f.descendants = args.descendants;
	f.person_times = args.person_times;
	if (args.level && !strcmp(args.level, "graduate"))
		f.level = CE_REPORT_LEVEL_GRADUATE;
	else if (args.level && !strcmp(args.level, "undergraduate"))
		f.level = CE_REPORT_LEVEL_UNDERGRADUATE;
	else if (args.level)
		return cli_usage(c, "--level: '%s' is neither graduate nor undergraduate", args.level);
	if (args.student && cli_resolve(c, CE_ENTITY_STUDENT, args.student, &f.student) != EXIT_OK)
		return EXIT_FAIL;
	if ((st = survey_options(c, &f)) != EXIT_OK)
		return st;
	if (c->format != FMT_TABLE) {
		/* CSV and JSON stream: a row is printed as soon as it is read */
		ce_report_cursor *cur;
		if ((rc = ce_report_open(&cur, c->db, name, &f)) != CE_OK)
			return cli_lib_error(c, rc, name);
		st = cli_print_cursor(c, cur);
		ce_report_close(cur);
		return st;
	}
	if ((rc = ce_report_run(&t, c->db, name, &f)) != CE_OK)
		return cli_lib_error(c, rc, name);
	st = cli_print_report(c, t);
	ce_table_free(t);
	return st;
}

const cli_command cmd_report = {
	"report", "NAME [--from DATE] [--to DATE] [--partner P] [--project P [--descendants]] [--cohort YEAR]\n"
	"            [--level graduate|undergraduate] [--student S] [--person-times]\n"
	"            [--round R [--baseline R]] [--by level|cohort|partner|supervisor_kind] [--k N]",
	"Run one of the analytics (outcome_funnel, cooperation_depth, ...); --list lists them.",
	"Every value is computed from the records. --partner takes a partner's name or id,\n"
	"--project a project's code or id (with --descendants, also every project below it\n"
	"through project.parent: a programme and the projects it funds); each report says\n"
	"which filters it honours and refuses the others rather than ignore them.\n"
	"The outcome reports also take --level (the student contributors' level),\n"
	"--student (a student's number or id: what they contributed to) and, in the\n"
	"funnel, --person-times (an outcome counts once per counting student\n"
	"contributor, as the papers' 人次; by default it counts once).\n"
	"The survey reports (survey_response_rate, survey_item_stats, survey_choices,\n"
	"survey_comparison) take --round (a round's id: that round alone, else every\n"
	"round), --by (a row per group of respondents), --k (in anonymous rounds, groups\n"
	"of fewer responses are suppressed; default 5) and, for survey_comparison,\n"
	"--baseline (the round compared with; default: the instrument's previous round).\n"
	"\n"
	"Examples: " CLI_NAME " report outcome_funnel\n"
	"          " CLI_NAME " report spinoffs --project 201901022063 --descendants\n"
	"          " CLI_NAME " report outcome_funnel --from 2015-01-01 --level graduate --person-times\n"
	"          " CLI_NAME " report placement_health --from 2019-01-01 --format csv\n"
	"          " CLI_NAME " report survey_item_stats --round 2 --by level\n"
	"          " CLI_NAME " report survey_comparison --round 2 --baseline 1\n"
	"\n"
	"With --format csv or json the rows are printed as they are read, in memory that\n"
	"does not grow with the report on SQLite and PostgreSQL for the reports computed\n"
	"in SQL; the aligned table needs every row before its first line.\n",
	run,
};
