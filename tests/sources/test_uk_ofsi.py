"""OFSI Consolidated List xlsx parser, on a real row slice (16 groups, 43 rows)."""

from __future__ import annotations

import hashlib
import io
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook, load_workbook

from sanctiongap.errors import SourceError
from sanctiongap.model import DateBasis, SourceRecord
from sanctiongap.sources.base import ParseContext, SourceFile
from sanctiongap.sources.uk_ofsi import parse_ofsi, sniff_ofsi

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
SLICE = FIXTURES / "uk" / "UK_Sanctions_List_slice.xlsx"


def _src(data: bytes) -> SourceFile:
    return SourceFile(Path("ofsi.xlsx"), "ofsi.xlsx", data, hashlib.sha256(data).hexdigest())


def _parse(data: bytes, ctx: ParseContext | None = None) -> list[SourceRecord]:
    return list(parse_ofsi([_src(data)], ctx or ParseContext(None)))


def _rows() -> list[list[Any]]:
    sheet = load_workbook(SLICE, read_only=True).worksheets[0]
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def _xlsx(rows: list[list[Any]]) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@pytest.fixture(scope="module")
def records() -> dict[str, SourceRecord]:
    out = list(parse_ofsi([SourceFile.read(SLICE)], ParseContext(None)))
    return {r.provenance.record_id: r for r in out}


def test_one_record_per_group(records: dict[str, SourceRecord]) -> None:
    assert len(records) == 16
    assert {r.designation.list_id for r in records.values()} == {"uk_ofsi"}
    # No snapshot date in the context: the title row's "Last Updated 10/04/2025".
    assert {r.provenance.snapshot_date for r in records.values()} == {date(2025, 4, 10)}
    syria = records["12431"]  # two names x three addresses = six rows
    assert syria.party.name == "HANDASIEH ORGANIZATION FOR ENGINEERING INDUSTRIES"
    assert syria.party.aliases == ["(GENERAL) ORGANIZATION FOR ENGINEERING INDUSTRIES"]
    assert len(syria.party.addresses) == 3
    assert syria.party.schema == "Organization"


def test_hong_kong_entity_under_russia_regime(records: dict[str, SourceRecord]) -> None:
    ace = records["16821"]
    assert ace.party.schema == "Company"
    assert ace.party.name == "ACE ELECTRONIC HK CO., LIMITED"
    assert ace.party.countries == ["hk"]  # Country column says "China"
    assert ace.designation.program == "Russia"
    assert ace.designation.russia_related
    assert ace.designation.listing_date == date(2025, 2, 24)
    assert ace.designation.date_basis is DateBasis.STATED
    refs = {(i.kind, i.value, i.note) for i in ace.party.identifiers}
    assert ("other", "RUS2466", "UK Sanctions List Ref") in refs
    assert ("registration", "2756979", "CR") in refs
    assert ace.party.phones == ["+852 2638 7801", "+86-755-2512-4873"]
    assert "trust services" in ace.designation.measures
    assert ace.provenance.line == 14


def test_chinese_names_and_mixed_countries(records: dict[str, SourceRecord]) -> None:
    autel = records["16643"]
    assert autel.party.countries == ["cn"]
    assert "道通机器人有限公司" in autel.party.aliases
    assert "non-Latin name (Chinese, Chinese): 道通机器人有限公司" in autel.party.notes
    assert records["16526"].party.aliases == ["香港恒邦微電子有限公司"]
    assert records["16259"].party.countries == ["cn", "hk"]


def test_missing_primary_name_warns(records: dict[str, SourceRecord]) -> None:
    ctx = ParseContext(None)
    list(parse_ofsi([SourceFile.read(SLICE)], ctx))
    assert [w for w in ctx.warnings if "group 16789" in w]
    assert records["16789"].party.name == "PREMERA (H.K.) INTERNATIONAL CO, LIMITED"
    assert records["16601"].party.schema == "Organization"
    assert not records["16601"].designation.russia_related  # Chemical Weapons regime


