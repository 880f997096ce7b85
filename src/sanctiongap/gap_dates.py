"""When a listing certainly held, and when it only may have: the as-of rules of ``gap``.

A list that states its listing dates (BIS, the EU annexes, OFSI) gives a day.  OFAC's
CSV states none: a record first held by the snapshot of date B and absent from the one
before it (date A) was listed *after A and on or before B*.  On a day between A and B it
is only *possibly* listed.  The same holds at the other end: a record last held by the
snapshot of date C and absent from the next one (date D, the record's ``end_date``)
was removed after C and on or before D.

For one record:

- certainly listed on day t  ⇔  certain_from ≤ t ≤ certain_until
  (certain_from = the stated date, or the first snapshot holding it; certain_until =
  open while the record is still listed, else the last snapshot holding it, or the
  day before a stated end date);
- possibly listed on day t   ⇔  not certainly, and possible_from ≤ t ≤ possible_until
  (possible_from = the day after the snapshot before the first sighting, or the
  beginning of time when the oldest snapshot already holds it; possible_until = the
  day before ``end_date``).

An entity is listed by a group when any of its records in the group is; possibly when
none is certainly and one possibly is.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from datetime import date, timedelta

ONE_DAY = timedelta(days=1)

LISTED = "listed"
POSSIBLY = "possibly"
NOT_LISTED = ""


@dataclass(frozen=True, slots=True)
class Span:
    """The certain and the possible listing period of one record (inclusive days;
    None = open-ended)."""

    certain_from: date
    certain_until: date | None
    possible_from: date
    possible_until: date | None

    def status(self, day: date) -> str:
        """LISTED, POSSIBLY or NOT_LISTED on ``day``."""
        if self.certain_from <= day and (self.certain_until is None or day <= self.certain_until):
            return LISTED
        if self.possible_from <= day and (self.possible_until is None
                                          or day <= self.possible_until):
            return POSSIBLY
        return NOT_LISTED


def record_span(listing_date: date | None, date_lower: date | None, certain_from: date,
                end_date: date | None, last_seen: date | None) -> Span:
    """The span of a record from its knowledge-base columns.

    ``certain_from`` is the record's effective date (the stated listing date, else the
    first snapshot holding it); a stated ``listing_date`` leaves no doubt before it.
    """
    if listing_date is not None:
        possible_from = certain_from
    elif date_lower is not None:
        possible_from = date_lower + ONE_DAY
    else:
        possible_from = date.min
    if end_date is None:
        return Span(certain_from, None, possible_from, None)
    last_day = end_date - ONE_DAY
    until = last_seen if last_seen is not None and last_seen < end_date else last_day
    return Span(certain_from, until, possible_from, last_day)


def best_status(spans: list[Span], day: date) -> str:
    """The strongest status any of ``spans`` has on ``day``."""
    found = NOT_LISTED
    for span in spans:
        status = span.status(day)
        if status == LISTED:
            return LISTED
        if status == POSSIBLY:
            found = POSSIBLY
    return found


def _merge(intervals: list[tuple[date, date]]) -> list[tuple[date, date]]:
    merged: list[tuple[date, date]] = []
    for start, end in sorted(intervals):
        if merged and start.toordinal() <= merged[-1][1].toordinal() + 1:
            if end > merged[-1][1]:
                merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


def count_on_days(entity_spans: list[list[Span]], days: list[date]) -> tuple[list[int], list[int]]:
    """For sorted ``days``: how many entities are certainly listed on each day, and how
    many certainly or possibly (one entity = one list of record spans)."""
    certain = [0] * (len(days) + 1)
    upper = [0] * (len(days) + 1)
    for spans in entity_spans:
        for diff, intervals in (
            (certain, [(s.certain_from, s.certain_until or date.max) for s in spans]),
            (upper, [(min(s.possible_from, s.certain_from),
                      max(s.possible_until or date.max, s.certain_until or date.max))
                     for s in spans]),
        ):
            for start, end in _merge(intervals):
                diff[bisect_left(days, start)] += 1
                diff[bisect_right(days, end)] -= 1
    out_certain, out_upper, run_c, run_u = [], [], 0, 0
    for i in range(len(days)):
        run_c += certain[i]
        run_u += upper[i]
        out_certain.append(run_c)
        out_upper.append(run_u)
    return out_certain, out_upper


def month_ends(start: date, stop: date) -> list[date]:
    """The last day of every month from ``start``'s month to ``stop``'s; the final
    point is ``stop`` itself."""
    days: list[date] = []
    year, month = start.year, start.month
    while True:
        nxt = date(year + month // 12, month % 12 + 1, 1)
        end = nxt - ONE_DAY
        if end >= stop:
            days.append(stop)
            return days
        days.append(end)
        year, month = nxt.year, nxt.month


def describe(listing_date: date | None, date_basis: str, date_lower: date | None,
             date_upper: date | None, certain_from: date, end_date: date | None) -> str:
    """A listing date as a reader should see it, with its snapshot bound where it has one."""
    if listing_date is not None:
        text = listing_date.isoformat()
    elif date_basis == "snapshot" and date_upper is not None:
        text = (f"{date_upper} (first seen; after {date_lower})" if date_lower is not None
                else f"on or before {date_upper} (first snapshot)")
    else:
        text = f"on or before {certain_from} (snapshot; no date stated)"
    if end_date is not None:
        text += f"; off the list by {end_date}"
    return text
