"""Adherents' areas: the member list for the service's staff, the member space for a member company's contact;
the staff's section menu."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.navigation import Area, Section, register, register_menu
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

register_menu(
    "adherents",
    _("Member companies"),
    [
        Section("adherents:adherent_list", pgettext_lazy("member module tab", "Members")),
        Section("adherents:application_list", _("Online applications")),
        Section("adherents:survey_list", _("Satisfaction surveys")),
        Section("adherents:complaint_list", _("Complaints")),
    ],
)
