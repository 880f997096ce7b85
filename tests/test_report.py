"""The static report: pages, escaping, offline assets, downloads, figures."""

from __future__ import annotations

import csv
import json
import re
import time
from pathlib import Path

import duckdb
import pytest

from sanctiongap.entities import scope_ids, slugs
from sanctiongap.gap_model import GapQuery
from sanctiongap.report import ReportSummary, build_report
from sanctiongap.report.charts import Bar, bars_svg, nice_max
from sanctiongap.report.html import esc
from tests import gap_synth

QUERY = GapQuery(as_of=gap_synth.date(2024, 4, 13))
# Anything that would make a browser fetch from the network.
_REMOTE = re.compile(r'(<script[^>]+src="https?:|<link[^>]+href="https?:|<img[^>]+src="https?:|'
                     r"@import|url\(\s*['\"]?https?:)", re.IGNORECASE)


@pytest.fixture(scope="module")
def synth_report(tmp_path_factory: pytest.TempPathFactory) -> tuple[ReportSummary, Path]:
    base = tmp_path_factory.mktemp("report")
    kb_path = gap_synth.build(base / "synth.duckdb", clusters=True)
    with duckdb.connect(str(kb_path), read_only=True) as con:
        summary = build_report(con, base / "site", QUERY)
    return summary, kb_path


def _html_files(out: Path) -> list[Path]:
    return sorted(out.rglob("*.html"))


def test_site_has_every_page(synth_report: tuple[ReportSummary, Path]) -> None:
    summary, kb_path = synth_report
    out = summary.out_dir
    for name in ("index.html", "matrix.html", "methods.html", "downloads.html",
                 "assets/style.css", "assets/matrix.js", "data/result.json"):
        assert (out / name).is_file(), name
    with duckdb.connect(str(kb_path), read_only=True) as con:
        expected = set(scope_ids(con, ("cn", "hk")))
    pages = {p.stem for p in (out / "entity").glob("*.html")}
    assert pages == set(slugs(sorted(expected)).values())
    assert "canon-beta" in pages and summary.entity_pages == len(expected)


