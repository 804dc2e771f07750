/* coopedu-demo [URI]: builds the worked case into an empty store, in one
 * transaction, and prints what it stored. Data on stdout, diagnostics on
 * stderr; exit 0 on success, 1 on failure, 2 on a usage error. */
#include <stdio.h>
#include <string.h>

#include "demo.h"

#define DEFAULT_URI "sqlite:coopedu-demo.db"

static void usage(FILE *out)
{
	fprintf(out,
	        "usage: coopedu-demo [URI]\n"
	        "\n"
	        "Builds the libcoopedu worked case (a provincial aluminium-alloy project with\n"
	        "its thesis subtopics, students, supervisors, placements, patents and an\n"
	        "undergraduate spin-off; made-up people) into an empty store, then prints\n"
	        "what it stored.\n"
	        "\n"
	        "URI is \"sqlite:PATH\" (a bare PATH also means SQLite) or \"memory:\";\n"
	        "default \"%s\". A store that already holds partners is left alone.\n",
	        DEFAULT_URI);
}

int main(int argc, char **argv)
{
	const char *uri = DEFAULT_URI;
	case_ctx d = { NULL, CE_OK, "coopedu-demo" };
	int64_t partners = 0;

	if (argc > 1 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))) {
		usage(stdout);
		return 0;
	}
	if (argc > 2 || (argc == 2 && argv[1][0] == '-')) {
		usage(stderr);
		return 2;
	}
	if (argc == 2)
		uri = argv[1];

	if (ce_db_open(&d.db, uri, NULL) != CE_OK) {
		fprintf(stderr, "coopedu-demo: cannot open '%s': %s\n", uri, ce_last_errmsg());
		return 1;
	}
	/* Building twice would duplicate the case (or collide on unique names). */
	if (CASE_TRY(&d, ce_record_count(&partners, d.db, CE_ENTITY_PARTNER, NULL), uri) == CE_OK &&
	    partners > 0) {
		fprintf(stderr,
		        "coopedu-demo: '%s' already holds %lld partner(s); the demo builds only into an "
		        "empty store (remove it, or give another URI)\n",
		        uri, (long long)partners);
		d.rc = CE_EEXISTS;
	}
	if (d.rc == CE_OK && (d.rc = case_build(d.db, NULL, d.who)) == CE_OK)
		demo_report(&d);
	ce_db_close(d.db);
	return d.rc == CE_OK ? 0 : 1;
}
