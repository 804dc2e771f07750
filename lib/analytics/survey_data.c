/* The survey records in memory for the survey reports: loaded once per
 * call through the store's scans (so every backend answers alike), with
 * the orders the reports walk them in, and the respondents' groups. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "survey_internal.h"

typedef struct key3 {
	int64_t a, b, c;
	size_t row;
} key3;

static int cmp_key3(const void *x, const void *y)
{
	const key3 *p = x, *q = y;
	if (p->a != q->a)
		return p->a < q->a ? -1 : 1;
	if (p->b != q->b)
		return p->b < q->b ? -1 : 1;
	return (p->c > q->c) - (p->c < q->c);
}

/* Row positions of r ordered by (column ka, column kb, id); kb < 0: (ka, id). */
static int order(ce_db *db, size_t **out, const an_rows *r, int ka, int kb)
{
	key3 *k = malloc((r->n + 1) * sizeof *k);
	*out = malloc((r->n + 1) * sizeof **out);
	if (!k || !*out) {
		free(k);
		free(*out);
		*out = NULL;
		return ce__an_nomem(db);
	}
	for (size_t i = 0; i < r->n; i++)
		k[i] = (key3){ an_i(r, i, ka), kb >= 0 ? an_i(r, i, kb) : 0, r->ids[i], i };
	ce__an_sort(k, r->n, sizeof *k, cmp_key3);
	for (size_t i = 0; i < r->n; i++)
		(*out)[i] = k[i].row;
	free(k);
	return CE_OK;
}

int ce__sv_load(sv_data *d, ce_db *db, unsigned int need)
{
	int rc = CE_OK;
	if (!d->rounds.table) {
		if ((rc = AN_LOAD(&d->rounds, db, CE_ENTITY_SURVEY_ROUND, "instrument", "title", "opens_on",
		                  "closes_on", "cohort", "level", "anonymous", "attributes",
		                  "invited")) != CE_OK)
			return rc;
		/* without a round there is nothing more to read */
		if (d->rounds.n &&
		    ((rc = AN_LOAD(&d->items, db, CE_ENTITY_SURVEY_ITEM, "instrument", "code", "position",
		                   "section", "kind")) != CE_OK ||
		     (rc = order(db, &d->item, &d->items, SV_IT_INSTRUMENT, SV_IT_POSITION)) != CE_OK))
			return rc;
	}
	if (!d->rounds.n)
		return CE_OK;
	if (need & SV_NEED_ANSWERS)
		need |= SV_NEED_RESPONSES;
	need &= ~d->loaded;
	if ((need & SV_NEED_INSTRUMENTS) &&
	    (rc = AN_LOAD(&d->instruments, db, CE_ENTITY_SURVEY_INSTRUMENT, "code", "version",
	                  "audience")) != CE_OK)
		return rc;
	if ((need & SV_NEED_OPTIONS) &&
	    ((rc = AN_LOAD(&d->options, db, CE_ENTITY_SURVEY_OPTION, "item", "code", "position",
	                   "label")) != CE_OK ||
	     (rc = order(db, &d->opt, &d->options, SV_OP_ITEM, SV_OP_POSITION)) != CE_OK))
		return rc;
	if ((need & SV_NEED_RESPONSES) &&
	    ((rc = AN_LOAD(&d->responses, db, CE_ENTITY_SURVEY_RESPONSE, "round", "student",
	                   "supervisor", "partner", "submitted_on", "cohort", "level",
	                   "supervisor_kind", "attr_partner")) != CE_OK ||
	     (rc = order(db, &d->resp, &d->responses, SV_RS_ROUND, -1)) != CE_OK))
		return rc;
	if ((need & SV_NEED_ANSWERS) &&
	    ((rc = AN_LOAD(&d->answers, db, CE_ENTITY_SURVEY_ANSWER, "response", "item", "number",
	                   "option", "choices", "text")) != CE_OK ||
	     (rc = order(db, &d->ans, &d->answers, SV_AN_RESPONSE, -1)) != CE_OK))
		return rc;
	/* the respondents' records: for groups, populations and the round table */
	if ((need & SV_NEED_PEOPLE) &&
	    ((rc = AN_LOAD(&d->students, db, CE_ENTITY_STUDENT, "cohort", "level")) != CE_OK ||
	     (rc = AN_LOAD(&d->supervisors, db, CE_ENTITY_SUPERVISOR, "kind", "affiliation")) != CE_OK ||
	     (rc = AN_LOAD(&d->partners, db, CE_ENTITY_PARTNER, "name", "kind")) != CE_OK))
		return rc;
	if ((need & SV_NEED_PLACEMENTS) &&
	    ((rc = AN_LOAD(&d->placements, db, CE_ENTITY_PLACEMENT, "student", "host",
	                   "start_date")) != CE_OK ||
	     (rc = order(db, &d->plc, &d->placements, 0, 2)) != CE_OK))
		return rc;
	d->loaded |= need;
	return CE_OK;
}

