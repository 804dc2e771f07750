/* CSV parsing: libcsv in strict mode, fed one line at a time so that
 * every record knows the line it starts on and every error names one; each
 * record goes to the caller as soon as it is complete. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <csv.h>

#include "csv_internal.h"

#define CHUNK 65536

void ce__io_csv_reader_free(csv_reader *r)
{
	free(r->text);
	free(r->offs);
	free(r->cells);
	r->text = NULL;
	r->offs = NULL;
	r->cells = NULL;
}

static bool grow(void **p, size_t *cap, size_t need, size_t size)
{
	if (need <= *cap)
		return true;
	size_t n = *cap ? *cap : 64;
	while (n < need)
		n *= 2;
	void *q = realloc(*p, n * size);
	if (!q)
		return false;
	*p = q;
	*cap = n;
	return true;
}

static void on_field(void *s, size_t len, void *data)
{
	csv_reader *r = data;
	if (r->nomem || r->rc)
		return;
	if (r->ncells == 0)
		r->row_line = r->line;
	if (s && memchr(s, 0, len) && !r->nul) {
		r->nul = true;
		r->nul_line = r->line;
	}
	if (!grow((void **)&r->text, &r->textcap, r->textlen + len + 1, 1) ||
	    !grow((void **)&r->offs, &r->offcap, r->ncells + 1, sizeof *r->offs)) {
		r->nomem = true;
		return;
	}
	if (len)
		memcpy(r->text + r->textlen, s, len);
	r->text[r->textlen + len] = '\0';
	r->offs[r->ncells++] = r->textlen;
	r->textlen += len + 1;
}

static void on_record(int c, void *data)
{
	csv_reader *r = data;
	(void)c;
	if (r->nomem || r->rc)
		return;
	if (!grow((void **)&r->cells, &r->cellcap, r->ncells + 1, sizeof *r->cells)) {
		r->nomem = true;
		return;
	}
	for (size_t i = 0; i < r->ncells; i++)
		r->cells[i] = r->text + r->offs[i];
	r->rows++;
	if (!r->nul)
		r->rc = r->on_row(r->ctx, r, r->cells, r->ncells, r->row_line);
	r->ncells = 0;
	r->textlen = 0;
}

static int never_space(unsigned char c)
{
	(void)c;
	return 0; /* keep every byte of a field: text is stored as given */
}

/* Feeds n bytes, one line at a time; CE_EINVALID on malformed CSV,
 * CE_ENOMEM when libcsv runs out of memory. */
static int feed(csv_reader *r, struct csv_parser *p, const char *data, size_t len)
{
	size_t pos = 0;
	while (pos < len && !r->rc && !r->nomem && !r->nul) {
		const char *nl = memchr(data + pos, '\n', len - pos);
		size_t n = nl ? (size_t)(nl - (data + pos)) + 1 : len - pos;
		size_t done = csv_parse(p, data + pos, n, on_field, on_record, r);
		if (done != n && csv_error(p) == CSV_ENOMEM)
			return ce__fail(r->db, CE_ENOMEM, "%s: out of memory", r->source);
		if (done != n)
			return ce__fail(r->db, CE_EINVALID, "%s:%lld: malformed CSV: %s (a quote inside an "
			                "unquoted field, or text after a closing quote)",
			                r->source, (long long)r->line, csv_strerror(csv_error(p)));
		pos += n;
		if (nl)
			r->line++;
	}
	return CE_OK;
}

int ce__io_csv_read(csv_reader *r, const char *data, size_t len, FILE *f)
{
	struct csv_parser p;
	char *buf = NULL;
	bool first = true;
	int rc = CE_OK;
	r->line = 1;
	if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0)
		return ce__fail(r->db, CE_ENOMEM, "%s: out of memory", r->source);
	csv_set_space_func(&p, never_space);
	/* the library's own allocator, so that a test hooking it sees libcsv's too */
	csv_set_realloc_func(&p, realloc);
	csv_set_free_func(&p, free);
	if (!data && !(buf = malloc(CHUNK)))
		rc = ce__fail(r->db, CE_ENOMEM, "%s: out of memory", r->source);
	while (rc == CE_OK && !r->rc && !r->nomem && !r->nul) {
		const char *chunk = data;
		size_t n = len;
		if (!data) {
			n = fread(buf, 1, CHUNK, f);
			chunk = buf;
			if (n == 0 && ferror(f)) {
				rc = ce__fail(r->db, CE_ERROR, "%s: cannot read: %s", r->source, strerror(errno));
				break;
			}
			/* a pipe or a device is read up to its limit, never held */
			if (r->max && (r->nread += n) > r->max) {
				rc = ce__fail(r->db, CE_EINVALID, "%s: larger than the %llu-byte limit", r->source,
				              (unsigned long long)r->max);
				break;
			}
		}
		if (first && n >= 3 && memcmp(chunk, "\xEF\xBB\xBF", 3) == 0) {
			chunk += 3;
			n -= 3;
		}
		first = false;
		rc = feed(r, &p, chunk, n);
		if (data || n == 0)
			break;
	}
	if (rc == CE_OK && !r->rc && !r->nomem && !r->nul && csv_fini(&p, on_field, on_record, r) != 0)
		rc = ce__fail(r->db, CE_EINVALID, "%s:%lld: malformed CSV: a quoted field is not closed",
		              r->source, (long long)(r->ncells ? r->row_line : r->line));
	csv_free(&p);
	free(buf);
	if (rc == CE_OK && r->nomem)
		rc = ce__fail(r->db, CE_ENOMEM, "%s: out of memory", r->source);
	if (rc == CE_OK && r->nul)
		rc = ce__fail(r->db, CE_EINVALID, "%s:%lld: a field contains a NUL byte (not UTF-8 text)",
		              r->source, (long long)r->nul_line);
	if (rc == CE_OK && r->rc)
		rc = r->rc;
	if (rc == CE_OK && r->rows == 0)
		rc = ce__fail(r->db, CE_EINVALID, "%s: empty input (expected a header row naming the columns)",
		              r->source);
	return rc;
}
