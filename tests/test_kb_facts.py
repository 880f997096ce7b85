"""Known facts, checked on a knowledge base built from the bundled snapshot."""

from __future__ import annotations

from datetime import date

import duckdb


def _records_named(con: duckdb.DuckDBPyConnection, pattern: str) -> list[tuple[object, ...]]:
    return con.execute(
        """SELECT DISTINCT r.list_id, r.listing_date, r.date_lower, r.date_upper, r.date_basis,
                  r.russia_related, r.countries, r.record_key
           FROM records r JOIN names n USING (record_key)
           WHERE n.name ILIKE ? ORDER BY r.list_id, r.record_key""", [pattern]).fetchall()


def test_sinno_is_on_sdn_from_2022_12_28_and_on_bis_but_on_no_eu_list(
        bundled_kb: duckdb.DuckDBPyConnection) -> None:
    rows = _records_named(bundled_kb, "%sinno electronics%")
    lists = {r[0] for r in rows}
    assert "us_ofac_sdn" in lists and "us_bis_entity" in lists
    assert not any(str(r[0]).startswith("eu_") for r in rows)
    sdn = [r for r in rows if r[0] == "us_ofac_sdn"]
    assert len(sdn) == 1
    _, stated, lower, upper, basis, russia, countries, _ = sdn[0]
    assert stated is None and basis == "snapshot"
    assert (lower, upper) == (date(2022, 2, 23), date(2022, 12, 28))
    assert russia is True
    assert "hk" in countries  # "Registration Number 1401029 (Hong Kong)"
    bis = [r for r in rows if r[0] == "us_bis_entity"]
    assert any(r[1] == date(2022, 6, 30) and r[4] == "stated" and r[5] for r in bis)


def test_sinno_sightings_cover_every_later_snapshot(bundled_kb: duckdb.DuckDBPyConnection) -> None:
    seen = bundled_kb.execute(
        """SELECT s.snapshot_date FROM sightings s JOIN records r USING (record_key)
           WHERE r.list_id = 'us_ofac_sdn' AND r.record_id = '38641' ORDER BY 1""").fetchall()
    dates = [d for (d,) in seen]
    assert dates[0] == date(2022, 12, 28)
    assert date(2024, 5, 3) in dates and date(2025, 12, 1) in dates
    assert date(2022, 2, 23) not in dates


def test_tordan_is_on_eu_annex_iv_from_2023_06_23(bundled_kb: duckdb.DuckDBPyConnection) -> None:
    rows = _records_named(bundled_kb, "tordan industry%")
    annex_iv = [r for r in rows if r[0] == "eu_833_annex_iv"]
    assert annex_iv and annex_iv[0][1] == date(2023, 6, 23)
    assert annex_iv[0][4] == "stated" and annex_iv[0][5] is True
    assert "hk" in annex_iv[0][6]


def test_dalian_machine_tool_entries_are_eu_269_only(bundled_kb: duckdb.DuckDBPyConnection) -> None:
    rows = _records_named(bundled_kb, "general technology group dalian machine tool%")
    keys = {r[7] for r in rows}
    assert len(keys) == 2
    assert {r[0] for r in rows} == {"eu_269_annex_i"}
    assert {r[1] for r in rows} == {date(2025, 5, 20)}
    assert all("cn" in r[6] for r in rows)


def test_hikvision_entity_listing_is_not_russia_related(
        bundled_kb: duckdb.DuckDBPyConnection) -> None:
    rows = _records_named(bundled_kb, "%hikvision%")
    bis = [r for r in rows if r[0] == "us_bis_entity"]
    assert bis and all(r[5] is False for r in bis)
    assert any(r[1] is not None and r[1].year == 2019 for r in bis)


def test_every_record_keeps_provenance(bundled_kb: duckdb.DuckDBPyConnection) -> None:
    missing = bundled_kb.execute(
        """SELECT count(*) FROM records WHERE source_file IS NULL OR length(sha256) <> 64
           OR record_id IS NULL OR russia_rule IS NULL OR russia_rule = ''""").fetchone()
    assert missing == (0,)
    digests = {d for (d,) in bundled_kb.execute("SELECT DISTINCT sha256 FROM records").fetchall()}
    published = {d for (ds,) in bundled_kb.execute("SELECT sha256 FROM sources").fetchall()
                 for d in ds}
    assert digests <= published


def test_china_and_hong_kong_are_kept_apart(bundled_kb: duckdb.DuckDBPyConnection) -> None:
    counts = dict(bundled_kb.execute(
        """SELECT c, count(*) FROM (SELECT unnest(countries) AS c FROM records)
           WHERE c IN ('cn', 'hk') GROUP BY c""").fetchall())
    assert counts.get("cn", 0) > 500 and counts.get("hk", 0) > 100


def test_delisting_is_bounded_by_snapshots(bundled_kb: duckdb.DuckDBPyConnection) -> None:
    row = bundled_kb.execute(
        """SELECT count(*) FROM records WHERE list_id = 'us_ofac_sdn' AND end_date IS NOT NULL
           AND end_date <= last_seen""").fetchone()
    assert row == (0,)
    delisted = bundled_kb.execute(
        "SELECT count(*) FROM records WHERE list_id = 'us_ofac_sdn' AND end_date IS NOT NULL"
    ).fetchone()
    assert delisted is not None and delisted[0] > 100
