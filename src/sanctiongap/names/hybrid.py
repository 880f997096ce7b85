"""Latin words that render a Chinese brand partly by sound and partly by meaning.

Firms often build their English name from their Chinese one piece by piece, some
characters by sound and some by meaning, run together or not: 芯購 "Chipgoo" (芯 "chip",
購 gou), 美星 "M Star" (美 mei as its initial, 星 "star"), 欧锐激光 "OreeLaser" (欧锐 ou rui,
激光 "laser"); or as an acronym of the syllables: 碼可菠蘿 "MKPL" (ma ke bo luo).
Neither the spelling, nor the sound, nor the translation of the whole brand finds these.

Chinese tokens of the ``mixed`` renderings carry their characters (``tokens.Pieces``:
pinyin, Cantonese and glosses per character, see :func:`attach`).  :func:`match_runs`
takes a run of adjacent unmatched distinctive Latin words and a run of adjacent
unmatched Chinese tokens and looks for a cover: the letters cut into *parts*, each
part rendering a span of one to three characters of one token, in order, using up
both runs.  A part renders its span

* by meaning: it is an English gloss of the character (or of the whole word), one of
  the character's other one-word translations (``cedict.sense_words``: 世 "world" as
  well as "life"), or the first four letters or more of one ("tech" for
  "technology"): 1.0;
* by a near meaning, as a whole Latin word: CC-CEDICT translates some Chinese word both
  by the word and by one of the character's one-word translations (``cedict.bridged``:
  "link" ~ 联 "join", as 连接 is "link", "join", "connect"): :data:`BRIDGE`;
* by sound: its phones are close to the span's pinyin or Cantonese reading
  (``romanise.phone_similarity`` >= :data:`SOUND_MIN`, a little under the floor of a
  brand alone, as a cover also renders a character by meaning), and it starts with a
  letter that can spell the reading's first sound: a value up to ``romanise.MATCH_MAX``
  as for whole brands;
* by initial: a one-letter word standing for one syllable (the "M" of "M Star"): 0.7.

A cover counts when it has two parts or more and at least one by meaning; its
similarity is the mean of its parts', at most ``romanise.MATCH_MAX``.  An acronym (one
word of three letters or more, each the initial of one syllable in turn) counts too,
at :data:`ACRONYM`: two letters match too many brands to count.  Sound alone is left
to ``romanise`` (a cover made only of sounds is not taken here).

For the alignment bounds (``bounds``): every Latin word that starts a part shares a
signature key with the Chinese token it starts in (:func:`start_keys`; a word that
renders a character by a near meaning is a whole word, and shares its fold key), and a
token
that carries pieces may be matched by a part that starts inside a Latin word, so the
bounds count it as matchable whenever the other side has a distinctive word.
"""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache

from sanctiongap.names import cedict, romanise, vocab
from sanctiongap.names.tokens import Kind, Pieces, Token, phonetic_fold

ACRONYM = 0.85
BRIDGE = 0.9  # a part rendering a character by a near meaning (``cedict.bridged``)
INITIAL = 0.7
# Phone similarity a part needs to render its span by sound: a little below what a
# brand needs on its own (``romanise.SOUND_MIN``), as a cover also renders a character
# by meaning ("Conti-Far" ~ 康泽远: "conti" ~ kangze 0.749, "far" = 远).
SOUND_MIN = 0.7
MAX_SPAN = 3  # characters one part may render
MAX_PART = 10  # letters of one part
MAX_RUN = 3  # tokens in a run, each side
MAX_LETTERS = 24


def _glosses(han: str) -> tuple[str, ...]:
    """English words a character may stand for in a name: its company sense
    (``vocab.HAN_MORPHEMES``), the words of its gloss (``cedict.gloss``) and its other
    one-word translations (``cedict.sense_words``: 世 "world" as well as "life")."""
    extra = vocab.HAN_MORPHEMES.get(han)
    found = ((extra,) if extra else ()) + cedict.gloss(han) + cedict.sense_words(han)
    return tuple(dict.fromkeys(found))


def _bridges(glosses: tuple[str, ...]) -> frozenset[str]:
    """Words that render a character by a near meaning: the words CC-CEDICT gives
    alongside one of its translations for another Chinese word (世 "world" ~ "global",
    as 全球 is "global", "world")."""
    return frozenset().union(*(cedict.bridged(g) for g in glosses)) - set(glosses)


@lru_cache(maxsize=16384)
def pieces_of(han: str, syllables: tuple[str, ...]) -> Pieces | None:
    """The pieces of a Han word read ``syllables`` (one per character)."""
    from sanctiongap.names.cantonese import jyutping

    if len(han) != len(syllables) or not han:
        return None
    canto = jyutping(han) or ("",) * len(han)
    whole = cedict.gloss(han) if len(han) > 1 else ()
    glosses = tuple(_glosses(ch) for ch in han)
    return Pieces(syllables, canto, glosses, whole, tuple(_bridges(g) for g in glosses))


