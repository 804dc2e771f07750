/* Opening stores, options, errors and their messages, versions, dates. */
#include <sqlite3.h>
#include <stdio.h>
#include <unistd.h>

#include "conformance.h"

static int is_sqlite(void)
{
	return strcmp(uri_prefix, "sqlite:") == 0;
}

static int file_exists(const char *path)
{
	return access(path, F_OK) == 0;
}

/* ---- open ------------------------------------------------------------------ */

START_TEST(open_memory)
{
	ce_db *d = NULL;
	ck_ok(ce_db_open(&d, "memory:", NULL));
	ck_assert_ptr_nonnull(d);
	ck_assert_str_eq(ce_db_backend(d), "memory");
	ck_assert_int_eq(ce_db_in_transaction(d), 0);
	ce_db_close(d);
	ce_db_close(NULL); /* ignored */
}
END_TEST

START_TEST(open_memory_is_fresh)
{
	ce_db *d = NULL;
	int64_t n = -1;
	make_partner("齐鲁工业大学", CE_PARTNER_UNIVERSITY);
	if (!is_memory())
		return;
	ck_ok(ce_db_open(&d, "memory:", NULL));
	ck_ok(ce_record_count(&n, d, CE_ENTITY_PARTNER, NULL));
	ck_assert_int_eq(n, 0); /* every memory: store is its own */
	ce_db_close(d);
}
END_TEST

START_TEST(open_backend_name)
{
	ck_assert_ptr_nonnull(ce_db_backend(db));
	ck_assert_int_eq(strncmp(uri_prefix, ce_db_backend(db), strlen(ce_db_backend(db))), 0);
	ck_assert_ptr_null(ce_db_backend(NULL));
}
END_TEST

START_TEST(open_sqlite_uri_and_bare_path)
{
	ce_db *d = NULL;
	char uri[1100];
	const char *path = temp_path("其他.db");
	snprintf(uri, sizeof uri, "sqlite:%s", path);
	ck_ok(ce_db_open(&d, uri, NULL));
	ck_assert_str_eq(ce_db_backend(d), "sqlite");
	ce_db_close(d);
	ck_assert(file_exists(path));

	path = temp_path("bare.db");
	ck_ok(ce_db_open(&d, path, NULL));
	ck_assert_str_eq(ce_db_backend(d), "sqlite");
	ce_db_close(d);
	ck_assert(file_exists(path));
}
END_TEST

START_TEST(open_unknown_scheme)
{
	ce_db *d = (ce_db *)&d;
	ck_rc(ce_db_open(&d, "nosuch:whatever", NULL), CE_ENOTSUPPORTED);
	ck_assert_ptr_null(d);
	ck_said("nosuch");
	ck_assert_int_eq(ce_last_errcode(), CE_ENOTSUPPORTED);
}
END_TEST

START_TEST(open_null_arguments)
{
	ce_db *d = (ce_db *)&d;
	ck_rc(ce_db_open(NULL, "memory:", NULL), CE_EINVALID);
	ck_rc(ce_db_open(&d, NULL, NULL), CE_EINVALID);
	ck_assert_ptr_null(d);
	ck_rc(ce_db_open(&d, "", NULL), CE_EINVALID);
	ck_assert_ptr_null(d);
	ck_assert(*ce_last_errmsg());
}
END_TEST

START_TEST(open_options)
{
	ce_open_options o;
	ce_db *d = NULL;
	memset(&o, 0xff, sizeof o);
	ck_ok(ce_open_options_init(&o, CE_OPEN_OPTIONS_VERSION));
	ck_assert_uint_eq(o.version, CE_OPEN_OPTIONS_VERSION);
	ck_assert_uint_eq(o.flags, 0);
	ck_assert_int_eq(o.busy_timeout_ms, 0);
	ck_rc(ce_open_options_init(&o, 99), CE_EINVALID);
	ck_rc(ce_open_options_init(&o, 0), CE_EINVALID);
	ck_rc(ce_open_options_init(NULL, CE_OPEN_OPTIONS_VERSION), CE_EINVALID);

	ck_ok(ce_open_options_init(&o, CE_OPEN_OPTIONS_VERSION));
	o.version = 99;
	ck_rc(ce_db_open(&d, store_uri(), &o), CE_EINVALID);
	ck_assert_ptr_null(d);
	ck_said("version", "99");
	o.version = CE_OPEN_OPTIONS_VERSION;
	o.busy_timeout_ms = -1;
	ck_rc(ce_db_open(&d, store_uri(), &o), CE_EINVALID);
	ck_said("busy_timeout_ms");
	o.busy_timeout_ms = 250;
	ce_db_close(db);
	db = NULL;
	ck_ok(ce_db_open(&db, store_uri(), &o));
}
END_TEST

