/* The audit trail (issue 11): every mutating call leaves exactly one entry
 * per changed record, with who, when, in which role, what and each changed
 * column's [old, new]; refused and rolled-back calls leave none; only
 * trusted, admin and office handles read it. The clock is fixed so the
 * timestamps are exact. */
#include <stdio.h>
#include <time.h>

#include "conformance.h"

const char *shared_store_uri(void);
void shared_store_begin(void);
ce_db *open_as(ce_role role, const char *actor);
/* Fixes the audit clock (0: the real one); declared nowhere public. */
void ce__audit_set_clock(time_t t);

#define DAY1 ((time_t)1709280000) /* 2024-03-01T08:00:00Z */
#define DAY ((time_t)86400)

/* The entries matching f (NULL: all) read through handle h. */
#define MAX_ENTRIES 128
static ce_audit_entry *got[MAX_ENTRIES];
static int ngot;

static void entries_free(void)
{
	for (int i = 0; i < ngot; i++)
		ce_audit_entry_free(got[i]);
	ngot = 0;
}

static int read_trail(ce_db *h, const ce_audit_filter *f)
{
	ce_audit_iter *it;
	ce_audit_entry *e;
	int rc;
	entries_free();
	ck_ok(ce_audit_iter_new(&it, h, f));
	while ((rc = ce_audit_iter_next(&e, it)) == CE_OK) {
		ck_assert_int_lt(ngot, MAX_ENTRIES);
		got[ngot++] = e;
	}
	ck_assert_int_eq(rc, CE_ITEROVER);
	ce_audit_iter_free(it);
	return ngot;
}

static int trail_length(void)
{
	int n = read_trail(db, NULL);
	entries_free();
	return n;
}

/* The entries made since the trail had `from` of them. */
static int since(int from)
{
	int n = read_trail(db, NULL);
	for (int i = 0; i < from && i < n; i++)
		ce_audit_entry_free(got[i]);
	memmove(got, got + from, sizeof *got * (size_t)(n - from));
	ngot = n - from;
	return ngot;
}

#define ck_entry(i, op_, entity_, record_, changes_)                                  \
	do {                                                                                \
		ck_assert_int_eq(ce_audit_entry_op(got[i]), (op_));                             \
		ck_assert_int_eq(ce_audit_entry_entity(got[i]), (entity_));                     \
		ck_assert_int_eq(ce_audit_entry_record(got[i]), (record_));                     \
		if ((changes_) != NULL)                                                         \
			ck_assert_str_eq(ce_audit_entry_changes(got[i]), (const char *)(changes_)); \
	} while (0)

static void clock_setup(void)
{
	ce__audit_set_clock(DAY1);
}

static void clock_teardown(void)
{
	ce__audit_set_clock(0);
	entries_free();
}

/* A create through the typed API and one through the generic API: one
 * entry each, the values as JSON, made by the trusted handle. */
START_TEST(audit_create)
{
	int n0 = trail_length();
	int64_t c = make_partner("山东某航空材料有限公司", CE_PARTNER_ENTERPRISE);
	ck_assert_int_eq(since(n0), 1);
	ck_entry(0, CE_AUDIT_CREATE, CE_ENTITY_PARTNER, c,
	         "{\"name\": [null, \"山东某航空材料有限公司\"], \"kind\": [null, \"enterprise\"], "
	         "\"region\": [null, \"山东省济南市\"]}");
	ck_assert_str_eq(ce_audit_entry_at(got[0]), "2024-03-01T08:00:00Z");
	ck_assert_ptr_null(ce_audit_entry_actor(got[0]));
	ck_assert_int_eq(ce_audit_entry_role(got[0]), CE_ROLE_NONE);

	ce_record *r;
	int64_t s;
	ck_ok(ce_record_new(&r, CE_ENTITY_STUDENT));
	ck_ok(ce_record_set_text(r, "number", "2018010001"));
	ck_ok(ce_record_set_text(r, "name", "李\"明\""));
	ck_ok(ce_record_set_int(r, "level", CE_STUDENT_LEVEL_DOCTORAL));
	ck_ok(ce_record_set_int(r, "cohort", 2018));
	ck_ok(ce_record_set_int(r, "status_date", CE_DATE(2018, 9, 1)));
	ck_ok(ce_record_insert(&s, db, r));
	ce_record_free(r);
	ck_assert_int_eq(since(n0), 2);
	ck_entry(1, CE_AUDIT_CREATE, CE_ENTITY_STUDENT, s,
	         "{\"number\": [null, \"2018010001\"], \"name\": [null, \"李\\\"明\\\"\"], "
	         "\"level\": [null, \"doctoral\"], \"cohort\": [null, 2018], \"status\": [null, \"enrolled\"], "
	         "\"status_date\": [null, \"2018-09-01\"]}");
	ck_assert_int_gt(ce_audit_entry_id(got[1]), ce_audit_entry_id(got[0]));
	ck_assert_str_eq(ce_audit_op_name(CE_AUDIT_CREATE), "create");
}
END_TEST

