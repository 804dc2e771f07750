#!/bin/sh
# An install as a user makes it: the build tree installed into a scratch
# prefix, then, from outside the source tree and with no LD_LIBRARY_PATH,
#  - the installed coopedu CLI runs (its run path finds libcoopedu.so.0),
#  - a C consumer builds and runs through pkg-config and find_package(coopedu),
#  - the installed Python package imports and works (its module's run path),
#  - every one of them, and the CMake package, reports the project's version,
#  - the uninstall removes exactly the files the install listed.
# Usage: run.sh BUILD_DIR SOURCE_DIR VERSION   (env: CMAKE, CC, PYTHON)
set -eu

usage="usage: run.sh BUILD_DIR SOURCE_DIR VERSION"
build=$(cd "${1:?$usage}" && pwd)
src=$(cd "${2:?$usage}" && pwd)
version=${3:?$usage}
cmake=${CMAKE:-cmake}
cc=${CC:-cc}
python=${PYTHON:-/usr/bin/python3}
unset LD_LIBRARY_PATH LD_PRELOAD PYTHONPATH PKG_CONFIG_PATH CMAKE_PREFIX_PATH COOPEDU_DB || true

work="$build/tests/install-work"
prefix="$work/prefix"
rm -rf "$work"
mkdir -p "$work"
. "$src/tests/install/lib.sh"

step "install into $prefix"
keep_build_manifest "$build" "$work"
"$cmake" --install "$build" --prefix "$prefix" >"$work/install.log"
cp "$build/install_manifest.txt" "$work/manifest.txt"
# Someone else's files in the same prefix: the uninstall must leave them.
mkdir -p "$prefix/include" "$prefix/share/other"
echo '/* not ours */' >"$prefix/include/other.h"
echo 'not ours' >"$prefix/share/other/README"
cd "$work"    # nowhere near the source tree

cli="$prefix/bin/coopedu"
pc=$(find "$prefix" -name coopedu.pc)
[ -n "$pc" ] || fail "coopedu.pc was not installed"
libdir=$(dirname "$(dirname "$pc")")
site=$(dirname "$(dirname "$(find "$prefix" -name capi.py)")")
[ -d "$site/coopedu" ] || fail "the Python package was not installed"

step "the CLI runs by its run path"
runpath=$(readelf -d "$cli" | sed -n 's/.*(RUNPATH).*\[\(.*\)\]/\1/p')
echo "RUNPATH: $runpath"
case $runpath in '$ORIGIN/'*) ;; *) fail "the CLI's run path is '$runpath', not relative to \$ORIGIN" ;; esac
cli_version=$("$cli" --version)
echo "$cli_version"
"$cli" --db "$work/demo.db" demo >"$work/demo.out"
"$cli" --db "$work/demo.db" report outcome_funnel >"$work/funnel.out"
grep -q . "$work/funnel.out" || fail "the installed CLI's report printed nothing"
head -5 "$work/funnel.out"

step "(a) a C consumer through pkg-config"
export PKG_CONFIG_PATH="$(dirname "$pc")"
pc_version=$(pkg-config --modversion coopedu)
# shellcheck disable=SC2046
"$cc" -std=c11 -Wall -Wextra -pedantic -Werror -o "$work/consumer_pc" "$src/tests/consumer/consumer.c" \
	$(pkg-config --cflags --libs coopedu) -Wl,-rpath,"$libdir"
c_version=$("$work/consumer_pc" | sed -n 's/^libcoopedu \([^:]*\):.*/\1/p')
echo "library reports $c_version"

step "(b) a C consumer through find_package(coopedu $version EXACT)"
"$cmake" -S "$src/tests/consumer" -B "$work/cmake-build" -DCMAKE_PREFIX_PATH="$prefix" \
	-DCMAKE_C_COMPILER="$cc" -DCOOPEDU_WANT_VERSION="$version" >"$work/cmake-configure.log" ||
	{ cat "$work/cmake-configure.log"; fail "find_package(coopedu $version EXACT) failed"; }
cmake_version=$(sed -n 's/^-- coopedu_VERSION=//p' "$work/cmake-configure.log")
"$cmake" --build "$work/cmake-build" --target consumer >"$work/cmake-build.log"
"$work/cmake-build/consumer"

step "the installed Python package, imported from $work"
py_version=$(PYTHONPATH="$site" "$python" - "$site" <<'PY'
import os, sys
import coopedu
site = os.path.realpath(sys.argv[1])
if not os.path.realpath(coopedu.__file__).startswith(site + os.sep):
    sys.exit(f"imported {coopedu.__file__}, not the installed package under {site}")
with coopedu.open("memory:") as db:
    firm = db.partners.create(name="山东某航空材料有限公司", kind="enterprise")
    assert db.partners(kind="enterprise").one() == firm
    assert db.partners[firm.id].name == "山东某航空材料有限公司"
print(coopedu.__version__)
PY
)
echo "coopedu.__version__ = $py_version"

step "one version everywhere: $version"
check_version() {
	[ "$2" = "$version" ] || fail "$1 reports '$2', the project is $version"
	echo "ok: $1 $2"
}
check_version "coopedu --version" "${cli_version#coopedu }"
check_version "pkg-config --modversion" "$pc_version"
check_version "ce_version_string()" "$c_version"
check_version "find_package(coopedu) coopedu_VERSION" "$cmake_version"
check_version "coopedu.__version__" "$py_version"

step "uninstall: exactly what was installed"
"$cmake" -DMANIFEST="$work/manifest.txt" -P "$src/cmake/CoopeduUninstall.cmake" >"$work/uninstall.log"
left=$(find "$prefix" \( -type f -o -type l \) ! -path "$prefix/include/other.h" ! -path "$prefix/share/other/README")
[ -z "$left" ] || fail "left behind after uninstall: $left"
[ -f "$prefix/include/other.h" ] && [ -f "$prefix/share/other/README" ] || fail "uninstall removed files it did not install"
ours=$(find "$prefix" -name coopedu)
[ -z "$ours" ] || fail "directories of ours left behind: $ours"

step "install: all passed"
