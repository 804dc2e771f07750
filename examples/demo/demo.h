/* coopedu-demo: builds the worked case of the domain (examples/case: a
 * provincial aluminium-alloy project, its thesis subtopics, students,
 * placements, patents and an undergraduate spin-off) into an empty store,
 * then prints what the store holds.
 *
 * The report sections run in the case's sticky-error context (case.h):
 * the first failing call is reported on stderr once and every later step
 * is skipped. */
#ifndef COOPEDU_DEMO_H
#define COOPEDU_DEMO_H

#include "case.h"

/* Prints the store's contents on stdout. Returns d->rc. */
int demo_report(case_ctx *d);

#endif
