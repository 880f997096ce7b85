"""Benchmark the name matcher against nomenklatura's logic-v2 and a rapidfuzz baseline.

    .venv/bin/python bench/bench_match.py [--quick] [--only a,b,c] [--verbose]

(a) accuracy on sanctions-screening-benchmark (its offline fixture, its perturbation
    classes, its harness ``ssb.benchmark.score``), plus - in full mode - the same harness
    on a slice of the real OFAC SDN list (2023-12-28, with aliases);
(b) Chinese <-> Latin: English ``name`` vs the Chinese ``alias`` of the same EU row
    (Reg. 833/2014 and 269/2014), with one hard negative per positive: the Chinese alias
    of a different company sharing the place prefix and trade words;
(b2) the same on the OFSI list (held out from tuning): every Latin name of a group
    against every Chinese name in its "Name Non-Latin Script" column, hard negatives
    built the same way (misses listed only with BENCH_B2_MISSES=1); then every Latin
    name of (b) and (b2) against every Chinese name of both, counting the pairs of
    different records that reach the threshold;
(c) throughput: perturbed real names screened against ~20,000 real list names (OFAC SDN
    2024-05-03, EU CSVs, BIS JSON); logic-v2 scores the same top-k candidates.

Needs the ``bench`` extra (nomenklatura, sanctions-screening-benchmark).  Writes nothing.
"""

from __future__ import annotations

import argparse
import csv
import gc
import itertools
import json
import os
import random
import re
import resource
import sys
import time
from collections.abc import Callable
from pathlib import Path

from rapidfuzz import fuzz, utils

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from sanctiongap.match import (  # noqa: E402
    DEFAULT_THRESHOLD,
    MatchSubject,
    compare,
    prepare,
)
from sanctiongap.names.chinese import has_han, to_simplified  # noqa: E402
from sanctiongap.names.index import NameIndex  # noqa: E402
from sanctiongap.names.subject import PreparedSubject  # noqa: E402
from sanctiongap.scoring import score_many  # noqa: E402

DATA = Path(os.environ.get("SANCTIONGAP_DATA", ROOT.parent / "shared" / "data"))
LOGIC_V2_THRESHOLD = 0.7
RAPIDFUZZ_THRESHOLD = 0.85
Scorer = Callable[[str, str], float]


# ----------------------------------------------------------------------------- scorers
class Ours:
    name = "sanctiongap"

    def __init__(self, schema: str = "LegalEntity") -> None:
        self.schema = schema
        self.cache: dict[str, PreparedSubject] = {}

    def prep(self, name: str) -> PreparedSubject:
        found = self.cache.get(name)
        if found is None:
            found = prepare(MatchSubject(self.schema, [name]))
            self.cache[name] = found
        return found

    def __call__(self, query: str, candidate: str) -> float:
        return compare(self.prep(query), self.prep(candidate)).score


_ENTITY_IDS = itertools.count()


class LogicV2:
    name = "logic-v2"

    def __init__(self, schema: str = "LegalEntity") -> None:
        from followthemoney import model
        from nomenklatura.matching import get_algorithm
        from nomenklatura.matching.types import ScoringConfig

        self.model = model
        self.schema = schema
        self.algo = get_algorithm("logic-v2")
        self.config = ScoringConfig.defaults()
        self.cache: dict[str, object] = {}

    def entity(self, name: str, schema: str | None = None) -> object:
        key = f"{schema or self.schema}:{name}"
        found = self.cache.get(key)
        if found is None:
            found = self.model.make_entity(schema or self.schema)
            # Globally unique ids: nomenklatura caches name analysis by entity id.
            found.id = f"e{next(_ENTITY_IDS)}"  # type: ignore[attr-defined]
            found.add("name", name)  # type: ignore[attr-defined]
            self.cache[key] = found
        return found

    def compare_entities(self, query: object, candidate: object) -> float:
        assert self.algo is not None
        return float(self.algo.compare(query, candidate, self.config).score)  # type: ignore[arg-type]

    def __call__(self, query: str, candidate: str) -> float:
        return self.compare_entities(self.entity(query), self.entity(candidate))


def rapidfuzz_sort(query: str, candidate: str) -> float:
    return fuzz.token_sort_ratio(query, candidate, processor=utils.default_process) / 100.0


