"""Does a Latin word sound like a Chinese brand read in pinyin or Cantonese?

Firms spell their Chinese brand in Latin letters in many ways: Mandarin pinyin (保利
"Baoli"), Wade-Giles ("Pao Li", "Hsin"), Cantonese (滙高 "Wui Ko"), or a brand-like
spelling that only sounds like the characters (保利 "Poly", 奥德斯 "Odes", 滙高
"Wellgo", 信諾 "Sinno").  Comparing letters misses most of these; this module compares
sounds.

Both sides become strings of *phones* from a small alphabet (:func:`latin_phones`,
:func:`syllable_phones`), in which the usual romanisation variants are one phone: b/p,
d/t, g/k (pinyin writes voiceless unaspirated stops as b, d, g; Wade-Giles and
Cantonese spellings as p, t, k); sibilants fall in five close classes (s = s, x, hs;
S = sh; C = ch, q; J = j, zh; Z = z, c, ts).  Then a weighted edit distance
(:func:`phone_distance`) with small costs for what transcription commonly changes:

* vowels differ freely between romanisations (o / ao, e / i, o / u): cheap to swap,
  cheaper still to drop from a diphthong (bao ~ "Po", gou ~ "Ko");
* the g of -ng (-n / -ng), Cantonese final -p/-t/-k, h, w and y: cheap to drop (an h
  starting a Chinese syllable less so: romanisations keep it);
* l and r are one sound for Chinese, and an l or r before a consonant is often not
  transcribed (Wellgo ~ wui gou); n and l merge in Cantonese; v is written w or f;
* other consonants cost a full edit to add, drop or swap.

:func:`sound_similarity`: the best over the brand's readings (pinyin; Cantonese, from
``cantonese``) of 1 - cost / mean weight of the two strings (consonants weigh 1, vowels
and glides less).  The word is compared with the brand's syllables glued together, so
one word may cover several syllables ("Sinno" ~ xin + nuo, seon + nok).  What cannot
carry a match by sound: a word with fewer than two full consonants or no vowel ("Ele",
"GCL"), a word with digits, and a word that reads as pinyin (:func:`is_pinyin_word`:
such a word is some brand's pinyin and matches by spelling).  An English word needs a
closer sound (:data:`SOUND_MIN_ENGLISH`).

Chinese brand tokens carry their readings in ``Token.sound`` (:func:`marked`; built by
``cantonese.brand_token``); :func:`brand_sound_similarity` turns a sound match into a
token similarity for the aligner.
"""

from __future__ import annotations

import re
from functools import lru_cache

# Phones: consonants p t k m n f v l r h w y; sibilants s (s, x, hs), S (sh), C (ch, q,
# Cantonese z and c), J (j, zh), Z (z, c, ts); G (the g of -ng); q (a Latin q: k or a
# sibilant); P T K (final stops of Cantonese entering-tone syllables); vowels a e i o u.
VOWELS = frozenset("aeiou")
# Cost of dropping or adding a phone (vowels: _VOWEL_INDEL, others: _CONSONANT_INDEL).
_INDEL = {
    "h": 0.3, "w": 0.35, "y": 0.3, "G": 0.15, "P": 0.35, "T": 0.35, "K": 0.35,
    "l": 0.5, "r": 0.45, "n": 0.55, "m": 0.7,
}
_VOWEL_INDEL = 0.3
_DIPHTHONG_INDEL = 0.15  # a vowel next to another vowel (ao -> o, ui -> u)
_LIQUID_INDEL = 0.3  # an l or r before a consonant or at the end (Wellgo ~ wui gou)
_CONSONANT_INDEL = 1.0
_CHINESE_H_INDEL = 0.6
_CONSONANT_SWAP = 1.2  # two unrelated phones
# Cost of swapping two phones (symmetric); vowels not listed cost _VOWEL_SWAP, other
# pairs _CONSONANT_SWAP.
_SWAPS = {
    frozenset(pair): cost
    for pairs, cost in (
        (("ei", "ou", "Gk", "qk", "KG", "CJ", "qC"), 0.1),
        (("lr", "vw", "vf", "wu", "yi", "sS"), 0.2),
        (("ao", "ye", "SC", "CZ", "JZ", "qs"), 0.3),
        (("ae", "iu", "eu", "sZ", "SJ"), 0.35),
        (("ln", "sC", "sJ", "nm", "Gn", "PT", "TK", "PK", "SZ"), 0.5),
        (("fw", "hf", "tZ"), 0.6),
        (("tC", "hk", "pf", "tJ"), 0.7),
    )
    for pair in pairs
}
_SWAPS.update({frozenset(("P", "p")): 0.0, frozenset(("T", "t")): 0.0,
               frozenset(("K", "k")): 0.0})
