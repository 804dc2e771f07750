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

int ce__io_parse_real(const char *s, double *out)
{
	/* jansson skips white space around a value: a cell is the number alone,
	 * as an integer cell is (a JSON number starts with '-' or a digit and
	 * ends with a digit). */
	size_t n = strlen(s);
	if (!n || (*s != '-' && (*s < '0' || *s > '9')) || s[n - 1] < '0' || s[n - 1] > '9')
		return CE_EINVALID;
	/* Parsed twice: jansson 2.14 reports some allocation failures as syntax
	 * errors, and drops a byte of a token of 16 bytes or more when it
	 * cannot grow its buffer (docs/io.md). Two parses that agree are the
	 * answer; two that disagree mean one of them ran out of memory. */
	json_error_t e1, e2;
	json_t *a = json_loads(s, JSON_DECODE_ANY, &e1), *b = json_loads(s, JSON_DECODE_ANY, &e2);
	int rc = CE_ENOMEM;
	if (a && b && json_is_number(a) && json_is_number(b) &&
	    json_number_value(a) == json_number_value(b)) {
		*out = json_number_value(a);
		rc = CE_OK;
	} else if (a && b && !json_is_number(a) && !json_is_number(b)) {
		rc = CE_EINVALID;
	} else if (!a && !b && json_error_code(&e1) != json_error_out_of_memory &&
	           json_error_code(&e1) == json_error_code(&e2) && e1.position == e2.position) {
		rc = CE_EINVALID;
	}
	json_decref(a);
	json_decref(b);
	return rc;
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
