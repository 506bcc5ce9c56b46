"""The one-time tokens claimed by creation forms do not pile up: a nightly task deletes old ones."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.utils import timezone

from core.models import FormSubmission
from core.tasks import form_submissions_prune

pytestmark = pytest.mark.django_db


def _claim(token: str, days_ago: float) -> FormSubmission:
    submission = FormSubmission.objects.create(token=token.ljust(43, "x"), url="/chose/1/", label="Chose")
    FormSubmission.objects.filter(pk=submission.pk).update(
        created_at=timezone.now() - timedelta(days=days_ago)
    )
    return submission


def test_claims_older_than_the_retention_are_deleted_in_batches_and_recent_ones_kept():
    assert settings.FORM_SUBMISSION_RETENTION_DAYS == 30
    for index in range(7):
        _claim(f"old{index}", days_ago=31 + index)
    recent = _claim("recent", days_ago=29)
    just_today = _claim("today", days_ago=0)

    assert form_submissions_prune(batch=3) == 7  # three batches of at most three
    assert set(FormSubmission.objects.values_list("pk", flat=True)) == {recent.pk, just_today.pk}
    assert form_submissions_prune() == 0  # run again: nothing more


def test_the_retention_is_a_setting(settings):
    settings.FORM_SUBMISSION_RETENTION_DAYS = 5
    kept = _claim("kept", days_ago=4)
    _claim("gone", days_ago=6)
    assert form_submissions_prune.run() == 1  # the task's body, as a worker runs it
    assert list(FormSubmission.objects.values_list("pk", flat=True)) == [kept.pk]


def test_the_beat_schedule_runs_it_every_day():
    entries = [
        e for e in settings.CELERY_BEAT_SCHEDULE.values() if e["task"] == "core.tasks.form_submissions_prune"
    ]
    assert len(entries) == 1
    assert form_submissions_prune.name == "core.tasks.form_submissions_prune"
    schedule = entries[0]["schedule"]
    assert schedule.hour == {3} and schedule.minute == {20}
