"""The lists sanctiongap knows, grouped by jurisdiction.

A jurisdiction is not a list: the US publishes the OFAC SDN list, OFAC's non-SDN
consolidated lists and the BIS Entity List; the EU has Annex IV of Reg. 833/2014
(export restrictions) and Annex I of Reg. 269/2014 (asset freeze).  The gap is asked
per jurisdiction and per list.
"""

from __future__ import annotations

from sanctiongap.model import Jurisdiction, ListInfo

_ALL = [
    ListInfo("us_ofac_sdn", "OFAC Specially Designated Nationals (SDN) List",
             Jurisdiction.US, "OFAC", "asset freeze"),
    ListInfo("us_ofac_cons", "OFAC Consolidated (non-SDN) Sanctions Lists",
             Jurisdiction.US, "OFAC", "investment or financing restriction"),
    ListInfo("us_bis_entity", "BIS Entity List (15 CFR 744 Supp. 4)",
             Jurisdiction.US, "BIS", "export restriction"),
    ListInfo("us_csl", "trade.gov Consolidated Screening List",
             Jurisdiction.US, "ITA (trade.gov)", "screening"),
    ListInfo("eu_833_annex_iv", "EU Reg. 833/2014 Annex IV (military-industrial end users)",
             Jurisdiction.EU, "Council of the EU", "export restriction"),
    ListInfo("eu_833_other", "EU Reg. 833/2014, other annexes",
             Jurisdiction.EU, "Council of the EU", "sectoral restriction"),
    ListInfo("eu_269_annex_i", "EU Reg. 269/2014 Annex I (asset freeze)",
             Jurisdiction.EU, "Council of the EU", "asset freeze"),
    ListInfo("eu_fsf", "EU Financial Sanctions Files (consolidated)",
             Jurisdiction.EU, "Council of the EU", "asset freeze"),
    ListInfo("uk_ofsi", "UK OFSI Consolidated List",
             Jurisdiction.UK, "OFSI", "asset freeze"),
    ListInfo("uk_fcdo", "UK Sanctions List (FCDO)",
             Jurisdiction.UK, "FCDO", "asset freeze"),
    ListInfo("ua_war_sanctions", "Ukraine War & Sanctions (foreign suppliers)",
             Jurisdiction.UA, "GUR (Ukraine)", "watch list"),
    ListInfo("ftm_generic", "FollowTheMoney input",
             Jurisdiction.OTHER, "(as stated)", "(as stated)"),
]

LISTS: dict[str, ListInfo] = {info.list_id: info for info in _ALL}


def list_info(list_id: str) -> ListInfo:
    """The ListInfo for a list id; unknown ids raise KeyError with the known ones."""
    try:
        return LISTS[list_id]
    except KeyError:
        known = ", ".join(sorted(LISTS))
        raise KeyError(f"unknown list id {list_id!r}; known: {known}") from None
