"""Governance's area in the navigation bar and its section menu (found at start-up by `core.navigation`)."""

from django.utils.translation import gettext_lazy as _

from core.navigation import Area, Section, register, register_menu
from directory.access import Role, has_role

register(
    Area(
        "governance:committee_list",
        _("Governance"),
        "bi-people",
        lambda user: has_role(user, Role.PILOT, Role.CONSULTANT, Role.COMMITTEE_MEMBER),
        group="main",
        order=20,
    )
)

register_menu(
    "governance",
    _("Governance sections"),
    [
        Section("governance:committee_list", _("Committees"), "bi-people"),
        Section("governance:calendar", _("My calendar"), "bi-calendar3"),
        Section("governance:followup_board", _("Follow-up board"), "bi-list-check"),
        Section("governance:decision_register", _("Decision register"), "bi-journal-check"),
        Section(
            "governance:plan",
            _("Multi-year plan"),
            "bi-calendar-range",
            current_on=("governance:programme_plan",),
        ),
    ],
)
