"""The public online membership form, and its validation by staff."""

import pytest
from django.core import mail
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from adherents.models import Adherent, MembershipApplication, StepInstance, TrajectoryStep
from directory.models import Organisation

from .factories import ApplicationFactory


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


def form_data(service, **extra):
    data = {
        "service": service.pk,
        "applicant": "entreprise",
        "company_name": "Menuiserie Leroy",
        "sign_name": "",
        "siret": "732 829 320 00074",
        "address": "3 rue Pasteur",
        "postal_code": "62400",
        "city": "Béthune",
        "activity_description": "Menuiserie bois : atelier et pose chez les clients.",
        "headcount": "5",
        "sig_count": "3",
        "sir_count": "2",
        "sir_risks": "Travail en hauteur",
        "contact_name": "Paul Leroy",
        "contact_function": "Gérant",
        "contact_email": "paul@menuiserie.example",
        "contact_phone": "0321000000",
        "opening_hours": "",
        "website": "",
        "confirm": "on",
    }
    data.update(extra)
    return data


def test_the_form_is_public_and_explains_sig_and_sir(client, sector):
    page = client.get(reverse("adherents:apply")).content.decode()
    assert "SIR — suivi individuel renforcé" in page and "échafaudages" in page
    assert 'name="viewport"' in page


def test_a_complete_application_is_saved_and_acknowledged(
    client, sector, service_organisation, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("adherents:apply"), form_data(service_organisation))
    assert response.status_code == 302 and response["Location"] == reverse("adherents:apply_thanks")
    application = MembershipApplication.objects.get()
    assert application.siret == "73282932000074" and application.service == service_organisation
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["paul@menuiserie.example"]
    assert "Menuiserie Leroy" in mail.outbox[0].body


def test_an_incomplete_file_is_refused_field_by_field(client, sector, service_organisation):
    data = form_data(service_organisation, company_name="", siret="123", postal_code="624", contact_email="")
    response = client.post(reverse("adherents:apply"), data)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Ce champ est obligatoire\u00a0: Raison sociale." in page
    assert "Ce champ est obligatoire\u00a0: E-mail du contact." in page
    assert (
        "Un numéro SIRET compte exactement 14 chiffres." in page
        and "Un code postal français compte 5 chiffres." in page
    )
    assert "Menuiserie bois : atelier" in page  # what was typed is kept
    assert not MembershipApplication.objects.exists()


def test_sig_and_sir_must_add_up_to_the_headcount(client, sector, service_organisation):
    response = client.post(reverse("adherents:apply"), form_data(service_organisation, sig_count="1"))
    assert "doivent faire l’effectif total (5)" in response.content.decode()


def test_an_accounting_firm_applies_on_behalf_and_gets_the_acknowledgement(
    client, sector, service_organisation, django_capture_on_commit_callbacks
):
    data = form_data(service_organisation, applicant="cabinet")
    response = client.post(reverse("adherents:apply"), data)
    assert "Indiquez le nom du cabinet comptable." in response.content.decode()
    data.update(
        accounting_firm_name="Fiduciaire de l’Artois", accounting_firm_email="paie@fiduciaire.example"
    )
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("adherents:apply"), data)
    assert MembershipApplication.objects.get().applicant == "cabinet"
    # One message each: neither sees the other's address.
    assert sorted(message.to[0] for message in mail.outbox) == [
        "paie@fiduciaire.example",
        "paul@menuiserie.example",
    ]
    assert all(len(message.to) == 1 for message in mail.outbox)


def test_the_honeypot_refuses_robots(client, sector, service_organisation):
    response = client.post(
        reverse("adherents:apply"), form_data(service_organisation, website="http://spam.example")
    )
    assert response.status_code == 200 and not MembershipApplication.objects.exists()


def test_submissions_are_rate_limited_per_address(client, sector, service_organisation):
    for i in range(5):
        response = client.post(
            reverse("adherents:apply"), form_data(service_organisation, company_name=f"Entreprise {i}")
        )
        assert response.status_code == 302
    response = client.post(
        reverse("adherents:apply"), form_data(service_organisation, company_name="Une de trop")
    )
    assert response.status_code == 429
    assert "Trop de demandes" in response.content.decode()
    assert MembershipApplication.objects.count() == 5
    other = client.post(
        reverse("adherents:apply"),
        form_data(service_organisation, company_name="Autre poste"),
        REMOTE_ADDR="10.0.0.9",
    )
    assert other.status_code == 302


def test_staff_validate_an_application_which_starts_the_trajectory(
    client_for, service_staff, templates, sector, unit, service_organisation
):
    application = ApplicationFactory(service=service_organisation)
    today = timezone.localdate()
    response = client_for(service_staff).post(
        reverse("adherents:application_detail", args=[application.pk]),
        {"valider-validated_on": today.isoformat(), "valider-sector": sector.pk, "valider-unit": unit.pk},
    )
    adherent = Adherent.objects.get(organisation__name=application.company_name)
    assert response.status_code == 302 and response["Location"] == adherent.get_absolute_url()
    assert adherent.organisation.kind == Organisation.Kind.COMPANY and adherent.unit == unit
    assert adherent.membership_number == f"{today.year}-0001"
    steps = StepInstance.objects.filter(adherent=adherent)
    assert steps.count() == 8
    visit = steps.get(step__kind=TrajectoryStep.Kind.PREVENTION_VISIT)
    assert (visit.due_on - today).days == unit.prevention_visit_delay_days
    application.refresh_from_db()
    assert application.status == "validee" and application.adherent == adherent
    page = client_for(service_staff).get(adherent.get_absolute_url()).content.decode()
    assert "Appel d&#x27;accueil" in page or "Appel d'accueil" in page


def test_an_application_cannot_be_validated_twice(
    client_for, service_staff, templates, sector, unit, service_organisation
):
    application = ApplicationFactory(service=service_organisation)
    url = reverse("adherents:application_detail", args=[application.pk])
    data = {
        "valider-validated_on": timezone.localdate().isoformat(),
        "valider-sector": sector.pk,
        "valider-unit": unit.pk,
    }
    client = client_for(service_staff)
    client.post(url, data)
    response = client.post(url, data, follow=True)
    assert "déjà été examinée" in response.content.decode()
    assert Adherent.objects.count() == 1


def test_staff_reject_an_application_with_a_reason(client_for, service_staff, service_organisation, sector):
    application = ApplicationFactory(service=service_organisation)
    url = reverse("adherents:application_detail", args=[application.pk])
    client = client_for(service_staff)
    assert client.post(url, {"refuser-rejection_reason": ""}).status_code == 200
    assert client.post(url, {"refuser-rejection_reason": "Doublon"}).status_code == 302
    application.refresh_from_db()
    assert application.status == "refusee"
