"""Cheap upper bounds on :func:`align.align` scores, to skip alignments that cannot count.

:func:`align.align` matches a token in four ways: an equal word of the other side; a run
of two or three adjacent words that, glued together, spell a word of the other side
(exactly, or within one edit from six letters); a similar word (``token_similarity`` >
0, which needs the two tokens' signatures to meet); the query's last word cut short,
a strict prefix of a candidate word; and a run of Latin words rendering Chinese tokens
partly by sound and partly by meaning (``hybrid``: the Latin words share a signature key
with the Chinese token they start in; a Chinese token with pieces counts as matchable
whenever the other side has a distinctive word).  A bound flags every token that one of these could
match (the glue and the cut checked exactly, the cut in both directions so that one
result serves both) and scores the flagged tokens as matched with similarity 1: the
score formula of ``align`` without its reducing factors.

* :func:`masses` gives the flagged weight of both forms of a pair, :func:`pair_bound`
  the bound for one direction;
* :func:`union_masses` gives, for each form of one subject, its flagged weight against
  *any* form of another subject (its tokens checked against the union of that subject's
  forms, :class:`FormsUnion`): one pass per form instead of one per pair of forms, for
  subjects with many aliases.
* :class:`PairBounds` keeps both for one pair of subjects, for the two directions in
  which resolution may compare them (``scoring.score_both_ways``);
* ``screening.worth`` decides for screening (``scoring.score_many``) what the
  bound from :func:`masses` decides, in a quicker order: the query's side first, the
  cheap word-for-word flags before the cut and glue rules.

Two forms that both lack a distinctive word are compared by another formula (see
``align``); a bound of 1 is the only one for them.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from itertools import pairwise
from sys import intern
from typing import TYPE_CHECKING

from rapidfuzz.distance import OSA

from sanctiongap.names.align import QUERY_SHARE
from sanctiongap.names.form import SEP, Lookups, NameForm
from sanctiongap.names.tokens import Token

if TYPE_CHECKING:
    from sanctiongap.names.subject import PreparedSubject

GLUE_MIN = 4  # a word spelt by glued words has at least this many letters (align)


def glue(side: tuple[Token, ...], flags: list[bool], other: tuple[Token, ...],
          other_flags: list[bool]) -> None:
    """Flag the runs of ``side`` that glue into a word of ``other``, and that word."""
    goals: dict[str, list[int]] = {}
    for j, target in enumerate(other):
        if len(target.text) >= GLUE_MIN:
            goals.setdefault(target.text[:2], []).append(j)
    last = len(side) - 1
    for i in range(last):
        first = side[i].text
        if len(first) >= 2:
            found = goals.get(first[:2])
        else:  # an initial (or an empty word) starts every goal it prefixes
            found = [j for head, js in goals.items() if head.startswith(first) for j in js]
        if not found:
            continue
        for j in found:
            goal = other[j].text
            glued = first
            for k in range(i + 1, min(i + 3, last + 1)):
                glued += side[k].text
                if len(glued) > len(goal) + 1:
                    break
                if glued == goal or (
                        len(glued) >= 6 and OSA.distance(glued, goal, score_cutoff=1) <= 1):
                    for m in range(i, k + 1):
                        flags[m] = True
                    other_flags[j] = True


def lookups(form: NameForm) -> Lookups:
    """Two lookups per form, built once and kept on it: ``runs``, per head of a word
    that starts a run of two (its first two letters, fewer for a shorter word), the
    fewest letters a word spelt by a run starting with it could have; ``reach``, per
    head ("", the first letter, the first two letters), the length of the longest word
    of the form starting with it."""
    found = form.lookups
    if found is None:
        texts = [t.text for t in form.tokens]
        runs: dict[str, int] = {}
        for first, second in pairwise(texts):
            need = max(len(first) + len(second) - 1, GLUE_MIN)
            head = intern(first[:2])
            if need < runs.get(head, need + 1):
                runs[head] = need
        reach: dict[str, int] = {}
        for text in texts:
            size = len(text)
            # Heads are interned: one string for all the forms kept with lookups.
            for head in ("", intern(text[:1]), intern(text[:2])):
                if size > reach.get(head, -1):
                    reach[head] = size
        found = form.lookups = (runs, reach)
    return found


def may_glue(runs: dict[str, int], reach: dict[str, int]) -> bool:
    """Whether a run of one form (its ``runs``) could start like a word of another
    (its ``reach``) long enough for it: without this, :func:`glue` finds nothing."""
    for head, need in runs.items():  # noqa: SIM110 (a loop is quicker than any())
        if reach.get(head, 0) >= need:
            return True
    return False


def _may_glue(side: NameForm, other: NameForm) -> bool:
    return may_glue(lookups(side)[0], lookups(other)[1])


def _cut(side: tuple[Token, ...], flags: list[bool], other: NameForm,
         other_flags: list[bool]) -> None:
    """Flag the last word of ``side`` and the longer words of ``other`` it begins."""
    cut = side[-1].text
    if may_cut(cut, lookups(other)[1]):
        cut_flags(cut, flags, other, other_flags)


def may_cut(cut: str, reach: dict[str, int]) -> bool:
    """Whether a word cut short could begin a longer word of a form (its ``reach``):
    without this, :func:`cut_flags` finds nothing."""
    return len(cut) >= 2 and reach.get(cut[:2], 0) > len(cut)


def cut_flags(cut: str, flags: list[bool], other: NameForm, other_flags: list[bool]
              ) -> None:
    """Flag the cut word (the last of its side, ``flags[-1]``) and the longer words of
    ``other`` it begins (the search :func:`_cut` makes once its cheap test passed)."""
    words = other.words
    probe = SEP + cut
    at = words.find(probe)
    while at >= 0:
        end = at + len(probe)
        if end < len(words) and words[end] != SEP:
            flags[-1] = other_flags[words.count(SEP, 0, at)] = True
        at = words.find(probe, end)


def weight_of(tokens: tuple[Token, ...], flags: list[bool]) -> float:
    """The weight of the flagged tokens, summed in token order as ``align`` sums."""
    total = 0.0
    for tok, flag in zip(tokens, flags, strict=True):
        if flag:
            total += tok.weight
    return total


def matchable(tokens: tuple[Token, ...], other: NameForm) -> list[bool]:
    """Per token, whether ``other`` could match it word for word: an equal word, a
    shared signature key, or Chinese pieces that a Latin word of ``other`` may render
    from inside (hybrid).  The other rules (cut, glue) come on top."""
    pos, sig, core = other.positions, other.sig, other.has_core
    if sig is None:  # the union was dropped (``form.drop_union``)
        sigs = other.sigs
        return [t.text in pos or not all(map(t.sig.isdisjoint, sigs))
                or (t.pieces is not None and core) for t in tokens]
    return [t.text in pos or not t.sig.isdisjoint(sig) or (t.pieces is not None and core)
            for t in tokens]


def masses(a: NameForm, b: NameForm) -> tuple[float, float]:
    """The weight of the tokens of ``a`` and of ``b`` that could be matched, whichever
    of the two is the query."""
    at, bt = a.tokens, b.tokens
    a_flags = matchable(at, b)
    b_flags = matchable(bt, a)
    a_all, b_all = all(a_flags), all(b_flags)
    if a_all and b_all:
        return a.total, b.total  # the same sum, in the same order
    if not (a_flags[-1] and b_all):
        _cut(at, a_flags, b, b_flags)
    if not (b_flags[-1] and a_all):
        _cut(bt, b_flags, a, a_flags)
    if len(at) > 1 and _may_glue(a, b):
        glue(at, a_flags, bt, b_flags)
    if len(bt) > 1 and _may_glue(b, a):
        glue(bt, b_flags, at, a_flags)
    return weight_of(at, a_flags), weight_of(bt, b_flags)


def pair_bound(q: NameForm, c: NameForm) -> float:
    """A value ``align(q, c).score`` cannot exceed (see the module docstring)."""
    if (not q.has_core and not c.has_core) or not q.tokens or not c.tokens:
        return 1.0
    mq, mc = masses(q, c)
    return QUERY_SHARE * mq / q.total + (1 - QUERY_SHARE) * mc / c.total


@dataclass(frozen=True, slots=True)
class FormsUnion:
    """What :func:`union_masses` checks tokens against: the words, signatures and glue
    heads of all the name forms of one subject."""

    texts: frozenset[str]
    sig: frozenset[str]
    ordered: tuple[str, ...]  # texts, sorted (which word starts with a given prefix)
    long_heads: frozenset[str]  # two-letter heads of words a run could spell (4+ letters)
    heads: frozenset[str]  # two-letter heads of all words (a run of them could spell...)
    singles: frozenset[str]  # one-letter words (...or start with an initial)
    lasts: frozenset[str]  # last words of the forms (a query's word cut short)

    @classmethod
    def of(cls, forms: tuple[NameForm, ...]) -> FormsUnion:
        texts = frozenset(t.text for f in forms for t in f.tokens)
        return cls(
            texts, frozenset().union(*(s for f in forms for s in f.sigs)), tuple(sorted(texts)),
            frozenset(t[:2] for t in texts if len(t) >= GLUE_MIN),
            frozenset(t[:2] for t in texts), frozenset(t for t in texts if len(t) <= 1),
            frozenset(f.tokens[-1].text for f in forms if f.tokens))


def _union_flags(form: NameForm, union: FormsUnion) -> list[bool]:
    tokens = form.tokens
    texts, sig = union.texts, union.sig
    flags = [t.text in texts or not t.sig.isdisjoint(sig)
             or (t.pieces is not None and bool(sig)) for t in tokens]
    if all(flags):
        return flags
    last = len(tokens) - 1
    cut = tokens[last].text
    if not flags[last] and len(cut) >= 2:
        # A word of the union strictly extends it (sorted order puts it right after).
        ordered = union.ordered
        i = bisect_right(ordered, cut)
        flags[last] = i < len(ordered) and ordered[i].startswith(cut)
    lasts = union.lasts
    for j, tok in enumerate(tokens):
        text = tok.text
        if not flags[j] and any(text[:size] in lasts for size in range(2, len(text))):
            flags[j] = True
    long_heads = union.long_heads
    for i in range(last):
        # A run starting here could spell a word of the other subject: flag the run.
        first = tokens[i].text
        if first[:2] in long_heads or (
                len(first) < 2 and any(h.startswith(first) for h in long_heads)):
            for m in range(i, min(i + 3, last + 1)):
                flags[m] = True
    for j, tok in enumerate(tokens):
        # A run of the other subject's words could spell this word.
        text = tok.text
        if not flags[j] and len(text) >= GLUE_MIN and (
                text[:2] in union.heads or any(text.startswith(s) for s in union.singles)):
            flags[j] = True
    return flags


def union_masses(forms: tuple[NameForm, ...], other: FormsUnion) -> list[float | None]:
    """Per form, the weight of its tokens that any form of the subject whose union is
    ``other`` could match (query or candidate), or None for a form without a
    distinctive word (it may meet another such form, bounded by 1 only)."""
    return [weight_of(f.tokens, _union_flags(f, other)) if f.has_core and f.tokens else None
            for f in forms]


def forms_union(prepared: PreparedSubject) -> FormsUnion:
    """The union of the subject's name forms, computed once and kept on the subject."""
    found = prepared.union
    if found is None:
        found = prepared.union = FormsUnion.of(prepared.forms)
    return found


