"""Reads of RACI matrices (who may see them: `raci.access`), and the grid in a fixed number of queries."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import cast

from django.db.models import Count, Max, Q, QuerySet
from django.urls import NoReverseMatch

from actions.models import CollectiveAction, Programme
from core.types import Viewer
from governance.models import Committee, Meeting

from . import access
from .letters import display_letters
from .models import Activity, Assignment, Matrix, Role
from .sheet import ActivityData, MatrixData
from .validation import Issue, Report, validate
from .workload import Workload, compute

# What the matrix pages show of a matrix (`core.access.object_for(..., select_related=MATRIX_RELATED)`).
MATRIX_RELATED = ("action__programme", "programme", "validated_by", "source")


def matrices_for_user(user: Viewer) -> QuerySet[Matrix]:
    return access.matrices_visible_to(user).select_related(*MATRIX_RELATED)


def scope_url(matrix: Matrix) -> str | None:
    """The page of the matrix's action or programme, when that page exists."""
    scope = matrix.scope
    if scope is None:
        return None
    try:
        return scope.get_absolute_url()
    except NoReverseMatch:
        return None


def committees_for_matrix(matrix: Matrix) -> QuerySet[Committee]:
    """The committees a role of the matrix may stand for: those of its action or programme."""
    if matrix.action_id:
        scope = Q(action_id=matrix.action_id) | Q(
            programme_id=cast(CollectiveAction, matrix.action).programme_id
        )
    elif matrix.programme_id:
        scope = Q(programme_id=matrix.programme_id) | Q(action__programme_id=matrix.programme_id)
    else:
        return Committee.objects.none()
    return Committee.objects.filter(scope).order_by("name")


def meetings_for_matrix(matrix: Matrix) -> QuerySet[Meeting]:
    """The meetings an activity of the matrix may be carried out in."""
    return (
        Meeting.objects.filter(committee__in=committees_for_matrix(matrix))
        .select_related("committee")
        .order_by("starts_at", "pk")
    )


def scopes_for_user(user: Viewer) -> tuple[QuerySet[CollectiveAction], QuerySet[Programme]]:
    """Where the user may create a matrix: the actions and the programmes they edit."""
    actions = (
        access.actions_open_to_new_matrices_by(user)
        .select_related("programme")
        .order_by("programme__name", "code")
    )
    return actions, access.programmes_open_to_new_matrices_by(user).order_by("name")


def templates_for_user(user: Viewer) -> QuerySet[Matrix]:
    return (
        access.templates_visible_to(user)
        .annotate(activity_count=Count("activities", distinct=True), role_count=Count("roles", distinct=True))
        .order_by("title")
    )


def matrix_list(user: Viewer) -> QuerySet[Matrix]:
    """The matrices of the actions and programmes the user may read (templates apart)."""
    return (
        matrices_for_user(user)
        .filter(is_template=False)
        .annotate(activity_count=Count("activities", distinct=True), role_count=Count("roles", distinct=True))
        .order_by("programme__name", "action__programme__name", "action__code", "title", "pk")
    )


# --- The grid ------------------------------------------------------------------------
@dataclass
class GridCell:
    activity: Activity
    role: Role
    letters: str
    row: int
    column: int
    version: int = 0  # the cell's last history id (see `cell_versions`): the grid sends it back with a change

    @property
    def display(self) -> str:
        return display_letters(self.letters)


@dataclass
class GridRow:
    activity: Activity
    cells: list[GridCell]
    issues: list[Issue]
    axis_heading: str | None = None
    step_heading: str | None = None

    @property
    def has_error(self) -> bool:
        return any(issue.is_error for issue in self.issues)

    @property
    def has_warning(self) -> bool:
        return any(not issue.is_error for issue in self.issues)

    @property
    def issue_summary(self) -> str:
        """The row's problems in one line, « — » between them (the status cell's tooltip)."""
        return " — ".join(issue.message for issue in self.issues)


@dataclass
class GridColumn:
    role: Role
    issues: list[Issue]
    column: int


