"""Match subjects and their prepared (pre-computed) form.

A :class:`MatchSubject` is what the matcher compares: a party's schema, names, countries,
identifiers, birth dates and addresses.  :func:`prepare` computes once per subject what
every comparison needs - name token forms (Latin, transliterated, Chinese renderings),
identifier keys, address words - so that screening many queries against many candidates
does the expensive text work once per name, not once per pair.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from sys import intern

from sanctiongap.model import Identifier, Party
from sanctiongap.names import vocab
from sanctiongap.names.bounds import FormsUnion
from sanctiongap.names.chinese import is_chinese, renderings
from sanctiongap.names.form import NameForm, drop_union
from sanctiongap.names.identifiers import UNIQUE_KINDS, IdKey, normalise_identifier
from sanctiongap.names.normalise import ascii_words, clean_text, latin_forms
from sanctiongap.names.tokens import Kind, Token, phonetic_fold

PERSON_SCHEMATA = frozenset({"Person"})
OBJECT_SCHEMATA = frozenset({"Vessel", "Airplane"})

# Address words too common to say anything about where two parties sit.
_ADDRESS_STOP = vocab.words(
    """
    road street st rd avenue ave lane building bldg floor room rm unit flat block tower
    district city province county town village no number office plaza center centre
    park industrial zone area new south north east west central china hong kong kowloon
    russia russian federation moscow the of and str ul dom kv prospekt oblast region
    """
)
_ADDRESS_WORD = re.compile(r"[a-z]{4,}|\d{3,}")


@dataclass(slots=True)
class MatchSubject:
    """A party as the matcher sees it."""

    schema: str = "LegalEntity"
    names: list[str] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)
    identifiers: list[Identifier] = field(default_factory=list)
    birth_dates: list[str] = field(default_factory=list)
    addresses: list[str] = field(default_factory=list)
    key: str | None = None  # the caller's reference (record key, entity id)

    @classmethod
    def from_party(cls, party: Party, key: str | None = None) -> MatchSubject:
        return cls(
            schema=party.schema,
            names=party.all_names(),
            countries=list(party.countries),
            identifiers=list(party.identifiers),
            birth_dates=list(party.birth_dates),
            addresses=list(party.addresses),
            key=key,
        )


@dataclass(slots=True)
class PreparedSubject:
    subject: MatchSubject
    person: bool
    forms: tuple[NameForm, ...]
    ids: tuple[IdKey, ...]
    id_keys: frozenset[str]
    unique_ids: dict[str, frozenset[str]]  # kind -> check-digit-valid values
    countries: frozenset[str]
    address_words: frozenset[str]
    # Keys of the forms an exact name match compares ("l" + key of a Latin or
    # transliterated form, "h" + key of a Chinese-script one): subjects whose sets meet
    # have a name_exact match.
    exact_keys: frozenset[str] = frozenset()
    union: FormsUnion | None = field(default=None, repr=False, compare=False)


def name_forms(name: str, person: bool) -> list[NameForm]:
    """All token forms of one name."""
    if is_chinese(name):
        forms = renderings(name, person=person)
        if forms:
            return forms
    return latin_forms(name, person=person)


def prepare(subject: MatchSubject, by_name: dict[str, list[NameForm]] | None = None
            ) -> PreparedSubject:
    """What comparisons need of ``subject``, computed once.  ``by_name``, if given,
    receives the forms of each name, before those repeating an earlier name's are
    dropped (``names.stored`` keeps them)."""
    person = subject.schema in PERSON_SCHEMATA
    per_name = [name_forms(name, person) for name in subject.names]
    if by_name is not None:
        by_name.update(zip(subject.names, per_name, strict=True))
    ids: list[IdKey] = []
    for ident in subject.identifiers:
        key = normalise_identifier(ident)
        if key is not None:
            ids.append(key)
    words: set[str] = set()
    for address in subject.addresses:
        for word in ascii_words(clean_text(address)):
            if _ADDRESS_WORD.fullmatch(word) and word not in _ADDRESS_STOP:
                words.add(word)
    return assemble(subject, distinct_forms(per_name), tuple(ids), words)


def rendering(label: str, tokens: tuple[Token, ...]) -> tuple[str, str]:
    """What makes two name forms one rendering: their label and their words."""
    return label, " ".join([t.text for t in tokens])


def distinct_forms(per_name: list[list[NameForm]]) -> tuple[NameForm, ...]:
    """The forms of all names in order, each rendering (:func:`rendering`) once: the
    first name's."""
    forms: list[NameForm] = []
    seen: set[tuple[str, str]] = set()
    for found in per_name:
        for form in found:
            marker = rendering(form.label, form.tokens)
            if marker not in seen:
                seen.add(marker)
                forms.append(form)
    return tuple(forms)


