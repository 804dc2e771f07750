/* The result-table API on its own: building, typed cells, NULLs, bounds,
 * UTF-8, and NULL arguments that must fail cleanly instead of crashing. */
#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "coopedu.h"
#include "coopedu/analytics.h"
#include "coopedu/sys/table.h"

static const char *const names[] = { "id", "名称", "score", "on", "ok" };
static const ce_column_type types[] = { CE_TYPE_INT, CE_TYPE_TEXT, CE_TYPE_REAL, CE_TYPE_DATE,
	                                    CE_TYPE_BOOL };

static ce_table *make(void)
{
	ce_table *t = NULL;
	ck_assert_int_eq(ce_table_new(&t, "样例", 5, names, types), CE_OK);
	ck_assert_ptr_nonnull(t);
	return t;
}

START_TEST(new_table_is_empty_and_described)
{
	ce_table *t = make();
	int col = -1;
	ck_assert_str_eq(ce_table_name(t), "样例");
	ck_assert_uint_eq(ce_table_row_count(t), 0);
	ck_assert_int_eq(ce_table_column_count(t), 5);
	for (int c = 0; c < 5; c++) {
		ck_assert_str_eq(ce_table_column_name(t, c), names[c]);
		ck_assert_int_eq(ce_table_column_type(t, c), types[c]);
	}
	ck_assert_ptr_null(ce_table_column_name(t, 5));
	ck_assert_ptr_null(ce_table_column_name(t, -1));
	ck_assert_int_eq(ce_table_column_type(t, 5), 0);
	ck_assert_int_eq(ce_table_column_index(&col, t, "名称"), CE_OK);
	ck_assert_int_eq(col, 1);
	ck_assert_int_eq(ce_table_column_index(&col, t, "nope"), CE_ENOTFOUND);
	ck_assert_int_eq(ce_table_column_index(&col, t, NULL), CE_EINVALID);
	ck_assert_int_eq(ce_table_column_index(NULL, t, "id"), CE_EINVALID);
	ck_assert_int_eq(ce_table_is_null(t, 0, 0), -1);
	ce_table_free(t);
}
END_TEST

START_TEST(new_table_refuses_bad_definitions)
{
	ce_table *t = (ce_table *)&t;
	const char *dup[] = { "a", "a" };
	const char *empty[] = { "a", "" };
	const char *bad_utf8[] = { "a", "\xff" };
	const char *null_name[] = { "a", NULL };
	ce_column_type two[] = { CE_TYPE_INT, CE_TYPE_INT };
	ce_column_type enum_type[] = { CE_TYPE_INT, CE_TYPE_ENUM };
	ck_assert_int_eq(ce_table_new(&t, "x", 2, dup, two), CE_EINVALID);
	ck_assert_ptr_null(t);
	ck_assert_msg(strstr(ce_last_errmsg(), "repeated") != NULL, "%s", ce_last_errmsg());
	ck_assert_int_eq(ce_table_new(&t, "x", 2, empty, two), CE_EINVALID);
	ck_assert_int_eq(ce_table_new(&t, "x", 2, bad_utf8, two), CE_EINVALID);
	ck_assert_int_eq(ce_table_new(&t, "x", 2, null_name, two), CE_EINVALID);
	ck_assert_int_eq(ce_table_new(&t, "x", 2, names, enum_type), CE_EINVALID);
	ck_assert_int_eq(ce_table_new(&t, "x", 0, names, types), CE_EINVALID);
	ck_assert_int_eq(ce_table_new(&t, "x", 1025, names, types), CE_EINVALID);
	ck_assert_int_eq(ce_table_new(&t, NULL, 1, names, types), CE_EINVALID);
	ck_assert_int_eq(ce_table_new(&t, "x", 1, NULL, types), CE_EINVALID);
	ck_assert_int_eq(ce_table_new(&t, "x", 1, names, NULL), CE_EINVALID);
	ck_assert_int_eq(ce_table_new(NULL, "x", 1, names, types), CE_EINVALID);
	ck_assert_ptr_null(t);
}
END_TEST

