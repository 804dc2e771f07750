/* ce_findings(): what needs attention today, and what falls due within a
 * horizon; the library form of `coopedu check` and `coopedu remind`.
 * Written on the public API (iterators, filters, reports), so it sees
 * exactly what the handle's role may see, on every backend.
 *
 * Today (severity "warning"): graduate students on a subtopic lacking a
 * required supervisor, platforms nothing used, milestones past due,
 * finished placements without feedback both ways, expired agreements
 * still relied on, open risks past their review date. Within the horizon (severity "reminder"): agreements
 * ending, milestones due, placements ending without feedback yet,
 * supervisors of the current term not yet evaluated when the term ends.
 * Worth a look ("info"): partners and supervisors that are probably one
 * entered twice (see near_key()). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "analytics_internal.h"

enum { F_KIND, F_SEVERITY, F_ENTITY, F_ID, F_SUBJECT, F_DUE, F_MESSAGE, F_NCOLS };

typedef struct findings {
	ce_db *db;
	ce_table *t;
	ce_date today, until; /* the horizon: [today, until] */
	int rc;
} findings;

/* ---- dates ------------------------------------------------------------------ */

/* The date `days` after d (Howard Hinnant's civil_from_days). */
static ce_date add_days(ce_date d, int64_t days)
{
	int64_t z = ce__date_days(d) + days + 719468;
	int64_t era = (z >= 0 ? z : z - 146096) / 146097;
	int64_t doe = z - era * 146097;
	int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int64_t mp = (5 * doy + 2) / 153;
	int64_t day = doy - (153 * mp + 2) / 5 + 1;
	int64_t month = mp < 10 ? mp + 3 : mp - 9;
	int64_t year = yoe + era * 400 + (month <= 2);
	return CE_DATE((int)year, (int)month, (int)day);
}

static void date_text(char *buf, ce_date d)
{
	if (ce_date_format(buf, 16, d) != CE_OK)
		strcpy(buf, "-");
}

/* The term a date is in: spring Feb 1 - Jul 31, autumn Aug 1 - Jan 31 (as
 * ce_report_guidance_by_term()). */
static void term_of(ce_date d, ce_date *start, ce_date *end, char *name, size_t size)
{
	int y = d / 10000, m = d / 100 % 100;
	if (m >= 2 && m <= 7) {
		*start = CE_DATE(y, 2, 1);
		*end = CE_DATE(y, 7, 31);
		snprintf(name, size, "%d-spring", y);
	} else {
		int ay = m == 1 ? y - 1 : y;
		*start = CE_DATE(ay, 8, 1);
		*end = CE_DATE(ay + 1, 1, 31);
		snprintf(name, size, "%d-autumn", ay);
	}
}

/* ---- the table ---------------------------------------------------------------- */

static bool ok(findings *f, int rc)
{
	if (rc != CE_OK && f->rc == CE_OK)
		f->rc = rc;
	return rc == CE_OK;
}

static void add(findings *f, const char *kind, const char *severity, ce_entity e, int64_t id,
                const char *subject, ce_date due, const char *message)
{
	size_t r;
	if (f->rc != CE_OK || !ok(f, ce_table_append_row(&r, f->t)))
		return;
	(void)(ok(f, ce_table_set_text(f->t, r, F_KIND, kind)) &&
	    ok(f, ce_table_set_text(f->t, r, F_SEVERITY, severity)) &&
	    ok(f, ce_table_set_text(f->t, r, F_ENTITY, ce_entity_name(e))) &&
	    ok(f, ce_table_set_int(f->t, r, F_ID, id)) &&
	    ok(f, ce_table_set_text(f->t, r, F_SUBJECT, subject)) &&
	    ok(f, due ? ce_table_set_int(f->t, r, F_DUE, due) : CE_OK) &&
	       ok(f, ce_table_set_text(f->t, r, F_MESSAGE, message)));
}

/* ---- reading records ------------------------------------------------------------ */

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
	if (ok(f, ce_column_index(&c, ce_record_entity(rec), column)) && !ce_record_is_null(rec, c))
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

