"""Services of calls: what several topics share."""

from __future__ import annotations

from collections import Counter
from datetime import datetime
from typing import Any

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from core import french
from core.conflicts import ConflictingField, EditConflict, authors_of, version_of
from core.types import Actor
from directory.models import Organisation, Person
from governance.models import Committee, Membership
from governance.services import committee_create, membership_add
from reminders.services import email_queue

from ..models import Application, Call

# What a complete application must give (Annexe 1); the rest is optional.
REQUIRED_FIELDS = [
    "structure_name",
    "category",
    "sector",
    "capacity",
    "siret",
    "finess_legal",
    "finess_site",
    "director_name",
    "contact_name",
    "contact_email",
    "axis",
    "reasons",
    "has_digital_tools",
    "health_insurance_funded",
    "esms_numerique",
    "sons",
]


APPLICATION_FIELDS = [
    *REQUIRED_FIELDS,
    "managing_organisation",
    "contact_phone",
    "digital_tools",
    "mss_solution",
    "other_tools",
    "digital_history",
    "it_roles",
]


def absolute(path: str) -> str:
    from reminders.services import absolute_url

    return absolute_url(path)


def private_link(token: str) -> str:
    return absolute(reverse("calls:application_edit", args=[token]))


def _mail(*, to: str, subject: str, template: str, context: dict) -> None:
    if not to:
        return
    email_queue(to=[to], subject=subject, body=render_to_string(template, context))


def _local(dt: datetime) -> str:
    return french.jour_heure(dt)


def _list_conflict(
    instance: Any, *, expected_version: int, found: EditConflict | None, name: str, label: str, stored: str
) -> EditConflict:
    """`found` (the conflict on the object's own fields, if any) with one more field: a list of the
    object replaced as a whole (the criteria of a call, the team of an application), changed by both."""
    fields = [
        *(found.fields if found else []),
        ConflictingField(name=name, label=label, theirs=stored, theirs_display=stored or _("(empty)")),
    ]
    if found is not None:
        return EditConflict(
            instance=instance,
            version=found.version,
            fields=fields,
            authors=found.authors,
            when=found.when,
            merged=found.merged,
        )
    later = list(
        instance.history.filter(history_id__gt=expected_version)
        .select_related("history_user")
        .order_by("history_id")
    )
    return EditConflict(
        instance=instance,
        version=later[-1].history_id if later else version_of(instance),
        fields=fields,
        authors=authors_of(later),
        when=later[-1].history_date if later else timezone.now(),
    )


def _theirs(stored: list[str], mine: list[str]) -> str:
    """The items of a list stored now that this person's list has not (all of them when none)."""
    theirs = [item for item in stored if item not in mine] or stored
    return " ; ".join(theirs)


def selection_errors(call: Call, selected: list[Application]) -> list[str]:
    """The limits of the call a set of selected applications would break (French messages)."""
    errors = []
    if call.max_selected is not None and len(selected) > call.max_selected:
        errors.append(
            _("At most %(max)s applications may be selected (%(count)s chosen).")
            % {"max": call.max_selected, "count": len(selected)}
        )
    per_organisation = Counter(a.organisation_key for a in selected)
    if call.max_organisations is not None and len(per_organisation) > call.max_organisations:
        errors.append(
            _("At most %(max)s managing organisations may be selected (%(count)s chosen).")
            % {"max": call.max_organisations, "count": len(per_organisation)}
        )
    if call.max_per_organisation is not None:
        by_key = {a.organisation_key: a for a in selected}
        for key, count in per_organisation.items():
            if count > call.max_per_organisation:
                sample = by_key[key]
                errors.append(
                    _("At most %(max)s establishments per managing organisation: %(name)s has %(count)s.")
                    % {
                        "max": call.max_per_organisation,
                        "count": count,
                        "name": sample.managing_organisation or sample.finess_legal,
                    }
                )
    if call.min_health_insurance:
        funded = sum(1 for a in selected if a.health_insurance_funded)
        if funded < call.min_health_insurance:
            errors.append(
                _(
                    "At least %(min)s selected structure(s) must be under health-insurance funding (%(count)s chosen)."
                )
                % {"min": call.min_health_insurance, "count": funded}
            )
    return errors


def _organisation_for(application: Application) -> Organisation:
    organisation = None
    if application.siret:
        organisation = Organisation.objects.filter(siret=application.siret).first()
    if organisation is None:
        organisation = Organisation.objects.create(
            name=application.structure_name,
            kind=Organisation.Kind.COMPANY,
            siret=application.siret,
            headcount=None,
            sector=application.get_sector_display(),
            email=application.contact_email,
            phone=application.contact_phone,
        )
    return organisation


def _copil_for(application: Application, organisation: Organisation, *, by: Actor) -> Committee:
    """The structure's steering committee (COPIL), made of its project team (seed 002)."""
    call = application.call
    committee = committee_create(
        kind=Committee.Kind.COPIL,
        name=_("COPIL — %(structure)s") % {"structure": application.structure_name},
        mandate=_("Project team of the structure, selected by the call “%(call)s”.") % {"call": call.title},
        default_place=organisation.name,
        by=by,
        action=call.action if call.action_id else None,
        programme=None if call.action_id else call.programme,
    )
    for member in application.team.all():
        person = None
        if member.email:
            person = Person.objects.filter(email__iexact=member.email, organisation=organisation).first()
        if person is None:
            first, _sep, last = member.full_name.strip().partition(" ")
            person = Person.objects.create(
                first_name=first,
                last_name=last or first,
                organisation=organisation,
                function=member.function,
                email=member.email,
                phone=member.phone,
            )
        if not Membership.objects.filter(committee=committee, person=person).exists():
            role = (
                Membership.Role.PILOT if "pilote" in member.project_role.lower() else Membership.Role.MEMBER
            )
            membership_add(committee=committee, person=person, role=role, by=by)
    return committee
