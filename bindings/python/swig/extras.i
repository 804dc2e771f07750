/* Helpers the pure-Python layer needs beyond the plain wrappers: a
 * record's values in one call and an entity's links as a tuple, both built
 * on record.h alone. coopedu_entity_doc() and coopedu_column_flags() predate
 * ce_entity_description() and ce_column_flags() and stay as their aliases.
 * The CE_COL_* flags come from record.h's #defines. */

%feature("docstring") coopedu_record_values
"Every column value of @p record, in column order, as a tuple: None for
NULL, str for TEXT, float for REAL, int for every integer-like type.";
%feature("docstring") coopedu_entity_doc
"One line saying what a record of @p entity is, or None if unknown.";
%feature("docstring") coopedu_column_flags
"The CE_COL_* flags of column @p col of @p entity (0 if out of range).";
%feature("docstring") coopedu_entity_links
"The virtual filter columns of @p entity (e.g. 'partner' on project), a tuple
(empty if @p entity is unknown).";

%inline %{
static PyObject *coopedu_record_values(const ce_record *record)
{
	ce_entity e = ce_record_entity(record);
	int n = ce_entity_column_count(e);
	PyObject *tuple = PyTuple_New(n > 0 ? n : 0);
	for (int c = 0; tuple && c < n; c++) {
		PyObject *v = NULL;
		int64_t i = 0;
		double r = 0.0;
		const char *s;
		if (ce_record_is_null(record, c)) {
			v = Py_None;
			Py_INCREF(v);
		} else if (ce_column_type_of(e, c) == CE_TYPE_TEXT) {
			s = ce_record_get_text(record, c);
			v = PyUnicode_DecodeUTF8(s, (Py_ssize_t)strlen(s), "surrogateescape");
		} else if (ce_column_type_of(e, c) == CE_TYPE_REAL) {
			ce_record_get_real(&r, record, c);
			v = PyFloat_FromDouble(r);
		} else {
			ce_record_get_int(&i, record, c);
			v = PyLong_FromLongLong(i);
		}
		if (!v)
			Py_CLEAR(tuple);
		else
			PyTuple_SET_ITEM(tuple, c, v);
	}
	return tuple;
}

static const char *coopedu_entity_doc(ce_entity entity)
{
	return ce_entity_description(entity);
}

static unsigned int coopedu_column_flags(ce_entity entity, int col)
{
	return ce_column_flags(entity, col);
}

static PyObject *coopedu_entity_links(ce_entity entity)
{
	int n = ce_entity_link_count(entity);
	PyObject *tuple = PyTuple_New(n > 0 ? n : 0);
	for (int i = 0; tuple && i < n; i++) {
		PyObject *name = PyUnicode_FromString(ce_entity_link_name(entity, i));
		if (!name)
			Py_CLEAR(tuple);
		else
			PyTuple_SET_ITEM(tuple, i, name);
	}
	return tuple;
}
%}
