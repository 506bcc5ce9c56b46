"""Who may reach the personal-data pages: a person's holdings, erasure and file. Administrators only."""

from django.db.models import QuerySet

from core import access as core_access
from directory.access import is_admin

from .models import PersonErasure, PersonExport


def can_manage_personal_data(user) -> bool:
    """Answering a person's request (what is held, erasure, their file) is the controller's: administrators."""
    return is_admin(user)


def erasures_visible_to(user) -> QuerySet[PersonErasure]:
    return PersonErasure.objects.all() if can_manage_personal_data(user) else PersonErasure.objects.none()


def exports_visible_to(user) -> QuerySet[PersonExport]:
    return PersonExport.objects.all() if can_manage_personal_data(user) else PersonExport.objects.none()


core_access.register(PersonErasure, visible=erasures_visible_to)
core_access.register(PersonExport, visible=exports_visible_to)
