/* I/O-error and disk-full sweep under the SQLite backend: through a shim
 * VFS (vfs.c), the nth read, write, sync, lock, truncate, size query,
 * shared-memory map or open of an operation fails, one per run; a full
 * disk stays full for the rest of the call. A refused call must be
 * CE_EBACKEND with a message and leave the store as it was; PRAGMA
 * integrity_check must say "ok" after every run.
 *
 *   reliability_io [--max-points N] [--ops a,b] [--kinds read,write,...] */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rel.h"
#include "vfs.h"

static rel_io kind;

static void arm(long n)
{
	rel_vfs_arm(kind, n, false);
}

static bool backend_failure(int rc)
{
	return rc == CE_EBACKEND;
}

int main(int argc, char **argv)
{
	rel_sweep_opts o = { "sqlite", NULL, NULL, 0 };
	const char *kinds = NULL;
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--max-points") == 0 && i + 1 < argc)
			o.max_points = atol(argv[++i]);
		else if (strcmp(argv[i], "--ops") == 0 && i + 1 < argc)
			o.ops = argv[++i];
		else if (strcmp(argv[i], "--kinds") == 0 && i + 1 < argc)
			kinds = argv[++i];
		else {
			fprintf(stderr, "usage: %s [--max-points N] [--ops a,b] [--kinds read,write,...]\n",
			        argv[0]);
			return 2;
		}
	}
	if (rel_vfs_register() != 0) {
		fprintf(stderr, "cannot register the shim VFS\n");
		return 1;
	}
	char dir[64];
	if (rel_scratch_dir(dir, sizeof dir, "io") != 0)
		return 1;
	o.dir = dir;
	if (rel_init(dir) != 0)
		return 1;
	double t0 = rel_now();
	long total = 0;
	for (kind = 0; kind < REL_IO_DURABLE; kind++) {
		rel_op name = { rel_io_names[kind], REL_CASE, false, NULL, 0 };
		if (kinds && !rel_selected(&name, kinds))
			continue;
		/* a failed sync may come after the commit reached the log: SQLite
		 * itself cannot say whether the transaction will be there */
		rel_fault f = { rel_io_names[kind], arm, rel_vfs_disarm, rel_vfs_fired, rel_vfs_points,
			            backend_failure, rel_integrity, kind == REL_IO_SYNC };
		total += rel_sweep(&o, &f);
	}
	rel_remove_dir(dir);
	printf("%ld I/O faults injected in %.1f s; %ld failed checks\n", total, rel_now() - t0,
	       rel_failures);
	return rel_failures ? 1 : 0;
}
