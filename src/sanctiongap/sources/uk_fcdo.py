"""UK Sanctions List (FCDO) XML: ``<Designations><Designation>...``.

One ``Designation`` -> one record; record id = ``UniqueID`` (e.g. ``RUS2466``, the
"UK Sanctions List Ref" that OFSI prints in its Other Information).  ``OFSIGroupID``
is kept as an identifier (kind ``other``, note "OFSI Group ID") so the resolution
step can join this list to OFSI's records, and ``UNReferenceNumber`` likewise.

Mapping: ``Names/Name`` (Name1..Name5 then Name6, joined) with ``NameType``
"Primary Name" -> Party.name, "Primary Name Variation" / "Alias" -> aliases (an
``AliasStrength`` of low quality -> weak aliases), previous/former names ->
previous_names; ``NonLatinNames`` -> aliases; ``IndividualEntityShip`` Individual ->
Person, Ship -> Vessel, Entity -> Company when a legal form is present, else
Organization; ``RegimeName`` -> program; ``DateDesignated`` (DD/MM/YYYY) ->
listing_date STATED; ``SanctionsImposed`` (``|``-separated) -> measures;
``UKStatementofReasons`` -> reason; ``OtherInformation`` -> notes; addresses,
nationalities, DOBs, passports, national ids, business registration numbers, IMO
numbers, phones, e-mails and websites -> the party.  A Hong Kong address filed under
China is "hk".

Russia rule: ``RegimeName`` contains the word "Russia" (the regime is "The Russia
(Sanctions) (EU Exit) Regulations 2019"); see ``uk_common``.
Snapshot date: the file's ``DateGenerated``; else ``ctx.snapshot_date``.
Elements the parser does not know -> one warning per element name.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from lxml import etree

from sanctiongap.countries import country_of_address
from sanctiongap.errors import SourceError
from sanctiongap.model import DateBasis, Designation, Identifier, Party, Provenance, SourceRecord
from sanctiongap.sources.base import ParseContext, Parser, SourceFile
from sanctiongap.sources.uk_common import (
    dob_prefix,
    entity_schema,
    parse_uk_date,
    registration_country,
    registration_kind,
    russia_regime_rule,
    split_labelled_number,
    uk_country,
)
from sanctiongap.sources.xmlsafe import local_name, parse_xml

LIST_ID = "uk_fcdo"

# Elements that only hold others: the walk descends into them.
_CONTAINERS = frozenset({
    "Names", "NonLatinNames", "Titles", "Addresses", "PhoneNumbers", "EmailAddresses",
    "Websites", "IndividualDetails", "Individual", "DOBs", "Nationalities", "Genders",
    "Positions", "PassportDetails", "NationalIdentifierDetails", "BirthDetails",
    "EntityDetails", "Entity", "TypeOfEntities", "BusinessRegistrationNumbers",
    "ParentCompanies", "Subsidiaries", "ShipDetails", "Ship", "IMONumbers",
    "CurrentOwnerOperators", "CurrentBelievedFlagOfShips", "PreviousFlags",
    "TypeOfShipDetails", "TonnageOfShipDetails", "LengthOfShipDetails", "YearBuiltDetails",
    "HullIdentificationNumbers", "PreviousNames",
})
# Elements whose content is not used (already carried by another element).
_SKIPPED = frozenset({"LastUpdated", "SanctionsImposedIndicators"})
# Composite elements and the children each one reads.
_COMPOSITE_CHILDREN = {
    "Name": {"Name1", "Name2", "Name3", "Name4", "Name5", "Name6", "NameType", "AliasStrength"},
    "NonLatinName": {"NameNonLatinScript", "NonLatinScriptType", "NonLatinScriptLanguage"},
    "Address": {"AddressLine1", "AddressLine2", "AddressLine3", "AddressLine4", "AddressLine5",
                "AddressLine6", "AddressPostalCode", "AddressCountry"},
    "Passport": {"PassportNumber", "PassportAdditionalInformation"},
    "NationalIdentifier": {"NationalIdentifierNumber", "NationalIdentifierAdditionalInformation"},
    "Location": {"TownOfBirth", "CountryOfBirth"},
}
_NOTE_LEAVES = {
    "Title": "title", "Gender": "gender", "Position": "position", "DesignationSource":
    "designation source", "TypeOfEntity": "type of entity", "CurrentBelievedFlagOfShip":
    "flag", "PreviousFlag": "previous flag", "TypeOfShip": "type of ship", "TonnageOfShip":
    "tonnage", "LengthOfShip": "length", "YearBuilt": "year built", "HullIdentificationNumber":
    "hull identification number", "OtherInformation": "",
}


def _text(element: etree._Element | None) -> str:
    """All text inside an element, whitespace-normalised."""
    if element is None:
        return ""
    parts = (t if isinstance(t, str) else t.decode("utf-8", "replace") for t in element.itertext())
    return " ".join("".join(parts).split())


def _line(element: etree._Element) -> int | None:
    line = element.sourceline
    return line if isinstance(line, int) else None


def _children(element: etree._Element) -> dict[str, str]:
    return {local_name(child): _text(child) for child in element if local_name(child)}


def _add(target: list[str], value: str) -> None:
    value = " ".join(value.split())
    if value and value not in target:
        target.append(value)


@dataclass(slots=True)
class _Reading:
    """One Designation as it is read."""

    party: Party = field(default_factory=lambda: Party(schema="LegalEntity", name=""))
    fields: dict[str, str] = field(default_factory=dict)
    primary: list[str] = field(default_factory=list)
    measures: list[str] = field(default_factory=list)
    entity_types: list[str] = field(default_factory=list)


class _Walker:
    """Reads a Designation's subtree; warns once per unknown element name."""

    def __init__(self, src: SourceFile, ctx: ParseContext) -> None:
        self.src = src
        self.ctx = ctx
        self.warned: set[str] = set()
        self.leaves: dict[str, Callable[[_Reading, str], None]] = {
            "PhoneNumber": lambda r, v: _add(r.party.phones, v),
            "EmailAddress": lambda r, v: _add(r.party.emails, v),
            "Website": lambda r, v: _add(r.party.websites, v),
            "Nationality": self._nationality,
            "DOB": self._dob,
            "BusinessRegistrationNumber": self._registration,
            "IMONumber": self._imo,
            "ParentCompany": lambda r, v: _add(r.party.linked_to, v),
            "Subsidiary": lambda r, v: _add(r.party.linked_to, v),
            "CurrentOwnerOperator": lambda r, v: _add(r.party.linked_to, v),
            "PreviousName": lambda r, v: _add(r.party.previous_names, v),
        }

    def unknown(self, path: str, line: int | None) -> None:
        if path not in self.warned:
            self.warned.add(path)
            self.ctx.warn(f"{self.src.display_path}, line {line}: unknown element <{path}> ignored")

    def walk(self, element: etree._Element, reading: _Reading, path: str) -> None:
        for child in element:
            name = local_name(child)
            if not name:
                continue
            here = f"{path}/{name}"
            if name in _COMPOSITE_CHILDREN:
                self.composite(name, child, reading, here)
            elif name in _CONTAINERS:
                self.walk(child, reading, here)
            elif name in _SKIPPED:
                continue
            elif name in self.leaves:
                value = _text(child)
                if value:
                    self.leaves[name](reading, value)
            elif name in _NOTE_LEAVES:
                value = _text(child)
                if name == "TypeOfEntity":
                    _add(reading.entity_types, value)
                label = _NOTE_LEAVES[name]
                if value:
                    _add(reading.party.notes, f"{label}: {value}" if label else value)
            elif len(child) == 0 and path == "Designation":
                reading.fields[name] = _text(child)
                if name not in _TOP_FIELDS:
                    self.unknown(here, _line(child))
            else:
                self.unknown(here, _line(child))

    def composite(self, name: str, element: etree._Element, reading: _Reading,
                  path: str) -> None:
        parts = _children(element)
        for child in parts:
            if child not in _COMPOSITE_CHILDREN[name]:
                self.unknown(f"{path}/{child}", _line(element))
        party = reading.party
        if name == "Name":
            full = " ".join(parts[p] for p in ("Name1", "Name2", "Name3", "Name4", "Name5",
                                                "Name6") if parts.get(p))
            kind = parts.get("NameType", "").lower()
            if kind == "primary name":
                _add(reading.primary, full)
            elif "previous" in kind or "former" in kind or "fka" in kind:
                _add(party.previous_names, full)
            elif "low" in parts.get("AliasStrength", "").lower():
                _add(party.weak_aliases, full)
            else:
                _add(party.aliases, full)
        elif name == "NonLatinName":
            script = parts.get("NameNonLatinScript", "")
            _add(party.aliases, script)
            label = ", ".join(x for x in (parts.get("NonLatinScriptType"),
                                          parts.get("NonLatinScriptLanguage")) if x)
            if script and label:
                _add(party.notes, f"non-Latin name ({label}): {script}")
        elif name == "Address":
            lines = [parts[f"AddressLine{i}"] for i in range(1, 7) if parts.get(f"AddressLine{i}")]
            lines += [parts["AddressPostalCode"]] if parts.get("AddressPostalCode") else []
            country = parts.get("AddressCountry", "")
            text = ", ".join([*lines, country] if country else lines)
            _add(party.addresses, text)
            code = country_of_address(uk_country(country), text)
            if code:
                _add(party.countries, code)
        elif name in ("Passport", "NationalIdentifier"):
            prefix = "Passport" if name == "Passport" else "NationalIdentifier"
            number = parts.get(f"{prefix}Number", "")
            note: str | None = parts.get(f"{prefix}AdditionalInformation") or None
            kind = "passport" if name == "Passport" else "national_id"
            issuer = uk_country(note.split()[0]) if note else None
            identifier = Identifier(kind, number, issuer, note)
            if number and identifier not in party.identifiers:
                party.identifiers.append(identifier)
        elif name == "Location":
            place = (parts.get("TownOfBirth"), parts.get("CountryOfBirth"))
            birth = ", ".join(x for x in place if x)
            if birth:
                _add(party.notes, f"place of birth: {birth}")

    def _nationality(self, reading: _Reading, value: str) -> None:
        code = uk_country(value)
        if code:
            _add(reading.party.countries, code)
        else:
            _add(reading.party.notes, f"nationality: {value}")

    def _dob(self, reading: _Reading, value: str) -> None:
        prefix = dob_prefix(value)
        if prefix:
            _add(reading.party.birth_dates, prefix)
        else:
            _add(reading.party.notes, f"date of birth: {value}")

    def _registration(self, reading: _Reading, value: str) -> None:
        label, number = split_labelled_number(value)
        kind = registration_kind(label, number, reading.party.countries)
        identifier = Identifier(kind, number, registration_country(label, kind),
                                label or "Business Registration Number")
        if identifier not in reading.party.identifiers:
            reading.party.identifiers.append(identifier)

    def _imo(self, reading: _Reading, value: str) -> None:
        digits = re.sub(r"\D", "", value)
        identifier = Identifier("imo", digits or value, None, "IMO number")
        if identifier not in reading.party.identifiers:
            reading.party.identifiers.append(identifier)


