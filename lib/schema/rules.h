/* Small rule helpers shared by the table descriptors in lib/schema/. */
#ifndef CE_SCHEMA_RULES_H
#define CE_SCHEMA_RULES_H

#include <stdbool.h>
#include <stdint.h>

#include "core/engine.h"

#include "coopedu/sys/schema.h"

/* Whether s is an ISO 4217 code: exactly three ASCII letters A-Z. NULL is
 * not valid. */
bool ce__currency_valid(const char *s);

/* Platform id's equipment and funding are not dated before its new
 * established_on (platform_assets.c); CE_OK for a new platform. */
int ce__platform_check_assets(ce_db *db, int64_t id, const ce_value *established_on);

/* Refuses a link whose dates (columns start and end of row, either NULL)
 * fall outside its parent's: the record row[parent_col] points at, whose
 * date columns are named pstart and pend (pend NULL: the parent has no
 * end). A parent date that is NULL bounds nothing. link_dates.c. */
int ce__link_dates_within(ce_db *db, const ce_table_def *link, const ce_value *row, int start,
                          int end, int parent_col, const char *pstart, const char *pend);

#endif
