/* coopedu check [--today DATE] and coopedu remind [--within DAYS]: views
 * of ce_findings(), what needs attention today and what falls due soon. */
#include <getopt.h>
#include <stdlib.h>

#include "cli.h"

static int findings(cli *c, int argc, char **argv, bool remind)
{
	static const struct option opts[] = { CLI_COMMON_OPTIONS, { "today", required_argument, NULL, 't' },
		                                  { "within", required_argument, NULL, 'w' },
		                                  { NULL, 0, NULL, 0 } };
	ce_date today = cli_today();
	int within = remind ? 30 : 0;
	int opt, rc, st = EXIT_OK;
	ce_table *t = NULL;
	while ((opt = cli_getopt(c, argc, argv, "", opts, &st)) != -1) {
		if (opt == 't' && !cli_parse_date(optarg, &today))
			return cli_error("--today: '%s' is not a date (YYYY-MM-DD)", optarg);
		if (opt == 'w') {
			char *end;
			long n = strtol(optarg, &end, 10);
			if (!remind)
				return cli_usage(c, "--within belongs to remind (check looks at today)");
			if (end == optarg || *end || n < 0 || n > 3660)
				return cli_error("--within: '%s' is not a number of days (0..3660)", optarg);
			within = (int)n;
		}
	}
	if (st != EXIT_OK)
		return CLI_EXIT(st);
	if (optind < argc)
		return cli_usage(c, "unexpected argument '%s'", argv[optind]);
	if ((st = cli_require_format(c, "table,csv,json")) != EXIT_OK || (st = cli_open(c, OPEN_READ)) != EXIT_OK)
		return st;
	if ((rc = ce_findings(&t, c->db, today, within)) != CE_OK)
		return cli_lib_error(c, rc, remind ? "remind" : "check");
	st = cli_print_table(c, t);
	if (st == EXIT_OK) {
		size_t n = ce_table_row_count(t);
		cli_note("%zu finding%s", n, n == 1 ? "" : "s");
		st = n && !remind ? EXIT_FAIL : EXIT_OK;
	}
	ce_table_free(t);
	return st;
}

static int run_check(cli *c, int argc, char **argv)
{
	return findings(c, argc, argv, false);
}

static int run_remind(cli *c, int argc, char **argv)
{
	return findings(c, argc, argv, true);
}

const cli_command cmd_check = {
	"check", "[--today DATE]",
	"List what needs attention; exit 1 when there is anything.",
	"Columns: kind, severity, entity, id, subject, due, message. Warnings: graduate\n"
	"students on a project subtopic lacking an academic main or an enterprise\n"
	"supervisor; platforms nothing ever used; milestones past their due date and\n"
	"not done; finished placements without feedback from the enterprise or to it;\n"
	"expired or terminated agreements (or ones past their end date) that planned or\n"
	"active placements, or proposed or active projects, still rely on. Reminders of\n"
	"what falls due today, and possible duplicate partners and supervisors (merge\n"
	"them with `" CLI_NAME " merge`). --today sets the reference date.\n"
	"\n"
	"Example: " CLI_NAME " check --format csv > findings.csv\n",
	run_check,
};

const cli_command cmd_remind = {
	"remind", "[--within DAYS] [--today DATE]",
	"What falls due within DAYS (default 30), and what needs attention now.",
	"Everything `check` lists, plus reminders: milestones due, placements ending\n"
	"without feedback yet, agreements expiring, and supervisors not yet evaluated\n"
	"for a term that ends within the horizon. Exits 0 whatever it finds.\n"
	"\n"
	"Example: " CLI_NAME " remind --within 30 --format csv\n",
	run_remind,
};
