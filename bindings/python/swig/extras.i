/* Helpers the pure-Python layer needs beyond record.h: a record's values in
 * one call, and the parts of the schema (sys/schema.h) that record.h does
 * not introspect: what a row is, column flags, and filter links. */

%constant unsigned int CE_COL_REQUIRED = CE_COL_REQUIRED;
%constant unsigned int CE_COL_UNIQUE = CE_COL_UNIQUE;
%constant unsigned int CE_COL_NONNEG = CE_COL_NONNEG;
%constant unsigned int CE_COL_LIFECYCLE = CE_COL_LIFECYCLE;
%constant unsigned int CE_COL_OWNER = CE_COL_OWNER;
%constant unsigned int CE_COL_INDEXED = CE_COL_INDEXED;

%{
static const ce_table_def *coopedu_table(ce_entity entity)
{
	const ce_schema *s = ce_schema_get();
	if (!s || (int)entity < 1 || (int)entity >= s->ntables || !s->tables[entity])
		return NULL;
	return s->tables[entity]->index == (int)entity ? s->tables[entity] : NULL;
}
%}

%feature("docstring") coopedu_record_values
"Every column value of @p record, in column order, as a tuple: None for
NULL, str for TEXT, float for REAL, int for every integer-like type.";
%feature("docstring") coopedu_entity_doc
"One line saying what a record of @p entity is, or None if unknown.";
%feature("docstring") coopedu_column_flags
"The CE_COL_* flags of column @p col of @p entity (0 if out of range).";
%feature("docstring") coopedu_entity_links
"The virtual filter columns of @p entity (e.g. 'partner' on project), a tuple.";

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
	const ce_table_def *t = coopedu_table(entity);
	return t ? t->doc : NULL;
}

static unsigned int coopedu_column_flags(ce_entity entity, int col)
{
	const ce_table_def *t = coopedu_table(entity);
	return t && col >= 0 && col < t->ncolumns ? t->columns[col].flags : 0u;
}

static PyObject *coopedu_entity_links(ce_entity entity)
{
	const ce_table_def *t = coopedu_table(entity);
	int n = t ? t->nlinks : 0;
	PyObject *tuple = PyTuple_New(n);
	for (int i = 0; tuple && i < n; i++) {
		PyObject *name = PyUnicode_FromString(t->links[i].name);
		if (!name)
			Py_CLEAR(tuple);
		else
			PyTuple_SET_ITEM(tuple, i, name);
	}
	return tuple;
}
%}
