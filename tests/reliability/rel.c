/* The operations the reliability sweeps drive, the fixture and the
 * fingerprint (rel.h). */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../../examples/case/case.h"
#include "rel.h"

void *(*rel_raw_realloc)(void *p, size_t size) = realloc;
void (*rel_raw_free)(void *p) = free;

rel_buf rel_case_json;
char rel_op_msg[512];
char rel_csv_dir[512];
long rel_failures, rel_point;
static case_ids ids;

/* ---- buffers ------------------------------------------------------------ */

static void reserve(rel_buf *b, size_t more)
{
	if (b->len + more + 1 <= b->cap)
		return;
	size_t cap = b->cap ? b->cap : 4096;
	while (cap < b->len + more + 1)
		cap *= 2;
	char *p = rel_raw_realloc(b->data, cap);
	if (!p) {
		fprintf(stderr, "reliability: the harness itself is out of memory\n");
		abort();
	}
	b->data = p;
	b->cap = cap;
}

int rel_buf_write(void *ctx, const char *data, size_t len)
{
	rel_buf *b = ctx;
	reserve(b, len);
	memcpy(b->data + b->len, data, len);
	b->len += len;
	b->data[b->len] = '\0';
	return 0;
}

void rel_buf_printf(rel_buf *b, const char *fmt, ...)
{
	char tmp[1024];
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
	va_end(ap);
	rel_buf_write(b, tmp, n < 0 ? 0 : (size_t)n < sizeof tmp ? (size_t)n : sizeof tmp - 1);
}

void rel_buf_free(rel_buf *b)
{
	rel_raw_free(b->data);
	b->data = NULL;
	b->len = b->cap = 0;
}

bool rel_buf_eq(const rel_buf *a, const rel_buf *b)
{
	return a->len == b->len && (a->len == 0 || memcmp(a->data, b->data, a->len) == 0);
}

/* ---- the operations ----------------------------------------------------- */

static int op_open(const rel_op *op, ce_db *db, const char *uri, ce_db **opened, rel_buf *out)
{
	(void)op, (void)db, (void)out;
	return ce_db_open(opened, uri, NULL);
}

static int op_create(const rel_op *op, ce_db *db, const char *uri, ce_db **opened, rel_buf *out)
{
	(void)op, (void)uri, (void)opened;
	ce_project_spec s = CE_PROJECT_SPEC_INIT;
	int64_t project;
	int rc;
	s.code = "2021REL00001";
	s.title = "再生铝合金熔体净化技术研究";
	s.start_date = CE_DATE(2021, 3, 1);
	s.principal_investigator = ids.wang;
	if ((rc = ce_project_create(&project, db, &s)) == CE_OK)
		rel_buf_printf(out, "project %lld\n", (long long)project);
	return rc;
}

static int op_update(const rel_op *op, ce_db *db, const char *uri, ce_db **opened, rel_buf *out)
{
	(void)op, (void)uri, (void)opened, (void)out;
	ce_record *r;
	int rc = ce_record_lookup(&r, db, CE_ENTITY_PARTNER, ids.casting);
	if (rc != CE_OK)
		return rc;
	if ((rc = ce_record_set_text(r, "region", "山东省淄博市")) == CE_OK)
		rc = ce_record_update(db, r);
	ce_record_free(r);
	return rc;
}

static int op_delete_project(const rel_op *op, ce_db *db, const char *uri, ce_db **opened, rel_buf *out)
{
	(void)op, (void)uri, (void)opened, (void)out;
	return ce_record_delete(db, CE_ENTITY_PROJECT, ids.alloy_project, CE_DELETE_CASCADE);
}

static int op_delete_partner(const rel_op *op, ce_db *db, const char *uri, ce_db **opened, rel_buf *out)
{
	(void)op, (void)uri, (void)opened, (void)out;
	return ce_record_delete(db, CE_ENTITY_PARTNER, ids.casting, CE_DELETE_CASCADE);
}

static int op_transition(const rel_op *op, ce_db *db, const char *uri, ce_db **opened, rel_buf *out)
{
	(void)op, (void)uri, (void)opened, (void)out;
	return ce_record_transition(db, CE_ENTITY_PROJECT, ids.alloy_project, "status",
	                            CE_PROJECT_STATUS_COMPLETED, CE_DATE(2022, 1, 10));
}

