"""Checking a gap query against what the knowledge base holds, and parsing its options.

A query the lists cannot answer raises :class:`~sanctiongap.errors.QueryError` with a
message that says why: an unknown country code, a malformed date, a date before the
snapshots of the lists asked, an empty knowledge base, an unknown or unloaded
jurisdiction or list.  A wrong query never comes back as a table of zeros.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date, timedelta

import duckdb

from sanctiongap.errors import QueryError
from sanctiongap.gap_model import (
    DEFAULT_JURISDICTIONS,
    KNOWN_JURISDICTIONS,
    NOT_IN_HEADLINE,
    THEMES,
    GapQuery,
    Group,
    ListColumn,
)
from sanctiongap.lists import LISTS

# How a column orders within its jurisdiction: the headline lists first.
_LIST_ORDER = ("us_ofac_sdn", "us_bis_entity", "us_ofac_cons", "us_csl", "eu_833_annex_iv",
               "eu_269_annex_i", "eu_fsf", "eu_833_other", "uk_ofsi", "uk_fcdo",
               "ua_war_sanctions")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


@dataclass(frozen=True, slots=True)
class KbInfo:
    """What a gap query needs to know about the knowledge base as a whole."""

    columns: dict[str, ListColumn]  # every list in the KB
    coverage_start: dict[str, date]  # first day a list's listings can be placed in time
    snapshot_range: tuple[date, date]
    resolved: bool
    records: int


def kb_info(con: duckdb.DuckDBPyConnection) -> KbInfo:
    """Lists, snapshots and resolution state of the knowledge base (QueryError if empty)."""
    try:
        total = (con.execute("SELECT count(*) FROM records").fetchall() or [(0,)])[0]
    except duckdb.Error as exc:
        raise QueryError(f"not a sanctiongap knowledge base: {exc}") from exc
    if not total or not total[0]:
        raise QueryError("the knowledge base holds no records; run `sanctiongap load` first")
    snaps: dict[str, set[date]] = {}
    for list_ids, snap in con.execute(
            "SELECT list_ids, snapshot_date FROM sources WHERE snapshot_date IS NOT NULL"
    ).fetchall():
        for list_id in list_ids or []:
            snaps.setdefault(list_id, set()).add(snap)
    rows = con.execute("""
        SELECT list_id, any_value(jurisdiction), any_value(authority), any_value(list_title),
               count(*), count(*) FILTER (WHERE date_basis = 'stated'),
               min(listing_date), min(snapshot_date), max(snapshot_date)
        FROM records GROUP BY list_id""").fetchall()
    columns: dict[str, ListColumn] = {}
    coverage: dict[str, date] = {}
    for list_id, jur, authority, title, n, stated, first_stated, first_snap, last_snap in rows:
        info = LISTS.get(list_id)
        dates = tuple(sorted(snaps.get(list_id) or {d for d in (first_snap, last_snap) if d}))
        basis = "stated" if stated * 2 >= n else "snapshot"
        columns[list_id] = ListColumn(
            list_id, info.title if info else title, str(jur), authority or "",
            info.measure if info else "(as stated)", dates, basis, int(n))
        if basis == "stated":
            coverage[list_id] = first_stated or (dates[0] if dates else date.min)
        else:
            coverage[list_id] = dates[0] if dates else date.min
    all_snaps = sorted({d for ds in snaps.values() for d in ds})
    if not all_snaps:
        all_snaps = sorted({d for c in columns.values() for d in c.snapshots})
    resolved_row = (con.execute("SELECT count(*) FROM clusters").fetchall() or [(0,)])[0]
    return KbInfo(columns, coverage, (all_snaps[0], all_snaps[-1]) if all_snaps else
                  (date.min, date.min), bool(resolved_row and resolved_row[0]), int(total[0]))


def parse_date(text: str | None, option: str) -> date | None:
    """A YYYY-MM-DD date from the command line (None stays None)."""
    if text is None or text == "":
        return None
    value = text.strip()
    if not _DATE.fullmatch(value):
        raise QueryError(f"{option} {text!r} is not a date; write it as YYYY-MM-DD")
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise QueryError(f"{option} {text!r} is not a real calendar date") from None


def parse_countries(text: str | None) -> tuple[str, ...]:
    """ISO alpha-2 codes from "CN,HK" (case-insensitive); "all" or "*" = every country."""
    from followthemoney.types import registry

    if text is None or text.strip().lower() in ("", "all", "*"):
        return ()
    codes: list[str] = []
    bad: list[str] = []
    for part in text.split(","):
        code = part.strip().lower()
        if not code:
            continue
        if len(code) != 2 or code == "zz" or not registry.country.validate(code):
            bad.append(part.strip())
        elif code not in codes:
            codes.append(code)
    if bad:
        raise QueryError(
            f"unknown country code(s): {', '.join(bad)}; use ISO 3166-1 alpha-2 codes such "
            "as CN (mainland China), HK (Hong Kong), RU, or 'all'")
    if not codes:
        raise QueryError("--country is empty; give ISO codes such as CN,HK or 'all'")
    return tuple(codes)


def parse_codes(text: str | None) -> tuple[str, ...] | None:
    """Upper-case jurisdiction codes from "US,EU" (None = the defaults)."""
    if text is None or not text.strip():
        return None
    return tuple(dict.fromkeys(p.strip().upper() for p in text.split(",") if p.strip()))


def resolve_query(query: GapQuery, info: KbInfo) -> tuple[GapQuery, list[ListColumn]]:
    """The query with its defaults filled in, and the list columns it covers."""
    if query.theme not in THEMES:
        raise QueryError(f"unknown theme {query.theme!r}; known: {', '.join(THEMES)}")
    for code in query.countries:
        if code != code.lower() or len(code) != 2:
            raise QueryError(f"country codes are lower-case ISO alpha-2 (got {code!r})")
    loaded = {c.jurisdiction for c in info.columns.values()}
    if query.jurisdictions is None:
        jurisdictions = tuple(j for j in DEFAULT_JURISDICTIONS if j in loaded)
    else:
        unknown = [j for j in query.jurisdictions if j not in KNOWN_JURISDICTIONS]
        if unknown:
            raise QueryError(f"unknown jurisdiction(s): {', '.join(unknown)}; known: "
                             f"{', '.join(KNOWN_JURISDICTIONS)}")
        missing = [j for j in query.jurisdictions if j not in loaded]
        if missing:
            raise QueryError(f"no list of jurisdiction(s) {', '.join(missing)} is loaded in "
                             f"the knowledge base (loaded: {', '.join(sorted(loaded))})")
        jurisdictions = query.jurisdictions
    columns = [c for c in info.columns.values() if c.jurisdiction in jurisdictions]
    if query.lists is not None:
        unknown = [x for x in query.lists if x not in info.columns]
        if unknown:
            raise QueryError(f"list(s) not in the knowledge base: {', '.join(unknown)}; "
                             f"loaded: {', '.join(sorted(info.columns))}")
        columns = [c for c in info.columns.values() if c.list_id in query.lists]
        jurisdictions = tuple(j for j in jurisdictions if any(c.jurisdiction == j
                                                             for c in columns))
        jurisdictions += tuple(sorted({c.jurisdiction for c in columns} - set(jurisdictions)))
    if not columns:
        raise QueryError("no loaded list matches the jurisdictions and lists asked")
    order = {list_id: i for i, list_id in enumerate(_LIST_ORDER)}
    jur_rank = {j: i for i, j in enumerate(jurisdictions)}
    columns.sort(key=lambda c: (jur_rank.get(c.jurisdiction, 99),
                                order.get(c.list_id, len(order)), c.list_id))
    as_of = query.as_of or info.snapshot_range[1]
    _check_dates(as_of, query.since, columns, info)
    return replace(query, as_of=as_of, jurisdictions=jurisdictions), columns


def snapshot_bounded(col: ListColumn) -> bool:
    """Whether a list's dates come from comparing several of its snapshots."""
    return col.date_basis == "snapshot" and len(col.snapshots) > 1


