/* Fuzz target: the text parsers of the public API. The first byte picks
 * one, the rest is its input:
 *   0  ce_uri_redact(): the length it returns is the length it writes
 *      (clipped to the buffer), the same with no buffer; a password
 *      given as "password=..." never shows
 *   1  ce_db_open() of a URI (memory and unknown schemes only: no files,
 *      no network): a handle or a refusal with a message
 *   2  ce_date_parse(): what parses formats back to the same text
 *   3  names: entities, roles, columns and enumeration tokens; what is
 *      found names itself back
 *   4  filters: "column=value" lines on a record count of a memory store */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"

static void uri(const char *s)
{
	char small[16], big[4096];
	size_t n = ce_uri_redact(NULL, 0, s);
	if (ce_uri_redact(big, sizeof big, s) != n || ce_uri_redact(small, sizeof small, s) != n)
		fz_die("ce_uri_redact: lengths differ", NULL);
	if (strlen(big) != (n < sizeof big ? n : sizeof big - 1) ||
	    strlen(small) != (n < sizeof small ? n : sizeof small - 1))
		fz_die("ce_uri_redact: returned length is not the written one", NULL);
	if (n < sizeof big) {
		const char *pw = strstr(big, "password=");
		if (pw && (pw == big || pw[-1] == '?' || pw[-1] == '&') && strncmp(pw + 9, "***", 3) != 0)
			fz_die("ce_uri_redact: a password shows", NULL);
	}
}

static void open_uri(const char *s)
{
	char u[4200];
	ce_db *db = NULL;
	/* a scheme the fuzzer chose is only followed to the memory backend */
	snprintf(u, sizeof u, "%s%s", strncmp(s, "memory:", 7) == 0 ? "" : "nosuch-scheme:", s);
	int rc = ce_db_open(&db, u, NULL);
	if (rc == CE_OK) {
		if (!db)
			fz_die("open: CE_OK without a handle", NULL);
		ce_db_close(db);
	} else if (db || !*ce_last_errmsg()) {
		fz_die("open: a refusal with a handle or without a message", NULL);
	}
}

static void date(const char *s)
{
	ce_date d;
	char text[32];
	if (ce_date_parse(&d, s) != CE_OK)
		return;
	if (!ce_date_valid(d) || ce_date_format(text, sizeof text, d) != CE_OK)
		fz_die("ce_date_parse: a date that does not format", NULL);
	ce_date again;
	if (ce_date_parse(&again, text) != CE_OK || again != d)
		fz_die("ce_date_parse: formatted date reads back differently", NULL);
}

static void names(const char *s)
{
	ce_entity e;
	ce_role r;
	int col, v;
	if (ce_entity_by_name(&e, s) == CE_OK && strcmp(ce_entity_name(e), s) != 0)
		fz_die("ce_entity_by_name: finds another name", NULL);
	if (ce_role_by_name(&r, s) == CE_OK && strcmp(ce_role_name(r), s) != 0)
		fz_die("ce_role_by_name: finds another name", NULL);
	for (int k = 1; k <= CE_ENTITY_LAST; k++) {
		if (ce_column_index(&col, (ce_entity)k, s) == CE_OK &&
		    strcmp(ce_column_name((ce_entity)k, col), s) != 0)
			fz_die("ce_column_index: finds another column", NULL);
		for (int c = 0; c < ce_entity_column_count((ce_entity)k); c++) {
			if (ce_column_token_value(&v, (ce_entity)k, c, s) != CE_OK)
				continue;
			const char *t = ce_column_token((ce_entity)k, c, v);
			if (!t || strcmp(t, s) != 0)
				fz_die("ce_column_token_value: finds another token", NULL);
		}
	}
}

static void filter(const char *s, unsigned char pick)
{
	static ce_db *db; /* one store for the process: opening is not the point here */
	ce_filter *f;
	if (!db)
		db = fz_open();
	if (ce_filter_new(&f) != CE_OK)
		fz_die("ce_filter_new", NULL);
	char line[512];
	for (const char *p = s; *p;) {
		size_t n = strcspn(p, "\n");
		snprintf(line, sizeof line, "%.*s", (int)(n < sizeof line ? n : sizeof line - 1), p);
		p += n + (p[n] == '\n');
		char *eq = strchr(line, '=');
		if (!eq) {
			(void)ce_filter_is_null(f, line);
			continue;
		}
		*eq = '\0';
		char *end;
		long long i = strtoll(eq + 1, &end, 10);
		if (*end == '\0' && end != eq + 1)
			(void)ce_filter_eq_int(f, line, i);
		else if (strchr(eq + 1, '~'))
			(void)ce_filter_range(f, line, i, i < LLONG_MAX - 10 ? i + 10 : i);
		else
			(void)ce_filter_eq_text(f, line, eq + 1);
	}
	int64_t count = -1;
	ce_entity e = (ce_entity)(1 + pick % CE_ENTITY_LAST);
	int rc = ce_record_count(&count, db, e, f);
	if (rc == CE_OK && count != 0)
		fz_die("a filter finds records in an empty store", NULL);
	if (rc != CE_OK && !*ce_db_errmsg(db))
		fz_die("a refused filter without a message", NULL);
	ce_filter_free(f);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1 || size > 4096)
		return 0;
	char *s = malloc(size);
	if (!s)
		return 0;
	memcpy(s, data + 1, size - 1);
	s[size - 1] = '\0'; /* text up to the first NUL */
	switch (data[0] % 5) {
	case 0: uri(s); break;
	case 1: open_uri(s); break;
	case 2: date(s); break;
	case 3: names(s); break;
	default: filter(s, data[0] / 5); break;
	}
	free(s);
	return 0;
}
