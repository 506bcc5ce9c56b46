"""The PDF job: asked for, queued, rendered once, downloaded by its requester only."""

from datetime import timedelta
from io import BytesIO
from urllib.parse import quote

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from reports import registry, services
from reports.models import Document
from reports.registry import DocumentKind
from reports.services import document_render, document_request, requeue_stuck_documents
from tests.factories import OrganisationFactory

Status = Document.Status


@pytest.fixture
def organisation(db):
    return OrganisationFactory(name="ARACT Corse")


def ask(user, organisation, kind="tests.sample", **kwargs):
    return document_request(kind=kind, target=organisation, requested_by=user, **kwargs)


def pdf_bytes(document) -> bytes:
    with document.file.open("rb") as handle:
        return handle.read()


# --- The happy path ----------------------------------------------------------------------
def test_a_requested_document_goes_queued_then_done_with_a_valid_pdf(
    sample_kind, pilot, organisation, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as callbacks:
        document = ask(pilot, organisation)
    document.refresh_from_db()
    assert document.status == Status.QUEUED
    assert document.title == "Fiche de test — ARACT Corse"
    assert len(callbacks) == 1, "the render job is scheduled once, after the commit"

    for callback in callbacks:  # Celery runs in-process (eager) in these tests.
        callback()

    document.refresh_from_db()
    assert document.status == Status.DONE, document.error
    assert document.error == ""
    assert document.attempts == 1
    assert document.started_at and document.finished_at and document.finished_at >= document.started_at
    assert document.file.name.endswith(f"fiche-test-{document.pk}.pdf")
    content = pdf_bytes(document)
    assert content.startswith(b"%PDF-")
    reader = PdfReader(BytesIO(content))
    assert document.page_count == len(reader.pages) >= 1
    text = reader.pages[0].extract_text()
    assert "ARACT Corse" in text
    assert "Page 1 / 1" in text, "static/css/pdf.css was read (its @page footer is on the page)"


def test_the_file_is_downloaded_by_its_requester_only(
    sample_kind, pilot, other_pilot, admin_user, organisation, client_for, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        document = ask(pilot, organisation)
    document.refresh_from_db()
    url = reverse("reports:document_download", args=[document.pk])

    response = client_for(pilot).get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    # Named from its content (not the stored file's name), RFC 5987 since it is not ASCII.
    assert f"fiche-test-{document.pk}" not in response["Content-Disposition"]
    assert response["Content-Disposition"] == f"attachment; filename*=utf-8''{quote(document.title + '.pdf')}"
    assert b"".join(response.streaming_content).startswith(b"%PDF-")

    # Another user who may see the organisation still may not read this user's document.
    assert client_for(other_pilot).get(url).status_code == 404
    assert client_for(other_pilot).get(document.get_absolute_url()).status_code == 404
    assert client_for(admin_user).get(url).status_code == 200

    anonymous = client_for(None).get(url)
    assert anonymous.status_code == 302
    assert anonymous["Location"].startswith(reverse("login"))


def test_a_requester_who_lost_access_to_the_target_can_no_longer_read_the_document(
    sample_kind, pilot, organisation, client_for, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        document = ask(pilot, organisation)
    sample_kind.denied.add(pilot.username)
    assert client_for(pilot).get(reverse("reports:document_download", args=[document.pk])).status_code == 404


def test_a_document_not_done_cannot_be_downloaded(sample_kind, pilot, organisation, client_for):
    document = ask(pilot, organisation)
    assert client_for(pilot).get(reverse("reports:document_download", args=[document.pk])).status_code == 404


def test_someone_who_may_not_see_the_target_cannot_ask_for_its_pdf(sample_kind, outsider, organisation):
    with pytest.raises(PermissionDenied):
        ask(outsider, organisation)
    assert not Document.objects.exists()


def test_a_long_title_is_cut_to_fit_the_column(pdf_templates, pilot, django_capture_on_commit_callbacks):
    registry.register(
        DocumentKind(
            key="tests.long",
            label="Synthèse " * 20,
            template="tests_pdf/sample.html",
            build_context=lambda document: {"organisation": document.target},
            can_view=lambda user, target: True,
        )
    )
    try:
        organisation = OrganisationFactory(name="O" * 200)
        with django_capture_on_commit_callbacks(execute=True):
            document = ask(pilot, organisation, kind="tests.long")
        document.refresh_from_db()
        assert len(document.title) == 255
        assert document.status == Status.DONE, document.error
    finally:
        registry.unregister("tests.long")


# --- Failure and retry -------------------------------------------------------------------
def test_a_failing_render_is_recorded_and_its_requester_can_retry_it(
    sample_kind, pilot, other_pilot, admin_user, organisation, client_for, django_capture_on_commit_callbacks
):
    sample_kind.failures_left = 1
    with django_capture_on_commit_callbacks(execute=True):
        document = ask(pilot, organisation)
    document.refresh_from_db()
    assert document.status == Status.FAILED
    assert "RuntimeError: Gabarit cassé" in document.error
    assert not document.file
    assert document.finished_at is not None

    page = client_for(pilot).get(document.get_absolute_url())
    assert page.status_code == 200
    html = page.content.decode()
    assert "Le PDF n’a pas pu être produit." in html
    assert "RuntimeError: Gabarit cassé" in html
    assert "Traceback" not in html and "services.py" not in html, "the traceback is for administrators"
    assert "Traceback" in client_for(admin_user).get(document.get_absolute_url()).content.decode()
    retry_url = reverse("reports:document_retry", args=[document.pk])
    assert f'action="{retry_url}"' in html
    assert "hx-trigger" not in html, "a failed document is not polled"

    assert client_for(other_pilot).post(retry_url).status_code == 404
    assert client_for(pilot).get(retry_url).status_code == 405
    document.refresh_from_db()
    assert document.status == Status.FAILED

    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(pilot).post(retry_url)
    assert response.status_code == 302
    assert response["Location"] == document.get_absolute_url()
    document.refresh_from_db()
    assert document.status == Status.DONE, document.error
    assert document.error == ""
    assert pdf_bytes(document).startswith(b"%PDF-")
    assert sample_kind.builds == 2


def test_only_a_failed_document_can_be_retried(
    sample_kind, pilot, organisation, client_for, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        document = ask(pilot, organisation)
    with django_capture_on_commit_callbacks() as callbacks:
        response = client_for(pilot).post(reverse("reports:document_retry", args=[document.pk]), follow=True)
    assert not callbacks
    assert "Seul un document en échec peut être relancé." in response.content.decode()
    document.refresh_from_db()
    assert document.status == Status.DONE and sample_kind.builds == 1


def test_a_document_claimed_twice_is_rendered_once(sample_kind, pilot, organisation, monkeypatch):
    document = ask(pilot, organisation)
    renders = []
    real_render = services.render_pdf
    monkeypatch.setattr(
        services, "render_pdf", lambda html, **options: renders.append(html) or real_render(html, **options)
    )

    first = document_render(document_id=document.pk)
    second = document_render(document_id=document.pk)

    assert first is not None and first.status == Status.DONE
    assert second is None
    assert len(renders) == 1
    document.refresh_from_db()
    assert document.attempts == 1


def test_an_unknown_kind_fails_with_its_error(pilot):
    document = Document.objects.create(kind="nobody.registered", title="Orphelin", requested_by=pilot)
    document_render(document_id=document.pk)
    document.refresh_from_db()
    assert document.status == Status.FAILED
    assert "LookupError" in document.error


# --- A worker that died ------------------------------------------------------------------
def _running_since(document, minutes, attempts):
    Document.objects.filter(pk=document.pk).update(
        status=Status.RUNNING, started_at=timezone.now() - timedelta(minutes=minutes), attempts=attempts
    )


def test_a_job_redelivered_after_its_render_process_died_takes_the_document_back_at_once(
    sample_kind, pilot, organisation
):
    document = ask(pilot, organisation)
    _running_since(document, minutes=0, attempts=1)  # The process rendering it was killed.

    assert document_render(document_id=document.pk) is None, "an ordinary second delivery never renders"
    rendered = document_render(document_id=document.pk, redelivered=True)

    assert rendered is not None and rendered.status == Status.DONE
    assert rendered.attempts == 2
    assert document_render(document_id=document.pk, redelivered=True) is None, "done stays done"


def test_a_document_whose_render_process_died_three_times_is_failed_not_rendered_again(
    sample_kind, pilot, organisation
):
    document = ask(pilot, organisation)
    _running_since(document, minutes=0, attempts=services.MAX_ATTEMPTS)

    assert document_render(document_id=document.pk, redelivered=True) is None
    document.refresh_from_db()
    assert document.status == Status.FAILED
    assert document.error == services.INTERRUPTED
    assert sample_kind.builds == 0


def test_a_document_stuck_in_running_is_requeued_and_then_rendered(
    sample_kind, pilot, organisation, django_capture_on_commit_callbacks
):
    stuck = ask(pilot, organisation)
    recent = ask(pilot, organisation)
    _running_since(stuck, minutes=11, attempts=1)
    _running_since(recent, minutes=9, attempts=1)

    with django_capture_on_commit_callbacks() as callbacks:
        assert requeue_stuck_documents() == 1
    stuck.refresh_from_db()
    recent.refresh_from_db()
    assert stuck.status == Status.QUEUED and stuck.started_at is None
    assert recent.status == Status.RUNNING, "a render shorter than the time limit is left alone"
    assert len(callbacks) == 1

    callbacks[0]()
    stuck.refresh_from_db()
    assert stuck.status == Status.DONE, stuck.error
    assert stuck.attempts == 2


def test_a_document_stuck_three_times_is_failed(
    sample_kind, pilot, organisation, django_capture_on_commit_callbacks
):
    document = ask(pilot, organisation)
    for attempt in (1, 2):
        _running_since(document, minutes=30, attempts=attempt)
        with django_capture_on_commit_callbacks():
            requeue_stuck_documents()
        document.refresh_from_db()
        assert document.status == Status.QUEUED

    _running_since(document, minutes=30, attempts=3)
    with django_capture_on_commit_callbacks() as callbacks:
        assert requeue_stuck_documents() == 1
    document.refresh_from_db()
    assert document.status == Status.FAILED
    assert "interrompu" in document.error
    assert document.finished_at is not None
    assert not callbacks


def test_a_broker_down_does_not_break_the_request_and_the_job_is_sent_again_later(
    sample_kind, pilot, organisation, client_for, monkeypatch, django_capture_on_commit_callbacks, caplog
):
    from kombu.exceptions import OperationalError

    from reports.tasks import render_document

    def broker_down(*args, **kwargs):
        raise OperationalError("Error 111 connecting to redis:6379. Connection refused.")

    monkeypatch.setattr(render_document, "delay", broker_down)
    with django_capture_on_commit_callbacks(execute=True):
        document = ask(pilot, organisation)  # No exception reaches the user's request.
    document.refresh_from_db()
    assert document.status == Status.QUEUED
    assert "Connection refused" in caplog.text
    assert client_for(pilot).get(document.get_absolute_url()).status_code == 200

    monkeypatch.undo()
    with django_capture_on_commit_callbacks(execute=True):
        assert requeue_stuck_documents(now=timezone.now() + timedelta(minutes=5)) == 0
    document.refresh_from_db()
    assert document.status == Status.QUEUED, "a job queued for 5 minutes may simply be waiting its turn"

    with django_capture_on_commit_callbacks(execute=True):
        assert requeue_stuck_documents(now=timezone.now() + timedelta(minutes=11)) == 1
    document.refresh_from_db()
    assert document.status == Status.DONE, document.error
    assert document.attempts == 1


def test_a_job_sent_again_while_the_first_still_waits_renders_once(
    sample_kind, pilot, organisation, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as first:
        document = ask(pilot, organisation)
    with django_capture_on_commit_callbacks() as second:
        requeue_stuck_documents(now=timezone.now() + timedelta(minutes=11))
    for callback in first + second:
        callback()
    document.refresh_from_db()
    assert document.status == Status.DONE and document.attempts == 1
    assert sample_kind.builds == 1


def test_the_requeue_task_runs_through_celery(sample_kind, pilot, organisation):
    from reports.tasks import requeue_stuck_documents as task

    document = ask(pilot, organisation)
    _running_since(document, minutes=30, attempts=3)
    assert task.delay().get() == 1
    document.refresh_from_db()
    assert document.status == Status.FAILED


# --- Pages ---------------------------------------------------------------------------------
def test_the_document_list_shows_only_ones_own_documents(
    sample_kind, pilot, other_pilot, admin_user, organisation, client_for
):
    mine = ask(pilot, organisation, title="Ma fiche à moi")
    theirs = ask(other_pilot, organisation, title="La fiche d'un autre")
    url = reverse("reports:document_list")

    html = client_for(pilot).get(url).content.decode()
    assert "Ma fiche à moi" in html and mine.get_absolute_url() in html
    assert "La fiche d&#x27;un autre" not in html and theirs.get_absolute_url() not in html

    admin_html = client_for(admin_user).get(url).content.decode()
    assert "Ma fiche à moi" not in admin_html, "« Mes documents » lists one's own, even for an administrator"

    assert client_for(None).get(url).status_code == 302


def test_the_detail_page_polls_with_htmx_while_pending_and_stops_when_done(
    sample_kind, pilot, organisation, client_for
):
    document = ask(pilot, organisation)
    client = client_for(pilot)
    url = document.get_absolute_url()

    html = client.get(url).content.decode()
    assert f'hx-get="{url}"' in html
    assert 'hx-trigger="every 2s"' in html
    assert "htmx.min.js" in html

    fragment = client.get(url, headers={"HX-Request": "true"})
    assert "<html" not in fragment.content.decode()
    assert 'id="document-status"' in fragment.content.decode()
    assert "HX-Request" in fragment["Vary"]

    document_render(document_id=document.pk)
    fragment = client.get(url, headers={"HX-Request": "true"}).content.decode()
    assert "hx-trigger" not in fragment
    assert reverse("reports:document_download", args=[document.pk]) in fragment
    assert "1 page" in fragment


def test_pages_of_a_document_that_does_not_exist_are_404(pilot, client_for):
    client = client_for(pilot)
    assert client.get(reverse("reports:document_detail", args=[999999])).status_code == 404
    assert client.get(reverse("reports:document_download", args=[999999])).status_code == 404
    assert client.post(reverse("reports:document_retry", args=[999999])).status_code == 404
