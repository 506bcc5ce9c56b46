"""The list, the fiche and the programme page cost the same number of queries at any size."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from actions.models import FinancingLine, Participation, PhaseTransition, SuccessCondition, TeamMember
from actions.services import deliverable_create, phase_advance
from directory.access import person_of
from tests.actions.factories import make_action
from tests.factories import OrganisationFactory, PersonFactory

pytestmark = pytest.mark.django_db


def _fill(action, pilot, size):
    today = timezone.localdate()
    for index in range(size):
        Participation.objects.create(
            action=action,
            organisation=OrganisationFactory(),
            status="engagee",
            group=f"Groupe {index % 3}",
            du_formalised_on=today,
        )
        FinancingLine.objects.create(
            action=action, funder=OrganisationFactory(kind="financeur"), amount_eur=1000 * (index + 1)
        )
        SuccessCondition.objects.create(action=action, title=f"Condition {index}", text="…")
        TeamMember.objects.create(action=action, person=PersonFactory(), role="contributeur")
        phase = action.phases.get(number=1 + index % 7)
        deliverable_create(
            action=action,
            phase=phase,
            by=pilot,
            title=f"Livrable {index}",
            due_date=today - timedelta(days=index),
        )
    for _ in range(min(size, 3)):
        phase_advance(action=action, by=pilot, override_reason="Démonstration")


def _programme_with(programme, pilot, count, size):
    for index in range(count):
        action = make_action(
            by=pilot,
            programme=programme,
            code=f"Q{count}-{index}",
            start_date=timezone.localdate(),
            preparation_months=3,
            deployment_months=9,
        )
        _fill(action, pilot, size)
    return programme


@pytest.mark.parametrize("count,size", [(1, 1), (6, 5)])
def test_action_list_queries_do_not_grow(
    client_for, pilot, programme, count, size, django_assert_max_num_queries
):
    _programme_with(programme, pilot, count, size)
    c = client_for(pilot)
    with django_assert_max_num_queries(16):
        response = c.get(reverse("actions:action_list"), {"tri": "-phase"})
    assert response.status_code == 200


@pytest.mark.parametrize("size", [1, 8])
def test_action_detail_queries_do_not_grow(client_for, pilot, programme, size, django_assert_max_num_queries):
    action = make_action(
        by=pilot,
        programme=programme,
        start_date=timezone.localdate(),
        preparation_months=3,
        deployment_months=9,
    )
    _fill(action, pilot, size)
    assert PhaseTransition.objects.filter(action=action).exists()
    c = client_for(pilot)
    with django_assert_max_num_queries(24):
        response = c.get(reverse("actions:action_detail", args=[action.pk]))
    assert response.status_code == 200


@pytest.mark.parametrize("count,size", [(1, 1), (6, 4)])
def test_programme_page_queries_do_not_grow(
    client_for, pilot, programme, count, size, django_assert_max_num_queries
):
    _programme_with(programme, pilot, count, size)
    c = client_for(pilot)
    for name in ("programme_detail", "programme_matrix", "programme_recap"):
        with django_assert_max_num_queries(16):
            response = c.get(reverse(f"actions:{name}", args=[programme.pk]))
        assert response.status_code == 200, name


@pytest.mark.parametrize("size", [1, 6])
def test_participation_list_queries_do_not_grow(
    client_for, pilot, programme, size, django_assert_max_num_queries
):
    action = make_action(by=pilot, programme=programme)
    _fill(action, pilot, size)
    c = client_for(pilot)
    with django_assert_max_num_queries(16):
        assert c.get(reverse("actions:participation_list", args=[action.pk])).status_code == 200


def test_the_pilot_filter_lists_only_visible_pilots(client_for, pilot, programme, other_pilot):
    make_action(by=pilot, programme=programme)
    make_action(by=other_pilot)  # another programme the pilot cannot see
    page = client_for(pilot).get(reverse("actions:action_list")).content.decode()
    assert person_of(pilot).full_name in page
    assert person_of(other_pilot).full_name not in page


@pytest.mark.parametrize("edits", [1, 30])
def test_action_history_queries_do_not_grow(
    client_for, pilot, programme, edits, django_assert_max_num_queries
):
    from actions.phases import phase_reference
    from actions.services import action_update, phase_update

    action = make_action(by=pilot, programme=programme)
    _fill(action, pilot, 2)
    for index in range(edits):
        action_update(action=action, by=pilot, title=f"Titre {index}")
        phase_update(phase=action.phases.get(number=2), by=pilot, notes=f"Note {index}")
    c = client_for(pilot)
    with django_assert_max_num_queries(12):
        response = c.get(reverse("actions:action_history", args=[action.pk]))
    assert response.status_code == 200
    rows = response.context["entries"]
    title_changes = [
        row for row in rows if row.what == "Fiche-action" and any(c.field == "title" for c in row.changes)
    ]
    assert len(title_changes) == edits
    # Every edit shows what it changed, the oldest one too (its earlier version is read with the page).
    assert all(
        ("title", f"Titre {index}") in [(c.field, c.new) for c in row.changes]
        for index, row in zip(reversed(range(edits)), title_changes, strict=True)
    )
    phase_changes = [row for row in rows if row.what.startswith("Phase") and row.fields_changed == "notes"]
    assert [row.what for row in phase_changes] == [f"Phase {phase_reference(2).name}"] * edits
