from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation

from django import forms
from django.utils import timezone
from django.utils.functional import lazy
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from actions.models import QvtTheme
from core.conflicts import VersionedFormMixin
from core.forms import Form, ModelForm, frenchify_fields
from core.idempotency import SubmitOnceMixin
from directory.models import College, Person

from . import computed
from .models import ActionAssessment, ApproachEntry, Indicator, format_number
from .periods import add_periods, period_label, period_start


class IndicatorForm(VersionedFormMixin, SubmitOnceMixin, ModelForm):
    submit_label = _("Save the indicator")

    computation = forms.ChoiceField(label=_("How the values are obtained"), required=False)
    college = forms.ChoiceField(
        label=_("College (attendance rate only)"),
        required=False,
        choices=[("", _("All colleges")), *list(College.choices)],
    )
    target_steps = forms.CharField(
        label=_("Intermediate targets"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Optional. One line per period: the month the period starts (YYYY-MM) and the target, for instance « 2026-04 ; 40 »."
        ),
    )
    responsible = forms.ModelMultipleChoiceField(
        label=pgettext_lazy("evaluation", "Filled in by"),
        required=False,
        queryset=Person.objects.filter(user__isnull=False)
        .select_related("organisation")
        .order_by("last_name", "first_name"),
        help_text=_("The people who enter the values of this indicator."),
    )

    class Meta:
        model = Indicator
        fields = [
            "name",
            "kind",
            "evaluation",
            "definition",
            "source",
            "computation",
            "college",
            "unit",
            "scale_max",
            "direction",
            "baseline",
            "baseline_date",
            "target",
            "target_date",
            "target_steps",
            "periodicity",
            "responsible",
            "is_active",
            "is_public",
        ]
        widgets = {"definition": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, scope, scope_kind: str, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.instance.pk:
            # The model's rules (one scope, values fitting the unit) run during validation.
            setattr(
                self.instance,
                {"action": "action", "programme": "programme", "committee": "committee"}.get(
                    scope_kind, "service"
                ),
                scope,
            )
        self.fields["computation"].choices = [
            ("", _("Manual entry by the people in charge")),
            *computed.choices_for_scope(scope_kind),
        ]
        if self.instance.pk:
            self.fields["college"].initial = (self.instance.computation_params or {}).get("college", "")
            self.fields["target_steps"].initial = "\n".join(
                f"{step.period:%Y-%m} ; {format_number(step.value)}"
                for step in self.instance.target_steps.all()
            )
        self.fields["unit"].help_text = _("For a computed indicator, the unit is set by the computation.")

    def clean_target_steps(self) -> dict:
        steps = {}
        for number, line in enumerate(self.cleaned_data["target_steps"].splitlines(), start=1):
            if not line.strip():
                continue
            month, _sep, value = line.replace(";", " ").strip().partition(" ")
            try:
                year, month_number = (int(part) for part in month.split("-"))
                period = date(year, month_number, 1)
                steps[period] = Decimal(
                    value.strip().replace(",", ".").replace("\u202f", "").replace(" ", "")
                )
            except (ValueError, ArithmeticError, InvalidOperation):
                raise forms.ValidationError(
                    _(
                        "Line %(number)s: write the month (YYYY-MM), then the target, for instance « 2026-04 ; 40 »."
                    )
                    % {"number": number}
                ) from None
        return steps

    def service_kwargs(self) -> dict:
        data = dict(self.cleaned_data)
        data["computation_params"] = {"college": data.pop("college")} if data.get("college") else {}
        return data


class MeasurementForm(SubmitOnceMixin, Form):
    submit_label = _("Record the value")

    period = forms.ChoiceField(label=_("Period"))
    value = forms.DecimalField(label=_("Value"), max_digits=14, decimal_places=2)
    comment = forms.CharField(label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    source = forms.CharField(label=_("Source"), required=False, max_length=255)

    def __init__(self, *args, indicator: Indicator, today: date | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.indicator = indicator
        today = today or timezone.localdate()
        current = period_start(today, indicator.periodicity)
        periods = [add_periods(current, indicator.periodicity, -i) for i in range(0, 25)]
        self.fields["period"].choices = [
            (p.isoformat(), period_label(p, indicator.periodicity)) for p in periods
        ]
        self.fields["period"].initial = periods[1].isoformat()
        self.fields["value"].help_text = indicator.get_unit_display()

    def clean_period(self):
        return date.fromisoformat(self.cleaned_data["period"])


class MeasurementEditForm(VersionedFormMixin, Form):
    """The correction of a value: opened with `versioned=<the measurement>`."""

    submit_label = _("Save the correction")

    value = forms.DecimalField(label=_("Value"), max_digits=14, decimal_places=2)
    comment = forms.CharField(label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    source = forms.CharField(label=_("Source"), required=False, max_length=255)


class MonthRowForm(VersionedFormMixin, forms.Form):
    """One line of the month's entry: the value of one indicator (left empty: nothing recorded).

    Its hidden `version` is the version of the value already entered (0: none), given as the line's
    initial data (all the lines' versions read in one query): a value changed by someone else since the
    page was opened is not overwritten.
    """

    value = forms.DecimalField(label=_("Value"), max_digits=14, decimal_places=2, required=False)
    comment = forms.CharField(label=_("Comment"), required=False, max_length=2000)
    source = forms.CharField(label=_("Source"), required=False, max_length=255)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        frenchify_fields(self)
        for field in self.fields.values():
            field.widget.attrs.setdefault("class", "form-control form-control-sm")
        self.fields["value"].widget.attrs["class"] += " value-input"

    def name_after(self, indicator: Indicator, period: date) -> None:
        """Give each field of the line its own label, saying which indicator and period it is for
        (« Valeur de novembre 2026 — Taux d’absentéisme (Action 01 — …) »): the page repeats the same three
        fields per line, and several actions may have indicators of the same name."""
        shown = indicator.period_label(period)
        name = _("%(indicator)s (%(scope)s)") % {"indicator": indicator.name, "scope": indicator.scope}
        of_period = (
            pgettext_lazy("before a vowel", "Value of %(period)s — %(name)s")
            if shown[:1].lower() in "aeiouyâéèêîô"
            else _("Value of %(period)s — %(name)s")
        )
        self.fields["value"].label = of_period % {"period": shown, "name": name}
        self.fields["comment"].label = _("Comment — %(name)s") % {"name": name}
        self.fields["source"].label = _("Source — %(name)s") % {"name": name}


MonthFormSet = forms.formset_factory(MonthRowForm, extra=0)


class ApproachEntryForm(SubmitOnceMixin, ModelForm):
    submit_label = pgettext_lazy("evaluation", "Record")

    class Meta:
        model = ApproachEntry
        fields = ["date", "kind", "text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["date"].initial = timezone.localdate()


class AssessmentForm(VersionedFormMixin, ModelForm):
    submit_label = _("Save the assessment")

    class Meta:
        model = ActionAssessment
        fields = [
            "planned_days",
            "days_spent",
            "budget_engaged_keur",
            "results_summary",
            "lessons",
            "openings",
            "copil_validated_on",
            "copil_validation_note",
        ]
        widgets = {
            "results_summary": forms.Textarea(attrs={"rows": 4}),
            "lessons": forms.Textarea(attrs={"rows": 4}),
            "openings": forms.Textarea(attrs={"rows": 3}),
        }


class DashboardFilterForm(Form):
    submit_label = _("Filter")

    start = forms.DateField(label=pgettext_lazy("evaluation", "From"), required=False)
    end = forms.DateField(label=_("Until"), required=False)
    territory = forms.ChoiceField(label=_("Territory"), required=False)
    theme = forms.ModelChoiceField(
        label=lazy(capfirst, str)(_("QVT theme")),
        required=False,
        queryset=QvtTheme.objects.all(),
        empty_label=_("All themes"),
    )

    def __init__(self, *args, territories=(), with_actions_filters=True, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["territory"].choices = [("", _("All territories"))] + [(t, t) for t in territories]
        if not with_actions_filters:
            del self.fields["territory"]
            del self.fields["theme"]
        for field in self.fields.values():
            css = (
                "form-select form-select-sm"
                if isinstance(field.widget, forms.Select)
                else "form-control form-control-sm"
            )
            field.widget.attrs["class"] = css

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["end"] < data["start"]:
            self.add_error("end", _("The end of the period must be after its start."))
        return data
