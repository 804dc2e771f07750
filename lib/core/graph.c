/* Reachability over an edge table, for the rules that keep a graph
 * acyclic (subtopic dependencies, outcome derivations): adding the edge
 * a -> b closes a cycle exactly when b already reaches a.
 *
 * Each node the walk expands is a scan of the edge table, on a server a
 * round trip (12,206 in the benchmark's load at scale 1, for 8,069
 * dependencies). Most need not be asked: an edge into or out of a node
 * created in the transaction was written in it, by this handle, for
 * nobody else sees the node before the commit (a server's foreign key
 * refuses a reference to a row it cannot see; SQLite holds the write lock
 * from the transaction's first write). So for such a node the ends noted
 * below, at every insert and update of an edge, are all there are: a node
 * no edge was noted out of has none, and nothing reaches a node no edge
 * was noted into. A call undone or a new transaction forgets them all
 * (ce__graph_clear()), and one end not noted for want of memory stops the
 * shortcut until then. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

#define GRAPH_ID_BITS 46 /* ids past 2^46 are not noted: never a node's */

static int64_t node_key(int table, int64_t id)
{
	return (int64_t)table << GRAPH_ID_BITS | id;
}

/* end: 0 for the edge's from column, 1 for its to column */
static int64_t end_key(int table, int end, int64_t id)
{
	return ((int64_t)table << 1 | end) << GRAPH_ID_BITS | id;
}

static bool notable(int64_t id)
{
	return id > 0 && id < (INT64_C(1) << GRAPH_ID_BITS);
}

void ce__graph_note(ce_db *db, const ce_table_def *t, int64_t id, const ce_value *row,
                    bool created)
{
	if (!db->in_transaction || db->graph_lost || t->index <= 0 ||
	    t->index >= db->schema->ntables)
		return;
	unsigned char role = db->table_role[t->index];
	if ((role & CE_ROLE_GRAPH_NODES) && created && notable(id))
		(void)ce__idmap_put(&db->graph_nodes, node_key(t->index, id), 1); /* else not new: asked */
	if (!(role & CE_ROLE_GRAPH_EDGES))
		return;
	const ce_graph_def *g = t->rules->graph;
	const int cols[2] = { g->from, g->to };
	for (int end = 0; end < 2; end++) {
		const ce_value *v = &row[cols[end]];
		if (!v->null && notable(v->i) &&
		    ce__idmap_put(&db->graph_ends, end_key(t->index, end, v->i), 1) != CE_OK)
			db->graph_lost = true; /* an edge unknown: ask the store until cleared */
	}
}

void ce__graph_clear(ce_db *db)
{
	ce__idmap_free(&db->graph_nodes);
	ce__idmap_free(&db->graph_ends);
	db->graph_lost = false;
}

/* Whether the edges at `end` of node id are all noted: it was created in
 * this transaction. Then *none says no edge has that end. */
static bool ends_known(const ce_db *db, const ce_table_def *edges, int end, int64_t id, bool *none)
{
	int nodes = edges->columns[edges->rules->graph->from].ref;
	if (!db->in_transaction || db->graph_lost || !notable(id) ||
	    !ce__idmap_get(&db->graph_nodes, node_key(nodes, id), NULL))
		return false;
	*none = !ce__idmap_get(&db->graph_ends, end_key(edges->index, end, id), NULL);
	return true;
}

/* Nodes reached, in breadth-first order: the list is the queue, `via`
 * points at the entry a node was reached from (an earlier one), and the
 * visited map (id -> entry) keeps the visited test O(1). */
typedef struct walk {
	struct node {
		int64_t id;
		size_t via;
	} *nodes;
	size_t n, cap;
	ce_idmap visited;
} walk;

