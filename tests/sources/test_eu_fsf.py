"""EU FSF XML parser, on the real 2026-08-05 sample (five sanctionEntity records)."""

from __future__ import annotations

import hashlib
from datetime import date
from pathlib import Path

import pytest
from lxml import etree

from sanctiongap.errors import SourceError
from sanctiongap.model import DateBasis, Party, SourceRecord
from sanctiongap.sources.base import ParseContext, SourceFile
from sanctiongap.sources.eu_fsf import parse_fsf, russia_programme_rule, sniff_fsf
from sanctiongap.sources.eu_fsf_parts import add_address

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
SAMPLE = FIXTURES / "eu_fsf" / "fsf_sample_2026-08-05.xml"


def _src(data: bytes, name: str = "fsf.xml") -> SourceFile:
    return SourceFile(Path(name), name, data, hashlib.sha256(data).hexdigest())


def _parse(data: bytes, ctx: ParseContext | None = None) -> list[SourceRecord]:
    return list(parse_fsf([_src(data)], ctx or ParseContext(None)))


@pytest.fixture(scope="module")
def records() -> dict[str, SourceRecord]:
    out = list(parse_fsf([SourceFile.read(SAMPLE)], ParseContext(None)))
    return {r.provenance.record_id: r for r in out}


def test_reads_every_entity(records: dict[str, SourceRecord]) -> None:
    assert sorted(records) == ["191", "3822", "521", "6106", "6177"]
    assert all(r.designation.list_id == "eu_fsf" for r in records.values())
    # Snapshot date is the export's generationDate.
    assert {r.provenance.snapshot_date for r in records.values()} == {date(2026, 8, 5)}


def test_enterprise_with_persian_name_and_registration(records: dict[str, SourceRecord]) -> None:
    pci = records["3822"]
    assert pci.party.schema == "Company"
    # The first alias in the file is the Irish translation; the primary is the main entry.
    assert pci.party.name == "Parchin Chemical Industries (PCI)"
    assert "صنایع شیمیایی پارچین" in pci.party.aliases
    assert "non-Latin name (FA): صنایع شیمیایی پارچین" in pci.party.notes
    assert "Tionscail Ceimiceán Parchin" in pci.party.aliases
    assert pci.party.countries == ["ir"]
    assert ("registration", "892") in {(i.kind, i.value) for i in pci.party.identifiers}
    assert ("other", "EU.3953.70") in {(i.kind, i.value) for i in pci.party.identifiers}
    assert "+98 21 35243153" in pci.party.phones
    assert pci.party.websites == ["http://icig.ir/"]
    assert pci.designation.program == "IRN"
    assert pci.designation.listing_date == date(2008, 6, 23)
    assert pci.designation.date_basis is DateBasis.STATED
    assert pci.provenance.line == 65


def test_listing_date_falls_back_to_earliest_listing_act(records: dict[str, SourceRecord]) -> None:
    ksm = records["191"]  # no designationDate attribute
    assert ksm.party.name == "Khalid Sheikh MOHAMMED"
    assert ksm.designation.listing_date == date(2005, 11, 30)
    assert any("2005/848/EC" in note for note in ksm.party.notes)
    assert ksm.party.birth_dates == ["1965-04-14", "1964-03-01"]
    # The repealing act of 2015 that dates a passport entry is not a listing act.
    assert ksm.designation.citation == "2025/206 (L 202500206)"


def test_year_range_citizenship_and_weak_aliases(records: dict[str, SourceRecord]) -> None:
    wazir = records["521"]
    assert wazir.party.birth_dates == ["1953", "1958"]
    assert wazir.party.countries == ["af"]
    assert wazir.designation.listing_date == date(2001, 1, 25)
    asiri = records["6177"]
    assert "إبراهيم حسن طالع عسيري" in asiri.party.aliases
    assert {"Abu-Salaah", "Abosslah", "Abu Saleh"} <= set(asiri.party.weak_aliases)
    national = [i for i in asiri.party.identifiers if i.kind == "national_id"]
    assert [(i.value, i.country) for i in national] == [("1028745097", "sa")]


