/* CSV export, RFC 4180: a header row, CRLF line ends, quotes only where a
 * field needs them (written by libcsv), text that a spreadsheet would run
 * as a formula defused with a leading '. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <csv.h>

#include "io_internal.h"

static bool needs_quotes(const char *s, size_t len)
{
	if (len && (s[0] == ' ' || s[0] == '\t' || s[len - 1] == ' ' || s[len - 1] == '\t'))
		return true;
	return strpbrk(s, ",\"\r\n") != NULL;
}

static int put_field(io_out *out, const char *s, bool first)
{
	size_t len = strlen(s);
	int rc = first ? CE_OK : ce__io_out_put(out, ",", 1);
	if (rc != CE_OK || !needs_quotes(s, len))
		return rc == CE_OK ? ce__io_out_put(out, s, len) : rc;
	size_t cap = 2 * len + 3;
	char *buf = malloc(cap);
	if (!buf)
		return CE_ENOMEM;
	size_t n = csv_write(buf, cap, s, len);
	rc = ce__io_out_put(out, buf, n);
	free(buf);
	return rc;
}

/* Text as exported: defused unless the caller asked for raw text. */
static int put_text(io_export *ex, io_out *out, const char *s, bool first)
{
	if (!(ex->opts.flags & CE_IO_CSV_RAW) && ce__io_needs_defuse(s)) {
		size_t len = strlen(s);
		char *d = malloc(len + 2);
		if (!d)
			return CE_ENOMEM;
		d[0] = '\'';
		memcpy(d + 1, s, len + 1);
		int rc = put_field(out, d, first);
		free(d);
		return rc;
	}
	return put_field(out, s, first);
}

/* Appends s to a growing text; false when out of memory. */
static bool append(char **buf, size_t *len, size_t *cap, const char *s)
{
	size_t n = strlen(s);
	if (*len + n + 1 > *cap) {
		size_t grown = (*len + n + 1) * 2;
		char *p = realloc(*buf, grown);
		if (!p)
			return false;
		*buf = p;
		*cap = grown;
	}
	memcpy(*buf + *len, s, n + 1);
	*len += n;
	return true;
}

static int put_list(io_out *out, char *text, bool ok)
{
	int rc = ok ? put_field(out, text ? text : "", false) : CE_ENOMEM;
	free(text);
	return rc;
}

static int put_flags(io_out *out, const ce_column_def *col, int64_t v)
{
	char *buf = NULL, sep[2] = { IO_LIST_SEP, 0 };
	size_t len = 0, cap = 0;
	bool ok = true;
	for (int b = 0; ok && b < col->ntokens; b++)
		if ((v >> b) & 1)
			ok = (!len || append(&buf, &len, &cap, sep)) && append(&buf, &len, &cap, col->tokens[b]);
	return put_list(out, buf, ok);
}

static int put_history(io_export *ex, io_out *out, const ce_table_def *t, int64_t id, int c)
{
	ce_transition *steps;
	size_t n, len = 0, cap = 0;
	char *buf = NULL, item[96];
	bool ok = true;
	int rc = ce__io_export_history(ex, t, id, c, &steps, &n);
	if (rc != CE_OK)
		return rc;
	for (size_t i = 0; ok && i < n; i++) {
		char date[16] = "";
		const ce_column_def *col = &t->columns[c];
		ce_date_format(date, sizeof date, steps[i].on);
		snprintf(item, sizeof item, "%s%s %s", i ? (char[]){ IO_LIST_SEP, 0 } : "", date,
		         steps[i].to > 0 && steps[i].to < col->ntokens ? col->tokens[steps[i].to] : "?");
		ok = append(&buf, &len, &cap, item);
	}
	ce_transitions_free(steps);
	return put_list(out, buf, ok);
}

