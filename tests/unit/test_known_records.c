/* The records known in a transaction (lib/core/store.c): a load past the
 * first table's 32,768 records keeps answering references right, a delete
 * forgets its record wherever the probes put it, and a rollback or a new
 * transaction starts from nothing. Run on both sizes: on the memory
 * backend, whose reads are in-process, the table stays at 65,536 slots and
 * past 3/4 of them records are asked of the store; on the same backend
 * declaring its reads remote (reads_are_remote(), backend version 8) the
 * table grows. The references checked are all the core's. Finds by a
 * whole unique key (lib/core/finds.c) are asked of the store once per
 * transaction, and again after the table changes or a call is refused. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "coopedu.h"
#include "coopedu/sys/backend.h"

/* past 3/4 of the first table's 65,536 slots: it grows (remote) or is
 * full and asks the store (in-process) */
#define N 52000

extern const ce_backend ce__memory_backend;

static int remote(ce_backend_conn *conn)
{
	(void)conn;
	return 1;
}

static const char *const uris[] = { "memory:", "remotememory:" };

/* fetches of rows the test watches, on the backend that counts them */
static const char *watched;
static int watched_fetches;

static int counting_fetch(ce_backend_conn *conn, const ce_table_def *t, int64_t id, ce_value *row)
{
	if (watched && strcmp(t->name, watched) == 0)
		watched_fetches++;
	return ce__memory_backend.fetch(conn, t, id, row);
}

/* finds (find_first) on the watched table, on the same backend */
static int watched_finds;

static int counting_find(ce_backend_conn *conn, const ce_table_def *t, const ce_query *q,
                         int64_t *id)
{
	if (watched && strcmp(t->name, watched) == 0)
		watched_finds++;
	return ce__memory_backend.find_first(conn, t, q, id);
}

/* scans of the watched table, on the same backend */
static int watched_scans;

static int counting_scan_open(ce_backend_cursor **out, ce_backend_conn *conn,
                              const ce_table_def *t, const ce_query *q)
{
	if (watched && strcmp(t->name, watched) == 0)
		watched_scans++;
	return ce__memory_backend.scan_open(out, conn, t, q);
}

static ce_result partner(ce_db *db, int64_t *id, int i)
{
	char name[64];
	snprintf(name, sizeof name, "济南某铝业有限公司%05d", i);
	ce_partner_spec s = CE_PARTNER_SPEC_INIT;
	s.name = name;
	s.kind = CE_PARTNER_ENTERPRISE;
	return ce_partner_create(id, db, &s);
}

static ce_result mentor(ce_db *db, int64_t employer)
{
	int64_t id;
	ce_supervisor_spec s = CE_SUPERVISOR_SPEC_INIT;
	s.name = "王建国";
	s.kind = CE_SUPERVISOR_ENTERPRISE;
	s.affiliation = employer;
	return ce_supervisor_create(&id, db, &s);
}

START_TEST(references_right_past_growth_and_deletes)
{
	ce_db *db;
	static int64_t ids[N];
	ck_assert_int_eq(ce_db_open(&db, uris[_i], NULL), CE_OK);
	ck_assert_int_eq(ce_db_begin(db), CE_OK);
	for (int i = 0; i < N; i++)
		ck_assert_int_eq(partner(db, &ids[i], i), CE_OK);
	for (int i = 0; i < N; i += 7)
		ck_assert_int_eq(ce_partner_delete(db, ids[i], 0), CE_OK);
	/* deleted ones first: a refused call may forget what is known */
	ck_assert_int_eq(mentor(db, ids[7 * 1000]), CE_ECONSTRAINT);
	for (int i = 1; i < N; i += 97)
		if (i % 7)
			ck_assert_int_eq(mentor(db, ids[i]), CE_OK);
	for (int i = 0; i < N; i += 7 * 331)
		ck_assert_int_eq(mentor(db, ids[i]), CE_ECONSTRAINT);
	ck_assert_int_eq(ce_db_rollback(db), CE_OK);
	/* nothing of it is known any more: the partners are gone */
	ck_assert_int_eq(ce_db_begin(db), CE_OK);
	ck_assert_int_eq(mentor(db, ids[1]), CE_ECONSTRAINT);
	ck_assert_int_eq(partner(db, &ids[0], 0), CE_OK);
	ck_assert_int_eq(mentor(db, ids[0]), CE_OK);
	ck_assert_int_eq(ce_db_commit(db), CE_OK);
	int64_t n = 0;
	ck_assert_int_eq(ce_record_count(&n, db, CE_ENTITY_SUPERVISOR, NULL), CE_OK);
	ck_assert_int_eq(n, 1);
	ce_db_close(db);
}
END_TEST

