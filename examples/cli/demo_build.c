/* The worked case for `coopedu demo`: the builders of examples/demo
 * (compiled into this program when they are there), run in one
 * transaction so that a failure leaves the store as it was. */
#include "cli.h"

#ifdef COOPEDU_CLI_HAVE_DEMO
#include "demo.h"

int cli_build_demo(cli *c)
{
	demo d = { c->db, CE_OK };
	demo_ids ids = { 0 };
	if (DEMO_TRY(&d, ce_db_begin(d.db), "begin") != CE_OK)
		return EXIT_FAIL;
	demo_build_organisations(&d, &ids);
	demo_build_projects(&d, &ids);
	demo_build_people(&d, &ids);
	demo_build_outcomes(&d, &ids);
	if (d.rc != CE_OK) {
		ce_db_rollback(d.db);
		return cli_error("the worked case could not be built; the store is unchanged");
	}
	return DEMO_TRY(&d, ce_db_commit(d.db), "commit") == CE_OK ? EXIT_OK : EXIT_FAIL;
}
#else
int cli_build_demo(cli *c)
{
	(void)c;
	return cli_error("this " CLI_NAME " was built without examples/demo, which holds the worked case");
}
#endif