def _check_dates(as_of: date, since: date | None, columns: list[ListColumn],
                 info: KbInfo) -> None:
    earliest = min(info.coverage_start[c.list_id] for c in columns)
    if as_of < earliest:
        raise QueryError(
            f"--as-of {as_of} is before any snapshot or stated listing date of the lists "
            f"asked (the earliest is {earliest}); the lists cannot say what was listed then")
    for col in columns:
        start = info.coverage_start[col.list_id]
        # Lists outside the headline unions are only caveated (see gap_method).
        if snapshot_bounded(col) and as_of < start and col.list_id not in NOT_IN_HEADLINE:
            raise QueryError(
                f"--as-of {as_of} is before the first snapshot of {col.title} ({start}); "
                "its listing dates are known only from snapshots, so pick a later date or "
                "leave that list out")
    if since is not None and since > as_of:
        raise QueryError(f"--since {since} is after --as-of {as_of}")


def check_filters(query: GapQuery, groups: list[Group]) -> None:
    """``only_in`` / ``not_in`` must name a jurisdiction or list of the result."""
    keys = [g.key for g in groups]
    for option, value in (("--list-only-in", query.only_in), ("--not-in", query.not_in)):
        if value is not None and value not in keys:
            raise QueryError(f"{option} {value!r} is not a jurisdiction or list of this "
                             f"query; use one of: {', '.join(keys)}")
    if query.only_in is not None and query.only_in == query.not_in:
        raise QueryError("--list-only-in and --not-in name the same group")


def timeline_start(query: GapQuery, columns: list[ListColumn]) -> date:
    """Where the monthly timeline begins: a year before ``since`` (or five years before
    the as-of date), but not before the first snapshot of a snapshot-dated list."""
    assert query.as_of is not None
    start = (query.since - timedelta(days=365)) if query.since else (
        query.as_of - timedelta(days=5 * 365))
    for col in columns:
        if snapshot_bounded(col) and col.list_id not in NOT_IN_HEADLINE:
            start = max(start, col.snapshots[0])
    return min(start, query.as_of)
