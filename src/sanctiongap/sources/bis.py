"""BIS Entity List (15 CFR 744 Supp. 4) as JSON extracted from the eCFR.

The file is one JSON object: ``list_id`` ("bis-entity-list"), ``extracted`` (ISO date,
the snapshot date), ``count`` and ``entities``; each entity has ``name``, ``aliases``,
``country``, ``address``, ``status``, ``effective_date``, ``federal_register`` and
``notes`` (the licence-requirement text).

Listing date
    The date of the FIRST Federal Register citation in ``federal_register`` (STATED).
    A first citation printed without a date takes the date printed with the same
    citation elsewhere in the file; failing that the date stays unknown.  All
    citations go to ``Designation.citation``; later ones are noted as amendments.

Russia rule (first that fires; ``russia_rule`` says which)
    1. licence text: ``notes`` cites § 734.9(g), § 746.8, § 744.21, § 746.5 or
       supplement no. 7 to part 746 -> Russia-related ("licence text cites ...").
    2. country+date: filed under Russia or Belarus and first listed on/after
       2022-02-24 -> Russia-related.
    3. otherwise not Russia-related (e.g. Hikvision, 2019, cites § 744.11 only).
    The sections cited are kept in ``Designation.provisions``.

Record id
    BIS has none: ``bis-`` + the first 12 hex digits of sha1("country|name").  The same
    company filed under two countries (Sinno Electronics under China and Lithuania)
    stays two records; an exact repeat of country and name gets ``-2``, ``-3``.

Countries
    Each address gets ``countries.country_of_address(country, address)``, so an entry
    filed under China with a Hong Kong address yields "hk" (BIS files Hong Kong under
    China; there is no "Hong Kong" country in the file).  Without addresses the
    ``country`` field decides.

Names
    "X (a.k.a., Y)" / "X (f.k.a., Y)" in a name or alias yields alias / previous name
    Y; aliases are split on ";" and "a.k.a."; an alias with an address glued on
    ("Zaliv Shipyard LLC. 4 Tankistov Street, Kerch ...") is cut at the address, which
    is kept as an address.

Schema
    ``us_common.guess_schema``: Company with a legal form, Person for a short personal
    name without organisation words, Organization otherwise; the "Address NN" entries
    (addresses listed in their own right) are LegalEntity.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

from sanctiongap.countries import country_of_address, to_iso
from sanctiongap.errors import SourceError
from sanctiongap.model import DateBasis, Designation, Party, Provenance, SourceRecord
from sanctiongap.sources.base import ParseContext, Parser, SourceFile, strip_compression
from sanctiongap.sources.us_common import (
    Citation,
    ear_sections,
    format_sections,
    guess_schema,
    parse_citations,
    russia_sections,
)

LIST_ID = "us_bis_entity"
PROGRAM = "BIS Entity List"
INVASION = date(2022, 2, 24)

_TOP_KEYS = {"list_id", "source_file", "extracted", "count", "entities"}
_ENTITY_KEYS = {"name", "aliases", "country", "address", "status", "effective_date",
                "federal_register", "notes"}
_REQUIRED = ("name", "country", "federal_register")
_COUNTRY_EXTRA = {"crimea region of ukraine": "ua"}

_SEE_UNDER = re.compile(r"\(\s*See\s+(?:also\s+)?(?:alternate\s+)?address[^)]*\)\.?",
                        re.IGNORECASE)
_ADDRESS_SPLIT = re.compile(r";\s*and\s+|;\s+|\.\s+and\s+(?=[A-Z0-9])|\.?\s+Alt\.?\s+Address:\s*")
_OPEN_AKA = re.compile(r"\(\s*([af])\.k\.a\.[^)]*$", re.IGNORECASE)
_AKA_PAREN = re.compile(r"\s*\(\s*([af])\.k\.a\.,?\s*(.*?)\s*(?:\)|$)", re.IGNORECASE)
_AKA_INLINE = re.compile(r",?\s+a\.k\.a\.,?\s+", re.IGNORECASE)
_FOLLOWING = re.compile(r",?\s*a\.k\.a\.,?\s*the following \w+ alias(?:es)?:?\s*$",
                        re.IGNORECASE)
_ALIAS_ADDRESS = re.compile(
    r"^(?P<name>.{3,}?)[.,]\s+(?P<address>(?:\(Address:\s*)?(?:No\.?\s|Room\b|Rm\.?\s|Unit\b|"
    r"Flat\b|Floor\b|Bldg\b|Building\b|Block\b|P\.?\s?O\.?\s?Box|d\.\s?\d|\d).*)$"
)


def _sniff(path: Path, head: bytes) -> bool:
    text = head.decode("utf-8", errors="ignore")
    is_json = strip_compression(path).suffix.lower() == ".json"
    return is_json and '"bis-entity-list"' in text and '"entities"' in text


def _country(value: str | None) -> str | None:
    if value and value.strip().lower() in _COUNTRY_EXTRA:
        return _COUNTRY_EXTRA[value.strip().lower()]
    return to_iso(value)


def _record_id(country: str, name: str) -> str:
    digest = hashlib.sha1(f"{country}|{name}".encode()).hexdigest()[:12]
    return f"bis-{digest}"


def _split_addresses(text: str | None) -> tuple[list[str], list[str]]:
    """Addresses and cross-reference notes ("See alternate address under X")."""
    if not text:
        return [], []
    notes = [" ".join(m.group(0).strip(" .()").split()) for m in _SEE_UNDER.finditer(text)]
    cleaned = _SEE_UNDER.sub("", text)
    parts = [p.strip(" ;.,\n").removeprefix("Address:") for p in _ADDRESS_SPLIT.split(cleaned)]
    return [" ".join(p.split()) for p in parts if p], notes


def _strip_name(text: str) -> str:
    """Trim separators, a leading "and", and a quote left unbalanced by a split."""
    text = re.sub(r"^and\s+", "", text.strip(" ,;\"")).strip()
    return text.strip("'") if text.count("'") % 2 else text


def _spilled_names(raw_name: str, address: str) -> tuple[str, list[str], str]:
    """Names that spilled from an unclosed "(a.k.a." in the name into the address field:
    ("a" or "f", the names, the rest of the address)."""
    match = _OPEN_AKA.search(raw_name)
    head, closed, rest = address.partition(")")
    if not match or not closed or address.lstrip().startswith("Address:"):
        return "", [], address
    names = [_strip_name(p) for p in head.replace(";'", "';").split(";")]
    return match.group(1).lower(), [n for n in names if n], rest.strip(" ,.")


def _clean_name(raw: str) -> tuple[str, list[str], list[str]]:
    """Primary name, aliases and previous names from a name cell."""
    name = " ".join(raw.split())
    aliases: list[str] = []
    previous: list[str] = []
    match = _AKA_PAREN.search(name)
    if match:
        other = match.group(2).strip(" ,;“”\"")
        if other:
            (previous if match.group(1).lower() == "f" else aliases).append(other)
        name = name[: match.start()].strip()
    return name, aliases, previous


def _clean_aliases(raw: list[Any], addresses: list[str], notes: list[str]) -> tuple[
        list[str], list[str]]:
    """Aliases and previous names from the alias list (may add addresses and notes)."""
    aliases: list[str] = []
    previous: list[str] = []
    for item in raw:
        if not isinstance(item, str):
            continue
        for part in item.split(";"):
            part = " ".join(part.split()).strip(" ,—–-")
            part = re.sub(r"[;,]?\s*\band$", "", part).strip(" ,")
            part = _FOLLOWING.sub("", part)
            if not part:
                continue
            if part.startswith("(") or part[0].islower():
                notes.append(part)
                continue
            cut = _ALIAS_ADDRESS.match(part) if len(part) > 40 else None
            if cut:
                part = cut.group("name").strip()
                addresses.append(cut.group("address").strip(" ()").removeprefix("Address: "))
            name, more, former = _clean_name(part)
            aliases.extend(p.strip() for p in _AKA_INLINE.split(name) if p.strip())
            aliases.extend(more)
            previous.extend(former)
    return aliases, previous


def _dedupe(values: list[str], exclude: str = "") -> list[str]:
    seen: dict[str, None] = {}
    for value in values:
        if value and value != exclude:
            seen.setdefault(value, None)
    return list(seen)


def _entity_lines(text: str, count: int) -> list[int | None]:
    """Line of each entity's "name" key (the only "name" key per entity)."""
    lines: list[int | None] = []
    line, position = 1, 0
    for match in re.finditer(r'"name"\s*:', text):
        line += text.count("\n", position, match.start())
        position = match.start()
        lines.append(line)
    return lines if len(lines) == count else [None] * count


