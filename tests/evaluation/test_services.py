from datetime import date, datetime
from decimal import Decimal as D

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from actions.models import ActionPhase, CollectiveAction, Deliverable, FinancingLine, Participation
from evaluation import services
from evaluation.models import Indicator, Measurement
from tests.factories import OrganisationFactory

from .factories import ActionFactory, DeliverableFactory, IndicatorFactory, ParticipationFactory, PhaseFactory

pytestmark = pytest.mark.django_db


def test_values_are_checked_against_the_unit(action, pilot):
    percent = IndicatorFactory(action=action, unit=Indicator.Unit.PERCENT, target=D("80"))
    with pytest.raises(ValidationError) as excinfo:
        services.measurement_record(indicator=percent, period=date(2025, 6, 1), value=D("120"), by=pilot)
    assert "Un pourcentage est compris entre 0 et 100." in str(excinfo.value)
    count = IndicatorFactory(action=action, unit=Indicator.Unit.NUMBER)
    with pytest.raises(ValidationError) as excinfo:
        services.measurement_record(indicator=count, period=date(2025, 6, 1), value=D("-1"), by=pilot)
    assert "Cette valeur ne peut pas être négative." in str(excinfo.value)
    score = IndicatorFactory(action=action, unit=Indicator.Unit.SCORE, scale_max=D("10"), target=D("8"))
    with pytest.raises(ValidationError):
        services.measurement_record(indicator=score, period=date(2025, 6, 1), value=D("11"), by=pilot)
    assert services.measurement_record(
        indicator=score, period=date(2025, 6, 1), value=D("7.5"), by=pilot
    ).value == D("7.5")


def test_one_value_per_period_a_duplicate_is_refused_in_french(action, pilot):
    indicator = IndicatorFactory(action=action)
    services.measurement_record(indicator=indicator, period=date(2025, 6, 1), value=D("3"), by=pilot)
    with pytest.raises(ValidationError) as excinfo:
        services.measurement_record(indicator=indicator, period=date(2025, 6, 1), value=D("4"), by=pilot)
    assert "Une valeur existe déjà pour juin 2025" in str(excinfo.value)
    assert Measurement.objects.filter(indicator=indicator).count() == 1


def test_a_period_must_start_on_the_periodicity(action, pilot):
    indicator = IndicatorFactory(action=action, periodicity="trimestrielle")
    with pytest.raises(ValidationError):
        services.measurement_record(indicator=indicator, period=date(2025, 5, 1), value=D("3"), by=pilot)


def test_a_correction_keeps_the_former_value_in_the_history(action, pilot):
    indicator = IndicatorFactory(action=action)
    measurement = services.measurement_record(
        indicator=indicator, period=date(2025, 6, 1), value=D("3"), by=pilot
    )
    services.measurement_update(measurement=measurement, value=D("5"), by=pilot, comment="Relevé corrigé")
    values = list(measurement.history.order_by("history_date").values_list("value", flat=True))
    assert values == [D("3"), D("5")]


def test_month_entry_creates_corrects_and_skips(action, pilot):
    first = IndicatorFactory(action=action)
    second = IndicatorFactory(action=action)
    third = IndicatorFactory(action=action)
    existing = services.measurement_record(indicator=second, period=date(2025, 6, 1), value=D("2"), by=pilot)
    result = services.measurements_enter_month(
        by=pilot,
        rows=[
            {"indicator": first, "period": date(2025, 6, 1), "value": D("4"), "measurement": None},
            {"indicator": second, "period": date(2025, 6, 1), "value": D("6"), "measurement": existing},
            {"indicator": third, "period": date(2025, 6, 1), "value": None, "measurement": None},
        ],
    )
    assert (result.created, result.updated) == (1, 1)
    existing.refresh_from_db()
    assert existing.value == D("6")
    assert not third.measurements.exists()


