/* case_build(): the steps of the case in one transaction. */
#include <stdio.h>

#include "steps.h"

int case_build(ce_db *db, case_ids *ids, const char *who)
{
	case_ctx d = { db, CE_OK, who };
	case_ids local = { 0 };

	if (!ids)
		ids = &local;
	*ids = (case_ids){ 0 };
	if (CASE_TRY(&d, ce_db_begin(db), "begin") != CE_OK)
		return d.rc;
	case_build_organisations(&d, ids);
	case_build_projects(&d, ids);
	case_build_people(&d, ids);
	case_build_outcomes(&d, ids);
	case_build_risks(&d, ids);
	case_build_surveys(&d, ids);
	case_build_training(&d, ids);
	case_build_platform_assets(&d, ids);
	case_build_sharing(&d, ids);
	if (d.rc != CE_OK) {
		/* The first failure is what matters; say whether the store is intact. */
		if (ce_db_rollback(db) == CE_OK)
			fprintf(stderr, "%s: rolled back; the store is unchanged\n", who);
		else
			fprintf(stderr, "%s: the rollback failed too: %s\n", who, ce_db_errmsg(db));
		*ids = (case_ids){ 0 };
		return d.rc;
	}
	return CASE_TRY(&d, ce_db_commit(db), "commit");
}
