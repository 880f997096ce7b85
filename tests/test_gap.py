"""The designation gap: date rules, counts against direct SQL, known facts, bad input."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import duckdb
import pytest
import typer
from typer.testing import CliRunner

from sanctiongap.cli_gap import register
from sanctiongap.errors import QueryError
from sanctiongap.gap import run_gap
from sanctiongap.gap_checks import parse_countries, parse_date
from sanctiongap.gap_claim import CLAIM_QUERY, check_claim, is_claim_query
from sanctiongap.gap_dates import (
    LISTED,
    NOT_LISTED,
    POSSIBLY,
    count_on_days,
    describe,
    month_ends,
    record_span,
)
from sanctiongap.gap_export import to_csv, to_json
from sanctiongap.gap_model import GapQuery, GapResult
from tests import gap_synth

AS_OF = date(2024, 4, 13)
SINCE = date(2022, 2, 24)


# --- the date rules ------------------------------------------------------------------


def test_snapshot_bound_record_is_possibly_listed_between_its_snapshots() -> None:
    span = record_span(None, date(2022, 2, 23), date(2022, 12, 28), None, date(2024, 5, 3))
    assert span.status(date(2022, 2, 23)) == NOT_LISTED
    assert span.status(date(2022, 2, 24)) == POSSIBLY
    assert span.status(date(2022, 12, 27)) == POSSIBLY
    assert span.status(date(2022, 12, 28)) == LISTED
    assert span.status(date(2030, 1, 1)) == LISTED


def test_stated_date_leaves_no_doubt_and_removal_window_is_possible() -> None:
    stated = record_span(date(2022, 6, 30), None, date(2022, 6, 30), None, None)
    assert stated.status(date(2022, 6, 29)) == NOT_LISTED
    assert stated.status(date(2022, 6, 30)) == LISTED
    removed = record_span(None, None, date(2022, 2, 23), date(2024, 5, 3), date(2022, 12, 28))
    assert removed.status(date(2020, 1, 1)) == POSSIBLY  # before the oldest snapshot
    assert removed.status(date(2022, 12, 28)) == LISTED
    assert removed.status(date(2023, 1, 1)) == POSSIBLY  # removed somewhere in between
    assert removed.status(date(2024, 5, 3)) == NOT_LISTED


def test_count_on_days_merges_an_entitys_records() -> None:
    days = [date(2022, 1, 31), date(2022, 6, 30), date(2023, 1, 31)]
    a = record_span(date(2022, 6, 1), None, date(2022, 6, 1), None, None)
    b = record_span(None, date(2022, 2, 23), date(2022, 12, 28), None, None)
    certain, upper = count_on_days([[a, b], [b]], days)
    assert certain == [0, 1, 2]
    assert upper == [0, 2, 2]


def test_month_ends_stop_at_the_as_of_date() -> None:
    days = month_ends(date(2022, 11, 15), date(2023, 2, 10))
    assert days == [date(2022, 11, 30), date(2022, 12, 31), date(2023, 1, 31), date(2023, 2, 10)]


def test_describe_shows_the_snapshot_bound() -> None:
    assert describe(None, "snapshot", date(2022, 2, 23), date(2022, 12, 28), date(2022, 12, 28),
                    None) == "2022-12-28 (first seen; after 2022-02-23)"
    assert describe(None, "snapshot", None, date(2021, 4, 25), date(2021, 4, 25),
                    None).startswith("on or before 2021-04-25")
    assert describe(date(2023, 6, 23), "stated", None, None, date(2023, 6, 23),
                    date(2025, 1, 1)) == "2023-06-23; off the list by 2025-01-01"


# --- a synthetic KB with known answers ---------------------------------------------------


@pytest.fixture(scope="module")
def synth_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return gap_synth.build(tmp_path_factory.mktemp("synth") / "synth.duckdb")


@pytest.fixture(scope="module")
def synth_clustered_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return gap_synth.build(tmp_path_factory.mktemp("synthc") / "synth.duckdb", clusters=True)


@pytest.fixture()
def synth(synth_path: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    con = duckdb.connect(str(synth_path), read_only=True)
    yield con
    con.close()


def _query(**kw: object) -> GapQuery:
    base: dict[str, object] = {"as_of": AS_OF, "since": SINCE}
    base.update(kw)
    return GapQuery(**base)  # type: ignore[arg-type]


def test_synthetic_counts_unresolved(synth: duckdb.DuckDBPyConnection) -> None:
    r = run_gap(synth, _query())
    sdn = r.row("us_ofac_sdn").counts["all"]
    # A (pre-invasion) and B (first seen 2022-12-28) listed; C (first seen after the date)
    # and D (removed before the next snapshot) only possibly; E out of scope; F not Russia.
    assert (sdn.listed, sdn.added, sdn.possibly) == (2, 1, 2)
    assert r.count("us_bis_entity") == 2
    us = r.row("US").counts
    assert (us["all"].listed, us["all"].added, us["all"].possibly) == (4, 3, 2)
    assert (us["cn"].listed, us["hk"].listed) == (2, 2)
    assert r.count("EU") == 1 and r.count("EU", "hk", "added") == 1
    assert {o.label: o.count for o in r.overlap if o.count} == {"US only": 4, "EU only": 1}
    assert not r.resolved
    assert any("Resolution has not run" in c for c in r.caveats)


def test_synthetic_counts_resolved_count_an_entity_once(synth_clustered_path: Path) -> None:
    with duckdb.connect(str(synth_clustered_path), read_only=True) as con:
        r = run_gap(con, _query())
        assert r.resolved
        assert (r.count("US"), r.count("US", what="added")) == (3, 2)
        beta = next(m for m in r.matrix if m.canonical_id == "canon-beta")
        assert beta.caption == "Beta Ltd"
        assert set(beta.cells) == {"us_ofac_sdn", "us_bis_entity", "eu_833_annex_iv"}
        assert beta.cells["eu_833_annex_iv"].status == NOT_LISTED  # listed 2024-06-24
        later = run_gap(con, _query(as_of=date(2024, 7, 1)))
        assert {o.label: o.count for o in later.overlap if o.count} == {
            "US only": 3, "US ∩ EU": 1, "EU only": 1}  # Gamma certain by then, Delta gone


def test_synthetic_matrix_filter_and_cells(synth: duckdb.DuckDBPyConnection) -> None:
    r = run_gap(synth, _query(only_in="US", not_in="EU"))
    names = {m.caption for m in r.filtered_matrix()}
    assert "Theta Industry Limited" not in names and "Alpha Tech Co., Limited" in names
    gamma = next(m for m in r.matrix if m.caption == "Gamma Trading")
    assert gamma.cells["us_ofac_sdn"].text == "possibly: 2024-05-03 (first seen; after 2022-12-28)"
    assert gamma.groups["US"] == POSSIBLY
    theta = next(m for m in r.matrix if m.caption == "Theta Industry Limited")
    assert "西塔工业有限公司" in theta.other_names


def test_timeline_ends_at_the_headline(synth: duckdb.DuckDBPyConnection) -> None:
    r = run_gap(synth, _query())
    for key in ("US", "EU"):
        points = [p for p in r.timeline if p.group == key]
        assert points[-1].month == AS_OF and points[-1].listed == r.count(key)
        assert all(p.upper >= p.listed for p in points)
    us = [p for p in r.timeline if p.group == "US"]
    assert us[0].month == date(2022, 2, 28)  # starts at the first SDN snapshot's month


def test_theme_all_counts_other_programmes(synth: duckdb.DuckDBPyConnection) -> None:
    assert run_gap(synth, _query(theme="all")).count("us_ofac_sdn") == 3  # + Zeta (Iran)


def test_exports_round_trip(synth: duckdb.DuckDBPyConnection) -> None:
    r = run_gap(synth, _query())
    doc = json.loads(to_json(r))
    assert doc["query"]["as_of"] == "2024-04-13"
    us_all = next(h for h in doc["headline"] if h["group"] == "US" and h["scope"] == "all")
    assert us_all["listed"] == 4 and us_all["added_since"] == 3
    assert doc["method"] and doc["caveats"]
    assert "# matrix" in to_csv(r)


# --- bad input ------------------------------------------------------------------------


@pytest.mark.parametrize(("query", "message"), [
    (GapQuery(theme="war"), "unknown theme"),
    (GapQuery(jurisdictions=("FR",)), "unknown jurisdiction"),
    (GapQuery(jurisdictions=("JP",)), "no list of jurisdiction"),
    (GapQuery(lists=("xx_list",)), "not in the knowledge base"),
    (GapQuery(as_of=date(1990, 1, 1)), "before"),
    (GapQuery(as_of=date(2022, 1, 1)), "first snapshot"),  # before the first SDN snapshot
    (GapQuery(as_of=date(2023, 1, 1), since=date(2023, 6, 1)), "after --as-of"),
    (GapQuery(only_in="FR"), "not a jurisdiction or list"),
])
def test_bad_queries_raise(synth: duckdb.DuckDBPyConnection, query: GapQuery,
                           message: str) -> None:
    with pytest.raises(QueryError, match=message):
        run_gap(synth, query)


def test_parse_rejects_bad_country_and_date() -> None:
    assert parse_countries("CN, hk") == ("cn", "hk")
    assert parse_countries("all") == ()
    with pytest.raises(QueryError, match="unknown country code"):
        parse_countries("CN,XX")
    with pytest.raises(QueryError, match="not a date"):
        parse_date("13/04/2024", "--as-of")
    with pytest.raises(QueryError, match="not a real calendar date"):
        parse_date("2024-02-30", "--as-of")


def test_empty_kb_is_an_error_not_zero(tmp_path: Path) -> None:
    path = gap_synth.build(tmp_path / "empty.duckdb", empty=True)
    with duckdb.connect(str(path), read_only=True) as con, \
            pytest.raises(QueryError, match="no records"):
        run_gap(con, GapQuery())


def _cli() -> typer.Typer:
    app = typer.Typer()
    register(app)
    return app


@pytest.mark.parametrize(("args", "message"), [
    (["--country", "CN,XX"], "unknown country code"),
    (["--as-of", "yesterday"], "not a date"),
    (["--as-of", "1990-01-01"], "before"),
    (["--jurisdiction", "US,FR"], "unknown jurisdiction"),
    (["--format", "xml"], "unknown --format"),
])
def test_cli_bad_input_exits_nonzero_with_a_message(synth_path: Path, args: list[str],
                                                    message: str) -> None:
    result = CliRunner().invoke(_cli(), ["gap", "--kb", str(synth_path), *args])
    assert result.exit_code != 0
    assert message in result.output.replace("\n", " ")


def test_cli_empty_kb_exits_nonzero(tmp_path: Path) -> None:
    path = gap_synth.build(tmp_path / "empty.duckdb", empty=True)
    result = CliRunner().invoke(_cli(), ["gap", "--kb", str(path)])
    assert result.exit_code != 0 and "no records" in result.output


def test_cli_json_and_table(synth_path: Path) -> None:
    runner = CliRunner()
    out = runner.invoke(_cli(), ["gap", "--kb", str(synth_path), "--as-of", "2024-04-13",
                                 "--format", "json"])
    assert out.exit_code == 0, out.output
    assert json.loads(out.output)["query"]["countries"] == ["cn", "hk"]
    table = runner.invoke(_cli(), ["gap", "--kb", str(synth_path), "--as-of", "2024-04-13",
                                   "--list-only-in", "US", "--not-in", "EU"])
    assert table.exit_code == 0, table.output
    assert "listed by US, not by EU" in table.output and "Method" in table.output
    csv_out = runner.invoke(_cli(), ["gap", "--kb", str(synth_path), "--format", "csv",
                                     "--table", "headline"])
    assert csv_out.output.startswith("group,kind,jurisdiction")


# --- the bundled snapshot: against direct SQL, and known facts --------------------------

# The scope rule in SQL: an entity's home countries are those named by the most of its
# records (each record votes once per country).
_SCOPE_CTE = """
rec AS (
    SELECT r.*, coalesce(c.canonical_id, r.record_key) AS cid,
           coalesce(r.effective_date, r.first_seen, r.snapshot_date) AS cf
    FROM records r LEFT JOIN clusters c USING (record_key)
), votes AS (
    SELECT cid, code, count(*) AS n
    FROM (SELECT cid, unnest(list_distinct(countries)) AS code FROM rec) GROUP BY ALL
), ent AS (
    SELECT DISTINCT v.cid FROM votes v
    JOIN (SELECT cid, max(n) AS top FROM votes GROUP BY cid) t ON v.cid = t.cid AND v.n = t.top
    WHERE v.code IN ('cn', 'hk')
)
"""
_DIRECT_SQL = "WITH " + _SCOPE_CTE + """, grp AS (
    SELECT rec.*,
      cf <= $t AND (end_date IS NULL OR ($t < end_date
                    AND (last_seen IS NULL OR last_seen >= end_date OR $t <= last_seen)))
        AS on_t,
      (cf <= $b AND (end_date IS NULL OR ($b < end_date
                    AND (last_seen IS NULL OR last_seen >= end_date OR $b <= last_seen))))
      OR ($b >= CASE WHEN listing_date IS NOT NULL THEN cf
                     WHEN date_lower IS NOT NULL THEN date_lower + 1 ELSE DATE '0001-01-01' END
          AND (end_date IS NULL OR $b < end_date)) AS maybe_b
    FROM rec JOIN ent USING (cid)
    WHERE list_contains($lists, list_id) AND russia_related
)
SELECT count(DISTINCT cid) FILTER (WHERE on_t),
       count(DISTINCT cid) FILTER (WHERE on_t AND cid NOT IN
           (SELECT cid FROM grp WHERE maybe_b))
