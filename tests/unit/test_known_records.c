/* The records known in a transaction (lib/core/store.c): a load past the
 * first table's 32,768 records keeps answering references right, a delete
 * forgets its record wherever the probes put it, and a rollback or a new
 * transaction starts from nothing. Run on both sizes: on the memory
 * backend, whose reads are in-process, the table stays at 65,536 slots and
 * past 3/4 of them records are asked of the store; on the same backend
 * declaring its reads remote (reads_are_remote(), backend version 8) the
 * table grows. The references checked are all the core's. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>

#include "coopedu.h"
#include "coopedu/sys/backend.h"

/* past 3/4 of the first table's 65,536 slots: it grows (remote) or is
 * full and asks the store (in-process) */
#define N 52000

extern const ce_backend ce__memory_backend;

static int remote(ce_backend_conn *conn)
{
	(void)conn;
	return 1;
}

static const char *const uris[] = { "memory:", "remotememory:" };

static ce_result partner(ce_db *db, int64_t *id, int i)
{
	char name[64];
	snprintf(name, sizeof name, "济南某铝业有限公司%05d", i);
	ce_partner_spec s = CE_PARTNER_SPEC_INIT;
	s.name = name;
	s.kind = CE_PARTNER_ENTERPRISE;
	return ce_partner_create(id, db, &s);
}

static ce_result mentor(ce_db *db, int64_t employer)
{
	int64_t id;
	ce_supervisor_spec s = CE_SUPERVISOR_SPEC_INIT;
	s.name = "王建国";
	s.kind = CE_SUPERVISOR_ENTERPRISE;
	s.affiliation = employer;
	return ce_supervisor_create(&id, db, &s);
}

START_TEST(references_right_past_growth_and_deletes)
{
	ce_db *db;
	static int64_t ids[N];
	ck_assert_int_eq(ce_db_open(&db, uris[_i], NULL), CE_OK);
	ck_assert_int_eq(ce_db_begin(db), CE_OK);
	for (int i = 0; i < N; i++)
		ck_assert_int_eq(partner(db, &ids[i], i), CE_OK);
	for (int i = 0; i < N; i += 7)
		ck_assert_int_eq(ce_partner_delete(db, ids[i], 0), CE_OK);
	/* deleted ones first: a refused call may forget what is known */
	ck_assert_int_eq(mentor(db, ids[7 * 1000]), CE_ECONSTRAINT);
	for (int i = 1; i < N; i += 97)
		if (i % 7)
			ck_assert_int_eq(mentor(db, ids[i]), CE_OK);
	for (int i = 0; i < N; i += 7 * 331)
		ck_assert_int_eq(mentor(db, ids[i]), CE_ECONSTRAINT);
	ck_assert_int_eq(ce_db_rollback(db), CE_OK);
	/* nothing of it is known any more: the partners are gone */
	ck_assert_int_eq(ce_db_begin(db), CE_OK);
	ck_assert_int_eq(mentor(db, ids[1]), CE_ECONSTRAINT);
	ck_assert_int_eq(partner(db, &ids[0], 0), CE_OK);
	ck_assert_int_eq(mentor(db, ids[0]), CE_OK);
	ck_assert_int_eq(ce_db_commit(db), CE_OK);
	int64_t n = 0;
	ck_assert_int_eq(ce_record_count(&n, db, CE_ENTITY_SUPERVISOR, NULL), CE_OK);
	ck_assert_int_eq(n, 1);
	ce_db_close(db);
}
END_TEST

int main(void)
{
	static ce_backend remote_memory;
	remote_memory = ce__memory_backend;
	remote_memory.scheme = "remotememory";
	remote_memory.reads_are_remote = remote;
	if (ce_backend_register(&remote_memory) != CE_OK)
		return EXIT_FAILURE;
	Suite *s = suite_create("known_records");
	TCase *tc = tcase_create("known");
	tcase_set_timeout(tc, 60);
	tcase_add_loop_test(tc, references_right_past_growth_and_deletes, 0, 2);
	suite_add_tcase(s, tc);
	SRunner *sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
