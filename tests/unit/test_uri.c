/* ce_uri_redact(): a store's URI as messages may show it, never with its
 * password; and ce_db_open()'s own messages quote it that way. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "coopedu.h"

static const char *redact(const char *uri)
{
	static char buf[256];
	size_t n = ce_uri_redact(buf, sizeof buf, uri);
	ck_assert_uint_eq(n, strlen(buf));
	return buf;
}

START_TEST(passwords_are_hidden)
{
	ck_assert_str_eq(redact("postgresql://ana:s3cr%40t@db.example:5432/coop?schema=x"),
	                 "postgresql://ana:***@db.example:5432/coop?schema=x");
	/* an '@' inside the password: the last '@' of the authority ends it */
	ck_assert_str_eq(redact("postgres://ana:p@ss@host/db"), "postgres://ana:***@host/db");
	ck_assert_str_eq(redact("postgresql://host/db?user=ana&password=秘密&sslmode=require"),
	                 "postgresql://host/db?user=ana&password=***&sslmode=require");
	ck_assert_str_eq(redact("postgresql:?password=x"), "postgresql:?password=***");
	/* an empty password: shown as hidden, and no endless loop (found by fuzz_parsers) */
	ck_assert_str_eq(redact("postgresql://ana:@host/db"), "postgresql://ana:***@host/db");
	ck_assert_str_eq(redact("l:l://a:@td"), "l:l://a:***@td");
}
END_TEST

START_TEST(uris_without_passwords_are_unchanged)
{
	static const char *const same[] = {
		"sqlite:/tmp/合作.db", "memory:", "/var/lib/coopedu/store.db",
		"postgresql://ana@host:5432/db", "postgresql://host/db?passwordless=1",
		"postgresql://host/a:b@c", "",
	};
	for (size_t i = 0; i < sizeof same / sizeof *same; i++)
		ck_assert_str_eq(redact(same[i]), same[i]);
}
END_TEST

START_TEST(short_buffers_are_cut_and_terminated)
{
	char buf[12];
	const char *uri = "postgresql://ana:secret@host/db";
	size_t n = ce_uri_redact(buf, sizeof buf, uri);
	ck_assert_uint_eq(n, strlen("postgresql://ana:***@host/db"));
	ck_assert_str_eq(buf, "postgresql:");
	ck_assert_uint_eq(ce_uri_redact(NULL, 0, uri), n);
	ck_assert_uint_eq(ce_uri_redact(buf, sizeof buf, NULL), 0);
	ck_assert_str_eq(buf, "");
}
END_TEST

START_TEST(open_messages_never_show_the_password)
{
	ce_db *db = NULL;
	/* no such scheme: the message quotes the URI */
	ck_assert_int_eq(ce_db_open(&db, "nosuchdb://ana:hunter2@host/db", NULL), CE_ENOTSUPPORTED);
	ck_assert_ptr_null(strstr(ce_last_errmsg(), "hunter2"));
	ck_assert_ptr_nonnull(strstr(ce_last_errmsg(), "ana:***@host"));
}
END_TEST

int main(void)
{
	Suite *s = suite_create("uri");
	TCase *tc = tcase_create("redact");
	tcase_add_test(tc, passwords_are_hidden);
	tcase_add_test(tc, uris_without_passwords_are_unchanged);
	tcase_add_test(tc, short_buffers_are_cut_and_terminated);
	tcase_add_test(tc, open_messages_never_show_the_password);
	suite_add_tcase(s, tc);
	SRunner *sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
