/* What a worker process does with one command (see enum op in harness.h). */
#include "harness.h"

#include <stdio.h>
#include <string.h>

static void failed_with(reply *r, ce_db *db, int rc, const char *what)
{
	if (r->msg[0])
		return; /* the first failure says the most */
	r->rc = rc;
	snprintf(r->msg, sizeof r->msg, "%s: %s: %s", what, rc_name(rc), ce_db_errmsg(db));
}

static int create_partner(int64_t *id, ce_db *db, const char *name)
{
	ce_partner_spec s = CE_PARTNER_SPEC_INIT;
	s.name = name;
	s.kind = CE_PARTNER_ENTERPRISE;
	s.ownership = CE_OWNERSHIP_PRIVATE;
	s.sector = "有色金属冶炼";
	s.region = "山东省济南市";
	return ce_partner_create(id, db, &s);
}

static int create_student(int64_t *id, ce_db *db, const char *number, const char *name)
{
	ce_student_spec s = CE_STUDENT_SPEC_INIT;
	s.number = number;
	s.name = name;
	s.level = CE_STUDENT_LEVEL_PROFESSIONAL_MASTER;
	s.cohort = 2020;
	s.major = "材料工程";
	s.status_date = CE_DATE(2020, 9, 1);
	return ce_student_create(id, db, &s);
}

/* Tallies one call of a bulk op: n[0] ok, n[1] CE_EBUSY, n[2] other
 * failures, n[3] the slowest call in microseconds. */
static void tally(reply *r, ce_db *db, int rc, double t0, const char *what)
{
	int64_t us = (int64_t)((now() - t0) * 1e6);
	if (us > r->n[3])
		r->n[3] = us;
	if (rc == CE_OK) {
		r->n[0]++;
		return;
	}
	r->n[rc == CE_EBUSY ? 1 : 2]++;
	failed_with(r, db, rc, what);
}

/* Worker w's share of the many-writers test: `creates` creates, partners
 * and students by turns, with natural keys of its own; every tenth
 * student is then updated and every fiftieth graduates (single calls each). */
static void bulk_writes(ce_db *db, int w, int64_t creates, reply *r)
{
	for (int64_t i = 0; i < creates; i++) {
		char key[64], name[64];
		int64_t id = 0;
		double t0 = now();
		if (i % 2 == 0) {
			snprintf(key, sizeof key, "并发写入企业-%d-%04lld有限公司", w, (long long)i);
			tally(r, db, create_partner(&id, db, key), t0, "create partner");
			continue;
		}
		snprintf(key, sizeof key, "C%d%05lld", w, (long long)i);
		snprintf(name, sizeof name, "并发学生%d之%lld", w, (long long)i);
		int rc = create_student(&id, db, key, name);
		tally(r, db, rc, t0, "create student");
		if (rc != CE_OK)
			continue;
		if (i % 20 == 1) {
			ce_student_spec s = CE_STUDENT_SPEC_INIT;
			s.number = key;
			s.name = name;
			s.level = CE_STUDENT_LEVEL_PROFESSIONAL_MASTER;
			s.cohort = 2020;
			s.major = "冶金工程";
			s.status_date = CE_DATE(2020, 9, 1);
			t0 = now();
			tally(r, db, ce_student_update(db, id, &s), t0, "update student");
		}
		if (i % 100 == 3) {
			t0 = now();
			tally(r, db, ce_student_set_status(db, id, CE_STUDENT_STATUS_GRADUATED,
			                                   CE_DATE(2023, 6, 30)),
			      t0, "graduate student");
		}
	}
}

/* The writer of writer-and-readers: guidance sessions, each with its
 * attendee in one explicit transaction, and students, `writes` in all.
 * n[0] sessions written, n[1] students, n[2] failures. */
