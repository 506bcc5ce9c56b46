"""Two people edit the same call, or the same draft application: nothing is overwritten silently; a
new call or application posted twice is created once.

A stale save keeps what the other person changed on fields left alone; where both changed the same
field (or both changed the criteria, or the project team, which are replaced as a whole) it is refused
with their name and value, the typed values still in the form, nothing written.
"""

from html import unescape

import pytest
from django.core.cache import cache
from django.urls import reverse

from calls.models import Application, Call
from core.conflicts import version_of
from directory.models import Person
from tests.core.submit_once import token_of
from tests.factories import make_account
from tests.fuzz.htmlforms import opened_form, page_form

from .factories import CallFactory, make_application
from .test_views import _form_post

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def call(pilot):
    call = CallFactory()
    call.programme.managers.add(Person.objects.get(user=pilot))
    return call


@pytest.fixture
def colleague(call):
    user = make_account("collegue_appel", Person.Role.PILOT)
    user.first_name, user.last_name = "Camille", "Roux"
    user.save()
    call.programme.managers.add(Person.objects.get(user=user))
    return user


def _edit_url(call):
    return reverse("calls:call_edit", args=[call.pk])


def _criteria(call):
    return list(call.eligibility_criteria.order_by("order").values_list("text", flat=True))


# --- The call ---------------------------------------------------------------------------------
def test_a_stale_call_edit_is_refused_with_both_values_then_saved_again(client_for, pilot, colleague, call):
    mine, theirs = client_for(pilot), client_for(colleague)
    my_form, their_form = opened_form(mine, _edit_url(call)), opened_form(theirs, _edit_url(call))
    their_form["title"] = ["Appel de Camille"]
    assert theirs.post(_edit_url(call), their_form).status_code == 302
    stored_version = version_of(Call.objects.get(pk=call.pk))

    my_form["title"] = ["Mon appel"]
    response = mine.post(_edit_url(call), my_form)
    assert response.status_code == 200
    page = unescape(response.content.decode())
    assert "Camille Roux a enregistré cette page le" in page
    assert "Valeur enregistrée par Camille Roux\u00a0: «\u00a0Appel de Camille\u00a0»" in page
    assert 'value="Mon appel"' in page
    call.refresh_from_db()
    assert call.title == "Appel de Camille" and version_of(call) == stored_version

    assert mine.post(_edit_url(call), page_form(response)).status_code == 302
    call.refresh_from_db()
    assert call.title == "Mon appel"


def test_criteria_changed_by_both_are_refused_and_shown(client_for, pilot, colleague, call):
    mine, theirs = client_for(pilot), client_for(colleague)
    my_form, their_form = opened_form(mine, _edit_url(call)), opened_form(theirs, _edit_url(call))
    their_form["eligibilite-0-text"] = ["Critère de Camille"]
    assert theirs.post(_edit_url(call), their_form).status_code == 302
    my_form["eligibilite-0-text"] = ["Mon critère"]
    response = mine.post(_edit_url(call), my_form)
    assert response.status_code == 200
    page = unescape(response.content.decode())
    assert "Camille Roux a enregistré cette page le" in page and "Critère de Camille" in page
    assert 'value="Mon critère"' in page
    assert _criteria(call)[0] == "Critère de Camille"
    # Saving again, having seen both, keeps mine.
    assert mine.post(_edit_url(call), page_form(response)).status_code == 302
    assert _criteria(call)[0] == "Mon critère"


def test_criteria_changed_by_one_and_a_field_by_the_other_are_both_kept(client_for, pilot, colleague, call):
    mine, theirs = client_for(pilot), client_for(colleague)
    my_form, their_form = opened_form(mine, _edit_url(call)), opened_form(theirs, _edit_url(call))
    their_form["eligibilite-1-text"] = ["Critère ajouté par Camille"]
    assert theirs.post(_edit_url(call), their_form).status_code == 302
    my_form["contact_email"] = ["moi@example.org"]
    assert mine.post(_edit_url(call), my_form).status_code == 302
    call.refresh_from_db()
    assert call.contact_email == "moi@example.org"
    assert _criteria(call)[1] == "Critère ajouté par Camille"


