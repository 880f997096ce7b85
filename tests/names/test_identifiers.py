"""Identifier validation, normalisation and extraction, with values from the real lists."""

from __future__ import annotations

import pytest

from sanctiongap.model import Identifier
from sanctiongap.names.identifiers import (
    compact,
    detect_kind,
    extract_identifiers,
    is_valid,
    normalise_identifier,
)

# (kind, value, where it is printed)
REAL = [
    ("uscc", "91440300769188559R", "Yilufa Electronics: EU 833 Annex IV #605, OFAC SDN 47700"),
    ("inn", "7704730655", "JSC Sirius: EU 833 Annex IV #1"),
    ("inn", "7825064262", "АО Ленпромтранспроект: EU 269"),
    ("inn", "7725824287", "Radioavtomatika LLC: OFAC SDN 35348"),
    ("ogrn", "1027809210054", "АО Ленпромтранспроект: EU 269"),
    ("ogrn", "1147746803049", "OFAC SDN 2024-05-03"),
    ("lei", "6556009FCJ7O8QPFTC19", "Yangzhou Yangjie Electronic Technology: EU 269"),
    ("lei", "984500SAI1E9CB88DC54", "Alghaf Marine DMCC: EU 269"),
    ("imo", "9179842", "Angara: EU 833"),
    ("imo", "7406784", "OFAC SDN 2024-05-03"),
]


@pytest.mark.parametrize(("kind", "value", "source"), REAL)
def test_real_identifiers_validate(kind: str, value: str, source: str) -> None:
    assert is_valid(kind, value), source


def _break(value: str) -> str:
    """The value with its last character changed."""
    last = value[-1]
    return value[:-1] + ("1" if last != "1" else "2")


@pytest.mark.parametrize(("kind", "value", "source"), REAL)
def test_wrong_check_digit_fails(kind: str, value: str, source: str) -> None:
    assert not is_valid(kind, _break(value)), source


def test_wrong_lengths_fail() -> None:
    assert not is_valid("uscc", "91440300769188559")  # 17 characters
    assert not is_valid("inn", "77047306")
    assert not is_valid("ogrn", "10278092100")
    assert not is_valid("registration", "1401029")  # not a validated kind


def test_normalise_relabels_by_check_digits() -> None:
    # The EU files a USCC under "registration"; its check character says what it is.
    key = normalise_identifier(Identifier("registration", "91440300769188559R"))
    assert key is not None
    assert (key.kind, key.value, key.valid) == ("uscc", "91440300769188559R", True)
    key = normalise_identifier(Identifier("tax", "7704730655", "ru"))
    assert key is not None and key.kind == "inn"
    key = normalise_identifier(Identifier("registration", "1 121 402 000 213"))
    assert key is not None and (key.kind, key.value) == ("ogrn", "1121402000213")
    key = normalise_identifier(Identifier("imo", "IMO 9179842"))
    assert key is not None and key.key == "imo:9179842"


def test_unvalidated_kinds_are_keyed_by_country() -> None:
    key = normalise_identifier(Identifier("registration", "1401029", "hk"))
    assert key is not None
    assert key.key == "registration:hk:1401029"
    assert not key.valid


def test_detect_kind() -> None:
    assert detect_kind("91440300769188559R") == "uscc"
    assert detect_kind("6556009FCJ7O8QPFTC19") == "lei"
    assert detect_kind("1027809210054") == "ogrn"
    assert detect_kind("7704730655", "ru") == "inn"
    assert detect_kind("7704730655", "cn") is None  # an INN is Russian
    assert detect_kind("1401029") is None


def test_compact() -> None:
    assert compact(" 1 121-402.000 213 ") == "1121402000213"


def test_extract_from_ofac_remarks() -> None:
    # OFAC SDN 38641 (SINNO ELECTRONICS CO., LIMITED), 2023-12-28
    text = ("Organization Established Date 11 Dec 2009; Registration Number 1401029 "
            "(Hong Kong); Linked To: RADIOAVTOMATIKA LLC.")
    found = extract_identifiers(text)
    assert [(i.kind, i.value, i.country) for i in found] == [("registration", "1401029", "hk")]


def test_extract_from_ofac_remarks_several_kinds() -> None:
    text = ("Unified Social Credit Code (USCC) 91440300769188559R (China); Tax ID No. "
            "7718989383 (Russia); Registration Number 1147746803049 (Russia); IMO 7406784.")
    found = [(i.kind, i.value, i.country) for i in extract_identifiers(text)]
    assert found == [
        ("uscc", "91440300769188559R", "cn"),
        ("tax", "7718989383", "ru"),
        ("registration", "1147746803049", "ru"),
        ("imo", "7406784", None),
    ]
    keys = [normalise_identifier(i) for i in extract_identifiers(text)]
    assert [k.kind for k in keys if k is not None] == ["uscc", "inn", "ogrn", "imo"]


def test_extract_from_eu_cells() -> None:
    # EU 833 Annex IV #605 registrationNumber cell
    found = extract_identifiers("91440300769188559R (USCC); 0868520 (CR No.)")
    assert [(i.kind, i.value) for i in found] == [
        ("uscc", "91440300769188559R"),
        ("registration", "0868520"),
    ]
    assert [(i.kind, i.value) for i in extract_identifiers("7704730655 (Tax ID/INN)")] == [
        ("inn", "7704730655")
    ]
    assert [(i.kind, i.value) for i in extract_identifiers("CR No. 2687207")] == [
        ("registration", "2687207")
    ]


def test_label_without_number_is_skipped() -> None:
    assert [(i.kind, i.value) for i in extract_identifiers("Company Number IMO 9179842.")] == [
        ("imo", "9179842")
    ]
    assert extract_identifiers("Registration Number unknown") == []
