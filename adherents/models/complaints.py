"""Models of adherents: complaints."""

from __future__ import annotations

from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.fields import created_stamp, optional_fk, optional_user
from directory.models import Organisation

from .members import Adherent


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
    adherent = optional_fk(Adherent, _("member company"), "complaints")
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
    handled_by = optional_user(_("handled by"))
    created_at = created_stamp(_("created at"))

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
