"""Services of adherents: prevention visit."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from core import locking
from core.conflicts import (
    CONFLICT,
    THEIRS,
    UNKNOWN,
    ConflictingField,
    EditConflict,
    authors_of,
    check_version,
    resolve,
)
from core.history import authenticated_or_none, records_actor, set_history_author
from core.types import Actor
from core.uploads import generated_name

from ..models import (
    ActionPlanItem,
    HazardFamily,
    IdentifiedHazard,
    PreventionVisit,
    TrajectoryStep,
    WorkUnit,
    WorkUnitPhoto,
)
from ._common import _open_step_of_kind, step_complete


@records_actor
def visit_save(*, visit: PreventionVisit, by: Actor, expected_version: int | None = None) -> PreventionVisit:
    """Save a visit; once done, it completes the trajectory's prevention-visit step. An edit made on a
    stale version (`expected_version`, see core.conflicts) raises `EditConflict` where both changed a field."""
    with transaction.atomic():
        check_version(visit, expected_version)
        if visit.status == PreventionVisit.Status.DONE and not visit.done_on:
            raise ValidationError({"done_on": _("Give the date the visit took place.")})
        if visit.done_on and visit.done_on > timezone.localdate():
            raise ValidationError({"done_on": _("A visit cannot have taken place in the future.")})
        if visit.done_on and visit.status == PreventionVisit.Status.PLANNED:
            visit.status = PreventionVisit.Status.DONE
        if visit.step_id is None:
            visit.step = _open_step_of_kind(visit.adherent, TrajectoryStep.Kind.PREVENTION_VISIT)
        set_history_author(visit, by)
        visit.save()
        if visit.status == PreventionVisit.Status.DONE and visit.step and not visit.step.completed_on:
            done_on = (
                visit.done_on or visit.step.started_on
            )  # a visit done has its date (checked by its form)
            step_complete(instance=visit.step, by=by, completed_on=max(done_on, visit.step.started_on))
    return visit


@records_actor
def work_unit_save(
    *,
    unit: WorkUnit,
    by: User,
    hazards: list[dict],
    photo: dict | None = None,
    expected_version: int | None = None,
) -> WorkUnit:
    """Save a work unit with its hazards (family, situation, priority) from the checklist,
    and a photo (already checked: PNG or JPEG) stored under a generated name. An edit made on a stale
    version (`expected_version`, see core.conflicts) raises `EditConflict` where both changed a field."""
    families = [h["family"] for h in hazards]
    if len(families) != len(set(families)):
        raise ValidationError(_("A hazard is ticked twice for this work unit."))
    with transaction.atomic():
        hazards = _hazards_checked(unit, hazards, expected_version)
        if unit.pk is None and not unit.order:
            locking.locked(unit.visit)  # units are numbered per visit, one creation after the other
            unit.order = (unit.visit.work_units.aggregate(m=Max("order"))["m"] or 0) + 1
        unit.save()
        unit.hazards.all().delete()
        bulk_create_with_history(
            [
                IdentifiedHazard(
                    work_unit=unit,
                    family=h["family"],
                    situation=h.get("situation", ""),
                    is_priority=h.get("is_priority", False),
                )
                for h in hazards
            ],
            IdentifiedHazard,
            default_user=authenticated_or_none(by),
        )
        if photo:
            stored = WorkUnitPhoto(work_unit=unit, caption=photo["caption"], positive=photo["positive"])
            stored.image.save(
                generated_name("adherents/photos", photo["upload"].name, photo["kind"]).split("/")[-1],
                photo["upload"],
                save=False,
            )
            stored.save()
    return unit


def _hazard_key(hazard: Any) -> tuple:
    if isinstance(hazard, dict):
        return hazard["family"], hazard.get("situation", ""), bool(hazard.get("is_priority"))
    return hazard.family, hazard.situation, hazard.is_priority


def _hazards_display(keys: Iterable[tuple]) -> str:
    if not keys:
        return _("(none)")
    labels = dict(HazardFamily.choices)
    parts = []
    for family, situation, priority in sorted(keys):
        text = str(labels.get(family, family))
        if situation:
            text += f" ({situation})"
        if priority:
            text += " — " + _("priority")
        parts.append(text)
    return "\u202f; ".join(parts)


def _hazards_checked(unit: WorkUnit, hazards: list[dict], expected_version: int | None) -> list[dict]:
    """The unit's fields and its checklist, saved from a page opened on `expected_version` (core.conflicts).

    The checklist is one list: the hazards as they were when the page was opened (read from their
    history) are compared with those stored now and those posted. Only the other person changed it:
    theirs are kept; both changed it differently: `EditConflict`, with the unit's conflicting fields.
    Returns the hazards to save.
    """
    conflict = None
    try:
        check_version(unit, expected_version)
    except EditConflict as raised:
        conflict = raised
    if expected_version is None or unit.pk is None:
        return hazards
    rows = unit.history.model.objects.filter(id=unit.pk)
    first_later = rows.filter(history_id__gt=expected_version).order_by("history_id").first()
    if first_later is None:
        return hazards  # nobody saved the unit since the page was opened
    mine = {_hazard_key(h) for h in hazards}
    stored = {_hazard_key(h) for h in IdentifiedHazard.objects.filter(work_unit_id=unit.pk)}
    base = rows.filter(history_id=expected_version).first()
    seen = UNKNOWN
    if base is not None:
        # Each save rewrites the checklist right after the unit's row: as of the next save of the unit,
        # the hazards are still those of the version the page was opened on.
        seen = {
            _hazard_key(h)
            for h in IdentifiedHazard.history.as_of(first_later.history_date).filter(work_unit_id=unit.pk)
        }
    outcome = resolve(mine, seen, stored)
    if outcome == THEIRS:
        hazards = [{"family": f, "situation": s, "is_priority": p} for f, s, p in sorted(stored)]
    elif outcome == CONFLICT:
        field = ConflictingField(
            name="hazards",
            label=str(_("hazards of the checklist")),
            theirs=sorted(stored),
            theirs_display=_hazards_display(stored),
        )
        if conflict is not None:
            conflict.fields.append(field)
        else:
            later = list(
                rows.filter(history_id__gt=expected_version)
                .select_related("history_user")
                .order_by("history_id")
            )
            conflict = EditConflict(
                instance=unit,
                version=later[-1].history_id,
                fields=[field],
                authors=authors_of(later),
                when=later[-1].history_date,
            )
    if conflict is not None:
        if outcome == THEIRS:  # the page given back shows their checklist: saving again keeps it
            kept = {h["family"]: h for h in hazards}
            for family, _label in HazardFamily.choices:
                conflict.merged[f"hz_{family}"] = family in kept
                conflict.merged[f"sit_{family}"] = kept[family]["situation"] if family in kept else ""
                conflict.merged[f"prio_{family}"] = bool(family in kept and kept[family]["is_priority"])
        raise conflict
    return hazards


@records_actor
def restitution_mark_sent(
    *, visit: PreventionVisit, by: Actor, sent_on: date | None = None
) -> PreventionVisit:
    if visit.status != PreventionVisit.Status.DONE:
        raise ValidationError(_("The restitution is sent after the visit has taken place."))
    if not visit.work_units.exists():
        raise ValidationError(_("Record at least one work unit before sending the restitution."))
    visit.restitution_sent_on = sent_on or timezone.localdate()
    fields = ["restitution_sent_on", "updated_at"]
    if visit.restitution_issued_on is None:
        # A letter sent without having been produced before is dated the day it was sent.
        visit.restitution_issued_on = visit.restitution_sent_on
        fields.append("restitution_issued_on")
    set_history_author(visit, by)
    visit.save(update_fields=fields)
    return visit


@records_actor
def restitution_issue(*, visit: PreventionVisit, by: Actor) -> date:
    """The date of the restitution letter: stored the first time the letter is produced, then kept.

    Producing the letter again gives the same date; a new visit is a new letter with its own date.
    """
    if visit.restitution_issued_on is not None:
        return visit.restitution_issued_on
    with transaction.atomic():
        locked = PreventionVisit.objects.select_for_update().get(pk=visit.pk)
        if locked.restitution_issued_on is None:
            locked.restitution_issued_on = timezone.localdate()
            set_history_author(locked, by)
            locked.save(update_fields=["restitution_issued_on", "updated_at"])
    visit.restitution_issued_on = locked.restitution_issued_on
    return visit.restitution_issued_on


@records_actor
def action_item_save(
    *, item: ActionPlanItem, by: User, expected_version: int | None = None
) -> ActionPlanItem:
    """Save an item of the action plan (an edit made on a stale version: see core.conflicts)."""
    with transaction.atomic():
        check_version(item, expected_version)
        if item.visit is not None and item.visit.adherent_id != item.adherent_id:
            raise ValidationError({"visit": _("This visit belongs to another member.")})
        item.save()
        plan_step = _open_step_of_kind(item.adherent, TrajectoryStep.Kind.ACTION_PLAN)
        if plan_step is not None and item.status == ActionPlanItem.Status.DONE:
            step_complete(
                instance=plan_step, by=by, completed_on=max(timezone.localdate(), plan_step.started_on)
            )
    return item