/* An update traces only the changed columns; one changing nothing, none. */
START_TEST(audit_update)
{
	ce_partner_spec s = CE_PARTNER_SPEC_INIT;
	int64_t c = make_partner("山东某航空材料有限公司", CE_PARTNER_ENTERPRISE);
	int n0 = trail_length();
	s.name = "山东某航空材料有限公司";
	s.kind = CE_PARTNER_ENTERPRISE;
	s.region = "山东省济南市";
	ck_ok(ce_partner_update(db, c, &s));
	ck_assert_int_eq(since(n0), 0);
	s.region = "山东省青岛市";
	s.sector = "有色金属冶炼";
	ck_ok(ce_partner_update(db, c, &s));
	ck_assert_int_eq(since(n0), 1);
	ck_entry(0, CE_AUDIT_UPDATE, CE_ENTITY_PARTNER, c,
	         "{\"sector\": [null, \"有色金属冶炼\"], \"region\": [\"山东省济南市\", \"山东省青岛市\"]}");
	/* the generic update, the same way */
	ce_record *r;
	ck_ok(ce_record_lookup(&r, db, CE_ENTITY_PARTNER, c));
	ck_ok(ce_record_set_null(r, "sector"));
	ck_ok(ce_record_update(db, r));
	ck_ok(ce_record_update(db, r)); /* again: nothing changes */
	ce_record_free(r);
	ck_assert_int_eq(since(n0), 2);
	ck_entry(1, CE_AUDIT_UPDATE, CE_ENTITY_PARTNER, c, "{\"sector\": [\"有色金属冶炼\", null]}");
}
END_TEST

/* A delete: one entry with the old values; a cascade: one 'delete' for the
 * root and one 'cascade' per record deleted or detached with it. */
START_TEST(audit_delete_and_cascade)
{
	int64_t t = make_team("高性能铝合金导师团队");
	int n0 = trail_length();
	ck_ok(ce_team_delete(db, t, CE_DELETE_RESTRICT));
	ck_assert_int_eq(since(n0), 1);
	ck_entry(0, CE_AUDIT_DELETE, CE_ENTITY_TEAM, t,
	         "{\"name\": [\"高性能铝合金导师团队\", null], \"discipline\": [\"材料科学与工程\", null]}");

	int64_t p = make_project("201901022063", "高强高韧铝合金材料研发", CE_DATE(2019, 1, 1));
	int64_t st = make_subtopic(p, "热处理工艺优化");
	int64_t ms = make_milestone(st, "完成中期检查", CE_DATE(2020, 6, 30));
	int64_t bl = make_budget_line(st, "材料费", 5000000);
	ce_guidance_session_spec g = CE_GUIDANCE_SESSION_SPEC_INIT;
	int64_t gs;
	g.held_on = CE_DATE(2019, 10, 8);
	g.duration_minutes = 90;
	g.mode = CE_GUIDANCE_MODE_MEETING;
	g.subtopic = st;
	ck_ok(ce_guidance_session_create(&gs, db, &g));
	n0 = trail_length();
	ck_ok(ce_subtopic_delete(db, st, CE_DELETE_CASCADE));
	ck_assert_int_eq(since(n0), 4);
	int deleted = 0, ms_seen = 0, bl_seen = 0, gs_seen = 0;
	for (int i = 0; i < ngot; i++) {
		ce_audit_op op = ce_audit_entry_op(got[i]);
		ce_entity e = ce_audit_entry_entity(got[i]);
		int64_t id = ce_audit_entry_record(got[i]);
		if (op == CE_AUDIT_DELETE) {
			deleted++;
			ck_assert_int_eq(e, CE_ENTITY_SUBTOPIC);
			ck_assert_int_eq(id, st);
		} else {
			ck_assert_int_eq(op, CE_AUDIT_CASCADE);
			ms_seen += e == CE_ENTITY_MILESTONE && id == ms;
			bl_seen += e == CE_ENTITY_BUDGET_LINE && id == bl;
			if (e == CE_ENTITY_GUIDANCE_SESSION && id == gs) {
				/* detached, not deleted: only the reference changes */
				char want[64];
				snprintf(want, sizeof want, "{\"subtopic\": [%lld, null]}", (long long)st);
				ck_assert_str_eq(ce_audit_entry_changes(got[i]), want);
				gs_seen++;
			}
		}
	}
	ck_assert_int_eq(deleted, 1);
	ck_assert_int_eq(ms_seen + bl_seen + gs_seen, 3);
	ck_assert(exists(CE_ENTITY_GUIDANCE_SESSION, gs));
}
END_TEST

