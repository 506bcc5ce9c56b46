"""The accessibility statement (« Déclaration d’accessibilité », RGAA 4.1): public, linked from every
page's footer, and true to the test it describes (issue 16)."""

import json
from pathlib import Path

import pytest
from django.urls import reverse

from core import accessibility

LOCK = Path(__file__).resolve().parent / "package-lock.json"


def test_the_statement_is_public_and_in_the_rgaa_form(client, settings):
    settings.ACCESSIBILITY_ENTITY = "La DREETS test"
    settings.ACCESSIBILITY_CONTACT_EMAIL = "a11y@example.org"
    response = client.get(reverse("core:accessibility"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Déclaration d’accessibilité" in page
    assert "La DREETS test" in page
    assert "partiellement conforme" in page
    assert "RGAA" in page and "4.1" in page
    assert 'href="mailto:a11y@example.org"' in page
    assert "Défenseur des droits" in page
    assert f"axe-core {accessibility.AXE_CORE_VERSION}" in page
    assert "4 décembre 2026" in page


@pytest.mark.parametrize("name", ["login", "password_reset", "core:accessibility"])
def test_every_public_page_links_the_statement(client, name):
    page = client.get(reverse(name)).content.decode()
    assert f'href="{reverse("core:accessibility")}"' in page
    assert "Accessibilité\u00a0: partiellement conforme" in page


def test_a_signed_in_page_links_the_statement(client_for, pilot):
    page = client_for(pilot).get(reverse("core:home")).content.decode()
    assert f'href="{reverse("core:accessibility")}"' in page


def test_the_axe_core_version_stated_is_the_one_the_test_runs():
    lock = json.loads(LOCK.read_text())
    assert lock["packages"]["node_modules/axe-core"]["version"] == accessibility.AXE_CORE_VERSION


@pytest.mark.django_db
def test_every_page_outside_the_audit_exists_and_is_stated(client):
    """A page left out of the axe test is a real page, and the statement names it as non-compliant."""
    from django.urls import reverse

    from core.accessibility import OUTSIDE_THE_AUDIT

    page = client.get(reverse("core:accessibility")).content.decode()
    for name in OUTSIDE_THE_AUDIT:
        reverse(name)
        assert "Swagger UI" in page


def test_the_method_states_every_check_of_the_audit_with_its_tools(client):
    """« Méthode »: axe, the phone width, the three keyboard journeys and the charts, with versions and date."""
    import re

    page = client.get(reverse("core:accessibility")).content.decode()
    method = page.split('data-testid="audit-method"', 1)[1].split("</ol>", 1)[0]
    assert f"axe-core {accessibility.AXE_CORE_VERSION}" in method
    width, height = accessibility.PHONE_VIEWPORT
    assert f"{width} × {height} pixels" in method and "défile" in method
    for journey in ("saisie mensuelle", "grille RACI", "présence"):
        assert journey in method
    assert f"{accessibility.MIN_CHART_TEXT_PX} pixels" in method
    tools = page.split('data-testid="audit-tools"', 1)[1].split("</ul>", 1)[0]
    assert f"Playwright {accessibility.PLAYWRIGHT_VERSION}" in tools
    assert f"Chromium {accessibility.CHROMIUM_VERSION}" in tools
    assert f"axe-core {accessibility.AXE_CORE_VERSION}" in tools
    assert re.search(r"dernier audit date du 4\s+décembre 2026", page)


def test_the_tools_and_checks_stated_are_those_the_tests_use():
    from importlib.metadata import version

    from tests.a11y import test_phones

    root = Path(__file__).resolve().parents[2]
    # The statement names the version of the audit; a fresh install may bring a later patch or minor
    # release of the same major version (pyproject asks for « playwright>=1.45 »), never an older one.
    installed = tuple(int(part) for part in version("playwright").split(".")[:3])
    stated = tuple(int(part) for part in accessibility.PLAYWRIGHT_VERSION.split("."))
    assert installed[0] == stated[0] and installed >= stated
    assert (test_phones.PHONE["width"], test_phones.PHONE["height"]) == accessibility.PHONE_VIEWPORT
    package = json.loads((LOCK.parent / "package.json").read_text())
    assert package["dependencies"]["axe-core"] == accessibility.AXE_CORE_VERSION
    for path in accessibility.KEYBOARD_JOURNEYS.values():
        assert "keyboard" in (root / path).read_text(encoding="utf-8")
    charts = (root / "tests/actions/test_charts.py").read_text(encoding="utf-8")
    assert f">= {accessibility.MIN_CHART_TEXT_PX}" in charts
