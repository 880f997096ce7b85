"""Helpers shared by the US export-control parsers (BIS Entity List JSON, trade.gov CSL).

* Federal Register citations (``87 FR 38925, 6/30/22``; ``73 F.R. 54508 9/22/08``;
  ``Vol. 88, No. 151, 08/08/2023``) and their dates.  A two-digit year 9x is 199x,
  anything else 20xx.  Federal Register volume N is calendar year 1935 + N, which lets a
  caller check a printed date or bound an undated citation.
* EAR sections cited in a licence-requirement text, and the rule that decides whether
  that text makes an entry Russia-related (see :data:`RUSSIA_SECTIONS`).
* A deliberately simple party-type rule for lists that do not say whether a name is a
  person or a company (see :func:`guess_schema`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from rigour.names import NameTypeTag, analyze_names, extract_org_types

from sanctiongap.countries import to_iso

# ---------------------------------------------------------------- Federal Register

_CITATION = re.compile(r"\b(\d{1,3})\s*F\.?\s?R\.?\s+(\d+(?:,\d{3})*)")
_VOL_CITATION = re.compile(r"\bVol\.\s*(\d{1,3}),\s*No\.\s*(\d+)")
_SLASH_DATE = re.compile(r"(?<![\d/])(\d{1,2})/(\d{1,2})/(\d{4}|\d{2})(?![\d/])")


@dataclass(frozen=True, slots=True)
class Citation:
    """One Federal Register citation as printed, with its date where one is printed."""

    volume: int
    page: str  # page, or "No. <issue>" for the "Vol. 88, No. 151" form
    text: str  # the citation as printed, trimmed
    date: date | None
    date_problem: str | None = None  # why a printed date was not used

    @property
    def key(self) -> str:
        return f"{self.volume} FR {self.page}"

    @property
    def volume_year(self) -> int:
        """The calendar year of the Federal Register volume (vol. 87 = 2022)."""
        return 1935 + self.volume


def _year(text: str) -> int:
    value = int(text)
    if len(text) == 4:
        return value
    return 1900 + value if value >= 90 else 2000 + value


def _slash_date(segment: str) -> tuple[date | None, str | None]:
    match = _SLASH_DATE.search(segment)
    if not match:
        return None, None
    month, day, year = match.groups()
    try:
        return date(_year(year), int(month), int(day)), None
    except ValueError:
        return None, f"impossible date {match.group(0)!r}"


def parse_citations(text: str | None) -> list[Citation]:
    """Every Federal Register citation in a field, in printed order.

    Citations may be separated by newlines, ``;``, ``.``, ``,`` or `` and ``; the date
    of a citation is the first m/d/y date between it and the next citation.
    """
    if not text:
        return []
    found: list[tuple[int, int, int, str]] = []  # start, end, volume, page
    for match in _CITATION.finditer(text):
        found.append((match.start(), match.end(), int(match.group(1)),
                      match.group(2).replace(",", "")))
    for match in _VOL_CITATION.finditer(text):
        found.append((match.start(), match.end(), int(match.group(1)), f"No. {match.group(2)}"))
    found.sort()
    citations: list[Citation] = []
    for index, (start, end, volume, page) in enumerate(found):
        stop = found[index + 1][0] if index + 1 < len(found) else len(text)
        segment = text[end:stop]
        when, problem = _slash_date(segment)
        printed = " ".join(text[start:stop].split()).rstrip(" .,;").removesuffix(" and")
        citations.append(Citation(volume, page, printed, when, problem))
    return citations


# ---------------------------------------------------------------- EAR sections

# Sections whose citation in a licence requirement marks a Russia/Belarus entry:
#   § 734.9(g)  Russia/Belarus military-end-user foreign direct product rule
#   § 746.8     sanctions against Russia and Belarus (since 2024 also the former
#               Russian industry-sector sanctions, e.g. § 746.8(a)(4) oil projects)
#   § 746.5     the pre-2024 number of the Russian industry-sector sanctions
#   § 744.21    military end use/user rule (in the BIS file it never occurs without
#               § 734.9(g) or § 746.8)
#   supplement no. 7 to part 746: items licensed under § 746.8 for Russia/Belarus (the
#               June 2024 Russia rule's "high diversion risk" address entries)
# § 746.7 (Iran) is deliberately absent: it is not a Russia provision.
RUSSIA_SECTIONS = ("734.9(g)", "746.8", "746.5", "744.21")
SUPP7_PART746 = "supplement no. 7 to part 746"

_SECTION = re.compile(r"(?<![\d.])(7\d\d\.\d+[a-z]?)((?:\([a-z0-9]{1,4}\))*)")
_SUPP = re.compile(r"supplement\s+no\.\s*(\d+)\s+to\s+part\s+(\d{3})", re.IGNORECASE)


def ear_sections(text: str | None) -> list[str]:
    """EAR sections a licence text cites, in order, e.g. ``['734.9(g)', '746.8(a)(3)']``.

    Repairs two artefacts of the eCFR text: footnote digits glued to a section
    (``734.9(g),3``) are ignored, and ``744.2l(b)`` (letter l for digit 1) is read as
    ``744.21(b)``.
    """
    if not text:
        return []
    repaired = re.sub(r"(?<=\d\.\d)l(?=\(|\b)", "1", text)
    repaired = re.sub(r"(?<=\d\.\d\d)l(?=\(|\b)", "1", repaired)
    found: dict[str, None] = {}
    for match in _SECTION.finditer(repaired):
        found.setdefault(match.group(1) + match.group(2), None)
    for match in _SUPP.finditer(repaired):
        found.setdefault(f"supplement no. {match.group(1)} to part {match.group(2)}", None)
    return list(found)


def format_sections(sections: list[str]) -> str | None:
    """``['734.9(g)', '746.8(a)(3)']`` -> ``"§ 734.9(g); § 746.8(a)(3)"``."""
    if not sections:
        return None
    return "; ".join(s if s.startswith("supplement") else f"§ {s}" for s in sections)


def _within(section: str, prefix: str) -> bool:
    if section == prefix or section.startswith(prefix + "("):
        return True
    return prefix.endswith(")") and section.startswith(prefix)


def russia_sections(sections: list[str]) -> list[str]:
    """The cited sections that make an entry Russia-related by the licence-text rule."""
    return [
        section for section in sections
        if section == SUPP7_PART746 or any(_within(section, p) for p in RUSSIA_SECTIONS)
    ]


# ---------------------------------------------------------------- party type

# Words that mark a name as an organisation even without a legal form.  Any word of
# this list, a legal form (rigour's org-type table), a digit, a parenthesis or an
# all-capital token of two letters or more rules out a person.
_ORG_TEXT = """
academy administration aero aerospace agency airlines airport alloys association
authority automotive avia aviation bank base battalion branch brigade bureau capital
cargo center centre chemical chemicals circuit cloud co college commission committee
communications companies company complex components concern consortium consulting corp
corporation corps council cyber defence defense department design development display
division drilling east electronic electronica electronics energy engineering engineers
enterprise enterprises equipment export express factory farm field finance financial
firm force forces foundation freight fund gas general global group guard hardware
holding holdings hospital import inc industrial industries industry institute
institution instrument instruments international investment investments lab laboratories
laboratory labs line lines link llc logic logistics ltd machine machinery management
manufacturing marine market materials media metals middle military mining ministry motor
motors national navy network networks office oil openlab optical optics organisation
organization partners petroleum photonics plant port ports production products project
projects radio regiment research resources school science scientific sea security
semiconductor semiconductors service services shipping shipyard shop software solutions
space state station steel store studio supplies supply system systems tech technic
technical technologies technology telecom textiles trade trading transport
transportation trust turizm union unit university works world
"""
_ORG_WORDS = frozenset(_ORG_TEXT.split())
_TOKEN = re.compile(r"[A-ZÀ-Ý][\w'’.-]*")


def looks_like_person(name: str) -> bool:
    """A name of 2-5 capitalised words with no organisation marker (see _ORG_WORDS),
    one of which rigour knows as a personal name."""
    if re.search(r"[\d()&/\"“”«»@]", name) or extract_org_types(name):
        return False
    tokens = name.replace(",", " ").split()
    if not 2 <= len(tokens) <= 5:
        return False
    for token in tokens:
        bare = token.strip(".'’-").lower()
        if bare in _ORG_WORDS or not _TOKEN.fullmatch(token):
            return False
        if len(token) >= 2 and token.isupper() and "." not in token:
            return False
        if len(bare) > 3 and to_iso(token) is not None:
            return False
    return _has_personal_name(name)


def _has_personal_name(name: str) -> bool:
    """Whether rigour's name database knows a part of the name as a personal name."""
    for analysed in analyze_names(NameTypeTag.PER, [name]):
        if any(str(symbol.category).endswith("NAME") for symbol in analysed.symbols):
            return True
    return False


def guess_schema(name: str) -> str:
    """Company if the name carries a legal form, Person if it looks like a personal
    name (:func:`looks_like_person`; an all-capitals name is title-cased first),
    Organization otherwise."""
    if extract_org_types(name):
        return "Company"
    if looks_like_person(name.title() if name.isupper() else name):
        return "Person"
    return "Organization"
