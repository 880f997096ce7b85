"""The screening bound of one pair of name forms, in one pass.

:func:`worth_aligning` decides what the bound from ``bounds.masses`` decides when
screening - whether the alignment of a query form and a candidate form could,
weighted, beat the best score so far and reach the floor - with the same flags, the
same sums and the same arithmetic, so the same pairs are aligned.  It is quicker in three ways:

* the word-for-word flags (``bounds.matchable``) are tried alone first: the cut and
  glue rules only add flags, so a pair these let in is in, and a pair they leave out
  is looked at again only when the rules' cheap tests say they could add something;
* the cut and glue rules are first tested on the per-form lookups (``bounds.lookups``)
  and the words searched only when the test passes;
* the candidate's side is computed only when the query's side leaves the pair in.
"""

from __future__ import annotations

from sanctiongap.names.align import QUERY_SHARE, align
from sanctiongap.names.bounds import (
    cut_flags,
    glue,
    lookups,
    matchable,
    may_cut,
    may_glue,
    weight_of,
)
from sanctiongap.names.form import NameForm

# Bounds are compared with this margin, so rounding can never prune a pair that counts.
EPS = 1e-9


def _passes(bound: float, main: float, floor: float) -> bool:
    return not (bound + EPS <= main or bound + EPS < floor)


def worth_aligning(q: NameForm, c: NameForm, weight: float, main: float, floor: float
                   ) -> bool:
    """Whether ``weight`` x ``align(q, c).score`` may be above ``main`` and at least
    ``floor``, as the two halves of ``bounds.masses`` bound it (both forms have tokens,
    one has a distinctive word)."""
    qt, ct = q.tokens, c.tokens
    q_total, c_total = q.total, c.total
    q_flags = matchable(qt, c)
    mq = q_total if all(q_flags) else weight_of(qt, q_flags)
    c_direct: list[bool] | None = None  # the candidate's word-for-word flags, once known
    # First the word-for-word flags alone: the cut and glue rules only add flags, and
    # the bound only grows with them, so a pair these flags let in is in.
    if _passes(weight * (QUERY_SHARE * mq / q_total + (1 - QUERY_SHARE) * c_total / c_total),
               main, floor):
        c_direct = matchable(ct, q)
        mc = c_total if all(c_direct) else weight_of(ct, c_direct)
        if _passes(weight * (QUERY_SHARE * mq / q_total + (1 - QUERY_SHARE) * mc / c_total),
                   main, floor):
            return True
    elif not _may_add(q, c):
        return False
    c_flags = [False] * len(ct)
    _cut_and_glue(q, q_flags, c, c_flags)
    mq = q_total if all(q_flags) else weight_of(qt, q_flags)
    bound = weight * (QUERY_SHARE * mq / q_total + (1 - QUERY_SHARE) * c_total / c_total)
    if not _passes(bound, main, floor):
        return False
    for j, direct in enumerate(c_direct if c_direct is not None else matchable(ct, q)):
        if direct:
            c_flags[j] = True
    mc = c_total if all(c_flags) else weight_of(ct, c_flags)
    return _passes(weight * (QUERY_SHARE * mq / q_total + (1 - QUERY_SHARE) * mc / c_total),
                   main, floor)


def _may_add(q: NameForm, c: NameForm) -> bool:
    """Whether the cut or the glue rule could flag anything (their cheap tests)."""
    qt, ct = q.tokens, c.tokens
    q_runs, q_reach = q.lookups or lookups(q)
    c_runs, c_reach = c.lookups or lookups(c)
    if may_cut(qt[-1].text, c_reach) or may_cut(ct[-1].text, q_reach):
        return True
    return (len(qt) > 1 and may_glue(q_runs, c_reach)) or (
        len(ct) > 1 and may_glue(c_runs, q_reach))


def _cut_and_glue(q: NameForm, q_flags: list[bool], c: NameForm, c_flags: list[bool]
                  ) -> None:
    """Add the flags of the cut and glue rules, both ways (as ``bounds.masses`` does)."""
    qt, ct = q.tokens, c.tokens
    q_runs, q_reach = q.lookups or lookups(q)
    c_runs, c_reach = c.lookups or lookups(c)
    if may_cut(qt[-1].text, c_reach):
        cut_flags(qt[-1].text, q_flags, c, c_flags)
    if may_cut(ct[-1].text, q_reach):
        cut_flags(ct[-1].text, c_flags, q, q_flags)
    if len(qt) > 1 and may_glue(q_runs, c_reach):
        glue(qt, q_flags, ct, c_flags)
    if len(ct) > 1 and may_glue(c_runs, q_reach):
        glue(ct, c_flags, qt, q_flags)


def best_name(q: tuple[NameForm, ...], c: tuple[NameForm, ...],
              weights: dict[tuple[str, str], float], main: float, floor: float) -> float:
    """The best weighted alignment of a form of ``q`` with a form of ``c``, or ``main``
    if that is higher, skipping the pairs :func:`worth_aligning` rules out (exact
    where the result reaches ``floor``).  ``weights``: the weight of the name feature
    that compares forms of two labels, for the pairs of labels that one compares."""
    for qf in q:
        q_label, q_tokens, q_core = qf.label, qf.tokens, qf.has_core
        for cf in c:
            weight = weights.get((q_label, cf.label))
            if weight is None or weight <= main:
                continue
            if ((q_core or cf.has_core) and q_tokens and cf.tokens
                    and not worth_aligning(qf, cf, weight, main, floor)):
                continue
            value = weight * align(qf, cf, explain=False).score
            if value > main:
                main = value
    return main
