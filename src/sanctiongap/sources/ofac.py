"""OFAC's legacy CSV files: the SDN list and the Consolidated (non-SDN) lists.

Both come as the same four headerless, Windows-1252 CSV files, where ``-0-`` means
empty and the file may end with a Ctrl-Z byte::

    sdn.csv / cons_prim.csv           ent_num, SDN_Name, SDN_Type, Program, Title, Call_Sign,
                                      Vess_type, Tonnage, GRT, Vess_flag, Vess_owner, Remarks
    add.csv / cons_add.csv            ent_num, add_num, address, city/state/postal, country,
                                      add_remarks
    alt.csv / cons_alt.csv            ent_num, alt_num, alt_type (aka/fka/nka), alt_name,
                                      alt_remarks
    sdn_comments.csv / cons_comments  ent_num, the rest of a Remarks cell cut at 1,000 chars

Only the primary file is required.  One code path reads both lists; a :class:`_Layout`
says which file names, list id and measures apply.

Schema: ``individual`` -> Person, ``vessel`` -> Vessel, ``aircraft`` -> Airplane.  An
entity (``-0-``) is a Company when its name carries a legal form (LLC, LTD, LIMITED, CO.,
JSC, OOO, GMBH, CORPORATION, S.A., BANK, ...) or its remarks carry an ``Organization
Established Date`` or a registration, tax, LEI or SWIFT number; otherwise an Organization.

Russia rule: a record is Russia-related when any of its programs is one of these OFAC
tags (all of them occur in the 2021-2025 files):

======================  ==============================================================
RUSSIA-EO14024          EO 14024, harmful foreign activities of Russia (``RUSSIA-EO``
                        in April 2021); BPI-RUSSIA-EO14024: blocked pending investigation
RUSSIA-EO14065          EO 14065, the Russian-occupied regions of Ukraine
UKRAINE-EO13660, 13661  the 2014 Ukraine-/Russia-related orders; 13662 carries the
UKRAINE-EO13662, 13685  SSI directives, 13685 Crimea
CAATSA - RUSSIA         CAATSA Title II (Russia), including buyers of Russian arms
PEESA, PEESA-EO14039    Protecting Europe's Energy Security Act (Russian gas pipelines)
SSIDES                  Ukraine Sovereignty (SSIDES) Act of 2014
======================  ==============================================================

A tag beginning ``RUSSIA-``, ``BPI-RUSSIA-`` or ``UKRAINE-EO`` that is not in the table
also counts (with a warning), so a new Russia executive order is not missed.  Programs
that name many Russians but are not Russia/Ukraine programs do not count: MAGNIT (the
2012 Magnitsky human-rights case), GLOMAG, CYBER2, ELECTION-EO13848, and the Belarus
programs.  On the consolidated list the SSI entries (UKRAINE-EO13662) and the EO 14024
directive entries count; NS-CMIC (CMIC-EO13959, e.g. Hikvision), NS-PLC, 561-Related,
BURMA-EO14014, VENEZUELA-EO13850 alone do not.

Dates: the SDN CSV states no designation date (date_basis UNKNOWN; the knowledge base
bounds dates across snapshots).  The consolidated list states ``Listing Date (CMIC) ...``
and ``Listing Date (EO 14024 Directive 2): ...``; when every program of an entry has
such a date, the earliest is its listing date (STATED).
"""

from __future__ import annotations

import csv
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from sanctiongap.countries import country_of_address
from sanctiongap.errors import SourceError
from sanctiongap.model import (
    DateBasis,
    Designation,
    Identifier,
    Party,
    Provenance,
    SourceRecord,
)
from sanctiongap.sources.base import (
    ParseContext,
    Parser,
    SourceFile,
    find_file,
    strip_compression,
)
from sanctiongap.sources.ofac_csv import (
    ADD_COLUMNS,
    PRIMARY_COLUMNS,
    Row,
    cell,
    companion_rows,
    raw,
    rows,
)
from sanctiongap.sources.ofac_remarks import RemarkFacts, parse_remarks

RUSSIA_PROGRAMS = frozenset({
    "RUSSIA-EO14024", "RUSSIA-EO", "BPI-RUSSIA-EO14024", "RUSSIA-EO14065",
    "UKRAINE-EO13660", "UKRAINE-EO13661", "UKRAINE-EO13662", "UKRAINE-EO13685",
    "CAATSA - RUSSIA", "PEESA", "PEESA-EO14039", "SSIDES",
})
_RUSSIA_PREFIXES = ("RUSSIA-", "BPI-RUSSIA-", "UKRAINE-EO")