void ce__sv_free(sv_data *d)
{
	ce__an_rows_free(&d->instruments);
	ce__an_rows_free(&d->rounds);
	ce__an_rows_free(&d->items);
	ce__an_rows_free(&d->options);
	ce__an_rows_free(&d->responses);
	ce__an_rows_free(&d->answers);
	ce__an_rows_free(&d->students);
	ce__an_rows_free(&d->supervisors);
	ce__an_rows_free(&d->partners);
	ce__an_rows_free(&d->placements);
	free(d->resp);
	free(d->ans);
	free(d->item);
	free(d->opt);
	free(d->plc);
	ce_table_free(d->agg);
	free(d->agg_ord);
	memset(d, 0, sizeof *d);
}

/* ---- the backend's aggregates ------------------------------------------------------ */

static int64_t agg_round(const ce_table *t, size_t row)
{
	int64_t v = 0;
	return ce_table_get_int(&v, t, row, 0) == CE_OK ? v : 0;
}

int ce__sv_aggregate(sv_data *d, ce_db *db, const ce_report_filter *f, const char *name,
                     int64_t baseline, unsigned int need)
{
	ce_report_filter af = *f;
	af.baseline = baseline;
	af.k = 0; /* suppression is the core's */
	int rc = ce__report_backend_allowed() ? ce__store_report(&d->agg, db, name, &af)
	                                      : CE_ENOTSUPPORTED;
	if (rc == CE_ENOTSUPPORTED) {
		/* a grouping reads the respondents' records, by partner their placements */
		if (f->group_by)
			need |= SV_NEED_PEOPLE;
		if (f->group_by == CE_REPORT_GROUP_PARTNER)
			need |= SV_NEED_PLACEMENTS;
		return ce__sv_load(d, db, need);
	}
	if (rc != CE_OK)
		return rc;
	size_t n = ce_table_row_count(d->agg);
	key3 *k = malloc((n + 1) * sizeof *k);
	if (!k || !(d->agg_ord = malloc((n + 1) * sizeof *d->agg_ord))) {
		free(k);
		return ce__an_nomem(db);
	}
	for (size_t i = 0; i < n; i++)
		k[i] = (key3){ agg_round(d->agg, i), 0, (int64_t)i, i };
	ce__an_sort(k, n, sizeof *k, cmp_key3);
	for (size_t i = 0; i < n; i++)
		d->agg_ord[i] = k[i].row;
	free(k);
	return CE_OK;
}

void ce__sv_agg_rows(const sv_data *d, int64_t round, size_t *lo, size_t *hi)
{
	size_t n = d->agg ? ce_table_row_count(d->agg) : 0, a = 0, b = n;
	while (a < b) {
		size_t m = a + (b - a) / 2;
		if (agg_round(d->agg, d->agg_ord[m]) < round)
			a = m + 1;
		else
			b = m;
	}
	*lo = a;
	b = n;
	while (a < b) {
		size_t m = a + (b - a) / 2;
		if (agg_round(d->agg, d->agg_ord[m]) <= round)
			a = m + 1;
		else
			b = m;
	}
	*hi = a;
}

sv_kind ce__sv_item_kind(const sv_data *d, size_t item_row)
{
	static const struct {
		const char *token;
		sv_kind kind;
	} kinds[] = { { "likert5", SV_LIKERT5 },       { "likert7", SV_LIKERT7 },
		          { "number", SV_NUMBER },         { "single_choice", SV_SINGLE },
		          { "multiple_choice", SV_MULTIPLE }, { "text", SV_TEXT } };
	const char *t = ce__an_token(&d->items, item_row, SV_IT_KIND);
	for (size_t i = 0; t && i < CE_ARRAY_LEN(kinds); i++)
		if (strcmp(t, kinds[i].token) == 0)
			return kinds[i].kind;
	return SV_OTHER;
}

/* [*lo, *hi) of the positions in ord (rows of r ordered by column k
 * first) whose column k equals v. */
static void range(const an_rows *r, const size_t *ord, int k, int64_t v, size_t *lo, size_t *hi)
{
	size_t a = 0, b = r->n;
	while (a < b) {
		size_t m = a + (b - a) / 2;
		if (an_i(r, ord[m], k) < v)
			a = m + 1;
		else
			b = m;
	}
	*lo = a;
	b = r->n;
	while (a < b) {
		size_t m = a + (b - a) / 2;
		if (an_i(r, ord[m], k) <= v)
			a = m + 1;
		else
			b = m;
	}
	*hi = a;
}