_VOWEL_SWAP = 0.4
_WEIGHT = {"h": 0.4, "w": 0.5, "y": 0.4, "G": 0.2, "P": 0.5, "T": 0.5, "K": 0.5}
_VOWEL_WEIGHT = 0.5

# Fewest full consonants (not h, w, y, G or Cantonese finals) a Latin word needs to be
# matched by sound at all.
MIN_CONSONANTS = 2

# ----------------------------------------------------------------------- Latin words
_LATIN_RULES = (
    ("tsch", "C"), ("sch", "S"), ("tch", "C"), ("ch", "C"), ("sh", "S"), ("zh", "J"),
    ("ts", "Z"), ("tz", "Z"), ("dz", "Z"), ("hs", "s"), ("ph", "f"), ("th", "t"),
    ("ck", "k"), ("qu", "kw"), ("kh", "k"), ("dg", "J"),
)
_LATIN_RE = re.compile("|".join(old for old, _ in _LATIN_RULES))
_LATIN_MAP = dict(_LATIN_RULES)
_LATIN_LETTERS = str.maketrans("bdg", "ptk")


@lru_cache(maxsize=65536)
def latin_phones(word: str) -> str:
    """Phones of a Latin word ("Wellgo" -> "welko", "Hsinchu" -> "sinCu",
    "Abingo" -> "apinGo")."""
    word = "".join(ch for ch in word.lower() if ch.isascii() and ch.isalpha())
    if not word:
        return ""
    out: list[str] = []
    i = 0
    while i < len(word):
        ch = word[i]
        match = _LATIN_RE.match(word, i)
        if match:
            out.append(_LATIN_MAP[match.group(0)])
            i = match.end()
            continue
        nxt = word[i + 1 : i + 2]
        if ch == "c":
            out.append("s" if nxt in ("e", "i", "y") else "k")
        elif ch == "x":
            out.append("s" if i == 0 else "ks")
        elif ch == "z":
            out.append("Z")
        elif ch == "j":
            out.append("J")
        elif ch == "y":
            out.append("y" if nxt in VOWELS and nxt != "i" else "i")
        elif ch == "g" and out and out[-1] == "n":
            out.append("G")
        elif ch == "q":
            out.append("q")
        elif ch == "h" and out and out[-1] in VOWELS and nxt not in VOWELS:
            pass  # a vowel lengthened ("Wah", "Poh"): silent
        else:
            out.append(ch.translate(_LATIN_LETTERS))
        i += 1
    return _collapse("".join(out))


def _collapse(phones: str) -> str:
    out: list[str] = []
    for ph in phones:
        if out and out[-1] == ph:
            continue
        out.append(ph)
    return "".join(out)


# ------------------------------------------------------------------ Chinese syllables
_PINYIN_INITIALS = (
    ("zh", "J"), ("ch", "C"), ("sh", "S"), ("b", "p"), ("p", "p"), ("m", "m"),
    ("f", "f"), ("d", "t"), ("t", "t"), ("n", "n"), ("l", "l"), ("g", "k"), ("k", "k"),
    ("h", "h"), ("j", "J"), ("q", "C"), ("x", "s"), ("r", "r"), ("z", "Z"), ("c", "Z"),
    ("s", "s"), ("y", "y"), ("w", "w"),
)
_PINYIN_FINALS = {
    "ui": "uei", "iu": "iou", "un": "uen", "ong": "ung", "iong": "iung", "ao": "ao",
    "ian": "ien", "v": "u", "ve": "ue", "van": "uen", "vn": "un",
}
_JYUTPING_INITIALS = (
    ("gw", "kw"), ("kw", "kw"), ("ng", "n"), ("b", "p"), ("p", "p"), ("m", "m"),
    ("f", "f"), ("d", "t"), ("t", "t"), ("n", "n"), ("l", "l"), ("g", "k"), ("k", "k"),
    ("h", "h"), ("w", "w"), ("z", "C"), ("c", "C"), ("s", "s"), ("j", "y"),
)
_JYUTPING_VOWELS = (("aa", "a"), ("oe", "eu"), ("eo", "eu"), ("yu", "u"))


