"""What the FollowTheMoney readers share (JSON lines and OpenSanctions targets.simple).

List id: an entity's dataset (``datasets`` in FtM JSON, the ``dataset`` column in
targets.simple) picks the list when it names one we know (table below); anything else
reads as ``ftm_generic``.

Russia rule:

* list ``ua_war_sanctions`` (Ukraine's "War & Sanctions" catalogue): Russia-related by
  dataset — the catalogue exists to list the suppliers, carriers, executives and
  other supporters of Russia's war against Ukraine;
* otherwise: a programme name or id that names the Russia regimes ("Russia", "RUS",
  OFAC's RUSSIA-EO14024 / UKRAINE-EO13660-series, EU Reg. 269/2014 or 833/2014);
* otherwise not Russia-related.

Hong Kong: a party whose countries hold both ``cn`` and ``hk`` while every address it
has is in Hong Kong (``China, Hong Kong, Wan Chai ...``) keeps only ``hk``: the ``cn``
came from filing Hong Kong under China.  With no address, or any address elsewhere,
both stay.

Identifiers in targets.simple carry no kind; the kind is inferred from the form and
says so in the note: ``IMO1234567`` -> imo; for vessels a 9-digit number -> mmsi; for
Russian parties 13/15 digits -> ogrn, 10/12 digits -> inn; an 18-character code of a
Chinese party -> uscc; anything else -> other.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from sanctiongap.countries import mentions_hong_kong
from sanctiongap.model import Identifier

# Dataset names (OpenSanctions / FtM) and titles -> list ids.
DATASET_LISTS = {
    "ua_war_sanctions": "ua_war_sanctions",
    "ukraine war and sanctions": "ua_war_sanctions",
    "eu_fsf": "eu_fsf",
    "gb_hmt_sanctions": "uk_ofsi",
    "gb_fcdo_sanctions": "uk_fcdo",
    "us_ofac_sdn": "us_ofac_sdn",
    "us_ofac_cons": "us_ofac_cons",
    "us_trade_csl": "us_csl",
}
GENERIC = "ftm_generic"

_RUSSIA_PROGRAM = re.compile(
    r"russia|\bRUS\b|RUSSIA-EO\d+|UKRAINE-EO1366\d|\bEO\s?14024\b|\b269/2014\b|\b833/2014\b",
    re.IGNORECASE,
)
_IMO = re.compile(r"^IMO\s?(\d{7})$", re.IGNORECASE)
_USCC = re.compile(r"^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$")


def list_for(datasets: Iterable[str]) -> str:
    """The list id the first known dataset names, else ftm_generic."""
    for dataset in datasets:
        found = DATASET_LISTS.get(dataset.strip().lower())
        if found:
            return found
    return GENERIC


def russia_rule(list_id: str, programs: Iterable[str]) -> tuple[bool, str]:
    """Whether the record is Russia-related, and the rule in words."""
    if list_id == "ua_war_sanctions":
        return True, ("dataset Ukraine War & Sanctions: a catalogue of suppliers and "
                      "supporters of Russia's war industry")
    shown = [p for p in programs if p]
    for program in shown:
        if _RUSSIA_PROGRAM.search(program):
            return True, f"programme {program!r} names a Russia regime"
    return False, "not Russia-related: programme " + ("; ".join(shown) or "(none stated)")


def hong_kong_apart(countries: list[str], addresses: list[str]) -> list[str]:
    """Drop ``cn`` beside ``hk`` when every address is in Hong Kong (see module doc)."""
    if "cn" in countries and "hk" in countries and addresses and all(
        mentions_hong_kong(a) for a in addresses
    ):
        return [c for c in countries if c != "cn"]
    return countries


def classify_identifier(value: str, schema: str, countries: Iterable[str]) -> Identifier:
    """An untyped identifier with the kind its form implies (see module doc)."""
    value = value.strip()
    countries = set(countries)
    imo = _IMO.match(value)
    if imo:
        return Identifier("imo", imo.group(1), None, "IMO number (kind from form)")
    if schema == "Vessel" and re.fullmatch(r"\d{9}", value):
        return Identifier("mmsi", value, None, "MMSI (kind from form)")
    if schema != "Vessel" and "ru" in countries and value.isdigit():
        if len(value) in (13, 15):
            return Identifier("ogrn", value, "ru", "OGRN (kind from form)")
        if len(value) in (10, 12):
            return Identifier("inn", value, "ru", "INN (kind from form)")
    if "cn" in countries and _USCC.fullmatch(value.upper()):
        return Identifier("uscc", value.upper(), "cn", "USCC (kind from form)")
    return Identifier("other", value, None, "identifier (kind not stated)")