static int64_t project_of_2019(ce_db *db)
{
	int64_t id;
	ce_project_spec p = CE_PROJECT_SPEC_INIT;
	p.code = "201901022063";
	p.title = "高性能铝合金材料联合研发";
	p.start_date = CE_DATE(2019, 1, 1);
	p.end_date = CE_DATE(2023, 12, 31);
	p.status_date = p.start_date;
	ck_assert_int_eq(ce_project_create(&id, db, &p), CE_OK);
	return id;
}

static int64_t subtopic_of(ce_db *db, int64_t project, int i)
{
	char title[64];
	int64_t id;
	snprintf(title, sizeof title, "高强铝合金热处理工艺优化之%03d", i);
	ce_subtopic_spec st = CE_SUBTOPIC_SPEC_INIT;
	st.project = project;
	st.title = title;
	st.kind = CE_SUBTOPIC_APPLIED;
	st.site = CE_SUBTOPIC_SITE_UNIVERSITY;
	st.status_date = CE_DATE(2019, 1, 1);
	ck_assert_int_eq(ce_subtopic_create(&id, db, &st), CE_OK);
	return id;
}

static ce_result depend(ce_db *db, int64_t subtopic, int64_t depends_on)
{
	int64_t id;
	ce_subtopic_dependency_spec s = CE_SUBTOPIC_DEPENDENCY_SPEC_INIT;
	s.subtopic = subtopic;
	s.depends_on = depends_on;
	return ce_subtopic_dependency_create(&id, db, &s);
}

/* Dependencies among subtopics the transaction created: the cycle check
 * knows every edge there is from the writes it saw and scans nothing
 * (a new dependent nothing depends on; a subtopic depended on that
 * depends on nothing; lib/core/graph.c) until a cycle has to be found; subtopics of an
 * earlier transaction are asked of the store. */
START_TEST(cycle_checks_among_new_subtopics_scan_nothing)
{
	enum { CHAIN = 100 };
	int64_t s[CHAIN], t[CHAIN];
	ce_db *db;
	ck_assert_int_eq(ce_db_open(&db, "countingmemory:", NULL), CE_OK);
	ck_assert_int_eq(ce_db_begin(db), CE_OK);
	int64_t project = project_of_2019(db);
	watched = "subtopic_dependency";
	watched_scans = 0;
	for (int i = 0; i < CHAIN; i++) {
		s[i] = subtopic_of(db, project, i);
		if (i)
			ck_assert_int_eq(depend(db, s[i], s[i - 1]), CE_OK);
		if (i > 1)
			ck_assert_int_eq(depend(db, s[i], s[i - 2]), CE_OK);
	}
	/* edges written last first: each new dependent has one into it, but
	 * what it now depends on has none out of it yet */
	for (int i = 0; i < CHAIN; i++)
		t[i] = subtopic_of(db, project, CHAIN + i);
	for (int i = CHAIN - 1; i > 0; i--)
		ck_assert_int_eq(depend(db, t[i], t[i - 1]), CE_OK);
	ck_assert_int_eq(watched_scans, 0);
	ck_assert_int_eq(depend(db, t[0], t[CHAIN - 1]), CE_ECYCLE);
	ck_assert_int_eq(depend(db, s[0], s[CHAIN - 1]), CE_ECYCLE);
	ck_assert_int_gt(watched_scans, 0);
	ck_assert_int_eq(ce_db_commit(db), CE_OK);
	ck_assert_int_eq(ce_db_begin(db), CE_OK);
	watched_scans = 0;
	ck_assert_int_eq(depend(db, s[0], s[CHAIN - 1]), CE_ECYCLE);
	ck_assert_int_eq(depend(db, s[CHAIN - 1], s[0]), CE_OK);
	ck_assert_int_gt(watched_scans, 0);
	watched = NULL;
	ck_assert_int_eq(ce_db_commit(db), CE_OK);
	ce_db_close(db);
}
END_TEST

/* A load writes mostly rows nothing refers to (milestones here; attendances,
 * progress reports in the benchmark): keeping them would evict the few rows
 * the core reads again, the subtopic a move reads here. */
