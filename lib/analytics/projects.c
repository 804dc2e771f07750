/* project_pipeline, subtopic_graph and budget_variance: projects by stage,
 * one project's subtopics as a dependency graph with its critical path,
 * and spending against plan per budget line. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analytics_internal.h"

/* Stored values are bounded (CE_MONEY_MAX, CE_PLANNED_DAYS_MAX), but a
 * store written before the bounds may hold more: a sum past int64 is an
 * error, never a wrapped (undefined) result. */
static int overflow(ce_db *db, const char *report, const char *what)
{
	return ce__fail(db, CE_EINVALID, "%s: the %s add up past the largest integer", report, what);
}

/* ---- project_pipeline ------------------------------------------------------ */

enum { P_BUDGET, P_CURRENCY, P_START, P_END, P_STATUS, P_STAGE };

typedef struct budget {
	int64_t stage;
	const char *currency;
	int64_t amount;
} budget;

static int cmp_budget(const void *a, const void *b)
{
	const budget *x = a, *y = b;
	if (x->stage != y->stage)
		return x->stage < y->stage ? -1 : 1;
	return strcmp(x->currency, y->currency);
}

int ce__an_project_pipeline(ce_table **out, ce_db *db, const ce_report_filter *f)
{
	static const an_col cols[] = {
		{ "stage", CE_TYPE_TEXT },     { "projects", CE_TYPE_INT }, { "active", CE_TYPE_INT },
		{ "completed", CE_TYPE_INT },  { "currency", CE_TYPE_TEXT }, { "budget", CE_TYPE_INT },
	};
	an_rows pr;
	an_scope scope;
	budget *b = NULL;
	size_t nb = 0;
	int64_t count[4][3] = { { 0 } }; /* per stage: projects, active, completed */
	int rc = AN_LOAD(&pr, db, CE_ENTITY_PROJECT, "budget", "currency", "start_date", "end_date",
	                 "status", "stage");
	if (rc != CE_OK)
		return rc;
	if ((rc = ce__an_scope(&scope, db, f, false)) != CE_OK) {
		ce__an_rows_free(&pr);
		return rc;
	}
	if (!(b = malloc((pr.n + 1) * sizeof *b)))
		rc = ce__an_nomem(db);
	for (size_t i = 0; rc == CE_OK && i < pr.n; i++) {
		int64_t stage = an_i(&pr, i, P_STAGE), status = an_i(&pr, i, P_STATUS);
		if (stage < 1 || stage > 3 || !ce__an_scope_project(&scope, pr.ids[i]) ||
		    !ce__an_overlaps(f, (ce_date)an_i(&pr, i, P_START), (ce_date)an_i(&pr, i, P_END)))
			continue;
		count[stage][0]++;
		count[stage][1] += status == CE_PROJECT_STATUS_ACTIVE;
		count[stage][2] += status == CE_PROJECT_STATUS_COMPLETED;
		if (an_i(&pr, i, P_BUDGET) > 0 && an_s(&pr, i, P_CURRENCY))
			b[nb++] = (budget){ stage, an_s(&pr, i, P_CURRENCY), an_i(&pr, i, P_BUDGET) };
	}
	if (rc == CE_OK) {
		an_out o;
		const ce_column_def *stage_col = &pr.table->columns[pr.cols[P_STAGE]];
		ce__an_sort(b, nb, sizeof *b, cmp_budget);
		if ((rc = ce__an_out_new(&o, db, "project_pipeline", cols, 6)) == CE_OK) {
			size_t i = 0;
			for (int64_t stage = 1; stage <= 3; stage++) {
				bool any = false;
				while (i < nb && b[i].stage == stage) {
					size_t j = i;
					int64_t sum = 0;
					for (; j < nb && b[j].stage == stage && strcmp(b[j].currency, b[i].currency) == 0; j++)
						if (__builtin_add_overflow(sum, b[j].amount, &sum) && o.rc == CE_OK)
							o.rc = overflow(db, "project_pipeline", "budgets");
					ce__an_row(&o);
					ce__an_text(&o, 0, stage_col->tokens[stage]);
					for (int k = 0; k < 3; k++)
						ce__an_int(&o, 1 + k, count[stage][k]);
					ce__an_text(&o, 4, b[i].currency);
					ce__an_int(&o, 5, sum);
					any = true;
					i = j;
				}
				if (!any) {
					ce__an_row(&o);
					ce__an_text(&o, 0, stage_col->tokens[stage]);
					for (int k = 0; k < 3; k++)
						ce__an_int(&o, 1 + k, count[stage][k]);
					ce__an_int(&o, 5, 0);
				}
			}
			rc = ce__an_out_finish(&o, out);
		}
	}
	free(b);
	ce__an_scope_free(&scope);
	ce__an_rows_free(&pr);
	return rc;
}

