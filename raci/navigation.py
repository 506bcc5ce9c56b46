"""Raci's area in the navigation bar (found at start-up by `core.navigation`)."""

from django.utils.translation import gettext_lazy as _

from core.navigation import Area, register
from directory.access import Role, has_role

register(
    Area(
        "raci:matrix_list",
        _("RACI"),
        "bi-grid-3x3",
        lambda user: has_role(user, Role.PILOT, Role.CONSULTANT, Role.COMMITTEE_MEMBER),
        group="main",
        order=30,
    )
)
