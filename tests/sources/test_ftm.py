"""FtM JSON lines and OpenSanctions targets.simple CSV, on a real slice of Ukraine's
War & Sanctions catalogue (27 rows) and its FtM export."""

from __future__ import annotations

import hashlib
import json
from datetime import date
from pathlib import Path

import pytest

from sanctiongap.errors import SourceError
from sanctiongap.model import DateBasis, SourceRecord
from sanctiongap.sources.base import ParseContext, SourceFile
from sanctiongap.sources.ftm import PARSERS, parse_ftm, sniff_ftm
from sanctiongap.sources.ftm_targets import parse_targets, sniff_targets, split_cell

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
CSV = FIXTURES / "ftm" / "targets_slice.csv"
JSONL = FIXTURES / "ftm" / "targets_slice.ftm.jsonl"
CFU = "NK-Nv7qsfkuuRiggQtHGESLLs"


def _src(data: bytes, name: str) -> SourceFile:
    return SourceFile(Path(name), name, data, hashlib.sha256(data).hexdigest())


def _csv(data: bytes, ctx: ParseContext | None = None) -> list[SourceRecord]:
    return list(parse_targets([_src(data, "t.csv")], ctx or ParseContext(None)))


def _jsonl(data: bytes, ctx: ParseContext | None = None) -> list[SourceRecord]:
    return list(parse_ftm([_src(data, "e.jsonl")], ctx or ParseContext(None)))


@pytest.fixture(scope="module")
def targets() -> dict[str, SourceRecord]:
    return {r.provenance.record_id: r
            for r in parse_targets([SourceFile.read(CSV)], ParseContext(None))}


def test_parsers_registered() -> None:
    assert [p.name for p in PARSERS] == ["ftm_jsonl", "opensanctions_targets_csv"]


def test_targets_rows(targets: dict[str, SourceRecord]) -> None:
    assert len(targets) == 27
    assert {r.designation.list_id for r in targets.values()} == {"ua_war_sanctions"}
    assert all(r.designation.russia_related for r in targets.values())
    assert all(r.designation.date_basis is DateBasis.UNKNOWN for r in targets.values())
    assert all(r.designation.listing_date is None for r in targets.values())
    # Snapshot: the latest last_seen of the file.
    assert {r.provenance.snapshot_date for r in targets.values()} == {date(2026, 3, 13)}


def test_hong_kong_filed_under_china(targets: dict[str, SourceRecord]) -> None:
    cfu = targets[CFU]  # countries "cn;hk", address "China, Hong Kong, Wan Chai, ..."
    assert cfu.party.countries == ["hk"]
    assert cfu.designation.program == "UA-WS-MARE"
    assert cfu.designation.reason is not None and "Arctic LNG-2" in cfu.designation.reason
    assert ("imo", "6383023") in {(i.kind, i.value) for i in cfu.party.identifiers}
    assert any(n.startswith("first seen by OpenSanctions: 2025-10-06") for n in cfu.party.notes)
    # A vessel with cn and hk among its flags and no address keeps both.
    assert {"cn", "hk"} <= set(targets["NK-3EMJ5FqZMLAAc8PBhkjUrT"].party.countries)
    assert targets["NK-bHApUKoF3oztQhmuMv26FC"].party.countries == ["cn"]


def test_identifier_kinds_and_cyrillic(targets: dict[str, SourceRecord]) -> None:
    vessel = targets["NK-2BqYpcHUPgg5MQnG9kYAkB"]
    assert vessel.party.schema == "Vessel"
    assert {(i.kind, i.value) for i in vessel.party.identifiers} == {
        ("imo", "9380673"), ("mmsi", "667001255"), ("other", "9LU2058")}
    assert vessel.party.aliases == ["Nippon Princess"]
    rmt = targets["NK-gh3Mk5vqQsVNmpp9UUobjd"]
    assert {(i.kind, i.value) for i in rmt.party.identifiers} == {
        ("ogrn", "1097800006380"), ("inn", "7805303650")}
    person = targets["NK-29dGPcB5CxPwUQt4N3ZVEj"]
    assert "УСПЕНСКАЯ Олеся Игоревна" in person.party.aliases
    assert person.party.birth_dates == ["1987-09-14"]


def test_split_cell_keeps_quoted_semicolons() -> None:
    assert split_cell('"a;b";c') == ["a;b", "c"]
    assert split_cell('""') == []


def test_other_dataset_is_generic() -> None:
    data = CSV.read_bytes().replace(b'"Ukraine War and Sanctions"', b'"Some Other List"')
    out = _csv(data)
    assert {r.designation.list_id for r in out} == {"ftm_generic"}
    assert not any(r.designation.russia_related for r in out)


