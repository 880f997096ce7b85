"""EU regulation CSV parser, on real slices of 32014R0833.csv and 32014R0269.csv."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from sanctiongap.errors import SourceError
from sanctiongap.model import DateBasis, SourceRecord
from sanctiongap.sources.base import ParseContext, SourceFile
from sanctiongap.sources.eu_csv import PARSERS, parse
from sanctiongap.sources.eu_text import (
    drop_so_called,
    parse_identifiers,
    split_names,
    split_primary,
)

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "eu"
EU_833 = FIXTURES / "32014R0833.csv"
EU_269 = FIXTURES / "32014R0269.csv"
SNAPSHOT = date(2026, 7, 17)
PARSER = PARSERS[0]
CJK = range(0x4E00, 0xA000)


def _parse(path: Path, ctx: ParseContext | None = None) -> list[SourceRecord]:
    return list(parse([SourceFile.read(path)], ctx or ParseContext(snapshot_date=SNAPSHOT)))


@pytest.fixture(scope="module")
def r833() -> list[SourceRecord]:
    return _parse(EU_833)


@pytest.fixture(scope="module")
def r269() -> list[SourceRecord]:
    return _parse(EU_269)


def _one(records: list[SourceRecord], name: str) -> SourceRecord:
    hits = [r for r in records if r.party.name == name]
    assert len(hits) == 1, name
    return hits[0]


def _write(tmp_path: Path, data: bytes, name: str = "32014R0833.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_tordan_industry_on_annex_iv_since_2023_06_23(r833: list[SourceRecord]) -> None:
    tordan = _one(r833, "Tordan Industry Limited")
    assert tordan.designation.list_id == "eu_833_annex_iv"
    assert tordan.designation.program == "EU 833/2014 Annex IV"
    assert tordan.designation.listing_date == date(2023, 6, 23)
    assert tordan.designation.date_basis == DateBasis.STATED
    assert tordan.party.countries == ["hk"]
    [cr] = tordan.party.identifiers
    assert (cr.kind, cr.value, cr.note) == ("registration", "2687207", "CR No.")
    assert tordan.designation.russia_related
    assert "833/2014" in tordan.designation.russia_rule
    assert "Annex IV" in tordan.designation.russia_rule
    assert tordan.provenance.record_id == "32014R0833:IV:480"
    assert tordan.provenance.snapshot_date == SNAPSHOT
    assert tordan.designation.measures == ["Export control"]


def test_dalian_machine_tool_entries_on_269_since_2025_05_20(r269: list[SourceRecord]) -> None:
    dalian = [r for r in r269 if "Dalian Machine Tool" in r.party.name]
    assert len(dalian) == 2
    for record in dalian:
        assert record.designation.list_id == "eu_269_annex_i"
        assert record.designation.program == "EU 269/2014 Annex I"
        assert record.designation.listing_date == date(2025, 5, 20)
        assert record.party.countries == ["cn"]
        assert record.designation.russia_related
        assert record.designation.reason
        assert record.designation.measures == ["Asset freeze"]
    main = _one(r269, "General Technology Group Dalian Machine Tool Co., Ltd")
    assert main.party.aliases[0] == "通用技术集团大连机床有限责任公司"
    assert "Chinese:" not in main.party.aliases and "Text of image" not in main.party.aliases
    assert [(i.kind, i.value) for i in main.party.identifiers] == [
        ("uscc", "91210213MA0YKTWE4K")]


def test_annex_iv_chinese_entries_keep_cjk_aliases(r833: list[SourceRecord]) -> None:
    chinese = [r for r in r833 if r.designation.list_id == "eu_833_annex_iv"
               and any(ord(ch) in CJK for a in r.party.aliases for ch in a)]
    assert len(chinese) >= 15
    biguang = _one(r833, "Shenzhen Biguang Trading Co. Ltd")
    assert biguang.party.aliases == ["深圳市比广贸易有限公司"]
    assert biguang.party.countries == ["cn"]
    assert biguang.party.identifiers[0].kind == "uscc"
    qisu = _one(r833, "Hong Kong Qisu Electronic Technology Co. Ltd.")
    assert "香港旗速電子有限公司" in qisu.party.aliases
    assert "深圳旗速电子科技有限公司" in qisu.party.aliases
    assert set(qisu.party.countries) == {"cn", "hk"}
    # "Hongkong, People's Republic of China" stays Hong Kong
    assert _one(r833, "MKPL Technology HK Co. Ltd.").party.countries == ["hk"]
    # jurisdiction column
    assert "hk" in _one(r833, "Align Trading Company Limited").party.countries


def test_russian_annex_iv_entry(r833: list[SourceRecord]) -> None:
    sirius = _one(r833, "JSC Sirius")
    assert sirius.designation.listing_date == date(2014, 9, 12)
    assert sirius.party.countries == ["ru"]
    assert sirius.party.aliases[0].startswith("Открытое Акционерное Общество")
    [inn] = sirius.party.identifiers
    assert (inn.kind, inn.value, inn.note) == ("inn", "7704730655", "Tax ID/INN")
    assert sirius.party.websites == ["www.con-sirius.ru", "http://rostec.ru/about/company/341"]


def test_other_annexes_and_rows_without_record_id(r833: list[SourceRecord]) -> None:
    sber = _one(r833, "SBERBANK")
    assert sber.designation.list_id == "eu_833_other"
    assert sber.designation.program == "EU 833/2014 Annex III"
    assert sber.designation.listing_date is None
    assert sber.designation.date_basis == DateBasis.UNKNOWN
    angara = _one(r833, "Angara")
    assert angara.party.schema == "Vessel"
    assert [(i.kind, i.value) for i in angara.party.identifiers] == [("imo", "9179842")]
    tbank = _one(r833, "T-bank")  # "9 August 2025" written out
    assert tbank.designation.listing_date == date(2025, 8, 9)
    assert tbank.provenance.record_id.startswith("32014R0833:XIV:name-")
    keys = [r.key for r in r833]
    assert len(keys) == len(set(keys))


def test_assets_are_skipped_with_a_warning() -> None:
    ctx = ParseContext(snapshot_date=SNAPSHOT)
    records = _parse(EU_833, ctx)
    assert not any(r.party.name in ("Astrakhan", "A7A5") for r in records)
    assert any("'Astrakhan'" in w and "line 32" in w for w in ctx.warnings)
    assert len(records) == 30


def test_transcription_labels_are_not_names(r269: list[SourceRecord]) -> None:
    li = _one(r269, "Li XIAOCUI")
    assert li.party.aliases[:2] == ["李晓翠", "Cофья ЛИ"]
    assert not any(a.endswith(":") or a == "Text of image" for r in r269
                   for a in r.party.aliases)
    naumenko = _one(r269, "Aleksandr Viktorovich NAUMENKO")
    assert naumenko.party.aliases == ["Александр Викторович НАУМЕНКО"]
    tatur = _one(r269, "Vladimir Bronislavovich TATUR")
    assert tatur.party.aliases == ["Владимир Брониславович ТАТУР"]
    assert "Lesya TARASYUK" in _one(r269, "Lesya Mikhaylovna LAPTEVA").party.aliases
    assert _one(r269, "Sichuan AEE").party.aliases[1] == "AEE"
    assert "Iван Сергійович КУСОВ" in _one(r269, "Ivan Sergeevich KUSOV").party.aliases
    assert "김영복" in _one(r269, "KIM Yong Bok").party.aliases
    assert _one(r269, "KIM Yong Bok").party.countries == ["kp"]


def test_so_called_is_a_qualifier_not_a_name(r269: list[SourceRecord]) -> None:
    # "So-called ‘Luhansk People’s Republic’" (Annex I entities #3)
    lnr = _one(r269, "Luhansk People’s Republic")
    assert lnr.party.aliases[0] == "So-called ‘Luhansk People’s Republic’"
    assert "‘Луганская народная республика’ (ЛНР)" in lnr.party.aliases
    # #10: the name cell says only "So-called"; the name is in the alias cell
    militia = _one(r269, "Donbas People's Militia")
    assert militia.provenance.record_id.endswith(":10")
    assert militia.party.aliases[0] == "So-called ‘Donbas People's Militia’"
    assert not any(r.party.name == "So-called" for r in r269)
    # #9 of the same annex writes it without the hyphen
    assert drop_so_called("So called", ["‘Army of the Southeast’", "‘Армии Юго-Востока’"]) == (
        "Army of the Southeast", ["So called ‘Army of the Southeast’", "‘Армии Юго-Востока’"])
    assert drop_so_called("Socalled Trading", []) == ("Socalled Trading", [])


def test_persons_and_identifiers(r269: list[SourceRecord]) -> None:
    aksyonov = _one(r269, "Sergey Valeryevich AKSYONOV")
    assert aksyonov.party.schema == "Person"
    assert aksyonov.party.birth_dates == ["1972-11-26"]
    assert "Сергей Валерьевич АКСЁНОВ" in aksyonov.party.aliases
    anosov = _one(r269, "Viktor Yuryevich ANOSOV")
    assert set(anosov.party.countries) == {"ua", "ru"}
    assert ("national_id", "68 13 814996", "ru") in [
        (i.kind, i.value, i.country) for i in anosov.party.identifiers]
    hesa = _one(r269, "Iran Aircraft Manufacturing Industries Corporation (HESA)")
    assert hesa.provenance.record_id == "32014R0269:I.ENTITIES:174a"
    night = _one(r269, "Nightwolves MC")
    assert night.designation.listing_date is None
    chinaoil = _one(r269, "Chinaoil (Hong Kong) Corporation Limited")
    assert chinaoil.party.countries == ["hk"]


def test_cell_helpers() -> None:
    assert split_names("Chinese:; Text of image; 李晓翠; Sophia Li") == ["李晓翠", "Sophia Li"]
    assert split_primary("X Y (Russian: Икс)") == ("X Y", ["Икс"])
    ids = parse_identifiers("65627867 (BRN), 2323950 (CRN)", "registration")
    assert [(i.value, i.note, i.country) for i in ids] == [
        ("65627867", "BRN", None), ("2323950", "CRN", None)]
    [kpp_a, kpp_b] = parse_identifiers("1207700324941, KPP 772901001", "ogrn")
    assert (kpp_a.kind, kpp_b.kind, kpp_b.value) == ("ogrn", "kpp", "772901001")


def test_malformed_date_names_file_and_line(tmp_path: Path) -> None:
    text = EU_833.read_text(encoding="utf-8").replace("23.6.2023", "23.13.2023")
    with pytest.raises(SourceError, match=r"32014R0833\.csv, line 6: malformed startDate"):
        _parse(_write(tmp_path, text.encode()))
    text = EU_833.read_text(encoding="utf-8").replace("23.6.2023", "June 23rd")
    with pytest.raises(SourceError, match="line 6"):
        _parse(_write(tmp_path, text.encode()))


def test_missing_required_column(tmp_path: Path) -> None:
    text = EU_833.read_text(encoding="utf-8").replace("startDate", "start", 1)
    with pytest.raises(SourceError, match=r"missing required column.*startDate"):
        _parse(_write(tmp_path, text.encode()))


def test_unknown_column_warns_once(tmp_path: Path) -> None:
    lines = EU_833.read_bytes().decode("utf-8").split("\r\n")
    lines = [line + (",extra" if i == 0 else ",x") if line else line
             for i, line in enumerate(lines)]
    ctx = ParseContext(snapshot_date=SNAPSHOT)
    records = _parse(_write(tmp_path, "\r\n".join(lines).encode()), ctx)
    assert len(records) == 30
    assert sum("unknown column 'extra'" in w for w in ctx.warnings) == 1


def test_truncated_file(tmp_path: Path) -> None:
    data = EU_833.read_bytes()
    cut = data[: data.index(b"Tordan") + 40]
    with pytest.raises(SourceError, match=r"line 6: expected 45 fields"):
        _parse(_write(tmp_path, cut))


def test_wrong_encoding_and_empty(tmp_path: Path) -> None:
    text = EU_269.read_text(encoding="utf-8")
    with pytest.raises(SourceError, match="cannot decode"):
        _parse(_write(tmp_path, text.encode("utf-16"), "32014R0269.csv"))
    with pytest.raises(SourceError, match="empty"):
        _parse(_write(tmp_path, b"", "32014R0269.csv"))


def test_sniff_and_bounds() -> None:
    head = EU_833.read_bytes()[:8192]
    assert PARSER.sniff(EU_833, head)
    assert not PARSER.sniff(EU_833, b"_id,source,entity_number,type\n")
    assert (PARSER.min_records, PARSER.max_records) == (100, 20_000)
