"""Confirm, then a way back (issue 15): advancing, going back one phase, closing and reopening."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from actions import signals
from actions.models import ActionPhase, CollectiveAction, PhaseTransition
from actions.services import (
    AlreadyMoved,
    action_close,
    action_reopen,
    back_blocker,
    forward_blocker,
    phase_advance,
    phase_reopen,
    reopen_blocker,
)
from reminders.models import Notification

pytestmark = pytest.mark.django_db


def _to_phase(action, user, number):
    while action.current_phase_number < number:
        phase_advance(action=action, by=user, override_reason="Reprise d’une action existante")
        action.refresh_from_db()
    return action


def _closed(action, user):
    _to_phase(action, user, 7)
    action_close(action=action, by=user, override_reason="Bilan présenté oralement")
    action.refresh_from_db()
    return action


def test_a_doubled_or_stale_advance_changes_nothing_twice(action, pilot):
    phase_advance(action=action, by=pilot, override_reason="Pré-projet présenté en COPIL", expected_number=1)
    with pytest.raises(AlreadyMoved, match="Conception"):
        phase_advance(
            action=action, by=pilot, override_reason="Pré-projet présenté en COPIL", expected_number=1
        )
    action.refresh_from_db()
    assert action.current_phase_number == 2
    assert PhaseTransition.objects.filter(action=action).count() == 1


def test_going_back_reopens_the_previous_phase_with_its_reason_and_author(action, pilot):
    today = timezone.localdate()
    _to_phase(action, pilot, 3)
    reopened = phase_reopen(
        action=action, by=pilot, reason="  La convention doit être signée à nouveau.  ", expected_number=3
    )
    action.refresh_from_db()
    assert reopened.number == 2 and action.current_phase_number == 2
    phases = {p.number: p for p in action.phases.all()}
    assert phases[3].status == ActionPhase.Status.NOT_STARTED and phases[3].actual_start is None
    assert phases[3].actual_end is None
    assert phases[2].status == ActionPhase.Status.IN_PROGRESS and phases[2].actual_end is None
    assert phases[2].actual_start == today
    back = PhaseTransition.objects.filter(action=action).order_by("-pk").first()
    assert back.kind == PhaseTransition.Kind.BACK and (back.from_number, back.to_number) == (3, 2)
    assert back.reason == "La convention doit être signée à nouveau." and back.by == pilot
    # The phases' own history keeps the author of the change.
    assert phases[3].history.first().history_user == pilot
    # A doubled form does not go back a second time.
    with pytest.raises(AlreadyMoved):
        phase_reopen(action=action, by=pilot, reason="encore", expected_number=3)
    action.refresh_from_db()
    assert action.current_phase_number == 2


def test_going_back_needs_a_reason_and_stops_at_the_first_phase(action, pilot):
    assert back_blocker(action)
    with pytest.raises(ValidationError, match="première phase"):
        phase_reopen(action=action, by=pilot, reason="pas possible")
    _to_phase(action, pilot, 2)
    with pytest.raises(ValidationError, match="raison"):
        phase_reopen(action=action, by=pilot, reason="   ")
    assert back_blocker(action) == ""
    phase_reopen(action=action, by=pilot, reason="Retour au pré-projet")
    action.refresh_from_db()
    assert action.current_phase_number == 1
    assert action.phases.get(number=1).status == ActionPhase.Status.IN_PROGRESS


def test_a_suspended_or_closed_action_does_not_go_back(action, pilot):
    _to_phase(action, pilot, 2)
    CollectiveAction.objects.filter(pk=action.pk).update(status=CollectiveAction.Status.SUSPENDED)
    action.refresh_from_db()
    with pytest.raises(ValidationError, match="suspendue"):
        phase_reopen(action=action, by=pilot, reason="x")
    assert "suspendue" in forward_blocker(action)
    CollectiveAction.objects.filter(pk=action.pk).update(status=CollectiveAction.Status.ONGOING)
    _closed(action, pilot)
    with pytest.raises(ValidationError, match="rouvrez"):
        phase_reopen(action=action, by=pilot, reason="x")


def test_closing_then_reopening_the_action_sends_the_signal_once_committed(
    action, pilot, django_capture_on_commit_callbacks
):
    received = []

    def receiver(sender, action, by, reason, **kwargs):
        received.append((action.pk, by, reason))

    signals.action_reopened.connect(receiver)
    try:
        _closed(action, pilot)
        assert forward_blocker(action) and reopen_blocker(action) == ""
        with django_capture_on_commit_callbacks(execute=True):
            action_reopen(action=action, by=pilot, reason="Une entreprise rejoint le bilan")
        assert received == [(action.pk, pilot, "Une entreprise rejoint le bilan")]
        action.refresh_from_db()
        assert action.status == CollectiveAction.Status.ONGOING and action.current_phase_number == 7
        last = action.phases.get(number=7)
        assert last.status == ActionPhase.Status.IN_PROGRESS and last.actual_end is None
        reopen = PhaseTransition.objects.filter(action=action).order_by("-pk").first()
        assert (
            reopen.kind == PhaseTransition.Kind.REOPEN and reopen.reason == "Une entreprise rejoint le bilan"
        )
        # Doubled: nothing more, no second signal.
        with django_capture_on_commit_callbacks(execute=True), pytest.raises(AlreadyMoved):
            action_reopen(action=action, by=pilot, reason="Une entreprise rejoint le bilan")
        assert len(received) == 1
        assert PhaseTransition.objects.filter(action=action, kind=PhaseTransition.Kind.REOPEN).count() == 1
        # Closed again from the last phase.
        action_close(action=action, by=pilot, override_reason="Bilan complété", expected_number=7)
        action.refresh_from_db()
        assert action.status == CollectiveAction.Status.CLOSED
    finally:
        signals.action_reopened.disconnect(receiver)


def test_a_doubled_close_and_reopening_what_is_not_closed(action, pilot):
    assert "pas clôturée" in reopen_blocker(action)
    with pytest.raises(AlreadyMoved):
        action_reopen(action=action, by=pilot, reason="x")
    with pytest.raises(ValidationError, match="dernière phase"):
        action_close(action=action, by=pilot, override_reason="x", expected_number=1)
    _closed(action, pilot)
    with pytest.raises(AlreadyMoved, match="déjà clôturée"):
        action_close(action=action, by=pilot, override_reason="x", expected_number=7)
    CollectiveAction.objects.filter(pk=action.pk).update(status=CollectiveAction.Status.ABANDONED)
    action.refresh_from_db()
    with pytest.raises(ValidationError, match="abandonnée"):
        action_reopen(action=action, by=pilot, reason="x")


def test_the_team_is_told_of_each_move_but_not_the_author(
    action, pilot, other_pilot, django_capture_on_commit_callbacks
):
    action.followers.add(other_pilot)
    with django_capture_on_commit_callbacks(execute=True):
        phase_advance(action=action, by=pilot, override_reason="Validé en COPIL")
    with django_capture_on_commit_callbacks(execute=True):
        phase_reopen(action=action, by=pilot, reason="Pré-projet à reprendre")
    notices = Notification.objects.filter(user=other_pilot).order_by("pk")
    assert [n.kind for n in notices] == ["phase_advanced", "phase_reopened"]
    assert "Pré-projet à reprendre" in notices[1].message
    assert not Notification.objects.filter(user=pilot).exists()


def test_closings_written_before_the_kind_existed_are_named(action, pilot):
    """The migration names the old closings (from the last phase to itself)."""
    from importlib import import_module

    from django.apps import apps

    _closed(action, pilot)
    PhaseTransition.objects.update(kind=PhaseTransition.Kind.ADVANCE)
    migration = import_module("actions.migrations.0005_phasetransition_kind_reason")
    migration.name_the_closings(apps, None)
    kinds = set(PhaseTransition.objects.filter(from_number=7, to_number=7).values_list("kind", flat=True))
    assert kinds == {PhaseTransition.Kind.CLOSE}
    assert PhaseTransition.objects.filter(kind=PhaseTransition.Kind.ADVANCE).count() == 6