def test_a_refused_edit_shows_the_criteria_the_other_person_saved_meanwhile(
    client_for, pilot, colleague, call
):
    mine, theirs = client_for(pilot), client_for(colleague)
    my_form, their_form = opened_form(mine, _edit_url(call)), opened_form(theirs, _edit_url(call))
    their_form["title"] = ["Appel de Camille"]
    their_form["eligibilite-1-text"] = ["Critère ajouté par Camille"]
    assert theirs.post(_edit_url(call), their_form).status_code == 302
    my_form["title"] = ["Mon appel"]
    response = mine.post(_edit_url(call), my_form)
    assert response.status_code == 200  # both changed the title: refused
    # The criteria I left alone come back as Camille saved them, so saving again does not undo hers.
    assert 'value="Critère ajouté par Camille"' in unescape(response.content.decode())
    assert mine.post(_edit_url(call), page_form(response)).status_code == 302
    call.refresh_from_db()
    assert call.title == "Mon appel" and _criteria(call)[1] == "Critère ajouté par Camille"


@pytest.mark.parametrize("field", ["version", "criteria_seen"])
def test_a_forged_version_is_no_server_error(client_for, pilot, call, field):
    c = client_for(pilot)
    data = opened_form(c, _edit_url(call))
    data[field] = ["abc"]
    data["title"] = ["Forgé"]
    assert c.post(_edit_url(call), data).status_code in (200, 302)


def test_a_new_call_posted_twice_is_created_once(client_for, pilot, call):
    c = client_for(pilot)
    url = reverse("calls:call_create")
    data = {
        "programme": call.programme.pk,
        "title": "Nouvel appel",
        "slug": "nouvel-appel",
        "text": "Texte",
        "axes": [call.axes.first().pk],
        "opens_at": "2026-06-01T00:00",
        "closes_at": "2026-06-30T23:59",
        "eligibilite-TOTAL_FORMS": "1",
        "eligibilite-INITIAL_FORMS": "0",
        "eligibilite-0-text": "Secteur",
        "priorite-TOTAL_FORMS": "0",
        "priorite-INITIAL_FORMS": "0",
        "form_token": token_of(c, url),
    }
    first = c.post(url, data)
    assert first.status_code == 302
    again = c.post(url, data, follow=True)
    new = Call.objects.get(slug="nouvel-appel")
    assert again.redirect_chain[0][0] == first["Location"] == new.get_absolute_url()
    assert "Ce formulaire avait déjà été enregistré\u00a0: voici «\u00a0Nouvel appel\u00a0»" in unescape(
        again.content.decode()
    )


# --- The application, on the applicants' side -------------------------------------------------
def _draft(call):
    application = make_application(call, status=Application.Status.DRAFT)
    token = application.new_token()
    application.save(update_fields=["token_hash"])
    return application, reverse("calls:application_edit", args=[token])


def test_two_people_with_the_same_link_the_second_sees_the_first_ones_value(client, call):
    application, url = _draft(call)
    first, second = opened_form(client, url), opened_form(client, url)
    first["reasons"] = ["Les raisons de la directrice"]
    assert client.post(url, first).status_code == 302
    second["reasons"] = ["Les raisons du cadre"]
    response = client.post(url, second)
    assert response.status_code == 200
    page = unescape(response.content.decode())
    assert "Valeur enregistrée par quelqu’un\u00a0: «\u00a0Les raisons de la directrice\u00a0»" in page
    assert "Les raisons du cadre" in page
    application.refresh_from_db()
    assert application.reasons == "Les raisons de la directrice"
    assert client.post(url, page_form(response)).status_code == 302
    application.refresh_from_db()
    assert application.reasons == "Les raisons du cadre"


