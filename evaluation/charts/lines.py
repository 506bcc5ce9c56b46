"""Line charts: a series against its target, and an indicator's chart."""

from __future__ import annotations

import math
from decimal import Decimal

from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from ..models import format_number
from ._common import ACCENT, GREY, NARROW_TEXT, PRIMARY, WIDE_TEXT, _figures, _svg, _text


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
