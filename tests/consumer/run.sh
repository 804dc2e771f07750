#!/bin/sh
# Installs a libcoopedu build into a scratch prefix and builds consumer.c
# against it three ways: pkg-config (shared), find_package (shared and
# static), and pkg-config --static. Every program must run and succeed.
# Usage: run.sh BUILD_DIR   (env: CMAKE, CC, CONSUMER_CFLAGS optional)
set -eu

build=$(cd "${1:?usage: run.sh BUILD_DIR}" && pwd)
here=$(cd "$(dirname "$0")" && pwd)
cmake=${CMAKE:-cmake}
cc=${CC:-cc}
extra=${CONSUMER_CFLAGS:-}

work="$build/tests/consumer-work"
prefix="$work/prefix"
rm -rf "$work"
mkdir -p "$work"

. "$here/../install/lib.sh"

step "install into $prefix"
keep_build_manifest "$build" "$work"
"$cmake" --install "$build" --prefix "$prefix"

pc=$(find "$prefix" -name coopedu.pc)
[ -n "$pc" ] || { echo "FAIL: coopedu.pc was not installed" >&2; exit 1; }
libdir=$(dirname "$(dirname "$pc")")
[ -f "$libdir/libcoopedu.a" ] || { echo "FAIL: libcoopedu.a not in $libdir" >&2; exit 1; }
PKG_CONFIG_PATH="$(dirname "$pc")"
export PKG_CONFIG_PATH
# Use the scratch install, never a libcoopedu already on the system.
LD_LIBRARY_PATH="$libdir${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
export LD_LIBRARY_PATH
strict="-std=c11 -Wall -Wextra -pedantic -Werror"

step "(a) pkg-config, shared"
echo "pkg-config --cflags --libs coopedu: $(pkg-config --cflags --libs coopedu)"
# shellcheck disable=SC2046,SC2086
"$cc" $strict $extra -o "$work/consumer_pc" "$here/consumer.c" $(pkg-config --cflags --libs coopedu)
"$work/consumer_pc"

step "(b) CMake find_package(coopedu), shared and static"
"$cmake" -S "$here" -B "$work/cmake-build" -DCMAKE_PREFIX_PATH="$prefix" \
	-DCMAKE_C_COMPILER="$cc" -DCMAKE_C_FLAGS="$strict $extra" \
	-DCMAKE_EXE_LINKER_FLAGS="$extra"
"$cmake" --build "$work/cmake-build"
"$work/cmake-build/consumer"
"$work/cmake-build/consumer_static"
if readelf -d "$work/cmake-build/consumer_static" | grep -q 'NEEDED.*libcoopedu'; then
	echo "FAIL: coopedu::coopedu_static linked libcoopedu.so" >&2
	exit 1
fi

step "(c) pkg-config --static against libcoopedu.a"
# -l:libcoopedu.a picks the archive although the .so sits beside it.
libs=$(pkg-config --static --libs coopedu | sed 's/-lcoopedu\( \|$\)/-l:libcoopedu.a\1/')
echo "libs: $libs"
# shellcheck disable=SC2046,SC2086
"$cc" $strict $extra -o "$work/consumer_static_pc" "$here/consumer.c" \
	$(pkg-config --static --cflags coopedu) $libs
if readelf -d "$work/consumer_static_pc" | grep -q 'NEEDED.*libcoopedu'; then
	echo "FAIL: the static consumer still needs libcoopedu.so" >&2
	exit 1
fi
"$work/consumer_static_pc"

step "consumer: all passed"
