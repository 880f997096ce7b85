"""trade.gov Consolidated Screening List (CSL), native CSV.

Header (both the 2023-11 and the 2025-06 files): ``_id,source,entity_number,type,
programs,name,title,addresses,federal_register_notice,start_date,end_date,
standard_order,license_requirement,license_policy,call_sign,vessel_type,gross_tonnage,
gross_registered_tonnage,vessel_flag,vessel_owner,remarks,source_list_url,alt_names,
citizenships,dates_of_birth,nationalities,places_of_birth,source_information_url,ids``.
The 2023-11 file repeats the header as its second line (skipped with a warning) and is
cut off inside its last record: an incomplete LAST record is skipped with a warning
naming its line; an incomplete record anywhere else raises SourceError.

The real file holds ~10,000+ records; the bundled samples are tiny, hence the bounds
5..100,000.

Fields
    list_id ``us_csl``; program = ``source`` (+ ``programs``); record id = ``_id``, or
    ``_id:<list code>`` where one ``_id`` appears on two sub-lists (e.g. SSI and NS-MBS).
    Listing date: ``start_date`` (ISO), else the first dated Federal Register citation
    in ``federal_register_notice`` (STATED); ``end_date`` -> Designation.end_date.
    ``alt_names`` split on ";"; ``addresses`` split on ";" with the country taken from
    the last part ("..., CN" or "..., China") and Hong Kong addresses giving "hk";
    ``ids`` ("Type, value, CC; ...") -> identifiers, websites, e-mails, or notes.

Russia rule (first that fires)
    1. ``programs`` holds RUSSIA-EO* (e.g. RUSSIA-EO14024), UKRAINE-EO13660..13662 or
       UKRAINE-EO13685 (OFAC's Ukraine-/Russia-related programme), or CAATSA - RUSSIA.
    2. ``license_requirement`` cites § 734.9(g), § 746.8, § 746.5, § 744.21 or
       supplement no. 7 to part 746 (``us_common.RUSSIA_SECTIONS``).
    Otherwise not Russia-related.
"""

from __future__ import annotations

import csv
import io
import re
from collections import Counter
from collections.abc import Iterator
from datetime import date
from pathlib import Path

from rigour.names import extract_org_types

from sanctiongap.countries import country_of_address, to_iso
from sanctiongap.errors import SourceError
from sanctiongap.model import DateBasis, Designation, Identifier, Party, Provenance, SourceRecord
from sanctiongap.sources.base import (
    ParseContext,
    Parser,
    SourceFile,
    check_header,
    snapshot_date_from_path,
)
from sanctiongap.sources.us_common import (
    ear_sections,
    format_sections,
    guess_schema,
    parse_citations,
    russia_sections,
)

LIST_ID = "us_csl"
KNOWN_COLUMNS = (
    "_id", "source", "entity_number", "type", "programs", "name", "title", "addresses",
    "federal_register_notice", "start_date", "end_date", "standard_order",
    "license_requirement", "license_policy", "call_sign", "vessel_type", "gross_tonnage",
    "gross_registered_tonnage", "vessel_flag", "vessel_owner", "remarks", "source_list_url",
    "alt_names", "citizenships", "dates_of_birth", "nationalities", "places_of_birth",
    "source_information_url", "ids",
)
REQUIRED = ("_id", "source", "name")
_RUSSIA_PROGRAM = re.compile(r"^(?:RUSSIA-EO\d+|UKRAINE-EO1366[0-2]|UKRAINE-EO13685|"
                             r"CAATSA - RUSSIA)$")
_ID_KINDS = {
    "passport": "passport", "diplomatic passport": "passport", "travel document number":
    "passport", "british national overseas passport": "passport",
    "registration id": "registration", "registration number": "registration",
    "public registration number": "registration", "business registration number":
    "registration", "business registration document #": "registration", "company number":
    "registration", "uk company number": "registration", "c.r. no.": "registration",
    "certificate of incorporation number": "registration", "registered charity no.":
    "registration", "le number": "registration",
    "tax id no.": "tax", "us fein": "tax", "v.a.t. number": "tax", "r.f.c.": "tax",
    "nit #": "tax", "ruc #": "tax", "rfc": "tax", "italian fiscal code": "tax",
    "c.u.i.t.": "tax", "paraguayan tax identification number": "tax",
    "unified social credit code (uscc)": "uscc", "swift/bic": "swift",
    "legal entity number": "lei", "national id no.": "national_id", "cedula no.":
    "national_id", "c.u.r.p.": "national_id", "d.n.i.": "national_id", "ssn": "national_id",
    "national foreign id number": "national_id", "personal id card": "national_id",
    "kenyan id no.": "national_id", "moroccan personal id no.": "national_id",
    "bosnian personal id no.": "national_id", "identification number": "national_id",
    "vessel registration identification": "imo", "mmsi": "mmsi",
}
_CONTACT = {"website": "websites", "email address": "emails", "phone number": "phones"}
_QUIET = {"gender", "target type", "issuer name"}  # facts, not identifiers or notes


