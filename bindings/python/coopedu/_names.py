"""How C names become Python names; shared with the build-time generator
(tools/gen_entities.py), so it imports nothing."""

from __future__ import annotations

# Words kept in capitals inside class names.
_ACRONYMS = {"io": "IO"}
# Mass nouns: their collection is named as the entity (db.platform_funding).
_UNCOUNTABLE = ("equipment", "funding")


def camel(name: str) -> str:
    """A class name: ``"subtopic_io"`` -> ``"SubtopicIO"``."""
    return "".join(_ACRONYMS.get(w, w.capitalize()) for w in name.split("_"))


def plural(name: str) -> str:
    """A collection name: ``"agreement_party"`` -> ``"agreement_parties"``;
    ``"platform_equipment"`` stays."""
    if name.endswith(_UNCOUNTABLE):
        return name
    if name.endswith("y") and name[-2:-1] not in "aeiou":
        return name[:-1] + "ies"
    if name.endswith(("s", "x", "ch", "sh")):
        return name + "es"
    return name + "s"
