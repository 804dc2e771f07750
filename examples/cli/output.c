/* Printing result tables in the three output formats: aligned columns for
 * people (CJK text counted as two columns wide), RFC 4180 CSV with
 * spreadsheet formulas defused, and JSON (encoded by jansson). A report
 * read through a cursor prints as CSV or JSON a row at a time, in memory
 * that does not grow with the report; aligned columns need every row's
 * width before the first line, so they print from a table. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "cli.h"

#define MAX_CELL_WIDTH 56

/* ---- display width ----------------------------------------------------------- */

/* Decodes one UTF-8 sequence; returns its length (1 for a stray byte). */
static int utf8_next(const unsigned char *s, uint32_t *cp)
{
	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	int n = s[0] >= 0xF0 ? 4 : s[0] >= 0xE0 ? 3 : s[0] >= 0xC0 ? 2 : 1;
	*cp = n == 1 ? s[0] : s[0] & (0x3F >> (n - 1));
	for (int i = 1; i < n; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 1;
		*cp = (*cp << 6) | (s[i] & 0x3F);
	}
	return n;
}

/* East Asian wide and fullwidth characters take two terminal columns. */
static int cp_width(uint32_t cp)
{
	if ((cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF && cp != 0x303F) ||
	    (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) ||
	    (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
	    (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x20000 && cp <= 0x3FFFD))
		return 2;
	return 1;
}

static int text_width(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	int w = 0;
	uint32_t cp;
	while (*p) {
		p += utf8_next(p, &cp);
		w += cp_width(cp);
	}
	return w;
}

/* s cut to at most max columns, ending in "…" when cut; frees s. */
static char *clip_width(char *s, int max)
{
	unsigned char *p = (unsigned char *)s;
	int w = 0;
	uint32_t cp;
	if (text_width(s) <= max)
		return s;
	while (*p) {
		int n = utf8_next(p, &cp);
		if (w + cp_width(cp) > max - 1)
			break;
		w += cp_width(cp);
		p += n;
	}
	size_t keep = (size_t)((char *)p - s);
	char *out = malloc(keep + 4);
	if (out) {
		memcpy(out, s, keep);
		memcpy(out + keep, "\xE2\x80\xA6", 4); /* U+2026 and the NUL */
	}
	free(s);
	return out;
}

/* ---- rows: a table's, or a report cursor's current one ------------------------------ */

typedef struct row_ref {
	const ce_table *t;
	size_t r;
	const ce_report_cursor *cur; /* when set, its current row (t unused) */
} row_ref;

static int ref_columns(const row_ref *x)
{
	return x->cur ? ce_report_cursor_column_count(x->cur) : ce_table_column_count(x->t);
}

static const char *ref_name(const row_ref *x, int col)
{
	return x->cur ? ce_report_cursor_column_name(x->cur, col) : ce_table_column_name(x->t, col);
}

static ce_column_type ref_type(const row_ref *x, int col)
{
	return x->cur ? ce_report_cursor_column_type(x->cur, col) : ce_table_column_type(x->t, col);
}

static bool ref_null(const row_ref *x, int col)
{
	return (x->cur ? ce_report_cursor_is_null(x->cur, col) : ce_table_is_null(x->t, x->r, col)) != 0;
}

static int64_t ref_int(const row_ref *x, int col)
{
	int64_t i = 0;
	if (x->cur)
		ce_report_cursor_get_int(&i, x->cur, col);
	else
		ce_table_get_int(&i, x->t, x->r, col);
	return i;
}

static double ref_real(const row_ref *x, int col)
{
	double r = 0.0;
	if (x->cur)
		ce_report_cursor_get_real(&r, x->cur, col);
	else
		ce_table_get_real(&r, x->t, x->r, col);
	return r;
}

static const char *ref_text(const row_ref *x, int col)
{
	return x->cur ? ce_report_cursor_get_text(x->cur, col) : ce_table_get_text(x->t, x->r, col);
}

/* ---- cells ---------------------------------------------------------------------- */

static char *real_text(double x, bool exact)
{
	char buf[64];
	if (!exact) {
		snprintf(buf, sizeof buf, "%.2f", x);
		return strdup(buf);
	}
	for (int p = 15; p <= 17; p++) {
		snprintf(buf, sizeof buf, "%.*g", p, x);
		if (strtod(buf, NULL) == x)
			break;
	}
	return strdup(buf);
}

/* A cell as text (malloc'ed), or NULL for a NULL cell. */
static char *ref_cell(const row_ref *x, int col, bool human)
{
	char buf[32];
	int64_t i;
	const char *s;
	if (ref_null(x, col))
		return NULL;
	switch (ref_type(x, col)) {
	case CE_TYPE_REAL:
		return real_text(ref_real(x, col), !human);
	case CE_TYPE_DATE:
		i = ref_int(x, col);
		if (ce_date_format(buf, sizeof buf, (ce_date)i) != CE_OK)
			snprintf(buf, sizeof buf, "%lld", (long long)i);
		return strdup(buf);
	case CE_TYPE_BOOL:
		return strdup(ref_int(x, col) ? (human ? "yes" : "true") : (human ? "no" : "false"));
	case CE_TYPE_TEXT:
		s = ref_text(x, col);
		return strdup(s ? s : "");
	default:
		snprintf(buf, sizeof buf, "%lld", (long long)ref_int(x, col));
		return strdup(buf);
	}
}

static char *cell_text(const ce_table *t, size_t row, int col, bool human)
{
	const row_ref x = { t, row, NULL };
	return ref_cell(&x, col, human);
}

static bool right_aligned(ce_column_type type)
{
	return type == CE_TYPE_INT || type == CE_TYPE_REAL;
}

/* ---- table ------------------------------------------------------------------------- */

static void pad(int n)
{
	for (; n > 0; n--)
		putchar(' ');
}

static char *human_cell(const ce_table *t, size_t row, int col, bool clip)
{
	char *s = cell_text(t, row, col, true);
	if (!s)
		return strdup("-");
	for (char *p = s; *p; p++) /* one line per row */
		if (*p == '\n' || *p == '\t' || *p == '\r')
			*p = ' ';
	return clip ? clip_width(s, MAX_CELL_WIDTH) : s;
}

/* wide_last: the last column is never clipped (it is read, not compared). */
static int print_aligned(const ce_table *t, bool wide_last)
{
	int ncols = ce_table_column_count(t);
	size_t nrows = ce_table_row_count(t);
	int *width = calloc((size_t)ncols, sizeof *width);
	char **cells = calloc(nrows * (size_t)ncols + 1, sizeof *cells);
	if (!width || !cells) {
		free(width);
		free(cells);
		return cli_error("out of memory");
	}
	for (int c = 0; c < ncols; c++)
		width[c] = text_width(ce_table_column_name(t, c));
	for (size_t r = 0; r < nrows; r++)
		for (int c = 0; c < ncols; c++) {
			char *s = cells[r * (size_t)ncols + (size_t)c] =
				human_cell(t, r, c, !wide_last || c + 1 < ncols);
			int w = s ? text_width(s) : 0;
			if (w > width[c])
				width[c] = w;
		}
	for (int c = 0; c < ncols; c++) {
		const char *name = ce_table_column_name(t, c);
		int gap = width[c] - text_width(name);
		if (right_aligned(ce_table_column_type(t, c)))
			pad(gap);
		fputs(name, stdout);
		if (c + 1 < ncols)
			pad((right_aligned(ce_table_column_type(t, c)) ? 0 : gap) + 2);
	}
	putchar('\n');
	for (size_t r = 0; r < nrows; r++) {
		for (int c = 0; c < ncols; c++) {
			const char *s = cells[r * (size_t)ncols + (size_t)c];
			int gap = width[c] - text_width(s ? s : "");
			if (right_aligned(ce_table_column_type(t, c)))
				pad(gap);
			fputs(s ? s : "", stdout);
			if (c + 1 < ncols)
				pad((right_aligned(ce_table_column_type(t, c)) ? 0 : gap) + 2);
		}
		putchar('\n');
	}
	for (size_t i = 0; i < nrows * (size_t)ncols; i++)
		free(cells[i]);
	free(cells);
	free(width);
	return EXIT_OK;
}

static int print_vertical(const ce_table *t)
{
	int ncols = ce_table_column_count(t), width = 0;
	for (int c = 0; c < ncols; c++)
		if (text_width(ce_table_column_name(t, c)) > width)
			width = text_width(ce_table_column_name(t, c));
	for (int c = 0; c < ncols; c++) {
		char *s = cell_text(t, 0, c, true);
		const char *name = ce_table_column_name(t, c);
		fputs(name, stdout);
		pad(width - text_width(name) + 2);
		puts(s ? s : "-");
		free(s);
	}
	return EXIT_OK;
}

/* ---- CSV ----------------------------------------------------------------------------- */

static void csv_field(const char *s, bool text, bool first)
{
	if (!first)
		putchar(',');
	if (!s)
		return;
	/* Spreadsheets run text starting with = + - @ as a formula, after
	 * spaces they may trim. */
	const char *f = s + strspn(s, " ");
	bool defuse = text && (*f == '=' || *f == '+' || *f == '-' || *f == '@' || *f == '\t' || *f == '\r');
	if (!strpbrk(s, ",\"\r\n") && !defuse) {
		fputs(s, stdout);
		return;
	}
	putchar('"');
	if (defuse)
		putchar('\'');
	for (; *s; s++) {
		if (*s == '"')
			putchar('"');
		putchar(*s);
	}
	putchar('"');
}

static void csv_header(const row_ref *x)
{
	for (int c = 0; c < ref_columns(x); c++)
		csv_field(ref_name(x, c), false, c == 0);
	fputs("\r\n", stdout);
}

static void csv_row(const row_ref *x)
{
	for (int c = 0; c < ref_columns(x); c++) {
		char *s = ref_cell(x, c, false);
		csv_field(s, ref_type(x, c) == CE_TYPE_TEXT, c == 0);
		free(s);
	}
	fputs("\r\n", stdout);
}

static int print_csv(const ce_table *t)
{
	row_ref x = { t, 0, NULL };
	csv_header(&x);
	for (x.r = 0; x.r < ce_table_row_count(t); x.r++)
		csv_row(&x);
	return EXIT_OK;
}

/* ---- JSON -------------------------------------------------------------------------------- */

static json_t *ref_json(const row_ref *x)
{
	json_t *obj = json_object();
	for (int c = 0; obj && c < ref_columns(x); c++) {
		json_t *v;
		double r;
		char *s;
		if (ref_null(x, c)) {
			v = json_null();
		} else {
			switch (ref_type(x, c)) {
			case CE_TYPE_INT:
				v = json_integer(ref_int(x, c));
				break;
			case CE_TYPE_REAL:
				r = ref_real(x, c);
				v = isfinite(r) ? json_real(r) : json_null();
				break;
			case CE_TYPE_BOOL:
				v = json_boolean(ref_int(x, c));
				break;
			default:
				s = ref_cell(x, c, false);
				v = json_string(s ? s : "");
				free(s);
			}
		}
		json_object_set_new(obj, ref_name(x, c), v ? v : json_null());
	}
	return obj;
}

static json_t *row_json(const ce_table *t, size_t r)
{
	const row_ref x = { t, r, NULL };
	return ref_json(&x);
}

static int print_json(const ce_table *t, bool single)
{
	size_t nrows = ce_table_row_count(t);
	if (single) {
		json_t *obj = row_json(t, 0);
		json_dumpf(obj, stdout, JSON_INDENT(2) | JSON_REAL_PRECISION(15));
		putchar('\n');
		json_decref(obj);
		return EXIT_OK;
	}
	fputs(nrows ? "[\n" : "[]\n", stdout);
	for (size_t r = 0; r < nrows; r++) {
		json_t *obj = row_json(t, r);
		fputs("  ", stdout);
		json_dumpf(obj, stdout, JSON_REAL_PRECISION(15));
		fputs(r + 1 < nrows ? ",\n" : "\n]\n", stdout);
		json_decref(obj);
	}
	return EXIT_OK;
}

/* ---- entry points ------------------------------------------------------------------------- */

static int finish(void)
{
	if (fflush(stdout) != 0 || ferror(stdout))
		return cli_error("cannot write the output");
	return EXIT_OK;
}

int cli_print_table(cli *c, const ce_table *t)
{
	int rc;
	switch (c->format) {
	case FMT_CSV:
		rc = print_csv(t);
		break;
	case FMT_JSON:
		rc = print_json(t, false);
		break;
	default:
		rc = print_aligned(t, c->wide_last);
	}
	return rc == EXIT_OK ? finish() : rc;
}

int cli_print_record(cli *c, const ce_table *t)
{
	int rc;
	switch (c->format) {
	case FMT_CSV:
		rc = print_csv(t);
		break;
	case FMT_JSON:
		rc = print_json(t, true);
		break;
	default:
		rc = print_vertical(t);
	}
	return rc == EXIT_OK ? finish() : rc;
}

/* A report's rows as CSV or JSON, printed as the cursor reads them; the
 * bytes are cli_print_table()'s. A failure while reading stops the output
 * where it is and is the command's failure. */
int cli_print_cursor(cli *c, ce_report_cursor *cur)
{
	const row_ref x = { NULL, 0, cur };
	size_t n = 0;
	int rc;
	if (c->format == FMT_CSV)
		csv_header(&x);
	while ((rc = ce_report_next(cur)) == CE_OK) {
		if (c->format == FMT_CSV) {
			csv_row(&x);
		} else {
			json_t *obj = ref_json(&x);
			fputs(n ? ",\n  " : "[\n  ", stdout);
			json_dumpf(obj, stdout, JSON_REAL_PRECISION(15));
			json_decref(obj);
		}
		n++;
	}
	if (rc != CE_ITEROVER) { /* no closing bracket: the output is cut short */
		fflush(stdout);
		return cli_lib_error(c, rc, ce_report_cursor_name(cur));
	}
	if (c->format == FMT_JSON)
		fputs(n ? "\n]\n" : "[]\n", stdout);
	return finish();
}
