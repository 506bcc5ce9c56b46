"""Services of governance: circulating draft minutes to the committee's current members."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from core import french
from core.history import records_actor, set_history_author
from directory.models import Person
from reminders.services import absolute_url, email_queue, notify

from ..models import Membership, Minutes, MinutesCirculation, MinutesRecipient
from .minutes import _has_content, _locked_minutes


@dataclass(frozen=True)
class Recipient:
    """A current member of the committee, and how the circulated minutes reach them."""

    person: Person

    @property
    def email(self) -> str:
        return self.person.email.strip()

    @property
    def user(self) -> User | None:
        user = self.person.user
        return user if user is not None and user.is_active else None


class AlreadyCirculated(ValidationError):
    """These minutes were circulated in the meantime (a doubled click): nothing is sent twice."""


def minutes_recipients(minutes: Minutes) -> list[Recipient]:
    """The committee's members whose mandate is in progress today, by name."""
    memberships = (
        Membership.objects.filter(Membership.active_q(), committee_id=minutes.meeting.committee_id)
        .select_related("person__user")
        .order_by("person__last_name", "person__first_name", "pk")
    )
    return [Recipient(person=m.person) for m in memberships]


def minutes_circulation_record(
    *, minutes: Minutes, by: User | None, at: datetime, file_name: str, recipients: list[Recipient]
) -> MinutesCirculation:
    """Record that `minutes` went to `recipients` at `at` (the row and one line per recipient); whoever has an
    account, but the sender, is marked notified. `minutes_circulate` sends and records; the demo records
    the circulations of its past."""
    circulation = MinutesCirculation(
        minutes=minutes, circulated_at=at, circulated_by=by, attachment_name=file_name
    )
    set_history_author(circulation, by)
    circulation.save()
    actor_id = getattr(by, "pk", None)
    MinutesRecipient.objects.bulk_create(
        [
            MinutesRecipient(
                circulation=circulation,
                person=r.person,
                name=r.person.full_name,
                email=r.email,
                notified=r.user is not None and r.user.pk != actor_id,
            )
            for r in recipients
        ]
    )
    return circulation


@records_actor
def minutes_circulate(*, minutes: Minutes, by: User) -> MinutesCirculation:
    """Send a draft version to the committee's current members, and record to whom and when.

    Each member with an address gets an e-mail with the minutes PDF attached (through the outbox, sent
    after commit); each member with an account gets an in-app notice. The row is locked first, so a
    doubled request circulates once (the second raises `AlreadyCirculated`).
    """
    from ..documents import minutes_file_name, minutes_pdf_now  # documents reads the selectors, which read us

    with transaction.atomic():
        minutes = _locked_minutes(minutes)
        if minutes.status == Minutes.Status.CIRCULATED:
            raise AlreadyCirculated(
                _("These minutes were already circulated on %(date)s.")
                % {
                    "date": french.jour_heure(minutes.circulated_at),
                }
            )
        if minutes.status != Minutes.Status.DRAFT:
            raise ValidationError(_("Only draft minutes can be circulated."))
        if not _has_content(minutes):
            raise ValidationError(_("These minutes are empty: write them before circulating them."))
        recipients = minutes_recipients(minutes)
        if not recipients:
            raise ValidationError(_("The committee has no current member to circulate the minutes to."))
        meeting = minutes.meeting
        now = timezone.now()
        minutes.status = Minutes.Status.CIRCULATED
        minutes.circulated_at = now
        set_history_author(minutes, by)
        minutes.save(update_fields=["status", "circulated_at", "updated_at"])

        # Rendered after the status changed, so the PDF says « Diffusé » and which version it is.
        pdf = minutes_pdf_now(meeting, requested_by=by)
        file_name = minutes_file_name(meeting)
        circulation = minutes_circulation_record(
            minutes=minutes, by=by, at=now, file_name=file_name, recipients=recipients
        )

        url = reverse("governance:meeting_detail", args=[meeting.pk]) + "#compte-rendu"
        context = {
            "meeting": meeting,
            "minutes": minutes,
            "by": by,
            "url": absolute_url(url),
            "file_name": file_name,
        }
        subject = _("Minutes: %(committee)s, %(date)s") % {
            "committee": meeting.committee.name,
            "date": french.jour(meeting.starts_at),
        }
        email_queue(
            to=[r.email for r in recipients if r.email],
            subject=subject,
            body=render_to_string("governance/email/minutes.txt", context),
            attachments=[(file_name, pdf, "application/pdf")],
        )
        notify(
            users=[r.user for r in recipients if r.user is not None],
            title=_("Minutes circulated: %(title)s") % {"title": meeting.title},
            message=_(
                "Version %(version)s of the minutes of %(title)s (%(date)s) is circulated to the committee."
            )
            % {
                "version": minutes.version,
                "title": meeting.title,
                "date": french.jour(meeting.starts_at),
            },
            url=url,
            email=False,
            actor=by,
            kind="minutes_circulated",
            about=meeting,
        )
    return circulation
