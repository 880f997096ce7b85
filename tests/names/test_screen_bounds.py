"""The bound of a pair of forms (``bounds.masses``) sees words glued together and a last
word cut short, and ``score_many`` with a floor must give exactly the scores ``compare``
gives.  (``test_screening`` checks that screening's quicker decision equals the bound's.)"""

from __future__ import annotations

import itertools

from tests.names.test_align import NAMES
from tests.names.test_bounds import SPECIAL, forms_of

from sanctiongap.match import MatchSubject, compare, prepare
from sanctiongap.names.bounds import masses
from sanctiongap.scoring import score_many


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
