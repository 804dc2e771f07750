/* CSV parsing: libcsv in strict mode, fed one line at a time so that
 * every record knows the line it starts on and every error names one. */
#include <stdlib.h>
#include <string.h>

#include <csv.h>

#include "csv_internal.h"

void ce__io_csv_file_free(csv_file *f)
{
	for (size_t i = 0; i < f->ncells; i++)
		free(f->cells[i]);
	free(f->cells);
	free(f->rows);
	free(f->source);
}

static void on_field(void *s, size_t len, void *data)
{
	csv_file *f = data;
	char *copy;
	if (f->nomem)
		return;
	if (f->ncells == f->cur_first)
		f->cur_line = f->line;
	if (s && memchr(s, 0, len) && !f->nul) {
		f->nul = true;
		f->nul_line = f->line;
	}
	if (f->ncells == f->cellcap) {
		size_t cap = f->cellcap ? f->cellcap * 2 : 256;
		char **p = realloc(f->cells, cap * sizeof *p);
		if (!p) {
			f->nomem = true;
			return;
		}
		f->cells = p;
		f->cellcap = cap;
	}
	if (!(copy = malloc(len + 1))) {
		f->nomem = true;
		return;
	}
	if (len)
		memcpy(copy, s, len);
	copy[len] = '\0';
	f->cells[f->ncells++] = copy;
}

static void on_record(int c, void *data)
{
	csv_file *f = data;
	(void)c;
	if (f->nomem)
		return;
	if (f->nrows == f->rowcap) {
		size_t cap = f->rowcap ? f->rowcap * 2 : 64;
		csv_row *p = realloc(f->rows, cap * sizeof *p);
		if (!p) {
			f->nomem = true;
			return;
		}
		f->rows = p;
		f->rowcap = cap;
	}
	f->rows[f->nrows++] = (csv_row){ f->cur_first, f->ncells - f->cur_first, f->cur_line };
	f->cur_first = f->ncells;
}

static int never_space(unsigned char c)
{
	(void)c;
	return 0; /* keep every byte of a field: text is stored as given */
}

int ce__io_csv_parse(ce_db *db, csv_file *f, const char *data, size_t len)
{
	struct csv_parser p;
	size_t pos = 0;
	int rc = CE_OK;
	if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0)
		return ce__fail(db, CE_ENOMEM, "%s: out of memory", f->source);
	csv_set_space_func(&p, never_space);
	if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
		pos = 3;
	f->line = 1;
	while (rc == CE_OK && pos < len) {
		const char *nl = memchr(data + pos, '\n', len - pos);
		size_t n = nl ? (size_t)(nl - (data + pos)) + 1 : len - pos;
		if (csv_parse(&p, data + pos, n, on_field, on_record, f) != n)
			rc = ce__fail(db, CE_EINVALID, "%s:%lld: malformed CSV: %s (a quote inside an unquoted "
			              "field, or text after a closing quote)",
			              f->source, (long long)f->line, csv_strerror(csv_error(&p)));
		pos += n;
		if (nl)
			f->line++;
	}
	if (rc == CE_OK && csv_fini(&p, on_field, on_record, f) != 0)
		rc = ce__fail(db, CE_EINVALID, "%s:%lld: malformed CSV: a quoted field is not closed",
		              f->source, (long long)f->cur_line);
	csv_free(&p);
	if (rc == CE_OK && f->nomem)
		rc = ce__fail(db, CE_ENOMEM, "%s: out of memory", f->source);
	if (rc == CE_OK && f->nul)
		rc = ce__fail(db, CE_EINVALID, "%s:%lld: a field contains a NUL byte (not UTF-8 text)",
		              f->source, (long long)f->nul_line);
	if (rc == CE_OK && f->nrows == 0)
		rc = ce__fail(db, CE_EINVALID, "%s: empty input (expected a header row naming the columns)",
		              f->source);
	return rc;
}
