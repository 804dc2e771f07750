/* Import and export (coopedu/io.h) on memory stores: byte-identical round
 * trips through JSON and CSV, all-or-nothing imports, refused duplicates,
 * messages naming input, record and field, formula defusing, and the
 * published JSON Schema matching the library's. */
#include <check.h>
#include <dirent.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include <jansson.h>

#include <coopedu.h>
#include <coopedu/io.h>
#include "membuf.h"

/* ---- helpers ------------------------------------------------------------ */


static ce_db *fresh(void)
{
	ce_db *db = NULL;
	ck_assert_int_eq(ce_db_open(&db, "memory:", NULL), CE_OK);
	return db;
}

/* Inserts a record of entity from "column", "text" pairs (NULL ends):
 * values as on a command line, references as ids in decimal. */
static int64_t add(ce_db *db, const char *entity, ...)
{
	ce_entity e;
	ce_record *rec;
	va_list ap;
	const char *col, *val;
	int64_t id = 0;
	ck_assert_int_eq(ce_entity_by_name(&e, entity), CE_OK);
	ck_assert_int_eq(ce_record_new(&rec, e), CE_OK);
	va_start(ap, entity);
	while ((col = va_arg(ap, const char *))) {
		int c, v;
		ce_date d;
		val = va_arg(ap, const char *);
		ck_assert_int_eq(ce_column_index(&c, e, col), CE_OK);
		switch (ce_column_type_of(e, c)) {
		case CE_TYPE_TEXT:
			ck_assert_int_eq(ce_record_set_text(rec, col, val), CE_OK);
			break;
		case CE_TYPE_REAL:
			ck_assert_int_eq(ce_record_set_real(rec, col, strtod(val, NULL)), CE_OK);
			break;
		case CE_TYPE_DATE:
			ck_assert_int_eq(ce_date_parse(&d, val), CE_OK);
			ck_assert_int_eq(ce_record_set_int(rec, col, d), CE_OK);
			break;
		case CE_TYPE_ENUM:
			ck_assert_msg(ce_column_token_value(&v, e, c, val) == CE_OK, "%s.%s %s", entity, col, val);
			ck_assert_int_eq(ce_record_set_int(rec, col, v), CE_OK);
			break;
		case CE_TYPE_FLAGS: {
			int64_t bits = 0;
			char tmp[256], *save, *tok;
			snprintf(tmp, sizeof tmp, "%s", val);
			for (tok = strtok_r(tmp, "|", &save); tok; tok = strtok_r(NULL, "|", &save)) {
				ck_assert_int_eq(ce_column_token_value(&v, e, c, tok), CE_OK);
				bits |= INT64_C(1) << v;
			}
			ck_assert_int_eq(ce_record_set_int(rec, col, bits), CE_OK);
			break;
		}
		case CE_TYPE_BOOL:
			ck_assert_int_eq(ce_record_set_int(rec, col, strcmp(val, "true") == 0), CE_OK);
			break;
		default:
			ck_assert_int_eq(ce_record_set_int(rec, col, atoll(val)), CE_OK);
		}
	}
	va_end(ap);
	ck_assert_msg(ce_record_insert(&id, db, rec) == CE_OK, "%s: %s", entity, ce_db_errmsg(db));
	ce_record_free(rec);
	return id;
}

static void move(ce_db *db, ce_entity e, int64_t id, const char *column, const char *state,
                 const char *on)
{
	int col, v;
	ce_date d;
	ck_assert_int_eq(ce_column_index(&col, e, column), CE_OK);
	ck_assert_int_eq(ce_column_token_value(&v, e, col, state), CE_OK);
	ck_assert_int_eq(ce_date_parse(&d, on), CE_OK);
	ck_assert_msg(ce_record_transition(db, e, id, column, v, d) == CE_OK, "%s", ce_db_errmsg(db));
}

static char idbuf[8][24];
static const char *id_text(int slot, int64_t id)
{
	snprintf(idbuf[slot], sizeof idbuf[slot], "%lld", (long long)id);
	return idbuf[slot];
}

/* A small store touching every kind of value: Chinese text, formula-like
 * text, flags, money, reals, lifecycles with several moves, references by
 * key and by id, and gaps in the ids left by deletes. */
