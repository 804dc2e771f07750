/* The fault-injecting shim VFS (vfs.h). */
#include <signal.h>
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "vfs.h"

const char *const rel_io_names[REL_IO_NKINDS] = { "read", "write", "full", "sync", "lock",
	                                              "truncate", "size", "shm", "open", "durable" };

typedef struct shim_file {
	sqlite3_file base;
	sqlite3_file *real; /* right after this struct, szOsFile of the base VFS */
} shim_file;

static sqlite3_vfs *base;
static sqlite3_vfs shim;
static sqlite3_io_methods shim_io;

static bool armed, killing, fired, full; /* full: the disk stays full once it was */
static rel_io armed_kind;
static long seen, fail_at;

/* Whether this call (of kind k) fails. */
static bool fault(rel_io k)
{
	if (!armed)
		return false;
	if (k == REL_IO_WRITE && armed_kind == REL_IO_FULL && full)
		return true;
	bool counts = k == armed_kind || (armed_kind == REL_IO_FULL && k == REL_IO_WRITE) ||
	              (armed_kind == REL_IO_DURABLE && (k == REL_IO_WRITE || k == REL_IO_SYNC));
	if (!counts)
		return false;
	if (++seen != fail_at)
		return false;
	fired = true;
	if (killing)
		kill(getpid(), SIGKILL);
	if (armed_kind == REL_IO_FULL)
		full = true;
	return true;
}

#define REAL(f) (((shim_file *)(f))->real)

static int x_close(sqlite3_file *f)
{
	return REAL(f)->pMethods->xClose(REAL(f));
}

static int x_read(sqlite3_file *f, void *buf, int n, sqlite3_int64 off)
{
	return fault(REL_IO_READ) ? SQLITE_IOERR_READ : REAL(f)->pMethods->xRead(REAL(f), buf, n, off);
}

static int x_write(sqlite3_file *f, const void *buf, int n, sqlite3_int64 off)
{
	if (fault(REL_IO_WRITE))
		return armed_kind == REL_IO_FULL ? SQLITE_FULL : SQLITE_IOERR_WRITE;
	return REAL(f)->pMethods->xWrite(REAL(f), buf, n, off);
}

static int x_truncate(sqlite3_file *f, sqlite3_int64 size)
{
	return fault(REL_IO_TRUNCATE) ? SQLITE_IOERR_TRUNCATE : REAL(f)->pMethods->xTruncate(REAL(f), size);
}

static int x_sync(sqlite3_file *f, int flags)
{
	return fault(REL_IO_SYNC) ? SQLITE_IOERR_FSYNC : REAL(f)->pMethods->xSync(REAL(f), flags);
}

static int x_size(sqlite3_file *f, sqlite3_int64 *size)
{
	return fault(REL_IO_SIZE) ? SQLITE_IOERR_FSTAT : REAL(f)->pMethods->xFileSize(REAL(f), size);
}

static int x_lock(sqlite3_file *f, int level)
{
	return fault(REL_IO_LOCK) ? SQLITE_IOERR_LOCK : REAL(f)->pMethods->xLock(REAL(f), level);
}

static int x_unlock(sqlite3_file *f, int level)
{
	return REAL(f)->pMethods->xUnlock(REAL(f), level);
}

static int x_check_reserved(sqlite3_file *f, int *out)
{
	return REAL(f)->pMethods->xCheckReservedLock(REAL(f), out);
}

static int x_control(sqlite3_file *f, int op, void *arg)
{
	return REAL(f)->pMethods->xFileControl(REAL(f), op, arg);
}

static int x_sector(sqlite3_file *f)
{
	return REAL(f)->pMethods->xSectorSize(REAL(f));
}

static int x_device(sqlite3_file *f)
{
	return REAL(f)->pMethods->xDeviceCharacteristics(REAL(f));
}

static int x_shm_map(sqlite3_file *f, int region, int size, int extend, void volatile **out)
{
	if (fault(REL_IO_SHM))
		return SQLITE_IOERR_SHMMAP;
	return REAL(f)->pMethods->xShmMap(REAL(f), region, size, extend, out);
}

static int x_shm_lock(sqlite3_file *f, int offset, int n, int flags)
{
	return REAL(f)->pMethods->xShmLock(REAL(f), offset, n, flags);
}

static void x_shm_barrier(sqlite3_file *f)
{
	REAL(f)->pMethods->xShmBarrier(REAL(f));
}

