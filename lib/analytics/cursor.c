/* Report cursors (analytics.h): a report read a row at a time. The
 * backend streams the reports it computes in its engine (the store's
 * report_open); every other report is computed whole at open, by the
 * backend or the core, and read from that table. Either way the current
 * row lives in a ce_table, so the accessors are ce_table's, and the rows
 * are ce_report_run()'s by construction. The cursor is linked to its db
 * (ce_db_link), which refuses writes while it is open and detaches it on
 * close. */
#include <stdlib.h>

#include "analytics_internal.h"

struct ce_report_cursor {
	ce_db_link link;         /* first: the link is the cursor */
	ce_db *db;               /* NULL once the db has closed */
	const char *name;        /* the registry's */
	ce_store_report *stream; /* the backend's stream, or NULL */
	ce_table *table;         /* the whole report, when not streamed */
	const ce_table *rows;    /* what the accessors read: the stream's or table */
	size_t at;               /* the current row in rows */
	size_t next;             /* table: the row ce_report_next() moves to */
	bool current;            /* a row is current */
	bool done;               /* past the end, or failed */
};

static void release(ce_report_cursor *c)
{
	ce__store_report_close(c->stream);
	ce_table_free(c->table);
	c->stream = NULL;
	c->table = NULL;
	c->rows = NULL;
	c->current = false;
	c->done = true;
}

/* The db closes with the cursor open: the backend's cursor ends first. */
static void detach(ce_db_link *link)
{
	ce_report_cursor *c = (ce_report_cursor *)(void *)link;
	ce__db_unlink(c->db, link);
	release(c);
	c->db = NULL;
}

ce_result ce_report_open(ce_report_cursor **out, ce_db *db, const char *name,
                         const ce_report_filter *filter)
{
	ce_report_filter f;
	if (out)
		*out = NULL;
	if (!db)
		return ce__fail(NULL, CE_EINVALID, "report_open: NULL db");
	ce__clear(db);
	if (!out)
		return ce__fail(db, CE_EINVALID, "report_open: NULL out");
	int which = ce__report_find(name);
	if (which < 0)
		return ce__fail(db, CE_ENOTFOUND, "report: no report named '%.*s' (see ce_report_name())",
		                name ? ce__clip(name, 60) : 6, name ? name : "(null)");
	ce_report_cursor *c = calloc(1, sizeof *c);
	if (!c)
		return ce__an_nomem(db);
	c->name = ce_report_name(which);
	int rc = ce__report_begin(db, which, filter, &f);
	if (rc != CE_OK) {
		free(c);
		return rc;
	}
	rc = ce__report_backend_allowed() ? ce__store_report_open(&c->stream, &c->rows, db, c->name, &f)
	                                  : CE_ENOTSUPPORTED;
	if (rc == CE_ENOTSUPPORTED && (rc = ce__report_table(&c->table, db, which, &f)) == CE_OK)
		c->rows = c->table;
	ce__view_end(db);
	if (rc != CE_OK) {
		free(c);
		return rc;
	}
	c->db = db;
	c->link.detach = detach;
	ce__db_link(db, &c->link);
	*out = c;
	return CE_OK;
}

ce_result ce_report_next(ce_report_cursor *c)
{
	if (!c)
		return ce__fail(NULL, CE_EINVALID, "report_next: NULL cursor");
	if (!c->db)
		return ce__fail(NULL, CE_EMISUSE, "%s: the store was closed while the report cursor was "
		                "open", c->name);
	ce__clear(c->db);
	c->current = false;
	if (c->done)
		return CE_ITEROVER;
	int rc;
	if (c->stream) {
		rc = ce__store_report_next(c->stream);
		c->at = 0;
	} else if (c->next < ce_table_row_count(c->table)) {
		c->at = c->next++;
		rc = CE_OK;
	} else {
		rc = CE_ITEROVER;
	}
	c->current = rc == CE_OK;
	c->done = rc != CE_OK;
	return rc;
}

void ce_report_close(ce_report_cursor *c)
{
	if (!c)
		return;
	if (c->db)
		ce__db_unlink(c->db, &c->link);
	release(c);
	free(c);
}

int ce_report_cursor_streams(const ce_report_cursor *c)
{
	return c ? c->stream != NULL : -1;
}

const char *ce_report_cursor_name(const ce_report_cursor *c)
{
	return c ? c->name : NULL;
}

int ce_report_cursor_column_count(const ce_report_cursor *c)
{
	return c ? ce_table_column_count(c->rows) : 0;
}

const char *ce_report_cursor_column_name(const ce_report_cursor *c, int col)
{
	return c ? ce_table_column_name(c->rows, col) : NULL;
}

ce_column_type ce_report_cursor_column_type(const ce_report_cursor *c, int col)
{
	return c ? ce_table_column_type(c->rows, col) : (ce_column_type)0;
}

ce_result ce_report_cursor_column_index(int *out, const ce_report_cursor *c, const char *name)
{
	if (!c || !c->rows)
		return ce__fail(NULL, CE_EINVALID, "report_cursor_column_index: NULL or closed cursor");
	return ce_table_column_index(out, c->rows, name);
}

/* A cell of the current row needs one: the message names the report. */
static int no_row(const ce_report_cursor *c, const char *verb)
{
	if (!c)
		return ce__fail(NULL, CE_EINVALID, "report_cursor_%s: NULL cursor", verb);
	return ce__fail(NULL, CE_EINVALID, "%s: report_cursor_%s: no current row (call "
	                "ce_report_next() first; after the end there is none)", c->name, verb);
}

int ce_report_cursor_is_null(const ce_report_cursor *c, int col)
{
	return c && c->current ? ce_table_is_null(c->rows, c->at, col) : -1;
}

ce_result ce_report_cursor_get_int(int64_t *out, const ce_report_cursor *c, int col)
{
	if (!c || !c->current) {
		if (out)
			*out = 0;
		return no_row(c, "get_int");
	}
	return ce_table_get_int(out, c->rows, c->at, col);
}

ce_result ce_report_cursor_get_real(double *out, const ce_report_cursor *c, int col)
{
	if (!c || !c->current) {
		if (out)
			*out = 0.0;
		return no_row(c, "get_real");
	}
	return ce_table_get_real(out, c->rows, c->at, col);
}

const char *ce_report_cursor_get_text(const ce_report_cursor *c, int col)
{
	return c && c->current ? ce_table_get_text(c->rows, c->at, col) : NULL;
}
