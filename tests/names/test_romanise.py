"""Comparison by sound of Latin words with Chinese brands read in pinyin or Cantonese.

Positive pairs are real: English and Chinese names of the same firm on the OFSI list
(Poly 保利, Sinno 信諾, Premera 普萊米樂, Parsun 百勝, Oturn 欧腾) and the EU lists (Wellgo
滙高, Odes 奥德斯).  Negative pairs are a distinctive word of one listed firm's English
name and another listed firm's Chinese brand."""

from __future__ import annotations

import pytest

from sanctiongap.names import cantonese, romanise
from sanctiongap.names.chinese import analyse
from sanctiongap.names.normalise import latin_forms


def readings(han: str) -> tuple[str, ...]:
    """Pinyin and Cantonese phone strings of the brand segment of a Chinese name."""
    brands = [s for s in analyse(han).segments if s.role == "brand"]
    assert len(brands) == 1, brands
    seg = brands[0]
    return romanise.brand_readings(seg.syllables, cantonese.jyutping(seg.text))


def sound_match(word: str, han: str) -> float:
    """The token similarity a Latin word gets against the brand of a Chinese name."""
    marked = romanise.marked(readings(han))
    return romanise.brand_sound_similarity(word.lower(), (), "brand", marked)


@pytest.mark.parametrize(
    ("word", "phones"),
    [
        ("Wellgo", "welko"),
        ("Poly", "poli"),
        ("Hsinchu", "sinCu"),  # Wade-Giles hs is the pinyin x
        ("Abingo", "apinGo"),  # the g of -ng is a phone of its own
        ("Tsingtao", "ZinGtao"),
        ("Xinghua", "sinGhua"),
        ("Vortex", "vorteks"),  # x inside a word is ks, at the start s
        ("Sinno", "sino"),  # doubled letters count once
        ("Wah", "wa"),  # h after a vowel is silent
    ],
)
def test_latin_phones(word: str, phones: str) -> None:
    assert romanise.latin_phones(word) == phones


@pytest.mark.parametrize(
    ("syllable", "cantonese_reading", "phones"),
    [
        ("bao", False, "pao"),
        ("xin", False, "sin"),
        ("zhang", False, "JanG"),
        ("qi", False, "Ci"),
        ("yi", False, "i"),  # the y only spells the vowel
        ("wu", False, "u"),
        ("ju", False, "Ju"),  # ü
        ("hui", False, "huei"),
        ("gou", True, "kou"),
        ("daat", True, "taT"),  # final stop, cheap to drop
        ("zoeng", True, "CeunG"),
        ("jyun", True, "yun"),
    ],
)
def test_syllable_phones(syllable: str, cantonese_reading: bool, phones: str) -> None:
    assert romanise.syllable_phones(syllable, cantonese_reading) == phones


def test_romanisation_variants_cost_little() -> None:
    # b/p, d/t, g/k are one phone; ch/q/j/zh, s/x/hs are close sibilants.
    assert romanise.phone_distance("pao", romanise.syllable_phones("bao")) == 0.0
    assert romanise.phone_distance(romanise.latin_phones("hsin"), "sin") == 0.0
    assert romanise.phone_distance(romanise.latin_phones("ching"),
                                   romanise.syllable_phones("qing")) == 0.0
    near = romanise.phone_distance("sin", "sinG")  # -n / -ng
    far = romanise.phone_distance("sin", "sit")
    assert near < 0.2 < far


def test_pinyin_words() -> None:
    assert romanise.is_pinyin_word("zhenhuan")
    assert romanise.is_pinyin_word("xian")
    assert romanise.is_pinyin_word("kunshan")
    assert not romanise.is_pinyin_word("poly")
    assert not romanise.is_pinyin_word("sinno")
    # a+bing+o would need an apostrophe before the o
    assert not romanise.is_pinyin_word("abingo")


@pytest.mark.parametrize(
    ("word", "han"),
    [
        ("Poly", "保利科技有限公司"),
        ("Sinno", "信諾電子科技有限公司"),
        ("Premera", "普萊米樂(香港)國際貿易有限公司"),
        ("Parsun", "苏州百胜动力机器股份有限公司"),
        ("Oturn", "宁波欧腾机械有限公司"),
        ("Wellgo", "滙高國際實業有限公司"),  # Cantonese wui gou
        ("Odes", "山东奥德斯工业股份有限公司"),
    ],
)
def test_transcriptions_sound_alike(word: str, han: str) -> None:
    assert romanise.sound_similarity(word, readings(han)) >= romanise.SOUND_MIN
    assert sound_match(word, han) >= romanise.MATCH_MIN


