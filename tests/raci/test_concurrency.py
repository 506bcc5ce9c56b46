"""Several people on the same matrix at the same moment (found by the load test, bench/load.py).

- The same empty cell filled twice at once: the second insert hit the unique constraint (a 500).
- A change sent from a page loaded before somebody validated the matrix left it « validée »
  although its content had changed; a validation running while a change was being saved
  validated the content without it.
Row locks need PostgreSQL; SQLite serialises writes anyway.
"""

import threading
import time

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, transaction

from raci import services
from raci.models import Assignment, Matrix
from tests.conftest import services_required

from .factories import small_matrix

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql" and not services_required(), reason="verrous de ligne : PostgreSQL"
    ),
]


def test_the_same_empty_cell_filled_by_two_people_at_once_ends_with_one_row_and_the_last_letters(
    pilot, other_pilot
):
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
    assert list(
        Assignment.objects.filter(activity=activity, role=role).values_list("letters", flat=True)
    ) == ["C"]
    history = Assignment.history.filter(activity_id=activity.pk, role_id=role.pk).order_by("history_date")
    assert [(h.history_type, h.letters, h.history_user_id) for h in history] == [
        ("+", "R", pilot.pk),
        ("~", "C", other_pilot.pk),
    ]


def test_a_change_sent_from_a_page_loaded_before_the_validation_brings_the_matrix_back_to_draft(
    pilot, other_pilot
):
    matrix = small_matrix(rows=1, roles=2, letters="R")
    page = Matrix.objects.get(pk=matrix.pk)  # the grid a pilot opened while the matrix was a draft
    services.matrix_validate(matrix=Matrix.objects.get(pk=matrix.pk), by=other_pilot)
    activity = page.activities.get()
    activity.matrix = page
    services.cell_set(activity=activity, role=page.roles.order_by("order").last(), letters="C", by=pilot)
    matrix.refresh_from_db()
    assert (matrix.status, matrix.validated_by, matrix.validated_at) == (Matrix.Status.DRAFT, None, None)


def test_a_validation_waits_for_a_change_being_saved_and_checks_it(pilot, other_pilot):
    matrix = small_matrix(rows=1, roles=1, letters="R")
    activity, role = matrix.activities.get(), matrix.roles.get()
    change_saved = threading.Event()
    outcome = {}

    def change():
        try:
            with transaction.atomic():  # the row loses its only R; not committed yet
                services.cell_set(activity=activity, role=role, letters="", by=pilot)
                change_saved.set()
                time.sleep(0.6)
        finally:
            change_saved.set()
            connection.close()

    def validate():
        change_saved.wait(5)
        try:
            services.matrix_validate(matrix=Matrix.objects.get(pk=matrix.pk), by=other_pilot)
        except ValidationError as exc:
            outcome["refused"] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=change), threading.Thread(target=validate)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(10)

    assert "refused" in outcome  # checked with the change: the row has no R any more
    matrix.refresh_from_db()
    assert matrix.status == Matrix.Status.DRAFT
