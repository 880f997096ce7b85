"""Names across lists and scripts: normalisation, Chinese renderings, identifiers.

Modules:

* ``vocab``: legal forms, generic company words, stop words, gloss overrides;
* ``normalise``: cleaning, homoglyphs, transliteration, Latin tokens with kinds;
* ``cedict``: CC-CEDICT (segmentation words, English glosses, place gazetteer);
* ``chinese``: traditional -> simplified, segmentation, pinyin / mixed / meaning forms;
* ``tokens``: token kinds, weights, comparison keys, token similarity;
* ``align``: name forms, weighted alignment, upper bound;
* ``identifiers``: USCC / INN / OGRN / LEI / IMO validation and extraction from text;
* ``subject``: match subjects, their prepared form, blocking keys;
* ``index``: candidate generation for screening and resolution.

The matcher itself (features, scores, threshold) is ``sanctiongap.match``.
"""

from sanctiongap.names.align import align
from sanctiongap.names.chinese import (
    has_han,
    is_chinese,
    latin_renderings,
    renderings,
    to_simplified,
)
from sanctiongap.names.form import NameForm
from sanctiongap.names.identifiers import (
    IdKey,
    detect_kind,
    extract_identifiers,
    is_valid,
    normalise_identifier,
)
from sanctiongap.names.normalise import clean_text, fix_homoglyphs, latin_forms, transliterate
from sanctiongap.names.subject import MatchSubject, PreparedSubject, blocking_keys, prepare
from sanctiongap.names.tokens import Kind, Token

__all__ = [
    "IdKey",
    "Kind",
    "MatchSubject",
    "NameForm",
    "PreparedSubject",
    "Token",
    "align",
    "blocking_keys",
    "clean_text",
    "detect_kind",
    "extract_identifiers",
    "fix_homoglyphs",
    "has_han",
    "is_chinese",
    "is_valid",
    "latin_forms",
    "latin_renderings",
    "normalise_identifier",
    "prepare",
    "renderings",
    "to_simplified",
    "transliterate",
]
