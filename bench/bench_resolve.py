"""Per-stage times of a full load of the bundled snapshot, with resolution, against targets.

    .venv/bin/python bench/bench_resolve.py                 # load + resolution
    .venv/bin/python bench/bench_resolve.py --report DIR    # and the HTML report

Targets: the load itself (parse + knowledge base write) under 20 s, load + resolution
(+ report) under 60 s, peak RSS under 1.5 GB, on 2 cores.  Stages are timed by wrapping
the pipeline's own functions, so the run is the real one (``load.build`` with
``resolve.resolve_kb``).  Resolution prepares the records in forked workers (round 1)
and scores the candidate pairs and computes the screening keys in a second round
(``sanctiongap.resolve_pool``); the main process only writes.  Peak RSS is reported for
the main process and for the largest worker (a worker's RSS counts the pages it shares
with the main process); the sum of PSS over the whole process tree, sampled from /proc,
is the memory the load really holds.  ``bench/resolve_fingerprint.py`` checks that results do not
change with the code that makes them fast.
"""

from __future__ import annotations

import argparse
import resource
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from memtree import TreeMemory
from sanctiongap import bundle, kb, load, resolve, resolve_pool

TARGET_LOAD_S = 20.0
TARGET_TOTAL_S = 60.0
TARGET_RSS_MB = 1536.0

STAGES: dict[str, float] = {}
TREE = TreeMemory()


def timed(module: Any, name: str, stage: str) -> None:
    """Replace ``module.name`` by a wrapper adding its wall time to ``STAGES[stage]``."""
    func: Callable[..., Any] = getattr(module, name)

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        started = time.perf_counter()
        outer, TREE.stage = TREE.stage, stage
        try:
            return func(*args, **kwargs)
        finally:
            TREE.stage = outer
            STAGES[stage] = STAGES.get(stage, 0.0) + time.perf_counter() - started

    setattr(module, name, wrapper)


def rss_mb(who: int) -> float:
    return resource.getrusage(who).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--report", type=Path, help="also build the HTML report here")
    args = parser.parse_args()
    timed(load, "_parse_all", "parse (2 workers)")
    timed(load, "merge_snapshots", "write: merge snapshots")
    timed(kb, "write", "write: knowledge base")
    timed(resolve, "load_subjects", "resolve: load subjects")
    timed(resolve_pool, "prepare_round", "resolve: prepare (2 workers)")
    timed(resolve_pool, "score_round", "resolve: cluster + keys (2 workers)")
    timed(resolve, "_write_name_keys", "resolve: write screening keys")
    timed(resolve, "resolve_kb", "resolution")
    specs = bundle.bundled_specs()
    with tempfile.TemporaryDirectory() as tmp, TREE as tree:
        target = Path(tmp) / "kb.duckdb"
        started = time.perf_counter()
        parsed = load.build(specs, target, resolve=resolve.resolve_kb)
        total = time.perf_counter() - started
        if args.report:
            from sanctiongap.report import build_report

            started = time.perf_counter()
            with kb.connect(target) as con:
                build_report(con, args.report)
            STAGES["report"] = time.perf_counter() - started
            total += STAGES["report"]
    records = sum(int(str(p.summary()["records"])) for p in parsed)
    load_s = sum(v for k, v in STAGES.items() if k.startswith(("parse", "write")))
    print(f"bundled load: {len(specs)} sources, {records:,} parsed records")
    print(f"  {'stage':<40}{'seconds':>9}{'peak PSS MB':>13}")
    for stage, seconds in STAGES.items():
        peak = TREE.stage_peaks_mb.get(stage)
        print(f"  {stage:<40}{seconds:>9.2f}{f'{peak:.0f}' if peak else '':>13}")
    other = total - load_s - STAGES.get("resolution", 0.0) - STAGES.get("report", 0.0)
    print(f"  {'other (swap, summaries)':<40}{other:>9.2f}")
    print(f"  {'load (parse + write)':<40}{load_s:>9.2f}  "
          f"{load_s / TARGET_LOAD_S:.2f} of the {TARGET_LOAD_S:.0f} s target")
    name = "total (load + resolution" + (" + report)" if args.report else ")")
    print(f"  {name:<40}{total:>9.2f}  {total / TARGET_TOTAL_S:.2f} of the "
          f"{TARGET_TOTAL_S:.0f} s target")
    main_rss, worker_rss = rss_mb(resource.RUSAGE_SELF), rss_mb(resource.RUSAGE_CHILDREN)
    print(f"  peak RSS: main process {main_rss:.0f} MB "
          f"({main_rss / TARGET_RSS_MB:.2f} of the {TARGET_RSS_MB:.0f} MB target), "
          f"largest worker {worker_rss:.0f} MB")
    if tree.available:
        print(f"  peak memory of the whole process tree (sum of PSS, sampled every "
              f"{tree.interval:.1f} s): {tree.peak_pss_mb:.0f} MB "
              f"({tree.peak_pss_mb / TARGET_RSS_MB:.2f} of the {TARGET_RSS_MB:.0f} MB target; "
              f"{tree.peak_pss_mb / 1024:.2f} of 1 GB); RSS summed {tree.peak_rss_sum_mb:.0f} MB")


if __name__ == "__main__":
    main()
