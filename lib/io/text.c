/* Text forms of values shared by the JSON and CSV front ends: numbers
 * written and read without the C locale's say, and formula defusing. */
#include <errno.h>
#include <locale.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "io_internal.h"

int ce__io_real_precision(double x)
{
	char buf[64];
	for (int p = 15; p < 17; p++) {
		snprintf(buf, sizeof buf, "%.*g", p, x);
		if (strtod(buf, NULL) == x)
			return p;
	}
	return 17;
}

/* The C locale for numbers whatever the caller's (newlocale() of "C" for
 * every category is glibc's static object: no allocation to fail). */
static locale_t c_locale(void)
{
	static locale_t loc;
	if (!loc)
		loc = newlocale(LC_ALL_MASK, "C", (locale_t)0);
	return loc;
}

double ce__io_strtod(const char *s, char **end)
{
	locale_t loc = c_locale(), was = loc ? uselocale(loc) : (locale_t)0;
	double v = strtod(s, end);
	int err = errno;
	if (loc)
		uselocale(was);
	errno = err;
	return v;
}

/* As jansson 2.14 writes a real (jsonp_dtostr), without its allocations:
 * "%.*g", ".0" added when that reads as an integer, the exponent without
 * '+' and leading zeros. */
int ce__io_format_real_digits(char *buf, size_t size, double x, int digits)
{
	if (!isfinite(x))
		return CE_EINVALID;
	locale_t loc = c_locale(), was = loc ? uselocale(loc) : (locale_t)0;
	int n = snprintf(buf, size, "%.*g", digits, x);
	if (loc)
		uselocale(was);
	if (n < 0 || (size_t)n + 3 > size)
		return CE_EINVALID;
	if (!strchr(buf, '.') && !strchr(buf, 'e'))
		memcpy(buf + n, ".0", 3);
	char *start = strchr(buf, 'e');
	if (start) {
		char *end = ++start + 1;
		if (*start == '-')
			start++;
		while (*end == '0')
			end++;
		if (end != start)
			memmove(start, end, strlen(end) + 1);
	}
	return CE_OK;
}

int ce__io_format_real(char *buf, size_t size, double x)
{
	return ce__io_format_real_digits(buf, size, x, ce__io_real_precision(x));
}

bool ce__io_parse_int(const char *s, int64_t *out)
{
	const char *p = s;
	char *end;
	if (*p == '-')
		p++;
	if (*p < '0' || *p > '9')
		return false;
	errno = 0;
	long long v = strtoll(s, &end, 10);
	if (errno || *end)
		return false;
	*out = v;
	return true;
}

int ce__io_read_number(const char *s, bool *real, int64_t *i, double *r)
{
	char *end;
	*real = strpbrk(s, ".eE") != NULL;
	if (!*real)
		return ce__io_parse_int(s, i) ? CE_OK : CE_EINVALID;
	errno = 0;
	*r = ce__io_strtod(s, &end);
	if (*end || (errno == ERANGE && (*r > 1 || *r < -1)))
		return CE_EINVALID; /* overflow; an underflow reads as 0 or a subnormal */
	return CE_OK;
}

/* JSON's grammar of a number: -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)? */
static bool json_number_syntax(const char *p)
{
	if (*p == '-')
		p++;
	if (*p == '0')
		p++;
	else if (*p >= '1' && *p <= '9')
		while (*p >= '0' && *p <= '9')
			p++;
	else
		return false;
	if (*p == '.') {
		if (*++p < '0' || *p > '9')
			return false;
		while (*p >= '0' && *p <= '9')
			p++;
	}
	if (*p == 'e' || *p == 'E') {
		if (*++p == '+' || *p == '-')
			p++;
		if (*p < '0' || *p > '9')
			return false;
		while (*p >= '0' && *p <= '9')
			p++;
	}
	return *p == '\0';
}

/* A cell is the number alone, as a JSON number: no spaces, no '+', no hex,
 * no leading zeros. Read without a parser that allocates (jansson 2.14's
 * lexer asserts or corrupts its heap when an allocation fails). */
int ce__io_parse_real(const char *s, double *out)
{
	bool real;
	int64_t i;
	double r;
	if (!json_number_syntax(s) || ce__io_read_number(s, &real, &i, &r) != CE_OK)
		return CE_EINVALID;
	*out = real ? r : (double)i;
	return CE_OK;
}

/* What a spreadsheet may take for the start of a formula (OWASP's list). */
static bool formula_start(char c)
{
	return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
}

/* Leading spaces count for nothing: a spreadsheet may trim them and run
 * "  =SUM(A1)" as a formula. Quotes are skipped too, so that a cell already
 * starting with ' before such text gets one more and reads back exactly. */
bool ce__io_needs_defuse(const char *s)
{
	while (*s == '\'' || *s == ' ')
		s++;
	return formula_start(*s);
}

bool ce__io_is_defused(const char *s)
{
	return *s == '\'' && ce__io_needs_defuse(s);
}