def _shares(forms: tuple[NameForm, ...], mass: list[float | None], share: float
            ) -> list[float]:
    """Each form's term of the ``align`` score formula if ``mass`` (None: all its
    weight) were matched: share x mass / total."""
    return [share * (f.total if m is None else m) / f.total
            for f, m in zip(forms, mass, strict=True)]


# The terms of subjects with few forms: none (shared, never changed).
_NO_TERMS: tuple[list[float], list[float], list[float], list[float]] = ([], [], [], [])


class PairBounds:
    """Bound data of one pair of subjects ``a`` and ``b``, shared by both directions of
    comparison: the weight each form could have matched (:func:`masses`) per pair of
    forms, and, when the subjects have many forms, each form's term of the score
    against the other subject as a whole (:func:`union_masses`) as query and as
    candidate."""

    __slots__ = ("a", "b", "pairs", "terms")

    def __init__(self, a: PreparedSubject, b: PreparedSubject) -> None:
        self.a, self.b = a, b
        self.pairs: dict[tuple[int, int], tuple[float, float]] = {}
        self.terms: tuple[list[float], list[float], list[float], list[float]] | None = None

    def union_terms(self, q: PreparedSubject) -> tuple[list[float], list[float]]:
        """Per form of the query ``q`` and of the other subject, its term of the score
        against any form of the other (empty lists when the subjects have few forms:
        their pairs are then bounded one by one)."""
        if self.terms is None:
            a, b = self.a, self.b
            na, nb = len(a.forms), len(b.forms)
            if na * nb > na + nb:
                a_mass = union_masses(a.forms, forms_union(b))
                b_mass = union_masses(b.forms, forms_union(a))
                self.terms = (
                    _shares(a.forms, a_mass, QUERY_SHARE),
                    _shares(a.forms, a_mass, 1 - QUERY_SHARE),
                    _shares(b.forms, b_mass, QUERY_SHARE),
                    _shares(b.forms, b_mass, 1 - QUERY_SHARE))
            else:
                self.terms = _NO_TERMS
        a_q, a_c, b_q, b_c = self.terms
        return (a_q, b_c) if q is self.a else (b_q, a_c)

    def masses(self, i: int, j: int) -> tuple[float, float]:
        """Masses of form ``i`` of ``a`` and form ``j`` of ``b``."""
        found = self.pairs.get((i, j))
        if found is None:
            found = self.pairs[i, j] = masses(self.a.forms[i], self.b.forms[j])
        return found
