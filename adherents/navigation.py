"""Adherents' areas: the member list for the service's staff, the member space for a member company's contact."""

from django.utils.translation import gettext_lazy as _

from core.navigation import Area, register
from directory.access import Role, has_role, is_member_contact

register(
    Area(
        "adherents:adherent_list",
        _("Member companies"),
        "bi-building",
        lambda user: has_role(user, Role.SERVICE_STAFF),
        group="main",
        order=40,
    )
)
register(
    Area(
        "adherents:portal_home",
        _("My member space"),
        "bi-house-door",
        is_member_contact,
        group="portal",
        is_home=True,
    )
)
