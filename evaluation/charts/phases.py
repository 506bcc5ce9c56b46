"""The phase chart: planned and actual periods of an action's phases."""

from __future__ import annotations

from datetime import date

from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from ._common import GREY, NARROW_TEXT, PRIMARY, WIDE_TEXT, _figures, _hatch, _svg, _text, _uid


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
