/* Error codes always raise. Every ce_result below zero becomes the
 * coopedu._errors exception for its code, carrying the library's message;
 * CE_ITEROVER ends an iteration with StopIteration. The exception classes
 * live in the pure-Python package so that they are ordinary, documented
 * Python classes (NotFoundError is also a KeyError, and so on). */

%{
/* Sets the Python exception for @p code with the message @p msg. */
static void coopedu_raise_msg(int code, const char *msg)
{
	PyObject *mod = NULL, *text = NULL, *exc = NULL;

	text = PyUnicode_DecodeUTF8(msg, (Py_ssize_t)strlen(msg), "replace");
	if (text)
		mod = PyImport_ImportModule("coopedu._errors");
	if (mod)
		exc = PyObject_CallMethod(mod, "error_from_code", "iO", code, text);
	if (exc) {
		PyErr_SetObject((PyObject *)Py_TYPE(exc), exc);
		Py_DECREF(exc);
	} else if (!PyErr_Occurred()) {
		PyErr_SetString(PyExc_RuntimeError, msg);
	}
	Py_XDECREF(mod);
	Py_XDECREF(text);
}

/* Sets the Python exception for a failed call that returned @p code. The
 * thread-local message belongs to this failure when its code matches. */
static void coopedu_raise(int code)
{
	const char *msg = ce_last_errcode() == code ? ce_last_errmsg() : "";
	coopedu_raise_msg(code, *msg ? msg : ce_strerror(code));
}
%}

%typemap(out) ce_result {
	if ($1 == CE_ITEROVER) {
		PyErr_SetNone(PyExc_StopIteration);
		SWIG_fail;
	}
	if ($1 < 0) {
		coopedu_raise($1);
		SWIG_fail;
	}
	$result = SWIG_Py_Void();
}