_SCHEMA = {"individual": "Person", "vessel": "Vessel", "aircraft": "Airplane", "": ""}
_LEGAL_FORMS = frozenset(re.findall(r"\S+", """
    LLC LTD LIMITED CO COMPANY CORP CORPORATION INC INCORPORATED JSC PJSC OJSC CJSC AO OAO
    ZAO PAO OOO TOO GMBH AG SA SAS SRL SL SARL SAL LLP PLC BV NV SPA AS FZE FZCO FZC DMCC
    PTE PVT BHD KG OY AB LDA CV RL SAPI EIRL ULC GROUP HOLDING HOLDINGS BANK BANCO BANQUE"""))
_LEGAL_PHRASES = re.compile(r"JOINT STOCK|LIMITED LIABILITY|OBSHCHESTVO|AKTSIONERNOE|"
                            r"SOCIEDAD ANONIMA|TOVARYSTVO|SDN BHD")
_MACAU = re.compile(r"\bmaca[ou]\b", re.IGNORECASE)
_OFAC_DETAILS = "https://sanctionssearch.ofac.treas.gov/Details.aspx?id={}"


@dataclass(frozen=True, slots=True)
class _Layout:
    """What differs between the SDN set and the consolidated set."""

    list_id: str
    main: str  # primary file name, e.g. "sdn.csv"
    add: str
    alt: str
    comments: str
    stated_dates: bool  # take "Listing Date (...)" clauses as the listing date
    measures: Callable[[list[str]], list[str]]


def _cons_measures(programs: list[str]) -> list[str]:
    known = {"UKRAINE-EO13662": "sectoral sanctions (SSI directives)",
             "RUSSIA-EO14024": "EO 14024 directives (non-SDN menu-based)",
             "CMIC-EO13959": "securities investment prohibition (NS-CMIC)",
             "561-Related": "correspondent account restrictions (CAPTA)",
             "CAATSA - RUSSIA": "CAATSA section 235 menu-based sanctions",
             "BURMA-EO14014": "EO 14014 directives (non-SDN menu-based)"}
    found = [known[p] for p in programs if p in known]
    return found or ["non-SDN restriction"]


SDN = _Layout("us_ofac_sdn", "sdn.csv", "add.csv", "alt.csv", "sdn_comments.csv",
              stated_dates=False, measures=lambda programs: ["asset freeze"])
CONS = _Layout("us_ofac_cons", "cons_prim.csv", "cons_add.csv", "cons_alt.csv",
               "cons_comments.csv", stated_dates=True, measures=_cons_measures)


# ---------------------------------------------------------------------------- rules
def programs_of(cell: str) -> list[str]:
    """``CAATSA - RUSSIA] [PEESA`` -> ["CAATSA - RUSSIA", "PEESA"]."""
    parts = re.split(r"\]\s*\[", cell.strip().strip("[]"))
    return [part.strip() for part in parts if part.strip()]


def russia_rule(programs: list[str]) -> tuple[bool, str]:
    """(Russia-related?, the rule that decided it, in words)."""
    fired = [p for p in programs if p in RUSSIA_PROGRAMS or p.startswith(_RUSSIA_PREFIXES)]
    if fired:
        return True, f"OFAC program {', '.join(fired)}"
    listed = ", ".join(programs) or "(none stated)"
    return False, f"not Russia-related: OFAC program {listed} is not a Russia/Ukraine program"


def looks_like_company(name: str) -> bool:
    """Whether an entity's name carries a legal form."""
    upper = name.upper()
    tokens = set(re.split(r"[^A-Z0-9]+", upper.replace(".", "")))
    return bool(tokens & _LEGAL_FORMS) or bool(_LEGAL_PHRASES.search(upper))


def _stated_date(programs: list[str], stated: list[tuple[str, date]]) -> date | None:
    """The earliest stated listing date, if every program of the entry has one."""
    dates: list[date] = []
    for program in programs:
        key = program.replace(" ", "").replace("-", "")
        mine = [when for scope, when in stated if scope in key]
        if not mine:
            return None
        dates.extend(mine)
    return min(dates) if dates else None


def _add_unique(values: list[str], value: str | None) -> None:
    if value and value not in values:
        values.append(value)


# ---------------------------------------------------------------------------- records
@dataclass(slots=True)
class _Run:
    """One parse: the layout, the primary file, and warnings already given."""

    layout: _Layout
    src: SourceFile
    ctx: ParseContext
    warned: set[str] = field(default_factory=set)

    def warn_once(self, key: str, message: str) -> None:
        if key not in self.warned:
            self.warned.add(key)
            self.ctx.warn(message)


