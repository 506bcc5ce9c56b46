"""Services of evaluation: approach"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils import timezone

from core.conflicts import check_version
from core.history import records_actor
from core.types import Actor

from ..models import ActionAssessment, ApproachEntry

if TYPE_CHECKING:
    from actions.models import CollectiveAction


@records_actor
@transaction.atomic
def approach_entry_add(
    *, action: CollectiveAction, by: Actor, kind: str, text: str, on: date | None = None
) -> ApproachEntry:
    entry = ApproachEntry(
        action=action, author=by, kind=kind, text=text.strip(), date=on or timezone.localdate()
    )
    entry.full_clean()
    entry.save()
    return entry


@records_actor
@transaction.atomic
def assessment_update(
    *, action: CollectiveAction, by: Actor, expected_version: int | None = None, **fields: Any
) -> ActionAssessment:
    """Save the action's assessment (created the first time). Made on a stale version (`expected_version`,
    see core.conflicts; 0 when the page was opened before it existed), it keeps what others changed on
    fields left alone and raises `EditConflict` where both changed the same field."""
    assessment, created = ActionAssessment.objects.get_or_create(action=action)
    if created:
        expected_version = None  # nobody else wrote it: nothing to compare with
    elif expected_version == 0:
        # Opened before it existed, that is blank: compared with its first version, created blank here.
        expected_version = (
            assessment.history.order_by("history_id").values_list("history_id", flat=True).first()
        )
    for name, value in fields.items():
        setattr(assessment, name, value)
    check_version(assessment, expected_version)
    assessment.full_clean()
    assessment.save()
    return assessment
