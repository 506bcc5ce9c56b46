"""Models of actions: participations."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.states import state_flags
from directory.models import Organisation

from .actions import CollectiveAction


@state_flags(tones={"SELECTED": "info", "ENGAGED": "success", "WITHDRAWN": "secondary"})
class Participation(models.Model):
    """A company's participation in an action, and its milestones used by the evaluation."""

    class Status(models.TextChoices):
        TARGETED = "ciblee", _("Targeted")
        SELECTED = "selectionnee", _("Selected")
        ENGAGED = "engagee", _("Engaged")
        WITHDRAWN = "sortie", _("Withdrawn")

    action = models.ForeignKey(CollectiveAction, on_delete=models.CASCADE, related_name="participations")
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("company"), on_delete=models.PROTECT, related_name="participations"
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.TARGETED)
    withdrawal_reason = models.TextField(_("reason for withdrawal"), blank=True)
    group = models.CharField(_("company group / cluster"), max_length=120, blank=True)
    engaged_on = models.DateField(_("engaged on"), null=True, blank=True)
    du_formalised_on = models.DateField(_("DU formalised on"), null=True, blank=True)
    action_plan_on = models.DateField(_("action plan on"), null=True, blank=True)
    prevention_system_on = models.DateField(_("prevention system structured on"), null=True, blank=True)
    notes = models.TextField(_("notes"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("participating company")
        verbose_name_plural = _("participating companies")
        ordering = ["action", "group", "organisation__name"]
        constraints = [models.UniqueConstraint(fields=["action", "organisation"], name="participation_once")]

    def __str__(self) -> str:
        return f"{self.organisation} — {self.action}"
