"""Cell parsers for the EU regulation CSV transcriptions (used by ``eu_csv``).

Names
    A leading "So-called" is the EU's qualifier, not part of the name (see
    :func:`drop_so_called`).  Alias cells hold names joined by "; ".  Transcription
    labels are not names: cells such as "Chinese:", "Korean:" or "Text of image" are
    dropped, and a label prefix ("Chinese: 深圳...", "Russian: Владимир...") is
    removed, keeping the name.  A label in the middle of a cell ("Иван КУСОВ
    Ukrainian: Iван КУСОВ") or in brackets ("Rosgvardiya (Russian: Росгвардия)")
    splits it into two names, and "Name (Имя)" with the bracket in another script
    gives two names.  CJK, Cyrillic and Arabic names are kept.

Countries
    Free text ("Russian", "Ukrainian, Russian (the Union does not ...)", "Hong Kong")
    -> ISO codes; the country of an address is read from its last comma-separated
    parts; a Hong Kong address yields "hk" even where the text says China.

Identifiers
    "2687207 (CR No.)" -> value 2687207, note "CR No."; "CR No. 3176428" likewise;
    several values are separated by ";" (or "," before a new labelled value).  A label
    may change the kind the column implies (USCC, INN, OGRN, KPP, OKPO, passport ...);
    a country in brackets ("(Russia)") becomes the identifier's country.
"""

from __future__ import annotations

import re
from datetime import date

from sanctiongap.countries import mentions_hong_kong, to_iso
from sanctiongap.model import Identifier

_LANGUAGES = (
    "Chinese|Korean|Russian|Rusian|Farsi|Persian|Arabic|Belarusian|Belarussian|Ukrainian|"
    "Kazakh|Azerbaijani|Georgian|Armenian|Uzbek|Kyrgyz|Tajik|Turkish|Hebrew|Japanese|"
    "Serbian|Moldovan|Romanian|Mongolian|Turkmen|Uighur|Uyghur|English"
)
_LABEL = rf"(?:(?:{_LANGUAGES})(?:\s+script)?|(?:Married|Maiden|Stage|Other|Former|Previous|"
_LABEL += r"Alternative)\s+name|Text\s+of\s+image)"
_LABEL_ONLY = re.compile(rf"{_LABEL}\s*:?", re.IGNORECASE)
_LABEL_PREFIX = re.compile(rf"^{_LABEL}\s*:\s*", re.IGNORECASE)
_LABEL_INSIDE = re.compile(rf"\s+(?={_LABEL}\s*:)", re.IGNORECASE)
_LABEL_BRACKET = re.compile(rf"\s*\(\s*{_LABEL}\s*:\s*([^()]*)\)", re.IGNORECASE)
_TRAILING_BRACKET = re.compile(r"^(?P<outer>[^()]+?)\s*\((?P<inner>[^()]+)\)$")

