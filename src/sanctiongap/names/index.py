"""Candidate generation without all-pairs comparison.

:class:`NameIndex` files prepared subjects under their blocking keys
(``subject.blocking_keys``) and, for screening, under typo-tolerant keys of their
distinctive tokens:

* ``d:<variant>`` for the phonetic fold of each core token of five or more letters and
  for every variant with one letter deleted (a substitution, insertion, deletion or
  transposition in the query still shares one such key with the listed token); a query
  word the index holds as spelt is looked up as spelt only;
* ``s:<skeleton>`` for consonant skeletons (vowels dropped: "Mhmmd");
* ``v:<vowel fold>`` for spellings that differ in vowels only ("Mohammed", "Muhammad").

A query collects the subjects filed under its keys, rarest keys first, counts how many
keys each subject shares, and keeps the ``limit`` subjects with the most.  Keys filed
under more than ``max_share`` of all subjects are used only when the rarer keys found
fewer than ``limit`` subjects (a name made of common words).  Only these are scored.
"""

from __future__ import annotations

from array import array
from collections import Counter
from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import cast

from sanctiongap.match import DEFAULT_THRESHOLD, MatchResult, compare
from sanctiongap.names.cedict import english_words
from sanctiongap.names.romanise import pinyin_syllables
from sanctiongap.names.subject import PreparedSubject, blocking_keys
from sanctiongap.names.tokens import Kind
from sanctiongap.scoring import score_many


@lru_cache(maxsize=65536)
def _deletions(fold: str) -> frozenset[str]:
    """``d:`` keys of a fold: the fold and every variant with one letter deleted."""
    return frozenset(["d:" + fold, *("d:" + fold[:i] + fold[i + 1:] for i in range(len(fold)))])


def fuzzy_keys(
    prepared: PreparedSubject, known: Callable[[str], bool] | None = None
) -> set[str]:
    """Typo-tolerant keys of a subject's distinctive tokens (see the module docstring).
    With ``known`` (a query against an index), a word the index holds as spelt gets no
    deletion variants: the query most likely means that spelling."""
    keys: set[str] = set()
    for form in prepared.forms:
        if form.label == "han":
            continue
        for tok in form.tokens:
            if tok.kind is not Kind.CORE or not tok.fold.isascii():
                continue
            fold = tok.fold
            if len(fold) >= 5 and (known is None or not known("d:" + fold)):
                keys |= _deletions(fold)
            if len(tok.skel) >= 3:
                keys.add("s:" + tok.skel)
            if len(tok.vfold) >= 3:
                keys.add("v:" + tok.vfold)
    return keys


class NameIndex:
    """Subjects filed by key, for blocking (resolution) and candidate search (screening)."""

    def __init__(
        self, subjects: Sequence[PreparedSubject], fuzzy: bool = True, max_share: float = 0.005
    ) -> None:
        self.subjects = list(subjects)
        self.fuzzy = fuzzy
        self.cap = max(50, int(max_share * len(self.subjects)))
        postings: dict[str, list[int]] = {}
        for i, subject in enumerate(self.subjects):
            for key in self.keys(subject):
                postings.setdefault(key, []).append(i)
        self.postings: dict[str, Sequence[int]] = cast("dict[str, Sequence[int]]", postings)
        if fuzzy:
            # Screening counts the postings of every query: packed arrays are read
            # without visiting one int object per position.
            self.postings = {key: array("i", found) for key, found in postings.items()}
            # The word lists alignment reads, loaded with the index rather than by the
            # first query that needs them (CC-CEDICT's English words take half a second).
            english_words()
            pinyin_syllables()

    def keys(self, subject: PreparedSubject, query: bool = False) -> set[str]:
        keys = blocking_keys(subject)
        if self.fuzzy:
            keys |= fuzzy_keys(subject, self.postings.__contains__ if query else None)
        return keys

    def candidates(self, query: PreparedSubject, limit: int = 20) -> list[int]:
        """Positions of the ``limit`` subjects sharing the most informative keys."""
        postings = self.postings
        lists = [p for key in self.keys(query, query=True) if (p := postings.get(key))]
        lists.sort(key=len)
        counts: Counter[int] = Counter()
        cap = self.cap
        for found in lists:
            if len(found) > cap and len(counts) >= limit:
                break
            counts.update(found)
        # Most shared keys first, ties in the order first found (as most_common).
        return sorted(counts, key=counts.__getitem__, reverse=True)[:limit]

    def screen(
        self, query: PreparedSubject, limit: int = 20, threshold: float = DEFAULT_THRESHOLD
    ) -> list[tuple[int, MatchResult]]:
        """Scored candidates at or above ``threshold``, best first, with explanations
        (candidates are scored without explanations first; only hits are explained)."""
        top = self.candidates(query, limit)
        scores = score_many(query, [self.subjects[i] for i in top], floor=threshold)
        out = [(i, compare(query, self.subjects[i], threshold))
               for i, score in zip(top, scores, strict=True) if score >= threshold]
        out.sort(key=lambda item: -item[1].score)
        return out

    def pairs(self) -> set[tuple[int, int]]:
        """Candidate pairs for resolution: subjects sharing an informative blocking key."""
        out: set[tuple[int, int]] = set()
        for key, postings in self.postings.items():
            if key[:2] in ("d:", "s:", "v:") or len(postings) > self.cap:
                continue
            for n, a in enumerate(postings):
                for b in postings[n + 1 :]:
                    out.add((a, b))
        return out
