/* Fuzz target: JSON import (ce_import_json) into an empty store. A refused
 * document leaves nothing; an imported one survives the round trip. */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fz_init();
	ce_db *db = fz_open();
	int rc = ce_import_json(db, (const char *)data, size, NULL);
	if (rc == CE_OK)
		fz_round_trip(db);
	else
		fz_refused(db, rc);
	ce_db_close(db);
	return 0;
}
