"""Services of calls: calls."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from actions.models import ProgrammeAxis
from core import french
from core.conflicts import EditConflict, check_version
from core.history import authenticated_or_none, records_actor
from core.types import Actor
from governance.models import Committee

from ..models import Application, Call, EligibilityCriterion, PriorityCriterion
from ..selectors import criteria_key
from ._common import _list_conflict, _theirs


@dataclass
class PriorityInput:
    text: str
    weight: Decimal
    axis: ProgrammeAxis | None = None


def _criteria_lines(eligibility: list[str], priorities: list[tuple]) -> list[str]:
    weighted = [
        _("%(criterion)s (weight %(weight)s)") % {"criterion": text, "weight": french.nombre(weight, 1)}
        for text, weight, _axis in priorities
    ]
    return [*eligibility, *weighted]


@records_actor
def call_save(
    *,
    call: Call,
    by: Actor,
    axes: Iterable[ProgrammeAxis],
    eligibility: list[str],
    priorities: list[PriorityInput],
    expected_version: int | None = None,
    criteria_seen: str | None = None,
) -> Call:
    """Create or update a call with its axes and criteria (criteria are replaced in order).

    Criteria cannot change once an application is submitted: answers and scores refer to them.
    An update made on a stale version (`expected_version`, `core.conflicts`) keeps other people's
    changes on what this person left alone and raises `EditConflict` where both changed the same
    field; the criteria, replaced as a whole, are compared by their key when the form was opened
    (`criteria_seen`, see `selectors.criteria_version`).
    """
    call.full_clean(exclude=["axes"])
    bad_axes = [axis for axis in axes if axis.programme_id != call.programme_id]
    if bad_axes:
        raise ValidationError({"axes": _("Choose axes of the call's own programme.")})
    committee = call.selection_committee
    if committee is not None and (
        committee.kind != Committee.Kind.SELECTION or committee.scope_programme_id != call.programme_id
    ):
        raise ValidationError(
            {"selection_committee": _("Choose a selection committee of the call's programme.")}
        )
    with transaction.atomic():
        is_new = call.pk is None
        current_eligibility, current_priorities = [], []
        if not is_new:
            current_eligibility = list(call.eligibility_criteria.values_list("text", flat=True))
            current_priorities = [(p.text, p.weight, p.axis_id) for p in call.priority_criteria.all()]
        wanted_priorities = [(p.text, Decimal(p.weight), p.axis.pk if p.axis else None) for p in priorities]
        keep_theirs = False
        if not is_new and expected_version is not None:
            found = None
            try:
                check_version(call, expected_version)
            except EditConflict as conflict:
                found = conflict
            stored_key = criteria_key(current_eligibility, current_priorities)
            wanted_key = criteria_key(eligibility, wanted_priorities)
            if criteria_seen is not None and stored_key != criteria_seen and wanted_key != stored_key:
                if wanted_key == criteria_seen:
                    keep_theirs = True  # only the other person changed the criteria: theirs are kept
                else:
                    found = _list_conflict(
                        call,
                        expected_version=expected_version,
                        found=found,
                        name="criteria",
                        label=_("criteria"),
                        stored=_theirs(
                            _criteria_lines(current_eligibility, current_priorities),
                            _criteria_lines(eligibility, wanted_priorities),
                        ),
                    )
            if found is not None:
                if keep_theirs:
                    found.merged["criteria"] = True
                raise found
        if is_new:
            call.created_by = by
        call.save()
        call.axes.set(axes)
        submitted = call.applications.exclude(status=Application.Status.DRAFT).exists()
        if keep_theirs or (current_eligibility == eligibility and current_priorities == wanted_priorities):
            return call
        if submitted:
            raise ValidationError(
                _("The criteria cannot be changed any more: applications have already been submitted.")
            )
        # Replaced in order, each deletion and creation in the criteria's history with its author.
        call.eligibility_criteria.all().delete()  # one history row per deleted criterion (post_delete)
        call.priority_criteria.all().delete()
        bulk_create_with_history(
            [EligibilityCriterion(call=call, order=i, text=text) for i, text in enumerate(eligibility)],
            EligibilityCriterion,
            default_user=authenticated_or_none(by),
        )
        bulk_create_with_history(
            [
                PriorityCriterion(call=call, order=i, text=p.text, weight=p.weight, axis=p.axis)
                for i, p in enumerate(priorities)
            ],
            PriorityCriterion,
            default_user=authenticated_or_none(by),
        )
    return call


@records_actor
def call_publish(*, call: Call, publish: bool, by: Actor) -> Call:
    if publish and not call.eligibility_criteria.exists():
        raise ValidationError(_("Give at least one eligibility criterion before publishing the call."))
    if publish and not call.axes.exists():
        raise ValidationError(_("Choose at least one axis before publishing the call."))
    call.is_published = publish
    call.save(update_fields=["is_published"])
    return call
