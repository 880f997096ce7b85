"""The Remarks column of OFAC's legacy CSV files, clause by clause.

OFAC packs most of what it knows about a party into one free-text column: clauses
separated by ``;``, each opening with a label (``DOB``, ``Tax ID No.``, ``Linked To:``)
and ending the whole column with a full stop.  An ``alt.`` before a label marks a second
value of the same kind.  This module turns that text into :class:`RemarkFacts`.

Clause table (first match wins; ``alt.`` is ignored):

==============================================  =====================================
clause                                          goes to
==============================================  =====================================
``a.k.a. 'X'`` / ``n.k.a. 'X'``                 aliases
``f.k.a. 'X'``                                  previous_names
``DOB 14 Apr 1965`` / ``DOB 1962`` / ``circa``  birth_dates as ISO prefixes; a range
                                                ``A to B`` gives each year (at most 12)
``POB Moscow, Russia``                          note; its last part -> countries
``nationality X`` / ``citizen X``               countries (note if the country is unknown)
``Linked To: X``                                linked_to
``Website`` / ``Email Address`` / ``Phone``     websites / emails / phones
``Listing Date (CMIC) 03 Jun 2021``             note, and a stated date per programme
identifier labels (``_ID_LABELS``)              identifiers, country from ``(Country)``
anything else                                   notes (``Additional Sanctions
                                                Information - ...``, ``Secondary sanctions
                                                risk: ...``, ``Organization Established
                                                Date ...``, ``Gender ...``)
==============================================  =====================================

Identifier kinds refine by country: ``Tax ID No. X (Russia)`` is an INN; a Russian
registration number of 13 or 15 digits is an OGRN; ``Government Gazette Number X
(Russia)`` is the OKPO code.  Clauses that show the party is a legal person
(``Organization Established Date``, registration/tax/LEI/SWIFT numbers) set
``RemarkFacts.company_evidence``, which the parser uses to tell a Company from an
Organization.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from sanctiongap.countries import country_of_address, to_iso
from sanctiongap.model import Identifier

# OFAC's label -> identifier kind.  Longer labels are tried first, so
# "Company Number IMO" wins over "Company Number".
_KINDS: dict[str, tuple[str, ...]] = {
    "uscc": ("Unified Social Credit Code (USCC)",
             "United Social Credit Code Certificate (USCCC)"),
    "lei": ("Legal Entity Number",),
    "imo": ("Vessel Registration Identification IMO", "Identification Number IMO",
            "Company Number IMO"),
    "mmsi": ("MMSI",),
    "swift": ("SWIFT/BIC",),
    "okpo": ("Government Gazette Number",),
    "passport": ("Passport", "Diplomatic Passport", "Passport Booklet:"),
    "national_id": ("National ID No.", "Cedula No.", "D.N.I.", "Personal ID Card", "C.U.R.P.",
                    "C.U.R.P. #", "National Foreign ID Number", "Citizen's Card Number",
                    "Turkish Identification Number", "Numero de Identidad", "Kenyan ID No.",
                    "Tazkira National ID Card", "C.U.I.", "SSN"),
    "tax": ("Tax ID No.", "V.A.T. Number", "R.F.C.", "R.F.C. #", "RFC", "NIT #", "RUC #",
            "RIF #", "C.U.I.T.", "US FEIN", "RTN", "Italian Fiscal Code"),
    "registration": ("Registration Number", "Registration ID", "Business Registration Number",
                     "Business Registration Document #", "Company Number", "UK Company Number",
                     "Commercial Registry Number", "C.R. No.", "Trade License No.",
                     "Chamber of Commerce Number", "Public Registration Number",
                     "Folio Mercantil No.", "Matricula Mercantil No",
                     "Central Registration System Number", "Istanbul Chamber of Comm. No.",
                     "Economic Register Number (CBLS)", "Business Number", "Enterprise Number",
                     "Certificate of Incorporation Number", "LE Number", "Branch Unit Number",
                     "Dubai Chamber of Commerce Membership No."),
    "other": ("BIK (RU)", "Aircraft Manufacturer's Serial Number (MSN)", "Aircraft Tail Number",
              "Aircraft Serial Identification", "Aircraft Mode S Transponder Code",
              "Aircraft Construction Number (also called L/N or S/N or F/N)", "ISIN",
              "Equity Ticker", "D-U-N-S Number", "Digital Currency Address -",
              "Driver's License No.", "Birth Certificate Number", "Electoral Registry No.",
              "Credencial electoral", "Identification Number", "Residency Number",
              "Travel Document Number", "Registered Charity No.", "I.F.E.", "C.U.I.P.",
              "Cartilla de Servicio Militar Nacional", "SRE Permit No.", "Permit Number",
              "VisaNumberID", "License"),
}
_ID_LABELS: list[tuple[str, str]] = sorted(
    ((label, kind) for kind, labels in _KINDS.items() for label in labels),
    key=lambda pair: -len(pair[0]),
)
# Identifier kinds that only a legal person carries.
_COMPANY_KINDS = frozenset({"registration", "uscc", "inn", "ogrn", "okpo", "lei", "swift", "tax"})

_CONTACT = {"Website": "websites", "Email Address": "emails", "Phone Number": "phones",
            "Telephone": "phones", "Telephone No.": "phones", "Telephone:": "phones"}

_NAME_CLAUSE = re.compile(r"^(a\.k\.a\.|f\.k\.a\.|n\.k\.a\.)\s*'(.+)'$", re.IGNORECASE)
_ID_VALUE = re.compile(
    r"^(?P<value>.+?)(?:\s+\((?P<country>[^()]+)\))?(?P<extra>\s+(?:issued|expires)\b.*)?$"
)
_LISTING = re.compile(r"^Listing Date \((?P<scope>[^)]+)\):?\s*(?P<date>\d{1,2} \w{3} \d{4})$")
_MONTHS = {m: i for i, m in enumerate(
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], 1)}
_DATE = re.compile(r"^(?:(\d{1,2})\s+)?(?:([A-Za-z]{3})[a-z]*\.?\s+)?(\d{4})$")
_RANGE = re.compile(r"^(.+?)\s*(?:\bto\b|-)\s*(.+)$")
_MAX_RANGE_YEARS = 12


@dataclass(slots=True)
class RemarkFacts:
    """What the Remarks column says about a party, sorted into fields."""

    aliases: list[str] = field(default_factory=list)
    previous_names: list[str] = field(default_factory=list)
    birth_dates: list[str] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)
    identifiers: list[Identifier] = field(default_factory=list)
    linked_to: list[str] = field(default_factory=list)
    websites: list[str] = field(default_factory=list)
    emails: list[str] = field(default_factory=list)
    phones: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    # (programme key such as "CMIC" or "EO14024", date) from "Listing Date (...)" clauses
    listing_dates: list[tuple[str, date]] = field(default_factory=list)
    company_evidence: bool = False


def split_clauses(remarks: str) -> list[str]:
    """The clauses of a Remarks cell: split on ``;``, OFAC's closing full stop removed."""
    text = remarks.strip()
    if text.endswith(".") and not text.endswith("..."):
        text = text[:-1]
    return [clause.strip() for clause in text.split(";") if clause.strip()]


