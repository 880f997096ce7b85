"""Word lists the name matcher relies on: legal forms, low-information company words,
stop words and a light canonicalisation of English company vocabulary.

All entries are lower case and ASCII, in the form the tokenizer produces.

* ``LEGAL_FORMS`` are dropped from a company name before comparison: "Co., Ltd.",
  "Limited", "LLC", "ООО" (after transliteration "ooo"), "GmbH" ... say nothing about
  which company it is.  rigour's org-type table removes the multi-word forms first
  ("limited liability company", "открытое акционерное общество"); this set catches the
  single tokens it leaves behind.
* ``GENERIC`` words describe a trade or a corporate shape ("trade", "technology",
  "electronic", "international", "group").  They stay in the name but weigh little, so two
  names cannot match on them alone: "Trading Technology Limited" is not "Technology
  Trading Co".
* ``CANONICAL`` folds inflections of those words onto one spelling so that "Trading" and
  "Trade", "Electronics" and "Electronic" agree, and so that an English gloss from the
  Chinese dictionary ("(commercial) trade") lands on the same token as the English name.
* ``STOP`` words and honorifics weigh almost nothing ("the", "of", "Dr", "Jr").
* ``PARTICLES`` are name particles ("al", "bin", "van") that lists write in several ways.
"""

from __future__ import annotations


def words(text: str) -> frozenset[str]:
    """The whitespace-separated words of a block of text, as a set."""
    return frozenset(text.split())

LEGAL_FORMS: frozenset[str] = words(
    """
    ltd limited llc co company companies corp corporation inc incorporated plc jsc ojsc cjsc
    pjsc ooo oao zao pao ao tov pat prat gmbh ag sa srl bv nv pte pty llp lp kg kft ab oy
    spa sas sarl fze fzco fzc fzllc fz dmcc bhd sdn limitada ltda lda doo dd ad eood ead
    as a/s aps sro spzoo zoo sp kk yk gk cv sc sae saog saoc qsc wll jv ulc pvt
    sl slu bvba sprl ug ek ohg gbr liability joint stock sociedad anonima limitada
    responsabilidad rl eirl sac saa sia uab sarl fzllc ltdsti sti sirketi
    """
)

# Canonical spelling for inflected company vocabulary (applied to every Latin token).
CANONICAL: dict[str, str] = {
    "trading": "trade",
    "trades": "trade",
    "trader": "trade",
    "traders": "trade",
    "commercial": "commerce",
    "technologies": "technology",
    "technological": "technology",
    "tech": "technology",
    "techn": "technology",
    "technical": "technology",
    "electronics": "electronic",
    "electronical": "electronic",
    "electric": "electrical",
    "industries": "industry",
    "industrial": "industry",
    "intl": "international",
    "int": "international",
    "imp": "import",
    "exp": "export",
    "services": "service",
    "systems": "system",
    "solutions": "solution",
    "products": "product",
    "materials": "material",
    "components": "component",
    "holdings": "holding",
    "enterprises": "enterprise",
    "investments": "investment",
    "developments": "development",
    "machines": "machinery",
    "machine": "machinery",
    "tools": "tool",
    "instruments": "instrument",
    "devices": "device",
    "logistic": "logistics",
    "sciences": "science",
    "scientific": "science",
    "networks": "network",
    "communications": "communication",
    "resources": "resource",
    "partners": "partner",
    "ventures": "venture",
    "parts": "part",
    "supplies": "supply",
    "supplier": "supply",
    "suppliers": "supply",
    "factories": "factory",
    "centre": "center",
    "centres": "center",
    "centers": "center",
    "manufacture": "manufacturing",
    "manufacturer": "manufacturing",
    "equipments": "equipment",
    "engineering": "engineer",
    "engineers": "engineer",
    "distributor": "distribution",
    "distributors": "distribution",
    "innovations": "innovation",
    "innovative": "innovation",
    "intelligence": "intelligent",
    "optics": "optical",
    "optoelectronic": "optoelectronics",
    "semiconductors": "semiconductor",
    "petrochemicals": "petrochemical",
    "chemicals": "chemical",
    "metals": "metal",
    "energies": "energy",
    "informations": "information",
    "institutes": "institute",
    "associates": "associate",
    "groups": "group",
    "hk": "hongkong",
}

