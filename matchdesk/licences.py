"""Driving licences as one thing: the categories a candidate holds (or a vacancy requires) and code 95.

The canonical representation is the licence field (``Candidate.driving_licences``, ``Vacancy.driving_licence``):
a comma list of codes in the fixed order of ``CODES`` ("B,CE,95"), or ``NONE`` ("geen": known to hold none),
or empty (not recorded: unknown). A skill that is a driving licence (the vocabulary's ``licence``: "Rijbewijs
CE", "C-rijbewijs", "code 95") is moved into that field when it is saved (editor, import, demo, migration
0009), so a profile, the match explanation and the knock-out all read the same codes. A heftruckcertificaat
is not a driving licence.

What a category includes is Dutch (EU directive 2006/126) law, not a regional weight: ``IMPLIES`` (CE holds
C, C1E, C1, BE, B and AM). Code 95 (vakbekwaamheid beroepschauffeur) is a qualification noted on the licence:
it includes nothing and nothing includes it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any, Protocol

from matchdesk.errors import ValidationError

CODE95 = "95"
CATEGORIES = ("AM", "A1", "A2", "A", "B", "BE", "C1", "C1E", "C", "CE", "D1", "D1E", "D", "DE", "T")
CODES = (*CATEGORIES, CODE95)
NONE = "geen"  # the field's value for "holds no driving licence" (known); empty means not recorded

# What holding a category includes (directly; ``closure`` follows the chain).
IMPLIES: dict[str, frozenset[str]] = {
    "A1": frozenset({"AM"}), "A2": frozenset({"A1"}), "A": frozenset({"A2"}),
    "B": frozenset({"AM"}), "BE": frozenset({"B"}),
    "C1": frozenset({"B"}), "C1E": frozenset({"C1", "BE"}), "C": frozenset({"C1"}), "CE": frozenset({"C", "C1E"}),
    "D1": frozenset({"B"}), "D1E": frozenset({"D1", "BE"}), "D": frozenset({"D1"}), "DE": frozenset({"D", "D1E"}),
}

_NONE_WORDS = {"GEEN", "NEE", "-", "NONE", "GEEN RIJBEWIJS", "N.V.T.", "N.V.T", "NVT"}
_CODE95 = re.compile(r"\b(?:CODE\s*[-.]?\s*95|95)\b")
_PREFIX = re.compile(r"^(?:RIJBEWIJS|RIJBEWIJZEN|RIJB\.?)[\s-]*")


def order(codes: Iterable[str]) -> list[str]:
    return sorted(set(codes), key=CODES.index)


def closure(codes: Iterable[str], extra: dict[str, frozenset[str]] | None = None) -> frozenset[str]:
    """The codes held, with every category they include (transitively). ``extra``: a region's additions."""
    held = set(codes)
    todo = list(held)
    while todo:
        code = todo.pop()
        for implied in IMPLIES.get(code, frozenset()) | (extra or {}).get(code, frozenset()):
            if implied not in held:
                held.add(implied)
                todo.append(implied)
    return frozenset(held)


def minimal(codes: Iterable[str]) -> list[str]:
    """The codes not included by another of them ("B,C,CE" -> "CE"): what a requirement needs to name."""
    codes = set(codes)
    covered = set().union(*(closure({c}) - {c} for c in codes)) if codes else set()
    return order(codes - covered)


def parse(value: object, field: str = "rijbewijs") -> tuple[frozenset[str], bool]:
    """(codes, known) from what a person types or the field holds: "b, C", "rijbewijs CE", "C+E; code 95",
    "geen". Empty is (∅, False): not recorded. ValidationError names an unknown category."""
    text = "" if value is None else str(value).strip().upper()
    if not text:
        return frozenset(), False
    if text in _NONE_WORDS:
        return frozenset(), True
    text = _CODE95.sub(" 95 ", text).replace("C+E", "CE").replace("D+E", "DE").replace("B+E", "BE")
    parts = []
    for part in re.split(r"[,;/\s]+", text):
        part = _PREFIX.sub("", part.strip()).removesuffix("-RIJBEWIJS").strip("-.")
        if part and part not in ("RIJBEWIJS", "CODE", "EN", "GEEN"):
            parts.append(part)
    unknown = [p for p in parts if p not in CODES]
    if unknown:
        raise ValidationError(field, value, f"{field}: onbekende rijbewijscategorie {', '.join(unknown)}")
    return frozenset(parts), True


def to_field(codes: Iterable[str], known: bool = True) -> str:
    """The field's stored form: "B,CE,95", "geen" or ""."""
    listed = order(codes)
    if listed:
        return ",".join(listed)
    return NONE if known else ""


def normalize(value: object, field: str = "rijbewijs") -> str:
    codes, known = parse(value, field)
    return to_field(codes, known)


def normalize_requirement(value: object, field: str = "rijbewijs_vereist") -> str | None:
    """A vacancy's required licences: the least that names them ("B,CE" -> "CE"); "geen" or empty: None."""
    codes, _known = parse(value, field)
    return ",".join(minimal(codes)) or None


