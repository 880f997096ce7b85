"""One company across lists: cluster the knowledge base's records into canonical entities.

Candidates come from blocking (records sharing a distinctive name token, a pinyin or
meaning rendering of a Chinese name, or an identifier; see
``sanctiongap.names.subject.blocking_keys``), never from all pairs.  Each candidate
pair is scored with ``match.compare``, and the other way round when that falls short of
the threshold, keeping the higher score (the pairs are first scored without
explanations, in forked worker processes: ``sanctiongap.resolve_pool``).  Pairs at or
above ``RESOLVE_THRESHOLD`` are merged best first, with one guard against chains of
near-misses: a cluster holds at most one record per list, unless the two records of
that list carry the same normalised name (the BIS Entity List files one company once
per country, e.g. Sinno Electronics under China and under Lithuania).  A pair whose
countries conflict and whose only tie is a name that says little on its own (one word,
no distinctive word) or that names two firms of one group (legal forms of different
kinds) is not merged (``resolve_guard``); such pairs are kept, with the reason, in the
table ``kept_apart``.

Every merge is kept with its score and the features that fired, so a reader can see
why two records were taken as one company.  The results live in the knowledge base
(tables ``clusters``, ``canonical``, ``merges``, ``kept_apart``) and are rebuilt with every load,
with what screening reads: each record's screening keys (``name_keys``) and its
preparation (``prepared_names``, see ``names.stored``).
"""

from __future__ import annotations

import gc
import re
import time
from collections import defaultdict
from collections.abc import Sequence
from contextlib import suppress
from dataclasses import dataclass

import duckdb
import pyarrow as pa

from sanctiongap import kb
from sanctiongap.match import (
    MatchResult,
    MatchSubject,
    PreparedSubject,
    compare,
)
from sanctiongap.model import Identifier
from sanctiongap.names import stored
from sanctiongap.names.index import NameIndex
from sanctiongap.names.normalise import clean_text, strip_legal_forms
from sanctiongap.resolve_guard import refuse_merge
from sanctiongap.resolve_pool import Refused, Scored, prepare_and_score, prepare_stored
from sanctiongap.scoring import score_both_ways
from sanctiongap.screen import query_keys

# Stricter than screening's threshold: a wrong merge changes every count it touches.
RESOLVE_THRESHOLD = 0.9
# A blocking key shared by more records than this says nothing about identity.
MAX_BLOCK = 40


@dataclass(slots=True)
class _Record:
    key: str
    list_id: str
    caption: str
    schema: str
    subject: MatchSubject


def load_subjects(con: duckdb.DuckDBPyConnection,
                  only: list[str] | None = None) -> list[_Record]:
    """Records of the knowledge base as match subjects (all, or the keys in ``only``)."""
    if only is None:
        return _load_subjects(con, "")
    # A registered table filters much faster than a long list parameter.
    with kb.arrow_view(con, "_wanted_records", kb.key_column("record_key", only)):
        return _load_subjects(
            con, " WHERE record_key IN (SELECT record_key FROM _wanted_records)")


def load_stored(con: duckdb.DuckDBPyConnection, only: list[str]
                ) -> tuple[list[tuple[str, PreparedSubject]], list[_Record]]:
    """The records of ``only`` prepared as resolution stored them (``names.stored``;
    the caller checks the stamp), and as match subjects those stored without (to be
    prepared).  Each record's names come in the order :func:`load_subjects` gives them
    for the same keys, so the prepared subjects are the ones preparing its subjects
    gives.  (Records without names rows are prepared under their caption, which is
    then the one name stored.)"""
    decoded: list[tuple[str, PreparedSubject]] = []
    with kb.arrow_view(con, "_wanted_records", kb.key_column("record_key", only)):
        where = " WHERE record_key IN (SELECT record_key FROM _wanted_records)"
        names = _names(con, where)
        for key, data in con.execute(
                f"SELECT record_key, data FROM prepared_names{where} AND data IS NOT NULL"
        ).fetchall():
            with suppress(KeyError):  # a name it was not stored under: prepare it
                decoded.append((key, stored.decode(data, key, names.get(key))))
        if len(decoded) == len(only):
            return decoded, []
        found = {key for key, _ in decoded}
        return decoded, [r for r in _load_subjects(con, where) if r.key not in found]


def _names(con: duckdb.DuckDBPyConnection, where: str) -> dict[str, list[str]]:
    names: dict[str, list[str]] = defaultdict(list)
    for key, name in con.execute(
            # The primary name first, then in the order the list gives them (rowid):
            # an explanation that names one of two tied aliases names the same one
            # whichever batch of records loaded it.
            f"SELECT record_key, name FROM names{where} "
            "ORDER BY record_key, kind <> 'primary', rowid"
    ).fetchall():
        names[key].append(name)
    return names


