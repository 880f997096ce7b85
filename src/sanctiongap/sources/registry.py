"""Maps format names and file sniffing to parsers.

Every parser module exposes ``PARSERS: list[Parser]``.  ``detect`` picks the parser
for a path (a file, or a folder holding a multi-file set such as OFAC's CSVs);
``get`` picks one by name when the user names the format.
"""

from __future__ import annotations

import importlib
from functools import cache
from pathlib import Path

from sanctiongap.errors import SourceError, UnknownFormatError
from sanctiongap.sources.base import Parser, read_bytes

_MODULES = [
    "sanctiongap.sources.ofac",
    "sanctiongap.sources.bis",
    "sanctiongap.sources.csl",
    "sanctiongap.sources.eu_csv",
    "sanctiongap.sources.eu_fsf",
    "sanctiongap.sources.uk_ofsi",
    "sanctiongap.sources.uk_fcdo",
    "sanctiongap.sources.ftm",
]

HEAD_BYTES = 8192


@cache
def parsers() -> tuple[Parser, ...]:
    """All registered parsers, in sniffing order."""
    found: list[Parser] = []
    for module_name in _MODULES:
        module = importlib.import_module(module_name)
        found.extend(module.PARSERS)
    return tuple(found)


def get(name: str) -> Parser:
    """The parser for a format name."""
    for parser in parsers():
        if parser.name == name:
            return parser
    known = ", ".join(p.name for p in parsers())
    raise UnknownFormatError(name, f"unknown format name; known formats: {known}")


def _head(path: Path) -> bytes:
    data = read_bytes(path)
    return data[:HEAD_BYTES]


def _refuse_unsafe_xml(path: Path, head: bytes) -> None:
    """An XML file with a DTD or entity declarations is refused before any parser sees
    it, whatever its format (external entities, entity expansion)."""
    if head.lstrip().startswith(b"<") and (b"<!ENTITY" in head or b"<!DOCTYPE" in head.upper()):
        raise SourceError(str(path), "XML with a DOCTYPE or entity declarations; refused as "
                          "unsafe", record="line 1")


def detect(path: Path) -> tuple[Parser, list[Path]]:
    """The parser for a path and the files it will read (main file first)."""
    if not path.exists():
        raise SourceError(str(path), "no such file or folder")
    if path.is_file():
        _refuse_unsafe_xml(path, _head(path))
    for parser in parsers():
        files = parser.companions(path)
        if not files:
            continue
        head = _head(files[0])
        if parser.sniff(files[0], head):
            return parser, files
    raise UnknownFormatError(
        str(path),
        "unrecognised format; name it with --format (known: "
        + ", ".join(p.name for p in parsers()) + ")",
    )


def files_for(parser: Parser, path: Path) -> list[Path]:
    """The files a named parser reads for a path."""
    files = parser.companions(path)
    if not files:
        raise SourceError(str(path), f"no {parser.name} file found here")
    return files
