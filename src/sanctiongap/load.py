"""Build the knowledge base from list files: parse, bound dates, write, resolve, swap.

The pipeline reads every source completely before it touches the knowledge base.
Any error (a malformed record, a count outside the sanity bounds, an interrupt)
aborts the load and the previous knowledge base stays as it was.
"""

from __future__ import annotations

import dataclasses
import gc
import multiprocessing
import sys
import time
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pyarrow as pa

from sanctiongap import kb
from sanctiongap.errors import SourceError
from sanctiongap.model import SourceRecord
from sanctiongap.scripts import script_of
from sanctiongap.sources import registry
from sanctiongap.sources.base import ParseContext, Parser, SourceFile, snapshot_date_from_path
from sanctiongap.timeline import merge_snapshots
from sanctiongap.workers import worker_limit

PRESENCE_FORMAT = "ofac_sdn_presence"
MAX_WORKERS = 4


@dataclass(slots=True)
class SourceSpec:
    """One source to load: a file, or a folder holding a multi-file set."""

    path: Path
    format: str | None = None  # parser name; sniffed when None
    snapshot_date: date | None = None  # taken from the path or the file when None
    display_path: str | None = None  # how provenance names it
    min_records: int | None = None  # overrides the parser's sanity bounds
    max_records: int | None = None


@dataclass(slots=True)
class ParsedSource:
    """A source after parsing, before it reaches the knowledge base."""

    spec: SourceSpec
    format: str
    files: list[SourceFile]
    snapshot_date: date | None
    records: list[SourceRecord] = field(default_factory=list)
    # (list id, {record id: countries}) for a presence-only snapshot
    presence: tuple[str, dict[str, list[str]]] | None = None
    warnings: list[str] = field(default_factory=list)
    seconds: float = 0.0
    released: dict[str, object] | None = None  # the summary, once the records are let go

    def release(self) -> None:
        """Keep the summary and let go of the records (they are in the knowledge base by
        now), so that resolution does not run beside them in memory."""
        self.released = self.summary()
        self.records = []
        self.presence = None

    def summary(self) -> dict[str, object]:
        """Figures for the closing table of a load."""
        if self.released is not None:
            return self.released
        recs = self.records
        dates = [r.designation.listing_date or r.designation.date_upper for r in recs]
        known = [d for d in dates if d is not None]
        return {
            "source": self.spec.display_path or str(self.spec.path),
            "format": self.format,
            "snapshot": self.snapshot_date,
            "records": len(recs) if self.presence is None else len(self.presence[1]),
            "schemata": Counter(r.party.schema for r in recs),
            "cn": sum("cn" in r.party.countries for r in recs),
            "hk": sum("hk" in r.party.countries for r in recs),
            "russia": sum(r.designation.russia_related for r in recs),
            "first": min(known) if known else None,
            "last": max(known) if known else None,
            "warnings": len(self.warnings),
            "seconds": self.seconds,
        }


def _read_files(paths: list[Path], spec: SourceSpec) -> list[SourceFile]:
    files = []
    for i, path in enumerate(paths):
        display = None
        if spec.display_path is not None:
            display = spec.display_path if i == 0 and path == spec.path else (
                f"{spec.display_path.rstrip('/')}/{path.name}" if spec.path.is_dir()
                else f"{Path(spec.display_path).parent}/{path.name}")
        files.append(SourceFile.read(path, display))
    return files


def _check_bounds(parsed: ParsedSource, parser: Parser, check_bounds: bool) -> None:
    if not check_bounds:
        return
    low = parsed.spec.min_records if parsed.spec.min_records is not None else parser.min_records
    high = parsed.spec.max_records if parsed.spec.max_records is not None else parser.max_records
    count = len(parsed.records)
    if not low <= count <= high:
        raise SourceError(
            parsed.files[0].display_path,
            f"{count:,} records, outside the sanity bounds {low:,}..{high:,} for a "
            f"{parser.name} file (truncated or wrong file?); pass explicit bounds to override")


def _digests_only(files: list[SourceFile]) -> list[SourceFile]:
    """The files without their contents: once parsed, only names and digests are needed
    (and the contents need not travel back from a worker process)."""
    return [dataclasses.replace(f, data=b"") for f in files]


def parse_source(spec: SourceSpec, *, check_bounds: bool = True) -> ParsedSource:
    """Parse one source completely (raising SourceError on bad input)."""
    started = time.perf_counter()
    snapshot = spec.snapshot_date or snapshot_date_from_path(spec.path)
    if spec.format == PRESENCE_FORMAT or (spec.format is None and _is_presence(spec.path)):
        from sanctiongap.sources.ofac import sdn_presence

        ids = sdn_presence(spec.path)
        if snapshot is None:
            raise SourceError(str(spec.path), "a presence-only snapshot needs a snapshot date")
        files = _read_files([p for p in sorted(spec.path.iterdir()) if p.is_file()], spec)
        return ParsedSource(spec, PRESENCE_FORMAT, _digests_only(files), snapshot,
                            presence=("us_ofac_sdn", ids),
                            seconds=time.perf_counter() - started)
    if spec.format:
        parser = registry.get(spec.format)
        paths = registry.files_for(parser, spec.path)
    else:
        parser, paths = registry.detect(spec.path)
    files = _read_files(paths, spec)
    ctx = ParseContext(snapshot_date=snapshot)
    records = list(parser.parse(files, ctx))
    if records and records[0].provenance.snapshot_date is not None:
        snapshot = records[0].provenance.snapshot_date
    parsed = ParsedSource(spec, parser.name, _digests_only(files), snapshot, records,
                          warnings=ctx.warnings)
    _check_bounds(parsed, parser, check_bounds)
    parsed.seconds = time.perf_counter() - started
    return parsed


