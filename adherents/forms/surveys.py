"""Forms of adherents: surveys."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import Form
from core.idempotency import SubmitOnceMixin

from ..models import SurveyQuestion


class SurveyAnswerForm(SubmitOnceMixin, Form):
    """A survey's questions as fields; staff also say whether the member was reached."""

    submit_label = _("Record the answers")

    def __init__(self, *args, survey, questions, staff: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = questions
        if staff:
            self.fields["reached"] = forms.TypedChoiceField(
                label=_("Was the member reached?"),
                choices=[("1", _("Yes, the member answered")), ("0", _("No, unreachable"))],
                coerce=lambda v: v == "1",
                widget=forms.RadioSelect,
                initial="1",
            )
            self.fields["respondent"] = forms.CharField(
                label=_("Person who answered"), required=False, max_length=200
            )
        for question in questions:
            name = f"q_{question.pk}"
            label = question.text
            required = False  # checked in clean(): required only when the member was reached
            choices = [(str(c.pk), c.label) for c in question.choices.all()]
            if question.kind == SurveyQuestion.Kind.SINGLE:
                field = forms.ChoiceField(
                    label=label, choices=choices, widget=forms.RadioSelect, required=required
                )
            elif question.kind == SurveyQuestion.Kind.MULTIPLE:
                field = forms.MultipleChoiceField(
                    label=label, choices=choices, widget=forms.CheckboxSelectMultiple, required=required
                )
            elif question.kind == SurveyQuestion.Kind.RATING:
                field = forms.TypedChoiceField(
                    label=label,
                    choices=[(str(i), str(i)) for i in range(1, 6)],
                    coerce=int,
                    widget=forms.RadioSelect,
                    required=required,
                    help_text=_("1 = not at all satisfied, 5 = very satisfied"),
                )
            else:
                field = forms.CharField(
                    label=label, widget=forms.Textarea(attrs={"rows": 2}), required=required
                )
            self.fields[name] = field

    def clean(self):
        data = super().clean()
        if data.get("reached", True):
            for question in self.questions:
                if question.required and question.asked_if_id is None and not data.get(f"q_{question.pk}"):
                    self.add_error(f"q_{question.pk}", _("This question needs an answer."))
        return data

    def answers(self) -> dict:
        by_choice = {str(c.pk): c for q in self.questions for c in q.choices.all()}
        result = {}
        for question in self.questions:
            value = self.cleaned_data.get(f"q_{question.pk}")
            if question.kind == SurveyQuestion.Kind.SINGLE:
                value = by_choice.get(value) if value else None
            elif question.kind == SurveyQuestion.Kind.MULTIPLE:
                value = [by_choice[v] for v in value or [] if v in by_choice]
            result[question] = value
        return result