def _load_subjects(con: duckdb.DuckDBPyConnection, where: str) -> list[_Record]:
    names = _names(con, where)
    idents: dict[str, list[Identifier]] = defaultdict(list)
    for key, kind, value, country in con.execute(
            f"SELECT record_key, kind, value, country FROM identifiers{where}").fetchall():
        idents[key].append(Identifier(kind, value, country))
    addresses: dict[str, list[str]] = defaultdict(list)
    for key, address in con.execute(
            f"SELECT record_key, address FROM addresses{where}").fetchall():
        addresses[key].append(address)
    records = []
    for key, list_id, caption, schema, countries, births in con.execute(
            "SELECT record_key, list_id, caption, schema, countries, birth_dates FROM records"
            f"{where} ORDER BY record_key").fetchall():
        subject = MatchSubject(schema=schema, names=names.get(key) or [caption],
                               countries=list(countries or []), identifiers=idents.get(key, []),
                               birth_dates=list(births or []), addresses=addresses.get(key, []),
                               key=key)
        records.append(_Record(key, list_id, caption, schema, subject))
    return records


_RESIDUAL_FORMS = frozenset({"co", "corp", "ltd", "limited", "inc", "company", "llc", "the"})


def same_list_key(name: str) -> str:
    """A name reduced to its words without legal forms: two records of one list join a
    cluster only if their keys are equal ("Sinno Electronics" under Lithuania and
    "Sinno Electronics Co., Ltd." under China on the BIS Entity List)."""
    words = re.findall(r"[^\W_]+", strip_legal_forms(clean_text(name)))
    return " ".join(w for w in words if w not in _RESIDUAL_FORMS)


class _Clusters:
    """Union-find over record positions, with each cluster's records per list."""

    def __init__(self, records: list[_Record]) -> None:
        self.parent = list(range(len(records)))
        self.lists: list[dict[str, list[int]]] = [{r.list_id: [i]} for i, r in enumerate(records)]
        self.norm = [same_list_key(r.caption) for r in records]

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def compatible(self, a: int, b: int) -> bool:
        """Whether merging the clusters keeps at most one name per list."""
        la, lb = self.lists[a], self.lists[b]
        for list_id, members in la.items():
            others = lb.get(list_id)
            if others and {self.norm[i] for i in members} != {self.norm[i] for i in others}:
                return False
        return True

    def union(self, a: int, b: int) -> None:
        if len(self.lists[a]) < len(self.lists[b]):
            a, b = b, a
        self.parent[b] = a
        for list_id, members in self.lists[b].items():
            self.lists[a].setdefault(list_id, []).extend(members)
        self.lists[b] = {}


def _explain(result: MatchResult) -> str:
    return " | ".join(result.explanation())


def candidate_pairs(index: NameIndex) -> list[tuple[int, int]]:
    """Pairs of records worth scoring: they share an identifier, or at least two
    informative blocking keys, or every key the sparser of the two has (a name with one
    distinctive word, "Sinno Electronics", has a single key).  Sorted; counted one record
    at a time, so the counts of all pairs are never held at once."""
    n = len(index.subjects)
    lists: list[list[Sequence[int]]] = [[] for _ in range(n)]  # postings of each one's keys
    id_lists: set[int] = set()  # id() of the postings of identifier keys
    for key, postings in index.postings.items():
        if len(postings) > index.cap:
            continue
        if key.startswith("id:"):
            id_lists.add(id(postings))
        for i in postings:
            lists[i].append(postings)
    key_count = [len(found) for found in lists]
    pairs: list[tuple[int, int]] = []
    for a in range(n):
        shared: dict[int, int] = {}
        by_id: set[int] = set()
        for postings in lists[a]:
            is_id = id(postings) in id_lists
            for b in postings:
                if b > a:
                    shared[b] = shared.get(b, 0) + 1
                    if is_id:
                        by_id.add(b)
        need_a = min(2, key_count[a])
        pairs.extend((a, b) for b in sorted(shared)
                     if b in by_id or shared[b] >= min(need_a, key_count[b]))
    known = set(pairs)
    pairs.extend(sorted(p for p in exact_pairs(index.subjects) if p not in known))
    return pairs


_ID_CHARS = re.compile(r"[^0-9A-Za-z]")


