"""Weighted alignment of two names' tokens, and a cheap upper bound on its score.

A name becomes a :class:`NameForm` (ordered tokens, see ``tokens``).  :func:`align` pairs
the tokens of two forms one to one: equal words first, then runs of two or three words
that glued together spell a word of the other side ("Hua Xin" / "Huaxin"), then
runs of Latin words that render Chinese characters partly by sound and partly by
meaning (``hybrid``: "M Star" ~ 美星, before "M" is taken as the initial of "Meixing"),
then the most similar remaining pairs (``tokens.token_similarity``), and finally a
query's last word cut short by a field limit ("Muhammad Yu").

Score = 0.65 x (matched share of the query's weight) + 0.35 x (matched share of the
candidate's), where a pair counts with its similarity.  Then:

* if neither name has a distinctive word (both are generic words only), the score is the
  smaller coverage times the string similarity of the names in order, so "Trading
  Technology" is not "Technology Trading";
* if only generic words and places matched, the score is multiplied by 0.45;
* if both names carry numbers that found no partner, by 0.6;
* if the distinctive words matched only approximately (a typo, a sound) and the names
  name different industries - each has an unmatched trade word of a sector
  (``vocab.SECTORS``) and no sector word matched - by 0.9: "Sinno Electronics" is not
  "Sino Machinery";
* if both are organisations' names in an alphabetic script, the one distinctive word
  they share is an everyday English word on at least one side ("Alpha", "Atlas",
  "Sino"), and either name has a word left over (other than a word of shape like
  "Group" or "International"), by 0.85: a coined word like "Sinno"
  identifies a firm, "Alpha" is shared by many.

:func:`upper_bound` gives, from token signatures and without aligning, a value the score
cannot exceed; screening uses it to skip candidates that cannot reach the threshold.
"""

from __future__ import annotations

from dataclasses import dataclass

from rapidfuzz import fuzz
from rapidfuzz.distance import OSA

from sanctiongap.names.cedict import english_words
from sanctiongap.names.form import NameForm, meets
from sanctiongap.names.hybrid import match_runs
from sanctiongap.names.romanise import brand_sound_similarity, is_pinyin_word
from sanctiongap.names.tokens import (
    INFORMATIVE,
    Kind,
    Token,
    number_of,
    token_similarity,
)
from sanctiongap.names.vocab import SECTORS, SHAPE

# Share of the score that comes from the query side's coverage; the rest from the
# candidate's.  A query that is a shortened form of the candidate ("Karimov Yusuf" for
# "Karimov Muhammad Yusuf") scores higher than one with an extra, unmatched word.
QUERY_SHARE = 0.65
GENERIC_ONLY_FACTOR = 0.45  # a match on generic and place words only is scaled by this
NUMBER_CONFLICT_FACTOR = 0.6  # both sides carry numbers and they differ
# Two organisation names whose one distinctive word in common is an everyday English
# word ("Alpha", "Signal", "Sino", "Atlas") while one of them has words the other lacks:
# many unrelated firms share such a word, so it identifies less than a coined one (two
# or more such words in common, "Charter Green Light", are rare enough together).
EVERYDAY_FACTOR = 0.85
SECTOR_CONFLICT_FACTOR = 0.9  # approximate distinctive match, different industries
# Exact distinctive match, different industries ("Sinno Electronics" / "Sinno
# Machinery", "Alfa Insurance" / "Alfa-Bank"): still a hit for screening to show, not
# one party for resolution to merge (``resolve.RESOLVE_THRESHOLD``).
SISTER_FIRM_FACTOR = 0.93
# Two different short words of organisations' names (four letters or fewer) are often
# acronyms, whose letters each stand for a word: "AOOK" and "AUC", "PASC" and "PASK"
# fold alike and name different firms, while "FARk" is a misspelt "FARC".  Such a pair
# counts at most this much: a hit screening shows, below what resolution merges at
# (``resolve.RESOLVE_THRESHOLD``, 0.9) even with an address in common (+0.05).
SHORT_WORD_MAX = 0.84


@dataclass(slots=True)
class Alignment:
    score: float
    pairs: list[tuple[str, str, float]]
    informative: bool  # a distinctive token (not generic, not a place) matched
    note: str = ""


