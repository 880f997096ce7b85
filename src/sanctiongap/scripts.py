"""Which writing system a name is in: latin, han, cyrillic, arabic, other."""

from __future__ import annotations

import unicodedata
from functools import lru_cache

_PREFIXES = (
    ("CJK", "han"),
    ("CYRILLIC", "cyrillic"),
    ("ARABIC", "arabic"),
    ("LATIN", "latin"),
    ("HANGUL", "hangul"),
    ("HIRAGANA", "kana"),
    ("KATAKANA", "kana"),
)


@lru_cache(maxsize=65536)
def script_of(text: str) -> str:
    """The script of most letters in ``text`` (Han wins over Latin in mixed names)."""
    counts: dict[str, int] = {}
    for char in text:
        if not char.isalpha():
            continue
        name = unicodedata.name(char, "")
        script = next((s for prefix, s in _PREFIXES if name.startswith(prefix)), "other")
        counts[script] = counts.get(script, 0) + 1
    if not counts:
        return "other"
    if counts.get("han"):
        return "han"
    return max(counts.items(), key=lambda kv: kv[1])[0]
