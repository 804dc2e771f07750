/* coopedu person export|anonymise KEY [--supervisor] [-o FILE]: people's
 * rights over their data (access and portability; erasure of who they are). */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

/* The natural key of the record of e with id, malloc'ed; NULL if it has none. */
static char *key_of(cli *c, ce_entity e, int64_t id, int *rc)
{
	ce_record *rec = NULL;
	int col;
	char *key = NULL;
	*rc = ce_column_index(&col, e, ce_entity_natural_key(e));
	if (*rc == CE_OK)
		*rc = ce_record_lookup(&rec, c->db, e, id);
	if (*rc == CE_OK && ce_record_get_text(rec, col) && !(key = strdup(ce_record_get_text(rec, col))))
		*rc = CE_ENOMEM;
	ce_record_free(rec);
	return key;
}

static int run(cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		CLI_COMMON_OPTIONS,
		{ "supervisor", no_argument, NULL, 's' },
		{ "output", required_argument, NULL, 'o' },
		{ NULL, 0, NULL, 0 },
	};
	ce_entity e = CE_ENTITY_STUDENT;
	const char *output = NULL, *what = "student";
	int opt, rc, st = EXIT_OK;
	int64_t id = 0;
	while ((opt = cli_getopt(c, argc, argv, "o:", opts, &st)) != -1) {
		switch (opt) {
		case 's': e = CE_ENTITY_SUPERVISOR; what = "supervisor"; break;
		case 'o': output = optarg; break;
		}
	}
	if (st != EXIT_OK)
		return CLI_EXIT(st);
	if (optind >= argc)
		return cli_usage(c, "expected export or anonymise, and KEY");
	const char *action = argv[optind];
	bool export = strcmp(action, "export") == 0;
	if (!export && strcmp(action, "anonymise") != 0 && strcmp(action, "anonymize") != 0)
		return cli_usage(c, "no action '%s' (export or anonymise)", action);
	if (argc - optind != 2)
		return cli_usage(c, "expected one KEY: a student number, or a staff number with --supervisor");
	if (!export && output)
		return cli_usage(c, "-o is for export");
	if (export && c->format_given && c->format != FMT_JSON)
		return cli_usage(c, "person export writes json");
	if ((st = cli_open(c, export ? OPEN_READ : OPEN_WRITE)) != EXIT_OK)
		return st;
	/* The record as every command names it (#N: an id), then its key. */
	const char *text = argv[optind + 1];
	char *key = NULL;
	if ((st = cli_resolve(c, e, text, &id)) != EXIT_OK)
		return st;
	if (!(key = key_of(c, e, id, &rc)))
		return rc != CE_OK ? cli_lib_error(c, rc, action)
		                   : cli_error("%s %s has no %s", what, text, ce_entity_natural_key(e));
	if (export) {
		rc = ce_person_export_path(c->db, e, key, output ? output : "-");
		if (rc == CE_OK && output)
			cli_note("exported what the store holds about %s %s to %s", what, key, output);
	} else if ((rc = ce_person_anonymise(c->db, e, key)) == CE_OK) {
		int lr;
		char *now = key_of(c, e, id, &lr);
		cli_note("anonymised %s %s%s%s: their identifying fields are replaced, here and in the "
		         "log; their records stay, so reports keep their totals (irreversible)",
		         what, key, now ? ", now " : "", now ? now : "");
		free(now);
	}
	free(key);
	return rc == CE_OK ? EXIT_OK : cli_lib_error(c, rc, action);
}

const cli_command cmd_person = {
	"person", "export|anonymise KEY [--supervisor] [-o FILE]",
	"Export what the store holds about a person, or anonymise one who has left.",
	"KEY is a student's number, or with --supervisor a supervisor's staff number\n"
	"(#N: by id).\n"
	"\n"
	"export writes one JSON document (to stdout, or -o FILE) holding everything the\n"
	"store has about them: their own record and every record naming them\n"
	"(supervisions, placements, guidance, progress reports, evaluations,\n"
	"contributions, destinations, ...) with its lifecycle history, for an access or\n"
	"portability request (PIPL, GDPR, FERPA).\n"
	"\n"
	"anonymise replaces their identifying fields (a student's number and name; a\n"
	"supervisor's name, staff number, title and field) by a pseudonym, in their\n"
	"records and in the log, and keeps every record reports need, so report totals\n"
	"do not change. It asks nothing and cannot be undone: the store keeps no copy of\n"
	"what it replaced. Only the trusted system, admin and office may anonymise.\n"
	"\n"
	"Examples: " CLI_NAME " person export 2014210301 -o 2014210301.json\n"
	"          " CLI_NAME " person anonymise E3003 --supervisor\n",
	run,
};
