"""Ten people (or one impatient double click) creating at the same time, on PostgreSQL.

Numbers allocated per parent (a committee's meeting numbers, a meeting's minutes versions) are taken
under the parent's row lock (`core.locking.locked`): the creations wait for each other, none fails with a
duplicate key, and the numbers come out unique and consecutive. Each thread has its own connection to
the test database, closed when it ends.
"""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import connections
from django.utils import timezone

from governance import services
from governance.models import Meeting, Membership, Minutes
from tests.governance.factories import (
    ActionFactory,
    AgendaItemFactory,
    CommitteeFactory,
    MeetingFactory,
    add_member,
)

pytestmark = [pytest.mark.django_db(transaction=True)]

THREADS = 10


def run_at_once(work, count: int = THREADS) -> list[BaseException]:
    """Run `work(index)` in `count` threads released together; return what they raised."""
    barrier = threading.Barrier(count)
    errors: list[BaseException] = []

    def thread_body(index: int) -> None:
        try:
            barrier.wait(timeout=30)
            work(index)
        except BaseException as error:
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=thread_body, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not any(thread.is_alive() for thread in threads), "a creation never finished (a deadlock?)"
    return errors


@pytest.fixture
def committee(pilot):
    committee = CommitteeFactory(action=ActionFactory(), name="COPIL Concurrence")
    add_member(committee, pilot, Membership.Role.CHAIR, college="employeurs")
    return committee


def test_ten_meetings_created_at_once_get_the_numbers_one_to_ten(committee, pilot):
    starts = timezone.now() + timedelta(days=10)

    def create(index: int) -> None:
        services.meeting_create(
            committee=type(committee).objects.get(pk=committee.pk),
            starts_at=starts + timedelta(days=index),
            by=pilot,
        )

    assert run_at_once(create) == []
    numbers = sorted(Meeting.objects.filter(committee=committee).values_list("number", flat=True))
    assert numbers == list(range(1, THREADS + 1))
    # Each creation is recorded with its author.
    assert {h.history_user_id for h in Meeting.history.filter(committee_id=committee.pk)} == {pilot.pk}


def _held_meeting(committee) -> Meeting:
    meeting = MeetingFactory(
        committee=committee,
        number=1,
        starts_at=timezone.now() - timedelta(days=2),
        status=Meeting.Status.HELD,
    )
    AgendaItemFactory(meeting=meeting, title="Point unique")
    return meeting


def test_ten_first_saves_of_the_minutes_at_once_make_one_version(committee, pilot):
    meeting = _held_meeting(committee)
    item = meeting.agenda_items.get()

    def save(index: int) -> None:
        services.minutes_save(
            meeting=Meeting.objects.get(pk=meeting.pk),
            by=pilot,
            summary=f"Relevé {index}",
            item_texts={item.pk: f"Texte {index}"},
        )

    assert run_at_once(save) == []
    assert list(meeting.minutes_versions.values_list("version", flat=True)) == [1]
    assert meeting.minutes_versions.get().items.count() == 1


def test_ten_corrections_racing_each_other_number_the_versions_one_after_the_other(committee, pilot):
    """Each of ten people approves the current version if needed, then reopens it, until they have opened a
    version of their own. They race each other: the service refuses a stale move with its French message
    (a ValidationError, shown on the page); nothing else may go wrong, and the versions follow each other."""
    meeting = _held_meeting(committee)
    item = meeting.agenda_items.get()
    services.minutes_save(meeting=meeting, by=pilot, summary="Relevé", item_texts={item.pk: "Texte"})

    def open_a_version(index: int) -> None:
        for _attempt in range(200):
            current = Minutes.objects.filter(meeting_id=meeting.pk).order_by("-version").first()
            try:
                if current.status != Minutes.Status.APPROVED:
                    services.minutes_approve(minutes=current, by=pilot, mode=Minutes.ApprovalMode.CHAIR)
                services.minutes_correct(minutes=current, by=pilot, reason=f"Correction {index}")
            except ValidationError:
                continue  # someone else moved first: look again
            return
        raise AssertionError("never got a turn")

    assert run_at_once(open_a_version) == []
    versions = list(meeting.minutes_versions.order_by("version").values_list("version", flat=True))
    assert versions == list(range(1, THREADS + 2))  # the first version and one per person
    reasons = set(meeting.minutes_versions.exclude(version=1).values_list("correction_reason", flat=True))
    assert reasons == {f"Correction {i}" for i in range(THREADS)}