START_TEST(cells_are_typed_and_start_null)
{
	ce_table *t = make();
	size_t r = 99;
	int64_t i = -1;
	double x = -1;
	ck_assert_int_eq(ce_table_append_row(&r, t), CE_OK);
	ck_assert_uint_eq(r, 0);
	ck_assert_uint_eq(ce_table_row_count(t), 1);
	for (int c = 0; c < 5; c++)
		ck_assert_int_eq(ce_table_is_null(t, 0, c), 1);
	/* NULL reads as 0 / 0.0 / NULL */
	ck_assert_int_eq(ce_table_get_int(&i, t, 0, 0), CE_OK);
	ck_assert_int_eq(i, 0);
	ck_assert_int_eq(ce_table_get_real(&x, t, 0, 2), CE_OK);
	ck_assert(x == 0.0);
	ck_assert_ptr_null(ce_table_get_text(t, 0, 1));

	ck_assert_int_eq(ce_table_set_int(t, 0, 0, INT64_C(9007199254740993)), CE_OK);
	ck_assert_int_eq(ce_table_set_text(t, 0, 1, "高强铝合金"), CE_OK);
	ck_assert_int_eq(ce_table_set_real(t, 0, 2, 87.5), CE_OK);
	ck_assert_int_eq(ce_table_set_int(t, 0, 3, CE_DATE(2019, 2, 28)), CE_OK);
	ck_assert_int_eq(ce_table_set_int(t, 0, 4, 1), CE_OK);
	for (int c = 0; c < 5; c++)
		ck_assert_int_eq(ce_table_is_null(t, 0, c), 0);
	ck_assert_int_eq(ce_table_get_int(&i, t, 0, 0), CE_OK);
	ck_assert(i == INT64_C(9007199254740993));
	ck_assert_str_eq(ce_table_get_text(t, 0, 1), "高强铝合金");
	ck_assert_int_eq(ce_table_get_real(&x, t, 0, 2), CE_OK);
	ck_assert(x == 87.5);
	ck_assert_int_eq(ce_table_get_int(&i, t, 0, 3), CE_OK);
	ck_assert_int_eq(i, 20190228);
	ck_assert_int_eq(ce_table_get_int(&i, t, 0, 4), CE_OK);
	ck_assert_int_eq(i, 1);
	/* INT converts to REAL; nothing else does */
	ck_assert_int_eq(ce_table_get_real(&x, t, 0, 0), CE_OK);
	ck_assert(x == 9007199254740992.0 || x == 9007199254740993.0);
	ck_assert_int_eq(ce_table_get_real(&x, t, 0, 1), CE_EINVALID);
	ck_assert_int_eq(ce_table_get_real(&x, t, 0, 3), CE_EINVALID);
	ck_assert_int_eq(ce_table_get_int(&i, t, 0, 1), CE_EINVALID);
	ck_assert_int_eq(ce_table_get_int(&i, t, 0, 2), CE_EINVALID);
	ck_assert_ptr_null(ce_table_get_text(t, 0, 0));
	/* and setters check the type */
	ck_assert_int_eq(ce_table_set_int(t, 0, 1, 5), CE_EINVALID);
	ck_assert_int_eq(ce_table_set_int(t, 0, 2, 5), CE_EINVALID);
	ck_assert_int_eq(ce_table_set_real(t, 0, 0, 1.0), CE_EINVALID);
	ck_assert_int_eq(ce_table_set_text(t, 0, 0, "x"), CE_EINVALID);
	ck_assert_str_eq(ce_table_get_text(t, 0, 1), "高强铝合金");
	ce_table_free(t);
}
END_TEST

