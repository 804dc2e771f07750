/* Analytics: the reports (analytics.h) and the tables they return
 * (table.h). A ce_table is a detached copy: a proxy the garbage collector
 * frees, or ce_table_free() frees now (the handle becomes NULL in place).
 * The coopedu package copies each table into Python with
 * coopedu_table_data() and frees it at once, so nothing borrowed from a
 * table outlives it. */

%nodefaultctor ce_table;
struct ce_table {};
%extend ce_table {
	~ce_table() { ce_table_free($self); }
}

COOPEDU_NONNULL(const ce_table *table, "the table is freed or None")
COOPEDU_OUT_HANDLE(ce_table, SWIG_POINTER_OWN)

/* `from` is a Python keyword. NULL (None) is an initialised filter. */
%rename(from_) ce_report_filter::from;
%typemap(check) const ce_report_filter *filter "";

%{
static void coopedu_free_table(void *p) { ce_table_free((ce_table *)p); }

/* One cell as Python: None for NULL; int for INT, DATE (YYYYMMDD) and
 * BOOL; float for REAL; str for TEXT. */
static PyObject *coopedu_cell(const ce_table *t, size_t row, int col, ce_column_type type)
{
	int64_t i = 0;
	double r = 0.0;
	const char *s;
	if (ce_table_is_null(t, row, col))
		Py_RETURN_NONE;
	switch (type) {
	case CE_TYPE_REAL:
		if (ce_table_get_real(&r, t, row, col) < 0)
			break;
		return PyFloat_FromDouble(r);
	case CE_TYPE_TEXT:
		if (!(s = ce_table_get_text(t, row, col)))
			break;
		return PyUnicode_DecodeUTF8(s, (Py_ssize_t)strlen(s), "surrogateescape");
	default:
		if (ce_table_get_int(&i, t, row, col) < 0)
			break;
		return PyLong_FromLongLong(i);
	}
	coopedu_raise(ce_last_errcode() < 0 ? ce_last_errcode() : CE_EINVALID);
	return NULL;
}
%}

%ignore ce_table_free;
%rename(ce_table_free) coopedu_table_free;
%feature("docstring") coopedu_table_free
"Frees a table now; None is ignored (the garbage collector frees tables
otherwise). The handle becomes NULL in place: using it again raises
MisuseError.";
%feature("docstring") coopedu_table_data
"The whole of @p table as Python data, in one call: (name, columns, types,
rows), columns a tuple of names, types a tuple of ce_column_type values,
rows a list of tuples. Cells are None for NULL, int for INT, DATE
(YYYYMMDD) and BOOL, float for REAL and str for TEXT. Nothing in the
result borrows from the table.";
%inline %{
static PyObject *coopedu_table_free(PyObject *table)
{
	SwigPyObject *sobj;
	if (table != Py_None && (sobj = SWIG_Python_GetSwigThis(table)) != NULL)
		sobj->own = 0; /* freed here, not again by the proxy's destructor */
	return coopedu_release(table, SWIGTYPE_p_ce_table, coopedu_free_table);
}

static PyObject *coopedu_table_data(const ce_table *table)
{
	int ncol = ce_table_column_count(table);
	size_t nrow = ce_table_row_count(table);
	const char *name = ce_table_name(table);
	ce_column_type *types = NULL;
	PyObject *cols = NULL, *typs = NULL, *rows = NULL, *result = NULL;

	if (ncol < 0 || (types = PyMem_Calloc(ncol > 0 ? (size_t)ncol : 1, sizeof *types)) == NULL)
		return PyErr_NoMemory();
	if (!(cols = PyTuple_New(ncol)) || !(typs = PyTuple_New(ncol)) ||
	    !(rows = PyList_New((Py_ssize_t)nrow)))
		goto done;
	for (int c = 0; c < ncol; c++) {
		const char *cname = ce_table_column_name(table, c);
		PyObject *n, *t;
		types[c] = ce_table_column_type(table, c);
		if (!(n = PyUnicode_FromString(cname ? cname : "")))
			goto done;
		PyTuple_SET_ITEM(cols, c, n);
		if (!(t = PyLong_FromLong((long)types[c])))
			goto done;
		PyTuple_SET_ITEM(typs, c, t);
	}
	for (size_t r = 0; r < nrow; r++) {
		PyObject *row = PyTuple_New(ncol);
		if (!row)
			goto done;
		PyList_SET_ITEM(rows, (Py_ssize_t)r, row);
		for (int c = 0; c < ncol; c++) {
			PyObject *v = coopedu_cell(table, r, c, types[c]);
			if (!v)
				goto done;
			PyTuple_SET_ITEM(row, c, v);
		}
	}
	result = Py_BuildValue("(sOOO)", name ? name : "", cols, typs, rows);
done:
	PyMem_Free(types);
	Py_XDECREF(cols);
	Py_XDECREF(typs);
	Py_XDECREF(rows);
	return result;
}
%}