def _merge_runs(
    side: tuple[Token, ...], used: list[float], other: tuple[Token, ...], oused: list[float],
    pairs: list[tuple[str, str, float]] | None, side_is_query: bool,
) -> None:
    """Credit runs of 2-3 unmatched adjacent tokens that, glued, spell an unmatched token
    of the other side ("hua" + "xin" = "huaxin"), exactly or within one edit."""
    free = [i for i in range(len(side) - 1) if not used[i] and not used[i + 1]]
    if not free:
        return
    for j, target in enumerate(other):
        goal = target.text
        if oused[j] or len(goal) < 4:
            continue
        for i in free:
            first = side[i].text
            if not goal.startswith(first[:2]):
                continue
            glued = first
            for k in range(i + 1, min(i + 3, len(side))):
                if used[k]:
                    break
                glued += side[k].text
                if len(glued) > len(goal) + 1:
                    break
                sim = 0.0
                if glued == goal:
                    sim = 1.0
                elif len(glued) >= 6 and OSA.distance(glued, goal, score_cutoff=1) <= 1:
                    sim = 0.9
                if sim:
                    for m in range(i, k + 1):
                        used[m] = sim
                    oused[j] = sim
                    if pairs is not None:
                        run = " ".join(t.text for t in side[i : k + 1])
                        pairs.append((run, goal, sim) if side_is_query else (goal, run, sim))
                    break
            if oused[j]:
                break


def _fuzzy(q: NameForm, qm: list[float], c: NameForm, cm: list[float],
           pairs: list[tuple[str, str, float]] | None) -> None:
    qt, ct = q.tokens, c.tokens
    found: list[tuple[float, int, int]] = []
    c_free = [j for j in c.fuzzy if not cm[j]]
    c_sig = c.sig  # None once dropped: the tokens are then checked one by one only
    company = q.company and c.company
    for i in q.fuzzy:
        if qm[i]:
            continue
        a = qt[i]
        a_sig = a.sig
        if c_sig is not None and a_sig.isdisjoint(c_sig):
            continue
        for j in c_free:
            b = ct[j]
            # Disjoint signatures: the similarity is 0 (see tokens.signature).
            if a_sig.isdisjoint(b.sig) or (a.kind is Kind.PLACE and b.kind is Kind.PLACE):
                continue
            sim = token_similarity(a, b)
            if sim:
                if sim > SHORT_WORD_MAX and company and max(len(a.text), len(b.text)) <= 4:
                    sim = SHORT_WORD_MAX
                found.append((sim, i, j))
    if found:
        found.sort(reverse=True)
        for sim, i, j in found:
            if not qm[i] and not cm[j]:
                qm[i] = cm[j] = sim
                if pairs is not None:
                    pairs.append((qt[i].text, ct[j].text, sim))
    last = len(qt) - 1
    if not qm[last] and len(qt[last].text) >= 2:
        # The query's last word may be cut short by a field limit ("Muhammad Yu").
        cut = qt[last].text
        for j, b in enumerate(ct):
            if not cm[j] and len(b.text) > len(cut) and b.text.startswith(cut):
                qm[last] = cm[j] = 0.6 + 0.35 * len(cut) / len(b.text)
                if pairs is not None:
                    pairs.append((cut, b.text, qm[last]))
                break


def _last_brand(qt: tuple[Token, ...], qm: list[float], ct: tuple[Token, ...],
                cm: list[float], pairs: list[tuple[str, str, float]] | None) -> None:
    """The one distinctive word left on each side, an English word and a Chinese brand,
    once the names' other distinctive words have matched: compared by sound as any
    Latin word is ("Head Aerospace" ~ 和德宇航, head ~ hede), where alone an English
    word would need a closer sound (``romanise.SOUND_MIN_ENGLISH``)."""
    q_left = [i for i, t in enumerate(qt) if not qm[i] and t.kind is Kind.CORE]
    c_left = [j for j, t in enumerate(ct) if not cm[j] and t.kind is Kind.CORE]
    if len(q_left) != 1 or len(c_left) != 1:
        return
    if not any(qm[i] and t.kind is Kind.CORE for i, t in enumerate(qt)):
        return
    if not any(cm[j] and t.kind is Kind.CORE for j, t in enumerate(ct)):
        return
    a, b = qt[q_left[0]], ct[c_left[0]]
    if a.pinyin == b.pinyin or a.sig.isdisjoint(b.sig):
        return
    sim = brand_sound_similarity(a.text, a.sound, b.text, b.sound, last_word=True)
    if sim:
        qm[q_left[0]] = cm[c_left[0]] = sim
        if pairs is not None:
            pairs.append((a.text, b.text, sim))


