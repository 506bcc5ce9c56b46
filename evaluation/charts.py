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
# Text stays legible (≥ 12 px) at every width (issue 16). Each chart comes in two layouts: the wide one
# (640 units, text 15, never drawn narrower than WIDE_MIN_PX: 15 × 520 / 640 ≥ 12) and the narrow one
# for phones (340 units, text 13, never narrower than NARROW_MIN_PX: 13 × 320 / 340 ≥ 12); the pages
# show the one that fits (evaluation.css), the PDFs the wide one.
WIDE_TEXT, NARROW_TEXT = 15, 13
WIDE_MIN_PX, NARROW_MIN_PX = 520, 320


def _uid(prefix: str) -> str:
    return f"{prefix}{next(_ids)}"


def _text(x, y, content, *, size=WIDE_TEXT, anchor="start", weight="normal", fill="#222") -> str:
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" text-anchor="{anchor}" font-weight="{weight}" '
        f'fill="{fill}">{escape(content)}</text>'
    )


def _figures(pairs) -> str:
    """« label : value ; label : value », the figures a chart draws, for its text alternative."""
    return "\u202f; ".join(f"{label}\u00a0: {value}" for label, value in pairs)


def _svg(
    width, height, label, body, figures: str = "", *, description: str = "", layout: str = "wide"
) -> SafeString:
    """`figures`: what the chart shows, in words, added to its title (read by screen readers,
    and the /Alt of the figure in a tagged PDF); `description`: how to read it (its <desc>).
    `layout`: "wide" or "narrow" (class chart-wide / chart-narrow, see WIDE_TEXT)."""
    text = f"{label}. {figures}" if figures else label
    uid = _uid("chart")
    desc = f'<desc id="{uid}-desc">{escape(description)}</desc>' if description else ""
    described = f' aria-describedby="{uid}-desc"' if description else ""
    return mark_safe(
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="100%" '
        f'preserveAspectRatio="xMinYMin meet" role="img" aria-labelledby="{uid}-title"{described} '
        f'class="chart chart-{layout}" {FONT}>'
        f'<title id="{uid}-title">{escape(text)}</title>{desc}{body}</svg>'
    )


def _hatch(pattern_id: str, color: str) -> str:
    return (
        f'<pattern id="{pattern_id}" patternUnits="userSpaceOnUse" width="6" height="6" patternTransform="rotate(45)">'
        f'<rect width="6" height="6" fill="#fff"/><line x1="0" y1="0" x2="0" y2="6" stroke="{color}" stroke-width="2.5"/>'
        "</pattern>"
    )


def bar_chart(
    items: list[tuple[str, float | int | Decimal | None]],
    *,
    title: str,
    formatter=format_number,
    narrow: bool = False,
) -> SafeString:
    """Horizontal bars, one per (label, value), the value written at the end of each bar; `narrow`:
    the phone layout, each label above its bar."""
    if narrow:
        width, label_width, row, top, size, cut = 340, 0, 44, 4, NARROW_TEXT, 40
    else:
        width, label_width, row, top, size, cut = 640, 230, 28, 8, WIDE_TEXT, 23
    height = top + row * max(len(items), 1) + 6
    values = [float(v or 0) for _label, v in items]
    top_value = max([*values, 1.0])
    plot = width - label_width - 70
    parts = []
    for index, (label, value) in enumerate(items):
        y = top + index * row
        bar = 0 if not value else max(2.0, plot * float(value) / top_value)
        short = label if len(label) <= cut else label[: cut - 1] + "…"
        if narrow:
            parts.append(_text(0, y + 15, short, size=size))
            bar_y = y + 22
        else:
            parts.append(_text(label_width - 8, y + 17, short, size=size, anchor="end"))
            bar_y = y + 4
        parts.append(
            f'<rect x="{label_width}" y="{bar_y}" width="{bar:.1f}" height="{row - 26 if narrow else row - 10}" fill="{PRIMARY}"/>'
        )
        parts.append(
            _text(
                label_width + bar + 6,
                bar_y + (14 if narrow else 13),
                formatter(value or 0),
                size=size,
                weight="bold",
            )
        )
    parts.append(
        f'<line x1="{label_width}" y1="{top}" x2="{label_width}" y2="{height - 4}" stroke="#333" stroke-width="1"/>'
    )
    return _svg(
        width,
        height,
        title,
        "".join(parts),
        _figures((label, formatter(value or 0)) for label, value in items),
        description=_(
            "One bar per line, its value written at its end; the same figures are in the table beside it."
        ),
        layout="narrow" if narrow else "wide",
    )


