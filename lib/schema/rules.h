/* Small rule helpers shared by the table descriptors in lib/schema/. */
#ifndef CE_SCHEMA_RULES_H
#define CE_SCHEMA_RULES_H

#include <stdbool.h>

#include "coopedu/sys/schema.h"

/* Whether s is an ISO 4217 code: exactly three ASCII letters A-Z. NULL is
 * not valid. */
bool ce__currency_valid(const char *s);

/* Platform id's equipment and funding are not dated before its new
 * established_on (platform_assets.c); CE_OK for a new platform. */
int ce__platform_check_assets(ce_db *db, int64_t id, const ce_value *established_on);

#endif