class Memo:
    """Caches a scorer's pair scores so a second pass over the same cases is free."""

    def __init__(self, scorer: Scorer, name: str) -> None:
        self.scorer, self.name, self.cache = scorer, name, {}  # type: ignore[var-annotated]

    def __call__(self, query: str, candidate: str) -> float:
        key = (query, candidate)
        if key not in self.cache:
            self.cache[key] = self.scorer(query, candidate)
        return float(self.cache[key])


def prf(tp: int, fp: int, fn: int) -> tuple[float, float]:
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    return precision, recall


# ------------------------------------------------------------------------ (a) ssb bench
def ssb_benchmarks(quick: bool) -> list[tuple[str, object, str]]:
    from ssb import benchmark as bm
    from ssb import sources

    fixture = sources.load_fixture()
    out = [
        ("fixture, individuals", bm.build(fixture, limit=None, seed=0), "Person"),
        ("fixture, all types",
         bm.build(fixture, limit=None, seed=0, individuals_only=False), "LegalEntity"),
    ]
    if not quick:
        folder = DATA / "us/ofac/sdn_2023-12-28"
        sdn = folder.joinpath("sdn.csv").read_text(encoding="latin-1")
        entities = sources._parse_sdn(sdn)
        sources._parse_alt(folder.joinpath("alt.csv").read_text(encoding="latin-1"), entities)
        snap = sources.ListSnapshot("ofac_sdn_2023-12-28", "2023-12-28", list(entities.values()))
        rng = random.Random(7)
        people = [e for e in snap.individuals() if len(e.primary_name.split()) >= 2]
        firms = [e for e in snap.entities if e.entity_type == "unknown"]
        for label, pool, schema in (("SDN 2023-12, 60 persons", people, "Person"),
                                    ("SDN 2023-12, 60 entities", firms, "LegalEntity")):
            sample = sources.ListSnapshot(snap.source, snap.retrieved_at, rng.sample(pool, 60))
            bench = bm.build(sample, limit=None, seed=0, individuals_only=schema == "Person")
            out.append((label, bench, schema))
    return out


SWEEP = (0.7, 0.75, 0.8, 0.85, 0.9)


def sweep_ssb(bench: object, ours: Scorer) -> None:
    """Our precision / recall at several thresholds, by ssb's rule (best candidate)."""
    best = []
    for case in bench.cases:  # type: ignore[attr-defined]
        found = max((ours(case.query, cand), eid) for eid, names in
                    bench.candidates.items() for cand in names)  # type: ignore[attr-defined]
        best.append((case.expected_entity_id, found))
    cells = []
    for threshold in SWEEP:
        tp = sum(1 for want, (s, eid) in best if want and s >= threshold and eid == want)
        fn = sum(1 for want, _ in best if want) - tp
        fp = sum(1 for want, (s, _) in best if not want and s >= threshold)
        precision, recall = prf(tp, fp, fn)
        cells.append(f"{threshold:.2f}: {precision:.3f}/{recall:.3f}")
    print("  ours precision/recall by threshold  " + "  ".join(cells))


