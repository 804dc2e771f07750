/* Imports that update (CE_IO_UPDATE, issue 13) and Chinese CSV headers,
 * on every backend: records matched by natural key or exported id take
 * what changed, new ones are inserted, lifecycles move only along allowed
 * transitions, and a refused import leaves the store as it was. */
#include <stdio.h>

#include "conformance.h"

#include "coopedu/io.h"

static ce_io_counts counts;

static ce_io_options update_opts(void)
{
	ce_io_options o = CE_IO_OPTIONS_INIT;
	o.flags = CE_IO_UPDATE;
	o.counts = &counts;
	counts = (ce_io_counts){ 99, 99, 99 };
	return o;
}

static int import_csv(ce_entity e, const char *text, const ce_io_options *o)
{
	return ce_import_csv(db, e, text, strlen(text), o);
}

static int import_json(const char *text, const ce_io_options *o)
{
	return ce_import_json(db, text, strlen(text), o);
}

#define ck_counts(c, u, n)                                                                   \
	ck_assert_msg(counts.created == (c) && counts.updated == (u) && counts.unchanged == (n),  \
	              "counts %llu/%llu/%llu, expected %d/%d/%d", (unsigned long long)counts.created, \
	              (unsigned long long)counts.updated, (unsigned long long)counts.unchanged, (c), \
	              (u), (n))

static int64_t student_by_number(const char *number)
{
	ce_student *s;
	int64_t id;
	ck_ok(ce_student_lookup_by_number(&s, db, number));
	id = ce_record_id((const ce_record *)s);
	ce_student_free(s);
	return id;
}

static const char *major_of(const char *number, char *buf, size_t size)
{
	ce_student *s;
	ck_ok(ce_student_lookup_by_number(&s, db, number));
	snprintf(buf, size, "%s", ce_student_fields(s)->major ? ce_student_fields(s)->major : "(null)");
	ce_student_free(s);
	return buf;
}

/* A corrected roster in Chinese headers: one student changed, one new,
 * one as it was; importing it again changes nothing. */
START_TEST(update_by_natural_key)
{
	char buf[64];
	const char *roster = "学号,姓名,培养层次,年级,专业,状态日期\r\n"
	                     "2018010001,张伟,professional_master,2018,材料科学与工程,2018-09-01\r\n"
	                     "2018010002,李娜,professional_master,2018,材料工程,2018-09-01\r\n"
	                     "2019010003,王芳,academic_master,2019,,2019-09-01\r\n";
	make_student("2018010001", "张伟");
	int64_t li = make_student("2018010002", "李娜");
	ce_io_options o = update_opts();
	ck_ok(import_csv(CE_ENTITY_STUDENT, roster, &o));
	ck_counts(1, 1, 1);
	ck_assert_str_eq(major_of("2018010001", buf, sizeof buf), "材料科学与工程");
	ck_assert_int_eq(student_by_number("2018010002"), li);
	ck_assert_int_eq(get_int(CE_ENTITY_STUDENT, student_by_number("2019010003"), "cohort"), 2019);
	ck_assert_int_eq(count_of(CE_ENTITY_STUDENT), 3);
	o = update_opts();
	ck_ok(import_csv(CE_ENTITY_STUDENT, roster, &o));
	ck_counts(0, 0, 3);
	/* without the flag the same file is refused, as before */
	ck_refused(import_csv(CE_ENTITY_STUDENT, roster, NULL), CE_EEXISTS);
	ck_said("already in the store");
}
END_TEST

/* Columns the input leaves out keep their values; an empty cell clears. */
START_TEST(update_keeps_what_the_input_does_not_name)
{
	char buf[64];
	make_student("2018010001", "张伟");
	ce_io_options o = update_opts();
	ck_ok(import_csv(CE_ENTITY_STUDENT, "number,name\r\n2018010001,张 伟\r\n", &o));
	ck_counts(0, 1, 0);
	ck_assert_str_eq(major_of("2018010001", buf, sizeof buf), "材料工程");
	o = update_opts();
	ck_ok(import_csv(CE_ENTITY_STUDENT, "number,major\r\n2018010001,\r\n", &o));
	ck_counts(0, 1, 0);
	ck_assert_str_eq(major_of("2018010001", buf, sizeof buf), "(null)");
}
END_TEST

/* The status moves along the lifecycle, with its history; references in
 * the same document resolve to the updated records. */
START_TEST(update_moves_lifecycles_along_allowed_transitions)
{
	int64_t st = make_student("2018010001", "张伟");
	make_enterprise("山东某航空材料有限公司");
	ce_io_options o = update_opts();
	ck_ok(import_json("{\"format\": \"coopedu\", \"version\": 1, "
	                  "\"student\": [{\"id\": 1, \"number\": \"2018010001\", \"status\": \"graduated\", "
	                  "\"status_date\": \"2021-06-30\"}], "
	                  "\"placement\": [{\"student\": 1, \"host\": \"山东某航空材料有限公司\", "
	                  "\"start_date\": \"2020-07-01\"}]}",
	                  &o));
	ck_counts(1, 1, 0);
	ck_assert_int_eq(get_int(CE_ENTITY_STUDENT, st, "status"), CE_STUDENT_STATUS_GRADUATED);
	ck_history(CE_ENTITY_STUDENT, st, "status", "0>1@20180901,1>2@20210630");
	ck_assert_int_eq(count_where(CE_ENTITY_PLACEMENT, NULL), 1);
	/* a history replays the moves after the stored state */
	int64_t wang = make_student("2018010002", "王芳");
	o = update_opts();
	ck_ok(import_csv(CE_ENTITY_STUDENT,
	                 "number,status_history\r\n"
	                 "2018010002,2018-09-01 enrolled|2020-01-10 withdrawn\r\n",
	                 &o));
	ck_counts(0, 1, 0);
	ck_history(CE_ENTITY_STUDENT, wang, "status", "0>1@20180901,1>3@20200110");
}
END_TEST

