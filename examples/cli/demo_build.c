/* The worked case for `coopedu demo`: case_build() of examples/case, the
 * one builder the demo program and the tests share. It runs in one
 * transaction, so a failure leaves the store as it was. */
#include "case.h"
#include "cli.h"

int cli_build_demo(cli *c)
{
	/* case_build() has already reported the failing call on stderr. */
	if (case_build(c->db, NULL, CLI_NAME) != CE_OK)
		return cli_error("the worked case could not be built; the store is unchanged");
	return EXIT_OK;
}
