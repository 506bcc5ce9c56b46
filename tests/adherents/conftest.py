import pytest
from django.utils import timezone

from adherents import services
from adherents.models import TrajectoryStep, TrajectoryTemplate
from adherents.trajectories import ensure_default_templates
from tests.factories import OrganisationFactory

from .factories import AdherentFactory, HealthUnitFactory, SectorFactory, ServiceFactory


@pytest.fixture
def templates(db):
    return ensure_default_templates(TrajectoryTemplate, TrajectoryStep)


@pytest.fixture
def sector(service_organisation):
    return SectorFactory(service=service_organisation, name="Béthune")


@pytest.fixture
def unit(service_organisation, sector):
    return HealthUnitFactory(service=service_organisation, sector=sector, name="UST Béthune 1")


def start(adherent, template, days_ago=20):
    services.trajectory_start(
        by=None,
        adherent=adherent,
        template=template,
        start_on=timezone.localdate() - timezone.timedelta(days=days_ago),
    )
    return adherent


@pytest.fixture
def adherent(templates, service_organisation, sector, unit, member_contact, service_staff):
    """The member file of member_contact's company, in service_staff's service, trajectory started."""
    member = AdherentFactory(
        service=service_organisation,
        organisation=member_contact.person.organisation,
        sector=sector,
        unit=unit,
        referent=service_staff,
        validated_on=timezone.localdate() - timezone.timedelta(days=20),
    )
    return start(member, templates[0])


@pytest.fixture
def other_adherent(templates, service_organisation, sector, unit):
    """Another member of the same service (the member contact must not reach it)."""
    member = AdherentFactory(
        service=service_organisation,
        organisation=OrganisationFactory(name="Garage Martin"),
        sector=sector,
        unit=unit,
    )
    return start(member, templates[0])


@pytest.fixture
def foreign_adherent(templates):
    """A member of another service (the service staff must not reach it)."""
    other_service = ServiceFactory(name="Autre service")
    member = AdherentFactory(
        service=other_service, organisation=OrganisationFactory(name="Entreprise d'ailleurs")
    )
    return start(member, templates[0])