def exact_pairs(subjects: list[PreparedSubject]) -> set[tuple[int, int]]:
    """Pairs the token keys can miss: the same whole name once legal forms are gone
    ("SINO MACHINERY CO., LTD" on two lists, whose only distinctive word is too common
    to block on), or the same identifier value whatever country label it carries."""
    groups: dict[str, list[int]] = defaultdict(list)
    for i, prepared in enumerate(subjects):
        seen: set[str] = set()
        for name in prepared.subject.names:
            key = same_list_key(name)
            if len(key) >= 4:
                seen.add("n:" + key)
        for ident in prepared.subject.identifiers:
            value = _ID_CHARS.sub("", ident.value).upper()
            if len(value) >= 6:
                seen.add("i:" + value)
        for key in seen:
            groups[key].append(i)
    out: set[tuple[int, int]] = set()
    for members in groups.values():
        if 1 < len(members) <= MAX_BLOCK:
            out.update((a, b) for n, a in enumerate(members) for b in members[n + 1:])
    return out


def score_pairs(prepared: list[PreparedSubject], pairs: list[tuple[int, int]]
                ) -> tuple[Scored, Refused]:
    """The pairs at or above the threshold, each with its better direction's result,
    and apart from them the pairs that ``resolve_guard.refuse_merge`` refuses (with
    the reason).

    The forward score counts if it reaches the threshold, else the backward one; both
    are first scored without explanations (``score_both_ways`` gives the score
    ``compare`` gives wherever it reaches the threshold, and skips the name forms that
    cannot), then the pairs that reach it are compared again, with explanations."""
    scored: Scored = []
    refused: Refused = []
    for a, b in pairs:
        forward, backward = score_both_ways(prepared[a], prepared[b], RESOLVE_THRESHOLD)
        if forward >= RESOLVE_THRESHOLD:
            best = compare(prepared[a], prepared[b], RESOLVE_THRESHOLD)
        elif backward >= RESOLVE_THRESHOLD:
            best = compare(prepared[b], prepared[a], RESOLVE_THRESHOLD)
        else:
            continue
        reason = refuse_merge(prepared[a], prepared[b], best)
        if reason:
            refused.append((a, b, best, reason))
        else:
            scored.append((best.score, a, b, best))
    return scored, refused


def merge(records: list[_Record], scored: list[tuple[float, int, int, MatchResult]]
          ) -> tuple[list[int], list[tuple[int, int, MatchResult]]]:
    """Cluster roots per record, and the merges made: best pairs first, each merge
    keeping at most one name per list in a cluster."""
    scored = sorted(scored, key=lambda item: (-item[0], item[1], item[2]))
    clusters = _Clusters(records)
    merges = []
    for _, a, b, result in scored:
        ra, rb = clusters.find(a), clusters.find(b)
        if ra != rb and clusters.compatible(ra, rb):
            clusters.union(ra, rb)
            merges.append((a, b, result))
    return [clusters.find(i) for i in range(len(records))], merges


def cluster(records: list[_Record], prepared: list[PreparedSubject]
            ) -> tuple[list[int], list[tuple[int, int, MatchResult]], Refused]:
    """Cluster roots per record, the merges made (best first) and the pairs refused,
    in this process."""
    pairs = candidate_pairs(
        NameIndex(prepared, fuzzy=False, max_share=MAX_BLOCK / max(1, len(prepared))))
    scored, refused = score_pairs(prepared, pairs)
    return (*merge(records, scored), refused)


def _canonical_id(members: list[_Record]) -> str:
    return "ent-" + min(m.key for m in members).replace(":", "-")


def resolve_kb(con: duckdb.DuckDBPyConnection) -> dict[str, float]:
    """Rebuild ``clusters``, ``canonical`` and ``merges`` in an open knowledge base."""
    enabled = gc.isenabled()
    gc.disable()  # millions of long-lived objects and no cycles: collecting only costs
    try:
        return _resolve(con)
    finally:
        if enabled:
            gc.enable()