START_TEST(rows_nothing_refers_to_do_not_evict_the_others)
{
	ce_db *db;
	int64_t project, subtopic, partner_id, milestone;
	ck_assert_int_eq(ce_db_open(&db, "countingmemory:", NULL), CE_OK);
	ck_assert_int_eq(ce_db_begin(db), CE_OK);
	ck_assert_int_eq(partner(db, &partner_id, 0), CE_OK);
	project = project_of_2019(db);
	ce_subtopic_spec st = CE_SUBTOPIC_SPEC_INIT;
	st.project = project;
	st.title = "高强铝合金热处理工艺优化";
	st.kind = CE_SUBTOPIC_APPLIED;
	st.site = CE_SUBTOPIC_SITE_ENTERPRISE;
	st.partner = partner_id;
	st.status_date = CE_DATE(2019, 1, 1);
	ck_assert_int_eq(ce_subtopic_create(&subtopic, db, &st), CE_OK);
	watched = "subtopic";
	watched_fetches = 0;
	for (int i = 0; i < 40000; i++) {
		char title[64];
		snprintf(title, sizeof title, "第%d次中期检查", i);
		ce_milestone_spec m = CE_MILESTONE_SPEC_INIT;
		m.subtopic = subtopic;
		m.title = title;
		m.due_date = CE_DATE(2020, 6, 30);
		ck_assert_int_eq(ce_milestone_create(&milestone, db, &m), CE_OK);
	}
	ck_assert_int_eq(ce_subtopic_set_status(db, subtopic, CE_SUBTOPIC_STATUS_APPROVED,
	                                        CE_DATE(2019, 3, 1)),
	                 CE_OK);
	ck_assert_int_eq(watched_fetches, 0);
	/* a row read is kept, whatever its table: the last milestone, read twice */
	watched = "milestone";
	watched_fetches = 0;
	ce_record *r = NULL;
	for (int i = 0; i < 2; i++) {
		ck_assert_int_eq(ce_record_lookup(&r, db, CE_ENTITY_MILESTONE, milestone), CE_OK);
		ce_record_free(r);
	}
	ck_assert_int_eq(watched_fetches, 1);
	watched = NULL;
	ck_assert_int_eq(ce_db_rollback(db), CE_OK);
	ce_db_close(db);
}
END_TEST

/* ---- finds by a whole unique key (lib/core/finds.c) ----------------------------- */

/* A multiple-choice item with options A..D and an anonymous round: each
 * answer names its options by (item, code), a find by a unique key. */
static struct {
	int64_t item, round;
} sv;

static void survey(ce_db *db)
{
	ce_survey_instrument_spec ins = CE_SURVEY_INSTRUMENT_SPEC_INIT;
	int64_t instrument, option;
	ins.code = "GS-COOP";
	ins.instrument_version = 1;
	ins.title = "研究生联合培养满意度调查";
	ins.audience = CE_SURVEY_AUDIENCE_STUDENT;
	ck_assert_int_eq(ce_survey_instrument_create(&instrument, db, &ins), CE_OK);
	ce_survey_item_spec it = CE_SURVEY_ITEM_SPEC_INIT;
	it.instrument = instrument;
	it.code = "Q6";
	it.position = 1;
	it.text = "联合培养提升了哪些能力";
	it.kind = CE_SURVEY_ITEM_MULTIPLE_CHOICE;
	ck_assert_int_eq(ce_survey_item_create(&sv.item, db, &it), CE_OK);
	static const char *const labels[] = { "工程实践能力", "科研能力", "职业规划", "人际沟通" };
	for (int k = 0; k < 4; k++) {
		ce_survey_option_spec o = CE_SURVEY_OPTION_SPEC_INIT;
		char code[2] = { (char)('A' + k), 0 };
		o.item = sv.item;
		o.code = code;
		o.position = k + 1;
		o.label = labels[k];
		ck_assert_int_eq(ce_survey_option_create(&option, db, &o), CE_OK);
	}
	ce_survey_round_spec rs = CE_SURVEY_ROUND_SPEC_INIT;
	rs.instrument = instrument;
	rs.title = "2022年研究生联合培养调查";
	rs.opens_on = CE_DATE(2022, 6, 1);
	rs.anonymous = 1;
	rs.attributes = CE_SURVEY_ATTR_LEVEL;
	ck_assert_int_eq(ce_survey_round_create(&sv.round, db, &rs), CE_OK);
}

