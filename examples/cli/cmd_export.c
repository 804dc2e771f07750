/* coopedu export [--format json|csv] [--entity E] [-o PATH]: the whole
 * store as JSON, one entity as CSV, or every entity as CSV files. */
#include <getopt.h>
#include <string.h>

#include "cli.h"

static int run(cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		CLI_COMMON_OPTIONS,
		{ "entity", required_argument, NULL, 'e' },
		{ "output", required_argument, NULL, 'o' },
		{ "bom", no_argument, NULL, 'b' },
		{ "raw", no_argument, NULL, 'r' },
		{ "labels", required_argument, NULL, 'l' },
		{ NULL, 0, NULL, 0 },
	};
	const char *entity_name = NULL, *output = NULL;
	ce_io_options io = CE_IO_OPTIONS_INIT;
	ce_entity e;
	int opt, rc, st = EXIT_OK;
	while ((opt = cli_getopt(c, argc, argv, "o:", opts, &st)) != -1) {
		switch (opt) {
		case 'e': entity_name = optarg; break;
		case 'o': output = optarg; break;
		case 'b': io.flags |= CE_IO_CSV_BOM; break;
		case 'r': io.flags |= CE_IO_CSV_RAW; break;
		case 'l':
			if (strcmp(optarg, "zh") == 0)
				io.flags |= CE_IO_LABELS_ZH;
			else if (strcmp(optarg, "en") != 0)
				return cli_usage(c, "--labels is zh or en, not '%s'", optarg);
			break;
		}
	}
	if (st != EXIT_OK)
		return CLI_EXIT(st);
	if (optind < argc)
		return cli_usage(c, "unexpected argument '%s' (the output goes to -o PATH)", argv[optind]);
	bool csv = c->format == FMT_CSV, xlsx = c->format == FMT_XLSX;
	if (c->format_given && c->format != FMT_JSON && !csv && !xlsx)
		return cli_usage(c, "export writes json, csv or xlsx");
	if (!csv && (entity_name || (io.flags & ~CE_IO_LABELS_ZH)))
		return cli_usage(c, "--entity, --bom and --raw are for --format csv");
	if (!csv && !xlsx && io.flags)
		return cli_usage(c, "--labels is for --format csv or xlsx");
	if (csv && !entity_name && !output)
		return cli_usage(c, "CSV is one file per entity: give --entity ENTITY, or -o DIR for all of them");
	if (xlsx && (!output || strcmp(output, "-") == 0))
		return cli_usage(c, "a workbook goes to a file: give -o FILE.xlsx");
	if (entity_name && (st = cli_entity(c, entity_name, &e)) != EXIT_OK)
		return st;
	if ((st = cli_open(c, OPEN_READ)) != EXIT_OK)
		return st;
	if (xlsx)
		rc = ce_export_xlsx(c->db, output, &io);
	else if (!csv)
		rc = ce_export_json_path(c->db, output ? output : "-", &io);
	else if (entity_name)
		rc = ce_export_csv_path(c->db, e, output ? output : "-", &io);
	else
		rc = ce_export_csv_dir(c->db, output, &io);
	if (rc != CE_OK)
		return cli_lib_error(c, rc, "export");
	if (output)
		cli_note("exported %s to %s", entity_name ? entity_name : "the store", output);
	return EXIT_OK;
}

const cli_command cmd_export = {
	"export", "[--format json|csv|xlsx] [--entity ENTITY] [-o PATH] [--bom] [--raw] [--labels zh|en]",
	"Export the store: JSON (default), CSV or an Excel workbook, to stdout or -o PATH.",
	"JSON is one document holding every entity (schema: '" CLI_NAME " schema');\n"
	"export, import into an empty store and export again gives the same bytes. CSV is\n"
	"one file per entity: --entity ENTITY for one (to stdout or -o FILE), or -o DIR\n"
	"for all (DIR/partner.csv, ...). In CSV, text a spreadsheet would run as a formula\n"
	"(starting with = + - @) gets a leading ' (import takes it off again); --raw\n"
	"writes text as it is; --bom starts files with a byte-order mark for Excel;\n"
	"--labels zh writes the header rows in Chinese (学号, 姓名, ...).\n"
	"xlsx is one workbook (-o FILE.xlsx): a sheet per entity as its CSV, with numbers,\n"
	"dates and booleans typed, then a sheet per report; --labels zh names sheets in\n"
	"Chinese too.\n"
	"\n"
	"Examples: " CLI_NAME " export -o backup.json\n"
	"          " CLI_NAME " export --format csv -o csv/\n"
	"          " CLI_NAME " export --format xlsx --labels zh -o office.xlsx\n",
	run,
};
