/* Workbook export (libxlsxwriter): one sheet per entity with the cells of
 * the CSV export typed for a spreadsheet (numbers, dates, booleans), then
 * one sheet per report. Written in libxlsxwriter's constant-memory mode,
 * row by row, to a temporary beside the path that becomes the file only
 * when the whole workbook is written. */
#include <stdlib.h>
#include <string.h>

#include <xlsxwriter.h>

#include "coopedu/analytics.h"
#include "io_internal.h"

/* Excel's limits: characters in a cell, rows in a sheet. */
#define XL_MAX_TEXT 32767
#define XL_MAX_ROWS 1048576

typedef struct xl {
	io_export ex;
	const char *path;
	lxw_workbook *wb;
	lxw_format *head, *date;
	const char *lang; /* "zh" or "en" */
} xl;

/* Chinese sheet names of the reports; a report not listed keeps its name. */
static const struct {
	const char *name, *zh;
} report_labels[] = {
	{ "outcome_funnel", "成果转化漏斗" },
	{ "supervision_coverage", "双导师覆盖" },
	{ "students_lacking_supervisor", "缺导师学生" },
	{ "guidance_hours", "指导时长" },
	{ "guidance_by_term", "分学期指导" },
	{ "cooperation_depth", "合作深度" },
	{ "platform_utilisation", "平台利用" },
	{ "idle_platforms", "闲置平台" },
	{ "placement_health", "实习实践状况" },
	{ "destinations", "就业去向统计" },
	{ "project_pipeline", "项目进展" },
	{ "subtopic_graph", "子课题依赖图" },
	{ "budget_variance", "预算差异" },
};

static const char *report_sheet(const char *name, const char *lang)
{
	for (size_t i = 0; strcmp(lang, "zh") == 0 && i < CE_ARRAY_LEN(report_labels); i++)
		if (strcmp(report_labels[i].name, name) == 0)
			return report_labels[i].zh;
	return name;
}

static int lxw_fail(xl *x, lxw_error err, const char *what)
{
	int code = err == LXW_ERROR_MEMORY_MALLOC_FAILED ? CE_ENOMEM : CE_ERROR;
	return ce__fail(x->ex.db, code, "%s: workbook: %s: %s", x->path, what, lxw_strerror(err));
}

/* A text cell; NULL-free UTF-8, never read as a formula by Excel. */
static int put_text(xl *x, lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, const char *s,
                    const char *sheet, const char *column)
{
	lxw_error err;
	if (!*s)
		return CE_OK; /* libxlsxwriter writes "" as a blank: so is it */
	err = worksheet_write_string(ws, r, c, s, NULL);
	if (err == LXW_ERROR_MAX_STRING_LENGTH_EXCEEDED)
		return ce__fail(x->ex.db, CE_EINVALID, "%s: %s row %lu: %s holds more than %d characters, "
		                "more than a cell holds", x->path, sheet, (unsigned long)r, column, XL_MAX_TEXT);
	return err == LXW_NO_ERROR ? CE_OK : lxw_fail(x, err, sheet);
}

static int put_number(xl *x, lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, double v, const char *sheet)
{
	lxw_error err = worksheet_write_number(ws, r, c, v, NULL);
	return err == LXW_NO_ERROR ? CE_OK : lxw_fail(x, err, sheet);
}

static int put_date(xl *x, lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, ce_date d, const char *sheet)
{
	lxw_datetime dt = { (int)(d / 10000), (int)(d / 100 % 100), (int)(d % 100), 0, 0, 0.0 };
	lxw_error err = worksheet_write_datetime(ws, r, c, &dt, x->date);
	return err == LXW_NO_ERROR ? CE_OK : lxw_fail(x, err, sheet);
}

