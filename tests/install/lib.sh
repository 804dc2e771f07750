# Shared by the install, pip and package tests (sourced).

step() { printf '\n== %s\n' "$*"; }
fail() { echo "FAIL: $*" >&2; exit 1; }

# keep_build_manifest BUILD WORK: installing the build tree rewrites its
# install_manifest.txt, which `make uninstall` reads; put the user's back
# when the test ends, however it ends.
keep_build_manifest() {
	_kb_manifest="$1/install_manifest.txt"
	_kb_saved="$2/build-manifest.saved"
	if [ -f "$_kb_manifest" ]; then
		cp "$_kb_manifest" "$_kb_saved"
		trap 'cp "$_kb_saved" "$_kb_manifest"' EXIT
	else
		trap 'rm -f "$_kb_manifest"' EXIT
	fi
}
