/* The bulk path behind Database.add_all() and Database.import_frame():
 * rows converted and inserted in C, one record buffer reused for all of
 * them, so that Python pays per value and not per call. Values are taken
 * as the record classes hold them and as pandas hands them over: str for
 * text (and an enum's token, flags' tokens joined by "|"), int (enum and
 * flag members are ints, numpy integers too), float (NaN is missing, as in pandas), bool, date or
 * datetime (pandas Timestamps), "YYYY-MM-DD" for a date, a stored record
 * for a reference, None for NULL. The transaction is the caller's
 * (coopedu._bulk opens one when none is). */

%{
#include <math.h>
#include <datetime.h>

typedef struct coopedu_col {
	const char *name; /* static: the schema's */
	int index;
	ce_column_type type;
} coopedu_col;

static int coopedu_value_error(ce_entity e, const coopedu_col *c, Py_ssize_t row, const char *what)
{
	char msg[256];
	snprintf(msg, sizeof msg, "%s.%s (row %zd): %s", ce_entity_name(e), c->name, row, what);
	coopedu_raise_msg(CE_EINVALID, msg);
	return -1;
}

static int coopedu_type_error(ce_entity e, const coopedu_col *c, Py_ssize_t row, PyObject *v)
{
	PyErr_Format(PyExc_TypeError, "%s.%s (row %zd): unexpected %s", ce_entity_name(e), c->name,
	             row, Py_TYPE(v)->tp_name);
	return -1;
}

/* An integer: int (bool too), or anything with __index__ (numpy integers). */
static int coopedu_int(PyObject *v, int64_t *out)
{
	long long x;
	if (PyLong_Check(v)) {
		x = PyLong_AsLongLong(v);
	} else if (PyIndex_Check(v)) {
		PyObject *i = PyNumber_Index(v);
		if (!i)
			return -1;
		x = PyLong_AsLongLong(i);
		Py_DECREF(i);
	} else {
		return 1; /* not an integer */
	}
	if (x == -1 && PyErr_Occurred())
		return -1;
	*out = (int64_t)x;
	return 0;
}

/* Sets column c of rec from v; 0, or -1 with a Python exception set. */
static int coopedu_set(ce_record *rec, ce_entity e, const coopedu_col *c, PyObject *v, Py_ssize_t row)
{
	int64_t i = 0;
	int rc, k;
	if (v == Py_None || (PyFloat_Check(v) && isnan(PyFloat_AS_DOUBLE(v))))
		return ce_record_set_null(rec, c->name) == CE_OK ? 0 : (coopedu_raise(CE_EINVALID), -1);
	switch (c->type) {
	case CE_TYPE_TEXT: {
		Py_ssize_t len;
		const char *s;
		if (!PyUnicode_Check(v))
			return coopedu_type_error(e, c, row, v);
		if (!(s = PyUnicode_AsUTF8AndSize(v, &len))) {
			PyErr_Clear();
			return coopedu_value_error(e, c, row, "text is not valid Unicode (lone surrogate)");
		}
		if ((size_t)len != strlen(s))
			return coopedu_value_error(e, c, row, "text contains a NUL character");
		rc = ce_record_set_text(rec, c->name, s);
		break;
	}
	case CE_TYPE_REAL:
		if (PyBool_Check(v) || !(PyFloat_Check(v) || PyLong_Check(v) || PyIndex_Check(v)))
			return coopedu_type_error(e, c, row, v);
		{
			double d = PyFloat_AsDouble(v);
			if (d == -1.0 && PyErr_Occurred())
				return -1;
			rc = ce_record_set_real(rec, c->name, d);
		}
		break;
	case CE_TYPE_DATE:
		if (PyDate_Check(v)) { /* datetime and pandas Timestamps too */
			i = PyDateTime_GET_YEAR(v) * 10000 + PyDateTime_GET_MONTH(v) * 100 + PyDateTime_GET_DAY(v);
		} else if (PyUnicode_Check(v)) {
			ce_date d;
			const char *s = PyUnicode_AsUTF8(v);
			if (!s || ce_date_parse(&d, s) != CE_OK) {
				PyErr_Clear();
				return coopedu_value_error(e, c, row, "a date is YYYY-MM-DD");
			}
			i = d;
		} else if (PyBool_Check(v) || (k = coopedu_int(v, &i)) > 0) {
			return coopedu_type_error(e, c, row, v);
		} else if (k < 0) {
			return -1;
		}
		rc = ce_record_set_int(rec, c->name, i);
		break;
	case CE_TYPE_ENUM:
		if (PyUnicode_Check(v)) { /* a token */
			int value;
			const char *s = PyUnicode_AsUTF8(v);
			if (!s || ce_column_token_value(&value, e, c->index, s) != CE_OK) {
				PyErr_Clear();
				return coopedu_value_error(e, c, row, "not one of the column's tokens");
			}
			i = value;
		} else if (PyBool_Check(v) || (k = coopedu_int(v, &i)) > 0) {
			return coopedu_type_error(e, c, row, v);
		} else if (k < 0) {
			return -1;
		}
		rc = ce_record_set_int(rec, c->name, i);
		break;
	case CE_TYPE_FLAGS:
		if (PyUnicode_Check(v)) { /* tokens joined by "|", as exports and to_pandas() write them */
			const char *s = PyUnicode_AsUTF8(v), *p = s;
			int nt = ce_column_token_count(e, c->index);
			if (!s)
				return -1;
			while (*p) {
				const char *end = strchr(p, '|');
				size_t len = end ? (size_t)(end - p) : strlen(p);
				int b = 0;
				for (; b < nt; b++) {
					const char *tok = ce_column_token(e, c->index, b);
					if (tok && strlen(tok) == len && strncmp(tok, p, len) == 0)
						break;
				}
				if (b == nt)
					return coopedu_value_error(e, c, row, "not one of the column's tokens");
				i |= (int64_t)1 << b;
				p += len + (end != NULL);
			}
		} else if (PyBool_Check(v) || (k = coopedu_int(v, &i)) > 0) {
			return coopedu_type_error(e, c, row, v);
		} else if (k < 0) {
			return -1;
		}
		rc = ce_record_set_int(rec, c->name, i);
		break;
	default: /* INT, MONEY, BOOL, REF */
		if (c->type == CE_TYPE_REF && PyObject_HasAttrString(v, "_entity_name")) {
			/* a record stands for its id, if it is of the entity pointed at */
			PyObject *name = PyObject_GetAttrString(v, "_entity_name"), *id;
			const char *want = ce_entity_name(ce_column_ref(e, c->index));
			const char *got = name && PyUnicode_Check(name) ? PyUnicode_AsUTF8(name) : NULL;
			int same = got && want && strcmp(got, want) == 0;
			Py_XDECREF(name);
			if (!same) {
				PyErr_Clear();
				PyErr_Format(PyExc_TypeError, "%s.%s (row %zd): points at a %s, not a %s",
				             ce_entity_name(e), c->name, row, want ? want : "?", got ? got : "?");
				return -1;
			}
			if (!(id = PyObject_GetAttrString(v, "_id")))
				return -1;
			k = id == Py_None ? 1 : coopedu_int(id, &i);
			Py_DECREF(id);
			if (k > 0)
				return coopedu_value_error(e, c, row, "the record it points at is not stored yet");
			if (k < 0)
				return -1;
		} else if ((PyBool_Check(v) && c->type != CE_TYPE_BOOL) || (k = coopedu_int(v, &i)) > 0) {
			return coopedu_type_error(e, c, row, v);
		} else if (k < 0) {
			return -1;
		}
		rc = ce_record_set_int(rec, c->name, i);
	}
	if (rc != CE_OK) {
		char msg[320];
		snprintf(msg, sizeof msg, "row %zd: %s", row, ce_last_errmsg());
		coopedu_raise_msg(rc, msg);
		return -1;
	}
	return 0;
}

/* The columns named by @p names (a sequence of str) of entity @p e. */
static coopedu_col *coopedu_cols(ce_entity e, PyObject *names, Py_ssize_t *n)
{
	PyObject *seq = PySequence_Fast(names, "columns must be a sequence of names");
	coopedu_col *cols;
	if (!seq)
		return NULL;
	*n = PySequence_Fast_GET_SIZE(seq);
	cols = PyMem_Calloc((size_t)*n + 1, sizeof *cols);
	if (!cols)
		PyErr_NoMemory();
	for (Py_ssize_t i = 0; cols && i < *n; i++) {
		const char *name = PyUnicode_Check(PySequence_Fast_GET_ITEM(seq, i))
		                       ? PyUnicode_AsUTF8(PySequence_Fast_GET_ITEM(seq, i))
		                       : NULL;
		int idx;
		if (!name || ce_column_index(&idx, e, name) != CE_OK) {
			PyErr_Clear();
			coopedu_raise_msg(CE_EINVALID, "a column name is not a column of the entity");
			PyMem_Free(cols);
			cols = NULL;
			break;
		}
		cols[i].name = ce_column_name(e, idx);
		cols[i].index = idx;
		cols[i].type = ce_column_type_of(e, idx);
	}
	Py_DECREF(seq);
	return cols;
}

/* Inserts rec; appends its id to ids. */
static int coopedu_put(ce_db *db, ce_record *rec, PyObject *ids, Py_ssize_t row)
{
	int64_t id = 0;
	PyObject *o;
	int rc = ce_record_insert(&id, db, rec);
	if (rc != CE_OK) {
		char msg[1024];
		snprintf(msg, sizeof msg, "row %zd: %s", row, ce_db_errmsg(db));
		coopedu_raise_msg(rc, msg);
		return -1;
	}
	if (!(o = PyLong_FromLongLong(id)))
		return -1;
	rc = PyList_Append(ids, o);
	Py_DECREF(o);
	return rc;
}
%}