START_TEST(values_are_checked)
{
	ce_table *t = make();
	ck_assert_int_eq(ce_table_append_row(NULL, t), CE_OK);
	ck_assert_int_eq(ce_table_set_real(t, 0, 2, NAN), CE_EINVALID);
	ck_assert_int_eq(ce_table_set_real(t, 0, 2, INFINITY), CE_EINVALID);
	ck_assert_int_eq(ce_table_is_null(t, 0, 2), 1);
	ck_assert_int_eq(ce_table_set_int(t, 0, 3, 20190230), CE_EINVALID);
	ck_assert_int_eq(ce_table_set_int(t, 0, 3, 0), CE_EINVALID);
	ck_assert_int_eq(ce_table_set_int(t, 0, 3, INT64_C(1) << 40), CE_EINVALID);
	ck_assert_int_eq(ce_table_set_int(t, 0, 4, 2), CE_EINVALID);
	ck_assert_int_eq(ce_table_set_int(t, 0, 4, -1), CE_EINVALID);
	ck_assert_int_eq(ce_table_is_null(t, 0, 4), 1);
	/* text: UTF-8 only, copied, NULL clears */
	char buf[32];
	strcpy(buf, "校企合作");
	ck_assert_int_eq(ce_table_set_text(t, 0, 1, buf), CE_OK);
	memset(buf, 'x', sizeof buf - 1);
	ck_assert_str_eq(ce_table_get_text(t, 0, 1), "校企合作");
	ck_assert_int_eq(ce_table_set_text(t, 0, 1, "\xe6\xa0"), CE_EINVALID);        /* truncated */
	ck_assert_int_eq(ce_table_set_text(t, 0, 1, "\xc0\xaf"), CE_EINVALID);        /* overlong */
	ck_assert_int_eq(ce_table_set_text(t, 0, 1, "\xed\xa0\x80"), CE_EINVALID);    /* surrogate */
	ck_assert_str_eq(ce_table_get_text(t, 0, 1), "校企合作"); /* a refused set changes nothing */
	ck_assert_int_eq(ce_table_set_text(t, 0, 1, ""), CE_OK);
	ck_assert_str_eq(ce_table_get_text(t, 0, 1), "");
	ck_assert_int_eq(ce_table_is_null(t, 0, 1), 0);
	ck_assert_int_eq(ce_table_set_text(t, 0, 1, NULL), CE_OK);
	ck_assert_int_eq(ce_table_is_null(t, 0, 1), 1);
	ck_assert_int_eq(ce_table_set_text(t, 0, 1, "𝄞 emoji 😀"), CE_OK);
	ck_assert_int_eq(ce_table_set_null(t, 0, 1), CE_OK);
	ck_assert_ptr_null(ce_table_get_text(t, 0, 1));
	ck_assert_int_eq(ce_table_set_int(t, 0, 0, 7), CE_OK);
	ck_assert_int_eq(ce_table_set_null(t, 0, 0), CE_OK);
	ck_assert_int_eq(ce_table_is_null(t, 0, 0), 1);
	ce_table_free(t);
}
END_TEST

START_TEST(bounds_are_checked)
{
	ce_table *t = make();
	int64_t i;
	double x;
	ck_assert_int_eq(ce_table_set_int(t, 0, 0, 1), CE_EINVALID); /* no rows yet */
	ck_assert_int_eq(ce_table_append_row(NULL, t), CE_OK);
	ck_assert_int_eq(ce_table_set_int(t, 1, 0, 1), CE_EINVALID);
	ck_assert_msg(strstr(ce_last_errmsg(), "样例") != NULL, "%s", ce_last_errmsg());
	ck_assert_int_eq(ce_table_set_int(t, 0, 5, 1), CE_EINVALID);
	ck_assert_int_eq(ce_table_set_int(t, 0, -1, 1), CE_EINVALID);
	ck_assert_int_eq(ce_table_set_real(t, (size_t)-1, 2, 1.0), CE_EINVALID);
	ck_assert_int_eq(ce_table_set_text(t, 0, 9, "x"), CE_EINVALID);
	ck_assert_int_eq(ce_table_set_null(t, 0, 5), CE_EINVALID);
	ck_assert_int_eq(ce_table_get_int(&i, t, 1, 0), CE_EINVALID);
	ck_assert_int_eq(ce_table_get_int(&i, t, 0, -3), CE_EINVALID);
	ck_assert_int_eq(ce_table_get_real(&x, t, 0, 5), CE_EINVALID);
	ck_assert_int_eq(ce_table_get_int(NULL, t, 0, 0), CE_EINVALID);
	ck_assert_int_eq(ce_table_get_real(NULL, t, 0, 2), CE_EINVALID);
	ck_assert_ptr_null(ce_table_get_text(t, 1, 1));
	ck_assert_int_eq(ce_table_is_null(t, 1, 0), -1);
	ck_assert_int_eq(ce_table_is_null(t, 0, 5), -1);
	ce_table_free(t);
}
END_TEST

