#!/usr/bin/env python3
"""Makes the fuzzers' seed corpus (tests/fuzz/corpus) from real exports:
the demo store (`coopedu demo`), then smaller stores made from it by
cascading deletes, each exported as JSON and as CSV sections ("#entity"
then the table), so that most seeds import. Run again after a schema
change:  python3 tests/fuzz/make_corpus.py build/examples/cli/coopedu
"""
import os
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))


def run(cli, db, *args):
    subprocess.run([cli, "--db", db, *args], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def export(cli, db, name, out):
    with tempfile.TemporaryDirectory() as tmp:
        js = os.path.join(tmp, "x.json")
        run(cli, db, "export", "-o", js)
        shutil.copy(js, os.path.join(out, "json", name + ".json"))
        run(cli, db, "export", "--format", "csv", "-o", tmp + "/")
        parts = []
        for f in sorted(os.listdir(tmp)):
            if f.endswith(".csv"):
                with open(os.path.join(tmp, f), "rb") as fh:
                    parts.append(b"#" + f[:-4].encode() + b"\n" + fh.read())
        with open(os.path.join(out, "csv", name + ".csv"), "wb") as fh:
            fh.write(b"".join(parts))


def main():
    cli = os.path.abspath(sys.argv[1])
    out = os.path.join(HERE, "corpus")
    for sub in ("json", "csv"):
        shutil.rmtree(os.path.join(out, sub), ignore_errors=True)
        os.makedirs(os.path.join(out, sub))
    with tempfile.TemporaryDirectory() as tmp:
        db = os.path.join(tmp, "demo.db")
        run(cli, db, "demo")
        export(cli, db, "demo", out)
        # ever smaller stores: cascading deletes of the records others hang on
        deletes = [("outcome", i) for i in (1, 5, 9, 13, 17)] + \
                  [("student", i) for i in (1, 4, 7, 10)] + \
                  [("subtopic", i) for i in (1, 3, 5)] + \
                  [("project", 2), ("platform", 1), ("platform", 3), ("agreement", 3),
                   ("supervisor", 6), ("supervisor", 3), ("project", 1), ("student", 12),
                   ("partner", 6), ("partner", 4), ("partner", 3)]
        for n, (entity, rid) in enumerate(deletes, 1):
            try:
                run(cli, db, "delete", entity, str(rid), "--cascade")
            except subprocess.CalledProcessError:
                continue  # already gone with an earlier cascade
            export(cli, db, "cut%02d-%s-%d" % (n, entity, rid), out)
        empty = os.path.join(tmp, "empty.db")
        run(cli, empty, "init")
        export(cli, empty, "empty", out)


if __name__ == "__main__":
    main()
