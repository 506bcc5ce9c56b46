"""A real Celery worker, on the real Redis broker, renders a PDF: queued → done."""

import time

import pytest

from reports.models import Document
from reports.services import document_request
from tests.factories import OrganisationFactory

pytestmark = [pytest.mark.celery, pytest.mark.django_db(transaction=True)]


def wait_for(document, statuses, timeout=30.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        document.refresh_from_db()
        if document.status in statuses:
            return document
        time.sleep(0.2)
    raise AssertionError(f"document still {document.status} after {timeout:.0f} s")


def test_a_pdf_goes_queued_to_done_through_the_broker_and_a_real_worker(
    celery_worker, sample_kind, pilot, client_for
):
    from config.celery import app

    assert celery_worker is app
    assert app.conf.task_always_eager is False
    assert app.conf.broker_url.startswith("redis://")

    organisation = OrganisationFactory(name="DREETS Auvergne-Rhône-Alpes")
    document = document_request(kind="tests.sample", target=organisation, requested_by=pilot)
    assert Document.objects.get(pk=document.pk).status in (Document.Status.QUEUED, Document.Status.RUNNING)

    wait_for(document, {Document.Status.DONE, Document.Status.FAILED})
    assert document.status == Document.Status.DONE, document.error
    assert document.page_count >= 1
    with document.file.open("rb") as handle:
        assert handle.read(5) == b"%PDF-"

    response = client_for(pilot).get(f"/documents/{document.pk}/telecharger/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"


def test_a_failed_pdf_retried_through_the_broker_ends_done(celery_worker, sample_kind, pilot, client_for):
    sample_kind.failures_left = 1
    organisation = OrganisationFactory(name="ARS Corse")
    document = document_request(kind="tests.sample", target=organisation, requested_by=pilot)
    wait_for(document, {Document.Status.DONE, Document.Status.FAILED})
    assert document.status == Document.Status.FAILED
    assert "Gabarit cassé" in document.error

    response = client_for(pilot).post(f"/documents/{document.pk}/relancer/")
    assert response.status_code == 302
    wait_for(document, {Document.Status.DONE})
    assert document.attempts == 1