@lru_cache(maxsize=65536)
def _readings(pieces: Pieces, start: int, end: int) -> tuple[str, ...]:
    out = [romanise.reading_phones(pieces.syllables[start:end])]
    canto = pieces.cantonese[start:end]
    if all(canto):
        out.append(romanise.reading_phones(canto, True))
    return tuple(dict.fromkeys(r for r in out if r))


@lru_cache(maxsize=65536)
def _letters(readings: tuple[str, ...]) -> frozenset[str]:
    return frozenset(key[1:] for key in romanise.first_letter_keys(readings))


def start_keys(pieces: Pieces) -> frozenset[str]:
    """Signature keys ("i" + first letter) of the Latin words that could start a part:
    at the first character, the letters that can spell its sound; at any character,
    the first letters of its glosses (a word starts inside a token by meaning only)."""
    keys = {"i" + g[:1] for glosses in pieces.glosses for g in glosses if g}
    # A near meaning renders a character as a whole word: the word's fold key.
    keys.update("d" + phonetic_fold(g) for near in pieces.bridges for g in near)
    keys.update("i" + g[:1] for g in pieces.whole if g)
    keys.update("i" + letter for letter in _letters(_readings(pieces, 0, 1)))
    return frozenset(keys)


def attach(token: Token, han: str, syllables: tuple[str, ...]) -> Token:
    """The token with its pieces (and their start keys in its signature)."""
    pieces = pieces_of(han, syllables)
    if pieces is None:
        return token
    return replace(token, pieces=pieces, sig=token.sig | start_keys(pieces))


# ----------------------------------------------------------------------------- covers
@lru_cache(maxsize=131072)
def _by_sound(part: str, readings: tuple[str, ...]) -> float:
    if len(part) < 2 or not any(v in part for v in "aeiouy"):
        return 0.0
    if part[0] not in _letters(readings):
        return 0.0
    phones = romanise.latin_phones(part)
    value = max((romanise.phone_similarity(phones, r) for r in readings), default=0.0)
    if value < SOUND_MIN:
        return 0.0
    return min(romanise.MATCH_MAX, romanise.MATCH_MIN + value - romanise.SOUND_MIN)


def _by_meaning(part: str, glosses: tuple[str, ...]) -> bool:
    canonical = vocab.CANONICAL.get(part, part)
    return any(
        g in (part, canonical) or (len(part) >= 4 and g.startswith(part))
        for g in glosses
    )


def _part_score(part: str, word_start: bool, whole_word: bool, pieces: Pieces, start: int,
                end: int) -> tuple[float, bool]:
    """(score, by meaning) of a part rendering characters start..end of a token; the
    part starts a Latin word (``word_start``), or is one (``whole_word``)."""
    glosses: tuple[str, ...] = ()
    near: frozenset[str] = frozenset()
    if end - start == 1:
        glosses = pieces.glosses[start]
        near = pieces.bridges[start] if pieces.bridges else near
    elif start == 0 and end == len(pieces.syllables):
        glosses = pieces.whole
    if len(part) >= 3 and glosses and _by_meaning(part, glosses):
        return 1.0, True
    if whole_word and len(part) >= 3 and vocab.CANONICAL.get(part, part) in near:
        return BRIDGE, True
    if word_start and start > 0:
        return 0.0, False  # a word starts inside a token by meaning only
    readings = _readings(pieces, start, end)
    if len(part) == 1:
        if whole_word and end - start == 1 and part in _letters(readings):
            return INITIAL, False
        return 0.0, False
    return _by_sound(part, readings), False


def _cover(words: tuple[str, ...], chars: tuple[tuple[Pieces, int], ...]) -> float:
    """Best similarity of a cover of the words' letters by the characters (see the
    module docstring), 0.0 if there is none.  ``chars``: (token pieces, index) per
    character, in order."""
    text = "".join(words)
    bounds = set()
    at = 0
    for word in words:
        at += len(word)
        bounds.add(at)
    best = 0.0
    n, m = len(text), len(chars)
    memo: set[tuple[int, int, bool, bool]] = set()  # states that reach no full cover

    def ends_of(ci: int) -> int:
        pieces, index = chars[ci]
        return min(MAX_SPAN, len(pieces.syllables) - index)

    def walk(p: int, ci: int, scores: list[float], meaning: int) -> bool:
        nonlocal best
        if p == n and ci == m:
            if len(scores) >= 2 and meaning:
                best = max(best, min(romanise.MATCH_MAX, sum(scores) / len(scores)))
                return True
            return False
        state = (p, ci, meaning > 0, len(scores) > 0)
        if p == n or ci == m or state in memo:
            return False
        reached = False
        pieces, index = chars[ci]
        word_start = p == 0 or p in bounds
        for e in range(p + 1, min(n, p + MAX_PART) + 1):
            if any(p < b < e for b in bounds):
                break  # a part stays inside one word
            part = text[p:e]
            whole_word = word_start and e in bounds
            for size in range(1, ends_of(ci) + 1):
                score, by_meaning = _part_score(
                    part, word_start, whole_word, pieces, index, index + size)
                if score > 0.0:
                    scores.append(score)
                    if walk(e, ci + size, scores, meaning + by_meaning):
                        reached = True
                    scores.pop()
        if not reached:
            memo.add(state)
        return reached

    walk(0, 0, [], 0)
    return best


