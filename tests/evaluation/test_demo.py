import io

import pytest
from django.urls import reverse

from actions.models import CollectiveAction, Programme
from core.demo import demo_modules
from evaluation import demo
from evaluation.models import ActionAssessment, Indicator, Measurement
from evaluation.selectors import indicator_states
from evaluation.status import LIVE_STATES, State

pytestmark = pytest.mark.django_db


def _load_demo_up_to_evaluation(out):
    for name, module in demo_modules():
        module.load(out)
        if name == "evaluation":
            break


def test_demo_shows_every_state_and_is_idempotent(client_for):
    out = io.StringIO()
    _load_demo_up_to_evaluation(out)
    counts = (Indicator.objects.count(), Measurement.objects.count())
    demo.load(out)
    assert (Indicator.objects.count(), Measurement.objects.count()) == counts
    for code in demo.DEMO_PROGRAMMES:
        programme = Programme.objects.get(code=code)
        assert Indicator.objects.filter(programme=programme).exists()
        assert Indicator.objects.filter(action__programme=programme).exists()
    states = {s.state for s in indicator_states(Indicator.objects.all())}
    assert states >= set(LIVE_STATES)
    assert Indicator.objects.exclude(computation="").filter(measurements__is_computed=True).exists()
    assert (
        Indicator.objects.filter(kind=Indicator.Kind.GOVERNANCE).exists()
        or not Programme.objects.filter(committees__isnull=False).exists()
    )
    closed = CollectiveAction.objects.filter(status=CollectiveAction.Status.CLOSED).first()
    assert closed is not None and ActionAssessment.objects.filter(action=closed).exists()
    # A closed action's indicators are frozen at closing: never « en retard ».
    final = indicator_states(Indicator.objects.filter(action=closed))
    assert final and all(s.frozen_on is not None and s.state != State.LATE for s in final)
    # Computed indicators have values wherever their data exist (the demo's meetings go back to 2020).
    governance = indicator_states(
        Indicator.objects.filter(kind=Indicator.Kind.GOVERNANCE, computation="meetings_held")
    )
    assert governance and all(s.value is not None for s in governance)
    # The pilot has values to enter for last month.
    from django.contrib.auth import get_user_model

    pilot = get_user_model().objects.get(username="pilote")
    page = client_for(pilot).get(reverse("evaluation:monthly_entry")).content.decode()
    assert "Participants aux temps collectifs" in page