_TOP_FIELDS = frozenset({
    "DateDesignated", "UniqueID", "OFSIGroupID", "UNReferenceNumber", "RegimeName",
    "IndividualEntityShip", "SanctionsImposed", "UKStatementofReasons",
})


def _record(walker: _Walker, element: etree._Element, snapshot: date | None) -> SourceRecord | None:
    src, ctx = walker.src, walker.ctx
    reading = _Reading()
    walker.walk(element, reading, "Designation")
    f, party = reading.fields, reading.party
    unique_id = f.get("UniqueID", "")
    if not unique_id:
        ctx.warn(f"{src.display_path}, line {_line(element)}: Designation without "
                 "UniqueID skipped")
        return None
    names = [*reading.primary, *party.aliases]
    if not names:
        ctx.warn(f"{src.display_path}, {unique_id}: no name; record kept with its id as name")
    party.name = names[0] if names else unique_id
    for extra in reading.primary[1:]:
        _add(party.aliases, extra)
    for bucket in (party.aliases, party.weak_aliases, party.previous_names):
        while party.name in bucket:
            bucket.remove(party.name)
    for key, note in (("OFSIGroupID", "OFSI Group ID"), ("UNReferenceNumber", "UN reference")):
        if f.get(key):
            party.identifiers.append(Identifier("other", f[key], None, note))
    kind = f.get("IndividualEntityShip", "")
    schema = entity_schema(kind, party.all_names(), reading.entity_types)
    if schema is None:
        ctx.warn(f"{src.display_path}, {unique_id}: unknown IndividualEntityShip {kind!r}; "
                 "read as LegalEntity")
    party.schema = schema or "LegalEntity"
    try:
        listed = parse_uk_date(f.get("DateDesignated"))
    except ValueError:
        ctx.warn(f"{src.display_path}, {unique_id}: unreadable DateDesignated "
                 f"{f.get('DateDesignated')!r}; date left unknown")
        listed = None
    regime = f.get("RegimeName", "")
    russia, rule = russia_regime_rule([regime])
    measures = [m.strip().lower() for m in f.get("SanctionsImposed", "").split("|") if m.strip()]
    designation = Designation(
        list_id=LIST_ID, program=regime, listing_date=listed,
        date_basis=DateBasis.STATED if listed else DateBasis.UNKNOWN, measures=measures,
        reason=f.get("UKStatementofReasons") or None, russia_related=russia, russia_rule=rule,
    )
    provenance = Provenance(src.display_path, src.sha256, snapshot, unique_id, _line(element))
    return SourceRecord(party, designation, provenance)