void ce__sv_responses_of(const sv_data *d, int64_t round, size_t *lo, size_t *hi)
{
	range(&d->responses, d->resp, SV_RS_ROUND, round, lo, hi);
}

void ce__sv_answers_of(const sv_data *d, int64_t response, size_t *lo, size_t *hi)
{
	range(&d->answers, d->ans, SV_AN_RESPONSE, response, lo, hi);
}

void ce__sv_items_of(const sv_data *d, int64_t instrument, size_t *lo, size_t *hi)
{
	range(&d->items, d->item, SV_IT_INSTRUMENT, instrument, lo, hi);
}

void ce__sv_options_of(const sv_data *d, int64_t item, size_t *lo, size_t *hi)
{
	range(&d->options, d->opt, SV_OP_ITEM, item, lo, hi);
}

bool ce__sv_anonymous(const sv_data *d, size_t rd)
{
	return an_i(&d->rounds, rd, SV_RD_ANONYMOUS) != 0;
}

static const char *partner_name(const sv_data *d, int64_t id, char buf[24])
{
	ptrdiff_t p = id ? ce__an_find(&d->partners, id) : -1;
	if (p >= 0)
		return an_s(&d->partners, (size_t)p, 0);
	if (!id)
		return NULL;
	snprintf(buf, 24, "#%lld", (long long)id); /* hidden from the role: its id */
	return buf;
}

/* The host of a student's latest placement starting by the round's close
 * (any, when the round has none), or 0. */
static int64_t student_host(const sv_data *d, int64_t student, size_t rd)
{
	size_t lo, hi;
	ce_date by = an_isnull(&d->rounds, rd, SV_RD_CLOSES_ON) ? 0 : (ce_date)an_i(&d->rounds, rd, SV_RD_CLOSES_ON);
	int64_t host = 0;
	range(&d->placements, d->plc, 0, student, &lo, &hi);
	for (size_t i = lo; i < hi; i++) /* by start date, then id: the last that qualifies */
		if (!by || an_i(&d->placements, d->plc[i], 2) <= by)
			host = an_i(&d->placements, d->plc[i], 1);
	return host;
}

const char *ce__sv_person_group(const sv_data *d, sv_who who, size_t row, int g, size_t rd,
                                char buf[24])
{
	switch (who) {
	case SV_STUDENT:
		if (g == CE_REPORT_GROUP_COHORT && !an_isnull(&d->students, row, 0)) {
			snprintf(buf, 24, "%lld", (long long)an_i(&d->students, row, 0));
			return buf;
		}
		if (g == CE_REPORT_GROUP_LEVEL && !an_isnull(&d->students, row, 1))
			return an_i(&d->students, row, 1) == CE_STUDENT_LEVEL_UNDERGRADUATE ? "undergraduate"
			                                                                     : "graduate";
		if (g == CE_REPORT_GROUP_PARTNER)
			return partner_name(d, student_host(d, d->students.ids[row], rd), buf);
		return NULL;
	case SV_SUPERVISOR:
		if (g == CE_REPORT_GROUP_SUPERVISOR_KIND)
			return ce__an_token(&d->supervisors, row, 0);
		if (g == CE_REPORT_GROUP_PARTNER)
			return partner_name(d, an_i(&d->supervisors, row, 1), buf);
		return NULL;
	case SV_PARTNER:
		return g == CE_REPORT_GROUP_PARTNER ? an_s(&d->partners, row, 0) : NULL;
	default:
		return NULL;
	}
}

sv_who ce__sv_respondent(const sv_data *d, size_t rs, size_t *row)
{
	static const struct {
		int col;
		sv_who who;
	} cols[] = { { SV_RS_STUDENT, SV_STUDENT }, { SV_RS_SUPERVISOR, SV_SUPERVISOR },
		         { SV_RS_PARTNER, SV_PARTNER } };
	const an_rows *tables[] = { &d->students, &d->supervisors, &d->partners };
	for (size_t i = 0; i < CE_ARRAY_LEN(cols); i++)
		if (!an_isnull(&d->responses, rs, cols[i].col)) {
			ptrdiff_t p = ce__an_find(tables[i], an_i(&d->responses, rs, cols[i].col));
			if (p < 0)
				return SV_NOBODY; /* hidden from the role */
			*row = (size_t)p;
			return cols[i].who;
		}
	return SV_NOBODY;
}

