#!/bin/sh
# The ABI check itself, on a tiny library: additions (a new function, a
# member appended to a versioned struct under a bumped version) pass; a
# removed function, a changed parameter, a changed member, and a member
# appended without bumping the version fail.
# Usage: selftest.sh ABICHECK_PY WORK_DIR   (env: CC, PYTHON)
set -eu
abicheck=${1:?usage: selftest.sh ABICHECK_PY WORK_DIR}
work=${2:?usage: selftest.sh ABICHECK_PY WORK_DIR}
cc=${CC:-cc}
python=${PYTHON:-python3}
rm -rf "$work"
mkdir -p "$work"

# variant NAME SPEC_VERSION SPEC_TAIL EXTRA_DECLS EXTRA_DEFS TAKE_PARAM
variant() {
	d="$work/$1"
	mkdir -p "$d/include"
	cat >"$d/include/t.h" <<H
#define CE_T_SPEC_VERSION $2
typedef struct ce_t_spec {
	unsigned int version; /**< #CE_T_SPEC_VERSION */
	int a;
	$3
} ce_t_spec;
int ce_t_create(const ce_t_spec *spec);
int ce_t_take($6);
$4
H
	cat >"$d/t.c" <<C
#include "t.h"
__attribute__((visibility("default"))) int ce_t_create(const ce_t_spec *spec) { return spec->version == 1 ? spec->a : 0; }
__attribute__((visibility("default"))) int ce_t_take($6) { return (int)x; }
$5
C
	"$cc" -g -O0 -shared -fPIC -fvisibility=hidden -Wl,-soname,libt.so.1 \
		-I"$d/include" -o "$d/libt.so.1" "$d/t.c"
}

variant base 1 "" "int ce_t_gone(void);" \
	'__attribute__((visibility("default"))) int ce_t_gone(void) { return 1; }' "int x"
"$python" "$abicheck" dump "$work/base/libt.so.1" "$work/base/include" "$work/base/libcoopedu-1.0.0" >/dev/null

variant added 1 "" "int ce_t_gone(void); int ce_t_new(void);" \
	'__attribute__((visibility("default"))) int ce_t_gone(void) { return 1; }
__attribute__((visibility("default"))) int ce_t_new(void) { return 2; }' "int x"
variant grown 2 "const char *b;" "int ce_t_gone(void);" \
	'__attribute__((visibility("default"))) int ce_t_gone(void) { return 1; }' "int x"
variant grown_unbumped 1 "const char *b;" "int ce_t_gone(void);" \
	'__attribute__((visibility("default"))) int ce_t_gone(void) { return 1; }' "int x"
variant removed 1 "" "" "" "int x"
variant param 1 "" "int ce_t_gone(void);" \
	'__attribute__((visibility("default"))) int ce_t_gone(void) { return 1; }' "long long x"
variant member 1 "" "int ce_t_gone(void);" \
	'__attribute__((visibility("default"))) int ce_t_gone(void) { return 1; }' "int x"
sed -i 's/\tint a;/\tfloat a;/' "$work/member/include/t.h"
"$cc" -g -O0 -shared -fPIC -fvisibility=hidden -Wl,-soname,libt.so.1 \
	-I"$work/member/include" -o "$work/member/libt.so.1" "$work/member/t.c"

status=0
expect() {
	if "$python" "$abicheck" check "$work/base" 1 "$work/$2/libt.so.1" "$work/$2/include" \
		"$work/$2/check" >"$work/$2/check.log" 2>&1; then got=pass; else got=fail; fi
	if [ "$got" = "$1" ]; then
		echo "ok: $2 -> $got"
	else
		echo "FAIL: $2 -> $got, expected $1" >&2
		cat "$work/$2/check.log" >&2
		status=1
	fi
}
expect pass added
expect pass grown
expect fail grown_unbumped
expect fail removed
expect fail param
expect fail member
variant grown_moved 2 "const char *b;" "int ce_t_gone(void);" \
	'__attribute__((visibility("default"))) int ce_t_gone(void) { return 1; }' "int x"
sed -i 's/\tint a;/\tlong long a;/' "$work/grown_moved/include/t.h"
"$cc" -g -O0 -shared -fPIC -fvisibility=hidden -Wl,-soname,libt.so.1 \
	-I"$work/grown_moved/include" -o "$work/grown_moved/libt.so.1" "$work/grown_moved/t.c"
expect fail grown_moved
exit "$status"
