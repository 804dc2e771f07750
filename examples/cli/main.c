/* coopedu [--db PATH] [--role ROLE --actor KEY] [--format table|csv|json]
 * COMMAND [ARGS]: dispatch, the options every command shares, and the
 * messages they print. */
#include <getopt.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const cli_command *const commands[] = {
	&cmd_init, &cmd_demo, &cmd_add, &cmd_list, &cmd_show, &cmd_update, &cmd_delete,
	&cmd_merge,
	&cmd_set_status, &cmd_import, &cmd_survey, &cmd_export, &cmd_report, &cmd_check, &cmd_remind, &cmd_graph,
	&cmd_log, &cmd_person, &cmd_describe, &cmd_schema,
};
#define NCOMMANDS (sizeof commands / sizeof commands[0])

static void main_help(FILE *out)
{
	fprintf(out,
	        "usage: " CLI_NAME " [--db PATH] [--role ROLE --actor KEY] [--format table|csv|json]\n"
	        "               COMMAND [ARGS]\n"
	        "\n"
	        "University-industry cooperative education records (libcoopedu %s).\n"
	        "\n"
	        "Commands:\n",
	        ce_version_string());
	for (size_t i = 0; i < NCOMMANDS; i++)
		fprintf(out, "  %-11s %s\n", commands[i]->name, commands[i]->summary);
	fprintf(out,
	        "  %-11s %s\n"
	        "\n"
	        "Options (also accepted after the command):\n"
	        "  --db PATH      the store: a SQLite file, \"sqlite:PATH\" or \"memory:\"\n"
	        "                 (default: $COOPEDU_DB, else %s)\n"
	        "  --format F     output: table (default), csv or json\n"
	        "  --help         help; `" CLI_NAME " COMMAND --help` for a command\n"
	        "  --version      the library version\n"
	        "\n"
	        "Who is acting (before the command only):\n"
	        "  --role ROLE    act in ROLE (default: $COOPEDU_ROLE, else as the trusted\n"
	        "                 system, which may do everything): admin or office (every\n"
	        "                 record), academic (an academic supervisor: their students,\n"
	        "                 projects, guidance), mentor (an enterprise supervisor: the\n"
	        "                 placements they mentor and those students' records), student\n"
	        "                 (their own records), analyst (reads everything, writes\n"
	        "                 nothing, students pseudonymised)\n"
	        "  --actor KEY    who acts (default: $COOPEDU_ACTOR): a staff number for\n"
	        "                 academic and mentor, a student number for student, a name\n"
	        "                 otherwise. The tool authenticates no one: whoever runs it\n"
	        "                 says who they are. A record outside the role is not there\n"
	        "                 to it, and a change outside it is refused (exit 1).\n"
	        "\n"
	        "Data goes to stdout, messages to stderr. Exit status: 0 success, 1 error (or\n"
	        "findings, for check, or a change the role may not make), 2 usage error.\n"
	        "\n"
	        "Start with:  " CLI_NAME " demo && " CLI_NAME " report outcome_funnel\n",
	        "help", "help on a command", CLI_DEFAULT_DB);
}

void cli_help(const cli *c)
{
	const cli_command *cmd = c->cmd;
	printf("usage: " CLI_NAME " %s %s\n\n%s\n\n%s", cmd->name, cmd->args, cmd->summary, cmd->help);
	printf("\nCommon options: --db PATH, --format table|csv|json, --help; before the command,\n"
	       "--role ROLE --actor KEY (see '" CLI_NAME " --help').\n");
}

/* ---- messages ------------------------------------------------------------ */

