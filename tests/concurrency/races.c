/* The three races of the PostgreSQL issue. Each round contests a batch of
 * BATCH records with 4 workers starting together (see harness.h): the
 * core's rule must hold for every record, whoever wins it. */
#include "harness.h"

#include <stdio.h>
#include <string.h>

#define ROUNDS 10 /* per kind of record: ROUNDS x BATCH contested records */

int race_start(race *x, const char *name, void (*seed)(ce_db *db, void *arg), void *arg)
{
	memset(x, 0, sizeof *x);
	snprintf(x->uri, sizeof x->uri, "%s", fresh_store(name));
	if (!(x->db = open_store(x->uri)))
		return check(0, "cannot create the store"), -1;
	if (seed)
		seed(x->db, arg);
	ce_db_close(x->db);
	x->db = NULL;
	if (pool_start(&x->p, WORKERS, x->uri) != 0)
		return -1;
	if (!(x->db = open_store(x->uri)))
		return check(0, "cannot reopen the store"), -1;
	return 0;
}

/* Workers 0 and 1 go forwards through the batch, 2 and 3 backwards. */
int race_round(race *x, cmd *c, reply *r)
{
	for (int i = 0; i < WORKERS; i++) {
		c[i].backwards = i >= 2;
		c[i].n = BATCH;
	}
	if (pool_round(&x->p, c, r) != 0)
		return -1;
	x->rounds++;
	x->overlaps += overlapped(r, WORKERS);
	return 0;
}

void race_stop(race *x, int planned)
{
	pool_stop(&x->p);
	ce_db_close(x->db);
	printf("  %d rounds of %d records, workers running at once in %d, %d calls refused\n",
	       x->rounds, BATCH, x->overlaps, x->refused);
	check(x->rounds == planned, "%d of %d rounds ran", x->rounds, planned);
	/* without overlap the race was not run at all */
	check(x->overlaps > 0, "the workers never ran at once");
}

/* The id a create stored in *id, or 0 if it failed (by pointer: the
 * create runs as an argument, in no given order with the others). */
int64_t must(int rc, const int64_t *id, ce_db *db, const char *what)
{
	check(rc == CE_OK, "%s: %s: %s", what, rc_name(rc), ce_db_errmsg(db));
	return rc == CE_OK ? *id : 0;
}

int64_t make_partner(ce_db *db, const char *name)
{
	ce_partner_spec s = CE_PARTNER_SPEC_INIT;
	int64_t id = 0;
	s.name = name;
	s.kind = CE_PARTNER_ENTERPRISE;
	return must(ce_partner_create(&id, db, &s), &id, db, name);
}

static int64_t make_student(ce_db *db, const char *number, const char *name)
{
	ce_student_spec s = CE_STUDENT_SPEC_INIT;
	int64_t id = 0;
	s.number = number;
	s.name = name;
	s.level = CE_STUDENT_LEVEL_ACADEMIC_MASTER;
	s.cohort = 2018;
	s.status_date = CE_DATE(2018, 9, 1);
	return must(ce_student_create(&id, db, &s), &id, db, number);
}

/* Records of entity @p e whose @p column equals @p text or @p value; -1 on failure. */
int64_t count_where(ce_db *db, ce_entity e, const char *column, const char *text, int64_t value)
{
	ce_filter *f;
	int64_t n = -1;
	int rc = ce_filter_new(&f);
	if (rc == CE_OK)
		rc = text ? ce_filter_eq_text(f, column, text) : ce_filter_eq_int(f, column, value);
	if (rc == CE_OK)
		rc = ce_record_count(&n, db, e, f);
	ce_filter_free(f);
	check(rc == CE_OK, "count %s by %s: %s", ce_entity_name(e), column, rc_name(rc));
	return n;
}

/* ---- A: clients creating the same natural key ---------------------------------- */

