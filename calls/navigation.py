"""Calls's area in the navigation bar (found at start-up by `core.navigation`)."""

from django.utils.translation import gettext_lazy as _

from core.navigation import Area, register
from directory.access import Role, has_role

register(
    Area(
        "calls:call_list",
        _("Calls for applications"),
        "bi-megaphone",
        lambda user: has_role(user, Role.PILOT, Role.CONSULTANT),
        group="more",
        order=20,
    )
)