static int put_ref(io_export *ex, io_out *out, const ce_column_def *col, int64_t id)
{
	ce_entity target = (ce_entity)col->ref;
	const char *key = ce__io_export_key(ex, target, id);
	int64_t ord = ce__io_export_ordinal(ex, target, id);
	char buf[32];
	/* A key that looks like "#N" would read back as an id: write the id. */
	if (key && key[0] != IO_ID_PREFIX)
		return put_text(ex, out, key, false);
	if (!ord && ce__view_filtered(ex->db))
		return put_field(out, "", false); /* a record the role may not see: empty */
	if (!ord)
		return ce__fail(ex->db, CE_ECONSTRAINT, "export: %s %lld is missing", ce_entity_name(target),
		                (long long)id);
	if (ce__io_key_column(ce__table(col->ref)) >= 0)
		snprintf(buf, sizeof buf, "%c%lld", IO_ID_PREFIX, (long long)ord);
	else
		snprintf(buf, sizeof buf, "%lld", (long long)ord);
	return put_field(out, buf, false);
}

static int put_value(io_export *ex, io_out *out, const ce_column_def *col, const ce_value *v)
{
	char buf[48];
	if (v->null)
		return put_field(out, "", false);
	switch (col->type) {
	case CE_TYPE_TEXT:
		return put_text(ex, out, v->s, false);
	case CE_TYPE_INT:
	case CE_TYPE_MONEY:
		snprintf(buf, sizeof buf, "%lld", (long long)v->i);
		return put_field(out, buf, false);
	case CE_TYPE_REAL:
		if (ce__io_format_real(buf, sizeof buf, v->r) != CE_OK)
			return CE_EINVALID;
		return put_field(out, buf, false);
	case CE_TYPE_BOOL:
		return put_field(out, v->i ? "true" : "false", false);
	case CE_TYPE_DATE:
		if (ce_date_format(buf, sizeof buf, (ce_date)v->i) != CE_OK)
			return CE_EINVALID;
		return put_field(out, buf, false);
	case CE_TYPE_ENUM:
		if (v->i < 1 || v->i >= col->ntokens)
			return CE_EINVALID;
		return put_field(out, col->tokens[v->i], false);
	case CE_TYPE_FLAGS:
		return put_flags(out, col, v->i);
	case CE_TYPE_REF:
		return put_ref(ex, out, col, v->i);
	}
	return CE_EINVALID;
}

static int put_header(io_export *ex, io_out *out, const ce_table_def *t)
{
	char name[80];
	const char *lang = ex->opts.flags & CE_IO_LABELS_ZH ? "zh" : "en";
	ce_entity e = (ce_entity)t->index;
	int rc = ce_io_header_label(e, -1, 0, lang, name, sizeof name);
	if (rc == CE_OK)
		rc = put_field(out, name, true);
	for (int c = 0; rc == CE_OK && c < t->ncolumns; c++)
		if ((rc = ce_io_header_label(e, c, 0, lang, name, sizeof name)) == CE_OK)
			rc = put_field(out, name, false);
	for (int c = 0; rc == CE_OK && c < t->ncolumns; c++)
		if (ce__io_lifecycle(t, c) && (rc = ce_io_header_label(e, c, 1, lang, name, sizeof name)) == CE_OK)
			rc = put_field(out, name, false);
	return rc == CE_OK ? ce__io_out_put(out, "\r\n", 2) : rc;
}

static int put_record(io_export *ex, io_out *out, const ce_table_def *t, int64_t id,
                      int64_t ordinal, const ce_value *row)
{
	char buf[32];
	int rc;
	snprintf(buf, sizeof buf, "%lld", (long long)ordinal);
	rc = put_field(out, buf, true);
	for (int c = 0; rc == CE_OK && c < t->ncolumns; c++)
		if ((rc = put_value(ex, out, &t->columns[c], &row[c])) == CE_EINVALID)
			rc = ce__fail(ex->db, rc, "export: %s %lld: column %s cannot be written", t->name,
			              (long long)id, t->columns[c].name);
	for (int c = 0; rc == CE_OK && c < t->ncolumns; c++)
		if (ce__io_lifecycle(t, c))
			rc = put_history(ex, out, t, id, c);
	return rc == CE_OK ? ce__io_out_put(out, "\r\n", 2) : rc;
}

