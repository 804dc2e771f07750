#!/bin/sh
# schemas_left.sh REGEX: fails, naming them, when schemas or databases whose
# names match REGEX are left in the test cluster ($COOPEDU_TEST_PG_URI, set
# by with_pg.sh): a test program that drops what it creates leaves none.
set -eu
left=$(psql -X -q -t -A -v ON_ERROR_STOP=1 "$COOPEDU_TEST_PG_URI" \
	-c "SELECT nspname FROM pg_namespace WHERE nspname ~ '$1'
	    UNION ALL SELECT datname FROM pg_database WHERE datname ~ '$1' ORDER BY 1")
[ -z "$left" ] && exit 0
echo "left behind: $(echo "$left" | wc -l):" $(echo "$left" | head -5) >&2
exit 1
