/**
 * @file coopedu.h
 * @brief libcoopedu: university–industry cooperative education (产教融合,
 *        校企合作) as a domain model behind a stable C API. Include this one
 *        header; the per-noun headers under coopedu/ are included for you.
 *
 * Start with ce_db_open(); see record.h for how every entity is created,
 * read, updated, deleted and iterated.
 */
#ifndef COOPEDU_H
#define COOPEDU_H

#include "coopedu/common.h"
#include "coopedu/db.h"
#include "coopedu/record.h"
#include "coopedu/partner.h"
#include "coopedu/agreement.h"
#include "coopedu/platform.h"
#include "coopedu/platform_assets.h"
#include "coopedu/supervisor.h"
#include "coopedu/project.h"
#include "coopedu/student.h"
#include "coopedu/subtopic.h"
#include "coopedu/team.h"
#include "coopedu/supervision.h"
#include "coopedu/guidance.h"
#include "coopedu/evaluation.h"
#include "coopedu/progress.h"
#include "coopedu/placement.h"
#include "coopedu/outcome.h"
#include "coopedu/destination.h"
#include "coopedu/risk.h"
#include "coopedu/survey.h"
#include "coopedu/training.h"
#include "coopedu/sharing.h"
#include "coopedu/table.h"
#include "coopedu/analytics.h"
#include "coopedu/io.h"
#include "coopedu/audit.h"
#include "coopedu/person.h"
#include "coopedu/merge.h"

#endif
