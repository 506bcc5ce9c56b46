import rules

from . import access
from .models import CollectiveAction, Programme


@rules.predicate
def can_view_action(user, action: CollectiveAction | None):
    return action is not None and access.can_view_action(user, action)


@rules.predicate
def can_edit_action(user, action: CollectiveAction | None):
    return action is not None and access.can_edit_action(user, action)


@rules.predicate
def can_view_programme(user, programme: Programme | None):
    return programme is not None and access.can_view_programme(user, programme)


@rules.predicate
def can_edit_programme(user, programme: Programme | None):
    return programme is not None and access.can_edit_programme(user, programme)


@rules.predicate
def can_add_action(user, programme: Programme | None):
    return programme is not None and access.can_add_action(user, programme)


@rules.predicate
def can_add_programme(user):
    return access.can_add_programme(user)


rules.add_perm("actions.add_action", can_add_action)
rules.add_perm("actions.add_programme", can_add_programme)
rules.add_perm("actions.view_action", can_view_action)
rules.add_perm("actions.change_action", can_edit_action)
rules.add_perm("actions.view_programme", can_view_programme)
rules.add_perm("actions.change_programme", can_edit_programme)