/* Runs fn over every record of e (matching filter), stopping on a failure. */
static void each(findings *f, ce_entity e, ce_filter *filter, void (*fn)(findings *, const ce_record *))
{
	ce_record_iter *it = NULL;
	ce_record *rec;
	int rc = ce_record_iter_new(&it, f->db, e, filter);
	while (rc == CE_OK && f->rc == CE_OK && (rc = ce_record_iter_next(&rec, it)) == CE_OK) {
		fn(f, rec);
		ce_record_free(rec);
	}
	ce_record_iter_free(it);
	if (rc != CE_ITEROVER)
		ok(f, rc);
}

static int64_t count(findings *f, ce_entity e, const char *c1, int64_t v1, const char *c2, int64_t v2)
{
	ce_filter *filter = NULL;
	int64_t n = 0;
	if (ok(f, ce_filter_new(&filter)) && ok(f, ce_filter_eq_int(filter, c1, v1)) &&
	    (!c2 || ok(f, ce_filter_eq_int(filter, c2, v2))))
		ok(f, ce_record_count(&n, f->db, e, filter));
	ce_filter_free(filter);
	return n;
}

/* ---- today: from the reports ------------------------------------------------------ */

static int col(findings *f, const ce_table *t, const char *name)
{
	int c = -1;
	return ok(f, ce_table_column_index(&c, t, name)) ? c : -1;
}

static void students_lacking(findings *f)
{
	ce_table *t = NULL;
	if (f->rc != CE_OK || !ok(f, ce_report_students_lacking_supervisor(&t, f->db, NULL)))
		return;
	int ci = col(f, t, "student"), cn = col(f, t, "number"), cm = col(f, t, "name"), cl = col(f, t, "lacks");
	for (size_t r = 0; f->rc == CE_OK && r < ce_table_row_count(t); r++) {
		int64_t id = 0;
		char subject[256], message[160];
		const char *number = ce_table_get_text(t, r, cn), *name = ce_table_get_text(t, r, cm);
		const char *lacks = ce_table_get_text(t, r, cl);
		if (!ok(f, ce_table_get_int(&id, t, r, ci)))
			break;
		snprintf(subject, sizeof subject, "%s %s", number ? number : "", name ? name : "");
		snprintf(message, sizeof message, "lacks a supervisor: %s", lacks ? lacks : "?");
		add(f, "student_lacking_supervisor", "warning", CE_ENTITY_STUDENT, id, subject, 0, message);
	}
	ce_table_free(t);
}

static void idle_platforms(findings *f)
{
	ce_table *t = NULL;
	if (f->rc != CE_OK || !ok(f, ce_report_idle_platforms(&t, f->db, NULL)))
		return;
	int ci = col(f, t, "platform"), cn = col(f, t, "name"), cl = col(f, t, "last_used");
	for (size_t r = 0; f->rc == CE_OK && r < ce_table_row_count(t); r++) {
		int64_t id = 0, last = 0;
		char message[160], d[16];
		const char *name = ce_table_get_text(t, r, cn);
		if (!ok(f, ce_table_get_int(&id, t, r, ci)) || !ok(f, ce_table_get_int(&last, t, r, cl)))
			break;
		date_text(d, (ce_date)last);
		if (last)
			snprintf(message, sizeof message, "nothing used it since %s", d);
		else
			snprintf(message, sizeof message, "no placement, subtopic or guidance ever used it");
		add(f, "idle_platform", "warning", CE_ENTITY_PLATFORM, id, name ? name : "", 0, message);
	}
	ce_table_free(t);
}

/* ---- milestones --------------------------------------------------------------------- */

static void milestone(findings *f, const ce_record *m)
{
	ce_date due = (ce_date)num(f, m, "due_date");
	char d[16], message[64];
	date_text(d, due);
	if (due < f->today) {
		snprintf(message, sizeof message, "due %s, not done", d);
		add(f, "overdue_milestone", "warning", CE_ENTITY_MILESTONE, ce_record_id(m),
		    text(f, m, "title"), due, message);
	} else if (due <= f->until) {
		snprintf(message, sizeof message, "due %s", d);
		add(f, "milestone_due", "reminder", CE_ENTITY_MILESTONE, ce_record_id(m),
		    text(f, m, "title"), due, message);
	}
}

