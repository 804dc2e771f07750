/* Several handles on one store, for the role and audit tests: a role is
 * bound when a handle opens, so the records must already be there. Every
 * "memory:" open makes a new store, so on that backend the tests use
 * "memshare:", the memory backend whose connections all share the first
 * one's store (gone with the last); other backends open the test's URI. */
#include "coopedu/sys/backend.h"
#include "conformance.h"

static ce_backend share;
static ce_backend_conn *shared;
static int users;

static int share_connect(ce_backend_conn **out, const ce_backend_open_options *opts)
{
	if (!shared) {
		const ce_backend *m = ce_backend_find("memory");
		ce_backend_open_options o = *opts;
		o.data = m->data;
		int rc = m->connect ? m->connect(&shared, &o)
		                    : m->open(&shared, o.location, o.schema, o.flags, o.busy_timeout_ms,
		                              o.errbuf, o.errbuf_size);
		if (rc != CE_OK)
			return rc;
	}
	users++;
	*out = shared;
	return CE_OK;
}

static void share_close(ce_backend_conn *conn)
{
	if (--users == 0) {
		ce_backend_find("memory")->close(conn);
		shared = NULL;
	}
}

const char *shared_store_uri(void)
{
	return is_memory() ? "memshare:" : store_uri();
}

/* Replaces db by a handle on a store other handles can open too. */
void shared_store_begin(void)
{
	if (!is_memory())
		return;
	if (!share.scheme) {
		share = *ce_backend_find("memory");
		share.version = CE_BACKEND_VERSION;
		share.scheme = "memshare";
		share.open = NULL;
		share.connect = share_connect;
		share.close = share_close;
		int rc = ce_backend_register(&share);
		ck_assert(rc == CE_OK || rc == CE_EEXISTS);
	}
	ce_db_close(db);
	ck_ok(ce_db_open(&db, "memshare:", NULL));
}

/* A handle on the shared store acting as actor in role. */
ce_db *open_as(ce_role role, const char *actor)
{
	ce_open_options o = CE_OPEN_OPTIONS_INIT;
	ce_db *h = NULL;
	o.role = role;
	o.actor = actor;
	ck_ok(ce_db_open(&h, shared_store_uri(), &o));
	ck_assert_int_eq(ce_db_role(h), role);
	return h;
}
