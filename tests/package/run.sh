#!/bin/sh
# The Debian packages as a user gets them: scripts/package.sh builds them
# (a tree configured for /usr, CPack), then each is checked with dpkg-deb
# (name, version, contents, Depends, shlibs, no run path), the unpacked set
# runs (CLI and Python report the project's version), and lintian finds no
# error in them.
# Usage: run.sh SOURCE_DIR WORK_DIR VERSION   (env: PYTHON, CMAKE)
set -eu
usage="usage: run.sh SOURCE_DIR WORK_DIR VERSION"
src=$(cd "${1:?$usage}" && pwd)
work=${2:?$usage}
version=${3:?$usage}
python=${PYTHON:-/usr/bin/python3}
. "$src/tests/install/lib.sh"
unset LD_LIBRARY_PATH PYTHONPATH || true

mkdir -p "$work"
work=$(cd "$work" && pwd)
step "build the packages in $work/build"
# The build tree is kept between runs: only what changed is rebuilt.
JOBS=2 PYTHON="$python" sh "$src/scripts/package.sh" "$work/build" >"$work/package.log" 2>&1 ||
	{ tail -40 "$work/package.log"; fail "scripts/package.sh failed"; }
deb_version="$version-1"
multiarch=$(dpkg-architecture -qDEB_HOST_MULTIARCH)
arch=$(dpkg --print-architecture)
lib="libcoopedu${version%%.*}"
for p in "$lib" libcoopedu-dev coopedu python3-coopedu; do
	f="$work/build/${p}_${deb_version}_$arch.deb"
	[ -f "$f" ] || fail "no package $f"
done
deb() { echo "$work/build/${1}_${deb_version}_$arch.deb"; }
n=$(find "$work/build" -maxdepth 1 -name '*.deb' | wc -l)
[ "$n" -eq 4 ] || fail "$n packages built, expected 4"

step "fields: name, version, Depends"
field() { dpkg-deb -f "$(deb "$1")" "$2"; }
for p in "$lib" libcoopedu-dev coopedu python3-coopedu; do
	[ "$(field "$p" Package)" = "$p" ] || fail "$p: Package is $(field "$p" Package)"
	[ "$(field "$p" Version)" = "$deb_version" ] || fail "$p: Version $(field "$p" Version), not $deb_version"
	echo "$p $(field "$p" Version): Depends: $(field "$p" Depends)"
done
needs() {  # needs PACKAGE DEPENDENCY-REGEX
	field "$1" Depends | tr ',' '\n' | sed 's/^ *//' | grep -Eq "^($2)( |$)" ||
		fail "$1 does not depend on $2: $(field "$1" Depends)"
}
for d in libc6 libsqlite3-0 libjansson4 libcsv3; do needs "$lib" "$d"; done
if readelf -d "$work/build/libcoopedu.so" | grep -q 'NEEDED.*libpq'; then needs "$lib" libpq5; fi
needs libcoopedu-dev "$lib \(= $deb_version\)"
# Every module coopedu.pc requires privately comes with libcoopedu-dev: the
# Debian package that ships its .pc file.
for m in $(sed -n 's/^Requires.private: *//p' "$work/build/coopedu.pc" | tr ',' ' '); do
	pcfile="$(pkg-config --variable=pcfiledir "$m")/$m.pc"
	d=$(dpkg -S "$pcfile" 2>/dev/null | head -1 | cut -d: -f1)
	[ -n "$d" ] || fail "no Debian package ships $pcfile (Requires.private: $m)"
	needs libcoopedu-dev "$d"
done
needs libcoopedu-dev libcsv-dev
needs coopedu "$lib \(>= $deb_version\)"
needs coopedu libjansson4
needs python3-coopedu "$lib \(>= $deb_version\)"
needs python3-coopedu python3
shlibs=$(dpkg-deb -I "$(deb "$lib")" shlibs)
[ "$shlibs" = "libcoopedu ${version%%.*} $lib (>= $deb_version)" ] || fail "$lib shlibs: '$shlibs'"
dpkg-deb -I "$(deb "$lib")" triggers | grep -q '^activate-noawait ldconfig$' ||
	fail "$lib has no ldconfig trigger"

