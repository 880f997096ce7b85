"""OpenSanctions ``targets.simple.csv``: one listed party per row.

Columns: id, schema, name, aliases, birth_date, countries, addresses, identifiers,
sanctions, phones, emails, program_ids, dataset, first_seen, last_seen, last_change.
Multi-value cells are themselves ``;``-separated CSV (a value holding ``;`` is quoted).

* list id: ``ua_war_sanctions`` when ``dataset`` is "Ukraine War and Sanctions",
  else ``ftm_generic`` (see ``ftm_common``); record id = ``id``.
* program = ``program_ids`` joined by "; " (the dataset title when empty);
  reason = the ``sanctions`` texts.
* listing date: the file states none.  ``first_seen`` is when OpenSanctions first saw
  the row, not a designation date, so date_basis is UNKNOWN and first_seen goes to a
  note only.
* snapshot date: ``ctx.snapshot_date``; else the latest ``last_seen`` in the file.
* Russia rule, Hong Kong rule and identifier kinds: see ``ftm_common``.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from datetime import date
from pathlib import Path

from sanctiongap.countries import to_iso
from sanctiongap.errors import SourceError
from sanctiongap.model import (
    PARTY_SCHEMATA,
    DateBasis,
    Designation,
    Party,
    Provenance,
    SourceRecord,
)
from sanctiongap.sources.base import ParseContext, SourceFile
from sanctiongap.sources.ftm_common import (
    classify_identifier,
    hong_kong_apart,
    list_for,
    russia_rule,
)

COLUMNS = ("id", "schema", "name", "aliases", "birth_date", "countries", "addresses",
           "identifiers", "sanctions", "phones", "emails", "program_ids", "dataset",
           "first_seen", "last_seen", "last_change")
REQUIRED = ("id", "schema", "name")


def split_cell(cell: str) -> list[str]:
    """A ``;``-separated multi-value cell (itself CSV-quoted) as its values."""
    if not cell or not cell.strip():
        return []
    values = next(csv.reader([cell], delimiter=";"), [])
    out: list[str] = []
    for value in values:
        value = value.strip()
        if value and value not in out:
            out.append(value)
    return out


def _rows(src: SourceFile) -> tuple[list[str], list[tuple[int, list[str]]]]:
    reader = csv.reader(io.StringIO(src.text(("utf-8",)), newline=""), strict=True)
    rows: list[tuple[int, list[str]]] = []
    start = 1
    try:
        header = next(reader, None)
        if header is None:
            raise SourceError(src.display_path, "no header row")
        start = reader.line_num + 1
        for row in reader:
            rows.append((start, row))
            start = reader.line_num + 1
    except csv.Error as exc:
        raise SourceError(src.display_path, f"malformed CSV: {exc}",
                          record=f"line {start}") from exc
    return [h.strip() for h in header], rows


def _party(row: dict[str, str]) -> Party:
    countries: list[str] = []
    for value in split_cell(row.get("countries", "")):
        code = to_iso(value)
        if code and code not in countries:
            countries.append(code)
    addresses = split_cell(row.get("addresses", ""))
    name = row["name"].strip()
    party = Party(
        schema=row["schema"], name=name,
        aliases=[a for a in split_cell(row.get("aliases", "")) if a != name],
        countries=hong_kong_apart(countries, addresses), addresses=addresses,
        birth_dates=split_cell(row.get("birth_date", "")),
        phones=split_cell(row.get("phones", "")), emails=split_cell(row.get("emails", "")),
    )
    for value in split_cell(row.get("identifiers", "")):
        identifier = classify_identifier(value, party.schema, countries)
        if identifier not in party.identifiers:
            party.identifiers.append(identifier)
    if row.get("first_seen"):
        party.notes.append(f"first seen by OpenSanctions: {row['first_seen']} "
                           "(not a designation date)")
    return party


def _latest(rows: list[tuple[int, list[str]]], index: int | None) -> date | None:
    if index is None:
        return None
    found = [r[index][:10] for _, r in rows if index < len(r) and r[index][:10]]
    try:
        return date.fromisoformat(max(found)) if found else None
    except ValueError:
        return None


def parse_targets(files: list[SourceFile], ctx: ParseContext) -> Iterator[SourceRecord]:
    """Records of an OpenSanctions targets.simple CSV, one per row."""
    src = files[0]
    header, rows = _rows(src)
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        raise SourceError(src.display_path, "missing required column(s): " + ", ".join(missing),
                          record="line 1")
    for column in header:
        if column not in COLUMNS:
            ctx.warn(f"{src.display_path}: unknown column {column!r} ignored")
    last_seen = header.index("last_seen") if "last_seen" in header else None
    snapshot = ctx.snapshot_date or _latest(rows, last_seen)
    for line, cells in rows:
        if len(cells) != len(header):
            raise SourceError(src.display_path, f"{len(cells)} fields where the header has "
                              f"{len(header)} (truncated or malformed row)", record=f"line {line}")
        row = dict(zip(header, cells, strict=True))
        if row["schema"] not in PARTY_SCHEMATA:
            ctx.warn(f"{src.display_path}, line {line}: {row['id']} has schema "
                     f"{row['schema']!r}, not a listed party; skipped")
            continue
        if not row["id"] or not row["name"].strip():
            ctx.warn(f"{src.display_path}, line {line}: row without id or name skipped")
            continue
        party = _party(row)
        dataset = row.get("dataset", "")
        list_id = list_for([dataset])
        programs = split_cell(row.get("program_ids", ""))
        russia, rule = russia_rule(list_id, [*programs, dataset])
        reasons = split_cell(row.get("sanctions", ""))
        designation = Designation(
            list_id=list_id, program="; ".join(programs) or dataset,
            date_basis=DateBasis.UNKNOWN, reason="\n".join(reasons) or None,
            russia_related=russia, russia_rule=rule,
        )
        provenance = Provenance(src.display_path, src.sha256, snapshot, row["id"], line)
        yield SourceRecord(party, designation, provenance)


def sniff_targets(path: Path, head: bytes) -> bool:
    """A CSV whose header is OpenSanctions' targets.simple header."""
    first = head.lstrip(b"\xef\xbb\xbf").split(b"\n", 1)[0].rstrip(b"\r")
    try:
        header = next(csv.reader([first.decode("utf-8")]), [])
    except (UnicodeDecodeError, csv.Error):
        return False
    return {"id", "schema", "name", "aliases", "sanctions", "dataset"} <= set(header)
