/* Labelled exports (CE_IO_LABELS_ZH): CSV headers in Chinese, the data rows
 * unchanged, and ce_io_header_label() naming ids, columns and histories in
 * both languages while refusing what is not a column. The workbook export's
 * refusals and failure behaviour (its content is checked against the CSV
 * export by tests/cli, reading it back with openpyxl). */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <coopedu.h>
#include <coopedu/io.h>
#include "membuf.h"


static char *export_students(ce_db *db, unsigned int flags)
{
	ce_io_options o;
	buf b = { 0 };
	ck_assert_int_eq(ce_io_options_init(&o, CE_IO_OPTIONS_VERSION), CE_OK);
	o.flags = flags;
	ck_assert_msg(ce_export_csv(db, CE_ENTITY_STUDENT, buf_write, &b, &o) == CE_OK, "%s", ce_db_errmsg(db));
	return b.data;
}

START_TEST(csv_headers_in_chinese)
{
	ce_db *db = NULL;
	ce_student_spec s;
	int64_t id;
	ck_assert_int_eq(ce_db_open(&db, "memory:", NULL), CE_OK);
	ck_assert_int_eq(ce_student_spec_init(&s, CE_STUDENT_SPEC_VERSION), CE_OK);
	s.number = "2014001";
	s.name = "李明";
	s.level = CE_STUDENT_LEVEL_ACADEMIC_MASTER;
	s.cohort = 2014;
	s.status_date = 20140901;
	ck_assert_msg(ce_student_create(&id, db, &s) == CE_OK, "%s", ce_db_errmsg(db));
	char *en = export_students(db, 0), *zh = export_students(db, CE_IO_LABELS_ZH);
	ck_assert_msg(strncmp(en, "id,number,name,level,cohort,major,status,status_date,status_history\r\n",
	                      69) == 0, "%s", en);
	ck_assert_msg(strncmp(zh, "序号,学号,姓名,培养层次,年级,专业,状态,状态日期,状态历程\r\n",
	                      strlen("序号,学号,姓名,培养层次,年级,专业,状态,状态日期,状态历程\r\n")) == 0, "%s", zh);
	/* only the header differs */
	ck_assert_str_eq(strstr(en, "\r\n"), strstr(zh, "\r\n"));
	ck_assert_ptr_nonnull(strstr(zh, "2014001,李明,academic_master,2014,,enrolled,2014-09-01,2014-09-01 enrolled"));
	/* and it reads back (import accepts the labels) to the same export */
	ce_db *copy = NULL;
	ck_assert_int_eq(ce_db_open(&copy, "memory:", NULL), CE_OK);
	ck_assert_msg(ce_import_csv(copy, CE_ENTITY_STUDENT, zh, strlen(zh), NULL) == CE_OK, "%s",
	              ce_db_errmsg(copy));
	char *again = export_students(copy, 0);
	ck_assert_str_eq(again, en);
	free(again);
	ce_db_close(copy);
	free(en);
	free(zh);
	ce_db_close(db);
}
END_TEST

START_TEST(header_labels)
{
	char buf[64];
	int status;
	ck_assert_int_eq(ce_column_index(&status, CE_ENTITY_PROJECT, "stage"), CE_OK);
	ck_assert_int_eq(ce_io_header_label(CE_ENTITY_PROJECT, -1, 0, "zh", buf, sizeof buf), CE_OK);
	ck_assert_str_eq(buf, "序号");
	ck_assert_int_eq(ce_io_header_label(CE_ENTITY_PROJECT, -1, 0, NULL, buf, sizeof buf), CE_OK);
	ck_assert_str_eq(buf, "id");
	ck_assert_int_eq(ce_io_header_label(CE_ENTITY_PROJECT, status, 1, "zh", buf, sizeof buf), CE_OK);
	ck_assert_str_eq(buf, "阶段历程");
	ck_assert_int_eq(ce_io_header_label(CE_ENTITY_PROJECT, status, 1, "en", buf, sizeof buf), CE_OK);
	ck_assert_str_eq(buf, "stage_history");
	ck_assert_int_eq(ce_io_header_label(CE_ENTITY_PROJECT, 0, 0, "zh", buf, sizeof buf), CE_OK);
	ck_assert_str_eq(buf, "项目编号");
	/* refused: no history for a plain column or the id, unknown language,
	 * column or entity, a buffer too small, NULL */
	ck_assert_int_eq(ce_io_header_label(CE_ENTITY_PROJECT, 0, 1, "zh", buf, sizeof buf), CE_EINVALID);
	ck_assert_int_eq(ce_io_header_label(CE_ENTITY_PROJECT, -1, 1, "zh", buf, sizeof buf), CE_EINVALID);
	ck_assert_int_eq(ce_io_header_label(CE_ENTITY_PROJECT, 0, 0, "de", buf, sizeof buf), CE_EINVALID);
	ck_assert_int_eq(ce_io_header_label(CE_ENTITY_PROJECT, 99, 0, "zh", buf, sizeof buf), CE_EINVALID);
	ck_assert_int_eq(ce_io_header_label(CE_ENTITY_PROJECT, -2, 0, "zh", buf, sizeof buf), CE_EINVALID);
	ck_assert_int_eq(ce_io_header_label((ce_entity)0, 0, 0, "zh", buf, sizeof buf), CE_EINVALID);
	ck_assert_int_eq(ce_io_header_label(CE_ENTITY_PROJECT, status, 1, "zh", buf, 6), CE_EINVALID);
	ck_assert_int_eq(ce_io_header_label(CE_ENTITY_PROJECT, 0, 0, "zh", NULL, 64), CE_EINVALID);
	/* every column of every entity has a header that fits 64 bytes */
	for (int e = 1; e <= CE_ENTITY_LAST; e++)
		for (int c = -1; c < ce_entity_column_count((ce_entity)e); c++)
			ck_assert_int_eq(ce_io_header_label((ce_entity)e, c, 0, "zh", buf, sizeof buf), CE_OK);
}
END_TEST

