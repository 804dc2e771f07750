/* coopedu delete ENTITY ID|KEY [--cascade]. */
#include <getopt.h>

#include "cli.h"

static int run(cli *c, int argc, char **argv)
{
	static const struct option opts[] = { CLI_COMMON_OPTIONS, { "cascade", no_argument, NULL, 'c' },
		                                  { NULL, 0, NULL, 0 } };
	unsigned int flags = CE_DELETE_RESTRICT;
	ce_entity e;
	int64_t id;
	int opt, rc, st = EXIT_OK;
	while ((opt = cli_getopt(c, argc, argv, "", opts, &st)) != -1)
		flags = CE_DELETE_CASCADE;
	if (st != EXIT_OK)
		return CLI_EXIT(st);
	if (argc - optind != 2)
		return cli_usage(c, "expected ENTITY and ID (or natural key)");
	if ((st = cli_entity(c, argv[optind], &e)) != EXIT_OK || (st = cli_open(c, OPEN_WRITE)) != EXIT_OK ||
	    (st = cli_resolve(c, e, argv[optind + 1], &id)) != EXIT_OK)
		return st;
	if ((rc = ce_record_delete(c->db, e, id, flags)) != CE_OK) {
		st = cli_lib_error(c, rc, NULL);
		if (rc == CE_ECONSTRAINT && !(flags & CE_DELETE_CASCADE))
			cli_note("nothing was deleted; --cascade also deletes what depends on it");
		return st;
	}
	cli_note("deleted %s %lld%s", ce_entity_name(e), (long long)id,
	         flags & CE_DELETE_CASCADE ? " and what depended on it" : "");
	return EXIT_OK;
}

const cli_command cmd_delete = {
	"delete", "ENTITY ID|KEY [--cascade]",
	"Delete a record.",
	"Refused while other records point at it, unless --cascade: then every record\n"
	"that requires it is deleted too, and optional references to it are cleared.\n"
	"\n"
	"Example: " CLI_NAME " delete partner 某咨询服务有限公司 --cascade\n",
	run,
};
