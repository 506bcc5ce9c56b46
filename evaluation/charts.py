"""Charts drawn as SVG on the server: the same on screen and in the PDFs.

They never rely on colour alone: every bar carries its value as text, the target is a
dashed line with its label, planned and actual periods differ by their hatching, and
each chart has a title and an accessible label. The pages show the same numbers in a
table next to each chart.
"""

from __future__ import annotations

import itertools
import math
from datetime import date
from decimal import Decimal

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from .models import format_number

PRIMARY = "#1f4e79"
ACCENT = "#b35c00"
GREY = "#6c757d"
FONT = 'font-family="DejaVu Sans, Liberation Sans, Arial, sans-serif"'
_ids = itertools.count(1)


def _uid(prefix: str) -> str:
    return f"{prefix}{next(_ids)}"


def _text(x, y, content, *, size=11, anchor="start", weight="normal", fill="#222") -> str:
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" text-anchor="{anchor}" font-weight="{weight}" '
        f'fill="{fill}">{escape(content)}</text>'
    )


def _svg(width, height, label, body) -> SafeString:
    return mark_safe(
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="100%" '
        f'preserveAspectRatio="xMinYMin meet" role="img" aria-label="{escape(label)}" class="chart" {FONT}>'
        f"<title>{escape(label)}</title>{body}</svg>"
    )


def _hatch(pattern_id: str, color: str) -> str:
    return (
        f'<pattern id="{pattern_id}" patternUnits="userSpaceOnUse" width="6" height="6" patternTransform="rotate(45)">'
        f'<rect width="6" height="6" fill="#fff"/><line x1="0" y1="0" x2="0" y2="6" stroke="{color}" stroke-width="2.5"/>'
        "</pattern>"
    )


def bar_chart(items: list[tuple[str, float | int | Decimal | None]], *, title: str, formatter=format_number) -> SafeString:
    """Horizontal bars, one per (label, value), the value written at the end of each bar."""
    width, label_width, row, top = 640, 230, 26, 8
    height = top + row * max(len(items), 1) + 6
    values = [float(v or 0) for _label, v in items]
    top_value = max([*values, 1.0])
    plot = width - label_width - 70
    parts = []
    for index, (label, value) in enumerate(items):
        y = top + index * row
        bar = 0 if not value else max(2.0, plot * float(value) / top_value)
        short = label if len(label) <= 34 else label[:33] + "…"
        parts.append(_text(label_width - 8, y + 16, short, anchor="end"))
        parts.append(f'<rect x="{label_width}" y="{y + 4}" width="{bar:.1f}" height="{row - 10}" fill="{PRIMARY}"/>')
        parts.append(_text(label_width + bar + 6, y + 16, formatter(value or 0), weight="bold"))
    parts.append(
        f'<line x1="{label_width}" y1="{top}" x2="{label_width}" y2="{height - 4}" stroke="#333" stroke-width="1"/>'
    )
    return _svg(width, height, title, "".join(parts))


def progress_bar(percent: int | None, *, label: str) -> SafeString:
    """A horizontal gauge 0–100 % with the percentage written next to it."""
    width, height = 240, 22
    filled = 0 if percent is None else 180 * percent / 100
    text = "—" if percent is None else f"{percent}\u202f%"
    body = (
        f'<rect x="0.5" y="4.5" width="180" height="13" fill="#fff" stroke="#555"/>'
        f'<rect x="0.5" y="4.5" width="{filled:.1f}" height="13" fill="{PRIMARY}"/>'
        + _text(188, 16, text, weight="bold")
    )
    return _svg(width, height, f"{label} : {text}", body)


def _nice_max(value: float) -> float:
    if value <= 0:
        return 1.0
    magnitude = 10 ** (len(str(int(value))) - 1)
    for step in (1, 2, 2.5, 5, 10):
        if value <= step * magnitude:
            return step * magnitude
    return value


