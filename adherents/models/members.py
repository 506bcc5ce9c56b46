"""Models of adherents: members."""

from __future__ import annotations

from datetime import date, timedelta

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from core.states import state_flags
from directory.models import Organisation

from ._common import FIRST_CONTACT_DELAY_DAYS, MAX_PREVENTION_VISIT_DELAY_DAYS


class Sector(models.Model):
    """A geographic sector of a service (AST: Béthune, Arras, Lens, Hénin/Carvin)."""

    service = models.ForeignKey(
        Organisation, verbose_name=_("service"), on_delete=models.CASCADE, related_name="member_sectors"
    )
    name = models.CharField(_("name"), max_length=120)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("sector")
        verbose_name_plural = _("sectors")
        ordering = ["service", "order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["service", "name"], name="adherents_sector_unique_name")
        ]

    def __str__(self) -> str:
        return self.name


class HealthUnit(models.Model):
    """A UST (unité santé travail): a local team, which sets the prevention visit's delay."""

    service = models.ForeignKey(
        Organisation, verbose_name=_("service"), on_delete=models.CASCADE, related_name="health_units"
    )
    sector = models.ForeignKey(
        Sector,
        verbose_name=_("sector"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="units",
    )
    name = models.CharField(_("name"), max_length=120)
    physician = models.CharField(_("occupational physician"), max_length=200, blank=True)
    prevention_visit_delay_days = models.PositiveSmallIntegerField(
        _("prevention visit delay (days)"),
        default=MAX_PREVENTION_VISIT_DELAY_DAYS,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_PREVENTION_VISIT_DELAY_DAYS)],
        help_text=_("Days after the membership is validated; at most 6 months (183 days)."),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("UST (health unit)")
        verbose_name_plural = _("USTs (health units)")
        ordering = ["service", "name"]
        constraints = [
            models.UniqueConstraint(fields=["service", "name"], name="adherents_unit_unique_name"),
            models.CheckConstraint(
                condition=models.Q(prevention_visit_delay_days__gte=1)
                & models.Q(prevention_visit_delay_days__lte=MAX_PREVENTION_VISIT_DELAY_DAYS),
                name="adherents_unit_delay_at_most_6_months",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class StaffRole(models.TextChoices):
    """Who does a step (seed 004, "Qui ?")."""

    MEDICAL_SECRETARY = "secretaire", _("Medical secretary")
    INFORMATION_OFFICER = "information", _("Information officer")
    PREVENTION_ASSISTANT = "asst", _("Prevention assistant (ASST)")
    PHYSICIAN = "medecin", _("Occupational physician")
    UST = "ust", _("UST (whole team)")
    MEMBER_SERVICE = "service_adherent", _("Member service")


class Adherent(models.Model):
    """An organisation's membership of a service: the member file."""

    class FollowUpCategory(models.TextChoices):
        SIG = "sig", _("SIG only")
        SIR = "sir", _("SIR only")
        BOTH = "mixte", _("SIG and SIR")

    class DuStatus(models.TextChoices):
        UNKNOWN = "", _("Not known yet")
        NONE = "absent", _("No DU")
        IN_PROGRESS = "en_cours", _("DU being written")
        EXISTS = "existe", _("DU exists")
        UP_TO_DATE = "a_jour", _("DU up to date (less than a year)")

    service = models.ForeignKey(
        Organisation,
        verbose_name=_("service"),
        on_delete=models.PROTECT,
        related_name="service_members",
        limit_choices_to={"kind": Organisation.Kind.SSTI},
    )
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("company"), on_delete=models.PROTECT, related_name="memberships"
    )
    membership_number = models.CharField(_("membership number"), max_length=30)
    applied_on = models.DateField(_("application date"), null=True, blank=True)
    validated_on = models.DateField(_("validation date"), null=True, blank=True)
    left_on = models.DateField(_("departure date"), null=True, blank=True)
    sector = models.ForeignKey(
        Sector,
        verbose_name=_("sector"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="members",
    )
    unit = models.ForeignKey(
        HealthUnit,
        verbose_name=_("UST"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="members",
    )
    referent = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("staff referent"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="referent_of_members",
    )
    headcount = models.PositiveIntegerField(_("headcount"), null=True, blank=True)
    sig_count = models.PositiveIntegerField(
        _("workers in SIG"), default=0, help_text=_("General individual follow-up.")
    )
    sir_count = models.PositiveIntegerField(
        _("workers in SIR"), default=0, help_text=_("Reinforced individual follow-up (specific risks).")
    )
    disabled_workers_count = models.PositiveIntegerField(_("workers with a disability"), default=0)
    accounting_firm = models.BooleanField(_("file handled by an accounting firm"), default=False)
    accounting_firm_name = models.CharField(_("accounting firm"), max_length=200, blank=True)
    # Contacts (seed 004, "informations à collecter": administrative, HR, prevention contacts).
    admin_contact_name = models.CharField(_("administrative contact"), max_length=200, blank=True)
    admin_contact_email = models.EmailField(_("administrative contact e-mail"), blank=True)
    admin_contact_phone = models.CharField(_("administrative contact phone"), max_length=30, blank=True)
    hr_contact_name = models.CharField(_("HR contact"), max_length=200, blank=True)
    hr_contact_email = models.EmailField(_("HR contact e-mail"), blank=True)
    hr_contact_phone = models.CharField(_("HR contact phone"), max_length=30, blank=True)
    prevention_contact_name = models.CharField(_("prevention contact"), max_length=200, blank=True)
    prevention_contact_email = models.EmailField(_("prevention contact e-mail"), blank=True)
    prevention_contact_phone = models.CharField(_("prevention contact phone"), max_length=30, blank=True)
    # What the service collects about the company.
    sign_name = models.CharField(_("sign name"), max_length=200, blank=True)
    activity_description = models.TextField(
        _("activity and services"),
        blank=True,
        help_text=_("Two or three lines on the activity and its departments."),
    )
    opening_hours = models.TextField(_("opening days and hours"), blank=True)
    activity_place = models.CharField(_("place of activity"), max_length=255, blank=True)
    meeting_place = models.CharField(_("meeting place"), max_length=255, blank=True)
    has_premises = models.BooleanField(_("has premises"), default=False)
    has_warehouse = models.BooleanField(_("has a warehouse"), default=False)
    has_worksites = models.BooleanField(_("works on worksites"), default=False)
    du_status = models.CharField(
        _("existing prevention (DU)"), max_length=10, choices=DuStatus.choices, blank=True
    )
    du_help_needed = models.BooleanField(_("needs help with the DU"), default=False)
    ppe_and_products = models.TextField(_("PPE and products used"), blank=True)
    # Kept up to date by the contact log (services.contact_log), read by lists and figures.
    first_reached_at = models.DateTimeField(_("first reached on"), null=True, blank=True)
    unreachable = models.BooleanField(_("unreachable"), default=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at", "first_reached_at", "unreachable"])

    #: The fields a member contact may update on the portal (seed 004: contacts, opening hours).
    PORTAL_EDITABLE_FIELDS = (
        "admin_contact_name",
        "admin_contact_email",
        "admin_contact_phone",
        "hr_contact_name",
        "hr_contact_email",
        "hr_contact_phone",
        "prevention_contact_name",
        "prevention_contact_email",
        "prevention_contact_phone",
        "opening_hours",
    )

    class Meta:
        verbose_name = _("member company")
        verbose_name_plural = _("member companies")
        ordering = ["organisation__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["service", "membership_number"], name="adherents_unique_membership_number"
            ),
        ]
        indexes = [
            models.Index(fields=["service", "validated_on"]),
            models.Index(fields=["service", "sector"]),
        ]

    def __str__(self) -> str:
        return str(self.organisation.name)

    def get_absolute_url(self) -> str:
        return reverse("adherents:adherent_detail", args=[self.pk])

    @property
    def follow_up_category(self) -> str:
        if self.sig_count and self.sir_count:
            return self.FollowUpCategory.BOTH.label
        if self.sir_count:
            return self.FollowUpCategory.SIR.label
        if self.sig_count:
            return self.FollowUpCategory.SIG.label
        return ""

    @property
    def first_contact_due_on(self) -> date | None:
        return self.validated_on + timedelta(days=FIRST_CONTACT_DELAY_DAYS) if self.validated_on else None


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
    completed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("completed by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assigned to"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="member_steps",
    )
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
    step = models.ForeignKey(
        StepInstance,
        verbose_name=_("trajectory step"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="contacts",
    )
    happened_at = models.DateTimeField(_("date and time"), default=timezone.now)
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices, default=Channel.PHONE)
    outcome = models.CharField(_("outcome"), max_length=12, choices=Outcome.choices)
    person_reached = models.CharField(_("person reached"), max_length=200, blank=True)
    summary = models.TextField(_("what was said"), blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("contact attempt")
        verbose_name_plural = _("contact attempts")
        ordering = ["-happened_at", "-pk"]
        indexes = [models.Index(fields=["adherent", "-happened_at"])]

    def __str__(self) -> str:
        return f"{self.get_channel_display()} — {self.get_outcome_display()}"


class StaffNote(models.Model):
    """A private note of the service's staff on a member: never shown to the member."""

    adherent = models.ForeignKey(
        Adherent, verbose_name=_("member company"), on_delete=models.CASCADE, related_name="staff_notes"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    body = models.TextField(_("note"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("staff note")
        verbose_name_plural = _("staff notes")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.body[:60]
