/* coopedu graph PROJECT [--format dot]: a project's subtopics in
 * dependency order with the critical path; dot for Graphviz. */
#include <getopt.h>
#include <string.h>

#include "cli.h"

static void dot_string(const char *s)
{
	putchar('"');
	for (; s && *s; s++) {
		if (*s == '"' || *s == '\\')
			putchar('\\');
		if (*s == '\n')
			fputs("\\n", stdout);
		else
			putchar(*s);
	}
	putchar('"');
}

static int column(const ce_table *t, const char *name)
{
	int col = -1;
	ce_table_column_index(&col, t, name);
	return col;
}

static bool critical(const ce_table *t, int64_t subtopic)
{
	int cs = column(t, "subtopic"), cc = column(t, "critical");
	for (size_t r = 0; r < ce_table_row_count(t); r++) {
		int64_t id = 0, crit = 0;
		ce_table_get_int(&id, t, r, cs);
		if (id == subtopic) {
			ce_table_get_int(&crit, t, r, cc);
			return crit != 0;
		}
	}
	return false;
}

/* Nodes from the report (in dependency order), edges from the stored
 * dependencies; the critical path in bold red. */
static int print_dot(cli *c, const ce_table *t, const char *code)
{
	int cs = column(t, "subtopic"), ct = column(t, "title"), cd = column(t, "planned_days"),
	    cc = column(t, "critical"), csl = column(t, "slack");
	ce_record_iter *it = NULL;
	ce_record *rec;
	int rc;
	if (cs < 0 || ct < 0)
		return cli_error("the subtopic_graph report lacks the subtopic/title columns");
	printf("digraph ");
	dot_string(code);
	printf(" {\n  rankdir=LR;\n  node [shape=box, fontname=\"sans-serif\"];\n");
	for (size_t r = 0; r < ce_table_row_count(t); r++) {
		int64_t id = 0, days = 0, crit = 0, slack = 0;
		char label[512];
		ce_table_get_int(&id, t, r, cs);
		if (cd >= 0)
			ce_table_get_int(&days, t, r, cd);
		if (cc >= 0)
			ce_table_get_int(&crit, t, r, cc);
		if (csl >= 0)
			ce_table_get_int(&slack, t, r, csl);
		snprintf(label, sizeof label, "%s\n%lld days, slack %lld", ce_table_get_text(t, r, ct),
		         (long long)days, (long long)slack);
		printf("  s%lld [label=", (long long)id);
		dot_string(label);
		printf("%s];\n", crit ? ", color=red, penwidth=2" : "");
	}
	if ((rc = ce_record_iter_new(&it, c->db, CE_ENTITY_SUBTOPIC_DEPENDENCY, NULL)) != CE_OK)
		return cli_lib_error(c, rc, "dependencies");
	while ((rc = ce_record_iter_next(&rec, it)) == CE_OK) {
		int64_t from = 0, to = 0;
		if ((rc = ce_record_get_int(&to, rec, 0)) != CE_OK ||   /* subtopic depends on ... */
		    (rc = ce_record_get_int(&from, rec, 1)) != CE_OK) { /* ... depends_on */
			ce_record_free(rec);
			break;
		}
		bool inside = false;
		for (size_t r = 0; r < ce_table_row_count(t); r++) {
			int64_t id = 0;
			ce_table_get_int(&id, t, r, cs);
			inside |= id == to;
		}
		if (inside)
			printf("  s%lld -> s%lld%s;\n", (long long)from, (long long)to,
			       critical(t, from) && critical(t, to) ? " [color=red, penwidth=2]" : "");
		ce_record_free(rec);
	}
	ce_record_iter_free(it);
	if (rc != CE_ITEROVER)
		return cli_lib_error(c, rc, "dependencies");
	printf("}\n");
	return fflush(stdout) == 0 ? EXIT_OK : cli_error("cannot write the output");
}

int cli_print_report(cli *c, const ce_table *t);

static int run(cli *c, int argc, char **argv)
{
	static const struct option opts[] = { CLI_COMMON_OPTIONS, { NULL, 0, NULL, 0 } };
	ce_report_filter f = CE_REPORT_FILTER_INIT;
	ce_table *t = NULL;
	int rc, st = EXIT_OK;
	while (cli_getopt(c, argc, argv, "", opts, &st) != -1)
		st = cli_usage(c, "unexpected option");
	if (st != EXIT_OK)
		return CLI_EXIT(st);
	if (argc - optind != 1)
		return cli_usage(c, "expected one PROJECT (its code or id)");
	if ((st = cli_require_format(c, "table,csv,json,dot")) != EXIT_OK || (st = cli_open(c, OPEN_READ)) != EXIT_OK ||
	    (st = cli_resolve(c, CE_ENTITY_PROJECT, argv[optind], &f.project)) != EXIT_OK)
		return st;
	if ((rc = ce_report_subtopic_graph(&t, c->db, &f)) != CE_OK)
		return cli_lib_error(c, rc, "graph");
	st = c->format == FMT_DOT ? print_dot(c, t, argv[optind]) : cli_print_table(c, t);
	ce_table_free(t);
	return st;
}

const cli_command cmd_graph = {
	"graph", "PROJECT [--format table|csv|json|dot]",
	"A project's subtopics in dependency order, with slack and the critical path.",
	"Durations come from the subtopics' planned_days; each subtopic starts when all\n"
	"it depends on are finished. --format dot writes a Graphviz digraph with the\n"
	"critical path in red:\n"
	"\n"
	"  " CLI_NAME " graph 2016ZDJS02A03 --format dot | dot -Tsvg > graph.svg\n",
	run,
};
