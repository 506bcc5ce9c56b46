"""Models of calls: the applications, their team, complement requests and scores."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from actions.models import ProgrammeAxis
from core.fields import created_stamp, optional_fk, optional_protected_fk, updated_stamp
from core.states import state_flags
from core.tokens import hash_token
from core.validators import normalise_siret, validate_siret
from directory.models import Organisation

from ..validators import normalise_finess, validate_finess
from .calls import SCORE_MAX, Call, PriorityCriterion


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
    axis = optional_protected_fk(ProgrammeAxis, _("axis chosen"))
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
    organisation = optional_fk(Organisation, _("organisation in the directory"), "applications")
    copil = optional_fk("governance.Committee", _("steering committee of the structure"))
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    created_at = created_stamp(_("created at"))
    updated_at = updated_stamp(_("updated at"))

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
    updated_at = updated_stamp(_("updated at"))

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
