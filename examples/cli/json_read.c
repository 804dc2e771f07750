/* Reading a JSON text into a jansson value, with yajl's parser. Not
 * jansson's own: 2.14's lexer corrupts its heap when an allocation fails
 * (docs/reliability.md). yajl does not check its allocations either, so
 * it allocates from the library's tracked arena (lib/io/yajl_mem.c, the
 * one file of lib/ the CLI compiles in): a failed allocation jumps back to
 * the parse, which frees the arena: out of memory is reported, never a
 * crash. */
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>
#include <yajl/yajl_parse.h>

#include "cli.h"
#include "yajl_mem.h" /* the library's tracked arena, compiled in (CMakeLists.txt) */

#define DEPTH 32 /* the audit trail's changes have 2 */

typedef struct tree {
	json_t *top;
	json_t *open[DEPTH]; /* the containers being filled, innermost last */
	int depth;
	char *key; /* an object's key, until its value comes */
	int status; /* 1: not a JSON text jansson would take; -1: out of memory */
} tree;

static int stop(tree *t, int status)
{
	if (!t->status)
		t->status = status;
	return 0; /* yajl stops: client cancelled */
}

/* Puts v (a new reference, NULL when jansson was out of memory) where the
 * parse is; containers are entered. */
static int add(tree *t, json_t *v, bool container)
{
	int rc = 0;
	if (!v)
		return stop(t, -1);
	if (t->depth == 0) {
		if (t->top) {
			json_decref(v);
			return stop(t, 1);
		}
		t->top = v;
	} else if (json_is_object(t->open[t->depth - 1])) {
		rc = json_object_set_new(t->open[t->depth - 1], t->key, v);
		free(t->key);
		t->key = NULL;
	} else {
		rc = json_array_append_new(t->open[t->depth - 1], v);
	}
	if (rc != 0)
		return stop(t, -1);
	if (container) {
		if (t->depth == DEPTH)
			return stop(t, 1);
		t->open[t->depth++] = v;
	}
	return 1;
}

static int on_null(void *ctx) { return add(ctx, json_null(), false); }
static int on_bool(void *ctx, int b) { return add(ctx, json_boolean(b), false); }
static int on_integer(void *ctx, long long i) { return add(ctx, json_integer(i), false); }
static int on_double(void *ctx, double d) { return add(ctx, json_real(d), false); }
static int on_start_map(void *ctx) { return add(ctx, json_object(), true); }
static int on_start_array(void *ctx) { return add(ctx, json_array(), true); }

static int on_string(void *ctx, const unsigned char *s, size_t len)
{
	return add(ctx, json_stringn((const char *)s, len), false);
}

static int on_key(void *ctx, const unsigned char *s, size_t len)
{
	tree *t = ctx;
	if (memchr(s, 0, len)) /* \u0000: no key for jansson */
		return stop(t, 1);
	if (!(t->key = strndup((const char *)s, len)))
		return stop(t, -1);
	return 1;
}

static int on_end(void *ctx)
{
	((tree *)ctx)->depth--;
	return 1;
}

static const yajl_callbacks callbacks = {
	on_null, on_bool, on_integer, on_double, NULL, on_string,
	on_start_map, on_key, on_end, on_start_array, on_end,
};

int cli_json_read(const char *text, json_t **out)
{
	jmp_buf fail;
	io_yarena a;
	tree t = { 0 };
	yajl_alloc_funcs funcs;
	volatile int status = 0;
	ce__io_yarena_init(&a, &fail, &funcs);
	*out = NULL;
	if (setjmp(fail) == 0) {
		yajl_handle h = yajl_alloc(&callbacks, &funcs, &t);
		yajl_status st = yajl_parse(h, (const unsigned char *)text, strlen(text));
		if (st == yajl_status_ok)
			st = yajl_complete_parse(h);
		status = t.status ? t.status : st != yajl_status_ok || !t.top ? 1 : 0;
	} else {
		status = -1;
	}
	ce__io_yarena_free(&a); /* not yajl_free(): the handle may be half made */
	free(t.key);
	if (status == 0)
		*out = t.top;
	else
		json_decref(t.top);
	return status;
}
