/* The sweep driver shared by the allocation and I/O fault programs: one
 * run of an operation per fault point, each on a fresh copy of its
 * starting store, checked against a clean run (rel.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rel.h"

#ifdef CE_HAVE_POSTGRESQL
#include "pg/pgtest.h"
#endif

typedef struct sweep {
	const rel_sweep_opts *o;
	const rel_fault *f;
	bool sqlite, pg; /* pg: o->backend is a PostgreSQL URI */
	long stores;     /* PostgreSQL schemas made so far */
	char case_db[900], empty_db[900], work[900], uri[1000];
	char run[32];    /* PostgreSQL: the stores are schemas "rel<run>_<n>" */
} sweep;

/* PostgreSQL: a fresh schema of the test server per store, named after
 * the run (unique: another run may share the server), holding the worked
 * case, or empty, or (REL_NEW, REL_NONE) the case and the handle closed so
 * that the operation opens it. The previous store is dropped first: a
 * sweep makes thousands. */
static int prepare_pg(sweep *sw, const rel_op *op, ce_db **db)
{
#ifdef CE_HAVE_POSTGRESQL
	const char *base = sw->o->backend;
	char schema[64];
	if (sw->stores) {
		snprintf(schema, sizeof schema, "rel%s_%ld", sw->run, sw->stores);
		if (pgtest_drop_schema(base, schema) != 0)
			return CE_EBACKEND;
	}
	snprintf(schema, sizeof schema, "rel%s_%ld", sw->run, ++sw->stores);
	if (pgtest_schema_uri(sw->uri, sizeof sw->uri, base, schema) != 0)
		return CE_EINVALID;
#else
	(void)sw;
	fprintf(stderr, "%s: built without libpq, which drops the run's schemas\n", op->name);
	return CE_ENOTSUPPORTED;
#endif
	if (op->start == REL_NEW)
		return CE_OK;
	int rc = ce_db_open(db, sw->uri, NULL);
	if (rc == CE_OK && op->start != REL_EMPTY)
		rc = rel_build_case(*db);
	if (rc != CE_OK || op->start == REL_NONE) {
		if (rc != CE_OK)
			fprintf(stderr, "%s: %s\n", op->name, ce_db_errmsg(*db));
		ce_db_close(*db);
		*db = NULL;
	}
	return rc;
}

/* A fresh starting store for op: *db open on it, or (REL_NONE, REL_NEW)
 * only sw->uri set. */
static int prepare(sweep *sw, const rel_op *op, ce_db **db)
{
	*db = NULL;
	if (sw->pg)
		return prepare_pg(sw, op, db);
	if (!sw->sqlite) {
		snprintf(sw->uri, sizeof sw->uri, "memory:");
		if (op->start == REL_NONE || op->start == REL_NEW)
			return CE_OK;
		int rc = ce_db_open(db, sw->uri, NULL);
		if (rc == CE_OK && op->start == REL_CASE && (rc = rel_build_case(*db)) != CE_OK) {
			ce_db_close(*db);
			*db = NULL;
		}
		return rc;
	}
	rel_remove_store(sw->work);
	snprintf(sw->uri, sizeof sw->uri, "sqlite:%s", sw->work);
	if (op->start == REL_NEW)
		return CE_OK;
	if (rel_copy_file(op->start == REL_EMPTY ? sw->empty_db : sw->case_db, sw->work) != 0) {
		perror(sw->work);
		return CE_ERROR;
	}
	return op->start == REL_NONE ? CE_OK : ce_db_open(db, sw->uri, NULL);
}

/* The store after a run, into fp; closes h (SQLite: the store is read
 * back through a new handle, so what counts is what reached the file).
 * Returns false when there is no store to look at (a refused open of a
 * memory store). */
static bool observe(sweep *sw, ce_db *h, rel_buf *fp, const char *opname, long point)
{
	fp->len = 0;
	if (!sw->sqlite && !sw->pg) {
		if (!h)
			return false;
		if (rel_fingerprint(h, fp) != CE_OK)
			rel_fail(opname, point, "the store cannot be exported afterwards: %s", ce_db_errmsg(h));
		ce_db_close(h);
		return true;
	}
	ce_db_close(h);
	if (sw->f && sw->f->check_file) {
		const char *why = sw->f->check_file(sw->work);
		if (why)
			rel_fail(opname, point, "%s", why);
	}
	ce_db *db;
	if (ce_db_open(&db, sw->uri, NULL) != CE_OK) {
		rel_fail(opname, point, "the store does not open afterwards: %s", ce_last_errmsg());
		return true;
	}
	if (rel_fingerprint(db, fp) != CE_OK)
		rel_fail(opname, point, "the store cannot be exported afterwards: %s", ce_db_errmsg(db));
	ce_db_close(db);
	return true;
}

