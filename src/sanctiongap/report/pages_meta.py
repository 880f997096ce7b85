"""The methods page (sources, rules, dates, licences, credits) and the downloads page."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import duckdb

from sanctiongap.gap_model import GapResult
from sanctiongap.report.html import Col, badge, bullets, esc, page, paragraphs, table

CREDITS = [
    "US lists (OFAC SDN and non-SDN Consolidated lists, BIS Entity List): works of the US "
    "Government, in the public domain.",
    "EU Reg. 833/2014 (all annexes, including Annex IV) and Reg. 269/2014 Annex I: "
    "transcriptions of the EUR-Lex consolidated texts by OpenSanctions (opensanctions.org), "
    "licensed CC BY-NC 4.0 — credit OpenSanctions; non-commercial use only. A commercial "
    "publisher should license them from OpenSanctions or load the official EU Financial "
    "Sanctions Files instead.",
    "Ukraine's War & Sanctions data (GUR), where loaded: OpenSanctions export, CC BY-NC 4.0.",
    "EU Financial Sanctions Files: European Commission, reuse permitted (Decision "
    "2011/833/EU).",
    "UK OFSI Consolidated List and FCDO UK Sanctions List: Crown copyright, Open Government "
    "Licence v3.0.",
    "Country data, entity schemata: FollowTheMoney (MIT). Charts and pages: drawn by "
    "sanctiongap, no third-party scripts or fonts.",
]

DATES = [
    "Where a list states a listing date (BIS Entity List: the Federal Register citation; EU "
    "annexes: the date of the amending act; OFSI: 'Listed On'), that date is used.",
    "OFAC's SDN files state none. sanctiongap reads several dated snapshots of the SDN list; a "
    "record first held by the snapshot of date B and absent from the one before (date A) was "
    "listed after A and on or before B, shown as 'B (first seen; after A)'. On a day between A "
    "and B it is only 'possibly listed'; every page counts those apart instead of guessing.",
    "A record held by the oldest snapshot was listed on or before it. A record missing from a "
    "later snapshot was removed after the last snapshot holding it and on or before the next.",
    "Lists read from a single version published after the as-of date (BIS, EU, UK) show what "
    "is listed at that version: a party listed and removed again before it is not seen.",
]


@dataclass(frozen=True, slots=True)
class Download:
    """A file of the downloads page."""

    path: str
    title: str
    rows: int


def _sources(con: duckdb.DuckDBPyConnection, licences: dict[str, str]) -> str:
    rows = []
    for path, fmt, snap, role, records, files, shas in con.execute(
            "SELECT path, format, snapshot_date, role, records, files, sha256 FROM sources "
            "ORDER BY source_id").fetchall():
        digests = "<br>".join(f"<code>{esc(f)}</code><br><code class=\"note\">{esc(s)}</code>"
                              for f, s in zip(files or [], shas or [], strict=False))
        rows.append([f"<code>{esc(path)}</code>", esc(fmt), esc(snap or "in file"),
                     esc(role), f"{records:,}", esc(licences.get(str(path), "")), digests])
    return table([Col("Source"), Col("Format"), Col("Snapshot"), Col("Role"),
                  Col("Records", numeric=True), Col("Licence"), Col("Files and sha256")],
                 rows, id_="sources")


def _rules(con: duckdb.DuckDBPyConnection, list_ids: Sequence[str]) -> str:
    rows = con.execute(
        "SELECT list_id, russia_related, coalesce(russia_rule, ''), count(*) FROM records "
        "WHERE list_contains(?, list_id) GROUP BY ALL ORDER BY list_id, 2 DESC, 4 DESC",
        [list(list_ids)]).fetchall()
    shown: dict[tuple[str, bool], int] = {}
    out = []
    for list_id, related, rule, n in rows:
        key = (list_id, bool(related))
        shown[key] = shown.get(key, 0) + 1
        if shown[key] > 6:
            continue
        out.append([esc(list_id), badge("Russia" if related else "other",
                                        "added" if related else "absent"),
                    esc(rule or "(none recorded)"), f"{n:,}"])
    return table([Col("List"), Col("Counts as"), Col("Rule that fired"),
                   Col("Records", numeric=True)], out, id_="rules",
                 caption="The most frequent rules per list (all records of the list, "
                         "all countries)")


def methods_html(con: duckdb.DuckDBPyConnection, result: GapResult, licences: dict[str, str],
                 meta: dict[str, str], footer: str) -> str:
    """The methods page."""
    body = [
        "<h2>How the figures are computed</h2>", bullets(result.method),
        "<h2>Dates</h2>", paragraphs(DATES),
        "<h2>Russia rules</h2>",
        paragraphs(["Each list says in its own terms why a party is there. A listing counts as "
                    "Russia-related by a documented rule per list: the OFAC programme tags "
                    "(e.g. RUSSIA-EO14024), the Russia/Belarus sections of the Export "
                    "Administration Regulations cited in a BIS licence requirement, the EU "
                    "Russia regulations, the UK Russia regime. The rule that fired is stored "
                    "with every record and shown on the entity pages."]),
        _rules(con, [c.list_id for c in result.columns]),
        "<h2>Caveats</h2>", bullets(result.caveats, "caveats"),
        "<h2>Sources</h2>",
        paragraphs(["Every record keeps the file it came from, the file's sha256 (of the file "
                    "as published) and the record's id and line in it, so any figure can be "
                    "traced back to the official text."]),
        _sources(con, licences),
        "<h2>Licences and credits</h2>", bullets(CREDITS),
        "<h2>Build</h2>",
        table([Col("Key"), Col("Value")],
              [[esc(k), esc(v)] for k, v in sorted(meta.items())], id_="meta"),
    ]
    return page("Methods, sources and credits", "".join(body), active="methods.html",
                footer=footer)


def downloads_html(files: Sequence[Download], footer: str) -> str:
    """The list of every CSV and JSON file of the report."""
    items = "".join(f'<li><a href="{esc(f.path)}">{esc(f.path)}</a> — {esc(f.title)}'
                    f'<span class="note"> ({f.rows:,} rows)</span></li>' for f in files)
    body = (paragraphs(["Every table of this report as CSV (UTF-8, header row) and JSON. "
                        "The EU data inside them is CC BY-NC 4.0 (OpenSanctions): credit it."])
            + f'<ul class="downloads">{items}</ul>')
    return page("Downloads", body, active="downloads.html", footer=footer)
