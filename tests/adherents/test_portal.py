"""The member portal: its own file only, read-only except contacts and opening hours,
never staff notes; every other member’s data is out of reach (404)."""

import pytest
from django.urls import reverse
from django.utils import timezone

from adherents import services
from adherents.models import Survey, SurveyQuestion, SurveyResponse
from reports.models import Document

from .factories import PreventionVisitFactory, WorkUnitFactory


@pytest.fixture
def sent_visit(adherent):
    visit = PreventionVisitFactory(adherent=adherent, restitution_sent_on=timezone.localdate())
    WorkUnitFactory(visit=visit, name="Fournil")
    return visit


def test_member_sees_its_file_trajectory_and_restitution(client_for, member_contact, adherent, sent_visit):
    services.staff_note_add(adherent=adherent, by=None, body="NOTE-SECRETE du service")
    page = client_for(member_contact).get(reverse("adherents:portal_home")).content.decode()
    assert adherent.organisation.name in page
    assert "Votre adhésion est enregistrée" in page  # its current step, in plain words
    assert "Obtenir le courrier (PDF)" in page
    assert "NOTE-SECRETE" not in page


def test_member_gets_its_restitution_pdf(
    client_for, member_contact, sent_visit, django_capture_on_commit_callbacks
):
    client = client_for(member_contact)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("adherents:portal_restitution_pdf", args=[sent_visit.pk]))
    document = Document.objects.get(kind="adherents.restitution")
    assert response["Location"] == document.get_absolute_url()
    assert client.get(reverse("reports:document_download", args=[document.pk])).status_code == 200
    page = client.get(reverse("adherents:portal_home")).content.decode()
    assert reverse("reports:document_download", args=[document.pk]) in page


def test_a_restitution_not_sent_yet_is_not_shown(client_for, member_contact, adherent):
    visit = PreventionVisitFactory(adherent=adherent)
    client = client_for(member_contact)
    assert client.post(reverse("adherents:portal_restitution_pdf", args=[visit.pk])).status_code == 404


def test_another_members_anything_is_out_of_reach(client_for, member_contact, adherent, other_adherent):
    other_visit = PreventionVisitFactory(adherent=other_adherent, restitution_sent_on=timezone.localdate())
    WorkUnitFactory(visit=other_visit)
    client = client_for(member_contact)
    assert client.post(reverse("adherents:portal_restitution_pdf", args=[other_visit.pk])).status_code == 404
    assert client.get(reverse("adherents:adherent_detail", args=[other_adherent.pk])).status_code == 404
    assert client.get(reverse("adherents:visit_detail", args=[other_visit.pk])).status_code == 404
    # A restitution PDF of another member, even asked for by staff, stays out of reach.
    staff_document = Document.objects.create(
        kind="adherents.restitution", title="x", target=other_visit, status=Document.Status.DONE
    )
    assert client.get(reverse("reports:document_detail", args=[staff_document.pk])).status_code == 404
    page = client.get(reverse("adherents:portal_home")).content.decode()
    assert other_adherent.organisation.name not in page


def test_portal_survey_of_another_service_is_out_of_reach(
    client_for, member_contact, adherent, foreign_adherent
):
    foreign_survey = Survey.objects.create(
        service=foreign_adherent.service, title="Autre", mode=Survey.Mode.PORTAL
    )
    assert (
        client_for(member_contact)
        .get(reverse("adherents:portal_survey", args=[foreign_survey.pk]))
        .status_code
        == 404
    )


def test_member_answers_a_portal_survey_once(client_for, member_contact, adherent, service_organisation):
    survey = Survey.objects.create(service=service_organisation, title="Votre avis", mode=Survey.Mode.PORTAL)
    rating = SurveyQuestion.objects.create(
        survey=survey, order=1, text="Note ?", kind="note", required=True, measures_satisfaction=True
    )
    client = client_for(member_contact)
    url = reverse("adherents:portal_survey", args=[survey.pk])
    assert "Votre avis" in client.get(reverse("adherents:portal_home")).content.decode()
    response = client.post(url, {})
    assert response.status_code == 200 and "Cette question demande une réponse." in response.content.decode()
    assert client.post(url, {f"q_{rating.pk}": "5"}).status_code == 302
    assert SurveyResponse.objects.get(survey=survey).answers.get().rating == 5
    assert client.get(url).status_code == 302  # already answered


def test_member_updates_contacts_and_staff_see_the_change(
    client_for, member_contact, service_staff, adherent
):
    client = client_for(member_contact)
    data = {f: getattr(adherent, f) for f in adherent.PORTAL_EDITABLE_FIELDS}
    data.update(
        {
            "hr_contact_name": "Julie RH",
            "opening_hours": "Lundi–samedi 7 h–19 h",
            "headcount": "999",
            "sir_count": "50",
        }
    )
    assert client.post(reverse("adherents:portal_contacts"), data).status_code == 302
    adherent.refresh_from_db()
    assert adherent.hr_contact_name == "Julie RH"
    assert adherent.headcount == 8 and adherent.sir_count == 2  # nothing else changes
    staff_page = client_for(service_staff).get(adherent.get_absolute_url()).content.decode()
    assert "modifié par l’adhérent" in staff_page and "Julie RH" in staff_page


def test_member_contact_without_a_member_file_gets_404(client_for, member_contact):
    assert client_for(member_contact).get(reverse("adherents:portal_home")).status_code == 404


@pytest.mark.parametrize("persona", ["service_staff", "pilot", "committee_member", "outsider"])
def test_other_personas_have_no_portal(request, client_for, persona, adherent):
    client = client_for(request.getfixturevalue(persona))
    assert client.get(reverse("adherents:portal_home")).status_code == 404
    assert client.get(reverse("adherents:portal_contacts")).status_code == 404


def test_home_sends_member_contacts_to_their_portal(client_for, member_contact, adherent):
    response = client_for(member_contact).get(reverse("core:home"))
    assert response.status_code == 302 and response["Location"] == reverse("adherents:portal_home")
