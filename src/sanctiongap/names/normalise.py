"""Clean and tokenise names in Latin, Cyrillic and other alphabetic scripts.

Steps, in order (:func:`latin_form`):

1. :func:`clean_text`: Unicode NFKC (full-width "Ｆｕｌｌ" becomes "Full", a no-break space
   becomes a space), then control and format characters (zero-width spaces and joiners,
   word joiners, soft hyphens, bidi marks) are removed.
2. :func:`fix_homoglyphs`: Cyrillic and Greek letters that imitate Latin ones ("а" U+0430
   inside "Muhаmmad") are mapped to the Latin letter, when the word they sit in also has
   Latin letters, or when the name is otherwise Latin.
3. Legal forms are removed with rigour's org-type table (multi-word and non-Latin forms:
   "общество с ограниченной ответственностью", "ООО", "有限責任公司", "Aktiengesellschaft"),
   then with ``vocab.LEGAL_FORMS`` for single tokens (Co, Ltd, Corp ...).  Not for persons.
4. rigour's tokenizer splits the name into words; each non-ASCII word is transliterated to
   ASCII (rigour ``maybe_ascii`` for Cyrillic, Greek, Armenian, Georgian and Hangul, so
   "Радиоавтоматика" gives "radioavtomatika"; ``normality`` for anything else), case
   folded, and canonicalised (``vocab.CANONICAL``: "trading" -> "trade").
5. For organisations, company vocabulary is repaired (:func:`company_words`: misspelt,
   split or cut-short legal forms and generic words);
6. Each word gets a kind (``tokens.Kind``): number, stop word, particle, generic company
   word, place (Chinese places, country names, nationality adjectives), or a distinctive
   (core) word.  Persons have no generic or place words.

Han-script names take the Chinese path instead (``sanctiongap.names.chinese``).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import normality
from rapidfuzz.distance import OSA
from rapidfuzz.process import extractOne
from rigour.names import remove_org_types, tokenize_name
from rigour.territories import get_territories
from rigour.text.translit import maybe_ascii

from sanctiongap.names import vocab
from sanctiongap.names.form import NameForm
from sanctiongap.names.tokens import Kind, Token, phonetic_fold, skeleton

# Non-Latin letters that look like Latin ones, mapped to the letter they imitate.
_LOOKALIKES = {
    # Cyrillic lower case
    "а": "a", "в": "b", "е": "e", "ё": "e", "і": "i", "ї": "i", "ј": "j",
    "к": "k", "м": "m", "н": "h", "о": "o", "р": "p", "с": "c", "т": "t", "у": "y",
    "х": "x", "ѕ": "s", "ԁ": "d", "ԛ": "q", "ԝ": "w", "ү": "y", "һ": "h", "ӏ": "l",
    "ɡ": "g",
    # Cyrillic upper case
    "А": "A", "В": "B", "Е": "E", "Ё": "E", "І": "I", "Ї": "I", "Ј": "J", "К": "K",
    "М": "M", "Н": "H", "О": "O", "Р": "P", "С": "C", "Т": "T", "У": "Y", "Х": "X",
    "Ѕ": "S", "Ү": "Y", "Һ": "H", "Ӏ": "I",
    # Greek
    "α": "a", "ο": "o", "ρ": "p", "ν": "v", "ι": "i", "κ": "k", "υ": "u", "χ": "x",
    "Α": "A", "Β": "B", "Ε": "E", "Ζ": "Z", "Η": "H", "Ι": "I", "Κ": "K", "Μ": "M",
    "Ν": "N", "Ο": "O", "Ρ": "P", "Τ": "T", "Υ": "Y", "Χ": "X",
}
_LOOKALIKE_TABLE = str.maketrans(_LOOKALIKES)
_WORD = re.compile(r"\S+")
_BRACKETS = re.compile(r"[(\[（【「『][^)\]）】」』]*[)\]）】」』]")


def clean_text(text: str) -> str:
    """NFKC, without control or invisible format characters, spaces collapsed."""
    if text.isascii() and text.isprintable():
        return " ".join(text.split())
    text = unicodedata.normalize("NFKC", text)
    kept = []
    for ch in text:
        cat = unicodedata.category(ch)
        if cat == "Cf":
            continue
        if cat == "Cc":
            kept.append(" ")
            continue
        kept.append(ch)
    return " ".join("".join(kept).split())


@lru_cache(maxsize=4096)
def _is_latin_letter(ch: str) -> bool:
    return ch.isalpha() and (ch.isascii() or "LATIN" in unicodedata.name(ch, ""))


def fix_homoglyphs(text: str) -> str:
    """Map Cyrillic/Greek letters that imitate Latin ones back to Latin.

    A word is rewritten when it mixes Latin letters with look-alikes ("Muhаmmаd"), or
    when it consists only of look-alikes and the rest of the name is Latin."""
    if text.isascii():
        return text
    words = _WORD.findall(text)
    latin_words = sum(1 for w in words if any(_is_latin_letter(ch) for ch in w))
    out = []
    for word in words:
        letters = [ch for ch in word if ch.isalpha()]
        has_latin = any(_is_latin_letter(ch) for ch in letters)
        lookalike = [ch in _LOOKALIKES for ch in letters]
        if any(lookalike) and (
            has_latin or (all(lookalike) and latin_words * 2 >= len(words) > 1)
        ):
            word = word.translate(_LOOKALIKE_TABLE)
        out.append(word)
    return " ".join(out)


@lru_cache(maxsize=65536)
def transliterate(word: str) -> str:
    """ASCII form of one word in any alphabetic script."""
    if word.isascii():
        return word
    out = maybe_ascii(word)
    if not out.isascii():
        out = normality.ascii_text(out) or ""
    return out


_PLACE_WORDS: list[frozenset[str]] = []


def country_words() -> frozenset[str]:
    """One-word names of present-day countries (rigour's territory list), lower case."""
    words = set()
    for territory in get_territories():
        if territory.is_country and not territory.is_historical:
            name = (normality.ascii_text(territory.name) or "").lower()
            if name.isalpha():
                words.add(name)
    return frozenset(words)


def _places() -> frozenset[str]:
    """Place words of Latin names: Chinese places from the CC-CEDICT gazetteer, country
    names, and ``vocab.LATIN_PLACES``."""
    if not _PLACE_WORDS:
        # Imported here: the gazetteer needs the dictionary, loaded on first use.
        from sanctiongap.names.cedict import latin_place_words

        _PLACE_WORDS.append(latin_place_words() | country_words())
    return _PLACE_WORDS[0]


def _fold_skeleton(word: str) -> tuple[str, str]:
    """A word's phonetic fold and consonant skeleton, as its token has them
    (``Token.build``), without building the token: :func:`vocab_word` looks up every
    word and every glued pair of words, most of which never become tokens."""
    fold = phonetic_fold(word)
    return fold, skeleton(fold)


@lru_cache(maxsize=1)
def _vocab_keys() -> tuple[dict[str, str], dict[str, str], dict[int, list[str]]]:
    words = set(vocab.GENERIC) | set(vocab.LEGAL_FORMS) | set(vocab.CANONICAL)
    folds: dict[str, str] = {}
    skeletons: dict[str, str] = {}
    by_length: dict[int, list[str]] = {}
    for word in sorted(words):
        fold, skel = _fold_skeleton(word)
        folds.setdefault(fold, word)
        if len(skel) >= 4:
            skeletons.setdefault(skel, word)
        if len(word) >= 6:
            by_length.setdefault(len(word), []).append(word)
    return folds, skeletons, by_length


@lru_cache(maxsize=64)
def _near_length(size: int) -> tuple[str, ...]:
    """Vocabulary words (6+ letters) one letter shorter, as long, or one letter longer."""
    by_length = _vocab_keys()[2]
    return tuple(w for n in (size - 1, size, size + 1) for w in by_length.get(n, ()))


@lru_cache(maxsize=65536)
def vocab_word(word: str) -> str:
    """The company-vocabulary word a misspelt word stands for ("kompany", "Cornpany",
    "Tradint", "Cmpny", "z.A." for "S.A."), or the word itself.  Same phonetic fold (2+
    letters; "rn" read as the "m" it is often scanned from), same consonant skeleton for
    a word without vowels (4+ consonants), or one edit away (7+ letters)."""
    if word in vocab.GENERIC or word in vocab.LEGAL_FORMS or word in vocab.CANONICAL:
        return word
    if len(word) < 2 or word.isdigit():
        return word
    folds, skeletons, _ = _vocab_keys()
    fold, skel = _fold_skeleton(word)
    found = folds.get(fold) or folds.get(phonetic_fold(word.replace("rn", "m")))
    if len(word) < 3:
        return vocab.CANONICAL.get(found, found) if found else word
    if found is None and not any(v in word[1:] for v in "aeiou"):
        found = skeletons.get(skel)
    if found is None and len(word) >= 7:
        match = extractOne(word, _near_length(len(word)), scorer=OSA.distance, score_cutoff=1)
        if match is not None:
            found = match[0]
    return vocab.CANONICAL.get(found, found) if found else word


def token_kind(word: str, person: bool) -> Kind | None:
    """The kind of a canonical ASCII word, or None for a legal form (to be dropped)."""
    if word.isdigit():
        return Kind.NUMBER
    if word in vocab.STOP:
        return Kind.STOP
    if word in vocab.PARTICLES:
        return Kind.PARTICLE
    if person:
        return Kind.CORE
    if word in vocab.LEGAL_FORMS:
        return None
    if word in vocab.GENERIC:
        return Kind.GENERIC
    if word in _places():
        return Kind.PLACE
    return Kind.CORE


# rigour's tokenizer drops these ASCII marks inside a word ("O'Brien", "A.B.C") and
# splits on every other one; the ASCII fast path below does the same.
_ASCII_DROP = str.maketrans("", "", "$'.^`")
_ASCII_WORD = re.compile(r"[a-z0-9]+")


def _raw_words(text: str) -> list[str]:
    if text.isascii():
        return _ASCII_WORD.findall(text.lower().translate(_ASCII_DROP))
    words = []
    for raw in tokenize_name(text):
        for part in transliterate(raw).casefold().split():
            part = "".join(ch for ch in part if ch.isalnum())
            if part:
                words.append(part)
    return words


def ascii_words(text: str, canonical_forms: bool = True) -> list[str]:
    """Tokenise, transliterate, case fold and canonicalise: the words of a name.
    "Hong Kong" and "HK" become the one word "hongkong"."""
    words: list[str] = []
    canonical = vocab.CANONICAL if canonical_forms else {}
    for part in _raw_words(text):
        if part == "kong" and words and words[-1] == "hong":
            words[-1] = "hongkong"
            continue
        words.append(canonical.get(part, part))
    return words


def _is_vocab(word: str) -> bool:
    return word in vocab.GENERIC or word in vocab.LEGAL_FORMS or word in vocab.CANONICAL


@lru_cache(maxsize=1)
def _vocab_prefixes() -> dict[str, str]:
    """Prefixes (3+ letters) of legal forms and generic words -> the word (legal first)."""
    out: dict[str, str] = {}
    for group in (vocab.LEGAL_FORMS, vocab.GENERIC, vocab.CANONICAL):
        for word in sorted(group):
            for size in range(3, len(word)):
                out.setdefault(word[:size], vocab.CANONICAL.get(word, word))
    return out


def company_words(words: list[str]) -> list[str]:
    """Repair company vocabulary in an organisation's words: two pieces that glue into
    a company word ("liabi lity"), misspelt company words (:func:`vocab_word`; a word of
    two letters only as the last word), and a last word cut short by a field limit
    ("BRAVERY MARITIME COR"; not a word of its own, ``vocab.NOT_CUT_SHORT``)."""
    glued: list[str] = []
    for word in words:
        if glued and not _is_vocab(word) and not _is_vocab(glued[-1]):
            joined = vocab_word(glued[-1] + word)
            if _is_vocab(joined):
                glued[-1] = joined
                continue
        glued.append(word)
    # A two-letter word is repaired only at the end, where legal forms stand ("FRANZUL
    # z.A.", "AIRFIX AVIATION Oi"); elsewhere it is most often an abbreviation of the
    # name's own ("SK GUDZON", "LLC EC IRKUT"), which folds alike to a legal form by chance.
    last = len(glued) - 1
    out = [vocab_word(w) if len(w) > 2 or i == last else w for i, w in enumerate(glued)]
    if len(out) > 1 and not _is_vocab(out[-1]) and out[-1] not in vocab.NOT_CUT_SHORT:
        out[-1] = _vocab_prefixes().get(out[-1], out[-1])
    return out


def make_tokens(words: list[str], person: bool) -> list[Token]:
    """Tokens with kinds; legal forms dropped (unless nothing else is left).  For
    organisations, company vocabulary is repaired first (:func:`company_words`)."""
    tokens = []
    if not person:
        words = company_words(words)
    for word in words:
        kind = token_kind(word, person)
        if kind is not None:
            tokens.append(Token.make(word, kind))
    if not tokens and words:
        tokens = [Token.make(w, Kind.CORE) for w in words]
    return tokens


def strip_legal_forms(text: str) -> str:
    """Remove the legal forms rigour knows (any script) from a case-folded name."""
    return remove_org_types(text.casefold(), replacement=" ")


def latin_forms(name: str, person: bool = False) -> list[NameForm]:
    """Token forms of a name in an alphabetic script: the full name and, when it holds
    a bracketed part ("Changsha Tianyi ... (SpaceTy)"), the name without it."""
    text = fix_homoglyphs(clean_text(name))
    if not text:
        return []
    label = "latin" if text.isascii() or all(
        _is_latin_letter(ch) for ch in text if ch.isalpha()
    ) else "translit"
    variants = [text]
    unbracketed = " ".join(_BRACKETS.sub(" ", text).split())
    if unbracketed and unbracketed != text:
        variants.append(unbracketed)
    forms = []
    for variant in variants:
        if not person:
            variant = strip_legal_forms(variant)
        tokens = make_tokens(ascii_words(variant, not person), person)
        if tokens:
            forms.append(NameForm(name, label, tuple(tokens), company=not person))
    return forms