def assemble(subject: MatchSubject, forms: tuple[NameForm, ...], ids: tuple[IdKey, ...],
             address_words: set[str]) -> PreparedSubject:
    """The prepared subject from its name forms, identifier keys and address words
    (what :func:`prepare` computes from the subject's names, identifiers and addresses;
    ``names.stored`` reads them back from the knowledge base instead)."""
    unique: dict[str, set[str]] = {}
    for key in ids:
        if key.valid and key.kind in UNIQUE_KINDS:
            unique.setdefault(key.kind, set()).add(key.value)
    return PreparedSubject(
        subject=subject,
        person=subject.schema in PERSON_SCHEMATA,
        forms=forms,
        ids=ids,
        id_keys=frozenset(k.key for k in ids) or _NONE,
        unique_ids={k: frozenset(v) for k, v in unique.items()},
        countries=frozenset(c.lower() for c in subject.countries if c) or _NONE,
        address_words=frozenset(address_words) or _NONE,
        exact_keys=frozenset(
            _exact_key(form) for form in forms if form.label in _EXACT_LABELS) or _NONE,
    )


def for_cache(prepared: PreparedSubject) -> PreparedSubject:
    """``prepared``, lightened to be kept long among many (the screener's candidates).
    The subject keeps only what comparisons read once prepared: schema, birth dates
    and key (without birth dates: one subject per schema, without key).  The name
    forms drop their signature unions (``form.drop_union``); equal country sets and
    address words are shared.  Comparisons give the same results."""
    subject = prepared.subject
    if subject.birth_dates:
        prepared.subject = MatchSubject(schema=subject.schema,
                                        birth_dates=subject.birth_dates, key=subject.key)
    else:  # one subject per schema for all without birth dates (no key, then)
        slim = _SLIM.get(subject.schema)
        if slim is None:
            slim = _SLIM[subject.schema] = MatchSubject(schema=subject.schema)
        prepared.subject = slim
    for form in prepared.forms:
        drop_union(form)
    prepared.countries = _SHARED_SETS.setdefault(prepared.countries, prepared.countries)
    if prepared.address_words:
        # Address words recur (towns, streets): one string each.
        prepared.address_words = frozenset(map(intern, prepared.address_words))
    return prepared


# What cached subjects share: subjects without birth dates, per schema; country sets.
_SLIM: dict[str, MatchSubject] = {}
_SHARED_SETS: dict[frozenset[str], frozenset[str]] = {}


# One empty set shared by every subject that has nothing to put in one (each new empty
# frozenset would take 200 bytes).
_NONE: frozenset[str] = frozenset()


_EXACT_LABELS = frozenset({"latin", "translit", "han"})


def _exact_key(form: NameForm) -> str:
    return ("h" if form.label == "han" else "l") + form.key


def blocking_keys(prepared: PreparedSubject) -> set[str]:
    """Keys under which a subject is filed for candidate generation (no all-pairs).

    * ``id:<kind>:<value>`` for every identifier;
    * ``t:<fold>`` for every distinctive (core or number) token of three or more
      characters in any Latin form - Latin names, transliterations, and the pinyin, mixed
      and meaning renderings of Chinese names share this namespace, so a Chinese name
      meets its English form; also for the glued pair of two adjacent core tokens
      ("hua" "xin" -> "huaxin");
    * ``h:<text>`` for distinctive segments of Chinese names (simplified);
    * ``g:<name>`` for a name made of generic words only.

    Generic words and places are never keys.  Keys shared by very many subjects carry
    no information; the index (``sanctiongap.names.index``) ignores them."""
    keys = {f"id:{k.key}" for k in prepared.ids}
    for form in prepared.forms:
        core = [t for t in form.tokens if t.kind in (Kind.CORE, Kind.NUMBER)]
        if not core:
            if form.joined:
                keys.add(f"g:{form.joined}")
            continue
        prefix = "h:" if form.label == "han" else "t:"
        for tok in core:
            if len(tok.text) >= 3 or (prefix == "h:" and len(tok.text) >= 2):
                keys.add(prefix + tok.fold)
        if prefix == "t:":
            for a, b in zip(form.tokens, form.tokens[1:], strict=False):
                if a.kind is Kind.CORE and b.kind is Kind.CORE:
                    keys.add("t:" + phonetic_fold(a.text + b.text))
    return keys
