/* coopedu check [--today DATE]: what needs attention. Students lacking an
 * academic main or an enterprise supervisor, idle platforms, overdue
 * milestones, finished placements without feedback both ways, expired
 * agreements still in use. Exit 1 when there is any finding. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

typedef struct findings {
	cli *c;
	ce_table *t;
	ce_date today;
	int rc;
} findings;

static void add(findings *f, const char *kind, ce_entity e, int64_t id, const char *subject,
                const char *detail)
{
	size_t r;
	if (f->rc != CE_OK || (f->rc = ce_table_append_row(&r, f->t)) != CE_OK)
		return;
	if ((f->rc = ce_table_set_text(f->t, r, 0, kind)) == CE_OK &&
	    (f->rc = ce_table_set_text(f->t, r, 1, ce_entity_name(e))) == CE_OK &&
	    (f->rc = ce_table_set_int(f->t, r, 2, id)) == CE_OK &&
	    (f->rc = ce_table_set_text(f->t, r, 3, subject)) == CE_OK)
		f->rc = ce_table_set_text(f->t, r, 4, detail);
}

/* Records the first failure: a finding must never come from a failed read. */
static bool ok(findings *f, int rc)
{
	if (rc != CE_OK && f->rc == CE_OK)
		f->rc = rc;
	return rc == CE_OK;
}

/* A column of a report: a missing one is a library error, not "no value". */
static int col(findings *f, const ce_table *t, const char *name)
{
	int c = -1;
	return ok(f, ce_table_column_index(&c, t, name)) ? c : -1;
}

/* Values of a record; NULL text and unset tokens read as "". */
static const char *text(findings *f, const ce_record *rec, const char *column)
{
	int c;
	const char *s;
	if (!ok(f, ce_column_index(&c, ce_record_entity(rec), column)) || !(s = ce_record_get_text(rec, c)))
		return "";
	return s;
}

static int64_t num(findings *f, const ce_record *rec, const char *column)
{
	int c;
	int64_t v = 0;
	if (ok(f, ce_column_index(&c, ce_record_entity(rec), column)))
		ok(f, ce_record_get_int(&v, rec, c));
	return v;
}

static const char *token(findings *f, const ce_record *rec, const char *column)
{
	int c;
	const char *s;
	if (!ok(f, ce_column_index(&c, ce_record_entity(rec), column)) ||
	    !(s = ce_column_token(ce_record_entity(rec), c, (int)num(f, rec, column))))
		return "";
	return s;
}

static void date_text(char *buf, ce_date d)
{
	if (ce_date_format(buf, 16, d) != CE_OK)
		strcpy(buf, "-");
}

/* Runs fn over every record of e (matching filter), stopping on a failure. */
static void each(findings *f, ce_entity e, ce_filter *filter, void (*fn)(findings *, const ce_record *))
{
	ce_record_iter *it = NULL;
	ce_record *rec;
	int rc = ce_record_iter_new(&it, f->c->db, e, filter);
	while (rc == CE_OK && f->rc == CE_OK && (rc = ce_record_iter_next(&rec, it)) == CE_OK) {
		fn(f, rec);
		ce_record_free(rec);
	}
	ce_record_iter_free(it);
	if (rc != CE_OK && rc != CE_ITEROVER && f->rc == CE_OK)
		f->rc = rc;
}

static void from_report(findings *f, const char *report, const char *kind, ce_entity e,
                        const char *id_col, const char *a, const char *b)
{
	ce_table *t = NULL;
	if (f->rc != CE_OK || (f->rc = ce_report_run(&t, f->c->db, report, NULL)) != CE_OK)
		return;
	int ci = col(f, t, id_col), ca = col(f, t, a), cb = col(f, t, b);
	int cn = e == CE_ENTITY_STUDENT ? col(f, t, "name") : -1;
	for (size_t r = 0; f->rc == CE_OK && r < ce_table_row_count(t); r++) {
		int64_t id = 0;
		char subject[256], detail[256];
		const char *sa = ca >= 0 ? ce_table_get_text(t, r, ca) : NULL;
		if (!ok(f, ce_table_get_int(&id, t, r, ci)))
			break;
		snprintf(subject, sizeof subject, "%s", sa ? sa : "");
		if (e == CE_ENTITY_STUDENT) {
			const char *name = cn >= 0 ? ce_table_get_text(t, r, cn) : NULL;
			const char *lacks = cb >= 0 ? ce_table_get_text(t, r, cb) : NULL;
			snprintf(subject, sizeof subject, "%s %s", sa ? sa : "", name ? name : "");
			snprintf(detail, sizeof detail, "lacks a supervisor: %s", lacks ? lacks : "?");
		} else {
			int64_t last = 0;
			if (cb >= 0 && !ce_table_is_null(t, r, cb)) {
				char d[16];
				if (!ok(f, ce_table_get_int(&last, t, r, cb)))
					break;
				date_text(d, (ce_date)last);
				snprintf(detail, sizeof detail, "nothing used it since %s", d);
			} else {
				snprintf(detail, sizeof detail, "no placement, subtopic or guidance ever used it");
			}
		}
		add(f, kind, e, id, subject, detail);
	}
	ce_table_free(t);
}

