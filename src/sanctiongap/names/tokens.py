"""Name tokens: kinds, weights, comparison keys, and token-to-token similarity.

A name is compared as an ordered tuple of :class:`Token` (see ``form.NameForm``), each
with a kind that sets its weight.

Token weights (``WEIGHTS``): a distinctive word weighs 1, a generic company word
("trade", "technology") 0.1, a place ("Shenzhen", "Hong Kong") 0.1, a particle
("al", "van") 0.25, a stop word or honorific 0.03.  A single letter (an initial) weighs
0.35.  Weights make generic words cheap to miss and worthless to match.

Token similarity (:func:`token_similarity`), first rule that applies, best value kept:

* same text: 1.0
* same phonetic fold (ph/f, c/k/q, z/s, y/i, x/ks, doubled letters, final h): 0.95
* an initial against a word starting with that letter: 0.7
* same spelling once vowel runs are collapsed (Mohammed / Muhammad): 0.85
* one side is the other's consonant skeleton (Mhmmd / Muhammad): 0.85; same skeleton
  with a vowel left on one side (Rsro / Rosario): 0.8
* vowels aside, one edit apart, same first letter, five letters or more
  (Ahmet / Ahmad): 0.7
* optimal-string-alignment edit distance on the folds, at most 1 edit up to 4 letters,
  2 up to 8, 3 above (1 edit if the first letters differ): 1 - d/len, kept if >= 0.65
* a prefix of at least 4 letters (a name cut by a field limit): 0.6 + 0.35 * share;
  for the last word of the query, a prefix of two letters or more ("Muhammad Yu")
* a pinyin brand against a Latin word with the same consonant outline, as when a
  foreign name is transcribed into characters (卡鲁布斯 kalubusi ~ Karubis, 莫斯特
  mosite ~ Most, 思凯沃克 sikaiwoke ~ Skywalker): 0.85, for outlines of three or more
  consonants (see :func:`latin_sound`, :func:`pinyin_sound`);
* numbers match only when equal;
* finally, for a Latin word against a Chinese brand of two syllables or more (both
  distinctive) whose spellings do not already match closely, the brand's sound:
  ``romanise.brand_sound_similarity`` on its pinyin and Cantonese readings (滙高
  wui gou ~ Wellgo, 保利 ~ Poly), from 0.8 to 0.9.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache
from sys import intern

from rapidfuzz.distance import OSA

from sanctiongap.names import romanise


class Kind(StrEnum):
    CORE = "core"  # a distinctive word: the part of a name that identifies
    NUMBER = "number"
    GENERIC = "generic"  # trade or corporate-shape word
    PLACE = "place"
    PARTICLE = "particle"
    STOP = "stop"


WEIGHTS: dict[Kind, float] = {
    Kind.CORE: 1.0,
    Kind.NUMBER: 1.0,
    Kind.GENERIC: 0.1,
    Kind.PLACE: 0.1,
    Kind.PARTICLE: 0.25,
    Kind.STOP: 0.03,
}
INITIAL_WEIGHT = 0.35
INFORMATIVE = frozenset({Kind.CORE, Kind.NUMBER})
# Tokens compared fuzzily: distinctive words, places (a misspelt place may read as a
# distinctive word) and particles ("a." for "al-").  Generic words are spelt canonically
# (misspellings are corrected when a name is prepared), numbers match only exactly, stop
# words weigh too little to matter.
FUZZY_KINDS = frozenset({Kind.CORE, Kind.PLACE, Kind.PARTICLE})


_DIGIT_LOOKALIKE = str.maketrans("01523487", "olszeabt")
_FOLD_RULES: tuple[tuple[str, str], ...] = (
    ("sch", "sh"),
    ("ph", "f"),
    ("ck", "k"),
    ("kh", "h"),
    ("gh", "g"),
    ("dh", "d"),
    ("ch", "\x01"),
    ("q", "k"),
    ("c", "k"),
    ("\x01", "ch"),
    ("x", "ks"),
    ("w", "v"),
    ("y", "i"),
    ("z", "s"),
    ("ei", "i"),
    ("ie", "i"),
    ("ee", "i"),
    ("ou", "u"),
    ("oo", "u"),
)
_DOUBLES = re.compile(r"(.)\1+")
_VOWEL_RUNS = re.compile(r"[aeiou]+")
_VOWELS = re.compile(r"[aeiou]")


@lru_cache(maxsize=262144)
def phonetic_fold(text: str) -> str:
    """A loose spelling key for a Latin token: equal keys sound alike."""
    if not text.isascii() or not text.isalnum():
        return text
    if not text.isalpha():
        if text.isdigit():
            return text
        text = text.translate(_DIGIT_LOOKALIKE)
    for old, new in _FOLD_RULES:
        if old in text:
            text = text.replace(old, new)
    text = _DOUBLES.sub(r"\1", text)
    if len(text) > 3 and text.endswith("h"):
        text = text[:-1]
    return text


# Consonant classes for comparing a transcription with the foreign word it renders.
_LATIN_SOUND_RULES = {"ph": "f", "sch": "s", "sh": "s", "ch": "s", "ck": "k", "x": "ks",
                      "qu": "kw", "ce": "se", "ci": "si", "cy": "si"}
_LATIN_SOUND_RE = re.compile("|".join(sorted(_LATIN_SOUND_RULES, key=len, reverse=True)))
_LATIN_SOUND = str.maketrans("bpmnfvwdtlrgkcqszjhy", "bbnnfwwddllkkkksss  ")
_PINYIN_INITIALS: tuple[tuple[str, str], ...] = (
    ("zh", "s"), ("ch", "s"), ("sh", "s"), ("b", "b"), ("p", "b"), ("m", "n"), ("f", "f"),
    ("d", "d"), ("t", "d"), ("n", "n"), ("l", "l"), ("g", "k"), ("k", "k"), ("h", ""),
    ("j", "s"), ("q", "s"), ("x", "s"), ("r", "l"), ("z", "s"), ("c", "s"), ("s", "s"),
    ("y", ""), ("w", "w"),
)
_LIQUID_BEFORE_CONSONANT = re.compile(r"l(?=[^aeiou]|$)")


_NO_VOWELS = str.maketrans("", "", "aeiou ")


def _outline(text: str) -> str:
    return _DOUBLES.sub(r"\1", text.translate(_NO_VOWELS))


def latin_sound(text: str) -> tuple[str, ...]:
    """Consonant outlines of a Latin word: as spelt, and with an l/r before a consonant
    or at the end dropped (Chinese transcriptions often drop it: Skywalker, 思凯沃克)."""
    if not text.isascii() or not text.isalpha():
        return ()
    text = _LATIN_SOUND_RE.sub(lambda m: _LATIN_SOUND_RULES[m.group(0)], text)
    text = text.translate(_LATIN_SOUND)
    plain = _outline(text)
    dropped = _outline(_LIQUID_BEFORE_CONSONANT.sub("", _DOUBLES.sub(r"\1", text)))
    return (plain,) if dropped == plain else (plain, dropped)


def pinyin_sound(syllables: tuple[str, ...]) -> str:
    """Consonant outline of pinyin syllables (initial consonants, final -n/-ng, "er")."""
    out = []
    for syl in syllables:
        if syl == "er":
            out.append("l")
            continue
        for initial, sound in _PINYIN_INITIALS:
            if syl.startswith(initial):
                out.append(sound)
                break
        if syl.endswith(("n", "ng")) and len(syl) > 1:
            out.append("n")
    return _DOUBLES.sub(r"\1", "".join(out))


def signature(
    text: str, fold: str, vfold: str, skel: str, sound: tuple[str, ...]
) -> frozenset[str]:
    """Keys such that two tokens with similarity above 0 share at least one: first letter
    (of the text and of the fold), vowel fold, skeleton, sound outline, and the fold with
    and without each one letter (tokens one edit apart share one of these)."""
    # The first-letter keys recur in most tokens: one string each for all of them.
    keys = {intern("i" + text[:1]), intern("f" + fold[:1]), "v" + vfold, "s" + skel,
            "d" + fold}
    keys.update("o" + outline for outline in sound if len(outline) >= 3)
    if len(fold) >= 2:
        keys.update("d" + fold[:i] + fold[i + 1 :] for i in range(len(fold)))
    return frozenset(keys)


@dataclass(frozen=True, slots=True)
class Pieces:
    """The characters of a Chinese token, for matching a Latin word that renders some
    characters by sound and others by meaning (``hybrid``): per character its pinyin
    syllable, its Cantonese syllable ("" when unknown) and its English glosses; and the
    glosses of the whole word; per character, the English words CC-CEDICT uses alongside
    its translations (``cedict.bridged``)."""

    syllables: tuple[str, ...]
    cantonese: tuple[str, ...]
    glosses: tuple[tuple[str, ...], ...]
    whole: tuple[str, ...] = ()
    bridges: tuple[frozenset[str], ...] = ()


@dataclass(frozen=True, slots=True)
class Token:
    text: str
    kind: Kind
    weight: float
    fold: str
    vfold: str  # fold with each vowel run replaced by "a"
    skel: str  # first letter plus the consonants of the fold
    sound: tuple[str, ...] = ()  # consonant outlines (see latin_sound, pinyin_sound)
    pinyin: bool = False  # a Chinese brand read in pinyin
    # Keys two tokens share whenever token_similarity can be above 0 (see signature).
    sig: frozenset[str] = frozenset()
    pieces: Pieces | None = None  # a Chinese token's characters (see Pieces)

    @classmethod
    def make(cls, text: str, kind: Kind, syllables: tuple[str, ...] = ()) -> Token:
        """The token for a word (cached: equal words share one token)."""
        return _make_token(text, kind, syllables)

    @classmethod
    def build(cls, text: str, kind: Kind, syllables: tuple[str, ...]) -> Token:
        fold = phonetic_fold(text)
        if fold == text:
            fold = text  # one string for both (tokens are many)
        weight = WEIGHTS[kind]
        if kind is Kind.CORE and len(text) == 1:
            weight = INITIAL_WEIGHT
        skel = skeleton(fold)
        skel = fold if skel == fold else skel
        if fold.isascii() and fold.isalpha():
            vfold = _VOWEL_RUNS.sub("a", fold)
            vfold = fold if vfold == fold else vfold
        else:
            vfold = fold
        if syllables:
            sound: tuple[str, ...] = (pinyin_sound(syllables),)
        elif kind is Kind.CORE:
            sound = latin_sound(text)
        else:
            sound = ()
        sig = signature(text, fold, vfold, skel, sound) if kind in FUZZY_KINDS else frozenset()
        return cls(text, kind, weight, fold, vfold, skel, sound, bool(syllables), sig)


def skeleton(fold: str) -> str:
    """A fold's consonant skeleton: its first letter and its consonants (a fold not made
    of ASCII letters stays as it is)."""
    if fold.isascii() and fold.isalpha():
        return fold[:1] + _VOWELS.sub("", fold[1:])
    return fold


@lru_cache(maxsize=262144)
def _make_token(text: str, kind: Kind, syllables: tuple[str, ...]) -> Token:
    return Token.build(text, kind, syllables)


def token_similarity(a: Token, b: Token) -> float:
    """Similarity of two different tokens in [0, 1] (see the module docstring): by
    spelling, and for a Latin word against a Chinese brand of two or more syllables,
    also by sound (``romanise.brand_sound_similarity``: Wellgo ~ 滙高 wui gou)."""
    best = _spelling_similarity(a, b)
    if (
        best < romanise.MATCH_MAX
        and a.pinyin != b.pinyin
        and a.kind is Kind.CORE
        and b.kind is Kind.CORE
    ):
        by_sound = romanise.brand_sound_similarity(a.text, a.sound, b.text, b.sound)
        if by_sound > best:
            return by_sound
    return best


_ORDINAL = re.compile(r"(\d+)(?:st|nd|rd|th)")
_DIGITS = re.compile(r"\d+")


def number_of(tok: Token) -> str | None:
    """The number a token stands for: a number, or an ordinal's ("99th" -> "99")."""
    if tok.kind is Kind.NUMBER:
        return tok.text
    found = _ORDINAL.fullmatch(tok.text)
    return found[1] if found else None


