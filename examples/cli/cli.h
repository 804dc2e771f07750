/* coopedu: the command-line front end of libcoopedu. Shared declarations
 * of the subcommands (one file each), the store they open, the output
 * formats and the text <-> value conversions generic over the schema.
 *
 * Conventions: data on stdout, diagnostics on stderr; exit 0 on success,
 * 1 on an error or when `check` has findings, 2 on a usage error. */
#ifndef COOPEDU_CLI_H
#define COOPEDU_CLI_H

#include <stdbool.h>
#include <stdio.h>

#include <coopedu.h>
#include <coopedu/analytics.h>
#include <coopedu/io.h>
#include <coopedu/sys/table.h>

#define CLI_NAME "coopedu"
#define CLI_DEFAULT_DB "./coopedu.db"

enum { EXIT_OK = 0, EXIT_FAIL = 1, EXIT_USAGE = 2 };

typedef enum cli_format { FMT_TABLE, FMT_CSV, FMT_JSON, FMT_DOT, FMT_XLSX } cli_format;

/* How a command opens the store. */
typedef enum cli_open_mode {
	OPEN_READ,   /* read-only; the store must exist */
	OPEN_WRITE,  /* read-write; the store must exist */
	OPEN_CREATE  /* read-write; created if missing */
} cli_open_mode;

typedef struct cli {
	const char *db_path;  /* --db, else $COOPEDU_DB, else CLI_DEFAULT_DB */
	ce_role role;         /* --role, else $COOPEDU_ROLE, else trusted (CE_ROLE_NONE) */
	const char *actor;    /* --actor, else $COOPEDU_ACTOR: who acts in that role */
	bool wide_last;       /* table format: the last column is never clipped */
	cli_format format;
	bool format_given;
	const struct cli_command *cmd;
	ce_entity help_entity; /* per-entity commands: --help lists its columns */
	ce_db *db;
} cli;

typedef struct cli_command {
	const char *name;
	const char *args;     /* synopsis after the name */
	const char *summary;  /* one line for `coopedu --help` */
	const char *help;     /* the rest of `coopedu NAME --help` */
	int (*run)(cli *c, int argc, char **argv);
} cli_command;

/* ---- main.c: options shared by every command ------------------------------ */

/* Long options every command accepts; ids above any short option. */
enum { OPT_DB = 0x100, OPT_FORMAT, OPT_HELP, OPT_FIRST_COMMAND_OPTION };
#define CLI_COMMON_OPTIONS                                                  \
	{ "db", required_argument, NULL, OPT_DB },                              \
	{ "format", required_argument, NULL, OPT_FORMAT },                      \
	{ "help", no_argument, NULL, OPT_HELP }

/* Handles a common option seen by getopt_long in command cmd: returns -1
 * if opt is not one, EXIT_OK to go on, or an exit code (help printed,
 * usage error). */
int cli_common_option(cli *c, int opt, const char *arg);
/* Status of a command whose --help was printed: exit with success. */
#define CLI_DONE (-2)
#define CLI_EXIT(status) ((status) == CLI_DONE ? EXIT_OK : (status))
struct option;
/* getopt_long over a command's arguments that handles the common options
 * itself: returns the next command option, or -1 at the end or when
 * *status (EXIT_OK on entry) says to stop: CLI_DONE or an exit code. */
int cli_getopt(cli *c, int argc, char **argv, const char *shortopts, const struct option *opts,
               int *status);
/* Prints the help of c->cmd on stdout. */
void cli_help(const cli *c);
/* Whether the output format is one of the allowed ones (a string like "table,csv,json"). */
int cli_require_format(cli *c, const char *allowed);

/* ---- messages ---------------------------------------------------------------- */

/* "coopedu: message" on stderr; returns EXIT_FAIL. */
int cli_error(const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 1, 2)))
#endif
	;
/* A usage error: the message and a pointer to --help; returns EXIT_USAGE. */
int cli_usage(const cli *c, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 2, 3)))
#endif
	;
/* A library failure: "coopedu: what: <message>"; returns EXIT_FAIL. */
int cli_lib_error(const cli *c, int rc, const char *what);
/* "coopedu: message" on stderr, for information; not an error. */
void cli_note(const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 1, 2)))
#endif
	;

/* ---- the store ------------------------------------------------------------------ */

/* c->db_path as messages show it: without a password (ce_uri_redact()). */
const char *cli_db_shown(const cli *c);
/* Opens c->db_path into c->db, as c->actor in c->role; returns EXIT_OK or
 * EXIT_FAIL (reported). */
int cli_open(cli *c, cli_open_mode mode);
void cli_close(cli *c);

/* ---- values (values.c) ------------------------------------------------------------ */

