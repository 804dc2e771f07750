/* coopedu survey ACTION ...: questionnaire surveys. `survey import ROUND
 * FILE.csv` reads a questionnaire tool's wide export into a round (one row
 * per respondent, one column per item code), all or nothing; `survey table
 * ROUND` prints a round in that shape. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

enum { OPT_KEY = OPT_FIRST_COMMAND_OPTION, OPT_DATE_COLUMN, OPT_DATE, OPT_SKIP_UNKNOWN };

static int import(cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "key", required_argument, NULL, OPT_KEY },
		{ "date-column", required_argument, NULL, OPT_DATE_COLUMN },
		{ "date", required_argument, NULL, OPT_DATE },
		{ "skip-unknown", no_argument, NULL, OPT_SKIP_UNKNOWN },
		CLI_COMMON_OPTIONS,
		{ NULL, 0, NULL, 0 },
	};
	ce_survey_import_options o = CE_SURVEY_IMPORT_OPTIONS_INIT;
	int64_t round;
	uint64_t n = 0;
	int opt, rc, st = EXIT_OK;
	while ((opt = cli_getopt(c, argc, argv, "", opts, &st)) != -1) {
		switch (opt) {
		case OPT_KEY: o.key_column = optarg; break;
		case OPT_DATE_COLUMN: o.date_column = optarg; break;
		case OPT_DATE:
			if (!cli_parse_date(optarg, &o.submitted_on))
				return cli_usage(c, "--date: '%s' is not a date (YYYY-MM-DD or today)", optarg);
			break;
		case OPT_SKIP_UNKNOWN: o.flags |= CE_SURVEY_IMPORT_SKIP_UNKNOWN; break;
		default: return cli_usage(c, "bad option");
		}
	}
	if (st != EXIT_OK)
		return CLI_EXIT(st);
	if (argc - optind != 2)
		return cli_usage(c, "expected ROUND and FILE.csv after 'survey import'");
	if ((st = cli_open(c, OPEN_WRITE)) != EXIT_OK ||
	    (st = cli_resolve(c, CE_ENTITY_SURVEY_ROUND, argv[optind], &round)) != EXIT_OK)
		return st;
	if ((rc = ce_survey_import_csv_path(c->db, round, argv[optind + 1], &o, &n)) != CE_OK)
		return cli_lib_error(c, rc, "survey import");
	cli_note("imported %llu response(s) into survey_round %lld", (unsigned long long)n,
	         (long long)round);
	return EXIT_OK;
}

/* survey table ROUND: ce_survey_round_table(), one row per response. */
static int table(cli *c, int argc, char **argv)
{
	static const struct option opts[] = { CLI_COMMON_OPTIONS, { NULL, 0, NULL, 0 } };
	ce_table *t = NULL;
	int64_t round;
	int rc, st = EXIT_OK;
	while (cli_getopt(c, argc, argv, "", opts, &st) != -1)
		if (st == EXIT_OK)
			return cli_usage(c, "bad option");
	if (st != EXIT_OK)
		return CLI_EXIT(st);
	if ((st = cli_require_format(c, "table,csv,json")) != EXIT_OK)
		return st;
	if (argc - optind != 1)
		return cli_usage(c, "expected ROUND after 'survey table'");
	if ((st = cli_open(c, OPEN_READ)) != EXIT_OK ||
	    (st = cli_resolve(c, CE_ENTITY_SURVEY_ROUND, argv[optind], &round)) != EXIT_OK)
		return st;
	if ((rc = ce_survey_round_table(&t, c->db, round)) != CE_OK)
		return cli_lib_error(c, rc, "survey table");
	st = cli_print_table(c, t);
	ce_table_free(t);
	return st;
}

static int run(cli *c, int argc, char **argv)
{
	static const struct {
		const char *name;
		int (*run)(cli *c, int argc, char **argv);
	} actions[] = { { "import", import }, { "table", table } };
	if (argc >= 2 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
		cli_help(c);
		return EXIT_OK;
	}
	if (argc < 2)
		return cli_usage(c, "expected an action: import or table");
	for (size_t i = 0; i < sizeof actions / sizeof actions[0]; i++)
		if (strcmp(argv[1], actions[i].name) == 0)
			return actions[i].run(c, argc - 1, argv + 1);
	return cli_usage(c, "unknown action '%s' (import or table)", argv[1]);
}

const cli_command cmd_survey = {
	"survey", "import ROUND FILE.csv [--key COLUMN] [--date-column COLUMN] [--date DATE] [--skip-unknown]\n"
	"            | table ROUND",
	"Import a questionnaire tool's export into a survey round, or print a round.",
	"import: FILE.csv has one row per respondent and one column per item, headed\n"
	"by the item's code (Q1, Q2, ...). A cell is a number (Likert and number\n"
	"items), an option's code or label (single choice), codes or labels joined by\n"
	"';' (multiple choice) or text; an empty cell is no answer. A named round's\n"
	"rows name the respondent in column --key (default: student, supervisor or\n"
	"partner, as the instrument's audience: a student number, a staff number or a\n"
	"partner's name); an anonymous round's rows may carry the attributes it\n"
	"declares (columns cohort, level, supervisor_kind, partner). The submission\n"
	"date is in column --date-column (default submitted_on; YYYY-MM-DD or\n"
	"YYYY/M/D, a time after it ignored), or --date for rows without one. A\n"
	"column the round does not know is refused, unless --skip-unknown. All or\n"
	"nothing: the first refusal names the line and column.\n"
	"\n"
	"table: the round's responses, one row each, the respondent and the attributes\n"
	"the survey reports group by (cohort, level, supervisor_kind, attr_partner), then\n"
	"one column per item code; multiple choice as codes joined by ';'. These are the\n"
	"records themselves: no group is suppressed (see 'report survey_item_stats').\n"
	"\n"
	"Examples: " CLI_NAME " survey import 2 answers-2020.csv --date 2020-12-05\n"
	"          " CLI_NAME " survey table 2 --format csv\n",
	run,
};
