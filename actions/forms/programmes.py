"""Forms of actions: programmes, their axes and steps."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.db import router
from django.db.models.deletion import Collector, ProtectedError, RestrictedError
from django.forms import BaseInlineFormSet, inlineformset_factory
from django.utils.translation import gettext_lazy as _

from core.conflicts import VersionedFormMixin
from core.forms import ModelForm
from core.idempotency import SubmitOnceMixin
from directory.models import Organisation

from ..models import Programme, ProgrammeAxis, ProgrammeStep
from ._common import EmbeddedMixin


class ProgrammeForm(VersionedFormMixin, SubmitOnceMixin, EmbeddedMixin, ModelForm):
    class Meta:
        model = Programme
        fields = ["name", "code", "kind", "territory", "start_date", "end_date", "porteur", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["porteur"].queryset = Organisation.objects.exclude(
            kind=Organisation.Kind.COMPANY
        ).order_by("name")


class AxisForm(ModelForm):
    submit_label = None

    class Meta:
        model = ProgrammeAxis
        fields = ["number", "title", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 2})}


class StepForm(ModelForm):
    submit_label = None

    class Meta:
        model = ProgrammeStep
        fields = ["number", "title", "period", "mobilisation_days", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 2})}


class BaseProtectedDeletionFormSet(BaseInlineFormSet):
    """Lines ticked « Remove » that other records still point to (an axis chosen by applications
    to a call…) are refused with the form, instead of failing in the database on save."""

    def clean(self):
        super().clean()
        errors = []
        for form in self.deleted_forms:
            instance = form.instance
            if instance.pk is None:
                continue
            collector = Collector(using=router.db_for_write(type(instance)))
            try:
                collector.collect([instance])
            except (ProtectedError, RestrictedError):
                errors.append(
                    ValidationError(
                        _(
                            "« %(name)s » is still used elsewhere (for instance by applications to a call): "
                            "it cannot be removed."
                        ),
                        params={"name": instance},
                    )
                )
        if errors:
            raise ValidationError(errors)


AxisFormSet = inlineformset_factory(
    Programme, ProgrammeAxis, form=AxisForm, formset=BaseProtectedDeletionFormSet, extra=1, can_delete=True
)
StepFormSet = inlineformset_factory(
    Programme, ProgrammeStep, form=StepForm, formset=BaseProtectedDeletionFormSet, extra=1, can_delete=True
)
