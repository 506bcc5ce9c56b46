"""In the browser: the document page refreshes itself (htmx, under the CSP) until the PDF is ready."""

import pytest
from django.conf import settings
from django.test import Client

from reports import services
from reports.models import Document
from reports.services import document_render, document_request
from tests.factories import OrganisationFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def log_in(page, user):
    """A session opened on the server, handed to the browser (the login form has its own tests)."""
    client = Client()
    client.force_login(user)
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": page.base_url,
            }
        ]
    )


def test_the_document_page_shows_the_pdf_once_rendered(page, sample_kind, pilot, monkeypatch):
    monkeypatch.setattr(services, "_send", lambda document_id: None)  # The worker has not picked it up yet.
    document = document_request(
        kind="tests.sample", target=OrganisationFactory(name="U2P Corse"), requested_by=pilot
    )
    assert Document.objects.get(pk=document.pk).status == Document.Status.QUEUED

    # The layout links no icon yet: Chromium's request for /favicon.ico would log a 404 console error.
    page.route("**/favicon.ico", lambda route: route.fulfill(status=204, body=""))
    log_in(page, pilot)
    page.goto(f"{page.base_url}{document.get_absolute_url()}")
    status = page.get_by_test_id("document-status")
    assert status.inner_text() == "En attente"
    assert page.get_by_test_id("download-link").count() == 0

    document_render(document_id=document.pk)  # The worker does its job; the page is not reloaded.

    link = page.get_by_test_id("download-link")
    link.wait_for(state="visible", timeout=10_000)
    assert status.inner_text() == "Prêt"
    with page.expect_download() as download_info:
        link.click()
    download = download_info.value
    assert download.suggested_filename == "Fiche de test — U2P Corse.pdf"  # From the content, accents kept.
    with open(download.path(), "rb") as handle:
        assert handle.read(5) == b"%PDF-"

    page.goto(f"{page.base_url}/documents/")
    assert page.get_by_role("link", name="Fiche de test — U2P Corse").is_visible()