static int write_entity(io_export *ex, ce_entity e, ce_write_fn write, void *ctx)
{
	const ce_table_def *t = ce__entity_table(e);
	ce_value row[CE_MAX_COLUMNS];
	io_out *out = malloc(sizeof *out);
	int rc = CE_OK;
	if (!out)
		return ce__fail(ex->db, CE_ENOMEM, "export: out of memory");
	ce__io_out_init(out, write, ctx);
	if (ex->opts.flags & CE_IO_CSV_BOM)
		rc = ce__io_out_put(out, "\xEF\xBB\xBF", 3);
	if (rc == CE_OK)
		rc = put_header(ex, out, t);
	for (size_t i = 0; rc == CE_OK && i < ex->nids[e]; i++) {
		int64_t id = ex->ids[e][i];
		if ((rc = ce__fetch_copy(ex->db, t, id, row)) != CE_OK)
			break;
		rc = put_record(ex, out, t, id, (int64_t)i + 1, row);
		ce__row_clear(t, row);
		if (rc == CE_OK)
			rc = ce__io_export_tick(ex);
	}
	if (rc == CE_OK)
		rc = ce__io_out_flush(out);
	if (rc == CE_ENOMEM && !*ce_db_errmsg(ex->db))
		ce__fail(ex->db, rc, "export: out of memory");
	if (rc == CE_ERROR && out->failed)
		ce__fail(ex->db, CE_ERROR, "export: the output refused the data");
	free(out);
	return rc;
}

static int entity_arg(ce_db *db, ce_entity entity)
{
	return ce__entity_table(entity) ? CE_OK
	                                : ce__fail(db, CE_EINVALID, "export: unknown entity %d", (int)entity);
}

ce_result ce_export_csv(ce_db *db, ce_entity entity, ce_write_fn write, void *ctx,
                        const ce_io_options *opts)
{
	io_export ex;
	int rc = ce__io_export_begin(&ex, db, opts);
	if (rc == CE_OK && (rc = entity_arg(db, entity)) == CE_OK) {
		ex.total = ex.nids[entity];
		rc = write ? write_entity(&ex, entity, write, ctx)
		           : ce__fail(db, CE_EINVALID, "export: NULL write function");
	}
	return ce__io_export_end(&ex, rc);
}

ce_result ce_export_csv_path(ce_db *db, ce_entity entity, const char *path,
                             const ce_io_options *opts)
{
	io_file f;
	int rc = ce__io_open_out(db, path, &f);
	if (rc != CE_OK)
		return rc;
	rc = ce_export_csv(db, entity, ce__io_write_file, &f, opts);
	return ce__io_close_out(db, path, &f, rc);
}

ce_result ce_export_csv_dir(ce_db *db, const char *dir, const ce_io_options *opts)
{
	io_export ex;
	char path[4096];
	int rc = ce__io_export_begin(&ex, db, opts);
	if (rc == CE_OK && !dir)
		rc = ce__fail(db, CE_EINVALID, "export: NULL directory");
	if (rc == CE_OK && mkdir(dir, 0777) != 0 && errno != EEXIST)
		rc = ce__fail(db, CE_ERROR, "%s: cannot create the directory: %s", dir, strerror(errno));
	for (int e = 1; rc == CE_OK && e <= CE_ENTITY_LAST; e++) {
		io_file f;
		if ((size_t)snprintf(path, sizeof path, "%s/%s.csv", dir, ce_entity_name((ce_entity)e)) >= sizeof path) {
			rc = ce__fail(db, CE_EINVALID, "export: directory name too long");
			break;
		}
		if ((rc = ce__io_open_out(db, path, &f)) != CE_OK)
			break;
		rc = write_entity(&ex, (ce_entity)e, ce__io_write_file, &f);
		rc = ce__io_close_out(db, path, &f, rc);
	}
	return ce__io_export_end(&ex, rc);
}
