"""One rendering of one name as tokens (:class:`NameForm`), with the lookups that
alignment (``align``), its bounds (``bounds``) and screening (``screening``) read.

A form's signature (``sig``) is the union of the signatures of its fuzzily compared
tokens: two tokens can only be similar if their signatures meet, so a token that does
not meet a form's signature cannot be matched in it by similarity.  Forms kept long in
a large cache (screening's candidate records) may drop the union (:func:`drop_union`)
and keep only the tokens' own signatures (``sigs``); :func:`meets` answers the same
either way.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from weakref import WeakValueDictionary

from sanctiongap.names.tokens import FUZZY_KINDS, INFORMATIVE, Kind, Token

SEP = "\x1f"  # precedes each token text in NameForm.words (never part of a word)


# Per form (see ``bounds.lookups``): word heads starting runs with the fewest letters a
# glued word needs, and the longest word per head.
Lookups = tuple[dict[str, int], dict[str, int]]


# Signature unions in use, shared by the forms with the same distinctive words (many
# names recur across lists and aliases; a union takes about 900 bytes).
_UNIONS: WeakValueDictionary[tuple[frozenset[str], ...], frozenset[str]] = (
    WeakValueDictionary())
# Small tuples many forms hold alike, one object each: the position of a word seen
# once, and the positions of the fuzzy tokens.
_AT = tuple((i,) for i in range(64))
_SHARED_FUZZY: dict[tuple[int, ...], tuple[int, ...]] = {}


def _sig_union(sigs: tuple[frozenset[str], ...]) -> frozenset[str]:
    found = _UNIONS.get(sigs)
    if found is None:
        found = _UNIONS[sigs] = frozenset().union(*sigs)
    return found


@dataclass(slots=True)
class NameForm:
    """One rendering of one name as tokens, with the lookups alignment needs."""

    original: str  # the name as the list printed it
    label: str  # "latin", "translit", "han", "pinyin", "mixed", "meaning"
    tokens: tuple[Token, ...]
    total: float = 0.0
    has_core: bool = False
    positions: dict[str, tuple[int, ...]] = field(default_factory=dict)
    key: str = ""  # sorted non-stop token texts: equal keys are equal names
    joined: str = ""  # non-stop tokens in order
    fuzzy: tuple[int, ...] = ()  # positions of tokens compared fuzzily (core, place)
    # Union of the fuzzy tokens' signatures; None once dropped to save memory (a form
    # kept long, see ``drop_union``): ``sigs`` then stands for it.
    sig: frozenset[str] | None = frozenset()
    sigs: tuple[frozenset[str], ...] = ()  # the fuzzy tokens' signatures
    # An organisation's name in an alphabetic script (see EVERYDAY_FACTOR).
    company: bool = False
    pieced: bool = False  # some token carries Chinese characters (``hybrid``)
    # Lookups for the bounds' tests, built on first use (``bounds.lookups``).
    lookups: Lookups | None = field(default=None, repr=False, compare=False)

    def __post_init__(self) -> None:
        total = 0.0
        core = False
        pos: dict[str, tuple[int, ...]] = {}
        words = []
        fuzzy = []
        for i, tok in enumerate(self.tokens):
            total += tok.weight
            core = core or tok.kind in INFORMATIVE
            text = tok.text
            pos[text] = (*pos[text], i) if text in pos else _AT[i] if i < 64 else (i,)
            if tok.kind is not Kind.STOP:
                words.append(tok.text)
            if tok.kind in FUZZY_KINDS:
                fuzzy.append(i)
            if tok.pieces is not None:
                self.pieced = True
        at = tuple(fuzzy)
        self.fuzzy = _SHARED_FUZZY.setdefault(at, at)
        self.sigs = tuple(self.tokens[i].sig for i in fuzzy)
        if len(fuzzy) == 1:
            self.sig = self.sigs[0]  # shared with the token, not copied
        elif fuzzy:
            self.sig = _sig_union(self.sigs)
        self.total = total or 1.0
        self.has_core = core
        self.positions = pos
        self.joined = " ".join(words)
        # Word order is part of a name made of generic words only.
        ordered = sorted(words) if core else words
        self.key = self.joined if ordered == words else " ".join(ordered)

    @property
    def words(self) -> str:
        """The token texts, each preceded by SEP: lets bounds find words by prefix
        (built when asked: few pairs need it, and many forms are kept)."""
        return "".join(SEP + t.text for t in self.tokens)


def meets(sig: frozenset[str], form: NameForm) -> bool:
    """Whether ``sig`` shares a key with the signature of one of the form's fuzzy
    tokens (with their union, while the form keeps it)."""
    union = form.sig
    if union is not None:
        return not sig.isdisjoint(union)
    return not all(map(sig.isdisjoint, form.sigs))


def drop_union(form: NameForm) -> None:
    """Forget the union of the form's signatures (a set of some 20 to 50 keys) where it
    is not one token's own: :func:`meets` then checks the tokens' signatures one by
    one, a little slower, with the same answers.  For forms kept in a large cache."""
    if len(form.sigs) > 1:
        form.sig = None
