"""Rebuild the bundled snapshot under data/ from ../shared/data (the list files as
published), compressing the large text files and writing data/manifest.json.

    .venv/bin/python tools/make_bundle.py [SHARED_DATA_DIR]
"""

from __future__ import annotations

import gzip
import hashlib
import json
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
PD = "US public domain"
NC = "CC BY-NC 4.0 (transcription by OpenSanctions; credit required, non-commercial)"
OGL = "UK Open Government Licence v3.0"
EU = "EU (Commission Decision 2011/833/EU, reuse permitted)"

# (source path under shared/data, format, licence, origin, min_records, max_records)
SOURCES: list[tuple[str, str, str, str, int, int]] = [
    *[(f"us/ofac/sdn_{d}", "ofac_sdn_csv", PD, "OFAC SDN list, legacy CSV", 5000, 40000)
      for d in ("2021-04-25", "2022-02-23", "2022-12-28", "2023-06-29", "2023-12-28",
                "2024-05-03")],
    *[(f"us/ofac/sdn_{d}_no_primary", "ofac_sdn_presence", PD,
       "OFAC SDN list, add.csv only: membership at that date", 5000, 40000)
      for d in ("2025-01", "2025-12")],
    ("us/ofac/cons_2025-12", "ofac_cons_csv", PD, "OFAC Consolidated (non-SDN) lists", 50, 20000),
    ("us/bis/bis_entity_list.json", "bis_entity_json", PD,
     "BIS Entity List, 15 CFR 744 Supp. 4 as parsed from the eCFR", 2000, 10000),
    ("eu/32014R0833.csv", "eu_journal_csv", NC,
     "EU Reg. 833/2014, consolidated text 02014R0833-20260717", 100, 20000),
    ("eu/32014R0269.csv", "eu_journal_csv", NC,
     "EU Reg. 269/2014 Annex I, consolidated text of 2026-07-17", 100, 20000),
    ("eu/fsf_sample_2026-08-05.xml", "eu_fsf_xml", EU,
     "EU Financial Sanctions Files XML 1.1, 6-record sample", 1, 20000),
    ("uk/UK_Sanctions_List.xlsx", "uk_ofsi_xlsx", OGL, "OFSI Consolidated List (ConList)",
     2000, 20000),
    ("uk/fcdo_sample_2026-09-10.xml", "uk_fcdo_xml", OGL, "FCDO UK Sanctions List, 5-record sample",
     1, 20000),
    ("ua/ua_war_sanctions_2026-03/targets.simple.csv", "opensanctions_targets_csv", NC,
     "Ukraine War & Sanctions (GUR), OpenSanctions targets.simple export", 100, 1000000),
]
EXTRA = [("chpl/chpl_hs6_tiers.csv", "facts", "Common High Priority List (EU/US/UK/JP), 2024-02-23")]
SNAPSHOT_DATES = {"us/ofac/cons_2025-12": "2025-12-01", "us/bis/bis_entity_list.json": "2026-07-09",
                  "eu/32014R0833.csv": "2026-07-17", "eu/32014R0269.csv": "2026-07-17",
                  "uk/UK_Sanctions_List.xlsx": "2025-04-10",
                  "us/ofac/sdn_2025-01_no_primary": "2025-01-01",
                  "us/ofac/sdn_2025-12_no_primary": "2025-12-01"}
COMPRESS = {".csv", ".json"}
PRESENCE_FILES = {"add.csv"}


def _copy(src: Path, dest_dir: Path) -> dict[str, str]:
    digest = hashlib.sha256(src.read_bytes()).hexdigest()
    dest_dir.mkdir(parents=True, exist_ok=True)
    if src.suffix in COMPRESS and src.stat().st_size > 50_000:
        target = dest_dir / (src.name + ".gz")
        with src.open("rb") as fin, gzip.GzipFile(target, "wb", compresslevel=9, mtime=0) as fout:
            shutil.copyfileobj(fin, fout)
    else:
        target = dest_dir / src.name
        shutil.copyfile(src, target)
    return {"file": str(target.relative_to(DATA)), "original": src.name, "sha256": digest}


def main(shared: Path) -> None:
    entries = []
    for rel, fmt, licence, origin, low, high in SOURCES:
        src = shared / rel
        files = sorted(p for p in src.iterdir() if p.suffix == ".csv") if src.is_dir() else [src]
        if fmt == "ofac_sdn_presence":
            files = [p for p in files if p.name in PRESENCE_FILES]
        dest_dir = DATA / (rel if src.is_dir() else str(Path(rel).parent))
        copied = [_copy(p, dest_dir) for p in files]
        path = rel if src.is_dir() else copied[0]["file"]
        entries.append({"path": path, "format": fmt, "snapshot_date": SNAPSHOT_DATES.get(rel),
                        "licence": licence, "origin": origin, "files": copied,
                        "min_records": low, "max_records": high})
    extras = []
    for rel, licence, origin in EXTRA:
        copied = _copy(shared / rel, DATA / str(Path(rel).parent))
        extras.append({"path": copied["file"], "licence": licence, "origin": origin,
                       "files": [copied]})
    manifest = {"shared_data_readme": "../shared/data/README.md", "sources": entries,
                "extras": extras}
    (DATA / "manifest.json").write_text(json.dumps(manifest, indent=1, ensure_ascii=False) + "\n")
    print(f"wrote {len(entries)} sources to {DATA}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "data")
