#!/usr/bin/env python3
"""The outcome funnel of a libcoopedu database, for an analyst.

    python3 examples/python/funnel.py [DB] [-o funnel.png] [--from DATE] [--to DATE]

Opens DB (default build/coopedu-demo.db, made by `make demo`) read-only,
runs the library's outcome_funnel report (invention patents filed,
granted, rejected, pending and turned into products, with the grant rate
and median days to grant; utility models; papers by status; spin-off
entrepreneurship projects and what they produced), prints it as funnel
steps and draws them into a PNG. --from/--to restrict it to outcomes filed
in that period.
"""

from __future__ import annotations

import argparse
import sys

import coopedu
from coopedu import Table

PAPERS = ("submitted", "accepted", "published", "rejected")


def funnel(db: coopedu.Database, period: tuple | None = None) -> Table:
    """One row per funnel step, (step, count, note), from the library's
    outcome_funnel report (one row; every value computed by libcoopedu)."""
    f = db.report("outcome_funnel", period=period)[0]
    granted = f"{f.grant_rate:.0%} of filed" if f.grant_rate is not None else ""
    if f.median_days_to_grant is not None:
        granted += f"; median {f.median_days_to_grant:.0f} days to grant"
    rows = [
        ("invention patents filed", f.patents_filed, ""),
        ("invention patents granted", f.patents_granted, granted),
        ("invention patents rejected", f.patents_rejected, ""),
        ("invention patents pending", f.patents_pending, "filed or published"),
        ("invention patents productised", f.patents_productised, "a product derives from them"),
    ]
    if f.utility_models_filed:
        rows += [("utility models filed", f.utility_models_filed, ""),
                 ("utility models granted", f.utility_models_granted, "")]
    rows += [(f"papers {s}", getattr(f, f"papers_{s}"), "current status")
             for s in PAPERS if getattr(f, f"papers_{s}")]
    rows += [("spin-off projects", f.spinoff_projects, "grew out of graduate work"),
             ("spin-off outputs", f.spinoff_outputs, "outcomes deriving from them")]
    return Table(("step", "count", "note"), rows, name="outcome_funnel")


def chart(table: Table, path: str) -> None:
    """A horizontal bar per funnel step, top to bottom."""
    import matplotlib
    matplotlib.use("Agg")  # files only, no display needed
    import matplotlib.pyplot as plt

    steps = table.column("step")[::-1]
    counts = table.column("count")[::-1]
    fig, ax = plt.subplots(figsize=(7, 0.5 * len(steps) + 1.2))
    bars = ax.barh(steps, counts, color="#3b6ea8")
    ax.bar_label(bars, padding=3)
    ax.set_xlabel("records")
    ax.set_title("Outcome funnel")
    ax.margins(x=0.12)
    fig.tight_layout()
    fig.savefig(path, dpi=120)
    plt.close(fig)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Print the outcome funnel and chart it.")
    ap.add_argument("db", nargs="?", default="build/coopedu-demo.db", help="the database")
    ap.add_argument("-o", "--output", default="funnel.png", help="where to write the chart")
    ap.add_argument("--from", dest="start", metavar="DATE", help="filed on or after (YYYY-MM-DD)")
    ap.add_argument("--to", dest="end", metavar="DATE", help="filed on or before (YYYY-MM-DD)")
    args = ap.parse_args(argv)
    period = (args.start, args.end) if args.start or args.end else None
    try:
        db = coopedu.open(args.db, readonly=True, create=False)
    except coopedu.NotFoundError:
        print(f"funnel: no database at {args.db} (run `make demo` first)", file=sys.stderr)
        return 1
    with db:
        try:
            table = funnel(db, period)
        except coopedu.InvalidError as e:  # a malformed date, or --from after --to
            print(f"funnel: {e}", file=sys.stderr)
            return 2
    print(table)
    chart(table, args.output)
    print(f"\nchart written to {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
