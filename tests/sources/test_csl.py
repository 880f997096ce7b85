"""trade.gov Consolidated Screening List CSV parser, on both real CSL files we have."""

from __future__ import annotations

import csv
import io
from datetime import date
from pathlib import Path

import pytest

from sanctiongap.errors import SourceError
from sanctiongap.model import DateBasis, SourceRecord
from sanctiongap.sources.base import ParseContext, SourceFile
from sanctiongap.sources.csl import PARSERS, parse

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "csl"
SAMPLE_2025 = FIXTURES / "consolidated.csv"
PARTIAL_2023 = FIXTURES / "csl_2023-11_partial.csv"
PARSER = PARSERS[0]


def _parse(path: Path, ctx: ParseContext | None = None) -> list[SourceRecord]:
    return list(parse([SourceFile.read(path)], ctx or ParseContext(snapshot_date=None)))


@pytest.fixture(scope="module")
def r2025() -> list[SourceRecord]:
    return _parse(SAMPLE_2025)


@pytest.fixture(scope="module")
def r2023() -> list[SourceRecord]:
    return _parse(PARTIAL_2023)


def _by_id(records: list[SourceRecord], record_id: str) -> SourceRecord:
    [hit] = [r for r in records if r.provenance.record_id == record_id]
    return hit


def _by_name(records: list[SourceRecord], name: str) -> SourceRecord:
    [hit] = [r for r in records if r.party.name == name]
    return hit


def _write(tmp_path: Path, data: bytes) -> Path:
    path = tmp_path / "consolidated.csv"
    path.write_bytes(data)
    return path


def test_2025_sample(r2025: list[SourceRecord]) -> None:
    assert len(r2025) == 13
    assert {r.designation.list_id for r in r2025} == {"us_csl"}
    # no date in this fixture's path and none passed by the loader
    assert {r.provenance.snapshot_date for r in r2025} == {None}
    cetc = _by_name(r2025, "China Electronics Technology Group Corporation 13th Research "
                    "Institute (CETC 13)")
    assert cetc.designation.program == "Entity List (EL) - Bureau of Industry and Security"
    assert cetc.designation.listing_date == date(2018, 8, 1)
    assert cetc.designation.date_basis == DateBasis.STATED
    assert cetc.designation.russia_related
    assert "734.9(g)" in cetc.designation.russia_rule
    assert cetc.party.countries == ["cn"]
    assert "Hebei Semiconductor Research Institute" in cetc.party.aliases
    assert cetc.designation.citation == "83 FR 37423; 87 FR 77505"


def test_programs_decide_russia(r2025: list[SourceRecord]) -> None:
    sme = _by_id(r2025, "18283")
    assert sme.designation.russia_related
    assert sme.designation.russia_rule == "program UKRAINE-EO13662"
    assert sme.designation.program.endswith(": UKRAINE-EO13662")
    assert sme.party.countries == ["ru"]
    assert ("swift", "RUDVRUMM") in [(i.kind, i.value) for i in sme.party.identifiers]
    assert sme.party.websites == ["mspbank.ru"]
    rim = _by_id(r2025, "52291")
    assert not rim.designation.russia_related
    assert rim.party.schema == "Person"
    assert rim.party.countries == ["cn", "kp"]
    assert [(i.kind, i.value, i.country) for i in rim.party.identifiers] == [
        ("passport", "836238033", "kp")]
    meu = _by_name(r2025, "Academy of Aerospace Solid Propulsion Technology (AASPT)")
    assert not meu.designation.russia_related  # the MEU licence text cites no Russia rule


def test_name_qualifier_goes_to_notes(r2025: list[SourceRecord]) -> None:
    isn = _by_name(r2025, "Sinobright Import and Export Company")
    assert isn.designation.listing_date == date(2023, 7, 19)
    assert any("successor" in n for n in isn.party.notes)


