"""The history page's events, computed from the simple-history tables."""

import pytest

from raci import services
from raci.history import matrix_history_entries
from raci.models import Activity

from .factories import ActionFactory

pytestmark = pytest.mark.django_db


def test_a_clone_is_one_event_then_every_change_is_listed_newest_first(pilot):
    axe1, _ = services.templates_install(by=None)
    matrix = services.matrix_clone(source=axe1, action=ActionFactory(), by=pilot)
    assert [e.text for e in matrix_history_entries(matrix)] == ["Matrice créée avec son contenu"]

    first, second = matrix.activities.order_by("order")[:2]
    role = matrix.roles.order_by("order").first()
    added = services.activity_save(
        activity=Activity(matrix=matrix, name="Information des équipes"), after=first, by=pilot
    )
    added.objective = "Que chacun sache ce qui change"
    added.workload_text = "Travaux intersession"
    services.activity_save(activity=added, by=pilot)
    services.activity_move(activity=added, direction=1, by=pilot)
    role.name = "ARACT Corse"
    services.role_save(role=role, by=pilot)
    services.cell_set(activity=first, role=role, letters="RA", by=pilot)
    services.cell_set(activity=added, role=role, letters="R", by=pilot)
    services.matrix_validate(matrix=matrix, by=pilot)
    services.activity_delete(activity=added, by=pilot)

    texts = [e.text for e in matrix_history_entries(matrix)]
    # The deletion (with its cells) brought the validated matrix back to draft.
    assert texts[0] == "Repassée en brouillon"
    assert "Activité «\u00a0Information des équipes\u00a0» supprimée" in texts[:3]
    assert "Marquée «\u00a0validée\u00a0»" in texts
    assert "Cellule «\u00a0COPIL 1\u00a0» × «\u00a0ARACT Corse\u00a0»" in texts
    assert "Rôle «\u00a0ARACT\u00a0» renommé «\u00a0ARACT Corse\u00a0»" in texts
    assert "Activité «\u00a0Information des équipes\u00a0» déplacée" in texts
    assert (
        "Activité «\u00a0Information des équipes\u00a0» modifiée\u00a0: objectif, charge de travail" in texts
    )
    assert "Activité «\u00a0Information des équipes\u00a0» ajoutée" in texts
    assert texts[-1] == "Matrice créée avec son contenu"
    cell = next(
        e
        for e in matrix_history_entries(matrix)
        if e.text == "Cellule «\u00a0COPIL 1\u00a0» × «\u00a0ARACT Corse\u00a0»"
    )
    assert (cell.old, cell.new, cell.user) == ("R", "R/A", pilot)
    assert second.pk  # the other rows are untouched: no event for them
    assert not any("Temps inter-structure 1" in t for t in texts)


@pytest.mark.parametrize("edits", [1, 30])
def test_the_history_page_s_queries_do_not_grow_with_its_events(
    client_for, pilot, edits, django_assert_max_num_queries
):
    from django.urls import reverse

    from tests.raci.factories import join_team

    axe1, _ = services.templates_install(by=None)
    matrix = services.matrix_clone(source=axe1, action=ActionFactory(), by=pilot)
    join_team(matrix.action, pilot)
    activities = list(matrix.activities.order_by("order")[:3])
    roles = list(matrix.roles.order_by("order")[:2])
    for n in range(edits):
        services.cell_set(activity=activities[n % 3], role=roles[n % 2], letters="RC"[n % 2], by=pilot)
        role = roles[n % 2]
        role.name = f"Rôle {n}"
        services.role_save(role=role, by=pilot)
    with django_assert_max_num_queries(27):  # the same after 1 edit and after 30
        page = client_for(pilot).get(reverse("raci:matrix_history", args=[matrix.pk]))
    assert page.status_code == 200
    assert f"Rôle {edits - 1}" in page.content.decode()
