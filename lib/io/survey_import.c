/* A questionnaire tool's wide CSV export into a survey round: one row per
 * respondent, one column per item code. The header decides what each
 * column is; each row becomes a response and its answers through the
 * public API, so every rule of the schema applies; one transaction. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "csv_internal.h"
#include "coopedu/survey.h"

enum col_kind { C_UNKNOWN, C_KEY, C_DATE, C_COHORT, C_LEVEL, C_SUPERVISOR_KIND, C_PARTNER, C_ITEM };

typedef struct item_info {
	int64_t id;
	char *code;
	ce_survey_item_kind kind;
	size_t nopts;
	int64_t *opt_id;
	char **opt_code, **opt_label;
} item_info;

typedef struct survey_in {
	ce_db *db;
	const char *source;
	const ce_survey_import_options *opts;
	int64_t round;
	bool anonymous;
	unsigned int attributes;
	ce_entity respondent; /* named: student, supervisor or partner */
	const char *key_header, *date_header;
	item_info *items;
	size_t nitems;
	int *col_kind;   /* per column */
	size_t *col_item; /* per column: index into items */
	size_t ncols;
	uint64_t created;
} survey_in;

static void free_items(survey_in *in)
{
	for (size_t i = 0; i < in->nitems; i++) {
		item_info *it = &in->items[i];
		for (size_t k = 0; k < it->nopts; k++) {
			free(it->opt_code[k]);
			free(it->opt_label[k]);
		}
		free(it->code);
		free(it->opt_id);
		free(it->opt_code);
		free(it->opt_label);
	}
	free(in->items);
	free(in->col_kind);
	free(in->col_item);
}

static int nomem(survey_in *in)
{
	return ce__fail(in->db, CE_ENOMEM, "%s: out of memory", in->source);
}

/* The options of a choice item, in the store's order. */
static int load_options(survey_in *in, item_info *it)
{
	ce_filter *f = NULL;
	ce_survey_option_iter *iter = NULL;
	ce_survey_option *o;
	int rc = ce_filter_new(&f);
	if (rc == CE_OK)
		rc = ce_filter_eq_int(f, "item", it->id);
	if (rc == CE_OK)
		rc = ce_survey_option_iter_new(&iter, in->db, f);
	while (rc == CE_OK && (rc = ce_survey_option_iter_next(&o, iter)) == CE_OK) {
		const ce_survey_option_spec *s = ce_survey_option_fields(o);
		size_t n = it->nopts + 1;
		int64_t *ids = realloc(it->opt_id, n * sizeof *ids);
		if (ids)
			it->opt_id = ids;
		char **codes = ids ? realloc(it->opt_code, n * sizeof *codes) : NULL;
		if (codes)
			it->opt_code = codes;
		char **labels = codes ? realloc(it->opt_label, n * sizeof *labels) : NULL;
		if (labels)
			it->opt_label = labels;
		if (labels) {
			it->opt_id[it->nopts] = ce_survey_option_id(o);
			it->opt_code[it->nopts] = strdup(s->code);
			it->opt_label[it->nopts] = strdup(s->label);
			it->nopts++; /* freed below even when a copy failed */
		}
		if (!labels || !it->opt_code[n - 1] || !it->opt_label[n - 1])
			rc = nomem(in);
		ce_survey_option_free(o);
	}
	ce_survey_option_iter_free(iter);
	ce_filter_free(f);
	return rc == CE_ITEROVER ? CE_OK : rc;
}

static int load_items(survey_in *in, int64_t instrument)
{
	ce_filter *f = NULL;
	ce_survey_item_iter *iter = NULL;
	ce_survey_item *r;
	int rc = ce_filter_new(&f);
	if (rc == CE_OK)
		rc = ce_filter_eq_int(f, "instrument", instrument);
	if (rc == CE_OK)
		rc = ce_survey_item_iter_new(&iter, in->db, f);
	while (rc == CE_OK && (rc = ce_survey_item_iter_next(&r, iter)) == CE_OK) {
		const ce_survey_item_spec *s = ce_survey_item_fields(r);
		item_info *items = realloc(in->items, (in->nitems + 1) * sizeof *items);
		if (!items) {
			rc = nomem(in);
		} else {
			in->items = items;
			item_info *it = &items[in->nitems++];
			*it = (item_info){ .id = ce_survey_item_id(r), .code = strdup(s->code), .kind = s->kind };
			if (!it->code)
				rc = nomem(in);
			else if (s->kind == CE_SURVEY_ITEM_SINGLE_CHOICE || s->kind == CE_SURVEY_ITEM_MULTIPLE_CHOICE)
				rc = load_options(in, it);
		}
		ce_survey_item_free(r);
	}
	ce_survey_item_iter_free(iter);
	ce_filter_free(f);
	return rc == CE_ITEROVER ? CE_OK : rc;
}