static void writer(ce_db *db, int64_t supervisor, int64_t student, int64_t writes, reply *r)
{
	for (int64_t i = 0; i < writes; i++) {
		int rc;
		if (i % 3 == 2) {
			char number[32], name[64];
			int64_t id;
			snprintf(number, sizeof number, "W%06lld", (long long)i);
			snprintf(name, sizeof name, "写入学生%lld", (long long)i);
			if ((rc = create_student(&id, db, number, name)) == CE_OK)
				r->n[1]++;
			else
				r->n[2]++, failed_with(r, db, rc, "create student");
			continue;
		}
		ce_guidance_session_spec s = CE_GUIDANCE_SESSION_SPEC_INIT;
		s.held_on = CE_DATE(2021, 3, 1) + (int)(i % 28);
		s.duration_minutes = 90;
		s.mode = CE_GUIDANCE_MODE_ONLINE;
		s.notes = "讨论铸造工艺参数";
		int64_t session;
		if ((rc = ce_db_begin(db)) != CE_OK) {
			r->n[2]++, failed_with(r, db, rc, "begin");
			continue;
		}
		ce_guidance_attendee_spec a = CE_GUIDANCE_ATTENDEE_SPEC_INIT;
		if ((rc = ce_guidance_session_create(&session, db, &s)) == CE_OK) {
			int64_t id;
			a.session = session;
			a.supervisor = supervisor;
			if ((rc = ce_guidance_attendee_create(&id, db, &a)) == CE_OK) {
				a.supervisor = 0;
				a.student = student;
				rc = ce_guidance_attendee_create(&id, db, &a);
			}
		}
		if (rc == CE_OK)
			rc = ce_db_commit(db);
		else
			ce_db_rollback(db);
		if (rc == CE_OK)
			r->n[0]++;
		else
			r->n[2]++, failed_with(r, db, rc, "write a guidance session");
	}
}

/* The total of guidance_hours' "sessions" on the supervisor's row. */
static int sessions_of(int64_t *out, ce_db *db, int64_t supervisor)
{
	ce_table *t;
	int rc = ce_report_run(&t, db, "guidance_hours", NULL);
	if (rc != CE_OK)
		return rc;
	int cs, cn;
	*out = 0;
	if ((rc = ce_table_column_index(&cs, t, "supervisor")) == CE_OK &&
	    (rc = ce_table_column_index(&cn, t, "sessions")) == CE_OK) {
		for (size_t row = 0; row < ce_table_row_count(t) && rc == CE_OK; row++) {
			int64_t who, n;
			if ((rc = ce_table_get_int(&who, t, row, cs)) == CE_OK && who == supervisor &&
			    (rc = ce_table_get_int(&n, t, row, cn)) == CE_OK)
				*out += n;
		}
	}
	ce_table_free(t);
	return rc;
}

/* A reader of writer-and-readers, until the writer is done (at least a
 * few passes, at most a bounded number): reports, and counts that may
 * only grow. n[0] passes, n[1] failures, n[2] counts seen going down. */
static void reader(ce_db *db, shared *sh, int64_t supervisor, reply *r)
{
	static const char *const reports[] = { "outcome_funnel", "supervision_coverage",
		"guidance_hours", "project_pipeline", "placement_health", "destinations" };
	static const ce_entity counted[] = { CE_ENTITY_STUDENT, CE_ENTITY_GUIDANCE_SESSION,
		CE_ENTITY_GUIDANCE_ATTENDEE };
	int64_t last[3] = { 0, 0, 0 }, last_sessions = 0;
	double until = now() + 120;
	for (int pass = 0; pass < 100000 && now() < until; pass++) {
		if (pass >= 3 && atomic_load(&sh->writer_done))
			break;
		for (size_t i = 0; i < sizeof reports / sizeof reports[0]; i++) {
			ce_table *t;
			int rc = ce_report_run(&t, db, reports[i], NULL);
			if (rc == CE_OK)
				ce_table_free(t);
			else
				r->n[1]++, failed_with(r, db, rc, reports[i]);
		}
		for (int i = 0; i < 3; i++) {
			int64_t n;
			int rc = ce_record_count(&n, db, counted[i], NULL);
			if (rc != CE_OK) {
				r->n[1]++, failed_with(r, db, rc, "count");
			} else if (n < last[i]) {
				r->n[2]++;
				snprintf(r->msg, sizeof r->msg, "%s count went from %lld to %lld",
				         ce_entity_name(counted[i]), (long long)last[i], (long long)n);
			} else {
				last[i] = n;
			}
		}
		int64_t sessions;
		int rc = sessions_of(&sessions, db, supervisor);
		if (rc != CE_OK) {
			r->n[1]++, failed_with(r, db, rc, "guidance_hours sessions");
		} else if (sessions < last_sessions) {
			r->n[2]++;
			snprintf(r->msg, sizeof r->msg, "guidance_hours sessions went from %lld to %lld",
			         (long long)last_sessions, (long long)sessions);
		} else {
			last_sessions = sessions;
		}
		r->n[0]++;
	}
	r->id[0] = last[0]; /* the last student count seen */
}

