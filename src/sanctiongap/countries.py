"""Country names and codes as the lists print them, to ISO 3166-1 alpha-2.

China and Hong Kong stay apart everywhere: a list that files Hong Kong under China
("China (Hong Kong)", an address in Kowloon filed under "China") still yields "hk".
"""

from __future__ import annotations

import re
from functools import lru_cache

from followthemoney.types import registry

# Spellings the lists use that followthemoney's country lookup does not know.
_EXTRA = {
    "china (hong kong)": "hk",
    "hong kong sar": "hk",
    "hong kong sar, china": "hk",
    "hong kong special administrative region": "hk",
    "china, hong kong": "hk",
    "macau": "mo",
    "macao": "mo",
    "burma": "mm",
    "turkiye": "tr",
    "north korea": "kp",
    "korea, north": "kp",
    "korea, south": "kr",
    "crimea": "ua",
    "region: crimea": "ua",
    "russian federation": "ru",
    "the netherlands": "nl",
    "czech republic": "cz",
    "kyrgyz republic": "kg",
    "united states": "us",
    "uk": "gb",
    "people's republic of china": "cn",
    "prc": "cn",
}

_HK_HINTS = re.compile(r"\b(hong\s*kong|kowloon|wan\s*chai|tsim\s*sha\s*tsui|kwun\s*tong|"
                       r"sheung\s*wan|mong\s*kok|new\s*territories|香港)\b", re.IGNORECASE)


@lru_cache(maxsize=4096)
def to_iso(value: str | None) -> str | None:
    """ISO alpha-2 (lower case) for a country name or code, or None if unknown."""
    if value is None:
        return None
    text = value.strip().strip(".").strip()
    if not text or text == "-0-":
        return None
    lowered = text.lower()
    if lowered in _EXTRA:
        return _EXTRA[lowered]
    code = registry.country.clean(text)
    return str(code) if code else None


def mentions_hong_kong(text: str | None) -> bool:
    """Whether an address names a place in Hong Kong."""
    return bool(text and _HK_HINTS.search(text))


def country_of_address(country_field: str | None, address: str | None) -> str | None:
    """The country of an address: the stated country, corrected to Hong Kong where the
    list files a Hong Kong address under China."""
    code = to_iso(country_field)
    if code == "cn" and mentions_hong_kong(address):
        return "hk"
    return code