GENERIC: frozenset[str] = words(
    """
    trade commerce technology electronic electrical international industry import export
    group holding development science engineer logistics shipping supply chain management
    service equipment machinery enterprise global investment manufacturing product system
    solution material component network communication information energy precision
    instrument factory plant research institute center design bureau agency partner
    associate venture capital finance financial construction resource innovation
    intelligent smart new high hi tool device automation control optical digital software
    marine maritime transport transportation freight forwarding forwarder cargo
    distribution sourcing wholesale retail store shop ecommerce part consulting
    consultancy industrial general universal united union world worldwide commodity
    commodities import-export impex trust bank leasing insurance firm business
    corporate branch office representative co-operative cooperative association
    economic economy material microelectronics optoelectronics semiconductor chemical
    metal petroleum oil gas mining steel power electro parts accessory accessories
    equip apparatus application applied mechanical electromechanical mechanic cnc
    building making
    """
)

# Generic words that give a firm's shape or reach, not its trade ("Group", "Holding",
# "International"): a name that has one of these and another name lacks it can still
# be the same firm.
SHAPE: frozenset[str] = words(
    """
    group holding enterprise international global general universal united union world
    worldwide firm business corporate branch office representative associate partner
    venture cooperative co-operative association
    """
)

# Generic words that name an industry, by sector: two firms whose names differ only in
# these ("Sinno Electronics" / "Sino Machinery") are more likely two firms.  Words of one
# sector do not conflict with each other ("electronic" / "semiconductor").
SECTORS: dict[str, str] = {
    word: sector
    for sector, text in (
        ("electronics", "electronic electrical microelectronics optoelectronics "
                        "semiconductor electro electromechanical"),
        ("machinery", "machinery mechanical cnc tool mechanic"),
        ("chemicals", "chemical petrochemical petroleum oil gas"),
        ("metals", "metal steel mining"),
        ("transport", "logistics shipping freight cargo forwarding forwarder transport "
                      "transportation marine maritime"),
        ("banking", "bank"),
        ("insurance", "insurance"),
        ("finance", "finance financial leasing investment capital trust"),
        ("energy", "energy power"),
        ("optics", "optical"),
        ("instruments", "instrument"),
        ("software", "software"),
        ("construction", "construction"),
    )
    for word in text.split()
}

STOP: frozenset[str] = words(
    """
    the and of for de du des la le et und
    mr mrs ms miss dr prof eng col gen lt maj capt sgt hajji haji sayyid sayed sheikh
    jr sr ii iii iv
    """
)

# Words that begin a company word but are words of their own, with another meaning: a
# name's last word is read as cut short by a field limit ("BRAVERY MARITIME COR") only
# when it is not one of these ("Aviation Engine" is no "Engineer", "One World" no
# "Worldwide").
NOT_CUT_SHORT: frozenset[str] = words(
    """
    engine world part plan mini meta intel gene fact unit soft join limit digit bran
    cent sour whole factor enter intern elect optic
    """
)

PARTICLES: frozenset[str] = words(
    "al el bin ibn abu abd van von der den della del da di dos das mac mc o"
)

# Latin tokens that name places in and around China; they weigh little in a company name
# (a company is not identified by its city).  Chinese place names from the dictionary
# gazetteer are added to this set at run time (see sanctiongap.names.cedict).
LATIN_PLACES: frozenset[str] = words(
    """
    china chinese prc hong kong hk hongkong kowloon macau macao taiwan asia asian pacific
    europe european eurasia eurasian east west north south northern southern eastern
    western central far shenzhen guangzhou beijing shanghai tianjin chongqing hangzhou
    dalian xiamen dongguan zhuhai ningbo suzhou wuhan chengdu xian nanjing qingdao
    harbin changsha yiwu foshan huizhou guangdong zhejiang jiangsu shandong fujian
    city province district county region oblast krai
    iranian russian turkish syrian korean american british german french indian emirati
    ukrainian belarusian kazakh uzbek arab arabian african latin national
    """
)