static void overdue(findings *f, const ce_record *m)
{
	ce_date due = (ce_date)num(f, m, "due_date");
	char d[16], detail[64];
	if (due >= f->today)
		return;
	date_text(d, due);
	snprintf(detail, sizeof detail, "due %s, not done", d);
	add(f, "overdue_milestone", CE_ENTITY_MILESTONE, ce_record_id(m), text(f, m, "title"), detail);
}

static bool has_feedback(findings *f, int64_t placement, const char *direction)
{
	ce_filter *filter = NULL;
	int64_t n = 0;
	int dir, dc;
	/* A failed count is an error (recorded), never "no feedback". */
	if (ok(f, ce_filter_new(&filter)) && ok(f, ce_column_index(&dc, CE_ENTITY_FEEDBACK, "direction")) &&
	    ok(f, ce_column_token_value(&dir, CE_ENTITY_FEEDBACK, dc, direction)) &&
	    ok(f, ce_filter_eq_int(filter, "placement", placement)) &&
	    ok(f, ce_filter_eq_int(filter, "direction", dir)))
		ok(f, ce_record_count(&n, f->c->db, CE_ENTITY_FEEDBACK, filter));
	ce_filter_free(filter);
	return n > 0;
}

static void unanswered(findings *f, const ce_record *p)
{
	const char *status = token(f, p, "status");
	ce_date end = (ce_date)num(f, p, "end_date");
	bool finished = !strcmp(status, "completed") || !strcmp(status, "ended_early") ||
	                (end && end < f->today && strcmp(status, "planned"));
	if (!finished)
		return;
	bool from_firm = has_feedback(f, ce_record_id(p), "enterprise_to_school");
	bool to_firm = has_feedback(f, ce_record_id(p), "school_to_enterprise");
	if (f->rc != CE_OK || (from_firm && to_firm))
		return;
	ce_record *student = NULL, *host = NULL;
	char subject[256], detail[160];
	/* Both exist (a placement's references are enforced): a failed lookup is an error. */
	if (!ok(f, ce_record_lookup(&student, f->c->db, CE_ENTITY_STUDENT, num(f, p, "student"))) ||
	    !ok(f, ce_record_lookup(&host, f->c->db, CE_ENTITY_PARTNER, num(f, p, "host")))) {
		ce_record_free(student);
		return;
	}
	snprintf(subject, sizeof subject, "%s %s at %s", text(f, student, "number"),
	         text(f, student, "name"), text(f, host, "name"));
	snprintf(detail, sizeof detail, "%s placement without feedback %s", status,
	         !from_firm && !to_firm ? "in either direction"
	         : !from_firm           ? "from the enterprise"
	                                : "from the school to the enterprise");
	add(f, "placement_without_feedback", CE_ENTITY_PLACEMENT, ce_record_id(p), subject, detail);
	ce_record_free(student);
	ce_record_free(host);
}

/* Expired: its status says so, or its end date has passed. */
static bool expired(findings *f, const ce_record *a, char *why, size_t size)
{
	const char *status = token(f, a, "status");
	ce_date end = (ce_date)num(f, a, "end_date");
	char d[16];
	date_text(d, end);
	if (!strcmp(status, "expired") || !strcmp(status, "terminated")) {
		snprintf(why, size, "%s agreement", status);
		return true;
	}
	if (end && end < f->today) {
		snprintf(why, size, "agreement ended %s", d);
		return true;
	}
	return false;
}

