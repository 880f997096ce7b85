"""Small HTML building blocks: escaping, the page frame, tables.

Every string that comes from a list (names, addresses, reasons, file names) passes
through :func:`esc`.  Pages link to each other and to ``assets/`` by relative paths,
so the site opens from disk (file://) with no server and no network.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

SITE_TITLE = "sanctiongap"
NAV = (("index.html", "Overview"), ("matrix.html", "Gap matrix"),
       ("methods.html", "Methods & sources"), ("downloads.html", "Downloads"))


def esc(value: object) -> str:
    """HTML-escape any value (None becomes the empty string)."""
    return "" if value is None else html.escape(str(value), quote=True)


def attrs(**values: object) -> str:
    """` key="value"` pairs, escaped; a trailing underscore is dropped (class_)."""
    parts = []
    for key, value in values.items():
        if value is None or value is False:
            continue
        name = key.rstrip("_").replace("_", "-")
        parts.append(f' {name}="{esc(value)}"')
    return "".join(parts)


@dataclass(frozen=True, slots=True)
class Col:
    """A table column: header text, CSS class, and whether the cells are numbers."""

    title: str
    css: str = ""
    numeric: bool = False
    tip: str = ""


def table(cols: Sequence[Col], rows: Iterable[Sequence[str]], *, css: str = "data",
          caption: str = "", id_: str | None = None) -> str:
    """A table of already-escaped cell HTML."""
    heads = []
    for c in cols:
        css_names = " ".join(x for x in (c.css, "num" if c.numeric else "") if x)
        heads.append(f"<th{attrs(class_=css_names or None, title=c.tip or None)}>"
                     f"{esc(c.title)}</th>")
    head = "".join(heads)
    body = []
    for row in rows:
        cells = "".join(
            f"<td{attrs(class_='num' if c.numeric else None)}>{cell}</td>"
            for c, cell in zip(cols, row, strict=True))
        body.append(f"<tr>{cells}</tr>")
    cap = f"<caption>{esc(caption)}</caption>" if caption else ""
    rows_html = "".join(body)
    return (f'<div class="table-wrap"><table{attrs(class_=css, id=id_)}>{cap}<thead><tr>{head}'
            f"</tr></thead><tbody>{rows_html}</tbody></table></div>")


def page(title: str, body: str, *, depth: int = 0, active: str = "", subtitle: str = "",
         scripts: Sequence[str] = (), footer: str = "", wide: bool = False) -> str:
    """A complete HTML document with the site's header, navigation and footer."""
    up = "../" * depth
    current = ' class="active" aria-current="page"'
    nav = "".join(f'<a href="{up}{href}"{current if href == active else ""}>{esc(label)}</a>'
                  for href, label in NAV)
    script_tags = "".join(f'<script src="{up}assets/{esc(s)}"></script>' for s in scripts)
    wide_css = " wide" if wide else ""
    sub = f'<p class="subtitle">{subtitle}</p>' if subtitle else ""
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{esc(title)} · {SITE_TITLE}</title>
<link rel="stylesheet" href="{up}assets/style.css">
</head>
<body>
<header class="site"><div class="wrap{wide_css}">
<a class="brand" href="{up}index.html">{SITE_TITLE}<span>the designation gap</span></a>
<nav>{nav}</nav>
</div></header>
<main class="wrap{wide_css}">
<h1>{esc(title)}</h1>
{sub}
{body}
</main>
<footer class="site"><div class="wrap{wide_css}">{footer}</div></footer>
{script_tags}
</body>
</html>
"""


def badge(text: str, kind: str = "") -> str:
    """A small label (kind picks the colour: US, EU, UK, listed, possibly, ...)."""
    return f"<span{attrs(class_=f'badge {kind}'.strip())}>{esc(text)}</span>"


def paragraphs(texts: Iterable[str], css: str = "") -> str:
    """Escaped paragraphs."""
    return "".join(f"<p{attrs(class_=css or None)}>{esc(t)}</p>" for t in texts)


def bullets(texts: Iterable[str], css: str = "") -> str:
    """An escaped bullet list."""
    items = "".join(f"<li>{esc(t)}</li>" for t in texts)
    return f"<ul{attrs(class_=css or None)}>{items}</ul>"