def test_list_text_is_escaped_everywhere(synth_report: tuple[ReportSummary, Path]) -> None:
    out = synth_report[0].out_dir
    files = _html_files(out)
    for path in files:
        text = path.read_text(encoding="utf-8")
        assert "<script>alert" not in text, path
        assert "<b>drones</b>" not in text, path
    matrix = (out / "matrix.html").read_text(encoding="utf-8")
    assert esc(gap_synth.SCRIPT_NAME) in matrix
    entity = (out / "entity" / "canon-beta.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in entity
    assert "supplies &lt;b&gt;drones&lt;/b&gt;" in entity


def test_site_is_offline(synth_report: tuple[ReportSummary, Path]) -> None:
    out = synth_report[0].out_dir
    for path in [*_html_files(out), out / "assets" / "style.css"]:
        assert not _REMOTE.search(path.read_text(encoding="utf-8")), path
    index = (out / "index.html").read_text(encoding="utf-8")
    assert 'href="assets/style.css"' in index  # relative, so file:// works
    entity = (out / "entity" / "canon-beta.html").read_text(encoding="utf-8")
    assert 'href="../assets/style.css"' in entity and 'href="../matrix.html"' in entity


def test_index_shows_the_headline_and_charts(synth_report: tuple[ReportSummary, Path]) -> None:
    summary = synth_report[0]
    index = (summary.out_dir / "index.html").read_text(encoding="utf-8")
    us = summary.result.count("US")
    assert re.search(r'data-group="US".*?data-figure="listed">' + str(us) + "<", index, re.S)
    assert '<svg class="chart timeline"' in index and "<polyline" in index
    values = [int(v) for v in re.findall(r'class="bar" data-value="(\d+)"', index)]
    assert values and max(values) > 0
    assert "more than 100" in index  # the claim section (scope includes cn/hk)


def test_entity_page_traces_every_listing(synth_report: tuple[ReportSummary, Path]) -> None:
    page = (synth_report[0].out_dir / "entity" / "canon-beta.html").read_text(encoding="utf-8")
    for needle in ("us_ofac_sdn", "us_bis_entity", "eu_833_annex_iv", "a" * 64, "b" * 64,
                   "sdn_2024-05-03/sdn.csv", "2022-12-28 (first seen; after 2022-02-23)",
                   "2022-06-30", "same name after removing legal forms", "0.93"):
        assert needle in page, needle
    theta = next((synth_report[0].out_dir / "entity").glob("eu_833_annex_iv-e1*.html"))
    assert "西塔工业有限公司" in theta.read_text(encoding="utf-8")


def test_downloads_match_the_result(synth_report: tuple[ReportSummary, Path]) -> None:
    summary = synth_report[0]
    data = summary.out_dir / "data"
    with (data / "headline.csv").open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    us = next(r for r in rows if r["group"] == "US" and r["scope"] == "all")
    assert int(us["listed"]) == summary.result.count("US")
    matrix = json.loads((data / "matrix.json").read_text(encoding="utf-8"))
    assert len(matrix) == len(summary.result.matrix)
    downloads = (summary.out_dir / "downloads.html").read_text(encoding="utf-8")
    for name in ("headline", "matrix", "timeline", "overlap", "lists", "sources", "claim"):
        assert f"data/{name}.csv" in downloads and (data / f"{name}.json").is_file()


def test_methods_page_credits_and_sources(synth_report: tuple[ReportSummary, Path]) -> None:
    page = (synth_report[0].out_dir / "methods.html").read_text(encoding="utf-8")
    assert "OpenSanctions" in page and "CC BY-NC 4.0" in page
    assert "c" * 64 in page  # the source file's sha256
    assert "first seen" in page


def test_chart_helpers() -> None:
    assert nice_max(130) == (160, 40)
    assert nice_max(0) == (1, 1)
    svg = bars_svg([Bar("US only", 5, "US"), Bar("<EU>", 0, "EU")], title="t & t")
    assert svg.count('class="bar"') == 2 and "&lt;EU&gt;" in svg and "t &amp; t" in svg


def test_bundled_report_is_fast_and_complete(bundled_kb: duckdb.DuckDBPyConnection,
                                             tmp_path: Path) -> None:
    started = time.perf_counter()
    summary = build_report(bundled_kb, tmp_path / "site",
                           GapQuery(as_of=gap_synth.date(2024, 4, 13)))
    assert time.perf_counter() - started < 60
    assert summary.claim is not None and summary.entity_pages >= len(summary.result.matrix)
    page = entity_page_of(tmp_path / "site", "us_ofac_sdn:38641")
    assert "SINNO ELECTRONICS" in page.read_text(encoding="utf-8").upper()
    # Zhuhai Orbita (China) shows the Russian JSC Orbita it was not merged with
    row = bundled_kb.execute("""SELECT record_key FROM names JOIN records USING (record_key)
        WHERE list_id = 'us_bis_entity' AND name ILIKE 'Zhuhai Orbita%'""").fetchone()
    assert row is not None
    html = entity_page_of(tmp_path / "site", row[0]).read_text(encoding="utf-8")
    assert "Kept apart" in html and "JOINT-STOCK COMPANY ORBITA" in html.upper()


def entity_page_of(site: Path, record_key: str) -> Path:
    """The entity page that holds a record (whatever canonical id resolution gave it)."""
    with (site / "data" / "entities.csv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            if record_key in row["record_keys"].split():
                return site / row["page"]
    raise AssertionError(f"no entity page holds {record_key}")


def test_report_command_writes_the_site(tmp_path: Path) -> None:
    import typer
    from typer.testing import CliRunner

    from sanctiongap.cli_gap import register

    app = typer.Typer()
    register(app)
    kb_path = gap_synth.build(tmp_path / "synth.duckdb")
    out = tmp_path / "site"
    result = CliRunner().invoke(app, ["report", "--kb", str(kb_path), "--out", str(out),
                                      "--as-of", "2024-04-13"])
    assert result.exit_code == 0, result.output
    assert (out / "index.html").is_file() and "report written to" in result.output
    assert entity_page_of(out, "us_ofac_sdn:2").is_file()
    bad = CliRunner().invoke(app, ["report", "--kb", str(kb_path), "--out", str(tmp_path / "x"),
                                   "--country", "ZZ"])
    assert bad.exit_code != 0 and "unknown country code" in bad.output
    assert not (tmp_path / "x").exists()  # a bad query writes nothing
