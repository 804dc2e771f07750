/* Small rule helpers shared by the table descriptors in lib/schema/. */
#ifndef CE_SCHEMA_RULES_H
#define CE_SCHEMA_RULES_H

#include <stdbool.h>

/* Whether s is an ISO 4217 code: exactly three ASCII letters A-Z. NULL is
 * not valid. */
bool ce__currency_valid(const char *s);

#endif
