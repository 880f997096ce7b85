"""Full load of the bundled snapshot: wall time, records/s and peak memory.

    .venv/bin/python bench/bench_load.py

Targets (issue 2): under 20 s on 2 cores, peak RSS under 1 GB.  The baseline is the
same load without resolution, and plain parsing without the knowledge base write, so
the cost of each stage shows as a ratio.
"""

from __future__ import annotations

import resource
import sys
import tempfile
import time
from pathlib import Path

from rich.console import Console
from rich.table import Table

from sanctiongap import bundle
from sanctiongap.load import build, parse_source

TARGET_SECONDS = 20.0
TARGET_RSS_MB = 1024.0


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    specs = bundle.bundled_specs()
    started = time.perf_counter()
    parsed = [parse_source(spec) for spec in specs]
    parse_s = time.perf_counter() - started
    records = sum(len(p.records) for p in parsed)

    with tempfile.TemporaryDirectory() as tmp:
        target = Path(tmp) / "kb.duckdb"
        started = time.perf_counter()
        build(specs, target)
        no_resolve_s = time.perf_counter() - started
        try:
            from sanctiongap.resolve import resolve_kb
        except ImportError:
            resolve_kb = None  # type: ignore[assignment]
        full_s = float("nan")
        if resolve_kb is not None:
            started = time.perf_counter()
            build(specs, target, resolve=resolve_kb)
            full_s = time.perf_counter() - started
    rss = peak_rss_mb()
    table = Table(title=f"bundled load: {len(specs)} sources, {records:,} parsed records")
    for col in ("stage", "seconds", "records/s", "vs target 20 s"):
        table.add_column(col, justify="right")
    for stage, secs in (("parse only", parse_s), ("load (no resolution)", no_resolve_s),
                        ("load + resolution", full_s)):
        table.add_row(stage, f"{secs:.2f}", f"{records / secs:,.0f}" if secs == secs else "—",
                      f"{secs / TARGET_SECONDS:.2f}x" if secs == secs else "—")
    Console().print(table)
    print(f"peak RSS {rss:.0f} MB ({rss / TARGET_RSS_MB:.2f}x of the 1 GB target)")
    for p in parsed:
        print(f"  {p.seconds:6.2f} s  {p.spec.display_path}")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
