"""The two SVG charts (the action timeline, the programme Gantt) are legible and accessible (issue 16).

Every text is at least 12 px as rendered, at every width and in the fiche PDF: the SVG's font size
times the smallest scale it may be drawn at (its minimum width in static/css/copilote.css over its
natural width, or the PDF's 178 mm of text width). Each SVG is named by a <title> and a <desc>
(aria-labelledby), its colours come from classes styled by copilote.css (no colour literal in the
templates), and the fiche PDF carries those rules inside the SVG, custom properties resolved.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from datetime import timedelta
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from actions.documents import fiche_context
from actions.models import ActionPhase
from actions.timeline import chart_stylesheet
from tests.conftest import login_in_browser

SVG = "{http://www.w3.org/2000/svg}"
TEMPLATES = [
    Path(settings.BASE_DIR) / "actions/templates/actions/_timeline.svg.html",
    Path(settings.BASE_DIR) / "actions/templates/actions/_gantt.svg.html",
]
CSS = (Path(settings.BASE_DIR) / "static/css/copilote.css").read_text(encoding="utf-8")
COLOUR_LITERAL = re.compile(r"(?<!&)#[0-9a-fA-F]{3,8}\b|\brgba?\(|\bhsla?\(")
PDF_TEXT_WIDTH_PX = 178 / 25.4 * 96  # A4 less the 16 mm margins of static/css/pdf.css
RENDERED_SIZES = """() => Array.from(document.querySelectorAll('svg.chart-svg text'))
  .filter(t => t.getBoundingClientRect().width > 0)
  .map(t => parseFloat(getComputedStyle(t).fontSize) * t.getScreenCTM().a)"""


def _min_width(css_class: str) -> float:
    match = re.search(r"\." + css_class + r"\s*\{[^}]*min-width:\s*([\d.]+)px", CSS)
    assert match, f"no min-width for .{css_class} in copilote.css"
    return float(match.group(1))


def _svg(html: str, css_class: str) -> ET.Element:
    match = re.search(r'<svg class="chart-svg ' + css_class + r'".*?</svg>', html, re.S)
    assert match, f"no SVG .{css_class}"
    return ET.fromstring(match.group(0))


def _font_sizes(svg: ET.Element) -> list[float]:
    sizes = []

    def walk(node, inherited):
        size = float(node.get("font-size", inherited)) if node.get("font-size", inherited) else None
        if node.tag == SVG + "text":
            assert size is not None, f"text without a font size: {node.text}"
            sizes.append(size)
        for child in node:
            walk(child, size)

    walk(svg, None)
    return sizes


def _check_named(svg: ET.Element) -> None:
    ids = svg.get("aria-labelledby", "").split()
    assert svg.get("role") == "img"
    assert [svg.find(f"{SVG}title").get("id"), svg.find(f"{SVG}desc").get("id")] == ids
    assert svg.find(f"{SVG}title").text.strip() and svg.find(f"{SVG}desc").text.strip()


def _dated(action):
    """Planned dates over a year, phases 1–3 done, 4 in progress and late."""
    today = timezone.localdate()
    start = today - timedelta(days=300)
    for phase in action.phases.order_by("number"):
        phase.planned_start = start + timedelta(days=60 * (phase.number - 1))
        phase.planned_end = phase.planned_start + timedelta(days=59)
        if phase.number <= 3:
            phase.status = ActionPhase.Status.DONE
            phase.actual_start, phase.actual_end = phase.planned_start, phase.planned_end
        elif phase.number == 4:
            phase.status = ActionPhase.Status.IN_PROGRESS
            phase.actual_start = phase.planned_start
        phase.save()
    action.current_phase_number = 4
    action.save()
    return action


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda path: path.name)
def test_chart_templates_have_no_colour_literal(template):
    text = template.read_text(encoding="utf-8")
    assert not COLOUR_LITERAL.findall(text)
    assert "style=" not in text  # colours and sizes stay out of inline styles (CSP too)


def test_chart_rules_use_the_copilote_custom_properties():
    rules = CSS.split("/* charts:start */")[1].split("/* charts:end */")[0]
    assert "var(--copilote-" in rules and not COLOUR_LITERAL.findall(rules)


@pytest.mark.django_db
def test_action_timeline_text_is_at_least_12px_at_its_smallest(client, pilot, action):
    _dated(action)
    client.force_login(pilot)
    html = client.get(reverse("actions:action_detail", args=[action.pk])).content.decode()
    svg = _svg(html, "chart-timeline")
    _check_named(svg)
    scale = _min_width("chart-timeline") / float(svg.get("width"))
    sizes = _font_sizes(svg)
    assert len(sizes) > 10 and min(sizes) * scale >= 12
    assert 'data-testid="stage-list"' in html  # the dates, as a list, below 768 px


@pytest.mark.django_db
def test_programme_gantt_text_is_at_least_12px_at_its_smallest(client, pilot, action, programme):
    _dated(action)
    client.force_login(pilot)
    html = client.get(reverse("actions:programme_detail", args=[programme.pk])).content.decode()
    svg = _svg(html, "chart-gantt")
    _check_named(svg)
    scale = _min_width("chart-gantt") / float(svg.get("width"))
    assert min(_font_sizes(svg)) * scale >= 12
    assert action.code in svg.find(f"{SVG}desc").text
    assert "<style" not in html.split('class="chart-svg', 1)[1].split("</svg>")[0]  # CSP: style-src 'self'


@pytest.mark.django_db
def test_fiche_pdf_timeline_carries_its_resolved_styles(action):
    _dated(action)
    context = fiche_context(SimpleNamespace(target=action))
    context.update(
        generated_at=timezone.now(),
        document=SimpleNamespace(title="", requested_by=None),
        document_kind=SimpleNamespace(label=""),
        sender=None,
    )
    html = render_to_string("actions/pdf/fiche.html", context)
    svg = _svg(html, "chart-timeline")
    _check_named(svg)
    scale = min(1, PDF_TEXT_WIDTH_PX / float(svg.get("width")))
    assert min(_font_sizes(svg)) * scale >= 12
    style = svg.find(f"{SVG}style").text
    assert style == chart_stylesheet()
    assert "var(" not in style and ".chart-late { fill: #a61b1b; }" in style


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_chart_text_renders_at_12px_or_more_at_every_width(page, pilot, programme):
    from tests.actions.factories import make_action

    action = _dated(make_action(by=pilot, programme=programme))
    login_in_browser(page, pilot.username)
    for width in (768, 992, 1100, 1366, 1920):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(f"{page.base_url}{reverse('actions:action_detail', args=[action.pk])}")
        sizes = page.evaluate(RENDERED_SIZES)
        assert sizes and min(sizes) >= 12, (width, min(sizes or [0]))
    for width in (390, 768, 992, 1366):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(f"{page.base_url}{reverse('actions:programme_detail', args=[programme.pk])}")
        sizes = page.evaluate(RENDERED_SIZES)
        assert sizes and min(sizes) >= 12, (width, min(sizes or [0]))
        assert (
            page.evaluate("document.documentElement.scrollWidth") <= width
        )  # the frame scrolls, not the page
