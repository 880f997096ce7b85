"""The designation gap: who lists the entities of some countries, since when, and who
does not.  Pure functions over a knowledge-base connection; nothing here prints.

``run_gap(con, GapQuery(...))`` returns a :class:`GapResult`: headline counts per
jurisdiction and per list, the entity-by-list matrix, the monthly timeline, the
jurisdiction overlap, and the method and caveats that go with the figures.

Every count is over canonical entities.  A record that the resolution step has not
clustered (or every record, before resolution exists) is its own canonical entity.
The date rules (certainly / possibly listed) are in :mod:`sanctiongap.gap_dates`.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, replace
from datetime import date
from itertools import combinations
from typing import Any

import duckdb

from sanctiongap import gap_checks, kb
from sanctiongap.gap_dates import (
    LISTED,
    NOT_LISTED,
    ONE_DAY,
    POSSIBLY,
    Span,
    best_status,
    count_on_days,
    describe,
    month_ends,
    record_span,
)
from sanctiongap.gap_method import caveats_for, method_for
from sanctiongap.gap_model import (
    NOT_IN_HEADLINE,
    Cell,
    Counts,
    GapQuery,
    GapResult,
    Group,
    HeadlineRow,
    ListColumn,
    MatrixRow,
    OverlapRow,
    TimelinePoint,
    short_name,
)

# Which record names an entity when resolution has not chosen a caption.
_CAPTION_ORDER = ("us_ofac_sdn", "us_bis_entity", "eu_833_annex_iv", "eu_269_annex_i",
                  "uk_ofsi", "uk_fcdo", "us_ofac_cons", "eu_fsf")

# Every record of the canonical entities that have a record with a country in scope.
# (Scoping first keeps the query fast: the grouping runs over the scope, not the KB.)
_SCOPED_SQL = """
WITH scope_cids AS (
    SELECT DISTINCT coalesce(c.canonical_id, r.record_key) AS cid
    FROM records r LEFT JOIN clusters c USING (record_key)
    WHERE list_has_any(r.countries, ?)
), members AS (
    SELECT c.record_key, c.canonical_id AS cid FROM clusters c
    WHERE c.canonical_id IN (SELECT cid FROM scope_cids)
    UNION ALL
    SELECT s.cid AS record_key, s.cid FROM scope_cids s
    WHERE s.cid NOT IN (SELECT record_key FROM clusters)
)
SELECT m.cid, {cols} FROM members m JOIN records r USING (record_key)
"""
_ALL_SQL = """
SELECT coalesce(c.canonical_id, r.record_key) AS cid, {cols}
FROM records r LEFT JOIN clusters c USING (record_key)
"""
_COLS = ("r.record_key, r.list_id, r.russia_related, r.countries, r.listing_date, r.date_basis, "
         "r.date_lower, r.date_upper, "
         "coalesce(r.effective_date, r.first_seen, r.snapshot_date) AS certain_from, "
         "r.end_date, r.last_seen, r.caption, r.schema, r.program")


@dataclass(slots=True)
class _Rec:
    key: str
    cid: str
    list_id: str
    span: Span
    text: str
    sort_date: date
    caption: str
    schema: str
    countries: tuple[str, ...]
    program: str


def home_countries(record_countries: list[list[str]]) -> tuple[str, ...]:
    """An entity's home countries: those named by the most of its records (each record
    names a country once; ties keep every country).  A Russian bank whose SDN entry also
    gives a Beijing branch address stays Russian once its EU and UK records join it."""
    votes: Counter[str] = Counter()
    for codes in record_countries:
        votes.update(set(codes))
    if not votes:
        return ()
    top = max(votes.values())
    return tuple(sorted(code for code, n in votes.items() if n == top))


def entity_scope(con: duckdb.DuckDBPyConnection,
                 countries: tuple[str, ...]) -> dict[str, tuple[str, ...]]:
    """Canonical ids whose home countries meet ``countries`` (all when empty), with
    their home countries."""
    rows = _scoped_rows(con, countries, "r.record_key, r.countries")
    by_cid: dict[str, list[list[str]]] = defaultdict(list)
    for cid, _, codes in rows:
        by_cid[cid].append(list(codes or ()))
    homes = {cid: home_countries(lists) for cid, lists in by_cid.items()}
    wanted = set(countries)
    return {cid: home for cid, home in homes.items() if not wanted or wanted & set(home)}


def _scoped_rows(con: duckdb.DuckDBPyConnection, countries: tuple[str, ...],
                 cols: str) -> list[tuple[Any, ...]]:
    if countries:
        return con.execute(_SCOPED_SQL.format(cols=cols), [list(countries)]).fetchall()
    return con.execute(_ALL_SQL.format(cols=cols)).fetchall()


def _fetch(con: duckdb.DuckDBPyConnection, query: GapQuery,
           list_ids: list[str]) -> list[_Rec]:
    rows = _scoped_rows(con, query.countries, _COLS)
    by_cid: dict[str, list[list[str]]] = defaultdict(list)
    for row in rows:
        by_cid[row[0]].append(list(row[4] or ()))
    homes = {cid: home_countries(lists) for cid, lists in by_cid.items()}
    wanted_countries = set(query.countries)
    wanted = set(list_ids)
    out = []
    for (cid, key, list_id, russia, _, stated, basis, lower, upper, certain_from, end,
         last_seen, caption, schema, program) in rows:
        if list_id not in wanted or (query.theme == "russia" and not russia):
            continue
        if wanted_countries and not wanted_countries & set(homes[cid]):
            continue
        if certain_from is None:  # no date and no snapshot: cannot be placed in time
            continue
        span = record_span(stated, lower, certain_from, end, last_seen)
        out.append(_Rec(key, cid, list_id, span,
                        describe(stated, basis, lower, upper, certain_from, end),
                        certain_from, caption or key, schema or "", homes[cid], program or ""))
    out.sort(key=lambda r: (r.cid, r.list_id, r.key))
    return out


def _groups(columns: list[ListColumn], jurisdictions: tuple[str, ...]) -> list[Group]:
    groups: list[Group] = []
    for jur in jurisdictions:
        cols = [c for c in columns if c.jurisdiction == jur]
        members = [c for c in cols if c.list_id not in NOT_IN_HEADLINE] or cols
        label = f"{jur}: " + " ∪ ".join(short_name(c.list_id, c.title) for c in members)
        measures = sorted({c.measure for c in members})
        groups.append(Group(jur, label, jur, tuple(c.list_id for c in members), "jurisdiction",
                            " / ".join(measures)))
    for col in columns:
        groups.append(Group(col.list_id, col.title, col.jurisdiction, (col.list_id,), "list",
                            col.measure))
    return groups


def _scopes(query: GapQuery) -> tuple[str, ...]:
    if len(query.countries) > 1:
        return (*query.countries, "all")
    return ("all",)


def _entity_caption(recs: list[_Rec], canonical: dict[str, str]) -> str:
    cid = recs[0].cid
    if cid in canonical:
        return canonical[cid]
    rank = {list_id: i for i, list_id in enumerate(_CAPTION_ORDER)}
    best = min(recs, key=lambda r: (rank.get(r.list_id, len(rank)), r.key))
    return best.caption


def _other_names(con: duckdb.DuckDBPyConnection, keys: list[str]) -> dict[str, list[str]]:
    if not keys:
        return {}
    with kb.arrow_view(con, "gap_scope_keys", kb.key_column("record_key", keys)):
        rows = con.execute(
            "SELECT n.record_key, n.name FROM names n JOIN gap_scope_keys USING (record_key) "
            "WHERE n.kind <> 'primary' OR n.script <> 'latin' "
            "ORDER BY n.record_key, n.script = 'latin', n.name").fetchall()
    out: dict[str, list[str]] = defaultdict(list)
    for key, name in rows:
        out[key].append(name)
    return out


def _matrix(recs: list[_Rec], groups: list[Group], as_of: date,
            before: date | None, con: duckdb.DuckDBPyConnection) -> list[MatrixRow]:
    by_entity: dict[str, list[_Rec]] = defaultdict(list)
    for rec in recs:
        by_entity[rec.cid].append(rec)
    canonical = dict(con.execute("SELECT canonical_id, caption FROM canonical").fetchall())
    rows: list[MatrixRow] = []
    for cid, erecs in by_entity.items():
        cells: dict[str, Cell] = {}
        by_list: dict[str, list[_Rec]] = defaultdict(list)
        for rec in erecs:
            by_list[rec.list_id].append(rec)
        for list_id, lrecs in by_list.items():
            cells[list_id] = _cell(lrecs, as_of, before)
        status: dict[str, str] = {}
        added: dict[str, bool] = {}
        for group in groups:
            spans = [r.span for r in erecs if r.list_id in group.list_ids]
            status[group.key] = best_status(spans, as_of) if spans else NOT_LISTED
            added[group.key] = (status[group.key] == LISTED and before is not None
                                and best_status(spans, before) == NOT_LISTED)
        if not any(status[g.key] for g in groups):
            continue
        rows.append(MatrixRow(
            canonical_id=cid, caption=_entity_caption(erecs, canonical), schema=erecs[0].schema,
            countries=erecs[0].countries, other_names=(), cells=cells, groups=status,
            added=added, programs=tuple(sorted({r.program for r in erecs if r.program}))))
    _add_other_names(con, rows, by_entity)
    rows.sort(key=lambda r: (r.caption.casefold(), r.canonical_id))
    return rows


def _add_other_names(con: duckdb.DuckDBPyConnection, rows: list[MatrixRow],
                     by_entity: dict[str, list[_Rec]]) -> None:
    """Fill each row's other names (original scripts first), for search and display."""
    names = _other_names(con, [r.key for row in rows for r in by_entity[row.canonical_id]])
    for row in rows:
        seen: dict[str, None] = {}
        for rec in by_entity[row.canonical_id]:
            for name in [*names.get(rec.key, []), rec.caption]:
                if name != row.caption:
                    seen.setdefault(name, None)
        row.other_names = tuple(list(seen)[:12])


