"""Charts readable by everyone, on every screen (issue 16): a title and a description tied to the image,
and text never drawn smaller than 12 px — each layout's text size × the narrowest width the page lets
it shrink to (evaluation.css), over its width in SVG units."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from evaluation import charts

SVG = "{http://www.w3.org/2000/svg}"
CSS = (Path(charts.__file__).resolve().parent.parent / "static" / "evaluation" / "evaluation.css").read_text()


def min_width_px(css_class: str) -> int:
    """The min-width evaluation.css gives a chart layout: the narrowest it is ever drawn."""
    rule = re.search(re.escape(f".{css_class}") + r"\s*\{([^}]*)\}", CSS)
    assert rule, f".{css_class} absent de evaluation.css"
    return int(re.search(r"min-width:\s*(\d+)px", rule.group(1)).group(1))


PHASES = [
    {
        "label": "1. Émergence",
        "planned_start": date(2026, 1, 5),
        "planned_end": date(2026, 3, 1),
        "actual_start": date(2026, 1, 12),
        "actual_end": date(2026, 3, 20),
        "late": False,
    },
    {
        "label": "2. Conception d’une démarche très longue à nommer",
        "planned_start": date(2026, 3, 2),
        "planned_end": date(2026, 6, 30),
        "actual_start": date(2026, 3, 21),
        "actual_end": None,
        "today": date(2026, 9, 1),
        "late": True,
    },
]
POINTS = [(f"T{q} 2026", Decimal(v)) for q, v in ((1, "2"), (2, "3.5"), (3, "4"), (4, "6"))]


def all_charts():
    for narrow in (False, True):
        yield charts.bar_chart(
            [("1. Émergence", 3), ("2. Conception", 0), ("3. Information et sensibilisation", 12)],
            title="Actions par phase",
            narrow=narrow,
        )
        yield charts.line_chart(
            POINTS,
            title="Entreprises accompagnées",
            target=Decimal(8),
            expected=[Decimal(1), Decimal(3), Decimal(5), Decimal(7)],
            narrow=narrow,
        )
        yield charts.line_chart(
            POINTS,
            title="Budget engagé",
            target=Decimal(20000),
            narrow=narrow,
            target_label="Cible : 20 000 € au 31 déc. 2027",
        )
        yield charts.phase_chart(PHASES, title="Phases", narrow=narrow)
        yield charts.phase_chart([], title="Phases sans dates", narrow=narrow)
    yield charts.progress_bar(66, label="Avancement")
    yield charts.progress_bar(None, label="Avancement")


@pytest.mark.parametrize(
    "svg", list(all_charts()), ids=lambda svg: re.search(r"<title[^>]*>([^.<]*)", svg).group(1)
)
def test_each_chart_has_a_title_a_description_and_text_of_12_px_at_least(svg):
    root = ET.fromstring(str(svg))
    assert root.get("role") == "img"
    title, desc = root.find(f"{SVG}title"), root.find(f"{SVG}desc")
    assert title is not None and title.text and root.get("aria-labelledby") == title.get("id")
    assert desc is not None and desc.text and root.get("aria-describedby") == desc.get("id")
    layout = next(name for name in root.get("class").split() if name.startswith("chart-"))
    units = float(root.get("viewBox").split()[2])
    narrowest = min_width_px(layout)
    for text in root.iter(f"{SVG}text"):
        rendered = float(text.get("font-size")) * narrowest / units
        assert rendered >= 12, f"{layout} : « {text.text} » dessiné à {rendered:.1f} px"


def test_the_two_layouts_keep_inside_their_width():
    """No label runs past the chart's edges (a rough width: 0.62 em per character)."""
    for svg in all_charts():
        root = ET.fromstring(str(svg))
        units = float(root.get("viewBox").split()[2])
        for text in root.iter(f"{SVG}text"):
            x, width = float(text.get("x")), 0.62 * float(text.get("font-size")) * len(text.text or "")
            if text.get("text-anchor") == "start":
                assert x + width <= units + 1, (
                    f"« {text.text} » dépasse à droite ({x + width:.0f} > {units:.0f})"
                )
            elif text.get("text-anchor") == "end":
                assert x - width >= -1, f"« {text.text} » dépasse à gauche ({x - width:.0f} < 0)"


def test_each_chart_gets_its_own_ids():
    first, second = charts.progress_bar(10, label="A"), charts.progress_bar(20, label="B")
    ids = re.findall(r' id="([^"]+)"', str(first) + str(second))
    assert len(ids) == len(set(ids)) == 4