%init %{
	PyDateTime_IMPORT;
%}

%feature("docstring") coopedu_insert_rows
"Inserts the rows of iterable @p rows as records of @p entity and returns
their ids. A row is a tuple or list of values for @p columns in order, a
dict keyed by column name (missing keys are NULL), or a record of the
entity (its values, all columns). Stops at the first failure, raising; the
caller's transaction decides what stays.";
%feature("docstring") coopedu_insert_columns
"Inserts @p nrows records of @p entity whose values come column-wise: the
i-th list of @p data holds the values of the i-th of @p columns. Returns
their ids; stops at the first failure, raising.";

%inline %{
static PyObject *coopedu_insert_rows(ce_db *db, ce_entity entity, PyObject *columns, PyObject *rows)
{
	Py_ssize_t n = 0, ncols = ce_entity_column_count(entity), row = 0;
	coopedu_col *cols = NULL, *all = NULL;
	ce_record *rec = NULL;
	PyObject *it = NULL, *ids = NULL, *item, *all_names = NULL;
	int ok = 0, dirty = 0; /* dirty: a dict or record row set columns a tuple row leaves NULL */
	if (ncols < 0) {
		coopedu_raise_msg(CE_EINVALID, "insert_rows: unknown entity");
		return NULL;
	}
	if (!(all_names = PyTuple_New(ncols)))
		return NULL;
	for (Py_ssize_t i = 0; i < ncols; i++)
		PyTuple_SET_ITEM(all_names, i, PyUnicode_FromString(ce_column_name(entity, (int)i)));
	if (!(cols = coopedu_cols(entity, columns, &n)) || !(all = coopedu_cols(entity, all_names, &ncols)))
		goto done;
	if (ce_record_new(&rec, entity) != CE_OK) {
		coopedu_raise(CE_ENOMEM);
		goto done;
	}
	if (!(it = PyObject_GetIter(rows)) || !(ids = PyList_New(0)))
		goto done;
	while ((item = PyIter_Next(it)) != NULL) {
		int bad = 0;
		if (PyTuple_Check(item) || PyList_Check(item)) {
			Py_ssize_t len = PySequence_Fast_GET_SIZE(item);
			PyObject **vals = PySequence_Fast_ITEMS(item);
			if (len != n) {
				PyErr_Format(PyExc_ValueError, "row %zd has %zd values for %zd columns", row, len, n);
				bad = 1;
			}
			for (Py_ssize_t c = 0; !bad && dirty && c < ncols; c++)
				bad = coopedu_set(rec, entity, &all[c], Py_None, row) != 0;
			dirty = 0;
			for (Py_ssize_t c = 0; !bad && c < n; c++)
				bad = coopedu_set(rec, entity, &cols[c], vals[c], row) != 0;
		} else if (PyDict_Check(item)) {
			Py_ssize_t used = 0;
			dirty = 1;
			for (Py_ssize_t c = 0; !bad && c < ncols; c++) {
				PyObject *v = PyDict_GetItemString(item, all[c].name);
				used += v != NULL;
				bad = coopedu_set(rec, entity, &all[c], v ? v : Py_None, row) != 0;
			}
			if (!bad && used != PyDict_Size(item)) {
				PyErr_Format(PyExc_TypeError, "row %zd: a key is not a column of %s", row,
				             ce_entity_name(entity));
				bad = 1;
			}
		} else {
			/* a record: its entity, not stored yet, its values in column order */
			PyObject *name = PyObject_GetAttrString(item, "_entity_name");
			PyObject *id = name ? PyObject_GetAttrString(item, "_id") : NULL;
			PyObject *values = id ? PyObject_GetAttrString(item, "_values") : NULL;
			const char *en = name && PyUnicode_Check(name) ? PyUnicode_AsUTF8(name) : NULL;
			dirty = 1;
			if (!values) {
				PyErr_Clear();
				PyErr_Format(PyExc_TypeError, "row %zd: expected a tuple, dict or record, not %s",
				             row, Py_TYPE(item)->tp_name);
				bad = 1;
			} else if (!en || strcmp(en, ce_entity_name(entity)) != 0) {
				PyErr_Format(PyExc_TypeError, "row %zd: a %s is not a %s", row, en ? en : "?",
				             ce_entity_name(entity));
				bad = 1;
			} else if (id != Py_None) {
				coopedu_raise_msg(CE_EMISUSE, "a record in the rows is already stored");
				bad = 1;
			} else if (!PyList_Check(values) || PyList_GET_SIZE(values) != ncols) {
				PyErr_Format(PyExc_TypeError, "row %zd: a record of another schema", row);
				bad = 1;
			}
			for (Py_ssize_t c = 0; !bad && c < ncols; c++)
				bad = coopedu_set(rec, entity, &all[c], PyList_GET_ITEM(values, c), row) != 0;
			Py_XDECREF(name);
			Py_XDECREF(id);
			Py_XDECREF(values);
		}
		Py_DECREF(item);
		if (bad || coopedu_put(db, rec, ids, row) != 0)
			goto done;
		row++;
	}
	ok = !PyErr_Occurred();
done:
	ce_record_free(rec);
	PyMem_Free(cols);
	PyMem_Free(all);
	Py_XDECREF(all_names);
	Py_XDECREF(it);
	if (!ok)
		Py_CLEAR(ids);
	return ids;
}

static PyObject *coopedu_insert_columns(ce_db *db, ce_entity entity, PyObject *columns,
                                        PyObject *data, long nrows)
{
	Py_ssize_t n = 0;
	coopedu_col *cols = NULL;
	ce_record *rec = NULL;
	PyObject *seq = NULL, *ids = NULL;
	PyObject **lists = NULL;
	int ok = 0;
	if (!(cols = coopedu_cols(entity, columns, &n)))
		return NULL;
	if (!(seq = PySequence_Fast(data, "data must be a sequence of lists")))
		goto done;
	if (PySequence_Fast_GET_SIZE(seq) != n) {
		PyErr_Format(PyExc_ValueError, "%zd value lists for %zd columns", PySequence_Fast_GET_SIZE(seq), n);
		goto done;
	}
	lists = PySequence_Fast_ITEMS(seq);
	for (Py_ssize_t c = 0; c < n; c++)
		if (!PyList_Check(lists[c]) || PyList_GET_SIZE(lists[c]) != (Py_ssize_t)nrows) {
			PyErr_Format(PyExc_ValueError, "column %s: expected a list of %ld values", cols[c].name, nrows);
			goto done;
		}
	if (ce_record_new(&rec, entity) != CE_OK) {
		coopedu_raise(CE_EINVALID);
		goto done;
	}
	/* columns not given stay NULL in the reused record */
	if (!(ids = PyList_New(0)))
		goto done;
	for (Py_ssize_t r = 0; r < (Py_ssize_t)nrows; r++) {
		for (Py_ssize_t c = 0; c < n; c++)
			if (coopedu_set(rec, entity, &cols[c], PyList_GET_ITEM(lists[c], r), r) != 0)
				goto done;
		if (coopedu_put(db, rec, ids, r) != 0)
			goto done;
	}
	ok = 1;
done:
	ce_record_free(rec);
	PyMem_Free(cols);
	Py_XDECREF(seq);
	if (!ok)
		Py_CLEAR(ids);
	return ids;
}
%}