def _hybrid(q: NameForm, qm: list[float], c: NameForm, cm: list[float],
            pairs: list[tuple[str, str, float]] | None) -> None:
    """Runs of Latin words that render Chinese characters partly by sound and partly
    by meaning ("Chipgoo" ~ 芯购, "M Star" ~ 美星), see ``hybrid``."""
    query_latin = c.pieced
    lt, lm, ht, hm = (q.tokens, qm, c.tokens, cm) if query_latin else (
        c.tokens, cm, q.tokens, qm)
    for i, k, j, m, sim in match_runs(lt, lm, ht, hm):
        if pairs is not None:
            latin = " ".join(t.text for t in lt[i:k])
            han = " ".join(t.text for t in ht[j:m])
            pairs.append((latin, han, sim) if query_latin else (han, latin, sim))


def align(q: NameForm, c: NameForm, explain: bool = True) -> Alignment:
    """Align the tokens of two name forms and score the match in [0, 1]."""
    qt, ct = q.tokens, c.tokens
    qm = [0.0] * len(qt)
    cm = [0.0] * len(ct)
    pairs: list[tuple[str, str, float]] | None = [] if explain else None
    positions = c.positions
    for i, tok in enumerate(qt):
        js = positions.get(tok.text)
        if js:
            for j in js:
                if not cm[j]:
                    qm[i] = cm[j] = 1.0
                    if pairs is not None:
                        pairs.append((tok.text, tok.text, 1.0))
                    break
    if qt and ct and 0.0 in qm and 0.0 in cm:
        if len(qt) > 1:
            _merge_runs(qt, qm, ct, cm, pairs, True)
        if len(ct) > 1:
            _merge_runs(ct, cm, qt, qm, pairs, False)
        if (q.pieced or c.pieced) and 0.0 in qm and 0.0 in cm:
            _hybrid(q, qm, c, cm, pairs)
        if 0.0 in qm and 0.0 in cm:
            _fuzzy(q, qm, c, cm, pairs)
        if (q.pieced or c.pieced) and 0.0 in qm and 0.0 in cm:
            _last_brand(qt, qm, ct, cm, pairs)
    matched_q = matched_c = 0.0
    informative = False
    exact_core = False  # a distinctive word matched exactly
    q_nums: list[str] = []
    # Per side: a distinctive word matched that is not an everyday word; a word left over.
    q_coined = c_coined = q_left = c_left = False
    q_distinctive = 0  # distinctive words of the query matched
    check_everyday = q.company and c.company
    for tok, sim in zip(qt, qm, strict=True):
        if sim:
            matched_q += tok.weight * sim
            if tok.kind in INFORMATIVE:
                informative = True
                exact_core = exact_core or sim >= 1.0
                q_distinctive += 1
                q_coined = q_coined or not check_everyday or not _everyday(tok)
        else:
            q_left = q_left or _telling(tok)
            number = number_of(tok)
            if number is not None:
                q_nums.append(number)
    c_nums: list[str] = []
    for tok, sim in zip(ct, cm, strict=True):
        if sim:
            matched_c += tok.weight * sim
            if tok.kind in INFORMATIVE:
                informative = True
                c_coined = c_coined or not check_everyday or not _everyday(tok)
        else:
            c_left = c_left or _telling(tok)
            number = number_of(tok)
            if number is not None:
                c_nums.append(number)
    score = QUERY_SHARE * matched_q / q.total + (1 - QUERY_SHARE) * matched_c / c.total
    note = ""
    if not q.has_core and not c.has_core:
        # Both names are made of generic words only: every word counts, and so does
        # their order (string similarity of the names in order).
        q_words = [s for t, s in zip(qt, qm, strict=True) if t.kind is not Kind.STOP]
        c_words = [s for t, s in zip(ct, cm, strict=True) if t.kind is not Kind.STOP]
        coverage = min(sum(q_words) / max(len(q_words), 1), sum(c_words) / max(len(c_words), 1))
        score = coverage * fuzz.ratio(q.joined, c.joined) / 100.0
        note = "generic words only, compared in order"
        informative = score > 0
    elif not informative:
        score *= GENERIC_ONLY_FACTOR
        note = "only generic words or places in common"
    elif _sector_conflict(qt, qm, ct, cm):
        # With the brand spelt alike, more likely a sister firm of another trade.
        score *= SECTOR_CONFLICT_FACTOR if not exact_core else SISTER_FIRM_FACTOR
        note = "different industries"
    if (check_everyday and q_distinctive == 1 and not (q_coined and c_coined)
            and (q_left or c_left)):
        score *= EVERYDAY_FACTOR
        note = "; ".join(filter(None, (note, "one everyday word in common, words left over")))
    if q_nums and c_nums:
        score *= NUMBER_CONFLICT_FACTOR
        note = f"numbers differ ({', '.join(sorted(q_nums))} / {', '.join(sorted(c_nums))})"
    return Alignment(min(score, 1.0), pairs or [], informative, note)


