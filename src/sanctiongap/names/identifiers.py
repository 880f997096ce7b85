"""Company and vessel identifiers: validation, normalisation, and extraction from text.

Check digits are verified with ``rigour.ids`` (which wraps python-stdnum):

* USCC, China's Unified Social Credit Code: 18 characters, GB 32100-2015 check character;
* INN, Russian taxpayer number: 10 digits (organisations) or 12 (persons), check digits;
* OGRN, Russian state registration number: 13 digits (OGRN) or 15 (OGRNIP), mod 11 / 13;
* LEI, ISO 17442: 20 characters, ISO 7064 mod 97-10;
* IMO ship number: 7 digits, weighted check digit.

A list's label is not always right (a USCC filed as "Registration Number", an OGRN as
"Registration ID"), so :func:`normalise_identifier` re-labels a value when its shape and
check digits say what it is.  Values of other kinds (Hong Kong CR numbers, passports) are
compared as written, without spaces and punctuation, and qualified by country.

:func:`extract_identifiers` reads the two ways lists print identifiers in free text:
"Registration Number 1401029 (Hong Kong)" (OFAC remarks) and "91440300769188559R (USCC);
0868520 (CR No.)" (EU CSV).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rigour.ids import get_identifier_format

from sanctiongap.countries import to_iso
from sanctiongap.model import Identifier

VALIDATED = ("uscc", "inn", "ogrn", "lei", "imo")
# Kinds that name exactly one party: two different values mean two different parties.
UNIQUE_KINDS = frozenset({"uscc", "inn", "ogrn", "lei", "imo", "mmsi"})

_LABELS: list[tuple[str, str]] = [
    (r"unified social credit code(?: \(uscc\))?|uscc|social credit code", "uscc"),
    (r"tax id(?:entification)?(?: no\.?| number)?(?:/inn)?|inn|tin|taxpayer id", "tax"),
    (r"ogrn(?:ip)?|primary state registration number", "ogrn"),
    (r"kpp", "kpp"),
    (r"okpo|government gazette number", "okpo"),
    (r"legal entity number|lei", "lei"),
    (r"imo(?: number| no\.?)?|vessel registration identification imo", "imo"),
    (r"mmsi", "mmsi"),
    (r"swift/bic|swift|bic", "swift"),
    (
        r"(?:business |company |commercial )?regist(?:ration|ry|er)(?: number| no\.?| id| "
        r"document(?: number)?)?|business reg no\.?|company number|company no\.?|"
        r"cr no\.?|c\.r\. no\.?|certificate of incorporation(?: number)?|"
        r"registration number",
        "registration",
    ),
    (r"passport(?: no\.?| number)?", "passport"),
    (r"national id(?:entification)?(?: no\.?| number)?|national id no\.", "national_id"),
]
_LABEL_KIND = [(re.compile(rf"^(?:{pat})$", re.IGNORECASE), kind) for pat, kind in _LABELS]
_ANY_LABEL = "|".join(f"(?:{pat})" for pat, _ in _LABELS)
_VALUE = r"(?=[A-Z0-9./-]*\d)(?:[A-Z0-9](?:[A-Z0-9./-]|\s(?=\d{3}\b))*[A-Z0-9]|[0-9])"
_LABEL_FIRST = re.compile(
    rf"\b(?P<label>{_ANY_LABEL})[:#]?\s+(?P<value>{_VALUE})(?:\s*\((?P<country>[A-Za-z ,.'-]+)\))?",
    re.IGNORECASE,
)
_VALUE_FIRST = re.compile(rf"(?P<value>{_VALUE})\s*\((?P<label>[^()]{{2,60}})\)", re.IGNORECASE)
_SEPARATORS = re.compile(r"[\s./-]+")


@dataclass(frozen=True, slots=True)
class IdKey:
    kind: str
    value: str
    country: str | None = None
    valid: bool = False  # check digits verified (validated kinds only)

    @property
    def key(self) -> str:
        """Comparison key: "uscc:91440300769188559R", "registration:hk:1401029"."""
        if self.kind in VALIDATED or self.country is None:
            return f"{self.kind}:{self.value}"
        return f"{self.kind}:{self.country}:{self.value}"


def compact(value: str) -> str:
    """Upper case, without spaces, dots, slashes and dashes."""
    return _SEPARATORS.sub("", value.strip()).upper()


def is_valid(kind: str, value: str) -> bool:
    """Whether a value passes the check-digit rules of a validated kind."""
    fmt = get_identifier_format(kind)
    if fmt is None or kind not in VALIDATED:
        return False
    return bool(fmt.is_valid(compact(value)))


def _normalised(kind: str, value: str) -> str | None:
    fmt = get_identifier_format(kind)
    if fmt is None:
        return None
    out = fmt.normalize(compact(value))
    if out is None:
        return None
    return out.removeprefix("IMO") if kind == "imo" else out


def detect_kind(value: str, country: str | None = None) -> str | None:
    """The validated kind a value's shape and check digits point to, if any."""
    value = compact(value)
    if len(value) == 18 and is_valid("uscc", value):
        return "uscc"
    if len(value) == 20 and is_valid("lei", value):
        return "lei"
    if value.isdigit():
        if len(value) in (13, 15) and country in (None, "ru") and is_valid("ogrn", value):
            return "ogrn"
        if len(value) in (10, 12) and country in (None, "ru") and is_valid("inn", value):
            return "inn"
    return None


def normalise_identifier(ident: Identifier) -> IdKey | None:
    """Comparison form of an identifier, re-labelled where its check digits say so."""
    kind = ident.kind.strip().lower()
    value = compact(ident.value)
    if kind.startswith("imo"):
        value = value.removeprefix("IMO")
    if not value or not any(ch.isalnum() for ch in value):
        return None
    country = ident.country
    if kind in VALIDATED:
        norm = _normalised(kind, value)
        if norm is not None:
            return IdKey(kind, norm, country, True)
    if kind == "tax" and country == "ru" and is_valid("inn", value):
        return IdKey("inn", value, country, True)
    detected = detect_kind(value, country)
    if detected is not None:
        norm = _normalised(detected, value)
        if norm is not None:
            return IdKey(detected, norm, country, True)
    return IdKey(kind, value, country, False)


def _label_kind(label: str) -> str | None:
    label = " ".join(label.split()).strip(" :")
    lowered = label.lower()
    if "inn" in lowered.split("/"):
        return "inn"
    for pattern, kind in _LABEL_KIND:
        if pattern.match(label):
            return kind
    return None


def extract_identifiers(text: str) -> list[Identifier]:
    """Identifiers printed in free text, in order of appearance, without duplicates."""
    found: dict[tuple[str, str], Identifier] = {}
    spans: list[tuple[int, int]] = []
    for match in _LABEL_FIRST.finditer(text):
        kind = _label_kind(match.group("label"))
        value = match.group("value").strip(" .")
        if kind is None or not any(ch.isdigit() for ch in value):
            continue
        country = to_iso(match.group("country")) if match.group("country") else None
        ident = Identifier(kind, value, country, " ".join(match.group("label").split()))
        found.setdefault((kind, compact(value)), ident)
        spans.append(match.span())
    for match in _VALUE_FIRST.finditer(text):
        if any(start <= match.start() < end for start, end in spans):
            continue
        kind = _label_kind(match.group("label"))
        value = match.group("value").strip(" .")
        if kind is None or not any(ch.isdigit() for ch in value):
            continue
        ident = Identifier(kind, value, None, match.group("label").strip())
        found.setdefault((kind, compact(value)), ident)
    return list(found.values())
