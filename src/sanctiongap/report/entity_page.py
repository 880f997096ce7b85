"""The page of one canonical entity: names in every script, countries, addresses,
identifiers, each listing with its source record, and why the records were merged."""

from __future__ import annotations

from datetime import date
from typing import Any

from sanctiongap.entities import EntityInfo
from sanctiongap.gap_dates import describe
from sanctiongap.gap_model import GapResult, MatrixRow, country_label
from sanctiongap.lists import LISTS
from sanctiongap.report.html import Col, badge, esc, page, table

SCRIPT_ORDER = {"latin": 0, "han": 1, "cyrillic": 2}
KIND_LABEL = {"primary": "name", "alias": "alias", "previous": "former name",
              "weak": "weak alias"}


def _list_label(list_id: str) -> str:
    info = LISTS.get(list_id)
    return info.title if info else list_id


def _short_lists(list_ids: set[str]) -> str:
    return " ".join(badge(x) for x in sorted(list_ids))


def _status_line(row: MatrixRow | None, result: GapResult) -> str:
    as_of = result.query.as_of
    if row is None:
        theme = "Russia-related " if result.query.theme == "russia" else ""
        return (f'<p class="status-line muted">Not {esc(theme)}listed by the lists of this '
                f"report on {esc(as_of)}; its listings are shown below.</p>")
    parts = []
    for group in result.groups:
        if group.kind != "jurisdiction":
            continue
        status = row.groups.get(group.key, "")
        if status == "listed":
            extra = " (added since " + str(result.query.since) + ")" if row.added.get(
                group.key) else ""
            parts.append(badge(f"{group.key}: listed{extra}", group.key))
        elif status == "possibly":
            parts.append(badge(f"{group.key}: possibly listed", "possibly"))
        else:
            parts.append(badge(f"{group.key}: not listed", "absent"))
    return f'<p class="status-line">On {esc(as_of)}: {" ".join(parts)}</p>'


def _names(info: EntityInfo) -> str:
    items = sorted(info.names.items(), key=lambda kv: (
        kv[1]["kind"] != "primary", SCRIPT_ORDER.get(kv[1]["script"], 9), kv[0].casefold()))
    rows = [[f'<span class="{"names-han" if v["script"] == "han" else ""}">{esc(name)}</span>',
             esc(KIND_LABEL.get(v["kind"], v["kind"])), esc(v["script"]),
             _short_lists(v["lists"])] for name, v in items]
    return table([Col("Name"), Col("Kind"), Col("Script"), Col("Given by")], rows)


def _addresses(info: EntityInfo) -> str:
    if not info.addresses:
        return '<p class="muted">No address given.</p>'
    rows = [[esc(a), _short_lists(lists)] for a, lists in sorted(info.addresses.items())]
    return table([Col("Address"), Col("Given by")], rows)


def _identifiers(info: EntityInfo) -> str:
    if not info.identifiers:
        return '<p class="muted">No identifier given.</p>'
    rows = [[esc(kind), f"<code>{esc(value)}</code>", esc(v["country"] or ""),
             esc(v["note"] or ""), _short_lists(v["lists"])]
            for (kind, value), v in sorted(info.identifiers.items())]
    return table([Col("Kind"), Col("Value"), Col("Country"), Col("As labelled"),
                  Col("Given by")], rows)


def _fmt(value: Any) -> str:
    if value is None or value == "" or value == []:
        return ""
    if isinstance(value, list):
        return esc("; ".join(str(v) for v in value))
    return esc(value)