static void build(ce_db *db)
{
	int64_t gap = add(db, "partner", "name", "临时单位", "kind", "government", NULL);
	int64_t school = add(db, "partner", "name", "齐鲁工业大学", "kind", "university", "region",
	                     "山东省济南市", NULL);
	int64_t firm = add(db, "partner", "name", "山东某航空材料有限公司", "kind", "enterprise",
	                   "ownership", "private", "sector", "有色金属, \"铝合金\"\n第二行", NULL);
	int64_t odd = add(db, "partner", "name", "@某公司", "kind", "enterprise", "region", "-济南",
	                  "sector", "'=x", NULL);
	ck_assert_int_eq(ce_record_delete(db, CE_ENTITY_PARTNER, gap, CE_DELETE_RESTRICT), CE_OK);

	int64_t agr = add(db, "agreement", "title", "联合培养协议", "scopes",
	                  "internship_hosting|joint_project", "start_date", "2015-03-01", "status",
	                  "draft", "status_date", "2015-02-01", "conduct_terms", "=1+1", NULL);
	move(db, CE_ENTITY_AGREEMENT, agr, "status", "active", "2015-03-01");
	move(db, CE_ENTITY_AGREEMENT, agr, "status", "expired", "2020-03-01");
	add(db, "agreement_party", "agreement", id_text(0, agr), "partner", id_text(1, firm), NULL);
	add(db, "agreement_party", "agreement", id_text(0, agr), "partner", id_text(1, odd), NULL);

	int64_t wang = add(db, "supervisor", "name", "王立新", "kind", "academic", "staff_number", "T2001",
	                   "affiliation", id_text(0, school), "industry_experience", "true", NULL);
	int64_t li = add(db, "supervisor", "name", "李工", "kind", "enterprise", "affiliation",
	                 id_text(0, firm), NULL);

	int64_t proj = add(db, "project", "code", "201901022063", "title", "覆膜砂回收", "budget", "2000000",
	                   "currency", "CNY", "start_date", "2019-05-01", "status_date", "2019-05-01",
	                   "stage_date", "2019-05-01", "principal_investigator", id_text(0, wang),
	                   "agreement", id_text(1, agr), NULL);
	move(db, CE_ENTITY_PROJECT, proj, "stage", "pilot", "2020-03-01");
	move(db, CE_ENTITY_PROJECT, proj, "status", "active", "2019-06-01");
	int64_t s1 = add(db, "subtopic", "project", id_text(0, proj), "title", "覆膜砂再生工艺", "kind",
	                 "applied", "site", "enterprise", "partner", id_text(1, firm), "planned_days", "120",
	                 "status_date", "2019-05-10", NULL);
	int64_t s2 = add(db, "subtopic", "project", id_text(0, proj), "title", "经济性分析", "kind",
	                 "theoretical", "site", "university", "status_date", "2019-05-10", NULL);
	move(db, CE_ENTITY_SUBTOPIC, s1, "status", "approved", "2019-06-01");
	add(db, "subtopic_dependency", "subtopic", id_text(0, s2), "depends_on", id_text(1, s1), NULL);
	add(db, "milestone", "subtopic", id_text(0, s1), "title", "中期检查", "due_date", "2019-12-31", NULL);
	add(db, "budget_line", "subtopic", id_text(0, s1), "category", "材料费", "planned", "500000",
	    "actual", "612345", "currency", "CNY", NULL);

	int64_t zhao = add(db, "student", "number", "2014210301", "name", "赵磊", "level",
	                   "academic_master", "cohort", "2014", "status_date", "2014-09-01", NULL);
	move(db, CE_ENTITY_STUDENT, zhao, "status", "graduated", "2017-06-30");
	add(db, "supervision", "student", id_text(0, zhao), "supervisor", id_text(1, li), "role",
	    "enterprise", "start_date", "2015-03-01", NULL);
	add(db, "evaluation", "supervisor", id_text(0, li), "period_start", "2019-09-01", "period_end",
	    "2020-08-31", "evaluator", "student", "criterion", "指导投入", "score", "92.3", NULL);
	add(db, "evaluation", "supervisor", id_text(0, li), "period_start", "2019-09-01", "period_end",
	    "2020-08-31", "evaluator", "school", "criterion", "成效", "score", "0.1", NULL);

	int64_t pat = add(db, "outcome", "kind", "invention_patent", "title", "一种覆膜砂再生方法",
	                  "patent_number", "CN201910000001.X", "status_date", "2019-07-01", NULL);
	move(db, CE_ENTITY_OUTCOME, pat, "status", "published", "2020-01-10");
	move(db, CE_ENTITY_OUTCOME, pat, "status", "granted", "2021-03-02");
	add(db, "outcome_contributor", "outcome", id_text(0, pat), "position", "1", "student",
	    id_text(1, zhao), NULL);
	add(db, "outcome_contributor", "outcome", id_text(0, pat), "position", "2", "supervisor",
	    id_text(1, li), NULL);
	add(db, "outcome_attribution", "outcome", id_text(0, pat), "subtopic", id_text(1, s1), NULL);
}

static buf export_json(ce_db *db)
{
	buf b = { 0 };
	ck_assert_msg(ce_export_json(db, buf_write, &b, NULL) == CE_OK, "%s", ce_db_errmsg(db));
	return b;
}

static int64_t total_records(ce_db *db)
{
	int64_t total = 0, n;
	for (int e = 1; e <= CE_ENTITY_LAST; e++) {
		ck_assert_int_eq(ce_record_count(&n, db, (ce_entity)e, NULL), CE_OK);
		total += n;
	}
	return total;
}

static char saved[512]; /* the message of the last refused_*() import */

static void assert_saved(const char *needle)
{
	ck_assert_msg(strstr(saved, needle), "message '%s' lacks '%s'", saved, needle);
}

static void assert_msg_has(ce_db *db, const char *needle)
{
	ck_assert_msg(strstr(ce_db_errmsg(db), needle), "message '%s' lacks '%s'", ce_db_errmsg(db), needle);
}

/* Imports doc into a fresh store, expecting code; checks nothing was written. */
static ce_db *refused_json(const char *doc, int code)
{
	ce_db *db = fresh();
	int rc = ce_import_json(db, doc, strlen(doc), NULL);
	ck_assert_msg(rc == code, "rc %d (want %d): %s", rc, code, ce_db_errmsg(db));
	snprintf(saved, sizeof saved, "%s", ce_db_errmsg(db));
	ck_assert_int_eq(total_records(db), 0);
	ck_assert_int_eq(ce_db_in_transaction(db), 0);
	return db;
}

static ce_db *refused_csv(ce_entity e, const char *text, int code)
{
	ce_db *db = fresh();
	int rc = ce_import_csv(db, e, text, strlen(text), NULL);
	ck_assert_msg(rc == code, "rc %d (want %d): %s", rc, code, ce_db_errmsg(db));
	snprintf(saved, sizeof saved, "%s", ce_db_errmsg(db));
	ck_assert_int_eq(total_records(db), 0);
	return db;
}

#define DOC(body) "{\"format\": \"coopedu\", \"version\": 1, " body "}"

/* ---- round trips --------------------------------------------------------------- */

START_TEST(json_round_trip_is_byte_identical)
{
	ce_db *a = fresh(), *b = fresh();
	build(a);
	buf first = export_json(a);
	ck_assert_msg(ce_import_json(b, first.data, first.len, NULL) == CE_OK, "%s", ce_db_errmsg(b));
	buf second = export_json(b);
	ck_assert_uint_eq(first.len, second.len);
	ck_assert_msg(memcmp(first.data, second.data, first.len) == 0, "exports differ");
	ck_assert_int_eq(total_records(a), total_records(b));
	/* The shape the documentation promises. */
	ck_assert_ptr_nonnull(strstr(first.data, "\"format\": \"coopedu\""));
	ck_assert_ptr_nonnull(strstr(first.data, "\"scopes\": [\"internship_hosting\", \"joint_project\"]"));
	ck_assert_ptr_nonnull(strstr(first.data, "\"principal_investigator\": \"T2001\""));
	ck_assert_ptr_nonnull(strstr(first.data, "\"supervisor\": 2")); /* no staff number: by id */
	ck_assert_ptr_nonnull(strstr(first.data, "\"score\": 92.3,"));
	ck_assert_ptr_nonnull(strstr(first.data, "\"score\": 0.1,"));
	ck_assert_ptr_nonnull(strstr(first.data, "\"budget\": 2000000,"));
	ck_assert_ptr_nonnull(strstr(first.data, "{\"id\": 1, \"name\": \"齐鲁工业大学\"")); /* renumbered */
	free(first.data);
	free(second.data);
	ce_db_close(a);
	ce_db_close(b);
}
END_TEST

