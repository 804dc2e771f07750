/* Out of memory while exporting and reading numbers, found by the
 * allocation sweep (tests/reliability/alloc.c, issue 14). jansson 2.14's
 * lexer does not survive a failed allocation: it drops a byte of a long
 * token and parses on, then asserts (load.c) or writes past its buffer on
 * an escape. The audit trail's changes and CSV numbers are therefore read
 * without it (yajl with tracked allocations; a grammar check and strtod),
 * and the export writes the changes exactly as jansson would have. */
#include <check.h>
#include <math.h>
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

/* A store whose audit trail holds texts that the changes must escape
 * (line breaks, a tab, quotes and a backslash in Chinese text), at every
 * length from 1 to 72 bytes: jansson's token buffer grows at 16, 32 and
 * 64, and a failed growth at the closing quote or after a backslash made
 * its lexer read past the buffer or assert. */
static ce_db *escaping_store(void)
{
	ce_db *db = NULL;
	char name[64], sector[128];
	ck_assert_int_eq(ce_db_open(&db, "memory:", NULL), CE_OK);
	partner(db, "山东某航空材料有限公司", "有色金属冶炼和压延加工业\n（铝合金）\t\"航空级\"");
	partner(db, "济南某精密铸造有限公司", "金属制品业：精密铸造\\覆膜砂再生\r\n第二行");
	for (int len = 1; len <= 72; len++) {
		memset(sector, 'a', (size_t)len);
		sector[len] = '\0';
		if (len > 2)
			sector[len - 2] = len % 2 ? '\\' : '\n';
		snprintf(name, sizeof name, "济南某企业%02d", len);
		partner(db, name, sector);
	}
	return db;
}

/* Every jansson allocation of an export with the audit trail failed in
 * turn: the export is the clean one, or CE_ENOMEM; nothing leaks. With
 * the changes parsed by jansson this aborted in its lexer. */
