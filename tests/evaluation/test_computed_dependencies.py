"""Computed indicators reading governance's and the member files' figures."""

from datetime import date, datetime, timedelta
from decimal import Decimal as D

import pytest
from django.utils import timezone

from evaluation import computed, services
from evaluation.models import Indicator
from governance.models import Attendance, FollowUpItem, Meeting
from tests.adherents.factories import AdherentFactory, ComplaintFactory, ServiceFactory
from tests.governance.factories import (
    AttendanceFactory,
    CommitteeFactory,
    DecisionFactory,
    FollowUpFactory,
    MeetingFactory,
)

from .factories import IndicatorFactory

pytestmark = pytest.mark.django_db
PARIS = timezone.get_current_timezone()


def _june_meetings(committee):
    held = [
        MeetingFactory(
            committee=committee, starts_at=datetime(2025, 6, d, 14, tzinfo=PARIS), status=Meeting.Status.HELD
        )
        for d in (3, 17)
    ]
    MeetingFactory(
        committee=committee,
        starts_at=datetime(2025, 6, 24, 14, tzinfo=PARIS),
        status=Meeting.Status.CANCELLED,
    )
    for meeting in held:
        AttendanceFactory(meeting=meeting, college="salaries", status=Attendance.Status.PRESENT)
        AttendanceFactory(meeting=meeting, college="salaries", status=Attendance.Status.ABSENT)
        AttendanceFactory(meeting=meeting, college="employeurs", status=Attendance.Status.PRESENT)
    decision = DecisionFactory(meeting=held[0])
    FollowUpFactory(
        decision=decision,
        due_date=date(2025, 6, 20),
        status=FollowUpItem.Status.DONE,
        done_on=date(2025, 6, 18),
    )
    FollowUpFactory(
        decision=decision,
        due_date=date(2025, 6, 20),
        status=FollowUpItem.Status.DONE,
        done_on=date(2025, 6, 25),
    )
    return held


def test_governance_indicators_of_an_action(action):
    _june_meetings(CommitteeFactory(action=action, programme=None))
    june = date(2025, 6, 1)

    def value(code, **params):
        indicator = IndicatorFactory(
            action=action,
            computation=code,
            unit=Indicator.Unit.PERCENT,
            target=D("80"),
            computation_params=params,
        )
        return services.indicator_compute(by=None, indicator=indicator, period=june).value

    assert value("meetings_held") == D("66.7")  # 2 held of 3 due
    assert value("attendance_rate") == D("66.7")  # 4 present of 6
    assert value("attendance_rate", college="salaries") == D("50")
    assert value("attendance_rate", college="employeurs") == D("100")
    assert value("follow_up_on_time") == D("50")


def test_governance_indicators_of_a_committee_and_of_a_programme(programme, action):
    committee = CommitteeFactory(action=None, programme=programme, kind="croct", name="CROCT test")
    _june_meetings(committee)
    indicator = services.indicator_create(
        scope=committee,
        by=None,
        name="Réunions tenues",
        computation="meetings_held",
        target=D("100"),
        periodicity="mensuelle",
    )
    assert indicator.committee == committee and indicator.scope_kind == "committee"
    assert services.indicator_compute(by=None, indicator=indicator, period=date(2025, 6, 1)).value == D(
        "66.7"
    )
    on_programme = IndicatorFactory(
        action=None, programme=programme, computation="meetings_held", unit=Indicator.Unit.PERCENT
    )
    assert services.indicator_compute(by=None, indicator=on_programme, period=date(2025, 6, 1)).value == D(
        "66.7"
    )
    assert (
        services.indicator_compute(by=None, indicator=on_programme, period=date(2025, 3, 1)) is None
    )  # no meeting: no value


def test_service_indicators_from_the_member_files(service_organisation):
    reached = datetime(2025, 6, 10, 9, tzinfo=PARIS)
    AdherentFactory(service=service_organisation, validated_on=date(2025, 6, 2), first_reached_at=reached)
    AdherentFactory(
        service=service_organisation,
        validated_on=date(2025, 6, 3),
        first_reached_at=reached + timedelta(days=30),
    )
    AdherentFactory(service=service_organisation, validated_on=date(2025, 6, 5))
    AdherentFactory(service=ServiceFactory(), validated_on=date(2025, 6, 5))  # another service
    ComplaintFactory(service=service_organisation, received_on=date(2025, 6, 2), closed_on=date(2025, 6, 12))
    ComplaintFactory(service=service_organisation, received_on=date(2025, 6, 9))

    def indicator(code, unit):
        return IndicatorFactory(
            action=None, service=service_organisation, computation=code, unit=unit, target=D("90")
        )

    june = date(2025, 6, 1)
    contacted = indicator("members_contacted_15_days", Indicator.Unit.PERCENT)
    assert services.indicator_compute(by=None, indicator=contacted, period=june).value == D("33.3")
    closed = indicator("complaints_closed", Indicator.Unit.PERCENT)
    assert services.indicator_compute(by=None, indicator=closed, period=june).value == D("50")
    delay = indicator("complaints_delay", Indicator.Unit.DAYS)
    assert services.indicator_compute(by=None, indicator=delay, period=june).value == D("10")
    assert services.indicator_compute(by=None, indicator=contacted, period=date(2025, 1, 1)) is None


def test_the_registry_offers_each_scope_its_computations():
    for scope in ("action", "programme", "committee", "service"):
        assert computed.choices_for_scope(scope)
    service_codes = {code for code, _label in computed.choices_for_scope("service")}
    assert {
        "members_contacted_15_days",
        "prevention_visits_in_time",
        "satisfaction_rate",
        "complaints_closed",
        "complaints_delay",
    } <= service_codes
    assert "companies_engaged" not in service_codes
    assert all(entry.available() for entry in computed.all_computations())
