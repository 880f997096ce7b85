"""Screening bounds a pair in two halves (``bounds.query_side`` then, only when the
query's side alone does not rule the pair out, ``bounds.candidate_side``): together
they must give exactly what ``bounds.masses`` gives, and ``score_many`` with a floor
must give exactly the scores ``compare`` gives."""

from __future__ import annotations

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st
from tests.names.test_align import NAMES, _edit, _perturb
from tests.names.test_bounds import SPECIAL, forms_of

from sanctiongap.match import MatchSubject, compare, prepare
from sanctiongap.names.bounds import candidate_side, masses, query_side
from sanctiongap.names.form import NameForm
from sanctiongap.scoring import score_many


def _halves(a: NameForm, b: NameForm) -> tuple[float, float]:
    mq, _, b_flags = query_side(a, b)
    return mq, candidate_side(a, b, b_flags)


def test_halves_equal_masses_on_real_and_special_names() -> None:
    forms = [f for name in NAMES for f in forms_of(name)]
    forms += [f for pair in SPECIAL for name in pair for f in forms_of(name)]
    checked = 0
    for a, b in itertools.product(forms, repeat=2):
        if a.tokens and b.tokens:
            assert _halves(a, b) == masses(a, b)
            checked += 1
    assert checked > 100


def test_halves_see_glued_and_cut_words() -> None:
    # Masses the base flags alone would miss: a run glued into a word, a cut last word.
    a, b = forms_of("Hua Xin Shipping")[0], forms_of("Huaxin Shipping Co")[0]
    assert _halves(a, b) == masses(a, b) == (a.total, b.total)
    a, b = forms_of("Karimov Muhammad Yus")[0], forms_of("Karimov Muhammad Yusuf")[0]
    assert a.tokens[-1].text == "yus"
    assert _halves(a, b) == masses(a, b) == (a.total, b.total)
    # Numbers have no signature: only the cut and glue rules flag them, each way.
    for q, c in itertools.permutations(["Zavod 12345", "Zavod 123", "Zavod 12 345"], 2):
        a, b = forms_of(q)[0], forms_of(c)[0]
        full = (a.total, b.total)
        assert _halves(a, b) == masses(a, b)
        assert (_halves(a, b) == full) == ("Zavod 123" not in (q, c) or "12 " not in q + c)


@settings(max_examples=300, deadline=None)
@given(
    st.sampled_from(NAMES + [q for q, _ in SPECIAL]),
    st.sampled_from(NAMES + [c for _, c in SPECIAL]),
    st.lists(st.tuples(_edit, st.integers(0, 200)), max_size=3),
)
def test_halves_equal_masses_on_perturbed_names(
    query: str, candidate: str, edits: list[tuple[str, int]]
) -> None:
    for a in forms_of(_perturb(query, edits)):
        for b in forms_of(candidate):
            if a.tokens and b.tokens:
                assert _halves(a, b) == masses(a, b)


def test_screening_scores_equal_compare() -> None:
    subjects = [prepare(MatchSubject(names=[name])) for name in NAMES[:40]]
    subjects += [prepare(MatchSubject(names=[q, c])) for q, c in SPECIAL]
    for q in subjects[::3]:
        exact = [compare(q, c).score for c in subjects]
        for floor in (0.5, 0.8):
            expected = [s if s >= floor else 0.0 for s in exact]
            assert score_many(q, subjects, floor=floor) == expected