def test_an_indicator_belongs_to_exactly_one_scope(action, programme, pilot):
    with pytest.raises(ValidationError):
        services.indicator_create(
            scope=action, by=pilot, name="X", target=D("150"), unit=Indicator.Unit.PERCENT
        )
    indicator = services.indicator_create(
        scope=programme, by=pilot, name="Entreprises accompagnées", target=D("40")
    )
    assert indicator.programme == programme and indicator.action is None
    with pytest.raises(ValidationError):
        services.indicator_create(scope=OrganisationFactory(), by=pilot, name="Service ?")


def test_a_computation_sets_the_unit_and_must_fit_the_scope(action, pilot, service_organisation):
    indicator = services.indicator_create(
        scope=action, by=pilot, name="Livrables à l'heure", computation="deliverables_on_time", target=D("90")
    )
    assert indicator.unit == Indicator.Unit.PERCENT
    with pytest.raises(ValidationError):
        services.indicator_create(
            scope=action, by=pilot, name="Adhérents", computation="members_contacted_15_days"
        )
    with pytest.raises(ValidationError):
        services.indicator_create(scope=action, by=pilot, name="Inconnu", computation="nope")


# --- Computed indicators from the actions' data -------------------------------------------
def _computed(action, code, **kwargs):
    return IndicatorFactory(action=action, computation=code, unit=Indicator.Unit.NUMBER, **kwargs)


def test_companies_engaged_and_their_milestones(action):
    ParticipationFactory(
        action=action,
        engaged_on=date(2025, 2, 1),
        du_formalised_on=date(2025, 5, 3),
        action_plan_on=date(2025, 6, 10),
        prevention_system_on=date(2025, 9, 1),
    )
    ParticipationFactory(action=action, engaged_on=date(2025, 7, 1), du_formalised_on=date(2025, 8, 1))
    ParticipationFactory(action=action, status=Participation.Status.TARGETED)
    ParticipationFactory(
        action=action, status=Participation.Status.WITHDRAWN, du_formalised_on=date(2025, 3, 1)
    )
    ParticipationFactory(action=ActionFactory(), engaged_on=date(2025, 1, 1))  # another action
    june = date(2025, 6, 1)
    assert (
        services.indicator_compute(
            by=None, indicator=_computed(action, "companies_engaged"), period=june
        ).value
        == 1
    )
    assert (
        services.indicator_compute(
            by=None, indicator=_computed(action, "companies_du_formalised"), period=june
        ).value
        == 1
    )
    assert (
        services.indicator_compute(
            by=None, indicator=_computed(action, "companies_action_plan"), period=june
        ).value
        == 1
    )
    system = _computed(action, "companies_prevention_system")
    assert services.indicator_compute(by=None, indicator=system, period=june).value == 0
    assert services.indicator_compute(by=None, indicator=system, period=date(2025, 9, 1)).value == 1


def test_programme_scope_counts_every_action(programme, action):
    other = ActionFactory(programme=programme)
    ParticipationFactory(action=action)
    ParticipationFactory(action=other)
    indicator = IndicatorFactory(action=None, programme=programme, computation="companies_engaged")
    assert services.indicator_compute(by=None, indicator=indicator, period=date(2025, 6, 1)).value == 2


def test_deliverables_on_time_and_phases_late(action):
    paris = timezone.get_current_timezone()
    DeliverableFactory(
        action=action,
        due_date=date(2025, 3, 31),
        status=Deliverable.Status.VALIDATED,
        validated_at=datetime(2025, 3, 20, 10, tzinfo=paris),
    )
    DeliverableFactory(
        action=action,
        due_date=date(2025, 4, 30),
        status=Deliverable.Status.VALIDATED,
        validated_at=datetime(2025, 5, 20, 10, tzinfo=paris),
    )
    DeliverableFactory(action=action, due_date=date(2025, 5, 31), status=Deliverable.Status.IN_PROGRESS)
    DeliverableFactory(action=action, due_date=date(2025, 12, 31))  # not due yet in June
    on_time = IndicatorFactory(
        action=action, computation="deliverables_on_time", unit=Indicator.Unit.PERCENT, target=D("90")
    )
    assert services.indicator_compute(by=None, indicator=on_time, period=date(2025, 6, 1)).value == D("33.3")
    action.phases.all().delete()
    PhaseFactory(
        action=action,
        number=2,
        planned_end=date(2025, 3, 31),
        actual_end=date(2025, 3, 15),
        status=ActionPhase.Status.DONE,
    )
    PhaseFactory(action=action, number=3, planned_end=date(2025, 4, 30), actual_end=None)
    PhaseFactory(action=action, number=4, planned_end=date(2025, 12, 31))
    late = _computed(action, "phases_late", direction=Indicator.Direction.LOWER, target=D("0"))
    assert services.indicator_compute(by=None, indicator=late, period=date(2025, 6, 1)).value == 1


