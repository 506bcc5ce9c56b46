"""Who may reach the personal-data pages.

- A person's holdings, erasure and file on request: administrators only (the controller's answer).
- The log of who read member files: administrators, all of it; a service's staff member given the
  permission « Can view read of a member file » in the admin (the service's data referent), their
  own service's reads only.
- « My personal data »: every signed-in user, about themselves only (their file, their consents).
"""

from django.db.models import Q, QuerySet

from core import access as core_access
from directory.access import is_admin, person_of, service_of_staff

from .models import PersonErasure, PersonExport, ReadLogEntry

READ_LOG_PERMISSION = "privacy.view_readlogentry"


def can_manage_personal_data(user) -> bool:
    """Answering a person's request (what is held, erasure, their file) is the controller's: administrators."""
    return is_admin(user)


def erasures_visible_to(user) -> QuerySet[PersonErasure]:
    return PersonErasure.objects.all() if can_manage_personal_data(user) else PersonErasure.objects.none()


def exports_visible_to(user) -> QuerySet[PersonExport]:
    """Administrators: every file; anybody else: the files of themselves they asked for."""
    if can_manage_personal_data(user):
        return PersonExport.objects.all()
    person = person_of(user)
    if person is None:
        return PersonExport.objects.none()
    return PersonExport.objects.filter(Q(person=person) & Q(requested_by=user))


def can_view_read_log(user) -> bool:
    return is_admin(user) or (service_of_staff(user) is not None and user.has_perm(READ_LOG_PERMISSION))


def read_log_visible_to(user) -> QuerySet[ReadLogEntry]:
    if is_admin(user):
        return ReadLogEntry.objects.all()
    if not can_view_read_log(user):
        return ReadLogEntry.objects.none()
    return ReadLogEntry.objects.filter(service=service_of_staff(user))


core_access.register(PersonErasure, visible=erasures_visible_to)
core_access.register(PersonExport, visible=exports_visible_to)
core_access.register(ReadLogEntry, visible=read_log_visible_to)
