"""French formats: decimals with a comma, but integers printed as-is (primary keys go into ids and URLs)."""

from decimal import Decimal

from django.template import Context, Template
from django.utils import translation

from core.forms import Form


def test_a_primary_key_is_printed_without_grouping():
    # With thousand grouping on, « 1 311 » would break ids such as raci-cell-1311-4 (seen in the RACI grid).
    with translation.override("fr"):
        assert Template('<td id="row-{{ pk }}">').render(Context({"pk": 1311})) == '<td id="row-1311">'


def test_decimals_read_and_print_the_french_way():
    from django import forms

    class Amount(Form):
        value = forms.DecimalField(decimal_places=2)

    with translation.override("fr"):
        for typed in ("12,5", "12.5"):
            form = Amount(data={"value": typed})
            assert form.is_valid(), form.errors
            assert form.cleaned_data["value"] == Decimal("12.5")
        assert Template("{{ v }}").render(Context({"v": Decimal("12.5")})) == "12,5"
