"""The columns (roles): add, edit, move, delete."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from core.access import get_visible_or_404, object_for
from core.idempotency import creation_response

from .. import selectors, services
from ..forms import RoleForm
from ..models import Matrix, Role
from ._common import _direction, _grid_url


# --- Columns -------------------------------------------------------------------------
@login_required
@require_http_methods(["GET", "POST"])
def role_create(request, pk):
    matrix = object_for(request.user, Matrix, pk=pk, may="change", select_related=selectors.MATRIX_RELATED)
    return _role_form(request, matrix, Role(matrix=matrix))


@login_required
@require_http_methods(["GET", "POST"])
def role_update(request, pk, role_pk):
    matrix = object_for(request.user, Matrix, pk=pk, may="change", select_related=selectors.MATRIX_RELATED)
    return _role_form(request, matrix, get_visible_or_404(matrix.roles.all(), pk=role_pk))


def _role_form(request, matrix, role):
    creating = role.pk is None
    form = RoleForm(request.POST or None, instance=role)
    response = creation_response(
        request,
        form,
        lambda: services.role_save(
            role=form.save(commit=False), by=request.user, expected_version=form.expected_version
        ),
        message=_("The role has been added.") if creating else _("The role has been updated."),
        url=lambda _saved: _grid_url(matrix),
        label=lambda saved: saved.name,
    )
    return response or render(
        request, "raci/role_form.html", {"matrix": matrix, "form": form, "role": None if creating else role}
    )


@login_required
@require_POST
def role_move(request, pk, role_pk):
    matrix = object_for(request.user, Matrix, pk=pk, may="change", select_related=selectors.MATRIX_RELATED)
    role = get_visible_or_404(matrix.roles.all(), pk=role_pk)
    if not services.role_move(role=role, direction=_direction(request), by=request.user):
        messages.info(request, _("This role is already at the edge of the matrix."))
    return redirect(reverse("raci:matrix_detail", args=[matrix.pk]))


@login_required
@require_POST
def role_delete(request, pk, role_pk):
    matrix = object_for(request.user, Matrix, pk=pk, may="change", select_related=selectors.MATRIX_RELATED)
    role = get_visible_or_404(matrix.roles.all(), pk=role_pk)
    name = role.name
    services.role_delete(role=role, by=request.user)
    messages.success(request, _("The role « %(name)s » and its cells have been deleted.") % {"name": name})
    return redirect(matrix)
