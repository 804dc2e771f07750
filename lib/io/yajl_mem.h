/* yajl's memory, tracked: yajl does not check its allocations, so every
 * block it gets is listed in an arena, and one that fails jumps back to
 * the setjmp() around the parse, which then frees the arena. Never a
 * crash, never a leak: CE_ENOMEM. Shared by the JSON import and the audit
 * trail's changes in the JSON export. */
#ifndef CE_IO_YAJL_MEM_H
#define CE_IO_YAJL_MEM_H

#include <setjmp.h>
#include <stddef.h>

#include <yajl/yajl_common.h>

typedef union io_yblock {
	struct {
		union io_yblock *prev, *next;
		size_t size;
	} l;
	max_align_t align;
} io_yblock;

typedef struct io_yarena {
	io_yblock head; /* circular list of live blocks */
	jmp_buf *fail;  /* where a failed allocation jumps */
	long count;     /* allocations so far, for the test hook */
} io_yarena;

/* Tests fail the N-th allocation (0-based) of every arena; -1: never. */
extern long ce__io_json_fail_alloc_at;

/* An empty arena whose failed allocation longjmp()s to *fail, and the
 * allocation functions to give yajl_alloc() or yajl_gen_alloc(). */
void ce__io_yarena_init(io_yarena *a, jmp_buf *fail, yajl_alloc_funcs *funcs);
/* Frees every block still listed (instead of yajl_free(), which would
 * read a handle that a failed allocation left half-made). */
void ce__io_yarena_free(io_yarena *a);

#endif