static int put_bool(xl *x, lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, int v, const char *sheet)
{
	lxw_error err = worksheet_write_boolean(ws, r, c, v, NULL);
	return err == LXW_NO_ERROR ? CE_OK : lxw_fail(x, err, sheet);
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

/* Flags as CSV writes them: tokens joined by "|"; caller frees. */
static char *flags_text(const ce_column_def *col, int64_t v)
{
	char *buf = NULL, sep[2] = { IO_LIST_SEP, 0 };
	size_t len = 0, cap = 0;
	bool ok = append(&buf, &len, &cap, "");
	for (int b = 0; ok && b < col->ntokens; b++)
		if ((v >> b) & 1)
			ok = (!len || append(&buf, &len, &cap, sep)) && append(&buf, &len, &cap, col->tokens[b]);
	if (!ok) {
		free(buf);
		return NULL;
	}
	return buf;
}

/* A history as CSV writes it: "YYYY-MM-DD state" entries joined by "|". */
static int history_text(xl *x, const ce_table_def *t, int64_t id, int c, char **out)
{
	ce_transition *steps;
	size_t n, len = 0, cap = 0;
	char *buf = NULL, item[96];
	bool ok;
	int rc = ce__io_export_history(&x->ex, t, id, c, &steps, &n);
	if (rc != CE_OK)
		return rc;
	ok = append(&buf, &len, &cap, "");
	for (size_t i = 0; ok && i < n; i++) {
		char date[16] = "";
		const ce_column_def *col = &t->columns[c];
		ce_date_format(date, sizeof date, steps[i].on);
		snprintf(item, sizeof item, "%s%s %s", i ? (char[]){ IO_LIST_SEP, 0 } : "", date,
		         steps[i].to > 0 && steps[i].to < col->ntokens ? col->tokens[steps[i].to] : "?");
		ok = append(&buf, &len, &cap, item);
	}
	ce_transitions_free(steps);
	if (!ok) {
		free(buf);
		return ce__fail(x->ex.db, CE_ENOMEM, "export: out of memory");
	}
	*out = buf;
	return CE_OK;
}

/* A reference as CSV shows it: the target's natural key, else "#N" (an
 * entity with a key) or N, its exported id; empty for a record the role
 * may not see. */
static int ref_text(xl *x, const ce_column_def *col, int64_t id, char *buf, size_t size,
                    const char **out)
{
	ce_entity target = (ce_entity)col->ref;
	const char *key = ce__io_export_key(&x->ex, target, id);
	int64_t ord = ce__io_export_ordinal(&x->ex, target, id);
	if (key && key[0] != IO_ID_PREFIX) {
		*out = key;
		return CE_OK;
	}
	if (!ord && ce__view_filtered(x->ex.db)) {
		*out = "";
		return CE_OK;
	}
	if (!ord)
		return ce__fail(x->ex.db, CE_ECONSTRAINT, "export: %s %lld is missing", ce_entity_name(target),
		                (long long)id);
	if (ce__io_key_column(ce__table(col->ref)) >= 0)
		snprintf(buf, size, "%c%lld", IO_ID_PREFIX, (long long)ord);
	else
		snprintf(buf, size, "%lld", (long long)ord);
	*out = buf;
	return CE_OK;
}

static int put_value(xl *x, lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, const ce_table_def *t,
                     int col, const ce_value *v)
{
	const ce_column_def *d = &t->columns[col];
	char buf[32];
	const char *s = "";
	int rc;
	if (v->null)
		return CE_OK;
	switch (d->type) {
	case CE_TYPE_TEXT:
		return put_text(x, ws, r, c, v->s, t->name, d->name);
	case CE_TYPE_INT:
	case CE_TYPE_MONEY: /* both within 2^53 in practice; money is bounded to be exact */
		return put_number(x, ws, r, c, (double)v->i, t->name);
	case CE_TYPE_REAL:
		return put_number(x, ws, r, c, v->r, t->name);
	case CE_TYPE_BOOL:
		return put_bool(x, ws, r, c, v->i != 0, t->name);
	case CE_TYPE_DATE:
		return put_date(x, ws, r, c, (ce_date)v->i, t->name);
	case CE_TYPE_ENUM:
		if (v->i < 1 || v->i >= d->ntokens)
			break;
		return put_text(x, ws, r, c, d->tokens[v->i], t->name, d->name);
	case CE_TYPE_FLAGS: {
		char *text = flags_text(d, v->i);
		if (!text)
			return ce__fail(x->ex.db, CE_ENOMEM, "export: out of memory");
		rc = put_text(x, ws, r, c, text, t->name, d->name);
		free(text);
		return rc;
	}
	case CE_TYPE_REF:
		if ((rc = ref_text(x, d, v->i, buf, sizeof buf, &s)) != CE_OK)
			return rc;
		return put_text(x, ws, r, c, s, t->name, d->name);
	}
	return ce__fail(x->ex.db, CE_EINVALID, "export: %s: column %s cannot be written", t->name, d->name);
}

/* A new sheet with its header row frozen; ncols header cells from names. */
static int add_sheet(xl *x, const char *name, lxw_worksheet **out)
{
	lxw_error err = workbook_validate_sheet_name(x->wb, name);
	if (err != LXW_NO_ERROR)
		return lxw_fail(x, err, name);
	if (!(*out = workbook_add_worksheet(x->wb, name)))
		return ce__fail(x->ex.db, CE_ENOMEM, "%s: workbook: cannot add sheet %s", x->path, name);
	worksheet_freeze_panes(*out, 1, 0);
	return CE_OK;
}

static int put_head(xl *x, lxw_worksheet *ws, lxw_col_t c, const char *text)
{
	lxw_error err = worksheet_write_string(ws, 0, c, text, x->head);
	return err == LXW_NO_ERROR ? CE_OK : lxw_fail(x, err, "header");
}

static int entity_sheet(xl *x, ce_entity e)
{
	const ce_table_def *t = ce__entity_table(e);
	lxw_worksheet *ws;
	ce_value row[CE_MAX_COLUMNS];
	char name[80];
	lxw_col_t n = 0;
	int rc = add_sheet(x, ce_entity_label(e, x->lang), &ws);
	if (rc == CE_OK && x->ex.nids[e] >= XL_MAX_ROWS)
		rc = ce__fail(x->ex.db, CE_EINVALID, "%s: %s has %zu records, more than a sheet holds (%d)",
		              x->path, t->name, x->ex.nids[e], XL_MAX_ROWS - 1);
	/* the header: as the CSV export's */
	for (int c = -1; rc == CE_OK && c < t->ncolumns; c++)
		if ((rc = ce_io_header_label(e, c, 0, x->lang, name, sizeof name)) == CE_OK)
			rc = put_head(x, ws, n++, name);
	for (int c = 0; rc == CE_OK && c < t->ncolumns; c++)
		if (ce__io_lifecycle(t, c) && (rc = ce_io_header_label(e, c, 1, x->lang, name, sizeof name)) == CE_OK)
			rc = put_head(x, ws, n++, name);
	if (rc == CE_OK && n)
		worksheet_autofilter(ws, 0, 0, 0, (lxw_col_t)(n - 1));
	for (size_t i = 0; rc == CE_OK && i < x->ex.nids[e]; i++) {
		int64_t id = x->ex.ids[e][i];
		lxw_row_t r = (lxw_row_t)(i + 1);
		lxw_col_t c = 0;
		if ((rc = ce__fetch_copy(x->ex.db, t, id, row)) != CE_OK)
			break;
		rc = put_number(x, ws, r, c++, (double)(i + 1), t->name);
		for (int k = 0; rc == CE_OK && k < t->ncolumns; k++)
			rc = put_value(x, ws, r, c++, t, k, &row[k]);
		for (int k = 0; rc == CE_OK && k < t->ncolumns; k++) {
			char *h = NULL;
			if (!ce__io_lifecycle(t, k))
				continue;
			if ((rc = history_text(x, t, id, k, &h)) == CE_OK)
				rc = put_text(x, ws, r, c++, h, t->name, name);
			free(h);
		}
		ce__row_clear(t, row);
		if (rc == CE_OK)
			rc = ce__io_export_tick(&x->ex);
	}
	return rc;
}

/* Rows of a report table from sheet row *r on; first, if given, is a
 * leading text cell (the project a per-project report ran for). */
static int table_rows(xl *x, lxw_worksheet *ws, const ce_table *tab, const char *sheet,
                      const char *first, lxw_row_t *r)
{
	int nc = ce_table_column_count(tab), rc = CE_OK;
	size_t rows = ce_table_row_count(tab);
	for (size_t i = 0; rc == CE_OK && i < rows; i++, (*r)++) {
		lxw_col_t c = 0;
		if (*r >= XL_MAX_ROWS)
			return ce__fail(x->ex.db, CE_EINVALID, "%s: report %s has more rows than a sheet holds",
			                x->path, sheet);
		if (first)
			rc = put_text(x, ws, *r, c++, first, sheet, "project");
		for (int k = 0; rc == CE_OK && k < nc; k++, c++) {
			int64_t iv = 0;
			double rv = 0;
			if (ce_table_is_null(tab, i, k))
				continue;
			switch (ce_table_column_type(tab, k)) {
			case CE_TYPE_REAL:
				if ((rc = ce_table_get_real(&rv, tab, i, k)) == CE_OK)
					rc = put_number(x, ws, *r, c, rv, sheet);
				break;
			case CE_TYPE_TEXT:
				rc = put_text(x, ws, *r, c, ce_table_get_text(tab, i, k), sheet,
				              ce_table_column_name(tab, k));
				break;
			case CE_TYPE_DATE:
				if ((rc = ce_table_get_int(&iv, tab, i, k)) == CE_OK)
					rc = put_date(x, ws, *r, c, (ce_date)iv, sheet);
				break;
			case CE_TYPE_BOOL:
				if ((rc = ce_table_get_int(&iv, tab, i, k)) == CE_OK)
					rc = put_bool(x, ws, *r, c, iv != 0, sheet);
				break;
			default:
				if ((rc = ce_table_get_int(&iv, tab, i, k)) == CE_OK)
					rc = put_number(x, ws, *r, c, (double)iv, sheet);
			}
		}
	}
	return rc;
}

static int table_head(xl *x, lxw_worksheet *ws, const ce_table *tab, bool project)
{
	int nc = ce_table_column_count(tab), rc = CE_OK;
	lxw_col_t c = 0;
	if (project)
		rc = put_head(x, ws, c++, ce_entity_label(CE_ENTITY_PROJECT, x->lang));
	for (int k = 0; rc == CE_OK && k < nc; k++)
		rc = put_head(x, ws, c++, ce_table_column_name(tab, k));
	if (rc == CE_OK && c)
		worksheet_autofilter(ws, 0, 0, 0, (lxw_col_t)(c - 1));
	return rc;
}

/* A report that needs a project (it refuses to run without one) runs once
 * per project, each row led by the project's code. */
static int per_project(xl *x, lxw_worksheet *ws, const char *name, const char *sheet)
{
	ce_report_filter f = CE_REPORT_FILTER_INIT;
	lxw_row_t r = 1;
	int rc = CE_OK;
	bool head = false;
	for (size_t i = 0; rc == CE_OK && i < x->ex.nids[CE_ENTITY_PROJECT]; i++) {
		ce_table *tab = NULL;
		int64_t id = x->ex.ids[CE_ENTITY_PROJECT][i];
		const char *code = ce__io_export_key(&x->ex, CE_ENTITY_PROJECT, id);
		char buf[32];
		if (!code) {
			snprintf(buf, sizeof buf, "%c%lld", IO_ID_PREFIX, (long long)(i + 1));
			code = buf;
		}
		f.project = id;
		if ((rc = ce_report_run(&tab, x->ex.db, name, &f)) != CE_OK)
			break;
		if (!head) {
			rc = table_head(x, ws, tab, true);
			head = true;
		}
		if (rc == CE_OK)
			rc = table_rows(x, ws, tab, sheet, code, &r);
		ce_table_free(tab);
	}
	return rc;
}

static int report_sheet_write(xl *x, int i)
{
	const char *name = ce_report_name(i), *sheet = report_sheet(name, x->lang);
	ce_table *tab = NULL;
	lxw_worksheet *ws;
	lxw_row_t r = 1;
	int rc = ce_report_run(&tab, x->ex.db, name, NULL);
	if (rc == CE_EDENIED)
		return CE_OK; /* not for this role: no sheet, as the role cannot run it */
	if (rc != CE_OK && rc != CE_EINVALID)
		return rc;
	bool needs_project = rc == CE_EINVALID;
	if ((rc = add_sheet(x, sheet, &ws)) != CE_OK) {
		ce_table_free(tab);
		return rc;
	}
	if (needs_project)
		return per_project(x, ws, name, sheet);
	rc = table_head(x, ws, tab, false);
	if (rc == CE_OK)
		rc = table_rows(x, ws, tab, sheet, NULL, &r);
	ce_table_free(tab);
	return rc;
}

static int write_workbook(xl *x)
{
	int rc = CE_OK;
	if (!(x->head = workbook_add_format(x->wb)) || !(x->date = workbook_add_format(x->wb)))
		return ce__fail(x->ex.db, CE_ENOMEM, "export: out of memory");
	format_set_bold(x->head);
	format_set_num_format(x->date, "yyyy-mm-dd");
	for (int e = 1; rc == CE_OK && e <= CE_ENTITY_LAST; e++)
		rc = entity_sheet(x, (ce_entity)e);
	for (int i = 0; rc == CE_OK && i < ce_report_count(); i++)
		rc = report_sheet_write(x, i);
	return rc;
}

ce_result ce_export_xlsx(ce_db *db, const char *path, const ce_io_options *opts)
{
	xl x = { .path = path };
	lxw_workbook_options wo = { .constant_memory = LXW_TRUE, .tmpdir = NULL, .use_zip64 = LXW_TRUE };
	io_file f;
	int rc = ce__io_export_begin(&x.ex, db, opts);
	if (rc != CE_OK)
		return ce__io_export_end(&x.ex, rc);
	x.lang = x.ex.opts.flags & CE_IO_LABELS_ZH ? "zh" : "en";
	if (!path || !*path || strcmp(path, "-") == 0)
		return ce__io_export_end(&x.ex, ce__fail(db, CE_EINVALID, "export: a workbook needs a file path"));
	/* The CSV and JSON exports' file: a temporary beside a regular file,
	 * renamed over it on success; libxlsxwriter writes it by name. */
	if ((rc = ce__io_open_out(db, path, &f)) != CE_OK)
		return ce__io_export_end(&x.ex, rc);
	if (!(x.wb = workbook_new_opt(f.tmp ? f.tmp : path, &wo)))
		rc = ce__fail(db, CE_ERROR, "%s: cannot create the workbook", path);
	if (rc == CE_OK)
		rc = write_workbook(&x);
	if (x.wb) {
		/* closing writes the file, and frees the workbook whatever happened */
		lxw_error err = workbook_close(x.wb);
		if (rc == CE_OK && err != LXW_NO_ERROR)
			rc = lxw_fail(&x, err, "cannot write");
	}
	return ce__io_export_end(&x.ex, ce__io_close_out(db, path, &f, rc));
}
