#!/bin/sh
# Symbol hygiene of both artefacts.
#  - libcoopedu.so: exports at least one symbol, every one public ce_ (never
#    the internal ce__), and carries the expected SONAME.
#  - libcoopedu.a: every global it defines is ce_-prefixed (internal ce__
#    names are allowed there: tests link them), so a program linking the
#    archive never collides with a name of ours it did not ask for.
# Usage: check_exports.sh SHARED_LIBRARY EXPECTED_SONAME STATIC_ARCHIVE
set -eu

usage="usage: check_exports.sh SHARED_LIBRARY EXPECTED_SONAME STATIC_ARCHIVE"
lib=${1:?$usage}
want_soname=${2:?$usage}
archive=${3:?$usage}
for f in "$lib" "$archive"; do
	[ -f "$f" ] || { echo "FAIL: no such file: $f" >&2; exit 1; }
done
status=0

# Prints the names in $2 (one per line) that match regex $1, after a heading $3.
report() {
	found=$(printf '%s\n' "$2" | grep -E "$1" || true)
	if [ -n "$found" ]; then
		echo "FAIL: $3" >&2
		printf '  %s\n' $found >&2
		status=1
	fi
}

# Defined dynamic symbols of code/data kinds; A (absolute) entries are
# version-script tags. Strip any @VERSION / @@VERSION suffix.
syms=$(nm -D --defined-only "$lib" | awk '$2 ~ /^[TDBRWVGSiu]$/ { print $3 }' | sed 's/@.*//' | sort -u)
count=$(printf '%s\n' "$syms" | grep -c . || true)
if [ "$count" -eq 0 ]; then
	echo "FAIL: $lib exports no symbols at all" >&2
	exit 1
fi
report '^([^c]|c[^e]|ce[^_])' "$syms" "$lib exports symbols without the ce_ prefix:"
report '^ce__' "$syms" "$lib exports internal ce__ symbols (add static or drop CE_EXTERN):"

# Every global the archive defines (members' names and local symbols
# aside; a sanitizer build adds its own __odr_asan.* / __asan_* markers).
asyms=$(nm -g --defined-only "$archive" | awk 'NF == 3 { print $3 }' |
	grep -v -E '^(__odr_asan|__asan_|__ubsan_|__sancov_)' | sort -u)
acount=$(printf '%s\n' "$asyms" | grep -c . || true)
if [ "$acount" -eq 0 ]; then
	echo "FAIL: $archive defines no global symbols at all" >&2
	exit 1
fi
report '^([^c]|c[^e]|ce[^_])' "$asyms" "$archive defines globals without the ce_ prefix:"

soname=$(objdump -p "$lib" | awk '$1 == "SONAME" { print $2 }')
if [ "$soname" != "$want_soname" ]; then
	echo "FAIL: SONAME is '$soname', expected '$want_soname'" >&2
	status=1
fi

[ "$status" -eq 0 ] && echo "ok: $count exported symbols, all ce_ and none ce__; $acount archive globals, all ce_; SONAME $soname"
exit "$status"
