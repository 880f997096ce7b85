"""``normalise.vocab_word`` looks words up by fold and skeleton without building their
tokens: those keys must be the ones the word's token has."""

from __future__ import annotations

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st
from tests.names.test_align import NAMES, _edit, _perturb

from sanctiongap.names.normalise import _fold_skeleton, ascii_words, clean_text
from sanctiongap.names.tokens import Kind, Token


def _words(name: str) -> list[str]:
    words = ascii_words(clean_text(name))
    return words + [a + b for a, b in itertools.pairwise(words)]


def _same_as_token(word: str) -> None:
    token = Token.build(word, Kind.CORE, ())
    assert _fold_skeleton(word) == (token.fold, token.skel)


def test_fold_skeleton_of_real_words_and_glued_pairs() -> None:
    words = {w for name in NAMES for w in _words(name)}
    words |= {"kompany", "cmpny", "tradint", "z.a.", "12345", "ooo", "x", "", "rn7"}
    assert len(words) > 100
    for word in words:
        _same_as_token(word)


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(NAMES), st.lists(st.tuples(_edit, st.integers(0, 200)), max_size=3))
def test_fold_skeleton_of_perturbed_words(name: str, edits: list[tuple[str, int]]) -> None:
    for word in _words(_perturb(name, edits)):
        _same_as_token(word)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="abcdefghijklmnopqrstuvwxyzаяё0123456789.-", max_size=12))
def test_fold_skeleton_of_any_text(word: str) -> None:
    _same_as_token(word)