def _load(src: SourceFile) -> dict[str, Any]:
    text = src.text()
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise SourceError(src.display_path, f"invalid JSON: {exc.msg}",
                          record=f"line {exc.lineno}") from exc
    if not isinstance(data, dict) or not isinstance(data.get("entities"), list):
        raise SourceError(src.display_path, "not a BIS Entity List JSON: no 'entities' list")
    return data


def _snapshot(data: dict[str, Any], src: SourceFile, ctx: ParseContext) -> date | None:
    extracted = data.get("extracted")
    if isinstance(extracted, str):
        try:
            return date.fromisoformat(extracted)
        except ValueError:
            ctx.warn(f"{src.display_path}: 'extracted' is not an ISO date: {extracted!r}")
    return ctx.snapshot_date


def _dated_citations(entities: list[Any]) -> dict[str, date]:
    """The date printed for each citation anywhere in the file."""
    known: dict[str, date] = {}
    for entity in entities:
        if isinstance(entity, dict):
            for citation in parse_citations(str(entity.get("federal_register") or "")):
                if citation.date:
                    known.setdefault(citation.key, citation.date)
    return known


def _listing_date(citations: list[Citation], known: dict[str, date],
                  notes: list[str], warn: list[str]) -> date | None:
    first = citations[0]
    when = first.date or known.get(first.key)
    if first.date is None and when is not None:
        notes.append(f"date of {first.key} taken from the same citation elsewhere in the list")
    if when is None:
        notes.append(f"first citation {first.key} has no date (FR volume {first.volume} "
                     f"= {first.volume_year})")
        warn.append(f"no date for first citation {first.text!r}")
    elif when.year != first.volume_year:
        warn.append(f"date {when.isoformat()} of {first.key} lies outside FR volume year "
                    f"{first.volume_year}")
    if len(citations) > 1:
        later = ", ".join(f"{c.key} ({c.date.isoformat() if c.date else 'undated'})"
                          for c in citations[1:])
        notes.append(f"amended by later Federal Register citations: {later}")
    return when


