/* The fuzz targets' oracle (fuzz.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "fuzz.h"
#include "io/io_internal.h"

void ce__audit_set_clock(time_t t);

int fz_write(void *ctx, const char *data, size_t len)
{
	fz_buf *b = ctx;
	if (b->len + len + 1 > b->cap) {
		size_t cap = (b->len + len + 1) * 2;
		char *p = realloc(b->data, cap);
		if (!p)
			return -1;
		b->data = p;
		b->cap = cap;
	}
	memcpy(b->data + b->len, data, len);
	b->len += len;
	b->data[b->len] = '\0';
	return 0;
}

void fz_free(fz_buf *b)
{
	free(b->data);
	b->data = NULL;
	b->len = b->cap = 0;
}

_Noreturn void fz_die(const char *what, ce_db *db)
{
	fprintf(stderr, "fuzz oracle: %s%s%s\n", what, db ? ": " : "", db ? ce_db_errmsg(db) : "");
	abort();
}

ce_db *fz_open(void)
{
	ce_db *db;
	if (ce_db_open(&db, "memory:", NULL) != CE_OK)
		fz_die("cannot open a memory store", NULL);
	return db;
}

void fz_init(void)
{
	static int done;
	if (!done) {
		ce__audit_set_clock((time_t)1700000000);
		done = 1;
	}
}

int64_t fz_count_all(ce_db *db)
{
	int64_t total = 0, n;
	for (int e = 1; e <= CE_ENTITY_LAST; e++) {
		if (ce_record_count(&n, db, (ce_entity)e, NULL) != CE_OK)
			fz_die("count", db);
		total += n;
	}
	return total;
}

void fz_refusal(ce_db *db, int rc)
{
	if (getenv("FUZZ_VERBOSE"))
		fprintf(stderr, "refused (%d): %s\n", rc, ce_db_errmsg(db));
	switch (rc) {
	case CE_EINVALID:
	case CE_ECONSTRAINT:
	case CE_EEXISTS:
	case CE_ETRANSITION:
	case CE_ECYCLE:
		break;
	default:
		fprintf(stderr, "refused with %d\n", rc);
		fz_die("an import refused with an undocumented code", db);
	}
	if (!*ce_db_errmsg(db)) {
		fprintf(stderr, "refused with %d; the thread's last error: %s\n", rc, ce_last_errmsg());
		fz_die("an import refused without a message", NULL);
	}
}

void fz_refused(ce_db *db, int rc)
{
	fz_refusal(db, rc);
	if (fz_count_all(db) != 0)
		fz_die("a refused import left records behind", db);
}

static void export_json(ce_db *db, fz_buf *out)
{
	if (ce_export_json(db, fz_write, out, NULL) != CE_OK)
		fz_die("export of an imported store", db);
}

void fz_round_trip(ce_db *db)
{
	fz_buf a = { 0 }, b = { 0 }, c = { 0 }, csv[CE_ENTITY_LAST] = { { 0 } };
	ce_entity order[CE_ENTITY_LAST];
	if (getenv("FUZZ_VERBOSE"))
		fprintf(stderr, "imported %lld records\n", (long long)fz_count_all(db));
	export_json(db, &a);

	ce_db *again = fz_open();
	if (ce_import_json(again, a.data, a.len, NULL) != CE_OK)
		fz_die("an exported store does not import", again);
	export_json(again, &b);
	if (a.len != b.len || memcmp(a.data, b.data, a.len) != 0)
		fz_die("JSON: export, import, export differs", NULL);
	ce_db_close(again);

	ce__io_import_order(order);
	for (int i = 0; i < CE_ENTITY_LAST; i++)
		if (ce_export_csv(db, order[i], fz_write, &csv[i], NULL) != CE_OK)
			fz_die("CSV export of an imported store", db);
	again = fz_open();
	for (int i = 0; i < CE_ENTITY_LAST; i++)
		if (ce_import_csv(again, order[i], csv[i].data, csv[i].len, NULL) != CE_OK)
			fz_die("an exported CSV table does not import", again);
	export_json(again, &c);
	if (a.len != c.len || memcmp(a.data, c.data, a.len) != 0)
		fz_die("CSV: export, import, export differs", NULL);
	ce_db_close(again);
	for (int i = 0; i < CE_ENTITY_LAST; i++)
		fz_free(&csv[i]);
	fz_free(&a);
	fz_free(&b);
	fz_free(&c);
}
