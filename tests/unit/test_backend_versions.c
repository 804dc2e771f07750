/* The backend interface only grows: backends written for versions 1 and 2
 * still register and serve a store, the core reads no member past the
 * version a backend declares (the structures below are allocated exactly
 * that long, so AddressSanitizer catches a read past them), a version-3
 * backend gets its own data pointer and versioned options at open, and a
 * version-3 backend's lost write is not asked retryable() (version 4). Also
 * the open options' own versioning. */
#include <check.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "coopedu.h"
#include "coopedu/sys/backend.h"

extern const ce_backend ce__memory_backend;
static const ce_backend *const M = &ce__memory_backend;

/* ---- a version-1 and a version-2 backend over the memory backend ------------ */

static int old_open_calls, old_report_calls;

static int old_open(ce_backend_conn **out, const char *location, const ce_schema *schema,
                    unsigned int flags, int busy_timeout_ms, char *errbuf, size_t errbuf_size)
{
	ce_backend_open_options o = { CE_BACKEND_OPEN_OPTIONS_VERSION, location, schema, flags,
		                          busy_timeout_ms, NULL, errbuf, errbuf_size };
	old_open_calls++;
	return M->connect(out, &o);
}

static int old_report(ce_table **out, ce_backend_conn *conn, const char *name,
                      const ce_report_filter *filter)
{
	(void)conn, (void)name, (void)filter;
	*out = NULL;
	old_report_calls++;
	return CE_ENOTSUPPORTED; /* the core computes it */
}

/* A backend of `version`, allocated to end where that version's members end. */
static ce_backend *old_backend(unsigned int version, const char *scheme)
{
	size_t size = version == 1 ? offsetof(ce_backend, report)
	                           : offsetof(ce_backend, data);
	ce_backend *b = malloc(size);
	ck_assert_ptr_nonnull(b);
	/* the members every version has, copied from a complete structure */
	ce_backend full = *M;
	full.version = version;
	full.scheme = scheme;
	full.open = old_open;
	full.report = old_report;
	memcpy(b, &full, size);
	return b;
}

/* Creates, reads, counts, iterates, reports on and deletes through db. */
static void exercise(ce_db *db)
{
	ce_partner_spec s = CE_PARTNER_SPEC_INIT;
	ce_partner *p = NULL;
	ce_record_iter *it = NULL;
	ce_record *r = NULL;
	ce_table *t = NULL;
	int64_t id, n = 0;
	s.name = "华中科技大学";
	s.kind = CE_PARTNER_UNIVERSITY;
	ck_assert_int_eq(ce_partner_create(&id, db, &s), CE_OK);
	ck_assert_int_eq(ce_partner_lookup_by_name(&p, db, "华中科技大学"), CE_OK);
	ck_assert_int_eq(ce_partner_id(p), id);
	ce_partner_free(p);
	ck_assert_int_eq(ce_record_count(&n, db, CE_ENTITY_PARTNER, NULL), CE_OK);
	ck_assert_int_eq(n, 1);
	ck_assert_int_eq(ce_record_iter_new(&it, db, CE_ENTITY_PARTNER, NULL), CE_OK);
	ck_assert_int_eq(ce_record_iter_next(&r, it), CE_OK);
	ck_assert_str_eq(ce_record_get_text(r, 0), "华中科技大学");
	ce_record_free(r);
	ck_assert_int_eq(ce_record_iter_next(&r, it), CE_ITEROVER);
	ce_record_iter_free(it);
	/* every stage is listed, even with no project in it */
	ck_assert_int_eq(ce_report_project_pipeline(&t, db, NULL), CE_OK);
	ck_assert_uint_gt(ce_table_row_count(t), 0);
	ck_assert_str_eq(ce_table_column_name(t, 0), "stage");
	ce_table_free(t);
	ck_assert_int_eq(ce_partner_delete(db, id, 0), CE_OK);
	ck_assert_int_eq(ce_record_count(&n, db, CE_ENTITY_PARTNER, NULL), CE_OK);
	ck_assert_int_eq(n, 0);
}

START_TEST(version_1_backend_serves_a_store)
{
	ce_backend *b = old_backend(1, "oldone");
	ce_db *db = NULL;
	old_open_calls = old_report_calls = 0;
	ck_assert_int_eq(ce_backend_register(b), CE_OK);
	ck_assert_int_eq(ce_db_open(&db, "oldone:", NULL), CE_OK);
	ck_assert_int_eq(old_open_calls, 1);
	exercise(db);
	ck_assert_int_eq(old_report_calls, 0); /* a v1 structure has no report member */
	ce_db_close(db);
	/* registered backends must outlive every use: this one lives until exit */
}
END_TEST

