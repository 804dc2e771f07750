#!/bin/sh
# with_pg.sh STATE_DIR COMMAND [ARG...]: runs COMMAND against the test
# cluster that pgcluster.sh started in STATE_DIR, with every argument
# "@PG@" replaced by its URI and COOPEDU_TEST_PG_URI set to it. Fails (never
# skips) when there is no cluster.
set -eu
state=${1:?usage: with_pg.sh STATE_DIR COMMAND [ARG...]}
shift
[ -s "$state/uri" ] || { echo "with_pg: no PostgreSQL test cluster in $state (pg_start failed?)" >&2; exit 1; }
uri=$(cat "$state/uri")
export COOPEDU_TEST_PG_URI="$uri"
n=$#
while [ "$n" -gt 0 ]; do
	arg=$1
	shift
	[ "$arg" = "@PG@" ] && arg=$uri
	set -- "$@" "$arg"
	n=$((n - 1))
done
exec "$@"