/* ---- risks ------------------------------------------------------------------------------ */

/* An open or mitigated risk whose review date has passed, or falls due. */
static void risk(findings *f, const ce_record *r)
{
	int64_t status = num(f, r, "status");
	ce_date review = (ce_date)num(f, r, "review_on");
	char d[16], message[96];
	if (!review || (status != CE_RISK_STATUS_OPEN && status != CE_RISK_STATUS_MITIGATED))
		return;
	date_text(d, review);
	if (review < f->today) {
		snprintf(message, sizeof message, "%s, exposure %lld, review was due %s", token(f, r, "status"),
		         (long long)(num(f, r, "likelihood") * num(f, r, "impact")), d);
		add(f, "risk_review_overdue", "warning", CE_ENTITY_RISK, ce_record_id(r), text(f, r, "title"),
		    review, message);
	} else if (review <= f->until) {
		snprintf(message, sizeof message, "%s, exposure %lld, review due %s", token(f, r, "status"),
		         (long long)(num(f, r, "likelihood") * num(f, r, "impact")), d);
		add(f, "risk_review_due", "reminder", CE_ENTITY_RISK, ce_record_id(r), text(f, r, "title"),
		    review, message);
	}
}

/* ---- placements ---------------------------------------------------------------------- */

static int feedback_dir(findings *f, const char *direction)
{
	int dc, dir = 0;
	if (ok(f, ce_column_index(&dc, CE_ENTITY_FEEDBACK, "direction")))
		ok(f, ce_column_token_value(&dir, CE_ENTITY_FEEDBACK, dc, direction));
	return dir;
}

/* "2018220305 吴强 at 某公司" */
static void placement_subject(findings *f, const ce_record *p, char *buf, size_t size)
{
	ce_record *student = NULL, *host = NULL;
	/* both exist (references are enforced): a failed lookup is an error */
	if (ok(f, ce_record_lookup(&student, f->db, CE_ENTITY_STUDENT, num(f, p, "student"))) &&
	    ok(f, ce_record_lookup(&host, f->db, CE_ENTITY_PARTNER, num(f, p, "host"))))
		snprintf(buf, size, "%s %s at %s", text(f, student, "number"), text(f, student, "name"),
		         text(f, host, "name"));
	else
		snprintf(buf, size, "placement %lld", (long long)ce_record_id(p));
	ce_record_free(student);
	ce_record_free(host);
}

static void placement(findings *f, const ce_record *p)
{
	const char *status = token(f, p, "status");
	ce_date end = (ce_date)num(f, p, "end_date");
	bool finished = !strcmp(status, "completed") || !strcmp(status, "ended_early") ||
	                (end && end < f->today && strcmp(status, "planned"));
	bool ending = !finished && end && end >= f->today && end <= f->until;
	if (!finished && !ending)
		return;
	int64_t id = ce_record_id(p);
	bool from_firm = count(f, CE_ENTITY_FEEDBACK, "placement", id, "direction",
	                       feedback_dir(f, "enterprise_to_school")) > 0;
	bool to_firm = count(f, CE_ENTITY_FEEDBACK, "placement", id, "direction",
	                     feedback_dir(f, "school_to_enterprise")) > 0;
	if (f->rc != CE_OK || (from_firm && to_firm))
		return;
	char subject[300], message[200], d[16];
	const char *missing = !from_firm && !to_firm ? "in either direction"
	                      : !from_firm           ? "from the enterprise"
	                                             : "from the school to the enterprise";
	placement_subject(f, p, subject, sizeof subject);
	date_text(d, end);
	if (finished) {
		snprintf(message, sizeof message, "%s placement without feedback %s", status, missing);
		add(f, "placement_without_feedback", "warning", CE_ENTITY_PLACEMENT, id, subject, end, message);
	} else {
		snprintf(message, sizeof message, "ends %s; no feedback yet %s", d, missing);
		add(f, "placement_ending", "reminder", CE_ENTITY_PLACEMENT, id, subject, end, message);
	}
}