static void same_key_round(race *x, int round, int student)
{
	cmd c[WORKERS];
	reply r[WORKERS];
	char prefix[64];
	if (student)
		snprintf(prefix, sizeof prefix, "S2019%02d", round);
	else
		snprintf(prefix, sizeof prefix, "同名竞争企业%02d号-", round);
	memset(c, 0, sizeof c);
	for (int i = 0; i < WORKERS; i++) {
		c[i].op = student ? OP_CREATE_STUDENTS : OP_CREATE_PARTNERS;
		snprintf(c[i].text, sizeof c[i].text, "%s", prefix);
	}
	if (race_round(x, c, r) != 0)
		return;
	for (int k = 0; k < BATCH; k++) {
		char key[128];
		int created = 0;
		int64_t winner = 0, found = 0;
		snprintf(key, sizeof key, "%s%02d", prefix, k);
		for (int i = 0; i < WORKERS; i++) {
			if (r[i].rcs[k] == CE_OK) {
				created++, winner = r[i].id[k];
				continue;
			}
			x->refused++;
			check(r[i].rcs[k] == CE_EEXISTS, "%s, worker %d: %s, not CE_EEXISTS (%s)", key, i,
			      rc_name(r[i].rcs[k]), r[i].msg);
		}
		check(created == 1, "%s: created %d times", key, created);
		int rc;
		if (student) {
			ce_student *s;
			if ((rc = ce_student_lookup_by_number(&s, x->db, key)) == CE_OK)
				found = ce_student_id(s), ce_student_free(s);
		} else {
			ce_partner *p;
			if ((rc = ce_partner_lookup_by_name(&p, x->db, key)) == CE_OK)
				found = ce_partner_id(p), ce_partner_free(p);
		}
		check(rc == CE_OK && found == winner, "%s: the store holds id %lld (%s), the winner made %lld",
		      key, (long long)found, rc_name(rc), (long long)winner);
		int64_t n = count_where(x->db, student ? CE_ENTITY_STUDENT : CE_ENTITY_PARTNER,
		                        student ? "number" : "name", key, 0);
		check(n == 1, "%s: %lld records hold it", key, (long long)n);
	}
}

void test_race_same_key(void)
{
	section_begin("race A: 4 clients creating the same partner name / student number");
	race x;
	if (race_start(&x, "samekey", NULL, NULL) == 0) {
		for (int i = 0; i < 2 * ROUNDS && !x.p.broken; i++)
			same_key_round(&x, i / 2, i % 2);
		int64_t n;
		int rc = ce_record_count(&n, x.db, CE_ENTITY_PARTNER, NULL);
		check(rc == CE_OK && n == ROUNDS * BATCH, "partners: %lld, not %d", (long long)n,
		      ROUNDS * BATCH);
		rc = ce_record_count(&n, x.db, CE_ENTITY_STUDENT, NULL);
		check(rc == CE_OK && n == ROUNDS * BATCH, "students: %lld, not %d", (long long)n,
		      ROUNDS * BATCH);
	}
	race_stop(&x, 2 * ROUNDS);
	section_end();
}

/* ---- B: deleting a partner while a placement is added for it ------------------- */

typedef struct b_seed {
	int64_t student[2];
} b_seed;

static void seed_students(ce_db *db, void *arg)
{
	b_seed *s = arg;
	s->student[0] = make_student(db, "2018010001", "张伟");
	s->student[1] = make_student(db, "2018010002", "李娜");
}

/* Every placement's host exists: none points at a deleted partner. */
static void hosts_exist(ce_db *db)
{
	ce_record_iter *it;
	ce_record *rec;
	int col, rc = ce_column_index(&col, CE_ENTITY_PLACEMENT, "host");
	int64_t n = 0, dangling = 0;
	if (!check(rc == CE_OK, "placement.host: %s", rc_name(rc)))
		return;
	rc = ce_record_iter_new(&it, db, CE_ENTITY_PLACEMENT, NULL);
	if (!check(rc == CE_OK, "iterate placements: %s", rc_name(rc)))
		return;
	while ((rc = ce_record_iter_next(&rec, it)) == CE_OK) {
		int64_t host = 0;
		ce_partner *p;
		n++;
		if (ce_record_get_int(&host, rec, col) != CE_OK ||
		    ce_partner_lookup(&p, db, host) != CE_OK) {
			if (dangling++ < 5)
				check(0, "placement %lld: host %lld does not exist", (long long)ce_record_id(rec),
				      (long long)host);
		} else {
			ce_partner_free(p);
		}
		ce_record_free(rec);
	}
	check(rc == CE_ITEROVER, "iterate placements: %s", rc_name(rc));
	ce_record_iter_free(it);
	check(dangling == 0, "%lld placements point at a missing partner", (long long)dangling);
	printf("  %lld placements in the store, %lld with a missing host\n", (long long)n,
	       (long long)dangling);
}

