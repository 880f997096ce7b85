"""The screening bound of one pair of name forms, in one pass.

:func:`worth` decides what the bound from ``bounds.masses`` decides when screening -
whether the alignment of a query form and a candidate form could, weighted, beat the
best score so far and reach the floor - with the same flags, the same sums and the same
arithmetic, so the same pairs are aligned.  It is quicker in four ways:

* the word-for-word flags (``bounds.matchable``) are tried alone first: the cut and
  glue rules only add flags, so a pair these let in is in, and a pair they leave out
  is looked at again only when the rules' cheap tests say they could add something;
* the cut and glue rules are first tested on the per-form lookups (``bounds.lookups``)
  and the words searched only when the test passes;
* the candidate's side is computed only when the query's side leaves the pair in;
* what it reads of the query's form is taken once per query (:class:`QueryForm`).
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


class QueryForm:
    """A query's name form with what :func:`worth` reads of it, taken once per query
    rather than once per candidate form: per token its text, signature (None if
    empty), whether it carries Chinese pieces, and its weight; ``probes``, the form's
    glue runs and its cut word as (head, letters needed) for a candidate's ``reach``
    (``bounds.may_glue``, ``bounds.may_cut``)."""

    __slots__ = ("checks", "form", "has_core", "label", "probes", "reach", "tokens", "total")

    def __init__(self, form: NameForm) -> None:
        tokens = form.tokens
        self.form = form
        self.label = form.label
        self.tokens = tokens
        self.total = form.total
        self.has_core = form.has_core
        self.checks = tuple([(t.text, t.sig or None, t.pieces is not None, t.weight)
                             for t in tokens])
        runs, self.reach = lookups(form) if tokens else ({}, {})
        probes = list(runs.items()) if len(tokens) > 1 else []
        last = tokens[-1].text if tokens else ""
        if len(last) >= 2:  # a longer word of the other form it could begin
            probes.append((last[:2], len(last) + 1))
        self.probes = tuple(probes)


def worth(qf: QueryForm, c: NameForm, weight: float, main: float, floor: float) -> bool:
    """Whether ``weight`` x ``align(qf.form, c).score`` may be above ``main`` and at
    least ``floor``, as the two halves of ``bounds.masses`` bound it (both forms have
    tokens, one has a distinctive word)."""
    q_total, c_total = qf.total, c.total
    # First the word-for-word flags alone: the cut and glue rules only add flags, and
    # the bound only grows with them, so a pair these flags let in is in.
    c_direct: list[bool] | None = None  # the candidate's word-for-word flags, once known
    mq = _query_mass(qf, c, weight, main, floor)
    if mq is not None:
        ct = c.tokens
        c_direct = matchable(ct, qf.form)
        mc = c_total if all(c_direct) else weight_of(ct, c_direct)
        if _passes(weight * (QUERY_SHARE * mq / q_total + (1 - QUERY_SHARE) * mc / c_total),
                   main, floor):
            return True
    # Out so far; the cut and glue rules may add flags only where their tests pass.
    if not _may_add(qf, c):
        return False
    q = qf.form
    qt, ct = q.tokens, c.tokens
    q_flags = matchable(qt, c)
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


def _query_mass(qf: QueryForm, c: NameForm, weight: float, main: float, floor: float
                ) -> float | None:
    """The weight of the query's tokens that ``c`` could match word for word
    (``bounds.matchable``, summed as ``bounds.weight_of``) if the bound from it, the
    candidate's side counted whole, lets the pair in; else None."""
    pos, c_sig, core = c.positions, c.sig, c.has_core
    c_sigs = c.sigs
    mq = 0.0
    every = True
    for text, sig, pieced, tok_weight in qf.checks:
        if text in pos or (pieced and core) or (sig is not None and (
                not all(map(sig.isdisjoint, c_sigs)) if c_sig is None
                else not sig.isdisjoint(c_sig))):
            mq += tok_weight
        else:
            every = False
    if every:
        mq = qf.total
    bound = weight * (QUERY_SHARE * mq / qf.total + (1 - QUERY_SHARE) * c.total / c.total)
    return None if bound + EPS <= main or bound + EPS < floor else mq


def _may_add(qf: QueryForm, c: NameForm) -> bool:
    """Whether the cut or the glue rule could flag anything (their cheap tests,
    ``bounds.may_cut`` and ``bounds.may_glue``, both ways)."""
    c_runs, c_reach = c.lookups or lookups(c)
    for head, need in qf.probes:
        if c_reach.get(head, 0) >= need:
            return True
    ct = c.tokens
    return may_cut(ct[-1].text, qf.reach) or (len(ct) > 1 and may_glue(c_runs, qf.reach))


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


def best_name(q: tuple[QueryForm, ...], c: tuple[NameForm, ...],
              weights: dict[tuple[str, str], float], main: float, floor: float) -> float:
    """The best weighted alignment of a form of ``q`` with a form of ``c``, or ``main``
    if that is higher, skipping the pairs :func:`worth` rules out (exact where the
    result reaches ``floor``).  ``weights``: the weight of the name feature that
    compares forms of two labels, for the pairs of labels that one compares."""
    for qf in q:
        q_label, q_tokens, q_core = qf.label, qf.tokens, qf.has_core
        for cf in c:
            weight = weights.get((q_label, cf.label))
            if weight is None or weight <= main:
                continue
            if ((q_core or cf.has_core) and q_tokens and cf.tokens
                    and not worth(qf, cf, weight, main, floor)):
                continue
            value = weight * align(qf.form, cf, explain=False).score
            if value > main:
                main = value
    return main
