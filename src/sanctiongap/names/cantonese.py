"""Cantonese readings of Han text (Jyutping, tones dropped), for Hong Kong names.

Hong Kong firms and people romanise their names in Cantonese, not in Mandarin pinyin:
滙高 is "Wui Ko" (Jyutping wui6 gou1), 信諾 "Shun Nok" (seon3 nok6), 長江 "Cheung Kong".
The readings come from the ``ToJyutping`` package (CanCLID's dictionary, shipped in the
wheel, read offline); it picks the reading of a polyphonic character from the word it
stands in, and reads simplified as well as traditional characters.

The package builds its dictionary when first imported (about one second), so it is
imported on first use only.  Without the package, :func:`jyutping` returns no readings
and the matcher simply has no Cantonese rendering.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from functools import lru_cache

from sanctiongap.names import romanise
from sanctiongap.names.tokens import Kind, Token

_SYLLABLE = re.compile(r"^([a-z]+)[1-6]$")
_Lookup = Callable[[str], list[tuple[str, str | None]]]


@lru_cache(maxsize=1)
def _lookup() -> _Lookup | None:
    try:
        import ToJyutping
    except ImportError:  # pragma: no cover - the package is a declared dependency
        return None
    found: _Lookup = ToJyutping.get_jyutping_list
    return found


def available() -> bool:
    """Whether Cantonese readings can be had (the ``ToJyutping`` package is installed)."""
    return _lookup() is not None


@lru_cache(maxsize=1)
def _to_traditional() -> object:
    import opencc

    return opencc.OpenCC("s2hk")


@lru_cache(maxsize=16384)
def jyutping(text: str) -> tuple[str, ...] | None:
    """Tone-less Jyutping syllables of a Han string, one per character, the reading of
    each character chosen in context ("長江" -> ("coeng", "gong")); None when a character
    has no reading or the package is missing.  Simplified characters are first turned
    into Hong Kong traditional ones (OpenCC ``s2hk``): the dictionary reads some
    simplified characters as the rare traditional character of the same shape (达)."""
    lookup = _lookup()
    if lookup is None or not text:
        return None
    converted = str(_to_traditional().convert(text))  # type: ignore[attr-defined]
    if len(converted) == len(text):
        text = converted
    out = []
    for _char, reading in lookup(text):
        if reading is None:
            return None
        match = _SYLLABLE.match(reading.split(" ")[0])
        if match is None:
            return None
        out.append(match.group(1))
    return tuple(out) if len(out) == len(text) else None


# Hong Kong Government spelling of Jyutping initials and finals, as identity cards,
# street signs and company names use it (the common choice where it varies).
_HK_INITIALS = (
    ("gw", "kw"), ("kw", "kw"), ("ng", "ng"), ("b", "p"), ("p", "p"), ("m", "m"),
    ("f", "f"), ("d", "t"), ("t", "t"), ("n", "n"), ("l", "l"), ("g", "k"), ("k", "k"),
    ("h", "h"), ("w", "w"), ("z", "ch"), ("c", "ch"), ("s", "s"), ("j", "y"),
)
_HK_FINALS = {
    "aa": "a", "aai": "ai", "aau": "au", "aam": "am", "aan": "an", "aang": "ang",
    "aap": "ap", "aat": "at", "aak": "ak", "ai": "ai", "au": "au", "am": "am", "an": "an",
    "ang": "ang", "ap": "ap", "at": "at", "ak": "ak", "e": "e", "ei": "ei", "eng": "eng",
    "ek": "ek", "i": "i", "iu": "iu", "im": "im", "in": "in", "ing": "ing", "ip": "ip",
    "it": "it", "ik": "ik", "o": "o", "oi": "oi", "ou": "o", "on": "on", "ong": "ong",
    "ot": "ot", "ok": "ok", "u": "u", "ui": "ui", "un": "oon", "ung": "ung", "ut": "oot",
    "uk": "uk", "oe": "euk", "oeng": "eung", "oek": "euk", "eoi": "ui", "eon": "un",
    "eot": "ut", "yu": "yu", "yun": "uen", "yut": "uet", "m": "m", "ng": "ng",
}


def hong_kong_spelling(syllable: str) -> str:
    """One Jyutping syllable (no tone) in the Hong Kong Government style: "gou" ->
    "ko", "seon" -> "sun", "zoeng" -> "cheung", "jyun" -> "yuen"."""
    if syllable in ("m", "ng"):
        return syllable
    initial, rest = "", syllable
    for jp, hk in _HK_INITIALS:
        if syllable.startswith(jp) and syllable[len(jp):] in _HK_FINALS:
            initial, rest = hk, syllable[len(jp):]
            break
    final = _HK_FINALS.get(rest, rest)
    if initial == "y" and final.startswith(("yu", "y")):
        final = final.lstrip("y")
        return "y" + (final if final.startswith("u") else "u" + final)
    return initial + final


def hong_kong_tokens(text: str) -> list[Token] | None:
    """A Han brand read in Cantonese, one token per syllable in the Hong Kong Government
    spelling, as Hong Kong names write it (滙高 "Wui Ko", 新鴻基 "San Hung Kei"); None
    without a reading."""
    syllables = jyutping(text)
    if syllables is None:
        return None
    return [Token.make(hong_kong_spelling(s), Kind.CORE) for s in syllables]


@lru_cache(maxsize=65536)
def brand_token(text: str, han: str, syllables: tuple[str, ...]) -> Token:
    """The token of a Han brand spelt ``text`` (its pinyin).  A brand of two or more
    syllables also carries its pinyin and Cantonese readings for comparison by sound
    (``romanise``): marked, after the consonant outline, in ``Token.sound``, and the
    first letters of Latin words that could spell them among its signature keys."""
    token = Token.make(text, Kind.CORE, syllables)
    if len(syllables) < 2:
        return token
    readings = romanise.brand_readings(syllables, jyutping(han))
    return replace(token, sound=token.sound + romanise.marked(readings),
                   sig=token.sig | romanise.first_letter_keys(readings))