/* Several writes in the caller's transaction: all of them or none. */
static int op_batch(const rel_op *op, ce_db *db, const char *uri, ce_db **opened, rel_buf *out)
{
	(void)op, (void)uri, (void)opened, (void)out;
	static const char *const names[] = { "青岛某重工有限公司", "潍坊某动力股份有限公司",
		                                 "济宁某机械研究所" };
	int rc = ce_db_begin(db);
	if (rc != CE_OK)
		return rc;
	for (size_t i = 0; i < 3 && rc == CE_OK; i++) {
		ce_partner_spec ps = CE_PARTNER_SPEC_INIT;
		int64_t id;
		ps.name = names[i];
		ps.kind = CE_PARTNER_ENTERPRISE;
		rc = ce_partner_create(&id, db, &ps);
	}
	if (rc == CE_OK)
		rc = ce_record_transition(db, CE_ENTITY_PROJECT, ids.alloy_project, "status",
		                          CE_PROJECT_STATUS_COMPLETED, CE_DATE(2022, 1, 10));
	if (rc == CE_OK)
		rc = ce_db_commit(db);
	/* a failed commit has already rolled back; anything else, the caller
	 * does (which clears the failure's message: keep it for the sweep) */
	if (rc != CE_OK && ce_db_in_transaction(db)) {
		snprintf(rel_op_msg, sizeof rel_op_msg, "%s", ce_db_errmsg(db));
		if (ce_db_rollback(db) != CE_OK)
			return ce_db_errcode(db);
	}
	return rc;
}

/* Counts, iterates and reads histories: reads with nothing to change. */
static int op_read(const rel_op *op, ce_db *db, const char *uri, ce_db **opened, rel_buf *out)
{
	(void)op, (void)uri, (void)opened;
	int rc = CE_OK;
	for (int e = 1; e <= CE_ENTITY_LAST && rc == CE_OK; e++) {
		int64_t n;
		ce_record_iter *it;
		ce_record *r;
		if ((rc = ce_record_count(&n, db, (ce_entity)e, NULL)) != CE_OK)
			return rc;
		rel_buf_printf(out, "%s %lld:", ce_entity_name((ce_entity)e), (long long)n);
		if ((rc = ce_record_iter_new(&it, db, (ce_entity)e, NULL)) != CE_OK)
			return rc;
		while ((rc = ce_record_iter_next(&r, it)) == CE_OK) {
			rel_buf_printf(out, " %lld", (long long)ce_record_id(r));
			ce_record_free(r);
		}
		ce_record_iter_free(it);
		rel_buf_printf(out, "\n");
		if (rc == CE_ITEROVER)
			rc = CE_OK;
	}
	if (rc == CE_OK) {
		ce_filter *f;
		int64_t n;
		if ((rc = ce_filter_new(&f)) != CE_OK)
			return rc;
		if ((rc = ce_filter_eq_int(f, "project", ids.alloy_project)) == CE_OK &&
		    (rc = ce_record_count(&n, db, CE_ENTITY_SUBTOPIC, f)) == CE_OK)
			rel_buf_printf(out, "subtopics of the alloy project: %lld\n", (long long)n);
		ce_filter_free(f);
	}
	if (rc == CE_OK) {
		ce_transition *t;
		size_t n;
		if ((rc = ce_history(&t, &n, db, CE_ENTITY_PROJECT, ids.alloy_project, "stage")) != CE_OK)
			return rc;
		for (size_t i = 0; i < n; i++)
			rel_buf_printf(out, "%d>%d@%d\n", t[i].from, t[i].to, (int)t[i].on);
		ce_transitions_free(t);
	}
	return rc;
}

static int op_export_json(const rel_op *op, ce_db *db, const char *uri, ce_db **opened, rel_buf *out)
{
	(void)op, (void)uri, (void)opened;
	ce_io_options o = CE_IO_OPTIONS_INIT;
	o.flags = CE_IO_AUDIT;
	return ce_export_json(db, rel_buf_write, out, &o);
}

static int op_export_csv(const rel_op *op, ce_db *db, const char *uri, ce_db **opened, rel_buf *out)
{
	(void)op, (void)uri, (void)opened;
	int rc = CE_OK;
	for (int e = 1; e <= CE_ENTITY_LAST && rc == CE_OK; e++)
		rc = ce_export_csv(db, (ce_entity)e, rel_buf_write, out, NULL);
	return rc;
}

static int op_import_json(const rel_op *op, ce_db *db, const char *uri, ce_db **opened, rel_buf *out)
{
	(void)op, (void)uri, (void)opened, (void)out;
	return ce_import_json(db, rel_case_json.data, rel_case_json.len, NULL);
}

static int op_import_csv(const rel_op *op, ce_db *db, const char *uri, ce_db **opened, rel_buf *out)
{
	(void)op, (void)uri, (void)opened, (void)out;
	return ce_import_csv_dir(db, rel_csv_dir, NULL);
}

/* Reports that are about one project (the subtopic graph) get the alloy
 * project; rel_init() finds out which. */
static bool report_needs_project[64];

/* A student of the case by number, found by rel_init(). */
static char student_number[64];
/* Where the workbook goes (rel_init()). */
static char xlsx_path[600];

