"""Pairs that score above the resolution threshold but are refused as one party."""

from __future__ import annotations

import duckdb
import pytest

from sanctiongap.cli_entity import entity_json, find_entities
from sanctiongap.entities import fetch_entities
from sanctiongap.match import MatchSubject, compare, prepare
from sanctiongap.model import Identifier
from sanctiongap.resolve import RESOLVE_THRESHOLD
from sanctiongap.resolve_guard import legal_forms, refuse_merge


def _org(name: str, country: str, *ids: Identifier) -> MatchSubject:
    return MatchSubject("Company", [name], [country], list(ids))


def _person(name: str, country: str) -> MatchSubject:
    return MatchSubject("Person", [name], [country])


def _verdict(a: MatchSubject, b: MatchSubject) -> str:
    pa, pb = prepare(a), prepare(b)
    result = compare(pa, pb, RESOLVE_THRESHOLD)
    assert result.score >= RESOLVE_THRESHOLD  # the guard matters only above it
    return refuse_merge(pa, pb, result)


IMO = Identifier("imo", "9123456")


@pytest.mark.parametrize(("a", "b", "refused"), [
    # one word, countries conflict, no legal form in common
    (_org("Alliance LLC", "ru"), _org("ALLIANCE", "mx"), True),
    (_org("JOINT-STOCK COMPANY ORBITA", "ru"), _org("Orbita", "cn"), True),
    # ... the same word with an identifier in common
    (_org("Alliance LLC", "ru", IMO), _org("ALLIANCE", "mx", IMO), False),
    # ... or in the same country
    (_org("Alliance LLC", "ru"), _org("ALLIANCE", "ru"), False),
    # one word with the same legal form on both sides, known to rigour or not
    (_org("Giovan Ltd.", "hk"), _org("Giovan Limited", "in"), False),
    (_org("Skylinks FZC", "hk"), _org("Skylinks FZC", "ae"), False),
    # no distinctive word
    (_org("UNITED WORLD INTERNATIONAL", "tr"), _org("United World International", "ru"), True),
    # two firms of one group: limited liability against shares
    (_org("Intellexa Limited", "ie"), _org("Intellexa S.A.", "gr"), True),
    (_org("RHEINGOLD EDELMETALL AG", "li"), _org("RHEINGOLD EDELMETALL GMBH", "de"), True),
    # a brand of two words, listed under two countries
    (_org("Sinno Electronics Co., Ltd.", "cn"), _org("Sinno Electronics", "lt"), False),
    (_org("Frontier Services Group Limited", "ae"),
     _org("Frontier Services Group Limited", "ke"), False),
    # people: one word says little, a full name does not
    (_person("ABDULLAH", "pk"), _person("ABDULLAH", "tn"), True),
    (_person("Oleg Valerievich MORGUN", "ru"), _person("MORGUN Oleg Valerievich", "ua"), False),
])
def test_refuse_merge(a: MatchSubject, b: MatchSubject, refused: bool) -> None:
    why = _verdict(a, b)
    assert bool(why) is refused, why
    if refused:
        assert "countries conflict" in why


def test_legal_forms_by_kind() -> None:
    assert legal_forms("Intellexa S.A.", True) == {"jsc"}
    assert legal_forms("Intellexa Limited", True) == {"llc"}
    assert legal_forms("Omega", True) == frozenset()


def test_refused_pairs_stay_apart_in_the_knowledge_base(
        bundled_kb: duckdb.DuckDBPyConnection) -> None:
    rows = bundled_kb.execute(
        """SELECT count(DISTINCT c.canonical_id) FROM names n JOIN clusters c USING (record_key)
           WHERE n.name IN ('Intellexa Limited', 'Intellexa S.A.')""").fetchone()
    assert rows == (2,)
    # ... and the pair is kept with its reason, between records of different entities
    reasons = bundled_kb.execute(
        """SELECT a.reason, cl.canonical_id = cr.canonical_id FROM kept_apart a
           JOIN clusters cl ON cl.record_key = a.left_key
           JOIN clusters cr ON cr.record_key = a.right_key""").fetchall()
    assert reasons and not any(same for _, same in reasons)
    assert any("legal forms of different kinds" in r and "Intellexa" in r.title()
               for r, _ in reasons)


def test_entity_shows_what_was_kept_apart(bundled_kb: duckdb.DuckDBPyConnection) -> None:
    ids = find_entities(bundled_kb, "Intellexa S.A.", 1)
    shown = entity_json(fetch_entities(bundled_kb, ids)[ids[0]])
    others = {row["other_caption"].casefold() for row in shown["kept_apart"]}
    assert any(o.startswith("intellexa limited") for o in others), others
    assert all("countries conflict (" in row["reason"] for row in shown["kept_apart"])
