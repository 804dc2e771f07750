#!/usr/bin/env bash
# Installs the Debian packages libcoopedu needs to build, test and bind.
# Fast and offline when everything is present: apt is only touched for
# packages dpkg does not report as installed.
set -euo pipefail

packages=(
	build-essential cmake pkg-config
	libsqlite3-dev check libsubunit-dev valgrind abigail-tools
	swig python3-dev python3-pytest python3-hypothesis python3-pandas python3-matplotlib
	libjansson-dev libyajl-dev libcsv-dev libxlsxwriter-dev libpq-dev postgresql
	python3-setuptools python3-pip python3-venv python3-wheel-whl dpkg-dev fakeroot lintian
	python3-openpyxl python3-sqlalchemy
	clang gcovr
)

if ! command -v dpkg-query >/dev/null 2>&1; then
	echo "setup: not a Debian system; install the equivalents of: ${packages[*]}" >&2
	exit 0
fi

missing=()
for pkg in "${packages[@]}"; do
	status=$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)
	[[ $status == "install ok installed" ]] || missing+=("$pkg")
done
if ((${#missing[@]} == 0)); then
	echo "setup: all ${#packages[@]} packages present"
	exit 0
fi

sudo=()
if [[ $(id -u) -ne 0 ]]; then
	if command -v sudo >/dev/null 2>&1; then
		sudo=(sudo)
	else
		echo "setup: missing ${missing[*]}, and not root and no sudo" >&2
		exit 1
	fi
fi

echo "setup: installing ${missing[*]}"
apt=("${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get -q -y)
"${apt[@]}" update
"${apt[@]}" install --no-install-recommends "${missing[@]}"
