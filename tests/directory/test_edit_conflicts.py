"""Two people edit the same organisation or person record: nothing is overwritten silently.

Each form carries the version it was opened on (core.conflicts): a save made on a stale version keeps what
the other person changed on fields left alone; where both changed the same field it is refused, naming the
other person with their value beside the field, the typed value still in it and nothing written.
"""

from html import unescape

import pytest
from django.urls import reverse

from core.conflicts import version_of
from directory.models import Organisation, Person
from tests.factories import make_account
from tests.fuzz.htmlforms import opened_form, page_form

pytestmark = pytest.mark.django_db


@pytest.fixture
def person(cfdt):
    return cfdt.people.get()


@pytest.fixture
def editor(db):
    user = make_account("consultante_test", Person.Role.CONSULTANT)
    user.first_name, user.last_name = "Camille", "Roux"
    user.save()
    return user


def _organisation_url(organisation):
    return reverse("directory:organisation_update", args=[organisation.pk])


def _person_url(person):
    return reverse("directory:person_update", args=[person.pk])


def test_a_stale_organisation_save_shows_both_values_and_writes_nothing(client_for, pilot, editor, cfdt):
    mine, theirs = client_for(pilot), client_for(editor)
    url = _organisation_url(cfdt)
    my_form, their_form = opened_form(mine, url), opened_form(theirs, url)
    assert my_form["version"] == [str(version_of(cfdt))]
    their_form["city"] = ["Villeurbanne"]
    assert theirs.post(url, their_form).status_code == 302
    version_after_theirs = version_of(Organisation.objects.get(pk=cfdt.pk))

    my_form["city"] = ["Grenoble"]
    response = mine.post(url, my_form)
    assert response.status_code == 200
    page = unescape(response.content.decode())
    assert "Camille Roux a enregistré cette page le" in page
    assert "Valeur enregistrée par Camille Roux\u00a0: «\u00a0Villeurbanne\u00a0»" in page
    assert page_form(response)["city"] == ["Grenoble"]  # what I typed is still in the field
    cfdt.refresh_from_db()
    assert cfdt.city == "Villeurbanne"
    assert version_of(cfdt) == version_after_theirs  # nothing written

    # Saving again, having seen both, keeps mine.
    assert mine.post(url, page_form(response)).status_code == 302
    cfdt.refresh_from_db()
    assert cfdt.city == "Grenoble"
    assert [row.history_user for row in cfdt.history.all()[:2]] == [pilot, editor]


def test_a_stale_person_save_shows_both_values_and_writes_nothing(client_for, pilot, editor, person):
    mine, theirs = client_for(pilot), client_for(editor)
    url = _person_url(person)
    my_form, their_form = opened_form(mine, url), opened_form(theirs, url)
    their_form["function"] = ["Secrétaire régionale"]
    assert theirs.post(url, their_form).status_code == 302

    my_form["function"] = ["Trésorière"]
    response = mine.post(url, my_form)
    assert response.status_code == 200
    page = unescape(response.content.decode())
    assert "Camille Roux a enregistré cette page le" in page
    assert "Valeur enregistrée par Camille Roux\u00a0: «\u00a0Secrétaire régionale\u00a0»" in page
    assert page_form(response)["function"] == ["Trésorière"]
    person.refresh_from_db()
    assert person.function == "Secrétaire régionale"

    assert mine.post(url, page_form(response)).status_code == 302
    person.refresh_from_db()
    assert person.function == "Trésorière"
    assert person.history.first().history_user == pilot


def test_a_stale_person_save_names_the_organisation_the_other_chose(
    client_for, pilot, editor, person, aract_corse, bakery
):
    mine, theirs = client_for(pilot), client_for(editor)
    url = _person_url(person)
    my_form, their_form = opened_form(mine, url), opened_form(theirs, url)
    their_form["organisation"] = [str(aract_corse.pk)]
    assert theirs.post(url, their_form).status_code == 302
    my_form["organisation"] = [str(bakery.pk)]
    response = mine.post(url, my_form)
    assert response.status_code == 200
    expected = f"Valeur enregistrée par Camille Roux\u00a0: «\u00a0{aract_corse}\u00a0»"
    assert expected in unescape(response.content.decode())
    assert page_form(response)["organisation"] == [str(bakery.pk)]
    person.refresh_from_db()
    assert person.organisation == aract_corse


def test_changes_to_different_fields_are_both_kept(client_for, pilot, editor, cfdt, person):
    mine, theirs = client_for(pilot), client_for(editor)
    url = _organisation_url(cfdt)
    my_form, their_form = opened_form(mine, url), opened_form(theirs, url)
    their_form["city"] = ["Villeurbanne"]
    assert theirs.post(url, their_form).status_code == 302
    my_form["notes"] = ["Rencontrée au CROCT"]
    assert mine.post(url, my_form).status_code == 302
    cfdt.refresh_from_db()
    assert (cfdt.city, cfdt.notes) == ("Villeurbanne", "Rencontrée au CROCT")

    url = _person_url(person)
    my_form, their_form = opened_form(mine, url), opened_form(theirs, url)
    their_form["phone"] = ["04 72 00 00 00"]
    assert theirs.post(url, their_form).status_code == 302
    my_form["email"] = ["martine.perrin@example.org"]
    assert mine.post(url, my_form).status_code == 302
    person.refresh_from_db()
    assert (person.phone, person.email) == ("04 72 00 00 00", "martine.perrin@example.org")


def test_posting_my_own_save_again_with_the_back_button_is_no_conflict(client_for, pilot, cfdt, person):
    c = client_for(pilot)
    for url, field, value in (
        (_organisation_url(cfdt), "city", "Annecy"),
        (_person_url(person), "function", "Présidente"),
    ):
        form = opened_form(c, url)
        form[field] = [value]
        assert c.post(url, form).status_code == 302
        again = c.post(url, form, follow=True)  # the same page, the same values, the old version
        assert again.redirect_chain, unescape(again.content.decode())
        assert "a enregistré cette page" not in unescape(again.content.decode())
    cfdt.refresh_from_db()
    person.refresh_from_db()
    assert (cfdt.city, person.function) == ("Annecy", "Présidente")


@pytest.mark.parametrize("version", ["abc", "-1", "9" * 30])
def test_a_forged_version_is_a_form_error_not_a_server_error(client_for, pilot, cfdt, person, version):
    c = client_for(pilot)
    for url in (_organisation_url(cfdt), _person_url(person)):
        data = opened_form(c, url)
        data["version"] = [version]
        data["function" if "personnes" in url else "city"] = ["Forgé"]
        assert c.post(url, data).status_code == 200
    cfdt.refresh_from_db()
    person.refresh_from_db()
    assert "Forgé" not in (cfdt.city, person.function)
