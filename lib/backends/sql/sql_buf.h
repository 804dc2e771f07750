/* A growable string for building SQL, shared by every SQL backend and the
 * shared SQL layer. A failed allocation sticks in `failed` so that
 * builders check once at the end. */
#ifndef CE_BACKENDS_SQL_BUF_H
#define CE_BACKENDS_SQL_BUF_H

#include <stdbool.h>
#include <stddef.h>

typedef struct ce_sqlbuf {
	char *p;
	size_t len, cap;
	bool failed;
} ce_sqlbuf;

void ce__sqlbuf_add(ce_sqlbuf *b, const char *s);
/* The first @p n bytes of @p s. */
void ce__sqlbuf_addn(ce_sqlbuf *b, const char *s, size_t n);
void ce__sqlbuf_addf(ce_sqlbuf *b, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 2, 3)))
#endif
	;
/* A single-quoted string literal. */
void ce__sqlbuf_literal(ce_sqlbuf *b, const char *s);
/* @p tmpl with "%1" replaced by @p a and "%2" by @p b2 (NULL: empty). */
void ce__sqlbuf_template(ce_sqlbuf *b, const char *tmpl, const char *a, const char *b2);
void ce__sqlbuf_free(ce_sqlbuf *b);

#endif
