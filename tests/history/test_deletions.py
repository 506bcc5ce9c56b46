"""A deletion that clears references elsewhere leaves a history entry on each object it touched;
deleted list items leave their own history entry (type « - »), with their author."""

from html import unescape

import pytest
from django.urls import reverse

from actions.models import ProgrammeAxis, SuccessCondition
from directory.access import person_of
from tests.actions.factories import ProgrammeFactory, make_action

pytestmark = pytest.mark.django_db


@pytest.fixture
def programme(pilot):
    programme = ProgrammeFactory(code="branche-histoire", name="Programme de branche")
    programme.managers.add(person_of(pilot))
    return programme


def _programme_data(programme, axis, **extra):
    return {
        "name": programme.name,
        "code": programme.code,
        "kind": programme.kind,
        "start_date": "2026-01-01",
        "end_date": "2026-12-31",
        "axes-TOTAL_FORMS": "1",
        "axes-INITIAL_FORMS": "1",
        "axes-0-id": str(axis.pk),
        "axes-0-programme": str(programme.pk),
        "axes-0-number": str(axis.number),
        "axes-0-title": axis.title,
        "etapes-TOTAL_FORMS": "0",
        "etapes-INITIAL_FORMS": "0",
        **extra,
    }


def test_removing_an_axis_records_it_on_every_action_filed_under_it(client_for, pilot, programme):
    axis = ProgrammeAxis.objects.create(programme=programme, number=2, title="Prévenir l’usure")
    filed = [make_action(by=pilot, programme=programme, code=f"0{n}") for n in (1, 2)]
    other = make_action(by=pilot, programme=programme, code="03")
    for action in filed:  # filed under the axis through the fiche (a history row of its own)
        action.axis = axis
        action.save()

    url = reverse("actions:programme_edit", args=[programme.pk])
    response = client_for(pilot).post(url, _programme_data(programme, axis, **{"axes-0-DELETE": "on"}))

    assert response.status_code == 302
    assert not ProgrammeAxis.objects.filter(pk=axis.pk).exists()
    for action in filed:
        action.refresh_from_db()
        assert action.axis is None
        record = action.history.order_by("-history_id").first()
        assert record.history_user == pilot
        assert record.history_change_reason == "Axe supprimé\u00a0: Axe 2\u00a0: Prévenir l’usure"
        assert record.prev_record.axis_id == axis.pk
    assert not other.history.filter(history_change_reason__startswith="Axe supprimé").exists()
    deleted = ProgrammeAxis.history.filter(id=axis.pk).order_by("-history_id").first()
    assert (
        deleted.history_type == "-" and deleted.history_user == pilot and deleted.title == "Prévenir l’usure"
    )
    # The action's history page says so.
    page = unescape(
        client_for(pilot).get(reverse("actions:action_history", args=[filed[0].pk])).content.decode()
    )
    assert "Axe supprimé" in page


def test_a_removed_success_condition_keeps_its_text_and_author_in_the_history(client_for, pilot, programme):
    action = make_action(by=pilot, programme=programme, code="01", title="Être guidés")
    kept = SuccessCondition.objects.create(action=action, order=0, title="Incitation", text="Reste à charge")
    removed = SuccessCondition.objects.create(
        action=action, order=1, title="Adhésion", text="Les IRP adhèrent"
    )
    data = {
        "code": "01",
        "title": "Être guidés",
        "status": "en_cours",
        "objectifs-TOTAL_FORMS": "0",
        "objectifs-INITIAL_FORMS": "0",
        "moyens-TOTAL_FORMS": "0",
        "moyens-INITIAL_FORMS": "0",
        "etapes-TOTAL_FORMS": "0",
        "etapes-INITIAL_FORMS": "0",
        "conditions-TOTAL_FORMS": "3",
        "conditions-INITIAL_FORMS": "2",
        "conditions-0-id": str(removed.pk),
        "conditions-0-title": removed.title,
        "conditions-0-text": removed.text,
        "conditions-0-DELETE": "on",
        "conditions-1-id": str(kept.pk),
        "conditions-1-title": "Incitation économique",
        "conditions-1-text": kept.text,
        "conditions-2-title": "Portage",
        "conditions-2-text": "La direction porte le projet",
        "financements-TOTAL_FORMS": "0",
        "financements-INITIAL_FORMS": "0",
        "equipe-TOTAL_FORMS": "1",
        "equipe-INITIAL_FORMS": "1",
        "equipe-0-id": str(action.team.get().pk),
        "equipe-0-person": str(person_of(pilot).pk),
        "equipe-0-role": "pilote",
    }
    response = client_for(pilot).post(reverse("actions:action_edit", args=[action.pk]), data)

    assert response.status_code == 302
    assert [c.title for c in action.success_conditions.all()] == ["Incitation économique", "Portage"]
    gone = SuccessCondition.history.filter(id=removed.pk).order_by("-history_id").first()
    assert gone.history_type == "-" and gone.history_user == pilot and gone.text == "Les IRP adhèrent"
    changed = SuccessCondition.history.filter(id=kept.pk).order_by("-history_id").first()
    assert changed.history_user == pilot and changed.title == "Incitation économique"
    added = action.success_conditions.get(title="Portage")
    assert added.history.get(history_type="+").history_user == pilot
