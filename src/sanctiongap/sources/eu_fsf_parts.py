"""Readers for the parts of an FSF ``sanctionEntity``: names, addresses, birth dates and
identity documents.  The rules are described in ``sanctiongap.sources.eu_fsf``."""

from __future__ import annotations

import re

from lxml import etree

from sanctiongap.countries import country_of_address, to_iso
from sanctiongap.model import Identifier, Party
from sanctiongap.sources.xmlsafe import local_name

# FSF identificationTypeCode -> identifier kind.
_ID_KINDS = {
    "passport": "passport", "id": "national_id", "ssn": "national_id",
    "regnumber": "registration", "fiscalcode": "tax", "tax": "tax", "vat": "tax",
    "swiftbic": "swift", "bic": "swift", "imo": "imo", "lei": "lei",
}
# Words in an identification's description or remark that name a more precise kind.
_ID_HINTS = [
    (re.compile(r"\bOGRN\b|ОГРН", re.IGNORECASE), "ogrn"),
    (re.compile(r"\bINN\b|ИНН|Taxpayer Identification Number", re.IGNORECASE), "inn"),
    (re.compile(r"\bKPP\b|КПП", re.IGNORECASE), "kpp"),
    (re.compile(r"\bOKPO\b|ОКПО", re.IGNORECASE), "okpo"),
    (re.compile(r"Unified Social Credit|\bUSCC\b|统一社会信用代码", re.IGNORECASE), "uscc"),
    (re.compile(r"\bIMO\b", re.IGNORECASE), "imo"),
    (re.compile(r"\bLEI\b", re.IGNORECASE), "lei"),
]
_QUALITY = re.compile(r"\b(good|low)\s+quality\s+ali+as\b", re.IGNORECASE)
_CONTACTS = {"PHONE": "phones", "FAX": "phones", "EMAIL": "emails", "WEB": "websites"}


def xml_line(element: etree._Element) -> int | None:
    """The element's line in the file (None when lxml does not know it)."""
    line = element.sourceline
    return line if isinstance(line, int) else None


def xml_text(element: etree._Element) -> str:
    """All text inside an element, whitespace-normalised."""
    parts = (t if isinstance(t, str) else t.decode("utf-8", "replace") for t in element.itertext())
    return " ".join("".join(parts).split())


def add_unique(target: list[str], value: str) -> None:
    """Append a whitespace-normalised value unless empty or already there."""
    value = " ".join(value.split())
    if value and value not in target:
        target.append(value)


def _remarks(element: etree._Element) -> list[str]:
    return [xml_text(c) for c in element if local_name(c) == "remark"]


def _country(code: str | None) -> str | None:
    if not code or code == "00":
        return None
    return to_iso(code)


def _alias_name(alias: etree._Element) -> str:
    whole = alias.get("wholeName") or ""
    if whole.strip():
        return " ".join(whole.split())
    parts = [alias.get(a) or "" for a in ("firstName", "middleName", "lastName")]
    return " ".join(" ".join(parts).split())


def _rank(alias: etree._Element, position: int) -> tuple[int, int, int, int]:
    if alias.get("function"):
        tier = 0
    elif alias.get("firstName") or alias.get("lastName"):
        tier = 1
    else:
        tier = 2
    language = (alias.get("nameLanguage") or "").upper()
    logical = alias.get("logicalId") or ""
    return (tier, 0 if language in ("", "EN") else 1,
            int(logical) if logical.isdigit() else 1 << 62, position)


