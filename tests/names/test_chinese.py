"""Chinese names: folding, segmentation, gazetteer, glosses and Latin renderings.

Names are real: the Chinese aliases of EU Reg. 833/2014 Annex IV and 269/2014 entries
(/work/shared/data/eu/*.csv) and of OFSI entries."""

from __future__ import annotations

import pytest

from sanctiongap.names import cedict
from sanctiongap.names.chinese import (
    analyse,
    has_han,
    is_chinese,
    latin_renderings,
    renderings,
    segment,
    strip_legal,
    to_simplified,
)


def form(name: str, label: str, person: bool = False) -> list[str]:
    """Token texts of the first rendering with that label."""
    for found in renderings(name, person=person):
        if found.label == label:
            return [t.text for t in found.tokens]
    raise AssertionError(f"no {label} rendering of {name}")


def all_forms(name: str, label: str) -> list[list[str]]:
    return [[t.text for t in f.tokens] for f in renderings(name) if f.label == label]


def test_script_detection() -> None:
    assert has_han("深圳市亿路发科技有限公司")
    assert is_chinese("香港凱利實業有限公司")
    assert not is_chinese("カザン火薬工場")  # Japanese: kana present
    assert not has_han("Yilufa Electronics Ltd.")


def test_traditional_folds_to_simplified() -> None:
    assert to_simplified("香港凱利實業有限公司") == "香港凯利实业有限公司"
    assert to_simplified("華信船務") == "华信船务"


@pytest.mark.parametrize(
    ("chunk", "rest", "legal"),
    [
        ("深圳市亿路发科技有限公司", "深圳市亿路发科技", "有限公司"),
        ("长光卫星技术股份有限公司", "长光卫星技术", "股份有限公司"),
        ("内蒙古亚欧国际物流有限责任公司", "内蒙古亚欧国际物流", "有限责任公司"),
        ("玉沙集团有限公司", "玉沙集团", "有限公司"),  # 集团 (group) stays
        ("辽阳石化公司", "辽阳石化", "公司"),
    ],
)
def test_legal_forms(chunk: str, rest: str, legal: str) -> None:
    assert strip_legal(chunk) == (rest, legal)


def test_yilufa_segments() -> None:
    segments = analyse("深圳市亿路发科技有限公司").segments
    assert [(s.text, s.role) for s in segments] == [
        ("深圳市", "place"),
        ("亿路发", "brand"),
        ("科技", "word"),
    ]
    assert segments[0].english == "Shenzhen"
    assert segments[1].syllables == ("yi", "lu", "fa")


def test_renderings_of_yilufa() -> None:
    name = "深圳市亿路发科技有限公司"
    assert form(name, "pinyin") == ["shenzhen", "yilufa", "keji"]
    assert form(name, "mixed") == ["shenzhen", "yilufa", "technology"]
    assert form(name, "han") == ["深圳市", "亿路发", "科技"]


def test_readable_renderings() -> None:
    assert latin_renderings("深圳市亿路发科技有限公司") == {
        "pinyin": "Shenzhen Yilufa Keji Co Ltd",
        "pinyin_spaced": "Shenzhen Yi Lu Fa Ke Ji Co Ltd",
        "mixed": "Shenzhen Yilufa Technology Co Ltd",
        "meaning": "Shenzhen 100 Million Road Send Out Technology Co Ltd",
    }
    assert latin_renderings("深圳蓝帽国际贸易有限公司")["meaning"] == (
        "Shenzhen Blue Hat International Trade Co Ltd"
    )


def test_blue_hat_is_translated() -> None:
    assert form("深圳蓝帽国际贸易有限公司", "meaning") == [
        "shenzhen", "blue", "hat", "international", "trade",
    ]


def test_compound_of_company_words_is_split() -> None:
    assert segment("浙江震环数控机床") == ["浙江", "震", "环", "数控", "机床"]
    assert form("浙江震环数控机床股份有限公司", "mixed") == [
        "zhejiang", "zhenhuan", "cnc", "machinery", "tool",
    ]


def test_bracketed_place_and_repeated_short_name() -> None:
    assert form("巨航航空科技（深圳）有限公司", "mixed") == [
        "juhang", "aviation", "technology", "shenzhen",
    ]
    # "(长光卫星)" repeats the name; a polyphonic brand character gets both readings.
    assert all_forms("长光卫星技术股份有限公司 (长光卫星)", "mixed") == [
        ["zhangguang", "satellite", "technology"],
        ["changguang", "satellite", "technology"],
    ]


def test_proper_noun_brand_gets_its_dictionary_gloss() -> None:
    assert form("愛麗絲零部件有限公司", "meaning") == ["alice", "component"]


def test_person_names() -> None:
    assert form("李晓翠", "pinyin", person=True) == ["li", "xiaocui"]
    assert form("欧阳修明", "pinyin", person=True) == ["ouyang", "xiuming"]


@pytest.mark.parametrize(
    ("word", "english", "tier"),
    [
        ("深圳", "Shenzhen", 1),
        ("深圳市", "Shenzhen", 1),
        ("香港", "Hong Kong", 1),
        ("广州", "Guangzhou", 1),
        ("北京", "Beijing", 1),
        ("上海", "Shanghai", 1),
        ("杭州", "Hangzhou", 1),
        ("大连", "Dalian", 1),
        ("厦门", "Xiamen", 1),
        ("东莞", "Dongguan", 1),
        ("珠海", "Zhuhai", 1),
        ("合肥", "Hefei", 1),
        ("黑龙江省", "Heilongjiang", 1),
        ("内蒙古", "Inner Mongolia", 1),
        ("义乌市", "Yiwu", 2),
    ],
)
def test_gazetteer(word: str, english: str, tier: int) -> None:
    found = cedict.place(word)
    assert found is not None
    assert (found.english, found.tier) == (english, tier)


def test_gazetteer_leaves_out_districts_and_mid_name_county_cities() -> None:
    assert cedict.place("福田区") is None  # a district
    assert cedict.place("义乌", at_start=False) is None  # county-level: start only
    assert "kaili" not in cedict.latin_place_words()  # 凯里 is not a first-tier city


@pytest.mark.parametrize(
    ("word", "gloss"),
    [
        ("国际", ("international",)),
        ("贸易", ("trade",)),
        ("电子", ("electronic",)),
        ("科技", ("technology",)),
        ("蓝", ("blue",)),
        ("帽", ("hat",)),
        ("石化", ("petrochemical", "industry")),  # a noun sense, not "to petrify"
        ("实业", ("industry",)),
        ("卫星", ("satellite",)),
    ],
)
def test_glosses(word: str, gloss: tuple[str, ...]) -> None:
    assert cedict.gloss(word) == gloss


def test_segmentation_prefers_a_leading_place_on_a_tie() -> None:
    # both directions give five words, two of one character: the place opens the name
    assert segment("山东欧锐激光科技")[:3] == ["山东", "欧", "锐"]
