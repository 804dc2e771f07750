/* coopedu list ENTITY [--COLUMN VALUE]... [--limit N]: records matching
 * every condition given, in id order. */
#include <getopt.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static long limit;

static int list_option(cli *c, int opt, const char *arg)
{
	int64_t n;
	if (opt != 'n')
		return cli_usage(c, "unexpected option");
	if (!cli_parse_int(arg, &n) || n < 0 || n > LONG_MAX)
		return cli_usage(c, "--limit: '%s' is not a count", arg);
	limit = (long)n;
	return EXIT_OK;
}

/* Conditions the library's filters cannot express: flags contain every
 * given flag; reals equal. */
static bool matches(const ce_record *rec, const int64_t *flag_want, const double *real_want,
                    const bool *has_real)
{
	ce_entity e = ce_record_entity(rec);
	for (int col = 0; col < ce_entity_column_count(e); col++) {
		int64_t v;
		double r;
		if (flag_want[col] && (ce_record_get_int(&v, rec, col) != CE_OK || (v & flag_want[col]) != flag_want[col]))
			return false;
		if (has_real[col] && (ce_record_is_null(rec, col) == 1 || ce_record_get_real(&r, rec, col) != CE_OK ||
		                      r != real_want[col]))
			return false;
	}
	return true;
}

static int build_filter(cli *c, ce_entity e, const char **values, const char **links, ce_filter *f,
                        int64_t *flag_want, double *real_want, bool *has_real)
{
	int rc = CE_OK, st = EXIT_OK, ncolumns = ce_entity_column_count(e), nlinks = ce_entity_link_count(e);
	for (int col = 0; st == EXIT_OK && rc == CE_OK && col < ncolumns; col++) {
		const char *v = values[col], *name = ce_column_name(e, col);
		ce_column_type type = ce_column_type_of(e, col);
		int64_t i;
		if (!v)
			continue;
		if (!*v) {
			rc = ce_filter_is_null(f, name);
		} else if (type == CE_TYPE_TEXT) {
			rc = ce_filter_eq_text(f, name, v);
		} else if (type == CE_TYPE_REAL) {
			has_real[col] = true;
			if (!cli_parse_real(v, &real_want[col]))
				st = cli_error("--%s: '%s' is not a number", name, v);
		} else if ((st = cli_filter_value(c, e, col, v, &i)) == EXIT_OK) {
			if (type == CE_TYPE_FLAGS)
				flag_want[col] = i;
			else
				rc = ce_filter_eq_int(f, name, i);
		}
	}
	for (int l = 0; st == EXIT_OK && rc == CE_OK && l < nlinks; l++) {
		int64_t id;
		if (links[l] && (st = cli_resolve(c, cli_link_target(e, l), links[l], &id)) == EXIT_OK)
			rc = ce_filter_eq_int(f, ce_entity_link_name(e, l), id);
	}
	return st != EXIT_OK ? st : rc == CE_OK ? EXIT_OK : cli_lib_error(c, rc, "filter");
}

static int run(cli *c, int argc, char **argv)
{
	static const struct option extra[] = { { "limit", required_argument, NULL, 'n' },
		                                   { NULL, 0, NULL, 0 } };
	const char *values[CLI_MAX_COLUMNS] = { NULL }, *links[16] = { NULL };
	int64_t flag_want[CLI_MAX_COLUMNS] = { 0 };
	double real_want[CLI_MAX_COLUMNS] = { 0 };
	bool has_real[CLI_MAX_COLUMNS] = { false };
	ce_entity e;
	ce_filter *f = NULL;
	ce_record_iter *it = NULL;
	ce_record *rec;
	ce_table *t = NULL;
	char **rest;
	int nrest, rc, st = cli_entity_arg(c, argc, argv, &e, NULL);
	long shown = 0;
	if (st != EXIT_OK)
		return CLI_EXIT(st);
	st = cli_collect(c, argc, argv, e, "n:", extra, true, values, links, list_option, &rest, &nrest);
	if (st != EXIT_OK)
		return CLI_EXIT(st);
	if (nrest > 0)
		return cli_usage(c, "unexpected argument '%s' (conditions go in --COLUMN options)", rest[0]);
	if ((st = cli_require_format(c, "table,csv,json")) != EXIT_OK || (st = cli_open(c, OPEN_READ)) != EXIT_OK)
		return st;
	if (ce_filter_new(&f) != CE_OK)
		return cli_lib_error(c, CE_ENOMEM, "filter");
	st = build_filter(c, e, values, links, f, flag_want, real_want, has_real);
	if (st == EXIT_OK && (rc = ce_record_iter_new(&it, c->db, e, f)) != CE_OK)
		st = cli_lib_error(c, rc, "list");
	if (st == EXIT_OK)
		st = cli_record_table(c, e, false, &t);
	while (st == EXIT_OK && (!limit || shown < limit) && (rc = ce_record_iter_next(&rec, it)) != CE_ITEROVER) {
		if (rc != CE_OK) {
			st = cli_lib_error(c, rc, "list");
			break;
		}
		if (matches(rec, flag_want, real_want, has_real)) {
			st = cli_record_row(c, t, rec, false);
			shown++;
		}
		ce_record_free(rec);
	}
	if (st == EXIT_OK)
		st = cli_print_table(c, t);
	ce_table_free(t);
	ce_record_iter_free(it);
	ce_filter_free(f);
	return st;
}

const cli_command cmd_list = {
	"list", "ENTITY [--COLUMN VALUE]... [--limit N]",
	"List the records of ENTITY that match every --COLUMN VALUE given.",
	"Values are written as for add; an empty VALUE matches records where the column\n"
	"is unset. A flags condition matches records having every flag given. Some\n"
	"entities also filter through their links, e.g. project --partner NAME (projects\n"
	"that partner takes part in), subtopic --student NUMBER, outcome --student NUMBER.\n"
	"References are shown by the target's natural key, or #ID where it has none.\n"
	"\n"
	"Example: " CLI_NAME " list partner --kind enterprise --format csv\n",
	run,
};
