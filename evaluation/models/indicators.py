"""Models of evaluation: indicators, their target steps and measurements."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from actions.models import CollectiveAction, Programme
from core import french
from core.fields import created_stamp, optional_owner, optional_user
from directory.models import Organisation, Person

from ..periods import Periodicity, is_period_start, period_label
from ..status import Trajectory


class Indicator(models.Model):
    """A follow-up, result, impact, governance or satisfaction indicator with its target."""

    class Kind(models.TextChoices):
        FOLLOW_UP = "suivi", pgettext_lazy("evaluation", "Follow-up")
        RESULT = "resultat", _("Result")
        IMPACT = "impact", _("Impact")
        GOVERNANCE = "gouvernance", _("Governance")
        SATISFACTION = "satisfaction", _("Satisfaction")

    class Evaluation(models.TextChoices):
        INTERNAL = "interne", _("Internal evaluation")
        EXTERNAL = "externe", _("External evaluation")

    class Unit(models.TextChoices):
        NUMBER = "nombre", pgettext_lazy("evaluation", "Number")
        PERCENT = "pourcentage", _("Percentage (%)")
        EUROS = "euros", _("Euros (€)")
        DAYS = "jours", _("Days")
        SCORE = "note", _("Score")

    class Direction(models.TextChoices):
        HIGHER = "hausse", _("Higher is better")
        LOWER = "baisse", _("Lower is better")

    name = models.CharField(_("name"), max_length=255)
    programme = optional_owner(Programme, _("programme"), "indicators")
    action = optional_owner(CollectiveAction, _("action"), "indicators")
    service = models.ForeignKey(
        Organisation,
        verbose_name=_("occupational health service"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="indicators",
        limit_choices_to={"kind": Organisation.Kind.SSTI},
    )
    committee = optional_owner("governance.Committee", _("committee"), "indicators")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.FOLLOW_UP)
    evaluation = models.CharField(
        _("evaluation"), max_length=10, choices=Evaluation.choices, default=Evaluation.INTERNAL
    )
    unit = models.CharField(_("unit"), max_length=20, choices=Unit.choices, default=Unit.NUMBER)
    scale_max = models.DecimalField(
        _("top of the scale"),
        max_digits=6,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("For a score: the best possible score (for instance 10)."),
    )
    direction = models.CharField(
        _("direction"), max_length=10, choices=Direction.choices, default=Direction.HIGHER
    )
    baseline = models.DecimalField(_("baseline"), max_digits=14, decimal_places=2, null=True, blank=True)
    baseline_date = models.DateField(_("baseline date"), null=True, blank=True)
    target = models.DecimalField(_("target"), max_digits=14, decimal_places=2, null=True, blank=True)
    target_date = models.DateField(_("target date"), null=True, blank=True)
    periodicity = models.CharField(
        _("periodicity"), max_length=20, choices=Periodicity.choices, default=Periodicity.QUARTERLY
    )
    responsible = models.ManyToManyField(
        Person,
        verbose_name=_("filled in by"),
        blank=True,
        related_name="indicators_in_charge",
        help_text=_("The people who enter the values of this indicator."),
    )
    definition = models.TextField(_("definition"), blank=True)
    source = models.CharField(_("data source"), max_length=255, blank=True)
    computation = models.CharField(
        _("computed from the data"),
        max_length=60,
        blank=True,
        help_text=_("Leave empty for manual entry; otherwise Copilote records the values itself."),
    )
    computation_params = models.JSONField(_("computation parameters"), default=dict, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    is_public = models.BooleanField(
        _("published as open data"),
        default=False,
        help_text=_(
            "Its values are published without an account in the programme's open data (Licence Ouverte 2.0), "
            "once the programme's public page is open."
        ),
    )
    # Frozen when its action closes (evaluation.services.indicators_freeze), thawed if it reopens.
    frozen_on = models.DateField(_("final values frozen on"), null=True, blank=True)
    final_value = models.DecimalField(
        _("final value"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    final_period = models.DateField(_("period of the final value"), null=True, blank=True)
    final_state = models.CharField(_("final state"), max_length=20, blank=True)
    final_progress = models.PositiveSmallIntegerField(_("final progress"), null=True, blank=True)
    created_at = models.DateTimeField(pgettext_lazy("evaluation", "created at"), auto_now_add=True)
    updated_at = models.DateTimeField(pgettext_lazy("evaluation", "updated at"), auto_now=True)

    history = HistoricalRecords(m2m_fields=[responsible])

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["kind", "name"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(
                        programme__isnull=False,
                        action__isnull=True,
                        service__isnull=True,
                        committee__isnull=True,
                    )
                    | Q(
                        programme__isnull=True,
                        action__isnull=False,
                        service__isnull=True,
                        committee__isnull=True,
                    )
                    | Q(
                        programme__isnull=True,
                        action__isnull=True,
                        service__isnull=False,
                        committee__isnull=True,
                    )
                    | Q(
                        programme__isnull=True,
                        action__isnull=True,
                        service__isnull=True,
                        committee__isnull=False,
                    )
                ),
                name="indicator_single_scope",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("evaluation:indicator_detail", args=[self.pk])

    # --- Scope ----------------------------------------------------------------------
    @property
    def scope(self):
        return self.action or self.programme or self.committee or self.service

    @property
    def scope_kind(self) -> str:
        if self.action_id:
            return "action"
        if self.programme_id:
            return "programme"
        if self.committee_id:
            return "committee"
        return "service"

    @property
    def is_computed(self) -> bool:
        return bool(self.computation)

    @property
    def higher_is_better(self) -> bool:
        return self.direction == self.Direction.HIGHER

    @property
    def unit_symbol(self) -> str:
        return {
            self.Unit.PERCENT: "%",
            self.Unit.EUROS: "€",
            self.Unit.DAYS: str(_("d")),
            self.Unit.SCORE: f"/ {format_number(self.scale_max)}" if self.scale_max else "",
        }.get(self.unit, "")

    def format_value(self, value) -> str:
        if value is None:
            return "—"
        if self.unit == self.Unit.PERCENT:
            return french.pourcent(value)  # « 62,5 % »: at most one decimal, U+202F before « % »
        symbol = self.unit_symbol
        return f"{format_number(value)}\u00a0{symbol}" if symbol else format_number(value)

    def period_label(self, period, short: bool = False) -> str:
        return period_label(period, self.periodicity, short=short)

    # --- Rules ----------------------------------------------------------------------
    def clean(self):
        super().clean()
        scopes = [s for s in (self.programme_id, self.action_id, self.service_id, self.committee_id) if s]
        if len(scopes) != 1:
            raise ValidationError(
                _("An indicator belongs to exactly one programme, action, committee or service.")
            )
        if self.service_id and self.service.kind != Organisation.Kind.SSTI:
            raise ValidationError(
                {"service": _("Only an occupational health service can carry a service indicator.")}
            )
        if self.unit == self.Unit.SCORE and not self.scale_max:
            raise ValidationError(
                {"scale_max": _("Give the top of the scale of this score (for instance 10).")}
            )
        for field in ("baseline", "target"):
            value = getattr(self, field)
            if value is not None:
                try:
                    self.validate_value(value)
                except ValidationError as exc:
                    raise ValidationError({field: exc.messages}) from exc
        if self.baseline_date and self.target_date and self.target_date <= self.baseline_date:
            raise ValidationError({"target_date": _("The target date must be after the baseline date.")})

    def validate_value(self, value: Decimal) -> None:
        """A value must make sense in the indicator's unit."""
        if self.unit == self.Unit.PERCENT and not (0 <= value <= 100):
            raise ValidationError(_("A percentage lies between 0 and 100."))
        if self.unit in (self.Unit.NUMBER, self.Unit.DAYS, self.Unit.EUROS) and value < 0:
            raise ValidationError(_("This value cannot be negative."))
        if self.unit == self.Unit.SCORE and (
            value < 0 or (self.scale_max is not None and value > self.scale_max)
        ):
            raise ValidationError(
                _("A score lies between 0 and %(max)s.") % {"max": format_number(self.scale_max or 0)}
            )

    def trajectory(self, intermediate: dict | None = None, first_period=None) -> Trajectory:
        origin_date = self.baseline_date or first_period
        origin_value = self.baseline
        return Trajectory(
            higher_is_better=self.higher_is_better,
            target=self.target,
            target_date=self.target_date,
            origin_value=origin_value,
            origin_date=origin_date,
            intermediate=intermediate or {},
        )