/* Reads the round and its instrument: what the rows will be. */
static int load_round(survey_in *in)
{
	ce_survey_round *r;
	ce_survey_instrument *ins;
	int rc = ce_survey_round_lookup(&r, in->db, in->round);
	if (rc != CE_OK)
		return rc;
	const ce_survey_round_spec *rs = ce_survey_round_fields(r);
	int64_t instrument = rs->instrument;
	in->anonymous = rs->anonymous != 0;
	in->attributes = rs->attributes;
	ce_survey_round_free(r);
	if ((rc = ce_survey_instrument_lookup(&ins, in->db, instrument)) != CE_OK)
		return rc;
	ce_survey_audience audience = ce_survey_instrument_fields(ins)->audience;
	ce_survey_instrument_free(ins);
	in->respondent = audience == CE_SURVEY_AUDIENCE_STUDENT ? CE_ENTITY_STUDENT
	                 : audience == CE_SURVEY_AUDIENCE_PARTNER ? CE_ENTITY_PARTNER
	                                                          : CE_ENTITY_SUPERVISOR;
	if (!in->key_header)
		in->key_header = ce_entity_name(in->respondent);
	return load_items(in, instrument);
}

static void trim(char **cell)
{
	char *s = *cell, *e;
	while (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n')
		s++;
	e = s + strlen(s);
	while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r' || e[-1] == '\n'))
		*--e = '\0';
	*cell = s;
}

static int header(survey_in *in, char **cells, size_t n, int64_t line)
{
	static const struct { const char *name; int kind; unsigned int flag; } attrs[] = {
		{ "cohort", C_COHORT, CE_SURVEY_ATTR_COHORT },
		{ "level", C_LEVEL, CE_SURVEY_ATTR_LEVEL },
		{ "supervisor_kind", C_SUPERVISOR_KIND, CE_SURVEY_ATTR_SUPERVISOR_KIND },
		{ "partner", C_PARTNER, CE_SURVEY_ATTR_PARTNER },
	};
	bool key = false;
	in->ncols = n;
	in->col_kind = calloc(n ? n : 1, sizeof *in->col_kind);
	in->col_item = calloc(n ? n : 1, sizeof *in->col_item);
	if (!in->col_kind || !in->col_item)
		return nomem(in);
	for (size_t c = 0; c < n; c++) {
		char *h = cells[c];
		trim(&h);
		int kind = C_UNKNOWN;
		for (size_t i = 0; i < in->nitems && kind == C_UNKNOWN; i++)
			if (strcmp(h, in->items[i].code) == 0) {
				kind = C_ITEM;
				in->col_item[c] = i;
			}
		if (kind == C_UNKNOWN && strcmp(h, in->date_header) == 0)
			kind = C_DATE;
		if (kind == C_UNKNOWN && !in->anonymous && strcmp(h, in->key_header) == 0)
			kind = C_KEY;
		for (size_t a = 0; a < CE_ARRAY_LEN(attrs) && kind == C_UNKNOWN && in->anonymous; a++)
			if (strcmp(h, attrs[a].name) == 0 && (in->attributes & attrs[a].flag))
				kind = attrs[a].kind;
		for (size_t k = 0; k < c && kind != C_UNKNOWN; k++)
			if (in->col_kind[k] == kind && (kind != C_ITEM || in->col_item[k] == in->col_item[c]))
				return ce__fail(in->db, CE_EINVALID, "%s:%lld: column '%.*s' is given twice",
				                in->source, (long long)line, ce__clip(h, 60), h);
		if (kind == C_UNKNOWN && !(in->opts->flags & CE_SURVEY_IMPORT_SKIP_UNKNOWN))
			return ce__fail(in->db, CE_EINVALID,
			                "%s:%lld: column '%.*s' is no item code of the round's instrument%s; "
			                "ignore such columns with CE_SURVEY_IMPORT_SKIP_UNKNOWN (--skip-unknown)",
			                in->source, (long long)line, ce__clip(h, 60), h,
			                in->anonymous ? ", no attribute the round declares nor the date"
			                              : ", nor the respondent or date column");
		key = key || kind == C_KEY;
		in->col_kind[c] = kind;
	}
	if (!in->anonymous && !key)
		return ce__fail(in->db, CE_EINVALID, "%s:%lld: no respondent column '%s' (round %lld is "
		                "named: each row names its %s)", in->source, (long long)line,
		                in->key_header, (long long)in->round, ce_entity_name(in->respondent));
	return CE_OK;
}

/* YYYY-MM-DD or YYYY/M/D, a time after a space ignored. */
static int parse_date(ce_date *out, const char *s)
{
	int y, m, d, used = 0;
	char s1, s2;
	if (sscanf(s, "%4d%c%2d%c%2d%n", &y, &s1, &m, &s2, &d, &used) != 5 || s1 != s2 ||
	    (s1 != '-' && s1 != '/') || (s[used] && s[used] != ' ' && s[used] != 'T'))
		return CE_EINVALID;
	*out = CE_DATE(y, m, d);
	return ce_date_valid(*out) ? CE_OK : CE_EINVALID;
}

/* An option's code from its code or its label. */
static const char *option_code(const item_info *it, const char *text, int64_t *id)
{
	for (size_t k = 0; k < it->nopts; k++)
		if (strcmp(text, it->opt_code[k]) == 0 || strcmp(text, it->opt_label[k]) == 0) {
			*id = it->opt_id[k];
			return it->opt_code[k];
		}
	return NULL;
}

static int cell_fail(survey_in *in, int64_t line, const char *column, const char *fmt, const char *v)
{
	return ce__fail(in->db, CE_EINVALID, "%s:%lld: column %s: %s'%.*s'", in->source,
	                (long long)line, column, fmt, ce__clip(v, 80), v);
}

/* One answer from cell v of item it into spec a (choices written to buf). */
static int read_answer(survey_in *in, const item_info *it, char *v, int64_t line,
                       ce_survey_answer_spec *a, char *buf, size_t size)
{
	char *end;
	switch (it->kind) {
	case CE_SURVEY_ITEM_LIKERT5:
	case CE_SURVEY_ITEM_LIKERT7:
	case CE_SURVEY_ITEM_NUMBER:
		errno = 0;
		a->number = strtod(v, &end);
		if (end == v || *end || errno)
			return cell_fail(in, line, it->code, "not a number: ", v);
		return CE_OK;
	case CE_SURVEY_ITEM_SINGLE_CHOICE:
		if (!option_code(it, v, &a->option))
			return cell_fail(in, line, it->code, "no option of the item has the code or label ", v);
		return CE_OK;
	case CE_SURVEY_ITEM_MULTIPLE_CHOICE: {
		size_t len = 0;
		buf[0] = '\0';
		for (char *part = v, *next; part; part = next) {
			int64_t id;
			next = strpbrk(part, ";|");
			if (next)
				*next++ = '\0';
			trim(&part);
			const char *code = option_code(it, part, &id);
			if (!code)
				return cell_fail(in, line, it->code, "no option of the item has the code or label ",
				                 part);
			int n = snprintf(buf + len, size - len, "%s%s", len ? ";" : "", code);
			if (n < 0 || (size_t)n >= size - len)
				return cell_fail(in, line, it->code, "too many choices: ", v);
			len += (size_t)n;
		}
		a->choices = buf;
		return CE_OK;
	}
	default:
		a->text = v;
		return CE_OK;
	}
}

/* The record of entity e whose natural key is key. */
static int by_key(survey_in *in, ce_entity e, const char *key, int64_t line, int64_t *out)
{
	ce_filter *f = NULL;
	ce_record_iter *iter = NULL;
	ce_record *r = NULL;
	const char *col = ce_entity_natural_key(e);
	int rc = ce_filter_new(&f);
	if (rc == CE_OK)
		rc = ce_filter_eq_text(f, col, key);
	if (rc == CE_OK)
		rc = ce_record_iter_new(&iter, in->db, e, f);
	if (rc == CE_OK)
		rc = ce_record_iter_next(&r, iter);
	if (rc == CE_OK)
		*out = ce_record_id(r);
	ce_record_free(r);
	ce_record_iter_free(iter);
	ce_filter_free(f);
	if (rc == CE_ITEROVER)
		return ce__fail(in->db, CE_ENOTFOUND, "%s:%lld: no %s with %s '%.*s'", in->source,
		                (long long)line, ce_entity_name(e), col, ce__clip(key, 60), key);
	return rc;
}

static int token(survey_in *in, const char *column, const char *v, int64_t line, int *out)
{
	int col;
	int rc = ce_column_index(&col, CE_ENTITY_SURVEY_RESPONSE, column);
	if (rc == CE_OK && ce_column_token_value(out, CE_ENTITY_SURVEY_RESPONSE, col, v) != CE_OK)
		rc = cell_fail(in, line, column, "not one of its values: ", v);
	return rc;
}

/* The response of a row: its respondent or attributes, and its date. */
static int read_response(survey_in *in, char **cells, size_t n, int64_t line,
                         ce_survey_response_spec *s)
{
	int rc = CE_OK;
	s->round = in->round;
	s->submitted_on = in->opts->submitted_on;
	for (size_t c = 0; c < n && rc == CE_OK; c++) {
		char *v = cells[c];
		trim(&v);
		if (!*v)
			continue;
		int value = 0;
		char *end;
		switch (in->col_kind[c]) {
		case C_KEY: {
			int64_t *who = in->respondent == CE_ENTITY_STUDENT ? &s->student
			               : in->respondent == CE_ENTITY_PARTNER ? &s->partner : &s->supervisor;
			rc = by_key(in, in->respondent, v, line, who);
			break;
		}
		case C_DATE:
			if (parse_date(&s->submitted_on, v) != CE_OK)
				rc = cell_fail(in, line, in->date_header, "not a date (YYYY-MM-DD): ", v);
			break;
		case C_COHORT:
			s->cohort = strtoll(v, &end, 10);
			if (*end)
				rc = cell_fail(in, line, "cohort", "not a year: ", v);
			break;
		case C_LEVEL:
			if ((rc = token(in, "level", v, line, &value)) == CE_OK)
				s->level = (ce_survey_level)value;
			break;
		case C_SUPERVISOR_KIND:
			if ((rc = token(in, "supervisor_kind", v, line, &value)) == CE_OK)
				s->supervisor_kind = (ce_supervisor_kind)value;
			break;
		case C_PARTNER:
			rc = by_key(in, CE_ENTITY_PARTNER, v, line, &s->attr_partner);
			break;
		default:
			break;
		}
	}
	if (rc == CE_OK && !in->anonymous && !s->student && !s->supervisor && !s->partner)
		rc = ce__fail(in->db, CE_EINVALID, "%s:%lld: no respondent in column '%s'", in->source,
		              (long long)line, in->key_header);
	if (rc == CE_OK && !s->submitted_on)
		rc = ce__fail(in->db, CE_EINVALID, "%s:%lld: no submission date (column '%s', or "
		              "ce_survey_import_options.submitted_on / --date for every row)", in->source,
		              (long long)line, in->date_header);
	return rc;
}

/* The library's refusal, said with the line (and column) it came from. */
static int with_line(survey_in *in, int rc, int64_t line, const char *column)
{
	char msg[512];
	snprintf(msg, sizeof msg, "%s", ce_db_errmsg(in->db));
	return column ? ce__fail(in->db, rc, "%s:%lld: column %s: %s", in->source, (long long)line,
	                         column, msg)
	              : ce__fail(in->db, rc, "%s:%lld: %s", in->source, (long long)line, msg);
}

static int on_row(void *ctx, csv_reader *r, char **cells, size_t n, int64_t line)
{
	survey_in *in = ctx;
	(void)r;
	if (!in->col_kind)
		return header(in, cells, n, line);
	if (n != in->ncols)
		return ce__fail(in->db, CE_EINVALID, "%s:%lld: %zu cells, the header has %zu", in->source,
		                (long long)line, n, in->ncols);
	ce_survey_response_spec s = CE_SURVEY_RESPONSE_SPEC_INIT;
	int64_t response = 0, answer;
	int rc = read_response(in, cells, n, line, &s);
	if (rc != CE_OK)
		return rc;
	if ((rc = ce_survey_response_create(&response, in->db, &s)) != CE_OK)
		return with_line(in, rc, line, NULL);
	in->created++;
	for (size_t c = 0; c < n; c++) {
		char *v = cells[c], choices[1024];
		if (in->col_kind[c] != C_ITEM)
			continue;
		trim(&v);
		if (!*v)
			continue; /* not answered */
		const item_info *it = &in->items[in->col_item[c]];
		ce_survey_answer_spec a = CE_SURVEY_ANSWER_SPEC_INIT;
		a.response = response;
		a.item = it->id;
		if ((rc = read_answer(in, it, v, line, &a, choices, sizeof choices)) != CE_OK)
			return rc;
		if ((rc = ce_survey_answer_create(&answer, in->db, &a)) != CE_OK)
			return with_line(in, rc, line, it->code);
	}
	return CE_OK;
}

ce_result ce_survey_import_options_init(ce_survey_import_options *opts, unsigned int version)
{
	if (!opts || version != CE_SURVEY_IMPORT_OPTIONS_VERSION)
		return ce__fail(NULL, CE_EINVALID, "survey_import_options_init: %s",
		                opts ? "unknown version" : "NULL options");
	*opts = (ce_survey_import_options)CE_SURVEY_IMPORT_OPTIONS_INIT;
	return CE_OK;
}

static int import(ce_db *db, int64_t round, const char *data, size_t len, const char *path,
                  const ce_survey_import_options *opts, uint64_t *out)
{
	static const ce_survey_import_options defaults = CE_SURVEY_IMPORT_OPTIONS_INIT;
	if (out)
		*out = 0;
	if (!db)
		return ce__fail(NULL, CE_EINVALID, "survey_import: NULL db");
	ce__clear(db);
	if (opts && opts->version != CE_SURVEY_IMPORT_OPTIONS_VERSION)
		return ce__fail(db, CE_EINVALID, "survey_import_options.version: %u is unknown (this "
		                "library knows %d)", opts->version, CE_SURVEY_IMPORT_OPTIONS_VERSION);
	if (opts && (opts->flags & ~CE_SURVEY_IMPORT_SKIP_UNKNOWN))
		return ce__fail(db, CE_EINVALID, "survey_import_options.flags: unknown flags 0x%x",
		                opts->flags & ~CE_SURVEY_IMPORT_SKIP_UNKNOWN);
	if (opts && opts->submitted_on && !ce_date_valid(opts->submitted_on))
		return ce__fail(db, CE_EINVALID, "survey_import_options.submitted_on: %lld is not a date",
		                (long long)opts->submitted_on);
	if (!path && !data && len)
		return ce__fail(db, CE_EINVALID, "survey_import: NULL data");
	if (ce_db_in_transaction(db))
		return ce__fail(db, CE_EMISUSE, "survey_import: a transaction is open; an import runs in "
		                "its own, so commit or roll back first");
	opts = opts ? opts : &defaults;
	survey_in in = { .db = db, .opts = opts, .round = round, .key_header = opts->key_column,
		             .date_header = opts->date_column ? opts->date_column : "submitted_on" };
	in.source = opts->source_name ? opts->source_name : path ? path : "<input>";
	size_t max = opts->max_bytes ? opts->max_bytes : IO_DEFAULT_MAX_BYTES;
	if (data && len > max)
		return ce__fail(db, CE_EINVALID, "%s: larger than the %zu-byte limit", in.source, max);
	FILE *f = NULL;
	if (path) {
		struct stat st;
		f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
		if (!f) {
			int err = errno;
			return ce__fail(db, err == ENOENT ? CE_ENOTFOUND : CE_ERROR, "%s: cannot open: %s",
			                path, strerror(err));
		}
		if (fstat(fileno(f), &st) == 0 && S_ISREG(st.st_mode) && (uint64_t)st.st_size > max) {
			if (f != stdin)
				fclose(f);
			return ce__fail(db, CE_EINVALID, "%s: larger than the %zu-byte limit", path, max);
		}
	}
	int rc = ce_db_begin(db);
	if (rc == CE_OK) {
		csv_reader r = { .db = db, .source = in.source, .on_row = on_row, .ctx = &in, .max = max };
		rc = load_round(&in);
		if (rc == CE_OK)
			rc = ce__io_csv_read(&r, path ? NULL : (data ? data : ""), len, f);
		if (rc == CE_OK && !in.col_kind)
			rc = ce__fail(db, CE_EINVALID, "%s: empty: no header row", in.source);
		ce__io_csv_reader_free(&r);
		rc = rc == CE_OK ? ce_db_commit(db) : ce__io_abandon(db, rc);
	}
	if (f && f != stdin)
		fclose(f);
	free_items(&in);
	if (rc == CE_OK && out)
		*out = in.created;
	return rc;
}

ce_result ce_survey_import_csv(ce_db *db, int64_t round, const char *data, size_t len,
                               const ce_survey_import_options *opts, uint64_t *out_responses)
{
	return import(db, round, data, len, NULL, opts, out_responses);
}

ce_result ce_survey_import_csv_path(ce_db *db, int64_t round, const char *path,
                                    const ce_survey_import_options *opts, uint64_t *out_responses)
{
	if (!path)
		return ce__fail(db, CE_EINVALID, "survey_import: NULL path");
	return import(db, round, NULL, 0, path, opts, out_responses);
}