START_TEST(histories_survive_the_round_trip)
{
	ce_db *a = fresh(), *b = fresh();
	ce_transition *h;
	size_t n;
	build(a);
	buf doc = export_json(a);
	ck_assert_int_eq(ce_import_json(b, doc.data, doc.len, NULL), CE_OK);
	ck_assert_int_eq(ce_history(&h, &n, b, CE_ENTITY_OUTCOME, 1, "status"), CE_OK);
	ck_assert_uint_eq(n, 3);
	ck_assert_int_eq(h[0].to, CE_OUTCOME_STATUS_FILED);
	ck_assert_int_eq(h[0].on, CE_DATE(2019, 7, 1));
	ck_assert_int_eq(h[1].from, CE_OUTCOME_STATUS_FILED);
	ck_assert_int_eq(h[2].to, CE_OUTCOME_STATUS_GRANTED);
	ck_assert_int_eq(h[2].on, CE_DATE(2021, 3, 2));
	ce_transitions_free(h);
	ck_assert_int_eq(ce_history(&h, &n, b, CE_ENTITY_PROJECT, 1, "stage"), CE_OK);
	ck_assert_uint_eq(n, 2);
	ck_assert_int_eq(h[1].to, CE_PROJECT_STAGE_PILOT);
	ce_transitions_free(h);
	free(doc.data);
	ce_db_close(a);
	ce_db_close(b);
}
END_TEST

static char *temp_dir(void)
{
	char tmpl[] = "/tmp/ce_io_XXXXXX";
	char *d = mkdtemp(tmpl);
	ck_assert_ptr_nonnull(d);
	return strdup(d);
}

static void remove_dir(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *ent;
	char path[512];
	while (d && (ent = readdir(d)))
		if (ent->d_name[0] != '.') {
			snprintf(path, sizeof path, "%s/%s", dir, ent->d_name);
			unlink(path);
		}
	if (d)
		closedir(d);
	rmdir(dir);
}

static char *slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	buf b = { 0 };
	char chunk[4096];
	size_t n;
	ck_assert_ptr_nonnull(f);
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		ck_assert_int_eq(buf_write(&b, chunk, n), 0);
	fclose(f);
	if (!b.data)
		ck_assert_int_eq(buf_write(&b, "", 0), 0);
	return b.data;
}

START_TEST(csv_round_trip_is_exact)
{
	ce_db *a = fresh(), *b = fresh();
	char *dir = temp_dir(), path[512];
	build(a);
	buf json = export_json(a);
	ck_assert_msg(ce_export_csv_dir(a, dir, NULL) == CE_OK, "%s", ce_db_errmsg(a));
	ck_assert_msg(ce_import_csv_dir(b, dir, NULL) == CE_OK, "%s", ce_db_errmsg(b));
	buf again = export_json(b);
	ck_assert_msg(json.len == again.len && memcmp(json.data, again.data, json.len) == 0,
	              "CSV round trip changed the data");
	/* RFC 4180 quoting, CRLF, and defused formulas. */
	snprintf(path, sizeof path, "%s/partner.csv", dir);
	char *partner = slurp(path);
	ck_assert_ptr_nonnull(strstr(partner, "id,name,kind,sector,region,ownership,credit_code\r\n"));
	ck_assert_ptr_nonnull(strstr(partner, "\"有色金属, \"\"铝合金\"\"\n第二行\""));
	ck_assert_ptr_nonnull(strstr(partner, ",'@某公司,"));
	ck_assert_ptr_nonnull(strstr(partner, ",'-济南,"));
	ck_assert_ptr_nonnull(strstr(partner, ",''=x,"));
	snprintf(path, sizeof path, "%s/project.csv", dir);
	char *project = slurp(path);
	ck_assert_ptr_nonnull(strstr(project, ",2019-05-01 laboratory|2020-03-01 pilot\r\n"));
	free(partner);
	free(project);
	free(json.data);
	free(again.data);
	remove_dir(dir);
	free(dir);
	ce_db_close(a);
	ce_db_close(b);
}
END_TEST

/* An export imported back with CE_IO_UPDATE into the store it came from
 * matches every record (natural keys, exported ids) and changes nothing;
 * the same through CSV files. */
START_TEST(update_import_of_an_own_export_changes_nothing)
{
	ce_db *db = fresh();
	build(db);
	buf first = export_json(db);
	ce_io_counts n = { 9, 9, 9 };
	ce_io_options o = CE_IO_OPTIONS_INIT;
	o.flags = CE_IO_UPDATE;
	o.counts = &n;
	ck_assert_msg(ce_import_json(db, first.data, first.len, &o) == CE_OK, "%s", ce_db_errmsg(db));
	ck_assert_int_eq(n.created, 0);
	ck_assert_int_eq(n.updated, 0);
	ck_assert_int_eq((int64_t)n.unchanged, total_records(db));
	buf again = export_json(db);
	ck_assert_str_eq(again.data, first.data);
	char *dir = temp_dir();
	ck_assert_int_eq(ce_export_csv_dir(db, dir, NULL), CE_OK);
	ck_assert_msg(ce_import_csv_dir(db, dir, &o) == CE_OK, "%s", ce_db_errmsg(db));
	ck_assert_int_eq(n.created + n.updated, 0);
	ck_assert_int_eq((int64_t)n.unchanged, total_records(db));
	remove_dir(dir);
	free(dir);
	free(again.data);
	free(first.data);
	ce_db_close(db);
}
END_TEST

/* A CSV export with Chinese headers (CE_IO_LABELS_ZH) imports back into
 * the same data set, byte for byte. */
START_TEST(csv_with_chinese_headers_round_trips)
{
	ce_db *a = fresh(), *b = fresh();
	ce_io_options o = CE_IO_OPTIONS_INIT;
	build(a);
	buf first = export_json(a);
	char *dir = temp_dir();
	o.flags = CE_IO_LABELS_ZH;
	ck_assert_int_eq(ce_export_csv_dir(a, dir, &o), CE_OK);
	char path[1100];
	snprintf(path, sizeof path, "%s/student.csv", dir);
	char *text = slurp(path);
	ck_assert_ptr_nonnull(strstr(text, "序号,学号,姓名"));
	free(text);
	ck_assert_msg(ce_import_csv_dir(b, dir, NULL) == CE_OK, "%s", ce_db_errmsg(b));
	buf second = export_json(b);
	ck_assert_str_eq(second.data, first.data);
	remove_dir(dir);
	free(dir);
	free(first.data);
	free(second.data);
	ce_db_close(a);
	ce_db_close(b);
}
END_TEST

