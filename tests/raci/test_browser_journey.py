"""The pilot's journey: clone the Axe 1 template, edit with the keyboard, break and fix a row,
export to Excel, import the file into a new matrix and find the same grid."""

import re

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import expect

from raci.models import Matrix
from raci.selectors import matrix_data
from raci.services import templates_install

from .factories import ActionFactory, join_team


def sign_in(page, user):
    """A signed-in session for `user`, handed to the browser.

    `tests.conftest.login_in_browser` looks for the label « Identifiant », but django-axes
    (listed before `core` in INSTALLED_APPS) translates "Username" as « Nom d'utilisateur »,
    so the label it waits for never appears; the session cookie does not depend on it.
    """
    client = Client()
    client.force_login(user)
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    page.context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": page.base_url}])
    # No favicon is served yet: answer it so the browser logs no 404 in the console.
    page.route("**/favicon.ico", lambda route: route.fulfill(status=204, body=""))


def grid_texts(page):
    return page.locator("[data-raci-cell]").all_inner_texts()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_pilot_clones_edits_with_the_keyboard_exports_and_reimports(page, pilot, tmp_path):
    action = ActionFactory(code="OG-1", title="Les Oliviers : implémenter le DUI")
    join_team(action, pilot)
    templates_install(by=None)
    sign_in(page, pilot)

    # Clone the Axe 1 template into the action.
    page.goto(f"{page.base_url}/raci/")
    page.get_by_role("link", name="Axe 1 : Implémentation d'un nouvel outil").click()
    page.get_by_role("link", name="Utiliser ce modèle").click()
    page.get_by_label("Pour").select_option(label=str(action))
    page.get_by_label("Titre").fill("RACI des Oliviers")
    page.get_by_role("button", name="Créer la matrice").click()
    expect(page.get_by_role("heading", name=re.compile("RACI des Oliviers"))).to_be_visible()
    matrix = Matrix.objects.get(title="RACI des Oliviers")
    expect(page.get_by_test_id("error-count")).to_have_text("0 erreur")

    # COPIL 1 × ARACT holds the row's only R: taking it away is an error, putting it back fixes it.
    first = page.locator("[data-raci-cell]").first
    expect(first).to_have_text("R")
    first.click()
    expect(page.locator("[data-raci-current]")).to_contain_text("COPIL 1 × ARACT")
    page.keyboard.press("r")
    expect(page.get_by_test_id("error-count")).to_have_text("1 erreur")
    expect(first).to_have_text("")
    # The row's check mark, found from the first cell's id (raci-cell-<activity>-<role>).
    first_activity_pk = first.get_attribute("id").split("-")[2]
    assert matrix.activities.filter(pk=first_activity_pk).exists()
    row_check = page.locator(f"#raci-status-{first_activity_pk}")
    expect(row_check).to_have_class(re.compile("is-error"))
    expect(page.get_by_test_id("issue-group-no_r")).to_contain_text("personne ne la réalise")
    page.keyboard.press("R")
    expect(page.get_by_test_id("error-count")).to_have_text("0 erreur")
    expect(row_check).not_to_have_class(re.compile("is-error"))

    # Arrows move; letters add up (I + A → A/I); Delete clears.
    page.keyboard.press("ArrowRight")
    expect(page.locator("[data-raci-current]")).to_contain_text("COPIL 1 × Pilote de projet")
    page.keyboard.press("a")
    pilot_cell = page.locator("[data-raci-cell][data-row='0'][data-col='1']")
    expect(pilot_cell).to_have_text("A/I")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowLeft")
    expect(page.locator("[data-raci-current]")).to_contain_text("× ARACT")
    page.keyboard.press("Delete")
    expect(page.locator("[data-raci-cell][data-row='1'][data-col='0']")).to_have_text("")
    page.keyboard.press("i")
    expect(page.locator("[data-raci-cell][data-row='1'][data-col='0']")).to_have_text("I")
    expect(page.get_by_test_id("warning-count")).to_have_text("11 avertissements")
    page.keyboard.press("End")
    expect(page.locator("[data-raci-current]")).to_contain_text("× Groupe de travail")
    edited = grid_texts(page)
    page.reload()
    assert grid_texts(page) == edited

    # Export to Excel, import the file into a new matrix: the same grid comes back.
    with page.expect_download() as download:
        page.get_by_test_id("export-xlsx").click()
    path = tmp_path / "raci.xlsx"
    download.value.save_as(path)
    page.goto(f"{page.base_url}/raci/importer/?action={action.pk}")
    page.get_by_label("Titre").fill("RACI réimporté")
    page.get_by_label("Tableur (XLSX ou CSV)").set_input_files(str(path))
    page.get_by_role("button", name="Importer").click()
    expect(page.get_by_role("heading", name=re.compile("RACI réimporté"))).to_be_visible()
    assert grid_texts(page) == edited
    assert matrix_data(Matrix.objects.get(title="RACI réimporté")) == matrix_data(matrix)
