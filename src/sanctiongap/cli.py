"""The ``sanctiongap`` command line: a thin shell over the library's functions."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path
from typing import Annotated

import typer
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

from sanctiongap import bundle, kb
from sanctiongap.console import make_console
from sanctiongap.errors import SanctiongapError
from sanctiongap.load import ParsedSource, SourceSpec, build
from sanctiongap.render_cli import load_table

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="Who supplies Russia's war industry, who lists them, since when.")
console = make_console()
err_console = make_console(stderr=True)

KbOption = Annotated[Path | None, typer.Option(
    "--kb", help=f"Knowledge base file (default: ${kb.ENV_VAR} or {kb.DEFAULT_KB}).")]


def fail(exc: Exception) -> typer.Exit:
    """Print a user error and return the exit to raise."""
    err_console.print(f"[bold red]error:[/] {exc}", highlight=False, markup=True)
    return typer.Exit(code=2)


def run_load(specs: list[SourceSpec], target: Path, *, check_bounds: bool = True,
             quiet: bool = False, resolve: bool = True) -> list[ParsedSource]:
    """Build the KB with a progress bar and print the closing table."""
    progress = Progress(TextColumn("{task.description}"), BarColumn(), TextColumn(
        "{task.completed}/{task.total}"), TimeElapsedColumn(), console=err_console,
        disable=quiet or not sys.stderr.isatty())
    with progress:
        task = progress.add_task("loading", total=len(specs) + 3)

        def report(step: str, done: int, total: int) -> None:
            progress.update(task, description=step, completed=done, total=total)
            if not sys.stderr.isatty() and not quiet:
                err_console.print(f"[{done}/{total}] {step}", highlight=False)

        from sanctiongap.resolve import resolve_kb

        parsed = build(specs, target, check_bounds=check_bounds, progress=report,
                       resolve=resolve_kb if resolve else None)
    if not quiet:
        console.print(load_table(parsed))
        console.print(f"knowledge base written to [bold]{target}[/]")
    return parsed


@app.command()
def load(
    paths: Annotated[list[Path] | None, typer.Argument(
        help="List files or folders; none = the bundled snapshot.")] = None,
    fmt: Annotated[str | None, typer.Option(
        "--format", help="Parser name for all PATHS (default: sniffed per file).")] = None,
    snapshot: Annotated[str | None, typer.Option(
        help="Snapshot date (YYYY-MM-DD) for PATHS whose name carries none.")] = None,
    no_bounds: Annotated[bool, typer.Option(
        "--no-bounds", help="Skip the per-source sanity bounds on record counts.")] = False,
    resolve: Annotated[bool, typer.Option(
        "--resolve/--no-resolve",
        help="Resolve records into canonical entities across lists (needed by entity, "
             "screen and the per-entity gap counts).")] = True,
    kb_file: KbOption = None,
) -> None:
    """Build the knowledge base from list files (atomic: a failed load changes nothing)."""
    try:
        snap = date.fromisoformat(snapshot) if snapshot else None
    except ValueError:
        raise fail(SanctiongapError(f"--snapshot {snapshot!r} is not a YYYY-MM-DD date")) from None
    try:
        specs = ([SourceSpec(p, fmt, snap) for p in paths] if paths
                 else bundle.bundled_specs())
        run_load(specs, kb.kb_path(kb_file), check_bounds=not no_bounds, resolve=resolve)
    except SanctiongapError as exc:
        raise fail(exc) from exc
    except KeyboardInterrupt:
        raise fail(SanctiongapError("interrupted; the previous knowledge base is unchanged")) \
            from None


@app.command()
def export(
    fmt: Annotated[str, typer.Option("--format", help="Export format: ftm.")] = "ftm",
    out: Annotated[Path | None, typer.Option(help="Output file (default: stdout).")] = None,
    kb_file: KbOption = None,
) -> None:
    """Export the knowledge base (FollowTheMoney JSON lines: parties and Sanctions)."""
    from sanctiongap.ftm_export import write_ftm

    if fmt != "ftm":
        raise fail(SanctiongapError(f"unknown export format {fmt!r}; known: ftm"))
    try:
        con = kb.connect(kb.kb_path(kb_file))
    except SanctiongapError as exc:
        raise fail(exc) from exc
    with con:
        if out is None:
            count = write_ftm(con, sys.stdout)
        else:
            with out.open("w", encoding="utf-8") as fh:
                count = write_ftm(con, fh)
    err_console.print(f"exported {count:,} entities", highlight=False)


@app.command()
def info(kb_file: KbOption = None) -> None:
    """What the knowledge base holds: sources, snapshot dates, counts."""
    from sanctiongap.render_cli import sources_table

    try:
        con = kb.connect(kb.kb_path(kb_file))
    except SanctiongapError as exc:
        raise fail(exc) from exc
    with con:
        console.print(sources_table(con))
        for key, value in kb.meta(con).items():
            console.print(f"{key}: {value}", highlight=False)


@app.command()
def demo(
    out: Annotated[Path, typer.Option("--out", help="Folder for the report.")] = Path("report"),
    kb_file: KbOption = None,
) -> None:
    """Build the KB from the bundled snapshot, write the report, print the headline."""
    from sanctiongap.cli_gap import headline_rich
    from sanctiongap.gap import run_gap
    from sanctiongap.gap_claim import CLAIM_QUERY, claim_from_result
    from sanctiongap.report import build_report

    target = kb.kb_path(kb_file)
    try:
        run_load(bundle.bundled_specs(), target, quiet=True)
        with kb.connect(target) as con:
            summary = build_report(con, out)
            claim = claim_from_result(run_gap(con, CLAIM_QUERY))
    except SanctiongapError as exc:
        raise fail(exc) from exc
    console.print(f"knowledge base: [bold]{target}[/]", highlight=False)
    console.print(headline_rich(claim.result))
    console.rule("The claim of 2024-04-13, checked against the lists")
    for para in claim.paragraphs:
        console.print(para, highlight=False, markup=False)
        console.print()
    console.print(headline_rich(summary.result))
    console.print(f"report: [bold]{summary.index.resolve().as_uri()}[/] "
                  f"({summary.entity_pages:,} entity pages, {summary.seconds:.1f} s)",
                  highlight=False)


def main() -> None:  # pragma: no cover - console entry point alias
    app()


def _register_commands() -> None:
    """Add the commands that live in their own modules (gap, report, entity, screen)."""
    from sanctiongap import cli_entity, cli_gap, cli_screen

    cli_gap.register(app)
    cli_entity.register(app)
    cli_screen.register(app)


_register_commands()

