"""The matcher: table of real pairs that must (not) match and the feature that must fire.

Names are as the lists print them (EU Reg. 833/2014 and 269/2014 CSVs, OFAC SDN, OFSI),
unless marked as a constructed variant (homoglyphs, invisible characters, typos)."""

from __future__ import annotations

import pytest

from sanctiongap.match import (
    DEFAULT_THRESHOLD,
    FEATURES,
    MatchSubject,
    blocking_keys,
    compare,
    prepare,
)
from sanctiongap.model import Identifier, Party
from sanctiongap.names.index import NameIndex
from sanctiongap.resolve import RESOLVE_THRESHOLD
from sanctiongap.scoring import score_many

YILUFA_EU = "Yilufa Electronics Ltd."  # EU 833 Annex IV #605, name
YILUFA_EU_ALIAS = "Yilufa Electronics Limited"  # same row, alias
YILUFA_OFAC = "YILUFA ELECTRONICS LIMITED"  # OFAC SDN 47700
YILUFA_HAN = "深圳市亿路发科技有限公司"  # EU 833 Annex IV #605, alias
YILUFA_USCC = Identifier("uscc", "91440300769188559R", "cn")


def company(*names: str, **kwargs: object) -> MatchSubject:
    return MatchSubject("Company", list(names), **kwargs)  # type: ignore[arg-type]


def person(*names: str, **kwargs: object) -> MatchSubject:
    return MatchSubject("Person", list(names), **kwargs)  # type: ignore[arg-type]


