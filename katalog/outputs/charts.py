"""Horizontal bar charts as inline SVG, drawn at build time (no chart JavaScript).

Each row puts its label and number on one line and the bar below it, so the chart stays readable
when the viewBox is scaled down to a 320 px phone. Colours come from CSS classes in assets/style.css
(the CSP forbids style attributes), so dark mode follows the page.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

WIDTH = 300  # viewBox units; the SVG scales to the width of its container
FONT_SIZE = 14
BAR_HEIGHT = 14
ROW_HEIGHT = FONT_SIZE + 4 + BAR_HEIGHT + 10  # label line, gap, bar, space before the next row
LEGEND_HEIGHT = 22
MARKER_OVERHANG = 3  # the target marker reaches a little above and below its bar
MAX_LABEL = 24  # characters: longer labels are shortened in the chart (the table beside it has them in full)


@dataclass(frozen=True)
class Bar:
    """One row: what it counts (`key`, e.g. an OPD slug or a year), its label, value and optional target."""

    key: str
    label: str
    value: int
    target: int = 0  # 0: no target marker
    note: str = ""  # the number as written at the end of the label line; default: the value


@dataclass(frozen=True)
class Chart:
    """A chart ready for a page: the SVG markup (every text escaped here) and the data it was drawn from."""

    id: str
    title: str
    description: str
    bars: tuple[Bar, ...]
    svg: str


def bar_chart(chart_id: str, title: str, description: str, bars: list[Bar] | tuple[Bar, ...], target_label: str = "") -> Chart:
    """A horizontal bar chart; bars with a target get a marker line at it, explained by `target_label`."""
    bars = tuple(bars)
    has_targets = any(bar.target for bar in bars)
    top = LEGEND_HEIGHT if has_targets else 0
    height = top + ROW_HEIGHT * len(bars) + 2
    largest = max([1, *(bar.value for bar in bars), *(bar.target for bar in bars)])
    scale = WIDTH / largest
    parts = [
        f'<svg class="chart" id="{chart_id}" role="img" aria-labelledby="{chart_id}-judul" aria-describedby="{chart_id}-ket"'
        f' viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}" font-size="{FONT_SIZE}">',
        f'<title id="{chart_id}-judul">{escape(title)}</title>',
        f'<desc id="{chart_id}-ket">{escape(description)}</desc>',
    ]
    if has_targets:
        middle = LEGEND_HEIGHT // 2
        parts.append(
            f'<g class="chart-legend"><line class="chart-target" x1="1.5" y1="{middle - 8}" x2="1.5" y2="{middle + 8}"/>'
            f'<text x="10" y="{middle + 4}">{escape(target_label)}</text></g>'
        )
    for index, bar in enumerate(bars):
        parts.append(_row(bar, top + index * ROW_HEIGHT, scale))
    parts.append("</svg>")
    return Chart(chart_id, title, description, bars, "".join(parts))


def _row(bar: Bar, y: int, scale: float) -> str:
    """One bar with its label line; data-* attributes carry the exact numbers drawn."""
    label = bar.label if len(bar.label) <= MAX_LABEL else bar.label[: MAX_LABEL - 1].rstrip() + "…"
    bar_top = FONT_SIZE + 4
    row = [
        f'<g class="chart-row" data-key="{escape(bar.key)}" data-value="{bar.value}" data-target="{bar.target}"'
        f' transform="translate(0 {y})">',
        f'<text class="chart-label" x="0" y="{FONT_SIZE}">{escape(label)}</text>',
        f'<text class="chart-value" x="{WIDTH}" y="{FONT_SIZE}" text-anchor="end">{escape(bar.note or str(bar.value))}</text>',
        f'<rect class="chart-track" x="0" y="{bar_top}" width="{WIDTH}" height="{BAR_HEIGHT}"/>',
        f'<rect class="chart-bar" x="0" y="{bar_top}" width="{_number(bar.value * scale)}" height="{BAR_HEIGHT}"/>',
    ]
    if bar.target:
        # Keep a marker at the full width inside the drawing, where its 3-unit stroke stays visible.
        x = _number(min(bar.target * scale, WIDTH - 1.5))
        row.append(
            f'<line class="chart-target" x1="{x}" y1="{bar_top - MARKER_OVERHANG}" x2="{x}"'
            f' y2="{bar_top + BAR_HEIGHT + MARKER_OVERHANG}"/>'
        )
    row.append("</g>")
    return "".join(row)


def _number(value: float) -> str:
    """Coordinates with at most two decimals and no trailing zeros, so output is stable and small."""
    return f"{value:.2f}".rstrip("0").rstrip(".")
