"""Member companies of an occupational-health service and everything the service does with them.

Seed 004 (AST, projet de service 2021–2025): the new member's trajectory (welcome,
inform, sensitise with the *rendez-vous de la prévention*, support with an action plan),
what the service must collect, the visit and its restitution, satisfaction surveys,
complaints, staff-only notes and the online membership form.
"""

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

#: The longest delay a UST may set for the prevention visit (seed 004: "max 6 mois").
MAX_PREVENTION_VISIT_DELAY_DAYS = 183
#: A member is "contacted in time" when reached within this many days of validation.
FIRST_CONTACT_DELAY_DAYS = 15
#: Failed attempts in a row, without any success, after which a member is flagged unreachable.
UNREACHABLE_AFTER_ATTEMPTS = 3


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
        constraints = [models.UniqueConstraint(fields=["service", "name"], name="adherents_sector_unique_name")]

    def __str__(self) -> str:
        return self.name


class HealthUnit(models.Model):
    """A UST (unité santé travail): a local team, which sets the prevention visit's delay."""

    service = models.ForeignKey(
        Organisation, verbose_name=_("service"), on_delete=models.CASCADE, related_name="health_units"
    )
    sector = models.ForeignKey(
        Sector, verbose_name=_("sector"), on_delete=models.SET_NULL, null=True, blank=True, related_name="units"
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
        Sector, verbose_name=_("sector"), on_delete=models.SET_NULL, null=True, blank=True, related_name="members"
    )
    unit = models.ForeignKey(
        HealthUnit, verbose_name=_("UST"), on_delete=models.SET_NULL, null=True, blank=True, related_name="members"
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
    sig_count = models.PositiveIntegerField(_("workers in SIG"), default=0, help_text=_("General individual follow-up."))
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
        _("activity and services"), blank=True, help_text=_("Two or three lines on the activity and its departments.")
    )
    opening_hours = models.TextField(_("opening days and hours"), blank=True)
    activity_place = models.CharField(_("place of activity"), max_length=255, blank=True)
    meeting_place = models.CharField(_("meeting place"), max_length=255, blank=True)
    has_premises = models.BooleanField(_("has premises"), default=False)
    has_warehouse = models.BooleanField(_("has a warehouse"), default=False)
    has_worksites = models.BooleanField(_("works on worksites"), default=False)
    du_status = models.CharField(_("existing prevention (DU)"), max_length=10, choices=DuStatus.choices, blank=True)
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
        constraints = [models.UniqueConstraint(fields=["template", "order"], name="adherents_step_unique_order")]

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
    step = models.ForeignKey(TrajectoryStep, verbose_name=_("step"), on_delete=models.PROTECT, related_name="+")
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
    field="outcome", choices="Outcome", prefix="was_",
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


class HazardFamily(models.TextChoices):
    """The reference checklist of the usual hazard families."""

    FALLS = "chutes", _("Falls (same level, from height)")
    HANDLING = "manutention", _("Manual handling")
    POSTURES = "postures", _("Postures, repetitive work (MSD)")
    NOISE = "bruit", _("Noise")
    VIBRATIONS = "vibrations", _("Vibrations")
    CHEMICAL = "chimique", _("Chemical agents")
    BIOLOGICAL = "biologique", _("Biological agents")
    MACHINES = "machines", _("Machines and tools")
    ELECTRICAL = "electrique", _("Electrical")
    ROAD = "routier", _("Road risk")
    PSYCHOSOCIAL = "rps", _("Psychosocial risks (RPS)")
    LONE_WORK = "isole", _("Lone work")
    THERMAL = "thermique", _("Heat, cold")
    SCREEN = "ecran", _("Screen work")
    LIGHTING = "eclairage", _("Lighting")
    FIRE = "incendie", _("Fire, explosion")