/* ---- agreements ----------------------------------------------------------------------- */

static void users_of(findings *f, const ce_record *a, const char *why, ce_entity e,
                     const char *const *live)
{
	ce_filter *filter = NULL;
	ce_record_iter *it = NULL;
	ce_record *u;
	char message[256];
	int rc = CE_ITEROVER;
	if (!ok(f, ce_filter_new(&filter)))
		return;
	if (ok(f, ce_filter_eq_int(filter, "agreement", ce_record_id(a))) &&
	    ok(f, ce_record_iter_new(&it, f->db, e, filter))) {
		while (f->rc == CE_OK && (rc = ce_record_iter_next(&u, it)) == CE_OK) {
			const char *status = token(f, u, "status");
			for (const char *const *s = live; *s; s++)
				if (!strcmp(status, *s)) {
					snprintf(message, sizeof message, "%s, still used by %s %lld (%s)", why,
					         ce_entity_name(e), (long long)ce_record_id(u), status);
					add(f, "expired_agreement_in_use", "warning", CE_ENTITY_AGREEMENT,
					    ce_record_id(a), text(f, a, "title"), (ce_date)num(f, a, "end_date"), message);
				}
			ce_record_free(u);
		}
		if (rc != CE_ITEROVER)
			ok(f, rc);
	}
	ce_record_iter_free(it);
	ce_filter_free(filter);
}

static void agreement(findings *f, const ce_record *a)
{
	static const char *const live_placements[] = { "planned", "active", NULL };
	static const char *const live_projects[] = { "proposed", "active", NULL };
	const char *status = token(f, a, "status");
	ce_date end = (ce_date)num(f, a, "end_date");
	char why[64], d[16];
	date_text(d, end);
	if (!strcmp(status, "expired") || !strcmp(status, "terminated"))
		snprintf(why, sizeof why, "%s agreement", status);
	else if (end && end < f->today)
		snprintf(why, sizeof why, "agreement ended %s", d);
	else {
		if (end && end <= f->until && (!strcmp(status, "active") || !strcmp(status, "draft"))) {
			char message[96];
			snprintf(message, sizeof message, "%s agreement ends %s", status, d);
			add(f, "agreement_expiring", "reminder", CE_ENTITY_AGREEMENT, ce_record_id(a),
			    text(f, a, "title"), end, message);
		}
		return;
	}
	users_of(f, a, why, CE_ENTITY_PLACEMENT, live_placements);
	users_of(f, a, why, CE_ENTITY_PROJECT, live_projects);
}

/* ---- evaluations -------------------------------------------------------------------------- */

/* Supervisors supervising during the term that ends within the horizon
 * and have no evaluation whose period overlaps it. */
static void evaluations(findings *f)
{
	ce_date start, end;
	char term[32];
	term_of(f->today, &start, &end, term, sizeof term);
	if (end > f->until || f->rc != CE_OK)
		return;
	an_ids due = { 0 };
	ce_record_iter *it = NULL;
	ce_record *s;
	int rc = ce_record_iter_new(&it, f->db, CE_ENTITY_SUPERVISION, NULL);
	while (rc == CE_OK && f->rc == CE_OK && (rc = ce_record_iter_next(&s, it)) == CE_OK) {
		ce_date from = (ce_date)num(f, s, "start_date"), to = (ce_date)num(f, s, "end_date");
		if (from <= end && (!to || to >= start))
			ok(f, ce__an_ids_add(f->db, &due, num(f, s, "supervisor")));
		ce_record_free(s);
	}
	ce_record_iter_free(it);
	if (rc != CE_ITEROVER)
		ok(f, rc);
	ce__an_ids_seal(&due);
	for (size_t i = 0; f->rc == CE_OK && i < due.n; i++) {
		ce_filter *filter = NULL;
		int64_t n = 0;
		if (ok(f, ce_filter_new(&filter)) && ok(f, ce_filter_eq_int(filter, "supervisor", due.v[i])) &&
		    ok(f, ce_filter_range(filter, "period_start", 0, end)) &&
		    ok(f, ce_filter_range(filter, "period_end", start, 0)))
			ok(f, ce_record_count(&n, f->db, CE_ENTITY_EVALUATION, filter));
		ce_filter_free(filter);
		if (f->rc != CE_OK || n)
			continue;
		ce_record *sup = NULL;
		if (!ok(f, ce_record_lookup(&sup, f->db, CE_ENTITY_SUPERVISOR, due.v[i])))
			break;
		char message[128], d[16];
		date_text(d, end);
		snprintf(message, sizeof message, "%s supervisor not yet evaluated for %s (ends %s)",
		         token(f, sup, "kind"), term, d);
		add(f, "evaluation_due", "reminder", CE_ENTITY_SUPERVISOR, due.v[i], text(f, sup, "name"),
		    end, message);
		ce_record_free(sup);
	}
	ce__an_ids_free(&due);
}