# Words a Chinese company name uses for its trade, with the English form they take in
# company names.  CC-CEDICT does the bulk of the translation; these are the few common
# words where its first sense is not the one a company name means.
GLOSS_OVERRIDES: dict[str, str] = {
    "科技": "technology",
    "贸易": "trade",
    "商贸": "trade",
    "经贸": "economic trade",
    "科贸": "technology trade",
    "工贸": "industry trade",
    "电子": "electronic",
    "实业": "industry",
    "国际": "international",
    "发展": "development",
    "进出口": "import export",
    "技术": "technology",
    "集团": "group",
    "控股": "holding",
    "投资": "investment",
    "物流": "logistics",
    "供应链": "supply chain",
    "电器": "electrical",
    "机械": "machinery",
    "设备": "equipment",
    "航运": "shipping",
    "船务": "shipping",
    "海运": "shipping",
    "能源": "energy",
    "工业": "industry",
    "制造": "manufacturing",
    "网络": "network",
    "信息": "information",
    "通讯": "communication",
    "通信": "communication",
    "咨询": "consulting",
    "服务": "service",
    "管理": "management",
    "企业": "enterprise",
    "环球": "global",
    "全球": "global",
    "中心": "center",
    "研究院": "research institute",
    "研究所": "research institute",
    "光电": "optoelectronics",
    "微电子": "microelectronics",
    "元器件": "component",
    "零部件": "component",
    "配件": "part",
    "货运": "freight",
    "代理": "agency",
    "智能": "intelligent",
    "商行": "trade",
    "商务": "business",
    "机电": "electromechanical",
    "数控": "cnc",
    "自动化": "automation",
    "仪器": "instrument",
    "通用": "general",
    "动力": "power",
    "机器": "machinery",
    "装备": "equipment",
    "精密": "precision",
    "材料": "material",
    "化工": "chemical",
    "光学": "optical",
    "工程": "engineering",
    "建设": "construction",
    "矿业": "mining",
    "钢铁": "steel",
    "航天": "aerospace",
    "宇航": "aerospace",
    "船舶": "ship",
    "海洋": "marine",
    "汽车": "automotive",
    "医疗": "medical",
    "有限": "limited",
    "分公司": "branch",
}

# One-character words whose sense in company names is not CC-CEDICT's first one: 芯
# ("wick, pith" in the dictionary) names the chip in 中芯, 芯片 and many firms' brands.
HAN_MORPHEMES: dict[str, str] = {
    "芯": "chip",
}

# Legal-form suffixes of Chinese and Japanese company names (simplified script), longest
# first, with the English the firms use.  Removed from the end of a name before
# segmentation.
HAN_LEGAL_FORMS: dict[str, str] = {
    "股份有限公司": "Co Ltd",
    "有限责任公司": "Co Ltd",
    "有限公司": "Co Ltd",
    "股份公司": "Co",
    "有限会社": "Co Ltd",
    "株式会社": "Co Ltd",
    "总公司": "Corp",
    "公司": "Co",
}
HAN_LEGAL_SUFFIXES: tuple[str, ...] = tuple(HAN_LEGAL_FORMS)

# One-character words that close a name and name its trade.
HAN_SUFFIX_WORDS: dict[str, str] = {
    "厂": "factory",
    "店": "store",
    "行": "trade",
    "所": "institute",
    "院": "institute",
    "局": "bureau",
    "社": "agency",
}
COMPOUND_SURNAMES = words(
    "欧阳 司马 诸葛 上官 东方 皇甫 尉迟 公孙 慕容 夏侯 长孙 宇文 司徒 令狐 端木 独孤 南宫"
)
