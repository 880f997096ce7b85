"""OFAC legacy CSV parsers, on real slices of the SDN and consolidated files."""

from __future__ import annotations

import hashlib
import shutil
from datetime import date
from pathlib import Path

import pytest

from sanctiongap.errors import SourceError
from sanctiongap.model import DateBasis, SourceRecord
from sanctiongap.sources.base import ParseContext, Parser, SourceFile
from sanctiongap.sources.ofac import (
    PARSERS,
    looks_like_company,
    programs_of,
    russia_rule,
    sdn_presence,
)
from sanctiongap.sources.ofac_remarks import birth_dates, parse_remarks

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "ofac"
SDN_2023 = FIXTURES / "sdn_2023-12-28"
SDN_2022 = FIXTURES / "sdn_2022-12-28"
CONS = FIXTURES / "cons_2025-12"
SDN_PARSER, CONS_PARSER = PARSERS


def _parse(parser: Parser, path: Path, ctx: ParseContext | None = None) -> dict[str, SourceRecord]:
    ctx = ctx or ParseContext(snapshot_date=None)
    files = [SourceFile.read(p) for p in parser.companions(path)]
    return {r.provenance.record_id: r for r in parser.parse(files, ctx)}


@pytest.fixture(scope="module")
def sdn() -> dict[str, SourceRecord]:
    return _parse(SDN_PARSER, SDN_2023)


@pytest.fixture(scope="module")
def cons() -> dict[str, SourceRecord]:
    return _parse(CONS_PARSER, CONS)


def _write(folder: Path, name: str, data: bytes) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_bytes(data)
    return path


def _parse_bytes(tmp_path: Path, data: bytes, name: str = "sdn.csv",
                 ctx: ParseContext | None = None) -> list[SourceRecord]:
    path = _write(tmp_path / "set", name, data)
    files = [SourceFile.read(p) for p in SDN_PARSER.companions(path)]
    return list(SDN_PARSER.parse(files, ctx or ParseContext(snapshot_date=None)))


GOOD_ROW = b'38641,"SINNO ELECTRONICS CO., LIMITED",-0- ,"RUSSIA-EO14024",-0- ,-0- ,-0- ,-0- ,' \
           b'-0- ,-0- ,-0- ,"Registration Number 1401029 (Hong Kong)."\r\n'


# ---------------------------------------------------------------- files and sniffing
def test_companions_of_folder_and_file() -> None:
    names = [p.name for p in SDN_PARSER.companions(SDN_2023)]
    assert names == ["sdn.csv", "add.csv", "alt.csv", "sdn_comments.csv"]
    assert [p.name for p in SDN_PARSER.companions(SDN_2023 / "sdn.csv")] == names
    assert [p.name for p in SDN_PARSER.companions(SDN_2022)] == ["sdn.csv"]
    assert SDN_PARSER.companions(CONS) == []
    assert [p.name for p in CONS_PARSER.companions(CONS)] == [
        "cons_prim.csv", "cons_add.csv", "cons_alt.csv", "cons_comments.csv"]


def test_companions_empty_without_primary(tmp_path: Path) -> None:
    shutil.copy(SDN_2023 / "add.csv", tmp_path / "add.csv")
    assert SDN_PARSER.companions(tmp_path) == []


def test_sniff_is_specific() -> None:
    head = (SDN_2023 / "sdn.csv").read_bytes()[:8192]
    assert SDN_PARSER.sniff(SDN_2023 / "sdn.csv", head)
    assert not CONS_PARSER.sniff(SDN_2023 / "sdn.csv", head)
    cons_head = (CONS / "cons_prim.csv").read_bytes()[:8192]
    assert CONS_PARSER.sniff(CONS / "cons_prim.csv", cons_head)
    assert not SDN_PARSER.sniff(CONS / "cons_prim.csv", cons_head)
    for name in ("add.csv", "alt.csv", "sdn_comments.csv"):
        data = (SDN_2023 / name).read_bytes()[:8192]
        assert not SDN_PARSER.sniff(SDN_2023 / name, data), name
        # an add.csv-shaped file renamed sdn.csv is not claimed either
        assert not SDN_PARSER.sniff(Path("sdn.csv"), data), name
    assert not SDN_PARSER.sniff(Path("sdn.csv"), b'{"results": []}')
    assert SDN_PARSER.sniff(Path("sdn.csv.gz"), head)