def merge(value: object, codes: Iterable[str]) -> str:
    """The field ``value`` with ``codes`` added (a licence typed as a skill joins the declared ones)."""
    held, known = parse(value)
    added = set(codes)
    return to_field(held | added, known or bool(added))


def name(code: str) -> str:
    """How a sentence names a code: "rijbewijs CE", "code 95"."""
    return "code 95" if code == CODE95 else f"rijbewijs {code}"


def display(value: object) -> str:
    """The field as a profile shows it: "CE, code 95 (omvat ook C, C1E, C1, BE, B, AM)", "geen", "onbekend"."""
    try:
        codes, known = parse(value)
    except ValidationError:
        return str(value)
    if not codes:
        return NONE if known else "onbekend"
    shown = ", ".join("code 95" if c == CODE95 else c for c in order(codes))
    implied = closure(codes) - codes
    if implied:
        shown += " (omvat ook " + ", ".join(sorted(implied, key=lambda c: -CODES.index(c))) + ")"
    return shown


# --- licence skills -------------------------------------------------------------------------------------------

class _Vocabulary(Protocol):
    def lookup(self, text: str) -> Any: ...

    def get(self, skill_id: str) -> Any: ...


def skill_code(text: str | None, vocabulary: _Vocabulary | None = None, skill_id: str | None = None) -> str | None:
    """The code of a skill that is a driving licence (or code 95): by its vocabulary id, its text as a label or
    synonym, or a typed form such as "rijbewijs C1E"; None for every other skill (heftruckcertificaat)."""
    if vocabulary is None:
        from matchdesk.vocabulary import load_vocabulary

        vocabulary = load_vocabulary()
    known = vocabulary.get(skill_id) if skill_id else None
    if known is None and text:
        known = vocabulary.lookup(text)
    if known is not None:
        return known.licence
    match = re.fullmatch(r"(?:rijbewijs|rijb)\s*[- ]?\s*([a-z]{1,2}[0-9]?e?)|([a-z]{1,2}[0-9]?e?)\s*[- ]?rijbewijs",
                         (text or "").strip().lower())
    if match:
        code = (match.group(1) or match.group(2)).upper()
        return code if code in CODES else None
    return None


def split_skills(skills: Sequence[Any], vocabulary: _Vocabulary | None = None,
                 text=lambda s: s.text, skill_id=lambda s: None) -> tuple[list[Any], list[str]]:
    """(the skills that are not licences, the licence codes among them)."""
    kept, codes = [], []
    for skill in skills:
        code = skill_code(text(skill), vocabulary, skill_id(skill))
        if code is None:
            kept.append(skill)
        else:
            codes.append(code)
    return kept, codes


def absorb(skills: Sequence[Any], values: dict[str, object], vocabulary: _Vocabulary | None = None,
           field: str = "driving_licences") -> tuple[list[Any], dict[str, object]]:
    """A new candidate's skills without the licence skills, and its values with those licences in ``field``."""
    kept, codes = split_skills(skills, vocabulary)
    if codes:
        values = {**values, field: merge(values.get(field), codes)}
    return kept, values


def absorb_into(record: Any, skills: Sequence[Any], vocabulary: _Vocabulary | None = None,
                field: str = "driving_licences") -> list[Any]:
    """A stored record's new skills without the licence skills; those licences join the record's ``field``."""
    kept, codes = split_skills(skills, vocabulary)
    if codes:
        setattr(record, field, merge(getattr(record, field), codes))
    return kept


def absorb_requirements(skills: Sequence[Any], values: dict[str, object], vocabulary: _Vocabulary | None = None,
                        field: str = "driving_licence") -> tuple[list[Any], dict[str, object]]:
    """A vacancy's skills without the *required* licence skills; those join its required licences in ``field``
    (a desired licence stays a desired skill: it is no requirement)."""
    required = [s for s in skills if getattr(s, "required", True)]
    _kept, codes = split_skills(required, vocabulary)
    if not codes:
        return list(skills), values
    kept = [s for s in skills if not getattr(s, "required", True)
            or skill_code(s.text, vocabulary) is None]
    present, _known = parse(values.get(field), field)
    return kept, {**values, field: ",".join(minimal(present | set(codes))) or None}


TAKEN = "licences_from_skills"  # an import row's key: licence codes its skills named, for a stored candidate


def absorb_row(values: dict[str, Any], vocabulary: _Vocabulary | None, stored: bool) -> None:
    """An import row: a licence among its resolved skills ((skill id, label, level, source); "Rijbewijs CE",
    "code 95") goes into the licence field, merged with the row's rijbewijs column, or, for a stored candidate
    without that column, noted under ``TAKEN`` to be merged with the stored field."""
    kept, codes = split_skills(values["skills"], vocabulary, text=lambda s: s[1], skill_id=lambda s: s[0])
    if not codes:
        return
    values["skills"] = kept
    if "driving_licences" in values or not stored:
        values["driving_licences"] = merge(values.get("driving_licences"), codes)
    else:
        values[TAKEN] = codes
