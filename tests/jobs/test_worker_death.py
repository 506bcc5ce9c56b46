"""A PDF job whose worker dies ends done or failed, never stuck in `running`.

Real worker processes (`celery worker`, prefork pool, acks late) on the real Redis broker
and the test PostgreSQL; the render of the test kind hangs on demand so that the test can
kill the worker in the middle of it, as a crash or the OOM killer would.
"""

from __future__ import annotations

import os
import signal

import pytest
from django.utils import timezone

from reports.models import Document
from reports.services import (
    INTERRUPTED,
    MAX_ATTEMPTS,
    STUCK_AFTER,
    document_request,
    requeue_stuck_documents,
)
from tests.factories import OrganisationFactory

from .conftest import wait_until

pytestmark = [pytest.mark.celery, pytest.mark.django_db(transaction=True)]

STARTUP = 90  # seconds: a cold worker imports Django, WeasyPrint and every app


def status_of(document) -> str:
    document.refresh_from_db()
    return document.status


def render_started(hang_dir):
    return lambda: sorted(hang_dir.glob("started-*"))


def test_a_whole_worker_killed_mid_render_is_requeued_by_beat_and_rendered_by_another(
    start_worker, slow_documents, hang_dir, pilot
):
    (hang_dir / "hang").touch()
    first = start_worker("premier")
    document = document_request(kind=slow_documents, target=OrganisationFactory(), requested_by=pilot)
    wait_until(
        render_started(hang_dir), STARTUP, "the first worker never started the render\n" + first.output()
    )
    assert status_of(document) == Document.Status.RUNNING

    first.kill()
    assert status_of(document) == Document.Status.RUNNING, "nobody is left to change it"
    assert document.attempts == 1

    # Beat runs the requeue every 15 minutes; 11 minutes later it takes the job back.
    assert requeue_stuck_documents(now=timezone.now() + STUCK_AFTER / 2) == 0
    assert requeue_stuck_documents(now=timezone.now() + STUCK_AFTER + timezone.timedelta(minutes=1)) == 1
    assert status_of(document) == Document.Status.QUEUED

    (hang_dir / "hang").unlink()
    second = start_worker("second")
    wait_until(
        lambda: status_of(document) in (Document.Status.DONE, Document.Status.FAILED),
        STARTUP,
        "the second worker did not finish\n" + second.output(),
    )
    assert document.status == Document.Status.DONE, document.error
    assert document.attempts == 2
    assert document.page_count >= 1
    with document.file.open("rb") as handle:
        assert handle.read(5) == b"%PDF-"


def test_a_render_process_killed_is_taken_back_at_once_by_its_worker(
    start_worker, slow_documents, hang_dir, pilot
):
    (hang_dir / "hang").touch()
    worker = start_worker("tolerant")
    document = document_request(kind=slow_documents, target=OrganisationFactory(), requested_by=pilot)
    started = wait_until(render_started(hang_dir), STARTUP, "the render never started\n" + worker.output())
    child = int(started[0].name.split("-")[1])

    (hang_dir / "hang").unlink()
    os.kill(child, signal.SIGKILL)  # The OOM killer takes the pool process, the worker lives on.

    wait_until(
        lambda: status_of(document) in (Document.Status.DONE, Document.Status.FAILED),
        60,
        "the job was not taken back\n" + worker.output(),
    )
    assert document.status == Document.Status.DONE, document.error
    assert document.attempts == 2
    assert "WorkerLostError" in worker.output()


def test_a_document_that_kills_its_render_process_every_time_ends_failed(
    start_worker, slow_documents, hang_dir, pilot, client_for
):
    (hang_dir / "hang").touch()
    worker = start_worker("empoisonne")
    document = document_request(kind=slow_documents, target=OrganisationFactory(), requested_by=pilot)
    killed: set[int] = set()
    for attempt in range(1, MAX_ATTEMPTS + 1):
        started = wait_until(
            lambda: [p for p in hang_dir.glob("started-*") if int(p.name[8:]) not in killed],
            STARTUP,
            f"attempt {attempt} never started\n" + worker.output(),
        )
        child = int(started[0].name[8:])
        assert status_of(document) == Document.Status.RUNNING
        assert document.attempts == attempt
        killed.add(child)
        os.kill(child, signal.SIGKILL)

    wait_until(
        lambda: status_of(document) == Document.Status.FAILED,
        60,
        "the poisonous document is not failed\n" + worker.output(),
    )
    assert document.attempts == MAX_ATTEMPTS
    assert document.error == INTERRUPTED
    assert requeue_stuck_documents(now=timezone.now() + STUCK_AFTER * 3) == 0, "nothing left for beat"

    # Its requester sees why, in French, and may try again.
    page = client_for(pilot).get(f"/documents/{document.pk}/")
    assert page.status_code == 200
    assert "interrompu plusieurs fois" in page.content.decode()