MATCHES = [
    # (query, candidate, feature that must fire)
    (company(YILUFA_EU), company(YILUFA_EU_ALIAS), "name_exact"),
    (company(YILUFA_OFAC), company(YILUFA_EU), "name_exact"),
    (company(YILUFA_EU), company(YILUFA_HAN), "name_chinese_pinyin"),
    (company(YILUFA_OFAC), company(YILUFA_HAN), "name_chinese_pinyin"),
    (company(YILUFA_HAN), company(YILUFA_EU_ALIAS), "name_chinese_pinyin"),
    (company("深圳蓝帽国际贸易有限公司"),
     company("Shenzhen Blue Hat International Trade Co., Ltd."), "name_chinese_meaning"),
    # OFSI: HUAXIN SHIPPING HONGKONG LTD / 華信船務(香港)有限公司
    (company("HUAXIN SHIPPING HONGKONG LTD"), company("華信船務(香港)有限公司"),
     "name_chinese_pinyin"),
    (company("Hua Xin Shipping (Hong Kong) Ltd"), company("HUAXIN SHIPPING HONGKONG LTD"),
     "name_fuzzy"),
    # traditional and simplified script
    (company("香港凱利實業有限公司"), company("香港凯利实业有限公司"), "name_exact"),
    (company("Kaili Industrial HK Limited"), company("香港凱利實業有限公司"),
     "name_chinese_pinyin"),
    # EU 833 Annex IV #714: one company, a Hong Kong and a Shenzhen name
    (company("香港旗速電子科技有限公司"), company("深圳旗速电子科技有限公司"),
     "name_chinese_script"),
    (company("Chang Guang Satellite Technology Co. Ltd"),
     company("长光卫星技术股份有限公司 (长光卫星)"), "name_chinese_pinyin"),
    # Cyrillic <-> Latin (EU 833 Annex IV #102; OFAC SDN 35348; EU 833 Annex IV #1)
    (company("ООО «Радиоавтоматика»"), company("RADIOAVTOMATIKA LLC"), "name_exact"),
    (company("Общество с Ограниченной Ответственностью «Радиоавтоматика»"),
     company("Radioavtomatika"), "name_exact"),
    (company("Открытое Акционерное Общество «Концерн «Сириус»"),
     company("JSC Concern Sirius"), "name_translit"),
    # constructed variants: homoglyphs (Cyrillic Е, а), invisible characters, a typo
    (company("YILUFA ELЕCTRONICS LIMITЕD"), company(YILUFA_EU), "name_exact"),
    (company("Yilufа Electronics"), company(YILUFA_EU), "name_exact"),
    (company("Yilu\u200bfa Elec\u2060tronics Ltd"), company(YILUFA_EU), "name_exact"),
    (company("Yilvfa Electronics Ltd"), company(YILUFA_EU), "name_fuzzy"),
    # persons (EU 269 Annex I: Li XIAOCUI / 李晓翠)
    (person("Li XIAOCUI"), person("李晓翠"), "name_chinese_pinyin"),
    (person("XIAOCUI, Li"), person("Li Xiaocui"), "name_exact"),
    # a brand spelt by sound (EU 833 Annex IV #707, #570 / EU 269 Annex I)
    (company("Wellgo International Industrial Limited"), company("滙高國際實業有限公司"),
     "name_chinese_pinyin"),
    (company("Poly Technologies INC"), company("保利科技有限公司"), "name_chinese_pinyin"),
    # partly by sound, partly by meaning (EU 833 Annex IV #719, #661, #796; EU 269 #565)
    (company("Chipgoo Electronics Limited"), company("芯購電子有限公司"),
     "name_chinese_pinyin"),
    (company("M Star International Trading Company Limited"),
     company("美星國際貿易有限公司"), "name_chinese_pinyin"),
    (company("MKPL Technology HK Co. Ltd."), company("碼可菠蘿科技(香港)有限公司"),
     "name_chinese_pinyin"),
    (company("Shandong OreeLaser Technology Co., Ltd"), company("山东欧锐激光科技有限公司"),
     "name_chinese_pinyin"),
    # by a near meaning: CC-CEDICT gives "link" with "connect" (通) and "join" (联) for one
    # Chinese word (连接) (EU 833 Annex IV #750; constructed)
    (company("HK (Hong Kong) LINK ASIA ELECTRONICS LIMITED"), company("香港通亞電子有限公司"),
     "name_chinese_pinyin"),
    (company("Star Link Technology Limited"), company("星联科技有限公司"),
     "name_chinese_pinyin"),
    # a sound a little under the brand floor, carried by a meaning (EU 833 Annex IV #829:
    # "Conti" ~ 康澤 kangze 0.749, "Far" = 遠)
    (company("Conti-Far Logistics Co. Ltd."), company("康澤遠國際物流(香港)有限公司"),
     "name_chinese_pinyin"),
    # the one brand left once the trade word has matched, an English word by sound
    # ("Head" ~ 和德 he de; 宇航 "aerospace") (EU 833 Annex IV #652)
    (company("China Head Aerospace Group"), company("北京和德宇航技术有限公司"),
     "name_chinese_pinyin"),
    # a misspelt legal form at the end of the name is still one (constructed)
    (company("FRANZUL z.A."), company("FRANZUL S.A."), "name_exact"),
    # identifiers carry a match whatever the names say
    (company("Yilufa", identifiers=[YILUFA_USCC]),
     company("深圳市亿路发有限公司", identifiers=[Identifier("registration",
                                                       "91440300769188559R")]),
     "identifier_match"),
]