step "contents"
has() {  # has PACKAGE PATH...
	p=$1; shift
	list=$(dpkg-deb -c "$(deb "$p")" | awk '{ print $6 }')
	for f in "$@"; do
		printf '%s\n' "$list" | grep -qx "./$f" || fail "$p lacks /$f"
	done
}
has "$lib" "usr/lib/$multiarch/libcoopedu.so.${version%%.*}" "usr/lib/$multiarch/libcoopedu.so.$version" \
	"usr/share/doc/$lib/copyright" "usr/share/doc/$lib/changelog.Debian.gz"
has libcoopedu-dev usr/include/coopedu.h usr/include/coopedu/db.h usr/include/coopedu/sys/backend.h \
	"usr/lib/$multiarch/libcoopedu.so" "usr/lib/$multiarch/libcoopedu.a" \
	"usr/lib/$multiarch/pkgconfig/coopedu.pc" "usr/lib/$multiarch/cmake/coopedu/coopeduConfig.cmake" \
	"usr/lib/$multiarch/cmake/coopedu/coopeduConfigVersion.cmake"
has coopedu usr/bin/coopedu
has python3-coopedu usr/lib/python3/dist-packages/coopedu/__init__.py \
	usr/lib/python3/dist-packages/coopedu/_entities.py usr/lib/python3/dist-packages/coopedu/capi.py
pylist=$(dpkg-deb -c "$(deb python3-coopedu)")
printf '%s\n' "$pylist" | grep -q "dist-packages/coopedu/_capi\.cpython-.*\.so$" ||
	fail "python3-coopedu lacks the extension module"
# Each file in one package only: they must install side by side.
dup=$(for p in "$lib" libcoopedu-dev coopedu python3-coopedu; do
	dpkg-deb -c "$(deb "$p")" | awk '$1 !~ /^d/ { print $6 }'; done | sort | uniq -d)
[ -z "$dup" ] || fail "files in two packages: $dup"

step "unpacked, the packages run and report $version"
root="$work/root"
rm -rf "$root"
for p in "$lib" libcoopedu-dev coopedu python3-coopedu; do dpkg-deb -x "$(deb "$p")" "$root"; done
for f in "$root/usr/bin/coopedu" "$root/usr/lib/$multiarch/libcoopedu.so.$version" \
	"$root"/usr/lib/python3/dist-packages/coopedu/_capi*.so; do
	if readelf -d "$f" | grep -Eq '\((RPATH|RUNPATH)\)'; then fail "$f carries a run path"; fi
done
# Installed, /usr/lib/<multiarch> is on the loader's path; unpacked here it is named.
export LD_LIBRARY_PATH="$root/usr/lib/$multiarch"
cli=$("$root/usr/bin/coopedu" --version)
[ "$cli" = "coopedu $version" ] || fail "the packaged CLI says '$cli'"
echo "$cli"
py=$(cd "$work" && PYTHONPATH="$root/usr/lib/python3/dist-packages" "$python" -c \
	'import coopedu; print(coopedu.__version__)')
[ "$py" = "$version" ] || fail "the packaged Python package says '$py'"
echo "coopedu.__version__ $py"
pcv=$(PKG_CONFIG_PATH="$root/usr/lib/$multiarch/pkgconfig" pkg-config --modversion coopedu)
[ "$pcv" = "$version" ] || fail "the packaged coopedu.pc says '$pcv'"
echo "pkg-config $pcv"

step "lintian: no errors"
rc=0
lintian --fail-on error --tag-display-limit 0 "$work/build"/*.deb >"$work/lintian.log" 2>&1 || rc=$?
grep -v 'root privileges' "$work/lintian.log" || true
[ "$rc" -eq 0 ] || fail "lintian reports errors (above)"

step "package: all passed"
