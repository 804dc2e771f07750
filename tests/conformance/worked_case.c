/* The worked case for the conformance tests: case_build() into the fresh
 * store of the test, nothing written here. */
#include "conformance.h"
#include "worked_case.h"

void build_worked_case(case_ids *ids)
{
	ck_ok(case_build(db, ids, "conformance"));
}
