/* Options, the buffered byte sink exports write through, and whole-file
 * reads and writes for the path conveniences. */
#include <errno.h>
#include <fcntl.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "io_internal.h"

/* How much of the struct each version has: a version 1 caller's is shorter. */
static size_t options_size(unsigned int version)
{
	return version == 1 ? offsetof(ce_io_options, counts) : sizeof(ce_io_options);
}

ce_result ce_io_options_init(ce_io_options *opts, unsigned int version)
{
	ce_io_options defaults = CE_IO_OPTIONS_INIT;
	if (!opts || version < 1 || version > CE_IO_OPTIONS_VERSION)
		return ce__fail(NULL, CE_EINVALID, "io options: NULL or unknown version %u", version);
	defaults.version = version;
	memcpy(opts, &defaults, options_size(version));
	return CE_OK;
}

int ce__io_options(ce_db *db, const ce_io_options *opts, ce_io_options *out)
{
	*out = (ce_io_options)CE_IO_OPTIONS_INIT;
	if (opts) {
		if (opts->version < 1 || opts->version > CE_IO_OPTIONS_VERSION)
			return ce__fail(db, CE_EINVALID, "io options: unknown version %u", opts->version);
		if (opts->flags & ~(CE_IO_CSV_BOM | CE_IO_CSV_RAW | CE_IO_AUDIT | CE_IO_LABELS_ZH |
		                    CE_IO_UPDATE))
			return ce__fail(db, CE_EINVALID, "io options: unknown flags 0x%x", opts->flags);
		memcpy(out, opts, options_size(opts->version));
	}
	if (!out->source_name)
		out->source_name = "<input>";
	if (!out->max_bytes)
		out->max_bytes = IO_DEFAULT_MAX_BYTES;
	return CE_OK;
}

/* ---- buffered sink ------------------------------------------------------ */

void ce__io_out_init(io_out *out, ce_write_fn write, void *ctx)
{
	out->write = write;
	out->ctx = ctx;
	out->failed = false;
	out->len = 0;
}

int ce__io_out_flush(io_out *out)
{
	if (!out->failed && out->len && out->write(out->ctx, out->buf, out->len) != 0)
		out->failed = true;
	out->len = 0;
	return out->failed ? CE_ERROR : CE_OK;
}

int ce__io_out_put(io_out *out, const char *data, size_t len)
{
	if (out->failed)
		return CE_ERROR;
	if (out->len + len > sizeof out->buf && ce__io_out_flush(out) != CE_OK)
		return CE_ERROR;
	if (len > sizeof out->buf) {
		if (out->write(out->ctx, data, len) != 0)
			out->failed = true;
		return out->failed ? CE_ERROR : CE_OK;
	}
	memcpy(out->buf + out->len, data, len);
	out->len += len;
	return CE_OK;
}

int ce__io_out_puts(io_out *out, const char *s)
{
	return ce__io_out_put(out, s, strlen(s));
}

/* ---- files ------------------------------------------------------------------ */

int ce__io_write_file(void *ctx, const char *data, size_t len)
{
	io_file *f = ctx;
	if (fwrite(data, 1, len, f->f) == len)
		return 0;
	if (!f->err)
		f->err = errno ? errno : EIO;
	return -1;
}

/* A new regular file is written as a temporary beside it and renamed over
 * it on success, so that a failed export leaves the old file (or none), never
 * an empty or partial one. A device, pipe, symbolic link or other special
 * file is written in place: renaming over it would replace it. */
static int open_temporary(ce_db *db, const char *path, io_file *out)
{
	struct stat st;
	bool exists = lstat(path, &st) == 0;
	if (!exists && errno != ENOENT)
		return ce__fail(db, CE_ERROR, "%s: cannot create: %s", path, strerror(errno));
	if (exists && !S_ISREG(st.st_mode))
		return CE_ENOTSUPPORTED;
	size_t n = strlen(path) + 32;
	if (!(out->tmp = malloc(n)))
		return ce__fail(db, CE_ENOMEM, "%s: out of memory", path);
	static _Atomic unsigned int counter; /* exports may run on several threads */
	int fd = -1;
	/* O_EXCL with 0666 lets the umask apply as fopen() would; the name is
	 * unique to the process, retried if a stale one is in the way. */
	for (unsigned int i = 0; fd < 0 && i < 100; i++) {
		snprintf(out->tmp, n, "%s.tmp-%ld-%u", path, (long)getpid(), counter++);
		fd = open(out->tmp, O_WRONLY | O_CREAT | O_EXCL, 0666);
		if (fd < 0 && errno != EEXIST)
			break;
	}
	if (fd < 0) {
		int err = errno;
		free(out->tmp);
		out->tmp = NULL;
		return ce__fail(db, CE_ERROR, "%s: cannot create: %s", path, strerror(err));
	}
	/* The replaced file keeps its permission bits, as writing over it would. */
	if ((exists && fchmod(fd, st.st_mode & 07777) != 0) || !(out->f = fdopen(fd, "wb"))) {
		int err = errno;
		close(fd);
		unlink(out->tmp);
		free(out->tmp);
		out->tmp = NULL;
		return ce__fail(db, CE_ERROR, "%s: cannot create: %s", path, strerror(err));
	}
	out->close = true;
	return CE_OK;
}

int ce__io_open_out(ce_db *db, const char *path, io_file *out)
{
	memset(out, 0, sizeof *out);
	if (!path)
		return ce__fail(db, CE_EINVALID, "export: NULL path");
	if (strcmp(path, "-") == 0) {
		out->f = stdout;
		return CE_OK;
	}
	int rc = open_temporary(db, path, out);
	if (rc != CE_ENOTSUPPORTED)
		return rc;
	if (!(out->f = fopen(path, "wb")))
		return ce__fail(db, CE_ERROR, "%s: cannot create: %s", path, strerror(errno));
	out->close = true;
	return CE_OK;
}

int ce__io_close_out(ce_db *db, const char *path, io_file *f, int rc)
{
	int failed = fflush(f->f) != 0 || ferror(f->f);
	int err = f->err ? f->err : errno;
	/* The data reaches the disk before the rename makes it the file. */
	if (!failed && rc == CE_OK && f->tmp && fsync(fileno(f->f)) != 0) {
		failed = 1;
		err = errno;
	}
	if (f->close && fclose(f->f) != 0 && !failed) {
		failed = 1;
		err = errno;
	}
	if (f->tmp) {
		if (rc == CE_OK && !failed && rename(f->tmp, path) != 0) {
			failed = 1;
			err = errno;
		}
		if (rc != CE_OK || failed)
			unlink(f->tmp);
		free(f->tmp);
		f->tmp = NULL;
	}
	/* A write the system refused is told with the system's reason, in place
	 * of the exporter's "the output refused the data". */
	if (failed && (rc == CE_OK || (rc == CE_ERROR && (f->err || !*ce_db_errmsg(db)))))
		rc = ce__fail(db, CE_ERROR, "%s: cannot write: %s", path, strerror(err ? err : EIO));
	return rc;
}

