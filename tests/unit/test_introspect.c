/* The public introspection accessors of record.h (@since 0.2): what they
 * answer agrees with the descriptors, natural keys are the CE_COL_KEY
 * column, and bad entities, columns and links are refused without a crash. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include <coopedu.h>
#include <coopedu/io.h>
#include <coopedu/sys/schema.h> /* the descriptors, to compare against */

/* CE_ENTITY_LAST + 1 is a core-private table (a lifecycle history). */
static const ce_entity bad_entities[] = { (ce_entity)0, (ce_entity)-1, (ce_entity)(CE_ENTITY_LAST + 1),
	                                      (ce_entity)1000 };

START_TEST(accessors_match_descriptors)
{
	const ce_schema *s = ce_schema_get();
	for (int e = 1; e <= CE_ENTITY_LAST; e++) {
		const ce_table_def *t = s->tables[e];
		ck_assert_str_eq(ce_entity_description((ce_entity)e), t->doc);
		ck_assert_int_eq(ce_entity_link_count((ce_entity)e), t->nlinks);
		for (int c = 0; c < t->ncolumns; c++) {
			const ce_column_def *d = &t->columns[c];
			double lo = -1, hi = -1;
			ck_assert_uint_eq(ce_column_flags((ce_entity)e, c), d->flags);
			ck_assert_int_eq(ce_column_token_count((ce_entity)e, c), d->tokens ? d->ntokens : 0);
			if (d->min < d->max) {
				ck_assert_int_eq(ce_column_range(&lo, &hi, (ce_entity)e, c), CE_OK);
				ck_assert(lo == d->min && hi == d->max);
			} else {
				ck_assert_int_eq(ce_column_range(&lo, &hi, (ce_entity)e, c), CE_ENOTFOUND);
				ck_assert(lo == -1 && hi == -1); /* untouched */
			}
		}
		for (int l = 0; l < t->nlinks; l++) {
			const ce_table_def *via = s->tables[t->links[l].table];
			ck_assert_str_eq(ce_entity_link_name((ce_entity)e, l), t->links[l].name);
			ck_assert_int_eq(ce_entity_link_target((ce_entity)e, l),
			                 via->columns[t->links[l].other_column].ref);
		}
	}
}
END_TEST

/* Every entity and column has a Chinese label, distinct within its entity
 * and from the id and history headers, so a CSV header in Chinese names
 * exactly one field; "en" gives the names. */
START_TEST(every_column_has_a_distinct_chinese_label)
{
	for (int e = 1; e <= CE_ENTITY_LAST; e++) {
		int n = ce_entity_column_count((ce_entity)e);
		const char *el = ce_entity_label((ce_entity)e, "zh");
		ck_assert_msg(el && *el, "%s has no Chinese label", ce_entity_name((ce_entity)e));
		ck_assert_str_eq(ce_entity_label((ce_entity)e, "en"), ce_entity_name((ce_entity)e));
		for (int c = 0; c < n; c++) {
			const char *l = ce_column_label((ce_entity)e, c, "zh");
			ck_assert_msg(l && *l, "%s.%s has no Chinese label", ce_entity_name((ce_entity)e),
			              ce_column_name((ce_entity)e, c));
			ck_assert_str_eq(ce_column_label((ce_entity)e, c, "en"), ce_column_name((ce_entity)e, c));
			ck_assert_str_eq(ce_column_label((ce_entity)e, c, "zh-CN"), l);
			ck_assert_str_ne(l, "序号");
			size_t len = strlen(l);
			ck_assert(len < 6 || strcmp(l + len - 6, "历程") != 0);
			for (int d = 0; d < c; d++)
				ck_assert_msg(strcmp(l, ce_column_label((ce_entity)e, d, "zh")) != 0,
				              "%s: two columns labelled %s", ce_entity_name((ce_entity)e), l);
		}
	}
	ck_assert_str_eq(ce_column_label(CE_ENTITY_STUDENT, 0, "zh"), "学号");
	ck_assert_str_eq(ce_entity_label(CE_ENTITY_PARTNER, "zh"), "合作单位");
	ck_assert_ptr_null(ce_column_label(CE_ENTITY_STUDENT, 0, "fr"));
	ck_assert_str_eq(ce_column_label(CE_ENTITY_STUDENT, 0, NULL), "number");
	ck_assert_ptr_null(ce_column_label(CE_ENTITY_STUDENT, -1, "zh"));
	ck_assert_ptr_null(ce_column_label(CE_ENTITY_STUDENT, ce_entity_column_count(CE_ENTITY_STUDENT), "zh"));
	for (size_t i = 0; i < sizeof bad_entities / sizeof *bad_entities; i++) {
		ck_assert_ptr_null(ce_entity_label(bad_entities[i], "zh"));
		ck_assert_ptr_null(ce_column_label(bad_entities[i], 0, "zh"));
	}
}
END_TEST