/* ---- possible duplicates ----------------------------------------------------------------------- */

/* Legal-form endings that two entries of one organisation differ by. */
static const char *const suffixes[] = {
	"股份有限公司", "有限责任公司", "集团有限公司", "有限公司", "股份公司", "集团公司", "公司", "集团",
	"co.,ltd.", "co.,ltd", "co.ltd.", "co.ltd", "ltd.", "ltd", "inc.", "inc", "corp.", "corp",
};

/* The name two entries of one organisation (or person) share: the stored
 * (normal) name without spaces and brackets, ASCII letters in lower case,
 * and for an organisation the legal-form endings above taken off, again
 * and again ("集团股份有限公司"). Equal keys make a possible duplicate. */
static char *near_key(const char *name, bool organisation)
{
	size_t n = strlen(name);
	char *k = malloc(n + 1), *w = k;
	if (!k)
		return NULL;
	for (const char *p = name; *p; p++) {
		unsigned char ch = (unsigned char)*p;
		if (ch == ' ' || ch == '(' || ch == ')')
			continue;
		if (!strncmp(p, "\xEF\xBC\x88", 3) || !strncmp(p, "\xEF\xBC\x89", 3)) { /* （ ） */
			p += 2;
			continue;
		}
		*w++ = (char)(ch >= 'A' && ch <= 'Z' ? ch - 'A' + 'a' : ch);
	}
	*w = '\0';
	for (bool cut = organisation; cut;) {
		cut = false;
		for (size_t i = 0; i < CE_ARRAY_LEN(suffixes); i++) {
			size_t len = strlen(k), sl = strlen(suffixes[i]);
			if (len > sl && !strcmp(k + len - sl, suffixes[i])) {
				k[len - sl] = '\0';
				cut = true;
			}
		}
	}
	return k;
}

typedef struct keyed {
	char *key;
	int64_t id, group; /* group: affiliation and kind for a supervisor */
	char *label;
} keyed;

static int cmp_keyed(const void *a, const void *b)
{
	const keyed *x = a, *y = b;
	int c = strcmp(x->key, y->key);
	if (c)
		return c;
	if (x->group != y->group)
		return x->group < y->group ? -1 : 1;
	return (x->id > y->id) - (x->id < y->id);
}