static void users_of(findings *f, const ce_record *a, ce_entity e, const char *const *live)
{
	ce_filter *filter = NULL;
	ce_record_iter *it = NULL;
	ce_record *u;
	char why[64], detail[256];
	int rc = CE_ITEROVER;
	if (f->rc != CE_OK || !expired(f, a, why, sizeof why) || !ok(f, ce_filter_new(&filter)))
		return;
	if (ok(f, ce_filter_eq_int(filter, "agreement", ce_record_id(a))) &&
	    ok(f, ce_record_iter_new(&it, f->c->db, e, filter))) {
		while (f->rc == CE_OK && (rc = ce_record_iter_next(&u, it)) == CE_OK) {
			const char *status = token(f, u, "status");
			for (const char *const *s = live; *s; s++)
				if (!strcmp(status, *s)) {
					snprintf(detail, sizeof detail, "%s, still used by %s %lld (%s)", why,
					         ce_entity_name(e), (long long)ce_record_id(u), status);
					add(f, "expired_agreement_in_use", CE_ENTITY_AGREEMENT, ce_record_id(a),
					    text(f, a, "title"), detail);
				}
			ce_record_free(u);
		}
		if (rc != CE_ITEROVER)
			ok(f, rc);
	}
	ce_record_iter_free(it);
	ce_filter_free(filter);
}

static void agreement_users(findings *f, const ce_record *a)
{
	static const char *const live_placements[] = { "planned", "active", NULL };
	static const char *const live_projects[] = { "proposed", "active", NULL };
	users_of(f, a, CE_ENTITY_PLACEMENT, live_placements);
	users_of(f, a, CE_ENTITY_PROJECT, live_projects);
}

static int run(cli *c, int argc, char **argv)
{
	static const struct option opts[] = { CLI_COMMON_OPTIONS, { "today", required_argument, NULL, 't' },
		                                  { NULL, 0, NULL, 0 } };
	static const char *const names[] = { "finding", "entity", "id", "subject", "detail" };
	static const ce_column_type types[] = { CE_TYPE_TEXT, CE_TYPE_TEXT, CE_TYPE_INT, CE_TYPE_TEXT,
		                                    CE_TYPE_TEXT };
	findings f = { c, NULL, cli_today(), CE_OK };
	ce_filter *open_milestones = NULL;
	int opt, st = EXIT_OK;
	while ((opt = cli_getopt(c, argc, argv, "", opts, &st)) != -1)
		if (!cli_parse_date(optarg, &f.today))
			return cli_error("--today: '%s' is not a date (YYYY-MM-DD)", optarg);
	if (st != EXIT_OK)
		return CLI_EXIT(st);
	if (optind < argc)
		return cli_usage(c, "unexpected argument '%s'", argv[optind]);
	if ((st = cli_require_format(c, "table,csv,json")) != EXIT_OK || (st = cli_open(c, OPEN_READ)) != EXIT_OK)
		return st;
	if ((f.rc = ce_table_new(&f.t, "findings", 5, names, types)) != CE_OK)
		return cli_lib_error(c, f.rc, "check");
	from_report(&f, "students_lacking_supervisor", "student_lacking_supervisor", CE_ENTITY_STUDENT,
	            "student", "number", "lacks");
	from_report(&f, "idle_platforms", "idle_platform", CE_ENTITY_PLATFORM, "platform", "name",
	            "last_used");
	if (f.rc == CE_OK && (f.rc = ce_filter_new(&open_milestones)) == CE_OK &&
	    (f.rc = ce_filter_is_null(open_milestones, "done_date")) == CE_OK)
		each(&f, CE_ENTITY_MILESTONE, open_milestones, overdue);
	ce_filter_free(open_milestones);
	each(&f, CE_ENTITY_PLACEMENT, NULL, unanswered);
	each(&f, CE_ENTITY_AGREEMENT, NULL, agreement_users);
	if (f.rc != CE_OK)
		st = cli_lib_error(c, f.rc, "check");
	else
		st = cli_print_table(c, f.t);
	if (st == EXIT_OK) {
		size_t n = ce_table_row_count(f.t);
		cli_note("%zu finding%s", n, n == 1 ? "" : "s");
		st = n ? EXIT_FAIL : EXIT_OK;
	}
	ce_table_free(f.t);
	return st;
}

const cli_command cmd_check = {
	"check", "[--today DATE]",
	"List what needs attention; exit 1 when there is anything.",
	"Findings: graduate students on a project subtopic lacking an academic main or an\n"
	"enterprise supervisor; platforms nothing ever used; milestones past their due\n"
	"date and not done; finished placements without feedback from the enterprise or\n"
	"to it; expired or terminated agreements (or ones past their end date) that\n"
	"planned or active placements, or proposed or active projects, still rely on.\n"
	"--today sets the date \"overdue\" and \"expired\" are measured against.\n"
	"\n"
	"Example: " CLI_NAME " check --format csv > findings.csv\n",
	run,
};
