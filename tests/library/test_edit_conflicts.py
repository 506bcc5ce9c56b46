"""Two people change the same publication, or a digest switch changes behind an open page: nothing is
overwritten silently (core.conflicts). And a first publication posted twice publishes once (core.idempotency).
"""

from html import unescape

import pytest
from django.urls import reverse

from core.conflicts import version_of
from directory.models import Person
from library import services
from library.models import DigestPreference, Publication
from tests.factories import make_account
from tests.fuzz.htmlforms import opened_form, page_form
from tests.library.factories import make_deliverable

pytestmark = pytest.mark.django_db


@pytest.fixture
def colleague(action):
    from actions.models import TeamMember

    user = make_account("collegue_test", Person.Role.PILOT)
    user.first_name, user.last_name = "Camille", "Roux"
    user.save()
    TeamMember.objects.create(action=action, person=Person.objects.get(user=user))
    return user


@pytest.fixture
def deliverable(action):
    return make_deliverable(action, title="Guide du télétravail")


@pytest.fixture
def url(deliverable):
    return reverse("library:publish", args=["actions.deliverable", deliverable.pk])


def _publish(deliverable, by, **fields):
    return services.publication_publish(
        source_key="actions.deliverable",
        obj=deliverable,
        by=by,
        audience=Publication.Audience.PARTNERS,
        **fields,
    )


def test_a_stale_change_of_a_publication_shows_both_values_and_writes_nothing(
    client_for, pilot, colleague, deliverable, url
):
    publication = _publish(deliverable, pilot, summary="Premier résumé")
    mine, theirs = client_for(pilot), client_for(colleague)
    my_form, their_form = opened_form(mine, url), opened_form(theirs, url)
    assert my_form["version"] == [str(version_of(publication))]
    their_form["summary"] = ["Le résumé de Camille"]
    assert theirs.post(url, their_form).status_code == 302
    version_after_theirs = version_of(publication)

    my_form["summary"] = ["Mon résumé"]
    response = mine.post(url, my_form)
    assert response.status_code == 200
    page = unescape(response.content.decode())
    assert "Camille Roux a enregistré cette page le" in page
    assert "Valeur enregistrée par Camille Roux\u00a0: «\u00a0Le résumé de Camille\u00a0»" in page
    assert page_form(response)["summary"] == ["Mon résumé"]  # what I typed is still there
    publication.refresh_from_db()
    assert publication.summary == "Le résumé de Camille"
    assert version_of(publication) == version_after_theirs  # nothing written

    assert mine.post(url, page_form(response)).status_code == 302  # saving again keeps mine
    publication.refresh_from_db()
    assert publication.summary == "Mon résumé"
    assert [row.history_user for row in publication.history.all()[:2]] == [pilot, colleague]


def test_changes_to_different_fields_are_both_kept_and_my_own_repost_is_no_conflict(
    client_for, pilot, colleague, deliverable, url
):
    _publish(deliverable, pilot, summary="Premier résumé")
    mine, theirs = client_for(pilot), client_for(colleague)
    my_form, their_form = opened_form(mine, url), opened_form(theirs, url)
    their_form["sector"] = ["Médico-social"]
    assert theirs.post(url, their_form).status_code == 302
    my_form["summary"] = ["Mon résumé"]
    assert mine.post(url, my_form).status_code == 302
    again = mine.post(url, my_form, follow=True)  # the back button: the same values, the old version
    assert again.redirect_chain
    publication = Publication.objects.get(object_id=deliverable.pk)
    assert (publication.sector, publication.summary) == ("Médico-social", "Mon résumé")


def test_two_people_publishing_the_same_document_at_once_make_one_publication(
    client_for, pilot, colleague, deliverable, url
):
    mine, theirs = client_for(pilot), client_for(colleague)
    my_form, their_form = opened_form(mine, url), opened_form(theirs, url)
    their_form["summary"] = ["Le résumé de Camille"]
    assert theirs.post(url, their_form).status_code == 302
    my_form["summary"] = ["Mon résumé"]
    response = mine.post(url, my_form)
    assert response.status_code == 200
    assert "Valeur enregistrée par Camille Roux" in unescape(response.content.decode())
    assert Publication.objects.get(object_id=deliverable.pk).summary == "Le résumé de Camille"


@pytest.mark.parametrize("version", ["abc", "-1", "9" * 30])
def test_a_forged_version_is_a_form_error_not_a_server_error(client_for, pilot, deliverable, url, version):
    _publish(deliverable, pilot, summary="Premier résumé")
    c = client_for(pilot)
    data = opened_form(c, url)
    data["version"] = [version]
    data["summary"] = ["Forgé"]
    assert c.post(url, data).status_code == 400
    assert Publication.objects.get(object_id=deliverable.pk).summary == "Premier résumé"


def test_a_first_publication_posted_twice_publishes_once(client_for, pilot, deliverable, url):
    c = client_for(pilot)
    data = opened_form(c, url)
    assert data["form_token"][0]
    data["summary"] = ["Résumé"]
    first = c.post(url, data)
    assert first.status_code == 302
    again = c.post(url, data, follow=True)
    publication = Publication.objects.get(object_id=deliverable.pk)
    assert again.redirect_chain[-1][0] == publication.get_absolute_url()
    assert "Ce formulaire avait déjà été enregistré" in unescape(again.content.decode())
    assert publication.history.count() == 1


# --- The digest switch -----------------------------------------------------------------------
def test_a_digest_switch_changed_meanwhile_is_kept_when_i_left_it_alone(client_for, pilot, programme, action):
    services.digest_set(user=pilot, weekly=True, by=pilot)
    c = client_for(pilot)
    data = opened_form(c, reverse("library:preferences"))
    assert data["weekly_digest"] == ["on"]
    services.digest_set(user=pilot, weekly=False, by=pilot)  # the unsubscribe link of a digest, meanwhile
    data["follow"] = [str(programme.pk)]
    assert c.post(reverse("library:preferences"), data).status_code == 302
    assert DigestPreference.objects.get(user=pilot).weekly_digest is False
    assert programme.library_followers.filter(user=pilot).exists()


def test_a_digest_switch_set_meanwhile_on_a_page_opened_before_is_a_conflict(
    client_for, pilot, programme, action
):
    c = client_for(pilot)
    data = opened_form(c, reverse("library:preferences"))  # no preference yet: the switch shown on
    services.digest_set(user=pilot, weekly=False, by=pilot)
    data["follow"] = [str(programme.pk)]
    response = c.post(reverse("library:preferences"), data)
    assert response.status_code == 200
    page = unescape(response.content.decode())
    assert f"Valeur enregistrée par {pilot.get_full_name()}\u00a0: «\u00a0non\u00a0»" in page
    again = page_form(response)
    assert again["weekly_digest"] == ["on"] and again["follow"] == [str(programme.pk)]  # as ticked
    assert not programme.library_followers.filter(user=pilot).exists()
    assert c.post(reverse("library:preferences"), again).status_code == 302
    assert DigestPreference.objects.get(user=pilot).weekly_digest is True
