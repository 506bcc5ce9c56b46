import io
from datetime import date, timedelta

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from adherents import access, selectors, services
from adherents.demo import PHONE_SURVEY_TITLE
from adherents.models import Adherent, Complaint, Survey, SurveyChoice, SurveyQuestion, SurveyResponse
from directory.models import Organisation

from .factories import AdherentFactory, ComplaintFactory


def test_largest_remainder_percentages_add_up_to_100():
    assert selectors.largest_remainder([70, 1, 14], 85) == [82, 1, 17]
    assert selectors.largest_remainder([6, 5, 2, 1, 1], 15) == [40, 33, 13, 7, 7]
    assert selectors.largest_remainder([0, 0], 0) == [0, 0]


@pytest.fixture
def survey(service_organisation):
    survey = Survey.objects.create(service=service_organisation, title="Sondage", mode=Survey.Mode.PHONE)
    question = SurveyQuestion.objects.create(
        survey=survey, order=1, text="Satisfait ?", measures_satisfaction=True, required=True
    )
    SurveyChoice.objects.create(question=question, order=1, label="Oui", satisfied=True)
    SurveyChoice.objects.create(question=question, order=2, label="Non")
    return survey


def test_staff_record_phone_answers_and_unreachable_members(
    client_for, service_staff, survey, adherent, other_adherent
):
    client = client_for(service_staff)
    page = client.get(reverse("adherents:survey_results", args=[survey.pk])).content.decode()
    assert reverse("adherents:survey_record", args=[survey.pk, adherent.pk]) in page
    question = survey.questions.get()
    yes = question.choices.get(label="Oui")
    url = reverse("adherents:survey_record", args=[survey.pk, adherent.pk])
    assert client.post(url, {"reached": "1"}).status_code == 200  # the required question is missing
    assert (
        client.post(url, {"reached": "1", f"q_{question.pk}": yes.pk, "respondent": "M. Dupont"}).status_code
        == 302
    )
    url = reverse("adherents:survey_record", args=[survey.pk, other_adherent.pk])
    assert client.post(url, {"reached": "0"}).status_code == 302
    results = selectors.survey_results(survey)
    assert results["totals"] == {"reached": 1, "unreachable": 1, "members": 2, "unreachable_percent": 50}
    assert results["satisfaction"]["rate"] == 100
    page = client.get(reverse("adherents:survey_results", args=[survey.pk])).content.decode()
    assert "Béthune" in page and "100\u202f%" in page
    assert reverse("adherents:survey_record", args=[survey.pk, adherent.pk]) not in page  # answered
    assert "Chaque adhérent a été appelé." in page


def test_a_member_of_another_service_cannot_be_recorded(client_for, service_staff, survey, foreign_adherent):
    url = reverse("adherents:survey_record", args=[survey.pk, foreign_adherent.pk])
    assert client_for(service_staff).get(url).status_code == 404


@pytest.fixture
def demo(db):
    call_command("load_demo", stdout=io.StringIO())
    return Organisation.objects.get(acronym="AST")


def test_the_demo_survey_shows_the_seeds_figures(client_for, demo):
    from django.contrib.auth import get_user_model

    staff = get_user_model().objects.get(username="service")
    survey = Survey.objects.get(title=PHONE_SURVEY_TITLE)
    response = client_for(staff).get(reverse("adherents:survey_results", args=[survey.pk]))
    results = response.context["results"]
    assert [(r["name"], r["reached"], r["unreachable"], r["total"]) for r in results["by_sector"]] == [
        ("Béthune", 35, 13, 48),
        ("Arras", 21, 9, 30),
        ("Lens", 18, 3, 21),
        ("Hénin/Carvin", 11, 4, 15),
    ]
    assert results["totals"] == {"reached": 85, "unreachable": 29, "members": 114, "unreachable_percent": 25}
    assert results["satisfaction"]["rate"] == 82
    percents = {item["question"].text: [row["percent"] for row in item["rows"]] for item in results["items"]}
    assert percents["Êtes-vous satisfait du processus d'adhésion ?"] == [82, 18]
    assert percents["Quelle difficulté avez-vous rencontrée ?"] == [40, 33, 13, 7, 7]
    assert percents["Avez-vous été accompagné pour résoudre ces difficultés ?"] == [47, 53]
    assert percents["Votre dossier d'adhésion est-il géré par un cabinet comptable ?"] == [25, 75]
    assert percents["Avez-vous reçu le courrier de validation de l'adhésion (pochette) ?"] == [82, 17, 1]
    assert percents["Avez-vous été contacté par notre service à la suite de l'adhésion ?"] == [52, 45, 3]
    assert percents["Vous êtes-vous connecté au portail Dinaweb ?"] == [29, 54, 17]
    assert percents[
        "Aujourd'hui, connaissez-vous notre rôle et ce sur quoi nous pouvons vous accompagner ?"
    ] == [37, 19, 16, 6, 6, 1, 15]
    page = response.content.decode()
    for figure in ("114", "85", "29", "82\u202f%", "48", "Hénin/Carvin"):
        assert figure in page


