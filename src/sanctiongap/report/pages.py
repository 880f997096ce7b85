"""The front page and the gap matrix page."""

from __future__ import annotations

from itertools import permutations

from sanctiongap.gap_claim import ClaimCheck
from sanctiongap.gap_method import scope_text
from sanctiongap.gap_model import GapResult, Group, MatrixRow, country_label, short_name
from sanctiongap.report.charts import Bar, Series, bars_svg, timeline_svg
from sanctiongap.report.html import Col, attrs, badge, bullets, esc, page, paragraphs, table


def _jur_groups(result: GapResult) -> list[Group]:
    return [g for g in result.groups if g.kind == "jurisdiction"]


def _scope_label(scope: str) -> str:
    return "total" if scope == "all" else country_label(scope)


def _card(result: GapResult, group: Group) -> str:
    row = result.row(group.key)
    total = row.counts["all"]
    dl = []
    if result.query.since:
        dl.append(("added since " + str(result.query.since), f"{total.added:,}"))
    for scope in result.scopes:
        if scope != "all":
            dl.append((f"{country_label(scope)}", f"{row.counts[scope].listed:,}"))
    if total.possibly:
        dl.append(("possibly listed too", f"{total.possibly:,}"))
    items = "".join(f"<dt>{esc(k)}</dt><dd>{esc(v)}</dd>" for k, v in dl)
    lists = group.label.split(": ", 1)[-1]
    return (f'<div class="card {esc(group.key)}" data-group="{esc(group.key)}">'
            f"<h3>{esc(group.key)}</h3><p class=\"lists\">{esc(lists)}</p>"
            f'<div class="figure" data-figure="listed">{total.listed:,}</div>'
            f'<div class="figure-label">listed on {esc(result.query.as_of)}</div>'
            f"<dl>{items}</dl></div>")


def _lede(result: GapResult) -> str:
    q = result.query
    groups = _jur_groups(result)
    theme = "for Russia-related reasons " if q.theme == "russia" else ""
    parts = [f"the {g.key} {result.count(g.key):,}" for g in groups]
    said = ", ".join(parts[:-1]) + (" and " if len(parts) > 1 else "") + parts[-1]
    text = (f"On {q.as_of}, of the entities in {scope_text(result)}, {said} were listed "
            f"{theme}(canonical entities, each counted once per jurisdiction).")
    gaps = []
    for a, b in permutations([g.key for g in groups], 2):
        if a == "US" or (a != "US" and b != "US" and a < b):
            n = sum(1 for m in result.matrix if m.groups[a] == "listed" and not m.groups[b])
            gaps.append(f'<a href="matrix.html?only={esc(a)}&amp;not={esc(b)}">{n:,} are '
                        f"listed by the {esc(a)} but not by the {esc(b)}</a>")
    gap_text = ("Of these, " + "; ".join(gaps) + ".") if gaps else ""
    return f'<p class="lede">{esc(text)} {gap_text}</p>'


def _claim(check: ClaimCheck) -> str:
    paras = check.paragraphs
    quote = paras[0].split(": ", 1)[-1] if paras else ""
    source = paras[0].split(": ", 1)[0] if paras else ""
    body = "".join(f'<p{attrs(class_="verdict" if p.startswith("In short") else None)}>'
                   f"{esc(p)}</p>" for p in paras[1:])
    rows = []
    labels = {"us_ofac_sdn": "US — OFAC SDN (asset freeze)",
              "us_bis_entity": "US — BIS Entity List (export licensing)",
              "US": "US — SDN ∪ Entity List", "eu_833_annex_iv": "EU — Annex IV 833/2014 "
              "(export restriction)", "eu_269_annex_i": "EU — Annex I 269/2014 (asset freeze)",
              "EU": "EU — Annex IV ∪ Annex I", "UK": "UK — OFSI ∪ FCDO"}
    for key, label in labels.items():
        fig = check.figures.get(key)
        if fig:
            rows.append([esc(label), f"{fig.get('cn', 0):,}", f"{fig.get('hk', 0):,}",
                         f"<strong>{fig.get('all', 0):,}</strong>", f"{fig.get('possibly', 0):,}"])
    figures = table([Col("List"), Col("Mainland China", numeric=True),
                     Col("Hong Kong", numeric=True), Col("Total", numeric=True),
                     Col("Possibly listed too", numeric=True,
                         tip="first seen in the next snapshot: may predate the claim date")],
                    rows, id_="claim-figures",
                    caption="Russia-related entities added between 2022-02-24 and 2024-04-13")
    return (f'<section class="claim" id="claim"><blockquote>“{esc(quote.strip("“”"))}”'
            f'<br><span class="note">— {esc(source.removeprefix("The claim ("))}</span>'
            f"</blockquote>{body}{figures}"
            f'<h3>Caveats</h3>{bullets(check.caveats, "caveats")}</section>')


