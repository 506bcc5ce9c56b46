"""Who may see and edit RACI matrices.

- Admins: everything.
- A matrix of an action: the action's editors edit it; whoever may read the action
  (committee members included) reads it.
- A matrix of a programme: the programme's managers edit it; its readers read it.
- Templates: pilots, consultants and administrators read them and clone them into what
  they edit; only administrators change them.
- Create a matrix: in the actions and the programmes the user edits.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from actions.access import (
    actions_editable_by,
    actions_visible_to,
    programmes_editable_by,
    programmes_visible_to,
)
from actions.models import CollectiveAction, Programme
from core import access as core_access
from directory.access import Role, has_role, is_admin

from .models import Matrix


def can_use_templates(user) -> bool:
    return bool(user.is_authenticated) and has_role(user, Role.PILOT, Role.CONSULTANT)


def matrices_visible_to(user) -> QuerySet[Matrix]:
    qs = Matrix.objects.all()
    if not user.is_authenticated:
        return qs.none()
    if is_admin(user):
        return qs
    scope = Q(action__in=actions_visible_to(user).values("pk")) | Q(
        programme__in=programmes_visible_to(user).values("pk")
    )
    if can_use_templates(user):
        scope |= Q(is_template=True)
    return qs.filter(scope)


def matrices_editable_by(user) -> QuerySet[Matrix]:
    """Templates: administrators only; the others: the editors of their action or programme."""
    qs = Matrix.objects.all()
    if not user.is_authenticated:
        return qs.none()
    if is_admin(user):
        return qs
    return qs.filter(is_template=False).filter(
        Q(action__in=actions_editable_by(user).values("pk"))
        | Q(programme__in=programmes_editable_by(user).values("pk"))
    )


def templates_visible_to(user) -> QuerySet[Matrix]:
    if not can_use_templates(user):
        return Matrix.objects.none()
    return Matrix.objects.filter(is_template=True)


def can_view_matrix(user, matrix: Matrix) -> bool:
    return matrices_visible_to(user).filter(pk=matrix.pk).exists()


def can_edit_matrix(user, matrix: Matrix) -> bool:
    if matrix.is_template:  # the same answer as the queryset's, without a query
        return is_admin(user)
    return matrices_editable_by(user).filter(pk=matrix.pk).exists()


def can_clone_template(user, matrix: Matrix) -> bool:
    return matrix.is_template and can_use_templates(user)


def actions_open_to_new_matrices_by(user) -> QuerySet[CollectiveAction]:
    return actions_editable_by(user)


def programmes_open_to_new_matrices_by(user) -> QuerySet[Programme]:
    return programmes_editable_by(user)


def can_add_matrix(user) -> bool:
    return actions_open_to_new_matrices_by(user).exists() or programmes_open_to_new_matrices_by(user).exists()


core_access.register(Matrix, visible=matrices_visible_to, change=can_edit_matrix, clone=can_clone_template)