@state_flags(tones={"PLANNED": "secondary", "DONE": "success", "CANCELLED": "secondary"})
class PreventionVisit(models.Model):
    """The *rendez-vous de la prévention*: before, during and after."""

    class Status(models.TextChoices):
        PLANNED = "prevue", pgettext_lazy("visit status", "Planned")
        DONE = "realisee", pgettext_lazy("visit status", "Done")
        CANCELLED = "annulee", pgettext_lazy("visit status", "Cancelled")

    class RestitutionFormat(models.TextChoices):
        VIDEO = "visio", _("Video call")
        IN_PERSON = "presentiel", _("In person")
        PHONE = "telephone", _("Phone")
        MAIL = "courrier", _("Letter or e-mail only")

    class Level(models.IntegerChoices):
        LOW = 1, _("Low")
        MEDIUM = 2, _("Medium")
        HIGH = 3, _("High")

    adherent = models.ForeignKey(
        Adherent, verbose_name=_("member company"), on_delete=models.CASCADE, related_name="visits"
    )
    step = models.ForeignKey(
        StepInstance,
        verbose_name=_("trajectory step"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="visits",
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PLANNED)
    planned_on = models.DateField(_("planned on"), null=True, blank=True)
    done_on = models.DateField(_("date of the visit"), null=True, blank=True)
    performed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("prevention assistant"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    physician = models.CharField(_("occupational physician"), max_length=200, blank=True)
    # Before.
    documents_received = models.TextField(_("documents received from the member service"), blank=True)
    call_notes = models.TextField(
        _("appointment call: what was said"),
        blank=True,
        help_text=_("Introduce yourself, ask how the employer sees the service and prevention, explain the visit."),
    )
    # After.
    priority_hazards = models.TextField(_("priority hazards"), blank=True)
    posts_to_observe = models.TextField(_("posts needing a closer look"), blank=True)
    employer_knowledge = models.PositiveSmallIntegerField(
        _("employer's knowledge of prevention"), choices=Level.choices, null=True, blank=True
    )
    employer_motivation = models.PositiveSmallIntegerField(
        _("employer's motivation"), choices=Level.choices, null=True, blank=True
    )
    employer_needs = models.TextField(_("employer's needs and difficulties"), blank=True)
    training_needs = models.TextField(_("training needs"), blank=True)
    physician_ideas = models.TextField(_("ideas for the physician's action plan"), blank=True)
    # Restitution to the employer.
    proposed_hazard = models.CharField(
        _("hazard proposed to work on"), max_length=20, choices=HazardFamily.choices, blank=True
    )
    proposal = models.TextField(
        _("proposal to the employer"),
        blank=True,
        help_text=_("Follows the sentence: to help you move forward on this subject, we propose to discuss…"),
    )
    restitution_format = models.CharField(
        _("restitution format wished"), max_length=12, choices=RestitutionFormat.choices, blank=True
    )
    restitution_sent_on = models.DateField(_("restitution sent on"), null=True, blank=True)
    # The date written in the restitution letter: set when the letter is first issued, kept
    # when it is produced again, so every copy of the letter bears the same date.
    restitution_issued_on = models.DateField(_("restitution letter dated"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("prevention visit")
        verbose_name_plural = _("prevention visits")
        ordering = ["-done_on", "-planned_on", "-pk"]

    def __str__(self) -> str:
        when = self.done_on or self.planned_on
        return _("Prevention visit — %(member)s (%(date)s)") % {
            "member": self.adherent,
            "date": when.strftime("%d/%m/%Y") if when else "—",
        }

    def get_absolute_url(self) -> str:
        return reverse("adherents:visit_detail", args=[self.pk])


class WorkUnit(models.Model):
    """A work unit seen during the visit (a post, a workshop, a department)."""

    visit = models.ForeignKey(
        PreventionVisit, verbose_name=_("prevention visit"), on_delete=models.CASCADE, related_name="work_units"
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    name = models.CharField(_("work unit"), max_length=200)
    posts = models.CharField(_("posts concerned"), max_length=255, blank=True)
    description = models.TextField(_("activity observed"), blank=True)
    existing_measures = models.TextField(_("existing prevention measures"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("work unit")
        verbose_name_plural = _("work units")
        ordering = ["visit", "order", "pk"]

    def __str__(self) -> str:
        return self.name


class IdentifiedHazard(models.Model):
    """A hazard family spotted in a work unit, with the exposing situation."""

    work_unit = models.ForeignKey(
        WorkUnit, verbose_name=_("work unit"), on_delete=models.CASCADE, related_name="hazards"
    )
    family = models.CharField(_("hazard"), max_length=20, choices=HazardFamily.choices)
    situation = models.CharField(_("exposing situation"), max_length=255, blank=True)
    is_priority = models.BooleanField(_("priority"), default=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("identified hazard")
        verbose_name_plural = _("identified hazards")
        ordering = ["work_unit", "family"]
        constraints = [
            models.UniqueConstraint(fields=["work_unit", "family"], name="adherents_hazard_once_per_unit")
        ]

    def __str__(self) -> str:
        return self.get_family_display()


class WorkUnitPhoto(models.Model):
    """A photo of a positive or negative situation in a work unit."""

    work_unit = models.ForeignKey(WorkUnit, verbose_name=_("work unit"), on_delete=models.CASCADE, related_name="photos")
    image = models.FileField(_("photo"), upload_to="adherents/photos/%Y/%m/")
    caption = models.CharField(_("caption"), max_length=255, blank=True)
    positive = models.BooleanField(_("good practice"), default=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("work unit photo")
        verbose_name_plural = _("work unit photos")

    def __str__(self) -> str:
        return self.caption or self.image.name


class ActionPlanItem(models.Model):
    """An action proposed after the visit: who, by when, status."""

    class Status(models.TextChoices):
        PROPOSED = "proposee", pgettext_lazy("action status", "Proposed")
        IN_PROGRESS = "en_cours", pgettext_lazy("action status", "In progress")
        DONE = "realisee", pgettext_lazy("action status", "Done")
        ABANDONED = "abandonnee", pgettext_lazy("action status", "Abandoned")

    adherent = models.ForeignKey(
        Adherent, verbose_name=_("member company"), on_delete=models.CASCADE, related_name="action_items"
    )
    visit = models.ForeignKey(
        PreventionVisit,
        verbose_name=_("prevention visit"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="action_items",
    )
    title = models.CharField(_("action"), max_length=255)
    hazard = models.CharField(_("hazard"), max_length=20, choices=HazardFamily.choices, blank=True)
    who = models.CharField(_("who"), max_length=200)
    due_on = models.DateField(_("by"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PROPOSED)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("action plan item")
        verbose_name_plural = _("action plan items")
        ordering = ["adherent", "due_on", "pk"]

    def __str__(self) -> str:
        return self.title


@state_flags(field="mode", choices="Mode", prefix="by_")
class Survey(models.Model):
    """A satisfaction survey: by phone (answers recorded by staff) or on the portal."""

    class Mode(models.TextChoices):
        PHONE = "telephone", _("Phone survey (answers recorded by staff)")
        PORTAL = "portail", _("Answered by members on the portal")

    service = models.ForeignKey(Organisation, verbose_name=_("service"), on_delete=models.CASCADE, related_name="surveys")
    title = models.CharField(_("title"), max_length=255)
    description = models.TextField(_("description"), blank=True)
    mode = models.CharField(_("mode"), max_length=10, choices=Mode.choices, default=Mode.PHONE)
    population = models.CharField(_("population surveyed"), max_length=255, blank=True)
    opens_on = models.DateField(_("opens on"), null=True, blank=True)
    closes_on = models.DateField(_("closes on"), null=True, blank=True)
    is_open = models.BooleanField(_("open for answers"), default=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("survey")
        verbose_name_plural = _("surveys")
        ordering = ["-opens_on", "-pk"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("adherents:survey_results", args=[self.pk])


class SurveyQuestion(models.Model):
    class Kind(models.TextChoices):
        SINGLE = "unique", _("Single choice")
        MULTIPLE = "multiple", _("Multiple choice")
        RATING = "note", _("Rating from 1 to 5")
        TEXT = "texte", _("Free text")

    survey = models.ForeignKey(Survey, verbose_name=_("survey"), on_delete=models.CASCADE, related_name="questions")
    order = models.PositiveSmallIntegerField(_("order"))
    section = models.CharField(_("section"), max_length=200, blank=True)
    text = models.CharField(_("question"), max_length=500)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.SINGLE)
    required = models.BooleanField(_("required"), default=False)
    measures_satisfaction = models.BooleanField(
        _("measures satisfaction"),
        default=False,
        help_text=_("Counted in the survey's satisfaction rate (satisfied choices, or a rating of 4 or 5)."),
    )
    asked_if = models.ForeignKey(
        "SurveyChoice",
        verbose_name=_("asked only if the answer was"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="follow_up_questions",
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("survey question")
        verbose_name_plural = _("survey questions")
        ordering = ["survey", "order"]
        constraints = [models.UniqueConstraint(fields=["survey", "order"], name="adherents_question_unique_order")]

    def __str__(self) -> str:
        return self.text


class SurveyChoice(models.Model):
    question = models.ForeignKey(SurveyQuestion, verbose_name=_("question"), on_delete=models.CASCADE, related_name="choices")
    order = models.PositiveSmallIntegerField(_("order"))
    label = models.CharField(_("answer"), max_length=255)
    satisfied = models.BooleanField(_("counts as satisfied"), default=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("answer choice")
        verbose_name_plural = _("answer choices")
        ordering = ["question", "order"]

    def __str__(self) -> str:
        return self.label


class SurveyResponse(models.Model):
    """One member's participation in a survey; `reached=False` records an unreachable member."""

    survey = models.ForeignKey(Survey, verbose_name=_("survey"), on_delete=models.CASCADE, related_name="responses")
    adherent = models.ForeignKey(
        Adherent, verbose_name=_("member company"), on_delete=models.CASCADE, related_name="survey_responses"
    )
    reached = models.BooleanField(_("reached"), default=True)
    respondent = models.CharField(_("respondent"), max_length=200, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), on_delete=models.SET_NULL, null=True, related_name="+"
    )
    answered_on = models.DateField(_("answered on"), default=timezone.localdate)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("survey response")
        verbose_name_plural = _("survey responses")
        ordering = ["survey", "-answered_on"]
        constraints = [
            models.UniqueConstraint(fields=["survey", "adherent"], name="adherents_one_response_per_member")
        ]

    def __str__(self) -> str:
        return f"{self.survey} — {self.adherent}"


class SurveyAnswer(models.Model):
    """One answer: a choice (one row per choice ticked), a rating or a text."""

    response = models.ForeignKey(SurveyResponse, verbose_name=_("response"), on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(SurveyQuestion, verbose_name=_("question"), on_delete=models.CASCADE, related_name="answers")
    choice = models.ForeignKey(
        SurveyChoice, verbose_name=_("choice"), on_delete=models.CASCADE, null=True, blank=True, related_name="answers"
    )
    rating = models.PositiveSmallIntegerField(
        _("rating"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    text = models.TextField(_("text"), blank=True)

    class Meta:
        verbose_name = _("survey answer")
        verbose_name_plural = _("survey answers")
        indexes = [models.Index(fields=["question", "choice"])]

    def __str__(self) -> str:
        return str(self.choice or self.rating or self.text[:50])


class Complaint(models.Model):
    """A complaint or a non-conformity: received, analysed, corrected, closed."""

    class Channel(models.TextChoices):
        PHONE = "telephone", _("Phone")
        EMAIL = "email", _("E-mail")
        LETTER = "courrier", _("Letter")
        PORTAL = "portail", _("Member portal")
        IN_PERSON = "accueil", _("At the front desk")
        SURVEY = "enquete", _("During a survey")

    class Cause(models.TextChoices):
        NO_CONTACT = "sans_contact", _("No contact after membership")
        CONVOCATION = "convocation", _("Convocation not received or unsuitable")
        FILE_LOST = "dossier_perdu", _("Membership file lost")
        FILE_INCOMPLETE = "dossier_incomplet", _("File returned incomplete")
        CATEGORIES = "categories", _("Risk categories misunderstood")
        PORTAL_ACCESS = "portail", _("Portal access codes")
        BILLING = "facturation", _("Contribution, invoicing")
        WAITING = "delai", _("Waiting time for a visit")
        RECEPTION = "accueil", _("Reception, behaviour")
        OTHER = "autre", _("Other")

    class Status(models.TextChoices):
        RECEIVED = "recue", _("Received")
        ANALYSED = "analysee", _("Analysed")
        CLOSED = "cloturee", _("Closed")

    service = models.ForeignKey(
        Organisation, verbose_name=_("service"), on_delete=models.CASCADE, related_name="member_complaints"
    )
    adherent = models.ForeignKey(
        Adherent,
        verbose_name=_("member company"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="complaints",
    )
    is_non_conformity = models.BooleanField(_("internal non-conformity"), default=False)
    received_on = models.DateField(_("received on"), default=timezone.localdate)
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)
    subject = models.CharField(_("subject"), max_length=255)
    description = models.TextField(_("description"), blank=True)
    cause = models.CharField(_("cause"), max_length=20, choices=Cause.choices, blank=True)
    analysis = models.TextField(_("analysis"), blank=True)
    corrective_action = models.TextField(_("corrective action"), blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.RECEIVED)
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("handled by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("complaint or non-conformity")
        verbose_name_plural = _("complaints and non-conformities")
        ordering = ["-received_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closed_on__isnull=True) | models.Q(closed_on__gte=models.F("received_on")),
                name="adherents_complaint_closed_after_received",
            )
        ]

    def __str__(self) -> str:
        return self.subject

    def get_absolute_url(self) -> str:
        return reverse("adherents:complaint_edit", args=[self.pk])

    @property
    def treatment_days(self) -> int | None:
        return (self.closed_on - self.received_on).days if self.closed_on else None


class StaffNote(models.Model):
    """A private note of the service's staff on a member: never shown to the member."""

    adherent = models.ForeignKey(
        Adherent, verbose_name=_("member company"), on_delete=models.CASCADE, related_name="staff_notes"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("author"), on_delete=models.SET_NULL, null=True, related_name="+"
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


@state_flags()
class MembershipApplication(models.Model):
    """A membership applied for online, waiting for the staff's validation."""

    class Status(models.TextChoices):
        SUBMITTED = "recue", _("Received")
        VALIDATED = "validee", _("Validated")
        REJECTED = "refusee", _("Rejected")

    class Applicant(models.TextChoices):
        COMPANY = "entreprise", _("The company itself")
        ACCOUNTING_FIRM = "cabinet", _("Its accounting firm, on its behalf")

    service = models.ForeignKey(
        Organisation, verbose_name=_("service"), on_delete=models.CASCADE, related_name="membership_applications"
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.SUBMITTED)
    applicant = models.CharField(_("who fills in the form"), max_length=12, choices=Applicant.choices)
    accounting_firm_name = models.CharField(_("accounting firm"), max_length=200, blank=True)
    accounting_firm_email = models.EmailField(_("accounting firm e-mail"), blank=True)
    company_name = models.CharField(_("company name"), max_length=200)
    sign_name = models.CharField(_("sign name"), max_length=200, blank=True)
    siret = models.CharField(_("SIRET"), max_length=20)
    address = models.CharField(_("address"), max_length=255)
    postal_code = models.CharField(_("postal code"), max_length=10)
    city = models.CharField(_("city"), max_length=120)
    activity_description = models.TextField(_("activity"))
    headcount = models.PositiveIntegerField(_("headcount"))
    sig_count = models.PositiveIntegerField(_("workers in SIG"))
    sir_count = models.PositiveIntegerField(_("workers in SIR"))
    sir_risks = models.TextField(_("specific risks (SIR)"), blank=True)
    contact_name = models.CharField(_("contact name"), max_length=200)
    contact_function = models.CharField(_("contact function"), max_length=200, blank=True)
    contact_email = models.EmailField(_("contact e-mail"))
    contact_phone = models.CharField(_("contact phone"), max_length=30)
    opening_hours = models.TextField(_("opening days and hours"), blank=True)
    submitted_at = models.DateTimeField(_("submitted at"), auto_now_add=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewed by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    rejection_reason = models.TextField(_("reason for rejection"), blank=True)
    adherent = models.OneToOneField(
        Adherent,
        verbose_name=_("member file"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="application",
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("membership application")
        verbose_name_plural = _("membership applications")
        ordering = ["-submitted_at"]

    def __str__(self) -> str:
        return self.company_name

    def get_absolute_url(self) -> str:
        return reverse("adherents:application_detail", args=[self.pk])