START_TEST(csv_raw_keeps_text_as_is)
{
	ce_db *a = fresh();
	buf b = { 0 };
	ce_io_options o;
	ck_assert_int_eq(ce_io_options_init(&o, CE_IO_OPTIONS_VERSION), CE_OK);
	add(a, "partner", "name", "=HYPERLINK(\"x\")", "kind", "enterprise", NULL);
	o.flags = CE_IO_CSV_RAW | CE_IO_CSV_BOM;
	ck_assert_int_eq(ce_export_csv(a, CE_ENTITY_PARTNER, buf_write, &b, &o), CE_OK);
	ck_assert_int_eq(memcmp(b.data, "\xEF\xBB\xBFid,", 6), 0);
	ck_assert_ptr_nonnull(strstr(b.data, "1,\"=HYPERLINK(\"\"x\"\")\",enterprise"));
	free(b.data);
	b = (buf){ 0 };
	ck_assert_int_eq(ce_export_csv(a, CE_ENTITY_PARTNER, buf_write, &b, NULL), CE_OK);
	ck_assert_ptr_nonnull(strstr(b.data, "1,\"'=HYPERLINK(\"\"x\"\")\",enterprise"));
	/* A BOM on input is skipped; the defused cell reads back as it was. */
	ce_db *c = fresh();
	char with_bom[256];
	snprintf(with_bom, sizeof with_bom, "\xEF\xBB\xBF%s", b.data);
	ck_assert_msg(ce_import_csv(c, CE_ENTITY_PARTNER, with_bom, strlen(with_bom), NULL) == CE_OK, "%s",
	              ce_db_errmsg(c));
	ce_partner *p;
	ck_assert_int_eq(ce_partner_lookup(&p, c, 1), CE_OK);
	ck_assert_str_eq(ce_partner_fields(p)->name, "=HYPERLINK(\"x\")");
	ce_partner_free(p);
	free(b.data);
	ce_db_close(a);
	ce_db_close(c);
}
END_TEST

/* Spreadsheets may trim leading spaces before reading a formula: "  =SUM(A1)"
 * is defused like "=SUM(A1)", and reads back exactly (issue 14). */
START_TEST(csv_defuses_formulas_after_spaces)
{
	ce_db *a = fresh(), *c = fresh();
	buf b = { 0 };
	add(a, "partner", "name", "甲单位", "kind", "enterprise", "region", "  =SUM(A1)", "sector", " 铸造",
	    NULL);
	add(a, "partner", "name", "乙单位", "kind", "enterprise", "region", " '@济南", NULL);
	ck_assert_int_eq(ce_export_csv(a, CE_ENTITY_PARTNER, buf_write, &b, NULL), CE_OK);
	ck_assert_ptr_nonnull(strstr(b.data, ",\" 铸造\",'  =SUM(A1),"));
	ck_assert_ptr_nonnull(strstr(b.data, ",' '@济南,"));
	ck_assert_msg(ce_import_csv(c, CE_ENTITY_PARTNER, b.data, b.len, NULL) == CE_OK, "%s", ce_db_errmsg(c));
	ce_partner *p;
	ck_assert_int_eq(ce_partner_lookup(&p, c, 1), CE_OK);
	ck_assert_str_eq(ce_partner_fields(p)->region, "  =SUM(A1)");
	ck_assert_str_eq(ce_partner_fields(p)->sector, " 铸造");
	ce_partner_free(p);
	ck_assert_int_eq(ce_partner_lookup(&p, c, 2), CE_OK);
	ck_assert_str_eq(ce_partner_fields(p)->region, " '@济南");
	ce_partner_free(p);
	free(b.data);
	ce_db_close(a);
	ce_db_close(c);
}
END_TEST

/* A UTF-8 byte-order mark is skipped in JSON as in CSV (issue 14). */
START_TEST(json_accepts_a_byte_order_mark)
{
	ce_db *db = fresh();
	static const char doc[] = "\xEF\xBB\xBF{\"format\": \"coopedu\", \"version\": 1, "
	                          "\"partner\": [{\"name\": \"甲单位\", \"kind\": \"enterprise\"}]}";
	ck_assert_msg(ce_import_json(db, doc, strlen(doc), NULL) == CE_OK, "%s", ce_db_errmsg(db));
	int64_t n = 0;
	ck_assert_int_eq(ce_record_count(&n, db, CE_ENTITY_PARTNER, NULL), CE_OK);
	ck_assert_int_eq(n, 1);
	/* Only at the start, and only once. */
	static const char twice[] = "\xEF\xBB\xBF\xEF\xBB\xBF{}";
	ck_assert_int_eq(ce_import_json(db, twice, strlen(twice), NULL), CE_EINVALID);
	ck_assert_ptr_nonnull(strstr(ce_db_errmsg(db), "malformed JSON"));
	ce_db_close(db);
}
END_TEST

/* ---- all or nothing, and messages -------------------------------------------------- */

START_TEST(failure_leaves_the_store_unchanged)
{
	ce_db *db = refused_json(
		DOC("\"partner\": [{\"name\": \"甲\", \"kind\": \"enterprise\"}, {\"name\": \"乙\", \"kind\": "
		    "\"enterprise\"}], \"student\": [{\"number\": \"1\", \"name\": \"张三\", \"level\": "
		    "\"undergraduate\", \"cohort\": 2019, \"status_date\": \"2019-09-01\"}, {\"number\": \"2\", "
		    "\"name\": \"李四\", \"level\": \"undergraduate\", \"cohort\": \"2019\"}]"),
		CE_EINVALID);
	assert_saved("<input>: student[1].cohort: expected an integer, got a string");
	ce_db_close(db);
}
END_TEST

START_TEST(library_messages_carry_the_location)
{
	ce_io_options o = CE_IO_OPTIONS_INIT;
	ce_db *db = fresh();
	const char *doc = DOC("\"student\": [{\"number\": \"1\", \"name\": \"张三\", \"level\": "
	                      "\"undergraduate\", \"cohort\": 1800, \"status_date\": \"2019-09-01\"}]");
	o.source_name = "students.json";
	ck_assert_int_eq(ce_import_json(db, doc, strlen(doc), &o), CE_EINVALID);
	assert_msg_has(db, "students.json: student[0]: student.cohort: 1800 is outside");
	ck_assert_int_eq(ce_last_errcode(), CE_EINVALID);
	ce_db_close(db);
}
END_TEST

