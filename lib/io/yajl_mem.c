/* yajl's memory, tracked (yajl_mem.h). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "yajl_mem.h"

long ce__io_json_fail_alloc_at = -1;

static void *ya_malloc(void *ctx, size_t n)
{
	io_yarena *a = ctx;
	io_yblock *b = NULL;
	if (ce__io_json_fail_alloc_at < 0 || a->count++ != ce__io_json_fail_alloc_at)
		b = n < SIZE_MAX - sizeof *b ? malloc(sizeof *b + n) : NULL;
	if (!b)
		longjmp(*a->fail, 1);
	b->l.size = n;
	b->l.next = a->head.l.next;
	b->l.prev = &a->head;
	a->head.l.next->l.prev = b;
	a->head.l.next = b;
	return b + 1;
}

static void ya_free(void *ctx, void *p)
{
	(void)ctx;
	if (!p)
		return;
	io_yblock *b = (io_yblock *)p - 1;
	b->l.prev->l.next = b->l.next;
	b->l.next->l.prev = b->l.prev;
	free(b);
}

static void *ya_realloc(void *ctx, void *p, size_t n)
{
	if (!p)
		return ya_malloc(ctx, n);
	io_yblock *old = (io_yblock *)p - 1;
	void *q = ya_malloc(ctx, n); /* new block first: on failure the old stays listed */
	memcpy(q, p, old->l.size < n ? old->l.size : n);
	ya_free(ctx, p);
	return q;
}

void ce__io_yarena_init(io_yarena *a, jmp_buf *fail, yajl_alloc_funcs *funcs)
{
	a->head.l.prev = a->head.l.next = &a->head;
	a->fail = fail;
	a->count = 0;
	funcs->malloc = ya_malloc;
	funcs->realloc = ya_realloc;
	funcs->free = ya_free;
	funcs->ctx = a;
}

void ce__io_yarena_free(io_yarena *a)
{
	while (a->head.l.next != &a->head)
		ya_free(a, a->head.l.next + 1);
}
