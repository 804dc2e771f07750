/* Many writers into one store, and one writer with readers running reports. */
#include "harness.h"

#include <stdio.h>
#include <string.h>

#include "case.h"

#define WRITERS 4
#define CREATES 1000
/* per writer: CREATES creates, an update of every tenth student and a
 * graduation of every fiftieth (see bulk_writes in worker.c) */
#define UPDATES (CREATES / 20)
#define GRADUATIONS (CREATES / 100)
#define CALLS (CREATES + UPDATES + GRADUATIONS)

static int64_t count(ce_db *db, ce_entity e, ce_filter *f)
{
	int64_t n = -1;
	int rc = ce_record_count(&n, db, e, f);
	check(rc == CE_OK, "count %s: %s: %s", ce_entity_name(e), rc_name(rc), ce_db_errmsg(db));
	ce_filter_free(f);
	return n;
}

static ce_filter *filter_text(const char *column, const char *value)
{
	ce_filter *f = NULL;
	if (ce_filter_new(&f) != CE_OK || ce_filter_eq_text(f, column, value) != CE_OK)
		check(0, "filter %s = %s refused", column, value);
	return f;
}

static ce_filter *filter_int(const char *column, int64_t value)
{
	ce_filter *f = NULL;
	if (ce_filter_new(&f) != CE_OK || ce_filter_eq_int(f, column, value) != CE_OK)
		check(0, "filter %s = %lld refused", column, (long long)value);
	return f;
}

/* Every key a writer created is there, once, with its updates and moves. */
static void verify_writes(ce_db *db)
{
	check(count(db, CE_ENTITY_PARTNER, NULL) == WRITERS * CREATES / 2, "partners: not %d",
	      WRITERS * CREATES / 2);
	check(count(db, CE_ENTITY_STUDENT, NULL) == WRITERS * CREATES / 2, "students: not %d",
	      WRITERS * CREATES / 2);
	int missing = 0;
	for (int w = 0; w < WRITERS; w++) {
		for (int i = 0; i < CREATES; i++) {
			char key[64];
			int rc;
			if (i % 2 == 0) {
				ce_partner *p;
				snprintf(key, sizeof key, "并发写入企业-%d-%04d有限公司", w, i);
				if ((rc = ce_partner_lookup_by_name(&p, db, key)) == CE_OK)
					ce_partner_free(p);
			} else {
				ce_student *s;
				snprintf(key, sizeof key, "C%d%05d", w, i);
				if ((rc = ce_student_lookup_by_number(&s, db, key)) == CE_OK)
					ce_student_free(s);
			}
			if (rc != CE_OK && missing++ < 5)
				check(0, "%s: %s: %s", key, rc_name(rc), ce_db_errmsg(db));
		}
	}
	check(missing == 0, "%d created keys missing", missing);
	/* with the counts above, every key present means each once */
	check(count(db, CE_ENTITY_STUDENT, filter_text("major", "冶金工程")) == WRITERS * UPDATES,
	      "updated students: not %d", WRITERS * UPDATES);
	check(count(db, CE_ENTITY_STUDENT, filter_int("status", CE_STUDENT_STATUS_GRADUATED)) ==
	          WRITERS * GRADUATIONS,
	      "graduated students: not %d", WRITERS * GRADUATIONS);
	ce_student *s;
	int rc = ce_student_lookup_by_number(&s, db, "C300003");
	if (check(rc == CE_OK, "C300003: %s", rc_name(rc))) {
		ce_transition *h = NULL;
		size_t n = 0;
		rc = ce_history(&h, &n, db, CE_ENTITY_STUDENT, ce_student_id(s), "status");
		check(rc == CE_OK && n == 2 && h[1].from == CE_STUDENT_STATUS_ENROLLED &&
		          h[1].to == CE_STUDENT_STATUS_GRADUATED,
		      "C300003's history: %s, %zu moves", rc_name(rc), n);
		ce_transitions_free(h);
		ce_student_free(s);
	}
}

