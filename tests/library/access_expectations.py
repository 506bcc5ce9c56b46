"""Who may GET and POST each URL of `library`, and how to reach it from the data set.

The capitalisation library.
Collected by the permission matrix and the fuzz registry (format and shared rules:
tests/permissions/expectations.py).

- A publication is for the programme's partners (readers of the programme); its page and
  file are public pages for public publications (the data set's is for partners: anonymous
  404). Withdrawing is for the editors of the published object (a reader who is not: 403).
- The showcase of a programme and the digest's unsubscribe link are public.
"""

from tests.fuzz.entries import Entry, Page
from tests.permissions.helpers import ANON, PILOT, none, pk

# (GET, POST): one answer per persona (tests/permissions/helpers.py PERSONAS)
ROWS = {
    "library:search": ("  L 404 200 200 200 200 200", "  L 404 405 405 405 405 405"),
    "library:manage": ("  L 404 404 404 200 200 200", "  L 404 405 405 405 405 405"),
    "library:publish": ("  L 404 404 404 404 200 200", "  L 404 404 404 404 400 400"),
    "library:preferences": ("  L 404 200 200 200 200 200", "  L 404 302 302 302 302 302"),
    "library:publication_detail": ("404 404 200 404 200 200 200", "405 405 405 405 405 405 405"),
    "library:download": ("404 404 200 404 200 200 200", "405 405 405 405 405 405 405"),
    "library:withdraw": ("  L 404 405 405 405 405 405", "  L 404 403 404 403 302 302"),
    "library:showcase": ("200 200 200 200 200 200 200", "405 405 405 405 405 405 405"),
    "library:unsubscribe": ("200 200 200 200 200 200 200", "200 200 200 200 200 200 200"),
}

KWARGS = {
    "library:search": none,
    "library:manage": none,
    "library:publish": lambda d: {"source": "actions.deliverable", "object_id": d["deliverable"].pk},
    "library:preferences": none,
    "library:publication_detail": pk("publication"),
    "library:download": pk("publication"),
    "library:withdraw": pk("publication"),
    "library:showcase": lambda d: {"code": d["programme"].code},
    "library:unsubscribe": lambda d: {"token": d["unsubscribe_token"]},
}

# URLs taking a POST: who posts the fuzzed values, and where the form comes from.
FUZZ = {
    "library:publish": Entry(PILOT),
    "library:preferences": Entry(PILOT),
    "library:withdraw": Entry(PILOT, Page(host="library:publication_detail")),
    "library:unsubscribe": Entry(ANON),
}
