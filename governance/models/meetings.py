"""Models of governance: meetings."""

from __future__ import annotations

from datetime import timedelta

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from core.fields import created_stamp, optional_fk, optional_owner, updated_stamp
from core.states import state_flags
from directory.models import College, Person

from .committees import Committee


@state_flags(tones={"HELD": "success", "CONVENED": "primary", "CANCELLED": "secondary"})
class Meeting(models.Model):
    class Status(models.TextChoices):
        PLANNED = "prevue", pgettext_lazy("meeting status", "Planned")
        CONVENED = "convoquee", pgettext_lazy("meeting status", "Convened")
        HELD = "tenue", pgettext_lazy("meeting status", "Held")
        CANCELLED = "annulee", pgettext_lazy("meeting status", "Cancelled")

    committee = models.ForeignKey(
        Committee, verbose_name=_("committee"), on_delete=models.CASCADE, related_name="meetings"
    )
    number = models.PositiveSmallIntegerField(_("number in the series"), null=True, blank=True)
    title = models.CharField(_("title"), max_length=200)
    starts_at = models.DateTimeField(_("date and time"))
    duration_minutes = models.PositiveSmallIntegerField(
        _("duration (minutes)"), default=180, validators=[MinValueValidator(15), MaxValueValidator(24 * 60)]
    )
    place = models.CharField(_("place"), max_length=255, blank=True)
    video_link = models.URLField(_("video link"), blank=True)
    animators = models.ManyToManyField(
        Person,
        verbose_name=_("animated by"),
        blank=True,
        related_name="meetings_animated",
        help_text=_("Who leads the meeting or the workshop (not the chair of the committee)."),
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PLANNED)
    convened_at = models.DateTimeField(_("convened at"), null=True, blank=True)
    held_at = models.DateTimeField(_("recorded as held at"), null=True, blank=True)
    # The quorum as it stood when the meeting was recorded as held (the sentence shown then),
    # and, when it was not reached, why the meeting was held all the same.
    held_quorum = models.CharField(_("quorum when recorded as held"), max_length=500, blank=True)
    held_without_quorum_note = models.TextField(_("why it was held without quorum"), blank=True)
    cancellation_reason = models.CharField(_("reason for cancellation"), max_length=255, blank=True)
    sequence = models.PositiveIntegerField(
        _("iCalendar revision"),
        default=0,
        help_text=_("Raised at each change so calendars update the event."),
    )
    created_at = created_stamp(_("created at"))
    updated_at = updated_stamp(_("updated at"))

    history = HistoricalRecords(m2m_fields=[animators])

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["starts_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["committee", "number"],
                condition=Q(number__isnull=False),
                name="meeting_number_unique_in_committee",
            )
        ]
        indexes = [
            models.Index(fields=["committee", "starts_at"]),
            models.Index(fields=["status", "starts_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.committee} — {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("governance:meeting_detail", args=[self.pk])

    @property
    def ends_at(self):
        return self.starts_at + timedelta(minutes=self.duration_minutes)

    @property
    def ical_uid(self) -> str:
        return f"meeting-{self.pk}@copilote"

    @property
    def is_open(self) -> bool:
        """Planned or convened: its agenda and attendance are still being prepared."""
        return self.status in (self.Status.PLANNED, self.Status.CONVENED)


@state_flags()
class AgendaItem(models.Model):
    class Status(models.TextChoices):
        OPEN = "a_traiter", pgettext_lazy("agenda item status", "To be dealt with")
        DONE = "traite", pgettext_lazy("agenda item status", "Dealt with")
        CARRIED = "reporte", pgettext_lazy("agenda item status", "Carried to the next meeting")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agenda_items")
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    title = models.CharField(_("title"), max_length=255)
    description = models.TextField(_("details"), blank=True)
    duration_minutes = models.PositiveSmallIntegerField(
        _("planned duration (minutes)"),
        default=15,
        validators=[MinValueValidator(1), MaxValueValidator(24 * 60)],
    )
    presenter = optional_fk(Person, _("presenter"))
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.OPEN)
    carried_from = optional_fk("self", _("carried from"), "carried_to")

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        ordering = ["meeting", "order", "pk"]

    def __str__(self) -> str:
        return self.title


@state_flags()
class Attendance(models.Model):
    class Status(models.TextChoices):
        INVITED = "invite", pgettext_lazy("attendance", "Invited")
        PRESENT = "present", pgettext_lazy("attendance", "Present")
        EXCUSED = "excuse", pgettext_lazy("attendance", "Excused")
        ABSENT = "absent", pgettext_lazy("attendance", "Absent")
        REPRESENTED = "represente", pgettext_lazy("attendance", "Represented")

    # What a member may answer (« invited » is only the state before anything is recorded).
    ANSWERS = (Status.PRESENT, Status.EXCUSED, Status.ABSENT, Status.REPRESENTED)

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendances")
    person = optional_owner(Person, _("person"), "attendances")
    guest_name = models.CharField(_("guest's name"), max_length=200, blank=True)
    guest_organisation = models.CharField(_("guest's organisation"), max_length=200, blank=True)
    is_guest = models.BooleanField(_("guest"), default=False)
    college = models.CharField(_("college"), max_length=20, choices=College.choices, blank=True)
    status = models.CharField(_("attendance"), max_length=20, choices=Status.choices, default=Status.INVITED)
    represented_by = models.ForeignKey(
        "self",
        verbose_name=_("represented by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="proxies_held",
        help_text=_("A member of the same meeting, present, who holds this member's proxy."),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendances")
        ordering = ["meeting", "is_guest", "college", "person__last_name", "guest_name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "person"],
                condition=Q(person__isnull=False),
                name="attendance_once_per_person",
            ),
            models.CheckConstraint(
                condition=Q(person__isnull=False) | ~Q(guest_name=""), name="attendance_person_or_guest_name"
            ),
        ]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        return self.person.full_name if self.person_id else self.guest_name

    @property
    def counts_for_quorum(self) -> bool:
        """Members present or represented count; guests never do."""
        return not self.is_guest and self.status in (self.Status.PRESENT, self.Status.REPRESENTED)

    @property
    def status_text(self) -> str:
        """The status in words, naming the proxy: « Représenté·e par Anne Martin »."""
        if self.status == self.Status.REPRESENTED and self.represented_by_id:
            return _("Represented by %(name)s") % {"name": self.represented_by.display_name}
        return str(self.get_status_display())