NON_MATCHES = [
    # ordinals are numbers: two units of one army (OFAC SDN, Burma)
    (company("99TH LIGHT INFANTRY DIVISION"), company("66TH LIGHT INFANTRY DIVISION")),
    # generic words only
    (company("Trading Technology Limited"), company("Technology Trading Co")),
    (company("China Trading Company"), company("Hong Kong Trading Limited")),
    # different companies in the same city and trade (EU 833 Annex IV)
    (company(YILUFA_HAN), company("深圳市易络电子有限公司")),
    (company(YILUFA_EU), company("深圳市易络电子有限公司")),
    (company(YILUFA_EU), company("Shenzhen Bailiansheng Electronic Technology Co., Ltd.")),
    (company("Shenzhen Biguang Trading Co. Ltd"), company(YILUFA_HAN)),
    (company(YILUFA_HAN), company("深圳市佰联升电子科技有限公司")),
    # parent and import-export subsidiary (EU 269 Annex I #561 / #562)
    (company("General Technology Group Dalian Machine Tool Co., Ltd"),
     company("通用技术集团大连机床进出口有限公司")),
    # numbered institutes of one group
    (company("China Electronics Technology Group Corporation 14th Research Institute"),
     company("China Electronics Technology Group Corporation 38th Research Institute")),
    # a person swapped into a listed name
    (person("KARIMOV Muhammad Ahmad"), person("KARIMOV, Muhammad Yusuf")),
    # constructed: a brand that does not sound like the word (滙豐 wui fung)
    (company("Wellgo International Industrial Limited"), company("滙豐國際實業有限公司")),
    # constructed: initials and meanings that do not fit the brand
    (company("MK Technology Co. Ltd."), company("碼可科技有限公司")),  # two letters only
    (company("MKPL Technology HK Co. Ltd."), company("碼可科技(香港)有限公司")),
    (company("M Star International Trading Company Limited"),
     company("美光國際貿易有限公司")),  # 光 is "light", not "star"
    (company("Chipgoo Electronics Limited"), company("芯片電子有限公司")),  # goo / pian
    # constructed: a near meaning for one character does not carry the other
    (company("Link Asia Electronics Limited"), company("香港通美電子有限公司")),  # 美 not Asia
    (company("Star Link Technology Limited"), company("星美科技有限公司")),  # 美 not link
    # constructed: the lower sound floor needs a character rendered by meaning
    (company("Conti-Far Logistics Co. Ltd."), company("康澤近國際物流(香港)有限公司")),  # near
    (company("Conti Logistics Co. Ltd."), company("康澤國際物流(香港)有限公司")),
    # a two-letter abbreviation before the brand is the name's own, not a misspelt legal
    # form ("EC" of Energocenter Irkut, Ukraine's war-sanctions list; Irkut, EU 269)
    (company("LLC EC IRKUT"), company("JSC Irkut Corporation")),
    # constructed: an English word's loose sound needs another distinctive word matched
    # (技术 "technology" is a generic word) and a sound near enough (和平 he ping)
    (company("Head Technology Co. Ltd."), company("北京和德技术有限公司")),
    (company("China Head Aerospace Group"), company("北京和平宇航技术有限公司")),
]

# Pairs that must not match although a feature fires, with the note it must give.
NEAR_MISSES = [
    # one letter off on the only distinctive word, and different industries
    (company("Sinno Electronics Limited"), company("SINO MACHINERY CO., LTD"),
     "name_fuzzy", "different industries"),
    # the one distinctive word in common is an everyday word, and words are left over
    (company("Sinno Electronics"), company("Sino IC Technology Co., Ltd."),
     "name_fuzzy", "one everyday word in common"),
    (company("Alpha Trading Investments"), company("Alpha LLC"),
     "name_fuzzy", "one everyday word in common"),
    (company("Alpha Trading Investments"), company("ALPHA TECH TRADING FZE"),
     "name_fuzzy", "one everyday word in common"),
]

# Short words of organisations that only fold alike (OFAC SDN "AUC" / BIS "AOOK
# Technology Limited"; OFSI "PASC" / OFAC "PASK"; ssb's "FARk" for "FARC"): a hit screening
# shows, below what resolution merges at even with an address in common (+0.05).
ACRONYMS = [
    (company("AOOK"), company("AUC")),
    (company("PASC"), company("PASK")),
    (company("FARk"), company("FARC")),
]

# Two plants of one town in different trades (OFSI / EU 269 Annex I): a hit screening
# shows, below the score resolution merges at (``resolve.RESOLVE_THRESHOLD``).
SISTER_FIRMS = [
    (company("JSC Arzamas Machine-Building Plant"),
     company("Arzamas Instrument-Building Plant")),
    (company("JOINT STOCK COMPANY ARZAMAS MACHINE BUILDING PLANT"),
     company("Joint Stock Company Arzamas Instrument-Making Plant named after P.I. Plandin")),
]

