"""Charts as server-side SVG, for the planner and the queue's figures: a heat map, grouped bars, a tornado, a line
of shares and a tile map.

No JavaScript and nothing fetched: each chart is one ``<svg role="img">`` with a ``<title>`` and a ``<desc>``
(its text alternative, read by screen readers and printed in the PDF report), sized by its ``viewBox`` so it
scales to a phone, a counter PC or a kiosk. Labels are escaped here; numbers are written by :func:`number`
(Vietnamese style in Vietnamese: 1.234,5).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from django.utils.formats import number_format
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

_IDS = itertools.count(1)
FONT = "font-family=\"'Noto Sans', 'DejaVu Sans', Arial, sans-serif\""
INK, MUTED, GRID = "#1f2933", "#5b6770", "#d9dee3"
BASELINE_COLOUR, SCENARIO_COLOUR, ALERT_COLOUR = "#8a6d3b", "#0b6e4f", "#b42318"
SERIES_COLOURS = ("#8a6d3b", "#0b6e4f", "#0b4a7e", "#c2410c")


def number(value: float | int | None, digits: int = 0) -> str:
    """``1234.5`` → ``1.234,5`` in Vietnamese, ``1,234.5`` in English."""
    if value is None:
        return "–"
    return str(number_format(round(value, digits), decimal_pos=digits, use_l10n=True, force_grouping=True))


def percent(value: float, digits: int = 0) -> str:
    return number(value * 100, digits) + " %"


def svg_open(width: int, height: int, title: str, desc: str, css: str = "") -> tuple[str, str]:
    ident = f"chart-{next(_IDS)}"
    head = (
        f'<svg class="chart {css}" viewBox="0 0 {width} {height}" role="img" '
        f'aria-labelledby="{ident}-t {ident}-d" xmlns="http://www.w3.org/2000/svg" {FONT} font-size="12">'
        f'<title id="{ident}-t">{escape(title)}</title><desc id="{ident}-d">{escape(desc)}</desc>'
    )
    return ident, head


def svg_close(parts: list[str]) -> SafeString:
    """The chart's markup; every text in it went through ``escape`` (labels) or is a number we formatted."""
    return mark_safe("".join([*parts, "</svg>"]))  # noqa: S308 - built here from escaped labels and numbers


def svg_text(
    x: float, y: float, text: str, *, anchor: str = "start", size: int = 12, fill: str = INK, extra: str = ""
) -> str:
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" font-size="{size}" fill="{fill}"{extra}>'
        f"{escape(text)}</text>"
    )


def _shade(value: float, top: float) -> str:
    """A blue from pale (0) to dark (``top``)."""
    share = 0.0 if top <= 0 else max(0.0, min(1.0, value / top))
    light, dark = (234, 242, 250), (11, 74, 126)
    r, g, b = (round(light[i] + (dark[i] - light[i]) * share) for i in range(3))
    return f"#{r:02x}{g:02x}{b:02x}"


def heatmap(
    *,
    title: str,
    desc: str,
    rows: Sequence[str],
    columns: Sequence[str],
    values: Sequence[Sequence[float | None]],
    top: float | None = None,
) -> SafeString:
    """A grid of cells (``None``: closed), darker for larger values (up to ``top``, by default the largest, so
    two maps can share one scale), each with its value written in it."""
    cell_w, cell_h, left, head = 44, 26, 70, 22
    width, height = left + cell_w * len(columns) + 6, head + cell_h * len(rows) + 6
    _ident, svg = svg_open(width, height, title, desc, "chart--heatmap")
    highest = top or max((value for row in values for value in row if value is not None), default=0.0)
    parts = [svg]
    for index, label in enumerate(columns):
        parts.append(svg_text(left + cell_w * (index + 0.5), head - 7, label, anchor="middle", fill=MUTED))
    for row_index, (label, row) in enumerate(zip(rows, values, strict=True)):
        y = head + row_index * cell_h
        parts.append(svg_text(left - 6, y + cell_h / 2 + 4, label, anchor="end"))
        for index, value in enumerate(row):
            x = left + index * cell_w
            if value is None:
                parts.append(f'<rect x="{x}" y="{y}" width="{cell_w - 2}" height="{cell_h - 2}" fill="#f4f5f7"/>')
                continue
            fill = _shade(value, highest)
            ink = "#ffffff" if highest and value / highest > 0.55 else INK
            parts.append(f'<rect x="{x}" y="{y}" width="{cell_w - 2}" height="{cell_h - 2}" fill="{fill}"/>')
            parts.append(svg_text(x + (cell_w - 2) / 2, y + cell_h / 2 + 3, number(value), anchor="middle", fill=ink))
    return svg_close(parts)