def _final_phones(final: str, cantonese: bool) -> str:
    out = final.replace("ng", "nG")
    if cantonese:
        for old, new in _JYUTPING_VOWELS:
            out = out.replace(old, new)
        if out[-1:] in ("p", "t", "k"):
            out = out[:-1] + out[-1].upper()
    return out


@lru_cache(maxsize=16384)
def syllable_phones(syllable: str, cantonese: bool = False) -> str:
    """Phones of one tone-less pinyin (or, with ``cantonese``, Jyutping) syllable:
    "bao" -> "pao", "xin" -> "sin", "gou" (Jyutping) -> "kou", "daat" -> "taT"."""
    syllable = syllable.lower().replace("ü", "v")
    if syllable in ("m", "ng", "n"):
        return "m" if syllable == "m" else "n"
    if not cantonese and syllable in ("er", "r"):
        return "er"
    initials = _JYUTPING_INITIALS if cantonese else _PINYIN_INITIALS
    initial, rest = "", syllable
    for spelt, phone in initials:
        if syllable.startswith(spelt) and len(syllable) > len(spelt):
            initial, rest = phone, syllable[len(spelt):]
            break
    if not cantonese:
        if rest.startswith("u") and syllable[:1] in "jqxy":
            rest = "v" + rest[1:]  # ju, qu, xu, yu: the vowel is ü
        rest = _PINYIN_FINALS.get(rest, rest).replace("v", "u")
        if initial == "y" and rest.startswith("i"):
            initial = ""  # yi, yin, ying: the y only spells the vowel
        if initial == "w" and rest.startswith("u"):
            initial = ""  # wu
    return initial + _final_phones(rest, cantonese)


# ------------------------------------------------------------------------- distance
def _swap(a: str, b: str) -> float:
    if a == b:
        return 0.0
    cost = _SWAPS.get(frozenset((a, b)))
    if cost is not None:
        return cost
    if a in VOWELS and b in VOWELS:
        return _VOWEL_SWAP
    return _CONSONANT_SWAP


def _indel_costs(phones: str, chinese: bool) -> list[float]:
    """Cost of dropping or adding each phone of a string, in its context.  An h that
    starts a Chinese syllable is a sound romanisations keep: it costs more to drop than
    a Latin h, which is often silent."""
    out = []
    for i, ph in enumerate(phones):
        if chinese and ph == "h":
            out.append(_CHINESE_H_INDEL)
            continue
        before, after = phones[i - 1 : i], phones[i + 1 : i + 2]
        if ph in VOWELS:
            diphthong = (before and before in VOWELS) or (after and after in VOWELS)
            out.append(_DIPHTHONG_INDEL if diphthong else _VOWEL_INDEL)
        elif ph in "lr" and i > 0 and (not after or after not in VOWELS):
            out.append(_LIQUID_INDEL)
        else:
            out.append(_INDEL.get(ph, _CONSONANT_INDEL))
    return out


def _weight(ph: str) -> float:
    if ph in VOWELS:
        return _VOWEL_WEIGHT
    return _WEIGHT.get(ph, 1.0)


def phone_distance(latin: str, chinese: str) -> float:
    """Weighted edit distance of the phones of a Latin word and of a Chinese reading
    (see the module docstring)."""
    a, b = latin, chinese
    da, db = _indel_costs(a, False), _indel_costs(b, True)
    prev = [0.0]
    for cost in db:
        prev.append(prev[-1] + cost)
    for i, x in enumerate(a):
        dx = da[i]
        cur = [prev[0] + dx]
        for j, y in enumerate(b, 1):
            best = prev[j - 1] + _swap(x, y)
            up = prev[j] + dx
            if up < best:
                best = up
            left = cur[j - 1] + db[j - 1]
            if left < best:
                best = left
            cur.append(best)
        prev = cur
    return prev[-1]


def phone_weight(phones: str) -> float:
    return sum(_weight(ph) for ph in phones)


def consonants(phones: str) -> int:
    """Full consonants in a phone string (not h, w, y, G or Cantonese finals)."""
    return sum(1 for ph in phones if ph not in VOWELS and ph not in _WEIGHT)


def phone_similarity(latin: str, chinese: str) -> float:
    """1 - distance / the mean weight of the two strings, in [0, 1]."""
    size = (phone_weight(latin) + phone_weight(chinese)) / 2
    if size <= 0:
        return 0.0
    return max(0.0, 1.0 - phone_distance(latin, chinese) / size)