# The everyday-word rule leaves these alone: coined words, several everyday words, or
# nothing left over.
EVERYDAY_KEPT = [
    (company("Huawei Technologies"), company("Huawei Technologies Bahrain")),
    (company("Golden Star"), company("Golden Star Shipping LLC")),
    (company("Alpha Trading Investments"), company("ALPHA TRADING INVESTMENTS CO")),
    # only a word of shape left over
    (company("China General Nuclear Power Group"),
     company("CHINA GENERAL NUCLEAR POWER CORPORATION")),
    # several everyday words together are rare enough
    (company("LLC Charter Green Light"),
     company("LIMITED LIABILITY COMPANY CHARTER GREEN LIGHT MOSCOW")),
]


@pytest.mark.parametrize(("query", "candidate", "feature"), MATCHES)
def test_matches(query: MatchSubject, candidate: MatchSubject, feature: str) -> None:
    result = compare(query, candidate)
    fired = {hit.feature for hit in result.hits}
    assert result.is_match, (result.score, result.explanation())
    assert feature in fired, result.explanation()


@pytest.mark.parametrize(("query", "candidate"), NON_MATCHES)
def test_non_matches(query: MatchSubject, candidate: MatchSubject) -> None:
    result = compare(query, candidate)
    assert not result.is_match, (result.score, result.explanation())


@pytest.mark.parametrize(("query", "candidate", "feature", "note"), NEAR_MISSES)
def test_near_misses(query: MatchSubject, candidate: MatchSubject, feature: str,
                     note: str) -> None:
    result = compare(query, candidate)
    assert not result.is_match, (result.score, result.explanation())
    hit = next(h for h in result.hits if h.feature == feature)
    assert note in hit.detail
    assert result.score > 0.6  # close: the brand alone would have matched


@pytest.mark.parametrize(("query", "candidate"), SISTER_FIRMS)
def test_sister_firms(query: MatchSubject, candidate: MatchSubject) -> None:
    result = compare(query, candidate)
    assert "different industries" in result.explanation()[0], result.explanation()
    assert result.score < RESOLVE_THRESHOLD


@pytest.mark.parametrize(("query", "candidate"), ACRONYMS)
def test_acronyms_that_fold_alike(query: MatchSubject, candidate: MatchSubject) -> None:
    result = compare(query, candidate)
    assert result.is_match, result.explanation()
    assert result.score + 0.05 < RESOLVE_THRESHOLD  # an address in common adds 0.05


def test_a_short_word_of_a_person_name_folds_as_any_word() -> None:
    # The acronym cap is for organisations: "Aly" is "Ali" (constructed)
    assert compare(person("Aly Hassan"), person("Ali Hassan")).score >= 0.9


@pytest.mark.parametrize(("query", "candidate"), EVERYDAY_KEPT)
def test_everyday_rule_keeps(query: MatchSubject, candidate: MatchSubject) -> None:
    result = compare(query, candidate)
    assert result.is_match, (result.score, result.explanation())


def test_explanation_names_feature_values_and_names() -> None:
    result = compare(company("深圳蓝帽国际贸易有限公司"),
                     company("Shenzhen Blue Hat International Trade Co., Ltd."))
    assert result.explanation()[0] == (
        "name_chinese_meaning: 深圳蓝帽国际贸易有限公司 ~ "
        "Shenzhen Blue Hat International Trade Co., Ltd. (1.00)"
    )


def test_generic_only_overlap_is_explained() -> None:
    result = compare(company("Shenzhen Biguang Trading Co. Ltd"), company(YILUFA_HAN))
    assert result.score < 0.2
    assert any("only generic words or places" in line for line in result.explanation())


def test_identifier_conflict() -> None:
    other = Identifier("uscc", "91110117663725176G", "cn")  # another firm's (OFAC SDN)
    result = compare(company(YILUFA_EU, identifiers=[YILUFA_USCC]),
                     company(YILUFA_EU_ALIAS, identifiers=[other]))
    assert "identifier_conflict" in {h.feature for h in result.hits}
    assert not result.is_match


def test_schema_mismatch() -> None:
    result = compare(person("Radioavtomatika"), company("Radioavtomatika LLC"))
    assert "schema_mismatch" in {h.feature for h in result.hits}
    assert not result.is_match


