/* Out of memory inside jansson during export and number parsing, found by
 * the allocation sweep (tests/reliability/alloc.c, issue 14): jansson 2.14
 * drops a byte of a long token when it cannot grow its buffer and parses
 * on, so an audit entry's changes could be exported with a byte missing,
 * or a long number read as another; and an audit entry whose JSON object
 * could not be built leaked its parsed changes. */
#include <check.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include <coopedu.h>
#include <coopedu/io.h>

#include "io/io_internal.h"
#include "membuf.h"


/* jansson's allocations: the one numbered fail_at (from 0) fails; live
 * counts the blocks not yet freed. */
static long fail_at = -1, calls, live;
static bool failed;

static void *hook_malloc(size_t n)
{
	if (calls++ == fail_at) {
		failed = true;
		return NULL;
	}
	void *p = malloc(n);
	if (p)
		live++;
	return p;
}

static void hook_free(void *p)
{
	if (p)
		live--;
	free(p);
}

static void arm(long n)
{
	fail_at = n;
	calls = 0;
	failed = false;
}

static void partner(ce_db *db, const char *name, const char *sector)
{
	ce_partner_spec s = CE_PARTNER_SPEC_INIT;
	int64_t id;
	s.name = name;
	s.kind = CE_PARTNER_ENTERPRISE;
	s.sector = sector;
	s.region = "山东省济南市历城区";
	ck_assert_int_eq(ce_partner_create(&id, db, &s), CE_OK);
}

/* Every jansson allocation of an export with the audit trail failed in
 * turn: the export is the clean one, or CE_ENOMEM; nothing leaks. */
START_TEST(audit_export_out_of_memory_is_enomem_or_exact)
{
	ce_db *db = NULL;
	ce_io_options o = CE_IO_OPTIONS_INIT;
	buf clean = { 0 };
	long n, enomem = 0;
	o.flags = CE_IO_AUDIT;
	ck_assert_int_eq(ce_db_open(&db, "memory:", NULL), CE_OK);
	partner(db, "山东某航空材料有限公司", "有色金属冶炼和压延加工业");
	partner(db, "济南某精密铸造有限公司", "金属制品业：精密铸造与覆膜砂再生");
	ck_assert_int_eq(ce_export_json(db, buf_write, &clean, &o), CE_OK);
	json_set_alloc_funcs(hook_malloc, hook_free);
	for (n = 0;; n++) {
		buf out = { 0 };
		arm(n);
		live = 0;
		int rc = ce_export_json(db, buf_write, &out, &o);
		bool hit = failed;
		arm(-1);
		ck_assert_msg(live == 0, "allocation %ld failed: %ld jansson blocks leaked", n, live);
		if (rc == CE_OK)
			ck_assert_msg(out.len == clean.len && memcmp(out.data, clean.data, clean.len) == 0,
			              "allocation %ld failed: the export went through, different", n);
		else
			ck_assert_msg(rc == CE_ENOMEM && *ce_db_errmsg(db), "allocation %ld failed: %d %s", n,
			              rc, ce_db_errmsg(db));
		enomem += rc == CE_ENOMEM;
		free(out.data);
		if (!hit)
			break;
	}
	json_set_alloc_funcs(malloc, free);
	ck_assert_int_gt(enomem, 20);
	free(clean.data);
	ce_db_close(db);
}
END_TEST

/* A number of 16 bytes or more in a CSV cell, with every jansson
 * allocation of its parsing failed in turn: the exact value or CE_ENOMEM,
 * never another value and never "not a number". */
START_TEST(long_number_out_of_memory_is_enomem_or_exact)
{
	const char *text = "87.12345678901234567";
	double want = 0, got;
	ck_assert_int_eq(ce__io_parse_real(text, &want), CE_OK);
	ck_assert(want > 87.1 && want < 87.2);
	json_set_alloc_funcs(hook_malloc, hook_free);
	long n, enomem = 0;
	for (n = 0;; n++) {
		got = -1;
		arm(n);
		live = 0;
		int rc = ce__io_parse_real(text, &got);
		bool hit = failed;
		arm(-1);
		ck_assert_int_eq(live, 0);
		if (rc == CE_OK)
			ck_assert_msg(got == want, "allocation %ld failed: read %.17g", n, got);
		else
			ck_assert_msg(rc == CE_ENOMEM, "allocation %ld failed: %d", n, rc);
		enomem += rc == CE_ENOMEM;
		if (!hit)
			break;
	}
	json_set_alloc_funcs(malloc, free);
	ck_assert_int_gt(enomem, 0);
	/* not numbers stay not numbers */
	ck_assert_int_eq(ce__io_parse_real("1e", &got), CE_EINVALID);
	ck_assert_int_eq(ce__io_parse_real("12345678901234567x9", &got), CE_EINVALID);
	ck_assert_int_eq(ce__io_parse_real("0x10", &got), CE_EINVALID);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("io_oom");
	TCase *tc = tcase_create("jansson");
	tcase_add_test(tc, audit_export_out_of_memory_is_enomem_or_exact);
	tcase_add_test(tc, long_number_out_of_memory_is_enomem_or_exact);
	suite_add_tcase(s, tc);
	SRunner *sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	int failed_tests = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed_tests ? EXIT_FAILURE : EXIT_SUCCESS;
}