def _sectors(tokens: tuple[Token, ...], sims: list[float], matched: bool) -> set[str]:
    return {SECTORS[t.text] for t, s in zip(tokens, sims, strict=True)
            if bool(s) == matched and t.kind is Kind.GENERIC and t.text in SECTORS}


def _sector_conflict(qt: tuple[Token, ...], qm: list[float],
                     ct: tuple[Token, ...], cm: list[float]) -> bool:
    """Each side has an unmatched trade word of a sector the other side's unmatched
    trade words do not name, and no sector word matched."""
    q_free, c_free = _sectors(qt, qm, False), _sectors(ct, cm, False)
    if not q_free or not c_free or not q_free.isdisjoint(c_free):
        return False
    return not _sectors(qt, qm, True) and not _sectors(ct, cm, True)


def _telling(tok: Token) -> bool:
    """A word whose absence from the other name tells: not a stop word, and not a word
    of a firm's shape (``vocab.SHAPE``: "Group", "Holding", "International")."""
    return tok.kind is not Kind.STOP and not (tok.kind is Kind.GENERIC and tok.text in SHAPE)


def _everyday(tok: Token) -> bool:
    """A distinctive word that is an everyday English word (CC-CEDICT's translations)
    and cannot be read as pinyin ("Ming", "Long" may be a Chinese brand or surname)."""
    return (tok.kind is Kind.CORE and not tok.pinyin and tok.text in english_words()
            and not is_pinyin_word(tok.text))


def _reach(
    side: NameForm, other: NameForm, shared: set[str], lead: str
) -> tuple[list[bool], dict[str, list[int]]]:
    """Which words of ``side`` could be matched: equal words; words whose signature meets
    the other side's; words starting with ``lead`` (the first letter of a query's last
    word, which may be cut short); Chinese tokens with pieces (``hybrid``).  Also the
    positions of words that may stay unmatched after the exact pass, by two-letter head
    (a run of them could be glued together)."""
    flags = []
    heads: dict[str, list[int]] = {}
    repeated = _repeated(side)
    for i, tok in enumerate(side.tokens):
        text = tok.text
        if text in shared:
            flags.append(True)
            if text not in repeated:
                continue
        else:
            flags.append(
                bool(tok.sig and meets(tok.sig, other))
                or (bool(lead) and text[:1] == lead)
                # Chinese characters may be rendered from inside a Latin word (hybrid).
                or (tok.pieces is not None and other.has_core)
            )
        heads.setdefault(text[:2], []).append(i)
    return flags, heads


def _repeated(form: NameForm) -> set[str]:
    """Texts of the words that occur more than once in the form."""
    return {text for text, at in form.positions.items() if len(at) > 1}


def upper_bound(q: NameForm, c: NameForm) -> float:
    """A value :func:`align` cannot exceed for these forms, from word sets and token
    signatures only (no alignment): every word that could find a partner - an equal
    word, a similar one (shared signature key), a word cut short, or a place in a run of
    words glued together (same two-letter head as a word of the other side) - counts as
    matched with similarity 1."""
    if (not q.has_core and not c.has_core) or not q.tokens or not c.tokens:
        return 1.0
    shared = q.positions.keys() & c.positions.keys()
    last = q.tokens[-1].text
    lead = last[:1] if last not in shared or last in _repeated(q) else ""
    c_firsts = {t.text[:1] for t in c.tokens}
    q_flags, q_heads = _reach(q, c, shared, lead if lead in c_firsts else "")
    c_flags, c_heads = _reach(c, q, shared, lead)
    common = q_heads.keys() & c_heads.keys()
    # A one-letter word may start a run glued into a word with that first letter.
    for side_heads, other_heads in ((q_heads, c_heads), (c_heads, q_heads)):
        for head in side_heads:
            if len(head) == 1:
                common |= {h for h in other_heads if h[:1] == head}
                if any(h[:1] == head for h in other_heads):
                    common.add(head)
    for head in common:
        for flags, heads in ((q_flags, q_heads), (c_flags, c_heads)):
            for i in heads.get(head, ()):
                for k in range(i, min(i + 3, len(flags))):
                    flags[k] = True
    mq = sum(t.weight for t, ok in zip(q.tokens, q_flags, strict=True) if ok)
    mc = sum(t.weight for t, ok in zip(c.tokens, c_flags, strict=True) if ok)
    return min(1.0, QUERY_SHARE * mq / q.total + (1 - QUERY_SHARE) * mc / c.total)
