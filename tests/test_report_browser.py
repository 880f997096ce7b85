"""The report in a real headless Chromium (Debian's ``chromium``), opened from disk.

Needs /usr/bin/chromium (``tools/ensure_chromium.sh`` installs it) and Playwright's
Python package; skipped when either is missing.  Screenshots go to test-artifacts/.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import duckdb
import pytest

from sanctiongap.gap_model import GapQuery
from sanctiongap.report import ReportSummary, build_report
from tests.test_report import entity_page_of

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
ARTIFACTS = Path(__file__).resolve().parents[1] / "test-artifacts"

sync_api = pytest.importorskip("playwright.sync_api")
pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="no /usr/bin/chromium "
                                "(run tools/ensure_chromium.sh)")


@pytest.fixture(scope="module")
def site(bundled_kb_path: Path, tmp_path_factory: pytest.TempPathFactory) -> ReportSummary:
    out = tmp_path_factory.mktemp("browser") / "site"
    with duckdb.connect(str(bundled_kb_path), read_only=True) as con:
        return build_report(con, out, GapQuery(as_of=date(2024, 4, 13)))


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield b
        b.close()


@pytest.fixture()
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    remote: list[str] = []
    pg.on("request", lambda req: remote.append(req.url)
          if not req.url.startswith(("file://", "data:", "about:")) else None)
    yield pg
    context.close()
    assert not remote, f"the report fetched from the network: {remote[:3]}"


def _shot(page: Any, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / name), full_page=True)


def test_front_page_headline_and_charts(page: Any, site: ReportSummary) -> None:
    page.goto(site.index.resolve().as_uri())
    assert "designation gap" in page.title()
    for key in ("US", "EU", "UK"):
        shown = page.locator(f'.card[data-group="{key}"] [data-figure="listed"]').inner_text()
        assert shown == f"{site.result.count(key):,}"
    assert page.locator("svg.chart.timeline polyline.series").count() >= 3
    bars = page.locator("svg.chart rect.bar")
    assert bars.count() > 0
    widths = [bars.nth(i).bounding_box()["width"] for i in range(bars.count())]
    assert max(widths) > 0
    assert page.locator("#claim").is_visible()
    _shot(page, "report-index.png")


def test_matrix_filters_in_the_browser(page: Any, site: ReportSummary) -> None:
    page.goto((site.out_dir / "matrix.html").resolve().as_uri())
    total = len(site.result.matrix)
    assert page.locator("#count").inner_text() == f"{total} of {total}"
    page.select_option("#only", "US")
    page.select_option("#not", "EU")
    expected = sum(1 for m in site.result.matrix
                   if m.groups["US"] == "listed" and not m.groups["EU"])
    assert page.locator("#count").inner_text() == f"{expected} of {total}"
    page.fill("#q", "sinno")
    assert 0 < int(page.locator("#count").inner_text().split()[0]) < expected
    page.locator("#matrix th", has_text="BIS Entity List").click()
    _shot(page, "report-matrix.png")


def test_entity_page_opens_from_disk(page: Any, site: ReportSummary) -> None:
    entity = entity_page_of(site.out_dir, "us_ofac_sdn:38641")
    page.goto(entity.resolve().as_uri())
    assert "SINNO ELECTRONICS" in page.locator("h1").inner_text().upper()
    body = page.locator("main").inner_text()
    assert "38641" in body and "2022-12-28 (first seen; after 2022-02-23)" in body
    assert page.locator("link[rel=stylesheet]").count() == 1
    color = page.evaluate("getComputedStyle(document.querySelector('header.site'))"
                          ".backgroundColor")
    assert color != "rgba(0, 0, 0, 0)"  # the stylesheet loaded from disk
    _shot(page, "report-entity.png")