void test_race_delete_vs_placement(void)
{
	section_begin("race B: deleting partners while placements are added for them");
	race x;
	b_seed s = { { 0, 0 } };
	int deleted = 0, kept = 0;
	if (race_start(&x, "delete", seed_students, &s) == 0 && s.student[0] && s.student[1]) {
		for (int round = 0; round < 2 * ROUNDS && !x.p.broken; round++) {
			int64_t host[BATCH];
			int made = 0;
			for (; made < BATCH; made++) {
				char name[96];
				snprintf(name, sizeof name, "待撤销合作企业%02d-%02d有限公司", round, made);
				if (!(host[made] = make_partner(x.db, name)))
					break;
			}
			if (made < BATCH)
				break;
			/* a deleter and a placement for each student going each way:
			 * every partner meets a delete and a placement at once */
			cmd c[WORKERS];
			reply r[WORKERS];
			memset(c, 0, sizeof c);
			c[0].op = OP_DELETE_PARTNERS;
			c[1].op = OP_CREATE_PLACEMENTS, c[1].a = s.student[0];
			c[2].op = OP_DELETE_PARTNERS;
			c[3].op = OP_CREATE_PLACEMENTS, c[3].a = s.student[1];
			for (int i = 0; i < WORKERS; i++)
				memcpy(c[i].ids, host, sizeof host);
			if (race_round(&x, c, r) != 0)
				break;
			for (int k = 0; k < BATCH; k++) {
				int del_ok = 0, pl_ok = 0;
				for (int i = 0; i < WORKERS; i++) {
					int del = c[i].op == OP_DELETE_PARTNERS, rc = r[i].rcs[k];
					if (rc == CE_OK) {
						del ? del_ok++ : pl_ok++;
						continue;
					}
					x.refused++;
					/* a delete is refused while a placement points at the
					 * partner, or finds it gone; a placement is refused for
					 * a partner that is gone */
					check(del ? rc == CE_ECONSTRAINT || rc == CE_ENOTFOUND : rc == CE_ECONSTRAINT,
					      "partner %lld, worker %d (%s): %s (%s)", (long long)host[k], i,
					      del ? "delete" : "placement", rc_name(rc), r[i].msg);
				}
				ce_partner *p;
				int rc = ce_partner_lookup(&p, x.db, host[k]);
				if (rc == CE_OK)
					ce_partner_free(p);
				int64_t at = count_where(x.db, CE_ENTITY_PLACEMENT, "host", NULL, host[k]);
				if (del_ok) {
					deleted++;
					check(del_ok == 1 && pl_ok == 0 && rc == CE_ENOTFOUND && at == 0,
					      "partner %lld deleted (%d deletes, %d placements made): lookup %s, "
					      "%lld placements at it",
					      (long long)host[k], del_ok, pl_ok, rc_name(rc), (long long)at);
				} else {
					kept++;
					check(pl_ok >= 1 && rc == CE_OK && at == pl_ok,
					      "partner %lld kept (%d placements made): lookup %s, %lld placements at it",
					      (long long)host[k], pl_ok, rc_name(rc), (long long)at);
				}
			}
		}
		printf("  partners deleted: %d, kept with their placements: %d\n", deleted, kept);
		hosts_exist(x.db);
	}
	race_stop(&x, 2 * ROUNDS);
	section_end();
}

/* ---- C: clients moving one lifecycle ------------------------------------------------ */

typedef struct c_seed {
	int64_t student, host;
} c_seed;

static void seed_placement_parties(ce_db *db, void *arg)
{
	c_seed *s = arg;
	s->student = make_student(db, "2018020001", "王芳");
	s->host = make_partner(db, "山东某航空材料有限公司");
}

/* One round: a batch of placements (active) or students (enrolled), each
 * moved by workers 0 and 2 to one state and by 1 and 3 to another: exactly
 * one move may land, and the history holds exactly that one. */