def parse_date(text: str) -> date | None:
    """``03 Jun 2021`` -> date(2021, 6, 3); None if it is not a full day-month-year."""
    match = _DATE.match(text.strip())
    if not match or not match.group(1) or not match.group(2):
        return None
    month = _MONTHS.get(match.group(2).lower())
    try:
        return date(int(match.group(3)), month, int(match.group(1))) if month else None
    except ValueError:
        return None


def _iso_prefix(text: str) -> str | None:
    """``14 Apr 1965`` -> ``1965-04-14``, ``Apr 1965`` -> ``1965-04``, ``1965`` -> ``1965``."""
    match = _DATE.match(text.strip())
    if not match:
        return None
    day, month_name, year = match.groups()
    if month_name is None:
        return None if day else year
    month = _MONTHS.get(month_name.lower())
    if month is None:
        return None
    if day is None:
        return f"{year}-{month:02d}"
    try:
        return date(int(year), month, int(day)).isoformat()
    except ValueError:
        return None


def birth_dates(text: str) -> list[str] | None:
    """ISO prefixes for a DOB value, or None if it cannot be read."""
    text = re.sub(r"^circa\s+", "", text.strip(), flags=re.IGNORECASE)
    single = _iso_prefix(text)
    if single:
        return [single]
    match = _RANGE.match(text)
    if not match:
        return None
    start, end = _iso_prefix(match.group(1)), _iso_prefix(match.group(2))
    if not start or not end:
        return None
    if start == end:
        return [start]
    if start[:7] == end[:7]:  # "01 Feb 1958 to 28 Feb 1958" -> "1958-02"
        return [start[:7]]
    first, last = int(start[:4]), int(end[:4])
    if first == last:
        return [start[:4]]
    if not 0 < last - first < _MAX_RANGE_YEARS:
        return None
    return [str(year) for year in range(first, last + 1)]


