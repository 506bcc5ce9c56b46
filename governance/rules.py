import rules

from . import access


@rules.predicate
def can_view_committee(user, committee):
    return committee is not None and access.can_view_committee(user, committee)


@rules.predicate
def can_edit_committee(user, committee):
    return committee is not None and access.can_edit_committee(user, committee)


@rules.predicate
def can_create_committee(user):
    return access.can_create_committee(user)


rules.add_perm("governance.view_committee", can_view_committee)
rules.add_perm("governance.change_committee", can_edit_committee)
rules.add_perm("governance.add_committee", can_create_committee)
