"""Latin words that render Chinese characters partly by sound, partly by meaning."""

from __future__ import annotations

import pytest

from sanctiongap.names import cedict, hybrid
from sanctiongap.names.align import align
from sanctiongap.names.chinese import renderings
from sanctiongap.names.normalise import latin_forms
from sanctiongap.names.tokens import Kind, Token, phonetic_fold


def brand(han: str, syllables: tuple[str, ...]) -> Token:
    return hybrid.attach(Token.make("".join(syllables), Kind.CORE, syllables), han, syllables)


def latin(*words: str) -> tuple[Token, ...]:
    return tuple(Token.make(w, Kind.CORE) for w in words)


@pytest.mark.parametrize(
    ("words", "han", "syllables", "low", "high"),
    [
        # EU 833 Annex IV: 芯 "chip" by meaning, 購 gou by sound
        (("chipgoo",), "芯购", ("xin", "gou"), 0.85, 0.9),
        # the initial of 美 mei, 星 "star"
        (("m", "star"), "美星", ("mei", "xing"), 0.8, 0.9),
        # an acronym of the syllables (菠 bo spelt p, as Wade-Giles does)
        (("mkpl",), "码可菠萝", ("ma", "ke", "bo", "luo"), 0.85, 0.85),
        # constructed: "goo" does not sound like 片 pian
        (("chipgoo",), "芯片", ("xin", "pian"), 0.0, 0.0),
        # constructed: 光 "light" is not "star"
        (("m", "star"), "美光", ("mei", "guang"), 0.0, 0.0),
        # two-letter acronyms match too many brands
        (("rx",), "日新", ("ri", "xin"), 0.0, 0.0),
        # an acronym needs one letter per character
        (("mkp",), "码可菠萝", ("ma", "ke", "bo", "luo"), 0.0, 0.0),
        # sound alone is left to romanise: no meaning, no cover
        (("bao", "li"), "保利", ("bao", "li"), 0.0, 0.0),
        # near meanings (cedict.bridged): 联 "join" ~ "link", 世 "world" ~ "global"
        (("global", "link"), "世联", ("shi", "lian"), 0.9, 0.9),
        # one-word senses besides the chosen gloss: 世 "world" (gloss "life")
        (("world", "link"), "世联", ("shi", "lian"), 0.9, 0.9),
        # constructed: 美 "beautiful" is no near meaning of "link"
        (("global", "link"), "世美", ("shi", "mei"), 0.0, 0.0),
        # a sound under the brand floor, with a meaning: "conti" ~ kangze 0.749, 远 "far"
        (("conti", "far"), "康泽远", ("kang", "ze", "yuan"), 0.85, 0.9),
        # constructed: 近 "near" is not "far"
        (("conti", "far"), "康泽近", ("kang", "ze", "jin"), 0.0, 0.0),
    ],
)
def test_run_similarity(words: tuple[str, ...], han: str, syllables: tuple[str, ...],
                        low: float, high: float) -> None:
    value = hybrid.run_similarity(latin(*words), (brand(han, syllables),))
    assert low <= value <= high


def test_a_word_may_cover_two_tokens() -> None:
    # 欧锐 ou rui by sound, 激光 "laser" by meaning: one word over two tokens
    tokens = (brand("欧锐", ("ou", "rui")),
              hybrid.attach(Token.make("laser", Kind.CORE), "激光", ("ji", "guang")))
    assert hybrid.run_similarity(latin("oreelaser"), tokens) > 0.8


def test_start_keys_let_the_aligner_compare() -> None:
    token = brand("美星", ("mei", "xing"))
    assert {"im", "is"} <= token.sig  # "M" (the sound of 美), "Star" (the gloss of 星)


def test_alignment_credits_the_run() -> None:
    query = latin_forms("M Star International Trading Company Limited")[0]
    mixed = next(f for f in renderings("美星國際貿易有限公司") if f.label == "mixed")
    result = align(query, mixed)
    assert ("m star", "meixing", 0.85) in result.pairs
    assert result.score > 0.85


def test_trade_words_may_render_characters() -> None:
    # "Global" is a trade word of the Latin name, yet renders 世 ("world") of the brand
    query = latin_forms("Global Link Logistics")[0]
    assert [t.kind for t in query.tokens][:2] == [Kind.GENERIC, Kind.CORE]
    mixed = next(f for f in renderings("深圳市世联国际货运代理有限公司") if f.label == "mixed")
    assert ("global link", "shilian", 0.9) in align(query, mixed).pairs
    # a run of trade words alone renders nothing
    plain = latin_forms("Global Trading Logistics")[0]
    assert not any(c == "shilian" for _, c, _ in align(plain, mixed).pairs)


def test_bridges_come_from_one_chinese_word() -> None:
    # 连接 "to link; to join; to connect", 全球 "global; the (whole) world"
    assert {"join", "connect"} <= cedict.bridged("link")
    assert "global" in cedict.bridged("world")
    assert "asia" not in cedict.bridged("link")
    assert cedict.bridged("qwzx") == {"qwzx"}


def test_start_keys_cover_near_meanings() -> None:
    # "Link" may render 通 by a near meaning, as a whole word: the bounds must see it
    assert "d" + phonetic_fold("link") in brand("通亚", ("tong", "ya")).sig


def test_near_meanings_take_whole_words() -> None:
    assert hybrid.run_similarity(latin("link", "asia"), (brand("通亚", ("tong", "ya")),)) > 0.8
    assert hybrid.run_similarity(latin("linkasia"), (brand("通亚", ("tong", "ya")),)) == 0.0