/* Looks an entity up by name, or fails (usage) listing the entities. */
int cli_entity(const cli *c, const char *name, ce_entity *out);
/* The index of the first lifecycle column of e named `name` (NULL: the first one), or -1. */
int cli_lifecycle_column(ce_entity e, const char *name);
/* Parses a date "YYYY-MM-DD" or "today". */
bool cli_parse_date(const char *text, ce_date *out);
/* Numbers by import's rules: no spaces, '+', hex; an integer has no exponent. */
bool cli_parse_int(const char *s, int64_t *out);
bool cli_parse_real(const char *s, double *out);
ce_date cli_today(void);

/* Resolves a record of e named on the command line: "#N" or digits (an
 * id), otherwise its natural key. Fails (reported) with EXIT_FAIL. */
int cli_resolve(cli *c, ce_entity e, const char *text, int64_t *out);
/* Sets column col of rec from command-line text ("" makes it NULL). */
int cli_set_value(cli *c, ce_record *rec, int col, const char *text);
/* Parses text for column col of e into an integer-like value for a filter. */
int cli_filter_value(cli *c, ce_entity e, int col, const char *text, int64_t *out);

/* ---- per-entity options (columns.c) --------------------------------------------- */

/* getopt values of --COLUMN (CLI_OPT_COLUMN + column) and of link filters. */
#define CLI_OPT_COLUMN 0x200
#define CLI_OPT_LINK 0x300
/* Finds the ENTITY argument of a per-entity command (skipping options);
 * *pos is its index. EXIT_OK, CLI_DONE (--help before it) or an exit code. */
int cli_entity_arg(cli *c, int argc, char **argv, ce_entity *out, int *pos);
/* Long options: --COLUMN (and --COL-UMN) for every column, link filters if
 * asked, then extra (NULL-terminated), then the common ones; free with
 * cli_free_options(). NULL when out of memory. */
struct option *cli_column_options(ce_entity e, const struct option *extra, bool links);
void cli_free_options(struct option *opts, ce_entity e);
/* The entity a link filter of e (e.g. project --partner) points at. */
ce_entity cli_link_target(ce_entity e, int link);
/* A table describing e's columns (name, type, required, values). */
int cli_columns_table(cli *c, ce_entity e, ce_table **out);
/* Enough for any entity's columns (the library's own limit is 24). */
#define CLI_MAX_COLUMNS 32
/* Parses a per-entity command line: --COLUMN values into values[col],
 * link filters into link_values[link] (when links), other options to
 * other(); rest and nrest are the positional arguments after ENTITY. */
int cli_collect(cli *c, int argc, char **argv, ce_entity e, const char *shortopts,
                const struct option *extra, bool links, const char **values,
                const char **link_values, int (*other)(cli *, int, const char *), char ***rest,
                int *nrest);
/* The command's help followed by e's columns. */
void cli_entity_help(cli *c, ce_entity e);

/* ---- output (output.c, records.c) ------------------------------------------------- */

/* Prints a table in c->format: aligned columns, CSV, or a JSON array. */
int cli_print_table(cli *c, const ce_table *t);
/* Prints a one-row table as a record: field/value lines, CSV, or a JSON object. */
int cli_print_record(cli *c, const ce_table *t);
/* Prints a report's rows as the cursor reads them (--format csv or json
 * only), as cli_print_table() would print its table. */
int cli_print_cursor(cli *c, ce_report_cursor *cur);
/* Starts a result table of one entity's columns (id first; with the
 * lifecycle histories as text when histories is true). */
int cli_record_table(cli *c, ce_entity e, bool histories, ce_table **out);
/* Appends a record to a table from cli_record_table(). */
int cli_record_row(cli *c, ce_table *t, const ce_record *rec, bool histories);
/* Builds and prints one record as `show` does. */
int cli_show_record(cli *c, ce_entity e, int64_t id);

/* ---- json_read.c ------------------------------------------------------------------- */

typedef struct json_t json_t;
/* Reads one JSON text (any value) into *out, a new jansson reference, with
 * yajl's parser: 0, 1 when text is not JSON (*out NULL), -1 when out of
 * memory (*out NULL). */
int cli_json_read(const char *text, json_t **out);

/* ---- demo builder (from examples/demo, when present) --------------------------------- */

/* Builds the worked case into c->db in one transaction; EXIT_OK or EXIT_FAIL. */
int cli_build_demo(cli *c);

/* ---- the commands ------------------------------------------------------------------------ */

extern const cli_command cmd_init, cmd_demo, cmd_add, cmd_list, cmd_show, cmd_update, cmd_delete,
	cmd_set_status, cmd_import, cmd_export, cmd_report, cmd_check, cmd_graph, cmd_schema,
	cmd_describe, cmd_log, cmd_person, cmd_merge, cmd_remind, cmd_survey;

#endif
