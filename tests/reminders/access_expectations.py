"""Who may GET and POST each URL of `reminders`, and how to reach it from the data set.

In-app notifications.
Collected by the permission matrix and the fuzz registry (format and shared rules:
tests/permissions/expectations.py).

- A notification belongs to its recipient (others 404); everyone signed in, a portal account
  included, has a list of their own, and chooses how they receive their notices (their own
  preference, no object in the URL).
"""

from tests.fuzz.entries import Entry, Page
from tests.permissions.helpers import PILOT, none, pk

# (GET, POST): one answer per persona (tests/permissions/helpers.py PERSONAS)
ROWS = {
    "reminders:notification_list": ("  L 200 200 200 200 200 200", "  L 405 405 405 405 405 405"),
    "reminders:notification_open": ("  L 405 405 405 405 405 405", "  L 404 404 404 404 302 404"),
    "reminders:notification_mark_all_read": ("  L 405 405 405 405 405 405", "  L 302 302 302 302 302 302"),
    "reminders:notification_group_read": ("  L 405 405 405 405 405 405", "  L 404 404 404 404 302 404"),
    "reminders:notification_preferences": ("  L 200 200 200 200 200 200", "  L 200 200 200 200 200 200"),
}

KWARGS = {
    "reminders:notification_list": none,
    "reminders:notification_open": pk("notification"),
    "reminders:notification_mark_all_read": none,
    "reminders:notification_group_read": pk("notification"),
    "reminders:notification_preferences": none,
}

# URLs taking a POST: who posts the fuzzed values, and where the form comes from.
FUZZ = {
    "reminders:notification_open": Entry(PILOT, Page(host="reminders:notification_list")),
    "reminders:notification_mark_all_read": Entry(PILOT, Page(host="reminders:notification_list")),
    "reminders:notification_group_read": Entry(PILOT, Page(host="reminders:notification_list")),
    "reminders:notification_preferences": Entry(PILOT),
}
