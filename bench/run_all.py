"""Run every benchmark in turn (`make bench`): load, resolution stages, matcher, gap/report.

Each script prints its own table with the issue's targets and baselines as ratios.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).parent
SCRIPTS = ["bench_load.py", "bench_resolve.py", "bench_match.py", "bench_screen.py",
           "bench_gap.py"]


def main() -> int:
    failed = 0
    for name in SCRIPTS:
        script = HERE / name
        if not script.exists():
            continue
        print(f"\n=== {name} ===", flush=True)
        failed += subprocess.call([sys.executable, str(script), *sys.argv[1:2]]) != 0
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
