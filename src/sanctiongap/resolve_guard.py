"""When a pair that scores above the resolution threshold is still not one party.

Screening reports a hit and lets a reviewer decide; resolution decides alone, and a
wrong merge changes every count it touches.  A pair whose score reaches
``resolve.RESOLVE_THRESHOLD`` is still refused when the records' countries conflict,
nothing but the name ties them (no identifier, no address in common), and the name
says little on its own or tells two firms apart:

* a person known by one word ("ABDULLAH" in Pakistan and in Tunisia);
* an organisation's name without a distinctive word ("United World International" in
  Turkey and in Russia);
* an organisation's name of one word once legal forms are set aside ("Alliance LLC"
  in Russia and "ALLIANCE" in Mexico, JSC "Orbita" in Russia and "Orbita" in China),
  unless both names carry the same legal form ("Skylinks FZC" in Hong Kong and in the
  Emirates);
* legal forms of different kinds, a company limited by shares against one with
  limited liability ("Intellexa Limited" in Ireland and "Intellexa S.A." in Greece, two
  firms of one group, listed apart).

Other names of two words or more still merge across countries ("Sinno Electronics",
listed under China and under Lithuania; "Frontier Services Group Limited"), as do full
personal names (a person's nationality and residence often differ between lists).
"""

from __future__ import annotations

import re
from functools import lru_cache

from rigour.names import extract_org_types

from sanctiongap.match import MatchResult, PreparedSubject
from sanctiongap.names.form import NameForm
from sanctiongap.names.tokens import INFORMATIVE, Kind

# Name features whose hit names the two forms that matched.
_NAME_FEATURES = frozenset({
    "name_exact", "name_fuzzy", "name_translit", "name_chinese_pinyin",
    "name_chinese_meaning", "name_chinese_script"})
# Evidence beyond the name that lets a country conflict stand.
_OTHER_TIES = frozenset({"identifier_match", "address_overlap"})
_WORD = re.compile(r"\w+")


@lru_cache(maxsize=4096)
def legal_forms(name: str, generic: bool) -> frozenset[str]:
    """The legal forms a name carries, as rigour compares them ("llc", "fze", "ag"), or
    by kind with ``generic`` ("llc" for limited liability, "jsc" for shares)."""
    return frozenset(target for _, target in extract_org_types(name.casefold(),
                                                               generic=generic))


def thin_form(form: NameForm, person: bool) -> str:
    """How little a name form says: "one word", "no distinctive word" (organisations
    only) or "" (enough)."""
    if sum(1 for t in form.tokens if t.kind is not Kind.STOP) <= 1:
        return "one word"
    if not person and not any(t.kind in INFORMATIVE for t in form.tokens):
        return "no distinctive word"
    return ""


def _same_form(a: str, b: str) -> bool:
    """Whether two names carry the same legal form (or are the same words, one of them
    a form rigour does not know: "Skylinks FZC")."""
    forms = legal_forms(a, False)
    if forms:
        return forms == legal_forms(b, False)
    words = _WORD.findall(a.casefold())
    return len(words) > 1 and words == _WORD.findall(b.casefold())


def _form(subject: PreparedSubject, original: str) -> NameForm | None:
    return next((f for f in subject.forms if f.original == original), None)


def _name_says_little(query: PreparedSubject, candidate: PreparedSubject,
                      q_name: str, c_name: str) -> str:
    person = query.person or candidate.person
    if not person:
        q_kinds, c_kinds = legal_forms(q_name, True), legal_forms(c_name, True)
        if q_kinds and c_kinds and q_kinds.isdisjoint(c_kinds):
            return (f"legal forms of different kinds ('{q_name}' {'/'.join(sorted(q_kinds))},"
                    f" '{c_name}' {'/'.join(sorted(c_kinds))})")
    for subject, name in ((query, q_name), (candidate, c_name)):
        form = _form(subject, name)
        thin = thin_form(form, person) if form is not None else ""
        if not thin:
            continue
        if person:
            return f"a one-word name ('{name}')"
        if thin != "one word":
            return f"no distinctive word in '{name}'"
        if not _same_form(q_name, c_name):
            return f"a one-word name ('{name}') without the same legal form on both sides"
    return ""


def refuse_merge(query: PreparedSubject, candidate: PreparedSubject,
                 result: MatchResult) -> str:
    """Why the pair must not be merged despite its score ("" when it may be)."""
    fired = {h.feature: h for h in result.hits}
    conflict = fired.get("country_conflict")
    if conflict is None or not _OTHER_TIES.isdisjoint(fired):
        return ""
    names = [h for h in result.hits if h.feature in _NAME_FEATURES]
    if not names:
        return ""
    best = max(names, key=lambda h: h.contribution)
    why = _name_says_little(query, candidate, best.query, best.candidate)
    return f"{why}; countries conflict ({conflict.detail})" if why else ""