/* ---- subtopic_graph ------------------------------------------------------- */

enum { S_TITLE, S_STATUS, S_DAYS };

typedef struct edge {
	size_t from, to; /* subtopic rows: `to` depends on `from` */
} edge;

static int cmp_edge_from(const void *a, const void *b)
{
	const edge *x = a, *y = b;
	if (x->from != y->from)
		return x->from < y->from ? -1 : 1;
	return (x->to > y->to) - (x->to < y->to);
}

static int cmp_edge_to(const void *a, const void *b)
{
	const edge *x = a, *y = b;
	if (x->to != y->to)
		return x->to < y->to ? -1 : 1;
	return (x->from > y->from) - (x->from < y->from);
}

/* A min-heap of rows: ready subtopics, smallest id (= row) first. */
static void heap_push(size_t *h, size_t *n, size_t v)
{
	size_t i = (*n)++;
	while (i > 0 && h[(i - 1) / 2] > v) {
		h[i] = h[(i - 1) / 2];
		i = (i - 1) / 2;
	}
	h[i] = v;
}

static size_t heap_pop(size_t *h, size_t *n)
{
	size_t top = h[0], last = h[--*n], i = 0;
	for (;;) {
		size_t c = 2 * i + 1;
		if (c >= *n)
			break;
		if (c + 1 < *n && h[c + 1] < h[c])
			c++;
		if (h[c] >= last)
			break;
		h[i] = h[c];
		i = c;
	}
	if (*n)
		h[i] = last;
	return top;
}

typedef struct graph {
	an_rows sub;
	edge *by_from, *by_to; /* the same edges, sorted two ways */
	size_t nedges;
	size_t *out_at, *in_at; /* CSR offsets, n + 1 each */
	size_t *order;          /* topological order */
	int64_t *es, *ef, *ls;
} graph;

static void graph_free(graph *g)
{
	ce__an_rows_free(&g->sub);
	free(g->by_from);
	free(g->by_to);
	free(g->out_at);
	free(g->in_at);
	free(g->order);
	free(g->es);
	free(g->ef);
	free(g->ls);
}

/* Adds the edges of dep (rows: subtopic, depends_on) between two of the
 * project's subtopics. */
static int add_edges(ce_db *db, graph *g, size_t *cap, const an_rows *dep)
{
	for (size_t i = 0; i < dep->n; i++) {
		ptrdiff_t to = ce__an_find(&g->sub, an_i(dep, i, 0));
		ptrdiff_t from = ce__an_find(&g->sub, an_i(dep, i, 1));
		if (to < 0 || from < 0)
			continue;
		if (g->nedges == *cap) {
			size_t c = *cap ? *cap * 2 : 16;
			edge *grown = realloc(g->by_from, c * sizeof *grown);
			if (!grown)
				return ce__an_nomem(db);
			g->by_from = grown;
			*cap = c;
		}
		g->by_from[g->nedges++] = (edge){ (size_t)from, (size_t)to };
	}
	return CE_OK;
}

/* The edges into the project's subtopics, by the index on
 * subtopic_dependency.subtopic, not the whole table: one scan of the ids
 * from its first subtopic to its last when they lie close together (as a
 * project's subtopics mostly do: each scan is a round trip on a server),
 * else one per subtopic, so that a sparse project never reads the other
 * projects' edges in between. */
