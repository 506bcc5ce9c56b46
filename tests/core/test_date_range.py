"""Dates typed into any form stay between 1900 and 2100 (found by tests/fuzz: « 9999-12-31 » as a
phase's end was accepted, then the action's page failed computing its timeline)."""

from datetime import date

from django import forms
from django.utils import translation

from core.forms import Form


class Dates(Form):
    day = forms.DateField(required=False)
    moment = forms.DateTimeField(required=False)


def test_far_and_ancient_dates_are_refused_in_french():
    with translation.override("fr"):
        for typed in ("9999-12-31", "0001-01-01", "1899-12-31", "2101-01-01"):
            form = Dates(data={"day": typed, "moment": typed + "T10:00"})
            assert not form.is_valid()
            assert form.errors["day"] == ["Saisissez une date entre 1900 et 2100."]
            assert form.errors["moment"] == ["Saisissez une date entre 1900 et 2100."]


def test_dates_within_the_range_are_kept():
    form = Dates(data={"day": "2100-12-31", "moment": "1900-01-01T00:00"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["day"] == date(2100, 12, 31)