/* A read-only store refuses every kind of write with CE_EMISUSE. */
START_TEST(open_readonly)
{
	ce_open_options o = CE_OPEN_OPTIONS_INIT;
	ce_partner_spec s = CE_PARTNER_SPEC_INIT;
	int64_t id = make_partner("齐鲁工业大学", CE_PARTNER_UNIVERSITY);
	int64_t student = make_student("2018010001", "张伟");
	int64_t before = 0, nid = 0;
	if (persistent())
		before = 1;
	o.flags = CE_OPEN_READONLY;
	ce_db_close(db);
	db = NULL;
	ck_ok(ce_db_open(&db, store_uri(), &o));
	ck_assert_int_eq(count_of(CE_ENTITY_PARTNER), before);

	s.name = "山东某航空材料有限公司";
	s.kind = CE_PARTNER_ENTERPRISE;
	ck_rc(ce_partner_create(&nid, db, &s), CE_EMISUSE);
	ck_assert_int_eq(ce_db_errcode(db), CE_EMISUSE);
	ck_rc(ce_db_begin(db), CE_EMISUSE);
	ck_assert_int_eq(ce_db_in_transaction(db), 0);
	ck_assert_int_eq(count_of(CE_ENTITY_PARTNER), before);
	if (!persistent())
		return;
	s.name = "齐鲁工业大学（改名）";
	s.kind = CE_PARTNER_UNIVERSITY;
	ck_rc(ce_partner_update(db, id, &s), CE_EMISUSE);
	ck_rc(ce_partner_delete(db, id, CE_DELETE_CASCADE), CE_EMISUSE);
	ck_rc(ce_student_set_status(db, student, CE_STUDENT_STATUS_GRADUATED, CE_DATE(2021, 6, 30)),
	      CE_EMISUSE);
	ce_partner *p;
	ck_ok(ce_partner_lookup(&p, db, id));
	ck_assert_str_eq(ce_partner_fields(p)->name, "齐鲁工业大学");
	ce_partner_free(p);
	ck_assert_int_eq(get_int(CE_ENTITY_STUDENT, student, "status"), CE_STUDENT_STATUS_ENROLLED);
}
END_TEST

START_TEST(open_nocreate_missing)
{
	ce_open_options o = CE_OPEN_OPTIONS_INIT;
	ce_db *d = (ce_db *)&d;
	char uri[1100];
	const char *path = temp_path("missing.db");
	snprintf(uri, sizeof uri, "sqlite:%s", path);
	o.flags = CE_OPEN_NOCREATE;
	ck_rc(ce_db_open(&d, uri, &o), CE_ENOTFOUND);
	ck_assert_ptr_null(d);
	ck_assert(!file_exists(path));
	/* read-only does not create either */
	o.flags = CE_OPEN_READONLY;
	ck_assert_int_ne(ce_db_open(&d, uri, &o), CE_OK);
	ck_assert_ptr_null(d);
	ck_assert(!file_exists(path));
	/* the existing store opens with NOCREATE */
	o.flags = CE_OPEN_NOCREATE;
	ck_ok(ce_db_open(&d, store_uri(), &o));
	ce_db_close(d);
}
END_TEST

