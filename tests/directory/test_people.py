"""The people of the annuaire: with or without an account, filtered, created, edited."""

import pytest
from django.urls import reverse

from directory.models import College, Person
from tests.factories import PersonFactory

LIST = reverse("directory:person_list")
CREATE = reverse("directory:person_create")


def names(response):
    return [person.full_name for person in response.context["people"]]


@pytest.fixture
def reader(client_for, consultant):
    # The reader is listed too: a fixed name, since a random one after « Vasseur » (Weber, Étienne…) would
    # change who comes first in the descending sort.
    consultant.person.last_name = "Carlier"
    consultant.person.save(update_fields=["last_name"])
    return client_for(consultant)


@pytest.fixture
def people(cfdt, aract_corse):
    PersonFactory(
        first_name="Hélène",
        last_name="Vasseur",
        organisation=aract_corse,
        college=College.EXPERTS,
        function="Médecin du travail",
        email="h.vasseur@example.org",
    )
    return Person.objects.filter(organisation__in=[cfdt, aract_corse])


def test_the_list_shows_people_with_and_without_an_account(reader, people, consultant):
    response = reader.get(LIST)
    html = response.content.decode()
    assert {"Martine Perrin", "Laura Santoni", "Hélène Vasseur", consultant.person.full_name} <= set(
        names(response)
    )
    assert "compte" in html, "the people who have an account are marked"
    for text in ["Personnes", "Organisation", "Collège", "Rôle", "Fonction", "Nouvelle personne"]:
        assert text in html, text


def test_people_are_filtered_by_organisation_college_role_and_text(
    reader, people, cfdt, aract_corse, consultant
):
    assert set(names(reader.get(LIST, {"organisation": aract_corse.pk}))) == {
        "Laura Santoni",
        "Hélène Vasseur",
    }
    assert names(reader.get(LIST, {"college": "salaries"})) == ["Martine Perrin"]
    assert names(reader.get(LIST, {"role": "consultant"})) == [consultant.person.full_name]
    assert names(reader.get(LIST, {"q": "médecin"})) == ["Hélène Vasseur"]
    assert names(reader.get(LIST, {"q": "vasseur@example"})) == ["Hélène Vasseur"]
    assert names(reader.get(LIST, {"q": "laura corse"})) == ["Laura Santoni"], (
        "every word must match somewhere"
    )
    assert names(reader.get(LIST, {"q": "CFDT"})) == ["Martine Perrin"]


def test_people_are_sorted_by_last_name_then_first_name(reader, people):
    everyone = names(reader.get(LIST))
    last_names = [name.split(" ", 1)[1].lower() for name in everyone]
    assert last_names == sorted(last_names)
    assert names(reader.get(LIST, {"tri": "-nom"}))[0] == "Hélène Vasseur"


@pytest.mark.parametrize(
    "query",
    [
        {"organisation": "abc"},
        {"organisation": "999999"},
        {"role": "dieu"},
        {"tri": "user__password"},
        {"page": "-1"},
    ],
)
def test_no_query_string_breaks_the_people_list(reader, people, query):
    assert reader.get(LIST, query).status_code == 200


def test_the_detail_says_a_person_without_account_is_normal(reader, people):
    laura = Person.objects.get(last_name="Santoni")
    html = reader.get(laura.get_absolute_url()).content.decode()
    assert "Laura Santoni" in html and "ARACT Corse" in html and "Préventeurs" in html
    assert "Pas de compte (c’est normal" in html


def test_the_detail_of_an_account_shows_its_role_not_its_username(reader, pilot):
    html = reader.get(pilot.person.get_absolute_url()).content.decode()
    assert "Pilote d’action" in html
    assert f">{pilot.username}<" not in html and f" {pilot.username} " not in html


def test_a_person_is_created_without_an_account_and_the_organisation_is_prefilled(
    reader, consultant, aract_corse
):
    form_page = reader.get(CREATE, {"organisation": aract_corse.pk})
    assert form_page.context["form"].initial["organisation"] == aract_corse
    response = reader.post(
        CREATE,
        {
            "civility": "Mme",
            "first_name": "Camille",
            "last_name": "Lefebvre",
            "organisation": aract_corse.pk,
            "function": "Assistante prévention",
            "college": "preventeurs",
            "email": "",
            "phone": "+33 6 12 34 56 78",
        },
        follow=True,
    )
    person = Person.objects.get(last_name="Lefebvre")
    assert person.user is None and person.role == Person.Role.OTHER
    assert person.organisation == aract_corse
    html = response.content.decode()
    assert "Camille Lefebvre a été ajouté·e à l’annuaire." in html
    assert person.history.get().history_user == consultant


def test_the_role_and_the_account_cannot_be_set_from_the_directory(reader, pilot, outsider):
    """Role and account decide access: only administrators change them (Django admin)."""
    target = outsider.person
    data = {
        "first_name": target.first_name,
        "last_name": "Nouveau",
        "role": "pilote",
        "user": pilot.pk,
        "college": "",
        "organisation": "",
    }
    response = reader.post(reverse("directory:person_update", args=[target.pk]), data)
    assert response.status_code == 200, "a crafted POST is refused, not silently dropped"
    html = response.content.decode()
    assert "Le rôle décide de ce que cette personne peut voir et faire" in html
    assert "Le compte utilisateur décide de qui se connecte sous ce nom" in html
    target.refresh_from_db()
    assert target.last_name != "Nouveau", "nothing of the refused POST is saved"
    assert target.role == Person.Role.OTHER and target.user == outsider


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("first_name", "", "Ce champ est obligatoire."),
        ("email", "jeanne@", "Saisissez une adresse de courriel valide."),
        ("phone", "06 12 AB", "Saisissez un numéro de téléphone"),
        ("college", "tous", "Sélectionnez un choix valide"),
        ("organisation", "999999", "Sélectionnez un choix valide"),
        ("civility", "Sa Majesté", "Sélectionnez un choix valide"),
    ],
)
def test_bad_input_on_a_person_gets_a_french_message_and_keeps_what_was_typed(reader, field, value, message):
    data = {
        "first_name": "Jeanne",
        "last_name": "Essai",
        "function": "Chargée de projet",
        "college": "",
        "email": "",
        "phone": "",
        "civility": "",
        "organisation": "",
        field: value,
    }
    response = reader.post(CREATE, data)
    html = response.content.decode()
    assert response.status_code == 200
    assert message in html, response.context["form"].errors
    assert 'value="Chargée de projet"' in html
    assert not Person.objects.filter(last_name="Essai").exists()


def test_an_edit_of_a_person_is_in_its_history(reader, client_for, service_staff, people, aract_corse, cfdt):
    laura = Person.objects.get(last_name="Santoni")
    url = reverse("directory:person_update", args=[laura.pk])
    data = {
        "civility": "Mme",
        "first_name": "Laura",
        "last_name": "Santoni",
        "organisation": cfdt.pk,
        "function": "Chargée de mission",
        "college": "preventeurs",
        "email": "",
        "phone": "",
    }
    assert client_for(service_staff).post(url, data).status_code == 302
    html = reader.get(laura.get_absolute_url()).content.decode()
    assert f"par {service_staff.person.full_name}" in html
    assert (
        "Organisation\u00a0: <del" in html and "ARACT Corse (ARACT Corse)" in html and "CFDT Auvergne" in html
    )
    assert "Civilité" in html
