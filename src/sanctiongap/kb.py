"""The knowledge base: one DuckDB file with every listing, its dates and provenance.

A load never writes into the knowledge base in use.  It builds a new file beside it
(``<kb>.building-<pid>``), checks it, and renames it over the old one in one step, so
a failed or interrupted load leaves the previous knowledge base exactly as it was.

Tables (see ``SCHEMA``):

- ``sources``: one row per loaded source (file or file set) with its digest and date
- ``records``: one row per listed party per list, with the designation and its dates
- ``names``, ``identifiers``, ``addresses``: the party's details, one row per value
- ``sightings``: every snapshot that holds a record (the basis of snapshot-bound dates)
- ``warnings``: what the parsers noticed (schema drift, skipped values)
- ``meta``: build time, tool version, the sources' snapshot range
- ``clusters``, ``canonical``, ``merges``: canonical entities across lists,
  ``kept_apart``: pairs that scored high enough but were refused as one party, and
  ``name_keys``/``name_key_df``: the screening index, ``prepared_names``: each record's
  name forms as prepared for matching (``names.stored``; all written by ``resolve``)
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import pyarrow as pa

from sanctiongap import __version__
from sanctiongap.errors import KnowledgeBaseError
from sanctiongap.lists import list_info
from sanctiongap.scripts import script_of
from sanctiongap.timeline import MergedRecord

DEFAULT_KB = Path("~/.local/share/sanctiongap/kb.duckdb")
ENV_VAR = "SANCTIONGAP_KB"

SCHEMA = """
CREATE TABLE meta (key VARCHAR PRIMARY KEY, value VARCHAR);
CREATE TABLE sources (
    source_id INTEGER PRIMARY KEY, list_ids VARCHAR[], format VARCHAR, path VARCHAR,
    files VARCHAR[], sha256 VARCHAR[], snapshot_date DATE, role VARCHAR,
    records INTEGER, warnings INTEGER, seconds DOUBLE);
CREATE TABLE records (
    record_key VARCHAR PRIMARY KEY, list_id VARCHAR, jurisdiction VARCHAR, authority VARCHAR,
    list_title VARCHAR, record_id VARCHAR, schema VARCHAR, caption VARCHAR,
    countries VARCHAR[], program VARCHAR, measures VARCHAR[],
    listing_date DATE, date_basis VARCHAR, date_lower DATE, date_upper DATE,
    effective_date DATE, first_seen DATE, last_seen DATE, end_date DATE,
    russia_related BOOLEAN, russia_rule VARCHAR, reason VARCHAR, provisions VARCHAR,
    citation VARCHAR, source_url VARCHAR, notes VARCHAR[], linked_to VARCHAR[],
    birth_dates VARCHAR[], websites VARCHAR[], source_id INTEGER, source_file VARCHAR,
    sha256 VARCHAR, snapshot_date DATE, line INTEGER, warnings VARCHAR[]);
CREATE TABLE names (record_key VARCHAR, name VARCHAR, kind VARCHAR, script VARCHAR);
CREATE TABLE identifiers (
    record_key VARCHAR, kind VARCHAR, value VARCHAR, country VARCHAR, note VARCHAR);
CREATE TABLE addresses (record_key VARCHAR, address VARCHAR);
CREATE TABLE sightings (record_key VARCHAR, snapshot_date DATE, source_id INTEGER);
CREATE TABLE warnings (source_id INTEGER, message VARCHAR);
CREATE TABLE clusters (record_key VARCHAR PRIMARY KEY, canonical_id VARCHAR);
CREATE TABLE canonical (
    canonical_id VARCHAR PRIMARY KEY, caption VARCHAR, schema VARCHAR, countries VARCHAR[],
    records INTEGER);
CREATE TABLE name_keys (record_key VARCHAR, key VARCHAR);
CREATE TABLE name_key_df (key VARCHAR PRIMARY KEY, records INTEGER);
CREATE TABLE prepared_names (record_key VARCHAR, data VARCHAR);
CREATE TABLE merges (
    canonical_id VARCHAR, left_key VARCHAR, right_key VARCHAR, score DOUBLE,
    explanation VARCHAR);
