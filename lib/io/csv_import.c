/* CSV import: a header row names the fields; each cell is read by its
 * column's type into the import engine. Several files go in one
 * transaction, in dependency order. */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "csv_internal.h"

/* ---- cells ----------------------------------------------------------------- */

/* The field a Chinese header names, as export --labels zh writes it
 * (ce_io_header_label(): "序号", a column's label, "<label>历程" for a
 * lifecycle's history), as field_index(); -1 if none. */
static int field_by_label(const ce_table_def *t, const char *name)
{
	char h[128];
	ce_entity e = (ce_entity)t->index;
	if (ce_io_header_label(e, -1, 0, "zh", h, sizeof h) == CE_OK && strcmp(h, name) == 0)
		return 2 * t->ncolumns;
	for (int c = 0; c < t->ncolumns; c++) {
		if (ce_io_header_label(e, c, 0, "zh", h, sizeof h) == CE_OK && strcmp(h, name) == 0)
			return c;
		if (ce__io_lifecycle(t, c) && ce_io_header_label(e, c, 1, "zh", h, sizeof h) == CE_OK &&
		    strcmp(h, name) == 0)
			return t->ncolumns + c;
	}
	return -1;
}

/* Field of the header: column index, ncolumns + c for the history of
 * lifecycle column c, 2 * ncolumns for "id"; -1 if unknown. Names or
 * their Chinese labels, as exported with or without labels. */
static int field_index(const ce_table_def *t, const char *name)
{
	int c = ce__column_by_name(t, name);
	size_t n = strlen(name);
	if (strcmp(name, "id") == 0)
		return 2 * t->ncolumns;
	if (c >= 0)
		return c;
	if (n > 8 && strcmp(name + n - 8, "_history") == 0)
		for (c = 0; c < t->ncolumns; c++)
			if (ce__io_lifecycle(t, c) && strlen(t->columns[c].name) == n - 8 &&
			    strncmp(t->columns[c].name, name, n - 8) == 0)
				return t->ncolumns + c;
	return field_by_label(t, name);
}

/* Trims ASCII blanks around a typed (non-text) cell, in place. */
static char *trim(char *s)
{
	char *end;
	while (*s == ' ' || *s == '\t')
		s++;
	end = s + strlen(s);
	while (end > s && (end[-1] == ' ' || end[-1] == '\t'))
		*--end = '\0';
	return s;
}

/* Splits s at IO_LIST_SEP in place; returns the next item or NULL. */
static char *next_item(char **s)
{
	char *item = *s, *sep;
	if (!item)
		return NULL;
	if ((sep = strchr(item, IO_LIST_SEP))) {
		*sep = '\0';
		*s = sep + 1;
	} else {
		*s = NULL;
	}
	return trim(item);
}

static int flags_cell(io_import *im, const ce_table_def *t, int c, char *s, int64_t *out)
{
	char *item;
	*out = 0;
	while ((item = next_item(&s))) {
		int bit, rc;
		if (!*item)
			continue;
		if ((rc = ce__io_token(im, t, c, t->columns[c].name, item, &bit)) != CE_OK)
			return rc;
		*out |= INT64_C(1) << bit;
	}
	return CE_OK;
}

static int history_cell(io_import *im, const ce_table_def *t, int c, char *s, io_rec *rec)
{
	char field[96], *item;
	size_t n = 1;
	for (const char *p = s; *p; p++)
		n += *p == IO_LIST_SEP;
	if (!(rec->hist[c] = calloc(n, sizeof *rec->hist[c])))
		return ce__io_fail(im, CE_ENOMEM, NULL, "out of memory");
	while ((item = next_item(&s))) {
		size_t k = rec->nhist[c];
		char *state = strchr(item, ' ');
		snprintf(field, sizeof field, "%s_history[%zu]", t->columns[c].name, k);
		if (!state)
			return ce__io_fail(im, CE_EINVALID, field, "'%.*s' is not \"YYYY-MM-DD state\"",
			               ce__clip(item, 60), item);
		*state++ = '\0';
		int rc = ce__io_date(im, field, item, &rec->hist[c][k].on);
		if (rc == CE_OK)
			rc = ce__io_token(im, t, c, field, trim(state), &rec->hist[c][k].state);
		if (rc != CE_OK)
			return rc;
		rec->nhist[c] = k + 1;
	}
	return CE_OK;
}

static int ref_cell(io_import *im, const ce_table_def *t, int c, const char *s, int64_t *out)
{
	int64_t id;
	bool keyed = ce__io_key_column(ce__table(t->columns[c].ref)) >= 0;
	if (s[0] == IO_ID_PREFIX && ce__io_parse_int(s + 1, &id))
		return ce__io_resolve_id(im, t, c, id, out);
	if (!keyed && ce__io_parse_int(s, &id))
		return ce__io_resolve_id(im, t, c, id, out);
	return ce__io_resolve_key(im, t, c, s, out);
}