def choose_primary(party: Party, aliases: list[etree._Element]) -> None:
    """Party name, aliases, weak aliases and alias notes from the nameAlias elements."""
    strong: list[tuple[tuple[int, int, int, int], str]] = []
    for position, alias in enumerate(aliases):
        name = _alias_name(alias)
        if not name:
            continue
        remarks = _remarks(alias)
        low = any(m.group(1).lower() == "low" for r in remarks for m in _QUALITY.finditer(r))
        if (alias.get("strong") or "true").lower() == "false" or low:
            add_unique(party.weak_aliases, name)
        else:
            strong.append((_rank(alias, position), name))
            add_unique(party.aliases, name)
        language = alias.get("nameLanguage") or ""
        if language and any(ch.isalpha() and ord(ch) > 0x24F for ch in name):
            add_unique(party.notes, f"non-Latin name ({language}): {name}")
        for attr, label in (("function", "function"), ("title", "title")):
            if alias.get(attr):
                add_unique(party.notes, f"{label}: {alias.get(attr)}")
        for remark in remarks:
            if not _QUALITY.fullmatch(remark.strip()):
                add_unique(party.notes, remark)
    if strong:
        party.name = min(strong)[1]
    elif party.weak_aliases:
        party.name = party.weak_aliases[0]
    for bucket in (party.aliases, party.weak_aliases):
        while party.name in bucket:
            bucket.remove(party.name)


def add_address(party: Party, element: etree._Element, *, citizenship: bool) -> None:
    """A citizenship (country only) or an address (text, country, contact details)."""
    code = element.get("countryIso2Code")
    if citizenship:
        country = _country(code)
        if country:
            add_unique(party.countries, country)
        return
    parts = [element.get(a) or "" for a in ("street", "poBox", "zipCode", "city", "region",
                                             "place")]
    description = element.get("countryDescription") or ""
    if description.upper() == "UNKNOWN":
        description = ""
    text = ", ".join(p.strip().strip(",").strip() for p in [*parts, description.title()]
                     if p.strip().strip(","))
    if text:
        add_unique(party.addresses, text)
    country = country_of_address(code if code and code != "00" else None, text)
    if country:
        add_unique(party.countries, country)
    for remark in _remarks(element):
        add_unique(party.notes, f"address: {remark}")
    for contact in element:
        if local_name(contact) != "contactInfo":
            continue
        bucket = _CONTACTS.get((contact.get("key") or "").upper())
        if bucket is None:
            add_unique(party.notes, f"{contact.get('key')}: {contact.get('value')}")
            continue
        for value in re.split(r"\s*;\s*", contact.get("value") or ""):
            add_unique(getattr(party, bucket), value)


def add_birthdate(party: Party, element: etree._Element) -> None:
    """Birth dates as ISO prefixes; a year range gives both ends; the place as a note."""
    full = element.get("birthdate")
    gregorian = (element.get("calendarType") or "GREGORIAN").upper() == "GREGORIAN"
    if full:
        add_unique(party.birth_dates, full[:10])
    elif gregorian and element.get("year"):
        year = element.get("year") or ""
        month = element.get("monthOfYear")
        add_unique(party.birth_dates, f"{year}-{int(month):02d}" if month and month.isdigit()
                   else year)
    for attr in ("yearRangeFrom", "yearRangeTo"):
        if element.get(attr):
            add_unique(party.birth_dates, element.get(attr) or "")
    place = [element.get(a) or "" for a in ("place", "city", "region")]
    description = element.get("countryDescription") or ""
    place.append("" if description.upper() == "UNKNOWN" else description.title())
    text = ", ".join(p.strip() for p in place if p.strip() and p.strip() != "-")
    if text:
        add_unique(party.notes, f"place of birth: {text}")


def add_identification(party: Party, element: etree._Element) -> None:
    """An identity document or registration number, with its kind and country."""
    number = (element.get("number") or element.get("latinNumber") or "").strip()
    if not number:
        return
    code = (element.get("identificationTypeCode") or "").lower()
    description = element.get("identificationTypeDescription") or ""
    remarks = _remarks(element)
    kind = _ID_KINDS.get(code, "other")
    hint_text = " ".join([description, *remarks])
    for pattern, hinted in _ID_HINTS:
        if pattern.search(hint_text):
            kind = hinted
            break
    note = "; ".join(x for x in [description, *remarks] if x) or None
    identifier = Identifier(kind, number, _country(element.get("countryIso2Code")), note)
    if identifier not in party.identifiers:
        party.identifiers.append(identifier)
