/* The steps of case_build(), in the order they must run (each needs the
 * ids the earlier ones filled in), and the helpers they share. Each step
 * returns d->rc.
 * - organisations: partners, agreements, platforms, supervisors;
 * - projects: projects, subtopics and their parts;
 * - people: students, supervision, the team, guidance, evaluations,
 *   progress reports, placements, destinations;
 * - outcomes: patents, papers, products, the spin-off;
 * - risks: the risk register (after the incident that realised one);
 * - surveys: the questionnaires, their rounds and responses;
 * - training: the enterprise's courses and the students' enrolments;
 * - platform assets: the platforms' equipment and funding;
 * - sharing: the agreement's IP terms and a patent's owners. */
#ifndef COOPEDU_CASE_STEPS_H
#define COOPEDU_CASE_STEPS_H

#include "case.h"

/* One dated move of a lifecycle column; lists of them end with CASE_END. */
typedef struct case_step {
	int to;     /* the state entered */
	ce_date on; /* the day it was entered */
} case_step;
#define CASE_END { 0, 0 }
/* A path of steps as a compound literal: PATH({ state, date }, ...). */
#define PATH(...) ((const case_step[]){ __VA_ARGS__, CASE_END })

/* Moves lifecycle `column` of a record along path[1..] (path[0] being the
 * state the record was created in), about `what`. */
void case_follow(case_ctx *d, ce_entity entity, int64_t id, const char *column,
                 const case_step *path, const char *what);

int case_build_organisations(case_ctx *d, case_ids *ids);
int case_build_projects(case_ctx *d, case_ids *ids);
int case_build_people(case_ctx *d, case_ids *ids);
int case_build_outcomes(case_ctx *d, case_ids *ids);
int case_build_risks(case_ctx *d, case_ids *ids);
int case_build_surveys(case_ctx *d, case_ids *ids);
int case_build_training(case_ctx *d, case_ids *ids);
int case_build_platform_assets(case_ctx *d, case_ids *ids);
int case_build_sharing(case_ctx *d, case_ids *ids);

#endif
