"""The month's entry, as RGAA 11 expects: every field its own name (which value, which month, which
indicator), a refused post summarised at the top with links, each error tied to its field, and a numeric
keyboard on phones."""

import re
from datetime import date
from decimal import Decimal as D

import pytest
from django.urls import reverse

from evaluation.models import Indicator
from tests.html import squeeze

from .factories import IndicatorFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_indicators(action):
    return [
        IndicatorFactory(
            action=action,
            name="Taux d’absentéisme",
            periodicity="mensuelle",
            unit=Indicator.Unit.PERCENT,
            target=D("4"),
            baseline=D("7"),
        ),
        IndicatorFactory(
            action=action, name="Entreprises accompagnées", periodicity="mensuelle", target=D("20")
        ),
    ]


def _labels(page: str) -> dict[str, str]:
    labels = re.findall(
        r'<label class="visually-hidden" for="(id_valeurs-[\w-]+)">([^<]+)</label>', squeeze(page)
    )
    return {field: text.strip() for field, text in labels}


def _post_data(values: list[str]) -> dict[str, str]:
    data = {
        "valeurs-TOTAL_FORMS": str(len(values)),
        "valeurs-INITIAL_FORMS": str(len(values)),
        "valeurs-MIN_NUM_FORMS": "0",
        "valeurs-MAX_NUM_FORMS": "1000",
    }
    for i, value in enumerate(values):
        data |= {f"valeurs-{i}-value": value, f"valeurs-{i}-comment": "", f"valeurs-{i}-source": ""}
    return data


def test_every_field_has_its_own_name(client_for, pilot, action, two_indicators):
    page = client_for(pilot).get(reverse("evaluation:monthly_entry") + "?mois=2025-11").content.decode()
    labels = _labels(page)
    assert len(labels) == 6 and len(set(labels.values())) == 6  # three fields per line, no name twice
    assert labels["id_valeurs-1-value"] == f"Valeur de novembre 2025 — Taux d’absentéisme ({action})"
    assert labels["id_valeurs-1-comment"] == f"Commentaire — Taux d’absentéisme ({action})"
    for field_id in labels:
        assert len(re.findall(rf'id="{field_id}"', page)) == 1
    value_input = re.search(r'<input[^>]*id="id_valeurs-0-value"[^>]*>', page).group(0)
    assert 'inputmode="decimal"' in value_input  # the phone shows its numeric keyboard


def test_a_month_starting_with_a_vowel(client_for, pilot, two_indicators):
    page = client_for(pilot).get(reverse("evaluation:monthly_entry") + "?mois=2025-04").content.decode()
    assert "Valeur d’avril 2025 — Taux d’absentéisme" in page


def test_a_refused_entry_is_summarised_and_each_error_tied_to_its_field(
    client_for, pilot, action, two_indicators
):
    url = reverse("evaluation:monthly_entry") + "?mois=2025-11"
    response = client_for(pilot).post(url, _post_data(["douze", "beaucoup"]))  # two words instead of numbers
    assert response.status_code == 200
    page = response.content.decode()
    summary = page[page.index("data-error-summary") :]
    summary = summary[: summary.index("</div>")]
    assert "Le formulaire contient 2\u00a0erreurs" in summary
    assert 'href="#id_valeurs-0-value"' in summary and 'href="#id_valeurs-1-value"' in summary
    assert f"Valeur de novembre 2025 — Taux d’absentéisme ({action})\u00a0:" in summary
    for i in (0, 1):
        control = re.search(rf'<input[^>]*id="id_valeurs-{i}-value"[^>]*>', page).group(0)
        assert (
            'aria-invalid="true"' in control and f'aria-describedby="id_valeurs-{i}-value_error"' in control
        )
        assert f'id="id_valeurs-{i}-value_error"' in page
    assert not two_indicators[0].measurements.exists()


def test_french_decimals_are_still_read(client_for, pilot, two_indicators):
    response = client_for(pilot).post(
        reverse("evaluation:monthly_entry") + "?mois=2025-11", _post_data(["12", "5,5"])
    )
    assert response.status_code == 302
    assert two_indicators[0].measurements.get(period=date(2025, 11, 1)).value == D("5.5")
