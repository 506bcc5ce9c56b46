"""Who may GET and POST each URL of `raci`, and how to reach it from the data set.

RACI matrices.
Collected by the permission matrix and the fuzz registry (format and shared rules:
tests/permissions/expectations.py).

- Matrices follow their action: the pilot reads and writes; the committee member reads and
  gets 403 on writes; the pilot of another action and the service staff get 404.
- A POST without fields: a cell is emptied (302); a move without a direction is 404.
"""

from tests.fuzz.entries import Entry, NoForm, Page
from tests.permissions.helpers import PILOT, none, pk

# (GET, POST): one answer per persona (tests/permissions/helpers.py PERSONAS)
ROWS = {
    "raci:matrix_list": ("  L 404 200 200 200 200 200", "  L 404 405 405 405 405 405"),
    "raci:matrix_create": ("  L 404 404 404 200 200 200", "  L 404 404 404 200 200 200"),
    "raci:matrix_import": ("  L 404 404 404 200 200 200", "  L 404 404 404 200 200 200"),
    "raci:matrix_detail": ("  L 404 200 404 404 200 200", "  L 404 405 405 405 405 405"),
    "raci:matrix_update": ("  L 404 403 404 404 200 200", "  L 404 403 404 404 200 200"),
    "raci:matrix_delete": ("  L 404 405 405 405 405 405", "  L 404 403 404 404 302 302"),
    "raci:matrix_validate": ("  L 404 405 405 405 405 405", "  L 404 403 404 404 302 302"),
    "raci:matrix_reopen": ("  L 404 405 405 405 405 405", "  L 404 403 404 404 302 302"),
    "raci:matrix_history": ("  L 404 200 404 404 200 200", "  L 404 405 405 405 405 405"),
    "raci:matrix_export": ("  L 404 200 404 404 200 200", "  L 404 405 405 405 405 405"),
    "raci:matrix_pdf": ("  L 404 405 405 405 405 405", "  L 404 302 404 404 302 302"),
    "raci:cell_update": ("  L 404 403 404 404 200 200", "  L 404 403 404 404 302 302"),
    "raci:activity_create": ("  L 404 403 404 404 200 200", "  L 404 403 404 404 200 200"),
    "raci:activity_update": ("  L 404 403 404 404 200 200", "  L 404 403 404 404 200 200"),
    "raci:activity_move": ("  L 404 405 405 405 405 405", "  L 404 403 404 404 404 404"),
    "raci:activity_delete": ("  L 404 405 405 405 405 405", "  L 404 403 404 404 302 302"),
    "raci:role_create": ("  L 404 403 404 404 200 200", "  L 404 403 404 404 200 200"),
    "raci:role_update": ("  L 404 403 404 404 200 200", "  L 404 403 404 404 200 200"),
    "raci:role_move": ("  L 404 405 405 405 405 405", "  L 404 403 404 404 404 404"),
    "raci:role_delete": ("  L 404 405 405 405 405 405", "  L 404 403 404 404 302 302"),
}

KWARGS = {
    "raci:matrix_list": none,
    "raci:matrix_create": none,
    "raci:matrix_import": none,
    "raci:matrix_detail": pk("matrix"),
    "raci:matrix_update": pk("matrix"),
    "raci:matrix_delete": pk("matrix"),
    "raci:matrix_validate": pk("matrix"),
    "raci:matrix_reopen": pk("matrix"),
    "raci:matrix_history": pk("matrix"),
    "raci:matrix_export": lambda d: {"pk": d["matrix"].pk, "fmt": "csv"},
    "raci:matrix_pdf": pk("matrix"),
    "raci:cell_update": lambda d: {
        "pk": d["matrix"].pk,
        "activity_pk": d["activity"].pk,
        "role_pk": d["raci_role"].pk,
    },
    "raci:activity_create": pk("matrix"),
    "raci:activity_update": lambda d: {"pk": d["matrix"].pk, "activity_pk": d["activity"].pk},
    "raci:activity_move": lambda d: {"pk": d["matrix"].pk, "activity_pk": d["activity"].pk},
    "raci:activity_delete": lambda d: {"pk": d["matrix"].pk, "activity_pk": d["activity"].pk},
    "raci:role_create": pk("matrix"),
    "raci:role_update": lambda d: {"pk": d["matrix"].pk, "role_pk": d["raci_role"].pk},
    "raci:role_move": lambda d: {"pk": d["matrix"].pk, "role_pk": d["raci_role"].pk},
    "raci:role_delete": lambda d: {"pk": d["matrix"].pk, "role_pk": d["raci_role"].pk},
}

# URLs taking a POST: who posts the fuzzed values, and where the form comes from.
FUZZ = {
    "raci:matrix_create": Entry(PILOT),
    "raci:matrix_import": Entry(PILOT),  # the file itself: test_imports.py
    "raci:matrix_update": Entry(PILOT),
    "raci:matrix_delete": Entry(PILOT, Page(host="raci:matrix_detail")),
    "raci:matrix_validate": Entry(PILOT, Page(host="raci:matrix_detail")),
    "raci:matrix_reopen": Entry(PILOT, NoForm()),
    "raci:matrix_pdf": Entry(PILOT, Page(host="raci:matrix_detail")),
    "raci:cell_update": Entry(PILOT),
    "raci:activity_create": Entry(PILOT),
    "raci:activity_update": Entry(PILOT),
    "raci:activity_move": Entry(PILOT, Page(host="raci:matrix_detail")),
    "raci:activity_delete": Entry(PILOT, Page(host="raci:matrix_detail")),
    "raci:role_create": Entry(PILOT),
    "raci:role_update": Entry(PILOT),
    "raci:role_move": Entry(PILOT, Page(host="raci:matrix_detail")),
    "raci:role_delete": Entry(PILOT, Page(host="raci:matrix_detail")),
}

# Endpoints whose empty POST (the permission matrix's) lacks the parameter that names what to do:
# the writer gets 404 there, yet posts real requests from the page.
EMPTY_POST_404 = {"raci:activity_move", "raci:role_move"}
