"""Who may reach each view: staff of the member's service and admins; nobody else (404),
anonymous users are sent to the login page."""

import pytest
from django.urls import reverse

from adherents.models import PreventionVisit, Survey, SurveyQuestion

from .factories import ApplicationFactory, ComplaintFactory, PreventionVisitFactory, WorkUnitFactory

PERSONAS_WITHOUT_ACCESS = ["pilot", "committee_member", "outsider", "member_contact", "consultant"]


@pytest.fixture
def objects(adherent, service_organisation):
    visit = PreventionVisitFactory(adherent=adherent)
    unit = WorkUnitFactory(visit=visit)
    survey = Survey.objects.create(service=service_organisation, title="Sondage")
    SurveyQuestion.objects.create(survey=survey, order=1, text="Satisfait ?", kind=SurveyQuestion.Kind.TEXT)
    return {
        "adherent": adherent,
        "step": adherent.steps.first(),
        "visit": visit,
        "unit": unit,
        "application": ApplicationFactory(service=service_organisation),
        "complaint": ComplaintFactory(service=service_organisation, adherent=adherent),
        "survey": survey,
    }


def staff_urls(o):
    a = o["adherent"]
    return [
        reverse("adherents:adherent_list"),
        reverse("adherents:adherent_detail", args=[a.pk]),
        reverse("adherents:adherent_edit", args=[a.pk]),
        reverse("adherents:step_complete", args=[a.pk, o["step"].pk]),
        reverse("adherents:contact_create", args=[a.pk]),
        reverse("adherents:note_create", args=[a.pk]),
        reverse("adherents:visit_create", args=[a.pk]),
        reverse("adherents:action_create", args=[a.pk]),
        reverse("adherents:visit_detail", args=[o["visit"].pk]),
        reverse("adherents:visit_edit", args=[o["visit"].pk]),
        reverse("adherents:work_unit_create", args=[o["visit"].pk]),
        reverse("adherents:work_unit_edit", args=[o["visit"].pk, o["unit"].pk]),
        reverse("adherents:application_list"),
        reverse("adherents:application_detail", args=[o["application"].pk]),
        reverse("adherents:survey_list"),
        reverse("adherents:survey_results", args=[o["survey"].pk]),
        reverse("adherents:survey_record", args=[o["survey"].pk, a.pk]),
        reverse("adherents:complaint_list"),
        reverse("adherents:complaint_create"),
        reverse("adherents:complaint_edit", args=[o["complaint"].pk]),
    ]


def test_staff_reach_every_staff_page(client_for, service_staff, objects):
    client = client_for(service_staff)
    for url in staff_urls(objects):
        assert client.get(url).status_code == 200, url


def test_admin_reaches_every_staff_page(client_for, admin_user, objects):
    client = client_for(admin_user)
    for url in staff_urls(objects):
        if url.endswith("/reclamations/nouvelle/"):
            url += f"?service={objects['adherent'].service_id}"
        assert client.get(url).status_code == 200, url


@pytest.mark.parametrize("persona", PERSONAS_WITHOUT_ACCESS)
def test_other_personas_get_404_on_staff_pages(request, client_for, persona, objects):
    client = client_for(request.getfixturevalue(persona))
    for url in staff_urls(objects):
        assert client.get(url).status_code == 404, url


@pytest.mark.parametrize("persona", PERSONAS_WITHOUT_ACCESS)
def test_other_personas_cannot_post(request, client_for, persona, objects):
    client = client_for(request.getfixturevalue(persona))
    a, visit = objects["adherent"], objects["visit"]
    posts = [
        reverse("adherents:contact_create", args=[a.pk]),
        reverse("adherents:note_create", args=[a.pk]),
        reverse("adherents:step_reopen", args=[a.pk, objects["step"].pk]),
        reverse("adherents:visit_document", args=[visit.pk, "restitution"]),
        reverse("adherents:restitution_sent", args=[visit.pk]),
    ]
    for url in posts:
        assert (
            client.post(url, {"body": "x", "outcome": "joint", "channel": "telephone"}).status_code == 404
        ), url
    assert not a.staff_notes.exists() and not a.contacts.exists()


def test_anonymous_is_sent_to_login(client, objects):
    for url in [*staff_urls(objects), reverse("adherents:portal_home"), reverse("adherents:portal_contacts")]:
        response = client.get(url)
        assert response.status_code == 302 and "/comptes/connexion/" in response["Location"], url


def test_staff_of_another_service_get_404(client_for, service_staff, foreign_adherent):
    client = client_for(service_staff)
    visit = PreventionVisitFactory(adherent=foreign_adherent)
    complaint = ComplaintFactory(service=foreign_adherent.service, adherent=foreign_adherent)
    application = ApplicationFactory(service=foreign_adherent.service)
    for url in [
        reverse("adherents:adherent_detail", args=[foreign_adherent.pk]),
        reverse("adherents:adherent_edit", args=[foreign_adherent.pk]),
        reverse("adherents:contact_create", args=[foreign_adherent.pk]),
        reverse("adherents:step_complete", args=[foreign_adherent.pk, foreign_adherent.steps.first().pk]),
        reverse("adherents:visit_detail", args=[visit.pk]),
        reverse("adherents:complaint_edit", args=[complaint.pk]),
        reverse("adherents:application_detail", args=[application.pk]),
    ]:
        assert client.get(url).status_code == 404, url
    response = client.get(reverse("adherents:adherent_list"))
    assert foreign_adherent.organisation.name not in response.content.decode()


def test_staff_cannot_complete_a_step_of_another_members_file(
    client_for, service_staff, adherent, other_adherent
):
    url = reverse("adherents:step_complete", args=[adherent.pk, other_adherent.steps.first().pk])
    assert client_for(service_staff).get(url).status_code == 404


def test_visit_documents_need_work_units(client_for, service_staff, adherent):
    visit = PreventionVisitFactory(adherent=adherent, status=PreventionVisit.Status.DONE)
    response = client_for(service_staff).post(
        reverse("adherents:visit_document", args=[visit.pk, "restitution"])
    )
    assert response.status_code == 302 and response["Location"] == visit.get_absolute_url()
    unknown = client_for(service_staff).post(reverse("adherents:visit_document", args=[visit.pk, "autre"]))
    assert unknown.status_code == 404