static int op_person_export(const rel_op *op, ce_db *db, const char *uri, ce_db **opened, rel_buf *out)
{
	(void)op, (void)uri, (void)opened;
	return ce_person_export(db, CE_ENTITY_STUDENT, student_number, rel_buf_write, out);
}

static int op_anonymise(const rel_op *op, ce_db *db, const char *uri, ce_db **opened, rel_buf *out)
{
	(void)op, (void)uri, (void)opened, (void)out;
	return ce_person_anonymise(db, CE_ENTITY_STUDENT, student_number);
}

/* The workbook's bytes hold a creation time: the result checked is that a
 * refused export leaves no file, and a finished one a non-empty file. */
static int op_export_xlsx(const rel_op *op, ce_db *db, const char *uri, ce_db **opened, rel_buf *out)
{
	(void)op, (void)uri, (void)opened;
	struct stat st;
	unlink(xlsx_path);
	int rc = ce_export_xlsx(db, xlsx_path, NULL);
	bool there = stat(xlsx_path, &st) == 0;
	if (rc == CE_OK)
		rel_buf_printf(out, "%s", there && st.st_size > 0 ? "workbook" : "no workbook");
	else if (there)
		rel_fail(op->name, rel_point, "a refused export left a file behind");
	unlink(xlsx_path);
	return rc;
}

static void dump_table(rel_buf *out, const ce_table *t)
{
	int nc = ce_table_column_count(t);
	rel_buf_printf(out, "[%s]\n", ce_table_name(t));
	for (size_t r = 0; r < ce_table_row_count(t); r++) {
		for (int c = 0; c < nc; c++) {
			if (ce_table_is_null(t, r, c)) {
				rel_buf_printf(out, "|");
				continue;
			}
			switch (ce_table_column_type(t, c)) {
			case CE_TYPE_INT: {
				int64_t v = 0;
				ce_table_get_int(&v, t, r, c);
				rel_buf_printf(out, "%lld|", (long long)v);
				break;
			}
			case CE_TYPE_REAL: {
				double v = 0;
				ce_table_get_real(&v, t, r, c);
				rel_buf_printf(out, "%.17g|", v);
				break;
			}
			default: {
				const char *s = ce_table_get_text(t, r, c);
				rel_buf_printf(out, "%s|", s ? s : "?");
			}
			}
		}
		rel_buf_printf(out, "\n");
	}
}

static int op_report(const rel_op *op, ce_db *db, const char *uri, ce_db **opened, rel_buf *out)
{
	(void)uri, (void)opened;
	ce_table *t;
	ce_report_filter f = CE_REPORT_FILTER_INIT;
	f.project = op->start == REL_CASE && report_needs_project[op->arg] ? ids.alloy_project : 0;
	int rc = ce_report_run(&t, db, ce_report_name(op->arg), &f);
	if (rc == CE_OK) {
		dump_table(out, t);
		ce_table_free(t);
	}
	return rc;
}

rel_op rel_ops[64];
size_t rel_nops;

static const rel_op fixed_ops[] = {
	{ "open", REL_NONE, false, op_open, 0 },
	{ "open_new", REL_NEW, true, op_open, 0 },
	{ "create", REL_CASE, true, op_create, 0 },
	{ "update", REL_CASE, true, op_update, 0 },
	{ "delete_project", REL_CASE, true, op_delete_project, 0 },
	{ "delete_partner", REL_CASE, true, op_delete_partner, 0 },
	{ "transition", REL_CASE, true, op_transition, 0 },
	{ "batch", REL_CASE, true, op_batch, 0 },
	{ "read", REL_CASE, false, op_read, 0 },
	{ "export_json", REL_CASE, false, op_export_json, 0 },
	{ "export_csv", REL_CASE, false, op_export_csv, 0 },
	{ "person_export", REL_CASE, false, op_person_export, 0 },
	{ "export_xlsx", REL_CASE, false, op_export_xlsx, 0 },
	{ "anonymise", REL_CASE, true, op_anonymise, 0 },
	{ "import_json", REL_EMPTY, true, op_import_json, 0 },
	{ "import_csv", REL_EMPTY, true, op_import_csv, 0 },
};

bool rel_selected(const rel_op *op, const char *list)
{
	if (!list || !*list)
		return true;
	for (const char *p = list; *p;) {
		size_t n = strcspn(p, ",");
		if (n && strncmp(op->name, p, n) == 0)
			return true;
		p += n + (p[n] == ',');
	}
	return false;
}

/* ---- fixture ------------------------------------------------------------ */

int rel_build_case(ce_db *db)
{
	return case_build(db, &ids, "reliability");
}