# ---------------------------------------------------------------- SDN 2023-12-28, full set
def test_sinno_electronics(sdn: dict[str, SourceRecord]) -> None:
    rec = sdn["38641"]
    party, des, prov = rec.party, rec.designation, rec.provenance
    assert party.schema == "Company"
    assert party.name == "SINNO ELECTRONICS CO., LIMITED"
    assert party.aliases == ["SINNO ELECTRONIC CO., LTD"]
    # Kowloon addresses filed under "China" are Hong Kong; Changsha/Shenzhen are China
    assert party.countries == ["hk", "cn"]
    assert party.addresses[0] == ("Rm. B22, 1/F, Block B, East Sun Industrial Centre, 16 Shing "
                                  "Yip Street, Kwun Tong, Kowloon, Hong Kong, China")
    assert len(party.addresses) == 4
    [ident] = party.identifiers
    assert (ident.kind, ident.value, ident.country) == ("registration", "1401029", "hk")
    assert party.linked_to == ["RADIOAVTOMATIKA LLC"]
    assert "Organization Established Date 11 Dec 2009" in party.notes
    assert des.list_id == "us_ofac_sdn"
    assert des.program == "RUSSIA-EO14024"
    assert des.russia_related and des.russia_rule == "OFAC program RUSSIA-EO14024"
    assert des.date_basis == DateBasis.UNKNOWN and des.listing_date is None
    assert des.measures == ["asset freeze"]
    assert prov.record_id == "38641" and prov.line == 28
    assert prov.sha256 == hashlib.sha256((SDN_2023 / "sdn.csv").read_bytes()).hexdigest()
    assert prov.source_file.endswith("sdn.csv")


@pytest.mark.parametrize(("ent", "schema", "countries"), [
    ("40477", "Company", ["cn"]),           # Changsha Tianyi (Spacety), USCC
    ("42075", "Company", ["cn"]),           # China Head Aerospace
    ("37839", "Company", ["hk"]),           # EMC SUD LIMITED, Kwun Tong
    ("41861", "Company", ["hk"]),           # King-Pai, "Bay Kowloon"
    ("46822", "Company", ["cn", "pk", "hk"]),
    ("43273", "Company", ["mo", "cn"]),     # Macau filed under China
    ("24837", "Organization", ["cn"]),      # Equipment Development Department, CAATSA
    ("43274", "Person", ["ca", "hk", "ru"]),
])
def test_chinese_and_hong_kong_records(sdn: dict[str, SourceRecord], ent: str, schema: str,
                                       countries: list[str]) -> None:
    rec = sdn[ent]
    assert rec.party.schema == schema
    assert rec.party.countries == countries
    assert rec.designation.russia_related


def test_chinese_identifiers(sdn: dict[str, SourceRecord]) -> None:
    kinds = {(i.kind, i.value, i.country) for i in sdn["43144"].party.identifiers}
    assert ("uscc", "91110114783965860W", "cn") in kinds
    assert ("tax", "110108783965860", "cn") in kinds
    assert sdn["46669"].party.aliases[0] == "CHARMING GLOBE"  # a.k.a. in remarks


def test_russian_identifiers(sdn: dict[str, SourceRecord]) -> None:
    ids = {i.kind: (i.value, i.country) for i in sdn["37000"].party.identifiers}
    assert ids["inn"] == ("7725039953", "ru")
    assert ids["ogrn"] == ("1027739179160", "ru")
    assert ids["okpo"] == ("09317135", "ru")
    assert ids["lei"] == ("2534006SJ05GGKETEY75", "ru")
    assert ids["swift"] == ("MINNRUMM", None)


