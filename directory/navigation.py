"""Directory's area in the navigation bar (found at start-up by `core.navigation`)."""

from django.utils.translation import gettext_lazy as _

from core.navigation import Area, register

from .access import DIRECTORY_READERS, has_role

register(
    Area(
        "directory:organisation_list",
        _("Directory"),
        "bi-journal-text",
        lambda user: has_role(user, *DIRECTORY_READERS),
        group="more",
        order=10,
    )
)
