/* The C API baseline of tests/bench/bench_python.py: N students, the rows
 * bench_python.py generates (rows() there), inserted into a fresh store in
 * one transaction the way a skilled C caller would: one spec or record
 * buffer reused, the typed API (ce_student_create) or the generic one
 * (ce_record_set_*, ce_record_insert). Prints the seconds from begin to
 * commit, and the rows stored; the caller compares the stores' content.
 *
 * Usage: coopedu-bench-capi-rows typed|generic URI N */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <coopedu.h>

static const char *const levels[] = { "undergraduate", "academic_master", "professional_master", "doctoral" };
static const char *const majors[] = { "材料工程", "机械工程", NULL };

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int fail(ce_db *db, const char *what)
{
	fprintf(stderr, "bench-capi-rows: %s: %s\n", what, db ? ce_db_errmsg(db) : ce_last_errmsg());
	return 1;
}

int main(int argc, char **argv)
{
	ce_db *db = NULL;
	char number[32], name[48];
	int rc = CE_OK;
	if (argc != 4 || (strcmp(argv[1], "typed") != 0 && strcmp(argv[1], "generic") != 0)) {
		fprintf(stderr, "usage: coopedu-bench-capi-rows typed|generic URI N\n");
		return 2;
	}
	bool typed = strcmp(argv[1], "typed") == 0;
	long n = strtol(argv[3], NULL, 10);
	if (ce_db_open(&db, argv[2], NULL) != CE_OK)
		return fail(NULL, "open");
	ce_student_spec s;
	ce_record *rec = NULL;
	if (ce_student_spec_init(&s, CE_STUDENT_SPEC_VERSION) != CE_OK ||
	    ce_record_new(&rec, CE_ENTITY_STUDENT) != CE_OK)
		return fail(db, "init");
	int level_col;
	if (ce_column_index(&level_col, CE_ENTITY_STUDENT, "level") != CE_OK)
		return fail(db, "level");
	double t0 = now();
	if (ce_db_begin(db) != CE_OK)
		return fail(db, "begin");
	for (long i = 0; rc == CE_OK && i < n; i++) {
		int64_t id;
		int cohort = 2010 + (int)(i % 10);
		ce_date on = (ce_date)(cohort * 10000 + 901);
		snprintf(number, sizeof number, "S%08ld", i);
		snprintf(name, sizeof name, "学生%ld", i);
		if (typed) {
			s.number = number;
			s.name = name;
			s.level = (ce_student_level)(i % 4 + 1);
			s.cohort = cohort;
			s.major = majors[i % 3];
			s.status_date = on;
			rc = ce_student_create(&id, db, &s);
		} else {
			int level = 0;
			rc = ce_record_set_text(rec, "number", number);
			if (rc == CE_OK)
				rc = ce_record_set_text(rec, "name", name);
			/* the level arrives as its token, as in the Python rows */
			if (rc == CE_OK && (rc = ce_column_token_value(&level, CE_ENTITY_STUDENT, level_col, levels[i % 4])) == CE_OK)
				rc = ce_record_set_int(rec, "level", level);
			if (rc == CE_OK)
				rc = ce_record_set_int(rec, "cohort", cohort);
			if (rc == CE_OK)
				rc = majors[i % 3] ? ce_record_set_text(rec, "major", majors[i % 3])
				                   : ce_record_set_null(rec, "major");
			if (rc == CE_OK)
				rc = ce_record_set_int(rec, "status_date", on);
			if (rc == CE_OK)
				rc = ce_record_insert(&id, db, rec);
		}
	}
	if (rc != CE_OK)
		return fail(db, "insert");
	if (ce_db_commit(db) != CE_OK)
		return fail(db, "commit");
	double t1 = now();
	int64_t count = 0;
	if (ce_record_count(&count, db, CE_ENTITY_STUDENT, NULL) != CE_OK)
		return fail(db, "count");
	printf("%.6f %lld\n", t1 - t0, (long long)count);
	ce_record_free(rec);
	ce_db_close(db);
	return 0;
}