static int cancel_at(void *ctx, uint64_t done, uint64_t total)
{
	(void)total;
	return done >= *(uint64_t *)ctx;
}

START_TEST(workbook_refusals_and_failures)
{
	ce_db *db = NULL;
	ce_student_spec s;
	ce_io_options o;
	int64_t id;
	char dir[] = "/tmp/coopedu-xlsx-XXXXXX", path[64], head[3] = "";
	ck_assert_ptr_nonnull(mkdtemp(dir));
	snprintf(path, sizeof path, "%s/office.xlsx", dir);
	ck_assert_int_eq(ce_db_open(&db, "memory:", NULL), CE_OK);
	ck_assert_int_eq(ce_student_spec_init(&s, CE_STUDENT_SPEC_VERSION), CE_OK);
	s.number = "2014001";
	s.name = "李明";
	s.level = CE_STUDENT_LEVEL_ACADEMIC_MASTER;
	s.cohort = 2014;
	s.status_date = 20140901;
	ck_assert_int_eq(ce_student_create(&id, db, &s), CE_OK);
	ck_assert_int_eq(ce_export_xlsx(NULL, path, NULL), CE_EINVALID);
	ck_assert_int_eq(ce_export_xlsx(db, NULL, NULL), CE_EINVALID);
	ck_assert_int_eq(ce_export_xlsx(db, "-", NULL), CE_EINVALID);
	ck_assert_str_eq(ce_db_errmsg(db), "export: a workbook needs a file path");
	ck_assert_int_eq(ce_io_options_init(&o, CE_IO_OPTIONS_VERSION), CE_OK);
	o.flags = 0x8000u;
	ck_assert_int_eq(ce_export_xlsx(db, path, &o), CE_EINVALID);
	ck_assert_int_eq(access(path, F_OK), -1);
	/* cancelled by the progress callback: CE_ERROR and no file */
	uint64_t at = 1;
	o.flags = CE_IO_LABELS_ZH;
	o.progress = cancel_at;
	o.progress_ctx = &at;
	ck_assert_int_eq(ce_export_xlsx(db, path, &o), CE_ERROR);
	ck_assert_int_eq(access(path, F_OK), -1);
	/* written: a zip (PK), and nothing else left in the directory */
	o.progress = NULL;
	ck_assert_msg(ce_export_xlsx(db, path, &o) == CE_OK, "%s", ce_db_errmsg(db));
	FILE *f = fopen(path, "rb");
	ck_assert_ptr_nonnull(f);
	ck_assert_uint_eq(fread(head, 1, 2, f), 2);
	fclose(f);
	ck_assert_str_eq(head, "PK");
	unlink(path);
	/* a text longer than a cell holds: refused naming sheet and column, no file */
	ce_partner_spec p;
	char *longtext = malloc(40001);
	ck_assert_ptr_nonnull(longtext);
	memset(longtext, 'a', 40000);
	longtext[40000] = '\0';
	ck_assert_int_eq(ce_partner_spec_init(&p, CE_PARTNER_SPEC_VERSION), CE_OK);
	p.name = "甲公司";
	p.kind = CE_PARTNER_ENTERPRISE;
	p.sector = longtext;
	ck_assert_msg(ce_partner_create(&id, db, &p) == CE_OK, "%s", ce_db_errmsg(db));
	ck_assert_int_eq(ce_export_xlsx(db, path, NULL), CE_EINVALID);
	ck_assert_msg(strstr(ce_db_errmsg(db), "partner row 1: sector holds more than 32767 characters"),
	              "%s", ce_db_errmsg(db));
	ck_assert_int_eq(access(path, F_OK), -1);
	free(longtext);
	/* a directory that does not exist: CE_ERROR naming the path */
	ck_assert_int_eq(ce_export_xlsx(db, "/nonexistent-coopedu/x.xlsx", NULL), CE_ERROR);
	ck_assert_ptr_nonnull(strstr(ce_db_errmsg(db), "/nonexistent-coopedu/x.xlsx"));
	ck_assert_int_eq(rmdir(dir), 0); /* nothing left behind */
	ce_db_close(db);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("io_labels");
	TCase *tc = tcase_create("labels");
	tcase_add_test(tc, csv_headers_in_chinese);
	tcase_add_test(tc, header_labels);
	tcase_add_test(tc, workbook_refusals_and_failures);
	suite_add_tcase(s, tc);
	SRunner *sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
