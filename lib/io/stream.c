/* Options, the buffered byte sink exports write through, and whole-file
 * reads and writes for the path conveniences. */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "io_internal.h"

ce_result ce_io_options_init(ce_io_options *opts, unsigned int version)
{
	if (!opts || version != CE_IO_OPTIONS_VERSION)
		return ce__fail(NULL, CE_EINVALID, "io options: NULL or unknown version %u", version);
	*opts = (ce_io_options)CE_IO_OPTIONS_INIT;
	return CE_OK;
}

int ce__io_options(ce_db *db, const ce_io_options *opts, ce_io_options *out)
{
	*out = (ce_io_options)CE_IO_OPTIONS_INIT;
	if (opts) {
		if (opts->version != CE_IO_OPTIONS_VERSION)
			return ce__fail(db, CE_EINVALID, "io options: unknown version %u", opts->version);
		if (opts->flags & ~(CE_IO_CSV_BOM | CE_IO_CSV_RAW | CE_IO_AUDIT))
			return ce__fail(db, CE_EINVALID, "io options: unknown flags 0x%x", opts->flags);
		*out = *opts;
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
	return fwrite(data, 1, len, (FILE *)ctx) == len ? 0 : -1;
}

int ce__io_open_out(ce_db *db, const char *path, FILE **out, bool *close)
{
	*out = NULL;
	*close = false;
	if (!path)
		return ce__fail(db, CE_EINVALID, "export: NULL path");
	if (strcmp(path, "-") == 0) {
		*out = stdout;
		return CE_OK;
	}
	if (!(*out = fopen(path, "wb")))
		return ce__fail(db, CE_ERROR, "%s: cannot create: %s", path, strerror(errno));
	*close = true;
	return CE_OK;
}

int ce__io_close_out(ce_db *db, const char *path, FILE *f, bool close, int rc)
{
	int failed = fflush(f) != 0 || ferror(f);
	int err = errno;
	if (close && fclose(f) != 0 && !failed) {
		failed = 1;
		err = errno;
	}
	if (rc == CE_OK && failed)
		rc = ce__fail(db, CE_ERROR, "%s: cannot write: %s", path, strerror(err));
	else if (rc == CE_ERROR && failed && !*ce_db_errmsg(db))
		ce__fail(db, CE_ERROR, "%s: cannot write: %s", path, strerror(err));
	return rc;
}

int ce__io_read_file(ce_db *db, const char *path, size_t max, char **out, size_t *len)
{
	FILE *f;
	char *buf = NULL;
	size_t n = 0, cap = 0;
	bool is_stdin = path && strcmp(path, "-") == 0;

	*out = NULL;
	*len = 0;
	if (!path)
		return ce__fail(db, CE_EINVALID, "import: NULL path");
	if (is_stdin) {
		f = stdin;
	} else if (!(f = fopen(path, "rb"))) {
		int err = errno;
		return ce__fail(db, err == ENOENT ? CE_ENOTFOUND : CE_ERROR, "%s: cannot open: %s", path,
		                strerror(err));
	}
	for (;;) {
		if (n == cap) {
			/* Never past the limit + 1 byte: enough to tell "too large"
			 * without reading (or holding) more of an endless pipe. */
			size_t grown = cap ? cap * 2 : 65536;
			char *p;
			if (grown > max || grown < cap)
				grown = max < SIZE_MAX - 1 ? max + 1 : SIZE_MAX - 1;
			if (n > max) {
				if (!is_stdin)
					fclose(f);
				free(buf);
				return ce__fail(db, CE_EINVALID, "%s: larger than the %zu-byte limit", path, max);
			}
			if (!(p = realloc(buf, grown + 1))) {
				if (!is_stdin)
					fclose(f);
				free(buf);
				return ce__fail(db, CE_ENOMEM, "%s: out of memory reading it", path);
			}
			buf = p;
			cap = grown;
		}
		size_t got = fread(buf + n, 1, cap - n, f);
		n += got;
		if (got == 0)
			break;
	}
	int failed = ferror(f);
	int err = errno;
	if (!is_stdin)
		fclose(f);
	if (failed) {
		free(buf);
		return ce__fail(db, CE_ERROR, "%s: cannot read: %s", path, strerror(err));
	}
	if (n > max) {
		free(buf);
		return ce__fail(db, CE_EINVALID, "%s: larger than the %zu-byte limit", path, max);
	}
	buf[n] = '\0';
	*out = buf;
	*len = n;
	return CE_OK;
}
