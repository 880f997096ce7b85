"""FollowTheMoney input: FtM JSON lines, and OpenSanctions targets.simple CSV.

FtM JSON lines: one entity per line, ``{"id", "schema", "properties"}`` (optionally
``datasets``).  Every line is read through followthemoney (``model.get_proxy``), so an
unknown schema or a malformed entity raises SourceError naming the line.

* Listed parties are entities of the schemata Company, Organization, Person, Vessel,
  Airplane, LegalEntity (and their descendants, e.g. PublicBody -> Organization).
* Each ``Sanction`` whose ``entity`` points at a party makes one record: record id =
  the party id (``party/sanction`` when one party has several Sanctions on a list).
  From the Sanction: program (``program``, else ``programId``); listing date
  (``listingDate``, else ``startDate``; STATED when a full date); ``endDate``;
  ``reason``; ``provisions`` -> measures; ``sourceUrl``; ``authority`` and ``country``
  (the sanctioning jurisdiction) -> a note on the party.
* A party no Sanction points at is still read (never dropped), with no program and
  an unknown date, and one warning counts such parties.
* ``Identification`` / ``Passport`` entities add identifiers to their ``holder``;
  ``Address`` entities give the full text of ``addressEntity`` links.  Other schemata
  (Ownership, Directorship, ...) are not used: one warning per schema.
* Unknown property names -> one warning per schema and property.
* list id, Russia rule and the Hong Kong rule: ``ftm_common``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from followthemoney import model
from followthemoney.exc import FollowTheMoneyException
from followthemoney.proxy import EntityProxy

from sanctiongap.countries import to_iso
from sanctiongap.errors import SourceError
from sanctiongap.model import DateBasis, Designation, Identifier, Party, Provenance, SourceRecord
from sanctiongap.sources.base import ParseContext, Parser, SourceFile
from sanctiongap.sources.ftm_common import hong_kong_apart, list_for, russia_rule
from sanctiongap.sources.ftm_targets import parse_targets, sniff_targets

_PARTY_ORDER = ("Person", "Vessel", "Airplane", "Company", "Organization", "LegalEntity")
_ID_PROPS = {
    "registrationNumber": "registration", "innCode": "inn", "ogrnCode": "ogrn",
    "kppCode": "kpp", "okpoCode": "okpo", "leiCode": "lei", "imoNumber": "imo",
    "mmsi": "mmsi", "swiftBic": "swift", "taxNumber": "tax", "vatCode": "tax",
    "passportNumber": "passport", "idNumber": "national_id", "uscCode": "uscc",
    "callSign": "other", "icaoCode": "other", "uniqueEntityId": "other",
}
_COUNTRY_PROPS = ("country", "jurisdiction", "nationality", "citizenship", "mainCountry")


@dataclass(slots=True)
class _Entity:
    proxy: EntityProxy
    line: int
    datasets: list[str]


@dataclass(slots=True)
class _Store:
    parties: dict[str, _Entity] = field(default_factory=dict)
    sanctions: list[_Entity] = field(default_factory=list)
    addresses: dict[str, EntityProxy] = field(default_factory=dict)
    documents: list[EntityProxy] = field(default_factory=list)
    unused: dict[str, int] = field(default_factory=dict)


def party_schema(proxy: EntityProxy) -> str | None:
    """The party schema an entity is (or descends from), or None."""
    for name in _PARTY_ORDER:
        if proxy.schema.is_a(name):
            return name
    return None


def _entity(src: SourceFile, ctx: ParseContext, line: int, text: str,
            warned: set[str]) -> _Entity:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise SourceError(src.display_path, f"not JSON: {exc.msg} (column {exc.colno})",
                          record=f"line {line}") from exc
    if not isinstance(data, dict) or not data.get("schema") or not data.get("id"):
        raise SourceError(src.display_path, "not an FtM entity (needs id, schema, properties)",
                          record=f"line {line}")
    properties = data.get("properties") or {}
    if not isinstance(properties, dict):
        raise SourceError(src.display_path, "properties is not an object", record=f"line {line}")
    schema = model.schemata.get(str(data["schema"]))
    for prop, values in list(properties.items()):
        if isinstance(values, str):
            properties[prop] = [values]
        elif not isinstance(values, list):
            raise SourceError(src.display_path, f"property {prop!r} is not a list",
                              record=f"line {line}")
        key = f"{data['schema']}.{prop}"
        if schema is not None and prop not in schema.properties and key not in warned:
            warned.add(key)
            ctx.warn(f"{src.display_path}, line {line}: unknown property {key} ignored")
    try:
        proxy = model.get_proxy({**data, "properties": properties}, cleaned=False)
    except (FollowTheMoneyException, TypeError, ValueError) as exc:
        raise SourceError(src.display_path, f"invalid FtM entity: {exc}",
                          record=f"line {line}") from exc
    raw = data.get("datasets") or data.get("dataset") or []
    datasets = [raw] if isinstance(raw, str) else [str(d) for d in raw]
    return _Entity(proxy, line, datasets)


def _read(src: SourceFile, ctx: ParseContext) -> _Store:
    store = _Store()
    warned: set[str] = set()
    for number, text in enumerate(src.text(("utf-8",)).splitlines(), start=1):
        if not text.strip():
            continue
        entity = _entity(src, ctx, number, text, warned)
        proxy = entity.proxy
        if proxy.schema.is_a("Sanction"):
            store.sanctions.append(entity)
        elif party_schema(proxy):
            if proxy.id in store.parties:
                store.parties[proxy.id].proxy.merge(proxy)
            else:
                store.parties[str(proxy.id)] = entity
        elif proxy.schema.is_a("Address"):
            store.addresses[str(proxy.id)] = proxy
        elif proxy.schema.is_a("Identification"):
            store.documents.append(proxy)
        else:
            store.unused[proxy.schema.name] = store.unused.get(proxy.schema.name, 0) + 1
    return store


def _add(target: list[str], value: str) -> None:
    value = " ".join(value.split())
    if value and value not in target:
        target.append(value)


def _party(entity: _Entity, store: _Store) -> Party:
    proxy = entity.proxy
    names = proxy.get("name")
    party = Party(schema=party_schema(proxy) or "LegalEntity",
                  name=names[0] if names else proxy.caption)
    for value in [*names[1:], *proxy.get("alias")]:
        _add(party.aliases, value)
    for prop, bucket in (("weakAlias", party.weak_aliases),
                         ("previousName", party.previous_names)):
        for value in proxy.get(prop, quiet=True):
            _add(bucket, value)
    for bucket in (party.aliases, party.weak_aliases, party.previous_names):
        while party.name in bucket:
            bucket.remove(party.name)
    for prop in _COUNTRY_PROPS:
        for value in proxy.get(prop, quiet=True):
            code = to_iso(value)
            if code:
                _add(party.countries, code)
    for value in proxy.get("address", quiet=True):
        _add(party.addresses, value)
    for ref in proxy.get("addressEntity", quiet=True):
        address = store.addresses.get(ref)
        if address is not None:
            _add(party.addresses, address.first("full") or address.caption)
    for prop, kind in _ID_PROPS.items():
        if prop == "idNumber" and party.schema != "Person":
            kind = "other"
        for value in proxy.get(prop, quiet=True):
            if kind == "imo":
                value = re.sub(r"^IMO\s*", "", value, flags=re.IGNORECASE)
            identifier = Identifier(kind, value, None, prop)
            if identifier not in party.identifiers:
                party.identifiers.append(identifier)
    for prop, bucket in (("birthDate", party.birth_dates), ("website", party.websites),
                         ("email", party.emails), ("phone", party.phones),
                         ("notes", party.notes), ("description", party.notes)):
        for value in proxy.get(prop, quiet=True):
            _add(bucket, value)
    party.countries = hong_kong_apart(party.countries, party.addresses)
    return party


def _documents(store: _Store) -> dict[str, list[Identifier]]:
    held: dict[str, list[Identifier]] = {}
    for doc in store.documents:
        kind = "passport" if doc.schema.is_a("Passport") else "national_id"
        country = to_iso(doc.first("country")) if doc.first("country") else None
        note = doc.first("type") or doc.schema.name
        for holder in doc.get("holder"):
            for number in doc.get("number"):
                held.setdefault(holder, []).append(Identifier(kind, number, country, note))
    return held


def _full_date(values: list[str]) -> date | None:
    for value in values:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value[:10]) and len(value) >= 10:
            try:
                return date.fromisoformat(value[:10])
            except ValueError:
                continue
    return None


def _designation(sanction: EntityProxy | None, list_id: str, party: Party) -> Designation:
    if sanction is None:
        russia, rule = russia_rule(list_id, [])
        return Designation(list_id=list_id, program="", russia_related=russia, russia_rule=rule)
    programs = sanction.get("program") or sanction.get("programId")
    dates = sanction.get("listingDate") or sanction.get("startDate")
    listed = _full_date(dates)
    if dates and listed is None:
        _add(party.notes, f"listing date (partial): {dates[0]}")
    for label, prop in (("sanction authority", "authority"), ("sanctioning country", "country")):
        for value in sanction.get(prop):
            _add(party.notes, f"{label}: {value}")
    russia, rule = russia_rule(list_id, [*programs, *sanction.get("programId")])
    return Designation(
        list_id=list_id, program="; ".join(programs), listing_date=listed,
        date_basis=DateBasis.STATED if listed else DateBasis.UNKNOWN,
        end_date=_full_date(sanction.get("endDate")), measures=sanction.get("provisions"),
        reason="\n".join(sanction.get("reason")) or None,
        source_url=sanction.first("sourceUrl"), russia_related=russia, russia_rule=rule,
    )


def parse_ftm(files: list[SourceFile], ctx: ParseContext) -> Iterator[SourceRecord]:
    """Records of an FtM JSON-lines file: each listed party joined with its Sanctions."""
    src = files[0]
    store = _read(src, ctx)
    for schema, count in sorted(store.unused.items()):
        ctx.warn(f"{src.display_path}: {count} {schema} entities not used")
    by_party: dict[str, list[_Entity]] = {}
    for found in store.sanctions:
        targets = [t for t in found.proxy.get("entity") if t in store.parties]
        if not targets:
            ctx.warn(f"{src.display_path}, line {found.line}: Sanction {found.proxy.id} "
                     "points at no listed party in the file; skipped")
        for target in targets:
            by_party.setdefault(target, []).append(found)
    held = _documents(store)
    unsanctioned: list[str] = []
    for party_id, entity in store.parties.items():
        sanctions: list[_Entity | None] = list(by_party.get(party_id, [])) or [None]
        if sanctions == [None]:
            unsanctioned.append(party_id)
        lists = [list_for([*(s.datasets if s else []), *entity.datasets]) for s in sanctions]
        for sanction, list_id in zip(sanctions, lists, strict=True):
            party = _party(entity, store)
            party.identifiers.extend(i for i in held.get(party_id, [])
                                     if i not in party.identifiers)
            designation = _designation(sanction.proxy if sanction else None, list_id, party)
            record_id = party_id
            if sanction is not None and lists.count(list_id) > 1:
                record_id = f"{party_id}/{sanction.proxy.id}"
            yield SourceRecord(party, designation, Provenance(
                src.display_path, src.sha256, ctx.snapshot_date, record_id, entity.line))
    if unsanctioned:
        ctx.warn(f"{src.display_path}: {len(unsanctioned)} parties have no Sanction entity "
                 f"(e.g. {', '.join(unsanctioned[:3])}); read without program or date")


def sniff_ftm(path: Path, head: bytes) -> bool:
    """A JSON-lines file whose first line is an FtM entity."""
    first = head.lstrip().split(b"\n", 1)[0]
    if not first.startswith(b"{"):
        return False
    try:
        data: Any = json.loads(first)
    except ValueError:
        # First line longer than the head: judge by its opening keys.
        return bool(re.search(rb'"schema"\s*:\s*"[A-Z]\w*"', first)) and b'"properties"' in first
    return isinstance(data, dict) and "schema" in data and "properties" in data


PARSERS = [
    Parser(
        name="ftm_jsonl",
        description="FollowTheMoney entities, JSON lines (parties joined with their Sanctions)",
        sniff=sniff_ftm,
        parse=parse_ftm,
        min_records=1,
        max_records=1_000_000,
    ),
    Parser(
        name="opensanctions_targets_csv",
        description="OpenSanctions targets.simple CSV",
        sniff=sniff_targets,
        parse=parse_targets,
        min_records=1,
        max_records=1_000_000,
    ),
]
