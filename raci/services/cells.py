"""Services of raci: cells"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from core.conflicts import authors_of
from core.history import records_actor
from core.types import Actor

from ..letters import normalise_letters, toggle_letter
from ..models import Activity, Assignment, Role
from ._common import _content_changed, _with_user


@dataclass(frozen=True)
class Overwritten:
    """What somebody else had written in a cell since the page was loaded, that this change replaced."""

    who: str
    seen: str  # the letters the page showed
    theirs: str  # the letters they wrote


@dataclass(frozen=True)
class CellChange:
    activity: Activity
    role: Role
    old: str
    new: str
    overwritten: Overwritten | None = None


def _overwritten(
    activity: Activity, role: Role, *, seen_version: int | None, old: str, new: str, by: Actor
) -> Overwritten | None:
    """Who changed the cell since `seen_version` (the cell's last history id when the page was loaded),
    when this change replaces what they wrote; None otherwise. The last write wins: this only says so."""
    if seen_version is None or old == new:
        return None
    rows = Assignment.history.filter(activity_id=activity.pk, role_id=role.pk)
    later = list(
        rows.filter(history_id__gt=seen_version).select_related("history_user").order_by("history_id")
    )
    others = [row for row in later if by is None or row.history_user_id != by.pk]
    if not others:
        return None
    base = (
        rows.filter(history_id=seen_version).values_list("history_type", "letters").first()
        if seen_version
        else None
    )
    seen = "" if base is None or base[0] == "-" else base[1]
    if seen == old:
        return None  # changed and changed back: what the page showed is still there
    return Overwritten(who=" et ".join(authors_of(others)), seen=seen, theirs=old)


@records_actor
def cell_set(
    *, activity: Activity, role: Role, letters: str, by: Actor, seen_version: int | None = None
) -> CellChange:
    """Set the letters of one cell ("" clears it). `letters` is read as people type it ("r/c").

    The last write wins, per cell. `seen_version` (the cell's version when the page was loaded, see
    `selectors.cell_versions`) lets the answer say whose change this one replaced.
    """
    if activity.matrix_id != role.matrix_id:
        raise ValidationError(_("This role and this activity belong to different matrices."))
    new = normalise_letters(letters)
    with transaction.atomic():
        # Lock the row first: two people filling the same empty cell at the same moment would
        # both insert it (the second one failing on the unique constraint); now the second waits
        # for the first and updates the cell it finds.
        Activity.objects.select_for_update().filter(pk=activity.pk).values_list("pk", flat=True).first()
        assignment = Assignment.objects.select_for_update().filter(activity=activity, role=role).first()
        old = assignment.letters if assignment else ""
        if new == old:
            return CellChange(activity, role, old, new)
        overwritten = _overwritten(activity, role, seen_version=seen_version, old=old, new=new, by=by)
        if not new:
            assert assignment is not None  # cleared: it held letters (`old`)
            _with_user(assignment, by).delete()
        elif assignment is None:
            _with_user(Assignment(activity=activity, role=role, letters=new), by).save()
        else:
            assignment.letters = new
            _with_user(assignment, by).save()
        _content_changed(activity.matrix, by=by)
    return CellChange(activity, role, old, new, overwritten)


@records_actor
def cell_toggle(*, activity: Activity, role: Role, letter: str, by: Actor) -> CellChange:
    current = (
        Assignment.objects.filter(activity=activity, role=role).values_list("letters", flat=True).first()
    )
    return cell_set(activity=activity, role=role, letters=toggle_letter(current or "", letter), by=by)