class TargetStep(models.Model):
    """An intermediate target for one period, when the promise is not a straight line."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="target_steps")
    period = models.DateField(_("period"))
    value = models.DecimalField(_("intermediate target"), max_digits=14, decimal_places=2)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("intermediate target")
        verbose_name_plural = _("intermediate targets")
        ordering = ["indicator", "period"]
        constraints = [
            models.UniqueConstraint(fields=["indicator", "period"], name="target_step_once_per_period")
        ]

    def __str__(self) -> str:
        return f"{self.indicator.period_label(self.period)} : {self.indicator.format_value(self.value)}"

    def clean(self):
        super().clean()
        if self.indicator_id:
            if not is_period_start(self.period, self.indicator.periodicity):
                raise ValidationError(
                    {"period": _("This date is not the start of a period of the indicator.")}
                )
            try:
                self.indicator.validate_value(self.value)
            except ValidationError as exc:
                raise ValidationError({"value": exc.messages}) from exc


class Measurement(models.Model):
    """The value of an indicator for one period; every change is kept in its history."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="measurements")
    period = models.DateField(_("period"), help_text=_("First day of the period measured."))
    value = models.DecimalField(_("value"), max_digits=14, decimal_places=2)
    comment = models.TextField(_("comment"), blank=True)
    source = models.CharField(_("source"), max_length=255, blank=True)
    is_computed = models.BooleanField(_("computed by Copilote"), default=False)
    entered_by = optional_user(_("entered by"))
    created_at = created_stamp(_("entered at"))
    updated_at = models.DateTimeField(pgettext_lazy("evaluation", "updated at"), auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("measurement")
        verbose_name_plural = _("measurements")
        ordering = ["indicator", "-period"]
        constraints = [
            models.UniqueConstraint(fields=["indicator", "period"], name="measurement_once_per_period"),
        ]
        indexes = [models.Index(fields=["indicator", "-period"], name="measurement_latest")]

    def __str__(self) -> str:
        return f"{self.indicator} — {self.period_label} : {self.formatted_value}"

    @property
    def period_label(self) -> str:
        return self.indicator.period_label(self.period)

    @property
    def formatted_value(self) -> str:
        return self.indicator.format_value(self.value)


def format_number(value) -> str:
    """French display of a decimal: 1 234,5 (no trailing zeros)."""
    if value is None:
        return "—"
    value = Decimal(value)
    quantised = value.quantize(Decimal("0.01"))
    text = f"{quantised:,.2f}".replace(",", "\u202f").replace(".", ",")
    if text.endswith(",00"):
        text = text[:-3]
    elif text.endswith("0") and "," in text:
        text = text[:-1]
    return text