def test_person_with_cyrillic_name(records: dict[str, SourceRecord]) -> None:
    person = records["14212"]
    assert person.party.schema == "Person"
    assert person.party.name == "Roman Arkadyevich ABRAMOVICH"
    assert "Роман Аркадьевич АБРАМОВИЧ" in person.party.aliases
    assert person.party.birth_dates == ["1966-10-24"]
    assert person.party.countries == ["ru", "il", "pt"]
    passports = [(i.value, i.country) for i in person.party.identifiers if i.kind == "passport"]
    assert passports == [("CB982788", "pt"), ("24132276", "il")]
    kirov = records["16754"]
    assert {(i.kind, i.value, i.country) for i in kirov.party.identifiers} >= {
        ("inn", "7805060301", "ru"), ("ogrn", "1027802714444", "ru")}


def test_other_regimes(records: dict[str, SourceRecord]) -> None:
    mithoo = records["15672"]
    assert not mithoo.designation.russia_related
    assert mithoo.designation.russia_rule == "not Russia-related: UK regime Global Human Rights"
    hlaing = records["13897"]  # one group, two regimes: earliest Listed On wins
    assert set(hlaing.designation.program.split("; ")) == {"Myanmar", "Global Human Rights"}
    assert hlaing.designation.listing_date == date(2020, 7, 6)
    ship = records["13656"]
    assert ship.party.schema == "Vessel"
    assert ("imo", "8660313") in {(i.kind, i.value) for i in ship.party.identifiers}


def test_context_snapshot_date_wins() -> None:
    out = list(parse_ofsi([SourceFile.read(SLICE)], ParseContext(date(2025, 4, 11))))
    assert out[0].provenance.snapshot_date == date(2025, 4, 11)


def test_unknown_column_warns_once() -> None:
    rows = _rows()
    rows[1] = [*rows[1], "Sanctions Imposed"]
    rows[2:] = [[*row, "Asset freeze"] for row in rows[2:]]
    ctx = ParseContext(None)
    assert len(_parse(_xlsx(rows), ctx)) == 16
    assert len([w for w in ctx.warnings if "Sanctions Imposed" in w]) == 1


def test_missing_column_is_an_error() -> None:
    rows = _rows()
    col = rows[1].index("Regime")
    rows = [row[:col] + row[col + 1:] for row in rows]
    with pytest.raises(SourceError, match="Regime"):
        _parse(_xlsx(rows))


def test_missing_header_is_an_error() -> None:
    with pytest.raises(SourceError, match="header"):
        _parse(_xlsx([["Last Updated", "10/04/2025"], ["just", "some", "cells"]]))


def test_row_without_group_id_is_skipped_with_warning() -> None:
    rows = _rows()
    rows[2][rows[1].index("Group ID")] = None
    ctx = ParseContext(None)
    _parse(_xlsx(rows), ctx)
    assert any("row 3: no Group ID" in w for w in ctx.warnings)


def test_not_a_workbook_and_truncated(tmp_path: Path) -> None:
    with pytest.raises(SourceError, match="not a readable xlsx"):
        _parse(b"Name 6,Group ID\nX,1\n")
    data = SLICE.read_bytes()
    with pytest.raises(SourceError, match=r"ofsi\.xlsx"):
        _parse(data[: len(data) // 2])
    empty = tmp_path / "empty.xlsx"
    empty.write_bytes(b"")
    with pytest.raises(SourceError, match="empty"):
        SourceFile.read(empty)


def test_sniff_is_specific(tmp_path: Path) -> None:
    assert sniff_ofsi(SLICE, SLICE.read_bytes()[:8192])
    other = tmp_path / "other.xlsx"
    other.write_bytes(_xlsx([["a", "b"], [1, 2]]))
    assert not sniff_ofsi(other, other.read_bytes()[:8192])
    fcdo = FIXTURES / "uk" / "fcdo_sample_2026-09-10.xml"
    assert not sniff_ofsi(fcdo, fcdo.read_bytes()[:8192])