/* A move the lifecycle forbids refuses the whole import: the other
 * records' changes are rolled back with it. */
START_TEST(a_refused_transition_leaves_the_store_unchanged)
{
	int64_t st = make_student("2018010001", "张伟");
	make_student("2018010002", "李娜");
	ck_ok(ce_student_set_status(db, st, CE_STUDENT_STATUS_GRADUATED, CE_DATE(2021, 6, 30)));
	ce_io_options o = update_opts();
	ck_refused(import_csv(CE_ENTITY_STUDENT,
	                      "number,major,status,status_date\r\n"
	                      "2018010002,机械工程,,\r\n"
	                      "2018010001,材料工程,enrolled,2021-09-01\r\n",
	                      &o),
	           CE_ETRANSITION);
	ck_said("<input>:3: status", "graduated -> enrolled is not allowed");
	ck_counts(0, 0, 0);
	/* a move without its date is refused too */
	ck_refused(import_csv(CE_ENTITY_STUDENT, "number,status\r\n2018010002,graduated\r\n", &o),
	           CE_EINVALID);
	ck_said("status_date");
}
END_TEST

/* Records without a natural key are matched by their exported id; an id
 * that now names another student's placement is refused. */
START_TEST(update_by_exported_id)
{
	int64_t zhang = make_student("2018010001", "张伟");
	int64_t li = make_student("2018010002", "李娜");
	int64_t host = make_enterprise("山东某航空材料有限公司");
	int64_t p1 = make_placement(zhang, host, CE_DATE(2020, 7, 1));
	int64_t p2 = make_placement(li, host, CE_DATE(2020, 7, 1));
	ce_io_options o = update_opts();
	ck_ok(import_csv(CE_ENTITY_PLACEMENT,
	                 "id,student,host,start_date,end_date,position\r\n"
	                 "2,2018010002,山东某航空材料有限公司,2020-07-01,2020-08-31,工艺实习生\r\n"
	                 "3,2018010001,山东某航空材料有限公司,2021-07-01,,质检实习生\r\n",
	                 &o));
	ck_counts(1, 1, 0);
	ck_assert_int_eq(get_int(CE_ENTITY_PLACEMENT, p2, "end_date"), CE_DATE(2020, 8, 31));
	ck_assert(is_null(CE_ENTITY_PLACEMENT, p1, "end_date"));
	ck_assert_int_eq(count_of(CE_ENTITY_PLACEMENT), 3);
	o = update_opts();
	ck_refused(import_csv(CE_ENTITY_PLACEMENT,
	                      "id,student,end_date\r\n1,2018010002,2020-09-30\r\n", &o),
	           CE_ECONSTRAINT);
	ck_said("<input>:2: id: 1 is placement", "belongs to another student");
}
END_TEST

/* Twice in one input is refused in update mode as in a plain import. */
START_TEST(update_refuses_a_record_named_twice)
{
	make_student("2018010001", "张伟");
	ce_io_options o = update_opts();
	ck_refused(import_csv(CE_ENTITY_STUDENT,
	                      "number,name\r\n2018010001,张伟\r\n2018010001,张伟伟\r\n", &o),
	           CE_EEXISTS);
	ck_said("'2018010001' appears twice in this input (first at line 2)");
}
END_TEST

/* A version 1 options struct (without counts) is still accepted. */
START_TEST(version_1_options_still_work)
{
	struct {
		unsigned int version, flags;
		ce_progress_fn progress;
		void *progress_ctx;
		const char *source_name;
		size_t max_bytes;
	} v1 = { 1, CE_IO_UPDATE, NULL, NULL, "名册.csv", 0 };
	make_student("2018010001", "张伟");
	ck_ok(import_csv(CE_ENTITY_STUDENT, "number,cohort\r\n2018010001,2017\r\n",
	                 (const ce_io_options *)(void *)&v1));
	ck_assert_int_eq(get_int(CE_ENTITY_STUDENT, student_by_number("2018010001"), "cohort"), 2017);
}
END_TEST

Suite *suite_import(void)
{
	Suite *s = suite_create("import");
	TCase *tc = store_tcase("import");
	tcase_add_test(tc, update_by_natural_key);
	tcase_add_test(tc, update_keeps_what_the_input_does_not_name);
	tcase_add_test(tc, update_moves_lifecycles_along_allowed_transitions);
	tcase_add_test(tc, a_refused_transition_leaves_the_store_unchanged);
	tcase_add_test(tc, update_by_exported_id);
	tcase_add_test(tc, update_refuses_a_record_named_twice);
	tcase_add_test(tc, version_1_options_still_work);
	suite_add_tcase(s, tc);
	return s;
}