def reading_phones(syllables: tuple[str, ...], cantonese: bool = False) -> str:
    """Phones of a brand's syllables glued together."""
    return _collapse("".join(syllable_phones(s, cantonese) for s in syllables))


@lru_cache(maxsize=1)
def pinyin_syllables() -> frozenset[str]:
    """Tone-less pinyin syllables with a vowel that read at least two characters of the
    main CJK block (pypinyin's dictionary; rare readings of rare characters left out)."""
    from pypinyin.contrib.tone_convert import to_normal
    from pypinyin.pinyin_dict import pinyin_dict

    seen: dict[str, int] = {}
    for code, readings in pinyin_dict.items():
        if 0x4E00 <= code <= 0x9FFF:
            for reading in readings.split(","):
                seen[reading] = seen.get(reading, 0) + 1
    counts: dict[str, int] = {}
    for reading, n in seen.items():  # each distinct toned reading converted once
        syllable = to_normal(reading).replace("ü", "v")
        counts[syllable] = counts.get(syllable, 0) + n
    seen = counts
    return frozenset(
        s for s, n in seen.items()
        if n >= 2 and s.isascii() and s.isalpha() and any(v in s for v in "aeiouv")
    )


@lru_cache(maxsize=65536)
def is_pinyin_word(word: str) -> bool:
    """Whether a Latin word reads as pinyin syllables run together ("zhenhuan",
    "xinyilu", "kunshan"): such a word is some brand's pinyin, and matches a brand by
    its syllables, not by sound.  As pinyin spelling requires, a syllable starting with
    a vowel only opens the word (otherwise it would need an apostrophe: "Xi'an")."""
    word = word.lower()
    syllables = pinyin_syllables()
    reach = [True] + [False] * len(word)
    for end in range(1, len(word) + 1):
        for start in range(max(0, end - 6), end):
            part = word[start:end]
            if start > 0 and part[0] in "aeo":
                continue
            if reach[start] and part in syllables:
                reach[end] = True
                break
    return reach[-1]


@lru_cache(maxsize=262144)
def sound_similarity(word: str, readings: tuple[str, ...],
                     min_consonants: int = MIN_CONSONANTS) -> float:
    """Best phone similarity of a Latin word and a brand's readings (phone strings from
    :func:`reading_phones`); 0.0 for a word too short to carry a match (fewer than
    ``min_consonants`` full consonants) or one that is itself pinyin
    (:func:`is_pinyin_word`)."""
    if not word.isalpha() or not any(v in word.lower() for v in "aeiouy"):
        return 0.0
    latin = latin_phones(word)
    if consonants(latin) < min_consonants or is_pinyin_word(word):
        return 0.0
    return max((phone_similarity(latin, r) for r in readings), default=0.0)


# ------------------------------------------------------------ tokens of Chinese brands
# A Chinese brand token carries its readings in ``Token.sound`` after its consonant
# outline, each marked with READING_MARK (an outline never starts with it, so the
# outline rule of ``tokens.token_similarity`` is not disturbed).
READING_MARK = "~"
# Sound similarity below SOUND_MIN is no evidence.  From SOUND_MIN up, a token
# similarity from MATCH_MIN rising one for one to MATCH_MAX (a match by sound is never
# as sure as one by spelling).  Calibration (not on the EU pairs of the bench): the
# OFSI list's Chinese / English names (Poly 保利, Sinno 信諾, Blin 贝宁, Premera 普萊米樂,
# Parsun 百胜, Oturn 欧腾) score 0.75-0.96; of ~100,000 pairs of a distinctive word of a
# Chinese firm's English name (EU, OFSI, BIS lists) and another firm's brand, 0.09%
# reach 0.75, 0.03% reach 0.8.
SOUND_MIN = 0.75
# An English word ("Vision", "Alliance") is more likely chosen for its meaning than
# its sound: it needs a closer sound to match a brand (Poly 保利: 0.95).
SOUND_MIN_ENGLISH = 0.9
MATCH_MIN = 0.8
MATCH_MAX = 0.9

# Latin letters a word may start with when it renders a reading's first phone.
_FIRST_LETTERS = {
    "p": "pb", "t": "td", "k": "kgcq", "m": "m", "n": "nl", "f": "fpv", "l": "lrn",
    "r": "rlj", "h": "haeiou", "w": "wvuoh", "y": "yiej", "s": "sxzch", "S": "sxc",
    "C": "cqtjz", "J": "jzcg", "Z": "ztcds",
}
_VOWEL_FIRST = "aeiouyhw"