/* A store written by a newer library is refused, not damaged. */
START_TEST(open_newer_schema)
{
	sqlite3 *raw;
	ce_db *d = (ce_db *)&d;
	char uri[1100];
	const char *path = temp_path("newer.db");
	snprintf(uri, sizeof uri, "sqlite:%s", path);
	ck_ok(ce_db_open(&d, uri, NULL));
	ce_db_close(d);
	ck_assert_int_eq(sqlite3_open(path, &raw), SQLITE_OK);
	ck_assert_int_eq(sqlite3_exec(raw, "PRAGMA user_version = 999999", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(raw);
	ck_rc(ce_db_open(&d, uri, NULL), CE_ESCHEMA);
	ck_assert_ptr_null(d);
}
END_TEST

START_TEST(open_not_a_store)
{
	ce_db *d = (ce_db *)&d;
	char uri[1100];
	const char *path = temp_path("garbage.db");
	FILE *f = fopen(path, "w");
	ck_assert_ptr_nonnull(f);
	for (int i = 0; i < 200; i++)
		fputs("这不是数据库文件。", f);
	fclose(f);
	snprintf(uri, sizeof uri, "sqlite:%s", path);
	int rc = ce_db_open(&d, uri, NULL);
	ck_assert_msg(rc == CE_ESCHEMA || rc == CE_EBACKEND, "got %d: %s", rc, ce_last_errmsg());
	ck_assert_ptr_null(d);
	ck_assert(*ce_last_errmsg());
}
END_TEST

/* ---- errors -------------------------------------------------------------- */

START_TEST(strerror_every_code)
{
	static const int codes[] = { CE_OK, CE_ERROR, CE_ENOMEM, CE_ENOTFOUND, CE_EEXISTS,
		                         CE_EINVALID, CE_ECONSTRAINT, CE_ETRANSITION, CE_ECYCLE,
		                         CE_ENOTSUPPORTED, CE_EBACKEND, CE_EBUSY, CE_ESCHEMA,
		                         CE_EMISUSE, CE_ITEROVER };
	const int n = (int)(sizeof codes / sizeof codes[0]);
	const char *unknown = ce_strerror(-9999);
	ck_assert_ptr_nonnull(unknown);
	ck_assert_ptr_nonnull(ce_strerror(7));
	for (int i = 0; i < n; i++) {
		const char *s = ce_strerror(codes[i]);
		ck_assert_ptr_nonnull(s);
		ck_assert_msg(*s && strcmp(s, unknown) != 0, "code %d has no own text", codes[i]);
		for (int j = 0; j < i; j++)
			ck_assert_msg(strcmp(s, ce_strerror(codes[j])) != 0, "codes %d and %d share '%s'",
			              codes[i], codes[j], s);
	}
}
END_TEST

START_TEST(errmsg_names_field_and_value)
{
	ce_partner_spec s = CE_PARTNER_SPEC_INIT;
	int64_t id;
	s.kind = CE_PARTNER_UNIVERSITY;
	ck_refused(ce_partner_create(&id, db, &s), CE_EINVALID);
	ck_said("partner.name");

	make_partner("齐鲁工业大学", CE_PARTNER_UNIVERSITY);
	s.name = "齐鲁工业大学";
	ck_rc(ce_partner_create(&id, db, &s), CE_EEXISTS);
	ck_assert_int_eq(ce_db_errcode(db), CE_EEXISTS);
	ck_assert_int_eq(ce_last_errcode(), CE_EEXISTS);
	ck_assert_str_eq(ce_db_errmsg(db), ce_last_errmsg());
	ck_said("partner.name", "齐鲁工业大学");

	/* a later successful call on db clears db's error */
	ck_ok(ce_record_count(&id, db, CE_ENTITY_PARTNER, NULL));
	ck_assert_int_eq(ce_db_errcode(db), CE_OK);
	ck_assert_str_eq(ce_db_errmsg(db), "");
	ck_assert_ptr_nonnull(ce_db_errmsg(NULL));
}
END_TEST

START_TEST(errmsg_of_enum_and_date)
{
	ce_partner_spec s = CE_PARTNER_SPEC_INIT;
	ce_student_spec st = CE_STUDENT_SPEC_INIT;
	int64_t id;
	s.name = "山东某航空材料有限公司";
	s.kind = (ce_partner_kind)42;
	ck_refused(ce_partner_create(&id, db, &s), CE_EINVALID);
	ck_said("partner.kind", "42");

	st.number = "2018010001";
	st.name = "张伟";
	st.level = CE_STUDENT_LEVEL_DOCTORAL;
	st.cohort = 2018;
	st.status_date = 20190230;
	ck_refused(ce_student_create(&id, db, &st), CE_EINVALID);
	ck_said("student.status_date", "20190230");
}
END_TEST

START_TEST(version_numbers)
{
	ck_assert_int_eq(CE_VERSION_NUMBER, ce_version_number());
	ck_assert_int_eq(ce_version_number(),
	                 CE_VERSION_MAJOR * 1000000 + CE_VERSION_MINOR * 1000 + CE_VERSION_PATCH);
	ck_assert_str_eq(ce_version_string(), CE_VERSION_STRING);
	char s[64];
	snprintf(s, sizeof s, "%d.%d.%d", CE_VERSION_MAJOR, CE_VERSION_MINOR, CE_VERSION_PATCH);
	ck_assert_str_eq(s, CE_VERSION_STRING);
}
END_TEST

/* ---- dates ----------------------------------------------------------------- */

START_TEST(date_valid)
{
	ck_assert(ce_date_valid(20000229));  /* divisible by 400 */
	ck_assert(!ce_date_valid(19000229)); /* by 100, not 400 */
	ck_assert(ce_date_valid(20240229));
	ck_assert(!ce_date_valid(20230229));
	ck_assert(!ce_date_valid(21000229));
	ck_assert(ce_date_valid(20190131) && !ce_date_valid(20190132));
	ck_assert(ce_date_valid(20190228) && !ce_date_valid(20190229));
	ck_assert(ce_date_valid(20190430) && !ce_date_valid(20190431));
	ck_assert(ce_date_valid(20190630) && !ce_date_valid(20190631));
	ck_assert(ce_date_valid(20190930) && !ce_date_valid(20190931));
	ck_assert(ce_date_valid(20191130) && !ce_date_valid(20191131));
	ck_assert(ce_date_valid(20191231) && !ce_date_valid(20191232));
	ck_assert(!ce_date_valid(20190001) && !ce_date_valid(20191301) && !ce_date_valid(20190100));
	ck_assert(ce_date_valid(19000101) && !ce_date_valid(18991231));
	ck_assert(ce_date_valid(21991231) && !ce_date_valid(22000101));
	ck_assert(!ce_date_valid(0) && !ce_date_valid(-20190101) && !ce_date_valid(2019));
	ck_assert_int_eq(CE_DATE(2019, 3, 15), 20190315);
}
END_TEST

START_TEST(date_parse_format)
{
	static const char *const good[] = { "2019-03-15", "2000-02-29", "2024-02-29", "1900-01-01",
		                                "2199-12-31" };
	static const char *const bad[] = { "2019-02-29", "2019-13-01", "19-01-01", "2019-1-1",
		                               "2019-00-10", "2019-04-31", "", "2019-03-15x",
		                               "2019/03/15", " 2019-03-15", "2019-03-1５", "二〇一九-03-15",
		                               "1899-12-31", "+019-03-15", "2019-+3-15" };
	char buf[11];
	ce_date d;
	for (size_t i = 0; i < sizeof good / sizeof good[0]; i++) {
		ck_ok(ce_date_parse(&d, good[i]));
		ck_assert(ce_date_valid(d));
		ck_ok(ce_date_format(buf, sizeof buf, d));
		ck_assert_str_eq(buf, good[i]);
	}
	ck_ok(ce_date_parse(&d, "2019-03-15"));
	ck_assert_int_eq(d, 20190315);
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		int rc = ce_date_parse(&d, bad[i]);
		ck_assert_msg(rc == CE_EINVALID, "'%s' parsed (%d)", bad[i], rc);
	}
	ck_rc(ce_date_parse(NULL, "2019-03-15"), CE_EINVALID);
	ck_rc(ce_date_parse(&d, NULL), CE_EINVALID);
	ck_rc(ce_date_format(buf, 10, 20190315), CE_EINVALID);
	ck_rc(ce_date_format(NULL, 11, 20190315), CE_EINVALID);
	ck_rc(ce_date_format(buf, sizeof buf, 20190230), CE_EINVALID);
	ck_rc(ce_date_format(buf, sizeof buf, 0), CE_EINVALID);
}
END_TEST

START_TEST(date_diff)
{
	int64_t n;
	ck_ok(ce_date_diff(&n, 20190101, 20191231));
	ck_assert_int_eq(n, 364);
	ck_ok(ce_date_diff(&n, 20200101, 20210101));
	ck_assert_int_eq(n, 366);
	ck_ok(ce_date_diff(&n, 20190301, 20190228));
	ck_assert_int_eq(n, -1);
	ck_ok(ce_date_diff(&n, 20200228, 20200301));
	ck_assert_int_eq(n, 2);
	ck_ok(ce_date_diff(&n, 20190315, 20190315));
	ck_assert_int_eq(n, 0);
	ck_ok(ce_date_diff(&n, 19000101, 21991231));
	ck_assert_int_eq(n, 109572);
	ck_rc(ce_date_diff(&n, 20190230, 20190301), CE_EINVALID);
	ck_rc(ce_date_diff(&n, 20190301, 0), CE_EINVALID);
	ck_rc(ce_date_diff(NULL, 20190301, 20190302), CE_EINVALID);
}
END_TEST

Suite *suite_db(void)
{
	Suite *s = suite_create("db");
	TCase *tc = store_tcase("open");
	tcase_add_test(tc, open_memory);
	tcase_add_test(tc, open_memory_is_fresh);
	tcase_add_test(tc, open_backend_name);
	tcase_add_test(tc, open_unknown_scheme);
	tcase_add_test(tc, open_null_arguments);
	tcase_add_test(tc, open_options);
	tcase_add_test(tc, open_readonly);
	if (is_sqlite()) {
		tcase_add_test(tc, open_sqlite_uri_and_bare_path);
		tcase_add_test(tc, open_nocreate_missing);
		tcase_add_test(tc, open_newer_schema);
		tcase_add_test(tc, open_not_a_store);
	}
	suite_add_tcase(s, tc);

	tc = store_tcase("errors");
	tcase_add_test(tc, strerror_every_code);
	tcase_add_test(tc, errmsg_names_field_and_value);
	tcase_add_test(tc, errmsg_of_enum_and_date);
	tcase_add_test(tc, version_numbers);
	suite_add_tcase(s, tc);

	tc = store_tcase("dates");
	tcase_add_test(tc, date_valid);
	tcase_add_test(tc, date_parse_format);
	tcase_add_test(tc, date_diff);
	suite_add_tcase(s, tc);
	return s;
}
