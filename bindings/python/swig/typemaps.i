/* Typemaps: UTF-8 text in, out-parameters as return values. */

/* Text arguments: str (UTF-8, no NUL, which C would silently cut at) or
 * None for NULL. The buffer belongs to the str object, alive for the call. */
%typemap(in) const char * (Py_ssize_t len = 0) {
	if ($input == Py_None) {
		$1 = NULL;
	} else if (PyUnicode_Check($input)) {
		$1 = (char *)PyUnicode_AsUTF8AndSize($input, &len);
		if (!$1) {
			PyErr_Clear();
			coopedu_raise_msg(CE_EINVALID, "$symname(): argument '$1_name' is not valid Unicode (lone surrogate)");
			SWIG_fail;
		}
		if ((size_t)len != strlen($1)) {
			coopedu_raise_msg(CE_EINVALID, "$symname(): argument '$1_name' contains a NUL character");
			SWIG_fail;
		}
	} else {
		PyErr_Format(PyExc_TypeError, "$symname() argument '$1_name' must be str or None, not %s",
		             Py_TYPE($input)->tp_name);
		SWIG_fail;
	}
}
%typemap(freearg) const char * "";
%typemap(typecheck, precedence=SWIG_TYPECHECK_STRING) const char * {
	$1 = $input == Py_None || PyUnicode_Check($input);
}

/* Scalar out-parameters. */
%define COOPEDU_OUT_SCALAR(TYPE, NAME, TOPY)
%typemap(in, numinputs=0) TYPE *NAME (TYPE temp = 0) "$1 = &temp;";
%typemap(argout) TYPE *NAME "$result = SWIG_Python_AppendOutput($result, TOPY(*$1));";
%enddef
COOPEDU_OUT_SCALAR(int64_t, out, PyLong_FromLongLong)
COOPEDU_OUT_SCALAR(int64_t, out_id, PyLong_FromLongLong)
COOPEDU_OUT_SCALAR(int, out, PyLong_FromLong)
COOPEDU_OUT_SCALAR(ce_entity, out, PyLong_FromLong)
COOPEDU_OUT_SCALAR(ce_date, out, PyLong_FromLong)
COOPEDU_OUT_SCALAR(double, out, PyFloat_FromDouble)
COOPEDU_OUT_SCALAR(double, out_min, PyFloat_FromDouble)
COOPEDU_OUT_SCALAR(double, out_max, PyFloat_FromDouble)

/* Handle out-parameters. OWN: the garbage collector frees records and
 * filters (detached from the store); stores and iterators are freed by
 * ce_db_close() and ce_record_iter_free(), in that order of dependency. */
%define COOPEDU_OUT_HANDLE(TYPE, FLAGS)
%typemap(in, numinputs=0) TYPE **out (TYPE *temp = NULL) "$1 = &temp;";
%typemap(argout) TYPE **out
	"$result = SWIG_Python_AppendOutput($result, SWIG_NewPointerObj(*$1, $*1_descriptor, FLAGS));";
%enddef
COOPEDU_OUT_HANDLE(ce_db, 0)
COOPEDU_OUT_HANDLE(ce_record_iter, 0)
COOPEDU_OUT_HANDLE(ce_record, SWIG_POINTER_OWN)
COOPEDU_OUT_HANDLE(ce_filter, SWIG_POINTER_OWN)

/* ce_history(): a list of (from, to, on) tuples; the C array is freed here. */
%typemap(in, numinputs=0) (ce_transition **out, size_t *out_count)
	(ce_transition *arr = NULL, size_t n = 0) "$1 = &arr; $2 = &n;";
%typemap(argout) (ce_transition **out, size_t *out_count) {
	PyObject *list = PyList_New((Py_ssize_t)*$2);
	for (size_t i = 0; list && i < *$2; i++) {
		PyObject *t = Py_BuildValue("(iii)", (*$1)[i].from, (*$1)[i].to, (int)(*$1)[i].on);
		if (!t) {
			Py_CLEAR(list);
			break;
		}
		PyList_SET_ITEM(list, (Py_ssize_t)i, t);
	}
	ce_transitions_free(*$1);
	if (!list)
		SWIG_fail;
	$result = SWIG_Python_AppendOutput($result, list);
}
%ignore ce_transitions_free; /* the typemap above frees the array */
%ignore ce_transition; /* returned as tuples, see above */
%rename(from_state) ce_transition::from;

/* ce_date_format(): returns the text. */
%typemap(in, numinputs=0) (char *buf, size_t size) (char text[16]) "$1 = text; $2 = sizeof text;";
%typemap(argout) (char *buf, size_t size)
	"$result = SWIG_Python_AppendOutput($result, PyUnicode_FromString($1));";
