"""The evaluation journey on the demo data: the CROCT reads, the pilot enters and reports."""

import io
import re

import pytest
from playwright.sync_api import expect

from actions.models import CollectiveAction
from core.demo import DEMO_PASSWORD, demo_modules
from evaluation.models import Measurement
from reports.models import Document
from reports.registry import download_name

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


# tests/conftest.py's login_in_browser looks for the label « Identifiant », but django.contrib.auth's
# own translation of that msgid (« Nom d'utilisateur ») may win: accept either, as the foundation journey does.
USERNAME_LABEL = re.compile(r"(Identifiant|Nom d.utilisateur)")


def login_in_browser(page, username, password):
    page.goto(f"{page.base_url}/comptes/connexion/")
    page.get_by_label(USERNAME_LABEL).fill(username)
    page.get_by_label("Mot de passe").fill(password)
    page.get_by_role("button", name="Se connecter").click()


def _load_demo():
    out = io.StringIO()
    for name, module in demo_modules():
        module.load(out)
        if name == "evaluation":
            break


def _download_pdf(page):
    link = page.get_by_test_id("download-link")
    link.wait_for(state="visible", timeout=60_000)
    with page.expect_download() as download_info:
        link.click()
    with open(download_info.value.path(), "rb") as handle:
        assert handle.read(5) == b"%PDF-"
    return download_info.value.suggested_filename


def test_croct_reads_the_programme_and_the_pilot_reports(page):
    _load_demo()
    page.route("**/favicon.ico", lambda route: route.fulfill(status=204, body=""))

    # The CROCT member reads the PRST 4 through the committee they sit on.
    login_in_browser(page, "croct", DEMO_PASSWORD)
    page.get_by_role("link", name="Évaluation").first.click()
    page.get_by_role("link", name="PRST 4 Auvergne-Rhône-Alpes").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("PRST 4 Auvergne-Rhône-Alpes")
    assert page.locator("svg.chart").count() >= 3
    for state in ("Atteint", "En retard"):
        expect(page.locator(f".state-badge:has-text('{state}')").first).to_be_visible()
    expect(page.get_by_text("Comment l’état d’un indicateur est-il décidé ?")).to_be_visible()
    assert page.get_by_role("link", name="Nouvel indicateur").count() == 0
    assert page.get_by_role("link", name="Saisir les valeurs du mois").count() == 0

    first_action = CollectiveAction.objects.filter(programme__code="prst4-ara").order_by("code").first()
    page.get_by_role("link", name=f"{first_action.code} — {first_action.title}").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(first_action.title)
    expect(page.get_by_role("heading", name="Phases : prévu et réalisé")).to_be_visible()
    assert page.get_by_role("button", name="Enregistrer").count() == 0

    page.go_back()
    page.get_by_role("button", name="Synthèse du programme (PDF)").click()
    # Named from its content: « Synthèse du programme — <programme>.pdf ».
    synthesis = Document.objects.filter(kind="evaluation.programme_synthesis").latest("created_at")
    assert _download_pdf(page) == download_name(synthesis)
    assert download_name(synthesis).startswith("Synthèse du programme — ")

    # The pilot enters last month's values in one form, then produces the final report of the closed action.
    page.context.clear_cookies()
    login_in_browser(page, "pilote", DEMO_PASSWORD)
    page.goto(f"{page.base_url}/evaluation/")
    page.get_by_role("link", name="Saisir les valeurs du mois").click()
    values = page.locator("input[name$='-value']")
    assert values.count() >= 2
    before = Measurement.objects.count()
    values.nth(0).fill("12")
    values.nth(1).fill("abc")
    page.get_by_role("button", name="Enregistrer les valeurs du mois").click()
    expect(page.locator(".invalid-feedback").first).to_be_visible()
    assert Measurement.objects.count() == before
    page.locator("input[name$='-value']").nth(1).fill("14,5")
    page.get_by_role("button", name="Enregistrer les valeurs du mois").click()
    expect(page.get_by_text("2 valeur(s) enregistrée(s), 0 corrigée(s).")).to_be_visible()
    assert Measurement.objects.count() == before + 2

    closed = CollectiveAction.objects.get(
        status=CollectiveAction.Status.CLOSED, programme__code="branche-adesatt"
    )
    page.goto(f"{page.base_url}/evaluation/")
    page.get_by_role("link", name=f"{closed.code} — {closed.title}").click()
    expect(page.get_by_text("Validé par le COPIL le")).to_be_visible()
    page.get_by_role("button", name="Compte-rendu final d’évaluation (PDF)").click()
    report = Document.objects.filter(kind="evaluation.action_report").latest("created_at")
    assert _download_pdf(page) == download_name(report)
    assert download_name(report).startswith(f"Compte-rendu final d’évaluation — {closed.code}")
