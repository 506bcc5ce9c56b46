"""The log of who read member files, in « More » for those who may read it (administrators reach it from
the personal-data page too)."""

from django.utils.translation import gettext_lazy as _

from core.navigation import Area, register

from .access import can_view_read_log

register(
    Area(
        "privacy:read_log",
        _("Who read member files"),
        "bi-eye",
        can_view_read_log,
        group="more",
        order=90,
    )
)
