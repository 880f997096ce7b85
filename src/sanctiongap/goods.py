"""Goods: HS codes and the Common High Priority List (CHPL) tiers.

The CHPL (EU, US, UK and Japan, version of 2024-02-23) names 50 HS-6 codes of items
found in Russian weapons on the battlefield, in tiers 1 to 4.B: tier 1 is integrated
circuits, the items Russia can least do without.  A shipment's HS code (6 digits or
more, dots and spaces allowed) is matched on its first six digits.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from sanctiongap.bundle import chpl_path
from sanctiongap.errors import QueryError

_NON_DIGITS = re.compile(r"[\s.\-]")


@dataclass(frozen=True, slots=True)
class ChplItem:
    """One CHPL line: an HS-6 code, its tier and what the tier covers."""

    hs6: str
    tier: str
    description: str
    version: str


def normalise_hs(code: str) -> str:
    """The HS-6 prefix of an HS code as written on an invoice ("8542.31.00" -> "854231")."""
    digits = _NON_DIGITS.sub("", code or "")
    if not digits.isdigit() or len(digits) < 6:
        raise QueryError(f"HS code {code!r} is not a code of at least six digits")
    return digits[:6]


@cache
def chpl(path: Path | None = None) -> dict[str, ChplItem]:
    """The CHPL by HS-6 code (bundled copy unless a path is given)."""
    source = path or chpl_path()
    with source.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    items = {}
    for row in rows:
        hs6 = normalise_hs(row["hs6"])
        items[hs6] = ChplItem(hs6, row["tier"].strip(), row["tier_group_description"].strip(),
                              row["list_version"].strip())
    return items


def chpl_tier(code: str) -> ChplItem | None:
    """The CHPL item for an HS code, or None if the code is not on the list."""
    return chpl().get(normalise_hs(code))