/* A new response answering the item with choices; the answer's result. */
static ce_result answer(ce_db *db, const char *choices)
{
	ce_survey_response_spec r = CE_SURVEY_RESPONSE_SPEC_INIT;
	int64_t response, id;
	r.round = sv.round;
	r.submitted_on = CE_DATE(2022, 6, 2);
	r.level = CE_SURVEY_LEVEL_GRADUATE;
	ck_assert_int_eq(ce_survey_response_create(&response, db, &r), CE_OK);
	ce_survey_answer_spec a = CE_SURVEY_ANSWER_SPEC_INIT;
	a.response = response;
	a.item = sv.item;
	a.choices = choices;
	return ce_survey_answer_create(&id, db, &a);
}

START_TEST(a_key_is_found_once_per_transaction)
{
	ce_db *db;
	ck_assert_int_eq(ce_db_open(&db, "countingmemory:", NULL), CE_OK);
	ck_assert_int_eq(ce_db_begin(db), CE_OK);
	survey(db);
	watched = "survey_option";
	watched_finds = 0;
	ck_assert_int_eq(answer(db, "A"), CE_OK);
	ck_assert_int_eq(watched_finds, 1);
	ck_assert_int_eq(answer(db, "A"), CE_OK);
	ck_assert_int_eq(watched_finds, 1); /* the same key: nothing asked */
	ck_assert_int_eq(answer(db, "B;A"), CE_OK);
	ck_assert_int_eq(watched_finds, 2); /* B is another value: asked */
	ck_assert_int_eq(answer(db, "A;B"), CE_OK);
	ck_assert_int_eq(watched_finds, 2);
	/* a refused call forgets what it found: A, before Z is refused */
	ck_assert_int_eq(answer(db, "A;Z"), CE_EINVALID);
	watched_finds = 0;
	ck_assert_int_eq(answer(db, "Z"), CE_EINVALID); /* none is never kept */
	ck_assert_int_eq(answer(db, "A;B"), CE_OK);
	ck_assert_int_eq(answer(db, "B;A;C"), CE_OK);
	ck_assert_int_eq(watched_finds, 4);
	ck_assert_int_eq(ce_db_commit(db), CE_OK);
	/* a new transaction starts from nothing */
	ck_assert_int_eq(ce_db_begin(db), CE_OK);
	watched_finds = 0;
	ck_assert_int_eq(answer(db, "A"), CE_OK);
	ck_assert_int_eq(answer(db, "A"), CE_OK);
	ck_assert_int_eq(watched_finds, 1);
	ck_assert_int_eq(ce_db_commit(db), CE_OK);
	/* outside a transaction every find is asked */
	watched_finds = 0;
	ck_assert_int_eq(answer(db, "A"), CE_OK);
	ck_assert_int_eq(answer(db, "A"), CE_OK);
	ck_assert_int_eq(watched_finds, 2);
	watched = NULL;
	int64_t n = 0;
	ck_assert_int_eq(ce_record_count(&n, db, CE_ENTITY_SURVEY_ANSWER, NULL), CE_OK);
	ck_assert_int_eq(n, 10);
	ce_db_close(db);
}
END_TEST

/* people by number (ce_person_export() finds the person by that key) */
static char out[65536];

static int sink(void *ctx, const char *data, size_t len)
{
	(void)ctx;
	size_t have = strlen(out);
	if (have + len >= sizeof out)
		return CE_ENOMEM;
	memcpy(out + have, data, len);
	out[have + len] = '\0';
	return CE_OK;
}

static ce_result export(ce_db *db, const char *number)
{
	out[0] = '\0';
	return ce_person_export(db, CE_ENTITY_STUDENT, number, sink, NULL);
}

static ce_student_spec student_spec(const char *number, const char *name)
{
	ce_student_spec s = CE_STUDENT_SPEC_INIT;
	s.number = number;
	s.name = name;
	s.level = CE_STUDENT_LEVEL_ACADEMIC_MASTER;
	s.cohort = 2019;
	s.status_date = CE_DATE(2019, 9, 1);
	return s;
}

static int64_t student(ce_db *db, const char *number, const char *name)
{
	ce_student_spec s = student_spec(number, name);
	int64_t id;
	ck_assert_int_eq(ce_student_create(&id, db, &s), CE_OK);
	return id;
}

static ce_db *students_db(int64_t *a, int64_t *b, int64_t *c)
{
	ce_db *db;
	ck_assert_int_eq(ce_db_open(&db, "countingmemory:", NULL), CE_OK);
	ck_assert_int_eq(ce_db_begin(db), CE_OK);
	*a = student(db, "2019001", "张伟");
	*b = student(db, "2019002", "王芳");
	*c = student(db, "2019003", "李娜");
	watched = "student";
	watched_finds = 0;
	return db;
}

