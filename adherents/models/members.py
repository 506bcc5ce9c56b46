"""Models of adherents: members, their sector and health unit."""

from __future__ import annotations

from datetime import date, timedelta

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.fields import created_stamp, optional_fk, optional_user, updated_stamp
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
    sector = optional_fk(Sector, _("sector"), "units")
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
    sector = optional_fk(Sector, _("sector"), "members")
    unit = optional_fk(HealthUnit, _("UST"), "members")
    referent = optional_user(_("staff referent"), "referent_of_members")
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
    created_at = created_stamp(_("created at"))
    updated_at = updated_stamp(_("updated at"))

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
