/* coopedu log [ENTITY [KEY]] [--actor NAME] [--from DATE] [--to DATE]: the
 * audit trail, oldest first. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "cli.h"

static const char *const columns[] = { "id", "at", "actor", "role", "operation", "entity", "record",
	                                   "changes" };
static const ce_column_type types[] = { CE_TYPE_INT, CE_TYPE_TEXT, CE_TYPE_TEXT, CE_TYPE_TEXT,
	                                    CE_TYPE_TEXT, CE_TYPE_TEXT, CE_TYPE_INT, CE_TYPE_TEXT };
enum { NCOLUMNS = sizeof columns / sizeof columns[0], COL_CHANGES = NCOLUMNS - 1 };

/* A JSON value as people read it: text as it is, null as "-". False when
 * out of memory. */
static bool add_value(FILE *f, const json_t *v)
{
	if (!v || json_is_null(v))
		return fputs("-", f) >= 0;
	if (json_is_string(v))
		return fputs(json_string_value(v), f) >= 0;
	char *s = json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY);
	bool ok = s && fputs(s, f) >= 0;
	free(s);
	return ok;
}

/* The changes of one entry for the table format: "col=new" for a record
 * created, "col=old" for one deleted, "col: old → new" otherwise, in
 * *out; the JSON text itself if it does not parse. CE_ENOMEM when out of
 * memory. */
static int human_changes(const char *text, ce_audit_op op, char **out)
{
	json_t *obj, *pair;
	const char *col;
	char *buf = NULL;
	size_t len = 0;
	FILE *f;
	int rd = cli_json_read(text, &obj);
	*out = NULL;
	if (rd < 0)
		return CE_ENOMEM;
	if (!json_is_object(obj)) {
		json_decref(obj);
		return (*out = strdup(text)) ? CE_OK : CE_ENOMEM;
	}
	if (!(f = open_memstream(&buf, &len))) {
		json_decref(obj);
		return CE_ENOMEM;
	}
	bool first = true, ok = true;
	json_object_foreach(obj, col, pair)
	{
		const json_t *old = json_array_get(pair, 0), *new = json_array_get(pair, 1);
		ok = ok && fprintf(f, "%s%s", first ? "" : "; ", col) >= 0;
		first = false;
		if (op == CE_AUDIT_CREATE || op == CE_AUDIT_IMPORT || op == CE_AUDIT_DELETE)
			ok = ok && fputc('=', f) != EOF && add_value(f, op == CE_AUDIT_DELETE ? old : new);
		else
			ok = ok && fputs(": ", f) >= 0 && add_value(f, old) && fputs(" → ", f) >= 0 &&
			     add_value(f, new);
	}
	ok = ok && !ferror(f);
	json_decref(obj);
	if (fclose(f) != 0 || !ok) {
		free(buf);
		return CE_ENOMEM;
	}
	*out = buf;
	return CE_OK;
}

/* Appends one entry to the table; changes as JSON text, or for people. */
static int add_entry(cli *c, ce_table *t, const ce_audit_entry *e)
{
	ce_audit_op op = ce_audit_entry_op(e);
	const char *actor = ce_audit_entry_actor(e), *entity = ce_entity_name(ce_audit_entry_entity(e));
	const char *role = ce_role_name(ce_audit_entry_role(e)), *opname = ce_audit_op_name(op);
	const char *changes = ce_audit_entry_changes(e);
	char *shown = NULL, other[16];
	size_t row;
	int rc = ce_table_append_row(&row, t);
	if (!entity) {
		snprintf(other, sizeof other, "#%d", (int)ce_audit_entry_entity(e));
		entity = other;
	}
	if (rc == CE_OK && changes && c->format == FMT_TABLE)
		rc = human_changes(changes, op, &shown);
	if (rc == CE_OK)
		rc = ce_table_set_int(t, row, 0, ce_audit_entry_id(e));
	if (rc == CE_OK)
		rc = ce_table_set_text(t, row, 1, ce_audit_entry_at(e));
	if (rc == CE_OK && actor)
		rc = ce_table_set_text(t, row, 2, actor);
	if (rc == CE_OK && role)
		rc = ce_table_set_text(t, row, 3, role);
	if (rc == CE_OK && opname)
		rc = ce_table_set_text(t, row, 4, opname);
	if (rc == CE_OK)
		rc = ce_table_set_text(t, row, 5, entity);
	if (rc == CE_OK)
		rc = ce_table_set_int(t, row, 6, ce_audit_entry_record(e));
	if (rc == CE_OK && changes)
		rc = ce_table_set_text(t, row, COL_CHANGES, shown ? shown : changes);
	free(shown);
	return rc == CE_OK ? EXIT_OK : cli_lib_error(c, rc, "log");
}