/* An update or delete of the table may move or free a key: asked again. */
START_TEST(updates_and_deletes_ask_again)
{
	int64_t a, b, c;
	ce_db *db = students_db(&a, &b, &c);
	ck_assert_int_eq(export(db, "2019001"), CE_OK);
	ck_assert_int_eq(export(db, "2019001"), CE_OK);
	ck_assert_int_eq(watched_finds, 1);
	ce_student_spec s = student_spec("2019002", "王芳芳");
	ck_assert_int_eq(ce_student_update(db, b, &s), CE_OK);
	watched_finds = 0; /* the update's own check of its number is a find too */
	ck_assert_int_eq(export(db, "2019001"), CE_OK);
	ck_assert_int_eq(watched_finds, 1);
	ck_assert_int_eq(ce_student_delete(db, c, 0), CE_OK);
	watched_finds = 0;
	ck_assert_int_eq(export(db, "2019001"), CE_OK);
	ck_assert_int_eq(export(db, "2019001"), CE_OK);
	ck_assert_int_eq(watched_finds, 1);
	ck_assert_ptr_nonnull(strstr(out, "张伟"));
	ck_assert_int_eq(export(db, "2019003"), CE_ENOTFOUND);
	watched = NULL;
	ck_assert_int_eq(ce_db_rollback(db), CE_OK);
	ce_db_close(db);
}
END_TEST

/* A key moved by an update is found at its new value, not at its old
 * one, and a key given to another record names that one. A refused
 * update (the number taken) changes nothing of it. */
START_TEST(a_moved_key_is_found_where_it_went)
{
	int64_t a, b, c;
	ce_db *db = students_db(&a, &b, &c);
	ck_assert_int_eq(export(db, "2019001"), CE_OK);
	ck_assert_ptr_nonnull(strstr(out, "张伟"));
	ck_assert_int_eq(export(db, "2019002"), CE_OK);
	ce_student_spec s = student_spec("2019004", "张伟");
	ck_assert_int_eq(ce_student_update(db, a, &s), CE_OK);
	s = student_spec("2019001", "王芳");
	ck_assert_int_eq(ce_student_update(db, b, &s), CE_OK);
	ck_assert_int_eq(export(db, "2019001"), CE_OK);
	ck_assert_ptr_nonnull(strstr(out, "王芳"));
	ck_assert_ptr_null(strstr(out, "张伟"));
	ck_assert_int_eq(export(db, "2019002"), CE_ENOTFOUND);
	ck_assert_int_eq(export(db, "2019004"), CE_OK);
	ck_assert_ptr_nonnull(strstr(out, "张伟"));
	s = student_spec("2019004", "李娜");
	ck_assert_int_eq(ce_student_update(db, c, &s), CE_EEXISTS);
	ck_assert_int_eq(export(db, "2019004"), CE_OK);
	ck_assert_ptr_nonnull(strstr(out, "张伟"));
	ck_assert_int_eq(export(db, "2019003"), CE_OK);
	ck_assert_ptr_nonnull(strstr(out, "李娜"));
	watched = NULL;
	ck_assert_int_eq(ce_db_rollback(db), CE_OK);
	ce_db_close(db);
}
END_TEST

/* Only a positive answer is kept: a key absent once is asked again, and
 * found once created. A rollback forgets what its transaction found. */
START_TEST(absent_keys_and_rollbacks_are_asked_again)
{
	int64_t a, b, c;
	ce_db *db = students_db(&a, &b, &c);
	ck_assert_int_eq(ce_db_commit(db), CE_OK);
	ck_assert_int_eq(ce_db_begin(db), CE_OK);
	watched_finds = 0;
	ck_assert_int_eq(export(db, "2019009"), CE_ENOTFOUND);
	ck_assert_int_eq(export(db, "2019009"), CE_ENOTFOUND);
	ck_assert_int_eq(watched_finds, 2);
	student(db, "2019009", "赵磊");
	watched_finds = 0;
	ck_assert_int_eq(export(db, "2019009"), CE_OK);
	ck_assert_int_eq(export(db, "2019009"), CE_OK);
	ck_assert_int_eq(watched_finds, 1);
	/* the student is gone with the transaction, and so is its find */
	ck_assert_int_eq(ce_db_rollback(db), CE_OK);
	ck_assert_int_eq(ce_db_begin(db), CE_OK);
	watched_finds = 0;
	ck_assert_int_eq(export(db, "2019009"), CE_ENOTFOUND);
	ck_assert_int_eq(watched_finds, 1);
	watched = NULL;
	ck_assert_int_eq(ce_db_rollback(db), CE_OK);
	ce_db_close(db);
}
END_TEST