def test_csv_bad_input(tmp_path: Path) -> None:
    data = CSV.read_bytes()
    with pytest.raises(SourceError, match="missing required column"):
        _csv(data.replace(b'"id","schema"', b'"ident","schema"', 1))
    cut = data[: data.index(b"Arctic LNG-2")]  # inside a quoted cell
    with pytest.raises(SourceError, match=r"line \d+"):
        _csv(cut)
    with pytest.raises(SourceError, match="cannot decode"):
        _csv(data.replace("УСПЕНСКАЯ".encode(), "Ä".encode("latin-1")))
    empty = tmp_path / "targets.simple.csv"
    empty.write_bytes(b"")
    with pytest.raises(SourceError, match="empty"):
        SourceFile.read(empty)


def test_csv_unknown_column_warns() -> None:
    header, _, rest = CSV.read_bytes().partition(b"\n")
    data = header.replace(b'"aliases"', b'"aliases_new"') + b"\n" + rest
    ctx = ParseContext(None)
    assert len(_csv(data, ctx)) == 27
    assert [w for w in ctx.warnings if "aliases_new" in w]


def test_jsonl_joins_parties_and_sanctions(targets: dict[str, SourceRecord]) -> None:
    ctx = ParseContext(date(2026, 3, 13))
    out = {r.provenance.record_id: r for r in parse_ftm([SourceFile.read(JSONL)], ctx)}
    assert ctx.warnings == []
    assert set(out) == set(targets)
    cfu = out[CFU]
    assert cfu.designation.list_id == "ua_war_sanctions"
    assert cfu.designation.program == "UA-WS-MARE"
    assert cfu.party.countries == ["hk"]
    assert ("imo", "6383023") in {(i.kind, i.value) for i in cfu.party.identifiers}
    assert cfu.provenance.line == 33
    assert all(r.designation.russia_related for r in out.values())


def _lines() -> list[dict[str, object]]:
    return [json.loads(line) for line in JSONL.read_text(encoding="utf-8").splitlines()]


def test_jsonl_sanction_dates_and_list_hint() -> None:
    party, sanction = _lines()[32:34]  # Cfu Shipping and its Sanction
    sanction = {**sanction, "datasets": ["gb_hmt_sanctions"], "properties": {
        **sanction["properties"], "listingDate": ["2024-05-09"],  # type: ignore[dict-item]
        "program": ["Russia"], "authority": ["OFSI"], "endDate": ["2025"]}}
    data = "\n".join(json.dumps(e) for e in (party, sanction)).encode()
    (record,) = _jsonl(data)
    assert record.designation.list_id == "uk_ofsi"
    assert record.designation.listing_date == date(2024, 5, 9)
    assert record.designation.date_basis is DateBasis.STATED
    assert record.designation.end_date is None  # a bare year is not a date
    assert record.designation.russia_related
    assert "sanction authority: OFSI" in record.party.notes


def test_jsonl_party_without_sanction_is_kept() -> None:
    party = _lines()[32]
    ctx = ParseContext(None)
    (record,) = _jsonl(json.dumps(party).encode(), ctx)
    assert record.designation.program == ""
    assert record.designation.list_id == "ua_war_sanctions"  # from the party's datasets
    assert any("no Sanction" in w for w in ctx.warnings)


def test_jsonl_bad_input() -> None:
    lines = JSONL.read_text(encoding="utf-8").splitlines()
    bad_schema = [*lines[:2], lines[2].replace('"schema": "Company"', '"schema": "Compnay"')]
    with pytest.raises(SourceError, match="line 3"):
        _jsonl("\n".join(bad_schema).encode())
    with pytest.raises(SourceError, match="line 2"):
        _jsonl("\n".join([lines[0], lines[1][:40]]).encode())
    with pytest.raises(SourceError, match="cannot decode"):
        _jsonl(lines[0].encode() + b"\n\xff\xfe\n")
    ctx = ParseContext(None)
    unknown = lines[0].replace('"name":', '"nickname": ["x"], "name":')
    _jsonl("\n".join([unknown, lines[1]]).encode(), ctx)
    assert [w for w in ctx.warnings if "Company.nickname" in w]


def test_sniffers_are_specific() -> None:
    jsonl_head, csv_head = JSONL.read_bytes()[:8192], CSV.read_bytes()[:8192]
    assert sniff_ftm(JSONL, jsonl_head) and not sniff_ftm(CSV, csv_head)
    assert sniff_targets(CSV, csv_head) and not sniff_targets(JSONL, jsonl_head)
    for other in (FIXTURES / "eu_fsf" / "fsf_sample_2026-08-05.xml",
                  FIXTURES / "uk" / "UK_Sanctions_List_slice.xlsx"):
        assert not sniff_ftm(other, other.read_bytes()[:8192])
        assert not sniff_targets(other, other.read_bytes()[:8192])
