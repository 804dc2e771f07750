/* Calendar dates packed as YYYYMMDD, and UTF-8 validation: the two
 * value checks every text and date column goes through. */
#include <stdio.h>
#include <string.h>

#include "internal.h"

static bool leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int days_in_month(int y, int m)
{
	static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	return m == 2 && leap(y) ? 29 : days[m - 1];
}

int ce_date_valid(ce_date date)
{
	int y = date / 10000, m = date / 100 % 100, d = date % 100;
	if (date <= 0 || y < 1900 || y > 2199 || m < 1 || m > 12)
		return 0;
	return d >= 1 && d <= days_in_month(y, m);
}

ce_result ce_date_parse(ce_date *out, const char *text)
{
	if (!out || !text)
		return ce__fail(NULL, CE_EINVALID, "date: NULL argument");
	if (strlen(text) != 10 || text[4] != '-' || text[7] != '-')
		return ce__fail(NULL, CE_EINVALID, "date: '%.40s' is not YYYY-MM-DD", text);
	/* digits read by hand (an import parses one per date field; sscanf
	 * showed in its profile), each checked to be a digit */
	int v[10];
	for (int i = 0; i < 10; i++) {
		if (i == 4 || i == 7)
			continue;
		if (text[i] < '0' || text[i] > '9')
			return ce__fail(NULL, CE_EINVALID, "date: '%.40s' is not YYYY-MM-DD", text);
		v[i] = text[i] - '0';
	}
	int y = v[0] * 1000 + v[1] * 100 + v[2] * 10 + v[3], m = v[5] * 10 + v[6],
	    d = v[8] * 10 + v[9];
	if (!ce_date_valid(CE_DATE(y, m, d)))
		return ce__fail(NULL, CE_EINVALID, "date: '%s' is not a calendar date", text);
	*out = CE_DATE(y, m, d);
	return CE_OK;
}

ce_result ce_date_format(char *buf, size_t size, ce_date date)
{
	if (!buf || size < 11 || !ce_date_valid(date))
		return ce__fail(NULL, CE_EINVALID, "date: cannot format %ld", (long)date);
	/* by hand: a load formats a date per audited column, and snprintf
	 * cost more than the rest of the audit row's JSON */
	int y = date / 10000, m = date / 100 % 100, d = date % 100;
	buf[0] = (char)('0' + y / 1000);
	buf[1] = (char)('0' + y / 100 % 10);
	buf[2] = (char)('0' + y / 10 % 10);
	buf[3] = (char)('0' + y % 10);
	buf[4] = '-';
	buf[5] = (char)('0' + m / 10);
	buf[6] = (char)('0' + m % 10);
	buf[7] = '-';
	buf[8] = (char)('0' + d / 10);
	buf[9] = (char)('0' + d % 10);
	buf[10] = '\0';
	return CE_OK;
}

/* Days since 1970-01-01 (proleptic Gregorian; Howard Hinnant's algorithm). */
int64_t ce__date_days(ce_date date)
{
	int y = date / 10000, m = date / 100 % 100, d = date % 100;
	y -= m <= 2;
	int64_t era = (y >= 0 ? y : y - 399) / 400;
	int64_t yoe = y - era * 400;
	int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

ce_result ce_date_diff(int64_t *out, ce_date from, ce_date to)
{
	if (!out || !ce_date_valid(from) || !ce_date_valid(to))
		return ce__fail(NULL, CE_EINVALID, "date: cannot subtract %ld from %ld", (long)from,
		                (long)to);
	*out = ce__date_days(to) - ce__date_days(from);
	return CE_OK;
}

bool ce__utf8_valid(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	while (*p) {
		unsigned c = *p;
		int n;
		uint32_t cp;
		if (c < 0x80) {
			if (c < 0x20 && c != '\t' && c != '\n' && c != '\r')
				return false;
			p++;
			continue;
		}
		if (c >= 0xC2 && c <= 0xDF) {
			n = 1;
			cp = c & 0x1F;
		} else if (c >= 0xE0 && c <= 0xEF) {
			n = 2;
			cp = c & 0x0F;
		} else if (c >= 0xF0 && c <= 0xF4) {
			n = 3;
			cp = c & 0x07;
		} else {
			return false;
		}
		for (int i = 1; i <= n; i++) {
			if ((p[i] & 0xC0) != 0x80)
				return false;
			cp = cp << 6 | (p[i] & 0x3F);
		}
		/* overlong forms, surrogates and values past U+10FFFF */
		if ((n == 2 && cp < 0x800) || (n == 3 && cp < 0x10000) || cp > 0x10FFFF ||
		    (cp >= 0xD800 && cp <= 0xDFFF))
			return false;
		p += n + 1;
	}
	return true;
}
