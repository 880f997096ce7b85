"""Prepared subjects lightened for the screener's cache (``subject.for_cache``) must
compare exactly as they did: forms without their signature union (``form.drop_union``)
give the same signature tests, bounds and scores, and the shared small objects are
the values they stand for."""

from __future__ import annotations

import itertools

from tests.names.test_align import NAMES
from tests.names.test_bounds import SPECIAL, forms_of

from sanctiongap.match import MatchSubject, compare, prepare
from sanctiongap.model import Identifier
from sanctiongap.names.align import align
from sanctiongap.names.bounds import FormsUnion, masses, matchable
from sanctiongap.names.form import SEP, NameForm, drop_union, meets
from sanctiongap.names.subject import for_cache
from sanctiongap.scoring import score_many

PAIR_NAMES = sorted({n for pair in SPECIAL for n in pair} | set(NAMES))


def _dropped(form: NameForm) -> NameForm:
    """A copy of ``form`` (same tokens) without its union."""
    copy = NameForm(form.original, form.label, form.tokens, company=form.company)
    drop_union(copy)
    return copy


def test_drop_union_keeps_every_signature_answer() -> None:
    forms = [f for name in PAIR_NAMES for f in forms_of(name)]
    dropped = [_dropped(f) for f in forms]
    multi = [d for d in dropped if len(d.sigs) > 1]
    assert multi and all(d.sig is None for d in multi)  # the test is not vacuous
    # A form with one fuzzy token keeps that token's signature (no copy to drop).
    single = [d for d in dropped if len(d.sigs) == 1]
    assert single and all(d.sig is d.sigs[0] for d in single)
    met = 0
    for a, (b, b_dropped) in itertools.product(forms, zip(forms, dropped, strict=True)):
        assert b.sig is not None
        for tok in a.tokens:
            expected = not tok.sig.isdisjoint(b.sig)
            assert meets(tok.sig, b) is expected
            assert meets(tok.sig, b_dropped) is expected
            met += expected
        assert matchable(a.tokens, b_dropped) == matchable(a.tokens, b)
        assert masses(a, b_dropped) == masses(a, b)
        assert masses(b_dropped, a) == masses(b, a)
        assert align(a, b_dropped, explain=True) == align(a, b, explain=True)
    assert met > 0


def test_forms_union_is_the_same_from_token_signatures() -> None:
    forms = tuple(f for name in NAMES[:6] for f in forms_of(name))
    dropped = tuple(_dropped(f) for f in forms)
    expected = frozenset().union(*(f.sig for f in forms if f.sig is not None))
    assert FormsUnion.of(dropped).sig == expected == FormsUnion.of(forms).sig
    assert expected


def test_shared_small_objects_hold_the_right_values() -> None:
    form = forms_of("Tian Tian Hua Xin Shipping")[0]
    texts = [t.text for t in form.tokens]
    assert form.positions["tian"] == (0, 1)
    assert form.positions["xin"] == (texts.index("xin"),)
    assert form.words == "".join(SEP + t for t in texts)
    other = forms_of("Hua Xin Trading")[0]
    assert all(other.tokens[i].sig is s for i, s in zip(other.fuzzy, other.sigs, strict=True))
    # The key is the sorted words; the joined name keeps their order.
    mixed = forms_of("Xin Hua")[0]
    assert mixed.joined == "xin hua" and mixed.key == "hua xin"


def _subject(name: str, **extra: object) -> MatchSubject:
    return MatchSubject(names=[name], **extra)  # type: ignore[arg-type]


def test_for_cache_scores_as_before() -> None:
    records = [
        _subject("Huaxin Shipping Co", countries=["cn"], addresses=["12 Huaxin Road Ningbo"]),
        _subject("深圳市亿路发科技有限公司", countries=["cn"]),
        MatchSubject(schema="Person", names=["Karimov Muhammad Yusuf"],
                     birth_dates=["1970-01-02"], countries=["uz"], key="r3"),
        _subject("Alfa Bank", identifiers=[Identifier("swift", "ALFARUMM")], countries=["ru"]),
        _subject("Hua Xin Trading Limited", countries=["hk"]),
    ]
    queries = [_subject(n) for n in ("Hua Xin Shipping", "Yilufa Technology",
                                     "Karimov Yusuf", "Alfa Bank", "Huaxin Trading")]
    queries.append(MatchSubject(schema="Person", names=["Muhammad Karimov"],
                                birth_dates=["1970-01-02"], countries=["uz"]))
    plain = [prepare(r) for r in records]
    cached = [for_cache(prepare(r)) for r in records]
    assert cached[2].subject.key == "r3" and cached[2].subject.birth_dates == ["1970-01-02"]
    assert cached[0].subject is cached[1].subject  # no birth dates: shared per schema
    assert cached[0].subject.names == [] and cached[0].countries == plain[0].countries
    assert cached[0].address_words == plain[0].address_words
    for query in queries:
        q = prepare(query)
        for floor in (0.0, 0.5, 0.8):
            assert score_many(q, cached, floor=floor) == score_many(q, plain, floor=floor)
        for p, c in zip(plain, cached, strict=True):
            before, after = compare(q, p), compare(q, c)
            assert after.score == before.score
            assert after.explanation() == before.explanation()
    assert any(compare(prepare(q), c).score >= 0.8 for q in queries for c in cached)
