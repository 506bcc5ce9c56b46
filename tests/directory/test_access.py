"""Who may reach each directory page: a test per view and per persona.

Readers: pilots, consultants, service staff, committee members, administrators.
Editors: the same but committee members (403 when they try to write).
A member company's contact and an account without a role get a 404 everywhere
(they must not learn the annuaire exists); an anonymous visitor is sent to the login page.
"""

import pytest
from django.urls import reverse

from directory.models import Organisation, Person

from .conftest import EDITORS, HIDDEN_FROM, READ_ONLY, READERS

ALL_PERSONAS = READERS + HIDDEN_FROM


@pytest.fixture
def person(cfdt):
    return cfdt.people.get()


def user_for(request, persona):
    return None if persona == "anonymous" else request.getfixturevalue(persona)


def urls(organisation, person):
    return {
        "organisation_list": reverse("directory:organisation_list"),
        "organisation_detail": reverse("directory:organisation_detail", args=[organisation.pk]),
        "organisation_create": reverse("directory:organisation_create"),
        "organisation_update": reverse("directory:organisation_update", args=[organisation.pk]),
        "person_list": reverse("directory:person_list"),
        "person_detail": reverse("directory:person_detail", args=[person.pk]),
        "person_create": reverse("directory:person_create"),
        "person_update": reverse("directory:person_update", args=[person.pk]),
        "export_csv": reverse("directory:export_csv"),
    }


READ_PAGES = ["organisation_list", "organisation_detail", "person_list", "person_detail", "export_csv"]
EDIT_PAGES = ["organisation_create", "organisation_update", "person_create", "person_update"]

ORGANISATION_POST = {"name": "Nouvelle organisation", "kind": "entreprise", "siret": "", "headcount": ""}
PERSON_POST = {"first_name": "Jeanne", "last_name": "Essai", "college": "salaries"}


def post_data(page, organisation):
    if page.startswith("organisation"):
        return {**ORGANISATION_POST, "name": f"{organisation.name} (modifiée)"}
    return {**PERSON_POST, "organisation": organisation.pk}


# --- Reading ---------------------------------------------------------------------------
@pytest.mark.parametrize("page", READ_PAGES)
@pytest.mark.parametrize("persona", READERS)
def test_readers_see_every_directory_page(request, client_for, cfdt, person, persona, page):
    response = client_for(user_for(request, persona)).get(urls(cfdt, person)[page])
    assert response.status_code == 200


@pytest.mark.parametrize("page", READ_PAGES + EDIT_PAGES)
@pytest.mark.parametrize("persona", HIDDEN_FROM)
def test_member_contacts_and_roleless_accounts_get_404_everywhere(
    request, client_for, cfdt, person, persona, page
):
    client = client_for(user_for(request, persona))
    url = urls(cfdt, person)[page]
    assert client.get(url).status_code == 404
    if page in EDIT_PAGES:
        assert client.post(url, post_data(page, cfdt)).status_code == 404


@pytest.mark.parametrize("persona", HIDDEN_FROM)
def test_an_unknown_record_is_a_404_like_a_hidden_one(request, client_for, persona, cfdt, person):
    """A hidden user cannot tell an existing record from a missing one."""
    client = client_for(user_for(request, persona))
    existing = client.get(reverse("directory:organisation_detail", args=[cfdt.pk]))
    missing = client.get(reverse("directory:organisation_detail", args=[cfdt.pk + 1000]))
    assert existing.status_code == missing.status_code == 404


@pytest.mark.parametrize("page", READ_PAGES + EDIT_PAGES)
def test_anonymous_visitors_are_sent_to_the_login_page(client, cfdt, person, page):
    url = urls(cfdt, person)[page]
    response = client.get(url)
    assert response.status_code == 302
    assert response.url.startswith(reverse("login")) and "next=" in response.url
    if page in EDIT_PAGES:
        assert client.post(url, post_data(page, cfdt)).status_code == 302
    assert Organisation.objects.count() == 1 and Person.objects.count() == 1


# --- Writing ---------------------------------------------------------------------------
@pytest.mark.parametrize("page", EDIT_PAGES)
@pytest.mark.parametrize("persona", EDITORS)
def test_editors_open_the_edit_pages(request, client_for, cfdt, person, persona, page):
    assert client_for(user_for(request, persona)).get(urls(cfdt, person)[page]).status_code == 200


