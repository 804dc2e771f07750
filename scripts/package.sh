#!/bin/sh
# Builds the Debian packages (libcoopedu0, libcoopedu-dev, coopedu,
# python3-coopedu) into BUILD_DIR (default build-deb): configured for /usr,
# built, packed by CPack. Prints the paths of the .deb files last.
# Usage: scripts/package.sh [BUILD_DIR]   (env: PYTHON, JOBS, CMAKE)
set -eu
src=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-build-deb}
python=${PYTHON:-/usr/bin/python3}
jobs=${JOBS:-2}
cmake=${CMAKE:-cmake}

mkdir -p "$build"
"$cmake" -S "$src" -B "$build" --no-warn-unused-cli -DCMAKE_BUILD_TYPE=RelWithDebInfo \
	-DCMAKE_INSTALL_PREFIX=/usr -DCOOPEDU_BUILD_TESTS=OFF -DCOOPEDU_BUILD_EXAMPLES=ON \
	-DCOOPEDU_PYTHON=ON -DPython3_EXECUTABLE="$python" -DCOOPEDU_DEBIAN_DOCS=ON >"$build/configure.log" 2>&1 ||
	{ cat "$build/configure.log"; exit 1; }
"$cmake" --build "$build" -j"$jobs"
rm -f "$build"/*.deb
(cd "$build" && cpack -G DEB >cpack.log 2>&1) || { cat "$build/cpack.log"; exit 1; }
ls "$(cd "$build" && pwd)"/*.deb