/* JSON: the table's rows as objects, changes as the object they are. */
static int print_json(const ce_table *t)
{
	size_t n = ce_table_row_count(t);
	if (fputs(n ? "[\n" : "[]\n", stdout) < 0)
		return cli_error("cannot write the output");
	for (size_t r = 0; r < n; r++) {
		json_t *obj = json_object();
		for (int col = 0; obj && col < NCOLUMNS; col++) {
			json_t *v = NULL;
			int64_t i;
			const char *s = ce_table_is_null(t, r, col) ? NULL : ce_table_get_text(t, r, col);
			if (ce_table_is_null(t, r, col))
				v = json_null();
			else if (types[col] == CE_TYPE_INT && ce_table_get_int(&i, t, r, col) == CE_OK)
				v = json_integer(i);
			else if (col == COL_CHANGES && s && cli_json_read(s, &v) < 0)
				s = NULL; /* out of memory: v stays NULL */
			if (!v && s)
				v = json_string(s);
			if (!v || json_object_set_new(obj, columns[col], v) != 0) {
				json_decref(obj);
				obj = NULL;
			}
		}
		if (!obj)
			return cli_error("log: out of memory");
		int wrote = fputs("  ", stdout) >= 0 ? json_dumpf(obj, stdout, JSON_REAL_PRECISION(15)) : -1;
		json_decref(obj);
		if (wrote != 0 || fputs(r + 1 < n ? ",\n" : "\n]\n", stdout) < 0)
			return cli_error("cannot write the output");
	}
	if (fflush(stdout) != 0 || ferror(stdout))
		return cli_error("cannot write the output");
	return EXIT_OK;
}

/* A record named for the log: "#N" is an id even when the record is gone
 * (deleted records have entries too); otherwise as every command names one. */
static int log_record(cli *c, ce_entity e, const char *text, int64_t *out)
{
	if (text[0] == '#') {
		int64_t id;
		if (!cli_parse_int(text + 1, &id) || id <= 0)
			return cli_usage(c, "'%s' is not a record id (#N)", text);
		*out = id;
		return EXIT_OK;
	}
	return cli_resolve(c, e, text, out);
}

static int run(cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		CLI_COMMON_OPTIONS,
		{ "actor", required_argument, NULL, 'a' },
		{ "from", required_argument, NULL, 'F' },
		{ "to", required_argument, NULL, 'T' },
		{ NULL, 0, NULL, 0 },
	};
	ce_audit_filter f = CE_AUDIT_FILTER_INIT;
	ce_audit_iter *it = NULL;
	ce_audit_entry *entry;
	ce_table *t = NULL;
	const char *from = NULL, *to = NULL;
	int opt, rc, st = EXIT_OK;
	while ((opt = cli_getopt(c, argc, argv, "", opts, &st)) != -1) {
		switch (opt) {
		case 'a': f.actor = optarg; break;
		case 'F': from = optarg; break;
		case 'T': to = optarg; break;
		}
	}
	if (st != EXIT_OK)
		return CLI_EXIT(st);
	if (argc - optind > 2)
		return cli_usage(c, "expected at most ENTITY and KEY");
	if ((st = cli_require_format(c, "table,csv,json")) != EXIT_OK)
		return st;
	if (from && !cli_parse_date(from, &f.from))
		return cli_usage(c, "--from: '%s' is not a date (YYYY-MM-DD)", from);
	if (to && !cli_parse_date(to, &f.to))
		return cli_usage(c, "--to: '%s' is not a date (YYYY-MM-DD)", to);
	if (f.actor && !*f.actor)
		return cli_usage(c, "--actor: empty");
	if (argc - optind >= 1 && (st = cli_entity(c, argv[optind], &f.entity)) != EXIT_OK)
		return st;
	if ((st = cli_open(c, OPEN_READ)) != EXIT_OK)
		return st;
	if (argc - optind == 2 && (st = log_record(c, f.entity, argv[optind + 1], &f.record)) != EXIT_OK)
		return st;
	if ((rc = ce_audit_iter_new(&it, c->db, &f)) != CE_OK)
		return cli_lib_error(c, rc, "log");
	if ((rc = ce_table_new(&t, "log", NCOLUMNS, columns, types)) != CE_OK)
		st = cli_lib_error(c, rc, "log");
	while (st == EXIT_OK && (rc = ce_audit_iter_next(&entry, it)) != CE_ITEROVER) {
		if (rc != CE_OK) {
			st = cli_lib_error(c, rc, "log");
			break;
		}
		st = add_entry(c, t, entry);
		ce_audit_entry_free(entry);
	}
	ce_audit_iter_free(it);
	if (st == EXIT_OK && c->format == FMT_JSON) {
		st = print_json(t);
	} else if (st == EXIT_OK) {
		c->wide_last = true;
		st = cli_print_table(c, t);
	}
	ce_table_free(t);
	return st;
}

const cli_command cmd_log = {
	"log", "[ENTITY [KEY]] [--actor NAME] [--from DATE] [--to DATE]",
	"Show the audit trail: who changed what, when, in which role.",
	"Every change to the store (create, update, delete, cascade, lifecycle move,\n"
	"import, merge, anonymise) has an entry per changed record: its time (UTC), the\n"
	"actor and role of the handle that made it (none: the trusted system), the\n"
	"operation, the record, and each changed column's old and new value. ENTITY\n"
	"limits it to one entity's records, KEY to one record (by natural key or id;\n"
	"#N names a deleted record too). --actor, --from and --to (YYYY-MM-DD, UTC,\n"
	"inclusive) filter further. Only the trusted system, admin and office may read\n"
	"it. In table format changes read `column: old → new` (`column=value` for a\n"
	"record created or deleted); csv and json give them as a JSON object of\n"
	"column: [old, new].\n"
	"\n"
	"Examples: " CLI_NAME " log placement 3\n"
	"          " CLI_NAME " --role office --actor 教务处 log --actor E3001 --format json\n",
	run,
};
