"""A person's erasure on request: their identity replaced everywhere by a stable pseudonym.

Nothing is deleted: attendances, memberships, decisions, minutes and history rows keep pointing at
the same directory record, now « Personne anonymisée n° <n> », so every count and decision stays as
it was. Their full name, e-mail address and phone number are rewritten in every text column of every
table (history rows included, found from the models by `privacy.discovery`); their account can no
longer be used. Refused while a legal reason to keep them holds.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _

from core.history import record_change, records_actor
from core.locking import locked
from core.types import Actor
from privacy.discovery import identity_needles, scanned_models, text_columns
from privacy.models import PersonErasure, PersonExport

if TYPE_CHECKING:
    from directory.models import Person

FIRST_NAME = "Personne anonymisée"
LOGIN_LOG_MODELS = ("axes.AccessAttempt", "axes.AccessLog", "axes.AccessFailureLog")


def legal_hold(person: Person) -> str | None:
    """Why `person` may not be anonymised now (a French sentence), or None."""
    Membership = apps.get_model("governance.Membership")
    Adherent = apps.get_model("adherents.Adherent")
    membership = (
        Membership.objects.filter(Membership.active_q(), person=person).select_related("committee").first()
    )
    if membership is not None:
        return _(
            "%(name)s is a current member of the committee « %(committee)s »: end their mandate before "
            "anonymising them."
        ) % {"name": person.full_name, "committee": membership.committee.name}
    current = Adherent.objects.filter(left_on__isnull=True)
    is_contact = (
        person.role == person.Role.MEMBER_CONTACT
        and person.organisation_id is not None
        and (current.filter(organisation_id=person.organisation_id).exists())
    )
    if not is_contact and person.email:
        email = person.email
        is_contact = current.filter(
            models.Q(admin_contact_email__iexact=email)
            | models.Q(hr_contact_email__iexact=email)
            | models.Q(prevention_contact_email__iexact=email)
        ).exists()
    if is_contact:
        return _(
            "%(name)s is a contact of a current member company: replace them as its contact (or record "
            "the end of its membership) before anonymising them."
        ) % {"name": person.full_name}
    return None


def _rewrite(value: str, field: models.Field, needles: list[str], pseudonym: str) -> str:
    if isinstance(field, models.EmailField):
        return ""
    for needle in needles:
        value = re.sub(re.escape(needle), "" if "@" in needle else pseudonym, value, flags=re.IGNORECASE)
    return value[: field.max_length] if field.max_length else value


def _rewrite_text_everywhere(needles: list[str], pseudonym: str) -> dict[str, int]:
    """Every text column holding one of `needles`, in every table: rewritten in place (no new history row)."""
    rewritten = {}
    for model in scanned_models():
        columns = text_columns(model)
        if not columns or not needles:
            continue
        query = models.Q()
        for field in columns:
            for needle in needles:
                query |= models.Q(**{f"{field.name}__icontains": needle})
        count = 0
        for row in model._base_manager.filter(query).values("pk", *(f.attname for f in columns)).iterator():
            changes = {}
            for field in columns:
                value = row[field.attname]
                if value and (new := _rewrite(value, field, needles, pseudonym)) != value:
                    changes[field.attname] = new
            if changes:
                model._base_manager.filter(pk=row["pk"]).update(**changes)
                count += 1
        if count:
            rewritten[model._meta.label] = count
    return rewritten


@records_actor
def person_anonymise(*, person: Person, by: Actor, reason: str) -> PersonErasure:
    """Replace `person`'s identity everywhere by a stable pseudonym, keep every row; record who and why."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("Say why this person is anonymised (the request, its date)."))
    with transaction.atomic():
        locked(person)
        if PersonErasure.objects.filter(person_id=person.pk).exists():
            raise ValidationError(_("This person has already been anonymised."))
        if (hold := legal_hold(person)) is not None:
            raise ValidationError(hold)
        needles = identity_needles(person)
        erasure = PersonErasure.objects.create(person_id=person.pk, by=by, reason=reason)
        pseudonym = erasure.pseudonym
        rows = _rewrite_text_everywhere(needles, pseudonym)

        # The directory record, in its history rows too (they keep first and last names apart).
        blank = {
            "first_name": FIRST_NAME,
            "last_name": pseudonym.removeprefix(FIRST_NAME).strip(),
            "civility": "",
            "email": "",
            "phone": "",
            "function": "",
        }
        person.history.model._base_manager.filter(id=person.pk).update(**blank)
        for name, value in blank.items():
            setattr(person, name, value)
        record_change(person, by=by, reason=_("Anonymised on request"))
        person.save()

        user = person.user
        if user is not None:
            old_username = user.username
            user.username = f"anonyme-{erasure.pk}"
            user.first_name, user.last_name, user.email = person.first_name, person.last_name, ""
            user.is_active = False
            user.set_unusable_password()
            user.save()
            for label in LOGIN_LOG_MODELS:
                apps.get_model(label)._base_manager.filter(username=old_username).update(
                    username=user.username, user_agent="", ip_address=None
                )

        # Their files already prepared hold their identity: gone with it.
        for export in PersonExport.objects.filter(person=person):
            export.file.delete(save=False)
            export.delete()

        erasure.refresh_from_db(fields=["reason"])  # rewritten above if it named them
        erasure.rows = rows
        erasure.save(update_fields=["rows"])
    return erasure
