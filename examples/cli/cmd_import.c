/* coopedu import FILE...: a JSON data set, CSV files (one entity each,
 * named after it) or a directory of them; all or nothing. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"

/* Progress on stderr, only on a terminal and only once an import has
 * taken a couple of seconds. */
typedef struct progress {
	struct timespec start, last;
	bool tty, shown;
	uint64_t done;
} progress;

static double since(const struct timespec *a, const struct timespec *b)
{
	return (double)(b->tv_sec - a->tv_sec) + (double)(b->tv_nsec - a->tv_nsec) / 1e9;
}

static int on_progress(void *ctx, uint64_t done, uint64_t total)
{
	progress *p = ctx;
	struct timespec now;
	p->done = done;
	if (!p->tty)
		return 0;
	clock_gettime(CLOCK_MONOTONIC, &now);
	if (since(&p->start, &now) < 2.0 || (p->shown && since(&p->last, &now) < 0.2 && (!total || done < total)))
		return 0;
	p->last = now;
	p->shown = true;
	if (total) /* JSON knows its total; CSV is read as it is imported */
		fprintf(stderr, "\r" CLI_NAME ": importing: %llu/%llu records (%d%%)",
		        (unsigned long long)done, (unsigned long long)total, (int)(100 * done / total));
	else
		fprintf(stderr, "\r" CLI_NAME ": importing: %llu records", (unsigned long long)done);
	return 0;
}

static bool is_dir(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

static bool ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), k = strlen(suffix);
	return n >= k && strcmp(s + n - k, suffix) == 0;
}

/* The entity a CSV file holds, from its name: ".../student.csv". */
static int entity_of(cli *c, const char *path, ce_entity *out)
{
	const char *base = strrchr(path, '/');
	char stem[128];
	base = base ? base + 1 : path;
	snprintf(stem, sizeof stem, "%.*s", (int)(strlen(base) > 4 ? strlen(base) - 4 : 0), base);
	if (ce_entity_by_name(out, stem) == CE_OK)
		return EXIT_OK;
	return cli_usage(c, "%s: cannot tell which entity it holds; name it after one (student.csv) or "
	                    "give --entity",
	                 path);
}

/* The file behind a SQLite store path, or NULL (memory:, another scheme). */
static const char *store_file(const char *uri)
{
	if (!strncmp(uri, "sqlite:", 7))
		return uri + 7;
	return strchr(uri, ':') ? NULL : uri;
}

/* An import that created the store and failed leaves no file behind. */
static void remove_store(const char *file)
{
	static const char *const suffixes[] = { "", "-wal", "-shm", "-journal" };
	char path[4096];
	for (size_t i = 0; i < sizeof suffixes / sizeof suffixes[0]; i++) {
		snprintf(path, sizeof path, "%s%s", file, suffixes[i]);
		unlink(path);
	}
}