def test_russia_rule_table() -> None:
    assert russia_programme_rule(["UKR"])[0] is True
    assert russia_programme_rule(["RUS"])[0] is True
    assert russia_programme_rule(["BLR"]) == (False, "not Russia-related: EU FSF programme BLR")
    assert russia_programme_rule(["TERR"])[0] is False


def test_russia_rule_applies_to_records(records: dict[str, SourceRecord]) -> None:
    assert not any(r.designation.russia_related for r in records.values())
    data = SAMPLE.read_bytes().replace(b'programme="IRN"', b'programme="UKR"')
    pci = next(r for r in _parse(data) if r.provenance.record_id == "3822")
    assert pci.designation.russia_related
    assert "UKR" in pci.designation.russia_rule


def test_hong_kong_address_filed_under_china() -> None:
    party = Party(schema="Company", name="x")
    element = etree.fromstring(
        b'<address city="Kowloon" street="1 Wang Kwong Road" countryIso2Code="CN" '
        b'countryDescription="CHINA"/>')
    add_address(party, element, citizenship=False)
    assert party.countries == ["hk"]


def test_unknown_element_warns_once() -> None:
    data = SAMPLE.read_bytes().replace(b"<subjectType ", b"<newField/><subjectType ")
    ctx = ParseContext(None)
    assert len(_parse(data, ctx)) == 5
    assert len([w for w in ctx.warnings if "newField" in w]) == 1


def test_external_entity_is_refused(tmp_path: Path) -> None:
    data = (b'<?xml version="1.0"?>\n<!DOCTYPE export [<!ENTITY xxe SYSTEM '
            b'"file:///etc/passwd">]>\n<export xmlns="http://eu.europa.ec/fpi/fsd/export">'
            b'<sanctionEntity logicalId="1"><nameAlias wholeName="&xxe;" strong="true"/>'
            b"</sanctionEntity></export>")
    with pytest.raises(SourceError) as err:
        _parse(data)
    assert "root:" not in str(err.value)


def test_billion_laughs_is_refused() -> None:
    lol = b"".join(b'<!ENTITY l%d "&l%d;&l%d;&l%d;&l%d;&l%d;">' % (i, i - 1, i - 1, i - 1,
                   i - 1, i - 1) for i in range(1, 10))
    data = (b'<?xml version="1.0"?><!DOCTYPE export [<!ENTITY l0 "lol">' + lol + b"]>"
            b'<export xmlns="http://eu.europa.ec/fpi/fsd/export"><sanctionEntity logicalId="1">'
            b'<remark>&l9;</remark></sanctionEntity></export>')
    with pytest.raises(SourceError, match="unsafe"):
        _parse(data)


def test_malformed_xml_names_the_line() -> None:
    data = SAMPLE.read_bytes()
    cut = data[: data.index(b"<sanctionEntity", 5000) + 40]
    with pytest.raises(SourceError, match=r"line \d+"):
        _parse(cut)


def test_wrong_encoding() -> None:
    data = SAMPLE.read_bytes().replace("Vállalat".encode(), "Vállalat".encode("latin-1"))
    with pytest.raises(SourceError, match="malformed XML"):
        _parse(data)


def test_wrong_root_and_empty_file(tmp_path: Path) -> None:
    with pytest.raises(SourceError, match="not <export>"):
        _parse(b"<?xml version='1.0'?><Designations/>")
    empty = tmp_path / "empty.xml"
    empty.write_bytes(b"")
    with pytest.raises(SourceError, match="empty"):
        SourceFile.read(empty)


def test_sniff_is_specific() -> None:
    assert sniff_fsf(SAMPLE, SAMPLE.read_bytes()[:8192])
    fcdo = FIXTURES / "uk" / "fcdo_sample_2026-09-10.xml"
    assert not sniff_fsf(fcdo, fcdo.read_bytes()[:8192])
    targets = FIXTURES / "ftm" / "targets_slice.csv"
    assert not sniff_fsf(targets, targets.read_bytes()[:8192])
