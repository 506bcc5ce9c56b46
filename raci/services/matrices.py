"""Services of raci: matrices, templates"""

from __future__ import annotations

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from actions.models import CollectiveAction, Programme
from core.conflicts import check_version
from core.history import records_actor
from core.types import Actor
from governance.models import Meeting

from ..models import Activity, Assignment, Matrix, Role
from ..selectors import build_grid, matrix_data
from ..sheet import ActivityData, MatrixData, read_upload
from ._common import INITIAL_CONTENT, _with_user


@records_actor
def matrix_create(
    *,
    title: str,
    by: Actor,
    action: CollectiveAction | None = None,
    programme: Programme | None = None,
    description: str = "",
) -> Matrix:
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


def activity_from_row(
    row: ActivityData, *, matrix: Matrix, order: int, meeting: Meeting | None = None
) -> Activity:
    """An unsaved activity of `matrix` at `order`, with the texts of an imported or copied row."""
    return Activity(
        matrix=matrix,
        order=order,
        axis=row.axis,
        step=row.step,
        name=row.name,
        description=row.description,
        method=row.method,
        objective=row.objective,
        workload_hours=row.workload_hours,
        workload_text=row.workload_text,
        meeting_label=row.meeting_label,
        meeting=meeting,
    )


def _copy_content(*, data: MatrixData, matrix: Matrix, by: Actor) -> None:
    """Write roles, activities and cells described by `data` into an empty matrix."""
    roles = bulk_create_with_history(
        [Role(matrix=matrix, name=name, order=index) for index, name in enumerate(data.roles)],
        Role,
        default_user=by,
        default_change_reason=INITIAL_CONTENT,
    )
    activities = bulk_create_with_history(
        [activity_from_row(row, matrix=matrix, order=index) for index, row in enumerate(data.activities)],
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
    action: CollectiveAction | None = None,
    programme: Programme | None = None,
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
def matrix_clone(
    *,
    source: Matrix,
    by: Actor,
    title: str = "",
    action: CollectiveAction | None = None,
    programme: Programme | None = None,
) -> Matrix:
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


ANNEXE2_FILE = Path(__file__).resolve().parents[1] / "data" / "annexe2.csv"


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