@pytest.mark.parametrize("page", EDIT_PAGES)
@pytest.mark.parametrize("persona", EDITORS)
def test_editors_save(request, client_for, cfdt, person, persona, page):
    response = client_for(user_for(request, persona)).post(urls(cfdt, person)[page], post_data(page, cfdt))
    assert response.status_code == 302, response.content.decode()[:2000]
    if page == "organisation_create":
        assert Organisation.objects.filter(name="CFDT Auvergne-Rhône-Alpes (modifiée)").count() == 1
    elif page == "organisation_update":
        cfdt.refresh_from_db()
        assert cfdt.name == "CFDT Auvergne-Rhône-Alpes (modifiée)"
    elif page == "person_create":
        assert Person.objects.filter(last_name="Essai").count() == 1
    else:
        person.refresh_from_db()
        assert (person.first_name, person.last_name) == ("Jeanne", "Essai")


@pytest.mark.parametrize("page", EDIT_PAGES)
@pytest.mark.parametrize("persona", READ_ONLY)
def test_committee_members_may_not_write(request, client_for, cfdt, person, persona, page):
    client = client_for(user_for(request, persona))
    url = urls(cfdt, person)[page]
    before = (Organisation.objects.count(), Person.objects.count(), Organisation.history.count())
    assert client.get(url).status_code == 403
    assert client.post(url, post_data(page, cfdt)).status_code == 403
    assert (Organisation.objects.count(), Person.objects.count(), Organisation.history.count()) == before
    cfdt.refresh_from_db()
    assert cfdt.name == "CFDT Auvergne-Rhône-Alpes"


@pytest.mark.parametrize("persona", READ_ONLY)
def test_committee_members_see_no_edit_button(request, client_for, cfdt, person, persona):
    client = client_for(user_for(request, persona))
    edit_urls = [urls(cfdt, person)[page] for page in EDIT_PAGES]
    for page in ["organisation_list", "organisation_detail", "person_list", "person_detail"]:
        html = client.get(urls(cfdt, person)[page]).content.decode()
        main = html[
            html.index("<main") : html.index("</main>")
        ]  # Not the user menu's « Modifier mon mot de passe ».
        for url in edit_urls:
            assert f'href="{url}' not in main, (page, url)
        for label in ["Modifier", "Nouvelle organisation", "Nouvelle personne", "Ajouter une personne"]:
            assert label not in main, (page, label)


@pytest.mark.parametrize("persona", EDITORS)
def test_editors_see_the_edit_buttons(request, client_for, cfdt, person, persona):
    client = client_for(user_for(request, persona))
    assert "Nouvelle organisation" in client.get(urls(cfdt, person)["organisation_list"]).content.decode()
    detail = client.get(urls(cfdt, person)["organisation_detail"]).content.decode()
    assert urls(cfdt, person)["organisation_update"] in detail
    assert "Ajouter une personne" in detail
    assert (
        urls(cfdt, person)["person_update"]
        in client.get(urls(cfdt, person)["person_detail"]).content.decode()
    )


# --- The PDF export ----------------------------------------------------------------------
@pytest.mark.parametrize("persona", READERS)
def test_readers_may_ask_for_the_pdf_export(
    request, client_for, cfdt, persona, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks():
        response = client_for(user_for(request, persona)).post(reverse("directory:export_pdf"))
    assert response.status_code == 302
    assert response.url.startswith("/documents/")


@pytest.mark.parametrize("persona", HIDDEN_FROM)
def test_hidden_users_may_not_ask_for_the_pdf_export(request, client_for, cfdt, persona):
    from reports.models import Document

    assert client_for(user_for(request, persona)).post(reverse("directory:export_pdf")).status_code == 404
    assert not Document.objects.exists()


def test_anonymous_visitors_may_not_ask_for_the_pdf_export(client, cfdt):
    from reports.models import Document

    response = client.post(reverse("directory:export_pdf"))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))
    assert not Document.objects.exists()


def test_the_pdf_export_is_asked_for_with_a_post_only(client_for, pilot):
    assert client_for(pilot).get(reverse("directory:export_pdf")).status_code == 405


# --- The navigation bar --------------------------------------------------------------------
@pytest.mark.parametrize("persona", READERS)
def test_readers_find_the_directory_in_the_navigation(request, client_for, persona):
    html = client_for(user_for(request, persona)).get(reverse("core:home")).content.decode()
    assert reverse("directory:organisation_list") in html


@pytest.mark.parametrize("persona", HIDDEN_FROM)
def test_the_navigation_does_not_mention_the_directory_to_hidden_users(request, client_for, persona):
    response = client_for(user_for(request, persona)).get(reverse("core:home"), follow=True)
    html = response.content.decode()
    assert reverse("directory:organisation_list") not in html
    assert "Annuaire" not in html