START_TEST(version_2_backend_computes_its_reports)
{
	ce_backend *b = old_backend(2, "oldtwo");
	ce_db *db = NULL;
	old_open_calls = old_report_calls = 0;
	ck_assert_int_eq(ce_backend_register(b), CE_OK);
	ck_assert_int_eq(ce_db_open(&db, "oldtwo:", NULL), CE_OK);
	ck_assert_int_eq(old_open_calls, 1);
	exercise(db);
	ck_assert_int_eq(old_report_calls, 1); /* asked first, then the core computed it */
	ce_db_close(db);
}
END_TEST

/* ---- version 3: data and versioned options --------------------------------- */

static struct {
	int calls;
	void *data;
	unsigned int version;
	char location[64];
	unsigned int flags;
	int timeout;
} seen;

static int spy_connect(ce_backend_conn **out, const ce_backend_open_options *opts)
{
	seen.calls++;
	seen.data = opts->data;
	seen.version = opts->version;
	snprintf(seen.location, sizeof seen.location, "%s", opts->location);
	seen.flags = opts->flags;
	seen.timeout = opts->busy_timeout_ms;
	ce_backend_open_options inner = *opts;
	inner.data = NULL;
	return M->connect(out, &inner);
}

static int marker;

START_TEST(version_3_backend_gets_its_data_and_options)
{
	static ce_backend b;
	ce_open_options o = CE_OPEN_OPTIONS_INIT;
	ce_db *db = NULL;
	b = *M;
	b.scheme = "spy";
	b.open = NULL;
	b.data = &marker;
	b.connect = spy_connect;
	memset(&seen, 0, sizeof seen);
	ck_assert_int_eq(ce_backend_register(&b), CE_OK);
	o.busy_timeout_ms = 1234;
	ck_assert_int_eq(ce_db_open(&db, "spy:某处/store", &o), CE_OK);
	ck_assert_int_eq(seen.calls, 1);
	ck_assert_ptr_eq(seen.data, &marker);
	ck_assert_uint_eq(seen.version, CE_BACKEND_OPEN_OPTIONS_VERSION);
	ck_assert_str_eq(seen.location, "某处/store");
	ck_assert_int_eq(seen.timeout, 1234);
	exercise(db);
	ce_db_close(db);
	/* the default timeout is filled in, never 0 */
	ck_assert_int_eq(ce_db_open(&db, "spy:", NULL), CE_OK);
	ck_assert_int_eq(seen.timeout, 5000);
	ce_db_close(db);
}
END_TEST

/* ---- version 7: call_without_savepoint() and unique_at_insert() ------------- */

static int savepoints, asked;

static int counting_savepoint(ce_backend_conn *conn)
{
	savepoints++;
	return M->savepoint(conn);
}

static int yes(ce_backend_conn *conn)
{
	(void)conn;
	return 1;
}

static int no(ce_backend_conn *conn)
{
	(void)conn;
	return 0;
}

static int doom_calls(ce_backend_conn *conn)
{
	(void)conn;
	asked++;
	return CE_BACKEND_CALL_DOOM;
}

/* Savepoints a create inside a transaction takes on a backend of this
 * structure (allocated to its version's end). */
static int savepoints_of_a_create(const ce_backend *full, size_t size)
{
	ce_backend *b = malloc(size);
	ce_partner_spec s = CE_PARTNER_SPEC_INIT;
	ce_db *db = NULL;
	int64_t id, n = 0;
	char uri[32];
	ck_assert_ptr_nonnull(b);
	memcpy(b, full, size);
	ck_assert_int_eq(ce_backend_register(b), CE_OK);
	snprintf(uri, sizeof uri, "%s:", full->scheme);
	ck_assert_int_eq(ce_db_open(&db, uri, NULL), CE_OK);
	savepoints = asked = 0;
	s.name = "华中科技大学";
	s.kind = CE_PARTNER_UNIVERSITY;
	ck_assert_int_eq(ce_db_begin(db), CE_OK);
	ck_assert_int_eq(ce_partner_create(&id, db, &s), CE_OK);
	ck_assert_int_eq(ce_db_commit(db), CE_OK);
	ck_assert_int_eq(ce_record_count(&n, db, CE_ENTITY_PARTNER, NULL), CE_OK);
	ck_assert_int_eq(n, 1);
	ce_db_close(db);
	return savepoints;
}