def line_chart(
    points: list[tuple[str, Decimal | None]],
    *,
    title: str,
    target: Decimal | None = None,
    target_label: str = "",
    expected: list[Decimal | None] | None = None,
    formatter=format_number,
    y_max: float | None = None,
) -> SafeString:
    """Values over periods as a solid line with round markers; the target as a dashed line."""
    width, height = 640, 250
    left, right, top, bottom = 56, 110, 18, 46
    plot_w, plot_h = width - left - right, height - top - bottom
    numbers = [float(v) for _label, v in points if v is not None]
    if target is not None:
        numbers.append(float(target))
    whole = all(n.is_integer() for n in numbers)
    numbers += [float(v) for v in (expected or []) if v is not None]
    top_value = y_max if y_max is not None else _nice_max(max([*numbers, 0.0]) * 1.1)
    if y_max is None and whole and top_value < 40:
        top_value = max(4.0, math.ceil(max([*numbers, 0.0]) * 1.1 / 4) * 4)  # whole ticks for small counts
    count = max(len(points), 1)

    def x_at(i):
        return left + (plot_w * (i + 0.5) / count)

    def y_at(v):
        return top + plot_h - plot_h * float(v) / top_value

    parts = []
    for step in range(5):
        value = top_value * step / 4
        y = y_at(value)
        parts.append(f'<line x1="{left}" y1="{y:.1f}" x2="{left + plot_w}" y2="{y:.1f}" stroke="#ddd"/>')
        parts.append(_text(left - 6, y + 4, formatter(Decimal(str(round(value, 2)))), size=10, anchor="end", fill="#444"))
    parts.append(f'<line x1="{left}" y1="{top + plot_h}" x2="{left + plot_w}" y2="{top + plot_h}" stroke="#333"/>')
    every = max(1, (count + 6) // 7)
    for i, (label, _value) in enumerate(points):
        if (count - 1 - i) % every == 0:  # anchored on the latest period, which is always labelled
            parts.append(_text(x_at(i), top + plot_h + 16, label, size=10, anchor="middle", fill="#444"))
    if expected and any(v is not None for v in expected):
        coords = " ".join(f"{x_at(i):.1f},{y_at(v):.1f}" for i, v in enumerate(expected) if v is not None)
        parts.append(f'<polyline points="{coords}" fill="none" stroke="{GREY}" stroke-width="1.5" stroke-dasharray="2 3"/>')
    if target is not None:
        y = y_at(target)
        parts.append(
            f'<line x1="{left}" y1="{y:.1f}" x2="{left + plot_w}" y2="{y:.1f}" stroke="{ACCENT}" stroke-width="2" stroke-dasharray="7 4"/>'
        )
        parts.append(_text(left + plot_w + 6, y + 4, target_label or _("Target: %(value)s") % {"value": formatter(target)},
                           size=10, weight="bold", fill=ACCENT))
    segment = []
    for i, (_label, value) in enumerate(points):
        if value is None:
            if len(segment) > 1:
                parts.append(f'<polyline points="{" ".join(segment)}" fill="none" stroke="{PRIMARY}" stroke-width="2.5"/>')
            segment = []
            continue
        segment.append(f"{x_at(i):.1f},{y_at(value):.1f}")
    if len(segment) > 1:
        parts.append(f'<polyline points="{" ".join(segment)}" fill="none" stroke="{PRIMARY}" stroke-width="2.5"/>')
    last_index = max((i for i, (_l, v) in enumerate(points) if v is not None), default=None)
    for i, (_label, value) in enumerate(points):
        if value is not None:
            parts.append(f'<circle cx="{x_at(i):.1f}" cy="{y_at(value):.1f}" r="3.5" fill="#fff" stroke="{PRIMARY}" stroke-width="2"/>')
    if last_index is not None:
        value = points[last_index][1]
        parts.append(_text(x_at(last_index), y_at(value) - 8, formatter(value), size=11, anchor="middle", weight="bold", fill=PRIMARY))
    # Legend: line styles, not colours, tell the series apart.
    ly = height - 10
    parts.append(f'<line x1="{left}" y1="{ly - 4}" x2="{left + 26}" y2="{ly - 4}" stroke="{PRIMARY}" stroke-width="2.5"/>')
    parts.append(f'<circle cx="{left + 13}" cy="{ly - 4}" r="3.5" fill="#fff" stroke="{PRIMARY}" stroke-width="2"/>')
    parts.append(_text(left + 32, ly, _("Measured values"), size=10))
    if target is not None:
        parts.append(f'<line x1="{left + 170}" y1="{ly - 4}" x2="{left + 196}" y2="{ly - 4}" stroke="{ACCENT}" stroke-width="2" stroke-dasharray="7 4"/>')
        parts.append(_text(left + 202, ly, _("Target"), size=10))
    if expected and any(v is not None for v in expected):
        parts.append(f'<line x1="{left + 280}" y1="{ly - 4}" x2="{left + 306}" y2="{ly - 4}" stroke="{GREY}" stroke-width="1.5" stroke-dasharray="2 3"/>')
        parts.append(_text(left + 312, ly, _("Expected trajectory"), size=10))
    return _svg(width, height, title, "".join(parts))


def phase_chart(rows: list[dict], *, title: str) -> SafeString:
    """Planned (hatched) against actual (solid) periods of each phase, on one time axis.

    rows: [{"label", "planned_start", "planned_end", "actual_start", "actual_end"}], dates or None.
    """
    dates = [d for row in rows for d in (row["planned_start"], row["planned_end"], row["actual_start"], row["actual_end"]) if d]
    width, label_width, row_h, top = 640, 200, 34, 24
    height = top + row_h * max(len(rows), 1) + 34
    pattern = _uid("planned")
    parts = [f"<defs>{_hatch(pattern, GREY)}</defs>"]
    if not dates:
        parts.append(_text(width / 2, height / 2, _("No dates planned yet."), anchor="middle", fill="#444"))
        return _svg(width, height, title, "".join(parts))
    first, last = min(dates), max(dates)
    span = max((last - first).days, 1)
    plot = width - label_width - 20

    def x_at(day: date) -> float:
        return label_width + plot * (day - first).days / span

    for year in range(first.year, last.year + 1):
        for month in (1, 7):
            tick = date(year, month, 1)
            if first <= tick <= last:
                x = x_at(tick)
                parts.append(f'<line x1="{x:.1f}" y1="{top - 6}" x2="{x:.1f}" y2="{height - 30}" stroke="#ddd"/>')
                parts.append(_text(x, top - 10, tick.strftime("%m/%Y"), size=9, anchor="middle", fill="#444"))
    for index, row in enumerate(rows):
        y = top + index * row_h
        label = row["label"] if len(row["label"]) <= 30 else row["label"][:29] + "…"
        parts.append(_text(label_width - 8, y + 19, label, anchor="end"))
        if row["planned_start"] and row["planned_end"]:
            x1, x2 = x_at(row["planned_start"]), x_at(row["planned_end"])
            parts.append(f'<rect x="{x1:.1f}" y="{y + 3}" width="{max(x2 - x1, 2):.1f}" height="11" fill="url(#{pattern})" stroke="{GREY}"/>')
        if row["actual_start"]:
            end = row["actual_end"] or row.get("today") or row["actual_start"]
            x1, x2 = x_at(row["actual_start"]), x_at(min(max(end, row["actual_start"]), last))
            parts.append(f'<rect x="{x1:.1f}" y="{y + 16}" width="{max(x2 - x1, 2):.1f}" height="11" fill="{PRIMARY}"/>')
            if row.get("late"):
                parts.append(_text(x2 + 4, y + 26, "⚠ " + _("late"), size=9, weight="bold", fill="#a61b1b"))
    ly = height - 10
    parts.append(f'<rect x="{label_width}" y="{ly - 10}" width="24" height="10" fill="url(#{pattern})" stroke="{GREY}"/>')
    parts.append(_text(label_width + 30, ly, pgettext("evaluation", "Planned"), size=10))
    parts.append(f'<rect x="{label_width + 110}" y="{ly - 10}" width="24" height="10" fill="{PRIMARY}"/>')
    parts.append(_text(label_width + 140, ly, pgettext("evaluation", "Actual"), size=10))
    return _svg(width, height, title, "".join(parts))


def indicator_chart(state, series: list, *, short_labels: bool = True) -> SafeString:
    """The line chart of one indicator (an `IndicatorState`) with its target and expected trajectory."""
    indicator = state.indicator
    points = [(indicator.period_label(period, short=short_labels), value) for period, value in series]
    trajectory = indicator.trajectory(intermediate=state.steps, first_period=series[0][0] if series else None)
    if trajectory.origin_value is None and series:
        from dataclasses import replace

        trajectory = replace(trajectory, origin_value=series[0][1])
    expected = [trajectory.expected(period) for period, _value in series]
    y_max = 100.0 if indicator.unit == indicator.Unit.PERCENT else (
        float(indicator.scale_max) if indicator.unit == indicator.Unit.SCORE and indicator.scale_max else None
    )
    return line_chart(
        points,
        title=_("%(name)s: values per period and target") % {"name": indicator.name},
        target=indicator.target,
        target_label=_("Target: %(value)s") % {"value": indicator.format_value(indicator.target)} if indicator.target is not None else "",
        expected=expected,
        formatter=format_number,
        y_max=y_max,
    )
