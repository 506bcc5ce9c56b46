"""Models of governance: decisions."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from actions.models import ActionPhase, CollectiveAction, Deliverable
from core.fields import created_stamp, optional_fk, optional_user, updated_stamp
from core.tokens import new_token
from directory.models import Person

from .meetings import AgendaItem, Meeting


class Decision(models.Model):
    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="decisions"
    )
    agenda_item = optional_fk(AgendaItem, _("agenda item"), "decisions")
    text = models.TextField(_("decision"))
    recorded_by = optional_user(_("recorded by"))
    created_at = created_stamp(_("recorded at"))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        ordering = ["meeting__starts_at", "pk"]

    def __str__(self) -> str:
        return self.text[:80]

    def get_absolute_url(self) -> str:
        return reverse("governance:meeting_detail", args=[self.meeting_id]) + f"#decision-{self.pk}"


class FollowUpItem(models.Model):
    class Status(models.TextChoices):
        TO_DO = "a_faire", pgettext_lazy("follow-up status", "To do")
        IN_PROGRESS = "en_cours", pgettext_lazy("follow-up status", "In progress")
        DONE = "fait", pgettext_lazy("follow-up status", "Done")
        DROPPED = "abandonne", pgettext_lazy("follow-up status", "Dropped")

    OPEN_STATUSES = (Status.TO_DO, Status.IN_PROGRESS)

    decision = models.ForeignKey(
        Decision, verbose_name=_("decision"), on_delete=models.CASCADE, related_name="followups"
    )
    title = models.CharField(_("what"), max_length=255)
    owner = models.ForeignKey(
        Person, verbose_name=_("owner"), on_delete=models.PROTECT, related_name="followup_items"
    )
    due_date = models.DateField(_("due date"))
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.TO_DO)
    done_on = models.DateField(_("done on"), null=True, blank=True)
    action = optional_fk(CollectiveAction, _("related action"), "followup_items")
    phase = optional_fk(ActionPhase, _("related phase"), "followup_items")
    deliverable = optional_fk(Deliverable, _("related deliverable"), "followup_items")
    notes = models.TextField(_("notes"), blank=True)
    created_at = created_stamp(_("created at"))
    updated_at = updated_stamp(_("updated at"))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("follow-up item")
        verbose_name_plural = _("follow-up items")
        ordering = ["due_date", "pk"]
        indexes = [models.Index(fields=["status", "due_date"])]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="fait") | Q(done_on__isnull=False), name="followup_done_has_date"
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("governance:followup_edit", args=[self.pk])

    def is_overdue(self, today=None) -> bool:
        today = today or timezone.localdate()
        return self.status in self.OPEN_STATUSES and self.due_date < today

    @property
    def done_on_time(self) -> bool:
        return self.status == self.Status.DONE and self.done_on is not None and self.done_on <= self.due_date


def _new_token() -> str:
    """The default of the plain `token` column of migration 0001 (before tokens were hashed)."""
    return new_token()
