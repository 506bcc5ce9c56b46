"""Factories for the evaluation tests (and the few actions objects they need)."""

from datetime import date
from decimal import Decimal

import factory

from actions.models import ActionPhase, CollectiveAction, Deliverable, Participation, TeamMember
from evaluation.models import Indicator, Measurement
from tests.factories import ActionFactory as SharedActionFactory
from tests.factories import OrganisationFactory
from tests.factories import ProgrammeFactory as ProgrammeFactory  # shared (tests/factories/actions.py)


class ActionFactory(SharedActionFactory):
    """An ongoing action in Isère (what the dashboards count), through the service like every action."""

    status = CollectiveAction.Status.ONGOING
    territory = "Isère"


class PhaseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ActionPhase
        django_get_or_create = ("action", "number")

    action = factory.SubFactory(ActionFactory)
    number = 1


class DeliverableFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Deliverable

    action = factory.SubFactory(ActionFactory)
    phase = factory.LazyAttribute(lambda o: PhaseFactory(action=o.action, number=1))
    title = factory.Sequence(lambda n: f"Livrable {n}")


class ParticipationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Participation

    action = factory.SubFactory(ActionFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    status = Participation.Status.ENGAGED


class IndicatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Indicator

    name = factory.Sequence(lambda n: f"Indicateur {n}")
    action = factory.SubFactory(ActionFactory)
    unit = Indicator.Unit.NUMBER
    periodicity = "mensuelle"
    baseline = Decimal("0")
    baseline_date = date(2025, 1, 1)
    target = Decimal("20")
    target_date = date(2026, 1, 1)


class MeasurementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Measurement

    indicator = factory.SubFactory(IndicatorFactory)
    period = date(2025, 6, 1)
    value = Decimal("10")


def add_to_team(action, user, role=TeamMember.Role.PILOT):
    return TeamMember.objects.create(action=action, person=user.person, role=role)
