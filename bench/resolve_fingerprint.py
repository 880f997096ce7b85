"""Fingerprint of resolution, matching and screening, to prove a speed-up changed nothing.

    .venv/bin/python bench/resolve_fingerprint.py KB.duckdb before.json   # old code
    .venv/bin/python bench/resolve_fingerprint.py KB.duckdb after.json    # new code
    .venv/bin/python bench/resolve_fingerprint.py --diff before.json after.json

Runs resolution on a copy of the knowledge base and records: the cluster of every record,
every merge (pair, score, explanation), ``compare`` both ways with explanations and
``score_many`` for a sample of candidate pairs and of random pairs, and the hits of 600
screening queries (real names with a seeded typo, a dropped word or changed case).  Run
the old code with ``PYTHONPATH=/path/to/old/src`` to get the "before" file.
"""

from __future__ import annotations

import json
import random
import shutil
import sys
import tempfile
import time
from dataclasses import astuple
from pathlib import Path
from typing import Any

import duckdb

from sanctiongap import resolve
from sanctiongap.match import compare, prepare
from sanctiongap.names.index import NameIndex
from sanctiongap.scoring import score_many
from sanctiongap.screen import Screener
from sanctiongap.screen_io import make_row


def _perturb(rng: random.Random, name: str) -> str:
    words = name.split()
    choice = rng.randrange(4)
    if choice == 0 and len(name) > 6:
        i = rng.randrange(1, len(name) - 1)
        return name[:i] + name[i + 1:]
    if choice == 1 and len(words) > 2:
        del words[rng.randrange(len(words))]
        return " ".join(words)
    if choice == 2:
        return name.lower()
    return name


def fingerprint(kb_path: Path) -> dict[str, Any]:
    out: dict[str, Any] = {}
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "kb.duckdb"
        shutil.copy(kb_path, path)
        con = duckdb.connect(str(path))
        started = time.perf_counter()
        out["resolve"] = resolve.resolve_kb(con)
        out["resolve_seconds"] = time.perf_counter() - started
        out["clusters"] = dict(con.execute(
            "SELECT record_key, canonical_id FROM clusters").fetchall())
        out["merges"] = [list(r) for r in con.execute(
            "SELECT canonical_id, left_key, right_key, score, explanation FROM merges "
            "ORDER BY left_key, right_key").fetchall()]
        records = resolve.load_subjects(con)
        prepared = [prepare(r.subject) for r in records]
        index = NameIndex(prepared, fuzzy=False,
                          max_share=resolve.MAX_BLOCK / max(1, len(prepared)))
        rng = random.Random(7)
        pairs = resolve.candidate_pairs(index)[::15]
        pairs += [(rng.randrange(len(records)), rng.randrange(len(records)))
                  for _ in range(3000)]
        compared = []
        for a, b in pairs:
            row: list[Any] = [records[a].key, records[b].key]
            for q, c in ((a, b), (b, a)):
                res = compare(prepared[q], prepared[c])
                row += [res.score, res.explanation()]
                row += score_many(prepared[q], [prepared[c]], floor=0.8)
                row += score_many(prepared[q], [prepared[c]], floor=0.9)
            compared.append(row)
        out["compare"] = compared
        names = [n for (n,) in con.execute(
            "SELECT name FROM names ORDER BY record_key, name").fetchall()]
        queries = [_perturb(rng, n) for n in rng.sample(names, 600)]
        rows = [make_row(i + 1, q, None, None, None) for i, q in enumerate(queries)]
        started = time.perf_counter()
        screened = Screener(con).screen_rows(rows)
        out["screen_seconds"] = time.perf_counter() - started
        out["screen"] = [[s.row.name] + [
            [h.entity_id, h.caption, h.schema, h.score, h.matched_record,
             h.result.explanation(), [list(astuple(x)) for x in h.listings]]
            for h in s.hits] for s in screened]
        con.close()
    return out


def diff(before: dict[str, Any], after: dict[str, Any]) -> int:
    problems = 0
    for key in ("clusters", "merges", "compare", "screen"):
        a, b = before[key], after[key]
        if a == b:
            print(f"{key}: identical ({len(a)} items)")
            continue
        if isinstance(a, dict):
            changed = [k for k in a.keys() | b.keys() if a.get(k) != b.get(k)]
            print(f"{key}: {len(changed)} of {len(a)} differ, e.g. {changed[:5]}")
            problems += len(changed)
            continue
        changed = [(x, y) for x, y in zip(a, b, strict=False) if x != y]
        print(f"{key}: {len(changed)} of {len(a)} differ (lengths {len(a)}/{len(b)})")
        for x, y in changed[:5]:
            print("  before:", x)
            print("  after: ", y)
        problems += len(changed) + abs(len(a) - len(b))
    for key in ("resolve_seconds", "screen_seconds"):
        print(f"{key}: {before[key]:.1f} -> {after[key]:.1f}")
    return problems


def main() -> None:
    if sys.argv[1] == "--diff":
        before = json.loads(Path(sys.argv[2]).read_text())
        after = json.loads(Path(sys.argv[3]).read_text())
        sys.exit(1 if diff(before, after) else 0)
    data = fingerprint(Path(sys.argv[1]))
    Path(sys.argv[2]).write_text(json.dumps(data, ensure_ascii=False))
    print(f"resolve {data['resolve_seconds']:.1f} s, screen {data['screen_seconds']:.1f} s, "
          f"{len(data['merges'])} merges, {len(data['compare'])} compared pairs")


if __name__ == "__main__":
    main()
