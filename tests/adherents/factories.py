import factory
from django.utils import timezone

from adherents.models import (
    Adherent,
    Complaint,
    ContactAttempt,
    HealthUnit,
    MembershipApplication,
    PreventionVisit,
    Sector,
    WorkUnit,
)
from directory.models import Organisation
from tests.factories import OrganisationFactory


class ServiceFactory(OrganisationFactory):
    kind = Organisation.Kind.SSTI
    name = factory.Sequence(lambda n: f"Service de santé au travail {n}")


class SectorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Sector

    service = factory.SubFactory(ServiceFactory)
    name = factory.Sequence(lambda n: f"Secteur {n}")


class HealthUnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = HealthUnit

    service = factory.SubFactory(ServiceFactory)
    sector = factory.SubFactory(SectorFactory, service=factory.SelfAttribute("..service"))
    name = factory.Sequence(lambda n: f"UST {n}")
    physician = "Dr Claire Martin"
    prevention_visit_delay_days = 120


class AdherentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Adherent

    service = factory.SubFactory(ServiceFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    membership_number = factory.Sequence(lambda n: f"2026-{n:04d}")
    validated_on = factory.LazyFunction(lambda: timezone.localdate() - timezone.timedelta(days=20))
    headcount = 8
    sig_count = 6
    sir_count = 2
    admin_contact_name = "Marc Dupont"
    admin_contact_email = "marc@example.org"


class ContactAttemptFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ContactAttempt

    adherent = factory.SubFactory(AdherentFactory)
    channel = ContactAttempt.Channel.PHONE
    outcome = ContactAttempt.Outcome.UNREACHABLE


class PreventionVisitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PreventionVisit

    adherent = factory.SubFactory(AdherentFactory)
    status = PreventionVisit.Status.DONE
    done_on = factory.LazyFunction(lambda: timezone.localdate() - timezone.timedelta(days=3))
    physician = "Dr Claire Martin"


class WorkUnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WorkUnit

    visit = factory.SubFactory(PreventionVisitFactory)
    name = factory.Sequence(lambda n: f"Atelier {n}")


class ComplaintFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Complaint

    service = factory.SubFactory(ServiceFactory)
    channel = Complaint.Channel.PHONE
    subject = factory.Sequence(lambda n: f"Réclamation {n}")


class ApplicationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MembershipApplication

    service = factory.SubFactory(ServiceFactory)
    applicant = MembershipApplication.Applicant.COMPANY
    company_name = factory.Sequence(lambda n: f"Menuiserie {n}")
    siret = "73282932000074"
    address = "12 rue des Fleurs"
    postal_code = "62400"
    city = "Béthune"
    activity_description = "Menuiserie\u00a0: fabrication et pose."
    headcount = 5
    sig_count = 3
    sir_count = 2
    sir_risks = "Travail en hauteur"
    contact_name = "Paul Leroy"
    contact_email = "paul@example.org"
    contact_phone = "0321000000"
