"""EU Financial Sanctions Files (FSF) XML 1.1 — the EU's consolidated asset-freeze list.

Namespace ``http://eu.europa.ec/fpi/fsd/export``; root ``<export generationDate=...>``
holding one ``<sanctionEntity>`` per listed party -> one record, record id =
``logicalId``.  ``euReferenceNumber`` (``EU.3953.70``) and ``unitedNationId`` are kept
as identifiers of kind ``other``.

Names: every ``nameAlias/@wholeName`` is kept, whatever its ``nameLanguage`` (Cyrillic,
Chinese, Arabic and the EU's translations); a non-Latin one also gets a note naming its
``nameLanguage``.  The export does not mark a primary name,
and its first alias is often a translation (Irish, Czech), so the primary is chosen
among the strong aliases (``strong="true"``) in this order: one carrying a
``function`` (the list's main entry describes the party), then one with split name
parts (``firstName``/``lastName``), then any; ties go to English or unlabelled names,
then to the lowest ``logicalId`` (the oldest name record).  Weak aliases go to
``weak_aliases``.

``subjectType/@code``: person -> Person, enterprise -> Company; other codes ->
LegalEntity with a warning.  ``citizenship`` -> countries; ``address`` -> addresses
and countries (``countryIso2Code``; an address in Hong Kong filed under CN is "hk");
``birthdate`` -> birth dates (Gregorian date, or year / year range);
``identification`` -> identifiers (passport, national_id, registration, tax, ...,
INN / OGRN / USCC where the type or remark names them) with their country;
``contactInfo`` -> phones, e-mails, websites; ``remark`` -> notes.

Programme and listing date, from ``regulation`` (and the ``regulationSummary``
elements nested in names, addresses, ...):

* program = the ``programme`` codes of the entity's ``regulation`` elements
  (``RUS``, ``UKR``, ``TERR``, ``IRN`` ...), joined by "; ".
* citation = the ``numberTitle`` of the entity's ``regulation`` elements (the acts the
  export cites for it, often the latest amending act rather than the listing act).
* listing date (STATED): the entity's ``designationDate`` where printed (the list's
  own designation date); otherwise the earliest ``publicationDate`` among the
  entity's regulations and regulation summaries of type "regulation" or
  "amendment" (repealing acts never list).  The publication date is used rather than
  ``entryIntoForceDate`` because the summaries only carry the former; for the
  Council acts that list Russia-related parties the two fall on the same day or one
  day apart.  A record dated this way says so in a note.

Russia rule (programme codes of the FSF):

=========  ==========================================================  ===========
programme  legal act                                                   Russia?
=========  ==========================================================  ===========
UKR        Reg. 269/2014: actions undermining Ukraine's territorial    yes
           integrity (the EU's Russia asset freeze)
RUS        Russia-specific regimes (Reg. 833/2014 listings, Reg.       yes
           2024/2642 destabilising activities, RUS-prefixed codes)
BLR        Reg. 765/2006, Belarus                                      no: another
                                                                       regime, even
                                                                       where the
                                                                       reason is
                                                                       Russia's war
others     TERR, IRN, SYR, PRK, CYB, HR, MDA, ...                      no
=========  ==========================================================  ===========

Snapshot date: the export's ``generationDate``; else ``ctx.snapshot_date``.
Unknown elements -> one warning per element name.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path

from lxml import etree

from sanctiongap.errors import SourceError
from sanctiongap.model import DateBasis, Designation, Identifier, Party, Provenance, SourceRecord
from sanctiongap.sources.base import ParseContext, Parser, SourceFile
from sanctiongap.sources.eu_fsf_parts import (
    add_address,
    add_birthdate,
    add_identification,
    add_unique,
    choose_primary,
    xml_line,
    xml_text,
)
from sanctiongap.sources.xmlsafe import local_name, parse_xml

LIST_ID = "eu_fsf"
NAMESPACE = "http://eu.europa.ec/fpi/fsd/export"
_SUBJECTS = {"person": "Person", "enterprise": "Company"}
_LISTING_TYPES = frozenset({"regulation", "amendment"})
_ENTITY_CHILDREN = frozenset({"remark", "regulation", "subjectType", "nameAlias", "citizenship",
                              "birthdate", "address", "identification"})
_NESTED = frozenset({"regulationSummary", "remark", "publicationUrl", "contactInfo"})


def russia_programme_rule(programmes: list[str]) -> tuple[bool, str]:
    """Whether an FSF programme code list is Russia-related, with the rule in words."""
    for code in programmes:
        upper = code.upper()
        if upper == "UKR":
            return True, "EU FSF programme UKR (Reg. 269/2014, Ukraine's territorial integrity)"
        if upper.startswith("RUS"):
            return True, f"EU FSF programme {code} (Russia regime)"
    shown = "; ".join(programmes) or "(none stated)"
    return False, f"not Russia-related: EU FSF programme {shown}"


def _iso(text: str | None) -> date | None:
    if not text:
        return None
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        return None


def _listing(entity: etree._Element) -> tuple[date | None, str | None, bool]:
    """Listing date, the citation of the act that dated it, and whether the date came
    from designationDate (True) or from the earliest listing act (False)."""
    stated = _iso(entity.get("designationDate"))
    acts: list[tuple[date, str]] = []
    for element in entity.iter():
        if local_name(element) not in ("regulation", "regulationSummary"):
            continue
        if (element.get("regulationType") or "").lower() not in _LISTING_TYPES:
            continue
        published = _iso(element.get("publicationDate"))
        if published:
            acts.append((published, element.get("numberTitle") or ""))
    earliest = min(acts) if acts else None
    if stated:
        return stated, None, True
    if earliest:
        return earliest[0], earliest[1] or None, False
    return None, None, False


class _Reader:
    def __init__(self, src: SourceFile, ctx: ParseContext) -> None:
        self.src = src
        self.ctx = ctx
        self.warned: set[str] = set()

    def unknown(self, path: str, line: int | None) -> None:
        if path not in self.warned:
            self.warned.add(path)
            self.ctx.warn(f"{self.src.display_path}, line {line}: unknown element <{path}> ignored")

    def record(self, entity: etree._Element, snapshot: date | None) -> SourceRecord | None:
        src, ctx = self.src, self.ctx
        record_id = entity.get("logicalId") or ""
        if not record_id:
            ctx.warn(f"{src.display_path}, line {xml_line(entity)}: sanctionEntity without "
                     "logicalId skipped")
            return None
        party = Party(schema="LegalEntity", name="")
        programmes: list[str] = []
        urls: list[str] = []
        aliases: list[etree._Element] = []
        for child in entity:
            name = local_name(child)
            if not name:
                continue
            if name not in _ENTITY_CHILDREN:
                self.unknown(f"sanctionEntity/{name}", xml_line(child))
                continue
            for nested in child:
                nested_name = local_name(nested)
                if nested_name and nested_name not in _NESTED:
                    self.unknown(f"{name}/{nested_name}", xml_line(nested))
            if name == "remark":
                add_unique(party.notes, xml_text(child))
            elif name == "regulation":
                add_unique(programmes, child.get("programme") or "")
                for nested in child:
                    if local_name(nested) == "publicationUrl":
                        add_unique(urls, xml_text(nested))
            elif name == "subjectType":
                code = (child.get("code") or "").lower()
                schema = _SUBJECTS.get(code)
                if schema is None:
                    ctx.warn(f"{src.display_path}, entity {record_id}: unknown subjectType "
                             f"{code!r}; read as LegalEntity")
                party.schema = schema or "LegalEntity"
            elif name == "nameAlias":
                aliases.append(child)
            elif name == "citizenship":
                add_address(party, child, citizenship=True)
            elif name == "address":
                add_address(party, child, citizenship=False)
            elif name == "birthdate":
                add_birthdate(party, child)
            elif name == "identification":
                add_identification(party, child)
        choose_primary(party, aliases)
        if not party.name:
            ctx.warn(f"{src.display_path}, entity {record_id}: no name; kept with its id as name")
            party.name = f"EU FSF entity {record_id}"
        for attr, note in (("euReferenceNumber", "EU reference number"),
                           ("unitedNationId", "UN reference")):
            if entity.get(attr):
                party.identifiers.append(Identifier("other", entity.get(attr) or "", None, note))
        if entity.get("designationDetails"):
            add_unique(party.notes, entity.get("designationDetails") or "")
        listed, citation, from_designation = _listing(entity)
        if listed and not from_designation:
            add_unique(party.notes, "listing date: no designationDate; the earliest publication "
                       f"date of a listing act cited ({citation or 'act not named'})")
        russia, rule = russia_programme_rule(programmes)
        designation = Designation(
            list_id=LIST_ID, program="; ".join(programmes), listing_date=listed,
            date_basis=DateBasis.STATED if listed else DateBasis.UNKNOWN,
            measures=["asset freeze"], citation=_titles(entity),
            source_url=urls[0] if urls else None, russia_related=russia, russia_rule=rule,
        )
        provenance = Provenance(src.display_path, src.sha256, snapshot, record_id,
                                xml_line(entity))
        return SourceRecord(party, designation, provenance)


def _titles(entity: etree._Element) -> str | None:
    """The acts the entity's regulation elements cite, as printed."""
    titles: list[str] = []
    for child in entity:
        if local_name(child) == "regulation":
            add_unique(titles, child.get("numberTitle") or "")
    return "; ".join(titles) or None


