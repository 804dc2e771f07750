/* An export's output gathered in memory, NUL-terminated: a ce_write_fn
 * for the unit tests of io. */
#ifndef CE_TEST_MEMBUF_H
#define CE_TEST_MEMBUF_H

#include <stddef.h>

typedef struct buf {
	char *data;
	size_t len, cap;
} buf;

/* Appends to the buf at ctx; 0, or -1 when out of memory. */
int buf_write(void *ctx, const char *data, size_t len);

#endif