/* A lifecycle move: one entry with the state and its date. */
START_TEST(audit_transition)
{
	int64_t p = make_project("201901022063", "高强高韧铝合金材料研发", CE_DATE(2019, 1, 1));
	int n0 = trail_length();
	ck_ok(ce_project_set_status(db, p, CE_PROJECT_STATUS_ACTIVE, CE_DATE(2019, 3, 1)));
	ck_assert_int_eq(since(n0), 1);
	ck_entry(0, CE_AUDIT_TRANSITION, CE_ENTITY_PROJECT, p,
	         "{\"status\": [\"proposed\", \"active\"], \"status_date\": [\"2019-01-01\", \"2019-03-01\"]}");
	ck_ok(ce_record_transition(db, CE_ENTITY_PROJECT, p, "stage", CE_PROJECT_STAGE_PILOT, CE_DATE(2020, 1, 1)));
	ck_assert_int_eq(since(n0), 2);
	ck_entry(1, CE_AUDIT_TRANSITION, CE_ENTITY_PROJECT, p,
	         "{\"stage\": [\"laboratory\", \"pilot\"], \"stage_date\": [\"2019-01-01\", \"2020-01-01\"]}");
}
END_TEST

typedef struct sink {
	char *p;
	size_t n;
} sink;

static int to_sink(void *ctx, const char *data, size_t len)
{
	sink *s = ctx;
	char *p = realloc(s->p, s->n + len + 1);
	if (!p)
		return CE_ENOMEM;
	memcpy(p + s->n, data, len);
	s->p = p;
	s->n += len;
	p[s->n] = '\0';
	return CE_OK;
}

/* An import records each record it creates, as an import. */
START_TEST(audit_import)
{
	int64_t c = make_partner("山东某航空材料有限公司", CE_PARTNER_ENTERPRISE);
	int64_t s = make_student("2018010001", "李明");
	make_supervision(s, make_academic("张建国"), CE_SUPERVISION_ROLE_MAIN);
	(void)c;
	sink out = { NULL, 0 };
	ck_ok(ce_export_json(db, to_sink, &out, NULL));
	/* into an empty store of the same backend */
	ce_db *to;
	ck_ok(ce_db_open(&to, fresh_store_uri(), NULL));
	ck_ok(ce_import_json(to, out.p, out.n, NULL));
	free(out.p);
	ce_db *keep = db;
	db = to;
	int n = read_trail(db, NULL);
	ck_assert_int_eq(n, 4);
	for (int i = 0; i < n; i++) {
		ck_assert_int_eq(ce_audit_entry_op(got[i]), CE_AUDIT_IMPORT);
		ck_assert(exists(ce_audit_entry_entity(got[i]), ce_audit_entry_record(got[i])));
	}
	int partner_seen = 0;
	for (int i = 0; i < n; i++)
		if (ce_audit_entry_entity(got[i]) == CE_ENTITY_PARTNER) {
			ck_assert_str_eq(ce_audit_entry_changes(got[i]),
			                 "{\"name\": [null, \"山东某航空材料有限公司\"], \"kind\": [null, \"enterprise\"], "
			                 "\"region\": [null, \"山东省济南市\"]}");
			partner_seen++;
		}
	ck_assert_int_eq(partner_seen, 1);
	entries_free();
	/* after the import, writes are creates again */
	make_partner("青岛某海洋装备股份有限公司", CE_PARTNER_ENTERPRISE);
	ck_assert_int_eq(since(4), 1);
	ck_assert_int_eq(ce_audit_entry_op(got[0]), CE_AUDIT_CREATE);
	entries_free();
	db = keep;
	ce_db_close(to);
}
END_TEST

