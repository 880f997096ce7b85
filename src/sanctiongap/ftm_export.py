"""FollowTheMoney export: every listed party and its Sanction, as JSON lines.

Entities are built from the knowledge base at export time with followthemoney's own
model, so what we write is what followthemoney reads back.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from typing import Any, TextIO

import duckdb
from followthemoney import model
from followthemoney.proxy import EntityProxy

_ID_UNSAFE = re.compile(r"[^a-zA-Z0-9.-]+")
_IDENT_PROP = {"imo": "imoNumber", "inn": "innCode", "ogrn": "ogrnCode", "lei": "leiCode",
               "swift": "swiftBic", "tax": "taxNumber", "registration": "registrationNumber",
               "uscc": "registrationNumber", "kpp": "kppCode", "okpo": "okpoCode",
               "passport": "passportNumber", "national_id": "idNumber", "mmsi": "mmsi"}


def entity_id(record_key: str) -> str:
    """The FtM id of a record's party: ``sg-`` plus the record key, made id-safe."""
    return "sg-" + _ID_UNSAFE.sub("-", record_key).strip("-")


def _party(row: dict[str, Any], names: list[tuple[str, str]],
           idents: list[tuple[str, str]], addresses: list[str]) -> EntityProxy:
    proxy = model.make_entity(str(row["schema"]))
    proxy.id = entity_id(str(row["record_key"]))
    proxy.add("name", row["caption"])
    for name, kind in names:
        if name == row["caption"]:
            continue
        prop = {"previous": "previousName", "weak": "weakAlias"}.get(kind, "alias")
        proxy.add(prop, name, quiet=True)
    country_prop = "nationality" if proxy.schema.name == "Person" else "country"
    if proxy.schema.name == "Vessel":
        country_prop = "country"
    proxy.add(country_prop, row["countries"], quiet=True)
    proxy.add("address", addresses, quiet=True)
    proxy.add("notes", row["notes"], quiet=True)
    proxy.add("birthDate", row["birth_dates"], quiet=True)
    proxy.add("website", row["websites"], quiet=True)
    for kind, value in idents:
        prop = _IDENT_PROP.get(kind, "registrationNumber")
        if proxy.schema.get(prop) is None:
            prop = "idNumber" if proxy.schema.get("idNumber") else "notes"
        proxy.add(prop, value, quiet=True)
    proxy.add("topics", "sanction", quiet=True)
    return proxy


def _sanction(row: dict[str, Any], party: EntityProxy) -> EntityProxy:
    sanction = model.make_entity("Sanction")
    sanction.id = f"{party.id}-sanction"
    sanction.add("entity", party.id)
    sanction.add("authority", row["authority"])
    sanction.add("program", row["program"])
    sanction.add("country", str(row["jurisdiction"]).lower() if row["jurisdiction"] != "EU"
                 else "eu", quiet=True)
    sanction.add("listingDate", row["listing_date"] or row["date_upper"], quiet=True)
    sanction.add("endDate", row["end_date"], quiet=True)
    sanction.add("measures", row["measures"], quiet=True)
    sanction.add("reason", row["reason"], quiet=True)
    sanction.add("provisions", row["provisions"], quiet=True)
    sanction.add("sourceUrl", row["source_url"], quiet=True)
    sanction.add("authorityId", row["record_id"], quiet=True)
    sanction.add("summary", f"{row['list_title']}; source {row['source_file']} "
                 f"sha256 {row['sha256']}; record {row['record_id']}; "
                 f"date basis {row['date_basis']}; {row['russia_rule']}", quiet=True)
    return sanction


def write_ftm(con: duckdb.DuckDBPyConnection, out: TextIO) -> int:
    """Write every record as two FtM entities (party, Sanction); returns the count."""
    names: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for key, name, kind in con.execute("SELECT record_key, name, kind FROM names").fetchall():
        names[key].append((name, kind))
    idents: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for key, kind, value in con.execute(
            "SELECT record_key, kind, value FROM identifiers").fetchall():
        idents[key].append((kind, value))
    addresses: dict[str, list[str]] = defaultdict(list)
    for key, address in con.execute("SELECT record_key, address FROM addresses").fetchall():
        addresses[key].append(address)
    cursor = con.execute("SELECT * FROM records ORDER BY record_key")
    columns = [d[0] for d in cursor.description]
    count = 0
    while batch := cursor.fetchmany(5000):
        for values in batch:
            row = dict(zip(columns, values, strict=True))
            key = str(row["record_key"])
            party = _party(row, names[key], idents[key], addresses[key])
            for proxy in (party, _sanction(row, party)):
                out.write(json.dumps(proxy.to_dict(), ensure_ascii=False, sort_keys=True) + "\n")
                count += 1
    return count