def brand_readings(
    syllables: tuple[str, ...], cantonese: tuple[str, ...] | None
) -> tuple[str, ...]:
    """Phone strings of a brand: its pinyin and, when known, its Cantonese reading."""
    out = [reading_phones(syllables)]
    if cantonese:
        out.append(reading_phones(cantonese, True))
    return tuple(dict.fromkeys(out))


def first_letter_keys(readings: tuple[str, ...]) -> frozenset[str]:
    """Signature keys (``tokens.signature``'s "i" + first letter) of the Latin words
    that could render these readings, so that the aligner compares them."""
    keys: set[str] = set()
    for phones in readings:
        first = phones[:1]
        letters = _VOWEL_FIRST if first in VOWELS else _FIRST_LETTERS.get(first, first)
        keys.update("i" + letter for letter in letters)
    return frozenset(keys)


def marked(readings: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(READING_MARK + r for r in readings)


def readings_of(sound: tuple[str, ...]) -> tuple[str, ...]:
    """The readings a Chinese brand token carries in its ``sound`` (see :func:`marked`)."""
    return tuple(s[1:] for s in sound if s.startswith(READING_MARK))


def _english_words() -> frozenset[str]:
    from sanctiongap.names.cedict import english_words

    return english_words()


def brand_sound_similarity(a_text: str, a_sound: tuple[str, ...],
                           b_text: str, b_sound: tuple[str, ...],
                           last_word: bool = False) -> float:
    """Similarity by sound of a Latin word and a Chinese brand token, given each token's
    text and ``sound``: from the :func:`sound_similarity` of the word and the brand's
    readings, 0.0 below SOUND_MIN (below SOUND_MIN_ENGLISH for an English word, one
    of ``cedict.english_words``), else MATCH_MIN + (value - SOUND_MIN), at most
    MATCH_MAX.  Two Latin words or two Chinese brands: 0.0.  ``last_word``: the two are
    the one distinctive word either name has left once their other distinctive words
    have matched (``align._last_brand``); an English word then needs no closer sound
    than another, and a word of one consonant may match ("Head" ~ 和德 he de)."""
    a_readings, b_readings = readings_of(a_sound), readings_of(b_sound)
    if bool(a_readings) == bool(b_readings):
        return 0.0
    word, readings = (b_text, a_readings) if a_readings else (a_text, b_readings)
    value = sound_similarity(word, readings, 1 if last_word else MIN_CONSONANTS)
    if value < SOUND_MIN:
        return 0.0
    if value < SOUND_MIN_ENGLISH and not last_word and word.lower() in _english_words():
        return 0.0
    return min(MATCH_MAX, MATCH_MIN + value - SOUND_MIN)


# ----------------------------------------------------------------------- blocking keys
_SKELETON = str.maketrans({"S": "s", "C": "s", "J": "s", "Z": "s", "q": "s", "r": "l",
                           "m": "n", "v": "f"})
_NOT_IN_SKELETON = frozenset("aeiouhwyGPTK")


def _skeletons(phones: str) -> set[str]:
    """Consonant skeletons of a phone string: as spelt and with each l or r before a
    consonant or at the end dropped (two consonants at least)."""
    plain = "".join(ph for ph in phones if ph not in _NOT_IN_SKELETON).translate(_SKELETON)
    costs = _indel_costs(phones, False)
    kept = "".join(
        ph for ph, cost in zip(phones, costs, strict=True)
        if ph not in _NOT_IN_SKELETON and not (ph in "lr" and cost == _LIQUID_INDEL)
    ).translate(_SKELETON)
    return {s for s in (_collapse(plain), _collapse(kept)) if len(s) >= 2}


def word_sound_keys(word: str) -> frozenset[str]:
    """Blocking keys ("snd:" + consonant skeleton) under which a Latin word may meet a
    brand that sounds like it (see :func:`brand_sound_keys`); none for a word that
    cannot carry a match by sound."""
    if not word.isalpha() or is_pinyin_word(word):
        return frozenset()
    phones = latin_phones(word)
    if consonants(phones) < MIN_CONSONANTS:
        return frozenset()
    return frozenset("snd:" + s for s in _skeletons(phones))


def brand_sound_keys(readings: tuple[str, ...]) -> frozenset[str]:
    """Blocking keys of a brand's readings, matching :func:`word_sound_keys`."""
    return frozenset("snd:" + s for r in readings for s in _skeletons(r))
