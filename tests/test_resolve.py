"""Resolution of the known multi-list companies on the bundled knowledge base."""

from __future__ import annotations

import duckdb
import pytest

from sanctiongap.resolve import same_list_key


def _clusters(con: duckdb.DuckDBPyConnection, pattern: str) -> dict[str, set[str]]:
    rows = con.execute(
        """SELECT DISTINCT c.canonical_id, r.list_id FROM records r
           JOIN clusters c USING (record_key) JOIN names n USING (record_key)
           WHERE n.name ILIKE ?""", [pattern]).fetchall()
    out: dict[str, set[str]] = {}
    for cid, list_id in rows:
        out.setdefault(cid, set()).add(list_id)
    return out


@pytest.mark.parametrize(("pattern", "lists"), [
    ("%sinno electronics%", {"us_ofac_sdn", "us_bis_entity", "uk_ofsi"}),
    ("tordan industry%", {"us_ofac_sdn", "us_bis_entity", "eu_833_annex_iv"}),
    ("asia pacific links%", {"us_ofac_sdn", "us_bis_entity", "eu_833_annex_iv",
                             "eu_269_annex_i", "uk_ofsi"}),
    ("%yilufa%", {"us_ofac_sdn", "eu_833_annex_iv"}),
    ("%jinmingsheng%", {"us_ofac_sdn", "eu_833_annex_iv"}),
])
def test_known_multi_list_companies_resolve_to_one_entity(
        bundled_kb: duckdb.DuckDBPyConnection, pattern: str, lists: set[str]) -> None:
    clusters = _clusters(bundled_kb, pattern)
    assert len(clusters) == 1, clusters
    assert lists <= next(iter(clusters.values()))


def test_chinese_script_name_joins_its_english_listing(
        bundled_kb: duckdb.DuckDBPyConnection) -> None:
    # OFSI gives Sinno's Chinese name; the entity holds it and the SDN record.
    rows = bundled_kb.execute(
        """SELECT DISTINCT c2.record_key FROM names n JOIN clusters c USING (record_key)
           JOIN clusters c2 ON c2.canonical_id = c.canonical_id
           WHERE n.name = '信諾電子科技有限公司'""").fetchall()
    assert "us_ofac_sdn:38641" in {r[0] for r in rows}


def test_dalian_machine_tool_companies_stay_apart(bundled_kb: duckdb.DuckDBPyConnection) -> None:
    clusters = _clusters(bundled_kb, "general technology group dalian machine tool%")
    assert len(clusters) == 2


def test_arzamas_plants_of_two_trades_stay_apart(
        bundled_kb: duckdb.DuckDBPyConnection) -> None:
    # The machine-building plant (OFSI, EU 269, OFAC) and the instrument-making plant
    # named after Plandin (EU 269 and 833, BIS, OFAC, Ukraine) are two firms.
    machine = _clusters(bundled_kb, "%arzamas machine%building plant%")
    instrument = _clusters(bundled_kb, "%arzamas instrument%plant%")
    assert len(machine) == 1 and len(instrument) == 1, (machine, instrument)
    assert machine.keys() != instrument.keys()
    assert len(next(iter(instrument.values()))) >= 4


def test_acronyms_that_fold_alike_stay_apart(bundled_kb: duckdb.DuckDBPyConnection) -> None:
    # BIS "AOOK Technology Limited" (Hong Kong) is not the AUC of Colombia (OFAC SDN).
    aook = _clusters(bundled_kb, "aook technology limited")
    auc = _clusters(bundled_kb, "united self-defense forces of colombia")
    assert aook and auc and not aook.keys() & auc.keys()


def test_every_merge_is_explained(bundled_kb: duckdb.DuckDBPyConnection) -> None:
    row = bundled_kb.execute(
        "SELECT count(*), count(*) FILTER (WHERE explanation IS NULL OR explanation = '' "
        "OR score < 0.9) FROM merges").fetchone()
    assert row is not None and row[0] > 1000 and row[1] == 0
    sinno = bundled_kb.execute(
        """SELECT m.explanation FROM merges m JOIN clusters c ON c.record_key = m.left_key
           OR c.record_key = m.right_key WHERE c.record_key = 'us_ofac_sdn:38641'""").fetchall()
    assert sinno and any("name_" in e for (e,) in sinno)


def test_a_cluster_holds_one_name_per_list(bundled_kb: duckdb.DuckDBPyConnection) -> None:
    rows = bundled_kb.execute(
        """SELECT c.canonical_id, r.list_id, list(DISTINCT r.caption) FROM records r
           JOIN clusters c USING (record_key) GROUP BY 1, 2 HAVING count(*) > 1""").fetchall()
    for _, _, captions in rows:
        assert len({same_list_key(c) for c in captions}) == 1, captions


def test_generic_names_do_not_chain(bundled_kb: duckdb.DuckDBPyConnection) -> None:
    row = bundled_kb.execute("SELECT max(records) FROM canonical").fetchone()
    assert row is not None and row[0] <= 12