int cli_error(const char *fmt, ...)
{
	va_list ap;
	fputs(CLI_NAME ": ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return EXIT_FAIL;
}

void cli_note(const char *fmt, ...)
{
	va_list ap;
	fputs(CLI_NAME ": ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

int cli_usage(const cli *c, const char *fmt, ...)
{
	va_list ap;
	fputs(CLI_NAME ": ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	if (c && c->cmd)
		fprintf(stderr, "\nTry '" CLI_NAME " %s --help'.\n", c->cmd->name);
	else
		fprintf(stderr, "\nTry '" CLI_NAME " --help'.\n");
	return EXIT_USAGE;
}

int cli_lib_error(const cli *c, int rc, const char *what)
{
	const char *msg = c && c->db && *ce_db_errmsg(c->db) ? ce_db_errmsg(c->db) : ce_last_errmsg();
	if (!*msg)
		msg = ce_strerror(rc);
	/* The library names its function or report first ("subtopic_graph: ..."):
	 * the same word is not said twice. */
	size_t n = what ? strlen(what) : 0;
	if (n && !(strncmp(msg, what, n) == 0 && msg[n] == ':'))
		return cli_error("%s: %s", what, msg);
	return cli_error("%s", msg);
}

/* ---- common options ---------------------------------------------------------- */

static int set_format(cli *c, const char *arg)
{
	static const struct {
		const char *name;
		cli_format f;
	} formats[] = { { "table", FMT_TABLE }, { "csv", FMT_CSV }, { "json", FMT_JSON }, { "dot", FMT_DOT },
	                { "xlsx", FMT_XLSX } };
	for (size_t i = 0; i < sizeof formats / sizeof formats[0]; i++)
		if (strcmp(arg, formats[i].name) == 0) {
			c->format = formats[i].f;
			c->format_given = true;
			return EXIT_OK;
		}
	return cli_usage(c, "unknown format '%s' (table, csv, json, dot or xlsx)", arg);
}

int cli_common_option(cli *c, int opt, const char *arg)
{
	switch (opt) {
	case OPT_DB:
		c->db_path = arg;
		return EXIT_OK;
	case OPT_FORMAT:
		return set_format(c, arg);
	case OPT_HELP:
		if (c->cmd && c->help_entity)
			cli_entity_help(c, c->help_entity);
		else if (c->cmd)
			cli_help(c);
		else
			main_help(stdout);
		return CLI_DONE; /* handled: stop with success */
	case '?':
		return cli_usage(c, "bad option");
	default:
		return -1;
	}
}

int cli_getopt(cli *c, int argc, char **argv, const char *shortopts, const struct option *opts,
               int *status)
{
	char spec[64];
	int opt;
	snprintf(spec, sizeof spec, ":h%s", shortopts);
	opterr = 0;
	while ((opt = getopt_long(argc, argv, spec, opts, NULL)) != -1) {
		int rc;
		if (opt == 'h')
			opt = OPT_HELP;
		if (opt == '?') {
			*status = optopt && optopt < 0x100 ? cli_usage(c, "unknown option '-%c'", optopt)
			                                   : cli_usage(c, "unknown option '%s'", argv[optind - 1]);
			return -1;
		}
		if (opt == ':') {
			*status = cli_usage(c, "option '%s' needs a value", argv[optind - 1]);
			return -1;
		}
		if ((rc = cli_common_option(c, opt, optarg)) == -1)
			return opt;
		if (rc != EXIT_OK) {
			*status = rc;
			return -1;
		}
	}
	return -1;
}

int cli_require_format(cli *c, const char *allowed)
{
	static const char *const names[] = { "table", "csv", "json", "dot", "xlsx" };
	const char *name = names[c->format];
	const char *p = strstr(allowed, name);
	size_t n = strlen(name);
	if (p && (p == allowed || p[-1] == ',') && (p[n] == ',' || p[n] == '\0'))
		return EXIT_OK;
	return cli_usage(c, "'%s' does not write --format %s (it writes %s)", c->cmd->name, name, allowed);
}

/* ---- the store ------------------------------------------------------------------- */

const char *cli_db_shown(const cli *c)
{
	static char shown[512];
	if (ce_uri_redact(shown, sizeof shown, c->db_path) >= sizeof shown)
		memcpy(shown + sizeof shown - 4, "...", 4);
	return shown;
}

int cli_open(cli *c, cli_open_mode mode)
{
	ce_open_options o = CE_OPEN_OPTIONS_INIT;
	if (mode == OPEN_READ)
		o.flags = CE_OPEN_READONLY | CE_OPEN_NOCREATE;
	else if (mode == OPEN_WRITE)
		o.flags = CE_OPEN_NOCREATE;
	o.role = c->role;
	o.actor = c->actor;
	int rc = ce_db_open(&c->db, c->db_path, &o);
	if (rc == CE_ENOTFOUND)
		return cli_error("no store at '%s' (create one with '" CLI_NAME " init' or '" CLI_NAME
		                 " demo', or give --db PATH / set COOPEDU_DB)",
		                 cli_db_shown(c));
	if (rc != CE_OK)
		return cli_error("cannot open '%s': %s", cli_db_shown(c), ce_last_errmsg());
	return EXIT_OK;
}

void cli_close(cli *c)
{
	ce_db_close(c->db);
	c->db = NULL;
}

/* ---- who acts ------------------------------------------------------------------------ */

/* Sets c->role from --role or $COOPEDU_ROLE (`from` names which). */
static int set_role(cli *c, const char *name, const char *from)
{
	char choices[160] = "";
	if (ce_role_by_name(&c->role, name) == CE_OK)
		return EXIT_OK;
	for (int r = 0; r <= CE_ROLE_LAST; r++) {
		strncat(choices, r ? ", " : "", sizeof choices - strlen(choices) - 1);
		strncat(choices, ce_role_name((ce_role)r), sizeof choices - strlen(choices) - 1);
	}
	return cli_usage(c, "%s: no role '%s'; roles are: %s", from, name, choices);
}

/* The role and actor from the options, else the environment; checked together. */
static int who_acts(cli *c, const char *role, const char *actor)
{
	const char *env_role = getenv("COOPEDU_ROLE"), *env_actor = getenv("COOPEDU_ACTOR");
	int rc = EXIT_OK;
	if (role)
		rc = set_role(c, role, "--role");
	else if (env_role && *env_role)
		rc = set_role(c, env_role, "COOPEDU_ROLE");
	if (rc != EXIT_OK)
		return rc;
	c->actor = actor ? actor : env_actor && *env_actor ? env_actor : NULL;
	if (c->actor && !*c->actor)
		return cli_usage(c, "--actor: empty");
	if (c->role != CE_ROLE_NONE && !c->actor)
		return cli_usage(c, "--role %s needs --actor KEY (or COOPEDU_ACTOR): who is acting",
		                 ce_role_name(c->role));
	if (c->role == CE_ROLE_NONE && actor)
		return cli_usage(c, "--actor needs --role ROLE (or COOPEDU_ROLE): in which role");
	if (c->role == CE_ROLE_NONE)
		c->actor = NULL; /* trusted: no one in particular */
	return EXIT_OK;
}

/* ---- dispatch ------------------------------------------------------------------------ */

static const cli_command *find_command(const char *name)
{
	for (size_t i = 0; i < NCOMMANDS; i++)
		if (strcmp(commands[i]->name, name) == 0)
			return commands[i];
	if (strcmp(name, "transition") == 0) /* the other name people reach for */
		return &cmd_set_status;
	return NULL;
}

int main(int argc, char **argv)
{
	static const struct option options[] = {
		CLI_COMMON_OPTIONS,
		{ "version", no_argument, NULL, 'V' },
		{ "role", required_argument, NULL, 'R' },
		{ "actor", required_argument, NULL, 'A' },
		{ NULL, 0, NULL, 0 },
	};
	cli c = { .db_path = getenv("COOPEDU_DB"), .format = FMT_TABLE };
	const char *role = NULL, *actor = NULL;
	int opt, rc;

	if (!c.db_path || !*c.db_path)
		c.db_path = CLI_DEFAULT_DB;
	opterr = 0;
	/* "+": stop at the command; its own options are parsed by it. */
	while ((opt = getopt_long(argc, argv, "+:hV", options, NULL)) != -1) {
		if (opt == 'V') {
			printf(CLI_NAME " %s\n", ce_version_string());
			return EXIT_OK;
		}
		if (opt == 'R' || opt == 'A') {
			*(opt == 'R' ? &role : &actor) = optarg;
			continue;
		}
		if (opt == 'h')
			opt = OPT_HELP;
		if (opt == '?')
			return cli_usage(&c, "unknown option '%s'", argv[optind - 1]);
		if (opt == ':')
			return cli_usage(&c, "option '%s' needs a value", argv[optind - 1]);
		rc = cli_common_option(&c, opt, optarg);
		if (rc == CLI_DONE)
			return EXIT_OK;
		if (rc != EXIT_OK)
			return rc;
	}
	if (optind >= argc) {
		main_help(stderr);
		return EXIT_USAGE;
	}
	const char *name = argv[optind];
	if ((rc = who_acts(&c, role, actor)) != EXIT_OK)
		return rc;
	if (strcmp(name, "help") == 0) {
		if (optind + 1 >= argc) {
			main_help(stdout);
			return EXIT_OK;
		}
		if (!(c.cmd = find_command(argv[optind + 1])))
			return cli_usage(&c, "no command '%s'", argv[optind + 1]);
		cli_help(&c);
		return EXIT_OK;
	}
	if (!(c.cmd = find_command(name)))
		return cli_usage(&c, "no command '%s'", name);
	int first = optind;
	optind = 0; /* glibc: re-initialise for the command's own parse */
	rc = c.cmd->run(&c, argc - first, argv + first);
	cli_close(&c);
	return rc;
}
