"""Models of adherents: trajectories, their steps and the contact attempts along them."""

from __future__ import annotations

from datetime import date, timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from core.fields import created_stamp, optional_fk, optional_user
from core.states import state_flags
from directory.models import Organisation

from .members import Adherent, StaffRole


class TrajectoryTemplate(models.Model):
    """A model of trajectory: the new member's, the confirmed member's."""

    class Kind(models.TextChoices):
        NEW_MEMBER = "nouvel", _("New member")
        CONFIRMED_MEMBER = "confirme", _("Confirmed member")

    service = models.ForeignKey(
        Organisation,
        verbose_name=_("service"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="trajectory_templates",
        help_text=_("Empty: a template every service may use."),
    )
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.NEW_MEMBER)
    description = models.TextField(_("description"), blank=True)
    is_default = models.BooleanField(_("started when a membership is validated"), default=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("trajectory template")
        verbose_name_plural = _("trajectory templates")
        ordering = ["kind", "name"]

    def __str__(self) -> str:
        return self.name


class TrajectoryStep(models.Model):
    """A step of a template: what, who, and its delay from a reference."""

    class Phase(models.IntegerChoices):
        WELCOME = 1, _("1. We welcome them")
        INFORM = 2, _("2. We inform them")
        SENSITISE = 3, _("3. We raise their awareness")
        SUPPORT = 4, _("4. We support them")
        RENEWAL = 5, _("Renewal")

    class Reference(models.TextChoices):
        START = "debut", _("Validation of the membership (start of the trajectory)")
        PREVIOUS = "precedente", _("Completion of the previous step")

    class Kind(models.TextChoices):
        TASK = "tache", _("Task")
        WELCOME_CALL = "appel", _("Welcome call")
        PREVENTION_VISIT = "visite", _("Prevention visit")
        ACTION_PLAN = "plan", _("Action plan")

    template = models.ForeignKey(
        TrajectoryTemplate, verbose_name=_("template"), on_delete=models.CASCADE, related_name="steps"
    )
    order = models.PositiveSmallIntegerField(_("order"))
    phase = models.PositiveSmallIntegerField(_("phase"), choices=Phase.choices)
    name = models.CharField(_("name"), max_length=200)
    portal_label = models.CharField(
        _("name shown to the company"),
        max_length=255,
        blank=True,
        help_text=_("Plain words for the member's portal, without the service's internal codes."),
    )
    description = models.TextField(_("description"), blank=True)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.TASK)
    responsible = models.CharField(_("who does it"), max_length=20, choices=StaffRole.choices)
    reference = models.CharField(_("delay counted from"), max_length=12, choices=Reference.choices)
    delay_days = models.PositiveSmallIntegerField(
        _("delay (days)"), help_text=_("For the prevention visit, the UST's delay is used instead.")
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("trajectory step")
        verbose_name_plural = _("trajectory steps")
        ordering = ["template", "order"]
        constraints = [
            models.UniqueConstraint(fields=["template", "order"], name="adherents_step_unique_order")
        ]

    def __str__(self) -> str:
        return f"{self.order}. {self.name}"

    @property
    def label_for_company(self) -> str:
        return self.portal_label or self.name


class StepInstance(models.Model):
    """A step of a member's trajectory, with its due date and its completion."""

    class Status(models.TextChoices):
        DONE = "fait", pgettext_lazy("step status", "Done")
        LATE = "retard", pgettext_lazy("step status", "Late")
        DUE = "a_faire", pgettext_lazy("step status", "Due")
        UPCOMING = "a_venir", pgettext_lazy("step status", "Upcoming")

    adherent = models.ForeignKey(
        Adherent, verbose_name=_("member company"), on_delete=models.CASCADE, related_name="steps"
    )
    step = models.ForeignKey(
        TrajectoryStep, verbose_name=_("step"), on_delete=models.PROTECT, related_name="+"
    )
    started_on = models.DateField(_("trajectory started on"))
    due_on = models.DateField(_("due on"))
    completed_on = models.DateField(_("completed on"), null=True, blank=True)
    completed_by = optional_user(_("completed by"))
    assignee = optional_user(_("assigned to"), "member_steps")
    comment = models.TextField(_("comment"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("member's step")
        verbose_name_plural = _("members' steps")
        ordering = ["adherent", "started_on", "step__order"]
        indexes = [models.Index(fields=["completed_on", "due_on"])]

    def __str__(self) -> str:
        return f"{self.adherent} — {self.step.name}"

    #: Days before the due date from which an open step shows as "due" rather than "upcoming".
    DUE_SOON_DAYS = 15

    def status_on(self, today: date) -> str:
        if self.completed_on:
            return self.Status.DONE
        if self.due_on < today:
            return self.Status.LATE
        if self.due_on <= today + timedelta(days=self.DUE_SOON_DAYS):
            return self.Status.DUE
        return self.Status.UPCOMING

    @property
    def status(self) -> str:
        return self.status_on(timezone.localdate())

    @property
    def status_label(self) -> str:
        return self.Status(self.status).label

    @property
    def is_late(self) -> bool:
        """Still open past its due date (today)."""
        return self.status == self.Status.LATE

    @property
    def completed_late(self) -> bool:
        return bool(self.completed_on and self.completed_on > self.due_on)


@state_flags(
    field="outcome",
    choices="Outcome",
    prefix="was_",
    tones={"REACHED": "success", "UNREACHABLE": "danger", "MESSAGE_LEFT": "secondary", "SENT": "secondary"},
)
class ContactAttempt(models.Model):
    """A call, e-mail, letter or meeting with a member, and its outcome."""

    class Channel(models.TextChoices):
        PHONE = "telephone", _("Phone call")
        EMAIL = "email", _("E-mail")
        MEETING = "rencontre", _("Meeting")
        VIDEO = "visio", _("Video call")
        LETTER = "courrier", _("Letter")

    class Outcome(models.TextChoices):
        REACHED = "joint", _("Reached")
        UNREACHABLE = "injoignable", _("Unreachable")
        MESSAGE_LEFT = "message", _("Message left")
        SENT = "envoye", _("Sent, no reply yet")

    adherent = models.ForeignKey(
        Adherent, verbose_name=_("member company"), on_delete=models.CASCADE, related_name="contacts"
    )
    step = optional_fk(StepInstance, _("trajectory step"), "contacts")
    happened_at = models.DateTimeField(_("date and time"), default=timezone.now)
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices, default=Channel.PHONE)
    outcome = models.CharField(_("outcome"), max_length=12, choices=Outcome.choices)
    person_reached = models.CharField(_("person reached"), max_length=200, blank=True)
    summary = models.TextField(_("what was said"), blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = created_stamp(_("created at"))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("contact attempt")
        verbose_name_plural = _("contact attempts")
        ordering = ["-happened_at", "-pk"]
        indexes = [models.Index(fields=["adherent", "-happened_at"])]

    def __str__(self) -> str:
        return f"{self.get_channel_display()} — {self.get_outcome_display()}"
