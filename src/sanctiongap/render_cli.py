"""Rich tables the command line prints (no logic beyond formatting)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from pathlib import Path

import duckdb
from rich.table import Table

from sanctiongap.load import ParsedSource


def load_table(parsed: Sequence[ParsedSource]) -> Table:
    """The closing table of a load: one row per source."""
    table = Table(title="Loaded sources", show_lines=False, pad_edge=False)
    for col, justify in [("source", "left"), ("snapshot", "left"), ("records", "right"),
                         ("schemata", "left"), ("CN", "right"), ("HK", "right"),
                         ("Russia", "right"), ("listed", "left"), ("warn", "right"),
                         ("s", "right")]:
        table.add_column(col, justify=justify, overflow="fold")  # type: ignore[arg-type]
    for p in parsed:
        s = p.summary()
        counts = s["schemata"]
        assert isinstance(counts, Counter)
        schemata = " ".join(f"{k[:3]} {v:,}" for k, v in counts.most_common(3))
        dates = f"{str(s['first'])[:4]}–{str(s['last'])[:4]}" if s["first"] else "—"
        if p.presence is not None:
            schemata, dates = "membership", "—"
        name = "/".join(Path(str(s["source"])).parts[-2:])
        table.add_row(name, str(s["snapshot"] or "—"), f"{s['records']:,}", schemata,
                      str(s["cn"]), str(s["hk"]), str(s["russia"]), dates, str(s["warnings"]),
                      f"{s['seconds']:.1f}")
    return table


def sources_table(con: duckdb.DuckDBPyConnection) -> Table:
    """The sources a knowledge base was built from."""
    table = Table(title="Sources in the knowledge base")
    for col in ["id", "path", "format", "snapshot", "role", "records", "warnings", "sha256"]:
        table.add_column(col)
    rows = con.execute("SELECT source_id, path, format, snapshot_date, role, records, warnings, "
                       "sha256[1] FROM sources ORDER BY source_id").fetchall()
    for row in rows:
        table.add_row(*[str(v) if v is not None else "—" for v in row[:-1]], str(row[-1])[:12])
    return table
