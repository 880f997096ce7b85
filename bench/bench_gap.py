"""From nothing to a finished report, and the latency of a gap query.

    .venv/bin/python bench/bench_gap.py [--kb EXISTING.duckdb] [--runs 20]

Targets (issue 4): load + resolve + report of the bundled snapshot under 60 s on two
cores with peak RSS under 1.5 GB; a gap query under 200 ms.  Memory is given as this
process's peak RSS and as the peak PSS summed over it and its worker processes.  Each
figure is printed with its ratio to the target (below 1.00 = within target).  With --kb the load is
skipped and only the report and the queries are timed.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import tempfile
import time
from datetime import date
from pathlib import Path

import duckdb
from rich.console import Console
from rich.table import Table

from memtree import TreeMemory
from sanctiongap import bundle
from sanctiongap.gap import run_gap
from sanctiongap.gap_claim import CLAIM_QUERY
from sanctiongap.gap_model import GapQuery
from sanctiongap.load import build
from sanctiongap.report import build_report

TARGET_TOTAL_S = 60.0
TARGET_QUERY_MS = 200.0
TARGET_RSS_MB = 1536.0


def peak_rss_mb() -> float:
    """Peak resident memory of this process so far (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def query_ms(con: duckdb.DuckDBPyConnection, query: GapQuery, runs: int) -> list[float]:
    """Wall times of ``runs`` gap queries, after one warm-up."""
    run_gap(con, query)
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        run_gap(con, query)
        times.append((time.perf_counter() - started) * 1000)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kb", type=Path, help="use this knowledge base (skip the load)")
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    rows: list[tuple[str, str, str, str]] = []
    tree = TreeMemory()
    with tempfile.TemporaryDirectory() as tmp:
        kb_path = args.kb
        load_s = resolve_note = None
        if kb_path is None:
            kb_path = Path(tmp) / "kb.duckdb"
            from sanctiongap.resolve import resolve_kb

            resolve_note = "with resolution"
            started = time.perf_counter()
            with tree:
                build(bundle.bundled_specs(), kb_path, resolve=resolve_kb)
            load_s = time.perf_counter() - started
        with duckdb.connect(str(kb_path), read_only=True) as con:
            started = time.perf_counter()
            summary = build_report(con, Path(tmp) / "report", GapQuery())
            report_s = time.perf_counter() - started
            seed = query_ms(con, CLAIM_QUERY, args.runs)
            default = query_ms(con, GapQuery(), args.runs)
            everything = query_ms(con, GapQuery(countries=(), theme="all",
                                                as_of=date(2024, 4, 13)), max(3, args.runs // 4))
    if load_s is not None:
        rows.append(("load (parse, bound dates, write, resolve)", f"{load_s:.1f} s", "",
                     resolve_note or ""))
        total = load_s + report_s
        rows.append(("report", f"{report_s:.1f} s", "",
                     f"{summary.entity_pages:,} entity pages, {summary.files:,} files"))
        rows.append(("empty → finished report", f"{total:.1f} s",
                     f"{total / TARGET_TOTAL_S:.2f}", f"target {TARGET_TOTAL_S:.0f} s"))
    else:
        rows.append(("report (existing KB)", f"{report_s:.1f} s", "",
                     f"{summary.entity_pages:,} entity pages"))
    for label, times in (("gap query, claim (CN+HK, Russia, 2024-04-13)", seed),
                         ("gap query, default (CN+HK, last snapshot)", default)):
        med = statistics.median(times)
        rows.append((label, f"{med:.0f} ms", f"{med / TARGET_QUERY_MS:.2f}",
                     f"median of {len(times)}; target {TARGET_QUERY_MS:.0f} ms"))
    med = statistics.median(everything)
    rows.append(("gap query, every country, every theme", f"{med:.0f} ms", "",
                 f"median of {len(everything)}; no target (not the headline path)"))
    rss = peak_rss_mb()
    rows.append(("peak RSS", f"{rss:.0f} MB", f"{rss / TARGET_RSS_MB:.2f}",
                 f"this process; target {TARGET_RSS_MB:.0f} MB"))
    if tree.peak_pss_mb:
        rows.append(("peak PSS, process + workers", f"{tree.peak_pss_mb:.0f} MB",
                     f"{tree.peak_pss_mb / TARGET_RSS_MB:.2f}",
                     "during the load; shared pages counted once"))
    table = Table(title="bench_gap: the designation gap and its report")
    for col in ("stage", "measured", "ratio to target", "note"):
        table.add_column(col, justify="right" if col in ("measured", "ratio to target")
                         else "left")
    for row in rows:
        table.add_row(*row)
    Console().print(table)


if __name__ == "__main__":
    main()
