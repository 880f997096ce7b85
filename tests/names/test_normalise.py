"""Latin-script normalisation: cleaning, homoglyphs, legal forms, transliteration, kinds."""

from __future__ import annotations

import pytest

from sanctiongap.names.normalise import (
    ascii_words,
    clean_text,
    company_words,
    fix_homoglyphs,
    latin_forms,
    transliterate,
    vocab_word,
)
from sanctiongap.names.tokens import Kind


def texts(name: str, person: bool = False) -> list[str]:
    return [t.text for t in latin_forms(name, person=person)[0].tokens]


def kinds(name: str) -> dict[str, Kind]:
    return {t.text: t.kind for t in latin_forms(name)[0].tokens}


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("Muh\u200bammad\u2060 Yusuf", "Muhammad Yusuf"),  # zero-width space, word joiner
        ("Ｆｕｌｌ　Ｗｉｄｔｈ", "Full Width"),  # full-width letters and space
        ("Karimov\u00a0 \u00adYusuf", "Karimov Yusuf"),  # no-break space, soft hyphen
        ("Line\x00Break", "Line Break"),
    ],
)
def test_clean_text(raw: str, clean: str) -> None:
    assert clean_text(raw) == clean


@pytest.mark.parametrize(
    ("raw", "fixed"),
    [
        ("Muhаmmаd", "Muhammad"),  # Cyrillic а inside a Latin word
        ("КАRIМОV Yusuf", "KARIMOV Yusuf"),  # mixed-script word
        ("Osama Јаbеr", "Osama Jaber"),
        ("Радиоавтоматика", "Радиоавтоматика"),  # a real Cyrillic word stays
    ],
)
def test_fix_homoglyphs(raw: str, fixed: str) -> None:
    assert fix_homoglyphs(raw) == fixed


def test_transliteration_of_cyrillic() -> None:
    assert transliterate("Радиоавтоматика") == "Radioavtomatika"
    assert texts('ООО "Радиоавтоматика"') == ["radioavtomatika"]
    assert latin_forms("ООО «Радиоавтоматика»")[0].label == "translit"
    assert latin_forms("Radioavtomatika LLC")[0].label == "latin"


@pytest.mark.parametrize(
    "name",
    [
        "Yilufa Electronics Ltd.",
        "Yilufa Electronics Limited",
        "YILUFA ELECTRONICS LIMITED",
        "Yilufa Electronics Co., Ltd.",
        "Yilufa Electronics LLC",
        "Yilufa Electronics GmbH",
        "Yilufa Electronics JSC",
        "ООО Yilufa Electronics",
        "АО Yilufa Electronics",
        "Yilufa Electronics Corporation",
    ],
)
def test_legal_forms_are_dropped(name: str) -> None:
    assert texts(name) == ["yilufa", "electronic"]


def test_generic_words_and_places_are_marked() -> None:
    found = kinds("Shenzhen Blue Hat International Trading Co., Ltd.")
    assert found == {
        "shenzhen": Kind.PLACE,
        "blue": Kind.CORE,
        "hat": Kind.CORE,
        "international": Kind.GENERIC,
        "trade": Kind.GENERIC,
    }


def test_hong_kong_is_one_word() -> None:
    assert ascii_words("Kaili Industrial HK") == ["kaili", "industry", "hongkong"]
    assert ascii_words("Kaili Industrial Hong Kong") == ["kaili", "industry", "hongkong"]


def test_persons_keep_every_word() -> None:
    # "Trading" is a generic company word, but in a person's name it is a name.
    assert texts("Dr. Trading Limited", person=True) == ["dr", "trading", "limited"]


def test_bracketed_part_gives_a_second_form() -> None:
    forms = latin_forms("Changsha Tianyi Space Science and Technology Research (SpaceTy)")
    assert len(forms) == 2
    assert "spacety" in [t.text for t in forms[0].tokens]
    assert "spacety" not in [t.text for t in forms[1].tokens]


@pytest.mark.parametrize(
    ("word", "meant"),
    [
        ("kompany", "company"),  # phonetic respelling
        ("cornpany", "company"),  # OCR rn/m
        ("tradint", "trade"),  # keyboard typo
        ("cmpny", "company"),  # vowels dropped
        ("technolgy", "technology"),
        ("yilufa", "yilufa"),  # a distinctive word is left alone
        ("tradex", "tradex"),  # too short to be corrected by an edit
    ],
)
def test_misspelt_company_words(word: str, meant: str) -> None:
    assert vocab_word(word) == meant


@pytest.mark.parametrize(
    ("words", "last"),
    [
        (["bravery", "maritime", "cor"], "corp"),  # cut short by a field limit
        (["acme", "trad"], "trade"),
        (["aviation", "engine"], "engine"),  # a word of its own, not "engineer" cut
        (["one", "world"], "world"),  # not "worldwide"
    ],
)
def test_last_word_cut_short(words: list[str], last: str) -> None:
    assert company_words(words)[-1] == last
