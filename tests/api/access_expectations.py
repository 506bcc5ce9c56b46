"""Who may GET and POST each URL of `api`, and how to reach it from the data set.

- The tokens page: every internal account manages its own tokens; a token is its owner's alone
  (revoking another's: 404). Portal-only accounts (member contacts): 404 like any internal page.
- The API (`/api/v1/`): a session is not a credential (token only): without a token 401, for everyone
  (DRF marks its views `login_not_required`; a member contact's token is refused: 401 too).
  The schema and its documentation page are public, and so is the open data of a programme whose
  public showcase is open (the data set's programme).
- TOKEN_ROWS: the same URLs asked with each persona's own read token (tests/api/test_token_matrix.py):
  what each sees is what its pages show (a detail out of its access queryset: 404; a member
  contact's token is refused: 401 like no token).
"""

from tests.fuzz.entries import Entry, NoForm
from tests.permissions.helpers import PILOT, none, pk

ROWS = {
    "api:token_list": ("  L 404 200 200 200 200 200", "  L 404 200 200 200 200 200"),
    "api:token_revoke": ("  L 404 405 405 405 405 405", "  L 404 404 404 404 302 404"),
    "api:schema": ("200 200 200 200 200 200 200", "405 405 405 405 405 405 405"),
    "api:docs": ("200 200 200 200 200 200 200", "405 405 405 405 405 405 405"),
    "api:programme-list": ("401 401 401 401 401 401 401", "401 401 401 401 401 401 401"),
    "api:programme-detail": ("401 401 401 401 401 401 401", "401 401 401 401 401 401 401"),
    "api:indicator-list": ("401 401 401 401 401 401 401", "401 401 401 401 401 401 401"),
    "api:indicator-detail": ("401 401 401 401 401 401 401", "401 401 401 401 401 401 401"),
    "api:measurements": ("401 401 401 401 401 401 401", "401 401 401 401 401 401 401"),
    "api:action-list": ("401 401 401 401 401 401 401", "401 401 401 401 401 401 401"),
    "api:action-detail": ("401 401 401 401 401 401 401", "401 401 401 401 401 401 401"),
    "api:action-deliverables": ("401 401 401 401 401 401 401", "401 401 401 401 401 401 401"),
    "api:deliverable-file": ("401 401 401 401 401 401 401", "401 401 401 401 401 401 401"),
    "api:committee-list": ("401 401 401 401 401 401 401", "401 401 401 401 401 401 401"),
    "api:committee-detail": ("401 401 401 401 401 401 401", "401 401 401 401 401 401 401"),
    "api:meeting-list": ("401 401 401 401 401 401 401", "401 401 401 401 401 401 401"),
    "api:meeting-detail": ("401 401 401 401 401 401 401", "401 401 401 401 401 401 401"),
    "api:decision-list": ("401 401 401 401 401 401 401", "401 401 401 401 401 401 401"),
    "api:decision-detail": ("401 401 401 401 401 401 401", "401 401 401 401 401 401 401"),
    "api:matrix-list": ("401 401 401 401 401 401 401", "401 401 401 401 401 401 401"),
    "api:matrix-detail": ("401 401 401 401 401 401 401", "401 401 401 401 401 401 401"),
    "api:open-indicators-json": ("200 200 200 200 200 200 200", "405 405 405 405 405 405 405"),
    "api:open-indicators-csv": ("200 200 200 200 200 200 200", "405 405 405 405 405 405 405"),
}

KWARGS = {
    "api:token_list": none,
    "api:token_revoke": pk("api_token"),
    "api:schema": none,
    "api:docs": none,
    "api:programme-list": none,
    "api:programme-detail": pk("programme"),
    "api:indicator-list": none,
    "api:indicator-detail": pk("indicator"),
    "api:measurements": none,
    "api:action-list": none,
    "api:action-detail": pk("action"),
    "api:action-deliverables": pk("action"),
    "api:deliverable-file": lambda d: {"pk": d["action"].pk, "deliverable_pk": d["deliverable"].pk},
    "api:committee-list": none,
    "api:committee-detail": pk("committee"),
    "api:meeting-list": none,
    "api:meeting-detail": pk("meeting"),
    "api:decision-list": none,
    "api:decision-detail": pk("decision"),
    "api:matrix-list": none,
    "api:matrix-detail": pk("matrix"),
    "api:open-indicators-json": pk("programme"),
    "api:open-indicators-csv": pk("programme"),
}

FUZZ = {
    "api:token_list": Entry(PILOT),
    "api:token_revoke": Entry(PILOT, NoForm()),
}

# GET with each persona's token (anonymous: no token), personas in the order of ROWS. The write endpoint
# checks its permissions before the method: a read token gets 403 there.
TOKEN_ROWS = {
    "api:action-deliverables": "401 401 200 404 404 200 200",
    "api:deliverable-file": "401 401 200 404 404 200 200",
    "api:action-detail": "401 401 200 404 404 200 200",
    "api:action-list": "401 401 200 200 200 200 200",
    "api:committee-detail": "401 401 200 404 404 200 200",
    "api:committee-list": "401 401 200 200 200 200 200",
    "api:decision-detail": "401 401 200 404 404 200 200",
    "api:decision-list": "401 401 200 200 200 200 200",
    "api:indicator-detail": "401 401 200 404 404 200 200",
    "api:indicator-list": "401 401 200 200 200 200 200",
    "api:matrix-detail": "401 401 200 404 404 200 200",
    "api:matrix-list": "401 401 200 200 200 200 200",
    "api:measurements": "401 401 403 403 403 403 403",
    "api:meeting-detail": "401 401 200 404 404 200 200",
    "api:meeting-list": "401 401 200 200 200 200 200",
    "api:open-indicators-csv": "200 200 200 200 200 200 200",
    "api:open-indicators-json": "200 200 200 200 200 200 200",
    "api:programme-detail": "401 401 200 404 200 200 200",
    "api:programme-list": "401 401 200 200 200 200 200",
}
