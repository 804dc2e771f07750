/* guidance_hours and guidance_by_term: how much time supervisors give,
 * to whom, and how often academic and enterprise supervisors sit
 * together, with their evaluation scores. */
#include <stdlib.h>
#include <string.h>

#include "analytics_internal.h"

enum { G_HELD_ON, G_MINUTES, G_SUBTOPIC };
enum { A_SESSION, A_SUPERVISOR, A_STUDENT };
enum { P_NAME, P_KIND, P_AFFILIATION };
enum { T_NAME, T_COHORT };

/* A supervisor and a student who met at a session in the filter. */
typedef struct meeting {
	size_t sup;      /* supervisor row */
	int64_t student; /* student id */
	int term;        /* ce__an_term_key() */
	size_t session;  /* session row */
} meeting;

typedef struct guidance {
	an_rows sessions, attendees, supervisors, students;
	bool *in;         /* session row: passes the filter */
	bool *joint;      /* session row: an academic and an enterprise supervisor attended */
	meeting *meetings;
	size_t nmeetings, cap;
} guidance;

static void guidance_free(guidance *g)
{
	ce__an_rows_free(&g->sessions);
	ce__an_rows_free(&g->attendees);
	ce__an_rows_free(&g->supervisors);
	ce__an_rows_free(&g->students);
	free(g->in);
	free(g->joint);
	free(g->meetings);
}

/* The attendee rows grouped by session row. */
typedef struct by_session {
	size_t session, attendee;
} by_session;

static int cmp_by_session(const void *a, const void *b)
{
	const by_session *x = a, *y = b;
	if (x->session != y->session)
		return x->session < y->session ? -1 : 1;
	return (x->attendee > y->attendee) - (x->attendee < y->attendee);
}

static bool student_in(const guidance *g, const ce_report_filter *f, int64_t student)
{
	if (!f->cohort)
		return true;
	ptrdiff_t s = ce__an_find(&g->students, student);
	return s >= 0 && an_i(&g->students, (size_t)s, T_COHORT) == f->cohort;
}

static int add_meeting(ce_db *db, guidance *g, meeting m)
{
	if (g->nmeetings == g->cap) {
		size_t cap = g->cap ? g->cap * 2 : 64;
		meeting *grown = realloc(g->meetings, cap * sizeof *grown);
		if (!grown)
			return ce__an_nomem(db);
		g->meetings = grown;
		g->cap = cap;
	}
	g->meetings[g->nmeetings++] = m;
	return CE_OK;
}

/* One session's attendees, group[0..n): flags, then who met whom. */
static int session_group(ce_db *db, const ce_report_filter *f, guidance *g, const an_scope *scope,
                         const by_session *group, size_t n)
{
	size_t s = group[0].session;
	bool academic = false, enterprise = false, cohort = !f->cohort;
	for (size_t i = 0; i < n; i++) {
		size_t a = group[i].attendee;
		if (!an_isnull(&g->attendees, a, A_SUPERVISOR)) {
			ptrdiff_t p = ce__an_find(&g->supervisors, an_i(&g->attendees, a, A_SUPERVISOR));
			int64_t kind = p >= 0 ? an_i(&g->supervisors, (size_t)p, P_KIND) : 0;
			academic |= kind == CE_SUPERVISOR_ACADEMIC;
			enterprise |= kind == CE_SUPERVISOR_ENTERPRISE;
		} else if (!cohort) {
			cohort = student_in(g, f, an_i(&g->attendees, a, A_STUDENT));
		}
	}
	g->joint[s] = academic && enterprise;
	g->in[s] = cohort && ce__an_in_period(f, (ce_date)an_i(&g->sessions, s, G_HELD_ON)) &&
	           (!f->project || (!an_isnull(&g->sessions, s, G_SUBTOPIC) &&
	                            ce__an_scope_subtopic(scope, an_i(&g->sessions, s, G_SUBTOPIC))));
	if (!g->in[s])
		return CE_OK;
	int term = ce__an_term_key((ce_date)an_i(&g->sessions, s, G_HELD_ON));
	for (size_t i = 0; i < n; i++) {
		size_t a = group[i].attendee;
		ptrdiff_t p;
		if (an_isnull(&g->attendees, a, A_SUPERVISOR) ||
		    (p = ce__an_find(&g->supervisors, an_i(&g->attendees, a, A_SUPERVISOR))) < 0)
			continue;
		for (size_t j = 0; j < n; j++) {
			size_t b = group[j].attendee;
			if (an_isnull(&g->attendees, b, A_STUDENT) ||
			    !student_in(g, f, an_i(&g->attendees, b, A_STUDENT)))
				continue;
			int rc = add_meeting(db, g, (meeting){ (size_t)p, an_i(&g->attendees, b, A_STUDENT),
			                                       term, s });
			if (rc != CE_OK)
				return rc;
		}
	}
	return CE_OK;
}

