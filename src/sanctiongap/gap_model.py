"""The shapes a gap query takes and returns (no database, no output formatting).

A *group* is what a headline row counts: one list (``us_ofac_sdn``), or the union of a
jurisdiction's sanctioning lists (``US`` = OFAC SDN ∪ BIS Entity List).  Every count is
over canonical entities: an entity on two lists of one group counts once for it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

# Lists shown on their own but left out of their jurisdiction's headline union: they are
# investment or sectoral restrictions, or screening aggregates of other lists.
NOT_IN_HEADLINE = frozenset({"us_ofac_cons", "us_csl", "eu_833_other"})

# Jurisdictions a gap query may name.  UA (Ukraine's War & Sanctions) is a watch list,
# not a sanction: shown only when asked for.
KNOWN_JURISDICTIONS = ("US", "EU", "UK", "JP", "UA")
DEFAULT_JURISDICTIONS = ("US", "EU", "UK", "JP")

THEMES = ("russia", "all")

# The date of the full-scale invasion, the default start of "added since".
INVASION = date(2022, 2, 24)

# Short names of the lists, for table headers and union labels.
SHORT_NAMES = {"us_ofac_sdn": "OFAC SDN", "us_bis_entity": "BIS Entity List",
               "us_ofac_cons": "OFAC non-SDN", "us_csl": "CSL",
               "eu_833_annex_iv": "EU 833 Annex IV", "eu_269_annex_i": "EU 269 Annex I",
               "eu_833_other": "EU 833 other annexes", "eu_fsf": "EU FSF",
               "uk_ofsi": "UK OFSI", "uk_fcdo": "UK FCDO",
               "ua_war_sanctions": "UA War & Sanctions"}


def short_name(list_id: str, fallback: str = "") -> str:
    """A short name for a list id (the fallback, else the id, when none is known)."""
    return SHORT_NAMES.get(list_id, fallback or list_id)


COUNTRY_LABELS = {"cn": "Mainland China", "hk": "Hong Kong", "mo": "Macau", "ru": "Russia"}


def country_label(code: str) -> str:
    """A short English label for an ISO code (China and Hong Kong stay apart)."""
    if code in COUNTRY_LABELS:
        return COUNTRY_LABELS[code]
    from followthemoney.types import registry

    caption = registry.country.caption(code)
    return str(caption) if caption else code.upper()


@dataclass(frozen=True, slots=True)
class GapQuery:
    """What to compare.  Empty ``countries`` = every country; ``as_of`` None = the KB's
    last snapshot; ``jurisdictions`` None = the default ones that are loaded."""

    countries: tuple[str, ...] = ("cn", "hk")
    theme: str = "russia"
    as_of: date | None = None
    since: date | None = INVASION
    jurisdictions: tuple[str, ...] | None = None
    lists: tuple[str, ...] | None = None
    only_in: str | None = None  # matrix filter: listed by this group or list ...
    not_in: str | None = None  # ... and not (even possibly) by this one


@dataclass(frozen=True, slots=True)
class ListColumn:
    """One list in the result: a column of the matrix and a headline row."""

    list_id: str
    title: str
    jurisdiction: str
    authority: str
    measure: str
    snapshots: tuple[date, ...]  # the snapshot dates loaded for this list
    date_basis: str  # "stated" or "snapshot" (how most of its dates are known)
    records: int  # records of this list in the KB (all countries, all themes)


@dataclass(frozen=True, slots=True)
class Group:
    """What a headline row counts: a jurisdiction's union, or a single list."""

    key: str  # "US", "EU", ... or a list id
    label: str
    jurisdiction: str
    list_ids: tuple[str, ...]
    kind: str  # "jurisdiction" or "list"
    measure: str


@dataclass(slots=True)
class Counts:
    """Canonical entities of one group and one country scope."""

    listed: int = 0  # certainly listed on the as-of date
    possibly: int = 0  # not certainly, but possibly (a snapshot bound straddles the date)
    added: int = 0  # listed on the as-of date and certainly not listed before `since`
    added_possibly: int = 0  # listed on the as-of date; may or may not predate `since`


@dataclass(slots=True)
class HeadlineRow:
    """One group's counts, per country scope ("cn", "hk", ... and "all")."""

    group: Group
    counts: dict[str, Counts] = field(default_factory=dict)


@dataclass(slots=True)
class Cell:
    """A matrix cell: how one entity stands on one list on the as-of date."""

    status: str  # "listed", "possibly" (snapshot bound straddles the date) or "" (not)
    text: str  # e.g. "2022-12-28 (first seen; after 2022-02-23)"
    sort_date: date | None  # the date to sort by (the listing date or its upper bound)
    record_keys: tuple[str, ...]
    added: bool = False  # certainly added since `since`


@dataclass(slots=True)
class MatrixRow:
    """One canonical entity: its columns and the groups that list it."""

    canonical_id: str
    caption: str
    schema: str
    countries: tuple[str, ...]
    other_names: tuple[str, ...]  # original-script names and aliases, for search
    cells: dict[str, Cell]  # by list id
    groups: dict[str, str]  # group key -> "listed" | "possibly" | ""
    added: dict[str, bool]  # group key -> certainly added since `since`
    programs: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class TimelinePoint:
    """Entities of the scope listed by a group at the end of a month."""

    month: date  # last day of the month (or the as-of date for the last point)
    group: str
    listed: int  # certainly listed
    upper: int  # certainly or possibly listed


@dataclass(frozen=True, slots=True)
class OverlapRow:
    """Entities listed (on the as-of date) by exactly this combination of groups."""

    groups: tuple[str, ...]
    label: str  # e.g. "US only", "US ∩ EU"
    count: int
    added: int  # of which added since `since` in every group of the combination


@dataclass(slots=True)
class GapResult:
    """Everything a gap query computes, with the method and caveats that go with it."""

    query: GapQuery  # as resolved: as_of and jurisdictions filled in
    kb_snapshots: tuple[date, date]  # first and last snapshot in the knowledge base
    columns: list[ListColumn]
    groups: list[Group]
    headline: list[HeadlineRow]
    matrix: list[MatrixRow]
    timeline: list[TimelinePoint]
    overlap: list[OverlapRow]
    method: list[str]
    caveats: list[str]
    resolved: bool  # whether canonical entities come from a resolution step
    scopes: tuple[str, ...]  # country scopes of the headline counts, "all" last

    def row(self, key: str) -> HeadlineRow:
        """The headline row of a group key or list id."""
        for row in self.headline:
            if row.group.key == key:
                return row
        known = ", ".join(r.group.key for r in self.headline)
        raise KeyError(f"no headline row {key!r}; known: {known}")

    def count(self, key: str, scope: str = "all", what: str = "listed") -> int:
        """A headline figure, e.g. ``count("US", "cn", "added")``."""
        value: int = getattr(self.row(key).counts[scope], what)
        return value

    def filtered_matrix(self) -> list[MatrixRow]:
        """The matrix rows the query's only_in / not_in filter keeps."""
        rows = self.matrix
        if self.query.only_in:
            rows = [r for r in rows if r.groups.get(self.query.only_in) == "listed"]
        if self.query.not_in:
            rows = [r for r in rows if not r.groups.get(self.query.not_in)]
        return rows