/* Report cursors: freed by ce_report_close() (the handle becomes NULL in
 * place), never by the garbage collector behind the package's back; the
 * package's ReportRows closes its cursor at the end, on close() and when
 * collected. coopedu_report_row() reads the next row as a tuple in one
 * call. */
COOPEDU_OUT_HANDLE(ce_report_cursor, 0)
COOPEDU_NONNULL(ce_report_cursor *cursor, "the report cursor is closed or None")
COOPEDU_NONNULL(const ce_report_cursor *cursor, "the report cursor is closed or None")

%{
static void coopedu_free_report_cursor(void *p) { ce_report_close((ce_report_cursor *)p); }

/* The current row's cell as coopedu_cell() reads a table's. */
static PyObject *coopedu_cursor_cell(const ce_report_cursor *c, int col, ce_column_type type)
{
	int64_t i = 0;
	double r = 0.0;
	const char *s;
	if (ce_report_cursor_is_null(c, col))
		Py_RETURN_NONE;
	switch (type) {
	case CE_TYPE_REAL:
		if (ce_report_cursor_get_real(&r, c, col) < 0)
			break;
		return PyFloat_FromDouble(r);
	case CE_TYPE_TEXT:
		if (!(s = ce_report_cursor_get_text(c, col)))
			break;
		return PyUnicode_DecodeUTF8(s, (Py_ssize_t)strlen(s), "surrogateescape");
	default:
		if (ce_report_cursor_get_int(&i, c, col) < 0)
			break;
		return PyLong_FromLongLong(i);
	}
	coopedu_raise(ce_last_errcode() < 0 ? ce_last_errcode() : CE_EINVALID);
	return NULL;
}
%}

%ignore ce_report_close;
%rename(ce_report_close) coopedu_report_close;
%feature("docstring") coopedu_report_close
"Closes a report cursor; None is ignored. The handle becomes NULL in place:
using it again raises MisuseError.";
%feature("docstring") coopedu_report_columns
"The cursor's (name, columns, types): columns a tuple of names, types a
tuple of ce_column_type values.";
%feature("docstring") coopedu_report_row
"Moves the cursor to its next row and returns it as a tuple (cells as
coopedu_table_data() gives them), or None after the last row. A failure
while reading raises.";
%inline %{
static PyObject *coopedu_report_close(PyObject *cursor)
{
	return coopedu_release(cursor, SWIGTYPE_p_ce_report_cursor, coopedu_free_report_cursor);
}

static PyObject *coopedu_report_columns(const ce_report_cursor *cursor)
{
	int ncol = ce_report_cursor_column_count(cursor);
	const char *name = ce_report_cursor_name(cursor);
	PyObject *cols = PyTuple_New(ncol), *typs = PyTuple_New(ncol), *result = NULL;
	for (int c = 0; cols && typs && c < ncol; c++) {
		const char *cname = ce_report_cursor_column_name(cursor, c);
		PyObject *n = PyUnicode_FromString(cname ? cname : "");
		PyObject *t = PyLong_FromLong((long)ce_report_cursor_column_type(cursor, c));
		if (n)
			PyTuple_SET_ITEM(cols, c, n);
		if (t)
			PyTuple_SET_ITEM(typs, c, t);
		if (!n || !t)
			goto done;
	}
	if (cols && typs)
		result = Py_BuildValue("(sOO)", name ? name : "", cols, typs);
done:
	Py_XDECREF(cols);
	Py_XDECREF(typs);
	return result;
}

static PyObject *coopedu_report_row(ce_report_cursor *cursor)
{
	int rc = ce_report_next(cursor);
	if (rc == CE_ITEROVER)
		Py_RETURN_NONE;
	if (rc != CE_OK) {
		coopedu_raise(rc);
		return NULL;
	}
	int ncol = ce_report_cursor_column_count(cursor);
	PyObject *row = PyTuple_New(ncol);
	for (int c = 0; row && c < ncol; c++) {
		PyObject *v = coopedu_cursor_cell(cursor, c, ce_report_cursor_column_type(cursor, c));
		if (!v) {
			Py_DECREF(row);
			return NULL;
		}
		PyTuple_SET_ITEM(row, c, v);
	}
	return row;
}
%}

%include "coopedu/table.h"
%include "coopedu/analytics.h"