def identifier(label: str, kind: str, rest: str) -> Identifier:
    """An Identifier from a clause's label and the text after it."""
    match = _ID_VALUE.match(rest)
    value, country_text, extra = (rest, None, None) if not match else match.groups()
    if label.endswith("-") and " " in value:  # "Digital Currency Address - XBT 1Kuf..."
        currency, value = value.split(" ", 1)
        label = f"{label} {currency}"
    country = to_iso(country_text) if country_text else None
    note = label if not extra else f"{label} {extra.strip()}"
    if country_text and not country:
        note = f"{note} ({country_text})"
    digits = value.replace(" ", "")
    if country == "ru":
        if kind == "tax":
            kind = "inn"
        elif kind == "registration" and digits.isdigit() and len(digits) in (13, 15):
            kind = "ogrn"
    elif kind == "okpo":
        kind = "other"
    return Identifier(kind=kind, value=value.strip(), country=country, note=note)


def _add(values: list[str], value: str | None) -> None:
    if value and value not in values:
        values.append(value)


def _place_country(place: str) -> str | None:
    last = place.rsplit(",", 1)[-1]
    return country_of_address(last, place)


def parse_remarks(remarks: str) -> RemarkFacts:
    """Sort every clause of a Remarks cell into :class:`RemarkFacts`."""
    facts = RemarkFacts()
    for clause in split_clauses(remarks):
        _clause(facts, clause)
    return facts


def _clause(facts: RemarkFacts, clause: str) -> None:
    body = re.sub(r"^alt\.\s+", "", clause, flags=re.IGNORECASE)
    if match := _NAME_CLAUSE.match(body):
        target = facts.previous_names if match.group(1).lower() == "f.k.a." else facts.aliases
        _add(target, match.group(2).strip())
        return
    label, _, rest = body.partition(" ")
    rest = rest.strip()
    if label == "DOB":
        dates = birth_dates(rest)
        if dates is None:
            facts.notes.append(clause)
        for value in dates or []:
            _add(facts.birth_dates, value)
        return
    if label == "POB":
        facts.notes.append(f"Place of birth: {rest}")
        _add(facts.countries, _place_country(rest))
        return
    if label in ("nationality", "citizen"):
        code = to_iso(rest)
        if code:
            _add(facts.countries, code)
        else:
            facts.notes.append(clause)
        return
    if body.startswith("Linked To:"):
        _add(facts.linked_to, body.removeprefix("Linked To:").strip())
        return
    if match := _LISTING.match(body):
        facts.notes.append(clause)
        when = parse_date(match.group("date"))
        scope = match.group("scope")
        eo = re.search(r"EO\s*(\d+)", scope)
        key = "CMIC" if "CMIC" in scope else (f"EO{eo.group(1)}" if eo else scope)
        if when:
            facts.listing_dates.append((key, when))
        return
    if body.startswith("Organization Established Date"):
        facts.company_evidence = True
        facts.notes.append(clause)
        return
    for contact, attr in _CONTACT.items():
        if body.startswith(contact + " "):
            _add(getattr(facts, attr), body[len(contact):].strip())
            return
    for id_label, kind in _ID_LABELS:
        if body.startswith(id_label) and body[len(id_label):len(id_label) + 1] in (" ", ""):
            rest = body[len(id_label):].strip()
            if not rest:
                break
            ident = identifier(id_label, kind, rest)
            facts.identifiers.append(ident)
            _add(facts.countries, ident.country)
            facts.company_evidence |= ident.kind in _COMPANY_KINDS
            return
    facts.notes.append(clause)