def _sniff(path: Path, head: bytes) -> bool:
    first = head.decode("utf-8", errors="ignore").lstrip("\ufeff").split("\n", 1)[0]
    return first.startswith("_id,source,") and "federal_register_notice" in first


def _rows(src: SourceFile) -> list[tuple[int, list[str]]]:
    reader = csv.reader(io.StringIO(src.text(), newline=""))
    rows: list[tuple[int, list[str]]] = []
    line = 1
    try:
        for row in reader:
            rows.append((line, row))
            line = reader.line_num + 1
    except csv.Error as exc:
        raise SourceError(src.display_path, f"malformed CSV: {exc}",
                          record=f"line {reader.line_num}") from exc
    return rows


def _split(cell: str, pattern: str = r";\s*") -> list[str]:
    return [p.strip() for p in re.split(pattern, cell or "") if p.strip()]


def parse(files: list[SourceFile], ctx: ParseContext) -> Iterator[SourceRecord]:
    """Read a CSL CSV into records (see the module docstring)."""
    src = files[0]
    rows = _rows(src)
    if not rows:
        raise SourceError(src.display_path, "no header row")
    header = check_header(src, rows[0][1], REQUIRED, KNOWN_COLUMNS, ctx)
    id_column = header.index("_id")
    id_counts = Counter(cells[id_column] for _, cells in rows[1:] if len(cells) == len(header))
    for index, (line, cells) in enumerate(rows[1:], start=1):
        if not any(c.strip() for c in cells):
            continue
        if [c.strip() for c in cells] == header:
            ctx.warn(f"{src.display_path}, line {line}: repeated header row skipped")
            continue
        if len(cells) != len(header):
            message = (f"expected {len(header)} fields, found {len(cells)} "
                       "(truncated or malformed record)")
            if index == len(rows) - 1:
                ctx.warn(f"{src.display_path}, line {line}: {message}; last record skipped")
                continue
            raise SourceError(src.display_path, message, record=f"line {line}")
        row = dict(zip(header, (c.strip() for c in cells), strict=True))
        record_id = row["_id"]
        if id_counts[record_id] > 1:  # one _id on two sub-lists (SSI and NS-MBS, ...)
            short = re.search(r"\(([^)]+)\)", row["source"])
            record_id += ":" + (short[1] if short else row["source"])
        yield _record(row, record_id, line, src, ctx)


def _listing(row: dict[str, str], notes: list[str]) -> tuple[date | None, str | None]:
    """Listing date and the citation text."""
    citations = parse_citations(row.get("federal_register_notice", ""))
    text = "; ".join(c.text for c in citations) or row.get("federal_register_notice") or None
    start = row.get("start_date", "")
    if start:
        try:
            return date.fromisoformat(start[:10]), text
        except ValueError:
            notes.append(f"start_date not understood: {start}")
    dated = [c for c in citations if c.date]
    if dated:
        notes.append(f"listing date from Federal Register citation {dated[0].key}")
        return dated[0].date, text
    return None, text


def _russia(programs: list[str], sections: list[str]) -> tuple[bool, str]:
    hits = [p for p in programs if _RUSSIA_PROGRAM.match(p)]
    if hits:
        return True, f"program {', '.join(hits)}"
    russian = russia_sections(sections)
    if russian:
        return True, f"licence text cites {format_sections(russian)} (Russia/Belarus rules)"
    listed = ", ".join(programs) or "none"
    cited = format_sections(sections) or "no EAR section"
    return False, f"not Russia-related: programs {listed}; licence text cites {cited}"


