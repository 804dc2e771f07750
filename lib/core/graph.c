/* Reachability over an edge table, for the rules that keep a graph
 * acyclic (subtopic dependencies, outcome derivations): adding the edge
 * a -> b closes a cycle exactly when b already reaches a. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

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
static int expand(ce_db *db, walk *w, size_t i, const ce_table_def *edges, int from_col,
                  int to_col, int64_t goal, int64_t skip, size_t *hit)
{
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

int ce__find_path(ce_db *db, const ce_table_def *edges, int from_col, int to_col, int64_t start,
                  int64_t goal, int64_t skip, bool *found, char *buf, size_t size)
{
	walk w = { 0 };
	size_t hit = SIZE_MAX;
	int rc = push(&w, start, 0) == CE_OK
	             ? CE_OK
	             : ce__fail(db, CE_ENOMEM, "%s: out of memory in the cycle check", edges->name);
	if (start == goal)
		hit = 0;
	for (size_t i = 0; rc == CE_OK && hit == SIZE_MAX && i < w.n; i++)
		rc = expand(db, &w, i, edges, from_col, to_col, goal, skip, &hit);
	*found = rc == CE_OK && hit != SIZE_MAX;
	if (*found && buf && size)
		format_path(&w, hit, buf, size);
	free(w.nodes);
	ce__idmap_free(&w.visited);
	return rc;
}
