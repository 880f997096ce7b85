"""The bounds that let matching skip alignments must never be below the real score, and
the fast scoring paths must give exactly the scores ``compare`` gives."""

from __future__ import annotations

import itertools
from typing import cast

from hypothesis import given, settings
from hypothesis import strategies as st
from tests.names import test_align
from tests.names.test_align import NAMES, _edit, _perturb

from sanctiongap.match import MatchSubject, compare, prepare
from sanctiongap.names.align import QUERY_SHARE, align
from sanctiongap.names.bounds import FormsUnion, masses, pair_bound, union_masses
from sanctiongap.names.form import NameForm
from sanctiongap.scoring import score_both_ways, score_many


def forms_of(name: str) -> list[NameForm]:
    return cast(list[NameForm], test_align.forms_of(name))


# Pairs chosen for the ways align matches a word: glued runs, a cut last word, initials,
# one edit at the start, a transliteration, words that repeat.
SPECIAL = [
    ("Hua Xin Shipping", "Huaxin Shipping Co"),
    ("Huaxin Shipping", "Hua Xin Shipping Co"),
    ("Hua Xinn Trading", "Huaxin Trading"),
    ("Karimov Muhammad Yu", "Karimov Muhammad Yusuf"),
    ("K Muhammad Yusuf", "Karimov M Yusuf"),
    ("Gazprom Neft", "Kazprom Neft"),
    ("Tian Tian Trading", "Tiantian Trading"),
    ("A B C Electronics", "ABC Electronics"),
    ("ООО Радиоавтоматика", "Radioavtomatika LLC"),
]


def _check(a: NameForm, b: NameForm) -> None:
    score = align(a, b).score
    assert score <= pair_bound(a, b)
    # masses serve both directions
    ma, mb = masses(a, b)
    if a.has_core or b.has_core:
        assert score <= QUERY_SHARE * ma / a.total + (1 - QUERY_SHARE) * mb / b.total
        reverse = align(b, a).score
        assert reverse <= QUERY_SHARE * mb / b.total + (1 - QUERY_SHARE) * ma / a.total


def _check_union(qs: list[NameForm], cs: list[NameForm]) -> None:
    """A form's mass against the union of the other side's forms bounds every pair."""
    q_mass = union_masses(tuple(qs), FormsUnion.of(tuple(cs)))
    c_mass = union_masses(tuple(cs), FormsUnion.of(tuple(qs)))
    for (qf, mq), (cf, mc) in itertools.product(zip(qs, q_mass, strict=True),
                                                zip(cs, c_mass, strict=True)):
        if not (qf.has_core or cf.has_core):
            continue
        q_part = QUERY_SHARE * (qf.total if mq is None else mq) / qf.total
        c_part = (1 - QUERY_SHARE) * (cf.total if mc is None else mc) / cf.total
        assert align(qf, cf).score <= q_part + c_part


def test_bounds_hold_on_real_and_special_names() -> None:
    all_forms = [f for name in NAMES for f in forms_of(name)]
    for a, b in itertools.product(all_forms, repeat=2):
        _check(a, b)
    _check_union(all_forms[::2], all_forms[1::2])
    for q, c in SPECIAL:
        for a, b in itertools.product(forms_of(q), forms_of(c)):
            _check(a, b)
            _check(b, a)


def test_glued_and_cut_words_are_not_bounded_away() -> None:
    # Without the glue and cut rules these pairs would be bounded below their score.
    for q, c in SPECIAL[:4]:
        a, b = forms_of(q)[0], forms_of(c)[0]
        assert align(a, b).score >= 0.8
        assert pair_bound(a, b) >= align(a, b).score


def test_unrelated_names_are_bounded_low() -> None:
    # Only words with a similar signature count (sergeevich / zhou: both fold to an "s"),
    # well below any threshold: these forms are never aligned at 0.8.
    a = forms_of("Ivan Sergeevich Petrov")[0]
    b = forms_of("Zhou Enlai Trading")[0]
    assert align(a, b).score < pair_bound(a, b) < 0.5


@settings(max_examples=300, deadline=None)
@given(
    st.sampled_from(NAMES + [q for q, _ in SPECIAL]),
    st.sampled_from(NAMES + [c for _, c in SPECIAL]),
    st.lists(st.tuples(_edit, st.integers(0, 200)), max_size=3),
)
def test_bounds_hold_on_perturbed_names(
    query: str, candidate: str, edits: list[tuple[str, int]]
) -> None:
    qs = forms_of(_perturb(query, edits))
    cs = forms_of(candidate)
    for a in qs:
        for b in cs:
            _check(a, b)
    if qs and cs:
        _check_union(qs, cs)


def _subject(*names: str, schema: str = "LegalEntity", country: str = "cn") -> MatchSubject:
    return MatchSubject(schema=schema, names=list(names), countries=[country])


def test_fast_scores_equal_compare_for_many_aliases() -> None:
    # Subjects with several names take the union path of the bounds.
    left = prepare(_subject("Hua Xin Shipping Co Ltd", "Huaxin Marine", "华信航运有限公司",
                            "HX Shipping", "Hua Xin International Shipping"))
    others = [
        prepare(_subject("Huaxin Shipping Company", "Hua Xin Marine Ltd", "HX Marine")),
        prepare(_subject("Huaxing Trading", "Hua Xing Marine", country="hk")),
        prepare(_subject("Petrov Ivan", "Ivan Petrov", "I. Petrov", schema="Person",
                         country="ru")),
        prepare(_subject("Shipping Marine International", "Marine Shipping")),
    ]
    for other in others:
        for q, c in ((left, other), (other, left)):
            exact = compare(q, c).score
            assert score_many(q, [c]) == [exact]
            for floor in (0.5, 0.8, 0.9):
                assert score_many(q, [c], floor=floor) == [exact if exact >= floor else 0.0]
        forward, backward = score_both_ways(left, other, 0.9)
        exact_forward = compare(left, other).score
        assert forward == (exact_forward if exact_forward >= 0.9 else 0.0)
        if forward < 0.9:
            exact_backward = compare(other, left).score
            assert backward == (exact_backward if exact_backward >= 0.9 else 0.0)


def test_masses_see_glued_and_cut_words() -> None:
    # Masses the base flags alone would miss: a run glued into a word, a cut last word.
    a, b = forms_of("Hua Xin Shipping")[0], forms_of("Huaxin Shipping Co")[0]
    assert masses(a, b) == (a.total, b.total)
    a, b = forms_of("Karimov Muhammad Yus")[0], forms_of("Karimov Muhammad Yusuf")[0]
    assert a.tokens[-1].text == "yus"
    assert masses(a, b) == (a.total, b.total)
    # Numbers have no signature: only the cut and glue rules flag them, each way.
    for q, c in itertools.permutations(["Zavod 12345", "Zavod 123", "Zavod 12 345"], 2):
        a, b = forms_of(q)[0], forms_of(c)[0]
        full = (a.total, b.total)
        assert (masses(a, b) == full) == ("Zavod 123" not in (q, c) or "12 " not in q + c)


def test_screening_scores_equal_compare() -> None:
    subjects = [prepare(MatchSubject(names=[name])) for name in NAMES[:40]]
    subjects += [prepare(MatchSubject(names=[q, c])) for q, c in SPECIAL]
    for q in subjects[::3]:
        exact = [compare(q, c).score for c in subjects]
        for floor in (0.5, 0.8):
            expected = [s if s >= floor else 0.0 for s in exact]
            assert score_many(q, subjects, floor=floor) == expected
