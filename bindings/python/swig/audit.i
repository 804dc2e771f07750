/* Roles, the audit trail (audit.h) and people's rights (person.h).
 *
 * The `actor` members of ce_open_options and ce_audit_filter are read-only
 * here: a char pointer set from Python would point into a str that may be
 * gone by the call (or be a copy nothing frees). coopedu_db_open_as() and
 * coopedu_audit_iter_new_as() take the actor as an argument instead, alive
 * for the call; the library copies what it keeps. */

%immutable ce_audit_filter::actor;
%rename(from_) ce_audit_filter::from;

/* Audit entries are detached copies the garbage collector frees; an
 * iteration is freed by ce_audit_iter_free() (the handle becomes NULL). */
%nodefaultctor ce_audit_entry;
struct ce_audit_entry {};
%extend ce_audit_entry {
	~ce_audit_entry() { ce_audit_entry_free($self); }
}
%ignore ce_audit_entry_free;
COOPEDU_OUT_HANDLE(ce_audit_iter, 0)
COOPEDU_OUT_HANDLE(ce_audit_entry, SWIG_POINTER_OWN)
COOPEDU_NONNULL(ce_audit_iter *iter, "the audit iteration is freed or None")
COOPEDU_NONNULL(const ce_audit_entry *entry, "the audit entry is None")
COOPEDU_NONNULL(const ce_open_options *opts, "the options are None")
%typemap(check) const ce_audit_filter *filter "";

%{
static void coopedu_free_audit_iter(void *p) { ce_audit_iter_free((ce_audit_iter *)p); }

/* A growing buffer for coopedu_person_export_json(). */
typedef struct coopedu_text {
	char *p;
	size_t len, cap;
} coopedu_text;

static int coopedu_text_write(void *ctx, const char *data, size_t len)
{
	coopedu_text *t = ctx;
	if (t->len + len + 1 > t->cap) {
		size_t cap = t->cap ? t->cap : 4096;
		while (cap < t->len + len + 1)
			cap *= 2;
		char *p = PyMem_Realloc(t->p, cap);
		if (!p)
			return 1;
		t->p = p;
		t->cap = cap;
	}
	memcpy(t->p + t->len, data, len);
	t->len += len;
	return 0;
}
%}

%ignore ce_audit_iter_free;
%rename(ce_audit_iter_free) coopedu_audit_iter_free;
%ignore ce_person_export; /* a callback: coopedu_person_export_json() below */
%feature("docstring") coopedu_audit_iter_free
"Ends an audit iteration; None is ignored. The handle becomes NULL in place:
using it again raises MisuseError.";
%feature("docstring") coopedu_db_open_as
"ce_db_open() with @p opts and the actor @p actor (None: none), which the
options struct cannot hold from Python. Returns the handle.";
%feature("docstring") coopedu_audit_iter_new_as
"ce_audit_iter_new() with @p filter (None: all) and the actor filter @p actor
(None: any actor). Returns the iteration.";
%feature("docstring") coopedu_person_export_json
"ce_person_export() into a str: the JSON document about the person of
@p entity (student or supervisor) with natural key @p key.";

%inline %{
static PyObject *coopedu_audit_iter_free(PyObject *iter)
{
	return coopedu_release(iter, SWIGTYPE_p_ce_audit_iter, coopedu_free_audit_iter);
}

static ce_result coopedu_db_open_as(ce_db **out, const char *uri, const ce_open_options *opts,
                                    const char *actor)
{
	ce_open_options o = *opts;
	o.actor = actor;
	return ce_db_open(out, uri, &o);
}

static ce_result coopedu_audit_iter_new_as(ce_audit_iter **out, ce_db *db,
                                           const ce_audit_filter *filter, const char *actor)
{
	ce_audit_filter f = CE_AUDIT_FILTER_INIT;
	if (filter)
		f = *filter;
	f.actor = actor;
	return ce_audit_iter_new(out, db, &f);
}

static PyObject *coopedu_person_export_json(ce_db *db, ce_entity entity, const char *key)
{
	coopedu_text t = { NULL, 0, 0 };
	PyObject *text = NULL;
	int rc = ce_person_export(db, entity, key, coopedu_text_write, &t);
	if (rc < 0)
		coopedu_raise(rc);
	else
		text = PyUnicode_DecodeUTF8(t.p ? t.p : "", (Py_ssize_t)t.len, "surrogateescape");
	PyMem_Free(t.p);
	return text;
}
%}

%include "coopedu/audit.h"
%include "coopedu/person.h"