def _record(run: _Run, line: int, ent: str, row: list[str], extra: dict[str, list[Row]],
            remarks: str) -> SourceRecord:
    name, sdn_type, program, title, call_sign, vess_type, tonnage, grt, flag, owner = (
        cell(v) for v in row[1:11])
    if not name:
        raise SourceError(run.src.display_path, f"ent_num {ent} has no SDN_Name",
                          record=f"line {line}")
    facts: RemarkFacts = parse_remarks(remarks)
    if sdn_type.lower() not in _SCHEMA:
        run.warn_once(f"type:{sdn_type}", f"{run.src.display_path}: unknown SDN_Type "
                      f"{sdn_type!r} (first at line {line}); read as an entity")
    schema = _SCHEMA.get(sdn_type.lower()) or (
        "Company" if facts.company_evidence or looks_like_company(name) else "Organization")
    party = Party(schema=schema, name=name, aliases=facts.aliases,
                  previous_names=facts.previous_names, birth_dates=facts.birth_dates,
                  identifiers=facts.identifiers, linked_to=facts.linked_to,
                  websites=facts.websites, emails=facts.emails, phones=facts.phones)
    for _, alt in extra.get("alt", []):
        _alias(run, party, alt)
    for add_line, add in extra.get("add", []):
        _address(run, party, add_line, add)
    for code in facts.countries:
        _add_unique(party.countries, code)
    if call_sign:
        party.identifiers.append(Identifier("other", call_sign, None, "Call Sign"))
    for label, value in (("Title", title), ("Vessel type", vess_type), ("Tonnage", tonnage),
                         ("GRT", grt), ("Flag", flag), ("Vessel owner", owner)):
        if value:
            party.notes.append(f"{label}: {value}")
    _add_unique(party.linked_to, owner)
    for note in facts.notes:
        if note != title:  # OFAC often repeats the Title column in Remarks
            _add_unique(party.notes, note)

    programs = programs_of(program)
    if not programs:
        run.ctx.warn(f"{run.src.display_path}: ent_num {ent} (line {line}) states no program")
    for odd in (p for p in programs if p not in RUSSIA_PROGRAMS and p.startswith(_RUSSIA_PREFIXES)):
        run.warn_once(f"program:{odd}", f"OFAC program {odd!r} is not in the Russia table; "
                      "counted Russia-related by its prefix")
    related, rule = russia_rule(programs)
    listed = _stated_date(programs, facts.listing_dates) if run.layout.stated_dates else None
    designation = Designation(
        list_id=run.layout.list_id, program="; ".join(programs), listing_date=listed,
        date_basis=DateBasis.STATED if listed else DateBasis.UNKNOWN,
        measures=run.layout.measures(programs), source_url=_OFAC_DETAILS.format(ent),
        russia_related=related, russia_rule=rule)
    provenance = Provenance(source_file=run.src.display_path, sha256=run.src.sha256,
                            snapshot_date=run.ctx.snapshot_date, record_id=ent, line=line)
    return SourceRecord(party=party, designation=designation, provenance=provenance)


def _address(run: _Run, party: Party, line: int, add: list[str]) -> None:
    address, city, country, note = (cell(v) for v in add[2:6])
    text = ", ".join(part for part in (address, city, country) if part)
    if text:
        _add_unique(party.addresses, f"{text} ({note})" if note else text)
    code = country_of_address(country, f"{address} {city}")
    if code == "cn" and _MACAU.search(f"{address} {city}"):
        code = "mo"  # Macau filed under China, as countries.py does for Hong Kong
    if country and code is None:
        run.warn_once(f"country:{country}", f"unknown address country {country!r} "
                      f"(first for ent_num {add[0].strip()}, line {line}); country left out")
    _add_unique(party.countries, code)


def _alias(run: _Run, party: Party, alt: list[str]) -> None:
    alt_type, alt_name, alt_note = (cell(v) for v in alt[2:5])
    kind = alt_type.lower()
    if kind not in ("aka", "fka", "nka"):
        run.warn_once(f"alt:{alt_type}", f"unknown alt_type {alt_type!r} (first for ent_num "
                      f"{alt[0].strip()}); read as aka")
    if kind == "fka":
        _add_unique(party.previous_names, alt_name)
    elif "weak" in alt_note.lower():
        _add_unique(party.weak_aliases, alt_name)
    else:
        _add_unique(party.aliases, alt_name)


