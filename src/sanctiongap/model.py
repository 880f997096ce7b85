"""The record every source parser produces, before it reaches the knowledge base.

A parser turns one native file into a stream of :class:`SourceRecord`: one listed
party on one list, with the designation that puts it there and the provenance that
lets a reader trace any figure back to the official file.  The knowledge base turns
these records into FollowTheMoney entities (the party plus a ``Sanction``).

Nothing here knows about DuckDB, HTML or the command line.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

# FollowTheMoney schemata a listed party may take.
PARTY_SCHEMATA = frozenset(
    {"Company", "Organization", "Person", "Vessel", "Airplane", "LegalEntity"}
)


class DateBasis(StrEnum):
    """How a listing date was obtained."""

    STATED = "stated"  # the list itself states the listing date
    SNAPSHOT = "snapshot"  # bounded by the snapshots that first hold the record
    UNKNOWN = "unknown"  # neither: a single undated snapshot


class Jurisdiction(StrEnum):
    US = "US"
    EU = "EU"
    UK = "UK"
    JP = "JP"
    UA = "UA"
    CH = "CH"
    CA = "CA"
    AU = "AU"
    OTHER = "OTHER"


@dataclass(frozen=True, slots=True)
class ListInfo:
    """A sanctions or export-control list: one jurisdiction may publish several."""

    list_id: str  # stable key, e.g. "us_ofac_sdn", "eu_833_annex_iv"
    title: str  # human title, e.g. "OFAC Specially Designated Nationals"
    jurisdiction: Jurisdiction
    authority: str  # e.g. "OFAC", "BIS", "Council of the EU", "OFSI"
    measure: str  # e.g. "asset freeze", "export restriction"


@dataclass(slots=True)
class Provenance:
    """Where a record came from: enough to find it again in the official file."""

    source_file: str  # path as given to the loader (relative to the bundle if bundled)
    sha256: str  # of the file's bytes as read (after decompression)
    snapshot_date: date | None  # date of the snapshot the file represents
    record_id: str  # record id in the source (OFAC ent_num, EU recordId, OFSI Group ID ...)
    line: int | None = None  # line or row number of the record's first line, 1-based


@dataclass(slots=True)
class Identifier:
    """An identifier as printed by the list, with the kind it claims to be."""

    kind: str  # "registration", "inn", "ogrn", "uscc", "lei", "imo", "tax", "passport", ...
    value: str
    country: str | None = None  # ISO 3166-1 alpha-2, lower case, where stated
    note: str | None = None  # the list's own label, e.g. "CR No.", "Tax ID/INN"


@dataclass(slots=True)
class Party:
    """The listed party, as the list describes it."""

    schema: str  # one of PARTY_SCHEMATA
    name: str
    aliases: list[str] = field(default_factory=list)
    weak_aliases: list[str] = field(default_factory=list)
    previous_names: list[str] = field(default_factory=list)
    # ISO 3166-1 alpha-2, lower case; China ("cn") and Hong Kong ("hk") are always apart.
    countries: list[str] = field(default_factory=list)
    addresses: list[str] = field(default_factory=list)
    identifiers: list[Identifier] = field(default_factory=list)
    birth_dates: list[str] = field(default_factory=list)  # ISO prefixes: "1962", "1962-04-14"
    linked_to: list[str] = field(default_factory=list)  # names the list links this party to
    notes: list[str] = field(default_factory=list)
    websites: list[str] = field(default_factory=list)
    emails: list[str] = field(default_factory=list)
    phones: list[str] = field(default_factory=list)

    def all_names(self) -> list[str]:
        """Every distinct name the list gives, primary first."""
        seen: dict[str, None] = {}
        for value in [self.name, *self.aliases, *self.previous_names, *self.weak_aliases]:
            value = value.strip()
            if value:
                seen.setdefault(value, None)
        return list(seen)


@dataclass(slots=True)
class Designation:
    """The listing: who lists the party, under which programme, since when, and why."""

    list_id: str  # key of a ListInfo in sanctiongap.lists.LISTS
    program: str  # e.g. "RUSSIA-EO14024", "EU 833/2014 Annex IV", "Russia"
    listing_date: date | None = None
    date_basis: DateBasis = DateBasis.UNKNOWN
    # For DateBasis.SNAPSHOT: listed after date_lower and on or before date_upper.
    date_lower: date | None = None
    date_upper: date | None = None
    end_date: date | None = None  # delisting date or its upper bound, where known
    measures: list[str] = field(default_factory=list)
    reason: str | None = None
    provisions: str | None = None  # legal basis as printed, e.g. "§§ 734.9(g), 746.8(a)(3)"
    citation: str | None = None  # e.g. Federal Register citation, OJ reference
    source_url: str | None = None
    russia_related: bool = False
    russia_rule: str = ""  # the documented rule that decided russia_related, in words


@dataclass(slots=True)
class SourceRecord:
    """One listed party on one list, as one parser read it from one file."""

    party: Party
    designation: Designation
    provenance: Provenance
    warnings: list[str] = field(default_factory=list)

    @property
    def key(self) -> str:
        """Stable key of the record within its list (list id + source record id)."""
        return f"{self.designation.list_id}:{self.provenance.record_id}"
