"""Listing dates for lists that state none, bounded by the snapshots that hold them.

OFAC's CSV carries no designation date.  Given several snapshots of the same list,
a record first held by the snapshot of date B, and absent from the snapshot before
it (date A), was listed after A and on or before B.  A record held by the oldest
snapshot was listed on or before it.  A record held by a snapshot and absent from
every later one was delisted after the last snapshot holding it and on or before the
next one.  Presence-only snapshots (a list's membership without its full records)
take part in the bounds.

The merged record keeps the newest full snapshot's description of the party and
adds the aliases, countries, addresses and identifiers only older snapshots give.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from sanctiongap.model import DateBasis, Identifier, SourceRecord


@dataclass(slots=True)
class Sighting:
    """A snapshot of a list that holds a record."""

    snapshot_date: date
    source_index: int  # index of the parsed source that holds it


@dataclass(slots=True)
class MergedRecord:
    """One record of a list across all its loaded snapshots."""

    record: SourceRecord  # the newest full description, dates filled in
    source_index: int  # the parsed source the description comes from
    sightings: list[Sighting] = field(default_factory=list)


def _union(target: list[str], extra: Iterable[str]) -> None:
    seen = set(target)
    for value in extra:
        if value not in seen:
            target.append(value)
            seen.add(value)


def _union_identifiers(target: list[Identifier], extra: Iterable[Identifier]) -> None:
    seen = {(i.kind, i.value) for i in target}
    for ident in extra:
        if (ident.kind, ident.value) not in seen:
            target.append(ident)
            seen.add((ident.kind, ident.value))


def _enrich(base: SourceRecord, other: SourceRecord) -> None:
    """Add to ``base`` what only an older description of the same record gives."""
    party, older = base.party, other.party
    _union(party.aliases, [a for a in older.all_names() if a != party.name])
    _union(party.countries, older.countries)
    _union(party.addresses, older.addresses)
    _union(party.birth_dates, older.birth_dates)
    _union(party.linked_to, older.linked_to)
    _union_identifiers(party.identifiers, older.identifiers)


def _bound_listing(rec: SourceRecord, held: list[date], all_dates: list[date]) -> None:
    """Fill the listing and delisting bounds of a record held by ``held`` snapshots."""
    d = rec.designation
    first, last = min(held), max(held)
    earlier = [s for s in all_dates if s < first]
    later = [s for s in all_dates if s > last]
    if d.listing_date is None:
        d.date_basis = DateBasis.SNAPSHOT
        d.date_lower = max(earlier) if earlier else None
        d.date_upper = first
    if later and d.end_date is None:
        # Delisted after ``last`` and on or before the next snapshot.
        d.end_date = min(later)


def merge_snapshots(
    records: list[tuple[int, date | None, list[SourceRecord]]],
    presence: list[tuple[int, date, str, dict[str, list[str]]]],
) -> list[MergedRecord]:
    """Merge parsed sources into one record per (list, record id).

    ``records``: (source index, snapshot date, records) per parsed source.
    ``presence``: (source index, snapshot date, list id, {record id: countries}) per
    presence-only snapshot; its countries complete records whose full snapshots carry
    no addresses.  Lists seen in one snapshot keep the dates their records state.
    """
    by_key: dict[str, list[tuple[date | None, int, SourceRecord]]] = defaultdict(list)
    snapshot_dates: dict[str, set[date]] = defaultdict(set)
    for index, snap, recs in records:
        for rec in recs:
            by_key[rec.key].append((snap, index, rec))
            if snap is not None:
                snapshot_dates[rec.designation.list_id].add(snap)
    presence_by_key: dict[str, list[Sighting]] = defaultdict(list)
    presence_countries: dict[str, list[str]] = defaultdict(list)
    for index, snap, list_id, members in presence:
        snapshot_dates[list_id].add(snap)
        for record_id, countries in members.items():
            key = f"{list_id}:{record_id}"
            presence_by_key[key].append(Sighting(snap, index))
            _union(presence_countries[key], countries)

    merged: list[MergedRecord] = []
    for key, versions in by_key.items():
        # Newest snapshot first; undated sources count as newest.
        versions.sort(key=lambda v: (v[0] or date.max, v[1]), reverse=True)
        snap, index, base = versions[0]
        for _, _, older in versions[1:]:
            _enrich(base, older)
        _union(base.party.countries, presence_countries.get(key, []))
        sightings = [Sighting(s, i) for s, i, _ in versions if s is not None]
        sightings.extend(presence_by_key.get(key, []))
        list_id = base.designation.list_id
        all_dates = sorted(snapshot_dates.get(list_id, set()))
        held = sorted({s.snapshot_date for s in sightings})
        if len(all_dates) > 1 and held:
            _bound_listing(base, held, all_dates)
        sightings.sort(key=lambda s: s.snapshot_date)
        merged.append(MergedRecord(base, index, sightings))
    return merged