START_TEST(known_answers)
{
	int col;
	double lo, hi;
	ck_assert_str_eq(ce_entity_description(CE_ENTITY_PARTNER), "an organisation the university cooperates with");
	ck_assert_int_eq(ce_column_index(&col, CE_ENTITY_PARTNER, "kind"), CE_OK);
	ck_assert_uint_eq(ce_column_flags(CE_ENTITY_PARTNER, col), CE_COL_REQUIRED);
	ck_assert_int_eq(ce_column_token_count(CE_ENTITY_PARTNER, col), 7); /* slot 0 unused */
	ck_assert_int_eq(ce_column_range(&lo, &hi, CE_ENTITY_PARTNER, col), CE_ENOTFOUND);
	ck_assert_int_eq(ce_column_index(&col, CE_ENTITY_STUDENT, "cohort"), CE_OK);
	ck_assert_int_eq(ce_column_range(&lo, &hi, CE_ENTITY_STUDENT, col), CE_OK);
	ck_assert(lo == 1950 && hi == 2100);
	ck_assert_int_eq(ce_column_token_count(CE_ENTITY_STUDENT, col), 0);
	ck_assert_int_eq(ce_entity_link_count(CE_ENTITY_PROJECT), 1);
	ck_assert_str_eq(ce_entity_link_name(CE_ENTITY_PROJECT, 0), "partner");
	ck_assert_int_eq(ce_entity_link_target(CE_ENTITY_PROJECT, 0), CE_ENTITY_PARTNER);
	ck_assert_int_eq(ce_entity_link_count(CE_ENTITY_PARTNER), 0);
}
END_TEST

START_TEST(natural_keys_are_the_key_flag)
{
	static const struct {
		ce_entity entity;
		const char *column;
	} keys[] = {
		{ CE_ENTITY_PARTNER, "name" },  { CE_ENTITY_PLATFORM, "name" },
		{ CE_ENTITY_PROJECT, "code" },  { CE_ENTITY_SUPERVISOR, "staff_number" },
		{ CE_ENTITY_TEAM, "name" },     { CE_ENTITY_STUDENT, "number" },
	};
	for (int e = 1; e <= CE_ENTITY_LAST; e++) {
		const char *want = NULL;
		int nkeys = 0, key = -1;
		for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
			if (keys[i].entity == (ce_entity)e)
				want = keys[i].column;
		for (int c = 0; c < ce_entity_column_count((ce_entity)e); c++)
			if (ce_column_flags((ce_entity)e, c) & CE_COL_KEY) {
				nkeys++;
				key = c;
			}
		if (!want) {
			ck_assert_msg(nkeys == 0, "%s has a key column", ce_entity_name((ce_entity)e));
			ck_assert_ptr_null(ce_entity_natural_key((ce_entity)e));
			continue;
		}
		ck_assert_msg(nkeys == 1, "%s: %d key columns", ce_entity_name((ce_entity)e), nkeys);
		ck_assert_str_eq(ce_column_name((ce_entity)e, key), want);
		ck_assert_str_eq(ce_entity_natural_key((ce_entity)e), want);
		/* a key names one record: it is unique and text */
		ck_assert(ce_column_flags((ce_entity)e, key) & CE_COL_UNIQUE);
		ck_assert_int_eq(ce_column_type_of((ce_entity)e, key), CE_TYPE_TEXT);
	}
}
END_TEST

START_TEST(bad_arguments_are_refused)
{
	double lo = 0, hi = 0;
	for (size_t i = 0; i < sizeof bad_entities / sizeof bad_entities[0]; i++) {
		ce_entity e = bad_entities[i];
		ck_assert_ptr_null(ce_entity_description(e));
		ck_assert_uint_eq(ce_column_flags(e, 0), 0);
		ck_assert_int_eq(ce_column_token_count(e, 0), 0);
		ck_assert_int_eq(ce_column_range(&lo, &hi, e, 0), CE_EINVALID);
		ck_assert_int_eq(ce_entity_link_count(e), -1);
		ck_assert_ptr_null(ce_entity_link_name(e, 0));
		ck_assert_int_eq(ce_entity_link_target(e, 0), 0);
		ck_assert_ptr_null(ce_entity_natural_key(e));
	}
	int n = ce_entity_column_count(CE_ENTITY_STUDENT), cohort;
	ck_assert_int_eq(ce_column_index(&cohort, CE_ENTITY_STUDENT, "cohort"), CE_OK);
	const int bad_cols[] = { -1, n, n + 1, 1 << 30 };
	for (size_t i = 0; i < sizeof bad_cols / sizeof bad_cols[0]; i++) {
		ck_assert_uint_eq(ce_column_flags(CE_ENTITY_STUDENT, bad_cols[i]), 0);
		ck_assert_int_eq(ce_column_token_count(CE_ENTITY_STUDENT, bad_cols[i]), 0);
		ck_assert_int_eq(ce_column_range(&lo, &hi, CE_ENTITY_STUDENT, bad_cols[i]), CE_EINVALID);
	}
	ck_assert_int_eq(ce_column_range(NULL, &hi, CE_ENTITY_STUDENT, cohort), CE_EINVALID);
	ck_assert_int_eq(ce_column_range(&lo, NULL, CE_ENTITY_STUDENT, cohort), CE_EINVALID);
	const int bad_links[] = { -1, 1, 2, 1 << 30 }; /* project has one link */
	for (size_t i = 0; i < sizeof bad_links / sizeof bad_links[0]; i++) {
		ck_assert_ptr_null(ce_entity_link_name(CE_ENTITY_PROJECT, bad_links[i]));
		ck_assert_int_eq(ce_entity_link_target(CE_ENTITY_PROJECT, bad_links[i]), 0);
	}
	ck_assert_ptr_null(ce_entity_link_name(CE_ENTITY_PARTNER, 0));
}
END_TEST

int main(void)
{
	Suite *s = suite_create("introspect");
	TCase *tc = tcase_create("accessors");
	tcase_add_test(tc, accessors_match_descriptors);
	tcase_add_test(tc, known_answers);
	tcase_add_test(tc, every_column_has_a_distinct_chinese_label);
	tcase_add_test(tc, natural_keys_are_the_key_flag);
	tcase_add_test(tc, bad_arguments_are_refused);
	suite_add_tcase(s, tc);
	SRunner *sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
