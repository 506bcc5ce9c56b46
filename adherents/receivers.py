"""How the member module answers the directory.

- The member files make their company and their service bear access: the directory must refuse
  a non-administrator's change of such an organisation's kind, yet it does not import this app
  (dependencies point adherents → directory), so this app declares the relation to it.
- When an administrator changes what a person may read (a contact's company, a staff member's
  service, a role, an account), the staff of every service concerned — before and after — are told.

`connect()` runs once, from `AdherentsConfig.ready`.
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from directory import access as directory_access
from directory.models import Organisation, Person
from directory.signals import PersonAccess, person_access_changed
from reminders.services import notify

from .models import Adherent
from .selectors import service_staff_users

Role = Person.Role


def connect() -> None:
    directory_access.register_access_relation(Adherent, "organisation", "service")
    person_access_changed.connect(notify_services_of_access_change, dispatch_uid="adherents.access_changed")


def _services_concerned(access: PersonAccess | None) -> set[int]:
    """The services whose files this person reads (staff) or whose file is this person's (contact)."""
    if access is None or access.organisation_id is None:
        return set()
    if access.role == Role.SERVICE_STAFF:
        services = Organisation.objects.filter(pk=access.organisation_id, kind=Organisation.Kind.SSTI)
        return set(services.values_list("pk", flat=True))
    if access.role == Role.MEMBER_CONTACT:
        memberships = Adherent.objects.filter(organisation_id=access.organisation_id, left_on__isnull=True)
        return set(memberships.values_list("service_id", flat=True))
    return set()


def _name_of(user) -> str:
    person = directory_access.person_of(user)
    return (person.full_name if person else "") or user.get_full_name() or user.get_username()


def _change_lines(before: PersonAccess, after: PersonAccess) -> list[str]:
    lines = []
    if before.organisation_id != after.organisation_id:
        names = dict(
            Organisation.objects.filter(pk__in=[before.organisation_id, after.organisation_id]).values_list(
                "pk", "name"
            )
        )
        lines.append(
            _("Organisation: %(before)s → %(after)s")
            % {
                "before": names.get(before.organisation_id, pgettext("organisation", "none")),
                "after": names.get(after.organisation_id, pgettext("organisation", "none")),
            }
        )
    if before.role != after.role:
        lines.append(
            _("Role: %(before)s → %(after)s")
            % {"before": Role(before.role).label, "after": Role(after.role).label}
        )
    if before.user_id != after.user_id:
        if after.user_id is None:
            lines.append(_("User account: unlinked"))
        elif before.user_id is None:
            lines.append(_("User account: linked"))
        else:
            lines.append(_("User account: replaced by another one"))
    return lines


def notify_services_of_access_change(
    sender, *, person: Person, before: PersonAccess | None, after: PersonAccess, by, **kwargs
) -> None:
    """Tell the staff of the services concerned, before and after, what an administrator changed."""
    service_ids = _services_concerned(before) | _services_concerned(after)
    if not service_ids:
        return
    recipients = {}
    for service in Organisation.objects.filter(pk__in=service_ids).order_by("name"):
        for user in service_staff_users(service):
            recipients[user.pk] = user
    name = person.full_name
    lines = [
        _("%(admin)s, administrator, changed what %(name)s may consult in Copilote.")
        % {"admin": _name_of(by), "name": name},
        *_change_lines(before or PersonAccess.blank(), after),
    ]
    notify(
        users=recipients.values(),
        title=_("Access changed: %(name)s") % {"name": name},
        message="\n".join(lines),
        url=person.get_absolute_url(),
        actor=by,
        kind="person_access_changed",
        about=person,
    )
