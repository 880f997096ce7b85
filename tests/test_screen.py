"""Screening names and files end to end against the bundled knowledge base."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import duckdb
import pytest
from openpyxl import Workbook, load_workbook
from typer.testing import CliRunner

from sanctiongap.cli import app
from sanctiongap.screen import Screener, query_schema
from sanctiongap.screen_io import make_row

runner = CliRunner()


def _top(con: duckdb.DuckDBPyConnection, name: str, country: str | None = None
         ) -> tuple[float, set[str], str]:
    result = Screener(con).screen_rows([make_row(1, name, country, None, None)])[0]
    assert result.hits, f"no hit for {name}"
    hit = result.hits[0]
    return hit.score, {x.list_id for x in hit.listings}, hit.caption


@pytest.mark.parametrize(("query", "country", "lists"), [
    ("Sinno Electronics Limited", "HK", {"us_ofac_sdn", "us_bis_entity", "uk_ofsi"}),
    ("深圳市亿路发科技有限公司", "CN", {"us_ofac_sdn", "eu_833_annex_iv"}),
    ("Tоrdan Industry Ltd", None, {"eu_833_annex_iv"}),  # Cyrillic о inside a Latin name
    ("Радиоавтоматика", "RU", {"us_ofac_sdn", "eu_833_annex_iv"}),
])
def test_screening_finds_the_listed_entity_on_every_list(
        bundled_kb: duckdb.DuckDBPyConnection, query: str, country: str | None,
        lists: set[str]) -> None:
    score, found, _ = _top(bundled_kb, query, country)
    assert score >= 0.8
    assert lists <= found


def test_generic_words_alone_do_not_match(bundled_kb: duckdb.DuckDBPyConnection) -> None:
    result = Screener(bundled_kb).screen_rows(
        [make_row(1, "International Trading Technology Limited", None, None, None)])[0]
    assert not [h for h in result.hits if h.result.is_match]


@pytest.mark.parametrize(("name", "schema"), [
    ("SALIM S.A.", "Company"), ("OOO Markus", "Company"), ("Nuron Ltd", "Company"),
    ("ООО «Радиоавтоматика»", "Company"),
    ("Salim", "LegalEntity"), ("José Sa", "LegalEntity"), ("Sinno Electronics", "LegalEntity"),
])
def test_a_name_with_a_legal_form_is_a_company(name: str, schema: str) -> None:
    assert query_schema(name) == schema


def test_a_company_query_does_not_hit_a_person_of_that_name(
        bundled_kb: duckdb.DuckDBPyConnection) -> None:
    # OFAC SDN lists persons with "SALIM" among their names ("Abu SALIM", "SALIM KONY")
    def persons(name: str) -> list[str]:
        result = Screener(bundled_kb).screen_rows([make_row(1, name, None, None, None)])[0]
        return [h.caption for h in result.hits if h.schema == "Person" and h.result.is_match]

    assert persons("Salim")
    assert not persons("SALIM S.A.")


def test_cutoff_adds_near_misses_and_changes_no_score(
        bundled_kb: duckdb.DuckDBPyConnection) -> None:
    row = [make_row(1, "Alpha Trading Investments", None, None, None)]
    matches = Screener(bundled_kb).screen_rows(row)[0].hits
    wider = Screener(bundled_kb, cutoff=0.6).screen_rows(row)[0].hits
    assert matches and all(h.score >= 0.8 for h in matches)
    near = [h for h in wider if h.score < 0.8]
    assert near and all(h.score >= 0.6 for h in near)
    # "Alpha LLC" shares only the everyday word: a near miss, not a match
    assert any("Alpha LLC" in line for h in near for line in h.result.explanation())
    scores = {h.entity_id: h.score for h in wider}
    assert all(scores[h.entity_id] == h.score for h in matches)


def _write_csv(path: Path, rows: list[list[str]], delimiter: str = ",") -> None:
    with path.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh, delimiter=delimiter).writerows(rows)


def test_csv_file_end_to_end_with_bad_rows(bundled_kb_path: Path, tmp_path: Path) -> None:
    src = tmp_path / "counterparties.csv"
    _write_csv(src, [["name", "country", "identifiers", "hs_code"],
                     ["Sinno Electronics Co Ltd", "HK", "", "8542.31.00"],
                     ["", "CN", "", ""],
                     ["   ", "", "", ""],
                     ["X" * 10_000, "", "", ""],
                     ["Acme\u200b Garden\x07 Tools AB", "SE", "", "0101.21"],
                     ["Tordan Industry Ltd", "Atlantis", "2687207", "85A"]], delimiter=";")
    out = tmp_path / "results.csv"
    result = runner.invoke(app, ["screen", str(src), "--out", str(out),
                                 "--kb", str(bundled_kb_path)])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    by_row: dict[str, list[dict[str, str]]] = {}
    for r in rows:
        by_row.setdefault(r["row"], []).append(r)
    assert set(by_row) == {"1", "2", "3", "4", "5", "6"}  # every input row is accounted for
    sinno = by_row["1"][0]
    assert sinno["status"] == "match" and sinno["flag"] == "True"
    assert sinno["chpl_tier"] == "Tier 1" and "us_ofac_sdn" in sinno["lists"]
    assert by_row["2"][0]["status"] == "not screened"
    assert "empty name" in by_row["3"][0]["problems"]
    assert "cut to 500" in by_row["4"][0]["problems"]
    assert "control or invisible" in by_row["5"][0]["problems"]
    tordan = by_row["6"][0]
    assert "unknown country" in tordan["problems"] and "HS code" in tordan["problems"]
    assert tordan["status"] == "match"


def test_xlsx_file_end_to_end(bundled_kb_path: Path, tmp_path: Path) -> None:
    src = tmp_path / "counterparties.xlsx"
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Name", "Country", "HS code"])
    sheet.append(["Asia Pacific Links Limited", "HK", "854232"])
    sheet.append(["Volvo Car Corporation", "SE", "870323"])
    book.save(src)
    out = tmp_path / "results.xlsx"
    result = runner.invoke(app, ["screen", str(src), "--out", str(out),
                                 "--kb", str(bundled_kb_path)])
    assert result.exit_code == 0, result.output
    values = list(load_workbook(out).active.iter_rows(values_only=True))  # type: ignore[union-attr]
    header, data = values[0], values[1:]
    status = {(r[header.index("row")], r[header.index("status")]) for r in data}
    assert (1, "match") in status and (2, "match") not in status
    assert {r for r, _ in status} == {1, 2}


def test_json_output_has_the_yente_result_shape(bundled_kb_path: Path) -> None:
    result = runner.invoke(app, ["screen", "--name", "Yilufa Electronics Ltd", "--format",
                                 "json", "--hs", "8542.31", "--kb", str(bundled_kb_path)])
    assert result.exit_code == 0, result.output
    payload = json.loads(result.output)
    top = payload[0]["results"][0]
    assert {"id", "caption", "score", "match", "explanations", "listings"} <= set(top)
    assert top["match"] is True and payload[0]["flagged"] is True
    assert any(x["list_id"] == "eu_833_annex_iv" for x in top["listings"])


@pytest.mark.parametrize(("content", "message"), [
    (b"", "empty"),
    (b"company_id,city\n1,Moscow\n", "no 'name' column"),
    (b"PK\x03\x04broken", "not a readable XLSX"),
])
def test_unreadable_files_fail_clearly(bundled_kb_path: Path, tmp_path: Path, content: bytes,
                                       message: str) -> None:
    bad = tmp_path / ("bad.xlsx" if content.startswith(b"PK") else "bad.csv")
    bad.write_bytes(content)
    result = runner.invoke(app, ["screen", str(bad), "--kb", str(bundled_kb_path)])
    assert result.exit_code != 0
    assert message in result.output


def test_utf16_tab_separated_file_is_read(bundled_kb_path: Path, tmp_path: Path) -> None:
    src = tmp_path / "utf16.csv"
    src.write_bytes("name\tcountry\nSinno Electronics Limited\tHK\n".encode("utf-16"))
    out = tmp_path / "r.json"
    result = runner.invoke(app, ["screen", str(src), "--out", str(out),
                                 "--kb", str(bundled_kb_path)])
    assert result.exit_code == 0, result.output
    rows = json.loads(out.read_text(encoding="utf-8"))
    assert rows[0]["status"] == "match"
