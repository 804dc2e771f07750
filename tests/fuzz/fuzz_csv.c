/* Fuzz target: CSV import (ce_import_csv). An input is one or more
 * sections, each a line "#ENTITY" then that table's CSV; sections are
 * imported in the library's dependency order, one call each. A refused
 * table leaves the store as it was; a store whose every table imported
 * survives the round trip. */
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "io/io_internal.h"

typedef struct section {
	ce_entity entity;
	const char *data;
	size_t len;
} section;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *p = (const char *)data, *end = p + size;
	section s[CE_ENTITY_LAST];
	int n = 0;
	fz_init();
	/* "#name\n" lines start sections; text before the first is ignored */
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *line_end = nl ? nl : end;
		if (*p == '#' && line_end - p < 40 && n < CE_ENTITY_LAST) {
			char name[40];
			memcpy(name, p + 1, (size_t)(line_end - p - 1));
			name[line_end - p - 1] = '\0';
			ce_entity e;
			if (ce_entity_by_name(&e, name) == CE_OK) {
				s[n].entity = e;
				s[n].data = nl ? nl + 1 : end;
				s[n].len = 0;
				n++;
				p = nl ? nl + 1 : end;
				continue;
			}
		}
		if (n)
			s[n - 1].len = (size_t)((nl ? nl + 1 : end) - s[n - 1].data);
		p = nl ? nl + 1 : end;
	}
	if (!n)
		return 0;
	ce_entity order[CE_ENTITY_LAST];
	ce__io_import_order(order);
	ce_db *db = fz_open();
	int rc = CE_OK;
	for (int k = 0; k < CE_ENTITY_LAST && rc == CE_OK; k++)
		for (int i = 0; i < n && rc == CE_OK; i++) {
			if (s[i].entity != order[k])
				continue;
			int64_t before = fz_count_all(db);
			rc = ce_import_csv(db, s[i].entity, s[i].data, s[i].len, NULL);
			if (rc != CE_OK) {
				fz_refusal(db, rc); /* before another call replaces the message */
				if (fz_count_all(db) != before)
					fz_die("a refused CSV import changed the store", db);
			}
		}
	if (rc == CE_OK)
		fz_round_trip(db);
	ce_db_close(db);
	return 0;
}
