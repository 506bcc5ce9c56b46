"""Calls for applications (appels à manifestation d'intérêt) and the applications they receive.

A programme opens a call with its window, criteria and limits (seed 002). Structures
apply through a public form, with no account: the private link of an application is
a random token whose SHA-256 only is stored, so a database leak does not open drafts.
"""

from __future__ import annotations

import secrets
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from actions.models import CollectiveAction, Programme, ProgrammeAxis
from core.states import state_flags
from core.tokens import hash_token
from core.validators import normalise_siret, validate_siret
from directory.models import Organisation

from .validators import normalise_finess, validate_finess

SCORE_MAX = 5


class Call(models.Model):
    programme = models.ForeignKey(
        Programme, verbose_name=_("programme"), on_delete=models.PROTECT, related_name="calls"
    )
    title = models.CharField(_("title"), max_length=255)
    slug = models.SlugField(
        _("address of the public page"),
        max_length=80,
        unique=True,
        help_text=_("Used in the public address of the call, e.g. acia-corse-2023."),
    )
    text = models.TextField(_("text of the call"), blank=True)
    axes = models.ManyToManyField(
        ProgrammeAxis, verbose_name=_("axes to choose from"), blank=True, related_name="calls"
    )
    opens_at = models.DateTimeField(_("opening"))
    closes_at = models.DateTimeField(_("closing"))
    is_published = models.BooleanField(
        _("published"), default=False, help_text=_("The public page and the application form are online.")
    )
    max_selected = models.PositiveSmallIntegerField(
        _("maximum number of selected applicants"), null=True, blank=True
    )
    max_organisations = models.PositiveSmallIntegerField(
        _("maximum number of managing organisations"),
        null=True,
        blank=True,
        help_text=_("Managing organisations are told apart by their legal FINESS number."),
    )
    max_per_organisation = models.PositiveSmallIntegerField(
        _("maximum number of establishments per managing organisation"), null=True, blank=True
    )
    min_health_insurance = models.PositiveSmallIntegerField(
        _("minimum number of structures under health-insurance funding"), null=True, blank=True
    )
    action = models.ForeignKey(
        CollectiveAction,
        verbose_name=_("collective action joined by the selected structures"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="calls",
    )
    selection_committee = models.ForeignKey(
        "governance.Committee",
        verbose_name=_("selection committee"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="calls",
        limit_choices_to={"kind": "comite_selection"},
        help_text=_("Its members read and score the submitted applications."),
    )
    contact_email = models.EmailField(_("contact e-mail of the call"), blank=True)
    decided_at = models.DateTimeField(_("selection decided at"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("call for applications")
        verbose_name_plural = _("calls for applications")
        ordering = ["-opens_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_at__gt=models.F("opens_at")), name="call_window_ordered"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("calls:call_detail", args=[self.pk])

    def get_public_url(self) -> str:
        return reverse("calls:public_call", args=[self.slug])

    def clean(self):
        super().clean()
        if self.opens_at and self.closes_at and self.closes_at <= self.opens_at:
            raise ValidationError({"closes_at": _("The closing must come after the opening.")})

    def is_open(self, now=None) -> bool:
        now = now or timezone.now()
        return self.is_published and self.opens_at <= now < self.closes_at

    def window_status(self, now=None) -> str:
        now = now or timezone.now()
        if now < self.opens_at:
            return "upcoming"
        if now >= self.closes_at:
            return "closed"
        return "open"


class EligibilityCriterion(models.Model):
    """A yes/no condition the applicant must meet."""

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="eligibility_criteria")
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    text = models.CharField(_("criterion"), max_length=500)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("eligibility criterion")
        verbose_name_plural = _("eligibility criteria")
        ordering = ["call", "order", "pk"]

    def __str__(self) -> str:
        return self.text


class PriorityCriterion(models.Model):
    """A criterion the selection committee scores from 0 to 5, with a weight."""

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="priority_criteria")
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    text = models.CharField(_("criterion"), max_length=500)
    axis = models.ForeignKey(
        ProgrammeAxis,
        verbose_name=_("axis"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Leave empty for a criterion common to every axis."),
    )
    weight = models.DecimalField(
        _("weight"),
        max_digits=4,
        decimal_places=1,
        default=Decimal("1"),
        validators=[MinValueValidator(Decimal("0.1")), MaxValueValidator(Decimal("10"))],
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("prioritisation criterion")
        verbose_name_plural = _("prioritisation criteria")
        ordering = ["call", "order", "pk"]
        constraints = [models.CheckConstraint(condition=Q(weight__gt=0), name="priority_weight_positive")]

    def __str__(self) -> str:
        return self.text

    def applies_to(self, application: Application) -> bool:
        return self.axis_id is None or self.axis_id == application.axis_id


@state_flags(field="eligibility", choices="Eligibility", prefix="eligibility_")
@state_flags(
    prefix="status_",
    tones={
        "DRAFT": "primary",
        "SUBMITTED": "primary",
        "COMPLEMENT": "warning",
        "INELIGIBLE": "secondary",
        "SELECTED": "success",
        "NOT_SELECTED": "secondary",
    },
)
class Application(models.Model):
    """A structure's application: every field of Annexe 1, "fiche projet établissement"."""

    class Status(models.TextChoices):
        DRAFT = "brouillon", _("Draft")
        SUBMITTED = "deposee", _("Submitted")
        COMPLEMENT = "complement", _("Complement requested")
        INELIGIBLE = "non_eligible", _("Not eligible")
        SELECTED = "retenue", _("Selected by the committee")
        NOT_SELECTED = "non_retenue", _("Not selected")

    class Eligibility(models.TextChoices):
        PENDING = "a_verifier", _("To be checked")
        ELIGIBLE = "eligible", _("Eligible")
        INELIGIBLE = "non_eligible", _("Not eligible")

    class Sector(models.TextChoices):
        ELDERLY = "PA", _("Elderly people (PA)")
        DISABLED = "PH", _("Disabled people (PH)")
        CHILD_PROTECTION = "PDE", _("Child protection (PDE)")
        SOCIAL_HARDSHIP = "PDS", _("People in social hardship (PDS)")
        OTHER = "autre", _("Other")

    class DigitalTool(models.TextChoices):
        DUI = "dui", _("DUI (electronic user record)")
        DMP = "dmp", _("DMP (shared medical record)")
        MSS = "mss", _("MSS (secure health messaging)")
        E_PARCOURS = "e_parcours", _("e-parcours")
        TELEMEDICINE = "telemedecine", _("Telemedicine")
        VIA_TRAJECTOIRE = "via_trajectoire", _("Via Trajectoire")
        OTHER = "autres", _("Other tools")

    call = models.ForeignKey(
        Call, verbose_name=_("call"), on_delete=models.PROTECT, related_name="applications"
    )
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    # The structure
    structure_name = models.CharField(_("company name of the structure"), max_length=255, blank=True)
    managing_organisation = models.CharField(_("managing organisation"), max_length=255, blank=True)
    category = models.CharField(
        _("category of establishment"),
        max_length=255,
        blank=True,
        help_text=_("For instance EHPAD, IME, SSIAD, MECS…"),
    )
    sector = models.CharField(_("business sector"), max_length=10, choices=Sector.choices, blank=True)
    capacity = models.PositiveIntegerField(_("people accompanied / capacity"), null=True, blank=True)
    health_insurance_funded = models.BooleanField(
        _("under ARS / health-insurance funding"), null=True, blank=True
    )
    siret = models.CharField(_("SIRET number"), max_length=20, blank=True, validators=[validate_siret])
    finess_legal = models.CharField(
        _("legal FINESS number"), max_length=12, blank=True, validators=[validate_finess]
    )
    finess_site = models.CharField(
        _("geographical FINESS number"), max_length=12, blank=True, validators=[validate_finess]
    )
    director_name = models.CharField(_("name of the director"), max_length=200, blank=True)
    contact_name = models.CharField(_("contact person"), max_length=200, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=30, blank=True)
    # The project
    axis = models.ForeignKey(
        ProgrammeAxis,
        verbose_name=_("axis chosen"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    reasons = models.TextField(_("why do you wish to take part?"), blank=True)
    eligibility_answers = models.JSONField(_("answers to the eligibility criteria"), default=dict, blank=True)
    # The digital situation
    has_digital_tools = models.BooleanField(_("digital tools in use"), null=True, blank=True)
    digital_tools = models.JSONField(_("tools in use"), default=list, blank=True)
    mss_solution = models.CharField(_("MSS solution"), max_length=200, blank=True)
    other_tools = models.CharField(_("other tools"), max_length=255, blank=True)
    digital_history = models.TextField(_("history of digital tools in the structure"), blank=True)
    it_roles = models.TextField(_("IT director, data protection officer and/or quality referent"), blank=True)
    esms_numerique = models.BooleanField(
        _("took part in the ESMS Numérique programme"), null=True, blank=True
    )
    sons = models.BooleanField(_("benefited from SONS"), null=True, blank=True)
    # Instruction
    eligibility = models.CharField(
        _("eligibility"), max_length=20, choices=Eligibility.choices, default=Eligibility.PENDING
    )
    eligibility_note = models.TextField(_("eligibility note"), blank=True)
    decision_reason = models.TextField(_("reason of the decision"), blank=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation in the directory"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="applications",
    )
    copil = models.ForeignKey(
        "governance.Committee",
        verbose_name=_("steering committee of the structure"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    history = HistoricalRecords(excluded_fields=["token_hash"])

    class Meta:
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        ordering = ["call", "submitted_at", "pk"]
        indexes = [models.Index(fields=["call", "status"])]

    def __str__(self) -> str:
        return self.structure_name or str(_("Untitled application"))

    def save(self, *args, **kwargs):
        self.siret = normalise_siret(self.siret)
        self.finess_legal = normalise_finess(self.finess_legal)
        self.finess_site = normalise_finess(self.finess_site)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("calls:application_detail", args=[self.pk])

    def new_token(self) -> str:
        """Give the application a fresh private link; return the token (shown once, never stored)."""
        token = secrets.token_urlsafe(32)
        self.token_hash = hash_token(token)
        return token

    @property
    def is_editable_by_applicant(self) -> bool:
        return self.status == self.Status.DRAFT

    @property
    def is_submitted(self) -> bool:
        return self.submitted_at is not None

    @property
    def organisation_key(self) -> str:
        """The managing organisation, told apart by its legal FINESS (its name when missing)."""
        return self.finess_legal or (self.managing_organisation or self.structure_name).strip().lower()

    def digital_tool_labels(self) -> list[str]:
        labels = dict(self.DigitalTool.choices)
        return [str(labels[code]) for code in self.digital_tools if code in labels]


class ProjectTeamMember(models.Model):
    """A row of the project team table of Annexe 1."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="team")
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    full_name = models.CharField(_("last and first name"), max_length=200)
    function = models.CharField(_("function in the structure"), max_length=200, blank=True)
    project_role = models.CharField(_("role and mission in the project"), max_length=255, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("project team member")
        verbose_name_plural = _("project team members")
        ordering = ["application", "order", "pk"]

    def __str__(self) -> str:
        return self.full_name


class ComplementRequest(models.Model):
    """Staff ask the applicant for more information; the applicant answers through the link."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="complements")
    question = models.TextField(_("question"))
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("requested by"),
    )
    requested_at = models.DateTimeField(_("requested at"), default=timezone.now)
    answer = models.TextField(_("answer"), blank=True)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)

    class Meta:
        verbose_name = _("complement request")
        verbose_name_plural = _("complement requests")
        ordering = ["application", "requested_at", "pk"]

    def __str__(self) -> str:
        return self.question[:80]

    @property
    def is_answered(self) -> bool:
        return self.answered_at is not None


class Score(models.Model):
    """A score (0–5) on one prioritisation criterion, by one committee member or by the committee as a whole."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(PriorityCriterion, on_delete=models.CASCADE, related_name="scores")
    scorer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("scored by"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="call_scores",
        help_text=_("Empty: the score of the committee as a whole."),
    )
    value = models.PositiveSmallIntegerField(_("score"), validators=[MaxValueValidator(SCORE_MAX)])
    comment = models.CharField(_("comment"), max_length=500, blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        constraints = [
            models.UniqueConstraint(
                fields=["application", "criterion", "scorer"],
                condition=Q(scorer__isnull=False),
                name="score_once_per_member",
            ),
            models.UniqueConstraint(
                fields=["application", "criterion"],
                condition=Q(scorer__isnull=True),
                name="score_once_per_committee",
            ),
            models.CheckConstraint(condition=Q(value__lte=SCORE_MAX), name="score_at_most_5"),
        ]

    def __str__(self) -> str:
        return f"{self.application_id}/{self.criterion_id}: {self.value}"
