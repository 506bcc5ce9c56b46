"""Computed indicators fresh when their data change, and an action's indicators frozen at closing."""

from datetime import date, timedelta
from decimal import Decimal as D

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from actions.models import CollectiveAction, Participation
from actions.signals import action_closed, action_reopened
from evaluation import services
from evaluation.models import Indicator, Measurement
from evaluation.periods import period_start
from evaluation.selectors import indicator_states
from evaluation.status import State

from .factories import IndicatorFactory, MeasurementFactory, ParticipationFactory

pytestmark = pytest.mark.django_db


def _engaged_indicator(action, **kwargs):
    values = {
        "action": action,
        "computation": "companies_engaged",
        "periodicity": "mensuelle",
        "baseline": None,
        "baseline_date": None,
        "target": D("10"),
        "target_date": timezone.localdate() + timedelta(days=400),
    }
    values.update(kwargs)
    return IndicatorFactory(**values)


def test_a_change_in_the_data_recomputes_the_indicator_once_committed(
    action, django_capture_on_commit_callbacks
):
    indicator = _engaged_indicator(action)
    current = period_start(timezone.localdate(), "mensuelle")
    connection.run_on_commit.clear()  # the fixtures' own writes, never committed in a test
    assert not Measurement.objects.filter(indicator=indicator).exists()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        ParticipationFactory(action=action, status=Participation.Status.ENGAGED)
        ParticipationFactory(action=action, status=Participation.Status.ENGAGED)
    # Two rows written, one refresh.
    assert sum(1 for c in callbacks if getattr(c, "__name__", "") == "_flush") == 1
    assert Measurement.objects.get(indicator=indicator, period=current).value == 2


def test_a_new_computed_indicator_gets_its_values_wherever_the_data_exist(
    action, pilot, django_capture_on_commit_callbacks
):
    today = timezone.localdate()
    action.start_date = date(today.year - 2, 1, 1)
    action.save()
    ParticipationFactory(
        action=action, status=Participation.Status.ENGAGED, engaged_on=date(today.year - 2, 3, 10)
    )
    with django_capture_on_commit_callbacks(execute=True):
        indicator = services.indicator_create(
            scope=action,
            by=pilot,
            name="Entreprises engagées",
            computation="companies_engaged",
            periodicity="trimestrielle",
            target=D("5"),
            target_date=date(today.year + 1, 12, 31),
        )
    periods = list(indicator.measurements.order_by("period").values_list("period", flat=True))
    assert periods[0] == date(today.year - 2, 1, 1)
    assert periods[-1] == period_start(today, "trimestrielle")


def test_history_start_is_bounded():
    indicator = Indicator(periodicity="mensuelle", baseline_date=date(1990, 1, 1))
    start = services.history_start(indicator, date(2026, 12, 4))
    assert start == date(2021, 1, 1)  # 72 months back at most


def _frozen_setup(action):
    indicator = IndicatorFactory(
        action=action,
        target=D("90"),
        target_date=timezone.localdate() + timedelta(days=30),
        baseline=None,
        baseline_date=None,
    )
    MeasurementFactory(indicator=indicator, period=date(2025, 1, 1), value=D("100"))
    MeasurementFactory(indicator=indicator, period=date(2025, 2, 1), value=D("77.1"))
    return indicator


def test_closing_freezes_the_final_values_and_reopening_thaws_them(action, pilot):
    indicator = _frozen_setup(action)
    [live] = indicator_states(Indicator.objects.filter(pk=indicator.pk))
    assert (live.state, live.progress) == (State.LATE, 85)

    action_closed.send(sender=CollectiveAction, action=action, by=pilot)
    indicator.refresh_from_db()
    assert indicator.frozen_on == timezone.localdate()
    assert (indicator.final_value, indicator.final_state, indicator.final_progress) == (
        D("77.1"),
        State.NOT_ACHIEVED,
        85,
    )
    # A value entered afterwards changes nothing of the final state.
    MeasurementFactory(indicator=indicator, period=date(2025, 3, 1), value=D("10"))
    [final] = indicator_states(
        Indicator.objects.filter(pk=indicator.pk), today=timezone.localdate() + timedelta(days=90)
    )
    assert (final.value, final.state, final.progress) == (D("77.1"), State.NOT_ACHIEVED, 85)
    assert final.final_label.startswith("Valeur finale au ")

    action_reopened.send(sender=CollectiveAction, action=action, by=pilot, reason="Une phase à reprendre")
    indicator.refresh_from_db()
    assert indicator.frozen_on is None and indicator.final_state == ""
    [thawed] = indicator_states(Indicator.objects.filter(pk=indicator.pk))
    assert thawed.value == D("10")


def test_the_dashboard_shows_the_final_value_and_never_behind(client_for, pilot, action):
    _frozen_setup(action)
    action_closed.send(sender=CollectiveAction, action=action, by=pilot)
    body = client_for(pilot).get(reverse("evaluation:action_dashboard", args=[action.pk])).content.decode()
    assert "Valeur finale au" in body
    assert "Non atteint" in body
    assert "En retard" not in body.split("Valeur finale au")[1].split("</tr>")[0]


def test_frozen_indicators_are_left_out_of_the_nightly_computation(action, pilot):
    indicator = _engaged_indicator(action)
    ParticipationFactory(action=action, status=Participation.Status.ENGAGED)
    action_closed.send(sender=CollectiveAction, action=action, by=pilot)
    Measurement.objects.filter(indicator=indicator).delete()
    assert services.compute_all_indicators(by=None) == 0


def test_a_change_in_one_action_refreshes_only_its_own_and_its_programme_indicators(
    action, programme, django_capture_on_commit_callbacks
):
    from .factories import ActionFactory

    mine = _engaged_indicator(action)
    of_the_programme = IndicatorFactory(
        action=None,
        programme=programme,
        computation="companies_engaged",
        periodicity="mensuelle",
        baseline=None,
        baseline_date=None,
        target=D("10"),
        target_date=timezone.localdate() + timedelta(days=400),
    )
    elsewhere = _engaged_indicator(ActionFactory())
    connection.run_on_commit.clear()  # the fixtures' own writes, never committed in a test
    with django_capture_on_commit_callbacks(execute=True):
        ParticipationFactory(action=action, status=Participation.Status.ENGAGED)
    assert Measurement.objects.filter(indicator=mine).exists()
    assert Measurement.objects.filter(indicator=of_the_programme).exists()
    assert not Measurement.objects.filter(indicator=elsewhere).exists()
