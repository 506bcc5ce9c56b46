"""The consultant searches "cadrage" and finds the ACIA documents, the passage highlighted."""

import pytest

from actions.models import Programme
from directory.models import Person
from library import services
from library.models import Publication
from tests.factories import PASSWORD
from tests.library.factories import make_action, make_deliverable, pdf_bytes

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def login_in_browser(page, username):
    """As tests.conftest.login_in_browser, by field ids: the login labels are shadowed by
    django.contrib.auth's own French catalogue ("Nom d'utilisateur", "Connexion")."""
    page.goto(f"{page.base_url}/comptes/connexion/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("main button[type=submit]").click()
    page.wait_for_load_state()


def no_favicon(page):
    # The base layout declares no favicon: Chromium's automatic request would log a 404.
    page.route("**/favicon.ico", lambda route: route.fulfill(status=204, body=""))


def test_consultant_finds_the_acia_documents_with_the_passage_highlighted(page, consultant, other_pilot):
    acia = Programme.objects.create(code="acia-corse", name="ACIA Corse")
    acia.managers.add(Person.objects.get(user=consultant))
    action = make_action(acia, title="ACIA Corse 2023")
    deliverable = make_deliverable(
        action,
        title="Fiche de cadrage du COPIL 1",
        content=pdf_bytes(
            "Le comité de pilotage établit une fiche de cadrage pour sécuriser, légitimer et formaliser la démarche."
        ),
    )
    services.publication_publish(
        source_key="actions.deliverable",
        obj=deliverable,
        by=consultant,
        audience=Publication.Audience.PARTNERS,
    )
    other = make_action(Programme.objects.create(code="autre", name="Autre programme"), team=[other_pilot])
    services.publication_publish(
        source_key="actions.deliverable",
        by=other_pilot,
        obj=make_deliverable(other, title="Cadrage confidentiel"),
        audience=Publication.Audience.PARTNERS,
    )

    no_favicon(page)
    login_in_browser(page, consultant.username)
    page.goto(f"{page.base_url}/bibliotheque/")
    page.get_by_role("searchbox", name="Rechercher").fill("cadrage")
    page.get_by_role("button", name="Rechercher").click()
    results = page.get_by_test_id("search-result")
    results.first.wait_for()
    assert results.count() == 1
    assert "Fiche de cadrage du COPIL 1" in results.first.inner_text()
    marks = results.first.locator("mark")
    assert marks.count() >= 1 and marks.first.inner_text().lower().startswith("cadrage")
    results.first.get_by_role("link").click()
    page.get_by_role("link", name="Télécharger le document (PDF)").wait_for()
