"""The seed's claim, checked against the lists.

On 13 April 2024 the Financial Times (quoted by Kinamedia the same day) reported a
source saying that Europe had sanctioned three Chinese groups since the invasion of
Ukraine, against more than 100 by Washington.  ``check_claim`` computes both sides
from the lists and says, in words and with its own figures, how they compare.  The
words follow the figures: nothing here is tuned to reproduce the press numbers.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import duckdb

from sanctiongap.gap import run_gap
from sanctiongap.gap_model import INVASION, GapQuery, GapResult

CLAIM_DATE = date(2024, 4, 13)
CLAIM_QUERY = GapQuery(countries=("cn", "hk"), theme="russia", as_of=CLAIM_DATE,
                       since=INVASION)
CLAIM_US = 100  # "more than 100"
CLAIM_EU = 3  # "three"
CLAIM_TEXT = ("Europe had sanctioned three Chinese groups since the invasion in comparison "
              "to more than 100 by Washington.")
CLAIM_SOURCE = "Financial Times, 13 April 2024, as quoted by Kinamedia (Swedish) the same day"


@dataclass(slots=True)
class ClaimCheck:
    """Both sides of the claim as the lists give them, with the words that compare them."""

    figures: dict[str, dict[str, int]]  # row key -> {"cn", "hk", "all", "possibly", ...}
    paragraphs: list[str]
    caveats: list[str]
    result: GapResult
    us_lists: dict[str, int] = field(default_factory=dict)  # SDN only / BIS only / both


def is_claim_query(query: GapQuery) -> bool:
    """Whether a (resolved) query asks exactly what the claim states."""
    return (set(query.countries) == {"cn", "hk"} and query.theme == "russia"
            and query.as_of == CLAIM_DATE and query.since == INVASION)


def _fig(result: GapResult, key: str) -> dict[str, int]:
    try:
        row = result.row(key)
    except KeyError:
        return {}
    out = {scope: c.added for scope, c in row.counts.items()}
    total = row.counts["all"]
    out.update(listed=total.listed, possibly=total.possibly, added_possibly=total.added_possibly)
    return out


def _n(value: int, noun: str = "entity", plural: str = "entities") -> str:
    return f"{value:,} {noun if value == 1 else plural}"


def _split(fig: dict[str, int]) -> str:
    cn, hk = fig.get("cn", 0), fig.get("hk", 0)
    both = cn + hk - fig.get("all", cn + hk)
    return (f"{cn} mainland China, {hk} Hong Kong"
            + (f"; {both} with addresses in both" if both > 0 else ""))


def claim_from_result(result: GapResult) -> ClaimCheck:
    """The comparison for a result computed with the claim's parameters."""
    keys = ["US", "us_ofac_sdn", "us_bis_entity", "EU", "eu_833_annex_iv", "eu_269_annex_i",
            "UK", "uk_ofsi"]
    figures = {k: f for k in keys if (f := _fig(result, k))}
    us_lists = {"SDN only": 0, "Entity List only": 0, "both": 0}
    for row in result.matrix:
        in_sdn = row.added.get("us_ofac_sdn", False)
        in_bis = row.added.get("us_bis_entity", False)
        if in_sdn and in_bis:
            us_lists["both"] += 1
        elif in_sdn:
            us_lists["SDN only"] += 1
        elif in_bis:
            us_lists["Entity List only"] += 1
    paragraphs = [f"The claim ({CLAIM_SOURCE}): “{CLAIM_TEXT}”"]
    us = figures.get("US", {})
    sdn = figures.get("us_ofac_sdn", {})
    bis = figures.get("us_bis_entity", {})
    if us:
        us_verdict = "consistent with" if us["all"] > CLAIM_US else "below"
        paragraphs.append(
            f"United States: {_n(us['all'])} in mainland China or Hong Kong were added to the "
            f"OFAC SDN list or the BIS Entity List for Russia-related reasons between "
            f"{INVASION} and {CLAIM_DATE} ({_split(us)}), {us_verdict} “more than 100”. "
            f"Of these, the SDN list (asset freeze) accounts for {sdn.get('all', 0)} and the "
            f"Entity List (export licensing) for {bis.get('all', 0)}; "
            + (f"{us_lists['both']} are on both. " if result.resolved else
               "how many are on both is not known until the lists are resolved. ")
            + "The press figure most likely counted both lists."
            + (f" A further {sdn['possibly']} Russia-related SDN entries were first seen in "
               "the OFAC snapshot after the claim date and may or may not have been listed "
               "by then." if sdn.get("possibly") else ""))
    eu = figures.get("EU", {})
    annex_iv = figures.get("eu_833_annex_iv", {})
    reg269 = figures.get("eu_269_annex_i", {})
    if eu:
        matches = [label for label, value in (("mainland China alone", eu.get("cn", 0)),
                                              ("mainland China and Hong Kong", eu["all"]))
                   if value == CLAIM_EU]
        verdict = (f"matching “three” for {matches[0]}" if matches else
                   f"not three: the lists give {eu.get('cn', 0)} for mainland China alone")
        paragraphs.append(
            f"European Union: {_n(eu['all'])} ({_split(eu)}) were added for Russia-related "
            f"reasons over the same period, {verdict}. Annex IV of Reg. 833/2014 accounts for "
            f"{annex_iv.get('all', 0)} and Annex I of Reg. 269/2014 (the asset freeze) for "
            f"{reg269.get('all', 0)}. Annex IV is an export restriction on dual-use and "
            "advanced goods, not an asset freeze: strictly, the EU had frozen the assets of "
            f"{reg269.get('all', 0)} such entities.")
    uk = figures.get("UK", {})
    if uk:
        paragraphs.append(f"United Kingdom (not in the claim): {_n(uk['all'])} "
                          f"({_split(uk)}) over the same period.")
    if us and eu:
        ratio = f"{us['all'] / eu['all']:.0f} to 1" if eu["all"] else "with none in the EU"
        holds = us["all"] > CLAIM_US and eu["all"] < 10 * CLAIM_EU
        paragraphs.append(
            f"In short: by the lists' own dates, the US added {us['all']} such entities and "
            f"the EU {eu['all']} ({ratio}). "
            + ("The claim's order of magnitude holds." if holds else
               "The lists do not bear out the claim's proportions."))
    caveats = [
        "OFAC's SDN files state no designation dates: an SDN listing is dated by the first "
        "snapshot holding it, so 'added since' and 'as of' are bounded by the snapshots "
        "loaded (see the method).",
        "The claim speaks of 'Chinese groups'; the lists count legal entities, and count "
        "mainland China and Hong Kong apart (both are given).",
        "EU and BIS dates are the lists' stated listing dates, read from versions published "
        "after the claim date; a party listed and removed again in between would be missing.",
        *[c for c in result.caveats if c.startswith("Resolution")],
    ]
    return ClaimCheck(figures, paragraphs, caveats, result, us_lists)


def check_claim(con: duckdb.DuckDBPyConnection) -> ClaimCheck:
    """Compute the claim's two sides from the knowledge base."""
    return claim_from_result(run_gap(con, CLAIM_QUERY))