static void duplicates(findings *f, ce_entity e)
{
	bool org = e == CE_ENTITY_PARTNER;
	keyed *v = NULL;
	size_t n = 0, cap = 0;
	ce_record_iter *it = NULL;
	ce_record *r;
	int rc = f->rc == CE_OK ? ce_record_iter_new(&it, f->db, e, NULL) : f->rc;
	while (rc == CE_OK && f->rc == CE_OK && (rc = ce_record_iter_next(&r, it)) == CE_OK) {
		if (n == cap) {
			keyed *grown = realloc(v, (cap = cap ? cap * 2 : 64) * sizeof *v);
			if (!grown) {
				ce_record_free(r);
				ok(f, CE_ENOMEM);
				break;
			}
			v = grown;
		}
		const char *name = text(f, r, "name");
		keyed k = { near_key(name, org), ce_record_id(r),
			        org ? 0 : num(f, r, "affiliation") * 8 + num(f, r, "kind"), strdup(name) };
		if (!k.key || !k.label) {
			free(k.key);
			free(k.label);
			ok(f, CE_ENOMEM);
		} else {
			v[n++] = k;
		}
		ce_record_free(r);
	}
	ce_record_iter_free(it);
	if (rc != CE_ITEROVER && rc != CE_OK)
		ok(f, rc);
	if (f->rc == CE_OK && n)
		qsort(v, n, sizeof *v, cmp_keyed);
	/* each later record of a group is reported against the group's first */
	for (size_t i = 1, first = 0; f->rc == CE_OK && i < n; i++) {
		if (strcmp(v[i].key, v[first].key) || v[i].group != v[first].group || !*v[i].key) {
			first = i;
			continue;
		}
		char message[400];
		snprintf(message, sizeof message, "may be the same %s as %s %lld '%.*s'%s",
		         org ? "organisation" : "person", ce_entity_name(e), (long long)v[first].id,
		         ce__clip(v[first].label, 200), v[first].label,
		         org ? " (the names differ only in spacing, brackets, case or legal form)"
		             : " (same name, kind and affiliation)");
		add(f, "possible_duplicate", "info", e, v[i].id, v[i].label, 0, message);
	}
	for (size_t i = 0; i < n; i++) {
		free(v[i].key);
		free(v[i].label);
	}
	free(v);
}

/* ---- the call ---------------------------------------------------------------------------- */

static ce_date local_today(void)
{
	time_t now = time(NULL);
	struct tm tm;
	if (now == (time_t)-1 || !localtime_r(&now, &tm))
		return 0;
	return CE_DATE(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

ce_result ce_findings(ce_table **out, ce_db *db, ce_date today, int horizon_days)
{
	static const ce_column_type types[F_NCOLS] = { CE_TYPE_TEXT, CE_TYPE_TEXT, CE_TYPE_TEXT,
		                                           CE_TYPE_INT,  CE_TYPE_TEXT, CE_TYPE_DATE,
		                                           CE_TYPE_TEXT };
	static const char *const cols[F_NCOLS] = { "kind", "severity", "entity", "id", "subject", "due",
		                                       "message" };
	if (out)
		*out = NULL;
	if (!db)
		return ce__fail(NULL, CE_EINVALID, "findings: NULL db");
	if (!out)
		return ce__fail(db, CE_EINVALID, "findings: NULL out");
	if (!today && !(today = local_today()))
		return ce__fail(db, CE_ERROR, "findings: cannot read today's date");
	if (!ce_date_valid(today))
		return ce__fail(db, CE_EINVALID, "findings: today %ld is not a calendar date", (long)today);
	if (horizon_days < 0 || horizon_days > 3660)
		return ce__fail(db, CE_EINVALID, "findings: horizon of %d days is outside 0..3660",
		                horizon_days);
	findings f = { db, NULL, today, add_days(today, horizon_days), CE_OK };
	if (!ce_date_valid(f.until))
		f.until = CE_DATE(2199, 12, 31);
	if ((f.rc = ce_table_new(&f.t, "findings", F_NCOLS, cols, types)) != CE_OK)
		return ce__fail(db, f.rc, "findings: out of memory");
	ce_filter *open_milestones = NULL;
	students_lacking(&f);
	idle_platforms(&f);
	if (ok(&f, ce_filter_new(&open_milestones)) && ok(&f, ce_filter_is_null(open_milestones, "done_date")))
		each(&f, CE_ENTITY_MILESTONE, open_milestones, milestone);
	ce_filter_free(open_milestones);
	each(&f, CE_ENTITY_PLACEMENT, NULL, placement);
	each(&f, CE_ENTITY_AGREEMENT, NULL, agreement);
	each(&f, CE_ENTITY_RISK, NULL, risk);
	evaluations(&f);
	duplicates(&f, CE_ENTITY_PARTNER);
	duplicates(&f, CE_ENTITY_SUPERVISOR);
	if (f.rc != CE_OK) {
		ce_table_free(f.t); /* never a partial list; the failing call said why */
		return f.rc;
	}
	*out = f.t;
	return CE_OK;
}
