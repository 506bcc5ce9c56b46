"""Services of adherents: complaints."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from core.conflicts import check_version
from core.history import records_actor, set_history_author
from core.types import Actor

from ..models import Complaint


@records_actor
def complaint_save(*, complaint: Complaint, by: Actor, expected_version: int | None = None) -> Complaint:
    """Save a complaint; its status follows what was filled in (analysed, closed). An edit made on a stale
    version (`expected_version`, see core.conflicts) raises `EditConflict` where both changed a field."""
    with transaction.atomic():
        check_version(complaint, expected_version)
        return _complaint_saved(complaint, by)


def _complaint_saved(complaint: Complaint, by: Actor) -> Complaint:
    if complaint.adherent is not None and complaint.adherent.service_id != complaint.service_id:
        raise ValidationError({"adherent": _("This member belongs to another service.")})
    if complaint.closed_on:
        if complaint.closed_on < complaint.received_on:
            raise ValidationError({"closed_on": _("A complaint cannot be closed before it was received.")})
        if not complaint.cause or not complaint.corrective_action.strip():
            raise ValidationError(
                {"closed_on": _("Give the cause and the corrective action before closing the complaint.")}
            )
        complaint.status = Complaint.Status.CLOSED
    elif complaint.cause:
        complaint.status = Complaint.Status.ANALYSED
    else:
        complaint.status = Complaint.Status.RECEIVED
    if complaint.handled_by_id is None:
        complaint.handled_by = by
    set_history_author(complaint, by)
    complaint.save()
    return complaint
