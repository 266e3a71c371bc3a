"""The figures' charts: the planner's server-side SVG (``motcua.core.charts``), plus one it lacks.

The planner draws bars, heat maps and lines of shares; the hour chart needs columns of arrivals with the p90 wait
over them and the 15-minute line, so :func:`hours_chart` draws that with the planner's own pieces (title, desc,
escaped text, colours), and the others are the planner's charts fed with the queue's numbers. Every chart comes
with a table of its numbers on the page (``<details>``), for screen readers and for reading exact values.
"""

from __future__ import annotations

from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from motcua.core import charts
from motcua.core.charts import ALERT_COLOUR, GRID, MUTED, SERIES_COLOURS, Series, number, percent

from .compute import Figures


def minutes(value: float) -> str:
    return _("%(minutes)s min") % {"minutes": number(value, 1)}


def hours_chart(figures: Figures) -> SafeString:
    """Arrivals per hour of the day as columns (left scale), the p90 wait of those arrivals as a line with dots
    (right scale, minutes) and the target wait as a dashed line on the minutes' scale."""
    hours = figures.by_hour
    target = figures.target_minutes
    left, top, width, height = 46, 30, 640, 260
    plot_w, plot_h = width - left - 52, height - top - 40
    title = _("Arrivals and p90 wait by hour of the day")
    desc = _("Columns: tickets issued each hour; line: the wait 9 visitors in 10 did not exceed; dashed: %(target)s.")
    _ident, svg = charts.svg_open(width, height, title, desc % {"target": minutes(target)}, "chart--hours")
    parts = [svg]
    most = max((hour.arrivals for hour in hours), default=0) or 1
    longest = max([target * 1.2, *(hour.wait_p90 or 0.0 for hour in hours)])
    slot = plot_w / max(1, len(hours))

    def y_count(value: float) -> float:
        return top + plot_h - value / most * plot_h

    def y_wait(value: float) -> float:
        return top + plot_h - value / longest * plot_h

    for tick in (0.0, 0.5, 1.0):
        y = top + plot_h - tick * plot_h
        parts.append(f'<line x1="{left}" x2="{left + plot_w}" y1="{y:.1f}" y2="{y:.1f}" stroke="{GRID}"/>')
        parts.append(charts.svg_text(left - 4, y + 4, number(most * tick), anchor="end", size=11, fill=MUTED))
        parts.append(charts.svg_text(left + plot_w + 4, y + 4, minutes(longest * tick), size=11, fill=MUTED))
    line: list[str] = []
    for index, hour in enumerate(hours):
        x = left + index * slot
        y = y_count(hour.arrivals)
        parts.append(
            f'<rect x="{x + slot * 0.15:.1f}" y="{y:.1f}" width="{slot * 0.7:.1f}" height="{top + plot_h - y:.1f}" '
            f'fill="{SERIES_COLOURS[2]}" opacity="0.8"/>'
        )
        parts.append(charts.svg_text(x + slot / 2, top + plot_h + 16, f"{hour.key:02d}h", anchor="middle", size=11))
        if hour.wait_p90 is not None:
            line.append(f"{x + slot / 2:.1f},{y_wait(hour.wait_p90):.1f}")
    if line:
        parts.append(f'<polyline points="{" ".join(line)}" fill="none" stroke="{SERIES_COLOURS[0]}" stroke-width="2"/>')
        for point in line:
            cx, cy = point.split(",")
            parts.append(f'<circle cx="{cx}" cy="{cy}" r="3.5" fill="{SERIES_COLOURS[0]}"/>')
    y = y_wait(target)
    parts.append(
        f'<line x1="{left}" x2="{left + plot_w}" y1="{y:.1f}" y2="{y:.1f}" stroke="{ALERT_COLOUR}" '
        f'stroke-dasharray="6 4"/>'
    )
    parts.append(charts.svg_text(left + plot_w - 4, y - 4, minutes(target), anchor="end", size=11, fill=ALERT_COLOUR))
    legend = ((SERIES_COLOURS[2], _("Arrivals")), (SERIES_COLOURS[0], _("p90 wait")))
    for index, (colour, label) in enumerate(legend):
        parts.append(f'<rect x="{left + 130 * index}" y="6" width="12" height="12" fill="{colour}"/>')
        parts.append(charts.svg_text(left + 130 * index + 16, 16, label))
    return charts.svg_close(parts)


def days_chart(figures: Figures) -> SafeString:
    """The share called within the target, day by day, against the share that makes a day meet it."""
    days = [day for day in figures.by_day if day.within_share is not None]
    return charts.share_lines(
        title=_("Share called within %(target)s, per day") % {"target": minutes(figures.target_minutes)},
        desc=_("Each day's share of visitors called within the target; dashed: the share that meets it (%(share)s).")
        % {"share": percent(figures.target_share)},
        x_labels=[day.key.strftime("%d/%m") for day in days],
        series=[(Series(_("Within the target"), SERIES_COLOURS[1]), [day.within_share or 0.0 for day in days])],
        goal=figures.target_share,
        goal_label=_("Target %(share)s") % {"share": percent(figures.target_share)},
    )


def counters_chart(figures: Figures) -> SafeString:
    return charts.bars(
        title=_("Wait by counter"),
        desc=_("Mean and p90 wait, in minutes, of the visitors each counter called."),
        series=[Series(_("Mean wait"), SERIES_COLOURS[2]), Series(_("p90 wait"), SERIES_COLOURS[0])],
        groups=[(row.label, [row.wait_mean or 0.0, row.wait_p90 or 0.0]) for row in figures.by_counter],
        fmt=minutes,
    )


def ratings_chart(figures: Figures) -> SafeString:
    total = figures.total
    return charts.bars(
        title=_("Ratings"),
        desc=_("Share of the ratings given, by score (%(count)s ratings).") % {"count": number(total.rated)},
        series=[Series(_("Share of ratings"), SERIES_COLOURS[1])],
        groups=[
            (_("Satisfied"), [total.satisfied_share or 0.0]),
            (_("Neutral"), [total.neutral_share or 0.0]),
            (_("Dissatisfied"), [total.dissatisfied_share or 0.0]),
        ],
        fmt=percent,
    )