def _timeline(result: GapResult) -> str:
    series = []
    for g in _jur_groups(result):
        points = [p for p in result.timeline if p.group == g.key]
        series.append(Series(g.key, g.key, [p.month for p in points],
                             [p.listed for p in points], [p.upper for p in points]))
    since = result.query.since
    svg = timeline_svg(series, marker=since, marker_label=f"since {since}" if since else "",
                       title="Entities listed, cumulative, by month")
    return (f'<figure class="chart-box">{svg}<figcaption>Entities of the scope listed at each '
            "month's end, per jurisdiction (solid). Dashed: listed or possibly listed — OFAC "
            "dates are bounded by snapshots, so the solid line steps up at each snapshot."
            "</figcaption></figure>")


def _overlap(result: GapResult) -> str:
    bars = [Bar(o.label, o.count, o.groups[0] if len(o.groups) == 1 else "",
                f"· {o.added} new" if result.query.since else "")
            for o in result.overlap]
    svg = bars_svg(bars, title="Entities by the jurisdictions that list them")
    new = (f" “New”: added since {esc(result.query.since)} by every jurisdiction of the bar."
           if result.query.since else "")
    return (f'<figure class="chart-box" id="overlap">{svg}<figcaption>Each entity counted once, '
            f"under the exact combination of jurisdictions that list it on "
            f"{esc(result.query.as_of)}.{new}</figcaption></figure>")


def _per_list(result: GapResult) -> str:
    bars = [Bar(short_name(row.group.key, row.group.label),
                row.counts["all"].added if result.query.since else row.counts["all"].listed,
                row.group.jurisdiction)
            for row in result.headline if row.group.kind == "list"]
    what = f"added since {result.query.since}" if result.query.since else "listed"
    svg = bars_svg(bars, title=f"Entities {what}, per list")
    return (f'<figure class="chart-box" id="per-list">{svg}<figcaption>Entities {esc(what)} '
            f"and listed on {esc(result.query.as_of)}, per list; an entity on two lists counts "
            "in both bars.</figcaption></figure>")


def headline_table(result: GapResult) -> str:
    """Every headline row with its per-country counts (two header rows)."""
    since = result.query.since
    scopes = result.scopes
    short = ["Total" if s == "all" else s.upper() for s in scopes]
    top = (f'<th rowspan="2">Jurisdiction / list</th><th rowspan="2">Measure</th>'
           f'<th class="num group" colspan="{len(scopes)}">'
           f"Listed on {esc(result.query.as_of)}</th>")
    if since:
        top += f'<th class="num group" colspan="{len(scopes)}">Added since {esc(since)}</th>'
    top += ('<th class="num" rowspan="2" title="snapshot bounds straddle the as-of date">'
            "Possibly<br>listed</th>")
    sub = "".join(f'<th class="num">{esc(x)}</th>' for x in short) * (2 if since else 1)
    rows = []
    for row in result.headline:
        g = row.group
        if g.kind == "jurisdiction":
            label = (f"<strong>{esc(g.key)}</strong> "
                     f'<span class="note">{esc(g.label.split(": ", 1)[-1])}</span>')
            css = ' class="group-row"'
        else:
            label = f'<span class="sub">{esc(short_name(g.key, g.label))}</span>'
            css = ""
        nums = [row.counts[scope].listed for scope in scopes]
        if since:
            nums += [row.counts[scope].added for scope in scopes]
        nums.append(row.counts["all"].possibly)
        cells = "".join(f'<td class="num">{n:,}</td>' for n in nums)
        rows.append(f"<tr{css}><td>{label}</td><td>{esc(g.measure)}</td>{cells}</tr>")
    return (f'<div class="table-wrap"><table class="data" id="headline"><thead><tr>{top}</tr>'
            f'<tr>{sub}</tr></thead><tbody>{"".join(rows)}</tbody></table></div>')


def index_html(result: GapResult, check: ClaimCheck | None, footer: str) -> str:
    """The front page."""
    q = result.query
    theme = "Russia-related listings" if q.theme == "russia" else "All listings"
    subtitle = esc(f"{theme} as of {q.as_of}"
                   + (f" · added since {q.since}" if q.since else "")
                   + f" · knowledge base snapshots {result.kb_snapshots[0]} to "
                     f"{result.kb_snapshots[1]}")
    cards = "".join(_card(result, g) for g in _jur_groups(result))
    body = [_lede(result), f'<div class="cards" id="headline-cards">{cards}</div>']
    if check is not None:
        body.append("<h2>The claim, checked: “more than 100” against “three”</h2>")
        body.append(_claim(check))
    body.append("<h2>Listings over time</h2>" + _timeline(result))
    body.append("<h2>Who lists whom</h2>" + _overlap(result))
    body.append("<h2>Per list</h2>" + _per_list(result))
    body.append("<h2>Headline figures</h2>" + headline_table(result)
                + '<p class="note">Downloads: <a href="data/headline.csv">CSV</a> · '
                  '<a href="data/headline.json">JSON</a> · <a href="downloads.html">all '
                  "tables</a>. How these are computed: <a href=\"methods.html\">methods</a>.</p>")
    body.append("<h2>Before quoting a figure</h2>" + bullets(result.caveats, "caveats"))
    title = f"The designation gap: {scope_text(result)}"
    return page(title, "".join(body), active="index.html", subtitle=subtitle, footer=footer)


