/* A shim SQLite VFS (vfs.c) wrapping the default one, registered as the
 * default so that the library's stores go through it unchanged. Armed, it
 * fails the nth call of one kind (a read, a write, ...) with the error the
 * real system call would give, or kills the process there (crash tests). */
#ifndef CE_TEST_REL_VFS_H
#define CE_TEST_REL_VFS_H

#include <stdbool.h>

typedef enum rel_io {
	REL_IO_READ,     /* xRead: SQLITE_IOERR_READ */
	REL_IO_WRITE,    /* xWrite: SQLITE_IOERR_WRITE */
	REL_IO_FULL,     /* xWrite: SQLITE_FULL, and every later write too (a full disk stays full) */
	REL_IO_SYNC,     /* xSync: SQLITE_IOERR_FSYNC */
	REL_IO_LOCK,     /* xLock: SQLITE_IOERR_LOCK */
	REL_IO_TRUNCATE, /* xTruncate: SQLITE_IOERR_TRUNCATE */
	REL_IO_SIZE,     /* xFileSize: SQLITE_IOERR_FSTAT */
	REL_IO_SHM,      /* xShmMap: SQLITE_IOERR_SHMMAP */
	REL_IO_OPEN,     /* xOpen: SQLITE_CANTOPEN */
	REL_IO_DURABLE,  /* xWrite or xSync (for the crash points) */
	REL_IO_NKINDS
} rel_io;

extern const char *const rel_io_names[REL_IO_NKINDS];

/* Registers the shim as the default VFS; 0 or -1. */
int rel_vfs_register(void);
/* The name of the VFS under it, for reading a store without faults. */
const char *rel_vfs_base(void);

/* Counts calls of kind from now; the nth fails (or, with kill, the process
 * is killed with SIGKILL just before it). n <= 0: count only. */
void rel_vfs_arm(rel_io kind, long n, bool kill);
void rel_vfs_disarm(void);
bool rel_vfs_fired(void);
long rel_vfs_points(void);

/* NULL if PRAGMA integrity_check of the store at path (read without the
 * shim) says "ok", else what it says. */
const char *rel_integrity(const char *path);

#endif
