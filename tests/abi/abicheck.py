#!/usr/bin/env python3
"""The ABI of libcoopedu against its last release (libabigail).

  abicheck.py dump LIB INCLUDE_DIR OUT_PREFIX
      writes OUT_PREFIX.abi (abidw, public types only) and
      OUT_PREFIX.versions (each versioned struct: name, version macro, value)
  abicheck.py check BASELINE_DIR MAJOR LIB INCLUDE_DIR WORK_DIR
      compares LIB with the newest BASELINE_DIR/libcoopedu-MAJOR.*.abi

A check fails on any change abidiff reports (a removed symbol, a changed
function or variable type, a changed public struct) except two kinds of
addition: new functions and variables, and members appended at the end of
a versioned struct (one whose first member is `unsigned int version` set
from a CE_*_VERSION macro), and then only if that macro grew: the library
tells an old caller's structure from a new one by that number alone.
"""
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET

STRUCT = re.compile(r"^typedef struct (\w+) \{")
VERSION_MEMBER = re.compile(r"^\s*unsigned int version;.*#(CE_\w+_VERSION)\b")
DEFINE = re.compile(r"^#define (CE_\w+_VERSION) (\d+)")


def versioned_structs(include_dir):
    """{struct name: (macro, value)} from the public headers."""
    found, defines = {}, {}
    for root, _, files in os.walk(include_dir):
        for name in sorted(files):
            if not name.endswith(".h"):
                continue
            pending = None
            with open(os.path.join(root, name), encoding="utf-8") as f:
                for line in f:
                    m = DEFINE.match(line)
                    if m:
                        defines[m.group(1)] = int(m.group(2))
                    m = STRUCT.match(line)
                    if m:
                        pending = m.group(1)
                        continue
                    if pending and line.strip():
                        m = VERSION_MEMBER.match(line)
                        if m:
                            found[pending] = m.group(1)
                        pending = None
    missing = [macro for macro in found.values() if macro not in defines]
    if missing:
        sys.exit(f"abicheck: no #define for {', '.join(missing)}")
    return {name: (macro, defines[macro]) for name, macro in found.items()}


def read_versions(path):
    out = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip() and not line.startswith("#"):
                name, macro, value = line.split()
                out[name] = (macro, int(value))
    return out


def struct_layouts(abi_path):
    """{struct name: (size in bits, [(member, offset in bits), ...])}"""
    layouts = {}
    for el in ET.parse(abi_path).iter("class-decl"):
        name, size = el.get("name"), el.get("size-in-bits")
        if name and size and el.get("is-declaration-only") != "yes":
            members = []
            for dm in el.iter("data-member"):
                var = dm.find("var-decl")
                members.append((var.get("name") if var is not None else "?",
                                int(dm.get("layout-offset-in-bits", "-1"))))
            layouts[name] = (int(size), members)
    return layouts


def abidw(lib, include_dir, out):
    subprocess.run(["abidw", "--headers-dir", include_dir, "--drop-private-types",
                    "--no-show-locs", "--no-corpus-path", "--no-comp-dir-path",
                    "--out-file", out, lib], check=True)


def dump(lib, include_dir, prefix):
    abidw(lib, include_dir, prefix + ".abi")
    with open(prefix + ".versions", "w", encoding="utf-8") as f:
        f.write("# struct  version-macro  value: the versioned structs of this release\n")
        for name, (macro, value) in sorted(versioned_structs(include_dir).items()):
            f.write(f"{name} {macro} {value}\n")
    print(f"wrote {prefix}.abi and {prefix}.versions")


def newest_baseline(baseline_dir, major):
    pat = re.compile(rf"^libcoopedu-({major}\.\d+\.\d+)\.abi$")
    found = []
    for name in os.listdir(baseline_dir):
        m = pat.match(name)
        if m:
            found.append((tuple(int(p) for p in m.group(1).split(".")), name))
    if not found:
        sys.exit(f"abicheck: no baseline libcoopedu-{major}.*.abi in {baseline_dir}")
    return os.path.join(baseline_dir, max(found)[1][:-len(".abi")])


def check(baseline_dir, major, lib, include_dir, work):
    base = newest_baseline(baseline_dir, major)
    os.makedirs(work, exist_ok=True)
    current = os.path.join(work, "current.abi")
    abidw(lib, include_dir, current)
    now = versioned_structs(include_dir)
    then = read_versions(base + ".versions")
    print(f"baseline {os.path.basename(base)}.abi, {len(now)} versioned structs")

    status = 0
    # A versioned struct may grow at its end, under a bigger version macro,
    # its old members where they were. Only such a struct's growth is then
    # left out of abidiff's report.
    old, new = struct_layouts(base + ".abi"), struct_layouts(current)
    grown = []
    for name, (macro, value) in sorted(now.items()):
        # unchanged, or (same size) a member added in the old tail padding
        if name not in old or name not in new or new[name] == old[name]:
            continue
        (old_size, old_members), (new_size, new_members) = old[name], new[name]
        was = then.get(name, (macro, None))[1]
        if was is None or value <= was:
            print(f"FAIL: struct {name} changed size ({old_size} -> {new_size} bits)"
                  f" but {macro} is still {value}: bump it and read the new members only"
                  f" from callers declaring the new version", file=sys.stderr)
            status = 1
        elif new_size < old_size or new_members[:len(old_members)] != old_members:
            print(f"FAIL: struct {name} changed its members {old_members} -> {new_members}:"
                  f" a versioned struct only grows at its end", file=sys.stderr)
            status = 1
        else:
            print(f"ok: struct {name} grew at its end under {macro} {was} -> {value}")
            grown.append(name)

    supp = os.path.join(work, "versioned.abignore")
    with open(supp, "w", encoding="utf-8") as f:
        for name in grown:
            size_change = "yes" if new[name][0] != old[name][0] else "no"
            f.write(f"[suppress_type]\n  type_kind = struct\n  name = {name}\n"
                    f"  has_data_member_inserted_at = end\n  has_size_change = {size_change}\n\n")
    # The dumps hold public types only (abidw --headers-dir).
    diff = subprocess.run(["abidiff", "--no-added-syms", "--suppressions", supp,
                           base + ".abi", current],
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    print(diff.stdout, end="")
    if diff.returncode != 0:
        kind = "incompatible" if diff.returncode & 8 else "changed"
        print(f"FAIL: abidiff exit {diff.returncode}: the ABI {kind} since "
              f"{os.path.basename(base)} (README: Versions and compatibility)", file=sys.stderr)
        status = 1
    if status == 0:
        print(f"ok: the ABI of {os.path.basename(base)} is kept")
    return status


def main(argv):
    if len(argv) == 5 and argv[1] == "dump":
        dump(*argv[2:])
        return 0
    if len(argv) == 7 and argv[1] == "check":
        return check(*argv[2:])
    sys.exit(__doc__)


if __name__ == "__main__":
    sys.exit(main(sys.argv))