int rel_fingerprint(ce_db *db, rel_buf *out)
{
	ce_io_options o = CE_IO_OPTIONS_INIT;
	o.flags = CE_IO_AUDIT;
	out->len = 0;
	return ce_export_json(db, rel_buf_write, out, &o);
}

int rel_init(const char *tmpdir)
{
	static char names[64][64];
	ce_db *db;
	int rc;
	ce__audit_set_clock((time_t)1700000000);
	rel_nops = 0;
	for (size_t i = 0; i < sizeof fixed_ops / sizeof *fixed_ops; i++)
		rel_ops[rel_nops++] = fixed_ops[i];
	for (int i = 0; i < ce_report_count() && rel_nops < 64; i++) {
		snprintf(names[i], sizeof names[i], "report_%s", ce_report_name(i));
		rel_ops[rel_nops++] = (rel_op){ names[i], REL_CASE, false, op_report, i };
	}
	if ((rc = ce_db_open(&db, "memory:", NULL)) != CE_OK) {
		fprintf(stderr, "reliability: open memory: %s\n", ce_last_errmsg());
		return -1;
	}
	rel_case_json.len = 0;
	snprintf(rel_csv_dir, sizeof rel_csv_dir, "%s/case-csv", tmpdir);
	if (mkdir(rel_csv_dir, 0700) != 0 && errno != EEXIST) {
		perror(rel_csv_dir);
		ce_db_close(db);
		return -1;
	}
	if ((rc = rel_build_case(db)) != CE_OK ||
	    (rc = ce_export_json(db, rel_buf_write, &rel_case_json, NULL)) != CE_OK ||
	    (rc = ce_export_csv_dir(db, rel_csv_dir, NULL)) != CE_OK) {
		fprintf(stderr, "reliability: fixture: %s\n", ce_db_errmsg(db));
		ce_db_close(db);
		return -1;
	}
	ce_record *st;
	int col;
	if (ce_record_lookup(&st, db, CE_ENTITY_STUDENT, ids.zhao) != CE_OK ||
	    ce_column_index(&col, CE_ENTITY_STUDENT, "number") != CE_OK) {
		fprintf(stderr, "reliability: fixture: %s\n", ce_db_errmsg(db));
		ce_db_close(db);
		return -1;
	}
	snprintf(student_number, sizeof student_number, "%s", ce_record_get_text(st, col));
	ce_record_free(st);
	snprintf(xlsx_path, sizeof xlsx_path, "%s/store.xlsx", tmpdir);
	for (size_t i = 0; i < rel_nops; i++) {
		rel_buf out = { 0 };
		const rel_op *op = &rel_ops[i];
		if (op->run == op_report && op_report(op, db, NULL, NULL, &out) == CE_EINVALID)
			report_needs_project[op->arg] = true;
		rel_buf_free(&out);
	}
	ce_db_close(db);
	return 0;
}

/* ---- files and reporting ------------------------------------------------ */

int rel_copy_file(const char *from, const char *to)
{
	char buf[65536];
	int in = open(from, O_RDONLY), out = -1, ok = -1;
	if (in < 0)
		return -1;
	out = open(to, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	if (out >= 0) {
		ssize_t n;
		ok = 0;
		while ((n = read(in, buf, sizeof buf)) > 0)
			if (write(out, buf, (size_t)n) != n) {
				ok = -1;
				break;
			}
		if (n < 0)
			ok = -1;
		if (close(out) != 0)
			ok = -1;
	}
	close(in);
	return ok;
}

int rel_scratch_dir(char *buf, size_t size, const char *what)
{
	static const char *const bases[] = { "/dev/shm", "/tmp" };
	for (size_t i = 0; i < 2; i++) {
		snprintf(buf, size, "%s/coopedu-%s-XXXXXX", bases[i], what);
		if (mkdtemp(buf))
			return 0;
	}
	perror("mkdtemp");
	return -1;
}

void rel_remove_dir(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char p[1024];
	while (d && (e = readdir(d))) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		snprintf(p, sizeof p, "%s/%s", dir, e->d_name);
		struct stat st;
		if (lstat(p, &st) == 0 && S_ISDIR(st.st_mode))
			rel_remove_dir(p);
		else
			unlink(p);
	}
	if (d)
		closedir(d);
	rmdir(dir);
}

void rel_remove_store(const char *path)
{
	static const char *const suffix[] = { "", "-wal", "-shm", "-journal" };
	char p[1024];
	for (size_t i = 0; i < 4; i++) {
		snprintf(p, sizeof p, "%s%s", path, suffix[i]);
		unlink(p);
	}
}

void rel_fail(const char *op, long point, const char *fmt, ...)
{
	va_list ap;
	rel_failures++;
	if (rel_failures > 50)
		return; /* enough to go on */
	fprintf(stderr, "FAIL %s @%ld: ", op, point);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

double rel_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}
