"""Chinese company and person names: folding, segmentation, pinyin and English renderings.

A Chinese company name is usually built as [place][brand][trade words][legal form]:
深圳市 (Shenzhen) 亿路发 (brand) 科技 (technology) 有限公司 (Co., Ltd.).  Firms write their
English names the same way: place and brand in pinyin, trade words translated
("Shenzhen Yilufa Technology Co Ltd"); some translate the brand too (蓝帽 "Blue Hat").

:func:`analyse` does:

1. traditional -> simplified (OpenCC ``t2s``), NFKC, invisible characters removed;
2. split into chunks at brackets and non-Han text; a bracketed chunk that repeats the
   main text (a short name) is dropped; Latin and digit chunks are kept as they are;
3. legal forms removed from the end of each chunk (``vocab.HAN_LEGAL_SUFFIXES``:
   股份有限公司, 有限责任公司, 有限公司, 公司 ...); 集团 stays, as the word "group";
4. each chunk is segmented by longest match against CC-CEDICT, forwards and backwards,
   keeping the split with fewer words, then fewer single characters, then the one that
   opens with a place (山东|欧|锐, not 山|东欧|锐);
5. a long dictionary word made only of common company words is split into them
   (数控机床 -> 数控 "CNC" + 机床 "machine tool");
6. each segment gets a role: a *place* (the gazetteer in ``cedict``; county-level cities
   only at the start of a chunk), a *word* (a dictionary word of two or more characters
   with a common-noun entry, or a one-character trade suffix such as 厂 "factory" at the
   end), or a piece of the *brand*; adjacent one-character brand pieces are merged
   (亿 + 路 + 发 = 亿路发); a brand piece that is a dictionary proper noun (兴华, 爱丽丝)
   stays a segment of its own.

:func:`renderings` turns the analysis into token forms (``tokens.NameForm``):

* ``han``: the simplified segments themselves (for Chinese <-> Chinese);
* ``pinyin``: every segment in tone-less pinyin, each segment's syllables joined
  ("shenzhen yilufa keji"); places in their usual English spelling; spacing variants
  ("Hua Xin" / "Huaxin") are handled by the aligner, which glues adjacent tokens;
* ``mixed``: brand in pinyin, words translated ("shenzhen yilufa technology"); its
  brand tokens and one-word translations carry their characters (``hybrid.attach``), so
  that a Latin word may render them partly by sound, partly by meaning (芯購 "Chipgoo");
* ``meaning``: everything translated, the brand as a whole word where the dictionary
  has a short (one- or two-word) gloss for it (爱丽丝 "Alice"), else character by
  character ("shenzhen blue hat international trade"); only when every brand piece
  has a gloss;
* second ``pinyin`` and ``mixed`` forms when a brand character has another reading
  (长光: "Zhangguang" by pypinyin's context rules, "Changguang" as the firm writes it).

Persons get ``han`` and ``pinyin`` only, surname first then the given name joined
("li xiaocui"), as lists write them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from sanctiongap.names import cantonese, cedict, hybrid, vocab
from sanctiongap.names.form import NameForm
from sanctiongap.names.normalise import ascii_words, clean_text, make_tokens, token_kind
from sanctiongap.names.tokens import Kind, Token

_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ebef]")
_KANA = re.compile(r"[\u3040-\u30ff\u31f0-\u31ff\uff66-\uff9f]")
_CHUNK = re.compile(
    r"(?P<open>[(\[{【「『])|(?P<close>[)\]}】」』])|(?P<han>[\u3400-\u4dbf\u4e00-\u9fff"
    r"\uf900-\ufaff\U00020000-\U0002ebef]+)|(?P<other>[^\s()\[\]{}【】「」『』"
    r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+)"
)
def has_han(text: str) -> bool:
    return _HAN.search(text) is not None


def is_chinese(text: str) -> bool:
    """Han characters and no Japanese kana."""
    return has_han(text) and _KANA.search(text) is None


@lru_cache(maxsize=1)
def _converter() -> object:
    import opencc

    return opencc.OpenCC("t2s")


@lru_cache(maxsize=16384)
def to_simplified(text: str) -> str:
    """Traditional characters folded to simplified ones (OpenCC t2s)."""
    converted = _converter().convert(text)  # type: ignore[attr-defined]
    return str(converted)


@lru_cache(maxsize=16384)
def _pinyin(text: str) -> tuple[str, ...]:
    from pypinyin import Style, lazy_pinyin

    out = lazy_pinyin(text, style=Style.NORMAL, v_to_u=True)
    if len(out) != len(text):
        out = [lazy_pinyin(ch, style=Style.NORMAL, v_to_u=True)[0] for ch in text]
    return tuple(s.replace("ü", "u").lower() for s in out)


@lru_cache(maxsize=16384)
def _other_reading(char: str, reading: str) -> str | None:
    """Another pinyin reading of a polyphonic character (长: chang / zhang)."""
    from pypinyin import Style, pinyin

    readings = pinyin(char, style=Style.NORMAL, heteronym=True)[0]
    for other in readings:
        other = other.replace("ü", "u").lower()
        if other != reading and other.isascii():
            return other
    return None


@dataclass(frozen=True, slots=True)
class Segment:
    text: str
    role: str  # "place", "brand", "word", "latin", "number"
    syllables: tuple[str, ...] = ()
    gloss: tuple[str, ...] = ()
    english: str = ""  # for places


@dataclass(frozen=True, slots=True)
class ChineseName:
    original: str
    simplified: str
    segments: tuple[Segment, ...]
    legal_form: str


def strip_legal(chunk: str) -> tuple[str, str]:
    """Remove legal-form suffixes from the end of a Han chunk."""
    removed = ""
    changed = True
    while changed:
        changed = False
        for suffix in vocab.HAN_LEGAL_SUFFIXES:
            if chunk.endswith(suffix):
                chunk = chunk[: -len(suffix)]
                removed = suffix + removed
                changed = True
                break
    return chunk, removed


def _known(word: str, at_start: bool) -> bool:
    return (
        cedict.is_word(word)
        or word in vocab.GLOSS_OVERRIDES
        or cedict.place(word, at_start) is not None
    )


def _forward(text: str) -> list[str]:
    out, i = [], 0
    while i < len(text):
        for size in range(min(cedict.dictionary().max_len, len(text) - i), 0, -1):
            if size == 1 or _known(text[i : i + size], i == 0):
                out.append(text[i : i + size])
                i += size
                break
    return out


def _backward(text: str) -> list[str]:
    out, end = [], len(text)
    while end > 0:
        for size in range(min(cedict.dictionary().max_len, end), 0, -1):
            start = end - size
            if size == 1 or _known(text[start:end], start == 0):
                out.append(text[start:end])
                end = start
                break
    return out[::-1]


def _split_compound(word: str) -> list[str]:
    """A long dictionary word made entirely of company words (``GLOSS_OVERRIDES``) and
    common words is split into them (数控机床 -> 数控 + 机床), so each gets its gloss."""
    if len(word) < 4 or not any(key in word for key in vocab.GLOSS_OVERRIDES):
        return [word]
    parts, i = [], 0
    while i < len(word):
        for size in range(min(4, len(word) - i, len(word) - 1), 1, -1):
            part = word[i : i + size]
            if part in vocab.GLOSS_OVERRIDES or cedict.is_common_word(part):
                parts.append(word[i : i + size])
                i += size
                break
        else:
            return [word]
    return parts


def segment(text: str) -> list[str]:
    """Longest-match segmentation; of the two directions, fewer words then fewer
    single characters wins, then the split that opens with a place (山东|欧|锐, not
    山|东欧|锐: names start with their place), backward on a tie."""
    fwd, bwd = _forward(text), _backward(text)

    def cost(words: list[str]) -> tuple[int, int, int]:
        opens_with_place = len(words[0]) > 1 and cedict.place(words[0], True) is not None
        return (len(words), sum(1 for w in words if len(w) == 1), 0 if opens_with_place else 1)

    best = fwd if cost(fwd) < cost(bwd) else bwd
    return [part for word in best for part in _split_compound(word)]


def _segments_of_chunk(chunk: str, bracketed: bool) -> list[Segment]:
    """Segments with roles; runs of single brand characters are merged (亿+路+发), a
    brand word found in the dictionary (兴华, 爱丽丝) stays a segment of its own."""
    words = segment(chunk)
    syllables = _pinyin(chunk)
    out: list[Segment] = []
    run_start = -1  # offset of the first single brand character not yet emitted
    pos = 0

    def flush(end: int) -> None:
        nonlocal run_start
        if run_start >= 0:
            out.append(Segment(chunk[run_start:end], "brand", syllables[run_start:end]))
            run_start = -1

    for n, word in enumerate(words):
        start, pos = pos, pos + len(word)
        syl = syllables[start:pos]
        found = cedict.place(word, n == 0 or bracketed)
        if found is not None:
            flush(start)
            out.append(Segment(word, "place", syl, english=found.english))
        elif len(word) >= 2 and (word in vocab.GLOSS_OVERRIDES or cedict.is_common_word(word)):
            flush(start)
            out.append(Segment(word, "word", syl, cedict.gloss(word)))
        elif n == len(words) - 1 and n > 0 and word in vocab.HAN_SUFFIX_WORDS:
            flush(start)
            out.append(Segment(word, "word", syl, (vocab.HAN_SUFFIX_WORDS[word],)))
        elif len(word) >= 2:
            flush(start)
            out.append(Segment(word, "brand", syl))
        elif run_start < 0:
            run_start = start
    flush(len(chunk))
    return out


def _chunks(text: str) -> list[tuple[str, str, bool]]:
    """(text, "han"|"other", bracketed) in order."""
    depth = 0
    chunks = []
    for match in _CHUNK.finditer(text):
        if match.group("open"):
            depth += 1
        elif match.group("close"):
            depth = max(0, depth - 1)
        elif match.group("han"):
            chunks.append((match.group("han"), "han", depth > 0))
        else:
            chunks.append((match.group("other"), "other", depth > 0))
    main = "".join(c for c, _, br in chunks if not br)
    return [c for c in chunks if not (c[2] and c[0] in main and len(c[0]) > 1)]


@lru_cache(maxsize=16384)
def analyse(name: str) -> ChineseName:
    simplified = to_simplified(clean_text(name))
    segments: list[Segment] = []
    legal = ""
    for text, kind, bracketed in _chunks(simplified):
        if kind == "other":
            for word in ascii_words(text):
                role = "number" if word.isdigit() else "latin"
                segments.append(Segment(word, role))
            continue
        text, removed = strip_legal(text)
        legal += removed
        if text:
            segments.extend(_segments_of_chunk(text, bracketed))
    return ChineseName(name, simplified, tuple(segments), legal)


def _word_kind(seg: Segment) -> Kind:
    if seg.gloss and all(w in vocab.GENERIC for w in seg.gloss):
        return Kind.GENERIC
    return Kind.CORE


def _place_tokens(seg: Segment) -> list[Token]:
    return [Token.make(w, Kind.PLACE) for w in ascii_words(seg.english)]


def _gloss_tokens(words: tuple[str, ...]) -> list[Token]:
    out = []
    for word in words:
        kind = token_kind(word, person=False)
        if kind is not None:
            out.append(Token.make(word, kind))
    return out


def _brand_syllables(seg: Segment, alternate: bool) -> str:
    if not alternate:
        return "".join(seg.syllables)
    out = []
    for ch, syl in zip(seg.text, seg.syllables, strict=True):
        out.append(_other_reading(ch, syl) or syl)
    return "".join(out)


def _render(name: ChineseName, style: str) -> list[Token]:
    tokens: list[Token] = []
    alternate = style.endswith("_alt")
    for seg in name.segments:
        if seg.role == "place":
            tokens.extend(_place_tokens(seg))
        elif seg.role in ("latin", "number"):
            tokens.extend(make_tokens([seg.text], person=False))
        elif seg.role == "word":
            if style.startswith("pinyin") or not seg.gloss:
                tokens.append(Token.make("".join(seg.syllables), _word_kind(seg)))
            else:
                glossed = _gloss_tokens(seg.gloss)
                if style.startswith("mixed") and len(glossed) == 1 and (
                        glossed[0].kind is Kind.CORE):
                    glossed = [hybrid.attach(glossed[0], seg.text, seg.syllables)]
                tokens.extend(glossed)
        elif style == "meaning":
            whole = cedict.gloss(seg.text) if len(seg.text) > 1 else ()
            if 0 < len(whole) <= 2:
                tokens.extend(_gloss_tokens(whole))
                continue
            for ch, syl in zip(seg.text, seg.syllables, strict=True):
                words = cedict.gloss(ch)
                tokens.extend(Token.make(w, Kind.CORE) for w in words or (syl,))
        else:
            spelt = cantonese.hong_kong_tokens(seg.text) if style == "cantonese" else None
            if spelt:
                tokens.extend(spelt)
                continue
            text = _brand_syllables(seg, alternate)
            token = cantonese.brand_token(text, seg.text, seg.syllables)
            if style.startswith("mixed"):
                token = hybrid.attach(token, seg.text, seg.syllables)
            tokens.append(token)
    return tokens


def _han_tokens(name: ChineseName) -> list[Token]:
    kinds = {"place": Kind.PLACE, "brand": Kind.CORE, "number": Kind.NUMBER}
    out = []
    for seg in name.segments:
        if seg.role == "latin":
            out.extend(make_tokens([seg.text], person=False))
        elif seg.role == "word":
            out.append(Token.make(seg.text, _word_kind(seg)))
        else:
            out.append(Token.make(seg.text, kinds[seg.role]))
    return out


def _person_forms(name: str) -> list[NameForm]:
    simplified = to_simplified(clean_text(name))
    han = "".join(_HAN.findall(simplified))
    if not han:
        return []
    split = 2 if len(han) > 2 and han[:2] in vocab.COMPOUND_SURNAMES else 1
    syl = _pinyin(han)
    parts = [han[:split], han[split:]] if len(han) > 1 else [han]
    han_tokens = tuple(Token.make(p, Kind.CORE) for p in parts if p)
    py = ["".join(syl[:split]), "".join(syl[split:])]
    py_tokens = tuple(Token.make(p, Kind.CORE) for p in py if p)
    return [NameForm(name, "han", han_tokens), NameForm(name, "pinyin", py_tokens)]


def _phrase(name: ChineseName, style: str) -> str:
    words: list[str] = []
    for seg in name.segments:
        if seg.role == "place":
            words.append(seg.english)
        elif seg.role in ("latin", "number"):
            words.append(seg.text)
        elif style == "pinyin_spaced":
            words.extend(seg.syllables)
        elif seg.role == "word" and style in ("mixed", "meaning") and seg.gloss:
            words.extend(seg.gloss)
        elif seg.role == "brand" and style == "meaning":
            whole = cedict.gloss(seg.text) if len(seg.text) > 1 else ()
            if 0 < len(whole) <= 2:
                words.extend(whole)
            else:
                for ch, syl in zip(seg.text, seg.syllables, strict=True):
                    words.extend(cedict.gloss(ch) or (syl,))
        else:
            words.append("".join(seg.syllables))
    legal = vocab.HAN_LEGAL_FORMS.get(name.legal_form, "") if name.legal_form else ""
    text = " ".join(w if w[:1].isupper() else w.capitalize() for w in words if w)
    return f"{text} {legal}".strip()


def latin_renderings(name: str) -> dict[str, str]:
    """Readable Latin renderings of a Chinese company name, legal form included:
    ``pinyin`` (syllables joined per word), ``pinyin_spaced``, ``mixed`` (brand in
    pinyin, trade words translated: 深圳市亿路发科技有限公司 -> "Shenzhen Yilufa Technology
    Co Ltd") and ``meaning`` (everything translated).  For display and reports; the
    matcher uses the token forms of :func:`renderings`."""
    analysis = analyse(name)
    styles = ("pinyin", "pinyin_spaced", "mixed", "meaning")
    return {style: _phrase(analysis, style) for style in styles}


def renderings(name: str, person: bool = False) -> list[NameForm]:
    """Token forms of a Chinese name (see the module docstring)."""
    if person:
        return _person_forms(name)
    analysis = analyse(name)
    if not analysis.segments:
        return []
    forms = [NameForm(name, "han", tuple(_han_tokens(analysis)))]
    seen: set[tuple[str, ...]] = set()
    styles = ["pinyin", "mixed", "pinyin_alt", "mixed_alt"]
    brand_glossed = all(
        0 < len(cedict.gloss(seg.text)) <= 2 or all(cedict.gloss(ch) for ch in seg.text)
        for seg in analysis.segments
        if seg.role == "brand"
    )
    if brand_glossed:
        styles.append("meaning")
    if _hong_kong_script(analysis):
        styles.append("cantonese")
    for style in styles:
        tokens = _render(analysis, style)
        key = tuple(t.text for t in tokens)
        if tokens and key not in seen:
            seen.add(key)
            label = "mixed" if style == "cantonese" else style.removesuffix("_alt")
            forms.append(NameForm(name, label, tuple(tokens)))
    return forms


def _hong_kong_script(name: ChineseName) -> bool:
    """Written in traditional characters, or naming Hong Kong or Macau: the brand may
    be romanised in Cantonese."""
    if any(seg.role == "brand" for seg in name.segments):
        original = clean_text(name.original)
        return original != name.simplified or any(
            place in name.simplified for place in ("香港", "澳门"))
    return False