def test_person_dates(sdn: dict[str, SourceRecord]) -> None:
    khokhlov = sdn["38659"].party
    assert khokhlov.schema == "Person"
    assert khokhlov.birth_dates == ["1980-06-02"]
    assert khokhlov.countries == ["ru"]
    assert "Place of birth: Murom, Russia" in khokhlov.notes
    assert sdn["24838"].party.birth_dates == ["1958-02"]   # 01 Feb 1958 to 28 Feb 1958
    assert sdn["15496"].party.birth_dates == ["1929", "1930"]
    assert sdn["7782"].party.birth_dates == ["1951"]       # DOB circa 1951
    assert "Title: Director of Equipment Development Department" in sdn["24838"].party.notes


def test_vessel_and_aircraft(sdn: dict[str, SourceRecord]) -> None:
    vessel = sdn["36399"].party
    assert vessel.schema == "Vessel"
    ids = {i.kind: i.value for i in vessel.identifiers}
    assert ids["imo"] == "9683740" and ids["mmsi"] == "273340060"
    assert vessel.countries == []  # the flag is not the party's country
    assert "Flag: Russia" in vessel.notes
    assert sdn["35280"].party.schema == "Airplane"


def test_not_russia_related(sdn: dict[str, SourceRecord]) -> None:
    cuba = sdn["306"]
    assert not cuba.designation.russia_related
    assert cuba.designation.russia_rule.startswith("not Russia-related")
    assert "CUBA" in cuba.designation.russia_rule
    assert cuba.party.aliases[:2] == ["BNC", "NATIONAL BANK OF CUBA"]
    assert not sdn["15879"].designation.russia_related  # MAGNIT
    assert not sdn["28264"].designation.russia_related  # DPRK3/CYBER2, Chinese national
    assert sdn["4697"].party.schema == "Organization"   # HIZBALLAH
    assert sdn["17023"].designation.russia_rule == (
        "OFAC program UKRAINE-EO13660, RUSSIA-EO14065")


def test_remarks_overflow_joined(sdn: dict[str, SourceRecord]) -> None:
    sber = sdn["17018"].party
    ids = {i.kind: i.value for i in sber.identifiers}
    assert ids["inn"] == "7707083893"      # in sdn_comments.csv, not in sdn.csv
    assert ids["ogrn"] == "1027700132195"
    assert "Listing Date (EO 14024 Directive 2): 24 Feb 2022" in sber.notes
    # cut as "...; P" + "hone Number 8613314257947; ..."
    assert sdn["28264"].party.phones[0] == "8613314257947"
    assert sdn["28264"].party.linked_to == ["LAZARUS GROUP"]


def test_alt_types(sdn: dict[str, SourceRecord]) -> None:
    assert "IRAN OVERSEAS INVESTMENT BANK PLC" in sdn["4642"].party.previous_names
    assert "NUEVO CONTINENTE S.A." in sdn["8244"].party.aliases


def test_counts_and_no_warnings() -> None:
    ctx = ParseContext(snapshot_date=None)
    sdn = _parse(SDN_PARSER, SDN_2023, ctx)
    assert ctx.warnings == []
    assert len(sdn) == 41
    # the 12 others: Cuba, Iran, SDGT, Balkans, narcotics, TCO, MAGNIT, DPRK
    assert sum(r.designation.russia_related for r in sdn.values()) == 29
    lines = [r.provenance.line for r in sdn.values()]
    assert lines == list(range(1, 42))


