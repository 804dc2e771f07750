/* Text forms of values shared by the JSON and CSV front ends: numbers
 * written and read without the C locale's say, and formula defusing. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

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

int ce__io_format_real(char *buf, size_t size, double x)
{
	json_t *j = json_real(x);
	size_t n;
	if (!j)
		return CE_EINVALID; /* not finite */
	n = json_dumpb(j, buf, size - 1, JSON_ENCODE_ANY | JSON_REAL_PRECISION(ce__io_real_precision(x)));
	json_decref(j);
	if (n == 0 || n >= size)
		return CE_EINVALID;
	buf[n] = '\0';
	return CE_OK;
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

bool ce__io_parse_real(const char *s, double *out)
{
	/* jansson skips white space around a value: a cell is the number alone,
	 * as an integer cell is (a JSON number starts with '-' or a digit and
	 * ends with a digit). */
	size_t n = strlen(s);
	if (!n || (*s != '-' && (*s < '0' || *s > '9')) || s[n - 1] < '0' || s[n - 1] > '9')
		return false;
	json_error_t err;
	json_t *j = json_loads(s, JSON_DECODE_ANY, &err);
	bool ok = j && json_is_number(j);
	if (ok)
		*out = json_number_value(j);
	json_decref(j);
	return ok;
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
