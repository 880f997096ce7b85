"""The real list snapshot bundled with sanctiongap (``data/`` in the repository).

``data/manifest.json`` names each source, its format, snapshot date, licence and the
sha256 of the file as published; ``data/PROVENANCE.md`` says the same for people.
"""

from __future__ import annotations

import json
import os
from datetime import date
from pathlib import Path
from typing import Any

from sanctiongap.errors import SanctiongapError
from sanctiongap.load import SourceSpec

DATA_ENV = "SANCTIONGAP_DATA"


def data_dir() -> Path:
    """The bundled data folder: $SANCTIONGAP_DATA, else ``data/`` of the checkout."""
    env = os.environ.get(DATA_ENV)
    if env:
        return Path(env)
    return Path(__file__).resolve().parents[2] / "data"


def manifest(root: Path | None = None) -> dict[str, Any]:
    """The parsed manifest of the bundled snapshot."""
    path = (root or data_dir()) / "manifest.json"
    if not path.is_file():
        raise SanctiongapError(
            f"bundled snapshot not found at {path.parent}; set ${DATA_ENV} to the data folder")
    loaded: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return loaded


def bundled_specs(root: Path | None = None) -> list[SourceSpec]:
    """Load specs for every source in the bundled snapshot."""
    base = root or data_dir()
    specs = []
    for entry in manifest(base)["sources"]:
        snap = entry.get("snapshot_date")
        specs.append(SourceSpec(
            path=base / entry["path"], format=entry["format"],
            snapshot_date=date.fromisoformat(snap) if snap else None,
            display_path=f"data/{entry['path']}",
            min_records=entry.get("min_records"), max_records=entry.get("max_records")))
    return specs


def chpl_path(root: Path | None = None) -> Path:
    """The bundled Common High Priority List CSV."""
    return (root or data_dir()) / "chpl" / "chpl_hs6_tiers.csv"