def test_wellgo_needs_cantonese() -> None:
    brand = readings("滙高國際實業有限公司")
    mandarin = brand[:1]  # hui gao
    assert romanise.sound_similarity("Wellgo", mandarin) < romanise.SOUND_MIN
    assert romanise.sound_similarity("Wellgo", brand) >= romanise.SOUND_MIN


@pytest.mark.parametrize(
    ("word", "han"),
    [
        ("Sensor", "武汉高芯科技有限公司"),
        ("Finder", "超達科技有限公司"),
        ("Kingmax", "东莞碧浓科技有限公司"),
        ("Bioengineering", "宁波贝宁机床有限公司"),
        ("Shipbuilding", "斯博登科技有限公司"),
        ("Alliance", "愛麗絲零部件有限公司"),
        ("Vision", "華信船務(香港)有限公司"),
    ],
)
def test_other_brands_do_not(word: str, han: str) -> None:
    assert sound_match(word, han) == 0.0


def test_english_words_need_a_closer_sound() -> None:
    # "Vision" sounds like 華信 read in Cantonese (wa seun), but it is an English word
    vision = romanise.sound_similarity("Vision", readings("華信船務(香港)有限公司"))
    assert romanise.SOUND_MIN <= vision < romanise.SOUND_MIN_ENGLISH
    assert sound_match("Vision", "華信船務(香港)有限公司") == 0.0
    # "Poly" is English too, and close enough to 保利 bao li
    assert sound_match("Poly", "保利科技有限公司") == romanise.MATCH_MAX


def test_short_words_and_pinyin_words_carry_no_sound_match() -> None:
    assert romanise.sound_similarity("Ele", readings("深圳市易络电子有限公司")) == 0.0
    assert romanise.sound_similarity("GCL", readings("香港凱利實業有限公司")) == 0.0
    assert romanise.sound_similarity("722nd", readings("俄泰科技（深圳）有限公司")) == 0.0
    # "Kunshan" is pinyin (of 昆山): it is not compared by sound with 红兔 (hong tu)
    assert romanise.sound_similarity("Kunshan", readings("红兔矢量实业（深圳）有限公司")) == 0.0


def test_brand_sound_similarity_on_real_tokens() -> None:
    from sanctiongap.names.chinese import renderings

    latin = latin_forms("Poly Technologies INC")[0].tokens[0]
    mixed = next(f for f in renderings("保利科技有限公司") if f.label == "mixed")
    brand = mixed.tokens[0]
    assert brand.text == "baoli"
    value = romanise.brand_sound_similarity(latin.text, latin.sound, brand.text, brand.sound)
    assert romanise.MATCH_MIN < value <= romanise.MATCH_MAX
    assert value == romanise.brand_sound_similarity(
        brand.text, brand.sound, latin.text, latin.sound)
    # two Latin words, or a brand with itself: no sound comparison
    assert romanise.brand_sound_similarity("poly", latin.sound, "pauly", latin.sound) == 0.0
    assert romanise.brand_sound_similarity("baoli", brand.sound, "baoli", brand.sound) == 0.0
    # the aligner compares the two: they share a signature key
    assert not latin.sig.isdisjoint(brand.sig)


def test_marked_readings_do_not_disturb_outlines() -> None:
    sound = ("bl", *romanise.marked(("paoli", "poulei")))
    assert romanise.readings_of(sound) == ("paoli", "poulei")
    assert all(len(s) < 3 or s.startswith(romanise.READING_MARK) for s in sound)


def test_first_letter_keys() -> None:
    keys = romanise.first_letter_keys(("paoli", "poulei"))
    assert {"ip", "ib"} <= keys
    assert "is" not in keys
    assert {"ia", "io", "ih"} <= romanise.first_letter_keys(("aotesi",))


def test_blocking_keys_bring_sound_alikes_together() -> None:
    for word, han in (("Poly", "保利科技有限公司"), ("Sinno", "信諾電子科技有限公司"),
                      ("Parsun", "苏州百胜动力机器股份有限公司")):
        brand = romanise.brand_sound_keys(readings(han))
        assert romanise.word_sound_keys(word.lower()) & brand, word
    assert not romanise.word_sound_keys("sensor") & romanise.brand_sound_keys(
        readings("武汉高芯科技有限公司"))
    assert romanise.word_sound_keys("zhenhuan") == frozenset()  # pinyin: keyed as spelt
    assert romanise.word_sound_keys("ele") == frozenset()