def parse_fsf(files: list[SourceFile], ctx: ParseContext) -> Iterator[SourceRecord]:
    """Records of an EU FSF XML export, one per sanctionEntity."""
    src = files[0]
    root = parse_xml(src)
    if local_name(root) != "export":
        raise SourceError(src.display_path, f"root element is <{local_name(root)}>, not <export>",
                          record=f"line {xml_line(root)}")
    namespace = etree.QName(root).namespace
    if namespace != NAMESPACE:
        ctx.warn(f"{src.display_path}: namespace {namespace!r}, expected {NAMESPACE!r}")
    snapshot = _iso(root.get("generationDate")) or ctx.snapshot_date
    reader = _Reader(src, ctx)
    for entity in root:
        name = local_name(entity)
        if name == "sanctionEntity":
            record = reader.record(entity, snapshot)
            if record is not None:
                yield record
        elif name:
            reader.unknown(f"export/{name}", xml_line(entity))


_SNIFF = re.compile(rb"<(?:\w+:)?export\b[^>]*http://eu\.europa\.ec/fpi/fsd/export")


def sniff_fsf(path: Path, head: bytes) -> bool:
    """An XML file whose root is the FSF <export> in its namespace."""
    return bool(_SNIFF.search(head))


PARSERS = [
    Parser(
        name="eu_fsf_xml",
        description="EU Financial Sanctions Files (FSF) consolidated list, XML 1.1",
        sniff=sniff_fsf,
        parse=parse_fsf,
        min_records=1_000,
        max_records=20_000,
    )
]