def test_budget_engaged_against_planned(action):
    CollectiveAction.objects.filter(pk=action.pk).update(budget_min_keur=D("80"), budget_max_keur=D("100"))
    funder = OrganisationFactory()
    FinancingLine.objects.create(
        action=action, funder=funder, amount_eur=D("30000"), status=FinancingLine.Status.PAID
    )
    FinancingLine.objects.create(
        action=action, funder=funder, amount_eur=D("20000"), status=FinancingLine.Status.GRANTED
    )
    FinancingLine.objects.create(
        action=action, funder=funder, amount_eur=D("50000"), status=FinancingLine.Status.REQUESTED
    )
    indicator = IndicatorFactory(
        action=action, computation="budget_engaged", unit=Indicator.Unit.PERCENT, target=D("100")
    )
    assert services.indicator_compute(by=None, indicator=indicator, period=date(2025, 6, 1)).value == D("50")


def test_the_nightly_task_records_each_computed_indicator_once(action):
    ParticipationFactory(action=action)
    indicator = _computed(action, "companies_engaged")
    IndicatorFactory(action=action)  # manual: untouched
    from evaluation.tasks import compute_all_indicators

    first = compute_all_indicators()  # never measured yet: its whole history, up to the current period
    assert first == Measurement.objects.filter(indicator=indicator, is_computed=True).count() >= 2
    assert compute_all_indicators() == 2  # then the last closed period and the current one
    assert Measurement.objects.filter(indicator=indicator, is_computed=True).count() == first
    ParticipationFactory(action=action)
    services.compute_all_indicators(by=None)
    latest = indicator.measurements.order_by("-period").first()
    assert latest.value == 2


@pytest.mark.parametrize("size", [2, 40])
def test_many_values_are_written_at_once_with_their_author(
    action, pilot, size, django_assert_max_num_queries
):
    indicators = [IndicatorFactory(action=action) for _ in range(size)]
    rows = [
        {"indicator": indicator, "period": date(2025, 6, 1), "value": D(index)}
        for index, indicator in enumerate(indicators)
    ]
    with django_assert_max_num_queries(8):
        created = services.measurements_record_many(rows=rows, by=pilot)
    assert len(created) == size
    stored = Measurement.objects.filter(indicator__in=indicators)
    assert stored.count() == size and {m.entered_by_id for m in stored} == {pilot.pk}
    assert {h.history_user_id for h in Measurement.history.filter(indicator__in=indicators)} == {pilot.pk}


def test_many_values_all_or_none(action, pilot):
    taken, free = IndicatorFactory(action=action), IndicatorFactory(action=action)
    services.measurement_record(indicator=taken, period=date(2025, 6, 1), value=D("3"), by=pilot)
    rows = [
        {"indicator": free, "period": date(2025, 6, 1), "value": D("1")},
        {"indicator": taken, "period": date(2025, 6, 1), "value": D("4")},
    ]
    with pytest.raises(ValidationError) as excinfo:
        services.measurements_record_many(rows=rows, by=pilot)
    assert "Une valeur existe déjà pour juin 2025" in str(excinfo.value)
    assert not Measurement.objects.filter(indicator=free).exists()
    percent = IndicatorFactory(action=action, unit=Indicator.Unit.PERCENT)
    with pytest.raises(ValidationError):
        services.measurements_record_many(
            rows=[
                {"indicator": free, "period": date(2025, 6, 1), "value": D("1")},
                {"indicator": percent, "period": date(2025, 6, 1), "value": D("120")},
            ],
            by=pilot,
        )
    assert not Measurement.objects.filter(indicator=free).exists()
