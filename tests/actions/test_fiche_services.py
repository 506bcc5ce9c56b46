"""The services behind the fiche-action and programme pages: fields and lines saved together, once."""

from decimal import Decimal

import pytest

from actions import services
from actions.models import CollectiveAction, FinancingLine, ProgrammeAxis, ProgrammeStep, SuccessCondition
from actions.services import LineChanges
from core.conflicts import EditConflict, version_of
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def test_the_fiche_is_saved_with_its_lines_deleted_lines_first_and_conditions_renumbered(pilot, action):
    kept = SuccessCondition.objects.create(action=action, order=3, title="Gardée")
    removed = SuccessCondition.objects.create(action=action, order=1, title="Retirée")
    funder = OrganisationFactory()
    old_line = FinancingLine.objects.create(action=action, funder=funder, amount_eur=Decimal("10"))
    removed_pk, old_line_pk = removed.pk, old_line.pk  # a deleted row loses its pk

    services.action_fiche_save(
        action=action,
        by=pilot,
        expected_version=version_of(action),
        title="Titre revu",
        objectives=["Réduire les TMS"],
        conditions=LineChanges(
            saved=[SuccessCondition(action=action, order=9, title="Nouvelle")], deleted=[removed]
        ),
        financing=LineChanges(
            saved=[FinancingLine(action=action, funder=funder, share_percent=Decimal("20"))],
            deleted=[old_line],
        ),
    )

    action.refresh_from_db()
    assert action.title == "Titre revu" and action.objectives == ["Réduire les TMS"]
    conditions = list(action.success_conditions.order_by("order"))
    assert [(c.title, c.order) for c in conditions] == [("Gardée", 0), ("Nouvelle", 1)]
    assert kept.pk == conditions[0].pk
    assert not FinancingLine.objects.filter(pk=old_line_pk).exists()
    assert [line.share_percent for line in action.financing_lines.all()] == [Decimal("20")]
    assert action.history.first().history_user == pilot
    assert SuccessCondition.history.filter(id=removed_pk, history_type="-").get().history_user == pilot
    assert FinancingLine.history.filter(id=old_line_pk, history_type="-").get().history_user == pilot


def test_a_stale_fiche_is_refused_and_none_of_its_lines_is_saved(pilot, other_pilot, action):
    opened = version_of(action)
    condition = SuccessCondition.objects.create(action=action, title="Là")
    services.action_update(action=CollectiveAction.objects.get(pk=action.pk), by=other_pilot, title="Le leur")
    mine = CollectiveAction.objects.get(pk=action.pk)
    mine.title = "Le mien"

    with pytest.raises(EditConflict):
        services.action_fiche_save(
            action=mine,
            by=pilot,
            expected_version=opened,
            conditions=LineChanges(
                saved=[SuccessCondition(action=action, title="Nouvelle")], deleted=[condition]
            ),
        )

    assert CollectiveAction.objects.get(pk=action.pk).title == "Le leur"
    assert list(action.success_conditions.values_list("title", flat=True)) == ["Là"]


def test_a_programme_is_created_with_its_axes_and_steps(pilot):
    programme = services.programme_create(
        by=pilot,
        name="Programme",
        code="prog-lines",
        axes=LineChanges(saved=[ProgrammeAxis(number=1, title="Prévenir")]),
        steps=LineChanges(saved=[ProgrammeStep(number=1, title="Lancement")]),
    )

    assert [a.title for a in programme.axes.all()] == ["Prévenir"]
    assert [s.title for s in programme.steps.all()] == ["Lancement"]
    assert ProgrammeAxis.history.get(programme_id=programme.pk).history_user == pilot


def test_a_stale_programme_edit_keeps_its_axes(pilot, other_pilot, programme):
    axis = ProgrammeAxis.objects.create(programme=programme, number=1, title="Prévenir")
    opened = version_of(programme)
    theirs = type(programme).objects.get(pk=programme.pk)
    services.programme_update(programme=theirs, by=other_pilot, name="Le leur")
    programme.name = "Le mien"

    with pytest.raises(EditConflict):
        services.programme_update(
            programme=programme,
            by=pilot,
            expected_version=opened,
            name="Le mien",
            axes=LineChanges(deleted=[axis]),
        )

    assert ProgrammeAxis.objects.filter(pk=axis.pk).exists()
