"""The month's entry without a mouse: Tab to the first value, type the values (French decimal comma),
Enter to save; the values are recorded. After a refused post the focus is on the error summary."""

from datetime import date
from decimal import Decimal as D

import pytest
from playwright.sync_api import expect

from evaluation.models import Indicator
from tests.governance.test_browser_journey import login

from .factories import IndicatorFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _tab_to(page, element_id: str, limit: int = 80) -> None:
    for _press in range(limit):
        if page.evaluate("document.activeElement && document.activeElement.id") == element_id:
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"#{element_id} not reached with Tab")


def test_the_month_is_filled_and_saved_with_the_keyboard(page, pilot, action):
    rate = IndicatorFactory(
        action=action,
        name="Taux d’absentéisme",
        periodicity="mensuelle",
        unit=Indicator.Unit.PERCENT,
        target=D("4"),
        baseline=D("7"),
    )
    companies = IndicatorFactory(
        action=action, name="Entreprises accompagnées", periodicity="mensuelle", target=D("20")
    )
    login(page, pilot.username)
    page.goto(f"{page.base_url}/evaluation/saisie-du-mois/?mois=2025-11")

    # A word where a number is expected: refused, the focus on the summary, its link leads to the field.
    _tab_to(page, "id_valeurs-0-value")
    page.keyboard.type("douze")
    page.keyboard.press("Enter")
    summary = page.locator("[data-error-summary]")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("Le formulaire contient 1\u00a0erreur")
    page.keyboard.press("Tab")  # the summary's link
    page.keyboard.press("Enter")
    value = page.get_by_role(
        "textbox", name="Valeur de novembre 2025 — Entreprises accompagnées", exact=False
    )
    expect(value).to_be_focused()
    expect(value).to_have_attribute("aria-invalid", "true")

    page.keyboard.press("Control+A")
    page.keyboard.type("12")
    page.keyboard.press("Tab")
    page.keyboard.type("Relevé du tableau de bord")
    page.keyboard.press("Tab")  # source, left empty
    _tab_to(page, "id_valeurs-1-value", limit=3)  # past the next indicator's link
    page.keyboard.type("5,5")
    page.keyboard.press("Enter")

    expect(page.locator(".alert-success")).to_contain_text("2 valeur")
    assert companies.measurements.get(period=date(2025, 11, 1)).value == D("12")
    assert companies.measurements.get(period=date(2025, 11, 1)).comment == "Relevé du tableau de bord"
    assert rate.measurements.get(period=date(2025, 11, 1)).value == D("5.5")