static void lifecycle_round(race *x, int round, int student, const c_seed *s)
{
	ce_entity e = student ? CE_ENTITY_STUDENT : CE_ENTITY_PLACEMENT;
	int64_t id[BATCH];
	int from, to[2];
	ce_date on[2];
	if (student) {
		from = CE_STUDENT_STATUS_ENROLLED;
		to[0] = CE_STUDENT_STATUS_GRADUATED, on[0] = CE_DATE(2021, 6, 30);
		to[1] = CE_STUDENT_STATUS_WITHDRAWN, on[1] = CE_DATE(2019, 3, 1);
	} else {
		from = CE_PLACEMENT_STATUS_ACTIVE;
		to[0] = CE_PLACEMENT_STATUS_COMPLETED, on[0] = CE_DATE(2019, 12, 31);
		to[1] = CE_PLACEMENT_STATUS_ENDED_EARLY, on[1] = CE_DATE(2019, 10, 8);
	}
	for (int k = 0; k < BATCH; k++) {
		if (student) {
			char number[32];
			snprintf(number, sizeof number, "201803%02d%02d", round, k);
			id[k] = make_student(x->db, number, "赵磊");
		} else {
			ce_placement_spec p = CE_PLACEMENT_SPEC_INIT;
			int64_t made = 0;
			p.student = s->student;
			p.host = s->host;
			p.start_date = CE_DATE(2019, 7, 1);
			p.position = "工艺实习生";
			p.status = CE_PLACEMENT_STATUS_ACTIVE;
			id[k] = must(ce_placement_create(&made, x->db, &p), &made, x->db, "active placement");
		}
		if (!id[k])
			return;
	}
	cmd c[WORKERS];
	reply r[WORKERS];
	memset(c, 0, sizeof c);
	for (int i = 0; i < WORKERS; i++) {
		c[i].op = student ? OP_STUDENT_STATUS : OP_PLACEMENT_STATUS;
		c[i].b = to[i % 2];
		c[i].c = on[i % 2];
		memcpy(c[i].ids, id, sizeof id);
	}
	if (race_round(x, c, r) != 0)
		return;
	for (int k = 0; k < BATCH; k++) {
		int moved = 0, winner = -1;
		for (int i = 0; i < WORKERS; i++) {
			if (r[i].rcs[k] == CE_OK) {
				moved++, winner = i;
				continue;
			}
			x->refused++;
			check(r[i].rcs[k] == CE_ETRANSITION, "%s %lld, worker %d: %s, not CE_ETRANSITION (%s)",
			      ce_entity_name(e), (long long)id[k], i, rc_name(r[i].rcs[k]), r[i].msg);
		}
		check(moved == 1, "%s %lld: %d moves landed", ce_entity_name(e), (long long)id[k], moved);
		if (winner < 0)
			continue;
		int want = to[winner % 2];
		ce_transition *h = NULL;
		size_t n = 0;
		int rc = ce_history(&h, &n, x->db, e, id[k], "status");
		check(rc == CE_OK && n == 2 && h[1].from == from && h[1].to == want &&
		          h[1].on == on[winner % 2],
		      "%s %lld: history %s, %zu entries, last %d -> %d on %d; the winner moved to %d",
		      ce_entity_name(e), (long long)id[k], rc_name(rc), n, n ? h[n - 1].from : 0,
		      n ? h[n - 1].to : 0, n ? (int)h[n - 1].on : 0, want);
		ce_transitions_free(h);
		ce_record *rec;
		int col;
		int64_t status = 0;
		if ((rc = ce_record_lookup(&rec, x->db, e, id[k])) == CE_OK) {
			if (ce_column_index(&col, e, "status") != CE_OK ||
			    ce_record_get_int(&status, rec, col) != CE_OK)
				status = -1;
			ce_record_free(rec);
		}
		check(rc == CE_OK && status == want, "%s %lld: status %lld (%s), the winner moved to %d",
		      ce_entity_name(e), (long long)id[k], (long long)status, rc_name(rc), want);
	}
}

void test_race_lifecycle(void)
{
	section_begin("race C: 4 clients moving one lifecycle to different states");
	race x;
	c_seed s = { 0, 0 };
	if (race_start(&x, "lifecycle", seed_placement_parties, &s) == 0 && s.student && s.host) {
		for (int i = 0; i < 2 * ROUNDS && !x.p.broken; i++)
			lifecycle_round(&x, i / 2, i % 2, &s);
	}
	race_stop(&x, 2 * ROUNDS);
	section_end();
}