FROM grp
"""


@pytest.fixture(scope="module")
def bundled_result(bundled_kb_path: Path) -> GapResult:
    with duckdb.connect(str(bundled_kb_path), read_only=True) as con:
        return run_gap(con, _query())


@pytest.mark.parametrize("key", ["us_ofac_sdn", "us_bis_entity", "US", "eu_833_annex_iv",
                                 "eu_269_annex_i", "EU", "UK"])
def test_bundled_headline_matches_direct_sql(bundled_kb: duckdb.DuckDBPyConnection,
                                             bundled_result: GapResult, key: str) -> None:
    group = next(g for g in bundled_result.groups if g.key == key)
    listed, added = bundled_kb.execute(_DIRECT_SQL, {
        "t": AS_OF, "b": SINCE - timedelta(days=1), "lists": list(group.list_ids)}).fetchone() \
        or (None, None)
    assert bundled_result.count(key) == listed
    assert bundled_result.count(key, what="added") == added


def test_bundled_possibly_listed_sdn_matches_sql(bundled_kb: duckdb.DuckDBPyConnection,
                                                 bundled_result: GapResult) -> None:
    # SDN entries first seen in the 2024-05-03 snapshot straddle 2024-04-13.
    row = bundled_kb.execute("WITH " + _SCOPE_CTE + """
        SELECT count(DISTINCT cid) FROM rec JOIN ent USING (cid)
        WHERE list_id = 'us_ofac_sdn' AND russia_related AND date_basis = 'snapshot'
          AND date_lower < DATE '2024-04-13' AND date_upper > DATE '2024-04-13'
          AND cid NOT IN (SELECT cid FROM rec WHERE list_id = 'us_ofac_sdn' AND russia_related
                          AND cf <= DATE '2024-04-13')""").fetchone()
    assert row is not None and row[0] > 0
    assert bundled_result.row("us_ofac_sdn").counts["all"].possibly == row[0]


def test_bundled_sinno_is_us_listed_not_eu(bundled_result: GapResult) -> None:
    rows = [m for m in bundled_result.matrix if "sinno electronics" in m.caption.lower()]
    assert rows
    assert all(m.groups["EU"] == NOT_LISTED for m in rows)
    assert any(m.groups["US"] == LISTED for m in rows)
    cells = {x: c.text for m in rows for x, c in m.cells.items() if c.status}
    assert cells["us_ofac_sdn"] == "2022-12-28 (first seen; after 2022-02-23)"
    assert cells["us_bis_entity"] == "2022-06-30"
    assert not any(x.startswith("eu_") for x in cells)


def test_bundled_tordan_is_eu_annex_iv_from_2023_06_23(bundled_kb: duckdb.DuckDBPyConnection,
                                                       bundled_result: GapResult) -> None:
    rows = [m for m in bundled_result.matrix if m.caption.lower().startswith("tordan industry")]
    assert rows and rows[0].cells["eu_833_annex_iv"].text == "2023-06-23"
    assert rows[0].groups["EU"] == LISTED and rows[0].added["EU"]
    before = run_gap(bundled_kb, _query(as_of=date(2023, 6, 22)))
    assert not any(m.caption.lower().startswith("tordan industry")
                   and m.groups["EU"] for m in before.matrix)


def test_bundled_scopes_add_up(bundled_result: GapResult) -> None:
    for row in bundled_result.headline:
        c = row.counts
        both = sum(1 for m in bundled_result.matrix
                   if m.groups[row.group.key] == LISTED and {"cn", "hk"} <= set(m.countries))
        assert c["cn"].listed + c["hk"].listed - both == c["all"].listed


def test_bundled_overlap_adds_up(bundled_result: GapResult) -> None:
    for key in ("US", "EU", "UK"):
        assert sum(o.count for o in bundled_result.overlap if key in o.groups) == \
            bundled_result.count(key)


def test_bundled_claim_comparison(bundled_kb: duckdb.DuckDBPyConnection) -> None:
    check = check_claim(bundled_kb)
    assert is_claim_query(check.result.query)
    assert check.result.query.as_of == CLAIM_QUERY.as_of == date(2024, 4, 13)
    us, sdn, bis = (check.figures[k]["all"] for k in ("US", "us_ofac_sdn", "us_bis_entity"))
    assert max(sdn, bis) <= us <= sdn + bis
    eu = check.figures["EU"]["all"]
    assert check.figures["eu_833_annex_iv"]["all"] <= eu
    text = " ".join(check.paragraphs)
    assert f"{us} entities in mainland China or Hong Kong" in text
    assert f"Annex IV of Reg. 833/2014 accounts for {check.figures['eu_833_annex_iv']['all']}" \
        in text
    assert any("snapshot" in c for c in check.caveats)


def test_bundled_default_as_of_is_the_last_snapshot(bundled_kb: duckdb.DuckDBPyConnection) -> None:
    r = run_gap(bundled_kb, GapQuery())
    assert r.query.as_of == r.kb_snapshots[1]
