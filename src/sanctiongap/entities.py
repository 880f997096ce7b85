"""Everything an entity page shows, fetched in a few batch queries.

One canonical entity gathers the records that resolution put together (or a single
record before resolution exists); its page shows every name, address and identifier
the lists give, each listing with its source record, and the merge explanations.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

import duckdb

from sanctiongap import kb
from sanctiongap.gap import entity_scope

_UNSAFE = re.compile(r"[^A-Za-z0-9_.-]+")

_RECORD_COLS = [
    "record_key", "list_id", "jurisdiction", "authority", "list_title", "record_id", "schema",
    "caption", "countries", "program", "measures", "listing_date", "date_basis", "date_lower",
    "date_upper", "effective_date", "first_seen", "last_seen", "end_date", "russia_related",
    "russia_rule", "reason", "provisions", "citation", "source_url", "notes", "linked_to",
    "birth_dates", "websites", "source_file", "sha256", "snapshot_date", "line"]


@dataclass(slots=True)
class EntityInfo:
    """One canonical entity with the details of every record in it."""

    canonical_id: str
    slug: str
    caption: str = ""
    schema: str = ""
    countries: list[str] = field(default_factory=list)
    records: list[dict[str, Any]] = field(default_factory=list)
    names: dict[str, dict[str, Any]] = field(default_factory=dict)  # name -> kind/script/lists
    addresses: dict[str, set[str]] = field(default_factory=dict)  # address -> list ids
    identifiers: dict[tuple[str, str], dict[str, Any]] = field(default_factory=dict)
    merges: list[tuple[str, str, float | None, str]] = field(default_factory=list)
    # Records scored as this entity's yet refused (resolve_guard): (own record key,
    # other record key, the other's caption and list, score, reason).
    kept_apart: list[tuple[str, str, str, float, str]] = field(default_factory=list)

    def kept_apart_once(self) -> list[tuple[str, str, float, str]]:
        """(other record key, its caption and list, score, reason), once per other
        record (several of this entity's records may have been refused with it)."""
        out: dict[str, tuple[str, str, float, str]] = {}
        for _, other, label, score, reason in self.kept_apart:
            out.setdefault(other, (other, label, score, reason))
        return list(out.values())


def slugs(ids: list[str]) -> dict[str, str]:
    """A file-name-safe, unique slug per canonical id."""
    out: dict[str, str] = {}
    used: set[str] = set()
    for cid in sorted(ids):
        base = _UNSAFE.sub("-", cid).strip("-.")[:80] or "entity"
        slug, n = base, 2
        while slug in used:
            slug, n = f"{base}-{n}", n + 1
        used.add(slug)
        out[cid] = slug
    return out


def scope_ids(con: duckdb.DuckDBPyConnection, countries: tuple[str, ...]) -> list[str]:
    """Canonical ids of every entity whose home country is in ``countries`` (any list;
    the same scope rule as the gap: see :func:`sanctiongap.gap.home_countries`)."""
    if not countries:
        return []
    return sorted(entity_scope(con, countries))


def fetch_entities(con: duckdb.DuckDBPyConnection, ids: list[str]) -> dict[str, EntityInfo]:
    """Details for the canonical ids given."""
    slug = slugs(ids)
    out = {cid: EntityInfo(cid, slug[cid]) for cid in ids}
    if not ids:
        return out
    with kb.arrow_view(con, "report_ids", kb.key_column("cid", ids)):
        try:
            con.execute("""
                CREATE OR REPLACE TEMP VIEW report_keys AS
                SELECT coalesce(c.canonical_id, r.record_key) AS cid, r.record_key, r.list_id
                FROM records r LEFT JOIN clusters c USING (record_key)
                JOIN report_ids i ON i.cid = coalesce(c.canonical_id, r.record_key)""")
            cols = ", ".join(f"r.{c}" for c in _RECORD_COLS)
            for row in con.execute(f"SELECT k.cid, {cols} FROM report_keys k JOIN records r "
                                   "USING (record_key) ORDER BY k.cid, r.list_id, r.record_key"
                                   ).fetchall():
                out[row[0]].records.append(dict(zip(_RECORD_COLS, row[1:], strict=True)))
            for cid, name, kind, script, list_id in con.execute(
                    "SELECT k.cid, n.name, n.kind, n.script, k.list_id FROM report_keys k "
                    "JOIN names n USING (record_key)").fetchall():
                entry = out[cid].names.setdefault(name, {"kind": kind, "script": script,
                                                         "lists": set()})
                entry["lists"].add(list_id)
                if kind == "primary":
                    entry["kind"] = "primary"
            for cid, address, list_id in con.execute(
                    "SELECT k.cid, a.address, k.list_id FROM report_keys k "
                    "JOIN addresses a USING (record_key)").fetchall():
                out[cid].addresses.setdefault(address, set()).add(list_id)
            for cid, kind, value, country, note, list_id in con.execute(
                    "SELECT k.cid, i.kind, i.value, i.country, i.note, k.list_id "
                    "FROM report_keys k JOIN identifiers i USING (record_key)").fetchall():
                ident = out[cid].identifiers.setdefault(
                    (kind, value), {"country": country, "note": note, "lists": set()})
                ident["lists"].add(list_id)
            for cid, left, right, score, explanation in con.execute(
                    "SELECT m.canonical_id, m.left_key, m.right_key, m.score, m.explanation "
                    "FROM merges m JOIN report_ids i ON i.cid = m.canonical_id "
                    "ORDER BY m.canonical_id, m.score DESC").fetchall():
                out[cid].merges.append((left, right, score, explanation or ""))
            for cid, own, other, caption, list_id, score, reason in con.execute(
                    "SELECT k.cid, k.record_key, o.record_key, o.caption, o.list_id, "
                    "a.score, a.reason FROM kept_apart a JOIN report_keys k "
                    "ON k.record_key IN (a.left_key, a.right_key) JOIN records o "
                    "ON o.record_key = CASE WHEN a.left_key = k.record_key "
                    "THEN a.right_key ELSE a.left_key END "
                    "ORDER BY k.cid, o.record_key").fetchall():
                out[cid].kept_apart.append(
                    (own, other, f"{caption} ({list_id})", score, reason))
            canonical = dict(con.execute(
                "SELECT c.canonical_id, c.caption FROM canonical c "
                "JOIN report_ids i ON i.cid = c.canonical_id").fetchall())
        finally:
            con.execute("DROP VIEW IF EXISTS report_keys")
    countries: dict[str, dict[str, None]] = defaultdict(dict)
    for cid, info in out.items():
        for rec in info.records:
            for code in rec["countries"] or []:
                countries[cid].setdefault(code, None)
        info.countries = sorted(countries[cid])
        first = info.records[0] if info.records else {}
        info.caption = canonical.get(cid) or str(first.get("caption") or cid)
        info.schema = str(first.get("schema") or "")
    return out