# ---------------------------------------------------------------- sdn.csv alone (2022-12-28)
def test_primary_file_alone() -> None:
    ctx = ParseContext(snapshot_date=date(2022, 12, 28))
    recs = _parse(SDN_PARSER, SDN_2022, ctx)
    assert len(recs) == 29
    sinno = recs["38641"]
    assert sinno.party.countries == ["hk"]  # from "Registration Number ... (Hong Kong)"
    assert sinno.party.addresses == [] and sinno.party.aliases == []
    assert sinno.provenance.snapshot_date == date(2022, 12, 28)
    assert ctx.warnings == []


# ---------------------------------------------------------------- consolidated list
def test_cons_hikvision_not_russia(cons: dict[str, SourceRecord]) -> None:
    hik = cons["30946"]
    assert hik.designation.list_id == "us_ofac_cons"
    assert hik.designation.program == "CMIC-EO13959"
    assert not hik.designation.russia_related
    assert hik.designation.listing_date == date(2021, 6, 3)
    assert hik.designation.date_basis == DateBasis.STATED
    assert ("uscc", "91330000733796106P") in {(i.kind, i.value) for i in hik.party.identifiers}
    assert hik.party.aliases == ["HIKVISION", "HANGZHOU HIKVISION DIGITAL TECHNOLOGY"]
    assert hik.party.countries == ["cn"]
    assert cons["30923"].party.countries == ["hk"]  # China Mobile Ltd, Queens Road Central


def test_cons_ssi_is_russia(cons: dict[str, SourceRecord]) -> None:
    novatek = cons["17064"].designation
    assert novatek.russia_related and novatek.russia_rule == "OFAC program UKRAINE-EO13662"
    assert novatek.listing_date is None and novatek.date_basis == DateBasis.UNKNOWN
    assert novatek.measures == ["sectoral sanctions (SSI directives)"]
    # the stated date of the National Wealth Fund sits in cons_comments.csv
    fund = cons["31693"].designation
    assert fund.russia_related and fund.listing_date == date(2022, 2, 22)
    assert not cons["15268"].designation.russia_related   # 561-Related, Bank of Kunlun
    assert cons["27016"].designation.russia_related       # CAATSA - RUSSIA
    assert len(cons) == 11


# ---------------------------------------------------------------- presence without sdn.csv
def test_sdn_presence_from_add_csv(tmp_path: Path) -> None:
    shutil.copy(SDN_2023 / "add.csv", tmp_path / "add.csv")
    shutil.copy(SDN_2023 / "alt.csv", tmp_path / "alt.csv")
    present = sdn_presence(tmp_path)
    assert len(present) == 41 and "38641" in present
    assert set(present) == set(_parse(SDN_PARSER, SDN_2023))
    assert "hk" in present["38641"]  # the add.csv row of SINNO is in Hong Kong
    assert set(sdn_presence(SDN_2022)) == set(_parse(SDN_PARSER, SDN_2022))
    with pytest.raises(SourceError, match=r"neither sdn\.csv nor add\.csv"):
        sdn_presence(tmp_path / "nothing")


# ---------------------------------------------------------------- rules
def test_rules() -> None:
    assert programs_of("CAATSA - RUSSIA] [PEESA") == ["CAATSA - RUSSIA", "PEESA"]
    assert russia_rule(["RUSSIA-EO14114"]) == (True, "OFAC program RUSSIA-EO14114")
    assert russia_rule(["MAGNIT"])[0] is False
    assert russia_rule(["BELARUS-EO14038"])[0] is False
    assert looks_like_company("OOO TEKHNOKOM") and looks_like_company("S.A. DE C.V. FOO")
    assert not looks_like_company("DONETSK PEOPLE'S REPUBLIC")
    assert birth_dates("1962 to 1964") == ["1962", "1963", "1964"]
    assert birth_dates("circa 1970") == ["1970"]
    assert birth_dates("Apr 1965") == ["1965-04"]
    assert birth_dates("31 Feb 1965") is None
    facts = parse_remarks("Tax ID No. 7707083893 (Russia); Passport 76439979 (Russia) "
                          "expires 20 Apr 2031; f.k.a. 'OLD NAME'; Email Address a@b.ru.")
    assert [(i.kind, i.note) for i in facts.identifiers] == [
        ("inn", "Tax ID No."), ("passport", "Passport expires 20 Apr 2031")]
    assert facts.previous_names == ["OLD NAME"] and facts.emails == ["a@b.ru"]


