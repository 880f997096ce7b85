"""Reading OFAC's legacy CSV files row by row: decoding, column counts, ent_num checks.

The files have no header and use Windows-1252; ``-0-`` (often with a trailing space)
stands for an empty cell and a Ctrl-Z byte may close the file.  Every row is checked
for its column count and an integer ent_num; a bad row raises a SourceError that names
the file and line.  Companion files (add/alt/comments) are grouped by ent_num.
"""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from collections.abc import Iterator

from sanctiongap.errors import SourceError
from sanctiongap.sources.base import ParseContext, SourceFile, strip_compression

PRIMARY_COLUMNS = ("ent_num", "SDN_Name", "SDN_Type", "Program", "Title", "Call_Sign",
                   "Vess_type", "Tonnage", "GRT", "Vess_flag", "Vess_owner", "Remarks")
ADD_COLUMNS = ("ent_num", "add_num", "address", "city/state/postal", "country", "add_remarks")
ALT_COLUMNS = ("ent_num", "alt_num", "alt_type", "alt_name", "alt_remarks")
COMMENT_COLUMNS = ("ent_num", "remarks")
_ROLES = {"comments": COMMENT_COLUMNS, "add": ADD_COLUMNS, "alt": ALT_COLUMNS}

Row = tuple[int, list[str]]  # (first line number, cells)


def decode(src: SourceFile, ctx: ParseContext) -> str:
    """The file's text: Windows-1252, Latin-1 if that fails; UTF-16 or binary refused."""
    data = src.data
    nul = data.find(b"\x00")
    if nul >= 0:
        line = data[:nul].count(b"\n") + 1
        raise SourceError(src.display_path,
                          "NUL byte: looks like UTF-16 or binary, not OFAC's Windows-1252 CSV",
                          record=f"line {line}")
    if data.startswith(b"\xef\xbb\xbf") or (not data.isascii() and _is_utf8(data)):
        ctx.warn(f"{src.display_path}: UTF-8 rather than OFAC's Windows-1252; read as UTF-8")
        text = data.decode("utf-8").removeprefix("\ufeff")
    else:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            ctx.warn(f"{src.display_path}: bytes undefined in Windows-1252; read as Latin-1")
            text = data.decode("latin-1")
    return text.rstrip("\x1a\r\n")


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def rows(src: SourceFile, columns: tuple[str, ...], ctx: ParseContext
         ) -> Iterator[tuple[int, str, list[str]]]:
    """(first line number, ent_num, cells) for every row.  Too few columns or a
    non-integer ent_num raise; extra columns are a warning (once per file)."""
    reader = csv.reader(io.StringIO(decode(src, ctx), newline=""), strict=True)
    start, warned = 1, False
    try:
        for row in reader:
            line, start = start, reader.line_num + 1
            if not any(cell.strip() for cell in row):
                continue
            if len(row) < len(columns):
                raise SourceError(
                    src.display_path,
                    f"{len(row)} columns where {len(columns)} are expected "
                    f"({', '.join(columns)}): truncated row or not an OFAC CSV file",
                    record=f"line {line}")
            if len(row) > len(columns) and not warned:
                warned = True
                ctx.warn(f"{src.display_path}: unknown column(s) after {columns[-1]} "
                         f"({len(row)} columns at line {line}, {len(columns)} expected); ignored")
            ent = row[0].strip()
            if not ent.isdigit():
                raise SourceError(src.display_path, f"ent_num {ent!r} is not an integer",
                                  record=f"line {line}")
            yield line, str(int(ent)), row[: len(columns)]
    except csv.Error as exc:
        raise SourceError(src.display_path, f"malformed CSV: {exc}",
                          record=f"line {start}") from exc


def cell(value: str) -> str:
    """A cell's value, stripped; ``-0-`` becomes empty."""
    text = value.strip()
    return "" if text == "-0-" else text


def raw(value: str) -> str:
    """A Remarks cell unstripped: an overflow row continues it mid-word or mid-space."""
    return "" if value.strip() == "-0-" else value


def role(src: SourceFile) -> str:
    """``add``, ``alt`` or ``comments`` from a companion file's name, else ``""``."""
    name = strip_compression(src.path).name.lower()
    return next((r for r in _ROLES if name.endswith(f"{r}.csv")), "")


def companion_rows(files: list[SourceFile], ctx: ParseContext
                   ) -> dict[str, tuple[SourceFile, dict[str, list[Row]]]]:
    """Companion rows by role, then by ent_num, in file order."""
    found: dict[str, tuple[SourceFile, dict[str, list[Row]]]] = {}
    for src in files:
        kind = role(src)
        if not kind or kind in found:
            ctx.warn(f"{src.display_path}: not an OFAC companion file (add/alt/comments); ignored")
            continue
        by_ent: dict[str, list[Row]] = defaultdict(list)
        for line, ent, row in rows(src, _ROLES[kind], ctx):
            by_ent[ent].append((line, row))
        found[kind] = (src, by_ent)
    return found
