"""Charts as inline SVG, drawn in Python: no JavaScript library, no network.

Each chart carries a <title> and <desc> for screen readers; the report puts the same
figures in a table next to it.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sanctiongap.report.html import esc

COLOURS = {"US": "#1d4e89", "EU": "#c48a00", "UK": "#b3261e", "JP": "#6b4c9a",
           "UA": "#2e7d4f"}
OTHER = "#5f6b7a"
FONT = 'font-family="inherit"'


def colour(key: str) -> str:
    """The colour of a jurisdiction (grey for anything else)."""
    return COLOURS.get(key, OTHER)


def nice_max(value: float) -> tuple[int, int]:
    """A round axis maximum at or above ``value`` and its tick step."""
    if value <= 0:
        return 1, 1
    magnitude = 10 ** math.floor(math.log10(value))
    for factor in (1, 2, 2.5, 5, 10):
        step = factor * magnitude / 5 if factor * magnitude >= value else 0
        if step:
            top = int(math.ceil(value / step) * step)
            return max(top, 1), max(int(step), 1)
    return int(10 * magnitude), int(2 * magnitude)


@dataclass(frozen=True, slots=True)
class Series:
    """One line of the timeline: certain counts and certain-or-possible counts."""

    key: str
    label: str
    days: Sequence[date]
    listed: Sequence[int]
    upper: Sequence[int]


def timeline_svg(series: Sequence[Series], *, marker: date | None = None,
                 marker_label: str = "", title: str = "", width: int = 760,
                 height: int = 320) -> str:
    """Cumulative listings by month, one line per jurisdiction; a dashed line above it
    where snapshot bounds leave entities only possibly listed."""
    left, right, top, bottom = 46, 120, 18, 34
    days = [d for s in series for d in s.days]
    if not days:
        return ""
    first, last = min(days).toordinal(), max(days).toordinal()
    span = max(last - first, 1)
    ymax, ystep = nice_max(max([v for s in series for v in s.upper] + [1]))
    plot_w, plot_h = width - left - right, height - top - bottom

    def x(day: date) -> float:
        return left + (day.toordinal() - first) / span * plot_w

    def y(value: float) -> float:
        return top + plot_h - value / ymax * plot_h

    parts = [f'<svg class="chart timeline" viewBox="0 0 {width} {height}" role="img" '
             f'aria-labelledby="tl-title tl-desc" xmlns="http://www.w3.org/2000/svg" {FONT}>',
             f'<title id="tl-title">{esc(title or "Cumulative listings by month")}</title>']
    desc = "; ".join(f"{s.label}: {s.listed[-1]} on {s.days[-1]}" for s in series if s.days)
    parts.append(f'<desc id="tl-desc">{esc(desc)}</desc>')
    for tick in range(0, ymax + 1, ystep):
        ty = y(tick)
        parts.append(f'<line class="grid" x1="{left}" x2="{left + plot_w}" y1="{ty:.1f}" '
                     f'y2="{ty:.1f}"/>')
        parts.append(f'<text class="axis" x="{left - 6}" y="{ty + 4:.1f}" '
                     f'text-anchor="end">{tick}</text>')
    for year in range(min(days).year, max(days).year + 2):
        jan = date(year, 1, 1)
        if first <= jan.toordinal() <= last:
            tx = x(jan)
            parts.append(f'<line class="tick" x1="{tx:.1f}" x2="{tx:.1f}" y1="{top + plot_h}" '
                         f'y2="{top + plot_h + 5}"/>')
            parts.append(f'<text class="axis" x="{tx:.1f}" y="{top + plot_h + 20}" '
                         f'text-anchor="middle">{year}</text>')
    parts.append(f'<line class="baseline" x1="{left}" x2="{left + plot_w}" '
                 f'y1="{top + plot_h}" y2="{top + plot_h}"/>')
    if marker is not None and first <= marker.toordinal() <= last:
        mx = x(marker)
        parts.append(f'<line class="marker" x1="{mx:.1f}" x2="{mx:.1f}" y1="{top}" '
                     f'y2="{top + plot_h}"/>')
        parts.append(f'<text class="marker-label" x="{mx + 4:.1f}" y="{top + 10}">'
                     f'{esc(marker_label)}</text>')
    label_ys: list[float] = []
    for s in series:
        if not s.days:
            continue
        stroke = colour(s.key)
        if any(u != v for u, v in zip(s.upper, s.listed, strict=True)):
            pts = " ".join(f"{x(d):.1f},{y(v):.1f}" for d, v in zip(s.days, s.upper, strict=True))
            parts.append(f'<polyline class="series-upper" data-group="{esc(s.key)}" '
                         f'points="{pts}" stroke="{stroke}"/>')
        pts = " ".join(f"{x(d):.1f},{y(v):.1f}" for d, v in zip(s.days, s.listed, strict=True))
        parts.append(f'<polyline class="series" data-group="{esc(s.key)}" points="{pts}" '
                     f'stroke="{stroke}"/>')
        ly = y(s.listed[-1])
        while any(abs(ly - other) < 14 for other in label_ys):
            ly -= 14
        label_ys.append(ly)
        parts.append(f'<text class="series-label" x="{left + plot_w + 8}" y="{ly + 4:.1f}" '
                     f'fill="{stroke}">{esc(s.label)} {s.listed[-1]}</text>')
    parts.append("</svg>")
    return "".join(parts)


@dataclass(frozen=True, slots=True)
class Bar:
    """One bar of a horizontal bar chart."""

    label: str
    value: int
    key: str  # colour key (a jurisdiction) or "" for the neutral colour
    note: str = ""  # small text after the value


def bars_svg(bars: Sequence[Bar], *, title: str, width: int = 760, row: int = 30,
             label_width: int = 210) -> str:
    """A horizontal bar chart; every bar is a <rect class="bar"> with its value in
    ``data-value``."""
    if not bars:
        return ""
    height = row * len(bars) + 12
    right = 170
    top_value = max([b.value for b in bars] + [1])
    plot_w = width - label_width - right
    parts = [f'<svg class="chart bars" viewBox="0 0 {width} {height}" role="img" '
             f'xmlns="http://www.w3.org/2000/svg" {FONT}><title>{esc(title)}</title>',
             "<desc>" + esc("; ".join(f"{b.label}: {b.value}" for b in bars)) + "</desc>"]
    for i, b in enumerate(bars):
        by = 6 + i * row
        w = b.value / top_value * plot_w
        if b.value and w < 2:
            w = 2
        fill = colour(b.key) if b.key else OTHER
        parts.append(f'<text class="bar-label" x="{label_width - 10}" y="{by + row / 2 + 1:.1f}" '
                     f'text-anchor="end">{esc(b.label)}</text>')
        parts.append(f'<rect class="bar-track" x="{label_width}" y="{by + 5}" '
                     f'width="{plot_w}" height="{row - 10}"/>')
        parts.append(f'<rect class="bar" data-value="{b.value}" x="{label_width}" '
                     f'y="{by + 5}" width="{w:.1f}" height="{row - 10}" fill="{fill}"/>')
        note = f' <tspan class="bar-note">{esc(b.note)}</tspan>' if b.note else ""
        parts.append(f'<text class="bar-value" x="{label_width + w + 6:.1f}" '
                     f'y="{by + row / 2 + 1:.1f}">{b.value}{note}</text>')
    parts.append("</svg>")
    return "".join(parts)
