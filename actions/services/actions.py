"""Services of actions: actions."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.conflicts import version_of
from core.history import records_actor, restore_fields
from core.locking import locked
from core.months import add_months
from core.types import Actor
from directory.access import person_of

from ..models import (
    ActionPhase,
    CollectiveAction,
    Deliverable,
    FinancingLine,
    Programme,
    QvtTheme,
    SuccessCondition,
    TeamMember,
)
from ..phases import PHASE_COUNT, PHASES
from ._common import DEPLOYMENT_WEIGHTS, PREPARATION_WEIGHTS, LineChanges, _apply_lines, _versioned_update
from .deliverables import success_condition_delete, success_condition_save, success_conditions_renumber


def planned_phase_dates(action: CollectiveAction) -> dict[int, tuple[date, date]]:
    """Default planning of the 7 phases from the start date and the planned durations."""
    if action.start_date is None:
        return {}
    preparation = action.preparation_months or 0
    deployment = action.deployment_months or 0
    if not preparation and not deployment:
        return {}
    # Work in days so that short durations still give every phase a span.
    total_days = (add_months(action.start_date, preparation + deployment) - action.start_date).days
    prep_days = (add_months(action.start_date, preparation) - action.start_date).days
    spans: dict[int, float] = {}
    for number, weight in PREPARATION_WEIGHTS.items():
        spans[number] = prep_days * weight / sum(PREPARATION_WEIGHTS.values()) if preparation else 0
    deploy_days = total_days - prep_days
    for number, weight in DEPLOYMENT_WEIGHTS.items():
        spans[number] = deploy_days * weight / sum(DEPLOYMENT_WEIGHTS.values())
    if not preparation:  # no preparation given: keep a short month for the first three phases
        for number in PREPARATION_WEIGHTS:
            spans[number] = 30
    dates = {}
    cursor = action.start_date
    for number in range(1, PHASE_COUNT + 1):
        end = cursor + timedelta(days=max(1, round(spans[number])) - 1)
        dates[number] = (cursor, end)
        cursor = end + timedelta(days=1)
    return dates


@records_actor
def action_create(
    *, by: Actor, programme: Programme, themes: Iterable[QvtTheme] = (), **fields: Any
) -> CollectiveAction:
    """Create an action with its 7 phases and each phase's expected deliverable; the creator pilots it."""
    today = timezone.localdate()
    with transaction.atomic():
        action = CollectiveAction(programme=programme, current_phase_number=1, **fields)
        action.full_clean()
        action.save()
        if themes:
            action.themes.set(themes)
        planning = planned_phase_dates(action)
        phases = []
        for reference in PHASES:
            planned_start, planned_end = planning.get(reference.number, (None, None))
            phases.append(
                ActionPhase(
                    action=action,
                    number=reference.number,
                    status=ActionPhase.Status.IN_PROGRESS
                    if reference.number == 1
                    else ActionPhase.Status.NOT_STARTED,
                    actual_start=today if reference.number == 1 else None,
                    planned_start=planned_start,
                    planned_end=planned_end,
                )
            )
        # bulk_create skips the history rows: save one by one (7 rows, once).
        for phase in phases:
            phase.save()
        for phase in phases:
            Deliverable(
                action=action,
                phase=phase,
                title=str(phase.reference.deliverable),
                description=str(phase.reference.outcome),
                is_required=True,
                is_phase_default=True,
                due_date=phase.planned_end,
            ).save()
        person = person_of(by) if by is not None else None
        if person is not None:
            TeamMember.objects.create(action=action, person=person, role=TeamMember.Role.PILOT)
        if by is not None and by.is_authenticated:
            action.followers.add(by)
    return action


@records_actor
def action_update(
    *,
    action: CollectiveAction,
    by: Actor,
    themes: Iterable[QvtTheme] | None = None,
    expected_version: int | None = None,
    **fields: Any,
) -> CollectiveAction:
    """Save the fiche. Made on a stale version (`expected_version`, see core.conflicts), it keeps what others
    changed on fields left alone and raises `EditConflict` where both changed the same field."""
    with transaction.atomic():
        _versioned_update(action, expected_version=expected_version, fields=fields)
        if themes is not None:
            action.themes.set(themes)
    return action


@records_actor
def action_fiche_save(
    *,
    action: CollectiveAction,
    by: Actor,
    themes: Iterable[QvtTheme] | None = None,
    expected_version: int | None = None,
    conditions: LineChanges[SuccessCondition] | None = None,
    financing: LineChanges[FinancingLine] | None = None,
    team: LineChanges[TeamMember] | None = None,
    **fields: Any,
) -> CollectiveAction:
    """Save the whole fiche page in one transaction: its fields (see `action_update`, a stale version
    raises `EditConflict` and nothing is saved), then its success conditions (renumbered), financing
    lines and team, each removed line first, each change in its row's history under `by`."""
    with transaction.atomic():
        action_update(action=action, by=by, themes=themes, expected_version=expected_version, **fields)
        _apply_lines(
            conditions or LineChanges(),
            save=lambda condition: success_condition_save(condition=condition, by=by),
            delete=lambda condition: success_condition_delete(condition=condition, by=by),
        )
        _apply_lines(financing or LineChanges(), save=FinancingLine.save, delete=FinancingLine.delete)
        _apply_lines(team or LineChanges(), save=TeamMember.save, delete=TeamMember.delete)
        success_conditions_renumber(action=action, by=by)
    return action


# The fiche's texts a person may bring back from its history (the free texts and the lists).
FICHE_TEXT_FIELDS = (
    "needs",
    "description",
    "objectives",
    "means",
    "steps",
    "governance_composition",
    "pilotage",
    "budget_note",
    "duration_note",
    "evaluation_criteria",
    "technical_support",
)


@records_actor
def action_text_restore(
    *, action: CollectiveAction, record_id: int, by: Actor, expected_version: int | None = None
) -> list[str]:
    """Bring back the fiche's texts as they were in history row `record_id`: a new version, by `by`.

    `expected_version` is the version the person compared against: if the fiche changed since, nothing is
    restored (they must look again). Returns the fields that changed (empty: the texts were already those).
    """
    with transaction.atomic():
        locked(action)
        if expected_version is not None and version_of(action) != expected_version:
            raise ValidationError(
                _("The fiche-action was changed meanwhile: look at the texts again before restoring them."),
                code="stale",
            )
        record = action.history.filter(history_id=record_id).exclude(history_type="-").first()
        if record is None:
            raise ValidationError(_("This version of the fiche-action does not exist."), code="missing")
        changed = restore_fields(action, record=record, fields=FICHE_TEXT_FIELDS, by=by)
        if changed:
            action.full_clean()
            action.save()
    return changed
