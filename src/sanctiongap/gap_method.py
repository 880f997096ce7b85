"""The method and the caveats that every gap result carries, in words.

A figure without its method is a claim nobody can check: which lists, which Russia
rule, how dates without a stated day are bounded, which snapshots were read.
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

import duckdb

from sanctiongap import kb
from sanctiongap.gap_checks import snapshot_bounded
from sanctiongap.gap_model import NOT_IN_HEADLINE, country_label, short_name

if TYPE_CHECKING:
    from sanctiongap.gap_model import GapResult


def _dates(values: tuple[object, ...]) -> str:
    return ", ".join(str(v) for v in values) if values else "no dated snapshot"


def scope_text(result: GapResult) -> str:
    """The country scope in words."""
    q = result.query
    if not q.countries:
        return "entities of every country"
    return " and ".join(f"{country_label(c)} ({c.upper()})" for c in q.countries)


def russia_rules(con: duckdb.DuckDBPyConnection, result: GapResult,
                 per_list: int = 4) -> dict[str, list[tuple[str, int]]]:
    """The Russia rules that fired for the records in the matrix, most frequent first."""
    keys = sorted({k for row in result.matrix for cell in row.cells.values()
                   for k in cell.record_keys})
    if not keys:
        return {}
    with kb.arrow_view(con, "gap_rule_keys", kb.key_column("record_key", keys)):
        rows = con.execute(
            "SELECT list_id, coalesce(russia_rule, ''), count(*) FROM records "
            "JOIN gap_rule_keys USING (record_key) WHERE russia_related "
            "GROUP BY 1, 2 ORDER BY 1, 3 DESC, 2").fetchall()
    out: dict[str, list[tuple[str, int]]] = defaultdict(list)
    for list_id, rule, n in rows:
        if len(out[list_id]) < per_list:
            out[list_id].append((rule or "(no rule recorded)", int(n)))
    return dict(out)


def method_for(con: duckdb.DuckDBPyConnection, result: GapResult) -> list[str]:
    """The method, one paragraph per item."""
    q = result.query
    lines = [
        f"Scope: {scope_text(result)}. An entity belongs to the countries named by the most "
        "of its records (addresses, registration, nationality; each record votes once per "
        "country, ties keep all), so a Russian bank whose SDN entry also gives a branch in "
        "Beijing is not counted as Chinese once its other listings join it. Mainland China and "
        "Hong Kong are counted apart; an entity with both counts once in each and once in the "
        "total.",
        ("Entities: records are grouped into canonical entities by the resolution step, so an "
         "entity on several lists counts once per jurisdiction." if result.resolved else
         "Entities: the knowledge base has not been resolved yet, so every record is its own "
         "entity; an entity on two lists of one jurisdiction may be counted twice there."),
        f"As-of date {q.as_of}: an entity counts as listed when one of its listings certainly "
        "held that day: its stated listing date, or the first snapshot holding it, is on or "
        "before the date, and it was not removed by then. 'Possibly listed' counts the entities "
        "whose snapshot bounds straddle the date (listed after one snapshot, seen in the next).",
    ]
    if q.since is not None:
        lines.append(
            f"Added since {q.since}: listed on the as-of date and certainly not listed on "
            f"{q.since.fromordinal(q.since.toordinal() - 1)} by any list of the row. "
            "'Possibly added' counts those whose first listing may fall on either side.")
    lines.append("Theme: only listings the list's Russia rule marks as Russia-related count."
                 if q.theme == "russia" else "Theme: every listing counts, Russia-related or not.")
    for group in result.groups:
        if group.kind == "jurisdiction":
            lines.append(f"{group.key} = {group.label.split(': ', 1)[-1]} ({group.measure}).")
    for col in result.columns:
        how = ("dates as stated by the list" if col.date_basis == "stated" else
               "no dates stated: a listing is dated by the first snapshot holding it and "
               "bounded by the snapshot before" if snapshot_bounded(col) else
               "no dates stated and a single snapshot: listed on or before it")
        note = " (shown apart; not in the jurisdiction's headline)" \
            if col.list_id in NOT_IN_HEADLINE else ""
        lines.append(f"{col.title} — {col.authority}, {col.measure}{note}: "
                     f"{col.records:,} records; snapshots {_dates(col.snapshots)}; {how}.")
    if q.theme == "russia":
        for list_id, rules in russia_rules(con, result).items():
            shown = "; ".join(f"{rule} ({n})" for rule, n in rules)
            lines.append(f"Russia rule, {list_id}: {shown}.")
    first, last = result.kb_snapshots
    lines.append(f"Snapshots in the knowledge base: {first} to {last}.")
    return lines


def caveats_for(result: GapResult) -> list[str]:
    """What a reader must know before quoting a figure."""
    q = result.query
    assert q.as_of is not None
    out: list[str] = []
    older_version: list[str] = []
    single: list[str] = []
    stale: list[str] = []
    for col in result.columns:
        name = short_name(col.list_id, col.title)
        if snapshot_bounded(col):
            out.append(f"{col.title}: the list states no listing dates; they are bounded by "
                       f"the snapshots of {_dates(col.snapshots)}, so a date is 'first seen' "
                       "in a snapshot, up to months after the real designation.")
        elif col.snapshots and q.as_of < col.snapshots[0]:
            if col.date_basis == "stated":
                older_version.append(f"{name} ({col.snapshots[0]})")
            else:
                single.append(f"{name} ({col.snapshots[0]})")
        if col.snapshots and q.as_of > col.snapshots[-1]:
            stale.append(f"{name} ({col.snapshots[-1]})")
    if older_version:
        out.append(f"Read from versions published after {q.as_of}: {', '.join(older_version)}. "
                   "A party listed and removed again before the version read is not in it, "
                   "so counts on earlier dates may be slightly low.")
    if single:
        out.append(f"Known only from one snapshot and stating no dates: {', '.join(single)}. "
                   f"On {q.as_of} their entries count as 'possibly listed' at most.")
    if stale:
        out.append(f"The as-of date {q.as_of} is after the last snapshot loaded of "
                   f"{', '.join(stale)}: later changes to those lists are not known.")
    ids = {c.list_id for c in result.columns}
    if "eu_833_annex_iv" in ids:
        out.append("EU Annex IV of Reg. 833/2014 restricts exports of dual-use and advanced "
                   "goods to the listed parties; it is not an asset freeze. The EU's Russia "
                   "asset freeze is Annex I of Reg. 269/2014.")
    if "us_bis_entity" in ids:
        out.append("The BIS Entity List imposes licence requirements on exports; it is not an "
                   "asset freeze. OFAC's SDN list is the US asset freeze.")
    if not result.resolved:
        out.append("Resolution has not run: the same company on two lists is two entities, so "
                   "union and overlap figures may overstate entities and understate overlaps.")
    possibly = {row.group.key: row.counts["all"].possibly for row in result.headline
                if row.group.kind == "jurisdiction" and row.counts["all"].possibly}
    if possibly:
        shown = ", ".join(f"{k} {v}" for k, v in possibly.items())
        out.append(f"Besides the entities counted as listed, some were possibly listed on "
                   f"{q.as_of} (snapshot bounds straddle it): {shown}.")
    if q.theme == "russia":
        out.append("Each list's Russia rule is its own (programme tags, legal basis, regime); "
                   "see the method. A listing for other reasons (e.g. Iran, military end use "
                   "in China) is not counted.")
    if not result.matrix:
        out.append("No entity of these countries appears on the lists asked: the zero is the "
                   "lists' answer, not a missing source.")
    return out