static int load_edges(ce_db *db, graph *g, size_t *cap)
{
	size_t n = g->sub.n;
	*cap = 0;
	if (!n)
		return CE_OK;
	int64_t lo = g->sub.ids[0], hi = g->sub.ids[n - 1];
	bool dense = (uint64_t)(hi - lo) < 4 * (uint64_t)n + 64;
	for (size_t v = 0; v < (dense ? 1 : n); v++) {
		an_rows dep;
		int rc = dense ? ce__an_load_range(&dep, db, CE_ENTITY_SUBTOPIC_DEPENDENCY, "subtopic", lo,
		                                   hi, 2, (const char *const[]){ "subtopic", "depends_on" })
		               : AN_LOAD_EQ(&dep, db, CE_ENTITY_SUBTOPIC_DEPENDENCY, "subtopic",
		                            g->sub.ids[v], "subtopic", "depends_on");
		if (rc != CE_OK)
			return rc;
		rc = add_edges(db, g, cap, &dep);
		ce__an_rows_free(&dep);
		if (rc != CE_OK)
			return rc;
	}
	return CE_OK;
}

static int graph_load(ce_db *db, int64_t project, graph *g)
{
	size_t cap;
	int rc = AN_LOAD_EQ(&g->sub, db, CE_ENTITY_SUBTOPIC, "project", project, "title", "status",
	                    "planned_days");
	if (rc != CE_OK || (rc = load_edges(db, g, &cap)) != CE_OK)
		return rc;
	size_t n = g->sub.n;
	g->by_to = malloc((g->nedges + 1) * sizeof *g->by_to);
	g->out_at = calloc(n + 1, sizeof *g->out_at);
	g->in_at = calloc(n + 1, sizeof *g->in_at);
	g->order = malloc((n + 1) * sizeof *g->order);
	g->es = calloc(n + 1, sizeof *g->es);
	g->ef = calloc(n + 1, sizeof *g->ef);
	g->ls = calloc(n + 1, sizeof *g->ls);
	if (!g->by_to || !g->out_at || !g->in_at || !g->order || !g->es || !g->ef || !g->ls)
		return ce__an_nomem(db);
	if (g->nedges)
		memcpy(g->by_to, g->by_from, g->nedges * sizeof *g->by_to);
	ce__an_sort(g->by_from, g->nedges, sizeof *g->by_from, cmp_edge_from);
	ce__an_sort(g->by_to, g->nedges, sizeof *g->by_to, cmp_edge_to);
	for (size_t e = 0; e < g->nedges; e++) {
		g->out_at[g->by_from[e].from + 1]++;
		g->in_at[g->by_to[e].to + 1]++;
	}
	for (size_t v = 0; v < n; v++) {
		g->out_at[v + 1] += g->out_at[v];
		g->in_at[v + 1] += g->in_at[v];
	}
	return CE_OK;
}

/* Kahn's algorithm, the smallest id first among the ready; then the
 * forward and backward passes of the critical path method. */
static int graph_schedule(ce_db *db, graph *g)
{
	size_t n = g->sub.n, nheap = 0, done = 0;
	size_t *indeg = malloc((n + 1) * sizeof *indeg), *heap = malloc((n + 1) * sizeof *heap);
	if (!indeg || !heap) {
		free(indeg);
		free(heap);
		return ce__an_nomem(db);
	}
	for (size_t v = 0; v < n; v++)
		if (!(indeg[v] = g->in_at[v + 1] - g->in_at[v]))
			heap_push(heap, &nheap, v);
	while (nheap) {
		size_t v = heap_pop(heap, &nheap);
		g->order[done++] = v;
		for (size_t e = g->out_at[v]; e < g->out_at[v + 1]; e++)
			if (--indeg[g->by_from[e].to] == 0)
				heap_push(heap, &nheap, g->by_from[e].to);
	}
	free(indeg);
	free(heap);
	if (done != n)
		return ce__fail(db, CE_ECYCLE, "subtopic_graph: the dependencies form a cycle");
	int64_t length = 0;
	for (size_t k = 0; k < n; k++) {
		size_t v = g->order[k];
		for (size_t e = g->in_at[v]; e < g->in_at[v + 1]; e++)
			if (g->ef[g->by_to[e].from] > g->es[v])
				g->es[v] = g->ef[g->by_to[e].from];
		if (__builtin_add_overflow(g->es[v], an_i(&g->sub, v, S_DAYS), &g->ef[v]))
			return overflow(db, "subtopic_graph", "planned days");
		if (g->ef[v] > length)
			length = g->ef[v];
	}
	for (size_t k = n; k-- > 0;) {
		size_t v = g->order[k];
		int64_t lf = length;
		for (size_t e = g->out_at[v]; e < g->out_at[v + 1]; e++)
			if (g->ls[g->by_from[e].to] < lf)
				lf = g->ls[g->by_from[e].to];
		if (__builtin_sub_overflow(lf, an_i(&g->sub, v, S_DAYS), &g->ls[v]))
			return overflow(db, "subtopic_graph", "planned days");
	}
	return CE_OK;
}

