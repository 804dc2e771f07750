#include <stdlib.h>
#include <string.h>

#include "membuf.h"

int buf_write(void *ctx, const char *data, size_t len)
{
	buf *b = ctx;
	if (b->len + len + 1 > b->cap) {
		size_t cap = (b->len + len + 1) * 2;
		char *p = realloc(b->data, cap);
		if (!p)
			return -1;
		b->data = p;
		b->cap = cap;
	}
	memcpy(b->data + b->len, data, len);
	b->len += len;
	b->data[b->len] = '\0';
	return 0;
}