def run_ssb(quick: bool, verbose: bool) -> None:
    from ssb import benchmark as bm

    print("\n(a) sanctions-screening-benchmark (its harness: best candidate >= threshold)")
    for label, bench, schema in ssb_benchmarks(quick):
        m = bench.manifest  # type: ignore[attr-defined]
        print(f"\n  {label}: {m.entity_count} entities, {m.positive_count} positive / "
              f"{m.negative_count} negative cases")
        scorers: list[tuple[str, Scorer, float]] = [
            (f"ours@{DEFAULT_THRESHOLD}", Memo(Ours(schema), "ours"), DEFAULT_THRESHOLD),
            (f"logic-v2@{LOGIC_V2_THRESHOLD}", Memo(LogicV2(schema), "lv2"), LOGIC_V2_THRESHOLD),
            (f"rapidfuzz@{RAPIDFUZZ_THRESHOLD}", Memo(rapidfuzz_sort, "rf"), RAPIDFUZZ_THRESHOLD),
        ]
        cards = []
        timings = []
        for name, scorer, threshold in scorers:
            start = time.process_time()
            cards.append(bm.score(bench, scorer, threshold=threshold, matcher_name=name))
            timings.append(time.process_time() - start)
        classes = [(c.perturbation, c.family, c.n) for c in cards[0].by_class]
        classes.sort(key=lambda c: (c[1], c[0]))
        header = f"  {'class':<18}{'family':<12}{'n':>5}" + "".join(
            f"{name:>20}" for name, _, _ in scorers)
        print(header)
        for pert, family, n in classes:
            row = f"  {pert:<18}{family:<12}{n:>5}"
            for card in cards:
                hit = next(c for c in card.by_class if c.perturbation == pert)
                row += f"{hit.recall:>20.3f}"
            print(row)
        for neg in sorted({c.perturbation for c in bench.cases if c.family == "negative"}):  # type: ignore[attr-defined]
            cases = [c for c in bench.cases if c.perturbation == neg]  # type: ignore[attr-defined]
            row = f"  {neg + ' (FP)':<18}{'negative':<12}{len(cases):>5}"
            for (_, scorer, threshold) in scorers:
                fp = sum(1 for c in cases if any(
                    scorer(c.query, cand) >= threshold
                    for names in bench.candidates.values() for cand in names))  # type: ignore[attr-defined]
                row += f"{fp:>20d}"
            print(row)
        sweep_ssb(bench, scorers[0][1])
        for what in ("overall_recall", "overall_precision", "false_positive_rate"):
            print(f"  {what:<35}" + "".join(f"{getattr(c, what):>20.3f}" for c in cards))
        print(f"  {'seconds':<35}" + "".join(f"{t:>20.2f}" for t in timings))
        if verbose:
            ours = scorers[0][1]
            for case in bench.cases:  # type: ignore[attr-defined]
                best = max((ours(case.query, cand), eid) for eid, names in
                           bench.candidates.items() for cand in names)  # type: ignore[attr-defined]
                ok = (best[0] >= DEFAULT_THRESHOLD and best[1] == case.expected_entity_id) if (
                    case.expected_entity_id) else best[0] < DEFAULT_THRESHOLD
                if not ok:
                    print(f"    miss {case.perturbation:<16} {best[0]:.2f} {case.query!r} "
                          f"<- {case.source_name!r}")


# ------------------------------------------------------------- (b) Chinese <-> Latin
_TRADE_WORDS = ("科技", "电子", "贸易", "国际", "实业", "技术", "发展", "物流", "供应链",
                "集团", "机床", "航空", "进出口", "货运", "石化", "管理")


