/* CSV input split into records by libcsv, shared by the CSV importer. */
#ifndef CE_IO_CSV_INTERNAL_H
#define CE_IO_CSV_INTERNAL_H

#include "io_internal.h"

typedef struct csv_row {
	size_t first, n; /* cells[first .. first+n) */
	int64_t line;    /* where the record starts */
} csv_row;

/* One input: its records as rows of NUL-terminated cells. */
typedef struct csv_file {
	ce_entity entity;
	char *source;
	char **cells;
	size_t ncells, cellcap;
	csv_row *rows;
	size_t nrows, rowcap;
	size_t cur_first;
	int64_t line, cur_line;
	bool nul, nomem;
	int64_t nul_line;
} csv_file;

/* Splits data into f's rows (strict RFC 4180, a leading BOM skipped);
 * fails naming f->source and the line. */
int ce__io_csv_parse(ce_db *db, csv_file *f, const char *data, size_t len);
void ce__io_csv_file_free(csv_file *f);

#endif
