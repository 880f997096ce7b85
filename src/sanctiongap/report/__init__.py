"""The static report: a folder of HTML pages, inline SVG charts and CSV/JSON downloads
that opens from disk with no server and no network.

``build_report(con, out_dir, query)`` writes:

- ``index.html``: the headline figures, the press claim checked, the timeline and the
  overlap charts;
- ``matrix.html``: the entity-by-list matrix, searchable and sortable;
- ``entity/<id>.html``: one page per canonical entity in scope;
- ``methods.html``, ``downloads.html``; ``data/*.csv|json``; ``assets/`` (CSS, JS).
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import duckdb

from sanctiongap import __version__
from sanctiongap.entities import fetch_entities, scope_ids
from sanctiongap.errors import SanctiongapError
from sanctiongap.gap import run_gap
from sanctiongap.gap_claim import ClaimCheck, check_claim, claim_from_result, is_claim_query
from sanctiongap.gap_export import Table, all_tables, matrix_table, to_json_dict
from sanctiongap.gap_model import GapQuery, GapResult
from sanctiongap.report.entity_page import entity_html
from sanctiongap.report.html import esc
from sanctiongap.report.pages import index_html, matrix_html
from sanctiongap.report.pages_meta import Download, downloads_html, methods_html

ASSETS = ("style.css", "matrix.js")


@dataclass(frozen=True, slots=True)
class ReportSummary:
    """What a report build wrote."""

    out_dir: Path
    index: Path
    entity_pages: int
    files: int
    seconds: float
    result: GapResult
    claim: ClaimCheck | None


def _licences() -> dict[str, str]:
    try:
        from sanctiongap import bundle

        return {f"data/{e['path']}": str(e.get("licence", ""))
                for e in bundle.manifest()["sources"]}
    except (SanctiongapError, OSError, KeyError, ValueError):
        return {}


def _meta(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    return {str(k): str(v) for k, v in con.execute("SELECT key, value FROM meta").fetchall()}


def _footer(meta: dict[str, str], result: GapResult) -> str:
    built = meta.get("built_at", "")
    return (f"<p>Computed by sanctiongap {esc(__version__)} from official sanctions and "
            f"export-control lists (knowledge base built {esc(built)}; snapshots "
            f"{esc(result.kb_snapshots[0])} to {esc(result.kb_snapshots[1])}). Every figure "
            "links back to its source record: see <a href=\"{up}methods.html\">methods</a>.</p>"
            "<p>EU Reg. 833/2014 and 269/2014 data: transcription by OpenSanctions, CC BY-NC "
            "4.0. US lists: public domain. UK lists: Open Government Licence v3.0.</p>")


def _claim(con: duckdb.DuckDBPyConnection, result: GapResult) -> ClaimCheck | None:
    if not {"cn", "hk"} & set(result.query.countries):
        return None
    if is_claim_query(result.query):
        return claim_from_result(result)
    try:
        return check_claim(con)
    except SanctiongapError:
        return None


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def _write_table(data: Path, table: Table, title: str) -> list[Download]:
    _write(data / f"{table.name}.csv", table.to_csv())
    _write(data / f"{table.name}.json",
           json.dumps(table.records(), ensure_ascii=False, indent=1, default=str))
    return [Download(f"data/{table.name}.csv", title, len(table.rows)),
            Download(f"data/{table.name}.json", title, len(table.rows))]


def _exports(out: Path, con: duckdb.DuckDBPyConnection, result: GapResult,
             check: ClaimCheck | None, entity_rows: list[list[object]]) -> list[Download]:
    data = out / "data"
    titles = {"headline": "headline counts per jurisdiction, list and country",
              "matrix": "the gap matrix: one row per entity, one column per list",
              "timeline": "entities listed at each month's end, per jurisdiction and list",
              "overlap": "entities by the combination of jurisdictions that list them",
              "lists": "the lists compared, their snapshots and date basis"}
    files: list[Download] = []
    for table in all_tables(result):
        if table.name == "matrix":
            table = matrix_table(result)
        files += _write_table(data, table, titles.get(table.name, table.name))
    src_rows = con.execute("SELECT source_id, path, format, CAST(snapshot_date AS VARCHAR), "
                           "role, records, array_to_string(files, ' '), "
                           "array_to_string(sha256, ' ') FROM sources ORDER BY source_id"
                           ).fetchall()
    files += _write_table(data, Table("sources", ["source_id", "path", "format", "snapshot_date",
                                                  "role", "records", "files", "sha256"],
                                      [list(r) for r in src_rows]),
                          "the source files, their snapshot dates and sha256")
    files += _write_table(data, Table("entities", ["canonical_id", "name", "countries",
                                                   "record_keys", "page"], entity_rows),
                          "every entity page of the report")
    if check is not None:
        claim_rows: list[list[object]] = [
            [k, f.get("cn", 0), f.get("hk", 0), f.get("all", 0), f.get("possibly", 0)]
            for k, f in check.figures.items()]
        files += _write_table(data, Table("claim", ["group", "cn_added", "hk_added",
                                                    "total_added", "possibly_listed"],
                                          claim_rows),
                              "the press claim of 2024-04-13, checked against the lists")
    extra: dict[str, Any] = {}
    if check is not None:
        extra["claim"] = {"paragraphs": check.paragraphs, "caveats": check.caveats,
                          "figures": check.figures, "us_lists": check.us_lists}
    _write(data / "result.json", json.dumps(to_json_dict(result, extra), ensure_ascii=False,
                                            indent=1, default=str))
    files.append(Download("data/result.json", "the whole result with method and caveats", 1))
    return files


def _copy_assets(out: Path) -> None:
    target = out / "assets"
    target.mkdir(parents=True, exist_ok=True)
    package = resources.files("sanctiongap.report") / "assets"
    for name in ASSETS:
        (target / name).write_bytes((package / name).read_bytes())


def build_report(con: duckdb.DuckDBPyConnection, out_dir: Path,
                 query: GapQuery | None = None) -> ReportSummary:
    """Write the static site for ``query`` into ``out_dir`` (raises QueryError on a bad
    query before anything is written)."""
    started = time.perf_counter()
    result = run_gap(con, query or GapQuery())
    check = _claim(con, result)
    meta = _meta(con)
    footer_root = _footer(meta, result).replace("{up}", "")
    footer_entity = _footer(meta, result).replace("{up}", "../")
    ids = sorted(set(scope_ids(con, result.query.countries))
                 | {m.canonical_id for m in result.matrix})
    entities = fetch_entities(con, ids)
    slugs = {cid: info.slug for cid, info in entities.items()}
    out_dir.mkdir(parents=True, exist_ok=True)
    entity_dir = out_dir / "entity"
    if entity_dir.is_dir():
        for old in entity_dir.glob("*.html"):
            old.unlink()
    entity_dir.mkdir(exist_ok=True)
    rows_by_id = {m.canonical_id: m for m in result.matrix}
    entity_rows: list[list[object]] = []
    for cid, info in entities.items():
        row = rows_by_id.get(cid)
        (entity_dir / f"{info.slug}.html").write_text(
            entity_html(info, row, result, footer_entity), encoding="utf-8")
        entity_rows.append([cid, row.caption if row else info.caption, " ".join(info.countries),
                            " ".join(r["record_key"] for r in info.records),
                            f"entity/{info.slug}.html"])
    _copy_assets(out_dir)
    downloads = _exports(out_dir, con, result, check, entity_rows)
    _write(out_dir / "index.html", index_html(result, check, footer_root))
    _write(out_dir / "matrix.html", matrix_html(result, slugs, footer_root))
    _write(out_dir / "methods.html", methods_html(con, result, _licences(), meta, footer_root))
    _write(out_dir / "downloads.html", downloads_html(downloads, footer_root))
    return ReportSummary(out_dir, out_dir / "index.html", len(entities),
                         len(entities) + len(downloads) + 4 + len(ASSETS),
                         time.perf_counter() - started, result, check)
