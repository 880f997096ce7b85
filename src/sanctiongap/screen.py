"""Screening counterparties (and their goods) against the knowledge base.

A query is prepared like a listed party (``match.prepare``); its blocking keys
(distinctive name tokens, pinyin and meaning renderings of Chinese names, typo-tolerant
variants, identifiers) are looked up in the knowledge base's ``name_keys`` table, which
resolution fills at load time.  Only the records sharing the most keys are read, as
resolution prepared them (``names.stored``: the knowledge base keeps each record's
name forms, used if the code that prepares names is the one that wrote them, else the
records are prepared again), and scored, so screening starts in well under a second
and needs no index in memory beyond the candidates it touches.  Hits are grouped by
canonical entity: one hit per company, with every list and jurisdiction that holds it.

With an HS code, the row also reports the Common High Priority List tier; a CHPL item
going to a party that scores at or above the threshold is flagged.
"""

from __future__ import annotations

import gc
from collections import defaultdict
from dataclasses import asdict, dataclass, field
from typing import Any

import duckdb
import pyarrow as pa
from rigour.names import extract_org_types

from sanctiongap import goods, kb
from sanctiongap.countries import to_iso
from sanctiongap.errors import QueryError
from sanctiongap.match import (
    DEFAULT_THRESHOLD,
    MatchResult,
    MatchSubject,
    compare,
    prepare,
)
from sanctiongap.model import Identifier
from sanctiongap.names import stored
from sanctiongap.names.index import fuzzy_keys
from sanctiongap.names.subject import PreparedSubject, blocking_keys, for_cache
from sanctiongap.scoring import score_many
from sanctiongap.screen_io import ScreenRow

CANDIDATES = 40  # records scored per query, those sharing the most keys
KEY_CAP = 400  # a key held by more records than this is too common to retrieve by


def query_keys(prepared: PreparedSubject) -> set[str]:
    """Every key a subject is filed or looked up under (exact and typo-tolerant)."""
    return blocking_keys(prepared) | fuzzy_keys(prepared)


def query_schema(name: str) -> str:
    """"Company" for a name that carries a legal form ("SALIM S.A.", "OOO Markus",
    "Nuron Ltd"), so that a listed person of that name counts as a schema mismatch;
    otherwise "LegalEntity", which matches either.  A form of two letters without dots
    is not taken as one: "Sa" and "Ag" are also surnames ("José Sa")."""
    for found, _ in extract_org_types(name.casefold(), generic=False):
        if "." in found or len(found.strip()) >= 3:
            return "Company"
    return "LegalEntity"


def subject_of(row: ScreenRow) -> MatchSubject:
    """The match subject for a screening row (an unknown country is a QueryError); a
    name with a legal form is a company's (:func:`query_schema`)."""
    countries = []
    if row.country:
        code = to_iso(row.country)
        if code is None:
            raise QueryError(f"unknown country {row.country!r}")
        countries.append(code)
    idents = [Identifier("other", value) for value in row.identifiers]
    return MatchSubject(schema=query_schema(row.name), names=[row.name],
                        countries=countries, identifiers=idents)


@dataclass(slots=True)
class Listing:
    """One list holding a matched entity."""

    list_id: str
    jurisdiction: str
    list_title: str
    program: str
    measures: list[str]
    listed: str  # the date or its snapshot bound, in words
    russia_related: bool
    record_id: str
    source_file: str


@dataclass(slots=True)
class Hit:
    """A matched canonical entity."""

    entity_id: str
    caption: str
    schema: str
    score: float
    result: MatchResult
    matched_record: str
    listings: list[Listing] = field(default_factory=list)

    def as_yente(self) -> dict[str, Any]:
        """The hit in the shape of a yente /match result, plus its listings."""
        return {
            "id": self.entity_id, "caption": self.caption, "schema": self.schema,
            "score": round(self.score, 4), "match": self.result.is_match,
            "explanations": self.result.explanation(),
            "listings": [asdict(x) for x in self.listings],
        }


@dataclass(slots=True)
class Screened:
    """The outcome for one query row."""

    row: ScreenRow
    hits: list[Hit] = field(default_factory=list)
    chpl: goods.ChplItem | None = None

    @property
    def flagged(self) -> bool:
        """A CHPL item going to a party that matches a listed one."""
        return self.chpl is not None and any(h.result.is_match for h in self.hits)