@dataclass
class Grid:
    matrix: Matrix
    roles: list[Role]
    activities: list[Activity]
    cells: dict
    report: Report
    workload: Workload
    rows: list[GridRow] = field(default_factory=list)
    columns: list[GridColumn] = field(default_factory=list)
    versions: dict = field(default_factory=dict)

    def cell(self, activity: Activity, role: Role) -> GridCell:
        row = next(i for i, a in enumerate(self.activities) if a.pk == activity.pk)
        column = next(i for i, r in enumerate(self.roles) if r.pk == role.pk)
        return GridCell(
            activity,
            role,
            self.cells.get((activity.pk, role.pk), ""),
            row,
            column,
            self.versions.get((activity.pk, role.pk), 0),
        )

    def row_for(self, activity: Activity) -> GridRow:
        return next(row for row in self.rows if row.activity.pk == activity.pk)


def cell_versions(activity_ids: Iterable[int], *, role_id: int | None = None) -> dict[tuple[int, int], int]:
    """The version of each cell of these rows (of one column, if given): its last history id, in one query.

    Keyed by (activity, role) rather than by the cell's own id: a cell cleared then filled again is a
    new row of the table, but the same cell for the people editing it.
    """
    rows = Assignment.history.filter(activity_id__in=list(activity_ids))
    if role_id is not None:
        rows = rows.filter(role_id=role_id)
    return {
        (activity_id, role_id): last
        for activity_id, role_id, last in rows.order_by()
        .values_list("activity_id", "role_id")
        .annotate(last=Max("history_id"))
    }


def build_grid(matrix: Matrix, *, versions: bool = False) -> Grid:
    """Everything the grid page shows, in three queries whatever the size of the matrix (four with the
    cells' versions, which an editable grid sends back with each change)."""
    roles = list(
        Role.objects.filter(matrix=matrix)
        .select_related("organisation", "person", "committee")
        .order_by("order", "pk")
    )
    activities = list(
        Activity.objects.filter(matrix=matrix).select_related("meeting__committee").order_by("order", "pk")
    )
    for position, activity in enumerate(activities, start=1):
        setattr(activity, "position", position)  # noqa: B010 — the row's number on the page
        activity.matrix = matrix
    cells = {
        (activity_id, role_id): letters
        for activity_id, role_id, letters in Assignment.objects.filter(activity__matrix=matrix).values_list(
            "activity_id", "role_id", "letters"
        )
    }
    report = validate(activities, roles, cells)
    grid = Grid(
        matrix=matrix,
        roles=roles,
        activities=activities,
        cells=cells,
        report=report,
        workload=compute(activities, roles, cells),
        versions=cell_versions(a.pk for a in activities) if versions and activities else {},
    )
    previous = None
    for index, activity in enumerate(activities):
        new_axis = previous is None or activity.axis != previous.axis
        new_step = new_axis or activity.step != cast(Activity, previous).step
        grid.rows.append(
            GridRow(
                activity=activity,
                cells=[
                    GridCell(
                        activity,
                        role,
                        cells.get((activity.pk, role.pk), ""),
                        index,
                        column,
                        grid.versions.get((activity.pk, role.pk), 0),
                    )
                    for column, role in enumerate(roles)
                ],
                issues=report.for_activity(activity.pk),
                axis_heading=activity.axis if new_axis and activity.axis else None,
                step_heading=activity.step if new_step and activity.step else None,
            )
        )
        previous = activity
    grid.columns = [
        GridColumn(role=role, issues=report.for_role(role.pk), column=i) for i, role in enumerate(roles)
    ]
    return grid


def matrix_data(matrix: Matrix) -> MatrixData:
    """The content of a matrix as plain data (for the export and for cloning)."""
    roles = list(Role.objects.filter(matrix=matrix).order_by("order", "pk"))
    activities = list(Activity.objects.filter(matrix=matrix).order_by("order", "pk"))
    cells = defaultdict(str)
    for activity_id, role_id, letters in Assignment.objects.filter(activity__matrix=matrix).values_list(
        "activity_id", "role_id", "letters"
    ):
        cells[(activity_id, role_id)] = letters
    return MatrixData(
        roles=tuple(role.name for role in roles),
        activities=tuple(
            ActivityData(
                axis=a.axis,
                step=a.step,
                name=a.name,
                description=a.description,
                method=a.method,
                objective=a.objective,
                workload_hours=a.workload_hours,
                workload_text=a.workload_text,
                meeting_label=a.meeting_label,
                letters=tuple(cells[(a.pk, r.pk)] for r in roles),
            )
            for a in activities
        ),
    )
