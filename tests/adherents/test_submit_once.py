"""The public membership form posted twice (double click, a retry after a timeout) files one application."""

from html import unescape

import pytest
from django.core.cache import cache
from django.urls import reverse

from adherents.models import MembershipApplication
from tests.core.submit_once import token_of

from .test_apply import form_data

pytestmark = pytest.mark.django_db


def test_an_application_posted_twice_is_filed_once(client, sector, service_organisation):
    cache.clear()  # the public form's rate limit
    url = reverse("adherents:apply")
    data = {**form_data(service_organisation), "form_token": token_of(client, url)}
    first = client.post(url, data)
    second = client.post(url, data, follow=True)
    assert first.status_code == 302 and first["Location"] == reverse("adherents:apply_thanks")
    assert second.redirect_chain[-1][0] == reverse("adherents:apply_thanks")
    assert "Ce formulaire avait déjà été enregistré" in second.content.decode()
    assert MembershipApplication.objects.count() == 1
    cache.clear()


def test_survey_answers_posted_twice_are_recorded_once(client_for, service_staff, adherent):
    from adherents.models import Survey, SurveyChoice, SurveyQuestion, SurveyResponse

    survey = Survey.objects.create(service=adherent.service, title="Sondage", mode=Survey.Mode.PHONE)
    question = SurveyQuestion.objects.create(survey=survey, order=1, text="Satisfait ?", required=True)
    yes = SurveyChoice.objects.create(question=question, order=1, label="Oui", satisfied=True)
    client = client_for(service_staff)
    url = reverse("adherents:survey_record", args=[survey.pk, adherent.pk])
    data = {"reached": "1", f"q_{question.pk}": yes.pk, "form_token": token_of(client, url)}
    assert client.post(url, data).status_code == 302
    second = client.post(url, data, follow=True)
    assert second.redirect_chain[-1][0] == survey.get_absolute_url()
    assert "Ce formulaire avait déjà été enregistré\u00a0: voici «\u00a0" in unescape(second.content.decode())
    assert SurveyResponse.objects.filter(survey=survey, adherent=adherent).count() == 1


def test_portal_answers_posted_twice_are_recorded_once(client_for, member_contact, adherent):
    from adherents.models import Survey, SurveyChoice, SurveyQuestion, SurveyResponse

    survey = Survey.objects.create(service=adherent.service, title="Votre avis", mode=Survey.Mode.PORTAL)
    question = SurveyQuestion.objects.create(survey=survey, order=1, text="Satisfait ?", required=True)
    yes = SurveyChoice.objects.create(question=question, order=1, label="Oui", satisfied=True)
    client = client_for(member_contact)
    url = reverse("adherents:portal_survey", args=[survey.pk])
    data = {f"q_{question.pk}": yes.pk, "form_token": token_of(client, url)}
    assert client.post(url, data).status_code == 302
    second = client.post(url, data)
    assert second.status_code == 302 and second["Location"] == reverse("adherents:portal_home")
    assert SurveyResponse.objects.filter(survey=survey, adherent=adherent).count() == 1