def _schema(kind: str, name: str) -> str:
    """Individual/Vessel/Aircraft as typed; Entity -> Company (legal form) or
    Organization; no type (BIS, State lists) -> us_common.guess_schema."""
    kind = kind.strip().lower()
    typed = {"individual": "Person", "vessel": "Vessel", "aircraft": "Airplane"}
    if kind in typed:
        return typed[kind]
    if kind == "entity":
        return "Company" if extract_org_types(name) else "Organization"
    return guess_schema(name)


def _address_country(address: str) -> str | None:
    last = address.rsplit(",", 1)[-1].strip()
    return country_of_address(last, address) if to_iso(last) else None


def _ids(cell: str, party: Party) -> None:
    for part in re.split(r";\s+", cell or ""):
        kind_text, _, rest = part.partition(",")
        kind_text, rest = kind_text.strip(), rest.strip()
        if not kind_text or not rest:
            continue
        key = kind_text.lower()
        country = None
        tail = re.search(r",\s*([A-Z]{2})$", rest)
        if tail and to_iso(tail[1]):
            country, rest = to_iso(tail[1]), rest[: tail.start()].strip()
        if key in _CONTACT:
            getattr(party, _CONTACT[key]).append(rest)
        elif key in _ID_KINDS:
            party.identifiers.append(Identifier(_ID_KINDS[key], rest, country, kind_text))
        elif key not in _QUIET:
            party.notes.append(f"{kind_text.rstrip(':-').strip()}: {rest}")


def _record(row: dict[str, str], record_id: str, line: int, src: SourceFile,
            ctx: ParseContext) -> SourceRecord:
    name, _, qualifier = " ".join(row["name"].split()).partition("; ")
    if not name:
        raise SourceError(src.display_path, "empty name", record=f"line {line}")
    if not row["_id"]:
        raise SourceError(src.display_path, "empty _id", record=f"line {line}")
    notes = [f"{c}: {row[c]}" for c in ("title", "remarks", "license_policy",
                                        "places_of_birth", "vessel_type", "vessel_flag",
                                        "vessel_owner", "call_sign") if row.get(c)]
    if qualifier:  # "...; and any successor, sub-unit, or subsidiary thereof"
        notes.insert(0, f"name continues: {qualifier}")
    addresses = _split(row.get("addresses", ""), r";\s*(?:and\s+)?")
    countries = [_address_country(a) for a in addresses]
    for column in ("citizenships", "nationalities"):
        countries.extend(to_iso(c) for c in _split(row.get(column, ""), r"[;,]\s*"))
    party = Party(
        schema=_schema(row.get("type", ""), name), name=name,
        aliases=[a for a in dict.fromkeys(_split(row.get("alt_names", ""))) if a != name],
        countries=[c for c in dict.fromkeys(countries) if c],
        addresses=addresses, notes=notes,
        birth_dates=_split(row.get("dates_of_birth", "")),
    )
    _ids(row.get("ids", ""), party)
    listed, citation = _listing(row, notes)
    end = None
    if row.get("end_date"):
        try:
            end = date.fromisoformat(row["end_date"][:10])
        except ValueError:
            notes.append(f"end_date not understood: {row['end_date']}")
    programs = _split(row.get("programs", ""))
    sections = ear_sections(row.get("license_requirement", ""))
    russia, rule = _russia(programs, sections)
    program = row["source"] + (f": {'; '.join(programs)}" if programs else "")
    designation = Designation(
        list_id=LIST_ID, program=program, listing_date=listed,
        date_basis=DateBasis.STATED if listed else DateBasis.UNKNOWN, end_date=end,
        measures=[row["source"]], reason=row.get("license_requirement") or None,
        provisions=format_sections(sections), citation=citation,
        source_url=row.get("source_information_url") or row.get("source_list_url") or None,
        russia_related=russia, russia_rule=rule,
    )
    snapshot = ctx.snapshot_date or snapshot_date_from_path(src.path)
    provenance = Provenance(src.display_path, src.sha256, snapshot, record_id, line)
    return SourceRecord(party, designation, provenance, [])


PARSERS = [
    Parser(
        name="csl_csv",
        description="trade.gov Consolidated Screening List (CSV)",
        sniff=_sniff,
        parse=parse,
        min_records=5,
        max_records=100_000,
    )
]