/* On a server a load reads again rows it wrote long before (students
 * moved after everything else): 20,000 of them, more than the 16,384 rows
 * a fixed table held, are each moved without a fetch and read back as
 * written; the next transaction starts small again and asks the store. */
START_TEST(rows_grow_to_hold_what_a_load_reads_again)
{
	enum { STUDENTS = 20000 };
	static int64_t ids[STUDENTS];
	char number[32], name[32];
	ce_db *db;
	ck_assert_int_eq(ce_db_open(&db, "countingmemory:", NULL), CE_OK);
	ck_assert_int_eq(ce_db_begin(db), CE_OK);
	for (int i = 0; i < STUDENTS; i++) {
		snprintf(number, sizeof number, "2019%06d", i);
		snprintf(name, sizeof name, "学生%05d号", i);
		ids[i] = student(db, number, name);
	}
	watched = "student";
	watched_fetches = 0;
	for (int i = 0; i < STUDENTS; i++)
		ck_assert_int_eq(ce_student_set_status(db, ids[i], CE_STUDENT_STATUS_GRADUATED,
		                                       CE_DATE(2022, 6, 30)),
		                 CE_OK);
	ce_student *st;
	for (int i = 0; i < STUDENTS; i += 4999) {
		ck_assert_int_eq(ce_student_lookup(&st, db, ids[i]), CE_OK);
		const ce_student_spec *f = ce_student_fields(st);
		snprintf(name, sizeof name, "学生%05d号", i);
		ck_assert_str_eq(f->name, name);
		ck_assert_ptr_null(f->major);
		ck_assert_int_eq(f->cohort, 2019);
		ck_assert_int_eq(f->status, CE_STUDENT_STATUS_GRADUATED);
		ck_assert_int_eq(f->status_date, CE_DATE(2022, 6, 30));
		ce_student_free(st);
	}
	ck_assert_int_eq(watched_fetches, 0);
	ck_assert_int_eq(ce_db_commit(db), CE_OK);
	ck_assert_int_eq(ce_db_begin(db), CE_OK);
	snprintf(name, sizeof name, "学生%05d号", STUDENTS - 1);
	for (int i = 0; i < 2; i++) {
		ck_assert_int_eq(ce_student_lookup(&st, db, ids[STUDENTS - 1]), CE_OK);
		ck_assert_str_eq(ce_student_fields(st)->name, name);
		ce_student_free(st);
	}
	ck_assert_int_eq(watched_fetches, 1);
	watched = NULL;
	ck_assert_int_eq(ce_db_commit(db), CE_OK);
	ce_db_close(db);
}
END_TEST

int main(void)
{
	static ce_backend remote_memory;
	remote_memory = ce__memory_backend;
	remote_memory.scheme = "remotememory";
	remote_memory.reads_are_remote = remote;
	static ce_backend counting_memory;
	counting_memory = remote_memory;
	counting_memory.scheme = "countingmemory";
	counting_memory.fetch = counting_fetch;
	counting_memory.find_first = counting_find;
	counting_memory.scan_open = counting_scan_open;
	if (ce_backend_register(&remote_memory) != CE_OK ||
	    ce_backend_register(&counting_memory) != CE_OK)
		return EXIT_FAILURE;
	Suite *s = suite_create("known_records");
	TCase *tc = tcase_create("known");
	tcase_set_timeout(tc, 60);
	tcase_add_loop_test(tc, references_right_past_growth_and_deletes, 0, 2);
	tcase_add_test(tc, rows_nothing_refers_to_do_not_evict_the_others);
	tcase_add_test(tc, rows_grow_to_hold_what_a_load_reads_again);
	tcase_add_test(tc, cycle_checks_among_new_subtopics_scan_nothing);
	tcase_add_test(tc, a_key_is_found_once_per_transaction);
	tcase_add_test(tc, updates_and_deletes_ask_again);
	tcase_add_test(tc, a_moved_key_is_found_where_it_went);
	tcase_add_test(tc, absent_keys_and_rollbacks_are_asked_again);
	suite_add_tcase(s, tc);
	SRunner *sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
