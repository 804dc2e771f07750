/* A program outside the source tree: it sees only the installed headers and
 * library. Exits 0 only if a partner with a Chinese name round-trips. */
#include <stdio.h>
#include <string.h>

#include <coopedu.h>

static int fail(const char *what, int rc)
{
	fprintf(stderr, "consumer: %s failed: %s (%d): %s\n", what, ce_strerror(rc), rc,
	        ce_last_errmsg());
	return 1;
}

int main(void)
{
	static const char name[] = "山东某航空材料有限公司";
	ce_partner_spec spec = CE_PARTNER_SPEC_INIT;
	ce_partner *partner = NULL;
	ce_db *db = NULL;
	int64_t id = 0;
	int rc;

	if (ce_version_number() != CE_VERSION_NUMBER) {
		fprintf(stderr, "consumer: library %s but headers %s\n", ce_version_string(),
		        CE_VERSION_STRING);
		return 1;
	}
	if ((rc = ce_db_open(&db, "memory:", NULL)) != CE_OK)
		return fail("ce_db_open(\"memory:\")", rc);

	spec.name = name;
	spec.kind = CE_PARTNER_ENTERPRISE;
	spec.region = "山东省济南市";
	if ((rc = ce_partner_create(&id, db, &spec)) != CE_OK) {
		ce_db_close(db);
		return fail("ce_partner_create", rc);
	}
	if ((rc = ce_partner_lookup_by_name(&partner, db, name)) != CE_OK) {
		ce_db_close(db);
		return fail("ce_partner_lookup_by_name", rc);
	}
	rc = ce_partner_id(partner) == id && strcmp(ce_partner_fields(partner)->name, name) == 0;
	if (rc)
		printf("libcoopedu %s: partner %lld \"%s\" round-trips\n", ce_version_string(),
		       (long long)id, ce_partner_fields(partner)->name);
	else
		fprintf(stderr, "consumer: lookup returned id %lld name \"%s\", expected %lld \"%s\"\n",
		        (long long)ce_partner_id(partner), ce_partner_fields(partner)->name,
		        (long long)id, name);
	ce_partner_free(partner);
	ce_db_close(db);
	return rc ? 0 : 1;
}