def _spelling_similarity(a: Token, b: Token) -> float:
    """Similarity of two different tokens by their letters and consonant outlines.
    Numbers are not spelling variants of each other, nor are words whose digits differ
    ("99th" / "66th")."""
    if a.kind is Kind.NUMBER or b.kind is Kind.NUMBER:
        return 0.0
    a_digits, b_digits = _DIGITS.findall(a.text), _DIGITS.findall(b.text)
    if a_digits and b_digits and a_digits != b_digits:
        return 0.0
    af, bf = a.fold, b.fold
    if af == bf:
        return 0.95
    at, bt = a.text, b.text
    if af[:1] != bf[:1] and at[:1] != bt[:1]:
        # Different first letters: only an edit at the start, or a transcription.
        return _far_similarity(a, b)
    short, long = (at, bt) if len(at) <= len(bt) else (bt, at)
    if len(short) == 1:
        return 0.7 if long[0] == short and long.isalpha() else 0.0
    best = 0.0
    if a.vfold == b.vfold and len(short) >= 3:
        best = 0.85
    elif a.skel == b.skel and len(a.skel) >= 3:
        best = 0.85 if af == a.skel or bf == b.skel else 0.8
    elif (
        len(short) >= 5
        and at[0] == bt[0]
        and len(a.vfold) >= 4
        and OSA.distance(a.vfold, b.vfold, score_cutoff=1) <= 1
    ):
        best = 0.7
    la, lb = len(af), len(bf)
    size = la if la > lb else lb
    limit = 1 if size <= 4 else 2 if size <= 8 else 3
    if abs(la - lb) <= limit and best < 0.95:
        dist = OSA.distance(af, bf, score_cutoff=limit)
        if dist <= limit:
            sim = 1.0 - dist / size
            if sim >= 0.65 and sim > best:
                best = sim
    if len(short) >= 4 and long.startswith(short):
        best = max(best, 0.6 + 0.35 * len(short) / len(long))
    if best < 0.85 and a.pinyin != b.pinyin and a.sound and b.sound:
        for outline in a.sound:
            if len(outline) >= 3 and outline in b.sound:
                return 0.85
    return best


def _far_similarity(a: Token, b: Token) -> float:
    """Tokens whose first letters differ: one edit at most, same vowel fold, or the
    same sound outline."""
    la, lb = len(a.fold), len(b.fold)
    size = la if la > lb else lb
    best = 0.85 if a.vfold == b.vfold and min(la, lb) >= 3 else 0.0
    if abs(la - lb) <= 1 and min(la, lb) > 1:
        dist = OSA.distance(a.fold, b.fold, score_cutoff=1)
        if dist <= 1 and 1.0 - dist / size >= 0.65:
            best = max(best, 1.0 - dist / size)
    if best < 0.85 and a.pinyin != b.pinyin and a.sound and b.sound:
        for outline in a.sound:
            if len(outline) >= 3 and outline in b.sound:
                return 0.85
    return best