/* "3,5,8": the ids v depends on, ascending (ids follow rows). */
static char *depends_text(const graph *g, size_t v)
{
	size_t k = g->in_at[v + 1] - g->in_at[v];
	if (!k)
		return NULL;
	char *s = malloc(k * 21 + 1), *p = s;
	if (!s)
		return NULL;
	for (size_t e = g->in_at[v]; e < g->in_at[v + 1]; e++)
		p += sprintf(p, "%s%lld", e > g->in_at[v] ? "," : "",
		             (long long)g->sub.ids[g->by_to[e].from]);
	return s;
}

int ce__an_subtopic_graph(ce_table **out, ce_db *db, const ce_report_filter *f)
{
	static const an_col cols[] = {
		{ "position", CE_TYPE_INT },       { "subtopic", CE_TYPE_INT },
		{ "title", CE_TYPE_TEXT },         { "status", CE_TYPE_TEXT },
		{ "planned_days", CE_TYPE_INT },   { "depends_on", CE_TYPE_TEXT },
		{ "earliest_start", CE_TYPE_INT }, { "earliest_finish", CE_TYPE_INT },
		{ "latest_start", CE_TYPE_INT },   { "slack", CE_TYPE_INT },
		{ "critical", CE_TYPE_BOOL },
	};
	graph g = { 0 };
	an_out o;
	int rc = graph_load(db, f->project, &g);
	if (rc == CE_OK)
		rc = graph_schedule(db, &g);
	if (rc == CE_OK && (rc = ce__an_out_new(&o, db, "subtopic_graph", cols, 11)) == CE_OK) {
		for (size_t k = 0; k < g.sub.n; k++) {
			size_t v = g.order[k];
			char *deps = depends_text(&g, v);
			if (!deps && g.in_at[v + 1] > g.in_at[v] && o.rc == CE_OK)
				o.rc = ce__an_nomem(db);
			ce__an_row(&o);
			ce__an_int(&o, 0, (int64_t)k + 1);
			ce__an_int(&o, 1, g.sub.ids[v]);
			ce__an_text(&o, 2, an_s(&g.sub, v, S_TITLE));
			ce__an_text(&o, 3, ce__an_token(&g.sub, v, S_STATUS));
			ce__an_int(&o, 4, an_i(&g.sub, v, S_DAYS));
			ce__an_text(&o, 5, deps);
			ce__an_int(&o, 6, g.es[v]);
			ce__an_int(&o, 7, g.ef[v]);
			ce__an_int(&o, 8, g.ls[v]);
			ce__an_int(&o, 9, g.ls[v] - g.es[v]);
			ce__an_int(&o, 10, g.ls[v] == g.es[v]);
			free(deps);
		}
		rc = ce__an_out_finish(&o, out);
	}
	graph_free(&g);
	return rc;
}

/* ---- budget_variance -------------------------------------------------------- */

enum { B_SUBTOPIC, B_CATEGORY, B_PLANNED, B_ACTUAL, B_CURRENCY };

