"""Resolution's heavy part, in forked worker processes.

Preparing 35,000 records and scoring their candidate pairs takes most of a load; both
split well.  The work goes in two rounds of ``WORKERS`` processes, forked from the
loading process so that they inherit the match subjects instead of receiving them
through a pipe:

1. each worker prepares every ``WORKERS``-th subject and sends its part back pickled,
   with each subject's preparation as the knowledge base stores it (``names.stored``);
   this process keeps the pickles as bytes and never holds the prepared subjects, so
   its memory stays at what the load itself needs;
2. each worker of the second round inherits all the pickles, unpickles them, files the
   subjects under their blocking keys (``resolve.candidate_pairs``; every worker gets
   the same pairs), scores every ``WORKERS``-th pair (``resolve.score_pairs``) and
   computes the screening keys of every ``WORKERS``-th record.

The results are the same as in one process: the same pairs are scored with the same
functions, and only plain values and match results come back.  An error in a worker is
raised here again (the pool re-raises it).
"""

from __future__ import annotations

import gc
import multiprocessing
import pickle
import sys
from concurrent.futures import ProcessPoolExecutor

from sanctiongap.match import MatchResult, MatchSubject, PreparedSubject, prepare
from sanctiongap.names import stored
from sanctiongap.names.form import NameForm
from sanctiongap.names.index import NameIndex
from sanctiongap.workers import worker_limit

WORKERS = 2
MIN_SUBJECTS = 2000  # below this, forking costs more than it saves

Scored = list[tuple[float, int, int, MatchResult]]
Refused = list[tuple[int, int, MatchResult, str]]  # pairs kept apart, with the reason

# Set just before a round of workers forks; the workers read them.
_SUBJECTS: list[MatchSubject] | None = None
_PARTS: list[bytes] | None = None


def _workers(count: int) -> int:
    """How many workers to use for ``count`` subjects (0: work in this process)."""
    workers = worker_limit(WORKERS)
    if workers < 2 or count < MIN_SUBJECTS or sys.platform != "linux":
        return 0
    return workers


def prepare_stored(subject: MatchSubject) -> tuple[PreparedSubject, str | None]:
    """The prepared subject and its preparation as stored (``names.stored.encode``)."""
    by_name: dict[str, list[NameForm]] = {}
    prepared = prepare(subject, by_name)
    return prepared, stored.encode(prepared, by_name)


def _prepare_part(part: int, parts: int) -> tuple[bytes, list[str | None]]:
    gc.disable()  # short-lived, no cycles: collecting would only cost
    assert _SUBJECTS is not None
    prepared, texts = zip(*map(prepare_stored, _SUBJECTS[part::parts]), strict=True)
    return pickle.dumps(list(prepared), protocol=pickle.HIGHEST_PROTOCOL), list(texts)


def _score_part(part: int, parts: int) -> tuple[Scored, Refused, list[list[str]]]:
    from sanctiongap.resolve import MAX_BLOCK, candidate_pairs, score_pairs
    from sanctiongap.screen import query_keys

    gc.disable()
    assert _PARTS is not None
    chunks: list[list[PreparedSubject]] = [pickle.loads(blob) for blob in _PARTS]
    prepared: list[PreparedSubject] = [None] * sum(map(len, chunks))  # type: ignore[list-item]
    for start, chunk in enumerate(chunks):
        prepared[start::parts] = chunk
    index = NameIndex(prepared, fuzzy=False, max_share=MAX_BLOCK / max(1, len(prepared)))
    pairs = candidate_pairs(index)
    del index
    scored, refused = score_pairs(prepared, pairs[part::parts])
    keys = [list(query_keys(subject)) for subject in prepared[part::parts]]
    return scored, refused, keys


def prepare_round(subjects: list[MatchSubject], workers: int
                  ) -> list[tuple[bytes, list[str | None]]]:
    """Round 1: the prepared subjects, pickled, one part per worker (part ``k`` holds
    every ``workers``-th subject from ``k``), each with the subjects' stored
    preparation."""
    global _SUBJECTS
    _SUBJECTS = subjects
    try:
        with ProcessPoolExecutor(max_workers=workers, mp_context=_fork()) as pool:
            return list(pool.map(_prepare_part, range(workers), [workers] * workers))
    finally:
        _SUBJECTS = None


def score_round(parts: list[bytes]) -> tuple[Scored, Refused, list[list[str]]]:
    """Round 2: the scored candidate pairs, those refused, and each subject's screening
    keys."""
    global _PARTS
    workers = len(parts)
    _PARTS = parts
    try:
        with ProcessPoolExecutor(max_workers=workers, mp_context=_fork()) as pool:
            results = list(pool.map(_score_part, range(workers), [workers] * workers))
    finally:
        _PARTS = None
    scored: Scored = []
    refused: Refused = []
    keys: list[list[str]] = [[] for _ in range(sum(len(k) for _, _, k in results))]
    for part, (found, apart, part_keys) in enumerate(results):
        scored += found
        refused += apart
        keys[part::workers] = part_keys
    return scored, refused, keys


def _fork() -> multiprocessing.context.BaseContext:
    return multiprocessing.get_context("fork")


def prepare_and_score(subjects: list[MatchSubject]
                      ) -> tuple[Scored, Refused, list[list[str]], list[str | None]] | None:
    """The scored candidate pairs and those refused (as ``resolve.score_pairs`` gives
    them, in no particular order), each subject's screening keys and its stored
    preparation, computed in worker processes;
    None where there is no fork or too little to share out (then work in-process)."""
    workers = _workers(len(subjects))
    if not workers:
        return None
    load_dictionaries()
    parts = prepare_round(subjects, workers)
    texts: list[str | None] = [None] * len(subjects)
    for part, (_, found) in enumerate(parts):
        texts[part::workers] = found
    scored, refused, keys = score_round([blob for blob, _ in parts])
    return scored, refused, keys, texts


# Names that make preparing, scoring and keying load every lazily read table: Latin
# legal forms, Chinese (pinyin, CC-CEDICT, gazetteer, Cantonese), Cyrillic, persons.
_WARM_UP = (MatchSubject(schema="Company", names=["Sinno Electronics Co., Ltd.",
                                                  "深圳市亿路发科技有限公司", "ООО Ромашка"]),
            MatchSubject(schema="Person", names=["Ivan Petrov", "王小明"]))
_EVERYDAY = MatchSubject(schema="Company", names=["Alpha Trading Investments"])


def load_dictionaries() -> None:
    """Load the name tables (a few hundred megabytes) in this process before forking, so
    that the workers of both rounds share one copy instead of each reading its own; they
    are frozen out of the garbage collector's sight, which would otherwise touch (and so
    copy) their pages in every worker."""
    from sanctiongap.match import compare
    from sanctiongap.names.cedict import english_words
    from sanctiongap.names.romanise import pinyin_syllables
    from sanctiongap.screen import query_keys

    english_words()
    pinyin_syllables()
    first, second = (prepare(subject) for subject in _WARM_UP)
    compare(first, second)
    compare(first, prepare(_EVERYDAY))
    query_keys(first)
    query_keys(second)
    gc.freeze()