def parse_fcdo(files: list[SourceFile], ctx: ParseContext) -> Iterator[SourceRecord]:
    """Records of a UK Sanctions List XML file, one per Designation."""
    src = files[0]
    root = parse_xml(src)
    if local_name(root) != "Designations":
        raise SourceError(src.display_path, f"root element is <{local_name(root)}>, "
                          "not <Designations>", record=f"line {_line(root)}")
    snapshot = ctx.snapshot_date
    walker = _Walker(src, ctx)
    for child in root:
        name = local_name(child)
        if name == "DateGenerated":
            try:
                snapshot = parse_uk_date(_text(child)) or snapshot
            except ValueError:
                ctx.warn(f"{src.display_path}: unreadable DateGenerated {_text(child)!r}")
    for child in root:
        name = local_name(child)
        if name == "Designation":
            record = _record(walker, child, snapshot)
            if record is not None:
                yield record
        elif name and name != "DateGenerated":
            walker.unknown(name, _line(child))


def sniff_fcdo(path: Path, head: bytes) -> bool:
    """An XML file whose root is <Designations> holding <Designation> elements."""
    return b"<Designations" in head and (b"<Designation>" in head or b"<DateGenerated>" in head)


PARSERS = [
    Parser(
        name="uk_fcdo_xml",
        description="UK Sanctions List (FCDO) XML",
        sniff=sniff_fcdo,
        parse=parse_fcdo,
        min_records=1_000,
        max_records=20_000,
    )
]
