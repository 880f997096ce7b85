"""OFSI Consolidated List of financial sanctions targets (``UK_Sanctions_List.xlsx``).

Layout: one sheet; a title row ``Last Updated | DD/MM/YYYY`` above the header row;
then one row per NAME (and per address: a group with two names and three addresses
has six rows).  Rows sharing ``Group ID`` are one designation -> one record, whose
record id is the Group ID.

Mapping:

============================  =====================================================
column                        record
============================  =====================================================
Alias Type "Primary name"     Party.name (first such row; else the first "Primary
                              name variation" row, with a warning)
other names                   aliases ("AKA", "Primary name variation"); "FKA" ->
                              previous_names; Alias Quality "Low quality" -> weak
Name 1..5 + Name 6            joined with spaces (Name 6 is the surname / whole name)
Name Non-Latin Script         aliases, plus a note naming script and language
Group Type                    Individual -> Person, Ship -> Vessel, Entity -> Company
                              when a legal form is present, else Organization
Regime                        Designation.program (several regimes joined by "; ")
Listed On                     listing_date, STATED: the earliest across the group
Address 1..6, Post/Zip Code,  addresses; Country -> countries (Hong Kong kept apart:
Country                       an address in Hong Kong filed under "China" is "hk")
Nationality                   countries
DOB                           birth_dates (ISO prefixes)
Passport / National ID        identifiers passport / national_id
Other Information             notes (whole text) and its labelled parts: "UK Sanctions
                              List Ref" and "UN Ref" (identifiers, kind other),
                              "UK Statement of Reasons" (reason), phones, e-mails,
                              websites, "Business Reg No" (registration / inn / ...),
                              "IMO number" (imo), parent / subsidiaries / owners
                              (linked_to), ship and entity details (notes)
============================  =====================================================

Russia rule: the group is listed under the regime ``Russia`` (see ``uk_common``).
Snapshot date: ``ctx.snapshot_date``; when None, the title row's "Last Updated" date.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from sanctiongap.countries import country_of_address, to_iso
from sanctiongap.errors import SourceError
from sanctiongap.model import DateBasis, Designation, Identifier, Party, Provenance, SourceRecord
from sanctiongap.sources.base import ParseContext, Parser, SourceFile, read_bytes, strip_compression
from sanctiongap.sources.ofsi_info import apply_other_information
from sanctiongap.sources.uk_common import (
    dob_prefix,
    entity_schema,
    parse_uk_date,
    russia_regime_rule,
    split_numbered,
    uk_country,
)

LIST_ID = "uk_ofsi"
NAME_PARTS = ("Name 1", "Name 2", "Name 3", "Name 4", "Name 5", "Name 6")
ADDRESS_PARTS = ("Address 1", "Address 2", "Address 3", "Address 4", "Address 5", "Address 6",
                 "Post/Zip Code")
REQUIRED = ("Name 6", "Group Type", "Alias Type", "Regime", "Listed On", "Group ID")
KNOWN = frozenset({
    *NAME_PARTS, *ADDRESS_PARTS, "Title", "Name Non-Latin Script", "Non-Latin Script Type",
    "Non-Latin Script Language", "DOB", "Town of Birth", "Country of Birth", "Nationality",
    "Passport Number", "Passport Details", "National Identification Number",
    "National Identification Details", "Position", "Country", "Other Information",
    "Group Type", "Alias Type", "Alias Quality", "Regime", "Listed On",
    "UK Sanctions List Date Designated", "Last Updated", "Group ID",
    # Columns some editions carry separately instead of inside "Other Information".
    "UK Sanctions List Ref", "UN Ref",
})
_PRIMARY = re.compile(r"^(primary name|prime alias)$", re.IGNORECASE)
_HEADER_SCAN_ROWS = 10

Row = dict[str, str]


def _cell(value: Any) -> str:
    """A cell as text: dates as DD/MM/YYYY, whole floats without ``.0``."""
    if value is None:
        return ""
    if isinstance(value, datetime | date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _is_header(cells: list[str]) -> bool:
    return "Group ID" in cells and "Name 6" in cells


def _title_date(cells: list[str]) -> date | None:
    """The date of a ``Last Updated | 10/04/2025`` (or ``Last Updated: 10/04/2025``) row."""
    text = " ".join(c for c in cells if c)
    match = re.match(r"^\s*Last Updated\W*(\d{1,2}/\d{1,2}/\d{4})", text, re.IGNORECASE)
    if not match:
        return None
    try:
        return parse_uk_date(match.group(1))
    except ValueError:
        return None


def _open_rows(src: SourceFile) -> tuple[date | None, list[str], Iterator[tuple[int, list[str]]]]:
    """Title date, header and the data rows (with 1-based sheet row numbers)."""
    try:
        workbook = load_workbook(io.BytesIO(src.data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, EOFError,
            ValueError, zlib.error) as exc:
        raise SourceError(src.display_path, f"not a readable xlsx workbook: {exc}") from exc
    for sheet in workbook.worksheets:
        rows = sheet.iter_rows(values_only=True)
        title: date | None = None
        for number in range(1, _HEADER_SCAN_ROWS + 1):
            raw = _next_row(src, rows, number)
            if raw is None:
                break
            cells = [_cell(v) for v in raw]
            title = title or _title_date(cells)
            if _is_header(cells):
                return title, cells, _numbered(src, rows, number + 1)
    raise SourceError(src.display_path, "no sheet has an OFSI header row "
                      "(with 'Group ID' and 'Name 6') in its first rows")


def _next_row(src: SourceFile, rows: Iterator[tuple[Any, ...]],
              number: int) -> tuple[Any, ...] | None:
    try:
        return next(rows, None)
    except (zipfile.BadZipFile, KeyError, OSError, EOFError, ValueError, zlib.error) as exc:
        raise SourceError(src.display_path, f"cannot read the sheet: {exc}",
                          record=f"row {number}") from exc


def _numbered(src: SourceFile, rows: Iterator[tuple[Any, ...]],
              first: int) -> Iterator[tuple[int, list[str]]]:
    number = first
    while True:
        raw = _next_row(src, rows, number)
        if raw is None:
            return
        yield number, [_cell(v) for v in raw]
        number += 1


def _groups(src: SourceFile, ctx: ParseContext, header: list[str],
            rows: Iterator[tuple[int, list[str]]]) -> dict[str, list[tuple[int, Row]]]:
    missing = [name for name in REQUIRED if name not in header]
    if missing:
        raise SourceError(src.display_path, "missing required column(s): " + ", ".join(missing),
                          record="header row")
    for name in header:
        if name and name not in KNOWN:
            ctx.warn(f"{src.display_path}: unknown column {name!r} ignored")
    groups: dict[str, list[tuple[int, Row]]] = {}
    for number, cells in rows:
        if not any(cells):
            continue
        row = {name: cells[i] if i < len(cells) else "" for i, name in enumerate(header) if name}
        group_id = row["Group ID"]
        if not group_id:
            ctx.warn(f"{src.display_path}, row {number}: no Group ID; row skipped "
                     f"(name {row['Name 6']!r})")
            continue
        groups.setdefault(group_id, []).append((number, row))
    return groups


def _full_name(row: Row) -> str:
    return " ".join(row[p] for p in NAME_PARTS if row.get(p)).strip()


def _add(target: list[str], value: str) -> None:
    value = " ".join(value.split())
    if value and value not in target:
        target.append(value)


def _names(src: SourceFile, ctx: ParseContext, group_id: str,
           rows: list[tuple[int, Row]], party: Party) -> None:
    primary = next((r for _, r in rows if _PRIMARY.match(r["Alias Type"])), None)
    if primary is None:
        primary = next((r for _, r in rows if "primary" in r["Alias Type"].lower()), rows[0][1])
        ctx.warn(f"{src.display_path}, group {group_id}: no 'Primary name' row; "
                 f"used {primary['Alias Type'] or 'the first'} row {_full_name(primary)!r}")
    party.name = _full_name(primary)
    for _, row in rows:
        name = _full_name(row)
        kind = row["Alias Type"].upper()
        if kind == "FKA":
            _add(party.previous_names, name)
        elif "low" in row.get("Alias Quality", "").lower():
            _add(party.weak_aliases, name)
        else:
            _add(party.aliases, name)
        script = row.get("Name Non-Latin Script", "")
        if script:
            _add(party.aliases, script)
            labels = [row.get("Non-Latin Script Type", ""),
                      row.get("Non-Latin Script Language", "")]
            label = ", ".join(x for x in labels if x) or "script not stated"
            _add(party.notes, f"non-Latin name ({label}): {script}")
    for bucket in (party.aliases, party.weak_aliases, party.previous_names):
        while party.name in bucket:
            bucket.remove(party.name)


def _details(src: SourceFile, ctx: ParseContext, unknown: dict[str, int],
             rows: list[tuple[int, Row]], party: Party) -> None:
    """Addresses, countries, dates of birth, documents; unknown countries are collected
    in ``unknown`` (value -> first row) and reported once each."""
    for number, row in rows:
        parts = [row[p] for p in ADDRESS_PARTS if row.get(p)]
        country = row.get("Country", "")
        if parts or country:
            text = ", ".join([*parts, country] if country else parts)
            _add(party.addresses, text)
            code = country_of_address(uk_country(country), text)
            if code:
                _add(party.countries, code)
            elif country:
                unknown.setdefault(country, number)
        for nationality in split_numbered(row.get("Nationality")):
            code = uk_country(nationality)
            if code:
                _add(party.countries, code)
            else:
                unknown.setdefault(nationality, number)
                _add(party.notes, f"nationality: {nationality}")
        for dob in split_numbered(row.get("DOB")):
            prefix = dob_prefix(dob)
            if prefix:
                _add(party.birth_dates, prefix)
            else:
                ctx.warn(f"{src.display_path}, row {number}: unreadable DOB {dob!r} kept as a note")
                _add(party.notes, f"date of birth: {dob}")
        _documents(row, "Passport Number", "Passport Details", "passport", party)
        _documents(row, "National Identification Number", "National Identification Details",
                   "national_id", party)
        birth = ", ".join(x for x in (row.get("Town of Birth"), row.get("Country of Birth")) if x)
        if birth:
            _add(party.notes, f"place of birth: {birth}")
        for label in ("Title", "Position"):
            if row.get(label):
                _add(party.notes, f"{label.lower()}: {row[label]}")


def _documents(row: Row, number_col: str, detail_col: str, kind: str, party: Party) -> None:
    numbers = split_numbered(row.get(number_col))
    details = split_numbered(row.get(detail_col))
    for i, number in enumerate(numbers):
        detail = details[i] if i < len(details) and len(details) == len(numbers) else None
        if detail is None and len(numbers) == 1 and details:
            detail = "; ".join(details)
        country = to_iso(detail.split()[0].strip(".,")) if detail else None
        identifier = Identifier(kind, number, country, detail)
        if identifier not in party.identifiers:
            party.identifiers.append(identifier)


def _listing(src: SourceFile, ctx: ParseContext,
             rows: list[tuple[int, Row]]) -> tuple[list[str], date | None, list[str]]:
    """Regimes (in order), the earliest Listed On, and per-regime notes."""
    regimes: dict[str, date | None] = {}
    notes: list[str] = []
    for number, row in rows:
        try:
            listed = parse_uk_date(row["Listed On"])
        except ValueError:
            ctx.warn(f"{src.display_path}, row {number}: unreadable Listed On "
                     f"{row['Listed On']!r}; date left unknown for this row")
            listed = None
        regime = row["Regime"]
        known = regimes.get(regime)
        if regime not in regimes or (listed and (known is None or listed < known)):
            regimes[regime] = listed
        uk_date = row.get("UK Sanctions List Date Designated")
        if uk_date:
            _add(notes, f"UK Sanctions List date designated ({regime}): {uk_date}")
        if row.get("Last Updated"):
            _add(notes, f"last updated: {row['Last Updated']}")
    dates = [d for d in regimes.values() if d]
    if len(regimes) > 1:
        for regime, listed in regimes.items():
            _add(notes, f"regime {regime} listed on {listed.isoformat() if listed else '?'}")
    return [r for r in regimes if r], min(dates) if dates else None, notes


def _record(src: SourceFile, ctx: ParseContext, snapshot: date | None, group_id: str,
            rows: list[tuple[int, Row]], unknown: dict[str, int]) -> SourceRecord:
    first = rows[0][1]
    party = Party(schema="LegalEntity", name="")
    _names(src, ctx, group_id, rows, party)
    _details(src, ctx, unknown, rows, party)
    extra = apply_other_information(first.get("Other Information", ""), party)
    for label in ("UK Sanctions List Ref", "UN Ref"):
        value = first.get(label, "")
        if value and Identifier("other", value, None, label) not in party.identifiers:
            party.identifiers.append(Identifier("other", value, None, label))
    kinds = {r["Group Type"] for _, r in rows}
    if len(kinds) > 1:
        ctx.warn(f"{src.display_path}, group {group_id}: mixed Group Type {sorted(kinds)}")
    schema = entity_schema(first["Group Type"], party.all_names(), extra.entity_types)
    if schema is None:
        ctx.warn(f"{src.display_path}, group {group_id}: unknown Group Type "
                 f"{first['Group Type']!r}; read as LegalEntity")
        schema = "LegalEntity"
    party.schema = schema
    regimes, listed, notes = _listing(src, ctx, rows)
    party.notes.extend(n for n in notes if n not in party.notes)
    russia, rule = russia_regime_rule(regimes)
    designation = Designation(
        list_id=LIST_ID, program="; ".join(regimes), listing_date=listed,
        date_basis=DateBasis.STATED if listed else DateBasis.UNKNOWN,
        measures=["asset freeze", *extra.measures], reason=extra.reason,
        russia_related=russia, russia_rule=rule,
    )
    provenance = Provenance(src.display_path, src.sha256, snapshot, group_id, rows[0][0])
    return SourceRecord(party, designation, provenance)


def parse_ofsi(files: list[SourceFile], ctx: ParseContext) -> Iterator[SourceRecord]:
    """Records of an OFSI Consolidated List workbook, one per Group ID."""
    src = files[0]
    title, header, rows = _open_rows(src)
    snapshot = ctx.snapshot_date or title
    unknown: dict[str, int] = {}
    for group_id, group_rows in _groups(src, ctx, header, rows).items():
        yield _record(src, ctx, snapshot, group_id, group_rows, unknown)
    for value, number in unknown.items():
        ctx.warn(f"{src.display_path}, row {number}: unknown country {value!r} "
                 "(kept in the address / notes, no country code)")


def sniff_ofsi(path: Path, head: bytes) -> bool:
    """An .xlsx workbook whose first rows hold the OFSI header."""
    if strip_compression(path).suffix.lower() != ".xlsx" or not head.startswith(b"PK\x03\x04"):
        return False
    try:
        src = SourceFile(path, str(path), read_bytes(path), "")
        _open_rows(src)
    except SourceError:
        return False
    return True


PARSERS = [
    Parser(
        name="uk_ofsi_xlsx",
        description="OFSI Consolidated List of financial sanctions targets (xlsx)",
        sniff=sniff_ofsi,
        parse=parse_ofsi,
        min_records=2_000,
        max_records=20_000,
    )
]
