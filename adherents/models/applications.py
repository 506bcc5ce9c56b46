"""Models of adherents: applications."""

from __future__ import annotations

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.fields import created_stamp, optional_user
from core.states import state_flags
from directory.models import Organisation

from .members import Adherent


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
        Organisation,
        verbose_name=_("service"),
        on_delete=models.CASCADE,
        related_name="membership_applications",
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
    submitted_at = created_stamp(_("submitted at"))
    reviewed_by = optional_user(_("reviewed by"))
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
