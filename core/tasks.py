"""Core's periodic housekeeping."""

from __future__ import annotations

from datetime import timedelta

from celery import shared_task
from django.conf import settings
from django.utils import timezone

from .models import FormSubmission

#: Claims deleted per statement: a long backlog is cleared without one huge delete holding its locks.
PRUNE_BATCH = 1000


@shared_task(name="core.tasks.form_submissions_prune", time_limit=600, soft_time_limit=540)
def form_submissions_prune(batch: int = PRUNE_BATCH) -> int:
    """Daily: delete the one-time form tokens claimed more than FORM_SUBMISSION_RETENTION_DAYS ago.

    A claim only serves a second post of the same form (a double click, the back button, a retry after
    a timeout): after a month nobody posts that page again. Deleted in batches; running it twice (or
    two workers at once) deletes nothing more. Returns the number of claims deleted.
    """
    cutoff = timezone.now() - timedelta(days=settings.FORM_SUBMISSION_RETENTION_DAYS)
    old = FormSubmission.objects.filter(created_at__lt=cutoff)
    deleted = 0
    while True:
        ids = list(old.order_by("pk").values_list("pk", flat=True)[:batch])
        if not ids:
            return deleted
        count, _by_model = FormSubmission.objects.filter(pk__in=ids).delete()
        deleted += count
