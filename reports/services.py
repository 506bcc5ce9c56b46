"""Writes on PDF documents: ask for one, render it (claimed once), retry a failure."""

from __future__ import annotations

import traceback
from datetime import datetime, timedelta
from typing import Any, cast

from django.contrib.auth.models import User
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import F, Model
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.text import Truncator, slugify

from .access import can_request_document
from .models import Document
from .pdf import RenderedPdf, render_pdf
from .registry import get_kind

MAX_ATTEMPTS = 3
STUCK_AFTER = timedelta(minutes=10)


def _send(document_id: int) -> None:
    from .tasks import render_document

    render_document.delay(document_id)


def _schedule(document_id: int) -> None:
    """Send the render job once the row is committed.

    `robust`: when the broker cannot be reached the error is logged and the user's request
    still succeeds; the row stays queued and `requeue_stuck_documents` sends it again.
    """
    # A lambda, not functools.partial: Django logs a robust failure with the callback's __qualname__.
    transaction.on_commit(lambda: _send(document_id), robust=True)


def document_request(
    *,
    kind: str,
    target: Model | None,
    requested_by: User,
    title: str = "",
    params: dict[str, Any] | None = None,
) -> Document:
    """Queue a PDF of `kind` about `target` for `requested_by`, after checking they may see it."""
    document_kind = get_kind(kind)
    if not can_request_document(requested_by, kind, target):
        raise PermissionDenied
    title = title or (f"{document_kind.label} — {target}" if target is not None else str(document_kind.label))
    with transaction.atomic():
        document = Document.objects.create(
            kind=kind,
            title=Truncator(title).chars(cast(int, Document._meta.get_field("title").max_length)),
            target_type=ContentType.objects.get_for_model(target) if target is not None else None,
            target_id=str(target.pk) if target is not None else "",
            params=params or {},
            requested_by=requested_by,
        )
        _schedule(document.pk)
    return document


def document_retry(*, document: Document) -> Document:
    """Put a failed (or stuck) document back in the queue."""
    with transaction.atomic():
        updated = Document.objects.filter(
            pk=document.pk, status__in=[Document.Status.FAILED, Document.Status.RUNNING]
        ).update(
            status=Document.Status.QUEUED,
            error="",
            started_at=None,
            finished_at=None,
            attempts=0,
            queued_at=timezone.now(),
        )
        if updated:
            _schedule(document.pk)
    document.refresh_from_db()
    return document


def _claim(document_id: int) -> bool:
    """Move queued → running with a conditional UPDATE, so a job delivered twice renders once."""
    return bool(
        Document.objects.filter(pk=document_id, status=Document.Status.QUEUED).update(
            status=Document.Status.RUNNING, started_at=timezone.now(), attempts=F("attempts") + 1
        )
    )


INTERRUPTED = "Le rendu a été interrompu plusieurs fois (travailleur arrêté)."


def _take_over(document_id: int) -> bool:
    """Claim again a document left `running` by a worker process that died.

    Called for a job the broker delivers a second time: Celery sends it back when the
    process rendering it was killed (acks late, reject on worker lost), so nobody is
    rendering that document any more. After MAX_ATTEMPTS interrupted renders (a document
    that kills its worker every time, e.g. out of memory), it is failed instead.
    """
    now = timezone.now()
    running = Document.objects.filter(pk=document_id, status=Document.Status.RUNNING)
    if running.filter(attempts__gte=MAX_ATTEMPTS).update(
        status=Document.Status.FAILED, error=INTERRUPTED, finished_at=now
    ):
        return False
    return bool(running.update(started_at=now, attempts=F("attempts") + 1))


def build_document_context(document: Document) -> dict:
    """The template context of a document: its kind's own, plus what every PDF's head uses."""
    kind = get_kind(document.kind)
    context = kind.build_context(document)
    context.setdefault("document", document)
    context.setdefault("document_kind", kind)
    context.setdefault("sender", kind.sender(document) if kind.sender is not None else None)
    context.setdefault("generated_at", timezone.now())
    context.setdefault("archive", kind.is_archive(document, context))
    return context


def build_html(document: Document, context: dict | None = None) -> str:
    kind = get_kind(document.kind)
    return render_to_string(
        kind.template, context if context is not None else build_document_context(document)
    )


def render_document_pdf(document: Document) -> RenderedPdf:
    """The PDF of a document, as its kind declares it: tagged PDF/UA-1, or PDF/A-3 with its data files."""
    kind = get_kind(document.kind)
    context = build_document_context(document)
    return render_pdf(
        build_html(document, context),
        archive=context["archive"],
        attachments=kind.attachments_for(document, context),
    )


def document_render(*, document_id: int, redelivered: bool = False) -> Document | None:
    """Render a queued document; record the error when it fails. Returns None if not claimed.

    `redelivered`: the broker sends this job again because the worker process that had it
    died; the document it left `running` is then taken over (see `_take_over`).
    """
    if not (_claim(document_id) or (redelivered and _take_over(document_id))):
        return None
    document = Document.objects.get(pk=document_id)
    try:
        kind = get_kind(document.kind)
        pdf = render_document_pdf(document)
        filename = kind.filename(document) or f"{slugify(document.title)}.pdf"
    except Exception as exc:  # The error is kept on the row for the user and the retry.
        document.status = Document.Status.FAILED
        document.error = f"{type(exc).__name__}: {exc}\n\n{traceback.format_exc(limit=5)}"
        document.finished_at = timezone.now()
        document.save(update_fields=["status", "error", "finished_at"])
        return document
    document.file.save(filename, ContentFile(pdf.content), save=False)
    document.page_count = pdf.page_count
    document.status = Document.Status.DONE
    document.error = ""
    document.finished_at = timezone.now()
    document.save(update_fields=["file", "page_count", "status", "error", "finished_at"])
    return document


def requeue_stuck_documents(*, now: datetime | None = None) -> int:
    """Run by beat every 15 minutes, so that no document stays pending for ever.

    - `running` for longer than STUCK_AFTER: its worker died (a render is killed after
      5 minutes) — queued again, or failed after MAX_ATTEMPTS;
    - `queued` for longer than STUCK_AFTER: its job never reached a worker (the broker was
      down when it was sent) — sent again.
    A job sent twice still renders once: the claim decides.
    """
    now = now or timezone.now()
    limit = now - STUCK_AFTER
    Status = Document.Status
    with transaction.atomic():
        stuck = Document.objects.filter(status=Status.RUNNING, started_at__lt=limit)
        failed = stuck.filter(attempts__gte=MAX_ATTEMPTS).update(
            status=Status.FAILED, error=INTERRUPTED, finished_at=now
        )
        requeue_ids = list(stuck.filter(attempts__lt=MAX_ATTEMPTS).values_list("pk", flat=True))
        requeued = Document.objects.filter(pk__in=requeue_ids, status=Status.RUNNING).update(
            status=Status.QUEUED, started_at=None, queued_at=now
        )
        lost_ids = list(
            Document.objects.filter(status=Status.QUEUED, queued_at__lt=limit).values_list("pk", flat=True)
        )
        resent = Document.objects.filter(pk__in=lost_ids, status=Status.QUEUED).update(queued_at=now)
        for pk in requeue_ids + lost_ids:
            _schedule(pk)
    return failed + requeued + resent