static int cell_value(io_import *im, const ce_table_def *t, int c, char *s, ce_value *out)
{
	const ce_column_def *col = &t->columns[c];
	const char *name = col->name;
	bool text = col->type == CE_TYPE_TEXT || col->type == CE_TYPE_REF;
	int token, rc = CE_OK;
	ce_date d;
	*out = (ce_value){ .null = 1 };
	if (!ce__utf8_valid(s))
		return ce__io_fail(im, CE_EINVALID, name, "not valid UTF-8 text (or a control character)");
	if (text && !(im->opts.flags & CE_IO_CSV_RAW) && ce__io_is_defused(s))
		s++;
	if (!text)
		s = trim(s);
	if (!*s)
		return CE_OK;
	out->null = 0;
	switch (col->type) {
	case CE_TYPE_TEXT:
		out->s = s;
		return CE_OK;
	case CE_TYPE_INT:
	case CE_TYPE_MONEY:
		if (!ce__io_parse_int(s, &out->i))
			return ce__io_fail(im, CE_EINVALID, name, "'%.*s' is not an integer%s", ce__clip(s, 40), s,
			               col->type == CE_TYPE_MONEY ? " (money is in minor units, e.g. fen)" : "");
		return CE_OK;
	case CE_TYPE_REAL:
		if ((rc = ce__io_parse_real(s, &out->r)) == CE_ENOMEM)
			return ce__io_fail(im, CE_ENOMEM, name, "out of memory");
		if (rc != CE_OK)
			return ce__io_fail(im, CE_EINVALID, name, "'%.*s' is not a number", ce__clip(s, 40), s);
		return CE_OK;
	case CE_TYPE_BOOL:
		if (!strcasecmp(s, "true") || !strcmp(s, "1"))
			out->i = 1;
		else if (!strcasecmp(s, "false") || !strcmp(s, "0"))
			out->i = 0;
		else
			return ce__io_fail(im, CE_EINVALID, name, "'%.*s' is not true or false", ce__clip(s, 40), s);
		return CE_OK;
	case CE_TYPE_DATE:
		rc = ce__io_date(im, name, s, &d);
		out->i = d;
		return rc;
	case CE_TYPE_ENUM:
		rc = ce__io_token(im, t, c, name, s, &token);
		out->i = token;
		return rc;
	case CE_TYPE_FLAGS:
		return flags_cell(im, t, c, s, &out->i);
	case CE_TYPE_REF:
		return ref_cell(im, t, c, s, &out->i);
	}
	return ce__io_fail(im, CE_EINVALID, name, "unsupported column type");
}

/* ---- files --------------------------------------------------------------------- */

/* Maps header positions to fields; map[i] as field_index(). */
static int read_header(io_import *im, const ce_table_def *t, char **cells, size_t n, int64_t line,
                       int *map)
{
	bool seen[3 * CE_MAX_COLUMNS] = { false };
	snprintf(im->where, sizeof im->where, "%lld", (long long)line);
	for (size_t i = 0; i < n; i++) {
		const char *name = cells[i];
		int k = field_index(t, name);
		if (k < 0) {
			char list[400] = "id";
			for (int c = 0; c < t->ncolumns; c++) {
				strncat(list, ", ", sizeof list - strlen(list) - 1);
				strncat(list, t->columns[c].name, sizeof list - strlen(list) - 1);
			}
			return ce__io_fail(im, CE_EINVALID, NULL,
			               "header: unknown column '%.*s' (a %s has: %s, and <lifecycle>_history; "
			               "or their Chinese labels)",
			               ce__clip(name, 60), name, t->name, list);
		}
		if (seen[k])
			return ce__io_fail(im, CE_EINVALID, NULL, "header: column '%s' appears twice",
			                   k == 2 * t->ncolumns ? "id"
			                   : k >= t->ncolumns   ? name
			                                        : t->columns[k].name);
		seen[k] = true;
		map[i] = k;
	}
	return CE_OK;
}

/* One CSV input being imported: the header's map, then a record per row. */
typedef struct file_ctx {
	io_import *im;
	const ce_table_def *t;
	int *map;
	size_t ncols;
} file_ctx;

