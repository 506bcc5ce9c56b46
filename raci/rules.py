import rules

from . import selectors
from .models import Matrix


@rules.predicate
def can_view_matrix(user, matrix: Matrix | None):
    return matrix is not None and selectors.can_view_matrix(user, matrix)


@rules.predicate
def can_edit_matrix(user, matrix: Matrix | None):
    return matrix is not None and selectors.can_edit_matrix(user, matrix)


@rules.predicate
def can_clone_template(user, matrix: Matrix | None):
    return matrix is not None and matrix.is_template and selectors.can_use_templates(user)


rules.add_perm("raci.view_matrix", can_view_matrix)
rules.add_perm("raci.change_matrix", can_edit_matrix)
rules.add_perm("raci.clone_template", can_clone_template)