def test_the_demo_is_idempotent_and_ties_the_adherent_user_to_a_member(demo):
    counts = (Adherent.objects.count(), SurveyResponse.objects.count(), Complaint.objects.count())
    call_command("load_demo", stdout=io.StringIO())
    assert (Adherent.objects.count(), SurveyResponse.objects.count(), Complaint.objects.count()) == counts
    assert Adherent.objects.filter(service=demo).count() == 114
    dupont = Adherent.objects.get(organisation__name="Boulangerie Dupont")
    assert (
        dupont.sector.name == "Béthune" and dupont.visits.filter(restitution_sent_on__isnull=False).exists()
    )
    from django.contrib.auth import get_user_model

    assert access.portal_adherent(get_user_model().objects.get(username="adherent")) == dupont
    today = timezone.localdate()
    late = (
        Adherent.objects.filter(steps__completed_on__isnull=True, steps__due_on__lt=today).distinct().count()
    )
    upcoming = (
        Adherent.objects.filter(steps__completed_on__isnull=True, steps__due_on__gt=today).distinct().count()
    )
    assert late > 0 and upcoming > 0


# --- Complaints ----------------------------------------------------------------------
def test_a_complaint_is_closed_only_with_cause_and_corrective_action(client_for, service_staff, adherent):
    client = client_for(service_staff)
    received = timezone.localdate() - timedelta(days=10)
    data = {
        "adherent": adherent.pk,
        "received_on": received.isoformat(),
        "channel": "telephone",
        "subject": "Pas de convocation",
        "closed_on": timezone.localdate().isoformat(),
    }
    response = client.post(reverse("adherents:complaint_create"), data)
    assert response.status_code == 200 and "avant de clôturer" in response.content.decode()
    data.update(cause="convocation", corrective_action="Convocation renvoyée")
    assert client.post(reverse("adherents:complaint_create"), data).status_code == 302
    complaint = Complaint.objects.get()
    assert complaint.status == Complaint.Status.CLOSED and complaint.treatment_days == 10
    summary = selectors.complaints_summary(Complaint.objects.all())
    assert summary["closed"] == 1 and summary["average_delay_days"] == 10
    page = client.get(reverse("adherents:complaint_list")).content.decode()
    assert "Convocation non reçue ou inadaptée" in page


def test_a_complaint_about_another_services_member_is_refused(
    service_organisation, foreign_adherent, service_staff
):
    from django.core.exceptions import ValidationError

    complaint = Complaint(
        service=service_organisation, adherent=foreign_adherent, channel="telephone", subject="x"
    )
    with pytest.raises(ValidationError):
        services.complaint_save(complaint=complaint, by=service_staff)


# --- Figures for the evaluation app ---------------------------------------------------
def test_figures_for_service(service_organisation, templates, unit, service_staff, survey):
    today = timezone.localdate()
    start = today - timedelta(days=40)
    quick = AdherentFactory(service=service_organisation, unit=unit, validated_on=start)
    slow = AdherentFactory(service=service_organisation, unit=unit, validated_on=start)
    for member in (quick, slow):
        services.trajectory_start(by=None, adherent=member, template=templates[0], start_on=start)
    services.contact_log(
        adherent=quick,
        by=service_staff,
        channel="telephone",
        outcome="joint",
        happened_at=timezone.now() - timedelta(days=35),
    )
    services.contact_log(adherent=slow, by=service_staff, channel="telephone", outcome="joint")
    ComplaintFactory(
        service=service_organisation,
        received_on=today - timedelta(days=6),
        closed_on=today - timedelta(days=2),
        cause="autre",
        corrective_action="Fait",
    )
    ComplaintFactory(service=service_organisation, received_on=today)
    answer_yes = survey.questions.get().choices.get(label="Oui")
    services.survey_response_record(
        survey=survey,
        adherent=quick,
        by=service_staff,
        reached=True,
        answers={survey.questions.get(): answer_yes},
    )
    figures = selectors.figures_for_service(service_organisation)
    assert figures["members_validated"] == 2
    assert figures["members_contacted_within_15_days"] == 1
    assert figures["members_contacted_within_15_days_rate"] == 50
    assert figures["complaints_received"] == 2 and figures["complaints_closed"] == 1
    assert figures["complaints_average_delay_days"] == 4
    assert figures["satisfaction_rate"] == 100
    assert (
        selectors.figures_for_service(service_organisation, start=today + timedelta(days=1))[
            "members_validated"
        ]
        == 0
    )
    assert (
        selectors.figures_for_service(service_organisation, end=date(2000, 1, 1))["complaints_received"] == 0
    )


def test_an_administrator_chooses_the_service_of_a_complaint(
    client_for, admin_user, adherent, service_organisation
):
    client = client_for(admin_user)
    assert client.get(reverse("adherents:complaint_create")).status_code == 200
    response = client.post(
        reverse("adherents:complaint_create"),
        {
            "service": service_organisation.pk,
            "adherent": adherent.pk,
            "received_on": timezone.localdate().isoformat(),
            "channel": "email",
            "subject": "Saisie par l'administratrice",
        },
    )
    assert response.status_code == 302
    assert Complaint.objects.get().service == service_organisation
