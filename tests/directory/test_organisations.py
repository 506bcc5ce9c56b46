"""The organisations of the annuaire: list, filters, sort, detail, create, edit, history."""

import pytest
from django.urls import reverse

from directory.models import Organisation
from tests.factories import OrganisationFactory

LIST = reverse("directory:organisation_list")
CREATE = reverse("directory:organisation_create")


def names(response):
    return [organisation.name for organisation in response.context["organisations"]]


@pytest.fixture
def reader(client_for, pilot):
    return client_for(pilot)


# --- List, filters, sort -------------------------------------------------------------------
def test_the_list_is_in_french_and_filters_by_kind(reader, cfdt, aract_corse, bakery):
    response = reader.get(LIST, {"kind": "syndicat"})
    html = response.content.decode()
    assert names(response) == ["CFDT Auvergne-Rhône-Alpes"]
    for text in [
        "Annuaire",
        "Organisations",
        "Personnes",
        "Rechercher",
        "Type",
        "Territoire",
        "Secteur d’activité",
        "Filtrer",
        "Réinitialiser",
        "Exporter (CSV)",
        "Exporter (PDF)",
        "1 organisation",
        "Effectif",
    ]:
        assert text in html, text
    assert '<option value="syndicat" selected>Organisation syndicale ou patronale</option>' in html


def test_the_territory_and_sector_filters_offer_the_values_in_use(reader, cfdt, aract_corse, bakery):
    response = reader.get(LIST, {"territory": "Corse"})
    assert names(response) == ["ARACT Corse"]
    html = response.content.decode()
    assert '<option value="Pas-de-Calais">Pas-de-Calais</option>' in html
    assert names(reader.get(LIST, {"sector": "Organisation syndicale"})) == ["CFDT Auvergne-Rhône-Alpes"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("aract", ["ARACT Corse"]),  # name, whatever the case
        ("CFDT", ["CFDT Auvergne-Rhône-Alpes"]),  # acronym
        ("732 829 320", ["Boulangerie Dupont"]),  # SIRET typed with spaces
        ("73282932000074", ["Boulangerie Dupont"]),
        ("béthune", ["Boulangerie Dupont"]),  # city
        ("Ajaccio", ["ARACT Corse"]),
        ("introuvable", []),
    ],
)
def test_the_text_search_covers_name_acronym_siret_and_city(
    reader, cfdt, aract_corse, bakery, query, expected
):
    assert names(reader.get(LIST, {"q": query})) == expected


def test_filters_combine(reader, cfdt, aract_corse, bakery):
    assert names(reader.get(LIST, {"kind": "aract", "territory": "Corse", "q": "ajaccio"})) == ["ARACT Corse"]
    assert names(reader.get(LIST, {"kind": "aract", "territory": "Pas-de-Calais"})) == []


def test_columns_sort_both_ways_without_regard_to_case(reader, pilot, cfdt, aract_corse, bakery):
    OrganisationFactory(name="anact", kind=Organisation.Kind.ARACT)
    everyone = Organisation.objects.count()
    response = reader.get(LIST)
    assert len(names(response)) == everyone
    ordered = names(response)
    assert ordered == sorted(ordered, key=str.lower)
    assert names(reader.get(LIST, {"tri": "-nom"})) == list(reversed(ordered))
    by_headcount = names(reader.get(LIST, {"tri": "-effectif"}))
    assert by_headcount[:2] == ["ARACT Corse", "Boulangerie Dupont"]
    by_people = names(reader.get(LIST, {"tri": "-personnes"}))
    assert set(by_people[:3]) == {"CFDT Auvergne-Rhône-Alpes", "ARACT Corse", pilot.person.organisation.name}


def test_a_sorted_column_says_so_and_keeps_the_filters(reader, cfdt):
    html = reader.get(LIST, {"kind": "syndicat", "tri": "nom"}).content.decode()
    assert 'aria-sort="ascending"' in html
    assert 'href="?kind=syndicat&amp;tri=-nom"' in html


def test_the_list_is_paginated_and_keeps_its_filters(reader, grow_directory):
    grow_directory(60)
    first = reader.get(LIST, {"territory": "Territoire 1"})
    assert first.context["page_obj"].paginator.count == 15
    everything = reader.get(LIST)
    assert len(names(everything)) == 25
    html = everything.content.decode()
    total = everything.context["page_obj"].paginator.num_pages
    assert f"Page 1 sur {total}" in html
    second = reader.get(LIST, {"page": 2})
    assert set(names(second)).isdisjoint(names(everything))


@pytest.mark.parametrize(
    "query",
    [
        {"kind": "inconnu"},
        {"territory": "<script>alert(1)</script>"},
        {"tri": "mot_de_passe"},
        {"tri": "-"},
        {"page": "abc"},
        {"page": "99999"},
        {"q": "x" * 5000},
        {"q": "\x00"},
    ],
)
def test_no_query_string_breaks_the_list(reader, cfdt, query):
    response = reader.get(LIST, query)
    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in response.content.decode()


# --- Detail --------------------------------------------------------------------------------
def test_the_detail_shows_the_record_its_people_and_its_history(reader, bakery, cfdt):
    html = reader.get(bakery.get_absolute_url()).content.decode()
    for text in [
        "Boulangerie Dupont",
        "Entreprise",
        "73282932000074",
        "7 salariés",
        "Béthune",
        "Fiche",
        "Historique",
        "Personne n’est encore enregistré pour cette organisation.",
    ]:
        assert text in html, text
    html = reader.get(cfdt.get_absolute_url()).content.decode()
    assert "Martine Perrin" in html and "Membre du CROCT" in html and "Salariés" in html


