"""Directory's area in the navigation bar and its section menu (found at start-up by `core.navigation`)."""

from django.utils.translation import gettext_lazy as _

from core.navigation import Area, Section, register, register_menu

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

register_menu(
    "directory",
    _("Directory sections"),
    [
        Section("directory:organisation_list", _("Organisations"), "bi-buildings"),
        Section("directory:person_list", _("People"), "bi-person-lines-fill"),
    ],
)
