"""Member files: staff of the member's service and administrators read and write them;
a member contact only reaches its own file through the portal."""

import rules

from directory.access import is_admin


def _staff_service_id(user):
    from .selectors import staff_service

    service = staff_service(user)
    return service.pk if service else None


def _service_id_of(obj):
    if obj is None:
        return None
    if hasattr(obj, "service_id"):
        return obj.service_id
    if hasattr(obj, "adherent"):
        return obj.adherent.service_id
    if hasattr(obj, "visit"):
        return obj.visit.adherent.service_id
    return None


@rules.predicate
def is_admin_user(user):
    return is_admin(user)


@rules.predicate
def is_service_staff(user):
    return _staff_service_id(user) is not None


@rules.predicate
def works_for_the_service(user, obj):
    service_id = _staff_service_id(user)
    return service_id is not None and service_id == _service_id_of(obj)


@rules.predicate
def is_the_member(user, adherent):
    from .selectors import portal_adherent

    own = portal_adherent(user)
    return own is not None and adherent is not None and own.pk == adherent.pk


manage = is_admin_user | works_for_the_service

rules.add_perm("adherents.access_staff_side", is_admin_user | is_service_staff)
rules.add_perm("adherents.view_adherent", manage)
rules.add_perm("adherents.change_adherent", manage)
rules.add_perm("adherents.view_staff_notes", manage)
rules.add_perm("adherents.portal_update_contacts", is_the_member)
