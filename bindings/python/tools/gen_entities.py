#!/usr/bin/env python3
"""Generates coopedu/_entities.py and its stub _entities.pyi at build time.

Two sources, each authoritative for its part:
- the built extension's introspection (ce_entity_*, ce_column_*, the
  schema helpers): which entities and columns exist, their types and tokens;
- the public headers: the documentation (header briefs, spec-field
  comments, enum and flag comments) and the C names of enum types.

usage: gen_entities.py --module path/to/_capi.so --headers include/coopedu --out DIR
"""

from __future__ import annotations

import argparse
import importlib.util
import keyword
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.dont_write_bytecode = True  # never leave __pycache__ in the source tree


def load(name: str, path: Path):
    spec = importlib.util.spec_from_file_location(name, path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


names = load("coopedu_names", HERE.parent / "coopedu" / "_names.py")
camel, plural = names.camel, names.plural

# C column types (record.h), and how they read in Python.
TYPE_NAMES = {1: "INT", 2: "REAL", 3: "TEXT", 4: "DATE", 5: "BOOL", 6: "ENUM", 7: "FLAGS",
              8: "REF", 9: "MONEY"}
PY_TYPES = {"INT": "int", "REAL": "float", "TEXT": "str", "DATE": "datetime.date", "BOOL": "bool",
            "REF": "int", "MONEY": "int"}
IN_TYPES = {"INT": "int", "REAL": "float", "TEXT": "str", "DATE": "datetime.date | str",
            "BOOL": "bool", "MONEY": "int"}
NEVER_NULL = {"INT", "REAL", "MONEY", "BOOL", "FLAGS"}  # the core stores 0 for them
COL_REQUIRED, COL_UNIQUE, COL_LIFECYCLE = 0x01, 0x02, 0x08


# ---- header documentation -------------------------------------------------------------

def clean(text: str | None) -> str:
    """A Doxygen comment body as plain one-paragraph text."""
    if not text:
        return ""
    lines = [re.sub(r"^\s*\*?\s?", "", line) for line in text.strip().splitlines()]
    text = " ".join(line.strip() for line in lines if line.strip())
    text = re.sub(r"[#](\w)", r"\1", text)
    text = re.sub(r"@[cp]\s+(\w+)", r"\1", text)
    return text.strip()


DOC = r"(?:/\*\*((?:(?!\*/).)*?)\*/\s*)?"


class Headers:
    def __init__(self, directory: Path) -> None:
        self.enums: dict[str, tuple[str, dict[int, tuple[str, str]]]] = {}
        self.flags: dict[str, tuple[int, str]] = {}  # define name -> (bit, doc)
        self.flag_groups: dict[str, str] = {}        # define name -> group doc
        self.specs: dict[str, tuple[str, dict[str, tuple[str, str]], str]] = {}
        for path in sorted(directory.glob("*.h")):
            self._parse(path.read_text(encoding="utf-8"))

    def _parse(self, text: str) -> None:
        m = re.search(r"@brief\s+(.*?)(?:\n\s*\*\s*\n|\*/|\n\s*\*\s*@)", text, re.S)
        brief = clean(m.group(1)) if m else ""
        for m in re.finditer(DOC + r"typedef enum (ce_\w+)\s*\{(.*?)\}\s*\2\s*;", text, re.S):
            members = {}
            for mm in re.finditer(r"(CE_\w+)\s*=\s*(-?\d+)\s*,?[ \t]*(?:/\*\*<\s*(.*?)\s*\*/)?",
                                  m.group(3)):
                members[int(mm.group(2))] = (mm.group(1), clean(mm.group(3)))
            self.enums[m.group(2)] = (clean(m.group(1)), members)
        group_doc = ""
        for m in re.finditer(r"/\*\*((?:(?!\*/).)*?@name(?:(?!\*/).)*?)\*/|"
                             r"#define (CE_\w+)\s+\(1u << (\d+)\)[ \t]*(?:/\*\*<\s*(.*?)\s*\*/)?",
                             text, re.S):
            if m.group(1) is not None:
                body = m.group(1)
                group_doc = clean(re.sub(r"^.*?@name[^\n]*\n", "", body, flags=re.S))
            else:
                self.flags[m.group(2)] = (int(m.group(3)), clean(m.group(4)))
                self.flag_groups[m.group(2)] = group_doc
        for m in re.finditer(DOC + r"typedef struct ce_(\w+)_spec\s*\{(.*?)\}\s*ce_\2_spec\s*;",
                             text, re.S):
            fields = {}
            for fm in re.finditer(r"^\s*(?:const\s+)?((?:unsigned\s+)?\w+)(?:\s*\*\s*|\s+)(\w+)\s*;"
                                  r"[ \t]*(?:/\*\*<\s*(.*?)\s*\*/)?", m.group(3), re.M):
                fields[fm.group(2)] = (fm.group(1), clean(fm.group(3)))
                # a field named otherwise than its column: '... (column "version")'
                if col := re.search(r'\s*\(column "(\w+)"\)', fields[fm.group(2)][1]):
                    doc = fields[fm.group(2)][1].replace(col.group(0), "")
                    fields[col.group(1)] = (fm.group(1), doc)
            self.specs[m.group(2)] = (clean(m.group(1)), fields, brief)


# ---- the model ------------------------------------------------------------------------------

class EnumClass:
    def __init__(self, name: str, flag: bool, doc: str, members: list[tuple[str, int, str]]):
        self.name, self.flag, self.doc, self.members = name, flag, doc, members


class Column:
    def __init__(self, name: str, ctype: str, flags: int, ref: str | None,
                 enum: EnumClass | None, doc: str) -> None:
        self.name, self.ctype, self.flags, self.ref, self.enum, self.doc = \
            name, ctype, flags, ref, enum, doc

    @property
    def py_type(self) -> str:
        return self.enum.name if self.enum else PY_TYPES[self.ctype]

    @property
    def optional(self) -> bool:
        return not (self.flags & COL_REQUIRED) and self.ctype not in NEVER_NULL

    def in_type(self, classes: dict[str, str]) -> str:
        if self.ctype == "ENUM":
            return f"{self.enum.name} | int | str"
        if self.ctype == "FLAGS":
            return f"{self.enum.name} | int | str | Iterable[{self.enum.name} | str]"
        if self.ctype == "REF":
            return f"int | {classes[self.ref]}"
        return IN_TYPES[self.ctype]

    def describe(self) -> str:
        ref = self.ref or ""
        traits = [self.py_type if self.ctype != "REF" else
                  f"id of {'an' if ref[:1] in 'aeiou' else 'a'} {ref.replace('_', ' ')}"]
        if self.ctype == "MONEY":
            traits[0] += " (minor units)"
        if self.flags & COL_REQUIRED:
            traits.append("required")
        if self.flags & COL_UNIQUE:
            traits.append("unique")
        if self.flags & COL_LIFECYCLE:
            traits.append("lifecycle: change with Database.transition()")
        text = ", ".join(traits)
        doc = pythonic(self.doc, self.ctype)
        return f"{text}. {doc}" if doc else text


def pythonic(doc: str, ctype: str) -> str:
    """A spec-field comment read for Python: the traits already say
    required/unique/lifecycle, None (not 0) means unset, and lifecycles
    move with Database.transition(), not the typed C setters."""
    d = re.sub(r";?\s*change with ce_\w+\(\)", "", doc)
    d = re.sub(r"^lifecycle(?:[;,]\s*|$)", "", d)
    d = re.sub(r"^required(?:[:;,]\s*|$)", "", d)
    d = re.sub(r"^unique(?:[:;,]\s*|$)", "", d)
    if ctype not in NEVER_NULL:
        d = re.sub(r"\b0(?= (?:if|while|on create|when|for)\b)", "None", d)
        d = re.sub(r"(?<=\bor )0(?=[;,]|$)|\b0(?= otherwise\b)", "None", d)
    d = re.sub(r"CE_([A-Z]+)_\* bits", lambda m: camel(m.group(1).lower()) + " bits", d)
    return d.strip()


class Entity:
    def __init__(self, number: int, name: str, doc: str, links: tuple[str, ...],
                 columns: list[Column]) -> None:
        self.number, self.name, self.doc, self.links, self.columns = \
            number, name, doc, links, columns
        self.cls = camel(name)
        self.plural = plural(name)


def sentence(text: str) -> str:
    text = text.strip()
    if not text:
        return text
    text = text[0].upper() + text[1:]
    return text if text.endswith((".", "!", "?", ")")) else text + "."


def build(capi, headers: Headers) -> tuple[list[Entity], list[EnumClass]]:
    enums: dict[str, EnumClass] = {}
    entities = []
    number = 1
    while (name := capi.ce_entity_name(number)) is not None:
        spec_doc, fields, brief = headers.specs.get(name, ("", {}, ""))
        columns = []
        for i in range(capi.ce_entity_column_count(number)):
            cname = capi.ce_column_name(number, i)
            ctype = TYPE_NAMES[capi.ce_column_type_of(number, i)]
            ftype, fdoc = fields.get(cname, ("", ""))
            ref = enum = None
            if ctype == "REF":
                ref = capi.ce_entity_name(capi.ce_column_ref(number, i))
            elif ctype in ("ENUM", "FLAGS"):
                enum = make_enum(capi, headers, number, name, i, cname, ctype, ftype)
                if enum.name in enums and [m[:2] for m in enums[enum.name].members] != \
                        [m[:2] for m in enum.members]:
                    enum.name = camel(name) + enum.name  # same C-derived name, other tokens
                enum = enums.setdefault(enum.name, enum)
            columns.append(Column(cname, ctype, capi.coopedu_column_flags(number, i), ref, enum,
                                  fdoc))
        doc = [sentence(capi.coopedu_entity_doc(number) or name)]
        if spec_doc and not re.fullmatch(r"An? [\w ]+'s fields\.", spec_doc):
            doc.append(sentence(spec_doc))
        if brief:
            doc.append(sentence(brief))
        entities.append(Entity(number, name, "\n\n".join(doc),
                               tuple(capi.coopedu_entity_links(number)), columns))
        number += 1
    classes = {e.cls for e in entities}
    for en in enums.values():
        if en.name in classes:
            sys.exit(f"gen_entities: enum class {en.name} clashes with an entity class")
    return entities, list(enums.values())


def member_name(token: str) -> str:
    name = token.upper()
    if not name.isidentifier() or keyword.iskeyword(name):
        name = "_" + name
    return name


def make_enum(capi, headers, number, entity, col, cname, ctype, ftype) -> EnumClass:
    if ctype == "ENUM":
        tokens = {}
        for v in range(1, 64):
            tok = capi.ce_column_token(number, col, v)
            if tok is None:
                break
            tokens[v] = tok
        cdoc, cmembers = headers.enums.get(ftype, ("", {}))
        name = camel(ftype[3:]) if ftype in headers.enums else camel(entity) + camel(cname)
        members = [(member_name(t), v, cmembers.get(v, ("", ""))[1]) for v, t in tokens.items()]
        return EnumClass(name, False, cdoc, members)
    tokens = {}
    for bit in range(0, 63):
        tok = capi.ce_column_token(number, col, bit)
        if tok is None:
            break
        tokens[bit] = tok
    # The C constants are CE_<PREFIX>_<TOKEN>; the prefix names the class.
    prefix, doc = None, ""
    for define, (bit, _) in headers.flags.items():
        if bit == 0 and tokens and define.endswith("_" + tokens[0].upper()):
            prefix = define[: -len(tokens[0]) - 1]
            doc = headers.flag_groups.get(define, "")
            break
    name = camel(prefix[3:].lower()) if prefix else camel(entity) + camel(cname)
    members = []
    for bit, tok in tokens.items():
        fdoc = headers.flags.get(f"{prefix}_{tok.upper()}", (0, ""))[1] if prefix else ""
        members.append((member_name(tok), 1 << bit, fdoc))
    return EnumClass(name, True, doc, members)


# ---- output ---------------------------------------------------------------------------------

def docstring(text: str, indent: str) -> str:
    text = text.replace("\\", "\\\\").replace('"""', '\\"\\"\\"')
    lines = []
    for para in text.split("\n\n"):
        if lines:
            lines.append("")
        for line in para.split("\n"):
            lines.extend(wrap(line, 92 - len(indent)))
    if len(lines) == 1:
        return f'{indent}"""{lines[0]}"""\n'
    body = "\n".join(f"{indent}{l}" if l else "" for l in lines[1:])
    return f'{indent}"""{lines[0]}\n{body}\n{indent}"""\n'


def wrap(line: str, width: int) -> list[str]:
    import textwrap
    lead = len(line) - len(line.lstrip())
    return textwrap.wrap(line, width, subsequent_indent=" " * (lead + 2 if line.lstrip().startswith("- ") else lead),
                         break_long_words=False, break_on_hyphens=False) or [""]


def enum_doc(en: EnumClass) -> str:
    doc = sentence(en.doc) if en.doc else f"Values of {en.name}."
    items = "\n".join(f"- {m}{' (' + str(v) + ')' if not en.flag else ''}" +
                      (f": {d}" if d else "") for m, v, d in en.members)
    return f"{doc}\n\n{items}"


def entity_doc(e: Entity) -> str:
    cols = "\n".join(f"- {c.name}: {c.describe()}" for c in e.columns)
    text = f"{e.doc}\n\nColumns (besides id):\n{cols}"
    if e.links:
        text += f"\n\nAlso filterable by: {', '.join(e.links)} (ids)."
    return text


def emit_py(entities: list[Entity], enums: list[EnumClass], version: str) -> str:
    out = [
        f'"""The entities of libcoopedu {version}: record classes, their enums, and the\n'
        "collections of a database.\n\n"
        "Generated at build time by bindings/python/tools/gen_entities.py from the\n"
        'public headers and the library\'s introspection. Do not edit."""\n\n'
        "from __future__ import annotations\n\n"
        "from typing import TYPE_CHECKING, Any\n\n"
        "from ._columns import TokenEnum, TokenFlag\nfrom ._records import Record\n\n"
        "if TYPE_CHECKING:\n    from ._query import Collection\n\n"
    ]
    names = [en.name for en in enums] + [e.cls for e in entities]
    out.append("__all__ = [\n" + "".join(f'    "{n}",\n' for n in names) + "]\n\n")
    for en in enums:
        out.append(f"\nclass {en.name}({'TokenFlag' if en.flag else 'TokenEnum'}):\n")
        out.append(docstring(enum_doc(en), "    "))
        out.append("\n")
        for m, v, _ in en.members:
            out.append(f"    {m} = {v}\n")
        out.append("\n")
    for e in entities:
        out.append(f'\nclass {e.cls}(Record, entity="{e.name}"):\n')
        out.append(docstring(entity_doc(e), "    "))
        out.append("\n    __slots__ = ()\n")
        out.append("    _column_docs = {\n")
        for c in e.columns:
            out.append(f"        {c.name!r}: {c.describe()!r},\n")
        out.append("    }\n")
        enum_cols = [c for c in e.columns if c.enum]
        if enum_cols:
            out.append("    _column_enums = {" +
                       ", ".join(f"{c.name!r}: {c.enum.name}" for c in enum_cols) + "}\n")
        out.append("\n")
    out.append("\nclass EntityCollections:\n")
    out.append(docstring("One collection per entity, as attributes of Database "
                         "(db.partners, db.projects, ...).", "    "))
    out.append("\n    __slots__ = ()\n\n    def _collection(self, cls: Any) -> Any:\n"
               "        raise NotImplementedError\n")
    for e in entities:
        out.append(f"\n    @property\n    def {e.plural}(self) -> Collection[{e.cls}]:\n")
        out.append(docstring(f"Every {e.name.replace('_', ' ')} record: "
                             f"{e.doc.split(chr(10))[0]}", "        "))
        out.append(f"        return self._collection({e.cls})  # type: ignore[no-any-return]\n")
    return "".join(out)


def emit_pyi(entities: list[Entity], enums: list[EnumClass]) -> str:
    classes = {e.name: e.cls for e in entities}
    out = [
        "# Stubs for the generated coopedu._entities (precise attribute and\n"
        "# constructor types; at run time they come from the C introspection).\n"
        "import datetime\nfrom typing import Iterable\n\n"
        "from ._query import Collection\nfrom ._columns import TokenEnum, TokenFlag\nfrom ._records import Record\n\n"
    ]
    names = [en.name for en in enums] + [e.cls for e in entities]
    out.append("__all__ = [\n" + "".join(f'    "{n}",\n' for n in names) + "]\n")
    for en in enums:
        out.append(f"\nclass {en.name}({'TokenFlag' if en.flag else 'TokenEnum'}):\n")
        for m, v, _ in en.members:
            out.append(f"    {m} = {v}\n")
    for e in entities:
        out.append(f"\nclass {e.cls}(Record):\n")
        for c in e.columns:
            t = c.py_type + (" | None" if c.optional else "")
            out.append(f"    {c.name}: {t}\n")
        params = ", ".join(f"{c.name}: {c.in_type(classes)} | None = ..." for c in e.columns)
        out.append(f"    def __init__(self, *, id: int | None = ..., {params}) -> None: ...\n")
    out.append("\nclass EntityCollections:\n")
    for e in entities:
        out.append(f"    @property\n    def {e.plural}(self) -> Collection[{e.cls}]: ...\n")
    return "".join(out)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--module", required=True, type=Path, help="the built _capi extension")
    ap.add_argument("--headers", required=True, type=Path, help="include/coopedu")
    ap.add_argument("--out", required=True, type=Path, help="the package directory to write into")
    args = ap.parse_args()
    capi = load("_capi", args.module)
    entities, enums = build(capi, Headers(args.headers))
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "_entities.py").write_text(emit_py(entities, enums, capi.ce_version_string()),
                                           encoding="utf-8")
    (args.out / "_entities.pyi").write_text(emit_pyi(entities, enums), encoding="utf-8")


if __name__ == "__main__":
    main()