static int import_row(void *ctx, csv_reader *r, char **cells, size_t n, int64_t line)
{
	file_ctx *fc = ctx;
	io_import *im = fc->im;
	const ce_table_def *t = fc->t;
	io_rec rec;
	int rc = CE_OK;
	(void)r;
	if (!fc->map) {
		if (!(fc->map = calloc(n ? n : 1, sizeof *fc->map)))
			return ce__fail(im->db, CE_ENOMEM, "%s: out of memory", im->source);
		fc->ncols = n;
		return read_header(im, t, cells, n, line, fc->map);
	}
	memset(&rec, 0, sizeof rec);
	rec.t = t;
	for (int c = 0; c < CE_MAX_COLUMNS; c++)
		rec.row[c].null = 1;
	im->pos = line;
	snprintf(im->where, sizeof im->where, "%lld", (long long)line);
	if (n != fc->ncols)
		rc = ce__io_fail(im, CE_EINVALID, NULL, "%zu fields, but the header has %zu", n, fc->ncols);
	for (size_t i = 0; rc == CE_OK && i < fc->ncols; i++) {
		char *cell = cells[i];
		int k = fc->map[i];
		if (k == 2 * t->ncolumns) {
			char *s = trim(cell);
			if (*s && (!ce__io_parse_int(s, &rec.doc_id) || rec.doc_id <= 0))
				rc = ce__io_fail(im, CE_EINVALID, "id", "'%.*s' is not a positive integer",
				             ce__clip(s, 40), s);
		} else if (k >= t->ncolumns) {
			if (*trim(cell))
				rc = history_cell(im, t, k - t->ncolumns, trim(cell), &rec);
		} else {
			rec.given[k] = true;
			rc = cell_value(im, t, k, cell, &rec.row[k]);
		}
	}
	if (rc == CE_OK)
		rc = ce__io_import_record(im, &rec);
	ce__io_rec_clear(&rec);
	return rc;
}

/* One input: in memory (data), or the file path ("-": standard input). */
typedef struct csv_in {
	ce_entity entity;
	const char *source;
	const char *data;
	size_t len;
	const char *path;
} csv_in;

/* Reads at most max bytes of f: the reader stops past it. */
static int open_file(ce_db *db, const csv_in *in, size_t max, FILE **out)
{
	struct stat st;
	*out = strcmp(in->path, "-") == 0 ? stdin : fopen(in->path, "rb");
	if (!*out) {
		int err = errno;
		return ce__fail(db, err == ENOENT ? CE_ENOTFOUND : CE_ERROR, "%s: cannot open: %s", in->path,
		                strerror(err));
	}
	if (fstat(fileno(*out), &st) == 0 && S_ISREG(st.st_mode) && (uint64_t)st.st_size > max)
		return ce__fail(db, CE_EINVALID, "%s: larger than the %zu-byte limit", in->path, max);
	return CE_OK;
}

static int import_input(io_import *im, const csv_in *in)
{
	file_ctx fc = { im, ce__entity_table(in->entity), NULL, 0 };
	csv_reader r = { .db = im->db, .source = in->source, .on_row = import_row, .ctx = &fc,
		             .max = im->opts.max_bytes };
	FILE *f = NULL;
	int rc = CE_OK;
	im->source = in->source;
	if (!in->data)
		rc = open_file(im->db, in, im->opts.max_bytes, &f);
	if (rc == CE_OK)
		rc = ce__io_csv_read(&r, in->data, in->len, f);
	if (f && f != stdin)
		fclose(f);
	ce__io_csv_reader_free(&r);
	free(fc.map);
	return rc;
}

/* Position of an entity in the import order. */
static int rank(ce_entity e)
{
	ce_entity order[CE_ENTITY_LAST];
	ce__io_import_order(order);
	for (int i = 0; i < CE_ENTITY_LAST; i++)
		if (order[i] == e)
			return i;
	return CE_ENTITY_LAST;
}

/* Imports the inputs in dependency order (stable for equal entities), each
 * read as it is imported: the total is not known beforehand (0). */
static int import_inputs(io_import *im, csv_in *in, size_t count)
{
	int rc = CE_OK;
	size_t *idx = malloc(count * sizeof *idx);
	if (!idx)
		return ce__fail(im->db, CE_ENOMEM, "import: out of memory");
	for (size_t i = 0; i < count; i++) {
		idx[i] = i;
		im->carries[in[i].entity] = true;
	}
	for (size_t i = 1; i < count; i++) /* insertion sort: stable, and count is small */
		for (size_t j = i; j > 0 && rank(in[idx[j]].entity) < rank(in[idx[j - 1]].entity); j--) {
			size_t tmp = idx[j];
			idx[j] = idx[j - 1];
			idx[j - 1] = tmp;
		}
	if (im->opts.progress && im->opts.progress(im->opts.progress_ctx, 0, 0))
		rc = ce__fail(im->db, CE_ERROR, "import cancelled; nothing was imported");
	for (size_t i = 0; rc == CE_OK && i < count; i++)
		rc = import_input(im, &in[idx[i]]);
	free(idx);
	return rc;
}

