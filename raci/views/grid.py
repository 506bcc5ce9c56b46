"""The grid: the matrix page and the editing of one cell (htmx)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from core.access import get_visible_or_404, object_for

from .. import access, selectors, services
from ..forms import CellForm
from ..letters import display_letters
from ..models import Matrix
from ._common import _grid_url, _is_htmx


# --- The grid ------------------------------------------------------------------------
@login_required
@require_GET
def matrix_detail(request, pk):
    matrix = object_for(request.user, Matrix, pk=pk, select_related=selectors.MATRIX_RELATED)
    editable = access.can_edit_matrix(request.user, matrix)
    grid = selectors.build_grid(matrix, versions=editable)
    return render(
        request,
        "raci/matrix_detail.html",
        {
            "matrix": matrix,
            "grid": grid,
            "editable": editable,
            "scope_url": selectors.scope_url(matrix),
            "can_clone": access.can_clone_template(request.user, matrix),
        },
    )


def _overwritten_notice(change) -> str:
    """« Cellule modifiée entre-temps par X (R → A) : votre choix l’a remplacée », or ""."""
    overwritten = change.overwritten
    if overwritten is None:
        return ""
    return _(
        "Cell changed meanwhile by %(who)s (%(seen)s → %(theirs)s): your choice replaced it with %(new)s."
    ) % {
        "who": overwritten.who,
        "seen": display_letters(overwritten.seen) or "∅",
        "theirs": display_letters(overwritten.theirs) or "∅",
        "new": display_letters(change.new) or "∅",
    }


@login_required
@require_http_methods(["GET", "POST"])
def cell_update(request, pk, activity_pk, role_pk):
    """One cell. With htmx: answers the cell and, out of band, the summary and the workload.

    The last write wins, per cell; when it replaced what somebody else wrote since the page was
    loaded (the cell's version comes with the change), the answer says who and what.
    """
    matrix = object_for(request.user, Matrix, pk=pk, may="change", select_related=selectors.MATRIX_RELATED)
    activity = get_visible_or_404(matrix.activities.all(), pk=activity_pk)
    role = get_visible_or_404(matrix.roles.all(), pk=role_pk)
    current = activity.assignments.filter(role=role).values_list("letters", flat=True).first() or ""
    version = (
        selectors.cell_versions([activity.pk], role_id=role.pk).get((activity.pk, role.pk), 0)
        if request.method == "GET"
        else 0
    )
    form = CellForm(request.POST or None, initial={"letters": "/".join(current), "version": version})
    if request.method == "POST":
        if not form.is_valid():
            if _is_htmx(request):
                return HttpResponseBadRequest(" ".join(form.errors.get("letters", [])))
            return render(
                request,
                "raci/cell_form.html",
                {"matrix": matrix, "activity": activity, "role": role, "form": form},
                status=400,
            )
        activity.matrix = matrix
        change = services.cell_set(
            activity=activity,
            role=role,
            letters=form.cleaned_data["letters"],
            by=request.user,
            seen_version=form.cleaned_data["version"],
        )
        notice = _overwritten_notice(change)
        if _is_htmx(request):
            matrix.refresh_from_db(fields=["status", "validated_by", "validated_at", "updated_at"])
            grid = selectors.build_grid(matrix)
            cell = grid.cell(activity, role)
            cell.version = selectors.cell_versions([activity.pk], role_id=role.pk).get(
                (activity.pk, role.pk), 0
            )
            return render(
                request,
                "raci/_cell_response.html",
                {
                    "matrix": matrix,
                    "grid": grid,
                    "cell": cell,
                    "row": grid.row_for(activity),
                    "editable": True,
                    "notice": notice,
                },
            )
        if notice:
            messages.warning(request, notice)
        return redirect(_grid_url(matrix, f"raci-row-{activity.pk}"))
    return render(
        request, "raci/cell_form.html", {"matrix": matrix, "activity": activity, "role": role, "form": form}
    )