START_TEST(bad_json_is_refused_clearly)
{
	ce_db *db;
	db = refused_json("{\"format\": \"coopedu\", \"version\": 1, \"partner\": [", CE_EINVALID);
	assert_saved("malformed JSON");
	assert_saved("<input>:1:");
	ce_db_close(db);
	db = refused_json("", CE_EINVALID);
	assert_saved("empty input");
	ce_db_close(db);
	db = refused_json("[1, 2]", CE_EINVALID);
	ce_db_close(db);
	db = refused_json("{\"version\": 1}", CE_EINVALID);
	assert_saved("format");
	ce_db_close(db);
	db = refused_json(DOC("\"students\": []"), CE_EINVALID);
	assert_saved("did you mean 'student'");
	ce_db_close(db);
	db = refused_json(DOC("\"partner\": [{\"nmae\": \"甲\", \"kind\": \"enterprise\"}]"), CE_EINVALID);
	assert_saved("partner[0]: unknown field 'nmae'");
	ce_db_close(db);
	db = refused_json(DOC("\"partner\": [{\"name\": \"甲\", \"kind\": \"firm\"}]"), CE_EINVALID);
	assert_saved("partner[0].kind: 'firm' is not one of: university, enterprise");
	ce_db_close(db);
	db = refused_json(DOC("\"partner\": {}"), CE_EINVALID);
	ce_db_close(db);
	db = refused_json(DOC("\"partner\": [{\"name\": \"甲\", \"name\": \"乙\", \"kind\": \"enterprise\"}]"),
	                  CE_EINVALID);
	assert_saved("duplicate");
	ce_db_close(db);
	/* Not UTF-8: jansson refuses the bytes. */
	db = refused_json(DOC("\"partner\": [{\"name\": \"\xff\xfe\", \"kind\": \"enterprise\"}]"), CE_EINVALID);
	assert_saved("malformed JSON");
	ce_db_close(db);
	db = refused_json(DOC("\"agreement\": [{\"title\": \"t\", \"scopes\": \"consulting\", "
	                      "\"start_date\": \"2019-02-30\", \"status_date\": \"2019-01-01\"}]"),
	                  CE_EINVALID);
	assert_saved("agreement[0].scopes: expected an array of tokens");
	ce_db_close(db);
	db = refused_json(DOC("\"agreement\": [{\"title\": \"t\", \"scopes\": [\"consulting\"], "
	                      "\"start_date\": \"2019-02-30\", \"status_date\": \"2019-01-01\"}]"),
	                  CE_EINVALID);
	assert_saved("agreement[0].start_date: '2019-02-30' is not a date");
	ce_db_close(db);
}
END_TEST

START_TEST(references_must_resolve)
{
	ce_db *db;
	db = refused_json(DOC("\"placement\": [{\"student\": \"404\", \"host\": \"甲\", \"start_date\": "
	                      "\"2019-07-01\"}]"),
	                  CE_ECONSTRAINT);
	assert_saved("placement[0].student: no student with number '404'");
	ce_db_close(db);
	db = refused_json(DOC("\"supervisor\": [{\"id\": 1, \"name\": \"王\", \"kind\": \"academic\"}], "
	                      "\"evaluation\": [{\"supervisor\": 9, \"period_start\": \"2019-01-01\", "
	                      "\"period_end\": \"2019-12-31\", \"evaluator\": \"school\", \"criterion\": \"x\"}]"),
	                  CE_ECONSTRAINT);
	assert_saved("evaluation[0].supervisor: no supervisor with id 9 in this input");
	ce_db_close(db);
	db = refused_json(DOC("\"milestone\": [{\"subtopic\": \"基础研究\", \"title\": \"m\", \"due_date\": "
	                      "\"2019-01-01\"}]"),
	                  CE_EINVALID);
	assert_saved("milestone[0].subtopic: '基础研究' is not an id");
	ce_db_close(db);
}
END_TEST

START_TEST(duplicates_are_refused)
{
	ce_db *db = refused_json(DOC("\"partner\": [{\"name\": \"甲\", \"kind\": \"enterprise\"}, {\"name\": "
	                             "\"乙\", \"kind\": \"enterprise\"}, {\"name\": \"甲\", \"kind\": "
	                             "\"government\"}]"),
	                         CE_EEXISTS);
	assert_saved("partner[2].name: '甲' appears twice in this input (first at partner[0])");
	ce_db_close(db);
	db = refused_json(DOC("\"supervisor\": [{\"id\": 1, \"name\": \"王\", \"kind\": \"academic\"}, "
	                      "{\"id\": 1, \"name\": \"李\", \"kind\": \"academic\"}]"),
	                  CE_EEXISTS);
	assert_saved("supervisor[1].id: 1 is used by two supervisor records");
	ce_db_close(db);
}
END_TEST

START_TEST(reimport_is_refused_and_changes_nothing)
{
	ce_db *a = fresh(), *b = fresh();
	build(a);
	buf doc = export_json(a);
	ck_assert_int_eq(ce_import_json(b, doc.data, doc.len, NULL), CE_OK);
	int64_t before = total_records(b);
	ck_assert_int_eq(ce_import_json(b, doc.data, doc.len, NULL), CE_EEXISTS);
	assert_msg_has(b, "partner[0].name: partner '齐鲁工业大学' is already in the store (id 1)");
	ck_assert_int_eq(total_records(b), before);
	buf again = export_json(b);
	ck_assert(doc.len == again.len && memcmp(doc.data, again.data, doc.len) == 0);
	free(doc.data);
	free(again.data);
	ce_db_close(a);
	ce_db_close(b);
}
END_TEST

START_TEST(unkeyed_duplicates_are_refused)
{
	ce_db *db = fresh();
	const char *csv = "subtopic,title,due_date\r\n1,中期检查,2019-12-31\r\n";
	build(db);
	int64_t before = total_records(db);
	/* The subtopic is named by its store id: the import carries no subtopics. */
	ck_assert_msg(ce_import_csv(db, CE_ENTITY_MILESTONE, csv, strlen(csv), NULL) == CE_EEXISTS, "%s",
	              ce_db_errmsg(db));
	assert_msg_has(db, "<input>:2: an identical milestone is already in the store (id 1)");
	ck_assert_int_eq(total_records(db), before);
	const char *other = "subtopic,title,due_date\r\n1,开题报告,2019-03-31\r\n";
	ck_assert_msg(ce_import_csv(db, CE_ENTITY_MILESTONE, other, strlen(other), NULL) == CE_OK, "%s",
	              ce_db_errmsg(db));
	ck_assert_int_eq(total_records(db), before + 1);
	ce_db_close(db);
}
END_TEST

