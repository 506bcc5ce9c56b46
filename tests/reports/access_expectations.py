"""Who may GET and POST each URL of `reports`, and how to reach it from the data set.

The PDF documents a user asked for.
Collected by the permission matrix and the fuzz registry (format and shared rules:
tests/permissions/expectations.py).

- A document belongs to who asked for it: others get 404. The data set's document is still
  queued, so its download is 404 for everyone.
- Open to portal accounts: a member contact asks for its restitution letters from its portal
  and follows them here (its own documents only).
"""

from tests.fuzz.entries import Entry, NoForm
from tests.permissions.helpers import PILOT, none, pk

# (GET, POST): one answer per persona (tests/permissions/helpers.py PERSONAS)
ROWS = {
    "reports:document_list": ("  L 200 200 200 200 200 200", "  L 405 405 405 405 405 405"),
    "reports:document_detail": ("  L 404 404 404 404 200 200", "  L 405 405 405 405 405 405"),
    "reports:document_download": ("  L 404 404 404 404 404 404", "  L 405 405 405 405 405 405"),
    "reports:document_retry": ("  L 405 405 405 405 405 405", "  L 404 404 404 404 302 302"),
}

KWARGS = {
    "reports:document_list": none,
    "reports:document_detail": pk("document"),
    "reports:document_download": pk("document"),
    "reports:document_retry": pk("document"),
}

# URLs taking a POST: who posts the fuzzed values, and where the form comes from.
FUZZ = {
    "reports:document_retry": Entry(PILOT, NoForm()),
}
