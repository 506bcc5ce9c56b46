"""The rows (activities): add, edit, move, delete."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from core.access import get_visible_or_404, object_for
from core.conflicts import EditConflict
from core.idempotency import creation_response

from .. import selectors, services
from ..forms import ActivityForm
from ..models import Activity, Matrix
from ._common import _direction, _grid_url


# --- Rows ----------------------------------------------------------------------------
def _row_above(matrix: Matrix, *, before: Activity | None = None, after: Activity | None = None):
    if after is not None:
        return after
    rows = matrix.activities.order_by("order", "pk")
    if before is not None:
        return rows.filter(order__lt=before.order).last() or None
    return rows.last()


@login_required
@require_http_methods(["GET", "POST"])
def activity_create(request, pk):
    matrix = object_for(request.user, Matrix, pk=pk, may="change", select_related=selectors.MATRIX_RELATED)
    after_pk = request.GET.get("after", "")
    after = get_visible_or_404(matrix.activities.all(), pk=after_pk) if after_pk else None
    above = _row_above(matrix, after=after)
    form = ActivityForm(request.POST or None, instance=Activity(matrix=matrix), above=above)
    response = creation_response(
        request,
        form,
        lambda: services.activity_save(activity=form.save(commit=False), after=after, by=request.user),
        message=_("The activity has been added."),
        url=lambda activity: _grid_url(matrix, f"raci-row-{activity.pk}"),
        label=lambda activity: activity.label,
    )
    return response or render(
        request, "raci/activity_form.html", {"matrix": matrix, "form": form, "after": after}
    )


@login_required
@require_http_methods(["GET", "POST"])
def activity_update(request, pk, activity_pk):
    matrix = object_for(request.user, Matrix, pk=pk, may="change", select_related=selectors.MATRIX_RELATED)
    activity = get_visible_or_404(matrix.activities.all(), pk=activity_pk)
    form = ActivityForm(request.POST or None, instance=activity, above=_row_above(matrix, before=activity))
    if request.method == "POST" and form.is_valid():
        try:
            services.activity_save(
                activity=form.save(commit=False), by=request.user, expected_version=form.expected_version
            )
        except EditConflict as conflict:
            form.show_conflict(conflict)
        except ValidationError as exc:
            form.add_error(None, exc.messages)
        else:
            messages.success(request, _("The activity has been updated."))
            return redirect(_grid_url(matrix, f"raci-row-{activity.pk}"))
    return render(request, "raci/activity_form.html", {"matrix": matrix, "form": form, "activity": activity})


@login_required
@require_POST
def activity_move(request, pk, activity_pk):
    matrix = object_for(request.user, Matrix, pk=pk, may="change", select_related=selectors.MATRIX_RELATED)
    activity = get_visible_or_404(matrix.activities.all(), pk=activity_pk)
    if not services.activity_move(activity=activity, direction=_direction(request), by=request.user):
        messages.info(request, _("This activity is already at the edge of the matrix."))
    return redirect(_grid_url(matrix, f"raci-row-{activity.pk}"))


@login_required
@require_POST
def activity_delete(request, pk, activity_pk):
    matrix = object_for(request.user, Matrix, pk=pk, may="change", select_related=selectors.MATRIX_RELATED)
    activity = get_visible_or_404(matrix.activities.all(), pk=activity_pk)
    label = activity.label
    services.activity_delete(activity=activity, by=request.user)
    messages.success(request, _("The activity « %(label)s » has been deleted.") % {"label": label})
    return redirect(matrix)