START_TEST(audit_export_out_of_memory_is_enomem_or_exact)
{
	ce_db *db = NULL;
	ce_io_options o = CE_IO_OPTIONS_INIT;
	buf clean = { 0 };
	long n, enomem = 0;
	o.flags = CE_IO_AUDIT;
	db = escaping_store();
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

/* yajl's allocations in the audit trail's changes (the library's test
 * hook fails the nth of every parse): the clean export or CE_ENOMEM with
 * a message; LeakSanitizer checks nothing leaks. */
extern long ce__io_json_fail_alloc_at;

START_TEST(audit_changes_yajl_out_of_memory_is_enomem)
{
	ce_db *db = escaping_store();
	ce_io_options o = CE_IO_OPTIONS_INIT;
	buf clean = { 0 };
	long n, enomem = 0;
	o.flags = CE_IO_AUDIT;
	ck_assert_int_eq(ce_export_json(db, buf_write, &clean, &o), CE_OK);
	for (n = 0;; n++) {
		buf out = { 0 };
		ce__io_json_fail_alloc_at = n;
		int rc = ce_export_json(db, buf_write, &out, &o);
		ce__io_json_fail_alloc_at = -1;
		free(out.data);
		if (rc == CE_OK)
			break;
		ck_assert_msg(rc == CE_ENOMEM, "allocation %ld failed: %d %s", n, rc, ce_db_errmsg(db));
		ck_assert_ptr_nonnull(strstr(ce_db_errmsg(db), "out of memory"));
		enomem++;
	}
	ck_assert_int_gt(enomem, 0);
	free(clean.data);
	ce_db_close(db);
}
END_TEST

/* What jansson makes of text: json_loads() then json_dumps() with the
 * export's precision, or NULL where it refuses the text. */
static char *jansson_round(const char *text)
{
	json_error_t err;
	json_t *j = json_loads(text, 0, &err);
	char *s = j ? json_dumps(j, JSON_REAL_PRECISION(17)) : NULL;
	json_decref(j);
	return s;
}

static int changes_of(ce_db *db, const char *text, buf *out)
{
	io_out o;
	ce__io_out_init(&o, buf_write, out);
	int rc = ce__io_json_changes(db, &o, text, 7);
	if (rc == CE_OK)
		rc = ce__io_out_flush(&o);
	return rc;
}

/* The export writes an entry's changes byte for byte as jansson wrote the
 * value it parsed (the export of a valid store did not change), and
 * refuses what jansson refused, with a message. */
START_TEST(audit_changes_written_as_jansson_wrote_them)
{
	static const char *const same[] = {
		"{}", "[]", "{\"name\": [null, \"山东某航空材料有限公司\"]}",
		"{\"sector\": [\"金属制品业\\u000a第二行\\u0009\\\"引号\\\"\\\\\", \"x\\u0001\\u001f\\u007f\"]}",
		"{\"score\": [87.5, 100], \"weight\": [0.10000000000000001, 1e+20], \"r\": [1e-07, -0]}",
		"{\"a\":[1.0,2.5E+300,-3.25e-5,123456789012345678,-9223372036854775808]}",
		"{\"k\" : [ true , false , null ] , \"\\u4e2d\\u6587\\/\" : {\"x\": [[], {}]}}",
		"[{\"x\": [\"\\ud83d\\ude00 😀\"]}, 4.9406564584124654e-324, 1.7976931348623157e308]",
		"  {\"white\": [\"space\"]}  \n",
	};
	static const char *const refused[] = {
		"", "null", "42", "\"text\"", "{\"a\": [1, 2]", "{\"a\": [1, 2]} x", "{\"a\": 1,}",
		"{\"a\": [01]}", "{\"a\": [1e400]}", "{\"a\": [99999999999999999999]}",
		"{\"a\": [\"\\u0000\"]}", "{'a': 1}", "{\"a\": [\"\xff\"]}", "{\"a\": NaN}",
	};
	ce_db *db = NULL;
	ck_assert_int_eq(ce_db_open(&db, "memory:", NULL), CE_OK);
	for (size_t i = 0; i < sizeof same / sizeof *same; i++) {
		buf out = { 0 };
		char *want = jansson_round(same[i]);
		ck_assert_msg(want != NULL, "jansson refuses case %zu", i);
		ck_assert_int_eq(changes_of(db, same[i], &out), CE_OK);
		ck_assert_msg(out.len == strlen(want) && memcmp(out.data, want, out.len) == 0,
		              "case %zu: wrote %.*s, jansson %s", i, (int)out.len, out.data, want);
		free(want);
		free(out.data);
	}
	for (size_t i = 0; i < sizeof refused / sizeof *refused; i++) {
		buf out = { 0 };
		ck_assert_msg(jansson_round(refused[i]) == NULL, "jansson reads refused case %zu", i);
		ck_assert_msg(changes_of(db, refused[i], &out) == CE_EINVALID, "refused case %zu", i);
		ck_assert_ptr_nonnull(strstr(ce_db_errmsg(db), "audit entry 7"));
		free(out.data);
	}
	ck_assert_int_eq(changes_of(db, NULL, &(buf){ 0 }), CE_EINVALID);
	ce_db_close(db);
}
END_TEST

/* The whole audit trail of an export as the export built it before, with
 * jansson parsing each entry's changes and writing the entry object. */
static void audit_as_jansson_wrote_it(ce_db *db, buf *want)
{
	ce_audit_iter *it;
	ce_audit_entry *e;
	int k = 0;
	ck_assert_int_eq(ce_audit_iter_new(&it, db, NULL), CE_OK);
	buf_write(want, ",\n  \"audit\": [", 14);
	while (ce_audit_iter_next(&e, it) == CE_OK) {
		json_error_t err;
		json_t *obj = json_object();
		ce_role role = ce_audit_entry_role(e);
		const char *actor = ce_audit_entry_actor(e);
		json_object_set_new(obj, "id", json_integer(ce_audit_entry_id(e)));
		json_object_set_new(obj, "at", json_string(ce_audit_entry_at(e)));
		json_object_set_new(obj, "actor", actor ? json_string(actor) : json_null());
		json_object_set_new(obj, "role", role ? json_string(ce_role_name(role)) : json_null());
		json_object_set_new(obj, "operation", json_string(ce_audit_op_name(ce_audit_entry_op(e))));
		json_object_set_new(obj, "entity", json_string(ce_entity_name(ce_audit_entry_entity(e))));
		json_object_set_new(obj, "record", json_integer(ce_audit_entry_record(e)));
		json_object_set_new(obj, "changes", json_loads(ce_audit_entry_changes(e), 0, &err));
		char *text = json_dumps(obj, JSON_REAL_PRECISION(17));
		ck_assert_ptr_nonnull(text);
		buf_write(want, k ? ",\n    " : "\n    ", k ? 6 : 5);
		k++;
		buf_write(want, text, strlen(text));
		free(text);
		json_decref(obj);
		ce_audit_entry_free(e);
	}
	ce_audit_iter_free(it);
	buf_write(want, k ? "\n  ]" : "]", k ? 4 : 1);
}

static void assert_audit_as_before(ce_db *db)
{
	ce_io_options o = CE_IO_OPTIONS_INIT;
	buf got = { 0 }, want = { 0 };
	o.flags = CE_IO_AUDIT;
	ck_assert_int_eq(ce_export_json(db, buf_write, &got, &o), CE_OK);
	audit_as_jansson_wrote_it(db, &want);
	const char *at = strstr(got.data, ",\n  \"audit\": [");
	ck_assert_ptr_nonnull(at);
	size_t same = 0;
	while (at[same] && same < want.len && at[same] == want.data[same])
		same++;
	ck_assert_msg(same == want.len && !strcmp(at + want.len, "\n}\n"),
	              "differs at byte %zu: export \"%.60s\", jansson \"%.60s\"", same, at + same,
	              want.data + same);
	free(got.data);
	free(want.data);
}

/* The audit trail exported as it was when jansson parsed the changes: a
 * trusted handle's entries (no actor, no role) and an administrator's. */
START_TEST(audit_trail_exported_as_before)
{
	ce_db *db = escaping_store();
	ce_open_options oo = CE_OPEN_OPTIONS_INIT;
	assert_audit_as_before(db);
	ce_db_close(db);
	oo.role = CE_ROLE_ADMIN;
	oo.actor = "管理员 王老师";
	ck_assert_int_eq(ce_db_open(&db, "memory:", &oo), CE_OK);
	partner(db, "济南某精密铸造有限公司", "金属制品业\r\n覆膜砂再生\t“航空级”\\");
	assert_audit_as_before(db);
	ce_db_close(db);
}
END_TEST

/* Reals as jansson writes them, without its allocations: random bit
 * patterns and edge values at 15 to 17 digits. */
START_TEST(reals_formatted_as_jansson_formats_them)
{
	static const double edge[] = { 0.0, -0.0, 1.0, -1.0, 0.1, 1e20, 1e-7, 1e21, 123456789.0,
		                           5e-324, 1.7976931348623157e308, 87.5, 100.0, 1e15, 1e16, 1e17 };
	uint64_t x = 0x9E3779B97F4A7C15u;
	for (int i = 0; i < 20000; i++) {
		double v;
		if (i < (int)(sizeof edge / sizeof *edge)) {
			v = edge[i];
		} else {
			x ^= x << 13;
			x ^= x >> 7;
			x ^= x << 17;
			memcpy(&v, &x, sizeof v);
			if (!isfinite(v))
				continue;
		}
		for (int digits = 15; digits <= 17; digits++) {
			char mine[48], theirs[48];
			json_t *j = json_real(v);
			size_t n = json_dumpb(j, theirs, sizeof theirs - 1,
			                      JSON_ENCODE_ANY | JSON_REAL_PRECISION(digits));
			json_decref(j);
			ck_assert(n > 0 && n < sizeof theirs);
			theirs[n] = '\0';
			ck_assert_int_eq(ce__io_format_real_digits(mine, sizeof mine, v, digits), CE_OK);
			ck_assert_msg(strcmp(mine, theirs) == 0, "%.17g at %d digits: %s, jansson %s", v, digits,
			              mine, theirs);
		}
	}
	char b[48];
	ck_assert_int_eq(ce__io_format_real_digits(b, sizeof b, INFINITY, 17), CE_EINVALID);
	ck_assert_int_eq(ce__io_format_real_digits(b, sizeof b, NAN, 17), CE_EINVALID);
	ck_assert_int_eq(ce__io_format_real_digits(b, 4, 0.125, 17), CE_EINVALID);
}
END_TEST

/* A number in a CSV cell is read without jansson, so without any
 * allocation (once its lexer dropped a byte of a long number, reading
 * another value): a jansson allocation hook armed to fail the first one
 * is never reached, and the cells read as jansson read them. */
START_TEST(csv_numbers_read_without_allocating)
{
	static const char *const good[] = { "87.12345678901234567", "0", "-0", "100", "1e5", "-2.5E-3",
		                                 "9223372036854775807", "0.1", "4.9406564584124654e-324" };
	static const char *const bad[] = { "", " 1", "1 ", "+1", "0x10", "01", "1.", ".5", "1e", "1e+",
		                               "12345678901234567x9", "1e400", "99999999999999999999",
		                               "NaN", "inf", "1,5", "--1" };
	json_set_alloc_funcs(hook_malloc, hook_free);
	arm(0);
	for (size_t i = 0; i < sizeof good / sizeof *good; i++) {
		double got = -1, want;
		json_error_t err;
		ck_assert_int_eq(ce__io_parse_real(good[i], &got), CE_OK);
		json_set_alloc_funcs(malloc, free);
		json_t *j = json_loads(good[i], JSON_DECODE_ANY, &err);
		want = json_number_value(j);
		json_decref(j);
		json_set_alloc_funcs(hook_malloc, hook_free);
		ck_assert_msg(got == want, "%s read as %.17g, jansson %.17g", good[i], got, want);
	}
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		double got = 0;
		ck_assert_msg(ce__io_parse_real(bad[i], &got) == CE_EINVALID, "%s", bad[i]);
	}
	ck_assert_msg(!failed, "a number was read with jansson");
	arm(-1);
	json_set_alloc_funcs(malloc, free);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("io_oom");
	TCase *tc = tcase_create("json");
	tcase_add_test(tc, audit_export_out_of_memory_is_enomem_or_exact);
	tcase_add_test(tc, audit_changes_yajl_out_of_memory_is_enomem);
	tcase_add_test(tc, audit_changes_written_as_jansson_wrote_them);
	tcase_add_test(tc, audit_trail_exported_as_before);
	tcase_add_test(tc, reals_formatted_as_jansson_formats_them);
	tcase_add_test(tc, csv_numbers_read_without_allocating);
	suite_add_tcase(s, tc);
	SRunner *sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	int failed_tests = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed_tests ? EXIT_FAILURE : EXIT_SUCCESS;
}