/* A version-6 backend's atomic_calls() still spares the savepoint; a
 * version-7 backend that declares either new member is not asked it, and
 * its call_without_savepoint() is asked once per call. */
START_TEST(version_7_splits_atomic_calls)
{
	ce_backend full = *M;
	full.savepoint = counting_savepoint;
	full.atomic_calls = yes;
	full.version = 6;
	full.scheme = "sixatomic";
	ck_assert_int_eq(savepoints_of_a_create(&full, offsetof(ce_backend, call_without_savepoint)), 0);
	full.version = 7;
	full.scheme = "sevenunique";
	full.unique_at_insert = no; /* declares version 7: atomic_calls() is not read */
	ck_assert_int_eq(savepoints_of_a_create(&full, sizeof full), 1);
	full.scheme = "sevendoom";
	full.unique_at_insert = NULL;
	full.call_without_savepoint = doom_calls;
	ck_assert_int_eq(savepoints_of_a_create(&full, sizeof full), 0);
	ck_assert_int_eq(asked, 1);
}
END_TEST

/* ---- version 8: reads_are_remote() ----------------------------------------- */

static int remote_asked;

static int counting_remote(ce_backend_conn *conn)
{
	(void)conn;
	remote_asked++;
	return 1;
}

/* A version-7 backend is never asked whether its reads are remote, neither
 * when its structure ends before the member (AddressSanitizer) nor when a
 * function sits there; a version-8 one is, once its transaction keeps what
 * it wrote. Either way the store serves the transaction. */
START_TEST(version_8_asks_reads_are_remote)
{
	ce_backend full = *M;
	full.savepoint = counting_savepoint;
	full.version = 7;
	full.scheme = "sevenshort";
	full.reads_are_remote = counting_remote;
	remote_asked = 0;
	ck_assert_int_eq(savepoints_of_a_create(&full, offsetof(ce_backend, reads_are_remote)), 1);
	full.scheme = "sevenlong";
	ck_assert_int_eq(savepoints_of_a_create(&full, sizeof full), 1);
	ck_assert_int_eq(remote_asked, 0);
	full.version = 8;
	full.scheme = "eightremote";
	ck_assert_int_eq(savepoints_of_a_create(&full, sizeof full), 1);
	ck_assert_int_gt(remote_asked, 0);
}
END_TEST

/* ---- version 9: update_keys_kept() ----------------------------------------- */

static int plain_updates, kept_updates;

static int counting_update(ce_backend_conn *conn, const ce_table_def *t, int64_t id,
                           const ce_value *row)
{
	plain_updates++;
	return M->update(conn, t, id, row);
}

static int counting_kept(ce_backend_conn *conn, const ce_table_def *t, int64_t id,
                         const ce_value *row)
{
	kept_updates++;
	return M->update(conn, t, id, row);
}

/* On a backend of this structure (allocated to its version's end), inside
 * a transaction: a project's status move, a new title, a new code (its
 * unique key), a move again; a subtopic (no unique key) renamed. The store
 * ends with every change whichever member wrote it. */
