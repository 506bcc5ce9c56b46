"""The home page's « Indicateurs à renseigner »: one line per month to fill in, on the reminder's rule."""

from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from actions.models import CollectiveAction
from evaluation import home
from evaluation.models import Indicator, Measurement

from .factories import IndicatorFactory, MeasurementFactory

pytestmark = pytest.mark.django_db

TODAY = date(2026, 12, 4)
ENTRY = reverse("evaluation:monthly_entry")


def _indicator(action, name, periodicity="mensuelle", created=date(2025, 1, 10), **fields):
    indicator = IndicatorFactory(action=action, name=name, periodicity=periodicity, **fields)
    stamp = timezone.make_aware(datetime.combine(created, datetime.min.time()))
    Indicator.objects.filter(pk=indicator.pk).update(created_at=stamp)
    return indicator


def test_the_missing_values_of_the_closed_month_make_one_line_leading_to_the_month_entry(action, pilot):
    _indicator(action, "Participants aux temps collectifs")
    _indicator(action, "Entreprises sensibilisées")
    content = home.collect(pilot, TODAY)
    assert [line.url for line in content.lines] == [f"{ENTRY}?mois=2026-11"]
    line = content.lines[0]
    assert line.label == (
        "2 valeurs de novembre 2026 à saisir\u00a0: «\u00a0Entreprises sensibilisées\u00a0», "
        "«\u00a0Participants aux temps collectifs\u00a0»"
    )
    assert line.when == date(2026, 12, 1)
    assert not line.late  # entered in the weeks after the month closed


def test_a_value_entered_removes_it_and_an_empty_section_says_all_is_fine(action, pilot, client_for):
    indicator = _indicator(action, "Participants aux temps collectifs")
    MeasurementFactory(indicator=indicator, period=date(2026, 11, 1), value=Decimal("12"))
    assert home.collect(pilot, TODAY).lines == []
    response = client_for(pilot).get(reverse("core:home"))
    assert "Chaque indicateur a sa valeur pour la dernière période close." in response.content.decode()


def test_an_indicator_created_after_the_period_closed_owes_nothing_for_it(action, pilot):
    _indicator(action, "Nouveau", created=date(2026, 12, 2))
    assert home.collect(pilot, TODAY).lines == []


def test_a_period_still_running_is_not_due_unless_it_closes_within_a_fortnight(action, pilot):
    indicator = _indicator(action, "Trimestriel", periodicity="trimestrielle")
    MeasurementFactory(indicator=indicator, period=date(2026, 7, 1))  # T3 entered
    assert home.collect(pilot, TODAY).lines == []  # T4 closes on 31 December: 27 days away
    lines = home.collect(pilot, date(2026, 12, 20)).lines
    assert [line.url for line in lines] == [f"{ENTRY}?mois=2026-12"]
    assert lines[0].when == date(2027, 1, 1)


def test_a_quarter_closed_long_ago_without_value_is_late(action, pilot):
    _indicator(action, "Trimestriel", periodicity="trimestrielle")
    lines = home.collect(pilot, date(2026, 12, 20)).lines
    # T3 closed on 30 September: its value is due since 1 October, late by now.
    late = [line for line in lines if line.url.endswith("mois=2026-09")]
    assert len(late) == 1 and late[0].late


def test_computed_inactive_and_closed_action_indicators_are_left_out(action, pilot):
    _indicator(action, "Calculé", computation="governance.meetings_held")
    _indicator(action, "Inactif", is_active=False)
    assert home.collect(pilot, TODAY) is None  # nothing to enter by hand: no section at all
    _indicator(action, "Saisi")
    CollectiveAction.objects.filter(pk=action.pk).update(status=CollectiveAction.Status.CLOSED)
    assert home.collect(pilot, TODAY).lines == []


def test_someone_who_enters_no_indicator_has_no_section(outsider, action):
    _indicator(action, "Participants")
    assert home.collect(outsider, TODAY) is None


def test_the_line_leads_to_a_form_that_takes_all_the_values_at_once(action, pilot, client_for):
    today = timezone.localdate()
    closed_month = (today.replace(day=1) - timedelta(days=1)).replace(day=1)
    first = _indicator(action, "Participants aux temps collectifs")
    second = _indicator(action, "Entreprises sensibilisées")
    client = client_for(pilot)
    [line] = home.collect(pilot, today).lines
    page = client.get(line.url)
    assert page.status_code == 200
    forms = page.context["formset"].forms
    assert len(forms) == 2
    data = {
        "valeurs-TOTAL_FORMS": "2",
        "valeurs-INITIAL_FORMS": "2",
        "valeurs-MIN_NUM_FORMS": "0",
        "valeurs-MAX_NUM_FORMS": "1000",
    }
    for index, _form in enumerate(forms):
        data[f"valeurs-{index}-value"] = str(10 + index)
    response = client.post(line.url, data)
    assert response.status_code == 302
    assert set(Measurement.objects.filter(period=closed_month).values_list("indicator_id", flat=True)) == {
        first.pk,
        second.pk,
    }
    assert home.collect(pilot, today).lines == []


@pytest.mark.parametrize("size", [1, 15])
def test_query_count_does_not_grow_with_indicators(action, pilot, size, django_assert_max_num_queries):
    for i in range(size):
        _indicator(action, f"Indicateur {i}")
    with django_assert_max_num_queries(4):
        content = home.collect(pilot, TODAY)
    assert content.lines[0].label.startswith(f"{size} valeur")
