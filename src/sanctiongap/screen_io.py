"""Reading counterparty files for screening and writing the results.

Input: CSV (any of , ; tab | as delimiter, UTF-8 or UTF-16 with BOM, or Windows-1252)
or XLSX, with a header row naming at least a ``name`` column; ``country``,
``identifiers`` (several separated by ``;``) and ``hs_code`` are optional.  A row that
cannot be screened (empty name, a name of control characters only, a malformed HS
code) is kept with its problem stated: nothing is dropped silently.
"""

from __future__ import annotations

import csv
import io
import json
import re
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sanctiongap.errors import SourceError

MAX_NAME_CHARS = 500  # a longer "name" is cut here (and the row says so)
_HEADER_ALIASES = {
    "name": {"name", "counterparty", "company", "party", "entity", "company name", "名称"},
    "country": {"country", "country code", "jurisdiction", "nation"},
    "identifiers": {"identifiers", "identifier", "id", "ids", "registration", "registration number",
                    "tax id", "uscc", "inn"},
    "hs_code": {"hs_code", "hs", "hs code", "hscode", "commodity code", "tariff code"},
}
_ID_SPLIT = re.compile(r"[;|,]\s*")


@dataclass(slots=True)
class ScreenRow:
    """One counterparty to screen, as read from a file or the command line."""

    row: int  # 1-based data row (header excluded); 0 for a single --name query
    name: str
    country: str | None = None
    identifiers: list[str] = field(default_factory=list)
    hs_code: str | None = None
    problems: list[str] = field(default_factory=list)


def clean_name(raw: str) -> tuple[str, list[str]]:
    """The name without control and invisible characters, cut to MAX_NAME_CHARS, and
    what was done to it."""
    problems = []
    kept = "".join(" " if unicodedata.category(ch) == "Cc" else ch for ch in raw
                   if unicodedata.category(ch) != "Cf")
    if kept != raw:
        problems.append("control or invisible characters removed")
    text = " ".join(kept.split())
    if len(text) > MAX_NAME_CHARS:
        problems.append(f"name of {len(text):,} characters cut to {MAX_NAME_CHARS}")
        text = text[:MAX_NAME_CHARS]
    return text, problems


def make_row(row: int, name: str, country: str | None, identifiers: str | None,
             hs_code: str | None) -> ScreenRow:
    text, problems = clean_name(name or "")
    if not text:
        problems.append("empty name: not screened")
    ids = [i.strip() for i in _ID_SPLIT.split(identifiers or "") if i.strip()]
    return ScreenRow(row, text, (country or "").strip() or None, ids,
                     (hs_code or "").strip() or None, problems)


def _decode(path: Path, data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise SourceError(str(path), "cannot decode as UTF-8, UTF-16 or Windows-1252")


def _columns(path: Path, header: Sequence[object]) -> dict[str, int]:
    found: dict[str, int] = {}
    for i, cell in enumerate(header):
        label = str(cell or "").strip().lower().replace("_", " ")
        for column, aliases in _HEADER_ALIASES.items():
            if column not in found and (label in aliases or label.replace(" ", "_") == column):
                found[column] = i
    if "name" not in found:
        shown = ", ".join(repr(str(c)) for c in header[:8])
        raise SourceError(str(path), f"no 'name' column in the header ({shown}); expected "
                          "columns: name, country, identifiers, hs_code", record="row 1")
    return found


def _rows_from_table(path: Path, table: Iterator[Sequence[object]]) -> list[ScreenRow]:
    try:
        header = next(table)
    except StopIteration:
        raise SourceError(str(path), "file is empty (no header row)") from None
    cols = _columns(path, header)
    out = []
    for n, cells in enumerate(table, start=1):
        if not any(str(c or "") for c in cells):
            continue  # a line with no cells at all; a row of blanks is reported

        def get(column: str, cells: Sequence[object] = cells) -> str | None:
            i = cols.get(column)
            return None if i is None or i >= len(cells) or cells[i] is None else str(cells[i])

        out.append(make_row(n, get("name") or "", get("country"), get("identifiers"),
                            get("hs_code")))
    return out


def read_rows(path: Path) -> list[ScreenRow]:
    """Counterparties from a CSV or XLSX file (SourceError naming the file if unreadable)."""
    if not path.is_file():
        raise SourceError(str(path), "no such file")
    data = path.read_bytes()
    if not data.strip():
        raise SourceError(str(path), "file is empty")
    if data[:2] == b"PK":
        return _rows_from_table(path, _xlsx_rows(path))
    text = _decode(path, data)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
    try:
        return _rows_from_table(path, iter(list(reader)))
    except csv.Error as exc:
        raise SourceError(str(path), f"malformed CSV: {exc}",
                          record=f"line {reader.line_num}") from exc


def _delimiter(text: str) -> str:
    """The delimiter of a CSV: whichever of , ; tab | the header line uses most."""
    header = text.split("\n", 1)[0]
    counts = {d: header.count(d) for d in (",", ";", "\t", "|")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def _xlsx_rows(path: Path) -> Iterator[Sequence[object]]:
    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a broken zip
        raise SourceError(str(path), f"not a readable XLSX workbook: {exc}") from exc
    try:
        yield from book.worksheets[0].iter_rows(values_only=True)
    finally:
        book.close()


RESULT_COLUMNS = ["row", "query_name", "query_country", "status", "score", "entity_id",
                  "caption", "lists", "jurisdictions", "listed", "russia_related",
                  "chpl_tier", "flag", "explanation", "problems"]


def write_results(path: Path, rows: list[dict[str, Any]]) -> None:
    """Write flat result rows as CSV, XLSX or JSON, chosen by the file's suffix."""
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        from openpyxl import Workbook

        book = Workbook()
        sheet = book.active
        assert sheet is not None
        sheet.title = "screening"
        sheet.append(RESULT_COLUMNS)
        for row in rows:
            sheet.append([_cell(row.get(c)) for c in RESULT_COLUMNS])
        book.save(path)
    elif suffix == ".json":
        path.write_text(json.dumps(rows, ensure_ascii=False, indent=1, default=str) + "\n",
                        encoding="utf-8")
    else:
        with path.open("w", encoding="utf-8", newline="") as fh:
            writer = csv.DictWriter(fh, RESULT_COLUMNS, extrasaction="ignore")
            writer.writeheader()
            for row in rows:
                writer.writerow({c: _cell(row.get(c)) for c in RESULT_COLUMNS})


def _cell(value: object) -> object:
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@"):
        return "'" + value  # never let a spreadsheet run a listed name as a formula
    return value