void test_many_writers(void)
{
	section_begin("many writers: 4 processes x 1000 single-call creates into one store");
	char uri[1200];
	snprintf(uri, sizeof uri, "%s", fresh_store("writers"));
	ce_db *db = open_store(uri); /* created before the writers open it */
	if (!check(db != NULL, "cannot create the store")) {
		section_end();
		return;
	}
	ce_db_close(db);

	pool p;
	cmd c[WRITERS];
	reply r[WRITERS];
	memset(c, 0, sizeof c);
	if (pool_start(&p, WRITERS, uri) == 0) {
		for (int i = 0; i < WRITERS; i++)
			c[i] = (cmd){ .op = OP_BULK_WRITES, .a = i, .b = CREATES };
		double t0 = now();
		if (pool_round(&p, c, r) == 0) {
			double took = now() - t0;
			printf("  %d calls in %.1f s (%.0f/s), all writers at once: %s\n", WRITERS * CALLS,
			       took, WRITERS * CALLS / took, overlapped(r, WRITERS) ? "yes" : "no");
			for (int i = 0; i < WRITERS; i++) {
				printf("  writer %d: %lld ok, %lld CE_EBUSY, %lld other failures, slowest call %.1f ms\n",
				       i, (long long)r[i].n[0], (long long)r[i].n[1], (long long)r[i].n[2],
				       (double)r[i].n[3] / 1000);
				check(r[i].n[1] == 0, "writer %d: CE_EBUSY escaped %lld single calls: %s", i,
				      (long long)r[i].n[1], r[i].msg);
				check(r[i].n[2] == 0, "writer %d: %lld calls failed: %s", i, (long long)r[i].n[2],
				      r[i].msg);
				check(r[i].n[0] == CALLS, "writer %d: %lld calls succeeded, not %d", i,
				      (long long)r[i].n[0], CALLS);
			}
		}
	}
	pool_stop(&p);
	fflush(stdout);

	if ((db = open_store(uri)) != NULL) {
		verify_writes(db);
		ce_db_close(db);
	} else {
		check(0, "cannot reopen the store");
	}
	section_end();
}

void test_writer_readers(void)
{
	section_begin("1 writer + 3 readers running reports");
	enum { WRITES = 300, READERS = 3 };
	char uri[1200];
	snprintf(uri, sizeof uri, "%s", fresh_store("readers"));
	ce_db *db = open_store(uri);
	if (!check(db != NULL, "cannot create the store")) {
		section_end();
		return;
	}
	/* the worked case, so that every report has something to say */
	case_ids ids;
	int rc = case_build(db, &ids, "concurrency");
	check(rc == CE_OK, "case_build: %s: %s", rc_name(rc), ce_db_errmsg(db));
	int64_t students0 = count(db, CE_ENTITY_STUDENT, NULL);
	int64_t sessions0 = count(db, CE_ENTITY_GUIDANCE_SESSION, NULL);
	ce_db_close(db);
	if (rc != CE_OK) {
		section_end();
		return;
	}

	pool p;
	cmd c[1 + READERS];
	reply r[1 + READERS];
	memset(c, 0, sizeof c);
	memset(r, 0, sizeof r);
	if (pool_start(&p, 1 + READERS, uri) == 0) {
		c[0] = (cmd){ .op = OP_WRITER, .a = ids.wang, .b = ids.zhao, .c = WRITES };
		for (int i = 1; i <= READERS; i++)
			c[i] = (cmd){ .op = OP_READER, .a = ids.wang };
		if (pool_round(&p, c, r) == 0) {
			printf("  writer: %lld sessions and %lld students in %.1f s, %lld failures\n",
			       (long long)r[0].n[0], (long long)r[0].n[1], r[0].t1 - r[0].t0,
			       (long long)r[0].n[2]);
			check(r[0].n[2] == 0 && r[0].n[0] + r[0].n[1] == WRITES, "writer: %lld failures: %s",
			      (long long)r[0].n[2], r[0].msg);
			for (int i = 1; i <= READERS; i++) {
				printf("  reader %d: %lld passes (6 reports, 3 counts, the writer's sessions), "
				       "%lld failures, %lld counts going down\n",
				       i, (long long)r[i].n[0], (long long)r[i].n[1], (long long)r[i].n[2]);
				check(r[i].n[1] == 0, "reader %d: %lld failures: %s", i, (long long)r[i].n[1],
				      r[i].msg);
				check(r[i].n[2] == 0, "reader %d: %s", i, r[i].msg);
				check(r[i].n[0] >= 3, "reader %d: only %lld passes", i, (long long)r[i].n[0]);
			}
			check(overlapped(r, 1 + READERS), "the readers never ran with the writer");
		}
	}
	pool_stop(&p);
	fflush(stdout);

	if ((db = open_store(uri)) != NULL) {
		check(count(db, CE_ENTITY_STUDENT, NULL) == students0 + r[0].n[1], "students: lost rows");
		check(count(db, CE_ENTITY_GUIDANCE_SESSION, NULL) == sessions0 + r[0].n[0],
		      "guidance sessions: lost rows");
		ce_db_close(db);
	} else {
		check(0, "cannot reopen the store");
	}
	section_end();
}
