"""Letters keep their date of issue; survey results as a PDF and a workbook, in French."""

from datetime import timedelta
from io import BytesIO

import openpyxl
import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from adherents.models import Survey, SurveyChoice, SurveyQuestion
from adherents.services import restitution_mark_sent, survey_response_record
from core.french import jour
from reports.models import Document
from reports.registry import get_kind
from reports.services import build_html, document_render, document_request

from .factories import PreventionVisitFactory, WorkUnitFactory


def _text(document: Document) -> str:
    document.refresh_from_db()
    assert document.status == Document.Status.DONE, document.error
    with document.file.open("rb") as handle:
        text = "\n".join(page.extract_text() for page in PdfReader(BytesIO(handle.read())).pages)
    return " ".join(text.replace("\u00a0", " ").replace("\u202f", " ").split())


def _plain(value: str) -> str:
    return value.replace("\u00a0", " ").replace("\u202f", " ")


def _render(kind, target, user):
    document = document_request(kind=kind, target=target, requested_by=user)
    document_render(document_id=document.pk)
    return document


def _on(monkeypatch, day):
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: day)


# --- Letters keep their date of issue -----------------------------------------------------
def test_a_restitution_letter_keeps_its_first_date_when_produced_again(monkeypatch, service_staff, adherent):
    visit = PreventionVisitFactory(adherent=adherent)
    WorkUnitFactory(visit=visit, name="Fournil")
    first_day = timezone.localdate()
    later = first_day + timedelta(days=40)

    first = _render("adherents.restitution", visit, service_staff)
    visit.refresh_from_db()
    assert visit.restitution_issued_on == first_day
    assert f"le {_plain(jour(first_day))}" in _text(first)

    _on(monkeypatch, later)
    again = _render("adherents.restitution", visit, service_staff)
    text = _text(again)
    assert f"le {_plain(jour(first_day))}" in text and _plain(jour(later)) not in text
    kind = get_kind("adherents.restitution")
    assert kind.filename(again) == kind.filename(first)
    # Marking it sent later does not re-date the letter either.
    restitution_mark_sent(visit=visit, by=service_staff, sent_on=later)
    visit.refresh_from_db()
    assert visit.restitution_issued_on == first_day
    # The date was written with its author, in the history.
    assert visit.history.filter(restitution_issued_on=first_day).first().history_user == service_staff

    # A new letter (another visit) is a new issue, with its own date.
    new_visit = PreventionVisitFactory(adherent=adherent, done_on=later)
    WorkUnitFactory(visit=new_visit, name="Boutique")
    assert f"le {_plain(jour(later))}" in _text(_render("adherents.restitution", new_visit, service_staff))


def test_a_letter_sent_before_being_produced_is_dated_the_day_it_was_sent(service_staff, adherent):
    visit = PreventionVisitFactory(adherent=adherent)
    WorkUnitFactory(visit=visit)
    sent_on = timezone.localdate() - timedelta(days=5)
    restitution_mark_sent(visit=visit, by=service_staff, sent_on=sent_on)
    assert f"le {_plain(jour(sent_on))}" in _text(_render("adherents.restitution", visit, service_staff))


# --- Survey results as documents ----------------------------------------------------------
@pytest.fixture
def survey(service_organisation):
    survey = Survey.objects.create(
        service=service_organisation, title="Satisfaction 2026", mode=Survey.Mode.PHONE
    )
    question = SurveyQuestion.objects.create(
        survey=survey, order=1, section="Accueil", text="Satisfait ?", measures_satisfaction=True
    )
    SurveyChoice.objects.create(question=question, order=1, label="Oui", satisfied=True)
    SurveyChoice.objects.create(question=question, order=2, label="Non")
    SurveyQuestion.objects.create(survey=survey, order=2, text="Votre note", kind=SurveyQuestion.Kind.RATING)
    return survey


@pytest.fixture
def answered_survey(survey, adherent, other_adherent, service_staff):
    choice, rating = survey.questions.get(order=1), survey.questions.get(order=2)
    yes, no = choice.choices.order_by("order")
    survey_response_record(
        survey=survey, adherent=adherent, by=service_staff, reached=True, answers={choice: yes, rating: 5}
    )
    survey_response_record(
        survey=survey,
        adherent=other_adherent,
        by=service_staff,
        reached=True,
        answers={choice: no, rating: 4},
    )
    return survey


