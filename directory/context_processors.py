"""The navigation bar: the areas a user sees depend on their role (access is still per object)."""

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from .access import DIRECTORY_READERS, Role, is_admin, person_of

# (url name, label, icon, roles that see it; None = everyone signed in)
AREAS = [
    ("actions:action_list", _("Actions"), "bi-kanban", {Role.PILOT, Role.CONSULTANT, Role.COMMITTEE_MEMBER}),
    ("governance:committee_list", _("Governance"), "bi-people", {Role.PILOT, Role.CONSULTANT, Role.COMMITTEE_MEMBER}),
    ("raci:matrix_list", _("RACI"), "bi-grid-3x3", {Role.PILOT, Role.CONSULTANT, Role.COMMITTEE_MEMBER}),
    ("adherents:adherent_list", _("Member companies"), "bi-building", {Role.SERVICE_STAFF}),
    (
        "evaluation:dashboard_index",
        _("Evaluation"),
        "bi-graph-up",
        {Role.PILOT, Role.CONSULTANT, Role.COMMITTEE_MEMBER, Role.SERVICE_STAFF},
    ),
]
MORE = [
    ("directory:organisation_list", _("Directory"), "bi-journal-text", DIRECTORY_READERS),
    ("calls:call_list", _("Calls for applications"), "bi-megaphone", {Role.PILOT, Role.CONSULTANT}),
    ("library:search", _("Library"), "bi-book", None),
    ("reports:document_list", _("My documents"), "bi-file-earmark-pdf", None),
]
PORTAL = [("adherents:portal_home", _("My member space"), "bi-house-door", {Role.MEMBER_CONTACT})]


def _visible(entries, role, admin):
    items = []
    for url_name, label, icon, roles in entries:
        if not (admin or roles is None or role in roles):
            continue
        try:
            url = reverse(url_name)
        except NoReverseMatch:
            continue  # the area is not built yet
        items.append({"url": url, "label": label, "icon": icon, "key": url_name.split(":")[0]})
    return items


def navigation(request):
    user = getattr(request, "user", None)
    if not user or not user.is_authenticated:
        return {}
    person = person_of(user)
    role = person.role if person else None
    admin = is_admin(user)
    if role == Role.MEMBER_CONTACT and not admin:
        return {"nav_areas": _visible(PORTAL, role, admin), "nav_more": [], "current_person": person}
    return {
        "nav_areas": _visible(AREAS, role, admin),
        "nav_more": _visible(MORE, role, admin),
        "current_person": person,
        "is_admin_user": admin,
    }
