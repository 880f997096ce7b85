"""The labelled parts of OFSI's "Other Information" cell.

OFSI packs many fields into one cell: ``(UK Sanctions List Ref):RUS2466. ... (UK
Statement of Reasons):... (Phone number):(1) +852 ... (2) ... (Business Reg No):CR
No. 2182045``.  Only the labels below split the text; a parenthesis that is not one of
them (``(2022):``) stays part of the value before it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from sanctiongap.model import Identifier, Party
from sanctiongap.sources.uk_common import (
    registration_country,
    registration_kind,
    split_labelled_number,
    split_numbered,
)

_LABELS = (
    "UK Sanctions List Ref", "UK Statement of Reasons", "UN Ref", "Gender", "Phone number",
    "Email address", "Type of entity", "Website", "Parent company", "Business Reg No",
    "Subsidiaries", "IMO number", "Flag of ship", "Type of ship", "Tonnage of ship",
    "Length of ship", "Year built", "Current owners", "Fax", "Previous flags",
)
_SPLIT = re.compile(r"\((" + "|".join(re.escape(label) for label in _LABELS) + r")\):")
_REF = re.compile(r"^\s*([A-Za-z]{2,4}\.?\d{3,5}(?:\.\d+)?)")
_TRUST = re.compile(r"in addition to an asset freeze:\s*([^.]+)\.", re.IGNORECASE)
_LINKS = {"Parent company": "parent company", "Subsidiaries": "subsidiary",
          "Current owners": "current owner"}


@dataclass(slots=True)
class OtherInformation:
    """What the cell adds beyond the party fields it fills."""

    reason: str | None = None
    measures: list[str] = field(default_factory=list)
    entity_types: list[str] = field(default_factory=list)


def split_other_information(text: str) -> tuple[str, list[tuple[str, str]]]:
    """Free text before the first label, and the (label, value) pairs in order."""
    parts = _SPLIT.split(text or "")
    free = parts[0].strip()
    pairs = [(parts[i], parts[i + 1].strip()) for i in range(1, len(parts) - 1, 2)]
    return free, pairs


def _add(target: list[str], value: str) -> None:
    value = " ".join(value.split())
    if value and value not in target:
        target.append(value)


def _identifier(party: Party, identifier: Identifier) -> None:
    if identifier.value and identifier not in party.identifiers:
        party.identifiers.append(identifier)


def apply_other_information(text: str, party: Party) -> OtherInformation:
    """Fill the party from the cell; return the reason, extra measures and entity types."""
    out = OtherInformation()
    if not text.strip():
        return out
    _add(party.notes, text)
    free, pairs = split_other_information(text)
    if free:
        pairs.insert(0, ("", free))
    for label, value in pairs:
        if label in ("UK Sanctions List Ref", "UN Ref"):
            ref = _REF.match(value)
            if ref:
                _identifier(party, Identifier("other", ref.group(1), None, label))
        elif label == "UK Statement of Reasons":
            out.reason = value or None
        elif label in ("Phone number", "Fax"):
            for phone in split_numbered(value):
                _add(party.phones, phone)
        elif label == "Email address":
            for email in split_numbered(value):
                _add(party.emails, email)
        elif label == "Website":
            for site in split_numbered(value):
                _add(party.websites, site)
        elif label == "Business Reg No":
            for item in split_numbered(value):
                note, number = split_labelled_number(item)
                kind = registration_kind(note, number, party.countries)
                country = registration_country(note, kind)
                _identifier(party, Identifier(kind, number, country, note or "Business Reg No"))
        elif label == "IMO number":
            for item in split_numbered(value):
                digits = re.sub(r"\D", "", item)
                _identifier(party, Identifier("imo", digits or item, None, "IMO number"))
        elif label in _LINKS:
            for item in split_numbered(value):
                _add(party.linked_to, item)
                _add(party.notes, f"{_LINKS[label]}: {item}")
        elif label == "Type of entity":
            _add(out.entity_types, value)
        # Gender and ship details stay in the note holding the whole cell.
    for trust in _TRUST.finditer(text):
        _add(out.measures, trust.group(1).strip().lower())
    return out
