/* The umbrella header must compile alone under -std=c11 -pedantic -Werror
 * with no feature macros, and its declarations must match the library. */
#include <coopedu.h>

int main(void)
{
	ce_open_options opts = CE_OPEN_OPTIONS_INIT;
	ce_partner_spec spec = CE_PARTNER_SPEC_INIT;
	ce_date date = CE_DATE(2019, 3, 15);
	ce_result (*open_fn)(ce_db **, const char *, const ce_open_options *) = ce_db_open;

	if (opts.version != CE_OPEN_OPTIONS_VERSION || spec.version != CE_PARTNER_SPEC_VERSION)
		return 1;
	if (date != 20190315 || open_fn == 0)
		return 1;
	/* Headers and library agree on the version. */
	return ce_version_number() == CE_VERSION_NUMBER ? 0 : 1;
}