/* Sets owner row @p id's share to @p share, the rest as it is: the row is
 * read first, outside the call that writes it (a client's form). */
static int update_owner(ce_db *db, int64_t id, int64_t share)
{
	ce_outcome_owner *o;
	int rc = ce_outcome_owner_lookup(&o, db, id);
	if (rc != CE_OK)
		return rc;
	ce_outcome_owner_spec s = *ce_outcome_owner_fields(o);
	ce_outcome_owner_free(o);
	s.share_bp = share;
	return ce_outcome_owner_update(db, id, &s);
}

/* The batch ops: one single call per record of the batch, in the
 * command's direction; each call's result in rcs, the first failure's
 * message in msg. */
static void batch(ce_db *db, const cmd *c, reply *r)
{
	for (int j = 0; j < c->n && j < BATCH; j++) {
		int k = c->backwards ? c->n - 1 - j : j;
		char key[128];
		int rc;
		snprintf(key, sizeof key, "%s%02d", c->text, k);
		switch (c->op) {
		case OP_CREATE_PARTNERS:
			rc = create_partner(&r->id[k], db, key);
			break;
		case OP_CREATE_STUDENTS:
			rc = create_student(&r->id[k], db, key, "同号学生");
			break;
		case OP_DELETE_PARTNERS:
			rc = ce_partner_delete(db, c->ids[k], CE_DELETE_RESTRICT);
			break;
		case OP_CREATE_PLACEMENTS: {
			ce_placement_spec s = CE_PLACEMENT_SPEC_INIT;
			s.student = c->a;
			s.host = c->ids[k];
			s.start_date = CE_DATE(2019, 7, 1);
			s.end_date = CE_DATE(2019, 12, 31);
			s.position = "熔铸车间工艺实习生";
			rc = ce_placement_create(&r->id[k], db, &s);
			break;
		}
		case OP_PLACEMENT_STATUS:
			rc = ce_placement_set_status(db, c->ids[k], (ce_placement_status)c->b, (ce_date)c->c);
			break;
		case OP_STUDENT_STATUS:
			rc = ce_student_set_status(db, c->ids[k], (ce_student_status)c->b, (ce_date)c->c);
			break;
		case OP_CREATE_OWNERS: {
			ce_outcome_owner_spec s = CE_OUTCOME_OWNER_SPEC_INIT;
			s.outcome = c->ids[k];
			s.partner = c->a;
			s.share_bp = c->b;
			rc = ce_outcome_owner_create(&r->id[k], db, &s);
			break;
		}
		case OP_UPDATE_OWNERS:
			rc = update_owner(db, c->ids[k], c->b);
			break;
		default: {
			ce_agreement_share_spec s = CE_AGREEMENT_SHARE_SPEC_INIT;
			s.party = c->ids[k];
			s.benefit_share_bp = c->b;
			s.ip_share_bp = c->c;
			s.terms = "转化收益按约定比例分配";
			rc = ce_agreement_share_create(&r->id[k], db, &s);
			break;
		}
		}
		r->rcs[k] = rc;
		if (rc != CE_OK && !r->msg[0])
			snprintf(r->msg, sizeof r->msg, "%s", ce_db_errmsg(db));
	}
}

void worker_run(ce_db *db, shared *sh, const cmd *c, reply *r)
{
	r->t0 = now();
	r->rc = CE_OK;
	switch (c->op) {
	case OP_NOP:
		break;
	case OP_CREATE_PARTNERS:
	case OP_CREATE_STUDENTS:
	case OP_DELETE_PARTNERS:
	case OP_CREATE_PLACEMENTS:
	case OP_PLACEMENT_STATUS:
	case OP_STUDENT_STATUS:
	case OP_CREATE_OWNERS:
	case OP_UPDATE_OWNERS:
	case OP_CREATE_SHARES:
		batch(db, c, r);
		break;
	case OP_BULK_WRITES:
		bulk_writes(db, (int)c->a, c->b, r);
		break;
	case OP_WRITER:
		writer(db, c->a, c->b, c->c, r);
		atomic_store(&sh->writer_done, 1);
		break;
	case OP_READER:
		reader(db, sh, c->a, r);
		break;
	default:
		r->rc = CE_EINVALID;
		snprintf(r->msg, sizeof r->msg, "unknown op %d", c->op);
	}
	r->t1 = now();
}
