"""Cantonese readings (ToJyutping) and the Hong Kong rendering of Chinese names.

Names are real: aliases of EU Reg. 833/2014 Annex IV entries, OFSI entries, and well-known
Hong Kong companies (長江實業 Cheung Kong, 永亨銀行 Wing Hang Bank)."""

from __future__ import annotations

import pytest

from sanctiongap.match import DEFAULT_THRESHOLD, MatchSubject, compare
from sanctiongap.names import cantonese, romanise
from sanctiongap.names.chinese import renderings

pytestmark = pytest.mark.skipif(not cantonese.available(), reason="ToJyutping missing")


def test_jyutping_readings() -> None:
    assert cantonese.jyutping("滙高") == ("wui", "gou")
    assert cantonese.jyutping("汇高") == ("wui", "gou")  # simplified reads the same
    assert cantonese.jyutping("信諾") == ("seon", "nok")
    assert cantonese.jyutping("長江") == ("coeng", "gong")


def test_simplified_characters_read_as_their_traditional_forms() -> None:
    # 达 and 胜 are also rare traditional characters with other readings (dai, saang)
    assert cantonese.jyutping("超达") == ("ciu", "daat")
    assert cantonese.jyutping("百胜") == ("baak", "sing")


def test_no_reading() -> None:
    assert cantonese.jyutping("") is None
    assert cantonese.jyutping("ABC") is None


@pytest.mark.parametrize(
    ("syllable", "spelt"),
    [("gou", "ko"), ("seon", "sun"), ("zoeng", "cheung"), ("jyun", "yuen"),
     ("jat", "yat"), ("gwok", "kwok"), ("wing", "wing"), ("hung", "hung"), ("ng", "ng")],
)
def test_hong_kong_spelling(syllable: str, spelt: str) -> None:
    assert cantonese.hong_kong_spelling(syllable) == spelt


def test_hong_kong_tokens() -> None:
    tokens = cantonese.hong_kong_tokens("長江")
    assert tokens is not None
    assert [t.text for t in tokens] == ["cheung", "kong"]


def test_brand_token_carries_readings() -> None:
    token = cantonese.brand_token("huigao", "汇高", ("hui", "gao"))
    assert token.text == "huigao"
    assert token.pinyin
    assert romanise.readings_of(token.sound) == ("huei" + "kao", "wuikou")
    assert "iw" in token.sig  # a Latin word in w may render it (Wellgo)
    single = cantonese.brand_token("xin", "芯", ("xin",))
    assert romanise.readings_of(single.sound) == ()


def mixed_forms(name: str) -> list[list[str]]:
    return [[t.text for t in f.tokens] for f in renderings(name) if f.label == "mixed"]


def test_traditional_script_names_get_a_cantonese_rendering() -> None:
    assert ["wui", "ko", "international", "industry"] in mixed_forms("滙高國際實業有限公司")
    assert ["cheung", "kong", "industry", "group"] in mixed_forms("長江實業(集團)有限公司")


def test_mainland_names_do_not() -> None:
    forms = mixed_forms("深圳市亿路发科技有限公司")
    assert forms == [["shenzhen", "yilufa", "technology"], ["shenzhen", "yiluofa", "technology"]]


@pytest.mark.parametrize(
    ("english", "chinese"),
    [
        ("Cheung Kong (Holdings) Limited", "長江實業(集團)有限公司"),
        ("Wing Hang Bank", "永亨銀行有限公司"),
        ("Wui Ko International Industrial Limited", "滙高國際實業有限公司"),
    ],
)
def test_cantonese_names_match(english: str, chinese: str) -> None:
    result = compare(MatchSubject("Company", [english]), MatchSubject("Company", [chinese]))
    assert result.score >= DEFAULT_THRESHOLD, result.explanation()


def test_cantonese_rendering_keeps_other_firms_apart() -> None:
    result = compare(MatchSubject("Company", ["Wing Hang Bank"]),
                     MatchSubject("Company", ["恒生銀行有限公司"]))
    assert result.score < DEFAULT_THRESHOLD
