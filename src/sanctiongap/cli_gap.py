"""The ``gap`` and ``report`` commands: thin shells over :mod:`sanctiongap.gap` and
:mod:`sanctiongap.report`.  ``register(app)`` adds them to the main Typer app."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from sanctiongap import kb
from sanctiongap.console import make_console
from sanctiongap.errors import SanctiongapError
from sanctiongap.gap_checks import parse_codes, parse_countries, parse_date
from sanctiongap.gap_model import INVASION, GapQuery, GapResult, short_name

DEFAULT_SINCE = INVASION.isoformat()

FORMATS = ("table", "csv", "json")
TABLES = ("all", "headline", "matrix", "timeline", "overlap", "lists")

_console = make_console()
_err = make_console(stderr=True)

KbOption = Annotated[Path | None, typer.Option(
    "--kb", help=f"Knowledge base file (default: ${kb.ENV_VAR} or {kb.DEFAULT_KB}).")]
CountryOption = Annotated[str, typer.Option(
    "--country", help="ISO codes, comma-separated (CN = mainland China, HK = Hong Kong); "
    "'all' for every country.")]
AsOfOption = Annotated[str | None, typer.Option(
    "--as-of", help="Date to count listings on, YYYY-MM-DD (default: the KB's last snapshot).")]
SinceOption = Annotated[str, typer.Option(
    "--since", help="Count entities added since this date (YYYY-MM-DD; 'none' to skip).")]
ThemeOption = Annotated[str, typer.Option(
    "--theme", help="'russia' (Russia-related listings only) or 'all'.")]
JurOption = Annotated[str | None, typer.Option(
    "--jurisdiction", help="Jurisdictions, comma-separated: US, EU, UK, JP, UA "
    "(default: US, EU, UK and JP where loaded).")]


def _fail(exc: Exception) -> typer.Exit:
    _err.print(f"[bold red]error:[/] {exc}", highlight=False, markup=True)
    return typer.Exit(code=2)


def build_query(country: str, theme: str, as_of: str | None, since: str,
                jurisdiction: str | None, lists: str | None = None,
                only_in: str | None = None, not_in: str | None = None) -> GapQuery:
    """A GapQuery from command-line strings (QueryError on a malformed value)."""
    since_date = None if since.strip().lower() in ("none", "") else parse_date(since, "--since")
    return GapQuery(
        countries=parse_countries(country), theme=theme.strip().lower(),
        as_of=parse_date(as_of, "--as-of"), since=since_date,
        jurisdictions=parse_codes(jurisdiction),
        lists=tuple(x.strip() for x in lists.split(",") if x.strip()) if lists else None,
        only_in=_group_key(only_in), not_in=_group_key(not_in))


def _group_key(value: str | None) -> str | None:
    if value is None or not value.strip():
        return None
    value = value.strip()
    return value.upper() if len(value) == 2 else value


SHORT_MEASURES = {"export restriction": "export restr.",
                  "investment or financing restriction": "invest./finance",
                  "sectoral restriction": "sectoral"}
"""Measures abbreviated to keep the headline table narrow."""


def headline_rich(result: GapResult) -> Table:
    """The headline counts as a Rich table."""
    q = result.query
    title = (f"Designation gap — {', '.join(c.upper() for c in q.countries) or 'all countries'}"
             f" — {'Russia-related' if q.theme == 'russia' else 'all'} listings on {q.as_of}")
    table = Table(title=title, title_justify="left")
    table.add_column("jurisdiction / list", no_wrap=True)
    table.add_column("measure", style="dim", no_wrap=True)
    labels = ["total" if s == "all" else s.upper() for s in result.scopes]
    for label in labels:
        table.add_column(f"listed {label}", justify="right")
    if q.since:
        for label in labels:
            table.add_column(f"added {label}", justify="right")
    table.add_column("possibly", justify="right", style="yellow", min_width=8)
    last_jur = max((i for i, r in enumerate(result.headline) if r.group.kind == "jurisdiction"),
                   default=-1)
    for i, row in enumerate(result.headline):
        g = row.group
        name = (f"[bold]{g.key}[/] (any list)" if g.kind == "jurisdiction"
                else f"  {short_name(g.key, g.label)}")
        cells = [str(row.counts[s].listed) for s in result.scopes]
        if q.since:
            cells += [str(row.counts[s].added) for s in result.scopes]
        measure = "" if g.kind == "jurisdiction" else SHORT_MEASURES.get(g.measure, g.measure)
        table.add_row(name, measure, *cells, str(row.counts["all"].possibly),
                      end_section=i == last_jur)
    notes = [f"{r.group.key} = {r.group.label.split(': ', 1)[-1]}" for r in result.headline
             if r.group.kind == "jurisdiction"]
    if q.since:
        notes.append(f"added = listed on {q.as_of} and not before {q.since}")
    notes.append("possibly = first seen in the snapshot after the date (OFAC dates are bounded "
                 "by snapshots); an entity with addresses in both CN and HK counts once in total")
    table.caption = "\n".join(notes)
    table.caption_justify = "left"
    return table


def matrix_rich(result: GapResult, limit: int) -> Table:
    """The first rows of the (filtered) matrix as a Rich table."""
    rows = result.filtered_matrix()
    q = result.query
    what = ""
    if q.only_in or q.not_in:
        what = f" — listed by {q.only_in or 'any'}" + (f", not by {q.not_in}" if q.not_in else "")
    table = Table(title=f"Matrix{what}: {len(rows)} entities (first {min(limit, len(rows))})",
                  title_justify="left")
    table.add_column("entity", max_width=42)
    table.add_column("countries")
    cols = [c for c in result.columns if any(c.list_id in m.cells and m.cells[c.list_id].status
                                             for m in rows)]
    for col in cols:
        table.add_column(short_name(col.list_id, col.title), max_width=26)
    for m in rows[:limit]:
        table.add_row(m.caption, " ".join(c.upper() for c in m.countries),
                      *[m.cells[c.list_id].text if c.list_id in m.cells else "" for c in cols])
    return table


def print_result(result: GapResult, rows: int) -> None:
    """Headline, matrix preview, claim (when asked exactly), method and caveats."""
    from sanctiongap.gap_claim import claim_from_result, is_claim_query

    _console.print(headline_rich(result))
    overlap = ", ".join(f"{o.label} {o.count}" for o in result.overlap if o.count)
    _console.print(f"[bold]Overlap[/] (listed on {result.query.as_of}): {overlap or 'none'}",
                   highlight=False)
    if rows > 0:
        _console.print(matrix_rich(result, rows))
    if is_claim_query(result.query):
        check = claim_from_result(result)
        _console.rule("The claim of 2024-04-13, checked")
        for para in check.paragraphs:
            _console.print(para, highlight=False, markup=False)
            _console.print()
    _console.rule("Method")
    for line in result.method:
        _console.print(f"• {line}", style="dim", highlight=False, markup=False)
    _console.rule("Caveats")
    for line in result.caveats:
        _console.print(f"• {line}", highlight=False, markup=False)


def register(app: typer.Typer) -> None:
    """Add the ``gap`` and ``report`` commands to ``app``."""

    @app.command()
    def gap(
        country: CountryOption = "CN,HK",
        theme: ThemeOption = "russia",
        as_of: AsOfOption = None,
        since: SinceOption = DEFAULT_SINCE,
        jurisdiction: JurOption = None,
        lists: Annotated[str | None, typer.Option(
            "--lists", help="Only these list ids, comma-separated (e.g. us_ofac_sdn).")] = None,
        only_in: Annotated[str | None, typer.Option(
            "--list-only-in", help="Matrix: entities listed by this jurisdiction or list ...")
        ] = None,
        not_in: Annotated[str | None, typer.Option(
            "--not-in", help="... and not (even possibly) by this one.")] = None,
        fmt: Annotated[str, typer.Option(
            "--format", help="table (Rich), csv or json.")] = "table",
        table: Annotated[str, typer.Option(
            "--table", help="With --format csv: one table (headline, matrix, timeline, "
            "overlap, lists) or all.")] = "all",
        rows: Annotated[int, typer.Option(
            "--rows", help="Matrix rows to preview with --format table.")] = 15,
        kb_file: KbOption = None,
    ) -> None:
        """Who lists the entities of some countries, since when, and who does not."""
        from sanctiongap import gap_export
        from sanctiongap.gap import run_gap

        try:
            if fmt not in FORMATS:
                raise SanctiongapError(f"unknown --format {fmt!r}; use one of {FORMATS}")
            if table not in TABLES:
                raise SanctiongapError(f"unknown --table {table!r}; use one of {TABLES}")
            query = build_query(country, theme, as_of, since, jurisdiction, lists, only_in,
                                not_in)
            con = kb.connect(kb.kb_path(kb_file))
            with con:
                result = run_gap(con, query)
        except SanctiongapError as exc:
            raise _fail(exc) from exc
        if fmt == "json":
            sys.stdout.write(gap_export.to_json(result) + "\n")
        elif fmt == "csv":
            if table == "all":
                sys.stdout.write(gap_export.to_csv(result))
            else:
                chosen = {t.name: t for t in gap_export.all_tables(result)}[table]
                sys.stdout.write(chosen.to_csv())
        else:
            print_result(result, rows)

    @app.command()
    def report(
        out: Annotated[Path, typer.Option("--out", help="Folder to write the site to.")] = Path(
            "report"),
        country: CountryOption = "CN,HK",
        theme: ThemeOption = "russia",
        as_of: AsOfOption = None,
        since: SinceOption = DEFAULT_SINCE,
        jurisdiction: JurOption = None,
        kb_file: KbOption = None,
    ) -> None:
        """Write the static report (HTML, SVG charts, CSV/JSON) that opens from disk."""
        from sanctiongap.report import build_report

        try:
            query = build_query(country, theme, as_of, since, jurisdiction)
            con = kb.connect(kb.kb_path(kb_file))
            with con:
                summary = build_report(con, out, query)
        except SanctiongapError as exc:
            raise _fail(exc) from exc
        _console.print(headline_rich(summary.result))
        _console.print(f"report written to [bold]{summary.out_dir}[/] ({summary.entity_pages:,} "
                       f"entity pages, {summary.files:,} files, {summary.seconds:.1f} s)")
        _console.print(f"open [bold]{summary.index.resolve().as_uri()}[/]", highlight=False)
