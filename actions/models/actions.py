"""Models of actions: actions."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.fields import created_stamp, optional_fk, optional_protected_fk, updated_stamp
from core.states import state_flags
from directory.models import Organisation, Person

from ..phases import PHASE_COUNT, phase_reference
from .programmes import Programme, ProgrammeAxis, QvtTheme


@state_flags(
    tones={"ONGOING": "primary", "SUSPENDED": "warning", "CLOSED": "success", "ABANDONED": "secondary"}
)
class CollectiveAction(models.Model):
    """A collective action and its fiche-action (seed 003)."""

    class Status(models.TextChoices):
        DRAFT = "brouillon", _("Draft")
        ONGOING = "en_cours", _("Ongoing")
        SUSPENDED = "suspendue", _("Suspended")
        CLOSED = "cloturee", _("Closed")
        ABANDONED = "abandonnee", _("Abandoned")

    programme = models.ForeignKey(
        Programme, verbose_name=_("programme"), on_delete=models.PROTECT, related_name="actions"
    )
    axis = optional_fk(ProgrammeAxis, _("axis"), "actions")
    code = models.CharField(_("code"), max_length=20)
    title = models.CharField(_("title"), max_length=255)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    # Fiche-action: needs and objectives
    needs = models.TextField(_("needs"), blank=True)
    description = models.TextField(_("description"), blank=True)
    objectives = models.JSONField(_("objectives"), default=list, blank=True)
    means = models.JSONField(_("means"), default=list, blank=True)
    # Operational deployment
    governance_composition = models.TextField(_("governance"), blank=True)
    pilotage = models.TextField(_("pilotage"), blank=True)
    budget_min_keur = models.DecimalField(
        _("minimum budget (k€)"), max_digits=9, decimal_places=1, null=True, blank=True
    )
    budget_max_keur = models.DecimalField(
        _("maximum budget (k€)"), max_digits=9, decimal_places=1, null=True, blank=True
    )
    budget_note = models.CharField(_("budget details"), max_length=255, blank=True)
    steps = models.JSONField(_("steps"), default=list, blank=True)
    preparation_months = models.PositiveSmallIntegerField(_("preparation (months)"), null=True, blank=True)
    deployment_months = models.PositiveSmallIntegerField(_("deployment (months)"), null=True, blank=True)
    duration_note = models.CharField(_("duration details"), max_length=255, blank=True)
    evaluation_criteria = models.TextField(_("evaluation criteria"), blank=True)
    technical_support = models.CharField(_("technical support needed"), max_length=255, blank=True)
    pertinence = models.PositiveSmallIntegerField(
        _("a-priori pertinence"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
    )
    feasibility = models.PositiveSmallIntegerField(
        _("a-priori feasibility"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
    )
    themes = models.ManyToManyField(
        QvtTheme, verbose_name=_("QVT themes"), blank=True, related_name="actions"
    )
    # Target
    target_sizes = models.CharField(_("targeted company sizes"), max_length=255, blank=True)
    target_sectors = models.CharField(_("targeted sectors"), max_length=255, blank=True)
    territory = models.CharField(_("territory"), max_length=120, blank=True)
    porteur = optional_protected_fk(Organisation, _("porteur"), "actions_carried")
    start_date = models.DateField(_("start"), null=True, blank=True)
    end_date = models.DateField(_("end"), null=True, blank=True)
    public_summary = models.TextField(_("public summary"), blank=True)
    # Denormalised for filtering and lists: the number (1–7) of the phase in progress.
    current_phase_number = models.PositiveSmallIntegerField(_("current phase"), default=1)
    followers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("followers"), blank=True, related_name="followed_actions"
    )
    created_at = created_stamp(_("created at"))
    updated_at = updated_stamp(_("updated at"))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("collective action")
        verbose_name_plural = _("collective actions")
        ordering = ["programme", "code"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "code"], name="action_code_unique_in_programme"),
            models.CheckConstraint(
                condition=Q(budget_min_keur__isnull=True)
                | Q(budget_max_keur__isnull=True)
                | Q(budget_max_keur__gte=models.F("budget_min_keur")),
                name="action_budget_min_le_max",
            ),
            models.CheckConstraint(
                condition=Q(pertinence__isnull=True) | Q(pertinence__gte=1, pertinence__lte=5),
                name="action_pertinence_1_5",
            ),
            models.CheckConstraint(
                condition=Q(feasibility__isnull=True) | Q(feasibility__gte=1, feasibility__lte=5),
                name="action_feasibility_1_5",
            ),
            models.CheckConstraint(
                condition=Q(current_phase_number__gte=1, current_phase_number__lte=PHASE_COUNT),
                name="action_current_phase_1_7",
            ),
        ]
        indexes = [models.Index(fields=["status", "current_phase_number"])]

    def __str__(self) -> str:
        return f"{self.code} — {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("actions:action_detail", args=[self.pk])

    def clean(self):
        super().clean()
        if (
            self.budget_min_keur is not None
            and self.budget_max_keur is not None
            and self.budget_min_keur > self.budget_max_keur
        ):
            raise ValidationError(
                {
                    "budget_max_keur": _(
                        "The maximum budget must be greater than or equal to the minimum budget."
                    )
                }
            )
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("The end date must be after the start date.")})

    @property
    def is_open(self) -> bool:
        return self.status in (self.Status.DRAFT, self.Status.ONGOING)

    @property
    def current_phase_reference(self):
        return phase_reference(self.current_phase_number)

    @property
    def planned_duration_months(self):
        if self.preparation_months is None and self.deployment_months is None:
            return None
        return (self.preparation_months or 0) + (self.deployment_months or 0)


class SuccessCondition(models.Model):
    action = models.ForeignKey(CollectiveAction, on_delete=models.CASCADE, related_name="success_conditions")
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    title = models.CharField(_("title"), max_length=200)
    text = models.TextField(_("text"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("success condition")
        verbose_name_plural = _("success conditions")
        ordering = ["action", "order", "pk"]

    def __str__(self) -> str:
        return self.title


@state_flags(tones={"GRANTED": "info", "PAID": "success"})
class FinancingLine(models.Model):
    class Status(models.TextChoices):
        REQUESTED = "sollicite", _("Requested")
        GRANTED = "accorde", _("Granted")
        PAID = "verse", _("Paid")

    action = models.ForeignKey(CollectiveAction, on_delete=models.CASCADE, related_name="financing_lines")
    funder = models.ForeignKey(
        Organisation, verbose_name=_("funder"), on_delete=models.PROTECT, related_name="financing_lines"
    )
    amount_eur = models.DecimalField(_("amount (€)"), max_digits=12, decimal_places=2, null=True, blank=True)
    share_percent = models.DecimalField(
        _("share (%)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.REQUESTED)
    note = models.CharField(_("note"), max_length=255, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("financing line")
        verbose_name_plural = _("financing lines")
        ordering = ["action", "pk"]

    def __str__(self) -> str:
        return f"{self.funder} — {self.get_status_display()}"

    def clean(self):
        super().clean()
        if self.amount_eur is None and self.share_percent is None:
            raise ValidationError(_("Give an amount or a share of the budget."))


class TeamMember(models.Model):
    """The action's team: the people who may edit it."""

    class Role(models.TextChoices):
        PILOT = "pilote", _("Pilot")
        CONSULTANT = "consultant", _("Consultant")
        CONTRIBUTOR = "contributeur", _("Contributor")

    action = models.ForeignKey(CollectiveAction, on_delete=models.CASCADE, related_name="team")
    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="action_roles"
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.PILOT)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("team member")
        verbose_name_plural = _("team members")
        ordering = ["action", "role", "pk"]
        constraints = [models.UniqueConstraint(fields=["action", "person"], name="team_member_once")]

    def __str__(self) -> str:
        return f"{self.person} ({self.get_role_display()})"


