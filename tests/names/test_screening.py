"""The quick screening path must decide exactly as the slow one: the per-form lookups
(``bounds.lookups``) must answer the glue and cut tests as the word searches they stand
for, and ``screening.worth`` must let in exactly the pairs of forms that the
bound from ``bounds.masses`` lets in."""

from __future__ import annotations

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st
from tests.names.test_align import NAMES, _edit, _perturb
from tests.names.test_bounds import SPECIAL, forms_of

from sanctiongap.match import MatchSubject, compare, prepare
from sanctiongap.names.align import QUERY_SHARE
from sanctiongap.names.bounds import (
    GLUE_MIN,
    _cut,
    _may_glue,
    lookups,
    masses,
)
from sanctiongap.names.form import SEP, NameForm
from sanctiongap.names.screening import EPS, QueryForm, worth
from sanctiongap.names.tokens import Token
from sanctiongap.scoring import score_many

# Names with initials, one- and two-letter words, numbers and words that glue.
EXTRA = ["A B C Electronics", "ABC Electronics", "K M Yusuf", "Karimov M", "Zavod 12 345",
         "Zavod 12345", "Hua Xin", "Huaxin", "Tian Tian Tian", "Yu", "Muhammad Yu", "Y"]


def _searched_may_glue(side: tuple[Token, ...], other: NameForm) -> bool:
    """The glue test by searching ``other.words`` (as bounds did before the lookups)."""
    words = other.words
    longest = max(map(len, other.positions), default=0)
    if longest < GLUE_MIN:
        return False
    texts = [t.text for t in side]
    for i in range(len(texts) - 1):
        first = texts[i]
        need = max(len(first) + len(texts[i + 1]) - 1, GLUE_MIN)
        if need > longest:
            continue
        head = SEP + first[:2]
        at = words.find(head)
        while at >= 0:
            end = words.find(SEP, at + 1)
            end = len(words) if end < 0 else end
            if end - at - 1 >= need:
                return True
            at = words.find(head, end)
    return False


def _searched_cut(side: tuple[Token, ...], other: NameForm) -> tuple[bool, list[bool]]:
    """The cut rule by searching alone: is the last word of ``side`` a strict prefix of
    words of ``other``, and which."""
    cut = side[-1].text
    flags = [len(cut) >= 2 and len(t.text) > len(cut) and t.text.startswith(cut)
             for t in other.tokens]
    return any(flags), flags


def _slow(q: NameForm, c: NameForm, weight: float, main: float, floor: float) -> bool:
    """The decision by the full bound of the pair (``bounds.masses``), as
    ``scoring._name_score`` takes it for subjects with many forms."""
    mq, mc = masses(q, c)
    bound = weight * (QUERY_SHARE * mq / q.total + (1 - QUERY_SHARE) * mc / c.total) + EPS
    return not (bound <= main or bound < floor)


# (weight, best so far, floor) as screening meets them.
SETTINGS = [(1.0, 0.0, 0.75), (0.98, 0.0, 0.75), (0.95, 0.0, 0.45), (1.0, 0.8, 0.75),
            (0.97, 0.0, 0.6), (1.0, 0.0, 0.3)]


def _check_pair(a: NameForm, b: NameForm) -> None:
    assert _may_glue(a, b) == _searched_may_glue(a.tokens, b)
    flags = [False] * len(a.tokens)
    other = [False] * len(b.tokens)
    _cut(a.tokens, flags, b, other)
    found, expected = _searched_cut(a.tokens, b)
    assert (flags[-1], other) == (found, expected)
    if a.has_core or b.has_core:
        for weight, main, floor in SETTINGS:
            assert worth(QueryForm(a), b, weight, main, floor) == _slow(
                a, b, weight, main, floor)


def _all_forms() -> list[NameForm]:
    forms = [f for name in NAMES + EXTRA for f in forms_of(name)]
    forms += [f for pair in SPECIAL for name in pair for f in forms_of(name)]
    return [f for f in forms if f.tokens]


def test_quick_path_equals_slow_path_on_real_and_special_names() -> None:
    forms = _all_forms()
    admitted = 0
    for a, b in itertools.product(forms, repeat=2):
        _check_pair(a, b)
        admitted += worth(QueryForm(a), b, 1.0, 0.0, 0.75)
    # Both answers occur (the check is not vacuous).
    assert 0 < admitted < len(forms) ** 2


def test_lookups_are_kept_and_read_words() -> None:
    form = forms_of("Hua Xin Shipping")[0]
    runs, reach = lookups(form)
    assert lookups(form) is form.lookups
    assert [t.text for t in form.tokens] == ["hua", "xin", "shipping"]
    # A run "hua xin..." spells 5 letters or more, "xin shipping..." 10 or more.
    assert runs == {"hu": 5, "xi": 10}
    assert reach == {"": 8, "h": 3, "hu": 3, "x": 3, "xi": 3, "s": 8, "sh": 8}
    # A run may glue into a word with its head, long enough to be spelt by it.
    assert _may_glue(forms_of("Hua Xin")[0], forms_of("Huaxin")[0])
    assert not _may_glue(forms_of("Hua Bozhongtian")[0], forms_of("Huaxin")[0])
    assert not _may_glue(forms_of("Hai Xin")[0], forms_of("Huaxin")[0])


@settings(max_examples=300, deadline=None)
@given(
    st.sampled_from(NAMES + EXTRA + [q for q, _ in SPECIAL]),
    st.sampled_from(NAMES + EXTRA + [c for _, c in SPECIAL]),
    st.lists(st.tuples(_edit, st.integers(0, 200)), max_size=3),
)
def test_quick_path_equals_slow_path_on_perturbed_names(
    query: str, candidate: str, edits: list[tuple[str, int]]
) -> None:
    for a in forms_of(_perturb(query, edits)):
        for b in forms_of(candidate):
            if a.tokens and b.tokens:
                _check_pair(a, b)
                _check_pair(b, a)


def test_screening_scores_equal_compare_on_perturbed_queries() -> None:
    subjects = [prepare(MatchSubject(names=[name])) for name in NAMES + EXTRA]
    queries = [prepare(MatchSubject(names=[_perturb(name, [("drop", 3 * i)])]))
               for i, name in enumerate(NAMES[::2])]
    for q in queries:
        exact = [compare(q, c).score for c in subjects]
        expected = [s if s >= 0.8 else 0.0 for s in exact]
        assert score_many(q, subjects, floor=0.8) == expected
