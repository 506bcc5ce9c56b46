"""Who may GET and POST each URL of `api`, and how to reach it from the data set.

- The tokens page: every internal account manages its own tokens; a token is its owner's alone
  (revoking another's: 404). Portal-only accounts (member contacts): 404 like any internal page.
- The API (`/api/v1/`): a session is not a credential (token only): without a token 401, for everyone
  (DRF marks its views `login_not_required`; a member contact's token is refused: 401 too).
  The schema and its documentation page are public.
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
}

FUZZ = {
    "api:token_list": Entry(PILOT),
    "api:token_revoke": Entry(PILOT, NoForm()),
}
