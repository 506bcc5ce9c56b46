"""Who may GET and POST each URL of `core`, and how to reach it from the data set.

The home page, the health check, the accounts (`core/auth_urls.py`).
Collected by the permission matrix and the fuzz registry (format and shared rules:
tests/permissions/expectations.py).

- The home page sends a member contact to its portal (302) and shows the others theirs.
- Login, password reset, the accessibility statement and the health check are public; a signed-in user asking for the
  login page is sent on (302). Logging out (POST only) and changing one's password need an
  account, a portal account included.
"""

from tests.fuzz.entries import Entry, NoForm
from tests.permissions.helpers import ANON, PILOT, none

# (GET, POST): one answer per persona (tests/permissions/helpers.py PERSONAS)
ROWS = {
    "core:home": ("  L 302 200 200 200 200 200", "  L 405 405 405 405 405 405"),
    "core:accessibility": ("200 200 200 200 200 200 200", "405 405 405 405 405 405 405"),
    "core:healthz": ("200 200 200 200 200 200 200", "405 405 405 405 405 405 405"),
    "login": ("200 302 302 302 302 302 302", "200 302 302 302 302 302 302"),
    "logout": ("405 405 405 405 405 405 405", "  L   L   L   L   L   L   L"),
    "password_change": ("  L 200 200 200 200 200 200", "  L 200 200 200 200 200 200"),
    "password_change_done": ("  L 200 200 200 200 200 200", "  L 405 405 405 405 405 405"),
    "password_reset": ("200 200 200 200 200 200 200", "200 200 200 200 200 200 200"),
    "password_reset_done": ("200 200 200 200 200 200 200", "405 405 405 405 405 405 405"),
    "password_reset_confirm": ("200 200 200 200 200 200 200", "200 200 200 200 200 200 200"),
    "password_reset_complete": ("200 200 200 200 200 200 200", "405 405 405 405 405 405 405"),
}

KWARGS = {
    "core:home": none,
    "core:accessibility": none,
    "core:healthz": none,
    "login": none,
    "logout": none,
    "password_change": none,
    "password_change_done": none,
    "password_reset": none,
    "password_reset_done": none,
    "password_reset_confirm": lambda d: {"uidb64": "MQ", "token": "jeton-invalide"},
    "password_reset_complete": none,
}

# URLs taking a POST: who posts the fuzzed values, and where the form comes from.
FUZZ = {
    "login": Entry(ANON),
    "password_change": Entry(PILOT),
    "password_reset": Entry(ANON),
    "password_reset_confirm": Entry(ANON, NoForm(("new_password1", "new_password2"))),
}
