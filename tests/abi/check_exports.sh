#!/bin/sh
# Fails unless libcoopedu.so exports at least one symbol, every exported
# symbol carries the public ce_ prefix (never the internal ce__), and the
# SONAME is the expected one.
# Usage: check_exports.sh LIBRARY EXPECTED_SONAME
set -eu

lib=${1:?usage: check_exports.sh LIBRARY EXPECTED_SONAME}
want_soname=${2:?usage: check_exports.sh LIBRARY EXPECTED_SONAME}
[ -f "$lib" ] || { echo "FAIL: no such file: $lib" >&2; exit 1; }

# Defined dynamic symbols of code/data kinds; A (absolute) entries are
# version-script tags. Strip any @VERSION / @@VERSION suffix.
syms=$(nm -D --defined-only "$lib" | awk '$2 ~ /^[TDBRWVGSiu]$/ { print $3 }' | sed 's/@.*//' | sort -u)
count=$(printf '%s\n' "$syms" | grep -c . || true)
if [ "$count" -eq 0 ]; then
	echo "FAIL: $lib exports no symbols at all" >&2
	exit 1
fi

bad=$(printf '%s\n' "$syms" | grep -v '^ce_' || true)
internal=$(printf '%s\n' "$syms" | grep '^ce__' || true)
status=0
if [ -n "$bad" ]; then
	echo "FAIL: exported symbols without the ce_ prefix:" >&2
	printf '  %s\n' $bad >&2
	status=1
fi
if [ -n "$internal" ]; then
	echo "FAIL: internal ce__ symbols are exported (add static or drop CE_EXTERN):" >&2
	printf '  %s\n' $internal >&2
	status=1
fi

soname=$(objdump -p "$lib" | awk '$1 == "SONAME" { print $2 }')
if [ "$soname" != "$want_soname" ]; then
	echo "FAIL: SONAME is '$soname', expected '$want_soname'" >&2
	status=1
fi

[ "$status" -eq 0 ] && echo "ok: $count exported symbols, all ce_*; SONAME $soname"
exit "$status"