# ---------------------------------------------------------------- bad input
def test_truncated_row(tmp_path: Path) -> None:
    data = GOOD_ROW + b'38642,"CUT OFF",-0- ,"SDGT"\r\n'
    with pytest.raises(SourceError) as err:
        _parse_bytes(tmp_path, data)
    assert err.value.record == "line 2" and err.value.path.endswith("sdn.csv")
    assert "4 columns where 12 are expected" in str(err.value)


def test_file_cut_inside_quotes(tmp_path: Path) -> None:
    with pytest.raises(SourceError) as err:
        _parse_bytes(tmp_path, GOOD_ROW + b'38642,"CUT OFF IN THE MIDDLE')
    assert err.value.path.endswith("sdn.csv") and err.value.record == "line 2"


def test_non_integer_ent_num(tmp_path: Path) -> None:
    with pytest.raises(SourceError, match=r"sdn\.csv, line 2: ent_num 'X12' is not an integer"):
        _parse_bytes(tmp_path, GOOD_ROW + GOOD_ROW.replace(b"38641", b"X12"))


def test_utf16_refused(tmp_path: Path) -> None:
    with pytest.raises(SourceError, match=r"sdn\.csv, line 1: NUL byte"):
        _parse_bytes(tmp_path, GOOD_ROW.decode("cp1252").encode("utf-16"))


def test_empty_and_ctrl_z_only(tmp_path: Path) -> None:
    with pytest.raises(SourceError, match="empty"):
        _parse_bytes(tmp_path, b"")
    with pytest.raises(SourceError, match="no records"):
        _parse_bytes(tmp_path / "z", b"\x1a")


def test_missing_column_in_companion(tmp_path: Path) -> None:
    _write(tmp_path / "set", "add.csv", b'38641,57677,"Kowloon"\r\n')
    with pytest.raises(SourceError) as err:
        _parse_bytes(tmp_path, GOOD_ROW)
    assert err.value.path.endswith("add.csv") and err.value.record == "line 1"


def test_drift_warnings(tmp_path: Path) -> None:
    ctx = ParseContext(snapshot_date=None)
    extra = GOOD_ROW.replace(b"\r\n", b',"NEW COLUMN"\r\n')
    odd = GOOD_ROW.replace(b"38641", b"99").replace(b"-0- ", b'"submarine"', 1)
    _write(tmp_path / "set", "alt.csv", b'77777,1,"aka","NOBODY",-0- \r\n')
    recs = _parse_bytes(tmp_path, extra + odd + b"\x1a", ctx=ctx)
    assert [r.provenance.record_id for r in recs] == ["38641", "99"]
    assert recs[1].party.schema == "Company"
    text = "\n".join(ctx.warnings)
    assert "unknown column(s) after Remarks" in text
    assert "unknown SDN_Type 'submarine'" in text
    assert "alt.csv: 1 ent_num(s) not in" in text and "77777" in text


def test_windows_1252_and_latin1_fallback(tmp_path: Path) -> None:
    recs = _parse_bytes(tmp_path, GOOD_ROW.replace(b"SINNO", b"S\xc9NNO \x80"))
    assert recs[0].party.name == "SÉNNO € ELECTRONICS CO., LIMITED"
    ctx = ParseContext(snapshot_date=None)
    recs = _parse_bytes(tmp_path / "b", GOOD_ROW.replace(b"SINNO", b"S\x81NNO"), ctx=ctx)
    assert recs[0].party.name == "S\x81NNO ELECTRONICS CO., LIMITED"
    assert "read as Latin-1" in ctx.warnings[0]
