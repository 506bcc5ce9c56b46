"""Models of evaluation: approach entries and action assessments."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from actions.models import CollectiveAction


class ApproachEntry(models.Model):
    """Evaluation of the approach: a difficulty met or an adjustment made along the way (seed 004)."""

    class Kind(models.TextChoices):
        DIFFICULTY = "difficulte", _("Difficulty")
        ADJUSTMENT = "ajustement", _("Adjustment")
        LESSON = "enseignement", _("Lesson")

    action = models.ForeignKey(CollectiveAction, on_delete=models.CASCADE, related_name="approach_entries")
    date = models.DateField(_("date"))
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.DIFFICULTY)
    text = models.TextField(_("description"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=pgettext_lazy("evaluation", "recorded by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(pgettext_lazy("evaluation", "recorded at"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("approach entry")
        verbose_name_plural = _("approach entries")
        ordering = ["action", "-date", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} — {self.date}"


class ActionAssessment(models.Model):
    """The final assessment of an action: means engaged against planned, lessons, COPIL validation."""

    action = models.OneToOneField(CollectiveAction, on_delete=models.CASCADE, related_name="assessment")
    planned_days = models.DecimalField(
        _("days planned"), max_digits=8, decimal_places=1, null=True, blank=True
    )
    days_spent = models.DecimalField(_("days spent"), max_digits=8, decimal_places=1, null=True, blank=True)
    budget_engaged_keur = models.DecimalField(
        _("budget engaged (k€)"), max_digits=9, decimal_places=1, null=True, blank=True
    )
    results_summary = models.TextField(_("results against the objectives"), blank=True)
    lessons = models.TextField(_("lessons learnt"), blank=True)
    openings = models.TextField(_("openings and follow-up"), blank=True)
    copil_validated_on = models.DateField(_("validated by the COPIL on"), null=True, blank=True)
    copil_validation_note = models.CharField(
        _("validating meeting"),
        max_length=255,
        blank=True,
        help_text=_("For instance: COPIL of 12 June 2026."),
    )
    updated_at = models.DateTimeField(pgettext_lazy("evaluation", "updated at"), auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("action assessment")
        verbose_name_plural = _("action assessments")

    def __str__(self) -> str:
        return str(self.action)

    def clean(self):
        super().clean()
        for field in ("planned_days", "days_spent", "budget_engaged_keur"):
            value = getattr(self, field)
            if value is not None and value < 0:
                raise ValidationError({field: _("This value cannot be negative.")})
