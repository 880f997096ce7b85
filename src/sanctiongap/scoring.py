"""Scores without explanations: the fast paths of screening and resolution.

:func:`score_many` (one query against many candidates) and :func:`score_both_ways` (a
pair, for resolution) give the score ``match.compare`` gives, with the same features,
weights and arithmetic, but build no explanation; with a *floor* (the threshold), pairs
of name forms whose bound (``names.bounds``, ``names.screening``) cannot reach it are
not aligned, and scores below it come back as 0.0.  Callers ask ``compare`` again for
the few pairs that reach the floor when they need the reasons.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from sanctiongap.match import (
    MAX_BONUS,
    NAME_FEATURE,
    QUALIFIER_FEATURES,
    WEIGHT,
    MatchSubject,
    Pair,
    PreparedSubject,
    as_prepared,
)
from sanctiongap.names.align import QUERY_SHARE, align
from sanctiongap.names.bounds import PairBounds
from sanctiongap.names.screening import EPS, QueryForm, best_name, worth

__all__ = ["score_both_ways", "score_many"]

_MAX_NAME_WEIGHT = max(WEIGHT[f] for f in NAME_FEATURE.values())
# The weight of the name feature comparing forms of two labels.
_LABEL_WEIGHT = {labels: WEIGHT[f] for labels, f in NAME_FEATURE.items()}


def _name_score(q: PreparedSubject, c: PreparedSubject, main: float, name_floor: float,
                bounds: PairBounds | None, screening: tuple[QueryForm, ...] | None = None
                ) -> float:
    """The best weighted name alignment, or ``main`` if that is higher.  With ``bounds``,
    pairs of forms whose bound cannot beat ``main`` or reach ``name_floor`` are skipped
    (the result is then exact only where it reaches ``name_floor``).  ``screening``
    (one direction, no masses kept for the other: the query's forms as
    ``screening.QueryForm``): a pair's bound is checked by ``screening.worth``, the
    query's side first."""
    weights = _LABEL_WEIGHT
    swapped = bounds is not None and q is not bounds.a
    q_terms: list[float] = []
    c_terms: list[float] = []
    c_best = 1.0
    if bounds is not None:
        q_terms, c_terms = bounds.union_terms(q)
        if c_terms:
            c_best = max(c_terms)
    for i, qf in enumerate(q.forms):
        if q_terms:
            # No form of c can lift this one above the floor or the best so far.
            row = _MAX_NAME_WEIGHT * (q_terms[i] + c_best) + EPS
            if row <= main or row < name_floor:
                continue
        for j, cf in enumerate(c.forms):
            weight = weights.get((qf.label, cf.label))
            if weight is None or weight <= main:
                continue
            if bounds is not None and (
                    qf.has_core or cf.has_core) and qf.tokens and cf.tokens:
                if q_terms:
                    bound = weight * (q_terms[i] + c_terms[j]) + EPS
                    if bound <= main or bound < name_floor:
                        continue
                if screening is not None:
                    # The query's side first, the candidate's only if still in.
                    if not worth(screening[i], cf, weight, main, name_floor):
                        continue
                else:
                    if swapped:
                        mc, mq = bounds.masses(j, i)
                    else:
                        mq, mc = bounds.masses(i, j)
                    bound = weight * (QUERY_SHARE * mq / qf.total
                                      + (1 - QUERY_SHARE) * mc / cf.total) + EPS
                    if bound <= main or bound < name_floor:
                        continue
            value = weight * align(qf, cf, explain=False).score
            if value > main:
                main = value
    return main


def _few_forms(q: PreparedSubject, c: PreparedSubject) -> bool:
    """Whether the pairs of forms are bounded one by one only (``PairBounds.union_terms``
    has no terms for these subjects)."""
    nq, nc = len(q.forms), len(c.forms)
    return nq * nc <= nq + nc


def _score(q: PreparedSubject, c: PreparedSubject, floor: float = 0.0,
           bounds: PairBounds | None = None,
           screening: tuple[QueryForm, ...] | None = None) -> float:
    """The score :func:`compare` gives, computed without building explanations (the
    same features, weights and arithmetic).  With ``floor`` > 0, name forms whose bound
    cannot reach it are not aligned, and a score below ``floor`` is returned as 0.0.
    ``screening`` (the query's forms as ``screening.QueryForm``): one direction only
    (see :func:`_name_score`); subjects with few forms are then compared by
    ``screening.best_name``."""
    name_floor = floor - MAX_BONUS
    main = 0.0 if q.exact_keys.isdisjoint(c.exact_keys) else WEIGHT["name_exact"]
    if main < _MAX_NAME_WEIGHT:
        if floor <= 0.0:
            main = _name_score(q, c, main, name_floor, None)
        elif screening is not None and _few_forms(q, c):
            main = best_name(screening, c.forms, _LABEL_WEIGHT, main, name_floor)
        else:
            main = _name_score(q, c, main, name_floor, bounds or PairBounds(q, c), screening)
    if q.id_keys and q.id_keys & c.id_keys:
        main = max(main, WEIGHT["identifier_match"])
    if main <= 0.0 or main < name_floor:
        return 0.0
    pair = Pair(q, c)
    bonus = 0.0
    for qualifier in QUALIFIER_FEATURES:
        hit = qualifier.func(pair)
        if hit is not None:
            bonus += hit.value * qualifier.weight
    score = min(1.0, max(0.0, main + bonus))
    return score if score >= floor else 0.0


def score_both_ways(a: PreparedSubject, b: PreparedSubject, floor: float) -> tuple[float, float]:
    """``a`` scored against ``b`` and, when that is below ``floor``, ``b`` against ``a``
    (else 0.0), as :func:`score_many` would score them with this floor, sharing the
    bounds between the two directions."""
    bounds = PairBounds(a, b) if floor > 0.0 else None
    forward = _score(a, b, floor, bounds)
    if forward >= floor:
        return forward, 0.0
    return forward, _score(b, a, floor, bounds)


def score_many(
    query: MatchSubject | PreparedSubject,
    candidates: Sequence[MatchSubject | PreparedSubject] | Iterable[PreparedSubject],
    floor: float = 0.0,
) -> list[float]:
    """Scores of one query against many candidates, equal to ``compare(...).score`` but
    without explanations (the query is prepared once; pass prepared candidates to reuse
    their preparation across queries).  With ``floor`` (e.g. the threshold), scores
    below it come back as 0.0, and candidates that cannot reach it are not aligned."""
    q = as_prepared(query)
    if floor <= 0.0:
        return [_score(q, as_prepared(c)) for c in candidates]
    forms = tuple(QueryForm(f) for f in q.forms)  # what bounds read of the query, once
    return [_score(q, as_prepared(c), floor, screening=forms) for c in candidates]
