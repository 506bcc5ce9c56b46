"""`evaluation.access`, the one place that says who may read, define and fill in indicators."""

from decimal import Decimal as D

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from evaluation import access
from evaluation.models import Indicator, Measurement
from governance.models import Membership
from tests.adherents.factories import ServiceFactory
from tests.governance.factories import CommitteeFactory, add_member

from .factories import ActionFactory, IndicatorFactory, MeasurementFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def indicator(action):
    return IndicatorFactory(action=action, name="Entreprises accompagnées", target=D("20"))


@pytest.fixture
def computed(action):
    return IndicatorFactory(action=action, name="Entreprises engagées", computation="companies_engaged")


def test_the_actions_team_reads_defines_and_fills_in_its_indicators(pilot, action, indicator, computed):
    assert set(access.indicators_visible_to(pilot)) == {indicator, computed}
    assert set(access.indicators_editable_by(pilot)) == {indicator, computed}
    # A computed indicator takes no manual value, even from its pilot.
    assert list(access.indicators_enterable_by(pilot)) == [indicator]
    assert access.can_enter_values(pilot, indicator) and not access.can_enter_values(pilot, computed)
    assert access.can_change_indicator(pilot, computed)
    assert access.can_define_indicator_for(pilot, action)
    assert not access.can_define_indicator_for(pilot, ActionFactory())


def test_a_person_named_to_fill_in_enters_values_but_does_not_change_the_definition(other_pilot, indicator):
    assert not access.indicators_visible_to(other_pilot).exists()
    indicator.responsible.add(other_pilot.person)
    assert list(access.indicators_visible_to(other_pilot)) == [indicator]
    assert list(access.indicators_enterable_by(other_pilot)) == [indicator]
    assert not access.indicators_editable_by(other_pilot).exists()
    assert access.can_correct_measurement(other_pilot, MeasurementFactory(indicator=indicator))
    assert not other_pilot.has_perm("evaluation.change_indicator", indicator)


def test_a_committee_reader_reads_and_writes_nothing(client_for, committee_reads, action, indicator):
    assert list(access.indicators_visible_to(committee_reads)) == [indicator]
    assert not access.indicators_editable_by(committee_reads).exists()
    assert not access.indicators_enterable_by(committee_reads).exists()
    assert access.can_view_action_evaluation(committee_reads, action)
    assert not access.can_edit_action_evaluation(committee_reads, action)
    measurement = MeasurementFactory(indicator=indicator)
    response = client_for(committee_reads).post(
        reverse("evaluation:measurement_edit", args=[measurement.pk]), {"value": "99"}
    )
    assert response.status_code == 403
    measurement.refresh_from_db()
    assert measurement.value == D("10")


def test_a_committees_indicators_follow_its_members_and_writers(committee_member, other_pilot):
    committee = CommitteeFactory()
    on_committee = IndicatorFactory(action=None, committee=committee, name="Réunions tenues")
    add_member(committee, committee_member)
    add_member(committee, other_pilot, role=Membership.Role.CHAIR)
    assert list(access.indicators_visible_to(committee_member)) == [on_committee]
    assert not access.can_change_indicator(committee_member, on_committee)
    assert not access.can_define_indicator_for(committee_member, committee)
    assert access.can_change_indicator(other_pilot, on_committee)
    assert access.can_define_indicator_for(other_pilot, committee)


def test_a_services_indicators_are_its_staffs(service_staff, service_organisation, pilot, admin_user):
    own = IndicatorFactory(action=None, service=service_organisation, unit=Indicator.Unit.PERCENT)
    other_service = ServiceFactory()
    foreign = IndicatorFactory(action=None, service=other_service, unit=Indicator.Unit.PERCENT)
    assert list(access.indicators_visible_to(service_staff)) == [own]
    assert list(access.indicators_enterable_by(service_staff)) == [own]
    assert list(access.services_open_to_new_indicators_by(service_staff)) == [service_organisation]
    assert access.can_define_indicator_for(service_staff, service_organisation)
    assert not access.can_define_indicator_for(service_staff, other_service)
    assert not access.can_enter_values(service_staff, foreign)
    assert not access.services_open_to_new_indicators_by(pilot).exists()
    assert {service_organisation, other_service} <= set(access.services_open_to_new_indicators_by(admin_user))


def test_staff_cannot_define_indicators_for_another_service(client_for, service_staff, admin_user):
    other_service = ServiceFactory()
    url = reverse("evaluation:indicator_create") + f"?service={other_service.pk}"
    assert client_for(service_staff).get(url).status_code == 404
    assert client_for(admin_user).get(url).status_code == 200


def test_an_anonymous_visitor_reads_nothing(indicator):
    anonymous = AnonymousUser()
    assert not access.indicators_visible_to(anonymous).exists()
    assert not access.indicators_enterable_by(anonymous).exists()
    assert not access.measurements_visible_to(anonymous).exists()
    assert not access.can_view_indicator(anonymous, indicator)
    assert not access.can_define_indicator_for(anonymous, indicator.action)


def test_an_outsider_reaches_no_indicator_or_measurement(client_for, outsider, indicator):
    measurement = MeasurementFactory(indicator=indicator)
    assert not access.measurements_visible_to(outsider).exists()
    client = client_for(outsider)
    assert client.get(reverse("evaluation:measurement_edit", args=[measurement.pk])).status_code == 404
    assert (
        client.post(
            reverse("evaluation:measurement_add", args=[indicator.pk]), {"period": "2025-07-01", "value": "3"}
        ).status_code
        == 404
    )
    assert not Measurement.objects.filter(indicator=indicator, period="2025-07-01").exists()