def _workbook(client, survey):
    response = client.get(reverse("adherents:survey_results_xlsx", args=[survey.pk]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats-officedocument.spreadsheetml")
    assert "attachment" in response["Content-Disposition"] and ".xlsx" in response["Content-Disposition"]
    return openpyxl.load_workbook(BytesIO(response.content))


def _cells(workbook) -> list:
    return [cell for sheet in workbook.worksheets for row in sheet.iter_rows() for cell in row]


def test_survey_results_workbook_reads_back_in_french(client_for, service_staff, answered_survey):
    workbook = _workbook(client_for(service_staff), answered_survey)
    assert workbook.sheetnames == ["Synthèse", "Par secteur", "Réponses"]
    summary = {
        row[0]: row[1] for row in workbook["Synthèse"].iter_rows(values_only=True) if row and len(row) > 1
    }
    assert summary["Adhérents interrogés"] == 2 and summary["Ont répondu"] == 2
    assert summary["Satisfaits"] == 0.5
    answers = workbook["Réponses"]
    headers = [c.value for c in answers[1]]
    assert headers[:5] == ["Rubrique", "Question", "Réponse", "Nombre", "Part"]
    rows = {(r[1], r[2]): r for r in answers.iter_rows(min_row=2, values_only=True)}
    assert rows[("Satisfait ?", "Oui")][3:5] == (1, 0.5)
    average = next(row for row in answers.iter_rows(min_row=2) if row[2].value == "Moyenne (sur 5)")[3]
    assert average.value == 4.5 and average.number_format == "0.0"  # shown « 4,5 » in French
    assert not [
        c for c in _cells(workbook) if c.value == "None" or (isinstance(c.value, str) and "None" in c.value)
    ]


def test_an_empty_survey_says_no_answers_yet(client_for, service_staff, survey):
    client = client_for(service_staff)
    workbook = _workbook(client, survey)
    values = [c.value for c in _cells(workbook)]
    assert "Aucune réponse pour l’instant" in values
    assert not [v for v in values if isinstance(v, str) and "None" in v]
    page = client.get(reverse("adherents:survey_results", args=[survey.pk])).content.decode()
    assert "Aucune réponse pour l’instant" in page and "None" not in page


def test_survey_results_page_and_pdf_each_keep_their_tables(client_for, service_staff, answered_survey):
    # One piece each (adherents/_survey_sectors.html, adherents/_survey_question.html) serves both.
    url = reverse("adherents:survey_results", args=[answered_survey.pk])
    page = _plain(client_for(service_staff).get(url).content.decode())
    assert 'data-testid="sector-table"' in page and "Total des adhésions du secteur" in page
    assert page.count('data-testid="question"') == 2 and 'data-testid="percent">50 %</td>' in page
    assert "<meter" in page and "Moyenne : 4,5 / 5" in page and "<li>5 : 1 (50 %)</li>" in page
    document = document_request(
        kind="adherents.survey_results", target=answered_survey, requested_by=service_staff
    )
    pdf = " ".join(_plain(build_html(document)).split())
    assert "Entreprises interrogées" in pdf and "data-testid" not in pdf and "<meter" not in pdf
    assert '<th scope="col"> Réponse </th>' in pdf and '<th scope="col"> Note </th>' in pdf
    assert "Moyenne : 4,5 / 5" in pdf and '<td class="num">50 %</td>' in pdf


def test_survey_results_pdf_is_a_document_of_the_service(
    client_for, service_staff, answered_survey, django_capture_on_commit_callbacks
):
    client = client_for(service_staff)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("adherents:survey_results_pdf", args=[answered_survey.pk]))
    document = Document.objects.get(kind="adherents.survey_results")
    assert response["Location"] == document.get_absolute_url()
    text = _text(document)
    assert "Satisfaction 2026" in text and answered_survey.service.name in text
    assert "Moyenne : 4,5 / 5" in text and "50 %" in text and "None" not in text
    assert document.file.name.endswith(".pdf")


def test_empty_survey_pdf_says_no_answers_yet(service_staff, survey):
    text = _text(_render("adherents.survey_results", survey, service_staff))
    assert "Aucune réponse pour l’instant" in text and "None" not in text


def test_survey_results_documents_are_out_of_reach_of_other_services(
    client_for, service_staff, foreign_adherent
):
    foreign = Survey.objects.create(service=foreign_adherent.service, title="Ailleurs")
    client = client_for(service_staff)
    assert client.get(reverse("adherents:survey_results_xlsx", args=[foreign.pk])).status_code == 404
    assert client.post(reverse("adherents:survey_results_pdf", args=[foreign.pk])).status_code == 404
    assert not get_kind("adherents.survey_results").can_view(service_staff, foreign)