class Screener:
    """Screens queries against one knowledge base connection."""

    def __init__(self, con: duckdb.DuckDBPyConnection, threshold: float = DEFAULT_THRESHOLD,
                 candidates: int = CANDIDATES, cutoff: float | None = None) -> None:
        """``threshold`` decides what is a match; hits scoring below ``cutoff`` (by
        default the threshold) are not reported.  A lower cutoff also lists near
        misses, at a cost: candidates that cannot reach the cutoff are skipped without
        aligning their names, and the higher the cutoff the more of them there are."""
        self.con = con
        self.threshold = threshold
        self.cutoff = threshold if cutoff is None else cutoff
        self.candidates = candidates
        self._prepared: dict[str, PreparedSubject] = {}
        self._cluster: dict[str, str | None] = {}  # record key -> its entity (None: itself)
        row = (con.execute("SELECT count(*) FROM name_keys").fetchall() or [(0,)])[0]
        if not row or not row[0]:
            raise QueryError("the knowledge base has no name index; rebuild it with "
                             "`sanctiongap load`")
        # Records are read as resolution prepared them, if this code prepared them.
        found = con.execute(
            "SELECT value FROM meta WHERE key = 'prepared_stamp'").fetchall()
        self._stored = bool(found) and found[0][0] == stored.stamp()

    def _candidates(self, keyed: dict[int, set[str]]) -> dict[int, list[str]]:
        """Record keys sharing the most informative keys, per query, most shared first
        (then by key: the order in which their results are grouped)."""
        flat = [(q, k) for q, keys in keyed.items() for k in keys]
        if not flat:
            return {}
        table = pa.table({"q": [q for q, _ in flat], "key": [k for _, k in flat]})
        with kb.arrow_view(self.con, "query_keys", table):
            rows = self.con.execute(
                """WITH hits AS (
                       SELECT q.q, nk.record_key, count(*) AS shared
                       FROM query_keys q JOIN name_key_df df USING (key)
                       JOIN name_keys nk USING (key)
                       WHERE df.records <= ? GROUP BY q.q, nk.record_key)
                   SELECT q, record_key FROM hits
                   QUALIFY row_number() OVER (PARTITION BY q ORDER BY shared DESC,
                                              record_key) <= ?
                   ORDER BY q, shared DESC, record_key""",
                [KEY_CAP, self.candidates]).fetchall()
        out: dict[int, list[str]] = defaultdict(list)
        for q, record_key in rows:
            out[q].append(record_key)
        return out

    def _prepare_records(self, keys: set[str]) -> None:
        from sanctiongap.resolve import load_stored, load_subjects

        missing = sorted(keys - self._prepared.keys())
        if not missing:
            return
        if self._stored:
            decoded, records = load_stored(self.con, missing)
            for key, prepared in decoded:
                self._prepared[key] = for_cache(prepared)
        else:
            records = load_subjects(self.con, missing)
        for record in records:
            self._prepared[record.key] = for_cache(prepare(record.subject))

    def screen_rows(self, rows: list[ScreenRow]) -> list[Screened]:
        """Screen many rows at once (rows with problems that stop screening get no hits).

        The garbage collector is paused meanwhile: the cache of prepared records grows
        to hundreds of thousands of objects, with no cycles among them, and every full
        collection would walk them all.  The young objects are collected once at the
        end (what the batch left with cycles)."""
        enabled = gc.isenabled()
        gc.disable()
        try:
            return self._screen_rows(rows)
        finally:
            if enabled:
                gc.enable()
                gc.collect(1)

    def _screen_rows(self, rows: list[ScreenRow]) -> list[Screened]:
        results = [Screened(r) for r in rows]
        prepared: dict[int, PreparedSubject] = {}
        for i, res in enumerate(results):
            row = res.row
            if row.hs_code:
                try:
                    res.chpl = goods.chpl_tier(row.hs_code)
                except QueryError as exc:
                    row.problems.append(str(exc))
            if not row.name:
                continue
            try:
                prepared[i] = prepare(subject_of(row))
            except QueryError as exc:
                row.problems.append(f"{exc}; screened without a country")
                row.country = None
                prepared[i] = prepare(subject_of(row))
        candidates = self._candidates({i: query_keys(p) for i, p in prepared.items()})
        self._prepare_records({k for keys in candidates.values() for k in keys})
        scored_rows: dict[int, list[tuple[MatchResult, str]]] = {}
        for i, keys in candidates.items():
            query = prepared[i]
            records = [self._prepared[k] for k in keys]
            reach = score_many(query, records, floor=self.cutoff)
            scored_rows[i] = [(compare(query, record, self.threshold), key)
                              for record, key, score in zip(records, keys, reach, strict=True)
                              if score > 0]
        for i, hits in self._group(scored_rows).items():
            results[i].hits = hits
        return results

    def _select(self, sql: str, keys: list[str]) -> list[tuple[Any, ...]]:
        """Run ``sql``, which filters on ``SELECT key FROM _screen_keys``, for ``keys``
        (a registered table: one query for every row screened, not one per hit)."""
        with kb.arrow_view(self.con, "_screen_keys", kb.key_column("key", keys)):
            return self.con.execute(sql).fetchall()

    def _group(self, scored_rows: dict[int, list[tuple[MatchResult, str]]]
               ) -> dict[int, list[Hit]]:
        """Per row, the best result per canonical entity with the entity's listings, best
        first (the ten best entities)."""
        keys = {k for scored in scored_rows.values() for _, k in scored}
        if not keys:
            return {i: [] for i in scored_rows}
        # Each record's entity (itself if in none; the keys are records' keys).
        cluster = self._cluster
        unknown = sorted(keys - cluster.keys())
        if unknown:
            cluster.update(dict.fromkeys(unknown))
            cluster.update(self._select(
                "SELECT record_key, coalesce(canonical_id, record_key) FROM clusters "
                "WHERE record_key IN (SELECT key FROM _screen_keys)", unknown))
        ranked_rows: dict[int, list[tuple[str, tuple[MatchResult, str]]]] = {}
        for i, scored in scored_rows.items():
            best: dict[str, tuple[MatchResult, str]] = {}
            for result, key in scored:
                found = cluster[key]
                cid = key if found is None else found
                if cid not in best or result.score > best[cid][0].score:
                    best[cid] = (result, key)
            ranked_rows[i] = sorted(best.items(), key=lambda kv: -kv[1][0].score)[:10]
        entities = self._entities(sorted({cid for ranked in ranked_rows.values()
                                          for cid, _ in ranked}))
        return {i: [Hit(cid, *entities[cid][:2], result.score, result, key, entities[cid][2])
                    for cid, (result, key) in ranked]
                for i, ranked in ranked_rows.items()}

    def _entities(self, cids: list[str]) -> dict[str, tuple[str, str, list[Listing]]]:
        """Caption, schema and listings of each canonical entity (or lone record)."""
        if not cids:
            return {}
        rows = self._select(
            """SELECT coalesce(c.canonical_id, r.record_key) AS cid, r.list_id,
                      r.jurisdiction, r.list_title, r.program, r.measures, r.listing_date,
                      r.date_basis, r.date_lower, r.date_upper, r.end_date, r.russia_related,
                      r.record_id, r.source_file, r.caption, r.schema
               FROM records r LEFT JOIN clusters c USING (record_key)
               WHERE coalesce(c.canonical_id, r.record_key) IN (SELECT key FROM _screen_keys)
               ORDER BY cid, r.jurisdiction, r.list_id, r.record_key""", cids)
        captions = {cid: (caption, schema) for cid, caption, schema in self._select(
            "SELECT canonical_id, caption, schema FROM canonical "
            "WHERE canonical_id IN (SELECT key FROM _screen_keys)", cids)}
        out: dict[str, tuple[str, str, list[Listing]]] = {}
        for r in rows:
            cid = r[0]
            if cid not in out:
                caption, schema = captions.get(cid, (r[14], r[15]))
                out[cid] = (caption, schema, [])
            out[cid][2].append(Listing(
                r[1], r[2], r[3], r[4], list(r[5] or []),
                listed_text(r[6], r[7], r[8], r[9], r[10]), bool(r[11]), r[12], r[13]))
        return out


def listed_text(listing_date: Any, basis: str, lower: Any, upper: Any, end: Any) -> str:
    """A listing date in words, with its snapshot bound where the list states none."""
    if basis == "stated" and listing_date:
        text = str(listing_date)
    elif basis == "snapshot" and upper:
        text = f"first seen {upper}" + (f" (after {lower})" if lower else " (or before)")
    else:
        text = "date not stated"
    return text + (f"; gone by {end}" if end else "")
