/* The worked case in the store under test, from the one builder the demo
 * and the CLI use (examples/case). */
#ifndef CE_CONFORMANCE_WORKED_CASE_H
#define CE_CONFORMANCE_WORKED_CASE_H

#include "case.h"

/* Builds the worked case into db, asserting success; fills *ids. */
void build_worked_case(case_ids *ids);

#endif
