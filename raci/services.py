"""Writes on RACI matrices. Each one checks, saves in one transaction and records who did it.

Every change of content (a cell, a row, a column) brings a validated matrix back to
draft: « validée » is a statement about the content that was checked.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from core.conflicts import ConflictingField, EditConflict, authors_of, check_version, version_of
from core.history import records_actor
from core.locking import locked
from core.types import Actor

from .letters import display_hours, normalise_letters, toggle_letter
from .models import Activity, Assignment, Matrix, Role
from .selectors import build_grid, matrix_data
from .sheet import MatrixData, is_reserved_header, read_upload

# The history rows of the content a matrix is created with (a copy, an import): the
# history page shows them as one event, « created from… », not one line per cell.
INITIAL_CONTENT = "initial-content"
# The history rows of the rows and columns that only moved one place because another one was
# added or moved: the history page names the change that moved them, not each of them.
SHIFTED = "shifted"


def _with_user(instance, by: Actor):
    instance._history_user = by
    return instance


def _content_changed(matrix: Matrix, *, by: Actor) -> None:
    """Touch the matrix; a validated one goes back to draft.

    The status is read again under the matrix's row lock: the page that sent the change may have
    been loaded before somebody validated the matrix, and a validation running now waits for it.
    """
    fields = {"updated_at": timezone.now()}
    status = Matrix.objects.select_for_update().filter(pk=matrix.pk).values_list("status", flat=True).first()
    if status == Matrix.Status.VALIDATED:
        matrix.refresh_from_db()
        fields.update(status=Matrix.Status.DRAFT, validated_by=None, validated_at=None)
        for name, value in fields.items():
            setattr(matrix, name, value)
        _with_user(matrix, by).save(update_fields=list(fields))
    else:
        Matrix.objects.filter(pk=matrix.pk).update(**fields)
        matrix.updated_at = fields["updated_at"]


# --- Matrices ------------------------------------------------------------------------
@records_actor
def matrix_create(*, title: str, by: Actor, action=None, programme=None, description: str = "") -> Matrix:
    matrix = Matrix(title=title, description=description, action=action, programme=programme, created_by=by)
    matrix.full_clean()
    with transaction.atomic():
        _with_user(matrix, by).save()
    return matrix


@records_actor
def matrix_update(
    *, matrix: Matrix, title: str, description: str, by: Actor, expected_version: int | None = None
) -> Matrix:
    """Rename or describe the matrix; a change saved meanwhile by somebody else is never overwritten
    silently (`core.conflicts.check_version`: `EditConflict`)."""
    matrix.title = title
    matrix.description = description
    matrix.full_clean()
    with transaction.atomic():
        check_version(matrix, expected_version)
        _with_user(matrix, by).save()
    return matrix


@records_actor
def matrix_delete(*, matrix: Matrix, by: Actor) -> None:
    with transaction.atomic():
        _with_user(matrix, by).delete()


def _copy_content(*, data: MatrixData, matrix: Matrix, by: Actor) -> None:
    """Write roles, activities and cells described by `data` into an empty matrix."""
    roles = bulk_create_with_history(
        [Role(matrix=matrix, name=name, order=index) for index, name in enumerate(data.roles)],
        Role,
        default_user=by,
        default_change_reason=INITIAL_CONTENT,
    )
    activities = bulk_create_with_history(
        [
            Activity(
                matrix=matrix,
                order=index,
                axis=row.axis,
                step=row.step,
                name=row.name,
                description=row.description,
                method=row.method,
                objective=row.objective,
                workload_hours=row.workload_hours,
                workload_text=row.workload_text,
                meeting_label=row.meeting_label,
            )
            for index, row in enumerate(data.activities)
        ],
        Activity,
        default_user=by,
        default_change_reason=INITIAL_CONTENT,
    )
    bulk_create_with_history(
        [
            Assignment(activity=activity, role=role, letters=letters)
            for activity, row in zip(activities, data.activities, strict=True)
            for role, letters in zip(roles, row.letters, strict=True)
            if letters
        ],
        Assignment,
        default_user=by,
        default_change_reason=INITIAL_CONTENT,
    )


@records_actor
def matrix_create_from_data(
    *,
    data: MatrixData,
    title: str,
    by: Actor,
    action=None,
    programme=None,
    source: Matrix | None = None,
    is_template: bool = False,
    template_key: str = "",
    description: str = "",
) -> Matrix:
    matrix = Matrix(
        title=title,
        description=description,
        action=action,
        programme=programme,
        source=source,
        is_template=is_template,
        template_key=template_key,
        created_by=by,
    )
    matrix.full_clean()
    with transaction.atomic():
        _with_user(matrix, by).save()
        _copy_content(data=data, matrix=matrix, by=by)
    return matrix


@records_actor
def matrix_clone(*, source: Matrix, by: Actor, title: str = "", action=None, programme=None) -> Matrix:
    """Copy a matrix (typically a template) into an action or a programme, as a draft."""
    return matrix_create_from_data(
        data=matrix_data(source),
        title=title or source.title,
        by=by,
        action=action,
        programme=programme,
        source=source,
        description=source.description,
    )


@records_actor
def matrix_validate(*, matrix: Matrix, by: Actor) -> Matrix:
    """Mark « validée »; refused while the matrix has errors."""
    with transaction.atomic():
        # Locked while its content is checked: a change being saved now is checked with it, or is
        # saved after the validation and brings the matrix back to draft.
        Matrix.objects.select_for_update().filter(pk=matrix.pk).values_list("pk", flat=True).get()
        matrix.refresh_from_db()
        report = build_grid(matrix).report
        if not report.can_be_validated:
            raise ValidationError(
                _("The matrix cannot be validated while it has errors: %(errors)s")
                % {"errors": " ; ".join(issue.message for issue in report.errors[:3])}
            )
        matrix.status = Matrix.Status.VALIDATED
        matrix.validated_by = by
        matrix.validated_at = timezone.now()
        _with_user(matrix, by).save()
    return matrix


@records_actor
def matrix_reopen(*, matrix: Matrix, by: Actor) -> Matrix:
    with transaction.atomic():
        matrix.status = Matrix.Status.DRAFT
        matrix.validated_by = None
        matrix.validated_at = None
        _with_user(matrix, by).save()
    return matrix


# --- Cells ---------------------------------------------------------------------------
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


def _overwritten(activity: Activity, role: Role, *, seen_version: int | None, old: str, new: str, by: Actor):
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


# --- Rows ----------------------------------------------------------------------------
def _reorder(items: list, *, model, by: Actor) -> None:
    """Save the new `order` of rows or columns that moved, in a bounded number of queries, each one
    with its history row naming `by`."""
    if items:
        bulk_update_with_history(items, model, ["order"], default_user=by, default_change_reason=SHIFTED)


def _shift_after(queryset, order: int, *, by: Actor) -> None:
    """Make room below `order`: the rows after it move one place down (the caller holds the matrix's lock)."""
    moved = list(queryset.filter(order__gt=order))
    for item in moved:
        item.order += 1
    _reorder(moved, model=queryset.model, by=by)


@records_actor
def activity_save(
    *, activity: Activity, by: Actor, after: Activity | None = None, expected_version: int | None = None
) -> Activity:
    """Create (at the end, or just below `after`) or update a row.

    An update made on a stale version (`expected_version`, `core.conflicts`) keeps other people's
    changes on the fields left alone and raises `EditConflict` where both changed the same field.
    """
    activity.full_clean()
    with transaction.atomic():
        if activity.pk is not None:
            _check_activity_version(activity, expected_version)
        if activity.pk is None:
            locked(activity.matrix)  # rows are numbered per matrix, one creation after the other
            siblings = Activity.objects.filter(matrix=activity.matrix)
            if after is not None:
                _shift_after(siblings, after.order, by=by)
                activity.order = after.order + 1
            else:
                activity.order = (siblings.aggregate(m=Max("order"))["m"] or 0) + 1
        _with_user(activity, by).save()
        _content_changed(activity.matrix, by=by)
    return activity


def _workload_text(hours, text) -> str:
    return display_hours(hours) if hours is not None else text


def _check_activity_version(activity: Activity, expected_version: int | None) -> None:
    """`check_version`, the workload (hours or a text: two columns, one value for people) taken as one field."""
    if expected_version is None or activity.pk is None:
        return
    mine = (activity.workload_hours, activity.workload_text)
    try:
        check_version(activity, expected_version)
        found = None
    except EditConflict as conflict:
        found = conflict
    fields = [f for f in found.fields if f.name not in ("workload_hours", "workload_text")] if found else []
    merged = (
        {k: v for k, v in found.merged.items() if k not in ("workload_hours", "workload_text")}
        if found
        else {}
    )
    stored = (
        type(activity)
        ._base_manager.filter(pk=activity.pk)
        .values_list("workload_hours", "workload_text")
        .first()
    )
    base = (
        activity.history.filter(history_id=expected_version)
        .values_list("workload_hours", "workload_text")
        .first()
    )
    if stored is not None and tuple(stored) != mine:
        if base is not None and tuple(base) == mine:
            merged["workload_hours"], merged["workload_text"] = stored  # only they changed it: theirs is kept
            activity.workload_hours, activity.workload_text = stored
        elif base is None or tuple(base) != tuple(stored):
            shown = _workload_text(*stored)
            fields.append(
                ConflictingField(
                    name="workload",
                    label=str(_("workload")),
                    theirs=shown,
                    theirs_display=shown or _("(empty)"),
                )
            )
    if "workload_hours" not in merged:
        activity.workload_hours, activity.workload_text = mine  # never half theirs, half mine
    if not fields:
        return  # nothing changed by both: other people's changes are merged in, the save goes on
    if found is not None:
        raise EditConflict(
            instance=activity,
            version=found.version,
            fields=fields,
            authors=found.authors,
            when=found.when,
            merged=merged,
        )
    later = list(
        activity.history.filter(history_id__gt=expected_version)
        .select_related("history_user")
        .order_by("history_id")
    )
    raise EditConflict(
        instance=activity,
        version=later[-1].history_id if later else version_of(activity),
        fields=fields,
        authors=authors_of(later),
        when=later[-1].history_date if later else timezone.now(),
        merged=merged,
    )


@records_actor
def activity_delete(*, activity: Activity, by: Actor) -> None:
    with transaction.atomic():
        matrix = activity.matrix
        for assignment in activity.assignments.all():
            _with_user(assignment, by).delete()
        _with_user(activity, by).delete()
        _content_changed(matrix, by=by)


def _move(instance, siblings, direction: int, *, by: Actor) -> bool:
    ordered = list(siblings.order_by("order", "pk"))
    index = next(i for i, item in enumerate(ordered) if item.pk == instance.pk)
    target = index + direction
    if not 0 <= target < len(ordered):
        return False
    ordered[index], ordered[target] = ordered[target], ordered[index]
    moved = []
    for position, item in enumerate(ordered):
        if item.order != position:
            item.order = position
            moved.append(item)
    # The one that was moved names the change; the others only made room.
    mover = next(item for item in ordered if item.pk == instance.pk)
    if mover in moved:
        _with_user(mover, by).save(update_fields=["order"])
    instance.order = mover.order
    _reorder([item for item in moved if item is not mover], model=type(instance), by=by)
    return True


@records_actor
def activity_move(*, activity: Activity, direction: int, by: Actor) -> bool:
    """Move a row one place up (-1) or down (+1). False when it is already at the edge."""
    with transaction.atomic():
        moved = _move(
            activity,
            Activity.objects.select_for_update().filter(matrix_id=activity.matrix_id),
            direction,
            by=by,
        )
        if moved:
            _content_changed(activity.matrix, by=by)
    return moved


# --- Columns -------------------------------------------------------------------------
@records_actor
def role_save(*, role: Role, by: Actor, expected_version: int | None = None) -> Role:
    """Create or update a column; an update made on a stale version: see `activity_save`."""
    role.full_clean()
    _check_role_name(role)
    with transaction.atomic():
        if role.pk is not None:
            check_version(role, expected_version)
        if role.pk is None:
            locked(role.matrix)  # columns are numbered per matrix, one creation after the other
            role.order = (Role.objects.filter(matrix=role.matrix).aggregate(m=Max("order"))["m"] or 0) + 1
        _with_user(role, by).save()
        _content_changed(role.matrix, by=by)
    return role


def _check_role_name(role: Role) -> None:
    if is_reserved_header(role.name):
        raise ValidationError(
            {"name": _("This name is the title of a fixed column of the table; choose another.")}
        )
    if Role.objects.filter(matrix=role.matrix, name__iexact=role.name).exclude(pk=role.pk).exists():
        raise ValidationError({"name": _("The matrix already has a role with this name.")})


@records_actor
def role_delete(*, role: Role, by: Actor) -> None:
    with transaction.atomic():
        matrix = role.matrix
        for assignment in role.assignments.all():
            _with_user(assignment, by).delete()
        _with_user(role, by).delete()
        _content_changed(matrix, by=by)


@records_actor
def role_move(*, role: Role, direction: int, by: Actor) -> bool:
    """Move a column one place left (-1) or right (+1)."""
    with transaction.atomic():
        moved = _move(
            role, Role.objects.select_for_update().filter(matrix_id=role.matrix_id), direction, by=by
        )
        if moved:
            _content_changed(role.matrix, by=by)
    return moved


# --- Templates -----------------------------------------------------------------------
ANNEXE2_FILE = Path(__file__).resolve().parent / "data" / "annexe2.csv"
# (key, axis as written in Annexe 2): one template per axis of the ACIA call.
ANNEXE2_TEMPLATES = [
    ("annexe2-axe1", "Axe 1 : Implémentation d'un nouvel outil"),
    ("annexe2-axe2", "Axe 2 : Construction d'usages partagés"),
]
ANNEXE2_SOURCE = "ACIA Corse (ARS / ARACT Corse), Annexe 2 : RACI"


def annexe2_data() -> dict[str, MatrixData]:
    """The two matrices of Annexe 2, read from the shipped spreadsheet by the importer itself."""
    with ANNEXE2_FILE.open("rb") as handle:
        data = read_upload(File(handle, name=ANNEXE2_FILE.name))
    return {
        axis: MatrixData(roles=data.roles, activities=tuple(a for a in data.activities if a.axis == axis))
        for _key, axis in ANNEXE2_TEMPLATES
    }


@records_actor
def templates_install(*, by: Actor) -> list[Matrix]:
    """Install the Annexe 2 templates once (idempotent: a template already there is kept)."""
    data = annexe2_data()
    installed = []
    for key, axis in ANNEXE2_TEMPLATES:
        matrix = Matrix.objects.filter(template_key=key).first()
        if matrix is None:
            matrix = matrix_create_from_data(
                data=data[axis],
                title=axis,
                by=by,
                is_template=True,
                template_key=key,
                description=ANNEXE2_SOURCE,
            )
        installed.append(matrix)
    return installed
