"""Peak memory of this process and all its descendants, sampled from /proc (Linux).

A forked worker's RSS counts every page it still shares with its parent, so adding up
RSS over a process tree counts shared pages once per process.  PSS (proportional set
size) splits each shared page between the processes mapping it, so the sum of PSS over
the tree is the memory the tree actually holds.  ``TreeMemory`` samples both sums in a
background thread; elsewhere than Linux it reports nothing.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path


def _descendants(pid: int) -> list[int]:
    found: list[int] = []
    todo = [pid]
    while todo:
        current = todo.pop()
        for task in Path(f"/proc/{current}/task").glob("*"):
            try:
                children = (task / "children").read_text().split()
            except OSError:
                continue
            for child in children:
                found.append(int(child))
                todo.append(int(child))
    return found


def _pss_rss_kb(pid: int) -> tuple[int, int]:
    pss = rss = 0
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                pss = int(line.split()[1])
            elif line.startswith("Rss:"):
                rss = int(line.split()[1])
    except (OSError, ValueError):
        pass
    return pss, rss


class TreeMemory:
    """Context manager: ``peak_pss_mb`` and ``peak_rss_sum_mb`` of the process tree."""

    def __init__(self, interval: float = 0.1) -> None:
        self.interval = interval
        self.peak_pss_mb = 0.0
        self.peak_rss_sum_mb = 0.0
        self.stage = ""  # set by the caller; peaks are also kept per stage
        self.stage_peaks_mb: dict[str, float] = {}
        self.available = Path("/proc/self/smaps_rollup").exists()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def sample(self) -> None:
        pids = [os.getpid(), *_descendants(os.getpid())]
        pss = rss = 0
        for pid in pids:
            p, r = _pss_rss_kb(pid)
            pss += p
            rss += r
        self.peak_pss_mb = max(self.peak_pss_mb, pss / 1024)
        if self.stage:
            self.stage_peaks_mb[self.stage] = max(self.stage_peaks_mb.get(self.stage, 0.0),
                                                  pss / 1024)
        self.peak_rss_sum_mb = max(self.peak_rss_sum_mb, rss / 1024)

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            self.sample()

    def __enter__(self) -> TreeMemory:
        if self.available:
            self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        if self.available:
            self._stop.set()
            self._thread.join()
            self.sample()
