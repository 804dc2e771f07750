/* Identifier text as one office types it and another looks it up: a
 * company entered as "某某科技有限公司 " or with full-width "ＡＢＣ" must
 * be the same record as the plain one. Applied on write to every natural
 * key and every other unique text column (names, numbers, codes, DOIs),
 * and to the text a lookup by key is given. The rule: white space runs
 * (U+0020, U+00A0, U+1680, U+2000..U+200A, U+202F, U+205F, U+3000) become
 * one ASCII space, leading and trailing ones go, and full-width ASCII
 * (U+FF01..U+FF5E) becomes its ASCII form. Everything else, Chinese text
 * and full-width parentheses' Chinese neighbours included, is kept as it
 * was typed; tabs and line breaks are not white space here (a key refuses
 * them). */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

/* The code point at p (valid UTF-8) and its length in *len. */
static uint32_t decode(const unsigned char *p, int *len)
{
	int n = p[0] < 0x80 ? 0 : p[0] < 0xE0 ? 1 : p[0] < 0xF0 ? 2 : 3;
	uint32_t cp = n ? p[0] & (0x3F >> n) : p[0];
	for (int i = 1; i <= n; i++)
		cp = cp << 6 | (p[i] & 0x3F);
	*len = n + 1;
	return cp;
}

static bool is_space(uint32_t cp)
{
	return cp == ' ' || cp == 0xA0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A) ||
	       cp == 0x202F || cp == 0x205F || cp == 0x3000;
}

/* Whether s differs from its normal form: the common case (already
 * normal) costs one pass and no allocation. */
static bool needs_normalising(const unsigned char *p)
{
	bool after_space = true; /* a leading space needs trimming */
	while (*p) {
		int l;
		uint32_t cp = decode(p, &l);
		if (is_space(cp)) {
			if (cp != ' ' || after_space)
				return true;
			after_space = true;
		} else if (cp >= 0xFF01 && cp <= 0xFF5E) {
			return true;
		} else {
			after_space = false;
		}
		p += l;
	}
	return after_space; /* a trailing space (or nothing at all) */
}

int ce__text_normalise(const char *s, char **out)
{
	*out = NULL;
	if (!s || !*s || !ce__utf8_valid(s) || !needs_normalising((const unsigned char *)s))
		return CE_OK; /* already normal, or refused later with a message */
	size_t len = strlen(s);
	char *buf = malloc(len + 1); /* never longer: each change shortens */
	if (!buf)
		return CE_ENOMEM;
	const unsigned char *p = (const unsigned char *)s;
	size_t n = 0;
	bool pending_space = false;
	while (*p) {
		int l;
		uint32_t cp = decode(p, &l);
		if (is_space(cp)) {
			pending_space = n > 0;
		} else {
			if (pending_space)
				buf[n++] = ' ';
			pending_space = false;
			if (cp >= 0xFF01 && cp <= 0xFF5E)
				buf[n++] = (char)(cp - 0xFEE0);
			else {
				memcpy(buf + n, p, (size_t)l);
				n += (size_t)l;
			}
		}
		p += l;
	}
	buf[n] = '\0';
	if (n == len && memcmp(buf, s, n) == 0) {
		free(buf);
		return CE_OK;
	}
	*out = buf;
	return CE_OK;
}

bool ce__text_normalised_column(const ce_column_def *col)
{
	return col->type == CE_TYPE_TEXT && (col->flags & (CE_COL_KEY | CE_COL_UNIQUE));
}

int ce__cond_normalise(const ce_table_def *t, ce_condition *cond, char **owned)
{
	*owned = NULL;
	if (cond->op != CE_COND_EQ || cond->column < 0 || !cond->low.s ||
	    !ce__text_normalised_column(&t->columns[cond->column]))
		return CE_OK;
	int rc = ce__text_normalise(cond->low.s, owned);
	if (rc == CE_OK && *owned)
		cond->low.s = *owned;
	return rc;
}
