"""Full load of the bundled snapshot: wall time, records/s and peak memory, per stage.

    .venv/bin/python bench/bench_load.py

Targets (issue 2): under 20 s on 2 cores, peak RSS under 1 GB.  Three stages run side
by side, each in a fresh process so that one stage's memory does not show in the next:

- parse only: every source parsed serially in one process, nothing written (the
  baseline: what reading the native formats costs);
- load: ``sanctiongap load --no-resolve`` as the command runs it (parse in 2 worker
  processes, bound dates across snapshots, write the knowledge base, swap it in);
- load + resolution: ``sanctiongap load``, which also resolves entities across lists.

Memory is given two ways: the peak RSS of the loading process (what ``/usr/bin/time``
reports), and the peak sum of PSS over the process and its workers, which counts pages
the forked workers share with it once (``memtree.py``).
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from rich.console import Console
from rich.table import Table

from memtree import TreeMemory
from sanctiongap import bundle
from sanctiongap.load import PRESENCE_FORMAT, build, parse_source
from sanctiongap.resolve import resolve_kb

TARGET_SECONDS = 20.0
TARGET_RSS_MB = 1024.0
STAGES = {"parse": "parse only (serial, baseline)", "load": "load (no resolution)",
          "resolve": "load + resolution"}


def run_stage(stage: str) -> dict[str, object]:
    """Run one stage in this process and return its measures."""
    specs = bundle.bundled_specs()
    per_source: list[tuple[str, float]] = []
    with TreeMemory() as tree, tempfile.TemporaryDirectory() as tmp:
        started = time.perf_counter()
        if stage == "parse":
            parsed = [parse_source(spec) for spec in specs]
            per_source = [(str(p.spec.display_path), p.seconds) for p in parsed]
        else:
            parsed = build(specs, Path(tmp) / "kb.duckdb",
                           resolve=resolve_kb if stage == "resolve" else None)
        seconds = time.perf_counter() - started
    records = sum(int(str(p.summary()["records"])) for p in parsed
                  if p.format != PRESENCE_FORMAT)
    return {"seconds": seconds, "records": records, "sources": len(specs),
            "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            "tree_pss_mb": tree.peak_pss_mb, "per_source": per_source}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--stage", choices=sorted(STAGES), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.stage:
        print(json.dumps(run_stage(args.stage)))
        return
    results = {}
    for stage in STAGES:
        out = subprocess.run([sys.executable, __file__, "--stage", stage], check=True,
                             capture_output=True, text=True).stdout
        results[stage] = json.loads(out.strip().splitlines()[-1])
    first = results["parse"]
    table = Table(title=f"bundled load: {first['sources']} sources, "
                        f"{first['records']:,} parsed records")
    for col in ("stage", "seconds", "records/s", "vs 20 s", "peak RSS MB", "vs 1 GB",
                "tree PSS MB", "vs 1 GB"):
        table.add_column(col, justify="right")
    for stage, label in STAGES.items():
        r = results[stage]
        secs, rss, pss = float(r["seconds"]), float(r["rss_mb"]), float(r["tree_pss_mb"])
        table.add_row(label, f"{secs:.2f}", f"{int(r['records']) / secs:,.0f}",
                      f"{secs / TARGET_SECONDS:.2f}x", f"{rss:.0f}",
                      f"{rss / TARGET_RSS_MB:.2f}x", f"{pss:.0f}", f"{pss / TARGET_RSS_MB:.2f}x")
    Console(width=140).print(table)
    print("parse times per source (serial):")
    for path, seconds in first["per_source"]:
        print(f"  {seconds:6.2f} s  {path}")


if __name__ == "__main__":
    main()