/* Refused calls and rolled-back transactions leave no entry. */
START_TEST(audit_refused_leave_none)
{
	shared_store_begin();
	int64_t c1 = make_enterprise("山东某航空材料有限公司");
	int64_t c2 = make_enterprise("青岛某海洋装备股份有限公司");
	ce_supervisor_spec sv = CE_SUPERVISOR_SPEC_INIT;
	int64_t m1;
	sv.name = "陈高工";
	sv.kind = CE_SUPERVISOR_ENTERPRISE;
	sv.staff_number = "M-2001";
	sv.affiliation = c1;
	ck_ok(ce_supervisor_create(&m1, db, &sv));
	int64_t p = make_project("201901022063", "高强高韧铝合金材料研发", CE_DATE(2019, 1, 1));
	int n0 = trail_length();

	ce_partner_spec bad = CE_PARTNER_SPEC_INIT;
	bad.name = "";
	bad.kind = CE_PARTNER_ENTERPRISE;
	ck_refused(ce_partner_create(NULL, db, &bad), CE_EINVALID);
	ck_refused(ce_partner_delete(db, c1, CE_DELETE_RESTRICT), CE_ECONSTRAINT);
	ck_refused(ce_project_set_status(db, p, CE_PROJECT_STATUS_COMPLETED, CE_DATE(2019, 3, 1)),
	           CE_ETRANSITION);
	ce_db *m = open_as(CE_ROLE_MENTOR, "M-2001");
	ce_partner_spec ps = CE_PARTNER_SPEC_INIT;
	ps.name = "青岛某海洋装备股份有限公司";
	ps.kind = CE_PARTNER_ENTERPRISE;
	ps.region = "山东省青岛市";
	ck_rc(ce_partner_update(m, c2, &ps), CE_EDENIED);
	ck_rc(ce_project_delete(m, p, CE_DELETE_CASCADE), CE_ENOTFOUND);
	ck_assert_int_eq(since(n0), 0);

	/* rolled back: the entries go with the records */
	ck_ok(ce_db_begin(db));
	make_team("高性能铝合金导师团队");
	ck_ok(ce_project_set_status(db, p, CE_PROJECT_STATUS_ACTIVE, CE_DATE(2019, 3, 1)));
	ck_ok(ce_db_rollback(db));
	ck_assert_int_eq(since(n0), 0);

	/* the mentor's allowed write is traced as theirs */
	ps.name = "山东某航空材料有限公司";
	ps.region = "山东省烟台市";
	ck_ok(ce_partner_update(m, c1, &ps));
	ck_assert_int_eq(since(n0), 1);
	ck_entry(0, CE_AUDIT_UPDATE, CE_ENTITY_PARTNER, c1, NULL);
	ck_assert_str_eq(ce_audit_entry_actor(got[0]), "M-2001");
	ck_assert_int_eq(ce_audit_entry_role(got[0]), CE_ROLE_MENTOR);
	ce_db_close(m);
}
END_TEST

/* Only trusted, admin and office handles read the trail; the filters
 * select by entity, record, actor and day. */
