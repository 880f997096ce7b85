"""BIS Entity List JSON parser, on a real slice of the eCFR extraction (2026-07-09)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from sanctiongap.errors import SourceError
from sanctiongap.model import DateBasis, SourceRecord
from sanctiongap.sources.base import ParseContext, SourceFile
from sanctiongap.sources.bis import PARSERS, parse
from sanctiongap.sources.us_common import ear_sections, parse_citations, russia_sections

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "bis" / "bis_entity_list.json"
PARSER = PARSERS[0]


def _parse(path: Path, ctx: ParseContext | None = None) -> list[SourceRecord]:
    return list(parse([SourceFile.read(path)], ctx or ParseContext(snapshot_date=None)))


@pytest.fixture(scope="module")
def records() -> list[SourceRecord]:
    return _parse(FIXTURE)


def _by_name(records: list[SourceRecord], name: str, country: str | None = None) -> SourceRecord:
    hits = [r for r in records if r.party.name == name
            and (country is None or country in r.party.countries)]
    assert len(hits) == 1, [r.party.name for r in records]
    return hits[0]


def _data() -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(FIXTURE.read_text(encoding="utf-8"))
    return loaded


def _write(tmp_path: Path, data: dict[str, Any] | bytes) -> Path:
    path = tmp_path / "bis_entity_list.json"
    if isinstance(data, bytes):
        path.write_bytes(data)
    else:
        path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def test_every_entity_becomes_a_record(records: list[SourceRecord]) -> None:
    assert len(records) == len(_data()["entities"]) == 27
    assert {r.designation.list_id for r in records} == {"us_bis_entity"}
    assert all(r.provenance.snapshot_date == date(2026, 7, 9) for r in records)
    assert len({r.provenance.record_id for r in records}) == len(records)


def test_sinno_electronics_is_russia_related_since_2022_06_30(records: list[SourceRecord]) -> None:
    sinno = _by_name(records, "Sinno Electronics Co., Ltd.")
    assert sinno.designation.listing_date == date(2022, 6, 30)
    assert sinno.designation.date_basis == DateBasis.STATED
    assert sinno.designation.citation == "87 FR 38925, 6/30/22"
    assert sinno.designation.russia_related
    assert "734.9(g)" in sinno.designation.russia_rule
    assert "746.8(a)(3)" in sinno.designation.russia_rule
    assert sinno.designation.provisions == "§ 734.9(g); § 746.8(a)(3); § 744.21(b)"
    # filed under China, one address in Kowloon: both countries, never folded together
    assert sinno.party.countries == ["cn", "hk"]
    assert sinno.party.aliases == ["Xinnuo Electronic Technology"]
    assert sinno.party.schema == "Company"
    assert "See alternate address under Lithuania" in sinno.party.notes
    assert len(sinno.party.addresses) == 3
    assert not any("See alternate" in a for a in sinno.party.addresses)


def test_sinno_under_lithuania_is_a_separate_record(records: list[SourceRecord]) -> None:
    china = _by_name(records, "Sinno Electronics Co., Ltd.")
    lithuania = _by_name(records, "Sinno Electronics", "lt")
    assert lithuania.provenance.record_id != china.provenance.record_id
    assert lithuania.provenance.record_id.startswith("bis-")
    assert lithuania.party.countries == ["lt"]
    assert lithuania.party.notes == ["See alternate address under China"]
    assert lithuania.designation.listing_date == date(2022, 6, 30)


def test_hikvision_2019_is_not_russia_related(records: list[SourceRecord]) -> None:
    hik = _by_name(records, "Hangzhou Hikvision Digital Technology Co., Ltd.")
    assert hik.designation.listing_date == date(2019, 10, 9)
    assert not hik.designation.russia_related
    assert hik.designation.russia_rule == "not Russia-related: licence text cites § 744.11 only"
    assert hik.designation.provisions == "§ 744.11"
    assert hik.party.aliases == ["Hikvision"]
    assert hik.party.countries == ["cn"]
    # later citations are amendments, kept in the citation and noted
    assert hik.designation.citation is not None
    assert hik.designation.citation.count("FR") == 3
    assert any("85 FR 34505 (2020-06-05)" in n for n in hik.party.notes)


def test_country_plus_date_rule_fires_only_without_licence_rule(
        records: list[SourceRecord]) -> None:
    tridivi = _by_name(records, "3DiVi OOO")
    assert tridivi.designation.russia_related
    assert tridivi.designation.russia_rule.startswith("country+date rule")
    geomir = _by_name(records, "AO Geomir")  # cites "744.2l(b)" (letter l) in the eCFR
    assert geomir.designation.russia_rule.startswith("licence text cites")
    assert "744.21(b)" in (geomir.designation.provisions or "")
    # Russian, but listed in 2016: only the licence text (§ 746.8(a)(4)) makes it Russian
    achim = _by_name(records, "Achim Development, OOO")
    assert achim.designation.listing_date == date(2016, 9, 7)
    assert achim.designation.russia_rule.startswith("licence text cites § 746.8(a)(4)")


def test_hong_kong_address_entries(records: list[SourceRecord]) -> None:
    address = _by_name(records, "Address 01")
    assert address.party.countries == ["hk"]
    assert address.party.schema == "LegalEntity"
    assert address.designation.russia_related
    assert "supplement no. 7 to part 746" in address.designation.russia_rule
    corad = _by_name(records, "Corad Technology Limited")
    assert corad.party.countries == ["hk"]


def test_undated_first_citation_takes_the_date_printed_elsewhere(
        records: list[SourceRecord]) -> None:
    h3c = _by_name(records, "New H3C Semiconductor Technologies Co., Ltd.")
    assert h3c.designation.listing_date == date(2021, 11, 26)
    assert any("86 FR 67319" in n for n in h3c.party.notes)
    antcorp = _by_name(records, "Antcorp System")
    assert antcorp.designation.listing_date == date(2008, 9, 22)


def test_names_spilled_into_the_address_field(records: list[SourceRecord]) -> None:
    zaliv = _by_name(records, "OOO Shipyard 'Zaliv'")
    assert zaliv.party.previous_names == [
        "AO Shipyard 'Zaliv'", "JSC Shipyard 'Zaliv'", "JSC Zaliv Shipyard",
        "OJSC ZALIV SHIPYARD"]
    assert "Zaliv Shipyard LLC" in zaliv.party.aliases  # address cut off the alias
    assert zaliv.party.addresses == ["4 Tankistov Street, Kerch, Crimea 98310, Ukraine"]
    assert zaliv.party.countries == ["ua"]
    sabanican = _by_name(records, "Sabanican Company")
    assert sabanican.party.aliases == ["Sabanican Pad Co."]
    assert sabanican.party.addresses[0].startswith("Unit #23")
    neft = _by_name(records, "Gazprom Neft")
    assert neft.party.aliases == ["Gazprom Neft OAO"]
    assert len(neft.party.addresses) == 4
    assert not any("Address:" in a for a in neft.party.addresses)


def test_aka_inside_aliases(records: list[SourceRecord]) -> None:
    paec = _by_name(records, "Pakistan Atomic Energy Commission (PAEC)")
    assert "National Development Complex (NDC)" in paec.party.aliases
    assert not any("following" in a for a in paec.party.aliases)
    cssc = _by_name(records, "China State Shipbuilding Corporation, Limited (CSSC) 710th "
                    "Research Institute")
    assert "Yichang Testing Technology Research Institute" in cssc.party.aliases
    assert "Yichang Institute of Testing Technology" in cssc.party.aliases


def test_schema_rule(records: list[SourceRecord]) -> None:
    assert _by_name(records, "Abdul Satar Ghoura").party.schema == "Person"
    assert _by_name(records, "Sinno Electronics Co., Ltd.").party.schema == "Company"
    assert _by_name(records, "Sabanican Company").party.schema == "Organization"


def test_repeated_entry_gets_a_distinct_id_and_a_warning() -> None:
    ctx = ParseContext(snapshot_date=None)
    steel = [r for r in _parse(FIXTURE, ctx) if r.party.name == "People's Steel Mills"]
    ids = [r.provenance.record_id for r in steel]
    assert len(ids) == 2 and ids[1] == ids[0] + "-2"
    assert any("repeated entry" in w for w in ctx.warnings)


def test_records_carry_line_numbers(records: list[SourceRecord]) -> None:
    lines = FIXTURE.read_text(encoding="utf-8").splitlines()
    for record in records[:5]:
        assert record.provenance.line is not None
        assert '"name"' in lines[record.provenance.line - 1]


def test_citation_parsing() -> None:
    cites = parse_citations("84 FR 54004, 10/9/19.\n85 FR 34505, 6/5/20")
    assert [(c.volume, c.page, c.date) for c in cites] == [
        (84, "54004", date(2019, 10, 9)), (85, "34505", date(2020, 6, 5))]
    assert parse_citations("62 FR 35334, 6/30/97")[0].date == date(1997, 6, 30)
    assert parse_citations("77 FR 61249, 10/9/12, 78 FR 75463, 12/12/13")[1].date == date(
        2013, 12, 12)
    assert parse_citations("87 FR 1; 88 FR 2")[1].date is None
    sections = ear_sections("(See §§ 734.9(g),3 746.8(a)(3), and 744.2l(b) of the EAR)")
    assert sections == ["734.9(g)", "746.8(a)(3)", "744.21(b)"]
    assert russia_sections(["734.9(e)", "744.11"]) == []
    assert russia_sections(["746.7"]) == []  # Iran, not Russia


def test_unknown_keys_warn_once(tmp_path: Path) -> None:
    data = _data()
    data["new_top"] = 1
    for entity in data["entities"]:
        entity["listing_reason"] = "x"
    ctx = ParseContext(snapshot_date=None)
    assert len(_parse(_write(tmp_path, data), ctx)) == 27
    assert sum("unknown entity key 'listing_reason'" in w for w in ctx.warnings) == 1
    assert sum("unknown top-level key 'new_top'" in w for w in ctx.warnings) == 1


def test_missing_required_field_names_the_entity(tmp_path: Path) -> None:
    data = _data()
    del data["entities"][3]["federal_register"]
    with pytest.raises(SourceError, match=r"entity 4 .*federal_register"):
        _parse(_write(tmp_path, data))


def test_truncated_file(tmp_path: Path) -> None:
    data = FIXTURE.read_bytes()
    with pytest.raises(SourceError, match=r"line \d+: invalid JSON"):
        _parse(_write(tmp_path, data[: len(data) // 2]))


def test_wrong_encoding(tmp_path: Path) -> None:
    text = FIXTURE.read_text(encoding="utf-8").replace("Sinno", "Sinnö")
    with pytest.raises(SourceError, match="cannot decode"):
        _parse(_write(tmp_path, text.encode("cp1252", errors="replace")))


def test_empty_and_wrong_shape(tmp_path: Path) -> None:
    with pytest.raises(SourceError, match="empty"):
        _parse(_write(tmp_path, b""))
    with pytest.raises(SourceError, match="no 'entities' list"):
        _parse(_write(tmp_path, b'{"list_id": "bis-entity-list"}'))


def test_sniff_and_bounds() -> None:
    head = FIXTURE.read_bytes()[:8192]
    assert PARSER.sniff(FIXTURE, head)
    assert not PARSER.sniff(Path("bis_meu.json"), b'{"list_id": "bis-meu", "entities": []}')
    assert not PARSER.sniff(Path("x.csv"), head)
    assert (PARSER.min_records, PARSER.max_records) == (2_000, 10_000)