CREATE TABLE kept_apart (
    left_key VARCHAR, right_key VARCHAR, score DOUBLE, explanation VARCHAR, reason VARCHAR);
"""


def kb_path(explicit: str | Path | None = None) -> Path:
    """Where the knowledge base lives: ``--kb``, else $SANCTIONGAP_KB, else DEFAULT_KB."""
    chosen = explicit or os.environ.get(ENV_VAR) or DEFAULT_KB
    return Path(chosen).expanduser()


RECORD_COLUMNS = (
    "record_key list_id jurisdiction authority list_title record_id schema caption countries "
    "program measures listing_date date_basis date_lower date_upper effective_date first_seen "
    "last_seen end_date russia_related russia_rule reason provisions citation source_url notes "
    "linked_to birth_dates websites source_id source_file sha256 snapshot_date line warnings"
).split()


def _record_rows(merged: list[MergedRecord], source_ids: list[int]) -> dict[str, list[object]]:
    cols: dict[str, list[object]] = {
        name: [] for name in RECORD_COLUMNS
    }
    for item in merged:
        rec, d, p = item.record, item.record.designation, item.record.provenance
        info = list_info(d.list_id)
        seen = [s.snapshot_date for s in item.sightings]
        effective = d.listing_date or d.date_upper
        values: dict[str, object] = {
            "record_key": rec.key, "list_id": d.list_id, "jurisdiction": str(info.jurisdiction),
            "authority": info.authority, "list_title": info.title,
            "record_id": p.record_id, "schema": rec.party.schema, "caption": rec.party.name,
            "countries": rec.party.countries, "program": d.program, "measures": d.measures,
            "listing_date": d.listing_date, "date_basis": str(d.date_basis),
            "date_lower": d.date_lower, "date_upper": d.date_upper, "effective_date": effective,
            "first_seen": min(seen) if seen else None, "last_seen": max(seen) if seen else None,
            "end_date": d.end_date, "russia_related": d.russia_related,
            "russia_rule": d.russia_rule, "reason": d.reason, "provisions": d.provisions,
            "citation": d.citation, "source_url": d.source_url, "notes": rec.party.notes,
            "linked_to": rec.party.linked_to, "birth_dates": rec.party.birth_dates,
            "websites": rec.party.websites, "source_id": source_ids[item.source_index],
            "source_file": p.source_file, "sha256": p.sha256, "snapshot_date": p.snapshot_date,
            "line": p.line, "warnings": rec.warnings,
        }
        for name, value in values.items():
            cols[name].append(value)
    return cols


Columns = dict[str, list[object]]


def _detail_rows(merged: list[MergedRecord], source_ids: list[int]) -> dict[str, Columns]:
    names: dict[str, list[object]] = {"record_key": [], "name": [], "kind": [], "script": []}
    idents: dict[str, list[object]] = {
        "record_key": [], "kind": [], "value": [], "country": [], "note": []}
    addrs: dict[str, list[object]] = {"record_key": [], "address": []}
    sights: dict[str, list[object]] = {"record_key": [], "snapshot_date": [], "source_id": []}
    for item in merged:
        party, key = item.record.party, item.record.key
        kinds = [("primary", [party.name]), ("alias", party.aliases),
                 ("previous", party.previous_names), ("weak", party.weak_aliases)]
        seen: set[str] = set()
        for kind, values in kinds:
            for value in values:
                value = value.strip()
                if value and value not in seen:
                    seen.add(value)
                    row: tuple[object, ...] = (key, value, kind, script_of(value))
                    for col, v in zip(names, row, strict=True):
                        names[col].append(v)
        for ident in party.identifiers:
            row = (key, ident.kind, ident.value, ident.country, ident.note)
            for col, v in zip(idents, row, strict=True):
                idents[col].append(v)
        for address in party.addresses:
            addrs["record_key"].append(key)
            addrs["address"].append(address)
        for s in item.sightings:
            sights["record_key"].append(key)
            sights["snapshot_date"].append(s.snapshot_date)
            sights["source_id"].append(source_ids[s.source_index])
    return {"names": names, "identifiers": idents, "addresses": addrs, "sightings": sights}


@contextmanager
def arrow_view(con: duckdb.DuckDBPyConnection, name: str, table: pa.Table) -> Iterator[None]:
    """Make an Arrow table queryable as ``name`` for the statements of a with block."""
    con.register(name, table)
    try:
        yield
    finally:
        con.unregister(name)


def key_column(column: str, keys: list[str]) -> pa.Table:
    """A one-column table of string keys, to join against instead of a long IN list."""
    return pa.table({column: pa.array(keys, pa.string())})


def _insert(con: duckdb.DuckDBPyConnection, table: str, cols: dict[str, list[object]]) -> None:
    if not next(iter(cols.values())):
        return
    empty = con.sql(f"SELECT * FROM {table} LIMIT 0").to_arrow_table()
    if empty is None:
        raise KnowledgeBaseError(f"cannot read the columns of table {table}")
    schema = empty.schema
    arrow = pa.table({name: pa.array(values, type=schema.field(name).type)
                      for name, values in cols.items()})
    with arrow_view(con, "incoming", arrow):
        con.execute(f"INSERT INTO {table} ({', '.join(cols)}) "
                    f"SELECT {', '.join(cols)} FROM incoming")


def write(con: duckdb.DuckDBPyConnection, merged: list[MergedRecord],
          sources: list[dict[str, object]], warnings: list[tuple[int, str]]) -> None:
    """Write parsed sources and merged records into an empty knowledge base."""
    con.execute(SCHEMA)
    source_cols: dict[str, list[object]] = {key: [s[key] for s in sources] for key in sources[0]}
    _insert(con, "sources", source_cols)
    source_ids = [int(s["source_id"]) for s in sources]  # type: ignore[call-overload]
    _insert(con, "records", _record_rows(merged, source_ids))
    for table, cols in _detail_rows(merged, source_ids).items():
        _insert(con, table, cols)
    _insert(con, "warnings", {"source_id": [w[0] for w in warnings],
                              "message": [w[1] for w in warnings]})
    dates = [s["snapshot_date"] for s in sources if s["snapshot_date"] is not None]
    meta = {
        "built_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "version": __version__,
        "first_snapshot": str(min(dates)) if dates else "",  # type: ignore[type-var]
        "last_snapshot": str(max(dates)) if dates else "",  # type: ignore[type-var]
    }
    con.executemany("INSERT INTO meta VALUES (?, ?)", list(meta.items()))


@contextmanager
def building(target: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    """A connection to a fresh file that replaces ``target`` only if the block succeeds."""
    target.parent.mkdir(parents=True, exist_ok=True)
    temp = target.with_name(f"{target.name}.building-{os.getpid()}")
    for leftover in (temp, temp.with_name(temp.name + ".wal")):
        leftover.unlink(missing_ok=True)
    con = duckdb.connect(str(temp))
    try:
        yield con
        con.execute("CHECKPOINT")
        con.close()
        os.replace(temp, target)
        target.with_name(target.name + ".wal").unlink(missing_ok=True)
    except BaseException:
        con.close()
        for leftover in (temp, temp.with_name(temp.name + ".wal")):
            leftover.unlink(missing_ok=True)
        raise


def connect(path: Path, *, read_only: bool = True) -> duckdb.DuckDBPyConnection:
    """Open an existing knowledge base; a clear error if there is none or it is empty."""
    if not path.is_file():
        raise KnowledgeBaseError(
            f"no knowledge base at {path}; build one with `sanctiongap load` "
            f"(or point --kb / ${ENV_VAR} at one)")
    try:
        con = duckdb.connect(str(path), read_only=read_only)
    except duckdb.Error as exc:
        raise KnowledgeBaseError(f"cannot open knowledge base {path}: {exc}") from exc
    try:
        row = (con.execute("SELECT count(*) FROM records").fetchall() or [(0,)])[0]
    except duckdb.Error as exc:
        con.close()
        raise KnowledgeBaseError(f"{path} is not a sanctiongap knowledge base: {exc}") from exc
    if not row or row[0] == 0:
        con.close()
        raise KnowledgeBaseError(f"knowledge base {path} holds no records; run `sanctiongap load`")
    return con


def meta(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    """The knowledge base's meta table as a dict."""
    return {str(k): str(v) for k, v in con.execute("SELECT key, value FROM meta").fetchall()}
