#!/usr/bin/env python3
"""check_labels.py CTEST BUILD_DIR: every test that needs the PostgreSQL test
server carries the label `postgresql`, so that `ctest -LE postgresql` runs
none of them. Needing the server: requiring, setting up or cleaning up the
ctest fixture `pg`, or running through tests/pg/with_pg.sh. Reads the
registered tests from `ctest --show-only=json-v1`."""
import json
import subprocess
import sys


def main():
    ctest, build = sys.argv[1:3]
    out = subprocess.run([ctest, "--show-only=json-v1"], cwd=build, capture_output=True,
                         text=True, check=True).stdout
    bad = []
    tests = json.loads(out)["tests"]
    for t in tests:
        props = {p["name"]: p["value"] for p in t.get("properties", [])}
        fixtures = [props.get(k, []) for k in ("FIXTURES_REQUIRED", "FIXTURES_SETUP",
                                                "FIXTURES_CLEANUP")]
        needs = any("pg" in f for f in fixtures) or any("with_pg.sh" in a
                                                          for a in t.get("command", []))
        if needs and "postgresql" not in props.get("LABELS", []):
            bad.append(t["name"])
    if bad:
        print("tests needing the PostgreSQL server without the label postgresql: " +
              ", ".join(bad))
        return 1
    print(f"{len(tests)} tests, every one needing the PostgreSQL server labelled postgresql")
    return 0


if __name__ == "__main__":
    sys.exit(main())
