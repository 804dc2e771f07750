#!/bin/sh
# A throwaway PostgreSQL cluster for the test suite.
#   pgcluster.sh start STATE_DIR   initdb into a fresh directory under /tmp, start
#                                  the server on a free 127.0.0.1 port (no Unix
#                                  socket), create the test database and write
#                                  STATE_DIR/uri (a libpq URI, password included)
#                                  and STATE_DIR/datadir.
#   pgcluster.sh stop STATE_DIR    stop the server and remove the cluster.
# initdb and postgres refuse to run as root: as root they run as the
# `postgres` user. The server only listens on loopback and stops by itself
# when stop runs (ctest runs stop as a fixture cleanup, even after failures).
set -eu

cmd=${1:?usage: pgcluster.sh start|stop STATE_DIR}
state=${2:?usage: pgcluster.sh start|stop STATE_DIR}

bindir=${PG_BINDIR:-}
if [ -z "$bindir" ]; then
	if command -v pg_config >/dev/null 2>&1 && [ -x "$(pg_config --bindir)/initdb" ]; then
		bindir=$(pg_config --bindir)
	else
		bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
	fi
fi
[ -x "$bindir/initdb" ] || { echo "pgcluster: no initdb found (Debian: postgresql)" >&2; exit 1; }

as_pg() {
	if [ "$(id -u)" -eq 0 ]; then
		runuser -u postgres -- "$@"
	else
		"$@"
	fi
}

stop() {
	[ -f "$state/datadir" ] || return 0
	data=$(cat "$state/datadir")
	if [ -d "$data" ]; then
		as_pg "$bindir/pg_ctl" -D "$data/db" -m fast -w stop >/dev/null 2>&1 || true
		rm -rf "$data"
	fi
	rm -f "$state/datadir" "$state/uri"
}

free_port() {
	/usr/bin/python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

case $cmd in
start)
	mkdir -p "$state"
	stop # a cluster left over by an interrupted run
	data=$(mktemp -d /tmp/coopedu-pg-XXXXXX)
	chmod 755 "$data"
	echo "$data" > "$state/datadir"
	password=ce-test-$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')
	printf '%s\n' "$password" > "$data/pwfile"
	[ "$(id -u)" -eq 0 ] && chown -R postgres "$data"
	as_pg "$bindir/initdb" -D "$data/db" -U postgres --pwfile="$data/pwfile" \
		--auth-local=trust --auth-host=scram-sha-256 -E UTF8 --locale=C.UTF-8 >"$data/initdb.log" 2>&1 ||
		{ cat "$data/initdb.log" >&2; exit 1; }
	rm -f "$data/pwfile"
	tries=0
	while :; do
		port=$(free_port)
		if as_pg "$bindir/pg_ctl" -D "$data/db" -l "$data/server.log" -w -t 60 \
			-o "-c listen_addresses=127.0.0.1 -p $port -c unix_socket_directories='' -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=60" \
			start >/dev/null 2>&1; then
			break
		fi
		tries=$((tries + 1))
		if [ $tries -ge 3 ]; then
			echo "pgcluster: the server did not start:" >&2
			cat "$data/server.log" >&2
			exit 1
		fi
	done
	PGPASSWORD=$password "$bindir/psql" -X -q -h 127.0.0.1 -p "$port" -U postgres -d postgres \
		-c "CREATE DATABASE coopedu_test" >/dev/null
	echo "postgresql://postgres:$password@127.0.0.1:$port/coopedu_test" > "$state/uri"
	echo "pgcluster: PostgreSQL $("$bindir/postgres" --version | awk '{print $3}') on 127.0.0.1:$port"
	;;
stop)
	stop
	echo "pgcluster: stopped"
	;;
*)
	echo "usage: pgcluster.sh start|stop STATE_DIR" >&2
	exit 2
	;;
esac