static void updates_of_a_project(const ce_backend *full, size_t size)
{
	ce_backend *b = malloc(size);
	ce_db *db = NULL;
	ce_project *r = NULL;
	ce_subtopic *st = NULL;
	int64_t id, sid;
	char uri[32];
	ck_assert_ptr_nonnull(b);
	memcpy(b, full, size);
	ck_assert_int_eq(ce_backend_register(b), CE_OK);
	snprintf(uri, sizeof uri, "%s:", full->scheme);
	ck_assert_int_eq(ce_db_open(&db, uri, NULL), CE_OK);
	ce_project_spec p = CE_PROJECT_SPEC_INIT;
	p.code = "201901022063";
	p.title = "高强铝合金热处理工艺优化";
	p.start_date = CE_DATE(2024, 3, 1);
	ck_assert_int_eq(ce_project_create(&id, db, &p), CE_OK);
	ce_subtopic_spec s = CE_SUBTOPIC_SPEC_INIT;
	s.project = id;
	s.title = "铝合金时效析出行为研究";
	s.kind = CE_SUBTOPIC_APPLIED;
	s.site = CE_SUBTOPIC_SITE_UNIVERSITY;
	s.status_date = CE_DATE(2024, 3, 1);
	ck_assert_int_eq(ce_subtopic_create(&sid, db, &s), CE_OK);
	plain_updates = kept_updates = 0;
	ck_assert_int_eq(ce_db_begin(db), CE_OK);
	ck_assert_int_eq(ce_project_set_status(db, id, CE_PROJECT_STATUS_ACTIVE, CE_DATE(2024, 4, 1)),
	                 CE_OK);
	ck_assert_int_eq(ce_project_lookup(&r, db, id), CE_OK);
	p = *ce_project_fields(r);
	p.title = "高强铝合金热处理工艺优化（二期）";
	ck_assert_int_eq(ce_project_update(db, id, &p), CE_OK);
	p.code = "201901022064";
	ck_assert_int_eq(ce_project_update(db, id, &p), CE_OK);
	ce_project_free(r);
	ck_assert_int_eq(ce_project_set_stage(db, id, CE_PROJECT_STAGE_PILOT, CE_DATE(2024, 5, 1)),
	                 CE_OK);
	ck_assert_int_eq(ce_subtopic_lookup(&st, db, sid), CE_OK);
	s = *ce_subtopic_fields(st);
	s.title = "铝合金时效析出行为与强化机理研究";
	ck_assert_int_eq(ce_subtopic_update(db, sid, &s), CE_OK);
	ce_subtopic_free(st);
	ck_assert_int_eq(ce_db_commit(db), CE_OK);
	ck_assert_int_eq(ce_project_lookup_by_code(&r, db, "201901022064"), CE_OK);
	ck_assert_int_eq(ce_project_id(r), id);
	ck_assert_str_eq(ce_project_fields(r)->title, "高强铝合金热处理工艺优化（二期）");
	ck_assert_int_eq(ce_project_fields(r)->status, CE_PROJECT_STATUS_ACTIVE);
	ck_assert_int_eq(ce_project_fields(r)->stage, CE_PROJECT_STAGE_PILOT);
	ce_project_free(r);
	ck_assert_int_eq(ce_project_lookup_by_code(&r, db, "201901022063"), CE_ENOTFOUND);
	ck_assert_int_eq(ce_subtopic_lookup(&st, db, sid), CE_OK);
	ck_assert_str_eq(ce_subtopic_fields(st)->title, "铝合金时效析出行为与强化机理研究");
	ce_subtopic_free(st);
	ce_db_close(db);
}

/* A version-8 backend is never asked update_keys_kept(), neither when its
 * structure ends before the member (AddressSanitizer) nor when a function
 * sits there: update() writes all five. A version-9 one is asked exactly
 * for the four updates that keep every unique key (the moves, the title,
 * the subtopic), and update() only for the new code. */
START_TEST(version_9_asks_update_keys_kept_when_no_key_changes)
{
	ce_backend full = *M;
	full.update = counting_update;
	full.update_keys_kept = counting_kept;
	full.version = 8;
	full.scheme = "eightshort";
	updates_of_a_project(&full, offsetof(ce_backend, update_keys_kept));
	ck_assert_int_eq(plain_updates, 5);
	ck_assert_int_eq(kept_updates, 0);
	full.scheme = "eightlong";
	updates_of_a_project(&full, sizeof full);
	ck_assert_int_eq(plain_updates, 5);
	ck_assert_int_eq(kept_updates, 0);
	full.version = 9;
	full.scheme = "ninekept";
	updates_of_a_project(&full, sizeof full);
	ck_assert_int_eq(plain_updates, 1);
	ck_assert_int_eq(kept_updates, 4);
	full.update_keys_kept = NULL; /* may be left out */
	full.scheme = "ninenone";
	updates_of_a_project(&full, sizeof full);
	ck_assert_int_eq(plain_updates, 5);
}
END_TEST

/* The core's comparison (one place, keys.c): a unique column or a column
 * of a unique group changed, texts byte for byte, NULLs equal; without the
 * old row only a table with no unique key keeps its keys. */
bool ce__keys_kept(const ce_table_def *t, const ce_value *old, const ce_value *row);