/* names: load the students' names too (guidance_by_term). */
static int compute(ce_db *db, const ce_report_filter *f, guidance *g, bool names)
{
	an_scope scope = { 0 };
	ce_report_filter pf = *f;
	by_session *order = NULL;
	size_t n = 0;
	int rc;
	memset(g, 0, sizeof *g);
	pf.partner = 0; /* the partner picks supervisors here, not projects */
	if ((rc = AN_LOAD(&g->sessions, db, CE_ENTITY_GUIDANCE_SESSION, "held_on", "duration_minutes",
	                  "subtopic")) != CE_OK ||
	    (rc = AN_LOAD(&g->attendees, db, CE_ENTITY_GUIDANCE_ATTENDEE, "session", "supervisor",
	                  "student")) != CE_OK ||
	    (rc = AN_LOAD(&g->supervisors, db, CE_ENTITY_SUPERVISOR, "name", "kind", "affiliation")) !=
	        CE_OK ||
	    ((names || f->cohort) &&
	     (rc = AN_LOAD(&g->students, db, CE_ENTITY_STUDENT, "name", "cohort")) != CE_OK) ||
	    (rc = ce__an_scope(&scope, db, &pf, true)) != CE_OK)
		goto done;
	g->in = calloc(g->sessions.n + 1, sizeof *g->in);
	g->joint = calloc(g->sessions.n + 1, sizeof *g->joint);
	order = malloc((g->attendees.n + 1) * sizeof *order);
	if (!g->in || !g->joint || !order) {
		rc = ce__an_nomem(db);
		goto done;
	}
	for (size_t a = 0; a < g->attendees.n; a++) {
		ptrdiff_t s = ce__an_find(&g->sessions, an_i(&g->attendees, a, A_SESSION));
		if (s >= 0)
			order[n++] = (by_session){ (size_t)s, a };
	}
	ce__an_sort(order, n, sizeof *order, cmp_by_session);
	for (size_t i = 0; i < n && rc == CE_OK;) {
		size_t j = i;
		while (j < n && order[j].session == order[i].session)
			j++;
		rc = session_group(db, f, g, &scope, order + i, j - i);
		i = j;
	}
done:
	free(order);
	ce__an_scope_free(&scope);
	if (rc != CE_OK)
		guidance_free(g);
	return rc;
}

static bool supervisor_in(const guidance *g, const ce_report_filter *f, size_t p)
{
	return !f->partner || (!an_isnull(&g->supervisors, p, P_AFFILIATION) &&
	                       an_i(&g->supervisors, p, P_AFFILIATION) == f->partner);
}

static int cmp_meeting(const void *a, const void *b)
{
	const meeting *x = a, *y = b;
	if (x->sup != y->sup)
		return x->sup < y->sup ? -1 : 1;
	if (x->student != y->student)
		return x->student < y->student ? -1 : 1;
	if (x->term != y->term)
		return x->term < y->term ? -1 : 1;
	return (x->session > y->session) - (x->session < y->session);
}

