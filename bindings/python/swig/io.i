/* Import and export (io.h). The path functions are wrapped as they are;
 * the ones that take a write callback or an in-memory buffer go through
 * the helpers below, which stream to a Python callable and read bytes or
 * str. The pure-Python layer (coopedu._io) builds Database.export_json()
 * and friends on them.
 *
 * ce_io_options is a class here; its callback and source_name members are
 * not settable from Python (a pointer into a Python object could dangle):
 * the helpers take the source name as an argument, alive for the call. */

%immutable ce_io_options::source_name;
%ignore ce_io_options::progress;
%ignore ce_io_options::progress_ctx;
/* counts may be set to a ce_io_counts the caller keeps alive for the call */
%typemap(check) const ce_io_options *opts "";

%ignore ce_export_json;      /* coopedu_export_json_to() */
%ignore ce_export_csv;       /* coopedu_export_csv_to() */
%ignore ce_import_json;      /* coopedu_import_json_data() */
%ignore ce_import_csv;       /* coopedu_import_csv_data() */
%ignore ce_import_csv_files; /* coopedu_import_csv_files() */
%ignore ce_io_header_label;  /* coopedu_io_header_label() */

%{
/* A ce_write_fn that hands each piece to a Python callable as bytes; a
 * Python exception stops the export and is what the caller sees. */
typedef struct coopedu_sink {
	PyObject *call;
	int raised;
} coopedu_sink;

static int coopedu_sink_write(void *ctx, const char *data, size_t len)
{
	coopedu_sink *s = ctx;
	PyObject *b = PyBytes_FromStringAndSize(data, (Py_ssize_t)len);
	PyObject *r = b ? PyObject_CallFunctionObjArgs(s->call, b, NULL) : NULL;
	Py_XDECREF(b);
	if (!r) {
		s->raised = 1;
		return 1;
	}
	Py_DECREF(r);
	return 0;
}

/* None, or the exception of a failed export: the sink's own if it raised. */
static PyObject *coopedu_export_done(int rc, const coopedu_sink *s)
{
	if (s->raised && PyErr_Occurred())
		return NULL;
	if (rc < 0) {
		coopedu_raise(rc);
		return NULL;
	}
	Py_RETURN_NONE;
}

/* None, or the exception for @p rc (a Python exception already set wins). */
static PyObject *coopedu_done(int rc)
{
	if (PyErr_Occurred())
		return NULL;
	if (rc < 0) {
		coopedu_raise(rc);
		return NULL;
	}
	Py_RETURN_NONE;
}

/* The bytes of @p data (bytes, bytearray or str as UTF-8), borrowed from it. */
static int coopedu_input(PyObject *data, const char **p, Py_ssize_t *len)
{
	if (PyBytes_Check(data))
		return PyBytes_AsStringAndSize(data, (char **)p, len);
	if (PyByteArray_Check(data)) {
		*p = PyByteArray_AS_STRING(data);
		*len = PyByteArray_GET_SIZE(data);
		return 0;
	}
	if (PyUnicode_Check(data)) {
		*p = PyUnicode_AsUTF8AndSize(data, len);
		return *p ? 0 : -1;
	}
	PyErr_Format(PyExc_TypeError, "expected bytes or str, not %s", Py_TYPE(data)->tp_name);
	return -1;
}

/* Options with the source name set for this call. */
static ce_io_options coopedu_io_opts(const ce_io_options *opts, const char *source)
{
	ce_io_options o = CE_IO_OPTIONS_INIT;
	if (opts)
		o = *opts;
	o.source_name = source;
	return o;
}
%}

%feature("docstring") coopedu_export_json_to
"ce_export_json() through @p sink, a callable given each piece as bytes. An
exception raised by @p sink stops the export and is raised.";
%feature("docstring") coopedu_export_csv_to
"ce_export_csv() of @p entity through @p sink, as coopedu_export_json_to().";
%feature("docstring") coopedu_import_json_data
"ce_import_json() of @p data (bytes or str), named @p source in messages.";
%feature("docstring") coopedu_import_csv_data
"ce_import_csv() of @p data (bytes or str) holding records of @p entity.";
%feature("docstring") coopedu_import_csv_files
"ce_import_csv_files() of @p files, a sequence of (entity, path) pairs.";
%feature("docstring") coopedu_io_header_label
"ce_io_header_label() as a str.";

%inline %{
static PyObject *coopedu_export_json_to(ce_db *db, PyObject *sink, const ce_io_options *opts)
{
	coopedu_sink s = { sink, 0 };
	int rc = ce_export_json(db, coopedu_sink_write, &s, opts);
	return coopedu_export_done(rc, &s);
}

static PyObject *coopedu_export_csv_to(ce_db *db, ce_entity entity, PyObject *sink,
                                       const ce_io_options *opts)
{
	coopedu_sink s = { sink, 0 };
	int rc = ce_export_csv(db, entity, coopedu_sink_write, &s, opts);
	return coopedu_export_done(rc, &s);
}

static PyObject *coopedu_import_json_data(ce_db *db, PyObject *data, const ce_io_options *opts,
                                          const char *source)
{
	const char *p;
	Py_ssize_t len;
	ce_io_options o = coopedu_io_opts(opts, source);
	if (coopedu_input(data, &p, &len) != 0)
		return NULL;
	return coopedu_done(ce_import_json(db, p, (size_t)len, &o));
}

static PyObject *coopedu_import_csv_data(ce_db *db, ce_entity entity, PyObject *data,
                                         const ce_io_options *opts, const char *source)
{
	const char *p;
	Py_ssize_t len;
	ce_io_options o = coopedu_io_opts(opts, source);
	if (coopedu_input(data, &p, &len) != 0)
		return NULL;
	return coopedu_done(ce_import_csv(db, entity, p, (size_t)len, &o));
}

static PyObject *coopedu_import_csv_files(ce_db *db, PyObject *files, const ce_io_options *opts)
{
	PyObject *seq = PySequence_Fast(files, "files must be a sequence of (entity, path) pairs");
	Py_ssize_t n;
	ce_entity *entities = NULL;
	const char **paths = NULL;
	int rc = CE_OK;
	if (!seq)
		return NULL;
	n = PySequence_Fast_GET_SIZE(seq);
	entities = PyMem_Calloc((size_t)n + 1, sizeof *entities);
	paths = PyMem_Calloc((size_t)n + 1, sizeof *paths);
	if (!entities || !paths) {
		PyErr_NoMemory();
		rc = CE_ENOMEM;
	}
	for (Py_ssize_t i = 0; rc == CE_OK && i < n; i++) {
		PyObject *pair = PySequence_Fast_GET_ITEM(seq, i);
		int e = 0;
		const char *path = NULL;
		if (!PyArg_ParseTuple(pair, "is", &e, &path)) {
			rc = CE_EINVALID;
			break;
		}
		entities[i] = (ce_entity)e;
		paths[i] = path; /* borrowed from the str, alive while seq is */
	}
	if (rc == CE_OK)
		rc = ce_import_csv_files(db, (size_t)n, entities, paths, opts);
	PyMem_Free(entities);
	PyMem_Free(paths);
	Py_DECREF(seq);
	return coopedu_done(rc);
}

static PyObject *coopedu_io_header_label(ce_entity entity, int col, int history, const char *lang)
{
	char buf[128];
	int rc = ce_io_header_label(entity, col, history, lang, buf, sizeof buf);
	if (rc < 0) {
		coopedu_raise(rc);
		return NULL;
	}
	return PyUnicode_FromString(buf);
}
%}

%include "coopedu/io.h"