@state_flags(tones={"IN_PROGRESS": "primary", "DONE": "success"})
class ActionPhase(models.Model):
    """One of the 7 ANACT phases of an action, with planned and actual dates."""

    class Status(models.TextChoices):
        NOT_STARTED = "a_venir", _("Not started")
        IN_PROGRESS = "en_cours", _("In progress")
        DONE = "terminee", _("Done")

    action = models.ForeignKey(CollectiveAction, on_delete=models.CASCADE, related_name="phases")
    number = models.PositiveSmallIntegerField(
        _("phase"), validators=[MinValueValidator(1), MaxValueValidator(PHASE_COUNT)]
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.NOT_STARTED)
    planned_start = models.DateField(_("planned start"), null=True, blank=True)
    planned_end = models.DateField(_("planned end"), null=True, blank=True)
    actual_start = models.DateField(_("actual start"), null=True, blank=True)
    actual_end = models.DateField(_("actual end"), null=True, blank=True)
    notes = models.TextField(_("notes"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("action phase")
        verbose_name_plural = _("action phases")
        ordering = ["action", "number"]
        constraints = [
            models.UniqueConstraint(fields=["action", "number"], name="phase_once_per_action"),
            models.CheckConstraint(
                condition=Q(number__gte=1, number__lte=PHASE_COUNT), name="phase_number_1_7"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.reference.name}"

    @property
    def reference(self):
        return phase_reference(self.number)

    def clean(self):
        super().clean()
        if self.planned_start and self.planned_end and self.planned_end < self.planned_start:
            raise ValidationError({"planned_end": _("The planned end must be after the planned start.")})
        if self.actual_start and self.actual_end and self.actual_end < self.actual_start:
            raise ValidationError({"actual_end": _("The actual end must be after the actual start.")})

    def is_late(self, today=None) -> bool:
        today = today or timezone.localdate()
        return self.status != self.Status.DONE and self.planned_end is not None and self.planned_end < today


@state_flags(field="kind", choices="Kind")
class PhaseTransition(models.Model):
    """Every move between phases (forward, back, closing, reopening), with its author and reasons.

    Rows are never changed nor deleted: this table is itself the history of the moves.
    """

    class Kind(models.TextChoices):
        ADVANCE = "avance", _("Move to the next phase")
        BACK = "retour", _("Previous phase reopened")
        CLOSE = "cloture", _("Action closed")
        REOPEN = "reouverture", _("Action reopened")

    action = models.ForeignKey(CollectiveAction, on_delete=models.CASCADE, related_name="transitions")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.ADVANCE)
    from_number = models.PositiveSmallIntegerField(_("from phase"))
    to_number = models.PositiveSmallIntegerField(_("to phase"))
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), on_delete=models.SET_NULL, null=True
    )
    at = models.DateTimeField(_("at"), default=timezone.now)
    override_reason = models.TextField(_("override reason"), blank=True)
    missing_deliverables = models.JSONField(_("missing deliverables at the time"), default=list, blank=True)
    reason = models.TextField(_("reason"), blank=True, help_text=_("Why a phase or the action was reopened."))

    class Meta:
        verbose_name = _("phase transition")
        verbose_name_plural = _("phase transitions")
        ordering = ["action", "-at"]

    def __str__(self) -> str:
        return f"{self.action_id}: {self.from_number} → {self.to_number}"
