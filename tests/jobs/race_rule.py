"""A reminder rule for the two-worker race, known to the worker processes (`tests.jobs.worker_app`).

It yields one reminder due today for every organisation named « Course … », to every
active user whose username starts with « course- ». Before yielding, each scan waits
(at most 30 s) until as many scans as COPILOTE_TEST_RACE_SCANS are collecting at once,
so that the workers really race on the same reminders.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

from reminders import registry
from reminders.registry import DueReminder

KEY = "tests.race"
RACE_DIR = "COPILOTE_TEST_RACE_DIR"
RACE_SCANS = "COPILOTE_TEST_RACE_SCANS"


def _wait_for_the_other_scans() -> None:
    folder = os.environ.get(RACE_DIR)
    if not folder:
        return
    (Path(folder) / f"scan-{os.getpid()}").touch()
    expected = int(os.environ.get(RACE_SCANS, "2"))
    deadline = time.monotonic() + 30
    while len(list(Path(folder).glob("scan-*"))) < expected and time.monotonic() < deadline:
        time.sleep(0.05)


def collect(today):
    from django.contrib.auth import get_user_model

    from directory.models import Organisation

    organisations = list(Organisation.objects.filter(name__startswith="Course ").order_by("pk"))
    recipients = list(
        get_user_model().objects.filter(username__startswith="course-", is_active=True).order_by("pk")
    )
    _wait_for_the_other_scans()
    for organisation in organisations:
        yield DueReminder(
            obj=organisation,
            due_date=today,
            recipients=recipients,
            subject=f"Échéance du {today:%d/%m/%Y} : {organisation.name}",
            message=f"Le livrable de {organisation.name} est attendu aujourd'hui.",
            url="/annuaire/",
        )


def register() -> None:
    registry.register(KEY, "Échéance de la course")(collect)
