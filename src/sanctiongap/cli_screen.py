"""The ``screen`` command: counterparties (and goods) against the knowledge base."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.progress import Progress
from rich.table import Table
from rich.text import Text

from sanctiongap import kb
from sanctiongap.console import make_console
from sanctiongap.errors import QueryError, SanctiongapError
from sanctiongap.match import DEFAULT_THRESHOLD
from sanctiongap.screen import Screened, Screener
from sanctiongap.screen_io import ScreenRow, make_row, read_rows, write_results

_console = make_console()
_err = make_console(stderr=True)
BATCH = 500
SHOWN_FLOOR = 0.5  # hits below this score are left out of the output


def flat_rows(results: list[Screened], threshold: float) -> list[dict[str, Any]]:
    """One output row per hit (or one row for a query without hits or not screened)."""
    out = []
    for res in results:
        row = res.row
        base = {"row": row.row, "query_name": row.name, "query_country": row.country,
                "chpl_tier": res.chpl.tier if res.chpl else None,
                "problems": row.problems}
        hits = [h for h in res.hits if h.score >= SHOWN_FLOOR]
        if not row.name:
            out.append(base | {"status": "not screened"})
            continue
        if not hits:
            out.append(base | {"status": "no match", "flag": False})
            continue
        for hit in hits:
            out.append(base | {
                "status": "match" if hit.score >= threshold else "below threshold",
                "score": round(hit.score, 3), "entity_id": hit.entity_id, "caption": hit.caption,
                "lists": sorted({x.list_id for x in hit.listings}),
                "jurisdictions": sorted({x.jurisdiction for x in hit.listings}),
                "listed": list(dict.fromkeys(f"{x.list_id}: {x.listed}" for x in hit.listings)),
                "russia_related": any(x.russia_related for x in hit.listings),
                "flag": bool(res.chpl) and hit.score >= threshold,
                "explanation": hit.result.explanation()})
    return out


def yente_json(results: list[Screened]) -> list[dict[str, Any]]:
    """One object per query with its results in the yente /match result shape."""
    return [{
        "query": {"row": r.row.row, "name": r.row.name, "country": r.row.country,
                  "identifiers": r.row.identifiers, "hs_code": r.row.hs_code},
        "problems": r.row.problems,
        "chpl": None if r.chpl is None else {"hs6": r.chpl.hs6, "tier": r.chpl.tier,
                                             "description": r.chpl.description},
        "flagged": r.flagged,
        "results": [h.as_yente() for h in r.hits if h.score >= SHOWN_FLOOR],
    } for r in results]


def _table(results: list[Screened], threshold: float) -> Table:
    table = Table(title=f"Screening (match at score >= {threshold})")
    for col in ("query", "score", "entity", "lists (listed)", "why"):
        table.add_column(col, overflow="fold")
    for row in flat_rows(results, threshold):
        score = row.get("score")
        query = Text(str(row["query_name"] or "(empty)"))
        if row["problems"]:
            query.append("\n" + "; ".join(row["problems"]), style="dim")
        if row["chpl_tier"]:
            query.append(f"\nCHPL {row['chpl_tier']}", style="bold")
        shown = Text(str(score) if score is not None else str(row["status"]),
                     style="bold red" if row.get("status") == "match" else "")
        table.add_row(query, shown, Text(str(row.get("caption") or "")),
                      Text("\n".join(row.get("listed") or [])),
                      Text("\n".join((row.get("explanation") or [])[:3])))
    return table


def register(app: typer.Typer) -> None:
    """Add the ``screen`` command to ``app``."""

    @app.command()
    def screen(
        file: Annotated[Path | None, typer.Argument(
            help="CSV or XLSX with columns name, country, identifiers, hs_code.")] = None,
        name: Annotated[str | None, typer.Option(help="Screen one name.")] = None,
        country: Annotated[str | None, typer.Option(help="Its country (ISO code or name).")
                           ] = None,
        ident: Annotated[list[str] | None, typer.Option(
            "--id", help="An identifier (registration number, USCC, INN, IMO ...).")] = None,
        hs_code: Annotated[str | None, typer.Option("--hs", help="HS code of the goods.")
                           ] = None,
        out: Annotated[Path | None, typer.Option(
            help="Write results to .csv, .xlsx or .json.")] = None,
        fmt: Annotated[str, typer.Option("--format", help="table or json (stdout).")
                       ] = "table",
        threshold: Annotated[float, typer.Option(help="Match threshold.")] = DEFAULT_THRESHOLD,
        cutoff: Annotated[float | None, typer.Option(
            help="Also report hits down to this score (near misses; slower). "
                 "Default: the threshold.")] = None,
        kb_file: Annotated[Path | None, typer.Option("--kb", help="Knowledge base file.")
                           ] = None,
    ) -> None:
        """Screen counterparties: best matches with every list, date and explanation."""
        try:
            if fmt not in ("table", "json"):
                raise QueryError(f"unknown format {fmt!r}; use table or json")
            if (file is None) == (name is None):
                raise QueryError("give either a FILE or --name")
            rows: list[ScreenRow] = (read_rows(file) if file is not None else
                                     [make_row(0, name or "", country, ";".join(ident or []),
                                               hs_code)])
            with kb.connect(kb.kb_path(kb_file)) as con:
                if cutoff is not None and not 0.0 <= cutoff <= 1.0:
                    raise QueryError(f"--cutoff {cutoff} is not a score between 0 and 1")
                screener = Screener(con, threshold, cutoff=cutoff)
                results = _screen(screener, rows, show=file is not None)
        except SanctiongapError as exc:
            _err.print(f"[bold red]error:[/] {exc}", highlight=False)
            raise typer.Exit(code=2) from exc
        if out is not None:
            write_results(out, flat_rows(results, threshold))
            skipped = sum(1 for r in results if not r.row.name)
            _err.print(f"{len(results):,} rows screened into {out}"
                       + (f"; {skipped} could not be screened (listed there)" if skipped else ""))
        elif fmt == "json":
            print(json.dumps(yente_json(results), ensure_ascii=False, indent=1, default=str))
        else:
            _console.print(_table(results, threshold))


def _screen(screener: Screener, rows: list[ScreenRow], show: bool) -> list[Screened]:
    results: list[Screened] = []
    with Progress(console=_err, disable=not show or not sys.stderr.isatty()) as progress:
        task = progress.add_task("screening", total=len(rows))
        for start in range(0, len(rows), BATCH):
            batch = rows[start:start + BATCH]
            results.extend(screener.screen_rows(batch))
            progress.advance(task, len(batch))
    return results