def _acronym(word: str, chars: tuple[tuple[Pieces, int], ...]) -> float:
    if len(word) < 3 or len(word) != len(chars):
        return 0.0
    for letter, (pieces, index) in zip(word, chars, strict=True):
        if letter not in _letters(_readings(pieces, index, index + 1)):
            return 0.0
    return ACRONYM


@lru_cache(maxsize=1)
def _canonical_spellings() -> dict[str, tuple[str, ...]]:
    """Spellings (``vocab.CANONICAL`` keys) per canonical company word."""
    out: dict[str, list[str]] = {}
    for spelling, word in vocab.CANONICAL.items():
        out.setdefault(word, []).append(spelling)
    return {word: tuple(spellings) for word, spellings in out.items()}


@lru_cache(maxsize=65536)
def _meaning_keys(pieces: Pieces, index: int) -> frozenset[str]:
    """Strings whose presence in a run's letters lets a part render character ``index``
    by meaning: its glosses (3+ letters), their first four letters, their spellings
    (``vocab.CANONICAL``) and its near meanings."""
    spellings = _canonical_spellings()
    keys: set[str] = set()
    for g in pieces.glosses[index] + (pieces.whole if index == 0 else ()):
        if len(g) >= 3:
            keys.update((g, g[:4]))
        keys.update(spellings.get(g, ()))
    if pieces.bridges:
        keys.update(pieces.bridges[index])
    return frozenset(keys)


@lru_cache(maxsize=16384)
def _substrings(text: str) -> frozenset[str]:
    return frozenset(text[i:j] for i in range(len(text)) for j in range(i + 1, len(text) + 1))


def _may_mean(text: str, chars: tuple[tuple[Pieces, int], ...]) -> bool:
    """Whether some part of ``text`` could render a character by meaning (a gloss, a
    spelling of it, its first four letters or a near meaning occur in the text)."""
    found = _substrings(text)
    return any(not found.isdisjoint(_meaning_keys(p, i)) for p, i in chars)


@lru_cache(maxsize=65536)
def _run_similarity(words: tuple[str, ...], pieces: tuple[Pieces, ...]) -> float:
    chars = tuple((p, i) for p in pieces for i in range(len(p.syllables)))
    if len(words) == 1:
        found = _acronym(words[0], chars)
        if found:
            return found
    if not _may_mean("".join(words), chars):
        return 0.0
    return _cover(words, chars)


def run_similarity(latin: tuple[Token, ...], chinese: tuple[Token, ...]) -> float:
    """Similarity of a run of Latin words and a run of Chinese tokens with pieces."""
    words = tuple(t.text for t in latin)
    pieces = tuple(t.pieces for t in chinese if t.pieces is not None)
    if not pieces or sum(len(w) for w in words) > MAX_LETTERS:
        return 0.0
    return _run_similarity(words, pieces)


def _is_latin_word(tok: Token) -> bool:
    """A Latin word that may be part of a run: distinctive, a place word (the "Far"
    of "Conti-Far" ~ 康澤遠, 遠 "far") or a trade word (the "Global" of "Global Link" ~
    世联, 世 "world"); a run needs one distinctive word at least."""
    return (tok.kind in _RUN_KINDS and tok.pieces is None and not tok.pinyin
            and tok.text.isascii() and tok.text.isalpha())


_RUN_KINDS = frozenset({Kind.CORE, Kind.PLACE, Kind.GENERIC})


def match_runs(lt: tuple[Token, ...], lm: list[float], ht: tuple[Token, ...],
               hm: list[float]) -> list[tuple[int, int, int, int, float]]:
    """Credit runs of unmatched Latin words (``lt``, matched similarities ``lm``) that render
    runs of unmatched Chinese tokens with pieces (``ht``, ``hm``); updates the flags
    and returns (latin start, end, chinese start, end, similarity) per run."""
    found: list[tuple[float, float, int, int, int, int]] = []
    for i in range(len(lt)):
        for k in range(i + 1, min(i + MAX_RUN, len(lt)) + 1):
            if lm[k - 1] or not _is_latin_word(lt[k - 1]):
                break
            if all(t.kind is not Kind.CORE for t in lt[i:k]):
                continue
            for j in range(len(ht)):
                for m in range(j + 1, min(j + MAX_RUN, len(ht)) + 1):
                    if hm[m - 1] or ht[m - 1].pieces is None or ht[m - 1].kind is not Kind.CORE:
                        break
                    sim = run_similarity(lt[i:k], ht[j:m])
                    if sim:
                        gain = sim * (sum(t.weight for t in lt[i:k])
                                      + sum(t.weight for t in ht[j:m]))
                        found.append((gain, sim, i, k, j, m))
    out = []
    for _gain, sim, i, k, j, m in sorted(found, reverse=True):
        if any(lm[i:k]) or any(hm[j:m]):
            continue
        for x in range(i, k):
            lm[x] = sim
        for x in range(j, m):
            hm[x] = sim
        out.append((i, k, j, m, sim))
    return out