int64_t ce__sv_response_partner(const sv_data *d, size_t rs, size_t rd)
{
	size_t row;
	if (ce__sv_anonymous(d, rd))
		return an_i(&d->responses, rs, SV_RS_ATTR_PARTNER);
	switch (ce__sv_respondent(d, rs, &row)) {
	case SV_STUDENT:
		return student_host(d, d->students.ids[row], rd);
	case SV_SUPERVISOR:
		return an_i(&d->supervisors, row, 1);
	case SV_PARTNER:
		return d->partners.ids[row];
	default:
		return 0;
	}
}

const char *ce__sv_response_group(const sv_data *d, size_t rs, size_t rd, int g, char buf[24])
{
	size_t row;
	const an_rows *r = &d->responses;
	if (g == CE_REPORT_GROUP_NONE)
		return NULL;
	if (!ce__sv_anonymous(d, rd)) {
		sv_who who = ce__sv_respondent(d, rs, &row);
		return who == SV_NOBODY ? NULL : ce__sv_person_group(d, who, row, g, rd, buf);
	}
	switch (g) {
	case CE_REPORT_GROUP_COHORT: /* 0: not given */
		if (!an_i(r, rs, SV_RS_COHORT))
			return NULL;
		snprintf(buf, 24, "%lld", (long long)an_i(r, rs, SV_RS_COHORT));
		return buf;
	case CE_REPORT_GROUP_LEVEL:
		return ce__an_token(r, rs, SV_RS_LEVEL);
	case CE_REPORT_GROUP_SUPERVISOR_KIND:
		return ce__an_token(r, rs, SV_RS_SUPERVISOR_KIND);
	case CE_REPORT_GROUP_PARTNER:
		return partner_name(d, an_i(r, rs, SV_RS_ATTR_PARTNER), buf);
	default:
		return NULL;
	}
}

/* ---- groups ------------------------------------------------------------------ */

typedef struct named {
	const char *name;
	size_t member;
} named;

static int cmp_named(const void *x, const void *y)
{
	const named *p = x, *q = y;
	if (!p->name || !q->name)
		return !p->name && !q->name ? (p->member > q->member) - (p->member < q->member)
		                            : p->name ? -1 : 1;
	int c = strcmp(p->name, q->name);
	return c ? c : (p->member > q->member) - (p->member < q->member);
}

void ce__sv_groups_free(sv_groups *g)
{
	for (size_t i = 0; g->name && i < g->n; i++)
		free(g->name[i]);
	free(g->name);
	free(g->count);
	free(g->suppressed);
	free(g->of);
	memset(g, 0, sizeof *g);
}

/* Members with names; counts[i] responses each (counts NULL: 1 for the
 * first nresponses, 0 for the rest). */
static int make_groups(ce_db *db, sv_groups *out, const char *const *names, size_t nmembers,
                       const int64_t *counts, size_t nresponses)
{
	named *v = malloc((nmembers + 1) * sizeof *v);
	memset(out, 0, sizeof *out);
	out->name = calloc(nmembers + 1, sizeof *out->name);
	out->count = calloc(nmembers + 1, sizeof *out->count);
	out->suppressed = calloc(nmembers + 1, sizeof *out->suppressed);
	out->of = calloc(nmembers + 1, sizeof *out->of);
	if (!v || !out->name || !out->count || !out->suppressed || !out->of)
		goto nomem;
	for (size_t i = 0; i < nmembers; i++)
		v[i] = (named){ names[i], i };
	ce__an_sort(v, nmembers, sizeof *v, cmp_named);
	for (size_t i = 0; i < nmembers; i++) {
		bool same = i > 0 && (v[i].name && v[i - 1].name ? strcmp(v[i].name, v[i - 1].name) == 0
		                                                 : !v[i].name && !v[i - 1].name);
		if (!same) {
			if (v[i].name && !(out->name[out->n] = strdup(v[i].name)))
				goto nomem;
			out->n++;
		}
		out->of[v[i].member] = out->n - 1;
		out->count[out->n - 1] += counts ? counts[v[i].member] : v[i].member < nresponses;
	}
	free(v);
	return CE_OK;
nomem:
	free(v);
	ce__sv_groups_free(out);
	return ce__an_nomem(db);
}

int ce__sv_groups(ce_db *db, sv_groups *out, const char *const *names, size_t nmembers,
                  size_t nresponses)
{
	return make_groups(db, out, names, nmembers, NULL, nresponses);
}

int ce__sv_groups_counted(ce_db *db, sv_groups *out, const char *const *names,
                          const int64_t *counts, size_t n)
{
	return make_groups(db, out, names, n, counts, 0);
}