START_TEST(null_table_is_harmless)
{
	int64_t i;
	double x;
	int col;
	ce_table_free(NULL);
	ck_assert_ptr_null(ce_table_name(NULL));
	ck_assert_uint_eq(ce_table_row_count(NULL), 0);
	ck_assert_int_eq(ce_table_column_count(NULL), 0);
	ck_assert_ptr_null(ce_table_column_name(NULL, 0));
	ck_assert_int_eq(ce_table_column_type(NULL, 0), 0);
	ck_assert_int_eq(ce_table_column_index(&col, NULL, "x"), CE_EINVALID);
	ck_assert_int_eq(ce_table_is_null(NULL, 0, 0), -1);
	ck_assert_int_eq(ce_table_get_int(&i, NULL, 0, 0), CE_EINVALID);
	ck_assert_int_eq(ce_table_get_real(&x, NULL, 0, 0), CE_EINVALID);
	ck_assert_ptr_null(ce_table_get_text(NULL, 0, 0));
	ck_assert_int_eq(ce_table_append_row(NULL, NULL), CE_EINVALID);
	ck_assert_int_eq(ce_table_set_int(NULL, 0, 0, 1), CE_EINVALID);
	ck_assert_int_eq(ce_table_set_real(NULL, 0, 0, 1.0), CE_EINVALID);
	ck_assert_int_eq(ce_table_set_text(NULL, 0, 0, "x"), CE_EINVALID);
	ck_assert_int_eq(ce_table_set_null(NULL, 0, 0), CE_EINVALID);
}
END_TEST

START_TEST(many_rows_grow_and_keep_their_values)
{
	ce_table *t = make();
	char text[32];
	for (int r = 0; r < 5000; r++) {
		size_t row;
		ck_assert_int_eq(ce_table_append_row(&row, t), CE_OK);
		ck_assert_uint_eq(row, (size_t)r);
		snprintf(text, sizeof text, "第%d行", r);
		ck_assert_int_eq(ce_table_set_int(t, row, 0, r), CE_OK);
		ck_assert_int_eq(ce_table_set_text(t, row, 1, text), CE_OK);
		if (r % 2)
			ck_assert_int_eq(ce_table_set_real(t, row, 2, r / 2.0), CE_OK);
	}
	ck_assert_uint_eq(ce_table_row_count(t), 5000);
	for (int r = 0; r < 5000; r += 97) {
		int64_t i;
		snprintf(text, sizeof text, "第%d行", r);
		ck_assert_int_eq(ce_table_get_int(&i, t, (size_t)r, 0), CE_OK);
		ck_assert_int_eq(i, r);
		ck_assert_str_eq(ce_table_get_text(t, (size_t)r, 1), text);
		ck_assert_int_eq(ce_table_is_null(t, (size_t)r, 2), r % 2 ? 0 : 1);
	}
	ce_table_free(t); /* ASan/valgrind: every text freed */
}
END_TEST

/* A cleared table keeps its columns and takes new rows, which start NULL
 * (a report cursor's one-row table); its texts are freed (ASan). */