def _is_presence(path: Path) -> bool:
    from sanctiongap.sources.base import find_file

    return (path.is_dir() and find_file(path, "sdn.csv") is None
            and find_file(path, "add.csv") is not None)


Progress = Callable[[str, int, int], None]


# Formats whose parser loads rigour's personal-name tagger (us_common.guess_schema),
# about 6 s once per process whatever the file's size: they start first, so that the
# other worker parses the rest meanwhile instead of waiting for them at the end.
_SLOW_START = frozenset({"bis_entity_json", "csl_csv"})


def _parse_all(specs: list[SourceSpec], check_bounds: bool, progress: Progress | None,
               total: int) -> list[ParsedSource]:
    """Parse every source, in worker processes when there are several sources and cores.

    Parsing is pure (file in, records out), so sources parse side by side; the first
    error cancels the rest and propagates unchanged.  The cyclic garbage collector is
    paused meanwhile (here and in the forked workers): parsing makes millions of
    long-lived objects and no cycles, and each full collection would walk them all.  On
    success they are frozen (``gc.freeze``) before it resumes, so that the later stages
    of the load do not walk them either; they are still freed when no longer used."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        parsed = _parse_each(specs, check_bounds, progress, total)
        if enabled:
            gc.freeze()
        return parsed
    finally:
        if enabled:
            gc.enable()


def _parse_each(specs: list[SourceSpec], check_bounds: bool, progress: Progress | None,
                total: int) -> list[ParsedSource]:
    workers = min(len(specs), worker_limit(MAX_WORKERS))
    if workers <= 1:
        results = []
        for i, spec in enumerate(specs):
            if progress:
                progress(f"parsing {spec.display_path or spec.path}", i, total)
            results.append(parse_source(spec, check_bounds=check_bounds))
        return results
    # Slow starters first, then the largest sources: keeps both workers busy to the end.
    order = sorted(range(len(specs)), key=lambda i: (
        specs[i].format not in _SLOW_START, -_size(specs[i].path)))
    slots: list[ParsedSource | None] = [None] * len(specs)
    context = multiprocessing.get_context("fork" if sys.platform == "linux" else "spawn")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        futures = {pool.submit(parse_source, specs[i], check_bounds=check_bounds): i
                   for i in order}
        try:
            for done, future in enumerate(as_completed(futures), start=1):
                index = futures[future]
                slots[index] = future.result()
                if progress:
                    spec = specs[index]
                    progress(f"parsed {spec.display_path or spec.path}", done, total)
        except BaseException:
            for future in futures:
                future.cancel()
            raise
    return [p for p in slots if p is not None]


def _size(path: Path) -> int:
    if path.is_dir():
        return sum(p.stat().st_size for p in path.iterdir() if p.is_file())
    return path.stat().st_size if path.exists() else 0


def _release_write_memory() -> None:
    """Let go of what writing the knowledge base kept: the script cache holds a name
    string of every record (and so pins the memory the records took), and Arrow's pool
    keeps freed buffers.  Resolution then starts, and forks, from a smaller process."""
    script_of.cache_clear()
    pa.default_memory_pool().release_unused()


def build(specs: list[SourceSpec], target: Path, *, check_bounds: bool = True,
          progress: Progress | None = None,
          resolve: Callable[..., object] | None = None) -> list[ParsedSource]:
    """Parse every source, then build a new knowledge base and swap it in atomically."""
    if not specs:
        raise SourceError("(no sources)", "nothing to load")
    total = len(specs) + (3 if resolve is not None else 2)
    parsed = _parse_all(specs, check_bounds, progress, total)
    if progress:
        progress("bounding dates across snapshots", len(specs), total)
    merged = merge_snapshots(
        [(i, p.snapshot_date, p.records) for i, p in enumerate(parsed) if p.presence is None],
        [(i, p.snapshot_date, p.presence[0], p.presence[1])
         for i, p in enumerate(parsed) if p.presence is not None and p.snapshot_date],
    )
    sources: list[dict[str, object]] = [{
        "source_id": i + 1,
        "list_ids": sorted({r.designation.list_id for r in p.records}
                           or ({p.presence[0]} if p.presence else set())),
        "format": p.format, "path": p.spec.display_path or str(p.spec.path),
        "files": [f.display_path for f in p.files], "sha256": [f.sha256 for f in p.files],
        "snapshot_date": p.snapshot_date, "role": "presence" if p.presence else "records",
        "records": len(p.records) if p.presence is None else len(p.presence[1]),
        "warnings": len(p.warnings), "seconds": p.seconds,
    } for i, p in enumerate(parsed)]
    warnings = [(i + 1, w) for i, p in enumerate(parsed) for w in p.warnings]
    if progress:
        progress("writing the knowledge base", len(specs) + 1, total)
    with kb.building(target) as con:
        kb.write(con, merged, sources, warnings)
        del merged
        for p in parsed:
            p.release()
        _release_write_memory()
        if resolve is not None:
            if progress:
                progress("resolving entities across lists", len(specs) + 2, total)
            resolve(con)
    if progress:
        progress("done", total, total)
    return parsed