static int x_shm_unmap(sqlite3_file *f, int del)
{
	return REAL(f)->pMethods->xShmUnmap(REAL(f), del);
}

static int x_fetch(sqlite3_file *f, sqlite3_int64 off, int n, void **out)
{
	return REAL(f)->pMethods->xFetch(REAL(f), off, n, out);
}

static int x_unfetch(sqlite3_file *f, sqlite3_int64 off, void *p)
{
	return REAL(f)->pMethods->xUnfetch(REAL(f), off, p);
}

static int x_open(sqlite3_vfs *vfs, const char *name, sqlite3_file *f, int flags, int *out_flags)
{
	(void)vfs;
	shim_file *p = (shim_file *)f;
	p->real = (sqlite3_file *)&p[1];
	p->base.pMethods = NULL;
	if (fault(REL_IO_OPEN))
		return SQLITE_CANTOPEN;
	int rc = base->xOpen(base, name, p->real, flags, out_flags);
	if (p->real->pMethods) {
		/* the shim offers what the real file offers, no more */
		shim_io.iVersion = p->real->pMethods->iVersion < 3 ? p->real->pMethods->iVersion : 3;
		p->base.pMethods = &shim_io;
	}
	return rc;
}

static int x_delete(sqlite3_vfs *vfs, const char *name, int sync)
{
	(void)vfs;
	return base->xDelete(base, name, sync);
}

static int x_access(sqlite3_vfs *vfs, const char *name, int flags, int *out)
{
	(void)vfs;
	return base->xAccess(base, name, flags, out);
}

static int x_fullpath(sqlite3_vfs *vfs, const char *name, int n, char *out)
{
	(void)vfs;
	return base->xFullPathname(base, name, n, out);
}

int rel_vfs_register(void)
{
	if (base)
		return 0;
	if (sqlite3_initialize() != SQLITE_OK || !(base = sqlite3_vfs_find(NULL)))
		return -1;
	shim = *base; /* randomness, sleep, time, dlopen, ... go straight through */
	shim.zName = "coopedu-fault";
	shim.szOsFile = (int)sizeof(shim_file) + base->szOsFile;
	shim.pAppData = NULL;
	shim.xOpen = x_open;
	shim.xDelete = x_delete;
	shim.xAccess = x_access;
	shim.xFullPathname = x_fullpath;
	shim_io = (sqlite3_io_methods){ 3, x_close, x_read, x_write, x_truncate, x_sync, x_size,
		                            x_lock, x_unlock, x_check_reserved, x_control, x_sector,
		                            x_device, x_shm_map, x_shm_lock, x_shm_barrier, x_shm_unmap,
		                            x_fetch, x_unfetch };
	return sqlite3_vfs_register(&shim, 1) == SQLITE_OK ? 0 : -1;
}

const char *rel_vfs_base(void)
{
	return base ? base->zName : NULL;
}

void rel_vfs_arm(rel_io kind, long n, bool kill_there)
{
	armed_kind = kind;
	fail_at = n;
	killing = kill_there;
	seen = 0;
	fired = full = false;
	armed = true;
}

void rel_vfs_disarm(void)
{
	armed = false;
	full = false;
}

bool rel_vfs_fired(void)
{
	return fired;
}

long rel_vfs_points(void)
{
	return seen;
}

const char *rel_integrity(const char *path)
{
	static char why[600];
	sqlite3 *db = NULL;
	sqlite3_stmt *st = NULL;
	if (access(path, F_OK) != 0)
		return NULL; /* no store (a refused create): nothing to check */
	int rc = sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE, rel_vfs_base());
	if (rc == SQLITE_OK)
		rc = sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &st, NULL);
	if (rc != SQLITE_OK) {
		snprintf(why, sizeof why, "integrity_check cannot run: %s", db ? sqlite3_errmsg(db) : "?");
		sqlite3_finalize(st);
		sqlite3_close(db);
		return why;
	}
	why[0] = '\0';
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *t = (const char *)sqlite3_column_text(st, 0);
		if (!t || strcmp(t, "ok") != 0) {
			snprintf(why, sizeof why, "integrity_check: %s", t ? t : "NULL");
			break;
		}
	}
	if (rc != SQLITE_ROW && rc != SQLITE_DONE && !why[0])
		snprintf(why, sizeof why, "integrity_check: %s", sqlite3_errmsg(db));
	sqlite3_finalize(st);
	sqlite3_close(db);
	return why[0] ? why : NULL;
}
