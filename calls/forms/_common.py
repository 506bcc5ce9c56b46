"""Forms of calls: what several topics share"""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

YES_NO = [("oui", _("Yes")), ("non", _("No"))]


def _yes_no_field(label, required=False):
    return forms.TypedChoiceField(
        label=label,
        choices=YES_NO,
        widget=forms.RadioSelect,
        required=required,
        coerce=lambda v: v == "oui",
        empty_value=None,
    )


def _yes_no_initial(value):
    if value is None:
        return None
    return "oui" if value else "non"


class _ListVersionMixin:
    """A hidden key of a list the page edits as a whole (`list_field`), as it was when the page was opened.

    `list_version(instance)` gives that key for the stored list (a function of `calls.selectors`).

    After validation it is in `form.list_seen` (None when the post had none), not in `cleaned_data`; when
    the form comes back with an edit conflict the key moves on with the version (saving again keeps
    the person's list).
    """

    list_field = ""
    list_version = None  # staticmethod(selectors.<list>_version) in each form

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields[self.list_field] = forms.CharField(
            widget=forms.HiddenInput,
            required=False,
            max_length=64,
            initial=self.stored_list_version(),
        )
        self.list_seen: str | None = None

    def stored_list_version(self) -> str:
        return self.list_version(self.instance)

    def full_clean(self):
        super().full_clean()
        if hasattr(self, "cleaned_data"):
            seen = self.cleaned_data.pop(self.list_field, None)
            self.list_seen = seen if self.add_prefix(self.list_field) in self.data else None

    @property
    def changed_data(self):
        return [name for name in super().changed_data if name != self.list_field]

    def show_conflict(self, conflict) -> None:
        super().show_conflict(conflict)
        data = self.data.copy()
        data[self.add_prefix(self.list_field)] = self.stored_list_version()
        self.data = data
