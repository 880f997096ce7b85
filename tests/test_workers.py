"""$SANCTIONGAP_WORKERS caps the load's worker pools."""

from __future__ import annotations

import os

import pytest

from sanctiongap.errors import SanctiongapError
from sanctiongap.workers import ENV_VAR, worker_limit


def test_default_is_capped_by_the_cores(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(ENV_VAR, raising=False)
    assert worker_limit(64) == (os.cpu_count() or 1)
    assert worker_limit(1) == 1


def test_one_worker_means_in_process(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ENV_VAR, "1")
    assert worker_limit(4) == 1


@pytest.mark.parametrize("raw", ["0", "-2", "two", "1.5"])
def test_bad_values_are_refused_by_name(monkeypatch: pytest.MonkeyPatch, raw: str) -> None:
    monkeypatch.setenv(ENV_VAR, raw)
    with pytest.raises(SanctiongapError, match=ENV_VAR):
        worker_limit(4)