void ce__sv_suppress(sv_groups *g, bool anonymous, int k)
{
	int64_t hidden = 0;
	for (size_t i = 0; i < g->n; i++) {
		g->suppressed[i] = anonymous && g->count[i] > 0 && g->count[i] < k;
		if (g->suppressed[i])
			hidden += g->count[i];
	}
	/* what is hidden must not be had back as the total minus what is shown */
	while (hidden > 0 && hidden < k) {
		size_t best = g->n;
		for (size_t i = 0; i < g->n; i++)
			if (!g->suppressed[i] && g->count[i] > 0 &&
			    (best == g->n || g->count[i] < g->count[best]))
				best = i;
		if (best == g->n)
			break;
		g->suppressed[best] = true;
		hidden += g->count[best];
	}
}

size_t ce__sv_group_find(const sv_groups *g, const char *name)
{
	/* sorted by bytes, the NULL group last */
	size_t a = 0, b = g->n;
	while (a < b) {
		size_t m = a + (b - a) / 2;
		int c = !g->name[m] ? (name ? 1 : 0) : !name ? -1 : strcmp(g->name[m], name);
		if (c == 0)
			return m;
		if (c < 0)
			a = m + 1;
		else
			b = m;
	}
	return g->n;
}

int ce__sv_round_groups(ce_db *db, const sv_data *d, size_t rd, const ce_report_filter *f,
                        sv_groups *out, size_t *lo, size_t *hi)
{
	ce__sv_responses_of(d, d->rounds.ids[rd], lo, hi);
	size_t n = *hi - *lo;
	/* ungrouped: one (NULL) group, there even when nobody responded */
	const char **names = calloc(n + 1, sizeof *names);
	char (*bufs)[24] = malloc((n + 1) * sizeof *bufs);
	int rc = CE_OK;
	if (!names || !bufs)
		rc = ce__an_nomem(db);
	for (size_t i = 0; rc == CE_OK && i < n; i++)
		names[i] = ce__sv_response_group(d, d->resp[*lo + i], rd, f->group_by, bufs[i]);
	if (rc == CE_OK)
		rc = ce__sv_groups(db, out, names, f->group_by ? n : n + 1, n);
	free(names);
	free(bufs);
	if (rc == CE_OK)
		ce__sv_suppress(out, ce__sv_anonymous(d, rd), sv_k(f));
	return rc;
}

bool ce__sv_round_in(const sv_data *d, size_t rd, const ce_report_filter *f)
{
	return (!f->round || d->rounds.ids[rd] == f->round) &&
	       ce__an_in_period(f, (ce_date)an_i(&d->rounds, rd, SV_RD_OPENS_ON));
}

int ce__sv_check_grouping(ce_db *db, const sv_data *d, size_t rd, const ce_report_filter *f,
                          const char *report)
{
	static const unsigned int bits[] = { 0, CE_SURVEY_ATTR_LEVEL, CE_SURVEY_ATTR_COHORT,
		                                 CE_SURVEY_ATTR_PARTNER, CE_SURVEY_ATTR_SUPERVISOR_KIND };
	static const char *const names[] = { "", "level", "cohort", "partner", "supervisor_kind" };
	if (!f->group_by || !ce__sv_anonymous(d, rd) ||
	    (an_i(&d->rounds, rd, SV_RD_ATTRIBUTES) & bits[f->group_by]))
		return CE_OK;
	return ce__fail(db, CE_EINVALID, "%s: filter.group_by: anonymous round %lld (%s) does not "
	                "declare the attribute %s", report, (long long)d->rounds.ids[rd],
	                an_s(&d->rounds, rd, SV_RD_TITLE), names[f->group_by]);
}

int ce__sv_begin(sv_data *d, ce_db *db, const ce_report_filter *f, const char *report,
                 unsigned int need)
{
	memset(d, 0, sizeof *d);
	int rc = ce__sv_load(d, db, need);
	const int64_t ids[] = { f->round, f->baseline };
	for (size_t i = 0; rc == CE_OK && i < CE_ARRAY_LEN(ids); i++) {
		ptrdiff_t rd = ids[i] ? ce__an_find(&d->rounds, ids[i]) : -1;
		if (ids[i] && rd < 0)
			rc = ce__fail(db, CE_ENOTFOUND, "%s: filter.%s: no survey_round with id %lld",
			              report, i ? "baseline" : "round", (long long)ids[i]);
		else if (rd >= 0)
			rc = ce__sv_check_grouping(db, d, (size_t)rd, f, report);
	}
	if (rc != CE_OK)
		ce__sv_free(d);
	return rc;
}
