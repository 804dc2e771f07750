#!/usr/bin/env python3
"""The outcome funnel of a libcoopedu database, for an analyst.

    python3 examples/python/funnel.py [DB] [-o funnel.png]

Opens DB (default build/coopedu-demo.db, made by `make demo`) read-only,
prints the funnel (invention patents filed, granted, refused, pending and
turned into products, with the grant rate and median days to grant;
utility models; papers by status; spin-off entrepreneurship projects and
what they produced) and draws it into a PNG.

The funnel is computed here from the records; once libcoopedu exports its
analytics, the same table comes from the library (see coopedu._tables).
"""

from __future__ import annotations

import argparse
import statistics
import sys
from collections import Counter

import coopedu
from coopedu import OutcomeKind, OutcomeStatus, Table

SPIN_OFFS = (OutcomeKind.ENTREPRENEURSHIP_PROJECT, OutcomeKind.STARTUP)
PAPER_ORDER = (OutcomeStatus.SUBMITTED, OutcomeStatus.ACCEPTED, OutcomeStatus.PUBLISHED,
               OutcomeStatus.REJECTED, OutcomeStatus.WITHDRAWN)
PENDING = (OutcomeStatus.FILED, OutcomeStatus.PUBLISHED)


def patent_rows(db: coopedu.Database, kind: OutcomeKind, label: str) -> list[tuple]:
    """Filed, granted (rate, median days), refused, pending, productised."""
    patents = db.outcomes(kind=kind).all()
    if not patents and kind is not OutcomeKind.INVENTION_PATENT:
        return []
    days_to_grant = []
    for p in patents:
        moves = db.history(p, "status")  # oldest first: moves[0] is the filing
        grant = next((m.on for m in moves if m.to_state is OutcomeStatus.GRANTED), None)
        if grant is not None:
            days_to_grant.append((grant - moves[0].on).days)
    granted = len(days_to_grant)
    refused = sum(p.status in (OutcomeStatus.REJECTED, OutcomeStatus.WITHDRAWN) for p in patents)
    pending = sum(p.status in PENDING for p in patents)
    ids = {p.id for p in patents}
    productised = {d.from_outcome for d in db.outcome_derivations
                   if d.from_outcome in ids and db.outcomes[d.outcome].kind is OutcomeKind.PRODUCT}
    note = f"{granted / len(patents):.0%} of filed" if patents else ""
    if days_to_grant:
        note += f"; median {statistics.median(days_to_grant):.0f} days to grant"
    return [
        (f"{label} filed", len(patents), ""),
        (f"{label} granted", granted, note),
        (f"{label} rejected or withdrawn", refused, ""),
        (f"{label} pending", pending, "filed or published"),
        (f"{label} productised", len(productised), "a product derives from them"),
    ]


def funnel(db: coopedu.Database) -> Table:
    """One row per funnel step: (step, count, note)."""
    rows = patent_rows(db, OutcomeKind.INVENTION_PATENT, "invention patents")
    rows += patent_rows(db, OutcomeKind.UTILITY_MODEL_PATENT, "utility models")[:2]
    papers = Counter(p.status for p in db.outcomes(kind=OutcomeKind.PAPER))
    for status in PAPER_ORDER:
        if papers[status]:
            rows.append((f"papers {status}", papers[status], "current status"))
    spin_offs = [o for kind in SPIN_OFFS for o in db.outcomes(kind=kind)]
    spin_ids = {o.id for o in spin_offs}
    from_theses = sum(1 for o in spin_offs
                      if any(d.from_subtopic for d in db.outcome_derivations(outcome=o)))
    rows.append(("spin-off projects", len(spin_offs), f"{from_theses} grew out of a thesis subtopic"))
    produced = Counter(db.outcomes[d.outcome].kind.token for d in db.outcome_derivations
                       if d.from_outcome in spin_ids)
    rows.append(("spin-off outputs", sum(produced.values()),
                 ", ".join(f"{n} {k}" for k, n in sorted(produced.items()))))
    return Table(("step", "count", "note"), rows)


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
    args = ap.parse_args(argv)
    try:
        db = coopedu.open(args.db, readonly=True, create=False)
    except coopedu.NotFoundError:
        print(f"funnel: no database at {args.db} (run `make demo` first)", file=sys.stderr)
        return 1
    with db:
        table = funnel(db)
    print(table)
    chart(table, args.output)
    print(f"\nchart written to {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
