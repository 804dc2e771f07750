/* Surveys (survey.h): the records go through the generic record API; the
 * import of a questionnaire tool's wide CSV is wrapped here, from a path
 * or from bytes/str (coopedu_input() of io.i), returning the number of
 * responses created. coopedu._io builds Database.import_survey_csv() on it. */

%feature("docstring") coopedu_survey_import_csv
"ce_survey_import_csv_path() of @p path, or ce_survey_import_csv() of @p data
(bytes or str) named @p source when @p path is None; returns the number of
responses created.";

%inline %{
static PyObject *coopedu_survey_import_csv(ce_db *db, long long round, const char *path,
                                           PyObject *data, const char *source,
                                           const char *key_column, const char *date_column,
                                           long long submitted_on, int skip_unknown)
{
	ce_survey_import_options o = CE_SURVEY_IMPORT_OPTIONS_INIT;
	uint64_t n = 0;
	int rc;
	o.key_column = key_column;
	o.date_column = date_column;
	o.submitted_on = (ce_date)submitted_on;
	o.source_name = source;
	o.flags = skip_unknown ? CE_SURVEY_IMPORT_SKIP_UNKNOWN : 0u;
	if (path) {
		rc = ce_survey_import_csv_path(db, (int64_t)round, path, &o, &n);
	} else {
		const char *p;
		Py_ssize_t len;
		if (coopedu_input(data, &p, &len) != 0)
			return NULL;
		rc = ce_survey_import_csv(db, (int64_t)round, p, (size_t)len, &o, &n);
	}
	if (rc < 0) {
		coopedu_raise(rc);
		return NULL;
	}
	return PyLong_FromUnsignedLongLong((unsigned long long)n);
}
%}