START_TEST(audit_readers_and_filters)
{
	shared_store_begin();
	int64_t c1 = make_enterprise("山东某航空材料有限公司");
	ce_supervisor_spec sv = CE_SUPERVISOR_SPEC_INIT;
	int64_t a1, m1;
	sv.name = "张建国";
	sv.kind = CE_SUPERVISOR_ACADEMIC;
	sv.staff_number = "A-1001";
	ck_ok(ce_supervisor_create(&a1, db, &sv));
	sv.name = "陈高工";
	sv.kind = CE_SUPERVISOR_ENTERPRISE;
	sv.staff_number = "M-2001";
	sv.affiliation = c1;
	ck_ok(ce_supervisor_create(&m1, db, &sv));
	int64_t s1 = make_student("2018010001", "李明");
	ce__audit_set_clock(DAY1 + 2 * DAY);
	ce_db *office = open_as(CE_ROLE_OFFICE, "研究生院培养办");
	int64_t c2 = 0;
	ce_partner_spec ps = CE_PARTNER_SPEC_INIT;
	ps.name = "青岛某海洋装备股份有限公司";
	ps.kind = CE_PARTNER_ENTERPRISE;
	ck_ok(ce_partner_create(&c2, office, &ps));
	ce__audit_set_clock(DAY1 + 5 * DAY);
	ps.region = "山东省青岛市";
	ck_ok(ce_partner_update(office, c2, &ps));

	static const struct {
		ce_role role;
		const char *actor;
		int may;
	} readers[] = {
		{ CE_ROLE_ADMIN, "系统管理员", 1 },     { CE_ROLE_OFFICE, "研究生院培养办", 1 },
		{ CE_ROLE_ACADEMIC, "A-1001", 0 },      { CE_ROLE_MENTOR, "M-2001", 0 },
		{ CE_ROLE_STUDENT, "2018010001", 0 },   { CE_ROLE_ANALYST, "数据分析组", 0 },
	};
	int all = trail_length();
	ck_assert_int_eq(all, 6);
	for (size_t i = 0; i < sizeof readers / sizeof *readers; i++) {
		ce_db *h = readers[i].role == CE_ROLE_OFFICE ? office : open_as(readers[i].role, readers[i].actor);
		ce_audit_iter *it = (ce_audit_iter *)&it;
		if (readers[i].may) {
			ck_assert_int_eq(read_trail(h, NULL), all);
		} else {
			ck_rc(ce_audit_iter_new(&it, h, NULL), CE_EDENIED);
			ck_assert_ptr_null(it);
		}
		if (h != office)
			ce_db_close(h);
	}
	(void)s1;

	ce_audit_filter f = CE_AUDIT_FILTER_INIT;
	f.entity = CE_ENTITY_PARTNER;
	ck_assert_int_eq(read_trail(db, &f), 3);
	f.record = c2;
	ck_assert_int_eq(read_trail(db, &f), 2);
	ck_entry(0, CE_AUDIT_CREATE, CE_ENTITY_PARTNER, c2, NULL);
	ck_entry(1, CE_AUDIT_UPDATE, CE_ENTITY_PARTNER, c2, "{\"region\": [null, \"山东省青岛市\"]}");
	ck_assert_str_eq(ce_audit_entry_actor(got[1]), "研究生院培养办");
	ck_assert_int_eq(ce_audit_entry_role(got[1]), CE_ROLE_OFFICE);
	ck_assert_str_eq(ce_audit_entry_at(got[1]), "2024-03-06T08:00:00Z");
	f = (ce_audit_filter)CE_AUDIT_FILTER_INIT;
	f.actor = "研究生院培养办";
	ck_assert_int_eq(read_trail(db, &f), 2);
	f.actor = "无此人";
	ck_assert_int_eq(read_trail(db, &f), 0);
	f = (ce_audit_filter)CE_AUDIT_FILTER_INIT;
	f.from = CE_DATE(2024, 3, 2);
	ck_assert_int_eq(read_trail(db, &f), 2);
	f.to = CE_DATE(2024, 3, 5);
	ck_assert_int_eq(read_trail(db, &f), 1);
	ck_assert_int_eq(ce_audit_entry_op(got[0]), CE_AUDIT_CREATE);
	f.from = CE_DATE(2024, 3, 1);
	f.to = CE_DATE(2024, 3, 1);
	ck_assert_int_eq(read_trail(db, &f), 4);
	entries_free();
	/* a malformed filter is refused */
	ce_audit_iter *it;
	f.from = CE_DATE(2024, 3, 9);
	ck_rc(ce_audit_iter_new(&it, db, &f), CE_EINVALID);
	f = (ce_audit_filter)CE_AUDIT_FILTER_INIT;
	f.record = c2; /* a record needs its entity */
	ck_rc(ce_audit_iter_new(&it, db, &f), CE_EINVALID);
	ce_db_close(office);
}
END_TEST

Suite *suite_audit(void)
{
	Suite *s = suite_create("audit");
	TCase *tc = store_tcase("trail");
	tcase_add_checked_fixture(tc, clock_setup, clock_teardown);
	tcase_add_test(tc, audit_create);
	tcase_add_test(tc, audit_update);
	tcase_add_test(tc, audit_delete_and_cascade);
	tcase_add_test(tc, audit_transition);
	tcase_add_test(tc, audit_import);
	tcase_add_test(tc, audit_refused_leave_none);
	tcase_add_test(tc, audit_readers_and_filters);
	suite_add_tcase(s, tc);
	return s;
}
