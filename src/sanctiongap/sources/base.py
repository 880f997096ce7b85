"""What every source parser shares: reading the file, its digest, its snapshot date,
warnings, and the sanity bounds that catch a half-downloaded file.

A parser module defines one :class:`Parser` and registers it in
``sanctiongap.sources.registry``.  It knows nothing of the knowledge base.
"""

from __future__ import annotations

import bz2
import gzip
import hashlib
import lzma
import re
from collections.abc import Callable, Collection, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from sanctiongap.errors import SourceError
from sanctiongap.model import SourceRecord

# A single list file larger than this is refused (the full OFAC SDN CSV is ~4 MB,
# the full EU FSF XML ~25 MB, the full OFSI xlsx ~3 MB).
MAX_FILE_BYTES = 200 * 1024 * 1024

_COMPRESSED = {".gz": gzip.decompress, ".xz": lzma.decompress, ".bz2": bz2.decompress}
_DATE_IN_PATH = re.compile(r"(20\d\d)[-_]?(0[1-9]|1[0-2])(?:[-_]?(0[1-9]|[12]\d|3[01]))?")


def strip_compression(path: Path) -> Path:
    """The path without a compression suffix: ``sdn.csv.gz`` -> ``sdn.csv``."""
    return path.with_suffix("") if path.suffix in _COMPRESSED else path


def find_file(directory: Path, name: str) -> Path | None:
    """``directory/name`` or its compressed form, whichever exists."""
    for candidate in [directory / name, *(directory / (name + s) for s in _COMPRESSED)]:
        if candidate.is_file():
            return candidate
    return None


def read_bytes(path: Path, *, max_bytes: int = MAX_FILE_BYTES) -> bytes:
    """The file's bytes, decompressed if it ends in .gz/.xz/.bz2; refuses empty and
    oversized files with a SourceError naming the file."""
    if not path.is_file():
        raise SourceError(str(path), "no such file")
    size = path.stat().st_size
    if size == 0:
        raise SourceError(str(path), "file is empty")
    if size > max_bytes:
        raise SourceError(str(path), f"file is {size:,} bytes, over the {max_bytes:,}-byte limit")
    raw = path.read_bytes()
    decompress = _COMPRESSED.get(path.suffix)
    if decompress is None:
        return raw
    try:
        data = decompress(raw)
    except (OSError, EOFError, lzma.LZMAError) as exc:
        raise SourceError(str(path), f"cannot decompress: {exc}") from exc
    if not data:
        raise SourceError(str(path), "file is empty after decompression")
    if len(data) > max_bytes:
        raise SourceError(str(path), f"decompresses to over {max_bytes:,} bytes")
    return data


def snapshot_date_from_path(path: Path) -> date | None:
    """A snapshot date written in the path (``sdn_2023-12-28/``, ``fsf_2026-08-05.xml``,
    ``cons_2025-12``: the first of the month).  The innermost match wins."""
    for part in reversed(path.parts):
        match = _DATE_IN_PATH.search(part)
        if match:
            year, month, day = match.groups()
            try:
                return date(int(year), int(month), int(day or 1))
            except ValueError:
                continue
    return None


@dataclass(slots=True)
class SourceFile:
    """One file as read: its bytes, digest and where it sits."""

    path: Path  # where it was read from
    display_path: str  # how provenance names it (relative to the bundle for bundled files)
    data: bytes
    sha256: str

    @classmethod
    def read(cls, path: Path, display_path: str | None = None) -> SourceFile:
        data = read_bytes(path)
        return cls(path, display_path or str(path), data, hashlib.sha256(data).hexdigest())

    def text(self, encodings: tuple[str, ...] = ("utf-8",)) -> str:
        """Decoded text; tries the encodings in order, names the file on failure."""
        errors: list[str] = []
        for encoding in encodings:
            try:
                text = self.data.decode(encoding)
            except UnicodeDecodeError as exc:
                line = self.data[: exc.start].count(b"\n") + 1
                errors.append(f"{encoding} fails at byte {exc.start} (line {line})")
                continue
            return text.removeprefix("\ufeff")
        raise SourceError(self.display_path, "cannot decode: " + "; ".join(errors))


@dataclass(slots=True)
class ParseContext:
    """What a parser gets besides the file: the snapshot date and a place for warnings."""

    snapshot_date: date | None
    warnings: list[str] = field(default_factory=list)
    max_warnings: int = 500

    def warn(self, message: str) -> None:
        """Record a warning (schema drift, a skipped value, ...) without stopping."""
        if len(self.warnings) < self.max_warnings:
            self.warnings.append(message)
        elif len(self.warnings) == self.max_warnings:
            self.warnings.append("... further warnings suppressed")


def single_file(path: Path) -> list[Path]:
    """Companions of a one-file format: the file itself, or nothing for a folder."""
    return [path] if path.is_file() else []


@dataclass(frozen=True, slots=True)
class Parser:
    """A source format: how to recognise it and how to read it.

    ``paths`` lists the files of one source (for formats spread over several files,
    such as OFAC's sdn/add/alt/comments set, the main file first); ``parse`` reads
    them into records.  ``min_records``/``max_records`` are sanity bounds on a full
    official file; a count outside them means a truncated or wrong file.
    """

    name: str  # format name a user can pass with --format
    description: str
    sniff: Callable[[Path, bytes], bool]  # (path, first 8 KiB of the main file) -> match?
    parse: Callable[[list[SourceFile], ParseContext], Iterator[SourceRecord]]
    companions: Callable[[Path], list[Path]] = lambda path: single_file(path)
    min_records: int = 1
    max_records: int = 1_000_000


def check_header(src: SourceFile, raw_header: Sequence[str], required: Collection[str],
                 known: Collection[str], ctx: ParseContext) -> list[str]:
    """The header's column names, cleaned; a missing required column is a SourceError,
    an unknown one a warning (schema drift), never silently dropped."""
    header = [h.strip().lstrip("\ufeff") for h in raw_header]
    missing = [c for c in required if c not in header]
    if missing:
        raise SourceError(src.display_path, f"missing required column(s): {', '.join(missing)}",
                          record="line 1")
    for column in header:
        if column not in known:
            ctx.warn(f"{src.display_path}: unknown column {column!r} (ignored)")
    return header