def _resolve(con: duckdb.DuckDBPyConnection) -> dict[str, float]:
    started = time.perf_counter()
    records = load_subjects(con)
    found = prepare_and_score([r.subject for r in records])
    if found is None:
        both = [prepare_stored(r.subject) for r in records]
        prepared = [p for p, _ in both]
        forms = [text for _, text in both]
        del both
        roots, merges, refused = cluster(records, prepared)
        keys = [list(query_keys(subject)) for subject in prepared]
        del prepared
    else:
        scored, refused, keys, forms = found
        roots, merges = merge(records, scored)
    _write_name_keys(con, records, keys)
    _write_prepared(con, records, forms)
    groups: dict[int, list[_Record]] = defaultdict(list)
    for record, root in zip(records, roots, strict=True):
        groups[root].append(record)
    ids = {root: _canonical_id(members) for root, members in groups.items()}
    con.execute("DELETE FROM clusters; DELETE FROM canonical; DELETE FROM merges; "
                "DELETE FROM kept_apart")
    clusters = pa.table({"record_key": [r.key for r in records],
                         "canonical_id": [ids[root] for root in roots]})
    canonical_rows = []
    for root, members in groups.items():
        lead = _lead(members)
        countries = sorted({c for m in members for c in m.subject.countries})
        canonical_rows.append((ids[root], lead.caption, lead.schema, countries, len(members)))
    canonical = pa.table({
        "canonical_id": [r[0] for r in canonical_rows], "caption": [r[1] for r in canonical_rows],
        "schema": [r[2] for r in canonical_rows], "countries": [r[3] for r in canonical_rows],
        "records": [r[4] for r in canonical_rows]})
    merge_table = pa.table({
        "canonical_id": [ids[roots[a]] for a, _, _ in merges],
        "left_key": [records[a].key for a, _, _ in merges],
        "right_key": [records[b].key for _, b, _ in merges],
        "score": [res.score for _, _, res in merges],
        "explanation": [_explain(res) for _, _, res in merges]})
    # Pairs refused yet joined through other records are no longer apart.
    refused = sorted((item for item in refused if roots[item[0]] != roots[item[1]]),
                     key=lambda item: (records[item[0]].key, records[item[1]].key))
    apart_table = pa.table({
        "left_key": [records[a].key for a, _, _, _ in refused],
        "right_key": [records[b].key for _, b, _, _ in refused],
        "score": [res.score for _, _, res, _ in refused],
        "explanation": [_explain(res) for _, _, res, _ in refused],
        "reason": [reason for _, _, _, reason in refused]})
    for table, data in (("clusters", clusters), ("canonical", canonical),
                        ("merges", merge_table), ("kept_apart", apart_table)):
        with kb.arrow_view(con, "incoming", data):
            con.execute(f"INSERT INTO {table} SELECT * FROM incoming")
    return {"records": len(records), "entities": len(groups), "merges": len(merges),
            "kept_apart": len(refused), "seconds": time.perf_counter() - started}


KEY_BATCH = 4000  # records whose keys are inserted at once (bounds the memory it takes)


def _write_name_keys(con: duckdb.DuckDBPyConnection, records: list[_Record],
                     keys: list[list[str]]) -> None:
    """File every record under its screening keys (exact and typo-tolerant,
    ``screen.query_keys``), with the number of records per key, for
    :mod:`sanctiongap.screen`."""
    con.execute("DELETE FROM name_keys; DELETE FROM name_key_df")
    for start in range(0, len(records), KEY_BATCH):
        record_keys: list[str] = []
        batch: list[str] = []
        for record, found in zip(records[start:start + KEY_BATCH],
                                 keys[start:start + KEY_BATCH], strict=True):
            record_keys += [record.key] * len(found)
            batch += found
        with kb.arrow_view(con, "incoming", pa.table({"record_key": record_keys, "key": batch})):
            con.execute("INSERT INTO name_keys SELECT record_key, key FROM incoming")
    con.execute("INSERT INTO name_key_df SELECT key, count(*) FROM name_keys GROUP BY key")


def _write_prepared(con: duckdb.DuckDBPyConnection, records: list[_Record],
                    forms: list[str | None]) -> None:
    """Keep every record's preparation (``names.stored``) for screening, with the
    stamp of the code that prepared it."""
    # (Re)created: a knowledge base built before this table was added lacks it.
    con.execute("DROP TABLE IF EXISTS prepared_names; "
                "CREATE TABLE prepared_names (record_key VARCHAR, data VARCHAR); "
                "DELETE FROM meta WHERE key = 'prepared_stamp'")
    table = pa.table({"record_key": pa.array([r.key for r in records], pa.string()),
                      "data": pa.array(forms, pa.string())})
    with kb.arrow_view(con, "incoming", table):
        con.execute("INSERT INTO prepared_names SELECT record_key, data FROM incoming")
    con.execute("INSERT INTO meta VALUES ('prepared_stamp', ?)", [stored.stamp()])


_LIST_PREFERENCE = ["eu_833_annex_iv", "eu_269_annex_i", "us_ofac_sdn", "uk_ofsi",
                    "us_bis_entity"]


def _lead(members: list[_Record]) -> _Record:
    """The record whose name and schema stand for the cluster: an official list's
    entry before a watch list's, a specific schema before LegalEntity."""
    def rank(r: _Record) -> tuple[int, int, str]:
        pos = (_LIST_PREFERENCE.index(r.list_id) if r.list_id in _LIST_PREFERENCE
               else len(_LIST_PREFERENCE))
        return (pos, r.schema == "LegalEntity", r.key)
    return min(members, key=rank)