typedef struct line {
	int64_t project, subtopic, id;
	const char *category;
	size_t row, sub_row, project_row;
} line;

static int cmp_line(const void *a, const void *b)
{
	const line *x = a, *y = b;
	if (x->project != y->project)
		return x->project < y->project ? -1 : 1;
	if (x->subtopic != y->subtopic)
		return x->subtopic < y->subtopic ? -1 : 1;
	int c = strcmp(x->category, y->category);
	return c ? c : (x->id > y->id) - (x->id < y->id);
}

int ce__an_budget_variance(ce_table **out, ce_db *db, const ce_report_filter *f)
{
	static const an_col cols[] = {
		{ "project", CE_TYPE_INT },   { "project_code", CE_TYPE_TEXT }, { "subtopic", CE_TYPE_INT },
		{ "subtopic_title", CE_TYPE_TEXT }, { "category", CE_TYPE_TEXT }, { "currency", CE_TYPE_TEXT },
		{ "planned", CE_TYPE_INT },   { "actual", CE_TYPE_INT },        { "variance", CE_TYPE_INT },
		{ "variance_share", CE_TYPE_REAL },
	};
	an_rows bl = { 0 }, sub = { 0 }, pr = { 0 };
	an_scope scope = { 0 };
	line *v = NULL;
	size_t n = 0;
	int rc;
	if ((rc = AN_LOAD(&bl, db, CE_ENTITY_BUDGET_LINE, "subtopic", "category", "planned", "actual",
	                  "currency")) != CE_OK ||
	    (rc = AN_LOAD(&sub, db, CE_ENTITY_SUBTOPIC, "project", "title")) != CE_OK ||
	    (rc = AN_LOAD(&pr, db, CE_ENTITY_PROJECT, "code")) != CE_OK ||
	    (rc = ce__an_scope(&scope, db, f, false)) != CE_OK)
		goto done;
	if (!(v = malloc((bl.n + 1) * sizeof *v))) {
		rc = ce__an_nomem(db);
		goto done;
	}
	for (size_t i = 0; i < bl.n; i++) {
		ptrdiff_t s = ce__an_find(&sub, an_i(&bl, i, B_SUBTOPIC)), p;
		if (s < 0 || (p = ce__an_find(&pr, an_i(&sub, (size_t)s, 0))) < 0 ||
		    !ce__an_scope_project(&scope, pr.ids[p]))
			continue;
		v[n++] = (line){ pr.ids[p], sub.ids[s], bl.ids[i], an_s(&bl, i, B_CATEGORY), i,
		                 (size_t)s, (size_t)p };
	}
	ce__an_sort(v, n, sizeof *v, cmp_line);
	an_out o;
	if ((rc = ce__an_out_new(&o, db, "budget_variance", cols, 10)) != CE_OK)
		goto done;
	for (size_t i = 0; i < n; i++) {
		int64_t planned = an_i(&bl, v[i].row, B_PLANNED), actual = an_i(&bl, v[i].row, B_ACTUAL);
		ce__an_row(&o);
		ce__an_int(&o, 0, v[i].project);
		ce__an_text(&o, 1, an_s(&pr, v[i].project_row, 0));
		ce__an_int(&o, 2, v[i].subtopic);
		ce__an_text(&o, 3, an_s(&sub, v[i].sub_row, 1));
		ce__an_text(&o, 4, v[i].category);
		ce__an_text(&o, 5, an_s(&bl, v[i].row, B_CURRENCY));
		ce__an_int(&o, 6, planned);
		ce__an_int(&o, 7, actual);
		int64_t variance;
		if (__builtin_sub_overflow(actual, planned, &variance) && o.rc == CE_OK)
			o.rc = overflow(db, "budget_variance", "amounts");
		ce__an_int(&o, 8, variance);
		ce__an_ratio(&o, 9, (double)variance, (double)planned);
	}
	rc = ce__an_out_finish(&o, out);
done:
	free(v);
	ce__an_rows_free(&bl);
	ce__an_rows_free(&sub);
	ce__an_rows_free(&pr);
	ce__an_scope_free(&scope);
	return rc;
}