def _russia(sections: list[str], filed_under: str | None, listed: date | None) -> tuple[
        bool, str]:
    hits = russia_sections(sections)
    if hits:
        return True, f"licence text cites {format_sections(hits)} (Russia/Belarus rules)"
    cited = f"cites {format_sections(sections)} only" if sections else "cites no EAR section"
    if listed and listed >= INVASION and filed_under in ("ru", "by"):
        return True, (f"country+date rule: filed under Russia/Belarus and first listed "
                      f"{listed.isoformat()} (on/after 2022-02-24); licence text {cited}")
    return False, f"not Russia-related: licence text {cited}"


def _schema(name: str) -> str:
    if re.fullmatch(r"Address \d+", name):
        return "LegalEntity"
    return guess_schema(name)


def parse(files: list[SourceFile], ctx: ParseContext) -> Iterator[SourceRecord]:
    """Read a BIS Entity List JSON into records (see the module docstring)."""
    src = files[0]
    data = _load(src)
    for key in sorted(set(data) - _TOP_KEYS):
        ctx.warn(f"{src.display_path}: unknown top-level key {key!r}")
    if data.get("list_id") != "bis-entity-list":
        ctx.warn(f"{src.display_path}: list_id is {data.get('list_id')!r}, "
                 "expected 'bis-entity-list'")
    snapshot = _snapshot(data, src, ctx)
    entities: list[Any] = data["entities"]
    if isinstance(data.get("count"), int) and data["count"] != len(entities):
        ctx.warn(f"{src.display_path}: count says {data['count']}, file holds {len(entities)}")
    lines = _entity_lines(src.text(), len(entities))
    known = _dated_citations(entities)
    unknown_keys: set[str] = set()
    seen_ids: Counter[str] = Counter()
    for index, entity in enumerate(entities):
        label = f"entity {index + 1}" + (f" (line {lines[index]})" if lines[index] else "")
        if not isinstance(entity, dict):
            raise SourceError(src.display_path, "entity is not an object", record=label)
        for key in sorted(set(entity) - _ENTITY_KEYS - unknown_keys):
            unknown_keys.add(key)
            ctx.warn(f"{src.display_path}: unknown entity key {key!r} (first in {label})")
        missing = [k for k in _REQUIRED if not isinstance(entity.get(k), str) or not entity[k]]
        if missing:
            raise SourceError(src.display_path, f"missing {', '.join(missing)}", record=label)
        yield _record(entity, src, snapshot, known, lines[index], label, seen_ids, ctx)