def test_the_team_changed_by_both_is_refused_and_changed_by_one_is_kept(client, call):
    application, url = _draft(call)
    first, second = opened_form(client, url), opened_form(client, url)
    first["equipe-0-full_name"] = ["Marie Santoni"]
    assert client.post(url, first).status_code == 302
    second["equipe-0-full_name"] = ["Jean Orsini"]
    response = client.post(url, second)
    page = unescape(response.content.decode())
    assert response.status_code == 200 and "Marie Santoni" in page and 'value="Jean Orsini"' in page
    assert list(application.team.values_list("full_name", flat=True)) == ["Marie Santoni"]

    # One changes the team, the other a field only: both are kept.
    first, second = opened_form(client, url), opened_form(client, url)
    first["equipe-1-full_name"] = ["Lucie Pieri"]
    assert client.post(url, first).status_code == 302
    second["category"] = ["IME"]
    assert client.post(url, second).status_code == 302
    application.refresh_from_db()
    assert application.category == "IME"
    assert list(application.team.order_by("order").values_list("full_name", flat=True)) == [
        "Marie Santoni",
        "Lucie Pieri",
    ]


def test_ticked_tools_changed_by_the_other_are_kept_when_the_form_comes_back(client, call):
    application, url = _draft(call)
    first, second = opened_form(client, url), opened_form(client, url)
    first["digital_tools"] = ["dui", "dmp"]
    first["reasons"] = ["Raisons A"]
    assert client.post(url, first).status_code == 302
    second["reasons"] = ["Raisons B"]
    response = client.post(url, second)
    assert response.status_code == 200
    again = page_form(response)
    assert sorted(again["digital_tools"]) == ["dmp", "dui"]
    assert client.post(url, again).status_code == 302
    application.refresh_from_db()
    assert application.reasons == "Raisons B" and sorted(application.digital_tools) == ["dmp", "dui"]


def test_a_new_application_posted_twice_is_created_once(client, call):
    url = reverse("calls:apply", args=[call.slug])
    data = {**_form_post(call), "form_token": token_of(client, url)}
    assert client.post(url, data).status_code == 302
    again = client.post(url, data, follow=True)
    assert Application.objects.filter(call=call).count() == 1
    assert again.redirect_chain[0][0] == call.get_public_url()
    page = unescape(again.content.decode())
    assert "Ce formulaire avait déjà été enregistré\u00a0: voici «\u00a0EHPAD Les Oliviers 0\u00a0»" in page
    assert "lien privé" in page


def test_submitting_twice_submits_once(client, call):
    application, url = _draft(call)
    data = opened_form(client, url)
    data["submit"] = ["1"]
    assert client.post(url, data).status_code == 302
    application.refresh_from_db()
    submitted_at = application.submitted_at
    assert application.status == Application.Status.SUBMITTED
    again = client.post(url, data, follow=True)
    assert "Votre candidature avait déjà été déposée" in unescape(again.content.decode())
    application.refresh_from_db()
    assert application.submitted_at == submitted_at


# --- The lists have a history too ---------------------------------------------------------------
def test_replaced_criteria_are_in_their_history_with_the_author(client_for, pilot, call):
    from calls.models import EligibilityCriterion

    old = list(call.eligibility_criteria.values_list("pk", flat=True))
    data = opened_form(client_for(pilot), _edit_url(call))
    data["eligibilite-0-text"] = ["Critère reformulé"]
    assert client_for(pilot).post(_edit_url(call), data).status_code == 302
    deleted = EligibilityCriterion.history.filter(id__in=old, history_type="-")
    assert deleted.count() == len(old) and {row.history_user for row in deleted} == {pilot}
    created = EligibilityCriterion.history.get(call_id=call.pk, text="Critère reformulé", history_type="+")
    assert created.history_user == pilot


def test_a_draft_saved_with_the_same_team_leaves_the_team_as_it_was(client, call):
    from calls.models import ProjectTeamMember

    application, url = _draft(call)
    members = list(application.team.values_list("pk", flat=True))
    before = ProjectTeamMember.history.filter(application_id=application.pk).count()
    data = opened_form(client, url)
    data["reasons"] = ["Autres raisons"]
    assert client.post(url, data).status_code == 302
    assert list(application.team.values_list("pk", flat=True)) == members
    assert ProjectTeamMember.history.filter(application_id=application.pk).count() == before