START_TEST(clear_removes_the_rows_and_keeps_the_columns)
{
	ce_table *t = make();
	size_t row;
	for (int r = 0; r < 3; r++) {
		ck_assert_int_eq(ce_table_append_row(&row, t), CE_OK);
		ck_assert_int_eq(ce_table_set_text(t, row, 1, "西北工业大学"), CE_OK);
		ck_assert_int_eq(ce_table_set_int(t, row, 0, r), CE_OK);
	}
	ce_table_clear(t);
	ck_assert_uint_eq(ce_table_row_count(t), 0);
	ck_assert_int_eq(ce_table_column_count(t), 5);
	ck_assert_str_eq(ce_table_column_name(t, 1), "名称");
	ck_assert_int_eq(ce_table_is_null(t, 0, 1), -1);
	ck_assert_int_eq(ce_table_append_row(&row, t), CE_OK);
	ck_assert_uint_eq(row, 0);
	ck_assert_int_eq(ce_table_is_null(t, 0, 1), 1);
	ck_assert_int_eq(ce_table_is_null(t, 0, 0), 1);
	ck_assert_int_eq(ce_table_set_text(t, 0, 1, "航空学院"), CE_OK);
	ck_assert_str_eq(ce_table_get_text(t, 0, 1), "航空学院");
	ce_table_clear(NULL);
	ce_table_free(t);
}
END_TEST

START_TEST(report_registry_lists_every_report)
{
	int n = ce_report_count();
	ck_assert_int_eq(n, 19);
	for (int i = 0; i < n; i++) {
		ck_assert_ptr_nonnull(ce_report_name(i));
		ck_assert_ptr_nonnull(ce_report_description(i));
		for (int j = 0; j < i; j++)
			ck_assert_str_ne(ce_report_name(i), ce_report_name(j));
	}
	ck_assert_str_eq(ce_report_name(0), "outcome_funnel");
	ck_assert_str_eq(ce_report_name(n - 1), "survey_comparison");
	ck_assert_ptr_null(ce_report_name(n));
	ck_assert_ptr_null(ce_report_name(-1));
	ck_assert_ptr_null(ce_report_description(n));

	ce_report_filter f;
	ck_assert_int_eq(ce_report_filter_init(&f, CE_REPORT_FILTER_VERSION), CE_OK);
	ck_assert_uint_eq(f.version, CE_REPORT_FILTER_VERSION);
	ck_assert(f.from == 0 && f.to == 0 && f.partner == 0 && f.project == 0 && f.cohort == 0);
	ck_assert_int_eq(ce_report_filter_init(&f, 0), CE_EINVALID);
	ck_assert_int_eq(ce_report_filter_init(&f, CE_REPORT_FILTER_VERSION + 1), CE_EINVALID);
	ck_assert_int_eq(ce_report_filter_init(NULL, CE_REPORT_FILTER_VERSION), CE_EINVALID);

	ce_table *t = (ce_table *)&t;
	ck_assert_int_eq(ce_report_run(&t, NULL, "outcome_funnel", NULL), CE_EINVALID);
	ck_assert_ptr_null(t);
	ck_assert_int_eq(ce_report_outcome_funnel(&t, NULL, NULL), CE_EINVALID);
	ck_assert_int_eq(ce_report_run(&t, NULL, "no_such_report", NULL), CE_ENOTFOUND);
	ck_assert_int_eq(ce_report_run(&t, NULL, NULL, NULL), CE_ENOTFOUND);
}
END_TEST

static Suite *table_suite(void)
{
	Suite *s = suite_create("table");
	TCase *tc = tcase_create("table");
	tcase_add_test(tc, new_table_is_empty_and_described);
	tcase_add_test(tc, new_table_refuses_bad_definitions);
	tcase_add_test(tc, cells_are_typed_and_start_null);
	tcase_add_test(tc, values_are_checked);
	tcase_add_test(tc, bounds_are_checked);
	tcase_add_test(tc, null_table_is_harmless);
	tcase_add_test(tc, many_rows_grow_and_keep_their_values);
	tcase_add_test(tc, clear_removes_the_rows_and_keeps_the_columns);
	tcase_add_test(tc, report_registry_lists_every_report);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(table_suite());
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