def _cell(lrecs: list[_Rec], as_of: date, before: date | None) -> Cell:
    ranked = sorted(lrecs, key=lambda r: ({LISTED: 0, POSSIBLY: 1}.get(r.span.status(as_of), 2),
                                          r.sort_date, r.key))
    best = ranked[0]
    status = best.span.status(as_of)
    keys = tuple(r.key for r in lrecs)
    if status == NOT_LISTED:
        return Cell(NOT_LISTED, "", None, keys)
    text = best.text if status == LISTED else f"possibly: {best.text}"
    added = (status == LISTED and before is not None
             and best_status([r.span for r in lrecs], before) == NOT_LISTED)
    return Cell(status, text, best.sort_date, keys, added)


def _headline(matrix: list[MatrixRow], groups: list[Group],
              scopes: tuple[str, ...], spans_before: dict[tuple[str, str], str]
              ) -> list[HeadlineRow]:
    out = []
    for group in groups:
        row = HeadlineRow(group, {scope: Counts() for scope in scopes})
        for m in matrix:
            status = m.groups[group.key]
            if not status:
                continue
            for scope in scopes:
                if scope != "all" and scope not in m.countries:
                    continue
                counts = row.counts[scope]
                if status == POSSIBLY:
                    counts.possibly += 1
                    continue
                counts.listed += 1
                earlier = spans_before.get((m.canonical_id, group.key), NOT_LISTED)
                if m.added[group.key]:
                    counts.added += 1
                elif earlier == POSSIBLY:
                    counts.added_possibly += 1
        out.append(row)
    return out


