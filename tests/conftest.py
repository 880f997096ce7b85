"""Shared fixtures: a knowledge base built once per session from the bundled snapshot."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest

from sanctiongap import bundle
from sanctiongap.load import build

FIXTURES = Path(__file__).parent / "fixtures"
SHARED = Path(__file__).resolve().parents[2] / "shared"


@pytest.fixture(scope="session")
def bundled_kb_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Path of a knowledge base built (with resolution) from the bundled snapshot."""
    target = tmp_path_factory.mktemp("kb") / "bundled.duckdb"
    try:
        from sanctiongap.resolve import resolve_kb
    except ImportError:
        resolve_kb = None  # type: ignore[assignment]
    build(bundle.bundled_specs(), target, resolve=resolve_kb)
    return target


@pytest.fixture()
def bundled_kb(bundled_kb_path: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    """A read-only connection to the session's bundled knowledge base."""
    con = duckdb.connect(str(bundled_kb_path), read_only=True)
    yield con
    con.close()
