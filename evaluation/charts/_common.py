"""What every chart shares: colours, text sizes and the SVG building blocks."""

from __future__ import annotations

import itertools

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

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
