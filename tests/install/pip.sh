#!/bin/sh
# Python for analysts in their own environment: libcoopedu installed into a
# scratch prefix (found with pkg-config), then the bindings built from the
# source checkout with pip, offline (--no-index --no-build-isolation:
# Debian's setuptools, wheel and SWIG), into a virtual environment without
# the system's packages and into one with them (pandas from Debian), and
# used from outside the source tree.
# Usage: pip.sh BUILD_DIR SOURCE_DIR VERSION   (env: CMAKE, PYTHON)
set -eu
usage="usage: pip.sh BUILD_DIR SOURCE_DIR VERSION"
build=$(cd "${1:?$usage}" && pwd)
src=$(cd "${2:?$usage}" && pwd)
version=${3:?$usage}
cmake=${CMAKE:-cmake}
python=${PYTHON:-/usr/bin/python3}
unset LD_LIBRARY_PATH PYTHONPATH PKG_CONFIG_PATH PIP_INDEX_URL VIRTUAL_ENV || true
export PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_INPUT=1

work="$build/tests/pip-work"
prefix="$work/prefix"
rm -rf "$work"
mkdir -p "$work"
. "$src/tests/install/lib.sh"

step "libcoopedu installed into $prefix"
# The library and its development files only: Python comes from pip.
"$cmake" --install "$build" --prefix "$prefix" --component lib >"$work/install.log"
"$cmake" --install "$build" --prefix "$prefix" --component dev >>"$work/install.log"
rm -f "$build/install_manifest_lib.txt" "$build/install_manifest_dev.txt"
PKG_CONFIG_PATH=$(dirname "$(find "$prefix" -name coopedu.pc)")
export PKG_CONFIG_PATH
echo "pkg-config finds coopedu $(pkg-config --modversion coopedu)"

# The checkout's bindings, copied so the build (bindings/python/build)
# does not land in the source tree under test.
checkout="$work/checkout"
mkdir -p "$checkout"
(cd "$src/bindings/python" && tar -cf - --exclude=./build --exclude='*.egg-info' \
	--exclude=__pycache__ --exclude=./tests .) | (cd "$checkout" && tar -xf -)

# use VENV_PYTHON: imports the venv's coopedu from $work and works with it.
use() {
	(cd "$work" && "$1" - "$version" "$(dirname "$(dirname "$1")")" <<'PY'
import os, sys
import coopedu
version, venv = sys.argv[1], os.path.realpath(sys.argv[2])
where = os.path.realpath(coopedu.__file__)
assert where.startswith(venv + os.sep), f"imported {where}, not from the venv {venv}"
assert coopedu.__version__ == version, f"__version__ {coopedu.__version__}, expected {version}"
from importlib.metadata import version as dist_version
assert dist_version("coopedu") == version, f"pip installed coopedu {dist_version('coopedu')}"
with coopedu.open("memory:") as db:
    firm = db.partners.create(name="山东某航空材料有限公司", kind="enterprise")
    assert db.partners[firm.id].name == "山东某航空材料有限公司"
    funnel = db.report("outcome_funnel")
    try:
        import pandas
    except ImportError:
        pandas = None
    if pandas is not None:
        assert len(funnel.to_pandas()) == len(funnel)
print(f"ok: coopedu {coopedu.__version__} from {where}" + ("" if pandas is None else ", with pandas"))
PY
	)
}

step "a venv of its own (no system site packages)"
"$python" -m venv "$work/venv-plain"
# bdist_wheel comes from the wheel package, which a fresh venv lacks:
# Debian's python3-wheel-whl has it, offline.
"$work/venv-plain/bin/pip" install -q --no-index --find-links /usr/share/python-wheels wheel
"$work/venv-plain/bin/pip" install -q --no-index --no-build-isolation "$checkout" >"$work/pip-plain.log" 2>&1 ||
	{ cat "$work/pip-plain.log"; fail "pip install into a plain venv failed"; }
use "$work/venv-plain/bin/python"
if "$work/venv-plain/bin/python" -c 'import pandas' 2>/dev/null; then
	fail "the plain venv sees the system's packages"
fi

step "a venv with --system-site-packages (Debian's pandas)"
"$python" -m venv --system-site-packages "$work/venv-system"
"$work/venv-system/bin/pip" install -q --no-index --no-build-isolation "$checkout" >"$work/pip-system.log" 2>&1 ||
	{ cat "$work/pip-system.log"; fail "pip install into a --system-site-packages venv failed"; }
use "$work/venv-system/bin/python" | tee "$work/use-system.log"
grep -q "with pandas" "$work/use-system.log" || fail "pandas is not usable in the --system-site-packages venv"

step "pip: all passed"
