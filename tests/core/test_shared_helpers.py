"""What every app shares from core: a service's errors on a form, month arithmetic, the history presenter."""

from __future__ import annotations

from datetime import date

import pytest
from django import forms
from django.core.exceptions import ValidationError

from core.form_errors import add_service_errors, error_text
from core.history_presenter import history_entries, newest_rows
from core.months import add_months, month_start
from directory.models import Organisation, Person
from tests.factories import make_account


class _Form(forms.Form):
    name = forms.CharField(required=False)


def _bound():
    form = _Form({"name": "x"})
    assert form.is_valid()
    return form


def test_a_service_error_naming_a_field_goes_on_that_field_the_rest_above_the_form():
    form = _bound()
    add_service_errors(
        form, ValidationError({"name": "Nom déjà pris.", "ghost": "Autre chose.", "__all__": "Tout."})
    )
    assert form.errors["name"] == ["Nom déjà pris."]
    assert form.non_field_errors() == ["Autre chose.", "Tout."]


def test_a_service_error_without_field_goes_above_the_form():
    form = _bound()
    add_service_errors(form, ValidationError(["Première.", "Seconde."]))
    assert form.non_field_errors() == ["Première.", "Seconde."]
    assert error_text(ValidationError(["Première.", "Seconde."])) == "Première. Seconde."


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (date(2026, 1, 31), 1, date(2026, 2, 28)),
        (date(2028, 1, 31), 1, date(2028, 2, 29)),
        (date(2026, 11, 15), 3, date(2027, 2, 15)),
        (date(2026, 3, 31), -1, date(2026, 2, 28)),
        (date(2026, 5, 10), 0, date(2026, 5, 10)),
        (date(2026, 5, 10), 24, date(2028, 5, 10)),
    ],
)
def test_months_are_added_as_calendars_count_them(day, months, expected):
    assert add_months(day, months) == expected


def test_month_start():
    assert month_start(date(2026, 12, 24)) == date(2026, 12, 1)


@pytest.mark.django_db
def test_the_history_presenter_names_the_fields_with_their_values_and_the_author():
    editor = make_account("presenter", Person.Role.PILOT)
    organisation = Organisation.objects.create(name="ARACT Corse", kind=Organisation.Kind.ARACT)
    organisation._history_user = editor
    organisation.name = "ARACT de Corse"
    organisation.kind = Organisation.Kind.BRANCH
    organisation.siret = "73282932000074"
    organisation.save()
    entries = history_entries(newest_rows(organisation.history.all()), model=Organisation, what="Fiche")
    assert [entry.type for entry in entries] == ["~", "+"]
    changed = entries[0]
    assert changed.what == "Fiche" and changed.action == "Modification"
    assert changed.author == editor.person.full_name
    assert {(change.label, change.old, change.new) for change in changed.changes} == {
        ("Nom", "ARACT Corse", "ARACT de Corse"),
        ("Type", str(Organisation.Kind.ARACT.label), str(Organisation.Kind.BRANCH.label)),
        ("SIRET", "—", "73282932000074"),
    }
    # In a sentence the names keep their case: an acronym stays in capitals.
    assert sorted(changed.fields_changed.split(", ")) == ["SIRET", "nom", "type"]
    assert entries[1].changes == [] and entries[1].author == "Copilote (automatique)"


@pytest.mark.django_db
@pytest.mark.parametrize("edits", [1, 30])
def test_the_history_presenter_costs_the_same_queries_after_1_or_30_edits(
    edits, django_assert_max_num_queries
):
    employers = [
        Organisation.objects.create(name=f"Employeur {n}", kind=Organisation.Kind.COMPANY) for n in range(3)
    ]
    person = Person.objects.create(first_name="Ana", last_name="Rossi", organisation=employers[0])
    for number in range(edits):
        person.last_name = f"Rossi {number}"
        person.organisation = employers[(number + 1) % 3]
        person.save()
    # The rows with their authors, then the organisations their changes name: whatever the number of edits.
    with django_assert_max_num_queries(2):
        entries = history_entries(newest_rows(person.history.all()), model=Person)
    assert len(entries) == min(edits + 1, 30)
    assert str(employers[edits % 3]) in [change.new for change in entries[0].changes]


# --- States asked by name --------------------------------------------------------------------
def test_a_model_answers_its_states_by_name_and_gives_their_colour():
    from governance.models import Meeting

    meeting = Meeting(status=Meeting.Status.HELD)
    assert meeting.is_held and not meeting.is_cancelled and not meeting.is_planned
    assert meeting.status_tone == "success"
    assert Meeting(status=Meeting.Status.PLANNED).status_tone == "light"


def test_a_state_name_already_taken_or_an_unknown_tone_fails_at_start_up():
    from django.core.exceptions import ImproperlyConfigured
    from django.db import models

    from core.states import state_flags

    class Thing:
        class Status(models.TextChoices):
            OPEN = "ouvert", "Ouvert"

        is_open = True

    with pytest.raises(ImproperlyConfigured):
        state_flags()(Thing)
    with pytest.raises(ImproperlyConfigured):
        state_flags(prefix="now_", tones={"OPEN": "pink"})(Thing)


def test_no_template_compares_a_stored_state_with_a_literal():
    """Templates ask the model (`meeting.is_held`), they do not know the stored words (`"tenue"`)."""
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    pattern = re.compile(r"\.(status|kind|mode|outcome|eligibility|approval_mode) *[!=]= *['\"]")
    offending = [
        f"{path.relative_to(root)}:{number}"
        for path in root.glob("*/templates/**/*.html")
        if ".venv" not in path.parts
        for number, line in enumerate(path.read_text().splitlines(), 1)
        if pattern.search(line)
    ]
    assert offending == []
