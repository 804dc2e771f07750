/* Transactions of the memory backend: an undo journal. Writes inside a
 * transaction append how to take them back; rollback replays the journal
 * backwards, commit forgets it, a savepoint is a journal position. Undo
 * never allocates (neither the row arrays nor the indexes shrink), so it
 * cannot fail. */
#include <stdint.h>
#include <stdlib.h>

#include "memory_private.h"

int ce__mem_journal_reserve(ce_backend_conn *conn)
{
	if (!conn->in_transaction || conn->njournal < conn->journal_cap)
		return CE_OK;
	size_t cap = conn->journal_cap ? conn->journal_cap * 2 : 32;
	mem_undo *j = cap <= SIZE_MAX / sizeof *j ? ce__mem_realloc(conn->journal, cap * sizeof *j)
	                                          : NULL;
	if (!j)
		return ce__mem_fail(conn, CE_ENOMEM, "memory: out of memory growing the undo journal");
	conn->journal = j;
	conn->journal_cap = cap;
	return CE_OK;
}

void ce__mem_journal_add(ce_backend_conn *conn, enum mem_undo_kind kind, int table, int64_t id,
                         ce_value *values)
{
	if (!conn->in_transaction) {
		ce__mem_free_values(conn->tables[table].def, values);
		return;
	}
	mem_undo u = { kind, table, id, values };
	conn->journal[conn->njournal++] = u;
}

static void undo_one(ce_backend_conn *conn, mem_undo *u)
{
	mem_table *t = &conn->tables[u->table];
	ptrdiff_t i = ce__mem_find(t, u->id);

	/* Undoing in reverse order restores the exact state each write saw, so
	 * the row is present (insert, update) or absent (remove) as expected;
	 * the checks only keep an impossible case from corrupting memory. */
	switch (u->kind) {
	case MEM_UNDO_INSERT:
		if (i >= 0) {
			mem_row row = ce__mem_take(t, (size_t)i);
			ce__mem_index_remove(t, row.id, row.values);
			ce__mem_free_values(t->def, row.values);
		}
		break;
	case MEM_UNDO_UPDATE:
		if (i >= 0) {
			ce__mem_index_remove(t, u->id, t->rows[i].values);
			ce__mem_free_values(t->def, t->rows[i].values);
			t->rows[i].values = u->values;
			ce__mem_index_add(t, u->id, u->values);
		} else {
			ce__mem_free_values(t->def, u->values);
		}
		break;
	case MEM_UNDO_REMOVE:
		/* The removal left a free slot and capacity never shrinks, so
		 * reserve does not allocate here. */
		if (i < 0 && ce__mem_reserve(t) == CE_OK) {
			mem_row row = { u->id, u->values };
			ce__mem_place(t, row);
			ce__mem_index_add(t, row.id, row.values);
		} else {
			ce__mem_free_values(t->def, u->values);
		}
		break;
	}
	u->values = NULL;
}

void ce__mem_undo_to(ce_backend_conn *conn, size_t len)
{
	while (conn->njournal > len)
		undo_one(conn, &conn->journal[--conn->njournal]);
}

void ce__mem_journal_drop(ce_backend_conn *conn)
{
	for (size_t k = 0; k < conn->njournal; k++) {
		mem_undo *u = &conn->journal[k];
		ce__mem_free_values(conn->tables[u->table].def, u->values);
	}
	conn->njournal = 0;
}

int ce__mem_begin(ce_backend_conn *conn)
{
	/* begin takes the write lock, which a read-only store never gives */
	if (conn->readonly)
		return ce__mem_fail(conn, CE_EMISUSE, "memory: begin: the store is read-only");
	if (conn->in_transaction)
		return ce__mem_fail(conn, CE_EMISUSE, "memory: begin: a transaction is already open");
	conn->in_transaction = true;
	conn->njournal = 0;
	conn->nmarks = 0;
	return CE_OK;
}

int ce__mem_commit(ce_backend_conn *conn)
{
	if (!conn->in_transaction)
		return ce__mem_fail(conn, CE_EMISUSE, "memory: commit: no transaction is open");
	ce__mem_journal_drop(conn);
	conn->in_transaction = false;
	conn->nmarks = 0;
	return CE_OK;
}

int ce__mem_rollback(ce_backend_conn *conn)
{
	if (!conn->in_transaction)
		return ce__mem_fail(conn, CE_EMISUSE, "memory: rollback: no transaction is open");
	ce__mem_undo_to(conn, 0);
	conn->in_transaction = false;
	conn->nmarks = 0;
	return CE_OK;
}

int ce__mem_savepoint(ce_backend_conn *conn)
{
	if (!conn->in_transaction)
		return ce__mem_fail(conn, CE_EMISUSE, "memory: savepoint: no transaction is open");
	if (conn->nmarks == MEM_MAX_SAVEPOINTS)
		return ce__mem_fail(conn, CE_EMISUSE, "memory: savepoint: more than %d nested",
		                    MEM_MAX_SAVEPOINTS);
	conn->marks[conn->nmarks++] = conn->njournal;
	return CE_OK;
}

int ce__mem_release(ce_backend_conn *conn)
{
	if (conn->nmarks == 0)
		return ce__mem_fail(conn, CE_EMISUSE, "memory: release: no savepoint is open");
	conn->nmarks--;  /* its entries now belong to the enclosing level */
	return CE_OK;
}

int ce__mem_rollback_to(ce_backend_conn *conn)
{
	if (conn->nmarks == 0)
		return ce__mem_fail(conn, CE_EMISUSE, "memory: rollback_to: no savepoint is open");
	ce__mem_undo_to(conn, conn->marks[conn->nmarks - 1]);
	return CE_OK;  /* the savepoint stays open, as in SQL */
}