START_TEST(keys_kept_compares_every_unique_column)
{
	static const ce_column_def cols[] = {
		{ .name = "code", .type = CE_TYPE_TEXT, .flags = CE_COL_UNIQUE },
		{ .name = "title", .type = CE_TYPE_TEXT },
		{ .name = "course", .type = CE_TYPE_INT },
		{ .name = "student", .type = CE_TYPE_INT },
		{ .name = "score", .type = CE_TYPE_REAL },
	};
	static const int pair[] = { 2, 3, -1 };
	static const int *const groups[] = { pair, NULL };
	const ce_table_def t = { .index = 1, .name = "t", .ncolumns = 5, .columns = cols,
		                     .unique_groups = groups };
	ce_value old[5] = { { .s = "华中科技大学" }, { .s = "标题" }, { .i = 7 }, { .null = 1 }, { .r = 1.5 } };
	ce_value row[5];
	memcpy(row, old, sizeof row);
	ck_assert(ce__keys_kept(&t, old, row));
	row[1].s = "另一个标题"; /* not a key */
	row[4].r = 2.5;
	ck_assert(ce__keys_kept(&t, old, row));
	row[0].s = "华中科技大学 "; /* a byte more */
	ck_assert(!ce__keys_kept(&t, old, row));
	row[0].s = "华中科技大学";
	row[3] = (ce_value){ .i = 0 }; /* NULL -> 0 in the group */
	ck_assert(!ce__keys_kept(&t, old, row));
	row[3] = (ce_value){ .null = 1 };
	row[2].i = 8;
	ck_assert(!ce__keys_kept(&t, old, row));
	row[2].i = 7;
	ck_assert(ce__keys_kept(&t, old, row));
	ck_assert(!ce__keys_kept(&t, NULL, row)); /* not known: a key may move */
	/* the same columns, none unique */
	static const ce_column_def plain[] = {
		{ .name = "code", .type = CE_TYPE_TEXT }, { .name = "title", .type = CE_TYPE_TEXT },
	};
	const ce_table_def loose = { .index = 1, .name = "l", .ncolumns = 2, .columns = plain };
	ck_assert(ce__keys_kept(&loose, NULL, row));
	row[0].s = "其他";
	ck_assert(ce__keys_kept(&loose, old, row));
}
END_TEST

/* A version-3 backend (libcoopedu 0.2.0's interface) whose first insert is
 * busy: the core, which asks version 4 whether to run it again, must not
 * read retryable() past the end of this structure. */
static int busy_inserts;

static int busy_once_insert(ce_backend_conn *conn, const ce_table_def *table,
                            const ce_value *row, int64_t *out_id)
{
	if (busy_inserts++ == 0)
		return CE_EBUSY;
	return M->insert(conn, table, row, out_id);
}

START_TEST(version_3_backend_is_not_asked_retryable)
{
	size_t size = offsetof(ce_backend, retryable);
	ce_backend *b = malloc(size);
	ce_partner_spec s = CE_PARTNER_SPEC_INIT;
	ce_db *db = NULL;
	int64_t id = 0, n = -1;
	ck_assert_ptr_nonnull(b);
	ce_backend full = *M;
	full.version = 3;
	full.scheme = "threebusy";
	full.insert = busy_once_insert;
	memcpy(b, &full, size);
	busy_inserts = 0;
	ck_assert_int_eq(ce_backend_register(b), CE_OK);
	ck_assert_int_eq(ce_db_open(&db, "threebusy:", NULL), CE_OK);
	s.name = "华中科技大学";
	s.kind = CE_PARTNER_UNIVERSITY;
	ck_assert_int_eq(ce_partner_create(&id, db, &s), CE_EBUSY);
	ck_assert_int_eq(busy_inserts, 1); /* not run again */
	ck_assert_int_eq(ce_record_count(&n, db, CE_ENTITY_PARTNER, NULL), CE_OK);
	ck_assert_int_eq(n, 0);
	ck_assert_int_eq(ce_partner_create(&id, db, &s), CE_OK);
	ce_db_close(db);
}
END_TEST

static int half_open(ce_backend_report **out, const ce_table **rows, ce_backend_conn *conn,
                     const char *name, const ce_report_filter *filter)
{
	(void)conn, (void)name, (void)filter;
	*out = NULL;
	*rows = NULL;
	return CE_ENOTSUPPORTED;
}

START_TEST(registration_reads_the_must_members_of_the_declared_version)
{
	static ce_backend none, v2_connect_only, future, zero;
	none = *M;
	none.scheme = "noopen";
	none.open = NULL;
	none.connect = NULL;
	ck_assert_int_eq(ce_backend_register(&none), CE_EINVALID);
	/* a version-2 backend's connect member does not exist for the core */
	v2_connect_only = *M;
	v2_connect_only.version = 2;
	v2_connect_only.scheme = "v2connect";
	v2_connect_only.open = NULL;
	ck_assert_int_eq(ce_backend_register(&v2_connect_only), CE_EINVALID);
	future = *M;
	future.version = CE_BACKEND_VERSION + 1;
	future.scheme = "future";
	ck_assert_int_eq(ce_backend_register(&future), CE_EINVALID);
	zero = *M;
	zero.version = 0;
	zero.scheme = "zero";
	ck_assert_int_eq(ce_backend_register(&zero), CE_EINVALID);
	ck_assert_ptr_null(ce_backend_find("noopen"));
	ck_assert_ptr_null(ce_backend_find("v2connect"));
	/* a version-6 report cursor that could open but not step or close */
	static ce_backend half;
	half = *M;
	half.scheme = "halfcursor";
	half.report_open = half_open;
	ck_assert_int_eq(ce_backend_register(&half), CE_EINVALID);
	ck_assert_ptr_null(ce_backend_find("halfcursor"));
}
END_TEST