def test_2023_partial_file(r2023: list[SourceRecord]) -> None:
    ctx = ParseContext(snapshot_date=None)
    records = _parse(PARTIAL_2023, ctx)
    assert len(records) == len(r2023) == 25
    assert {r.provenance.snapshot_date for r in records} == {date(2023, 11, 1)}  # from path
    assert any("line 2: repeated header row" in w for w in ctx.warnings)
    assert any("last record skipped" in w for w in ctx.warnings)
    gazprom = _by_name(r2023, "Gazprom, OAO")
    assert gazprom.designation.russia_related
    assert gazprom.designation.russia_rule.startswith("licence text cites § 746.5")
    assert gazprom.designation.listing_date == date(2014, 9, 17)
    presidency = _by_name(r2023, "Presidency of Defense Industries")
    assert presidency.designation.russia_rule == "program CAATSA - RUSSIA"


def test_hong_kong_filed_under_cn(r2023: list[SourceRecord]) -> None:
    airpart = _by_name(r2023, "Airpart Consolidated Trading")
    assert airpart.party.countries == ["hk"]
    telecom = _by_name(r2023, "China Telecom Corporation Limited")
    assert telecom.party.countries == ["cn"]
    assert ("uscc", "9111000071093019X7") in [
        (i.kind, i.value) for i in telecom.party.identifiers]
    luo = _by_name(r2023, "Luo Jie")
    assert luo.party.countries == ["cn", "hk"]
    assert luo.party.schema == "Person"


def test_one_id_on_two_sub_lists(r2023: list[SourceRecord]) -> None:
    ids = {r.provenance.record_id for r in r2023 if r.provenance.record_id.startswith("17014")}
    assert ids == {"17014:SSI", "17014:NS-MBS List"}
    assert len({r.key for r in r2023}) == len(r2023)


def test_federal_register_date_when_start_date_is_empty(tmp_path: Path) -> None:
    rows = list(csv.reader(io.StringIO(SAMPLE_2025.read_text(encoding="utf-8"))))
    header = rows[0]
    [dpl] = [r for r in rows if r[header.index("name")] == "I. ASH"]
    dpl[header.index("start_date")] = ""
    out = io.StringIO()
    csv.writer(out, quoting=csv.QUOTE_ALL, lineterminator="\n").writerows([header, dpl] * 1)
    [record] = _parse(_write(tmp_path, out.getvalue().encode()))
    assert record.designation.listing_date == date(2002, 9, 4)  # "67 F.R. 56530 9/4/02"
    assert record.designation.end_date == date(2056, 6, 29)


def test_truncated_record_in_the_middle_raises(tmp_path: Path) -> None:
    lines = SAMPLE_2025.read_text(encoding="utf-8").split("\n")
    lines[3] = lines[3][:60] + '"'
    with pytest.raises(SourceError, match=r"line 4: expected 29 fields"):
        _parse(_write(tmp_path, "\n".join(lines).encode()))


def test_missing_column_and_unknown_column(tmp_path: Path) -> None:
    text = SAMPLE_2025.read_text(encoding="utf-8")
    with pytest.raises(SourceError, match=r"missing required column\(s\): name"):
        _parse(_write(tmp_path, text.replace(",name,", ",nombre,", 1).encode()))
    ctx = ParseContext(snapshot_date=None)
    records = _parse(_write(tmp_path, text.replace(",title,", ",job_title,", 1).encode()), ctx)
    assert len(records) == 13
    assert ctx.warnings == [f"{tmp_path / 'consolidated.csv'}: unknown column 'job_title' "
                            "(ignored)"]


def test_wrong_encoding_and_empty(tmp_path: Path) -> None:
    data = SAMPLE_2025.read_bytes().replace(b"Atlas Sanatgaran", "Atlas Sanatgarän".encode(
        "latin-1"))
    with pytest.raises(SourceError, match="cannot decode"):
        _parse(_write(tmp_path, data))
    with pytest.raises(SourceError, match="empty"):
        _parse(_write(tmp_path, b""))


def test_sniff_and_bounds() -> None:
    for path in (SAMPLE_2025, PARTIAL_2023):
        assert PARSER.sniff(path, path.read_bytes()[:8192])
    assert not PARSER.sniff(SAMPLE_2025, b"celex,recordId,programKey\n")
    assert (PARSER.min_records, PARSER.max_records) == (5, 100_000)
