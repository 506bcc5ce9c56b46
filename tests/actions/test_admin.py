import pytest
from django.urls import reverse

from actions.models import (
    ActionPhase,
    CollectiveAction,
    Deliverable,
    FinancingLine,
    Participation,
    PhaseTransition,
    Programme,
    ProgrammeAxis,
    ProgrammeStep,
    QvtTheme,
    SuccessCondition,
    TeamMember,
)

pytestmark = pytest.mark.django_db

MODELS = [
    ActionPhase,
    CollectiveAction,
    Deliverable,
    FinancingLine,
    Participation,
    PhaseTransition,
    Programme,
    ProgrammeAxis,
    ProgrammeStep,
    QvtTheme,
    SuccessCondition,
    TeamMember,
]


def test_every_model_has_an_admin_and_the_action_page_shows_its_inlines(
    client_for, admin_user, action, pilot
):
    c = client_for(admin_user)
    for model in MODELS:
        url = reverse(f"admin:actions_{model._meta.model_name}_changelist")
        assert c.get(url).status_code == 200, model
    page = c.get(reverse("admin:actions_collectiveaction_change", args=[action.pk])).content.decode()
    assert "team-group" in page and "phases-group" in page and "participations-group" in page
    assert client_for(pilot).get(reverse("admin:actions_collectiveaction_changelist")).status_code == 302