static int push(walk *w, int64_t id, size_t via)
{
	if (w->n == w->cap) {
		size_t cap = w->cap ? w->cap * 2 : 16;
		struct node *nodes = realloc(w->nodes, cap * sizeof *nodes);
		if (!nodes)
			return CE_ENOMEM;
		w->nodes = nodes;
		w->cap = cap;
	}
	if (ce__idmap_put(&w->visited, id, (int64_t)w->n) != CE_OK)
		return CE_ENOMEM;
	w->nodes[w->n++] = (struct node){ id, via };
	return CE_OK;
}

/* Queues the unseen targets of node i's edges; sets *hit on reaching goal. */
static int expand(ce_db *db, walk *w, size_t i, const ce_table_def *edges, int64_t goal,
                  int64_t skip, size_t *hit)
{
	int from_col = edges->rules->graph->from, to_col = edges->rules->graph->to;
	bool none;
	if (ends_known(db, edges, 0, w->nodes[i].id, &none) && none)
		return CE_OK; /* a new node nothing leaves */
	ce_condition cond = { .op = CE_COND_EQ, .column = from_col, .low = { .i = w->nodes[i].id } };
	ce_query q = { 1, &cond };
	ce_backend_cursor *cur;
	ce_value row[CE_MAX_COLUMNS];
	int64_t rid;
	int rc = db->backend->scan_open(&cur, db->conn, edges, &q);
	if (rc != CE_OK)
		return ce__backend_fail(db, rc, edges->name);
	while ((rc = db->backend->scan_next(cur, &rid, row)) == CE_OK) {
		int64_t next = row[to_col].i;
		if (rid == skip || row[to_col].null || ce__idmap_get(&w->visited, next, NULL))
			continue;
		if (push(w, next, i) != CE_OK) {
			rc = ce__fail(db, CE_ENOMEM, "%s: out of memory in the cycle check", edges->name);
			break;
		}
		if (next == goal) {
			*hit = w->n - 1;
			rc = CE_ITEROVER;
			break;
		}
	}
	db->backend->scan_close(cur);
	if (rc == CE_ITEROVER)
		return CE_OK;
	return rc == CE_ENOMEM ? rc : ce__backend_fail(db, rc, edges->name);
}

/* Writes the ids from the start to entry hit as "a -> b -> c", cut with
 * "..." when buf is too small. */
static void format_path(const walk *w, size_t hit, char *buf, size_t size)
{
	size_t len = 0, k = 0;
	size_t *chain = malloc((w->n + 1) * sizeof *chain);
	buf[0] = '\0';
	if (!chain)
		return;
	for (size_t i = hit;; i = w->nodes[i].via) {
		chain[k++] = i;
		if (i == 0)
			break;
	}
	while (k > 0) {
		int n = snprintf(buf + len, size - len, "%s%lld", len ? " -> " : "",
		                 (long long)w->nodes[chain[--k]].id);
		if (n < 0 || (size_t)n >= size - len) {
			if (size >= 4)
				memcpy(buf + size - 4, "...", 4);
			break;
		}
		len += (size_t)n;
	}
	free(chain);
}

int ce__find_path(ce_db *db, const ce_table_def *edges, int64_t start, int64_t goal, int64_t skip,
                  bool *found, char *buf, size_t size)
{
	walk w = { 0 };
	size_t hit = SIZE_MAX;
	bool none = false;
	int rc = push(&w, start, 0) == CE_OK
	             ? CE_OK
	             : ce__fail(db, CE_ENOMEM, "%s: out of memory in the cycle check", edges->name);
	if (start == goal)
		hit = 0;
	/* a new node nothing leads into: no walk reaches it */
	bool unreachable = hit == SIZE_MAX && ends_known(db, edges, 1, goal, &none) && none;
	for (size_t i = 0; rc == CE_OK && !unreachable && hit == SIZE_MAX && i < w.n; i++)
		rc = expand(db, &w, i, edges, goal, skip, &hit);
	*found = rc == CE_OK && hit != SIZE_MAX;
	if (*found && buf && size)
		format_path(&w, hit, buf, size);
	free(w.nodes);
	ce__idmap_free(&w.visited);
	return rc;
}
