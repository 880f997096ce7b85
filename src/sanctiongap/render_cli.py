"""Rich tables the command line prints (no logic beyond formatting)."""

from __future__ import annotations

from collections.abc import Sequence

import duckdb
from rich.table import Table

from sanctiongap.load import ParsedSource


def load_table(parsed: Sequence[ParsedSource]) -> Table:
    """The closing table of a load: one row per source."""
    table = Table(title="Loaded sources", show_lines=False)
    for col, justify in [("source", "left"), ("format", "left"), ("snapshot", "left"),
                         ("records", "right"), ("by schema", "left"), ("CN", "right"),
                         ("HK", "right"), ("Russia", "right"), ("dates", "left"),
                         ("warnings", "right"), ("s", "right")]:
        table.add_column(col, justify=justify)  # type: ignore[arg-type]
    for p in parsed:
        s = p.summary()
        schemata = ", ".join(f"{k} {v}" for k, v in s["schemata"].most_common())  # type: ignore[attr-defined]
        dates = f"{s['first']} … {s['last']}" if s["first"] else "—"
        if p.presence is not None:
            schemata, dates = "(membership only)", "—"
        table.add_row(str(s["source"]), str(s["format"]), str(s["snapshot"] or "—"),
                      f"{s['records']:,}", schemata, str(s["cn"]), str(s["hk"]),
                      str(s["russia"]), dates, str(s["warnings"]), f"{s['seconds']:.1f}")
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
