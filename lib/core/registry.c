/* Backend registry: the built-in backends plus those registered at run
 * time, looked up by URI scheme (as sqlite3_vfs_find does). */
#include <pthread.h>
#include <string.h>

#include "internal.h"

extern const ce_backend ce__sqlite_backend;
extern const ce_backend ce__memory_backend;
#ifdef CE_HAVE_POSTGRESQL
extern const ce_backend ce__postgresql_backend;
extern const ce_backend ce__postgres_backend;
#endif

#define MAX_REGISTERED 16

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static const ce_backend *registered[MAX_REGISTERED];
static int nregistered;

static const ce_backend *const builtins[] = {
	&ce__sqlite_backend, &ce__memory_backend,
#ifdef CE_HAVE_POSTGRESQL
	&ce__postgresql_backend, &ce__postgres_backend,
#endif
};

static const ce_backend *builtin(const char *scheme)
{
	for (size_t i = 0; i < sizeof builtins / sizeof *builtins; i++)
		if (strcmp(scheme, builtins[i]->scheme) == 0)
			return builtins[i];
	return NULL;
}

const ce_backend *ce_backend_find(const char *scheme)
{
	const ce_backend *found;
	if (!scheme)
		return NULL;
	if ((found = builtin(scheme)))
		return found;
	pthread_mutex_lock(&lock);
	for (int i = 0; i < nregistered && !found; i++)
		if (strcmp(registered[i]->scheme, scheme) == 0)
			found = registered[i];
	pthread_mutex_unlock(&lock);
	return found;
}

/* The must-members of b's version are set. */
static bool complete(const ce_backend *b)
{
	bool opens = b->open || (b->version >= 3 && b->connect);
	return opens && b->close && b->errmsg && b->begin && b->commit && b->rollback &&
	       b->savepoint && b->release && b->rollback_to && b->insert && b->fetch &&
	       b->update && b->remove && b->find_first && b->scan_open && b->scan_next &&
	       b->scan_close &&
	       /* a report cursor opened must step and close */
	       (b->version < 6 || !b->report_open || (b->report_next && b->report_close));
}

static bool scheme_valid(const char *s)
{
	if (!s || !*s)
		return false;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '_' || *s == '-'))
			return false;
	return true;
}

ce_result ce_backend_register(const ce_backend *backend)
{
	int rc = CE_OK;
	if (!backend || backend->version < 1 || backend->version > CE_BACKEND_VERSION)
		return ce__fail(NULL, CE_EINVALID, "backend: NULL or unknown interface version %u",
		                backend ? backend->version : 0);
	if (!scheme_valid(backend->scheme))
		return ce__fail(NULL, CE_EINVALID,
		                "backend.scheme: '%s' must be lowercase letters, digits, '_' or '-'",
		                backend->scheme ? backend->scheme : "(null)");
	if (!complete(backend))
		return ce__fail(NULL, CE_EINVALID, "backend '%s': a required function is missing",
		                backend->scheme);
	if (ce_backend_find(backend->scheme))
		return ce__fail(NULL, CE_EEXISTS, "backend: scheme '%s' is already registered",
		                backend->scheme);
	pthread_mutex_lock(&lock);
	if (nregistered == MAX_REGISTERED)
		rc = ce__fail(NULL, CE_ENOMEM, "backend: at most %d backends can be registered",
		              MAX_REGISTERED);
	else
		registered[nregistered++] = backend;
	pthread_mutex_unlock(&lock);
	return rc;
}