START_TEST(csv_resolves_keys_in_the_store)
{
	ce_db *db = fresh();
	const char *students = "number,name,level,cohort,status_date\r\n"
	                       "2019001,张三,undergraduate,2019,2019-09-01\r\n"
	                       "2019002,李四,undergraduate,2019,2019-09-01\r\n";
	const char *placements = "student,host,start_date,end_date\r\n"
	                         "2019001,山东某航空材料有限公司,2020-07-01,2020-08-31\r\n"
	                         "2019002,@某公司,2020-07-01,\r\n";
	build(db);
	ck_assert_msg(ce_import_csv(db, CE_ENTITY_STUDENT, students, strlen(students), NULL) == CE_OK, "%s",
	              ce_db_errmsg(db));
	ck_assert_msg(ce_import_csv(db, CE_ENTITY_PLACEMENT, placements, strlen(placements), NULL) == CE_OK,
	              "%s", ce_db_errmsg(db));
	int64_t n;
	ck_assert_int_eq(ce_record_count(&n, db, CE_ENTITY_PLACEMENT, NULL), CE_OK);
	ck_assert_int_eq(n, 2);
	ce_db_close(db);
}
END_TEST

/* A header of Chinese labels (export --labels zh) names the same fields as
 * the column names; a field named both ways is named twice. */
START_TEST(csv_accepts_chinese_headers)
{
	ce_db *db = fresh();
	const char *students = "序号,学号,姓名,培养层次,年级,专业,状态,状态日期,状态历程\r\n"
	                       "1,2019001,张三,undergraduate,2019,材料工程,graduated,2023-06-30,"
	                       "2019-09-01 enrolled|2023-06-30 graduated\r\n"
	                       "2,2019002,李四,undergraduate,2019,,enrolled,2019-09-01,\r\n";
	ce_student *r;
	ck_assert_msg(ce_import_csv(db, CE_ENTITY_STUDENT, students, strlen(students), NULL) == CE_OK, "%s",
	              ce_db_errmsg(db));
	ck_assert_int_eq(ce_student_lookup_by_number(&r, db, "2019001"), CE_OK);
	ck_assert_str_eq(ce_student_fields(r)->name, "张三");
	ck_assert_str_eq(ce_student_fields(r)->major, "材料工程");
	ck_assert_int_eq(ce_student_fields(r)->status, CE_STUDENT_STATUS_GRADUATED);
	ce_student_free(r);
	ce_db_close(db);
	db = refused_csv(CE_ENTITY_STUDENT, "学号,number,姓名\r\n1,1,张三\r\n", CE_EINVALID);
	assert_saved("header: column 'number' appears twice");
	ce_db_close(db);
	db = refused_csv(CE_ENTITY_STUDENT, "学号,名字\r\n1,张三\r\n", CE_EINVALID);
	assert_saved("header: unknown column '名字'");
	ce_db_close(db);
}
END_TEST

START_TEST(bad_csv_is_refused_clearly)
{
	ce_db *db;
	db = refused_csv(CE_ENTITY_PARTNER, "", CE_EINVALID);
	assert_saved("empty input");
	ce_db_close(db);
	db = refused_csv(CE_ENTITY_PARTNER, "name,kind\r\n甲,enterprise\r\n乙\r\n", CE_EINVALID);
	assert_saved("<input>:3: 1 fields, but the header has 2");
	ce_db_close(db);
	db = refused_csv(CE_ENTITY_PARTNER, "name,kind\r\n甲,enterprise\r\n\"乙\"x,enterprise\r\n",
	                 CE_EINVALID);
	assert_saved("<input>:3: malformed CSV");
	ce_db_close(db);
	db = refused_csv(CE_ENTITY_PARTNER, "name,kind\r\n\"甲,enterprise\r\n", CE_EINVALID);
	assert_saved("not closed");
	ce_db_close(db);
	db = refused_csv(CE_ENTITY_PARTNER, "name,kind,size\r\n甲,enterprise,3\r\n", CE_EINVALID);
	assert_saved("header: unknown column 'size'");
	ce_db_close(db);
	db = refused_csv(CE_ENTITY_PARTNER, "name,kind,name\r\n", CE_EINVALID);
	assert_saved("appears twice");
	ce_db_close(db);
	db = refused_csv(CE_ENTITY_STUDENT,
	                 "number,name,level,cohort,status_date\r\n1,张三,undergraduate,19x9,2019-09-01\r\n",
	                 CE_EINVALID);
	assert_saved("<input>:2: cohort: '19x9' is not an integer");
	ce_db_close(db);
	db = refused_csv(CE_ENTITY_PARTNER, "name,kind\r\n甲,enterprise\r\n\xff\xfe,enterprise\r\n", CE_EINVALID);
	assert_saved("<input>:3: name: not valid UTF-8");
	ce_db_close(db);
	const char nul[] = "name,kind\r\n甲\0乙,enterprise\r\n";
	db = fresh();
	ck_assert_int_eq(ce_import_csv(db, CE_ENTITY_PARTNER, nul, sizeof nul - 1, NULL), CE_EINVALID);
	assert_msg_has(db, "NUL byte");
	ce_db_close(db);
	/* A quoted field spanning lines keeps later line numbers right. */
	db = refused_csv(CE_ENTITY_PARTNER,
	                 "name,kind,sector\r\n甲,enterprise,\"a\nb\"\r\n乙,enterprise,x\r\n丙,bogus,y\r\n",
	                 CE_EINVALID);
	assert_saved("<input>:5: kind: 'bogus' is not one of");
	ce_db_close(db);
	db = refused_csv(CE_ENTITY_PROJECT,
	                 "code,title,status_date,status_history\r\nP1,t,2019-01-01,2019-01-01 active|2018-01-01 completed\r\n",
	                 CE_ETRANSITION);
	assert_saved("status_history");
	ce_db_close(db);
}
END_TEST

START_TEST(history_must_agree_with_the_state)
{
	ce_db *db = refused_json(DOC("\"student\": [{\"number\": \"1\", \"name\": \"张三\", \"level\": "
	                             "\"undergraduate\", \"cohort\": 2019, \"status\": \"withdrawn\", "
	                             "\"status_date\": \"2020-01-01\", \"status_history\": [{\"state\": "
	                             "\"enrolled\", \"on\": \"2019-09-01\"}, {\"state\": \"graduated\", "
	                             "\"on\": \"2020-01-01\"}]}]"),
	                         CE_EINVALID);
	assert_saved("student[0].status: 'withdrawn' is not where status_history ends ('graduated')");
	ce_db_close(db);
	db = refused_json(DOC("\"student\": [{\"number\": \"1\", \"name\": \"张三\", \"level\": "
	                      "\"undergraduate\", \"cohort\": 2019, \"status_history\": [{\"state\": "
	                      "\"graduated\", \"on\": \"2019-09-01\"}, {\"state\": \"enrolled\", "
	                      "\"on\": \"2020-01-01\"}]}]"),
	                  CE_ETRANSITION);
	assert_saved("student[0].status_history[1]: student.status: graduated -> enrolled is not allowed");
	ce_db_close(db);
}
END_TEST

