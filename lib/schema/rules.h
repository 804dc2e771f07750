/* Small rule helpers shared by the table descriptors in lib/schema/. */
#ifndef CE_SCHEMA_RULES_H
#define CE_SCHEMA_RULES_H

#include <stdbool.h>
#include <stddef.h>

/* Whether s is an ISO 4217 code: exactly three ASCII letters A-Z. NULL is
 * not valid. */
bool ce__currency_valid(const char *s);

/* One allowed lifecycle move; from 0 lists a legal initial state. */
typedef struct ce__move {
	int from, to;
} ce__move;

/* Whether from -> to appears in moves[0..n). Lifecycle allowed() hooks are
 * a static table of moves plus this lookup. */
static inline bool ce__move_listed(const ce__move *moves, size_t n, int from, int to)
{
	for (size_t i = 0; i < n; i++)
		if (moves[i].from == from && moves[i].to == to)
			return true;
	return false;
}

#endif
