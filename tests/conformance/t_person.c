/* People's rights over their data (person.h) on every backend, on the
 * worked case: a person's export holds their records and only theirs; an
 * anonymised person is gone from every record and audit entry while every
 * report gives the same table; both honour the handle's role. */
#include <stdio.h>
#include <stdlib.h>

#include "../support/fault_backend.h"
#include "conformance.h"
#include "worked_case.h"

/* A write function collecting into a growing string. */
typedef struct sink {
	char *p;
	size_t len;
} sink;

static int collect(void *ctx, const char *data, size_t len)
{
	sink *s = ctx;
	char *p = realloc(s->p, s->len + len + 1);
	if (!p)
		return -1;
	memcpy(p + s->len, data, len);
	s->len += len;
	p[s->len] = '\0';
	s->p = p;
	return 0;
}

/* The people anonymised below, as each report may name them: before and
 * after, the same token. */
static const char *const people[][2] = {
	{ "赵磊", "匿名学生" }, { "2014210301", "ANON-S" }, { "王立新", "匿名导师" }, { "T2001", "ANON-T" },
};

static int cmp_text(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Every report's table with the default filter: its rows rendered with the
 * anonymised people's names as one token, sorted (an order by name may
 * move), then joined. Totals, counts and every other cell must agree. */
static char *all_reports(void)
{
	sink out = { 0 };
	for (int i = 0; i < ce_report_count(); i++) {
		const char *name = ce_report_name(i);
		ce_table *t = NULL;
		if (strcmp(name, "subtopic_graph") == 0)
			continue; /* needs a project */
		ck_ok(ce_report_run(&t, db, name, NULL));
		size_t n = ce_table_row_count(t);
		char **rows = calloc(n + 1, sizeof *rows);
		ck_assert_ptr_nonnull(rows);
		for (size_t r = 0; r < n; r++) {
			sink row = { 0 };
			for (int c = 0; c < ce_table_column_count(t); c++) {
				char cell[160];
				int64_t v = 0;
				double d = 0;
				if (ce_table_is_null(t, r, c)) {
					snprintf(cell, sizeof cell, "|~");
				} else if (ce_table_column_type(t, c) == CE_TYPE_TEXT) {
					const char *txt = ce_table_get_text(t, r, c);
					snprintf(cell, sizeof cell, "|%s", txt ? txt : "");
					for (size_t p = 0; p < sizeof people / sizeof *people; p++)
						if (strstr(cell, people[p][0]) || strstr(cell, people[p][1]))
							snprintf(cell, sizeof cell, "|<person %zu>", p);
				} else if (ce_table_column_type(t, c) == CE_TYPE_REAL) {
					ck_ok(ce_table_get_real(&d, t, r, c));
					snprintf(cell, sizeof cell, "|%.17g", d);
				} else {
					ck_ok(ce_table_get_int(&v, t, r, c));
					snprintf(cell, sizeof cell, "|%lld", (long long)v);
				}
				collect(&row, cell, strlen(cell));
			}
			rows[r] = row.p ? row.p : strdup("");
		}
		qsort(rows, n, sizeof *rows, cmp_text);
		collect(&out, name, strlen(name));
		for (size_t r = 0; r < n; r++) {
			collect(&out, rows[r], strlen(rows[r]));
			collect(&out, "\n", 1);
			free(rows[r]);
		}
		free(rows);
		ce_table_free(t);
	}
	return out.p;
}

START_TEST(person_export_holds_their_records_and_only_theirs)
{
	case_ids ids;
	sink doc = { 0 };
	build_worked_case(&ids);
	ck_ok(ce_person_export(db, CE_ENTITY_STUDENT, "2014210301", collect, &doc));
	ck_assert_ptr_nonnull(doc.p);
	ck_assert_ptr_nonnull(strstr(doc.p, "\"format\": \"coopedu-person\""));
	ck_assert_ptr_nonnull(strstr(doc.p, "赵磊"));
	ck_assert_ptr_nonnull(strstr(doc.p, "\"supervision\": ["));
	ck_assert_ptr_nonnull(strstr(doc.p, "\"placement\": ["));
	ck_assert_ptr_nonnull(strstr(doc.p, "\"status_history\""));
	/* another student's own record is not in it */
	ck_assert_ptr_null(strstr(doc.p, "\"number\": \"2016210303\""));
	free(doc.p);
	/* the team meetings a student attended, with what they were about */
	doc = (sink){ 0 };
	ck_ok(ce_person_export(db, CE_ENTITY_STUDENT, "2017410101", collect, &doc));
	ck_assert_ptr_nonnull(strstr(doc.p, "\"team_meeting_attendee\": ["));
	ck_assert_ptr_nonnull(strstr(doc.p, "年度研究进展汇报"));
	free(doc.p);
	/* a supervisor too, by staff number */
	doc = (sink){ 0 };
	ck_ok(ce_person_export(db, CE_ENTITY_SUPERVISOR, "E3001", collect, &doc));
	ck_assert_ptr_nonnull(strstr(doc.p, "张建国"));
	free(doc.p);
	/* refusals */
	doc = (sink){ 0 };
	ck_rc(ce_person_export(db, CE_ENTITY_STUDENT, "没有这个人", collect, &doc), CE_ENOTFOUND);
	ck_rc(ce_person_export(db, CE_ENTITY_PARTNER, "x", collect, &doc), CE_EINVALID);
	ck_rc(ce_person_export(db, CE_ENTITY_STUDENT, NULL, collect, &doc), CE_EINVALID);
	ck_rc(ce_person_export(db, CE_ENTITY_STUDENT, "2014210301", NULL, NULL), CE_EINVALID);
	free(doc.p);
}
END_TEST

