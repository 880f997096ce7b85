"""EU Reg. 833/2014 and Reg. 269/2014 as CSV transcriptions of the EUR-Lex text.

One row per listed party per annex; header ``celex,recordId,programKey,annex,measure,
startDate,reason,schema,name,alias,...`` (see :data:`KNOWN_COLUMNS`).

Lists
    celex 32014R0833, annex IV   -> ``eu_833_annex_iv`` (export restrictions)
    celex 32014R0833, any other  -> ``eu_833_other`` (program names the annex)
    celex 32014R0269             -> ``eu_269_annex_i`` (asset freeze)
    Record id ``{celex}:{annex}:{recordId}`` (recordId restarts per annex); a row
    without recordId gets ``{celex}:{annex}:name-<sha1 of the name, 10 hex>``.

Dates
    ``startDate`` ``D.M.YYYY`` (or "9 August 2025") -> listing_date, STATED; empty ->
    unknown; anything else -> SourceError naming file and line.

Russia rule
    Both regulations are the EU's Russia measures (833/2014: "in view of Russia's
    actions destabilising the situation in Ukraine"; 269/2014: asset freeze for
    actions undermining Ukraine), so every row is Russia-related; ``russia_rule``
    names the regulation and annex.

Parties
    ``schema`` gives the FtM schema; rows whose schema is not a party (``Asset``:
    ports, airports, special economic zones, crypto-assets) are skipped with a
    warning naming the row.  Names, countries and identifiers: see ``eu_text``.
    ``reason`` -> Designation.reason, ``measure`` -> measures.

Snapshot date
    ``ctx.snapshot_date`` (the loader passes 2026-07-17 for the consolidated text
    02014R0833-20260717), else a date in the path.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path

from sanctiongap.errors import SourceError
from sanctiongap.model import (
    PARTY_SCHEMATA,
    DateBasis,
    Designation,
    Identifier,
    Party,
    Provenance,
    SourceRecord,
)
from sanctiongap.sources.base import (
    ParseContext,
    Parser,
    SourceFile,
    check_header,
    snapshot_date_from_path,
)
from sanctiongap.sources.eu_text import (
    address_country,
    birth_dates,
    drop_so_called,
    parse_dmy,
    parse_identifiers,
    split_countries,
    split_names,
    split_primary,
)

KNOWN_COLUMNS = (
    "celex", "recordId", "programKey", "annex", "measure", "startDate", "reason", "schema",
    "name", "alias", "weakAlias", "previousName", "country", "nationality", "jurisdiction",
    "birthDate", "birthPlace", "position", "passportNumber", "gender", "appearance",
    "ethnicity", "fatherName", "motherName", "incorporationDate", "legalForm", "sector",
    "registrationNumber", "taxNumber", "idNumber", "innCode", "ogrnCode", "kppCode",
    "okpoCode", "leiCode", "swiftBic", "ticker", "imoNumber", "mmsi", "flag", "address",
    "phone", "email", "website", "notes",
)
REQUIRED = ("celex", "recordId", "annex", "name", "startDate")
REGULATIONS = {"32014R0833": "833/2014", "32014R0269": "269/2014"}
ID_COLUMNS = {
    "registrationNumber": "registration", "taxNumber": "tax", "innCode": "inn",
    "ogrnCode": "ogrn", "kppCode": "kpp", "okpoCode": "okpo", "leiCode": "lei",
    "swiftBic": "swift", "imoNumber": "imo", "mmsi": "mmsi", "passportNumber": "passport",
    "idNumber": "national_id",
}
# Columns kept as "label: value" notes on the party.
NOTE_COLUMNS = ("position", "birthPlace", "gender", "legalForm", "incorporationDate",
                "sector", "flag", "ticker", "fatherName", "motherName", "notes")


def _sniff(path: Path, head: bytes) -> bool:
    first = head.decode("utf-8", errors="ignore").lstrip("\ufeff").split("\n", 1)[0]
    return first.startswith("celex,recordId,") and "annex" in first


def list_id_for(celex: str, annex: str) -> str:
    if celex == "32014R0269":
        return "eu_269_annex_i"
    return "eu_833_annex_iv" if annex == "IV" else "eu_833_other"


def program_for(celex: str, annex: str) -> str:
    annex_label = annex.split(".")[0] if celex == "32014R0269" else annex
    return f"EU {REGULATIONS[celex]} Annex {annex_label}"


def _rows(src: SourceFile) -> Iterator[tuple[int, list[str]]]:
    """(line of the row's first line, cells); malformed CSV raises SourceError."""
    reader = csv.reader(io.StringIO(src.text(), newline=""), strict=True)
    line = 1
    try:
        for row in reader:
            yield line, row
            line = reader.line_num + 1
    except csv.Error as exc:
        raise SourceError(src.display_path, f"malformed CSV: {exc}",
                          record=f"line {reader.line_num}") from exc


def _split(cell: str, pattern: str = r";\s*") -> list[str]:
    return [p.strip() for p in re.split(pattern, cell or "") if p.strip()]


def _dedupe(values: list[str], exclude: str = "") -> list[str]:
    return [v for v in dict.fromkeys(values) if v and v != exclude]


def parse(files: list[SourceFile], ctx: ParseContext) -> Iterator[SourceRecord]:
    """Read an EU regulation CSV into records (see the module docstring)."""
    src = files[0]
    rows = _rows(src)
    try:
        _, header = next(rows)
    except StopIteration:
        raise SourceError(src.display_path, "no header row") from None
    header = check_header(src, header, REQUIRED, KNOWN_COLUMNS, ctx)
    snapshot = ctx.snapshot_date or snapshot_date_from_path(src.path)
    no_id = 0
    for line, cells in rows:
        if not any(c.strip() for c in cells):
            continue
        if len(cells) != len(header):
            raise SourceError(src.display_path, f"expected {len(header)} fields, found "
                              f"{len(cells)} (truncated or malformed row)", record=f"line {line}")
        row = dict(zip(header, (c.strip() for c in cells), strict=True))
        record = _record(row, line, src, snapshot, ctx)
        if record is None:
            continue
        if not row["recordId"]:
            no_id += 1
        yield record
    if no_id:
        ctx.warn(f"{src.display_path}: {no_id} row(s) without recordId; their ids are "
                 "derived from the name")


def _record(row: dict[str, str], line: int, src: SourceFile, snapshot: date | None,
            ctx: ParseContext) -> SourceRecord | None:
    where = f"line {line}"
    celex, annex = row["celex"], row["annex"]
    if celex not in REGULATIONS:
        ctx.warn(f"{src.display_path}, {where}: unknown celex {celex!r}; row skipped")
        return None
    schema = row.get("schema") or "LegalEntity"
    if schema not in PARTY_SCHEMATA:
        ctx.warn(f"{src.display_path}, {where}: schema {schema!r} is not a party "
                 f"({row['name']!r}, annex {annex}); row skipped")
        return None
    try:
        listed = parse_dmy(row["startDate"])
    except ValueError as exc:
        raise SourceError(src.display_path, f"malformed startDate: {exc}", record=where) from exc
    name, extra = split_primary(row["name"])
    name, aliases = drop_so_called(name, extra + split_names(row.get("alias", "")))
    if not name:
        raise SourceError(src.display_path, "empty name", record=where)
    record_id = row["recordId"] or "name-" + hashlib.sha1(name.encode()).hexdigest()[:10]
    warnings: list[str] = []
    party = Party(
        schema=schema, name=name,
        aliases=_dedupe(aliases, exclude=name),
        weak_aliases=_dedupe(split_names(row.get("weakAlias", "")), exclude=name),
        previous_names=_dedupe(split_names(row.get("previousName", "")), exclude=name),
        addresses=_split(row.get("address", ""), r";\s+"),
        phones=_split(row.get("phone", "")),
        emails=_split(row.get("email", ""), r"[;,]\s*"),
        websites=_split(row.get("website", ""), r"[;,]\s+"),
    )
    party.countries = _countries(row, party.addresses, warnings)
    party.identifiers = _identifiers(row)
    dates, odd_dates = birth_dates(row.get("birthDate", ""))
    party.birth_dates = dates
    party.notes = [f"{c}: {row[c]}" for c in NOTE_COLUMNS if row.get(c)]
    party.notes += [f"birthDate not understood: {d}" for d in odd_dates]
    for message in warnings:
        ctx.warn(f"{src.display_path}, {where} ({name}): {message}")
    regulation = REGULATIONS[celex]
    designation = Designation(
        list_id=list_id_for(celex, annex), program=program_for(celex, annex),
        listing_date=listed, date_basis=DateBasis.STATED if listed else DateBasis.UNKNOWN,
        measures=_split(row.get("measure", "")), reason=row.get("reason") or None,
        provisions=f"Council Regulation (EU) No {regulation}, Annex {annex}",
        citation=f"CELEX {celex}",
        source_url=f"https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX:{celex}",
        russia_related=True,
        russia_rule=(f"EU Reg. {regulation} (Russia restrictive measures), Annex {annex}: "
                     "every listing under it is Russia-related"),
    )
    provenance = Provenance(src.display_path, src.sha256, snapshot,
                            f"{celex}:{annex}:{record_id}", line)
    return SourceRecord(party, designation, provenance, warnings)


def _countries(row: dict[str, str], addresses: list[str], warnings: list[str]) -> list[str]:
    """Country, jurisdiction and nationality cells, then the addresses; a country cell
    saying China next to a Hong Kong address yields "hk" for that address."""
    found: list[str] = []
    by_address = [address_country(a) for a in addresses]
    for column in ("country", "jurisdiction", "nationality"):
        codes, unknown = split_countries(row.get(column, ""))
        for code in codes:
            if code == "cn" and "hk" in by_address:
                found.extend(c for c in by_address if c in ("cn", "hk"))
            else:
                found.append(code)
        warnings.extend(f"{column} not understood: {u!r}" for u in unknown)
    found.extend(c for c in by_address if c)
    return _dedupe(found)


def _identifiers(row: dict[str, str]) -> list[Identifier]:
    found: list[Identifier] = []
    for column, kind in ID_COLUMNS.items():
        found.extend(parse_identifiers(row.get(column, ""), kind))
    return found


PARSERS = [
    Parser(
        name="eu_journal_csv",
        description="EU Reg. 833/2014 / 269/2014 annexes as CSV transcriptions of EUR-Lex",
        sniff=_sniff,
        parse=parse,
        min_records=100,
        max_records=20_000,
    )
]