typedef struct tally {
	long points, refused, succeeded, unknown;
} tally;

static bool run_point(sweep *sw, const rel_op *op, long n, const rel_buf *out0, const rel_buf *fp0,
                      const rel_buf *fp1, tally *t)
{
	const rel_fault *f = sw->f;
	ce_db *db, *opened = NULL;
	rel_buf out = { 0 }, fp = { 0 };
	if (prepare(sw, op, &db) != CE_OK) {
		rel_fail(op->name, n, "cannot prepare the starting store: %s", ce_last_errmsg());
		return false;
	}
	rel_op_msg[0] = '\0';
	rel_point = n;
	(void)ce_entity_by_name(NULL, NULL); /* the thread's last error: a known refusal */
	f->arm(n);
	int rc = op->run(op, db, sw->uri, &opened, &out);
	bool fired = f->fired();
	f->disarm();
	if (!fired) {
		/* past the operation's last point: it ran clean */
		ce_db_close(db ? db : opened);
		rel_buf_free(&out);
		return false;
	}
	t->points++;
	ce_db *h = db ? db : opened;
	if (rc == CE_OK) {
		t->succeeded++;
		if (!rel_buf_eq(&out, out0)) {
			rel_fail(op->name, n, "succeeded with a different result");
			if (getenv("REL_DEBUG")) {
				FILE *a = fopen("rel-want.out", "w"), *b = fopen("rel-got.out", "w");
				if (a && b) {
					fwrite(out0->data, 1, out0->len, a);
					fwrite(out.data, 1, out.len, b);
				}
				if (a)
					fclose(a);
				if (b)
					fclose(b);
			}
		}
		if (!h)
			rel_fail(op->name, n, "open succeeded without a handle");
	} else {
		t->refused++;
		/* the message is on the handle, or (a call without one: ce_filter_new,
		 * ce_record_set_text, a failed open) the thread's last error */
		const char *msg = *rel_op_msg ? rel_op_msg : NULL;
		if (!msg && h && ce_db_errcode(h) == rc && *ce_db_errmsg(h))
			msg = ce_db_errmsg(h);
		if (!msg && ce_last_errcode() == rc)
			msg = ce_last_errmsg();
		if (!f->code_ok(rc))
			rel_fail(op->name, n, "refused with %s (%d): %s", ce_strerror(rc), rc, msg ? msg : "");
		if (!msg || !*msg)
			rel_fail(op->name, n, "refused with %d and no message", rc);
		if (opened)
			rel_fail(op->name, n, "a refused open returned a handle");
		if (db && ce_db_in_transaction(db))
			rel_fail(op->name, n, "a refused call left a transaction open");
	}
	if (observe(sw, h, &fp, op->name, n) && fp.len) {
		const rel_buf *want = rc == CE_OK ? fp1 : fp0;
		if (!rel_buf_eq(&fp, want)) {
			if (rc != CE_OK && f->unknown_outcome_ok && rel_buf_eq(&fp, fp1))
				t->unknown++;
			else {
				if (getenv("REL_DEBUG")) {
					FILE *a = fopen("rel-want.json", "w"), *b = fopen("rel-got.json", "w");
					if (a && b) {
						fwrite(want->data, 1, want->len, a);
						fwrite(fp.data, 1, fp.len, b);
					}
					if (a)
						fclose(a);
					if (b)
						fclose(b);
				}
				rel_fail(op->name, n, rc == CE_OK ? "succeeded but the store differs from a clean run"
				                                  : "refused (%d) but the store changed", rc);
			}
		}
	}
	rel_buf_free(&out);
	rel_buf_free(&fp);
	return true;
}