@dataclass(frozen=True)
class Series:
    label: str
    colour: str


def bars(
    *,
    title: str,
    desc: str,
    series: Sequence[Series],
    groups: Sequence[tuple[str, Sequence[float]]],
    fmt: Callable[[float], str] = number,
    width: int = 440,
) -> SafeString:
    """Horizontal bars: one group per label (written above its bars, so long labels need no margin), one bar
    per series in it, with the value at the bar's end; the legend has one line per series."""
    left, bar_h, label_h, gap = 4, 18, 18, 10
    plot = width - left - 120
    legend_h = 18 * len(series) + 4
    height = legend_h + len(groups) * (label_h + len(series) * bar_h + gap) + 4
    _ident, svg = svg_open(width, height, title, desc, "chart--bars")
    highest = max((abs(value) for _label, values in groups for value in values), default=0.0) or 1.0
    parts = [svg]
    for index, item in enumerate(series):
        parts.append(f'<rect x="{left}" y="{4 + 18 * index}" width="12" height="12" fill="{item.colour}"/>')
        parts.append(svg_text(left + 18, 14 + 18 * index, item.label))
    y = legend_h
    for label, values in groups:
        parts.append(svg_text(left, y + 13, label, extra=' font-weight="600"'))
        y += label_h
        for item, value in zip(series, values, strict=True):
            length = max(0.0, value) / highest * plot
            parts.append(
                f'<rect x="{left}" y="{y + 1}" width="{length:.1f}" height="{bar_h - 3}" fill="{item.colour}"/>'
            )
            parts.append(svg_text(left + length + 4, y + bar_h - 5, fmt(value), fill=MUTED))
            y += bar_h
        y += gap
    return svg_close(parts)


def tornado(
    *,
    title: str,
    desc: str,
    base: float,
    rows: Sequence[tuple[str, float, float]],
    low_label: str,
    high_label: str,
    fmt: Callable[[float], str] = number,
) -> SafeString:
    """For each input, a bar from the outcome with the input lowered to the outcome with it raised, around the
    base outcome (a vertical line); the longest bars first."""
    left, bar_h, width = 300, 20, 760
    plot = width - left - 20
    height = 44 + len(rows) * bar_h + 24
    _ident, svg = svg_open(width, height, title, desc, "chart--tornado")
    values = [base, *(value for _label, low, high in rows for value in (low, high))]
    low_end, high_end = min(values), max(values)
    span = (high_end - low_end) or 1.0

    def at(value: float) -> float:
        return left + (value - low_end) / span * plot

    parts = [svg]
    parts.append(f'<rect x="{left}" y="6" width="12" height="12" fill="{BASELINE_COLOUR}"/>')
    parts.append(svg_text(left + 16, 16, low_label))
    parts.append(f'<rect x="{left + 200}" y="6" width="12" height="12" fill="{SCENARIO_COLOUR}"/>')
    parts.append(svg_text(left + 216, 16, high_label))
    y = 30
    for label, low, high in rows:
        parts.append(svg_text(left - 8, y + bar_h / 2 + 4, label, anchor="end"))
        for value, colour in ((low, BASELINE_COLOUR), (high, SCENARIO_COLOUR)):
            start, end = sorted((at(base), at(value)))
            parts.append(
                f'<rect x="{start:.1f}" y="{y + 2}" width="{max(1.0, end - start):.1f}" height="{bar_h - 4}" '
                f'fill="{colour}" opacity="0.85"/>'
            )
        y += bar_h
    parts.append(
        f'<line x1="{at(base):.1f}" y1="26" x2="{at(base):.1f}" y2="{y + 2}" stroke="{INK}" stroke-width="1.5"/>'
    )
    parts.append(svg_text(at(base), y + 16, fmt(base), anchor="middle"))
    parts.append(svg_text(left, y + 16, fmt(low_end), fill=MUTED))
    parts.append(svg_text(left + plot, y + 16, fmt(high_end), anchor="end", fill=MUTED))
    return svg_close(parts)