def progress_bar(percent: int | None, *, label: str) -> SafeString:
    """A horizontal gauge 0–100 % with the percentage written next to it."""
    # 200 units, text 13: drawn at least 185 px wide (evaluation.css), its figure stays ≥ 12 px.
    width, height = 200, 22
    filled = 0 if percent is None else 140 * percent / 100
    text = "—" if percent is None else f"{percent}\u202f%"
    body = (
        f'<rect x="0.5" y="4.5" width="140" height="13" fill="#fff" stroke="#555"/>'
        f'<rect x="0.5" y="4.5" width="{filled:.1f}" height="13" fill="{PRIMARY}"/>'
        + _text(146, 16, text, size=NARROW_TEXT, weight="bold")
    )
    return _svg(
        width,
        height,
        f"{label}\u00a0: {text}",
        body,
        description=_("A gauge from 0 to 100 %, filled up to the progress."),
        layout="gauge",
    )


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
    narrow: bool = False,
) -> SafeString:
    """Values over periods as a solid line with round markers; the target as a dashed line.

    `narrow`: the phone layout (the target's label above its line, fewer period labels, the legend
    on three lines)."""
    size = NARROW_TEXT if narrow else WIDE_TEXT
    if narrow:
        width, height = 340, 300
        left, right, top, bottom = 58, 10, 20, 96
    else:
        width, height = 640, 260
        left, right, top, bottom = 66, 124, 20, 50
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
        parts.append(
            _text(
                left - 6,
                y + 5,
                formatter(Decimal(str(round(value, 2)))),
                size=size,
                anchor="end",
                fill="#444",
            )
        )
    parts.append(
        f'<line x1="{left}" y1="{top + plot_h}" x2="{left + plot_w}" y2="{top + plot_h}" stroke="#333"/>'
    )
    every = max(1, (count + 3) // 4) if narrow else max(1, (count + 6) // 7)
    for i, (label, _value) in enumerate(points):
        if (count - 1 - i) % every == 0:  # anchored on the latest period, which is always labelled
            parts.append(_text(x_at(i), top + plot_h + 18, label, size=size, anchor="middle", fill="#444"))
    if expected and any(v is not None for v in expected):
        coords = " ".join(f"{x_at(i):.1f},{y_at(v):.1f}" for i, v in enumerate(expected) if v is not None)
        parts.append(
            f'<polyline points="{coords}" fill="none" stroke="{GREY}" stroke-width="1.5" stroke-dasharray="2 3"/>'
        )
    if target is not None:
        y = y_at(target)
        parts.append(
            f'<line x1="{left}" y1="{y:.1f}" x2="{left + plot_w}" y2="{y:.1f}" stroke="{ACCENT}" stroke-width="2" stroke-dasharray="7 4"/>'
        )
        label = target_label or _("Target: %(value)s") % {"value": formatter(target)}
        if (
            narrow or len(label) * 0.62 * size > right - 8
        ):  # no room on the right: above the line, at its start
            parts.append(
                _text(left + 4, max(y - 5, top + size), label, size=size, weight="bold", fill=ACCENT)
            )
        else:
            parts.append(_text(left + plot_w + 6, y + 5, label, size=size, weight="bold", fill=ACCENT))
    segment = []
    for i, (_label, value) in enumerate(points):
        if value is None:
            if len(segment) > 1:
                parts.append(
                    f'<polyline points="{" ".join(segment)}" fill="none" stroke="{PRIMARY}" stroke-width="2.5"/>'
                )
            segment = []
            continue
        segment.append(f"{x_at(i):.1f},{y_at(value):.1f}")
    if len(segment) > 1:
        parts.append(
            f'<polyline points="{" ".join(segment)}" fill="none" stroke="{PRIMARY}" stroke-width="2.5"/>'
        )
    last_index = max((i for i, (_l, v) in enumerate(points) if v is not None), default=None)
    for i, (_label, value) in enumerate(points):
        if value is not None:
            parts.append(
                f'<circle cx="{x_at(i):.1f}" cy="{y_at(value):.1f}" r="3.5" fill="#fff" stroke="{PRIMARY}" stroke-width="2"/>'
            )
    if last_index is not None:
        value = points[last_index][1]
        anchor = "end" if narrow and last_index == count - 1 else "middle"
        parts.append(
            _text(
                x_at(last_index),
                y_at(value) - 8,
                formatter(value),
                size=size,
                anchor=anchor,
                weight="bold",
                fill=PRIMARY,
            )
        )
    # Legend: line styles, not colours, tell the series apart (one line each on a phone).
    legend_x = 8 if narrow else left
    if narrow:
        slots = [(legend_x, height - 56), (legend_x, height - 33), (legend_x, height - 10)]
    else:
        slots = [(left, height - 10), (left + 190, height - 10), (left + 290, height - 10)]
    slot = iter(slots)
    lx, ly = next(slot)
    parts.append(
        f'<line x1="{lx}" y1="{ly - 4}" x2="{lx + 26}" y2="{ly - 4}" stroke="{PRIMARY}" stroke-width="2.5"/>'
    )
    parts.append(
        f'<circle cx="{lx + 13}" cy="{ly - 4}" r="3.5" fill="#fff" stroke="{PRIMARY}" stroke-width="2"/>'
    )
    parts.append(_text(lx + 32, ly, _("Measured values"), size=size))
    if target is not None:
        lx, ly = next(slot)
        parts.append(
            f'<line x1="{lx}" y1="{ly - 4}" x2="{lx + 26}" y2="{ly - 4}" stroke="{ACCENT}" stroke-width="2" stroke-dasharray="7 4"/>'
        )
        parts.append(_text(lx + 32, ly, _("Target"), size=size))
    if expected and any(v is not None for v in expected):
        lx, ly = next(slot)
        parts.append(
            f'<line x1="{lx}" y1="{ly - 4}" x2="{lx + 26}" y2="{ly - 4}" stroke="{GREY}" stroke-width="1.5" stroke-dasharray="2 3"/>'
        )
        parts.append(_text(lx + 32, ly, _("Expected trajectory"), size=size))
    figures = [(label, formatter(value)) for label, value in points if value is not None]
    if target is not None:
        figures.append((_("Target"), formatter(target)))
    return _svg(
        width,
        height,
        title,
        "".join(parts),
        _figures(figures),
        description=_(
            "Solid line with dots: the measured values; dashed line: the target; dotted line: the expected "
            "trajectory. The same figures are in the table beside it."
        ),
        layout="narrow" if narrow else "wide",
    )


def _day(value) -> str:
    return value.strftime("%d/%m/%Y") if value else "…"


def phase_chart(rows: list[dict], *, title: str, narrow: bool = False) -> SafeString:
    """Planned (hatched) against actual (solid) periods of each phase, on one time axis.

    rows: [{"label", "planned_start", "planned_end", "actual_start", "actual_end"}], dates or None.
    `narrow`: the phone layout, each phase's name above its bars.
    """
    dates = [
        d
        for row in rows
        for d in (row["planned_start"], row["planned_end"], row["actual_start"], row["actual_end"])
        if d
    ]
    size = NARROW_TEXT if narrow else WIDE_TEXT
    if narrow:
        width, label_width, row_h, top, cut, bars_y = 340, 0, 52, 26, 40, 20
    else:
        width, label_width, row_h, top, cut, bars_y = 640, 210, 34, 26, 21, 0
    height = top + row_h * max(len(rows), 1) + 34
    layout = "narrow" if narrow else "wide"
    description = _(
        "Hatched: the planned period; solid: the actual one. The same dates are in the table beside it."
    )
    pattern = _uid("planned")
    parts = [f"<defs>{_hatch(pattern, GREY)}</defs>"]
    if not dates:
        parts.append(
            _text(width / 2, height / 2, _("No dates planned yet."), size=size, anchor="middle", fill="#444")
        )
        return _svg(width, height, title, "".join(parts), description=description, layout=layout)
    first, last = min(dates), max(dates)
    span = max((last - first).days, 1)
    origin = 20 if narrow else label_width  # on a phone, room for the first tick's year
    plot = width - origin - (92 if narrow else 110)  # room for « ⚠ en retard » after a bar

    def x_at(day: date) -> float:
        return origin + plot * (day - first).days / span

    # Ticks every 6 months, or every 1, 2, 5 years: as often as their labels leave room for.
    def room(months: int) -> bool:
        label = (4 if months >= 12 else 7) * 0.62 * size + 10
        return plot * months * 30.44 / span >= label

    step = next((months for months in (6, 12, 24, 60) if room(months)), 120)
    for index in range(0, (last.year - first.year + 1) * 12, step):
        tick = date(first.year + index // 12, index % 12 + 1, 1)
        if first <= tick <= last:
            x = x_at(tick)
            parts.append(f'<line x1="{x:.1f}" y1="{top - 6}" x2="{x:.1f}" y2="{height - 30}" stroke="#ddd"/>')
            parts.append(
                _text(
                    x,
                    top - 10,
                    tick.strftime("%Y" if step >= 12 else "%m/%Y"),
                    size=size,
                    anchor="middle",
                    fill="#444",
                )
            )
    for index, row in enumerate(rows):
        y = top + index * row_h
        label = row["label"] if len(row["label"]) <= cut else row["label"][: cut - 1] + "…"
        if narrow:
            parts.append(_text(0, y + 15, label, size=size))
        else:
            parts.append(_text(label_width - 8, y + 20, label, size=size, anchor="end"))
        if row["planned_start"] and row["planned_end"]:
            x1, x2 = x_at(row["planned_start"]), x_at(row["planned_end"])
            parts.append(
                f'<rect x="{x1:.1f}" y="{y + bars_y + 3}" width="{max(x2 - x1, 2):.1f}" height="11" fill="url(#{pattern})" stroke="{GREY}"/>'
            )
        if row["actual_start"]:
            end = row["actual_end"] or row.get("today") or row["actual_start"]
            x1, x2 = x_at(row["actual_start"]), x_at(min(max(end, row["actual_start"]), last))
            parts.append(
                f'<rect x="{x1:.1f}" y="{y + bars_y + 16}" width="{max(x2 - x1, 2):.1f}" height="11" fill="{PRIMARY}"/>'
            )
            if row.get("late"):
                parts.append(
                    _text(x2 + 4, y + bars_y + 27, "⚠ " + _("late"), size=size, weight="bold", fill="#a61b1b")
                )
    ly = height - 8
    legend_x = 0 if narrow else label_width
    parts.append(
        f'<rect x="{legend_x}" y="{ly - 11}" width="24" height="11" fill="url(#{pattern})" stroke="{GREY}"/>'
    )
    parts.append(_text(legend_x + 30, ly, pgettext("evaluation", "Planned"), size=size))
    parts.append(f'<rect x="{legend_x + 120}" y="{ly - 11}" width="24" height="11" fill="{PRIMARY}"/>')
    parts.append(_text(legend_x + 150, ly, pgettext("evaluation", "Actual"), size=size))
    return _svg(
        width,
        height,
        title,
        "".join(parts),
        _figures(
            (
                row["label"],
                ", ".join(
                    f"{name} {_day(start)} → {_day(end)}"
                    for name, start, end in (
                        (pgettext("evaluation", "Planned"), row["planned_start"], row["planned_end"]),
                        (pgettext("evaluation", "Actual"), row["actual_start"], row["actual_end"]),
                    )
                    if start
                )
                or "—",
            )
            for row in rows
        ),
        description=description,
        layout=layout,
    )


def indicator_chart(state, series: list, *, short_labels: bool = True, narrow: bool = False) -> SafeString:
    """The line chart of one indicator (an `IndicatorState`) with its target and expected trajectory."""
    indicator = state.indicator
    points = [(indicator.period_label(period, short=short_labels), value) for period, value in series]
    trajectory = indicator.trajectory(intermediate=state.steps, first_period=series[0][0] if series else None)
    if trajectory.origin_value is None and series:
        from dataclasses import replace

        trajectory = replace(trajectory, origin_value=series[0][1])
    expected = [trajectory.expected(period) for period, _value in series]
    y_max = (
        100.0
        if indicator.unit == indicator.Unit.PERCENT
        else (
            float(indicator.scale_max)
            if indicator.unit == indicator.Unit.SCORE and indicator.scale_max
            else None
        )
    )
    return line_chart(
        points,
        title=_("%(name)s: values per period and target") % {"name": indicator.name},
        target=indicator.target,
        target_label=_("Target: %(value)s") % {"value": indicator.format_value(indicator.target)}
        if indicator.target is not None
        else "",
        expected=expected,
        formatter=format_number,
        y_max=y_max,
        narrow=narrow,
    )
