/* coopedu-demo: builds the worked case of the domain (a provincial
 * aluminium-alloy project, its thesis subtopics, students, placements,
 * patents and an undergraduate spin-off) through the public API, then
 * prints what the store holds.
 *
 * Every step runs through a `demo` context whose first failure is sticky:
 * the failing call is reported on stderr once, and every later step is
 * skipped, so builders and report sections need no error plumbing of
 * their own. */
#ifndef COOPEDU_DEMO_H
#define COOPEDU_DEMO_H

#include <stdbool.h>
#include <stdint.h>

#include <coopedu.h>

/* The two projects of the case, by code. */
#define DEMO_ALLOY_PROJECT "2016ZDJS02A03"
#define DEMO_SAND_PROJECT "201901022063"

typedef struct demo {
	ce_db *db;
	int rc; /* CE_OK until the first failure, then that failure's code */
} demo;

/* Records rc of `call` (its source text, made at file:line, about `what`):
 * on failure prints the call site and the library's message on stderr and
 * makes the failure sticky. Returns rc. */
int demo_check(demo *d, int rc, const char *call, const char *file, int line, const char *what);

/* Runs `call` unless an earlier step failed; checks its result. */
#define DEMO_TRY(d, call, what) \
	((d)->rc == CE_OK ? demo_check((d), (call), #call, __FILE__, __LINE__, (what)) : (d)->rc)

/* For iterator loops: true when `call` (an *_iter_next) fetched a record;
 * false at the end, after a failure (recorded), or once an earlier step
 * failed. */
#define DEMO_NEXT(d, call, what)                                                           \
	((d)->rc == CE_OK &&                                                                   \
	 demo_check_iter((d), (call), #call, __FILE__, __LINE__, (what)) == CE_OK)

/* As demo_check(), but CE_ITEROVER (the end of an iteration) is no failure. */
int demo_check_iter(demo *d, int rc, const char *call, const char *file, int line,
                    const char *what);

/* One dated move of a lifecycle column; lists of them end with DEMO_END. */
typedef struct demo_step {
	int to;     /* the state entered */
	ce_date on; /* the day it was entered */
} demo_step;
#define DEMO_END { 0, 0 }
/* A path of steps as a compound literal: PATH({ state, date }, ...). */
#define PATH(...) ((const demo_step[]){ __VA_ARGS__, DEMO_END })

/* Moves lifecycle `column` of a record along path[1..] (path[0] being the
 * state the record was created in), about `what`. */
void demo_follow(demo *d, ce_entity entity, int64_t id, const char *column, const demo_step *path,
                 const char *what);

/* Ids of the records the case is built from, shared by the builders. */
typedef struct demo_ids {
	/* partners */
	int64_t university, aviation, casting, science_dept, casting_assoc, consultancy;
	/* agreements */
	int64_t training_agreement, sand_agreement, consulting_agreement;
	/* platforms */
	int64_t rd_centre, training_base, incubator, idle_lab;
	/* supervisors: academic, then enterprise */
	int64_t wang, li, chen, zhang, liu, sun_tao;
	/* projects and the subtopics of the alloy project (subtopic[1..5]) */
	int64_t alloy_project, sand_project;
	int64_t subtopic[6];
	/* graduate students, and the seven undergraduates of the spin-off */
	int64_t zhao, qian, sun_hao, zhou, wu;
	int64_t undergrad[7];
} demo_ids;

/* The builders, in the order they must run (each needs the ids the
 * earlier ones filled in). Each returns d->rc.
 * - organisations: partners, agreements, platforms, supervisors;
 * - projects: projects, subtopics and their parts;
 * - people: students, supervision, the team, guidance, evaluations,
 *   progress reports, placements, destinations;
 * - outcomes: patents, papers, products, the spin-off. */
int demo_build_organisations(demo *d, demo_ids *ids);
int demo_build_projects(demo *d, demo_ids *ids);
int demo_build_people(demo *d, demo_ids *ids);
int demo_build_outcomes(demo *d, const demo_ids *ids);

/* Prints the store's contents on stdout. Returns d->rc. */
int demo_report(demo *d);

#endif
