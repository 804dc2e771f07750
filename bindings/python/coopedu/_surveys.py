"""A survey round's responses as one row per response and one column per
item (``Database.survey_table``), from the C library's
``ce_survey_round_table``; multiple-choice cells as lists or a column per
option.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from . import capi
from ._analytics import _ref
from ._columns import ColumnType
from ._tables import Table, table_from_c

if TYPE_CHECKING:
    from ._database import Database

CHOICES = ("list", "columns", "text")


def survey_table(db: Database, round: Any, choices: str) -> Table:
    if choices not in CHOICES:
        raise ValueError(f"survey_table: choices must be one of {', '.join(map(repr, CHOICES))}, "
                         f"got {choices!r}")
    rid = _ref(round, "survey_round", "survey_table: round")
    if rid == 0:
        raise TypeError("survey_table: a round is required (a SurveyRound or its id)")
    table = table_from_c(capi.ce_survey_round_table(db._handle(), rid))
    if choices == "text":
        return table
    rec = db.get("survey_round", rid)
    multiple = {}
    for item in db.query("survey_item", instrument=rec.instrument):
        if item.kind.token == "multiple_choice":
            opts = sorted(db.query("survey_option", item=item.id), key=lambda o: o.position)
            multiple[item.code] = [o.code for o in opts]
    if not multiple:
        return table
    columns: list[str] = []
    types: list[ColumnType] = []
    makers = []  # per output column: a function of the input row
    assert table.types is not None
    for i, (name, ctype) in enumerate(zip(table.columns, table.types)):
        codes = multiple.get(name)
        if codes is None:
            columns.append(name)
            types.append(ctype)
            makers.append(lambda row, i=i: row[i])
        elif choices == "list":
            columns.append(name)
            types.append(ctype)  # TEXT: an object column in pandas, holding lists
            makers.append(lambda row, i=i: None if row[i] is None else row[i].split(";"))
        else:
            for code in codes:
                columns.append(f"{name}_{code}")
                types.append(ColumnType.BOOL)
                makers.append(lambda row, i=i, code=code:
                              None if row[i] is None else code in row[i].split(";"))
    rows = [[make(row) for make in makers] for row in table]
    return Table(columns, rows, types=types, name=table.name)