def _listing(rec: dict[str, Any]) -> str:
    certain_from: date | None = rec["effective_date"] or rec["first_seen"] or rec["snapshot_date"]
    when = describe(rec["listing_date"], rec["date_basis"], rec["date_lower"], rec["date_upper"],
                    certain_from or date.min, rec["end_date"]) if certain_from else "unknown"
    info = LISTS.get(rec["list_id"])
    measure = info.measure if info else ""
    russia = ("yes — " if rec["russia_related"] else "no — ") + (rec["russia_rule"] or "")
    kv = [("Listed", esc(when) + f' <span class="note">(date basis: {esc(rec["date_basis"])})'
           "</span>"),
          ("Measure", _fmt("; ".join(dict.fromkeys([measure, *(rec["measures"] or [])])))),
          ("Programme", _fmt(rec["program"])), ("Russia-related", esc(russia)),
          ("Reason", _fmt(rec["reason"])), ("Legal basis", _fmt(rec["provisions"])),
          ("Citation", _fmt(rec["citation"])), ("Linked to", _fmt(rec["linked_to"])),
          ("Notes", _fmt(rec["notes"])), ("Birth dates", _fmt(rec["birth_dates"])),
          ("Seen in snapshots", esc(f"{rec['first_seen']} … {rec['last_seen']}")
           if rec["first_seen"] else ""),
          ("Source file", f"<code>{esc(rec['source_file'])}</code>"),
          ("Record id", f"<code>{esc(rec['record_id'])}</code>"
           + (f" · line {esc(rec['line'])}" if rec["line"] else "")),
          ("sha256", f"<code>{esc(rec['sha256'])}</code>"),
          ("Snapshot", _fmt(rec["snapshot_date"])),
          ("Source URL", f'<a href="{esc(rec["source_url"])}">{esc(rec["source_url"])}</a>'
           if rec["source_url"] and str(rec["source_url"]).startswith(("http://", "https://"))
           else _fmt(rec["source_url"]))]
    rows = "".join(f"<tr><th>{esc(k)}</th><td>{v}</td></tr>" for k, v in kv if v)
    jur = rec["jurisdiction"]
    return (f'<section class="listing {esc(jur)}">'
            f"<h3>{badge(jur, jur)} {esc(_list_label(rec['list_id']))}"
            f' <span class="note">— {esc(rec["authority"])}</span></h3>'
            f'<table class="data kv"><tbody>{rows}</tbody></table></section>')


def _merges(info: EntityInfo) -> str:
    if len(info.records) < 2 and not info.merges:
        return ('<p class="muted">One record: nothing was merged.</p>')
    if not info.merges:
        return ('<p class="muted">These records were grouped by the resolution step; it '
                "recorded no pairwise explanation.</p>")
    rows = [[f"<code>{esc(left)}</code>", f"<code>{esc(right)}</code>",
             esc(f"{score:.2f}" if isinstance(score, float) else score), esc(expl)]
            for left, right, score, expl in info.merges]
    return table([Col("Record"), Col("Merged with"), Col("Score", numeric=True),
                  Col("Why")], rows)


def _kept_apart(info: EntityInfo) -> str:
    """Records that scored as this entity's but were refused as one party."""
    rows = [[esc(label), f"<code>{esc(other)}</code>", esc(f"{score:.2f}"), esc(reason)]
            for other, label, score, reason in info.kept_apart_once()]
    if not rows:
        return ""
    return ("<h2>Kept apart</h2><p class=\"note\">Records whose names score as this "
            "entity's, not merged because the countries conflict and the name alone says "
            "too little.</p>"
            + table([Col("Record"), Col("Key"), Col("Score", numeric=True),
                     Col("Why not merged")], rows))


def entity_html(info: EntityInfo, row: MatrixRow | None, result: GapResult, footer: str) -> str:
    """The complete page of one entity (it lives in ``entity/``, one level down)."""
    countries = " ".join(badge(f"{country_label(c)} ({c.upper()})") for c in info.countries)
    caption = row.caption if row else info.caption
    body = [
        f'<p class="subtitle">{esc(info.schema)} · {countries or "no country given"} · '
        f"canonical id <code>{esc(info.canonical_id)}</code></p>",
        _status_line(row, result),
        f"<h2>Listings ({len(info.records)})</h2>",
        *[_listing(rec) for rec in info.records],
        "<h2>Names</h2>", _names(info),
        "<h2>Addresses</h2>", _addresses(info),
        "<h2>Identifiers</h2>", _identifiers(info),
        "<h2>Why these records are one entity</h2>", _merges(info),
        _kept_apart(info),
        '<p class="note"><a href="../matrix.html">← back to the gap matrix</a></p>',
    ]
    return page(caption, "".join(body), depth=1, active="matrix.html", footer=footer)