def eu_pairs() -> list[tuple[str, str, str]]:
    """(English name, Chinese alias, record) from the EU CSVs, one per distinct pair."""
    out: dict[tuple[str, str], str] = {}
    for file in ("eu/32014R0833.csv", "eu/32014R0269.csv"):
        with (DATA / file).open(encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                for alias in row["alias"].split("; "):
                    if has_han(alias) and not re.search(r"[A-Za-z]{3}", alias):
                        key = (row["name"].strip(), alias.strip())
                        out.setdefault(key, f"{file[3:11]}/{row['annex']}/{row['recordId']}")
    return [(e, c, r) for (e, c), r in out.items()]


def hard_negative(i: int, pairs: list[tuple[str, str, str]]) -> str:
    """The Chinese alias of another company most like this one's: same first two
    characters (the place), then most trade words in common."""
    english, chinese, record = pairs[i]
    mine = to_simplified(chinese)
    best, best_score = "", -1.0
    for j, (other_english, other, other_record) in enumerate(pairs):
        theirs = to_simplified(other)
        if theirs == mine or other_english == english or other_record == record:
            continue
        score = 2.0 * (theirs[:2] == mine[:2]) + sum(
            1 for w in _TRADE_WORDS if w in theirs and w in mine) - abs(i - j) / 1000.0
        if score > best_score:
            best, best_score = other, score
    return best


_OFSI_NAME_PARTS = ("Name 1", "Name 2", "Name 3", "Name 4", "Name 5", "Name 6")


def ofsi_pairs() -> tuple[list[tuple[str, str, str]], set[str]]:
    """(Latin name, Chinese name, group) from the OFSI list, one per distinct pair: every
    Latin name of a group (primary, variations, AKAs; not former names) against every
    Chinese name in its "Name Non-Latin Script" column; and the Latin names of persons."""
    from openpyxl import load_workbook

    from sanctiongap.names.chinese import is_chinese

    book = load_workbook(DATA / "uk/UK_Sanctions_List.xlsx", read_only=True)
    rows = book.worksheets[0].iter_rows(values_only=True)
    next(rows)  # "Last Updated" title row
    header = [str(h) for h in next(rows)]
    col = {h: i for i, h in enumerate(header)}
    groups: dict[str, tuple[list[str], list[str], bool]] = {}
    for row in rows:
        def cell(name: str, row: tuple[object, ...] = row) -> str:
            value = row[col[name]]
            return " ".join(str(value).split()) if value is not None else ""

        latin, chinese, _ = groups.setdefault(
            cell("Group ID"), ([], [], cell("Group Type") == "Individual"))
        name = " ".join(cell(p) for p in _OFSI_NAME_PARTS if cell(p))
        if name and cell("Alias Type").upper() != "FKA" and name not in latin:
            latin.append(name)
        script = cell("Name Non-Latin Script")
        if script and is_chinese(script) and not re.search(r"[A-Za-z]{3}", script) and (
                script not in chinese):
            chinese.append(script)
    out: list[tuple[str, str, str]] = []
    people: set[str] = set()
    for group, (latin, chinese, person) in groups.items():
        for name in latin:
            for script in chinese:
                out.append((name, script, f"ofsi/{group}"))
                if person:
                    people.add(name)
    return out, people


def run_chinese(quick: bool, verbose: bool) -> None:
    pairs = eu_pairs()
    people = {e for e, c, r in pairs if "PERSONS" in r}
    print(f"\n(b) Chinese <-> Latin, EU CSVs: {len(pairs)} positive pairs "
          f"(English name vs Chinese alias of the same row), {len(pairs)} hard negatives")
    chinese_section(pairs, people, verbose)
    uk, uk_people = ofsi_pairs()
    print(f"\n(b2) Chinese <-> Latin, OFSI list (held out): {len(uk)} positive pairs "
          f"(Latin name vs Chinese name of the same group), {len(uk)} hard negatives")
    chinese_section(uk, uk_people, verbose and os.environ.get("BENCH_B2_MISSES") == "1")
    cross_pairs(pairs + uk, people | uk_people, verbose)


def cross_pairs(pairs: list[tuple[str, str, str]], people: set[str], verbose: bool) -> None:
    """Every Latin name of (b) and (b2) against every Chinese name of both: how many
    pairs that are not a positive pair of either reach the threshold."""
    positive = {(e, c) for e, c, _ in pairs}
    latin = sorted({e for e, _, _ in pairs})
    chinese = sorted({c for _, c, _ in pairs})
    ours_c, ours_p = Ours("Company"), Ours("Person")
    wrong: list[tuple[float, str, str]] = []
    for e in latin:
        scorer = ours_p if e in people else ours_c
        for c in chinese:
            if (e, c) not in positive:
                score = scorer(e, c)
                if score >= DEFAULT_THRESHOLD:
                    wrong.append((score, e, c))
    print(f"\n(b+b2 all pairs) {len(latin)} Latin x {len(chinese)} Chinese names: "
          f"{len(wrong)} pairs of different records at >= {DEFAULT_THRESHOLD}")
    if verbose:
        for score, e, c in sorted(wrong, reverse=True):
            print(f"    wrong {score:.2f} {e} | {c}")


def chinese_section(pairs: list[tuple[str, str, str]], people: set[str],
                    verbose: bool) -> None:
    negatives = [hard_negative(i, pairs) for i in range(len(pairs))]
    scorers: list[tuple[str, Callable[[str, str, str], float], float]] = []
    ours_c, ours_p = Ours("Company"), Ours("Person")
    lv2_c, lv2_p = LogicV2("Company"), LogicV2("Person")
    scorers.append((f"ours@{DEFAULT_THRESHOLD}",
                    lambda e, c, s: (ours_p if s == "Person" else ours_c)(e, c), DEFAULT_THRESHOLD))
    scorers.append((f"logic-v2@{LOGIC_V2_THRESHOLD}",
                    lambda e, c, s: (lv2_p if s == "Person" else lv2_c)(e, c), LOGIC_V2_THRESHOLD))
    scorers.append((f"rapidfuzz@{RAPIDFUZZ_THRESHOLD}", lambda e, c, s: rapidfuzz_sort(e, c),
                    RAPIDFUZZ_THRESHOLD))
    print(f"  {'matcher':<22}{'precision':>10}{'recall':>10}{'TP':>6}{'FP':>6}{'FN':>6}")
    for name, scorer, threshold in scorers:
        pos = [scorer(e, c, "Person" if e in people else "Company") for e, c, _ in pairs]
        neg = [scorer(e, n, "Person" if e in people else "Company")
               for (e, _, _), n in zip(pairs, negatives, strict=True)]
        if name.startswith("ours"):
            cells = []
            for cut in SWEEP:
                tp, fp = sum(s >= cut for s in pos), sum(s >= cut for s in neg)
                precision, recall = prf(tp, fp, len(pos) - tp)
                cells.append(f"{cut:.2f}: {precision:.3f}/{recall:.3f}")
            sweep = "  ours precision/recall by threshold  " + "  ".join(cells)
            sweep += "\n" + _best_recall(pos, neg, 0.95)
        tp = sum(s >= threshold for s in pos)
        fp = sum(s >= threshold for s in neg)
        precision, recall = prf(tp, fp, len(pos) - tp)
        print(f"  {name:<22}{precision:>10.3f}{recall:>10.3f}{tp:>6}{fp:>6}{len(pos) - tp:>6}")
        if name.startswith("ours"):
            print(sweep)
        if verbose and name.startswith("ours"):
            for (e, c, r), s in zip(pairs, pos, strict=True):
                if s < threshold:
                    print(f"    miss {s:.2f} {e} | {c}  [{r}]")
            for (e, _, _), n, s in zip(pairs, negatives, neg, strict=True):
                if s >= threshold:
                    print(f"    false {s:.2f} {e} | {n}")


def _best_recall(pos: list[float], neg: list[float], min_precision: float) -> str:
    """The best recall over all thresholds at which precision stays at least
    ``min_precision`` (the issue states the Chinese <-> Latin target this way), and the
    threshold it needs: a reading beside the default threshold's, not instead of it."""
    best = (0.0, 1.0, 1.0)
    for cut in sorted({s for s in pos + neg if s > 0}, reverse=True):
        tp, fp = sum(s >= cut for s in pos), sum(s >= cut for s in neg)
        precision, recall = prf(tp, fp, len(pos) - tp)
        if precision >= min_precision and recall > best[0]:
            best = (recall, precision, cut)
    recall, precision, cut = best
    return (f"  ours, best recall at precision >= {min_precision}: {recall:.3f} "
            f"(precision {precision:.3f}, threshold {cut:.2f})")


# ---------------------------------------------------------------------- (c) throughput
def candidate_names() -> list[tuple[str, str]]:
    """(name, schema) of real list entries: OFAC SDN 2024-05-03, EU CSVs, BIS JSON."""
    out: dict[str, str] = {}
    sdn = (DATA / "us/ofac/sdn_2024-05-03/sdn.csv").read_text(encoding="latin-1")
    types = {"individual": "Person", "vessel": "Vessel", "aircraft": "Airplane"}
    for row in csv.reader(sdn.splitlines()):
        if len(row) > 2:
            out.setdefault(row[1].strip(), types.get(row[2].strip(), "LegalEntity"))
    for file in ("eu/32014R0833.csv", "eu/32014R0269.csv"):
        with (DATA / file).open(encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                for name in [row["name"], *row["alias"].split("; ")]:
                    if name.strip():
                        out.setdefault(name.strip(), row["schema"] or "LegalEntity")
    for file in ("us/bis/bis_entity_list.json", "us/bis/bis_meu.json"):
        for entity in json.loads((DATA / file).read_text(encoding="utf-8"))["entities"]:
            for name in [entity["name"], *entity.get("aliases", [])]:
                if name and name.strip():
                    out.setdefault(name.strip(), "LegalEntity")
    return list(out.items())


def perturbed_queries(names: list[tuple[str, str]], count: int) -> list[tuple[str, int]]:
    """(query, index of the source name): a real name through one ssb perturbation."""
    from ssb import perturb

    rng = random.Random(11)
    classes = sorted(perturb.REGISTRY)
    out: list[tuple[str, int]] = []
    while len(out) < count:
        i = rng.randrange(len(names))
        variants = perturb.REGISTRY[rng.choice(classes)].fn(names[i][0], rng.randrange(1000))
        if variants:
            out.append((rng.choice(variants), i))
    return out


def run_throughput(quick: bool, verbose: bool) -> None:
    names = candidate_names()
    random.Random(5).shuffle(names)
    names = names[:20000]
    n_queries = 1000 if quick else 10000
    n_lv2 = 200 if quick else 1000
    queries = perturbed_queries(names, n_queries)
    print(f"\n(c) throughput: {len(queries)} perturbed queries vs {len(names)} candidate names, "
          "top 20 candidates per query, CPU time of this process (one core)")
    clock = time.process_time
    start = clock()
    prepared = [prepare(MatchSubject(schema, [name])) for name, schema in names]
    index = NameIndex(prepared)
    build = clock() - start
    gc.freeze()  # long-lived index objects out of the collector's way (both matchers)
    found = in_top = pairs = 0
    t_prepare = t_block = t_score = 0.0
    tops: list[list[int]] = []
    for query, source in queries:
        t0 = clock()
        q = prepare(MatchSubject(names[source][1], [query]))
        t1 = clock()
        top = index.candidates(q, 20)
        t2 = clock()
        scores = score_many(q, [prepared[i] for i in top], floor=DEFAULT_THRESHOLD)
        t3 = clock()
        t_prepare, t_block, t_score = t_prepare + t1 - t0, t_block + t2 - t1, t_score + t3 - t2
        tops.append(top)
        pairs += len(top)
        in_top += source in top
        best = max(zip(scores, top, strict=True), default=(0.0, -1))
        found += best[0] >= DEFAULT_THRESHOLD and names[best[1]][0] == names[source][0]
    ours = t_prepare + t_block + t_score
    ours_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    lv2 = LogicV2()
    cands = {i: lv2.entity(names[i][0], names[i][1]) for top in tops[:n_lv2] for i in top}
    for warm in ("Сергей Евгеньевич ЛАГОДЮК", "深圳市亿路发科技有限公司", "ACME TRADING LLC"):
        lv2.compare_entities(lv2.entity(warm), cands[tops[0][0]])  # load its data first
    gc.freeze()
    start = clock()
    lv2_pairs = 0
    for (query, source), top in zip(queries[:n_lv2], tops[:n_lv2], strict=True):
        qe = lv2.entity(query, names[source][1])
        for i in top:
            lv2.compare_entities(qe, cands[i])
        lv2_pairs += len(top)
    lv2_time = clock() - start
    n = len(queries)
    ours_qps, lv2_qps = n / ours, n_lv2 / lv2_time
    ours_pair, lv2_pair = 1e6 * t_score / pairs, 1e6 * lv2_time / lv2_pairs
    print(f"  index build (prepare {len(names)} names + postings): {build:.1f} s; "
          f"{pairs / n:.1f} candidates per query")
    print(f"  ours per query: prepare {1e6 * t_prepare / n:.0f} us, blocking "
          f"{1e6 * t_block / n:.0f} us, scoring {1e6 * t_score / n:.0f} us")
    print(f"  {'':<34}{'queries/s':>12}{'us/pair scored':>16}")
    print(f"  {'ours (prepare+blocking+scoring)':<34}{ours_qps:>12.1f}{ours_pair:>16.1f}")
    print(f"  {'logic-v2 (scoring the same top-20)':<34}{lv2_qps:>12.1f}{lv2_pair:>16.1f}")
    print(f"  ratio ours / logic-v2: {ours_qps / lv2_qps:.1f}x per query, "
          f"{lv2_pair / ours_pair:.1f}x per pair scored")
    print(f"  source name among top 20: {in_top / n:.3f}; "
          f"best hit is the source name at threshold: {found / n:.3f}")
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"  peak RSS (ru_maxrss): ours {ours_rss:.0f} MB before logic-v2 was loaded; "
          f"{rss:.0f} MB with logic-v2")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="smaller runs")
    parser.add_argument("--only", default="a,b,c", help="sections to run, e.g. b,c")
    parser.add_argument("--verbose", action="store_true", help="list our misses")
    args = parser.parse_args()
    sections = set(args.only.split(","))
    print(f"sanctiongap matcher bench; DEFAULT_THRESHOLD={DEFAULT_THRESHOLD}; data: {DATA}")
    if "a" in sections:
        run_ssb(args.quick, args.verbose)
    if "b" in sections:
        run_chinese(args.quick, args.verbose)
    if "c" in sections:
        run_throughput(args.quick, args.verbose)


if __name__ == "__main__":
    main()
