"""Who may GET and POST each URL of `directory`, and how to reach it from the data set.

The annuaire.
Collected by the permission matrix and the fuzz registry (format and shared rules:
tests/permissions/expectations.py).

- Read by every role but member contacts (404); written by pilots, consultants and service
  staff (committee member: 403). The PDF export is asked for by POST (a queued document).
"""

from tests.fuzz.entries import Entry, Page
from tests.permissions.helpers import PILOT, none

# (GET, POST): one answer per persona (tests/permissions/helpers.py PERSONAS)
ROWS = {
    "directory:index": ("  L 404 200 200 200 200 200", "  L 404 405 405 405 405 405"),
    "directory:organisation_list": ("  L 404 200 200 200 200 200", "  L 404 405 405 405 405 405"),
    "directory:organisation_create": ("  L 404 403 200 200 200 200", "  L 404 403 200 200 200 200"),
    "directory:export_csv": ("  L 404 200 200 200 200 200", "  L 404 405 405 405 405 405"),
    "directory:export_pdf": ("  L 404 405 405 405 405 405", "  L 404 302 302 302 302 302"),
    "directory:organisation_detail": ("  L 404 200 200 200 200 200", "  L 404 405 405 405 405 405"),
    "directory:organisation_update": ("  L 404 403 200 200 200 200", "  L 404 403 200 200 200 200"),
    "directory:person_list": ("  L 404 200 200 200 200 200", "  L 404 405 405 405 405 405"),
    "directory:person_create": ("  L 404 403 200 200 200 200", "  L 404 403 200 200 200 200"),
    "directory:person_detail": ("  L 404 200 200 200 200 200", "  L 404 405 405 405 405 405"),
    "directory:person_update": ("  L 404 403 200 200 200 200", "  L 404 403 200 200 200 200"),
}

KWARGS = {
    "directory:index": none,
    "directory:organisation_list": none,
    "directory:organisation_create": none,
    "directory:export_csv": none,
    "directory:export_pdf": none,
    "directory:organisation_detail": lambda d: {"pk": d["participation"].organisation_id},
    "directory:organisation_update": lambda d: {"pk": d["participation"].organisation_id},
    "directory:person_list": none,
    "directory:person_create": none,
    "directory:person_detail": lambda d: {"pk": d["users"]["pilot"].person.pk},
    "directory:person_update": lambda d: {"pk": d["users"]["pilot"].person.pk},
}

# URLs taking a POST: who posts the fuzzed values, and where the form comes from.
FUZZ = {
    "directory:organisation_create": Entry(PILOT),
    "directory:organisation_update": Entry(PILOT),
    "directory:person_create": Entry(PILOT),
    "directory:person_update": Entry(PILOT),
    "directory:export_pdf": Entry(PILOT, Page(host="directory:organisation_list")),
}