def _matrix_row(m: MatrixRow, result: GapResult, slug: str) -> str:
    jurs = [g.key for g in _jur_groups(result)]
    listed = " ".join(k for k, v in m.groups.items() if v == "listed")
    possibly = " ".join(k for k, v in m.groups.items() if v == "possibly")
    added = " ".join(k for k, v in m.added.items() if v)
    search = " ".join([m.caption, *m.other_names, m.canonical_id]).lower()
    aliases = "".join(f'<span class="alias">{esc(n)}</span>' for n in m.other_names[:2])
    cells = [f'<td data-v="{esc(m.caption.casefold())}"><a href="entity/{esc(slug)}.html">'
             f"{esc(m.caption)}</a>{aliases}</td>",
             f'<td data-v="{esc(" ".join(m.countries))}">'
             + " ".join(badge(c.upper()) for c in m.countries) + "</td>"]
    for j in jurs:
        status = m.groups[j]
        mark = (badge(j, j) if status == "listed" else badge("possibly", "possibly")
                if status == "possibly" else "")
        if m.added.get(j):
            mark += badge("new", "added")
        cells.append(f'<td data-v="{ {"listed": 2, "possibly": 1}.get(status, 0)}">{mark}</td>')
    for col in result.columns:
        cell = m.cells.get(col.list_id)
        if cell is None or not cell.status:
            cells.append('<td data-v=""></td>')
        else:
            cells.append(f'<td class="cell-{esc(cell.status)}" '
                         f'data-v="{esc(cell.sort_date)}">{esc(cell.text)}</td>')
    row_attrs = attrs(data_listed=listed, data_possibly=possibly, data_added=added,
                      data_countries=" ".join(m.countries), data_search=search)
    return f"<tr{row_attrs}>" + "".join(cells) + "</tr>"


def matrix_html(result: GapResult, slugs: dict[str, str], footer: str) -> str:
    """The searchable, sortable gap matrix (complete without JavaScript)."""
    jurs = _jur_groups(result)
    keys = [(g.key, f"{g.key} (any list)" if g.kind == "jurisdiction"
             else short_name(g.key, g.label)) for g in result.groups]
    options = "".join(f'<option value="{esc(k)}">{esc(label)}</option>' for k, label in keys)
    countries = "".join(f'<option value="{esc(c)}">{esc(country_label(c))}</option>'
                        for c in result.query.countries)
    added = (f'<label><input type="checkbox" id="added"> added since {esc(result.query.since)}'
             "</label>") if result.query.since else ""
    controls = (
        '<div class="controls"><input type="search" id="q" placeholder="Search names, aliases, '
        'ids…" aria-label="Search">'
        f'<label>listed by <select id="only"><option value="">any</option>{options}</select>'
        f'</label><label>but not by <select id="not"><option value="">—</option>{options}'
        "</select></label>"
        + (f'<label>country <select id="country"><option value="">any</option>{countries}'
           "</select></label>" if len(result.query.countries) > 1 else "")
        + f'{added}<span class="muted">showing <strong id="count">{len(result.matrix)}'
          "</strong> entities</span></div>")
    head = ['<th data-sort="text">Entity</th>', '<th data-sort="text">Countries</th>']
    head += [f'<th data-sort="num">{esc(g.key)}</th>' for g in jurs]
    head += [f'<th data-sort="text" title="{esc(c.title)}">{esc(short_name(c.list_id, c.title))}'
             "</th>" for c in result.columns]
    rows = "".join(_matrix_row(m, result, slugs[m.canonical_id]) for m in result.matrix)
    body = (paragraphs([
        f"One row per canonical entity of the scope that is listed (or possibly listed) on "
        f"{result.query.as_of} by at least one list; one column per list with the listing "
        "date, or the snapshot bounds where the list states no date. Click a column to sort."])
        + controls + f'<div class="table-wrap"><table class="data" id="matrix"><thead><tr>'
        f'{"".join(head)}</tr></thead><tbody>{rows}</tbody></table></div>'
        '<p class="note">Download: <a href="data/matrix.csv">CSV</a> · '
        '<a href="data/matrix.json">JSON</a></p>')
    return page("Gap matrix", body, active="matrix.html", scripts=["matrix.js"], wide=True,
                subtitle=esc(f"{scope_text(result)} · as of {result.query.as_of}"),
                footer=footer)