def share_lines(
    *,
    title: str,
    desc: str,
    x_labels: Sequence[str],
    series: Sequence[tuple[Series, Sequence[float]]],
    goal: float | None = None,
    goal_label: str = "",
    marker_index: int | None = None,
    marker_label: str = "",
    x_values: Sequence[float] | None = None,
) -> SafeString:
    """Shares (0..1) along ``x_labels`` (evenly, or at ``x_values``) as lines with dots, an optional horizontal
    goal line (dashed) and a vertical marker (the target wait)."""
    left, top, width, height = 46, 26, 640, 250
    plot_w, plot_h = width - left - 16, height - top - 40
    _ident, svg = svg_open(width, height, title, desc, "chart--lines")
    parts = [svg]
    steps = max(1, len(x_labels) - 1)

    def x_at(index: int) -> float:
        if x_values is not None:  # placed by value (minutes), not evenly
            span = (x_values[-1] - x_values[0]) or 1.0
            return left + (x_values[index] - x_values[0]) / span * plot_w
        return left + index / steps * plot_w

    # Shares all above one half are drawn from 50 % up, so the distance to the goal can be seen.
    lowest = min((value for _item, values in series for value in values), default=0.0)
    floor = 0.5 if lowest >= 0.5 and (goal is None or goal >= 0.5) else 0.0

    def y_at(share: float) -> float:
        return top + (1 - (share - floor) / (1 - floor)) * plot_h

    for tick in (0.5, 0.6, 0.7, 0.8, 0.9, 1.0) if floor else (0.0, 0.25, 0.5, 0.75, 1.0):
        parts.append(
            f'<line x1="{left}" x2="{left + plot_w}" y1="{y_at(tick):.1f}" y2="{y_at(tick):.1f}" stroke="{GRID}"/>'
        )
        parts.append(svg_text(left - 4, y_at(tick) + 4, percent(tick), anchor="end", size=11, fill=MUTED))
    every = max(1, len(x_labels) // 12)
    for index, label in enumerate(x_labels):
        if index % every == 0:
            parts.append(svg_text(x_at(index), top + plot_h + 16, label, anchor="middle", size=11, fill=MUTED))
    if marker_index is not None:
        x = x_at(marker_index)
        parts.append(
            f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{top}" y2="{top + plot_h}" '
            f'stroke="{ALERT_COLOUR}" stroke-dasharray="3 3"/>'
        )
        parts.append(svg_text(x + 4, top + 12, marker_label, size=11, fill=ALERT_COLOUR))
    if goal is not None:
        y = y_at(goal)
        parts.append(
            f'<line x1="{left}" x2="{left + plot_w}" y1="{y:.1f}" y2="{y:.1f}" '
            f'stroke="{ALERT_COLOUR}" stroke-dasharray="6 4"/>'
        )
        parts.append(svg_text(left + plot_w, y - 4, goal_label, anchor="end", size=11, fill=ALERT_COLOUR))
    legend_x = left
    for item, values in series:
        points = " ".join(f"{x_at(i):.1f},{y_at(v):.1f}" for i, v in enumerate(values))
        parts.append(f'<polyline points="{points}" fill="none" stroke="{item.colour}" stroke-width="2"/>')
        parts += [
            f'<circle cx="{x_at(i):.1f}" cy="{y_at(v):.1f}" r="2.5" fill="{item.colour}"/>'
            for i, v in enumerate(values)
        ]
        parts.append(f'<rect x="{legend_x}" y="4" width="12" height="12" fill="{item.colour}"/>')
        parts.append(svg_text(legend_x + 16, 14, item.label))
        legend_x += 30 + 7 * len(item.label)
    return svg_close(parts)


@dataclass(frozen=True)
class Tile:
    code: str
    label: str  # short name written in the tile
    value: float | None  # None: no figure (out of scope or not planned): grey
    caption: str  # the value as written under the label
    url: str = ""
    highlighted: bool = False


# (column, row) of each province on a tile map shaped like the country, north at the top.
TILE_PLACES: dict[str, tuple[int, int]] = {
    "12": (1, 0), "15": (2, 0), "08": (3, 0), "04": (4, 0),
    "11": (0, 1), "14": (1, 1), "25": (2, 1), "19": (3, 1), "20": (4, 1),
    "01": (2, 2), "24": (3, 2), "22": (4, 2),
    "37": (2, 3), "33": (3, 3), "31": (4, 3),
    "38": (2, 4),
    "40": (2, 5),
    "42": (3, 6),
    "44": (3, 7),
    "46": (4, 8),
    "48": (4, 9),
    "52": (3, 10), "51": (4, 10),
    "66": (3, 11), "56": (4, 11),
    "68": (3, 12),
    "80": (1, 13), "79": (2, 13), "75": (3, 13),
    "91": (0, 14), "82": (1, 14), "86": (2, 14),
    "96": (0, 15), "92": (1, 15),
}  # fmt: skip


def tile_map(*, title: str, desc: str, tiles: Sequence[Tile]) -> SafeString:
    """The provinces as tiles placed roughly where they lie, coloured by their value (grey: no value); a
    highlighted tile has a thick border; a tile with a URL is a link."""
    tile_w, tile_h, gap = 108, 44, 4
    columns = 1 + max(column for column, _row in TILE_PLACES.values())
    rows = 1 + max(row for _column, row in TILE_PLACES.values())
    width, height = columns * (tile_w + gap), rows * (tile_h + gap)
    _ident, svg = svg_open(width, height, title, desc, "chart--tiles")
    highest = max((tile.value for tile in tiles if tile.value is not None), default=0.0)
    parts = [svg]
    for tile in tiles:
        column, row = TILE_PLACES.get(tile.code, (columns - 1, rows - 1))
        x, y = column * (tile_w + gap), row * (tile_h + gap)
        fill = "#e4e7eb" if tile.value is None else _shade(0.15 * highest + 0.85 * tile.value, highest)
        dark = tile.value is not None and highest and (0.15 + 0.85 * tile.value / highest) > 0.55
        ink = "#ffffff" if dark else (INK if tile.value is not None else MUTED)
        stroke = (
            f' stroke="{"#f7c325" if tile.highlighted else "#ffffff"}" stroke-width="{4 if tile.highlighted else 1}"'
        )
        body = (
            f'<rect x="{x}" y="{y}" width="{tile_w}" height="{tile_h}" rx="4" fill="{fill}"{stroke}/>'
            + svg_text(
                x + tile_w / 2, y + 18, tile.label, anchor="middle", size=11, fill=ink, extra=' font-weight="600"'
            )
            + svg_text(x + tile_w / 2, y + 34, tile.caption, anchor="middle", size=11, fill=ink)
        )
        label = escape(f"{tile.label}: {tile.caption}")
        if tile.url:
            parts.append(
                f'<a href="{escape(tile.url)}" aria-label="{label}"><g data-province="{tile.code}">{body}</g></a>'
            )
        else:
            parts.append(f'<g data-province="{tile.code}">{body}</g>')
    return svg_close(parts)
