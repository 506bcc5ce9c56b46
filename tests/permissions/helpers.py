"""What an app's `tests/<app>/access_expectations.py` builds its tables with."""

# The columns of a row, in order (`ROWS` in each app's module).
PERSONAS = (
    "anonymous",
    "member_contact",
    "committee_member",
    "service_staff",
    "other_pilot",
    "pilot",
    "admin",
)
LOGIN = "login"  # a redirection to the login page (`L` in a row)

# Who posts a fuzzed form (`FUZZ` in each app's module).
STAFF, PILOT, ADMIN, ANON, MEMBER = "service_staff", "pilot", "admin", "anonymous", "member_contact"


def pk(key):
    """URL arguments {"pk": <the data set's object under this key>.pk}."""
    return lambda d: {"pk": d[key].pk}


def none(d):
    """A URL without arguments."""
    return {}
