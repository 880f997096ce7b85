"""Does this listed party match that one?  Features as data, one documented threshold.

The matcher is a list of small scoring functions (:data:`FEATURES`).  Each is a
:class:`Feature` record with a name, a weight and a docstring; the docstring is the
explanation an API returns and a report shows.  *Main* features say how strongly two
subjects are the same (names, identifiers); *qualifiers* adjust a main score up or down
(schema, country, birth date, address, identifier conflict).

Score = max over main features of (weight x value), plus the sum over qualifiers of
(weight x value), clipped to [0, 1].  Qualifiers only apply once a main feature has fired.

**The threshold.**  ``DEFAULT_THRESHOLD`` has one meaning: of 100 pairs scoring at or
above it, a reviewer should accept at least 97 as the same party (precision >= 0.97).  It
was set with ``bench/bench_match.py``: precision / recall at 0.80 were 0.996 / 1.000 on
sanctions-screening-benchmark's fixture, 0.993 / 0.977 on the same harness over 60 real
OFAC persons, 1.000 / 0.582 on the Chinese / English pairs of the EU lists with hard
negatives (1.000 / 0.431 on those of the OFSI list, held out from tuning); at 0.75 the
OFAC persons' precision fell to 0.971, too close to the line.

``compare`` is asymmetric in the way screening is: words of the query that find no
partner cost more than words of the candidate that find none (a query "Karimov Yusuf"
matches the listed "Karimov Muhammad Yusuf" better than the reverse).  To decide that two
list entries are one party, compare both ways and require both scores at the threshold.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from sanctiongap.names.align import Alignment, align
from sanctiongap.names.bounds import pair_bound
from sanctiongap.names.form import NameForm
from sanctiongap.names.subject import (
    OBJECT_SCHEMATA,
    PERSON_SCHEMATA,
    MatchSubject,
    PreparedSubject,
    blocking_keys,
    prepare,
)

__all__ = [
    "DEFAULT_THRESHOLD",
    "FEATURES",
    "Feature",
    "FeatureHit",
    "MatchResult",
    "MatchSubject",
    "PreparedSubject",
    "blocking_keys",
    "compare",
    "prepare",
]

DEFAULT_THRESHOLD = 0.8

NAME_FEATURE: dict[tuple[str, str], str] = {}
for _q in ("latin", "translit"):
    for _c in ("latin", "translit"):
        _both_latin = _q == "latin" and _c == "latin"
        NAME_FEATURE[_q, _c] = "name_fuzzy" if _both_latin else "name_translit"
    for _c, _f in (("pinyin", "name_chinese_pinyin"), ("mixed", "name_chinese_pinyin"),
                   ("meaning", "name_chinese_meaning")):
        NAME_FEATURE[_q, _c] = _f
        NAME_FEATURE[_c, _q] = _f
NAME_FEATURE["han", "han"] = "name_chinese_script"
NAME_FEATURE["pinyin", "pinyin"] = "name_chinese_script"


@dataclass(slots=True)
class FeatureHit:
    """A feature that fired: its value in [0, 1] and what it saw."""

    feature: str
    value: float
    weight: float
    query: str = ""
    candidate: str = ""
    detail: str = ""

    @property
    def contribution(self) -> float:
        return self.value * self.weight

    def explain(self) -> str:
        text = f"{self.feature}: "
        if self.query or self.candidate:
            text += f"{self.query} ~ {self.candidate} "
        text += f"({self.value:.2f})"
        return f"{text}; {self.detail}" if self.detail else text


@dataclass(slots=True)
class Pair:
    """One comparison: both subjects and the best alignment per name feature."""

    q: PreparedSubject
    c: PreparedSubject
    names: dict[str, tuple[float, NameForm, NameForm, Alignment]] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Feature:
    name: str
    weight: float
    func: Callable[[Pair], FeatureHit | None]
    qualifier: bool = False

    @property
    def doc(self) -> str:
        return " ".join((self.func.__doc__ or "").split())


@dataclass(slots=True)
class MatchResult:
    score: float
    hits: list[FeatureHit]
    threshold: float = DEFAULT_THRESHOLD

    @property
    def is_match(self) -> bool:
        return self.score >= self.threshold

    def explanation(self) -> list[str]:
        """One line per feature that fired, strongest first."""
        hits = sorted(self.hits, key=lambda h: -abs(h.contribution))
        return [h.explain() for h in hits]


def _align_names(pair: Pair) -> None:
    """The best alignment per name feature (the first found of equal scores).  A pair of
    forms whose bound (``bounds.pair_bound``) cannot beat its feature's best so far
    is not aligned: it could not change the result."""
    best = pair.names
    for qf in pair.q.forms:
        for cf in pair.c.forms:
            feature = NAME_FEATURE.get((qf.label, cf.label))
            if feature is None:
                continue
            if qf.key == cf.key and (qf.label == cf.label == "han" or feature in (
                "name_fuzzy", "name_translit")):
                exact = best.get("name_exact")
                if exact is None:
                    best["name_exact"] = (1.0, qf, cf, Alignment(1.0, [], True))
                continue
            found = best.get(feature)
            if found is not None and pair_bound(qf, cf) <= found[0]:
                continue
            result = align(qf, cf)
            if found is None or result.score > found[0]:
                best[feature] = (result.score, qf, cf, result)


def _name_hit(feature: str) -> Callable[[Pair], FeatureHit | None]:
    def hit(pair: Pair) -> FeatureHit | None:
        found = pair.names.get(feature)
        if found is None or found[0] <= 0:
            return None
        score, qf, cf, alignment = found
        return FeatureHit(feature, score, 0.0, qf.original, cf.original, alignment.note)

    return hit


_HIT = {name: _name_hit(name) for name in (
    "name_exact", "name_fuzzy", "name_translit", "name_chinese_pinyin",
    "name_chinese_meaning", "name_chinese_script")}


def name_exact(pair: Pair) -> FeatureHit | None:
    """The names are the same once case, punctuation, legal forms, homoglyphs,
    transliteration and traditional/simplified script are set aside."""
    return _HIT["name_exact"](pair)


def name_fuzzy(pair: Pair) -> FeatureHit | None:
    """Latin names share their distinctive words, allowing for spelling variants, typos,
    initials, word order and words run together; generic company words (trade,
    technology, international...) and places weigh little and cannot match alone."""
    return _HIT["name_fuzzy"](pair)


def name_translit(pair: Pair) -> FeatureHit | None:
    """A name in Cyrillic (or another alphabet) matches the other name once
    transliterated to Latin (ООО «Радиоавтоматика» ~ Radioavtomatika LLC)."""
    return _HIT["name_translit"](pair)


def name_chinese_pinyin(pair: Pair) -> FeatureHit | None:
    """A Chinese name read in pinyin matches a Latin name (亿路发 ~ Yilufa), its trade
    words read in pinyin or translated (深圳市亿路发科技 ~ Shenzhen Yilufa Technology)."""
    return _HIT["name_chinese_pinyin"](pair)


def name_chinese_meaning(pair: Pair) -> FeatureHit | None:
    """A Chinese name matches a Latin name once all its words, the brand included, are
    translated with CC-CEDICT (蓝帽国际贸易 ~ Blue Hat International Trade)."""
    return _HIT["name_chinese_meaning"](pair)


def name_chinese_script(pair: Pair) -> FeatureHit | None:
    """Two Chinese names share their distinctive part after folding traditional to
    simplified characters and setting aside places and legal forms."""
    return _HIT["name_chinese_script"](pair)


def identifier_match(pair: Pair) -> FeatureHit | None:
    """Both parties carry the same identifier (USCC, INN, OGRN, LEI, IMO, or a
    registration number of the same country)."""
    shared = pair.q.id_keys & pair.c.id_keys
    if not shared:
        return None
    return FeatureHit("identifier_match", 1.0, 0.0, detail=", ".join(sorted(shared)))


def identifier_conflict(pair: Pair) -> FeatureHit | None:
    """Both parties carry a check-digit-valid identifier of a kind that names exactly
    one party (USCC, INN, OGRN, LEI, IMO, MMSI) and the values differ."""
    if pair.q.id_keys & pair.c.id_keys:
        return None
    for kind, values in pair.q.unique_ids.items():
        other = pair.c.unique_ids.get(kind)
        if other and not values & other:
            detail = f"{kind} {'/'.join(sorted(values))} vs {'/'.join(sorted(other))}"
            return FeatureHit("identifier_conflict", 1.0, 0.0, detail=detail)
    return None


def schema_mismatch(pair: Pair) -> FeatureHit | None:
    """One party is a person and the other an organisation, or one is a vessel or an
    aircraft and the other is not."""
    qs, cs = pair.q.subject.schema, pair.c.subject.schema
    q_person, c_person = qs in PERSON_SCHEMATA, cs in PERSON_SCHEMATA
    q_object, c_object = qs in OBJECT_SCHEMATA, cs in OBJECT_SCHEMATA
    generic = "LegalEntity" in (qs, cs) and not (q_object or c_object)
    if generic or (q_person == c_person and q_object == c_object):
        return None
    return FeatureHit("schema_mismatch", 1.0, 0.0, detail=f"{qs} vs {cs}")


def country_conflict(pair: Pair) -> FeatureHit | None:
    """Both parties state countries and none agree (China and Hong Kong are counted as
    compatible, see country_cn_hk)."""
    qc, cc = pair.q.countries, pair.c.countries
    if not qc or not cc or qc & cc or (qc | cc) <= {"cn", "hk"}:
        return None
    return FeatureHit("country_conflict", 1.0, 0.0,
                      detail=f"{'/'.join(sorted(qc))} vs {'/'.join(sorted(cc))}")


def country_cn_hk(pair: Pair) -> FeatureHit | None:
    """One party is in mainland China and the other in Hong Kong: compatible (mainland
    firms run Hong Kong trading arms), but noted; no effect on the score."""
    qc, cc = pair.q.countries, pair.c.countries
    if qc & cc or not qc or not cc or not (qc | cc) <= {"cn", "hk"}:
        return None
    return FeatureHit("country_cn_hk", 1.0, 0.0,
                      detail=f"{'/'.join(sorted(qc))} vs {'/'.join(sorted(cc))}")


def _dates_agree(a: str, b: str) -> bool:
    return a.startswith(b) or b.startswith(a)


def birth_date_conflict(pair: Pair) -> FeatureHit | None:
    """Both persons have birth dates and none agree (a year agrees with any date in it)."""
    qd, cd = pair.q.subject.birth_dates, pair.c.subject.birth_dates
    if not (pair.q.person and pair.c.person and qd and cd):
        return None
    if any(_dates_agree(a, b) for a in qd for b in cd):
        return None
    return FeatureHit("birth_date_conflict", 1.0, 0.0,
                      detail=f"{', '.join(qd)} vs {', '.join(cd)}")


def address_overlap(pair: Pair) -> FeatureHit | None:
    """The addresses share at least two uncommon words or numbers (building, street);
    weak support only."""
    shared = pair.q.address_words & pair.c.address_words
    if len(shared) < 2:
        return None
    return FeatureHit("address_overlap", 1.0, 0.0, detail=", ".join(sorted(shared)[:6]))


FEATURES: list[Feature] = [
    Feature("identifier_match", 0.98, identifier_match),
    Feature("name_exact", 1.0, name_exact),
    Feature("name_fuzzy", 1.0, name_fuzzy),
    Feature("name_translit", 0.98, name_translit),
    Feature("name_chinese_script", 1.0, name_chinese_script),
    Feature("name_chinese_pinyin", 0.97, name_chinese_pinyin),
    Feature("name_chinese_meaning", 0.95, name_chinese_meaning),
    Feature("identifier_conflict", -0.45, identifier_conflict, qualifier=True),
    Feature("schema_mismatch", -0.3, schema_mismatch, qualifier=True),
    Feature("country_conflict", -0.1, country_conflict, qualifier=True),
    Feature("country_cn_hk", 0.0, country_cn_hk, qualifier=True),
    Feature("birth_date_conflict", -0.3, birth_date_conflict, qualifier=True),
    Feature("address_overlap", 0.05, address_overlap, qualifier=True),
]


def as_prepared(subject: MatchSubject | PreparedSubject) -> PreparedSubject:
    return subject if isinstance(subject, PreparedSubject) else prepare(subject)


def _evaluate(q: PreparedSubject, c: PreparedSubject, threshold: float) -> MatchResult:
    pair = Pair(q, c)
    _align_names(pair)
    hits: list[FeatureHit] = []
    main = 0.0
    for feature in FEATURES:
        if feature.qualifier and main <= 0.0:
            break
        hit = feature.func(pair)
        if hit is None:
            continue
        hit.weight = feature.weight
        hits.append(hit)
        if not feature.qualifier:
            main = max(main, hit.contribution)
    score = main + sum(h.contribution for h in hits if _is_qualifier(h.feature))
    return MatchResult(min(1.0, max(0.0, score)), hits, threshold)


_QUALIFIERS = frozenset(f.name for f in FEATURES if f.qualifier)
QUALIFIER_FEATURES = [f for f in FEATURES if f.qualifier]
WEIGHT = {f.name: f.weight for f in FEATURES}
_EXACT_FEATURES = frozenset({"name_fuzzy", "name_translit"})
MAX_BONUS = sum(f.weight for f in QUALIFIER_FEATURES if f.weight > 0)


def _is_qualifier(name: str) -> bool:
    return name in _QUALIFIERS


def compare(
    query: MatchSubject | PreparedSubject,
    candidate: MatchSubject | PreparedSubject,
    threshold: float = DEFAULT_THRESHOLD,
) -> MatchResult:
    """Score how likely ``candidate`` is the party ``query`` describes, with reasons."""
    return _evaluate(as_prepared(query), as_prepared(candidate), threshold)