/* ---- version 6: report cursors ---------------------------------------------- */

/* A version-5 structure ends before report_open: a report cursor reads the
 * table report() (or the core) computed, and nothing past the structure
 * is read (AddressSanitizer). */
START_TEST(version_5_backend_serves_report_cursors_from_tables)
{
	size_t size = offsetof(ce_backend, report_open);
	ce_backend *b = malloc(size), full = *M;
	ck_assert_ptr_nonnull(b);
	full.version = 5;
	full.scheme = "oldfive";
	full.report = old_report;
	memcpy(b, &full, size);
	ce_db *db = NULL;
	ce_report_cursor *c = NULL;
	old_report_calls = 0;
	ck_assert_int_eq(ce_backend_register(b), CE_OK);
	ck_assert_int_eq(ce_db_open(&db, "oldfive:", NULL), CE_OK);
	ck_assert_int_eq(ce_report_open(&c, db, "project_pipeline", NULL), CE_OK);
	ck_assert_int_eq(old_report_calls, 1);
	ck_assert_int_eq(ce_report_cursor_streams(c), 0);
	int rows = 0;
	while (ce_report_next(c) == CE_OK)
		rows++;
	ck_assert_int_gt(rows, 0); /* every stage */
	ck_assert_str_eq(ce_report_cursor_column_name(c, 0), "stage");
	ce_report_close(c);
	ce_db_close(db);
}
END_TEST

/* ---- open options --------------------------------------------------------- */

START_TEST(open_options_accept_every_version_up_to_the_current)
{
	ce_open_options o;
	ce_db *db = NULL;
	for (unsigned int v = 1; v <= CE_OPEN_OPTIONS_VERSION; v++) {
		ck_assert_int_eq(ce_open_options_init(&o, v), CE_OK);
		ck_assert_uint_eq(o.version, v);
		ck_assert_int_eq(ce_db_open(&db, "memory:", &o), CE_OK);
		ce_db_close(db);
	}
	ck_assert_int_eq(ce_open_options_init(&o, 0), CE_EINVALID);
	ck_assert_int_eq(ce_open_options_init(&o, CE_OPEN_OPTIONS_VERSION + 1), CE_EINVALID);
	ck_assert_int_eq(ce_open_options_init(NULL, 1), CE_EINVALID);
	ce_open_options bad = CE_OPEN_OPTIONS_INIT;
	bad.version = CE_OPEN_OPTIONS_VERSION + 1;
	ck_assert_int_eq(ce_db_open(&db, "memory:", &bad), CE_EINVALID);
	ck_assert_ptr_null(db);
	ck_assert_ptr_nonnull(strstr(ce_last_errmsg(), "version"));
	bad.version = 0;
	ck_assert_int_eq(ce_db_open(&db, "memory:", &bad), CE_EINVALID);
}
END_TEST

static Suite *versions_suite(void)
{
	Suite *s = suite_create("backend_versions");
	TCase *tc = tcase_create("versions");
	tcase_add_test(tc, version_1_backend_serves_a_store);
	tcase_add_test(tc, version_2_backend_computes_its_reports);
	tcase_add_test(tc, version_3_backend_gets_its_data_and_options);
	tcase_add_test(tc, version_3_backend_is_not_asked_retryable);
	tcase_add_test(tc, registration_reads_the_must_members_of_the_declared_version);
	tcase_add_test(tc, version_5_backend_serves_report_cursors_from_tables);
	tcase_add_test(tc, version_7_splits_atomic_calls);
	tcase_add_test(tc, version_8_asks_reads_are_remote);
	tcase_add_test(tc, version_9_asks_update_keys_kept_when_no_key_changes);
	tcase_add_test(tc, keys_kept_compares_every_unique_column);
	tcase_add_test(tc, open_options_accept_every_version_up_to_the_current);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(versions_suite());
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
