"""UK Sanctions List (FCDO) XML parser, on the real 2026-09-10 sample (five designations)."""

from __future__ import annotations

import hashlib
from datetime import date
from pathlib import Path

import pytest

from sanctiongap.errors import SourceError
from sanctiongap.model import DateBasis, SourceRecord
from sanctiongap.sources.base import ParseContext, SourceFile
from sanctiongap.sources.uk_fcdo import parse_fcdo, sniff_fcdo

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
SAMPLE = FIXTURES / "uk" / "fcdo_sample_2026-09-10.xml"


def _parse(data: bytes, ctx: ParseContext | None = None) -> list[SourceRecord]:
    src = SourceFile(Path("fcdo.xml"), "fcdo.xml", data, hashlib.sha256(data).hexdigest())
    return list(parse_fcdo([src], ctx or ParseContext(None)))


@pytest.fixture(scope="module")
def records() -> dict[str, SourceRecord]:
    out = list(parse_fcdo([SourceFile.read(SAMPLE)], ParseContext(None)))
    return {r.provenance.record_id: r for r in out}


def test_reads_every_designation(records: dict[str, SourceRecord]) -> None:
    assert list(records) == ["AFG0001", "AFG0006", "BEL0107", "DPR0075", "AQD0195"]
    assert {r.provenance.snapshot_date for r in records.values()} == {date(2026, 9, 10)}
    assert {r.designation.list_id for r in records.values()} == {"uk_fcdo"}


def test_person_names_dates_documents(records: dict[str, SourceRecord]) -> None:
    akhund = records["AFG0006"]
    assert akhund.party.schema == "Person"
    assert akhund.party.name == "MOHAMMAD HASSAN AKHUND"
    assert akhund.party.aliases == ["Mohammad Akhwand", "محمد حسن آخوند"]
    assert akhund.party.birth_dates == ["1958-05-12", "1945", "1946"]
    assert akhund.designation.listing_date == date(2001, 1, 25)
    assert akhund.designation.date_basis is DateBasis.STATED
    assert akhund.designation.measures == ["asset freeze", "travel ban"]
    kinds = {(i.kind, i.value, i.country) for i in akhund.party.identifiers}
    assert ("passport", "P04581926", "af") in kinds
    assert ("national_id", "2132370", "af") in kinds
    assert ("other", "7172", None) in kinds  # OFSI Group ID, for joining OFSI records
    assert akhund.provenance.line == 55


def test_entity_company_and_reason(records: dict[str, SourceRecord]) -> None:
    bnk = records["BEL0107"]
    assert bnk.party.schema == "Company"
    assert bnk.party.weak_aliases == ["BNK"]
    assert bnk.party.countries == ["gb"]
    assert ("registration", "06527449") in {(i.kind, i.value) for i in bnk.party.identifiers}
    assert "CJSC Belarusian Oil Company" in bnk.party.linked_to
    assert bnk.designation.reason is not None and "Belarusian Oil" in bnk.designation.reason
    assert not bnk.designation.russia_related  # Belarus regime, not the Russia regime
    exchange = records["AFG0001"]
    assert exchange.party.schema == "Organization"
    assert exchange.party.countries == ["af", "ae"]


def test_ship(records: dict[str, SourceRecord]) -> None:
    ship = records["DPR0075"]
    assert ship.party.schema == "Vessel"
    assert ship.party.identifiers[0].kind == "imo"
    assert ship.party.identifiers[0].value == "9562233"
    assert "flag: Comoros" in ship.party.notes
    assert ship.designation.measures == ["prohibition of port entry"]


def test_russia_regime_rule() -> None:
    data = SAMPLE.read_bytes().replace(
        b"The Republic of Belarus (Sanctions) (EU Exit) Regulations 2019",
        b"The Russia (Sanctions) (EU Exit) Regulations 2019")
    bnk = next(r for r in _parse(data) if r.provenance.record_id == "BEL0107")
    assert bnk.designation.russia_related
    assert "Russia" in bnk.designation.russia_rule


def test_hong_kong_address_under_china() -> None:
    data = SAMPLE.read_bytes().replace(
        b"<AddressLine5>Sutton, Surrey</AddressLine5>",
        b"<AddressLine5>Kwun Tong, Kowloon, Hong Kong</AddressLine5>",
    ).replace(b"<AddressCountry>United Kingdom</AddressCountry>",
              b"<AddressCountry>China</AddressCountry>")
    bnk = next(r for r in _parse(data) if r.provenance.record_id == "BEL0107")
    assert bnk.party.countries == ["hk"]


def test_unknown_element_warns_once() -> None:
    data = SAMPLE.read_bytes().replace(b"<RegimeName>", b"<NewThing>x</NewThing><RegimeName>")
    ctx = ParseContext(None)
    assert len(_parse(data, ctx)) == 5
    assert len([w for w in ctx.warnings if "NewThing" in w]) == 1


def test_bad_date_warns_and_keeps_record() -> None:
    data = SAMPLE.read_bytes().replace(b"<DateDesignated>21/06/2021", b"<DateDesignated>2021-06")
    ctx = ParseContext(None)
    bnk = next(r for r in _parse(data, ctx) if r.provenance.record_id == "BEL0107")
    assert bnk.designation.listing_date is None
    assert any("DateDesignated" in w for w in ctx.warnings)


def test_hostile_xml_is_refused() -> None:
    xxe = (b'<?xml version="1.0"?><!DOCTYPE Designations [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
           b"<Designations><Designation><UniqueID>&x;</UniqueID></Designation></Designations>")
    with pytest.raises(SourceError) as err:
        _parse(xxe)
    assert "root:" not in str(err.value)
    laughs = (b'<?xml version="1.0"?><!DOCTYPE D [<!ENTITY a "aaaaaaaaaa">'
              b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
              b'<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;">]>'
              b"<Designations><Designation><UniqueID>&c;</UniqueID></Designation></Designations>")
    with pytest.raises(SourceError, match="unsafe"):
        _parse(laughs)


def test_malformed_and_truncated() -> None:
    data = SAMPLE.read_bytes()
    with pytest.raises(SourceError, match=r"line \d+"):
        _parse(data[: len(data) // 2])
    with pytest.raises(SourceError, match="not <Designations>"):
        _parse(b"<?xml version='1.0'?><export/>")
    with pytest.raises(SourceError, match="malformed XML"):
        _parse(data.replace("حاجی".encode(), b"\xff\xfe"))


def test_sniff_is_specific() -> None:
    assert sniff_fcdo(SAMPLE, SAMPLE.read_bytes()[:8192])
    eu = FIXTURES / "eu_fsf" / "fsf_sample_2026-08-05.xml"
    assert not sniff_fcdo(eu, eu.read_bytes()[:8192])
