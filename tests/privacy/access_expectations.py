"""Who may GET and POST each URL of `privacy`, and how to reach it from the data set.

A person's request (what is held about them, erasure) and the log of who read member files:
administrators only (a service's staff member reads their service's log once given the permission,
tested in test_read_log.py); everybody else gets the ordinary 404, anonymous visitors the login page.
« My personal data »: every signed-in account, the member company's contact included. The person used is the other pilot, who sits on no
committee (a current member would be under a legal hold and the page would show no form).
"""

from tests.fuzz.entries import Entry, Page
from tests.permissions.helpers import ADMIN, none

# (GET, POST): one answer per persona (tests/permissions/helpers.py PERSONAS)
ROWS = {
    "privacy:person_search": ("  L 404 404 404 404 404 200", "  L 404 405 405 405 405 405"),
    "privacy:person_detail": ("  L 404 404 404 404 404 200", "  L 404 405 405 405 405 405"),
    "privacy:person_anonymise": ("  L 404 405 405 405 405 405", "  L 404 404 404 404 404 200"),
    "privacy:person_export": ("  L 404 405 405 405 405 405", "  L 404 404 404 404 404 302"),
    "privacy:export_download": ("  L 404 404 404 404 404 200", "  L 405 405 405 405 405 405"),
    "privacy:read_log": ("  L 404 404 404 404 404 200", "  L 404 405 405 405 405 405"),
    "privacy:my_data": ("  L 200 200 200 200 200 200", "  L 405 405 405 405 405 405"),
    "privacy:my_data_export": ("  L 405 405 405 405 405 405", "  L 302 302 302 302 302 302"),
}


def _other_pilot(d):
    return {"pk": d["users"]["other_pilot"].person.pk}


def _ready_export(d):
    """A ready file of the other pilot (made here: the shared data set has none), inside the test's savepoint."""
    from django.core.files.base import ContentFile

    from privacy.models import PersonExport

    person = d["users"]["other_pilot"].person
    export = PersonExport.objects.filter(person=person, status=PersonExport.Status.DONE).first()
    if export is None:
        export = PersonExport(person=person, status=PersonExport.Status.DONE)
        export.file.save("dossier.zip", ContentFile(b"PK\x05\x06" + bytes(18)), save=False)
        export.save()
    return export


KWARGS = {
    "privacy:person_search": none,
    "privacy:person_detail": _other_pilot,
    "privacy:person_anonymise": _other_pilot,
    "privacy:person_export": _other_pilot,
    "privacy:export_download": lambda d: {"pk": _ready_export(d).pk},
    "privacy:read_log": none,
    "privacy:my_data": none,
    "privacy:my_data_export": none,
}

# URLs taking a POST: who posts the fuzzed values, and where the form comes from.
FUZZ = {
    "privacy:person_anonymise": Entry(ADMIN, Page(host="privacy:person_detail")),
    "privacy:person_export": Entry(ADMIN, Page(host="privacy:person_detail")),
    "privacy:my_data_export": Entry(ADMIN, Page(host="privacy:my_data")),
}
