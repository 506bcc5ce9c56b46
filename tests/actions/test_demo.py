import io

import pytest
from django.utils import timezone

from actions import demo
from actions.models import ActionPhase, CollectiveAction, Deliverable, Programme
from directory import demo as directory_demo

pytestmark = pytest.mark.django_db


def test_demo_covers_every_phase_and_is_idempotent():
    out = io.StringIO()
    directory_demo.load(out)
    demo.load(out)
    demo.load(out)
    assert set(Programme.objects.values_list("code", flat=True)) >= {
        "branche-adesatt",
        "acia-corse",
        "prst4-ara",
    }
    branch = Programme.objects.get(code="branche-adesatt")
    assert branch.actions.count() == 12
    first = branch.actions.get(code="01")
    assert first.budget_min_keur == 100 and first.budget_max_keur == 300 and first.feasibility == 3
    assert first.success_conditions.first().title == "Incitation économique"
    assert first.team.filter(person__user__username="pilote").exists()
    acia = Programme.objects.get(code="acia-corse")
    assert acia.axes.count() == 2 and acia.steps.count() == 3 and acia.actions.count() == 4
    assert all(a.team.filter(person__user__username="consultant").exists() for a in acia.actions.all())
    prst = Programme.objects.get(code="prst4-ara")
    assert prst.porteur.acronym == "DREETS ARA"
    assert not prst.managers.filter(user__username="pilote").exists()
    assert not CollectiveAction.objects.filter(programme=prst, team__person__user__username="pilote").exists()
    phases = set(CollectiveAction.objects.values_list("current_phase_number", flat=True))
    assert phases == {1, 2, 3, 4, 5, 6, 7}
    assert CollectiveAction.objects.filter(
        status=CollectiveAction.Status.CLOSED, current_phase_number=7
    ).exists()
    today = timezone.localdate()
    assert Deliverable.objects.filter(status=Deliverable.Status.VALIDATED).count() >= 10
    assert any(d.is_late(today) for d in Deliverable.objects.all())
    assert any(p.is_late(today) for p in ActionPhase.objects.all())