_SCRIPTS = (
    ("cjk", re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")),
    ("hangul", re.compile(r"[\uac00-\ud7af]")),
    ("cyrillic", re.compile(r"[\u0400-\u04ff]")),
    ("arabic", re.compile(r"[\u0600-\u06ff]")),
)


def script_of(text: str) -> str:
    """The first non-Latin script a text uses, or "latin"."""
    for name, pattern in _SCRIPTS:
        if pattern.search(text):
            return name
    return "latin"


def _unlabel(part: str) -> list[str]:
    """One alias part -> the names in it, labels removed."""
    names: list[str] = []
    for inner in _LABEL_BRACKET.findall(part):
        names.append(inner)
    part = _LABEL_BRACKET.sub("", part)
    for piece in _LABEL_INSIDE.split(part):
        piece = piece.strip(" ,;")
        if not piece or _LABEL_ONLY.fullmatch(piece):
            continue
        piece = _LABEL_PREFIX.sub("", piece).strip(" ,;")
        bracket = _TRAILING_BRACKET.match(piece)
        if bracket and script_of(bracket["outer"]) != script_of(bracket["inner"]):
            names.extend([bracket["outer"], bracket["inner"]])
        elif piece:
            names.append(piece)
    return [" ".join(n.split()).strip(" ,;") for n in names if n.strip(" ,;")]


def split_names(cell: str) -> list[str]:
    """An alias/weakAlias/previousName cell -> names, labels dropped (see module doc)."""
    names: list[str] = []
    for part in re.split(r";\s*|\s+/\s+", cell or ""):
        names.extend(_unlabel(part))
    return list(dict.fromkeys(names))


_SO_CALLED = re.compile(r"^so[- ]called\b\s*", re.IGNORECASE)
_QUOTES = " ‘’'\"“”«»"


def drop_so_called(name: str, aliases: list[str]) -> tuple[str, list[str]]:
    """The regulations name bodies the EU does not recognise "So-called ‘Luhansk
    People’s Republic’": the name is what the quotes hold, and the whole text stays an
    alias.  A name cell holding "So-called" alone (its name went to the alias cell)
    takes the first alias as the name."""
    if not _SO_CALLED.match(name):
        return name, aliases
    rest = _SO_CALLED.sub("", name).strip(_QUOTES)
    if rest:
        return rest, [name, *aliases]
    if aliases:
        return aliases[0].strip(_QUOTES), [f"{name} {aliases[0]}", *aliases[1:]]
    return name, aliases


def split_primary(cell: str) -> tuple[str, list[str]]:
    """A name cell -> the primary name and names a label split off it."""
    text = " ".join((cell or "").split())
    extra = [n for n in _LABEL_BRACKET.findall(text) if n.strip()]
    text = _LABEL_BRACKET.sub("", text)
    pieces = _LABEL_INSIDE.split(text)
    primary = pieces[0].strip(" ,;–")
    for piece in pieces[1:]:
        extra.extend(_unlabel(piece))
    return primary, [" ".join(n.split()) for n in extra]


# ---------------------------------------------------------------- countries

_COUNTRY_EXTRA = {"belarussian": "by", "hongkong": "hk"}


def country_code(text: str) -> str | None:
    """ISO code for a free-text country or nationality, or None."""
    value = re.sub(r"\([^)]*\)", "", text).replace("’", "'").strip(" .;,")
    value = re.sub(r"^(?:the|now)\s+", "", value, flags=re.IGNORECASE)
    if not value:
        return None
    code = _COUNTRY_EXTRA.get(value.lower()) or to_iso(value)
    return code.split("-")[0] if code else None  # "ua-cri" (Crimea) -> "ua"


def split_countries(cell: str) -> tuple[list[str], list[str]]:
    """A country/nationality/jurisdiction cell -> (ISO codes, parts not understood)."""
    codes: list[str] = []
    unknown: list[str] = []
    cleaned = re.sub(r"\([^)]*\)", "", cell or "")
    for part in re.split(r"[;,]|\band/or\b|\band\b", cleaned):
        if not part.strip(" ."):
            continue
        code = country_code(part)
        if code:
            codes.append(code)
        else:
            unknown.append(part.strip())
    return codes, unknown


def address_country(address: str) -> str | None:
    """Country of an address from its last (or, postcode-first, its first) parts; a
    Hong Kong address gives "hk"."""
    bare_address, _ = _brackets(address)
    bare_address = re.sub(r"\S+\.(?:com|ru|cn|net|org)\S*|\S*/\S*", " ", bare_address)
    parts = [p for p in bare_address.split(",") if p.strip()]
    code = None
    for part in [*reversed(parts[-3:]), *parts[:3]]:
        bare = re.sub(r"[\d\-]+", " ", part).strip(" .")
        code = country_code(bare) if bare else None
        if code:
            break
    if mentions_hong_kong(address) and code in (None, "cn"):
        return "hk"
    return code


# ---------------------------------------------------------------- identifiers

_LABEL_KINDS = {
    "uscc": "uscc", "uncc": "uscc", "chinaunifiedsocialcreditcode": "uscc",
    "unifiedsocialcreditcode": "uscc", "usccno": "uscc",
    "inn": "inn", "taxidinn": "inn", "инн": "inn", "инн/taxpayeridentificationnumber": "inn",
    "inntaxpayeridentificationnumber": "inn",
    "ogrn": "ogrn", "srnogrn": "ogrn", "kpp": "kpp", "okpo": "okpo",
    "tin": "tax", "taxidentificationnumber": "tax", "taxid": "tax", "itin": "tax",
    "taxidnumber": "tax",
    "crno": "registration", "crn": "registration", "hongkongcompanynumber": "registration",
    "lei": "lei", "imo": "imo", "mmsi": "mmsi", "swift": "swift", "bic": "swift",
    "passport": "passport", "passportno": "passport", "nationalidno": "national_id",
    "nationalid": "national_id",
}
_NEW_VALUE = re.compile(r",\s*(?=(?:[A-Z0-9]|ИНН|KPP|OKPO|OGRN|INN|National|Passport))")
_INLINE_LABEL = re.compile(r"\s+(?=(?:KPP|OKPO|OGRN|INN)\b:?)")
_SEMICOLON = re.compile(r";\s*")
_VALUE_TOKEN = re.compile(r"^[^\s]*\d")
_USCC = re.compile(r"[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}")
_SERIES = re.compile(r"series\s+(\d[\d ]*?)\s+No\.?\s+(\d+)", re.IGNORECASE)


def _label_kind(label: str) -> str | None:
    key = re.sub(r"[^\w/]|_", "", label.lower()).replace("/", "")
    if key in _LABEL_KINDS:
        return _LABEL_KINDS[key]
    for word, found in (("passport", "passport"), ("uscc", "uscc"), ("ogrn", "ogrn"),
                        ("okpo", "okpo"), ("kpp", "kpp"), ("инн", "inn"), ("inn", "inn")):
        if word in key:
            return found
    return None


def _brackets(text: str) -> tuple[str, list[str]]:
    """Text outside top-level brackets, and the bracketed groups (nesting allowed)."""
    outside: list[str] = []
    groups: list[str] = []
    depth = 0
    current: list[str] = []
    for char in text:
        if char == "(":
            depth += 1
            if depth == 1:
                current = []
                outside.append(" ")
                continue
        elif char == ")" and depth:
            depth -= 1
            if depth == 0:
                groups.append("".join(current))
                continue
        (current if depth else outside).append(char)
    if depth:
        groups.append("".join(current))
    return "".join(outside), groups


def _one_identifier(piece: str, kind: str) -> Identifier | None:
    notes: list[str] = []
    country = None
    text, groups = _brackets(piece)
    for inner in groups:
        head, _, tail = inner.partition(",")
        code = None if head.isupper() or re.search(r"\d", head) else country_code(head)
        if code and country is None:
            country = code
            inner = tail
        if inner.strip():
            notes.append(inner.strip())
    text = re.sub(r"^\s*alt\.\s*", "", text, flags=re.IGNORECASE)
    series = _SERIES.search(text)
    if series:  # "series 45 No 123456" -> "45 123456"
        notes.insert(0, series[0])
        if text[series.end():].strip(" ,;"):
            notes.append(text[series.end():].strip(" ,;"))
        return Identifier(kind, f"{series[1]} {series[2]}", country, "; ".join(notes))
    tokens = text.split()
    start = next((i for i, t in enumerate(tokens) if _VALUE_TOKEN.match(t)), None)
    if start is None:
        return None
    end = start + 1
    while (end < len(tokens) and not tokens[end - 1].endswith((",", ";"))
           and re.fullmatch(r"[\d/\-]+[,;.]?", tokens[end])):
        end += 1
    label = " ".join(tokens[:start]).strip(" :#-")
    value = " ".join(tokens[start:end]).strip(" .,;:")
    rest = " ".join(tokens[end:]).strip(" ,;")
    if label:
        notes.insert(0, label)
    if rest:
        notes.append(rest)
    labelled = _label_kind(label) or next((k for n in notes if (k := _label_kind(n))), None)
    if labelled is None and kind in ("registration", "tax") and _USCC.fullmatch(value):
        labelled = "uscc"  # an unlabelled 18-character Unified Social Credit Code
    return Identifier(labelled or kind, value, country, "; ".join(notes) or None)


def _split_top(text: str, pattern: re.Pattern[str]) -> list[str]:
    """Split on a pattern, but not inside brackets."""
    pieces: list[str] = []
    start = 0
    for match in pattern.finditer(text):
        before = text[: match.start()]
        if before.count("(") > before.count(")"):
            continue
        pieces.append(text[start: match.start()])
        start = match.end()
    pieces.append(text[start:])
    return pieces


def parse_identifiers(cell: str, kind: str) -> list[Identifier]:
    """An identifier cell -> Identifiers (see the module docstring)."""
    found: list[Identifier] = []
    for part in _split_top(cell or "", _SEMICOLON):
        for piece in _split_top(part, _NEW_VALUE):
            for sub in _split_top(piece, _INLINE_LABEL):
                if not sub.strip():
                    continue
                if found and re.match(r"\s*(?:valid|issued|expire|date|on\b|until)", sub,
                                      re.IGNORECASE):
                    note = found[-1].note
                    found[-1].note = f"{note}; {sub.strip()}" if note else sub.strip()
                    continue
                identifier = _one_identifier(sub, kind)
                if identifier and identifier.value:
                    found.append(identifier)
    return found


# ---------------------------------------------------------------- dates

_MONTH_NAMES = ("january february march april may june july august september october "
                "november december")
_MONTHS = {m: i + 1 for i, m in enumerate(_MONTH_NAMES.split())}
_DMY = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})")
_D_MONTH_Y = re.compile(r"(\d{1,2})\.?\s+([A-Za-z]+)\s+(\d{4})")
_MONTH_Y = re.compile(r"([A-Za-z]+)\s+(\d{4})")


