/* Handles. A closed store or freed iterator handle is set to NULL in
 * place, and NULL handles are refused with MisuseError: a stale handle
 * raises instead of touching freed memory. */

/* Records and filters are detached from any store: proxy classes whose
 * destructor frees them when the garbage collector does. */
%nodefaultctor ce_record;
%nodefaultctor ce_filter;
struct ce_record {};
struct ce_filter {};
%extend ce_record {
	~ce_record() { ce_record_free($self); }
}
%extend ce_filter {
	~ce_filter() { ce_filter_free($self); }
}
%ignore ce_record_free;
%ignore ce_filter_free;

%define COOPEDU_NONNULL(DECL, WHAT)
%typemap(check) DECL {
	if (!$1) {
		coopedu_raise_msg(CE_EMISUSE, WHAT);
		SWIG_fail;
	}
}
%enddef
COOPEDU_NONNULL(ce_db *db, "the database handle is closed or None")
COOPEDU_NONNULL(const ce_db *db, "the database handle is closed or None")
COOPEDU_NONNULL(ce_record_iter *iter, "the iterator is freed or None")
COOPEDU_NONNULL(ce_record *record, "the record is None")
COOPEDU_NONNULL(const ce_record *record, "the record is None")
COOPEDU_NONNULL(ce_filter *filter, "the filter is None")
/* const ce_filter *filter may be None: no condition. */
%typemap(check) const ce_filter *filter "";

%{
/* Frees the handle inside @p obj with @p release and sets it to NULL. */
static PyObject *coopedu_release(PyObject *obj, swig_type_info *type, void (*release)(void *))
{
	void *ptr = NULL;
	SwigPyObject *sobj;
	if (obj == Py_None)
		Py_RETURN_NONE;
	if (!SWIG_IsOK(SWIG_ConvertPtr(obj, &ptr, type, 0))) {
		PyErr_Format(PyExc_TypeError, "expected a %s handle, not %s", type->str,
		             Py_TYPE(obj)->tp_name);
		return NULL;
	}
	if ((sobj = SWIG_Python_GetSwigThis(obj)) != NULL)
		sobj->ptr = NULL;
	if (ptr)
		release(ptr);
	Py_RETURN_NONE;
}
static void coopedu_close_db(void *p) { ce_db_close((ce_db *)p); }
static void coopedu_free_iter(void *p) { ce_record_iter_free((ce_record_iter *)p); }
%}

%ignore ce_db_close;
%ignore ce_record_iter_free;
%rename(ce_db_close) coopedu_db_close;
%rename(ce_record_iter_free) coopedu_record_iter_free;
%feature("docstring") coopedu_db_close
"Closes a store, rolling back a transaction left open. None is ignored.
Free its iterators first. The handle becomes NULL in place: using it
again raises MisuseError; records obtained from the store stay valid.";
%feature("docstring") coopedu_record_iter_free
"Frees an iterator; None is ignored. The handle becomes NULL in place:
using it again raises MisuseError.";
%inline %{
static PyObject *coopedu_db_close(PyObject *db)
{
	return coopedu_release(db, SWIGTYPE_p_ce_db, coopedu_close_db);
}
static PyObject *coopedu_record_iter_free(PyObject *iter)
{
	return coopedu_release(iter, SWIGTYPE_p_ce_record_iter, coopedu_free_iter);
}
%}