/* ---- guidance_hours ----------------------------------------------------- */

typedef struct per_supervisor {
	size_t row;
	int kind;
	const char *name;
	int64_t id;
	int64_t sessions, minutes, joint, students, evaluations;
	double score_sum;
} per_supervisor;

/* Enterprise supervisors first, then by name (bytes), then id. */
static int cmp_supervisor(const void *a, const void *b)
{
	const per_supervisor *x = a, *y = b;
	if (x->kind != y->kind)
		return x->kind == CE_SUPERVISOR_ENTERPRISE ? -1 : y->kind == CE_SUPERVISOR_ENTERPRISE ? 1
		       : x->kind < y->kind                 ? -1
		                                           : 1;
	int d = strcmp(x->name, y->name);
	return d ? d : (x->id > y->id) - (x->id < y->id);
}

static int evaluations(ce_db *db, const ce_report_filter *f, const guidance *g, per_supervisor *ps)
{
	an_rows ev;
	int rc = AN_LOAD(&ev, db, CE_ENTITY_EVALUATION, "supervisor", "period_start", "period_end",
	                 "score");
	if (rc != CE_OK)
		return rc;
	for (size_t i = 0; i < ev.n; i++) {
		ptrdiff_t p = ce__an_find(&g->supervisors, an_i(&ev, i, 0));
		if (p < 0 || !ce__an_overlaps(f, (ce_date)an_i(&ev, i, 1), (ce_date)an_i(&ev, i, 2)))
			continue;
		ps[p].evaluations++;
		ps[p].score_sum += an_r(&ev, i, 3);
	}
	ce__an_rows_free(&ev);
	return CE_OK;
}

int ce__an_guidance_hours(ce_table **out, ce_db *db, const ce_report_filter *f)
{
	static const an_col cols[] = {
		{ "supervisor", CE_TYPE_INT },        { "name", CE_TYPE_TEXT },
		{ "kind", CE_TYPE_TEXT },             { "sessions", CE_TYPE_INT },
		{ "hours", CE_TYPE_REAL },            { "students", CE_TYPE_INT },
		{ "hours_per_student", CE_TYPE_REAL }, { "joint_sessions", CE_TYPE_INT },
		{ "joint_share", CE_TYPE_REAL },      { "evaluation_score", CE_TYPE_REAL },
		{ "evaluations", CE_TYPE_INT },
	};
	guidance g;
	int rc = compute(db, f, &g, false);
	if (rc != CE_OK)
		return rc;
	size_t np = g.supervisors.n;
	per_supervisor *ps = calloc(np + 1, sizeof *ps);
	if (!ps) {
		rc = ce__an_nomem(db);
		goto done;
	}
	for (size_t p = 0; p < np; p++)
		ps[p] = (per_supervisor){ .row = p, .kind = (int)an_i(&g.supervisors, p, P_KIND),
		                          .name = an_s(&g.supervisors, p, P_NAME),
		                          .id = g.supervisors.ids[p] };
	/* Sessions: every supervisor attendee of a session in the filter. */
	for (size_t a = 0; a < g.attendees.n; a++) {
		ptrdiff_t s = ce__an_find(&g.sessions, an_i(&g.attendees, a, A_SESSION)), p;
		if (s < 0 || !g.in[s] || an_isnull(&g.attendees, a, A_SUPERVISOR) ||
		    (p = ce__an_find(&g.supervisors, an_i(&g.attendees, a, A_SUPERVISOR))) < 0)
			continue;
		ps[p].sessions++;
		ps[p].minutes += an_i(&g.sessions, (size_t)s, G_MINUTES);
		ps[p].joint += g.joint[s];
	}
	/* Distinct students per supervisor. */
	ce__an_sort(g.meetings, g.nmeetings, sizeof *g.meetings, cmp_meeting);
	for (size_t i = 0; i < g.nmeetings; i++)
		if (i == 0 || g.meetings[i].sup != g.meetings[i - 1].sup ||
		    g.meetings[i].student != g.meetings[i - 1].student)
			ps[g.meetings[i].sup].students++;
	if ((rc = evaluations(db, f, &g, ps)) != CE_OK)
		goto done;
	ce__an_sort(ps, np, sizeof *ps, cmp_supervisor);

	an_out o;
	if ((rc = ce__an_out_new(&o, db, "guidance_hours", cols, 11)) != CE_OK)
		goto done;
	for (size_t i = 0; i < np; i++) {
		const per_supervisor *x = &ps[i];
		if (!supervisor_in(&g, f, x->row))
			continue;
		double hours = (double)x->minutes / 60.0;
		ce__an_row(&o);
		ce__an_int(&o, 0, x->id);
		ce__an_text(&o, 1, x->name);
		ce__an_text(&o, 2, ce__an_token(&g.supervisors, x->row, P_KIND));
		ce__an_int(&o, 3, x->sessions);
		ce__an_real(&o, 4, hours);
		ce__an_int(&o, 5, x->students);
		ce__an_ratio(&o, 6, hours, (double)x->students);
		ce__an_int(&o, 7, x->joint);
		ce__an_ratio(&o, 8, (double)x->joint, (double)x->sessions);
		ce__an_ratio(&o, 9, x->score_sum, (double)x->evaluations);
		ce__an_int(&o, 10, x->evaluations);
	}
	rc = ce__an_out_finish(&o, out);
done:
	free(ps);
	guidance_free(&g);
	return rc;
}