START_TEST(hand_written_documents_are_welcome)
{
	/* No ids, no histories (or empty ones), keys only, "$schema" for editors. */
	ce_db *db = fresh();
	const char *doc = "{\"$schema\": \"coopedu.schema.json\", \"format\": \"coopedu\", \"version\": 1, "
	                  "\"placement\": [{\"student\": \"2019001\", \"host\": \"甲\", \"start_date\": "
	                  "\"2020-07-01\"}], "
	                  "\"student\": [{\"number\": \"2019001\", \"name\": \"张三\", \"level\": "
	                  "\"undergraduate\", \"cohort\": 2019, \"status_date\": \"2019-09-01\", "
	                  "\"status_history\": []}], "
	                  "\"partner\": [{\"name\": \"甲\", \"kind\": \"enterprise\"}]}";
	ck_assert_msg(ce_import_json(db, doc, strlen(doc), NULL) == CE_OK, "%s", ce_db_errmsg(db));
	ck_assert_int_eq(total_records(db), 3);
	ce_db_close(db);
}
END_TEST

/* ---- transactions, options, progress ----------------------------------------------------- */

START_TEST(an_open_transaction_is_left_alone)
{
	ce_db *db = fresh();
	const char *doc = DOC("\"partner\": [{\"name\": \"甲\", \"kind\": \"enterprise\"}]");
	ck_assert_int_eq(ce_db_begin(db), CE_OK);
	ck_assert_int_eq(ce_import_json(db, doc, strlen(doc), NULL), CE_EMISUSE);
	ck_assert_int_eq(ce_db_in_transaction(db), 1);
	ck_assert_int_eq(ce_db_rollback(db), CE_OK);
	ce_db_close(db);
}
END_TEST

typedef struct counter {
	uint64_t calls, done, total, cancel_at;
} counter;

static int count_progress(void *ctx, uint64_t done, uint64_t total)
{
	counter *c = ctx;
	c->calls++;
	c->done = done;
	c->total = total;
	return c->cancel_at && done >= c->cancel_at;
}

START_TEST(progress_is_reported_and_can_cancel)
{
	ce_db *a = fresh(), *b = fresh();
	counter cnt = { 0 };
	ce_io_options o = CE_IO_OPTIONS_INIT;
	build(a);
	buf doc = export_json(a);
	o.progress = count_progress;
	o.progress_ctx = &cnt;
	ck_assert_int_eq(ce_import_json(b, doc.data, doc.len, &o), CE_OK);
	ck_assert_uint_eq(cnt.done, (uint64_t)total_records(a) - 0);
	ck_assert_uint_eq(cnt.total, cnt.done);
	ce_db_close(b);
	b = fresh();
	cnt = (counter){ .cancel_at = 5 };
	ck_assert_int_eq(ce_import_json(b, doc.data, doc.len, &o), CE_ERROR);
	assert_msg_has(b, "cancelled");
	ck_assert_int_eq(total_records(b), 0);
	cnt = (counter){ 0 };
	buf out = { 0 };
	ck_assert_int_eq(ce_export_json(a, buf_write, &out, &o), CE_OK);
	ck_assert_uint_eq(cnt.done, cnt.total);
	free(out.data);
	free(doc.data);
	ce_db_close(a);
	ce_db_close(b);
}
END_TEST

START_TEST(limits_and_options)
{
	ce_db *db = fresh();
	ce_io_options o = CE_IO_OPTIONS_INIT;
	const char *doc = DOC("\"partner\": []");
	o.max_bytes = 10;
	ck_assert_int_eq(ce_import_json(db, doc, strlen(doc), &o), CE_EINVALID);
	assert_msg_has(db, "limit");
	o = (ce_io_options)CE_IO_OPTIONS_INIT;
	o.version = 99;
	ck_assert_int_eq(ce_import_json(db, doc, strlen(doc), &o), CE_EINVALID);
	ck_assert_int_eq(ce_io_options_init(NULL, CE_IO_OPTIONS_VERSION), CE_EINVALID);
	ck_assert_int_eq(ce_io_options_init(&o, 7), CE_EINVALID);
	ck_assert_int_eq(ce_import_json_path(db, "/nonexistent/x.json", NULL), CE_ENOTFOUND);
	ck_assert_int_eq(ce_import_json(NULL, doc, strlen(doc), NULL), CE_EINVALID);
	ck_assert_int_eq(ce_export_csv(db, (ce_entity)99, buf_write, NULL, NULL), CE_EINVALID);
	ck_assert_str_eq(ce_entity_natural_key(CE_ENTITY_STUDENT), "number");
	ck_assert_ptr_null(ce_entity_natural_key(CE_ENTITY_MILESTONE));
	ce_db_close(db);
}
END_TEST

static int refuse_output(void *ctx, const char *data, size_t len)
{
	(void)ctx;
	(void)data;
	(void)len;
	return 1;
}

START_TEST(a_refusing_sink_fails_the_export)
{
	ce_db *db = fresh();
	build(db);
	ck_assert_int_eq(ce_export_json(db, refuse_output, NULL, NULL), CE_ERROR);
	ck_assert_int_eq(ce_export_csv(db, CE_ENTITY_PARTNER, refuse_output, NULL, NULL), CE_ERROR);
	ce_db_close(db);
}
END_TEST

/* ---- allocation failures (issue 14, defects 3-5) ---------------------------------------------- */

/* jansson's allocations, through a hook that fails the one numbered
 * fail_at (counting from 0) and counts the blocks still live. */
static long fail_at = -1, alloc_calls, alloc_live;
static bool alloc_failed;

static void *hook_malloc(size_t n)
{
	void *p;
	if (alloc_calls++ == fail_at) {
		alloc_failed = true;
		return NULL;
	}
	if ((p = malloc(n)))
		alloc_live++;
	return p;
}

static void hook_free(void *p)
{
	if (p)
		alloc_live--;
	free(p);
}

static void hook_arm(long n)
{
	fail_at = n;
	alloc_calls = 0;
	alloc_failed = false;
}

/* Every jansson allocation of a JSON export failed in turn: CE_ENOMEM with
 * a message (never "cannot be encoded"), and no object left behind. */
