"""Bar charts and progress bars."""

from __future__ import annotations

from decimal import Decimal

from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from ..models import format_number
from ._common import NARROW_TEXT, PRIMARY, WIDE_TEXT, _figures, _svg, _text


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