/* ---- guidance_by_term ------------------------------------------------------ */

int ce__an_guidance_by_term(ce_table **out, ce_db *db, const ce_report_filter *f)
{
	static const an_col cols[] = {
		{ "supervisor", CE_TYPE_INT }, { "supervisor_name", CE_TYPE_TEXT },
		{ "student", CE_TYPE_INT },    { "student_name", CE_TYPE_TEXT },
		{ "term", CE_TYPE_TEXT },      { "sessions", CE_TYPE_INT },
		{ "hours", CE_TYPE_REAL },
	};
	guidance g;
	an_out o;
	int rc = compute(db, f, &g, true);
	if (rc != CE_OK)
		return rc;
	ce__an_sort(g.meetings, g.nmeetings, sizeof *g.meetings, cmp_meeting);
	if ((rc = ce__an_out_new(&o, db, "guidance_by_term", cols, 7)) == CE_OK) {
		for (size_t i = 0; i < g.nmeetings;) {
			const meeting *m = &g.meetings[i];
			int64_t sessions = 0, minutes = 0;
			for (; i < g.nmeetings && g.meetings[i].sup == m->sup &&
			       g.meetings[i].student == m->student && g.meetings[i].term == m->term;
			     i++) {
				sessions++;
				minutes += an_i(&g.sessions, g.meetings[i].session, G_MINUTES);
			}
			if (!supervisor_in(&g, f, m->sup))
				continue;
			ptrdiff_t s = ce__an_find(&g.students, m->student);
			char term[24];
			ce__an_term(term, (ce_date)an_i(&g.sessions, m->session, G_HELD_ON));
			ce__an_row(&o);
			ce__an_int(&o, 0, g.supervisors.ids[m->sup]);
			ce__an_text(&o, 1, an_s(&g.supervisors, m->sup, P_NAME));
			ce__an_int(&o, 2, m->student);
			ce__an_text(&o, 3, s >= 0 ? an_s(&g.students, (size_t)s, T_NAME) : NULL);
			ce__an_text(&o, 4, term);
			ce__an_int(&o, 5, sessions);
			ce__an_real(&o, 6, (double)minutes / 60.0);
		}
		rc = ce__an_out_finish(&o, out);
	}
	guidance_free(&g);
	return rc;
}
