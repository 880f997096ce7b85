"""What the UK parsers (OFSI xlsx, FCDO XML) share.

* UK dates are printed ``DD/MM/YYYY``; dates of birth may hide the unknown part
  (``dd/mm/1945``, ``05/1972``, ``1946``) and become ISO prefixes.
* Multi-value cells number their values: ``(1) Russia (2) Israel``.
* Russia rule, both UK lists: the designation falls under the regime named "Russia"
  (OFSI: ``Regime`` is ``Russia``; FCDO: ``RegimeName`` is "The Russia (Sanctions)
  (EU Exit) Regulations 2019").  The word "Russia" is matched in the regime name,
  so a future re-titled Russia regime still matches; no other regime mentions it.
  Belarus, Cyber, Chemical Weapons and Global Human Rights designations of Russian
  parties are *not* Russia-related by this rule: they are listed under another
  regime, for another reason.
* An "Entity" is a Company when any of its names or its stated entity type carries a
  legal form of a business (rigour's org-type table, plus the CJK and Cyrillic forms
  that table does not segment), else an Organization (ministries, armed groups,
  state bodies without a company form).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date

from rigour.names import extract_org_types

from sanctiongap.countries import to_iso

_DATE = re.compile(r"^\s*(\d{1,2})/(\d{1,2})/(\d{4})\s*$")
_DOB = re.compile(r"^\s*(?:(\d{1,2}|dd)/)?(?:(\d{1,2}|mm)/)?(\d{4})\s*$", re.IGNORECASE)
_NUMBERED = re.compile(r"\((\d{1,2})\)\s*")
_RUSSIA = re.compile(r"\bRussia\b", re.IGNORECASE)

# Org types rigour knows that are not businesses.
_NOT_BUSINESS = frozenset({"ngo", "fdn", "assoc", "npo", "gov", "govt", "ministry"})
# Business forms in scripts rigour does not split into words, and Latin spellings it lacks.
_BUSINESS_HINTS = re.compile(
    r"公司|有限|株式会社|\b(?:ООО|АО|ПАО|ЗАО|ОАО|НАО|АООТ|ТОО|ИП)\b|общество|"
    r"\b(?:company|corporation|corp|limited|ltd|llc|jsc|joint[- ]stock|enterprise|"
    r"partnership|firm|trading|plc|gmbh|fze|fzco|inc)\b",
    re.IGNORECASE,
)


def parse_uk_date(text: str | None) -> date | None:
    """A full ``DD/MM/YYYY`` date, or None when blank; ValueError when malformed."""
    if text is None or not text.strip():
        return None
    match = _DATE.match(text)
    if not match:
        raise ValueError(f"not a DD/MM/YYYY date: {text!r}")
    day, month, year = (int(part) for part in match.groups())
    return date(year, month, day)


def dob_prefix(text: str | None) -> str | None:
    """An ISO prefix for a UK date of birth: ``12/05/1958`` -> ``1958-05-12``,
    ``dd/mm/1945`` -> ``1945``, ``dd/05/1972`` or ``05/1972`` -> ``1972-05``."""
    if text is None:
        return None
    match = _DOB.match(text)
    if not match:
        return None
    first, second, year = match.groups()
    if second is None:  # "05/1972" or "1972": the first group, if any, is the month
        day, month = None, first
    else:
        day, month = first, second
    if month is None or not month.isdigit():
        return year
    try:
        if day is None or not day.isdigit():
            date(int(year), int(month), 1)
            return f"{year}-{int(month):02d}"
        return date(int(year), int(month), int(day)).isoformat()
    except ValueError:
        return year


def split_numbered(text: str | None) -> list[str]:
    """``(1) a (2) b`` -> ``["a", "b"]``; an unnumbered cell is one value."""
    if text is None:
        return []
    text = str(text).strip()
    if not text:
        return []
    if not _NUMBERED.match(text):
        return [text]
    parts = _NUMBERED.split(text)
    # split() yields ["", "1", "a ", "2", "b"]: the values are every second item.
    return [part.strip() for part in parts[2::2] if part.strip()]


def russia_regime_rule(regimes: Iterable[str]) -> tuple[bool, str]:
    """Whether any regime is the Russia regime, and the rule in words."""
    names = [r for r in regimes if r]
    hits = [r for r in names if _RUSSIA.search(r)]
    if hits:
        return True, f"UK regime {hits[0]!r} (the Russia regime)"
    shown = "; ".join(dict.fromkeys(names)) or "(none stated)"
    return False, f"not Russia-related: UK regime {shown}"


def is_business(names: Iterable[str], type_texts: Iterable[str] = ()) -> bool:
    """Whether a name or an entity-type text carries a business legal form."""
    for name in names:
        if _BUSINESS_HINTS.search(name):
            return True
        if any(code not in _NOT_BUSINESS for _, code in extract_org_types(name)):
            return True
    return any(_BUSINESS_HINTS.search(text) for text in type_texts)


def entity_schema(kind: str, names: Iterable[str], type_texts: Iterable[str] = ()) -> str | None:
    """FollowTheMoney schema for a UK group type (Individual / Entity / Ship)."""
    key = kind.strip().lower()
    if key == "individual":
        return "Person"
    if key == "ship":
        return "Vessel"
    if key == "entity":
        return "Company" if is_business(names, type_texts) else "Organization"
    return None


_TRAILING_NUMBER = re.compile(r"([A-Za-z0-9][A-Za-z0-9\-/.]*\d[A-Za-z0-9\-/]*)\s*\.?\s*$")


def split_labelled_number(text: str) -> tuple[str, str]:
    """``"BR: 69987857"`` -> ``("BR", "69987857")``; ``"UK Company no. 06527449"`` ->
    ``("UK Company no.", "06527449")``; a bare number has an empty label."""
    text = text.strip()
    match = _TRAILING_NUMBER.search(text)
    if not match:
        return "", text
    label = text[: match.start()].strip().rstrip(":-–").strip()
    return label, match.group(1).rstrip(".")


def registration_kind(label: str, value: str, countries: Iterable[str]) -> str:
    """The identifier kind a registration label names (INN, OGRN, USCC, ...)."""
    text = label.lower()
    countries = set(countries)
    checks = [("oktmo", "other"), ("okato", "other"), ("ogrn", "ogrn"), ("kpp", "kpp"),
              ("okpo", "okpo"), ("lei", "lei"), ("unified social credit", "uscc"),
              ("uscc", "uscc"), ("inn", "inn"), ("инн", "inn"), ("imo", "imo")]
    for needle, kind in checks:
        if re.search(rf"\b{needle}\b", text):
            return kind
    if re.search(r"\btin\b|\btax\b", text):
        russian = "russia" in text or "ru" in countries
        return "inn" if russian and value.isdigit() and len(value) in (10, 12) else "tax"
    return "registration"


# Country spellings of the UK lists that the shared lookup does not know.
_UK_COUNTRIES = {
    "congo (democratic republic)": "cd",
    "occupied palestinian territories": "ps",
    "palestine": "ps",
}


def uk_country(text: str | None) -> str | None:
    """ISO code for a UK list's country cell; a remark in brackets is ignored
    (``Iraq (previous address)``, ``Russian Federation (as at November 2010)``)."""
    if not text:
        return None
    value = text.strip().strip(".").strip()
    if value.lower() in _UK_COUNTRIES:
        return _UK_COUNTRIES[value.lower()]
    code = to_iso(value)
    if code:
        return code
    bare = re.sub(r"\s*\([^)]*\)\s*", " ", value).strip()
    if bare and bare != value:
        return _UK_COUNTRIES.get(bare.lower()) or to_iso(bare)
    return None


_KIND_COUNTRY = {"inn": "ru", "ogrn": "ru", "kpp": "ru", "okpo": "ru", "uscc": "cn"}


def registration_country(label: str, kind: str) -> str | None:
    """The issuing country a registration label names (``Russia INN`` -> ``ru``,
    ``Kazakhstan BIN`` -> ``kz``), else the one the kind implies (INN -> ``ru``)."""
    words = label.replace(":", " ").split()
    for size in (3, 2, 1):
        phrase = " ".join(words[:size])
        # A bare two-letter label ("BR", "CR") is a register's abbreviation, not a country.
        if len(words) >= size and (len(phrase) > 3 or phrase.upper() == "UK"):
            code = to_iso(phrase)
            if code:
                return code
    return _KIND_COUNTRY.get(kind)