ce_result ce_import_csv(ce_db *db, ce_entity entity, const char *data, size_t len,
                        const ce_io_options *opts)
{
	io_import im;
	int rc = ce__io_import_begin(&im, db, opts, true);
	if (rc == CE_OK && !ce__entity_table(entity))
		rc = ce__fail(db, CE_EINVALID, "import: unknown entity %d", (int)entity);
	if (rc == CE_OK && !data)
		rc = ce__fail(db, CE_EINVALID, "import: NULL data");
	if (rc == CE_OK && len > im.opts.max_bytes)
		rc = ce__fail(db, CE_EINVALID, "%s: %zu bytes is larger than the %zu-byte limit", im.source,
		              len, im.opts.max_bytes);
	if (rc == CE_OK) {
		csv_in in = { .entity = entity, .source = im.source, .data = data, .len = len };
		rc = import_inputs(&im, &in, 1);
	}
	return ce__io_import_end(&im, rc);
}

ce_result ce_import_csv_files(ce_db *db, size_t count, const ce_entity *entities,
                              const char *const *paths, const ce_io_options *opts)
{
	io_import im;
	csv_in *in = NULL;
	int rc = ce__io_import_begin(&im, db, opts, true);
	if (rc == CE_OK && (!count || !entities || !paths))
		rc = ce__fail(db, CE_EINVALID, "import: no files given");
	if (rc == CE_OK && !(in = calloc(count, sizeof *in)))
		rc = ce__fail(db, CE_ENOMEM, "import: out of memory");
	for (size_t i = 0; rc == CE_OK && i < count; i++) {
		if (!ce__entity_table(entities[i]))
			rc = ce__fail(db, CE_EINVALID, "import: unknown entity %d", (int)entities[i]);
		else if (!paths[i])
			rc = ce__fail(db, CE_EINVALID, "import: NULL path");
		else
			in[i] = (csv_in){ .entity = entities[i], .source = paths[i], .path = paths[i] };
	}
	if (rc == CE_OK)
		rc = import_inputs(&im, in, count);
	free(in);
	return ce__io_import_end(&im, rc);
}

static int compare_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

ce_result ce_import_csv_dir(ce_db *db, const char *dir, const ce_io_options *opts)
{
	DIR *d;
	struct dirent *ent;
	char **paths = NULL;
	ce_entity *entities = NULL;
	size_t n = 0, cap = 0;
	int rc = CE_OK;
	if (!db)
		return ce__fail(NULL, CE_EINVALID, "import: NULL db");
	if (!dir)
		return ce__fail(db, CE_EINVALID, "import: NULL directory");
	if (!(d = opendir(dir)))
		return ce__fail(db, CE_ENOTFOUND, "%s: cannot open the directory", dir);
	while (rc == CE_OK && (ent = readdir(d))) {
		size_t len = strlen(ent->d_name);
		if (len < 5 || strcmp(ent->d_name + len - 4, ".csv") != 0)
			continue;
		if (n == cap) {
			char **p = realloc(paths, (cap = cap ? cap * 2 : 32) * sizeof *p);
			if (!p) {
				rc = ce__fail(db, CE_ENOMEM, "import: out of memory");
				break;
			}
			paths = p;
		}
		size_t size = strlen(dir) + len + 2;
		if (!(paths[n] = malloc(size))) {
			rc = ce__fail(db, CE_ENOMEM, "import: out of memory");
			break;
		}
		snprintf(paths[n++], size, "%s/%s", dir, ent->d_name);
	}
	closedir(d);
	if (rc == CE_OK && n == 0)
		rc = ce__fail(db, CE_ENOTFOUND, "%s: no <entity>.csv files (e.g. partner.csv)", dir);
	if (rc == CE_OK)
		qsort(paths, n, sizeof *paths, compare_names);
	if (rc == CE_OK && !(entities = calloc(n, sizeof *entities)))
		rc = ce__fail(db, CE_ENOMEM, "import: out of memory");
	for (size_t i = 0; rc == CE_OK && i < n; i++) {
		const char *base = paths[i] + strlen(dir) + 1;
		char stem[128];
		snprintf(stem, sizeof stem, "%.*s", (int)(strlen(base) - 4), base);
		if (ce_entity_by_name(&entities[i], stem) != CE_OK)
			rc = ce__fail(db, CE_EINVALID,
			              "%s: no entity named '%s' (files are named after entities: partner.csv, "
			              "student.csv, ...)",
			              paths[i], stem);
	}
	if (rc == CE_OK)
		rc = ce_import_csv_files(db, n, entities, (const char *const *)paths, opts);
	for (size_t i = 0; i < n; i++)
		free(paths[i]);
	free(paths);
	free(entities);
	return rc;
}