START_TEST(anonymising_keeps_every_report)
{
	case_ids ids;
	build_worked_case(&ids);
	char *before = all_reports();
	ce_student *s = NULL;
	ck_ok(ce_student_lookup_by_number(&s, db, "2014210301"));
	int64_t id = ce_student_id(s);
	ce_student_free(s);
	ck_ok(ce_person_anonymise(db, CE_ENTITY_STUDENT, "2014210301"));
	ck_ok(ce_person_anonymise(db, CE_ENTITY_SUPERVISOR, "T2001"));
	char *after = all_reports();
	size_t at = 0;
	while (before[at] && before[at] == after[at])
		at++;
	ck_assert_msg(before[at] == after[at], "reports differ at byte %zu: before '%.80s', after '%.80s'",
	              at, before + at, after + at);
	free(before);
	free(after);
	/* gone by name and number, kept as a record */
	ck_rc(ce_student_lookup_by_number(&s, db, "2014210301"), CE_ENOTFOUND);
	ck_ok(ce_student_lookup(&s, db, id));
	ck_assert_str_ne(ce_student_fields(s)->name, "赵磊");
	ce_student_free(s);
	/* and from every audit entry */
	ce_audit_iter *it;
	ce_audit_entry *e;
	int anonymise = 0;
	ck_ok(ce_audit_iter_new(&it, db, NULL));
	while (ce_audit_iter_next(&e, it) == CE_OK) {
		ck_assert_ptr_null(strstr(ce_audit_entry_changes(e), "赵磊"));
		ck_assert_ptr_null(strstr(ce_audit_entry_changes(e), "2014210301"));
		ck_assert_ptr_null(strstr(ce_audit_entry_changes(e), "王立新"));
		anonymise += ce_audit_entry_op(e) == CE_AUDIT_ANONYMISE;
		ce_audit_entry_free(e);
	}
	ce_audit_iter_free(it);
	ck_assert_int_eq(anonymise, 2);
	/* a second time finds no such person */
	ck_rc(ce_person_anonymise(db, CE_ENTITY_STUDENT, "2014210301"), CE_ENOTFOUND);
}
END_TEST

START_TEST(rights_honour_the_role)
{
	case_ids ids;
	build_worked_case(&ids);
	ce_db *as = NULL;
	ce_open_options o = CE_OPEN_OPTIONS_INIT;
	sink doc = { 0 };
	if (is_memory())
		return; /* a memory store is private to its handle */
	o.role = CE_ROLE_MENTOR;
	o.actor = "E3001";
	ck_ok(ce_db_open(&as, store_uri(), &o));
	/* their own mentee, yes; another company's student is not there */
	ck_assert_int_eq(ce_person_export(as, CE_ENTITY_STUDENT, "2014210301", collect, &doc), CE_OK);
	free(doc.p);
	doc = (sink){ 0 };
	ck_assert_int_eq(ce_person_export(as, CE_ENTITY_STUDENT, "2018220305", collect, &doc),
	                 CE_ENOTFOUND);
	free(doc.p);
	ck_assert_int_eq(ce_person_anonymise(as, CE_ENTITY_STUDENT, "2014210301"), CE_EDENIED);
	ce_db_close(as);
	/* inside a transaction it refuses: it runs in its own */
	ck_ok(ce_db_begin(db));
	ck_rc(ce_person_anonymise(db, CE_ENTITY_STUDENT, "2014210301"), CE_EMISUSE);
	ck_ok(ce_db_rollback(db));
}
END_TEST

/* A storage failure anywhere in an export fails it: never a document
 * quietly missing what could not be read. */
START_TEST(a_failed_read_fails_the_export)
{
	case_ids ids;
	int fired = 0;
	reopen_faulty();
	build_worked_case(&ids);
	for (int n = 1; n <= 400; n++) {
		sink doc = { 0 };
		ce_test_fault_reset();
		ce_test_fault_arm("fetch", n, CE_EBACKEND);
		int rc = ce_person_export(db, CE_ENTITY_STUDENT, "2014210301", collect, &doc);
		free(doc.p);
		if (ce_test_fault_pending())
			break; /* the export made fewer than n fetches: every one was tried */
		fired++;
		ck_assert_msg(rc == CE_EBACKEND, "fetch %d failed, yet the export gave %d", n, rc);
	}
	ce_test_fault_reset();
	ck_assert_int_gt(fired, 5);
}
END_TEST

Suite *suite_person(void)
{
	Suite *s = suite_create("person");
	TCase *tc = store_tcase("rights");
	tcase_add_test(tc, person_export_holds_their_records_and_only_theirs);
	tcase_add_test(tc, anonymising_keeps_every_report);
	tcase_add_test(tc, rights_honour_the_role);
	tcase_add_test(tc, a_failed_read_fails_the_export);
	suite_add_tcase(s, tc);
	return s;
}
