/* The SQL text builder of sql_buf.h. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sql_buf.h"

static bool sqlbuf_reserve(ce_sqlbuf *b, size_t more)
{
	if (b->failed)
		return false;
	if (b->len + more + 1 <= b->cap)
		return true;
	size_t cap = b->cap ? b->cap : 256;
	while (cap < b->len + more + 1)
		cap *= 2;
	char *p = realloc(b->p, cap);
	if (!p) {
		b->failed = true;
		return false;
	}
	b->p = p;
	b->cap = cap;
	return true;
}

void ce__sqlbuf_addn(ce_sqlbuf *b, const char *s, size_t n)
{
	if (!sqlbuf_reserve(b, n))
		return;
	memcpy(b->p + b->len, s, n);
	b->len += n;
	b->p[b->len] = '\0';
}

void ce__sqlbuf_add(ce_sqlbuf *b, const char *s)
{
	ce__sqlbuf_addn(b, s, strlen(s));
}

void ce__sqlbuf_addf(ce_sqlbuf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0) {
		b->failed = true;
		return;
	}
	if (!sqlbuf_reserve(b, (size_t)n))
		return;
	va_start(ap, fmt);
	vsnprintf(b->p + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

void ce__sqlbuf_literal(ce_sqlbuf *b, const char *s)
{
	ce__sqlbuf_addn(b, "'", 1);
	for (const char *p = s; *p; p++) {
		if (*p == '\'')
			ce__sqlbuf_addn(b, "'", 1); /* doubled */
		ce__sqlbuf_addn(b, p, 1);
	}
	ce__sqlbuf_addn(b, "'", 1);
}

void ce__sqlbuf_template(ce_sqlbuf *b, const char *tmpl, const char *a, const char *b2)
{
	const char *p = tmpl, *q;
	while ((q = strchr(p, '%')) != NULL) {
		ce__sqlbuf_addn(b, p, (size_t)(q - p));
		if (q[1] == '1' || q[1] == '2') {
			ce__sqlbuf_add(b, q[1] == '1' ? (a ? a : "") : (b2 ? b2 : ""));
			p = q + 2;
		} else {
			ce__sqlbuf_addn(b, q, 1);
			p = q + 1;
		}
	}
	ce__sqlbuf_add(b, p);
}

void ce__sqlbuf_free(ce_sqlbuf *b)
{
	free(b->p);
	memset(b, 0, sizeof *b);
}
