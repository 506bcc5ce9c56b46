"""Models of governance: minutes."""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from core.fields import created_stamp, optional_fk, optional_user, updated_stamp
from core.states import state_flags
from directory.models import Person

from .meetings import AgendaItem, Meeting


@state_flags()
@state_flags(field="approval_mode", choices="ApprovalMode", prefix="approved_")
class Minutes(models.Model):
    """One version of the minutes (compte rendu) of a meeting.

    Approved versions are read-only: a correction creates the next version, in draft,
    and the approved one is kept as it was.
    """

    class Status(models.TextChoices):
        DRAFT = "brouillon", pgettext_lazy("minutes status", "Draft")
        CIRCULATED = "diffuse", pgettext_lazy("minutes status", "Circulated")
        APPROVED = "approuve", pgettext_lazy("minutes status", "Approved")

    class ApprovalMode(models.TextChoices):
        CHAIR = "president", _("By the chair")
        MEETING = "seance", _("At a later meeting")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="minutes_versions")
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    summary = models.TextField(_("general summary"), blank=True)
    correction_reason = models.TextField(_("reason for the correction"), blank=True)
    written_by = optional_user(_("written by"))
    circulated_at = models.DateTimeField(_("circulated at"), null=True, blank=True)
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    approved_by = optional_user(_("approved by"))
    approval_mode = models.CharField(_("approval"), max_length=20, choices=ApprovalMode.choices, blank=True)
    approved_at_meeting = optional_fk(Meeting, _("approved at the meeting"), "approved_minutes")
    created_at = created_stamp(_("created at"))
    updated_at = updated_stamp(_("updated at"))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("minutes")
        verbose_name_plural = _("minutes")
        ordering = ["meeting", "-version"]
        constraints = [models.UniqueConstraint(fields=["meeting", "version"], name="minutes_version_unique")]

    def __str__(self) -> str:
        return _("Minutes of %(meeting)s (v%(version)s)") % {
            "meeting": self.meeting.title,
            "version": self.version,
        }

    @property
    def is_read_only(self) -> bool:
        return self.status == self.Status.APPROVED

    @property
    def can_be_circulated(self) -> bool:
        return self.status == self.Status.DRAFT


class MinutesItem(models.Model):
    """What was said on one agenda item, in one version of the minutes."""

    minutes = models.ForeignKey(Minutes, on_delete=models.CASCADE, related_name="items")
    agenda_item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="minutes_items")
    text = models.TextField(_("minutes of the item"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("minutes of an item")
        verbose_name_plural = _("minutes of the items")
        ordering = ["minutes", "agenda_item__order", "agenda_item__pk"]
        constraints = [models.UniqueConstraint(fields=["minutes", "agenda_item"], name="minutes_item_once")]

    def __str__(self) -> str:
        return str(self.agenda_item)


class MinutesCirculation(models.Model):
    """One sending of a version of the minutes to the committee's members: an e-mail with the PDF, a notice."""

    minutes = models.ForeignKey(
        Minutes, verbose_name=_("minutes"), on_delete=models.CASCADE, related_name="circulations"
    )
    circulated_at = models.DateTimeField(_("circulated at"), default=timezone.now)
    circulated_by = optional_user(_("circulated by"))
    attachment_name = models.CharField(_("attached file"), max_length=255, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("circulation of the minutes")
        verbose_name_plural = _("circulations of the minutes")
        ordering = ["-circulated_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.minutes} — {self.circulated_at:%Y-%m-%d %H:%M}"

    @property
    def not_reached(self) -> list[MinutesRecipient]:
        """Members with neither an address nor an account (from the prefetched recipients)."""
        return [r for r in self.recipients.all() if not r.email and not r.notified]


class MinutesRecipient(models.Model):
    """Who a circulation reached, as they were then: the address written to, whether a notice was left."""

    circulation = models.ForeignKey(MinutesCirculation, on_delete=models.CASCADE, related_name="recipients")
    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    name = models.CharField(_("name"), max_length=255)
    email = models.EmailField(_("e-mail"), blank=True)
    notified = models.BooleanField(_("in-app notice"), default=False)

    class Meta:
        verbose_name = _("recipient of the minutes")
        verbose_name_plural = _("recipients of the minutes")
        ordering = ["circulation", "name", "pk"]

    def __str__(self) -> str:
        return self.name
