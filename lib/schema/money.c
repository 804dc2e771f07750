/* Currency codes: money is stored in minor units beside a currency column
 * holding an ISO 4217 code such as "CNY". Only the shape is checked, so new
 * codes need no library update. */
#include "rules.h"

bool ce__currency_valid(const char *s)
{
	if (!s)
		return false;
	for (int i = 0; i < 3; i++)
		if (s[i] < 'A' || s[i] > 'Z')
			return false; /* also stops at a short string's NUL */
	return s[3] == '\0';
}
