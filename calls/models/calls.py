"""Models of calls: the calls, their window, limits and criteria."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

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
from core.fields import created_stamp, optional_fk

if TYPE_CHECKING:
    from .applications import Application

SCORE_MAX = 5


class CallWindow(models.TextChoices):
    """Where a call stands against its application window (now, or at a given time)."""

    UPCOMING = "upcoming", _("Not open yet")
    OPEN = "open", _("Open for applications")
    CLOSED = "closed", _("Closed for applications")

    @property
    def is_upcoming(self) -> bool:
        return self == CallWindow.UPCOMING

    @property
    def is_open(self) -> bool:
        return self == CallWindow.OPEN

    @property
    def is_closed(self) -> bool:
        return self == CallWindow.CLOSED


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
    action = optional_fk(CollectiveAction, _("collective action joined by the selected structures"), "calls")
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
    created_at = created_stamp(_("created at"))

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

    def window_status(self, now=None) -> CallWindow:
        now = now or timezone.now()
        if now < self.opens_at:
            return CallWindow.UPCOMING
        if now >= self.closes_at:
            return CallWindow.CLOSED
        return CallWindow.OPEN


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


if TYPE_CHECKING:
    from .applications import Application