def _overlap(matrix: list[MatrixRow], jur_groups: list[Group]) -> list[OverlapRow]:
    keys = [g.key for g in jur_groups]
    tally: dict[tuple[str, ...], list[int]] = {}
    for size in range(1, len(keys) + 1):
        for combo in combinations(keys, size):
            tally[combo] = [0, 0]
    for m in matrix:
        combo = tuple(k for k in keys if m.groups[k] == LISTED)
        if combo:
            tally[combo][0] += 1
            tally[combo][1] += all(m.added[k] for k in combo)
    return [OverlapRow(combo, f"{combo[0]} only" if len(combo) == 1 else " ∩ ".join(combo),
                       n, added) for combo, (n, added) in tally.items()]


def _timeline(recs: list[_Rec], groups: list[Group], start: date,
              as_of: date) -> list[TimelinePoint]:
    days = month_ends(start, as_of)
    points: list[TimelinePoint] = []
    for group in groups:
        by_entity: dict[str, list[Span]] = defaultdict(list)
        for rec in recs:
            if rec.list_id in group.list_ids:
                by_entity[rec.cid].append(rec.span)
        certain, upper = count_on_days(list(by_entity.values()), days)
        points.extend(TimelinePoint(day, group.key, c, u)
                      for day, c, u in zip(days, certain, upper, strict=True))
    return points


def run_gap(con: duckdb.DuckDBPyConnection, query: GapQuery) -> GapResult:
    """Compute the gap for ``query`` (raises QueryError on a query the KB cannot answer)."""
    info = gap_checks.kb_info(con)
    query, columns = gap_checks.resolve_query(query, info)
    as_of = query.as_of
    assert as_of is not None  # filled in by resolve_query
    jurisdictions = query.jurisdictions or ()
    groups = _groups(columns, jurisdictions)
    gap_checks.check_filters(query, groups)
    recs = _fetch(con, query, [c.list_id for c in columns])
    before = query.since - ONE_DAY if query.since else None
    matrix = _matrix(recs, groups, as_of, before, con)
    spans_before: dict[tuple[str, str], str] = {}
    if before is not None:
        by_entity: dict[str, list[_Rec]] = defaultdict(list)
        for rec in recs:
            by_entity[rec.cid].append(rec)
        for m in matrix:
            for group in groups:
                spans = [r.span for r in by_entity[m.canonical_id] if r.list_id in group.list_ids]
                if spans:
                    spans_before[(m.canonical_id, group.key)] = best_status(spans, before)
    scopes = _scopes(query)
    jur_groups = [g for g in groups if g.kind == "jurisdiction"]
    start = gap_checks.timeline_start(query, columns)
    result = GapResult(
        query=query, kb_snapshots=info.snapshot_range, columns=columns, groups=groups,
        headline=_headline(matrix, groups, scopes, spans_before), matrix=matrix,
        timeline=_timeline(recs, groups, start, as_of),
        overlap=_overlap(matrix, jur_groups), method=[], caveats=[],
        resolved=info.resolved, scopes=scopes)
    result.method = method_for(con, result)
    result.caveats = caveats_for(result)
    return result


def with_filter(query: GapQuery, only_in: str | None, not_in: str | None) -> GapQuery:
    """The same query with a "listed by X but not Y" matrix filter."""
    return replace(query, only_in=only_in, not_in=not_in)
