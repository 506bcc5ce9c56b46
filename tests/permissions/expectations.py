"""What each persona must get on each URL, for GET and for POST: collected from the apps.

Each app keeps its own tables beside its tests, in `tests/<app>/access_expectations.py`
(un-namespaced URL names — the accounts' pages — live in `tests/core/`):
- `ROWS`: `"name": (GET, POST)`, each a row of seven answers in the order of `PERSONAS`
  (tests/permissions/helpers.py) — anonymous, member contact, committee member, service staff,
  pilot of another action, pilot of this action, admin. `L` is a redirection to the login page,
  a number the status code (302 elsewhere than the login page: the request was accepted and
  redirected). The app's rules are in its module's docstring.
- `KWARGS`: `"name": data set → URL arguments`; `QUERY` (optional): `"name": data set → "?…"`.
- `FUZZ` (tests/fuzz/registry.py): every URL someone may POST to, who posts and from which page;
  optional `EMPTY_POST_404`, `NOT_RENDERED`, `KNOWN_DEFECTS`.
A URL of the project without a row or arguments, a row for a URL that no longer exists, a name
declared twice or in another app's module: the matrix fails (test_matrix.py).

Rules every app follows:
- Everything but the public pages asks anonymous users to log in.
- A portal-only account (member contact) gets 404 on every view not open to it, whatever the
  method (core/portal.py): its portal, its notifications and documents, its password, and the
  public pages are open; everything else is internal.
- POST-only views answer 405 to GET; GET-only views answer 405 to POST.
- A POST carries the persona's own CSRF token and nothing else (a refusal by the CSRF check
  would prove nothing, and fails the matrix): a form answers 200 or 400 (redisplayed with its
  errors), or 302 when none of its fields is required; a one-button action answers 302.
"""

from __future__ import annotations

from .discovery import app_of_url, collect
from .helpers import LOGIN, PERSONAS

_ROWS = collect("ROWS")
_KWARGS = collect("KWARGS")
_QUERY = collect("QUERY")
# Cells where the code contradicts the rules: the expected answer is the rule's, the test is
# marked as a known failure (strict: it fails loudly once the defect is fixed, so the entry is
# removed then). Keys: (url name, persona, method) → why.
_DEFECTS = collect("KNOWN_DEFECTS", owner=lambda key: app_of_url(key[0]))

ROWS: dict[str, tuple[str, str]] = _ROWS.items
KWARGS = _KWARGS.items
QUERY = _QUERY.items
KNOWN_DEFECTS: dict[tuple[str, str, str], str] = _DEFECTS.items
DUPLICATES = _ROWS.duplicates + _KWARGS.duplicates + _QUERY.duplicates + _DEFECTS.duplicates
MISPLACED = _ROWS.misplaced + _KWARGS.misplaced + _QUERY.misplaced + _DEFECTS.misplaced


def _parse(row: str) -> dict:
    cells = row.split()
    assert len(cells) == len(PERSONAS), row
    return {
        persona: LOGIN if cell == "L" else int(cell) for persona, cell in zip(PERSONAS, cells, strict=True)
    }


EXPECTED = {name: {"GET": _parse(get), "POST": _parse(post)} for name, (get, post) in ROWS.items()}

__all__ = [
    "DUPLICATES",
    "EXPECTED",
    "KNOWN_DEFECTS",
    "KWARGS",
    "LOGIN",
    "MISPLACED",
    "PERSONAS",
    "QUERY",
    "ROWS",
]
