"""A gap result as plain tables (CSV) and as one JSON document.

The command line's ``--format csv|json`` and the report's downloads use the same
tables, so a figure on a page and in a download cannot differ.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from datetime import date
from typing import Any

from sanctiongap.gap_model import GapResult


@dataclass(frozen=True, slots=True)
class Table:
    """A named table of strings and numbers."""

    name: str
    header: list[str]
    rows: list[list[object]]

    def to_csv(self) -> str:
        """The table as CSV text (RFC 4180, header first)."""
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\n")
        writer.writerow(self.header)
        writer.writerows(["" if v is None else v for v in row] for row in self.rows)
        return buf.getvalue()

    def records(self) -> list[dict[str, object]]:
        """The rows as dicts keyed by the header."""
        return [dict(zip(self.header, row, strict=True)) for row in self.rows]


def headline_table(result: GapResult) -> Table:
    header = ["group", "kind", "jurisdiction", "label", "measure", "lists", "scope",
              "listed", "possibly_listed", "added_since", "possibly_added_since"]
    rows: list[list[object]] = []
    for row in result.headline:
        g = row.group
        for scope, c in row.counts.items():
            rows.append([g.key, g.kind, g.jurisdiction, g.label, g.measure, " ".join(g.list_ids),
                         scope, c.listed, c.possibly, c.added, c.added_possibly])
    return Table("headline", header, rows)


def matrix_table(result: GapResult, *, filtered: bool = False) -> Table:
    lists = [c.list_id for c in result.columns]
    jurs = [g.key for g in result.groups if g.kind == "jurisdiction"]
    header = ["canonical_id", "name", "schema", "countries", "other_names", *jurs,
              *lists, *[f"{x}_added_since" for x in jurs], "programs", "record_keys"]
    rows: list[list[object]] = []
    for m in (result.filtered_matrix() if filtered else result.matrix):
        keys = [k for x in lists if x in m.cells for k in m.cells[x].record_keys]
        rows.append([m.canonical_id, m.caption, m.schema, " ".join(m.countries),
                     " | ".join(m.other_names), *[m.groups[j] for j in jurs],
                     *[m.cells[x].text if x in m.cells else "" for x in lists],
                     *["yes" if m.added[j] else "" for j in jurs],
                     " | ".join(m.programs), " ".join(keys)])
    return Table("matrix", header, rows)


def timeline_table(result: GapResult) -> Table:
    return Table("timeline", ["date", "group", "listed", "listed_or_possibly"],
                 [[p.month.isoformat(), p.group, p.listed, p.upper] for p in result.timeline])


def overlap_table(result: GapResult) -> Table:
    return Table("overlap", ["combination", "groups", "entities", "added_since_in_all"],
                 [[o.label, " ".join(o.groups), o.count, o.added] for o in result.overlap])


def lists_table(result: GapResult) -> Table:
    return Table("lists", ["list_id", "title", "jurisdiction", "authority", "measure",
                           "date_basis", "snapshots", "records"],
                 [[c.list_id, c.title, c.jurisdiction, c.authority, c.measure, c.date_basis,
                   " ".join(str(d) for d in c.snapshots), c.records] for c in result.columns])


def all_tables(result: GapResult) -> list[Table]:
    """Every table of a result, in the order a reader meets them."""
    return [headline_table(result), matrix_table(result, filtered=True), timeline_table(result),
            overlap_table(result), lists_table(result)]


def _query_dict(result: GapResult) -> dict[str, Any]:
    q = result.query
    return {"countries": list(q.countries), "theme": q.theme,
            "as_of": q.as_of.isoformat() if q.as_of else None,
            "since": q.since.isoformat() if q.since else None,
            "jurisdictions": list(q.jurisdictions or ()), "lists": list(q.lists or ()),
            "only_in": q.only_in, "not_in": q.not_in}


def to_json_dict(result: GapResult, extra: dict[str, Any] | None = None) -> dict[str, Any]:
    """The whole result as JSON-ready data (tables as lists of objects)."""
    doc: dict[str, Any] = {
        "query": _query_dict(result),
        "kb_snapshots": [d.isoformat() for d in result.kb_snapshots],
        "resolved": result.resolved,
        "scopes": list(result.scopes),
    }
    for table in all_tables(result):
        doc[table.name] = table.records()
    doc["method"] = result.method
    doc["caveats"] = result.caveats
    if extra:
        doc.update(extra)
    return doc


def _default(value: object) -> object:
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")


def to_json(result: GapResult, extra: dict[str, Any] | None = None) -> str:
    """The whole result as a JSON document (UTF-8 text, not ASCII-escaped)."""
    return json.dumps(to_json_dict(result, extra), ensure_ascii=False, indent=1,
                      default=_default)


def to_csv(result: GapResult) -> str:
    """Every table as CSV, one after the other, each preceded by a ``# name`` line."""
    parts = [f"# {t.name}\n{t.to_csv()}" for t in all_tables(result)]
    return "\n".join(parts)