def test_birth_date_conflict() -> None:
    result = compare(person("KARIMOV, Muhammad Yusuf", birth_dates=["1962-04-14"]),
                     person("Muhammad Yusuf KARIMOV", birth_dates=["1975"]))
    assert "birth_date_conflict" in {h.feature for h in result.hits}
    assert not result.is_match
    same = compare(person("KARIMOV, Muhammad Yusuf", birth_dates=["1962-04-14"]),
                   person("Muhammad Yusuf KARIMOV", birth_dates=["1962"]))
    assert same.is_match


def test_countries() -> None:
    cn_hk = compare(company(YILUFA_EU, countries=["cn"]), company(YILUFA_OFAC, countries=["hk"]))
    assert "country_cn_hk" in {h.feature for h in cn_hk.hits}
    assert cn_hk.score == 1.0
    apart = compare(company(YILUFA_EU, countries=["cn"]), company(YILUFA_OFAC, countries=["ru"]))
    assert "country_conflict" in {h.feature for h in apart.hits}
    assert apart.score == pytest.approx(0.9)


def test_address_overlap() -> None:
    a = company(YILUFA_EU, addresses=["Flat 419, 4/F, Block B, Sheung Shui Plaza, 3, Ka Fu Close"])
    b = company(YILUFA_HAN, addresses=["Sheung Shui Plaza, Ka Fu Close, Sheung Shui, NT"])
    assert "address_overlap" in {h.feature for h in compare(a, b).hits}


def test_score_many_agrees_with_compare() -> None:
    query = prepare(company(YILUFA_EU))
    candidates = [prepare(q) for q, _, _ in MATCHES] + [prepare(q) for q, _ in NON_MATCHES]
    scores = score_many(query, candidates)
    assert scores == [compare(query, c).score for c in candidates]
    floored = score_many(query, candidates, floor=DEFAULT_THRESHOLD)
    assert floored == [s if s >= DEFAULT_THRESHOLD else 0.0 for s in scores]


def test_features_are_documented() -> None:
    names = [f.name for f in FEATURES]
    assert len(names) == len(set(names))
    for feature in FEATURES:
        assert len(feature.doc) > 30, feature.name


def test_blocking_keys_meet_across_scripts() -> None:
    latin = blocking_keys(prepare(company(YILUFA_EU, identifiers=[YILUFA_USCC])))
    han = blocking_keys(prepare(company(YILUFA_HAN)))
    assert "t:ilufa" in latin & han  # phonetic fold of "yilufa"
    assert "id:uscc:91440300769188559R" in latin
    assert not any("electronic" in key or "shenzhen" in key for key in latin | han)
    spaced = blocking_keys(prepare(company("Hua Xin Shipping")))
    joined = blocking_keys(prepare(company("Huaxin Shipping")))
    assert spaced & joined


def test_index_screens_across_scripts() -> None:
    subjects = [prepare(s) for s in (
        company(YILUFA_HAN), company("深圳市易络电子有限公司"),
        company("Shenzhen Bailiansheng Electronic Technology Co., Ltd."),
        company("Radioavtomatika"), person("李晓翠"), company(YILUFA_EU),
    )]
    index = NameIndex(subjects)
    hits = index.screen(prepare(company("Yilufa Electronics Limited")))
    assert sorted(i for i, _ in hits) == [0, 5]
    hits = index.screen(prepare(company("Yilvfa Electronics")))  # a typo
    assert [i for i, _ in hits] == [5]
    hits = index.screen(prepare(person("Li Xiaocui")))
    assert [i for i, _ in hits] == [4]
    assert (0, 5) in index.pairs()
    assert (0, 1) not in index.pairs()


def test_from_party() -> None:
    party = Party("Company", YILUFA_EU, aliases=[YILUFA_HAN], countries=["cn", "hk"],
                  identifiers=[YILUFA_USCC])
    subject = MatchSubject.from_party(party, key="eu_833_annex_iv:605")
    assert subject.names == [YILUFA_EU, YILUFA_HAN]
    assert compare(subject, company(YILUFA_OFAC)).is_match
