"""Two people writing the same empty cell at the same moment (found by the load test, bench/load.py).

Before the fix the second insert hit the unique constraint of the cell: a 500 for the user.
Row locks need PostgreSQL; SQLite serialises writes anyway.
"""

import threading
import time

import pytest
from django.db import connection, transaction

from raci import services
from raci.models import Assignment
from tests.conftest import services_required

from .factories import small_matrix

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql" and not services_required(),
                       reason="verrous de ligne : PostgreSQL"),
]


def test_the_same_empty_cell_filled_by_two_people_at_once_ends_with_one_row_and_the_last_letters(pilot, other_pilot):
    matrix = small_matrix(rows=1, roles=1, letters="")
    activity, role = matrix.activities.get(), matrix.roles.get()
    first_inserted = threading.Event()
    outcome = {}

    def first():
        try:
            with transaction.atomic():  # still open while the second person saves
                services.cell_set(activity=activity, role=role, letters="R", by=pilot)
                first_inserted.set()
                time.sleep(0.6)
        finally:
            first_inserted.set()
            connection.close()

    def second():
        first_inserted.wait(5)
        started = time.monotonic()
        try:
            outcome["change"] = services.cell_set(activity=activity, role=role, letters="C", by=other_pilot)
        except Exception as exc:  # the 500 of the race
            outcome["error"] = exc
        finally:
            outcome["waited"] = time.monotonic() - started
            connection.close()

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(10)

    assert "error" not in outcome, outcome.get("error")
    assert outcome["waited"] > 0.3  # the second save waited for the first one
    assert (outcome["change"].old, outcome["change"].new) == ("R", "C")
    assert list(Assignment.objects.filter(activity=activity, role=role).values_list("letters", flat=True)) == ["C"]
    history = Assignment.history.filter(activity_id=activity.pk, role_id=role.pk).order_by("history_date")
    assert [(h.history_type, h.letters, h.history_user_id) for h in history] == [
        ("+", "R", pilot.pk), ("~", "C", other_pilot.pk),
    ]
