"""Actions' area in the navigation bar and a programme's section menu (found at start-up by `core.navigation`)."""

from django.utils.translation import gettext_lazy as _

from core.navigation import Area, Section, register, register_menu
from directory.access import Role, has_role

register(
    Area(
        "actions:action_list",
        _("Actions"),
        "bi-kanban",
        lambda user: has_role(user, Role.PILOT, Role.CONSULTANT, Role.COMMITTEE_MEMBER),
        group="main",
        order=10,
    )
)

register_menu(
    "programme",
    _("Programme views"),
    [
        Section("actions:programme_detail", _("Overview")),
        Section("actions:programme_matrix", _("Pertinence × feasibility")),
        Section("actions:programme_recap", _("Recap table")),
    ],
)