/* SQLite templates: the worked case and an empty store, made once. */
static int make_templates(sweep *sw)
{
	ce_db *db;
	char uri[1000];
	snprintf(sw->case_db, sizeof sw->case_db, "%s/case.db", sw->o->dir);
	snprintf(sw->empty_db, sizeof sw->empty_db, "%s/empty.db", sw->o->dir);
	snprintf(sw->work, sizeof sw->work, "%s/work.db", sw->o->dir);
	rel_remove_store(sw->case_db);
	rel_remove_store(sw->empty_db);
	snprintf(uri, sizeof uri, "sqlite:%s", sw->empty_db);
	if (ce_db_open(&db, uri, NULL) != CE_OK)
		return -1;
	ce_db_close(db);
	snprintf(uri, sizeof uri, "sqlite:%s", sw->case_db);
	if (ce_db_open(&db, uri, NULL) != CE_OK)
		return -1;
	int rc = rel_build_case(db);
	ce_db_close(db);
	return rc == CE_OK ? 0 : -1;
}

long rel_sweep(const rel_sweep_opts *o, const rel_fault *f)
{
	sweep sw = { o, f, strcmp(o->backend, "sqlite") == 0, strncmp(o->backend, "postgres", 8) == 0,
		         0, "", "", "", "", "" };
	long total = 0;
#ifdef CE_HAVE_POSTGRESQL
	if (sw.pg)
		pgtest_run_name(sw.run, sizeof sw.run);
#endif
	if (sw.sqlite && make_templates(&sw) != 0) {
		rel_fail("templates", 0, "cannot make the template stores: %s", ce_last_errmsg());
		return 0;
	}
	for (size_t i = 0; i < rel_nops; i++) {
		const rel_op *op = &rel_ops[i];
		if (!rel_selected(op, o->ops))
			continue;
		double t0 = rel_now();
		rel_buf out0 = { 0 }, fp0 = { 0 }, fp1 = { 0 };
		ce_db *db, *opened = NULL;
		/* before: the starting store as it is */
		if (prepare(&sw, op, &db) != CE_OK) {
			rel_fail(op->name, 0, "cannot prepare: %s", ce_last_errmsg());
			continue;
		}
		if (op->start == REL_NONE || op->start == REL_NEW) {
			if ((sw.sqlite || sw.pg) && op->start == REL_NONE && ce_db_open(&db, sw.uri, NULL) != CE_OK)
				rel_fail(op->name, 0, "cannot open: %s", ce_last_errmsg());
		}
		observe(&sw, db, &fp0, op->name, 0);
		/* a clean run, counting the points */
		if (prepare(&sw, op, &db) != CE_OK) {
			rel_fail(op->name, 0, "cannot prepare: %s", ce_last_errmsg());
			continue;
		}
		rel_point = 0;
		f->arm(0);
		int rc = op->run(op, db, sw.uri, &opened, &out0);
		long points = f->points();
		f->disarm();
		if (rc != CE_OK) {
			rel_fail(op->name, 0, "a clean run fails: %s", db ? ce_db_errmsg(db) : ce_last_errmsg());
			ce_db_close(db ? db : opened);
			continue;
		}
		observe(&sw, db ? db : opened, &fp1, op->name, 0);
		if (!op->writes && !(sw.sqlite || sw.pg ? rel_buf_eq(&fp0, &fp1) : true))
			rel_fail(op->name, 0, "a read changed the store");
		long stride = o->max_points > 0 && points > o->max_points
		                  ? (points + o->max_points - 1) / o->max_points : 1;
		tally t = { 0, 0, 0, 0 };
		long first = getenv("REL_FIRST") ? atol(getenv("REL_FIRST")) : 1;
		for (long n = first; run_point(&sw, op, n, &out0, &fp0, &fp1, &t); n += stride)
			;
		printf("%-8s %-7s %-32s %6ld points of %6ld: %5ld refused, %5ld succeeded%s (%.1f s)\n",
		       f->name, sw.pg ? "postgresql" : o->backend, op->name, t.points, points, t.refused, t.succeeded,
		       t.unknown ? " (some refused commits reached the log)" : "", rel_now() - t0);
		fflush(stdout);
		total += t.points;
		rel_buf_free(&out0);
		rel_buf_free(&fp0);
		rel_buf_free(&fp1);
	}
	if (sw.sqlite) {
		rel_remove_store(sw.work);
		rel_remove_store(sw.case_db);
		rel_remove_store(sw.empty_db);
	}
#ifdef CE_HAVE_POSTGRESQL
	char prefix[48];
	snprintf(prefix, sizeof prefix, "rel%s_", sw.run);
	if (sw.pg && pgtest_drop_schemas(sw.o->backend, prefix) != 0)
		rel_fail("cleanup", 0, "the run's schemas could not be dropped");
#endif
	return total;
}
