"""Forms of calls: staff: instruction"""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import Form

from ..models import SCORE_MAX
from ._common import YES_NO


class EligibilityForm(Form):
    submit_label = _("Record the eligibility")
    eligible = forms.TypedChoiceField(
        label=_("Is the application eligible?"),
        choices=YES_NO,
        widget=forms.RadioSelect,
        coerce=lambda v: v == "oui",
    )
    note = forms.CharField(
        label=_("Note"), widget=forms.Textarea(attrs={"rows": 2}), required=False, max_length=2000
    )


class ComplementRequestForm(Form):
    submit_label = _("Send the request")
    question = forms.CharField(
        label=_("Question to the applicant"), widget=forms.Textarea(attrs={"rows": 3}), max_length=5000
    )


SCORE_CHOICES = [("", "—")] + [(str(i), str(i)) for i in range(SCORE_MAX + 1)]


class ScoreForm(Form):
    """One line per applicable criterion: a 0–5 score and a comment."""

    submit_label = _("Save the scores")

    def __init__(self, *args, criteria, scores: dict, can_score_as_committee: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = criteria
        if can_score_as_committee:
            self.fields["as_committee"] = forms.BooleanField(
                label=_("Enter the scores of the committee as a whole"),
                required=False,
                widget=forms.CheckboxInput(attrs={"class": "form-check-input"}),
            )
        for criterion in criteria:
            existing = scores.get(criterion.pk)
            self.fields[f"score_{criterion.pk}"] = forms.TypedChoiceField(
                label=criterion.text,
                choices=SCORE_CHOICES,
                required=False,
                coerce=int,
                empty_value=None,
                initial=str(existing.value) if existing else "",
                widget=forms.Select(attrs={"class": "form-select form-select-sm"}),
            )
            self.fields[f"comment_{criterion.pk}"] = forms.CharField(
                label=_("Comment"),
                required=False,
                max_length=500,
                initial=existing.comment if existing else "",
                widget=forms.TextInput(
                    attrs={"class": "form-control form-control-sm", "placeholder": _("Comment")}
                ),
            )

    def rows(self):
        return [(c, self[f"score_{c.pk}"], self[f"comment_{c.pk}"]) for c in self.criteria]


class SelectionForm(Form):
    """For each eligible application: selected or not, and the reason told to the applicant."""

    submit_label = _("Check the selection before deciding it")

    def __init__(self, *args, rows, **kwargs):
        super().__init__(*args, **kwargs)
        self.rows_data = rows
        for row in rows:
            pk = row.application.pk
            self.fields[f"selected_{pk}"] = forms.BooleanField(
                label=_("Retain"),
                required=False,
                widget=forms.CheckboxInput(attrs={"class": "form-check-input"}),
            )
            self.fields[f"reason_{pk}"] = forms.CharField(
                label=_("Reason"),
                required=False,
                max_length=2000,
                widget=forms.Textarea(attrs={"rows": 2, "class": "form-control form-control-sm"}),
            )

    def lines(self):
        return [
            (row, self[f"selected_{row.application.pk}"], self[f"reason_{row.application.pk}"])
            for row in self.rows_data
        ]

    def decisions(self) -> dict[int, tuple[bool, str]]:
        return {
            row.application.pk: (
                bool(self.cleaned_data.get(f"selected_{row.application.pk}")),
                self.cleaned_data.get(f"reason_{row.application.pk}", ""),
            )
            for row in self.rows_data
        }


class SelectionReopenForm(Form):
    """Reopen a decided selection: the reason is kept in the call's history."""

    submit_label = _("Reopen the selection")
    reason = forms.CharField(
        label=_("Reason for reopening"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
        help_text=_(
            "Kept in the call's history with your name. The applicants are not told now: only those "
            "whose result changes will be, when the selection is decided again."
        ),
    )