def test_an_unknown_organisation_is_a_404(reader):
    assert reader.get(reverse("directory:organisation_detail", args=[999999])).status_code == 404


# --- Create and edit -------------------------------------------------------------------------
VALID = {
    "name": "Transports Martin",
    "acronym": "",
    "kind": "entreprise",
    "siret": "732 829 320 00074",
    "headcount": "42",
    "sector": "Transport routier",
    "territory": "Corse",
    "address": "3 rue du Port",
    "postal_code": "20000",
    "city": "Ajaccio",
    "website": "transports-martin.fr",
    "email": "contact@transports-martin.fr",
    "phone": "04 95 00 00 00",
    "notes": "",
}


def test_a_pilot_creates_an_organisation_and_it_is_in_the_history(reader, pilot):
    response = reader.post(CREATE, VALID, follow=True)
    organisation = Organisation.objects.get(name="Transports Martin")
    assert response.redirect_chain[-1][0] == organisation.get_absolute_url()
    assert organisation.siret == "73282932000074", "spaces typed in the SIRET are removed"
    assert organisation.website == "https://transports-martin.fr"
    html = response.content.decode()
    assert "L’organisation «\u00a0Transports Martin\u00a0» a été créée." in html
    assert "Création" in html and pilot.person.full_name in html
    record = organisation.history.get()
    assert record.history_user == pilot and record.history_type == "+"


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("siret", "732 829 320 00075", "Ce numéro SIRET n’est pas valide"),
        ("siret", "1234", "14 chiffres"),
        ("siret", "ABCDEFGHIJKLMN", "14 chiffres"),
        ("name", "", "Ce champ est obligatoire."),
        ("kind", "planete", "Sélectionnez un choix valide"),
        ("headcount", "-3", "supérieure ou égale à 0"),
        ("headcount", "beaucoup", "Saisissez un nombre entier."),
        ("email", "pas-une-adresse", "Saisissez une adresse de courriel valide."),
        ("website", "http://", "Saisissez une URL valide."),
        ("phone", "appelez-moi", "Saisissez un numéro de téléphone"),
        ("postal_code", "1" * 50, "Assurez-vous que cette valeur comporte au plus 10 caractères"),
    ],
)
def test_bad_input_gets_a_french_message_and_keeps_what_was_typed(reader, field, value, message):
    data = {**VALID, field: value}
    response = reader.post(CREATE, data)
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html, response.context["form"].errors
    assert "Veuillez corriger les erreurs ci-dessous." in html
    assert 'value="Ajaccio"' in html, "the other values typed are kept"
    if value and field not in ("kind",):
        assert response.context["form"][field].value() == value
    assert not Organisation.objects.filter(city="Ajaccio").exists()


def test_the_same_siret_twice_is_refused_with_the_name_of_the_other(reader, bakery):
    response = reader.post(CREATE, {**VALID, "siret": "73282932000074"})
    assert "Ce numéro SIRET est déjà celui de «\u00a0Boulangerie Dupont\u00a0»." in response.content.decode()


def test_editing_keeps_the_siret_of_the_organisation_itself(reader, bakery):
    data = {**VALID, "name": "Boulangerie Dupont et fils", "siret": "73282932000074"}
    response = reader.post(reverse("directory:organisation_update", args=[bakery.pk]), data)
    assert response.status_code == 302
    bakery.refresh_from_db()
    assert bakery.name == "Boulangerie Dupont et fils"


def test_an_edit_is_shown_in_the_history_with_who_when_and_what(reader, client_for, consultant, cfdt):
    url = reverse("directory:organisation_update", args=[cfdt.pk])
    form = reader.get(url).context["form"]
    # As a browser posts it: an empty file input sends no file.
    data = {
        name: ("" if value is None else value)
        for name, value in form.initial.items()
        if name in form.fields and name != "logo"
    }
    data.update(territory="Auvergne-Rhône-Alpes (Lyon)", headcount="12", kind="syndicat")
    assert client_for(consultant).post(url, data).status_code == 302
    html = reader.get(cfdt.get_absolute_url()).content.decode()
    assert "Modification" in html and f"par {consultant.person.full_name}" in html
    assert "Territoire\u00a0: <del" in html and "Auvergne-Rhône-Alpes (Lyon)" in html
    assert 'Effectif\u00a0: <del class="text-muted">—</del>' in html
    record = cfdt.history.first()
    assert record.history_user == consultant


def test_saving_an_unchanged_form_records_nothing(reader, cfdt):
    url = reverse("directory:organisation_update", args=[cfdt.pk])
    form = reader.get(url).context["form"]
    # As a browser posts it: an empty file input sends no file.
    data = {
        name: ("" if value is None else value)
        for name, value in form.initial.items()
        if name in form.fields and name != "logo"
    }
    response = reader.post(url, data, follow=True)
    assert "Aucune modification n’a été faite." in response.content.decode()
    assert cfdt.history.count() == 1


def test_the_edit_page_is_prefilled_and_in_french(reader, bakery):
    html = reader.get(reverse("directory:organisation_update", args=[bakery.pk])).content.decode()
    assert "Modifier «\u00a0Boulangerie Dupont\u00a0»" in html
    assert 'value="73282932000074"' in html
    for text in [
        "Identité",
        "Coordonnées",
        "Enregistrer",
        "Annuler",
        "Code postal",
        "Commune",
        "Site internet",
    ]:
        assert text in html, text
