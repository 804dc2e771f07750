/* Records as result tables, generic over the schema: one column per
 * entity column (references shown by the target's natural key where it
 * has one), optionally the lifecycle histories. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"

/* How a column is shown. */
static ce_column_type shown_type(ce_entity e, int col)
{
	switch (ce_column_type_of(e, col)) {
	case CE_TYPE_INT:
	case CE_TYPE_MONEY:
		return CE_TYPE_INT;
	case CE_TYPE_REAL:
		return CE_TYPE_REAL;
	case CE_TYPE_DATE:
		return CE_TYPE_DATE;
	case CE_TYPE_BOOL:
		return CE_TYPE_BOOL;
	case CE_TYPE_REF:
		return ce_entity_natural_key(ce_column_ref(e, col)) ? CE_TYPE_TEXT : CE_TYPE_INT;
	default:
		return CE_TYPE_TEXT;
	}
}

int cli_record_table(cli *c, ce_entity e, bool histories, ce_table **out)
{
	int n = ce_entity_column_count(e), k = 0, rc;
	const char *names[64];
	ce_column_type types[64];
	char history_names[8][80];
	int nh = 0;
	names[k] = "id";
	types[k++] = CE_TYPE_INT;
	for (int col = 0; col < n && k < 56; col++) {
		names[k] = ce_column_name(e, col);
		types[k++] = shown_type(e, col);
	}
	for (int col = 0; histories && col < n && nh < 8; col++)
		if (cli_lifecycle_column(e, ce_column_name(e, col)) == col) {
			snprintf(history_names[nh], sizeof history_names[nh], "%s_history", ce_column_name(e, col));
			names[k] = history_names[nh++];
			types[k++] = CE_TYPE_TEXT;
		}
	if ((rc = ce_table_new(out, ce_entity_name(e), k, names, types)) != CE_OK)
		return cli_lib_error(c, rc, "table");
	return EXIT_OK;
}

static char *flags_text(ce_entity e, int col, int64_t v)
{
	char buf[600] = "";
	for (int b = 0; b < 63; b++)
		if ((v >> b) & 1) {
			const char *tok = ce_column_token(e, col, b);
			strncat(buf, *buf ? "|" : "", sizeof buf - strlen(buf) - 1);
			strncat(buf, tok ? tok : "?", sizeof buf - strlen(buf) - 1);
		}
	return strdup(buf);
}

/* The natural key of a referenced record, or "#id" when it has none; a
 * failed lookup (other than a missing record) sets *rc. */
static char *ref_text(cli *c, ce_entity target, int64_t id, int *rc)
{
	const char *key = ce_entity_natural_key(target);
	ce_record *rec = NULL;
	char buf[32];
	int col, lr = CE_ENOTFOUND;
	if (key && ce_column_index(&col, target, key) == CE_OK &&
	    (lr = ce_record_lookup(&rec, c->db, target, id)) == CE_OK && ce_record_get_text(rec, col)) {
		char *s = strdup(ce_record_get_text(rec, col));
		ce_record_free(rec);
		if (!s)
			*rc = CE_ENOMEM;
		return s;
	}
	ce_record_free(rec);
	if (lr != CE_OK && lr != CE_ENOTFOUND) {
		*rc = lr;
		return NULL;
	}
	snprintf(buf, sizeof buf, "#%lld", (long long)id);
	return strdup(buf);
}

/* A lifecycle's history as text; NULL with *rc set on a failure. */
static char *history_text(cli *c, ce_entity e, int64_t id, int col, int *rc)
{
	ce_transition *steps = NULL;
	size_t n = 0, len = 0;
	const char *sep = c->format == FMT_TABLE ? " → " : "|";
	char *buf;
	if ((*rc = ce_history(&steps, &n, c->db, e, id, ce_column_name(e, col))) != CE_OK)
		return NULL;
	if (!(buf = malloc(n * 80 + 1))) {
		ce_transitions_free(steps);
		*rc = CE_ENOMEM;
		return NULL;
	}
	buf[0] = '\0';
	for (size_t i = 0; i < n; i++) {
		char date[16] = "";
		const char *tok = ce_column_token(e, col, steps[i].to);
		ce_date_format(date, sizeof date, steps[i].on);
		len += (size_t)snprintf(buf + len, 80, "%s%s %.50s", i ? sep : "", date, tok ? tok : "?");
	}
	ce_transitions_free(steps);
	return buf;
}

int cli_record_row(cli *c, ce_table *t, const ce_record *rec, bool histories)
{
	ce_entity e = ce_record_entity(rec);
	int n = ce_entity_column_count(e), k = 1, rc = CE_OK;
	size_t row;
	if ((rc = ce_table_append_row(&row, t)) != CE_OK)
		return cli_lib_error(c, rc, "table");
	rc = ce_table_set_int(t, row, 0, ce_record_id(rec));
	for (int col = 0; rc == CE_OK && col < n; col++, k++) {
		int64_t i = 0;
		double r = 0;
		char *s = NULL;
		if (ce_record_is_null(rec, col))
			continue;
		switch (ce_column_type_of(e, col)) {
		case CE_TYPE_TEXT:
			rc = ce_table_set_text(t, row, k, ce_record_get_text(rec, col));
			break;
		case CE_TYPE_REAL:
			if ((rc = ce_record_get_real(&r, rec, col)) == CE_OK)
				rc = ce_table_set_real(t, row, k, r);
			break;
		case CE_TYPE_ENUM:
			if ((rc = ce_record_get_int(&i, rec, col)) == CE_OK)
				rc = ce_table_set_text(t, row, k, ce_column_token(e, col, (int)i));
			break;
		case CE_TYPE_FLAGS:
			if ((rc = ce_record_get_int(&i, rec, col)) == CE_OK && !(s = flags_text(e, col, i)))
				rc = CE_ENOMEM;
			if (rc == CE_OK)
				rc = ce_table_set_text(t, row, k, s);
			break;
		case CE_TYPE_REF:
			if ((rc = ce_record_get_int(&i, rec, col)) != CE_OK)
				break;
			if (shown_type(e, col) == CE_TYPE_INT) {
				rc = ce_table_set_int(t, row, k, i);
			} else if ((s = ref_text(c, ce_column_ref(e, col), i, &rc)) != NULL) {
				rc = ce_table_set_text(t, row, k, s);
			}
			break;
		default:
			if ((rc = ce_record_get_int(&i, rec, col)) == CE_OK)
				rc = ce_table_set_int(t, row, k, i);
		}
		free(s);
	}
	for (int col = 0; rc == CE_OK && histories && col < n; col++)
		if (cli_lifecycle_column(e, ce_column_name(e, col)) == col) {
			char *s = history_text(c, e, ce_record_id(rec), col, &rc);
			if (s)
				rc = ce_table_set_text(t, row, k++, s);
			free(s);
		}
	return rc == CE_OK ? EXIT_OK : cli_lib_error(c, rc, "table");
}

int cli_show_record(cli *c, ce_entity e, int64_t id)
{
	ce_record *rec = NULL;
	ce_table *t = NULL;
	int rc = ce_record_lookup(&rec, c->db, e, id);
	if (rc != CE_OK)
		return cli_lib_error(c, rc, NULL);
	rc = cli_record_table(c, e, true, &t);
	if (rc == EXIT_OK)
		rc = cli_record_row(c, t, rec, true);
	if (rc == EXIT_OK)
		rc = cli_print_record(c, t);
	ce_table_free(t);
	ce_record_free(rec);
	return rc;
}
