"""Services of actions: deliverables, success conditions."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.core.files.base import File
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.history import record_change, records_actor
from core.types import Actor
from core.uploads import generated_name, validate_document_upload

from ..models import ActionPhase, CollectiveAction, Deliverable, SuccessCondition
from ._common import _tell_the_team, _versioned_update


@records_actor
def deliverable_create(
    *, action: CollectiveAction, phase: ActionPhase, by: Actor, **fields: Any
) -> Deliverable:
    if phase.action_id != action.pk:
        raise ValidationError(_("This phase belongs to another action."))
    deliverable = Deliverable(action=action, phase=phase, **fields)
    deliverable.full_clean()
    deliverable.save()
    return deliverable


@records_actor
def deliverable_update(
    *, deliverable: Deliverable, by: Actor, expected_version: int | None = None, **fields: Any
) -> Deliverable:
    return _versioned_update(deliverable, expected_version=expected_version, fields=fields)


@records_actor
def deliverable_upload(*, deliverable: Deliverable, upload: UploadedFile, by: Actor) -> Deliverable:
    """Store a file (type checked from its content) under a generated name; the deliverable is submitted."""
    kind = validate_document_upload(upload)
    name = generated_name(f"deliverables/{deliverable.action_id}", upload.name or "", kind)
    with transaction.atomic():
        upload.seek(0)
        stored = deliverable.file.storage.save(name, File(upload))
        deliverable.file.name = stored
        deliverable.file_kind = kind
        deliverable.original_filename = (upload.name or "")[:255]
        deliverable.uploaded_by = by
        deliverable.uploaded_at = timezone.now()
        # A new file needs a new validation.
        deliverable.status = Deliverable.Status.SUBMITTED
        deliverable.validated_by = None
        deliverable.validated_at = None
        deliverable.published_at = None
        # The previous file stays on disk: the history rows still point to it.
        deliverable.save()
    return deliverable


@records_actor
def deliverable_set_status(*, deliverable: Deliverable, status: str, by: Actor) -> Deliverable:
    """Move between à produire, en cours and soumis; validation goes through `deliverable_validate`."""
    if status not in Deliverable.Status.values:
        raise ValidationError(_("Unknown status."))
    if status == Deliverable.Status.VALIDATED:
        raise ValidationError(_("Use the validation form to validate a deliverable."))
    if deliverable.status == Deliverable.Status.VALIDATED:
        raise ValidationError(
            _("This deliverable is validated: upload a new version of its file to take it up again.")
        )
    if status == Deliverable.Status.SUBMITTED and not deliverable.file:
        raise ValidationError(_("Upload the file before submitting the deliverable."))
    deliverable.status = status
    deliverable.validated_by = None
    deliverable.validated_at = None
    deliverable.save()
    return deliverable


@records_actor
def deliverable_validate(*, deliverable: Deliverable, by: Actor, note: str = "") -> Deliverable:
    if not deliverable.file:
        raise ValidationError(
            _("« %(title)s » has no file yet: upload it before validating it.") % {"title": deliverable.title}
        )
    if deliverable.status == Deliverable.Status.VALIDATED:
        raise ValidationError(_("This deliverable is already validated."))
    deliverable.status = Deliverable.Status.VALIDATED
    deliverable.validated_by = by
    deliverable.validated_at = timezone.now()
    deliverable.validation_note = (note or "").strip()[:255]
    deliverable.validated_file.name = deliverable.file.name
    deliverable.validated_file_kind = deliverable.file_kind
    deliverable.save()
    return deliverable


@records_actor
def deliverable_publish(*, deliverable: Deliverable, by: Actor) -> Deliverable:
    """Make a validated deliverable known: its followers and the team are notified (in-app and e-mail)."""
    if deliverable.status != Deliverable.Status.VALIDATED:
        raise ValidationError(_("Only a validated deliverable can be published."))
    if deliverable.published_at is not None:
        raise ValidationError(_("This deliverable is already published."))
    with transaction.atomic():
        deliverable.published_at = timezone.now()
        deliverable.save(update_fields=["published_at"])
        action = deliverable.action
        title = _("Deliverable published in %(action)s: %(title)s") % {
            "action": action,
            "title": deliverable.title,
        }
        message = _("« %(title)s » of the action « %(action)s » is published.") % {
            "title": deliverable.title,
            "action": action,
        }
        _tell_the_team(
            action,
            by=by,
            kind="deliverable_published",
            title=title,
            message=message,
            url=deliverable.get_absolute_url(),
        )
    return deliverable


@records_actor
def action_follow(*, action: CollectiveAction, by: User, follow: bool = True) -> None:
    """`by` follows (or stops following) the action."""
    if follow:
        action.followers.add(by)
    else:
        action.followers.remove(by)


@records_actor
def success_condition_save(*, condition: SuccessCondition, by: Actor) -> SuccessCondition:
    condition.save()
    return condition


@records_actor
def success_condition_delete(*, condition: SuccessCondition, by: Actor) -> None:
    """The deletion is kept in the condition's history (with its text and its author)."""
    record_change(condition, by=by)
    condition.delete()


@records_actor
def success_conditions_renumber(*, action: CollectiveAction, by: Actor) -> None:
    """Number the conditions 0, 1, 2… in their order, after some were added or removed."""
    for order, condition in enumerate(action.success_conditions.order_by("order", "pk")):
        if condition.order != order:
            condition.order = order
            condition.save(update_fields=["order"])
