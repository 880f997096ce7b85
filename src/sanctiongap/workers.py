"""How many worker processes the load may fork.

Parsing and resolution each run in a small pool of forked processes, which is faster on
several cores but holds more memory at once (each worker keeps its own working set).
``$SANCTIONGAP_WORKERS`` caps the pools: ``1`` does all the work in the loading process,
the least memory and the longest load.
"""

from __future__ import annotations

import os

from sanctiongap.errors import SanctiongapError

ENV_VAR = "SANCTIONGAP_WORKERS"


def worker_limit(default: int) -> int:
    """The most worker processes a pool may use: ``$SANCTIONGAP_WORKERS`` when set, else
    ``default``, and never more than the machine's cores."""
    raw = os.environ.get(ENV_VAR, "").strip()
    limit = default
    if raw:
        try:
            limit = int(raw)
        except ValueError:
            limit = 0
        if limit < 1:
            raise SanctiongapError(f"${ENV_VAR}={raw!r}: expected a whole number of 1 or more")
    return max(1, min(limit, os.cpu_count() or 1))
