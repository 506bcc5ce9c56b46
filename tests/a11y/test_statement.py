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
