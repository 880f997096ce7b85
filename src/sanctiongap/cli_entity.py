"""The ``entity`` command: one canonical entity with every list's record, its dates, why
the records were merged, and which near-identical records were kept apart and why.  A
thin shell over :mod:`sanctiongap.entities`."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import duckdb
import typer
from rich.console import Group
from rich.panel import Panel
from rich.table import Table

from sanctiongap import kb
from sanctiongap.console import make_console
from sanctiongap.entities import EntityInfo, fetch_entities
from sanctiongap.errors import QueryError, SanctiongapError

_console = make_console()
_err = make_console(stderr=True)


def find_entities(con: duckdb.DuckDBPyConnection, text: str, limit: int = 5) -> list[str]:
    """Canonical ids whose names contain ``text`` (case-insensitive), most lists first;
    a canonical id or record key is taken as it is."""
    needle = text.strip()
    if not needle:
        raise QueryError("give a name (or a part of one) to look up")
    rows = con.execute(
        """SELECT coalesce(c.canonical_id, n.record_key) AS cid,
                  count(DISTINCT r.list_id) AS lists, min(length(n.name)) AS shortest
           FROM names n JOIN records r USING (record_key)
           LEFT JOIN clusters c USING (record_key)
           WHERE n.name ILIKE '%' || ? || '%' OR c.canonical_id = ? OR n.record_key = ?
           GROUP BY cid ORDER BY lists DESC, shortest, cid LIMIT ?""",
        [needle, needle, needle, limit]).fetchall()
    return [str(r[0]) for r in rows]


def _date_text(rec: dict[str, Any]) -> str:
    if rec["date_basis"] == "stated" and rec["listing_date"]:
        text = str(rec["listing_date"])
    elif rec["date_basis"] == "snapshot":
        lower = rec["date_lower"]
        text = (f"first seen between {lower} and {rec['date_upper']}" if lower
                else f"on or before {rec['date_upper']}")
    else:
        text = "date not stated"
    if rec["end_date"]:
        text += f"; gone by {rec['end_date']}"
    return text


def entity_panel(info: EntityInfo) -> Panel:
    """A Rich panel for one canonical entity."""
    listings = Table(show_edge=False, expand=True)
    for col in ("list", "listed", "Russia", "program / measure", "source record"):
        listings.add_column(col, overflow="fold")
    for rec in info.records:
        listings.add_row(
            f"{rec['jurisdiction']} {rec['list_title']}", _date_text(rec),
            "yes" if rec["russia_related"] else "no",
            f"{rec['program']} / {', '.join(rec['measures'] or [])}",
            f"{rec['source_file']} #{rec['record_id']} (line {rec['line']}, "
            f"sha256 {str(rec['sha256'])[:12]}…)")
    names = ", ".join(sorted(info.names, key=lambda n: info.names[n]["kind"] != "primary"))
    merges = Table(show_edge=False, expand=True)
    merges.add_column("merged")
    merges.add_column("score", justify="right")
    merges.add_column("why", overflow="fold")
    for left, right, score, why in info.merges:
        merges.add_row(f"{left}\n{right}", f"{score:.2f}" if score is not None else "—", why)
    parts: list[Any] = [f"[bold]names[/]: {names}",
                        f"[bold]countries[/]: {', '.join(info.countries) or '—'}", listings]
    if info.merges:
        parts.append(merges)
    if info.kept_apart:
        apart = Table(show_edge=False, expand=True)
        for col in ("kept apart from", "score", "why not merged"):
            apart.add_column(col, overflow="fold", justify="right" if col == "score" else "left")
        for other, label, score, reason in info.kept_apart_once():
            apart.add_row(f"{label}\n{other}", f"{score:.2f}", reason)
        parts.append(apart)
    return Panel(Group(*parts), title=f"{info.caption} ({info.schema}) · {info.canonical_id}")


def entity_json(info: EntityInfo) -> dict[str, Any]:
    """A JSON-ready view of one canonical entity."""
    return {
        "id": info.canonical_id, "caption": info.caption, "schema": info.schema,
        "countries": info.countries, "names": sorted(info.names),
        "records": [{k: (str(v) if v is not None and not isinstance(v, (bool, int, float, list))
                         else v) for k, v in rec.items()} for rec in info.records],
        "merges": [{"left": a, "right": b, "score": s, "explanation": w}
                   for a, b, s, w in info.merges],
        "kept_apart": [{"record": own, "other": other, "other_caption": label, "score": s,
                        "reason": why} for own, other, label, s, why in info.kept_apart],
    }


def register(app: typer.Typer) -> None:
    """Add the ``entity`` command to ``app``."""

    @app.command()
    def entity(
        name: Annotated[str, typer.Argument(help="A name or part of one, or a canonical id.")],
        limit: Annotated[int, typer.Option(help="At most this many entities.")] = 3,
        fmt: Annotated[str, typer.Option("--format", help="table or json.")] = "table",
        kb_file: Annotated[Path | None, typer.Option("--kb", help="Knowledge base file.")] = None,
    ) -> None:
        """One company across lists: each list's record, dates and merge explanations."""
        try:
            if fmt not in ("table", "json"):
                raise QueryError(f"unknown format {fmt!r}; use table or json")
            with kb.connect(kb.kb_path(kb_file)) as con:
                ids = find_entities(con, name, limit)
                if not ids:
                    raise QueryError(f"no listed party has a name containing {name!r}")
                infos = fetch_entities(con, ids)
        except SanctiongapError as exc:
            _err.print(f"[bold red]error:[/] {exc}", highlight=False)
            raise typer.Exit(code=2) from exc
        if fmt == "json":
            print(json.dumps([entity_json(infos[i]) for i in ids], ensure_ascii=False, indent=1))
            return
        for cid in ids:
            _console.print(entity_panel(infos[cid]))
