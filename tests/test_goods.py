from __future__ import annotations

import pytest

from sanctiongap.errors import QueryError
from sanctiongap.goods import chpl, chpl_tier, normalise_hs


def test_chpl_has_fifty_codes_in_tiers() -> None:
    items = chpl()
    assert len(items) == 50
    assert {i.tier for i in items.values()} >= {"Tier 1", "Tier 2"}


def test_integrated_circuits_are_tier_one_whatever_the_notation() -> None:
    item = chpl_tier("8542.31.00")
    assert item is not None and item.tier == "Tier 1"
    assert "circuit" in item.description.lower()
    assert chpl_tier("854231") == item


def test_codes_off_the_list_and_bad_codes() -> None:
    assert chpl_tier("0101.21") is None
    with pytest.raises(QueryError):
        normalise_hs("85A2")
    assert normalise_hs("8542 39 90") == "854239"