START_TEST(json_export_out_of_memory_is_enomem_and_leaks_nothing)
{
	ce_db *db = fresh();
	build(db);
	json_set_alloc_funcs(hook_malloc, hook_free);
	long n;
	for (n = 0;; n++) {
		buf out = { 0 };
		hook_arm(n);
		alloc_live = 0;
		int rc = ce_export_json(db, buf_write, &out, NULL);
		free(out.data);
		ck_assert_msg(alloc_live == 0, "allocation %ld failed: %ld jansson blocks leaked", n, alloc_live);
		if (!alloc_failed) {
			ck_assert_int_eq(rc, CE_OK);
			break;
		}
		ck_assert_msg(rc == CE_ENOMEM, "allocation %ld failed: %d %s", n, rc, ce_db_errmsg(db));
		ck_assert_ptr_null(strstr(ce_db_errmsg(db), "cannot be encoded"));
	}
	ck_assert_int_gt(n, 50);
	hook_arm(-1);
	ce_db_close(db);
}
END_TEST

/* yajl does not check its allocations; the import tracks them and turns a
 * failed one into CE_ENOMEM. Each allocation of each parse failed in turn
 * (the library's test hook): CE_ENOMEM, never "malformed JSON", nothing
 * imported, nothing leaked (ASan and valgrind runs). */
extern long ce__io_json_fail_alloc_at;

START_TEST(json_import_out_of_memory_is_enomem)
{
	ce_db *src = fresh();
	buf doc = { 0 };
	build(src);
	ck_assert_int_eq(ce_export_json(src, buf_write, &doc, NULL), CE_OK);
	int64_t records = total_records(src);
	ce_db_close(src);
	long n;
	for (n = 0;; n++) {
		ce_db *db = fresh();
		ce__io_json_fail_alloc_at = n;
		int rc = ce_import_json(db, doc.data, doc.len, NULL);
		ce__io_json_fail_alloc_at = -1;
		if (rc == CE_OK) {
			ck_assert_int_eq(total_records(db), records);
			ce_db_close(db);
			break;
		}
		ck_assert_msg(rc == CE_ENOMEM, "allocation %ld failed: %d %s", n, rc, ce_db_errmsg(db));
		ck_assert_ptr_null(strstr(ce_db_errmsg(db), "malformed"));
		assert_msg_has(db, "out of memory");
		ck_assert_int_eq(total_records(db), 0);
		ce_db_close(db);
	}
	ck_assert_int_gt(n, 2);
	free(doc.data);
}
END_TEST

/* An endless device read with a limit: refused as too large without ever
 * holding much more than the limit. The address space is capped at
 * 1.5 x the limit above what the process uses, so a buffer doubled past the
 * limit fails as CE_ENOMEM instead. Not under ASan (its shadow memory
 * needs an unlimited address space). */
START_TEST(reading_a_device_stays_within_the_limit)
{
#if defined(__SANITIZE_ADDRESS__)
	return;
#else
	enum { LIMIT = 64 << 20 };
	ce_db *db = fresh();
	ce_io_options o = CE_IO_OPTIONS_INIT;
	unsigned long pages = 0;
	FILE *statm = fopen("/proc/self/statm", "r");
	ck_assert_ptr_nonnull(statm);
	ck_assert_int_eq(fscanf(statm, "%lu", &pages), 1);
	fclose(statm);
	struct rlimit lim;
	lim.rlim_cur = lim.rlim_max = pages * (rlim_t)sysconf(_SC_PAGESIZE) + LIMIT + LIMIT / 2;
	ck_assert_int_eq(setrlimit(RLIMIT_AS, &lim), 0);
	o.max_bytes = LIMIT;
	ck_assert_int_eq(ce_import_json_path(db, "/dev/zero", &o), CE_EINVALID);
	assert_msg_has(db, "limit");
	ce_db_close(db);
#endif
}
END_TEST

/* ---- the published schema ------------------------------------------------------------------ */

START_TEST(published_schema_matches_the_library)
{
	const char *src = getenv("COOPEDU_SOURCE_DIR");
	char path[1024];
	const char *schema = ce_json_schema();
	ck_assert_ptr_nonnull(schema);
	ck_assert_ptr_eq(schema, ce_json_schema());
	ck_assert_ptr_nonnull(strstr(schema, "\"$schema\": \"https://json-schema.org/draft/2020-12/schema\""));
	ck_assert_ptr_nonnull(strstr(schema, "\"status_history\""));
	if (!src)
		return; /* run outside ctest: nothing to compare with */
	snprintf(path, sizeof path, "%s/docs/coopedu.schema.json", src);
	char *published = slurp(path);
	ck_assert_msg(strcmp(published, schema) == 0,
	              "docs/coopedu.schema.json is stale: regenerate it with `coopedu schema`");
	free(published);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("io");
	TCase *rt = tcase_create("round_trip"), *err = tcase_create("errors"), *misc = tcase_create("misc");
	tcase_add_test(rt, json_round_trip_is_byte_identical);
	tcase_add_test(rt, histories_survive_the_round_trip);
	tcase_add_test(rt, csv_round_trip_is_exact);
	tcase_add_test(rt, csv_raw_keeps_text_as_is);
	tcase_add_test(rt, csv_with_chinese_headers_round_trips);
	tcase_add_test(rt, update_import_of_an_own_export_changes_nothing);
	tcase_add_test(rt, csv_defuses_formulas_after_spaces);
	tcase_add_test(rt, json_accepts_a_byte_order_mark);
	tcase_add_test(err, failure_leaves_the_store_unchanged);
	tcase_add_test(err, library_messages_carry_the_location);
	tcase_add_test(err, bad_json_is_refused_clearly);
	tcase_add_test(err, references_must_resolve);
	tcase_add_test(err, duplicates_are_refused);
	tcase_add_test(err, reimport_is_refused_and_changes_nothing);
	tcase_add_test(err, unkeyed_duplicates_are_refused);
	tcase_add_test(err, csv_resolves_keys_in_the_store);
	tcase_add_test(err, csv_accepts_chinese_headers);
	tcase_add_test(err, bad_csv_is_refused_clearly);
	tcase_add_test(err, history_must_agree_with_the_state);
	tcase_add_test(err, hand_written_documents_are_welcome);
	tcase_add_test(misc, an_open_transaction_is_left_alone);
	tcase_add_test(misc, progress_is_reported_and_can_cancel);
	tcase_add_test(misc, limits_and_options);
	tcase_add_test(misc, a_refusing_sink_fails_the_export);
	tcase_add_test(misc, published_schema_matches_the_library);
	tcase_add_test(misc, json_export_out_of_memory_is_enomem_and_leaks_nothing);
	tcase_add_test(misc, json_import_out_of_memory_is_enomem);
	tcase_add_test(misc, reading_a_device_stays_within_the_limit);
	suite_add_tcase(s, rt);
	suite_add_tcase(s, err);
	suite_add_tcase(s, misc);
	SRunner *sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