def _record(entity: dict[str, Any], src: SourceFile, snapshot: date | None,
            known: dict[str, date], line: int | None, label: str,
            seen_ids: Counter[str], ctx: ParseContext) -> SourceRecord:
    warnings: list[str] = []
    notes: list[str] = []
    country_field = str(entity["country"]).strip()
    raw_name = str(entity["name"])
    name, name_aliases, previous = _clean_name(raw_name)
    if not name:
        raise SourceError(src.display_path, f"empty name in {raw_name!r}", record=label)
    if raw_name.rstrip().endswith(("a.k.a.", "f.k.a.", "(a.k.a.", "(f.k.a.")):
        notes.append("name ends with an unfinished a.k.a. in the source")
    kind, spilled, address = _spilled_names(raw_name, str(entity.get("address") or ""))
    (previous if kind == "f" else name_aliases).extend(spilled)
    addresses, see_notes = _split_addresses(address)
    notes.extend(see_notes)
    raw_aliases = entity.get("aliases") or []
    if not isinstance(raw_aliases, list):
        raise SourceError(src.display_path, "'aliases' is not a list", record=label)
    aliases, former = _clean_aliases(raw_aliases, addresses, notes)
    code = _country(country_field)
    countries = _dedupe([country_of_address(country_field, a) or code or "" for a in addresses])
    countries = countries or ([code] if code else [])
    if not countries:
        warnings.append(f"unknown country {country_field!r}")
        ctx.warn(f"{src.display_path}, {label}: unknown country {country_field!r}")

    citations = parse_citations(str(entity["federal_register"]))
    listed: date | None = None
    if citations:
        listed = _listing_date(citations, known, notes, warnings)
    else:
        warnings.append(f"no Federal Register citation in {entity['federal_register']!r}")
    for message in warnings:
        ctx.warn(f"{src.display_path}, {label} ({name}): {message}")
    if entity.get("effective_date"):
        notes.append(f"effective date: {entity['effective_date']}")
    if entity.get("status"):
        notes.append(f"status: {entity['status']}")

    licence = str(entity.get("notes") or "")
    sections = ear_sections(licence)
    russia, rule = _russia(sections, code, listed)
    base_id = _record_id(country_field, raw_name.strip())
    seen_ids[base_id] += 1
    record_id = base_id if seen_ids[base_id] == 1 else f"{base_id}-{seen_ids[base_id]}"
    if seen_ids[base_id] > 1:
        ctx.warn(f"{src.display_path}, {label}: repeated entry {country_field}|{name}; "
                 f"id {record_id}")
    party = Party(
        schema=_schema(name), name=name,
        aliases=_dedupe(name_aliases + aliases, exclude=name),
        previous_names=_dedupe(previous + former, exclude=name),
        countries=countries, addresses=_dedupe(addresses), notes=notes,
    )
    designation = Designation(
        list_id=LIST_ID, program=PROGRAM, listing_date=listed,
        date_basis=DateBasis.STATED if listed else DateBasis.UNKNOWN,
        measures=["export licence requirement"], reason=licence or None,
        provisions=format_sections(sections),
        citation="; ".join(c.text for c in citations) or str(entity["federal_register"]),
        russia_related=russia, russia_rule=rule,
    )
    provenance = Provenance(src.display_path, src.sha256, snapshot, record_id, line)
    return SourceRecord(party, designation, provenance, warnings)


PARSERS = [
    Parser(
        name="bis_entity_json",
        description="BIS Entity List (15 CFR 744 Supp. 4) as JSON extracted from the eCFR",
        sniff=_sniff,
        parse=parse,
        min_records=2_000,
        max_records=10_000,
    )
]
