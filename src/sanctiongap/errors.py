"""Errors that name the file and the record at fault."""

from __future__ import annotations


class SanctiongapError(Exception):
    """Base class: every error a user can cause by what they pass in."""


class SourceError(SanctiongapError):
    """A source file could not be read: names the file and, where known, the record."""

    def __init__(self, path: str, message: str, *, record: str | int | None = None) -> None:
        self.path = path
        self.record = record
        self.detail = message
        where = path if record is None else f"{path}, {record}"
        super().__init__(f"{where}: {message}")

    def __reduce__(self) -> tuple[object, ...]:
        # Keep the keyword-only record across process boundaries (parallel parsing).
        return (_rebuild_source_error, (type(self), self.path, self.detail, self.record))


def _rebuild_source_error(cls: type[SourceError], path: str, message: str,
                          record: str | int | None) -> SourceError:
    return cls(path, message, record=record)


class UnknownFormatError(SourceError):
    """No parser recognises the file."""


class KnowledgeBaseError(SanctiongapError):
    """The knowledge base is missing, empty or cannot be opened."""


class QueryError(SanctiongapError):
    """A query's arguments are wrong: unknown country, malformed date, ..."""