def _parse(layout: _Layout, files: list[SourceFile], ctx: ParseContext
           ) -> Iterator[SourceRecord]:
    run = _Run(layout, files[0], ctx)
    companions = companion_rows(files[1:], ctx)
    seen: set[str] = set()
    for line, ent, row in rows(run.src, PRIMARY_COLUMNS, ctx):
        if ent in seen:
            ctx.warn(f"{run.src.display_path}: ent_num {ent} repeated at line {line}; "
                     "the repeat is skipped")
            continue
        seen.add(ent)
        extra = {role: by_ent.get(ent, []) for role, (_, by_ent) in companions.items()}
        remarks = raw(row[11]) + "".join(raw(r[1]) for _, r in extra.get("comments", []))
        yield _record(run, line, ent, row, extra, remarks)
    if not seen:
        raise SourceError(run.src.display_path, "no records")
    for src, by_ent in companions.values():
        orphans = sorted(set(by_ent) - seen, key=int)
        if orphans:
            ctx.warn(f"{src.display_path}: {len(orphans)} ent_num(s) not in "
                     f"{run.src.display_path}, ignored: {', '.join(orphans[:5])}")


# ---------------------------------------------------------------------------- files
def _companions(layout: _Layout, path: Path) -> list[Path]:
    if path.is_dir():
        main, folder = find_file(path, layout.main), path
    elif path.is_file():
        main, folder = path, path.parent
    else:
        return []
    if main is None:
        return []
    others = (find_file(folder, name) for name in (layout.add, layout.alt, layout.comments))
    return [main, *(p for p in others if p is not None and p != main)]


def _sniff(prefix: str, path: Path, head: bytes) -> bool:
    name = strip_compression(path).name.lower()
    if not (name.startswith(prefix) and name.endswith(".csv")):
        return False
    first = head.split(b"\n", 1)[0].decode("cp1252", errors="replace").strip("\r\x1a")
    try:
        row = next(csv.reader([first], strict=True))
    except (csv.Error, StopIteration):
        return False
    return (len(row) == len(PRIMARY_COLUMNS) and row[0].strip().isdigit()
            and first[len(row[0]):].startswith(',"'))


def sdn_presence(folder: Path) -> dict[str, list[str]]:
    """The ent_nums on the SDN list at a snapshot, each with the countries of its
    addresses: from add.csv (every SDN entry has at least one add.csv row), or from
    sdn.csv (no countries) when the folder has no add.csv."""
    path = find_file(folder, SDN.add) or find_file(folder, SDN.main)
    if path is None:
        raise SourceError(str(folder), "neither sdn.csv nor add.csv found")
    src = SourceFile.read(path)
    is_add = strip_compression(path).name == SDN.add
    members: dict[str, list[str]] = {}
    ctx = ParseContext(snapshot_date=None)
    for _, ent, row in rows(src, ADD_COLUMNS if is_add else PRIMARY_COLUMNS, ctx):
        countries = members.setdefault(ent, [])
        if is_add:
            address, city, country = (cell(v) for v in row[2:5])
            _add_unique(countries, country_of_address(country, f"{address} {city}"))
    return members


def parse_sdn(files: list[SourceFile], ctx: ParseContext) -> Iterator[SourceRecord]:
    """Records of the OFAC SDN CSV set (sdn.csv first, then add/alt/sdn_comments)."""
    return _parse(SDN, files, ctx)


def parse_cons(files: list[SourceFile], ctx: ParseContext) -> Iterator[SourceRecord]:
    """Records of the OFAC consolidated CSV set (cons_prim.csv first)."""
    return _parse(CONS, files, ctx)


PARSERS: list[Parser] = [
    Parser(name="ofac_sdn_csv",
           description="OFAC SDN list, legacy CSV (sdn.csv + add/alt/sdn_comments.csv)",
           sniff=lambda path, head: _sniff("sdn", path, head),
           parse=parse_sdn,
           companions=lambda path: _companions(SDN, path),
           min_records=5_000, max_records=40_000),
    Parser(name="ofac_cons_csv",
           description="OFAC Consolidated (non-SDN) lists, legacy CSV (cons_prim.csv + "
                       "cons_add/cons_alt/cons_comments.csv)",
           sniff=lambda path, head: _sniff("cons_prim", path, head),
           parse=parse_cons,
           companions=lambda path: _companions(CONS, path),
           min_records=50, max_records=20_000),
]