def parse_dmy(text: str) -> date | None:
    """``23.6.2023`` or ``9 August 2025`` -> date; None for an empty cell.

    Raises ValueError for anything else (the caller names the file and line)."""
    value = text.strip()
    if not value:
        return None
    match = _DMY.fullmatch(value)
    if match:
        return date(int(match[3]), int(match[2]), int(match[1]))
    match = _D_MONTH_Y.fullmatch(value)
    if match and match[2].lower() in _MONTHS:
        return date(int(match[3]), _MONTHS[match[2].lower()], int(match[1]))
    raise ValueError(f"not a D.M.YYYY date: {value!r}")


def birth_dates(cell: str) -> tuple[list[str], list[str]]:
    """A birthDate cell -> (ISO prefixes, parts not understood)."""
    found: list[str] = []
    unknown: list[str] = []
    for part in re.split(r";|\bor\b|\(|\)", cell or ""):
        part = re.sub(r"^\s*(?:possibly|circa|approximately)\s+", "", part.strip(),
                      flags=re.IGNORECASE).strip(" .,")
        if not part:
            continue
        if re.fullmatch(r"\d{4}", part):
            found.append(part)
            continue
        month = _MONTH_Y.fullmatch(part)
        if month and month[1].lower() in _MONTHS:
            found.append(f"{month[2]}-{_MONTHS[month[1].lower()]:02d}")
            continue
        try:
            when = parse_dmy(part)
        except ValueError:
            unknown.append(part)
            continue
        if when:
            found.append(when.isoformat())
    return list(dict.fromkeys(found)), unknown
