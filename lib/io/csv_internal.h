/* CSV input read record by record with libcsv, shared by the CSV importer:
 * only the record being read is held, whatever the size of the input. */
#ifndef CE_IO_CSV_INTERNAL_H
#define CE_IO_CSV_INTERNAL_H

#include "io_internal.h"

typedef struct csv_reader csv_reader;

/* Called with each record, the header row first; a failure stops the read
 * and is its result. cells[0..n) are NUL-terminated and may be changed in
 * place; they are valid until the callback returns. */
typedef int (*csv_row_fn)(void *ctx, csv_reader *r, char **cells, size_t n, int64_t line);

struct csv_reader {
	ce_db *db;
	const char *source;
	csv_row_fn on_row;
	void *ctx;
	/* the record being read: its cells' text back to back, NUL-separated */
	char *text;
	size_t textlen, textcap;
	size_t *offs;          /* where each cell starts in text */
	char **cells;
	size_t ncells, offcap, cellcap;
	int64_t line, row_line; /* the line being read; where the record started */
	int64_t rows;
	uint64_t max, nread;    /* the input's limit (0: none); bytes read from a file */
	bool nul, nomem;
	int64_t nul_line;
	int rc;                /* the callback's failure */
};

/* Reads data (strict RFC 4180, a leading BOM skipped), or the file f when
 * data is NULL, calling r->on_row for each record; fails naming r->source
 * and the line. */
int ce__io_csv_read(csv_reader *r, const char *data, size_t len, FILE *f);
void ce__io_csv_reader_free(csv_reader *r);

#endif
