"""A tiny knowledge base with known answers, for the gap and report tests.

Real names are not needed here: each record is built to sit on one side of one date
rule (first seen between two snapshots, removed between two snapshots, a stated date
just before or after the as-of date, out of scope by country or by theme).  The
bundled-snapshot tests check the same code against the real lists.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from sanctiongap import kb
from sanctiongap.model import DateBasis, Designation, Party, Provenance, SourceRecord
from sanctiongap.timeline import merge_snapshots

SDN_SNAPS = (date(2022, 2, 23), date(2022, 12, 28), date(2024, 5, 3))
BIS_SNAP = date(2026, 7, 9)
EU_SNAP = date(2026, 7, 17)
SCRIPT_NAME = 'Beta <script>alert("x")</script> & Sons Ltd'


def _sdn(record_id: str, name: str, countries: list[str], snap: date,
         program: str = "RUSSIA-EO14024") -> SourceRecord:
    return SourceRecord(
        Party("Company", name, countries=countries, addresses=[f"1 Road, {countries[0]}"]),
        Designation("us_ofac_sdn", program, russia_related=program.startswith("RUSSIA"),
                    russia_rule=f"OFAC program {program}", measures=["asset freeze"]),
        Provenance(f"sdn_{snap}/sdn.csv", "a" * 64, snap, record_id, line=int(record_id)))


def _stated(list_id: str, record_id: str, name: str, countries: list[str], listed: date,
            snap: date, aliases: list[str] | None = None) -> SourceRecord:
    return SourceRecord(
        Party("Company", name, aliases=aliases or [], countries=countries),
        Designation(list_id, "Russia", listing_date=listed, date_basis=DateBasis.STATED,
                    russia_related=True, russia_rule="every listing is Russia-related",
                    reason="supplies <b>drones</b>"),
        Provenance(f"{list_id}.file", "b" * 64, snap, record_id, line=7))


def sdn_snapshot(snap: date) -> list[SourceRecord]:
    """The SDN records one snapshot holds."""
    recs = []
    if snap in SDN_SNAPS:  # A: held by every snapshot -> on or before the first
        recs.append(_sdn("1", "Alpha Tech Co., Limited", ["hk"], snap))
    if snap >= SDN_SNAPS[1]:  # B: first seen 2022-12-28, after 2022-02-23
        recs.append(_sdn("2", SCRIPT_NAME, ["cn"], snap))
    if snap == SDN_SNAPS[2]:  # C: first seen 2024-05-03 -> possibly on 2024-04-13
        recs.append(_sdn("3", "Gamma Trading", ["cn"], snap))
    if snap in SDN_SNAPS[:2]:  # D: gone by 2024-05-03 -> possibly still on 2024-04-13
        recs.append(_sdn("4", "Delta Removed", ["cn"], snap))
    recs.append(_sdn("5", "OOO Epsilon", ["ru"], snap))  # out of scope
    recs.append(_sdn("6", "Zeta Iran Co", ["cn"], snap, program="IRAN"))  # other theme
    return recs


def build(path: Path, *, clusters: bool = False, empty: bool = False) -> Path:
    """Write the synthetic knowledge base to ``path``."""
    bis = [_stated("us_bis_entity", "b1", "Beta Ltd", ["cn"], date(2022, 6, 30), BIS_SNAP),
           _stated("us_bis_entity", "b2", "Eta Electronics", ["hk"], date(2023, 10, 11),
                   BIS_SNAP),
           _stated("us_bis_entity", "b3", "Iota Old Listing", ["cn"], date(2019, 5, 16),
                   BIS_SNAP)]
    bis[2].designation.russia_related = False  # an older, non-Russia listing
    eu = [_stated("eu_833_annex_iv", "e1", "Theta Industry Limited", ["hk"], date(2023, 6, 23),
                  EU_SNAP, aliases=["西塔工业有限公司"]),
          _stated("eu_833_annex_iv", "e2", "Beta Ltd", ["cn"], date(2024, 6, 24), EU_SNAP)]
    parsed: list[tuple[int, date | None, list[SourceRecord]]] = [
        (i, snap, sdn_snapshot(snap)) for i, snap in enumerate(SDN_SNAPS)]
    parsed += [(3, BIS_SNAP, bis), (4, EU_SNAP, eu)]
    merged = merge_snapshots(parsed, [])
    sources: list[dict[str, object]] = [{
        "source_id": i + 1, "list_ids": sorted({r.designation.list_id for r in recs}),
        "format": "synthetic", "path": f"synthetic/{i}", "files": [f"synthetic/{i}.csv"],
        "sha256": ["c" * 64], "snapshot_date": snap, "role": "records", "records": len(recs),
        "warnings": 0, "seconds": 0.0} for i, snap, recs in parsed]
    with kb.building(path) as con:
        if empty:
            con.execute(kb.SCHEMA)
            return path
        kb.write(con, merged, sources, [])
        if clusters:
            for key in ("us_ofac_sdn:2", "us_bis_entity:b1", "eu_833_annex_iv:e2"):
                con.execute("INSERT INTO clusters VALUES (?, 'canon-beta')", [key])
            con.execute("INSERT INTO canonical VALUES ('canon-beta', 'Beta Ltd', 'Company', "
                        "['cn'], 3)")
            con.execute("INSERT INTO merges VALUES ('canon-beta', 'us_ofac_sdn:2', "
                        "'us_bis_entity:b1', 0.93, 'same name after removing legal forms')")
    return path