static int run(cli *c, int argc, char **argv)
{
	static const struct option opts[] = { CLI_COMMON_OPTIONS, { "entity", required_argument, NULL, 'e' },
		                                  { "update", no_argument, NULL, 'u' }, { NULL, 0, NULL, 0 } };
	const char *entity_name = NULL;
	ce_io_options io = CE_IO_OPTIONS_INIT;
	ce_io_counts counts = { 0, 0, 0 };
	progress prog = { .tty = isatty(STDERR_FILENO) != 0 };
	int opt, rc, st = EXIT_OK, nfiles, json = 0, csv = 0;
	while ((opt = cli_getopt(c, argc, argv, "", opts, &st)) != -1) {
		if (opt == 'u')
			io.flags |= CE_IO_UPDATE;
		else
			entity_name = optarg;
	}
	if (st != EXIT_OK)
		return CLI_EXIT(st);
	nfiles = argc - optind;
	char **files = argv + optind;
	if (nfiles < 1)
		return cli_usage(c, "what to import? a FILE.json, CSV files or a directory");
	if (c->format_given && c->format != FMT_JSON && c->format != FMT_CSV)
		return cli_usage(c, "--format for import is the input's: json or csv");
	for (int i = 0; i < nfiles; i++) {
		bool as_csv = is_dir(files[i]) || ends_with(files[i], ".csv") || entity_name ||
		              (c->format_given && c->format == FMT_CSV);
		as_csv ? csv++ : json++;
	}
	if (json && csv)
		return cli_usage(c, "give either one JSON file or CSV files, not both");
	if (json > 1)
		return cli_usage(c, "one JSON file at a time (each is a whole data set)");
	if (entity_name && nfiles > 1)
		return cli_usage(c, "--entity names the entity of a single CSV file");
	if (csv && nfiles > 1)
		for (int i = 0; i < nfiles; i++)
			if (is_dir(files[i]))
				return cli_usage(c, "a directory is imported on its own");

	ce_entity *entities = calloc((size_t)nfiles, sizeof *entities);
	if (!entities)
		return cli_error("out of memory");
	for (int i = 0; st == EXIT_OK && csv && !is_dir(files[0]) && i < nfiles; i++)
		st = entity_name ? cli_entity(c, entity_name, &entities[i]) : entity_of(c, files[i], &entities[i]);
	const char *file = store_file(c->db_path);
	struct stat before;
	bool created = file && stat(file, &before) != 0;
	if (st == EXIT_OK)
		st = cli_open(c, OPEN_CREATE);
	if (st != EXIT_OK) {
		free(entities);
		return st;
	}
	io.progress = on_progress;
	io.progress_ctx = &prog;
	io.counts = &counts;
	clock_gettime(CLOCK_MONOTONIC, &prog.start);
	if (json)
		rc = ce_import_json_path(c->db, files[0], &io);
	else if (is_dir(files[0]))
		rc = ce_import_csv_dir(c->db, files[0], &io);
	else
		rc = ce_import_csv_files(c->db, (size_t)nfiles, entities, (const char *const *)files, &io);
	free(entities);
	if (prog.shown)
		fputc('\n', stderr);
	if (rc != CE_OK) {
		cli_lib_error(c, rc, NULL);
		cli_note("nothing was imported");
		if (created) {
			cli_close(c);
			remove_store(file);
		}
		return EXIT_FAIL;
	}
	if (io.flags & CE_IO_UPDATE)
		cli_note("imported %llu record%s into %s: %llu created, %llu updated, %llu unchanged",
		         (unsigned long long)prog.done, prog.done == 1 ? "" : "s", cli_db_shown(c),
		         (unsigned long long)counts.created, (unsigned long long)counts.updated,
		         (unsigned long long)counts.unchanged);
	else
		cli_note("imported %llu record%s into %s", (unsigned long long)prog.done,
		         prog.done == 1 ? "" : "s", cli_db_shown(c));
	return EXIT_OK;
}

const cli_command cmd_import = {
	"import", "FILE.json | FILE.csv... | DIR  [--entity ENTITY] [--format json|csv] [--update]",
	"Import a JSON data set, CSV files or a directory of CSV files: all or nothing.",
	"JSON is the format export writes (schema: '" CLI_NAME " schema'). CSV files hold one\n"
	"entity each, named after it (partner.csv, student.csv, ...; or --entity for one\n"
	"file, e.g. from stdin as '-'); a directory is every ENTITY.csv in it. Several\n"
	"files go in one transaction, in the order their references need.\n"
	"\n"
	"References use natural keys (partner name, student number, project code, ...)\n"
	"or ids; any error (which names the file, the record or line, and the field)\n"
	"leaves the store unchanged. Records already in the store are refused, never\n"
	"duplicated: importing the same file twice fails the second time. With --update\n"
	"they are updated instead (a corrected spreadsheet): matched by natural key, or\n"
	"by the id export gave them, they take the fields the input has; statuses move\n"
	"only along allowed transitions; new records are inserted; the counts created,\n"
	"updated and unchanged are reported. CSV headers may be column names or their\n"
	"Chinese labels (export --labels zh). The store is created if it does not\n"
	"exist. Progress is shown on a terminal for long imports.\n"
	"\n"
	"Examples: " CLI_NAME " import backup.json\n"
	"          " CLI_NAME " import partner.csv student.csv placement.csv\n"
	"          " CLI_NAME " import --update student.csv\n",
	run,
};
