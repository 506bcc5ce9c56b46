"""The member list and the member page make a fixed number of queries, whatever the
number of members, steps and contacts."""

import pytest
from django.urls import reverse
from django.utils import timezone

from adherents import services
from tests.factories import OrganisationFactory

from .conftest import start
from .factories import AdherentFactory, ComplaintFactory, PreventionVisitFactory, WorkUnitFactory

LIST_QUERIES = 14
DETAIL_QUERIES = 24
PORTAL_QUERIES = 16


def populate(service, templates, unit, staff, size):
    members = []
    for i in range(size):
        member = AdherentFactory(
            service=service,
            unit=unit,
            sector=unit.sector,
            referent=staff,
            organisation=OrganisationFactory(name=f"Entreprise {size}-{i}"),
        )
        start(member, templates[0])
        start(member, templates[1], days_ago=10)
        for outcome in ("injoignable", "message", "joint"):
            services.contact_log(adherent=member, by=staff, channel="telephone", outcome=outcome)
        members.append(member)
    return members


def enrich(member, staff, size):
    for i in range(size):
        services.contact_log(
            adherent=member, by=staff, channel="email", outcome="envoye", summary=f"Mail {i}"
        )
        services.staff_note_add(adherent=member, by=staff, body=f"Note {i}")
        visit = PreventionVisitFactory(adherent=member, performed_by=staff)
        WorkUnitFactory(visit=visit)
        ComplaintFactory(service=member.service, adherent=member)
        member.hr_contact_name = f"RH {i}"
        services.adherent_update(adherent=member, by=staff, data={})


@pytest.mark.parametrize("size", [2, 12])
def test_member_list_queries_do_not_grow(
    client_for, service_staff, templates, unit, service_organisation, size, django_assert_max_num_queries
):
    populate(service_organisation, templates, unit, service_staff, size)
    client = client_for(service_staff)
    with django_assert_max_num_queries(LIST_QUERIES):
        response = client.get(reverse("adherents:adherent_list"))
    assert len(response.context["adherents"]) == size
    with django_assert_max_num_queries(LIST_QUERIES):
        client.get(reverse("adherents:adherent_list"), {"situation": "late", "q": "Entreprise"})


@pytest.mark.parametrize("size", [1, 8])
def test_member_page_queries_do_not_grow(
    client_for, service_staff, templates, unit, service_organisation, size, django_assert_max_num_queries
):
    member = populate(service_organisation, templates, unit, service_staff, 1)[0]
    enrich(member, service_staff, size)
    client = client_for(service_staff)
    with django_assert_max_num_queries(DETAIL_QUERIES):
        response = client.get(member.get_absolute_url())
    assert len(response.context["contacts"]) == 3 + size


@pytest.mark.parametrize("size", [1, 8])
def test_portal_queries_do_not_grow(
    client_for, member_contact, adherent, service_staff, size, django_assert_max_num_queries
):
    enrich(adherent, service_staff, size)
    adherent.visits.update(restitution_sent_on=timezone.localdate())
    client = client_for(member_contact)
    with django_assert_max_num_queries(PORTAL_QUERIES):
        response = client.get(reverse("adherents:portal_home"))
    assert len(response.context["visits"]) == size


SURVEY_QUERIES = 16


@pytest.mark.parametrize("size", [2, 10])
def test_survey_results_queries_do_not_grow(
    client_for, service_staff, templates, unit, service_organisation, size, django_assert_max_num_queries
):
    from adherents.models import Survey, SurveyChoice, SurveyQuestion

    survey = Survey.objects.create(service=service_organisation, title="Sondage", mode=Survey.Mode.PHONE)
    questions = []
    for order in range(1, 4):
        question = SurveyQuestion.objects.create(survey=survey, order=order, text=f"Question {order}")
        SurveyChoice.objects.create(question=question, order=1, label="Oui", satisfied=True)
        SurveyChoice.objects.create(question=question, order=2, label="Non")
        questions.append(question)
    for member in populate(service_organisation, templates, unit, service_staff, size):
        answers = {q: q.choices.first() for q in questions}
        services.survey_response_record(
            survey=survey, adherent=member, by=service_staff, reached=True, answers=answers
        )
    client = client_for(service_staff)
    with django_assert_max_num_queries(SURVEY_QUERIES):
        response = client.get(reverse("adherents:survey_results", args=[survey.pk]))
    assert response.context["results"]["totals"]["reached"] == size


@pytest.mark.parametrize("edits", [1, 30])
def test_member_page_history_names_related_rows_in_fixed_queries(
    client_for, service_staff, templates, unit, service_organisation, edits, django_assert_max_num_queries
):
    from .factories import SectorFactory

    member = populate(service_organisation, templates, unit, service_staff, 1)[0]
    sectors = [SectorFactory(service=service_organisation, name=f"Secteur {i}") for i in range(2)]
    for i in range(edits):
        member.sector = sectors[i % 2]
        member.hr_contact_name = f"RH {i}"
        services.adherent_update(adherent=member, by=service_staff, data={})
    client = client_for(service_staff)
    with django_assert_max_num_queries(DETAIL_QUERIES):
        response = client.get(member.get_absolute_url())
    newest = response.context["changes"][0].entry
    changed = {change.field: change.new for change in newest.changes}
    # The sector by its name (not its number), the author by their name.
    assert changed["sector"] == sectors[(edits - 1) % 2].name
    assert changed["hr_contact_name"] == f"RH {edits - 1}"
    assert newest.author == service_staff.person.full_name
    assert f"Secteur {(edits - 1) % 2}" in response.content.decode()
