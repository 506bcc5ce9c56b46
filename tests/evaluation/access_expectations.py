"""Who may GET and POST each URL of `evaluation`, and how to reach it from the data set.

Dashboards, indicators, measurements.
Collected by the permission matrix and the fuzz registry (format and shared rules:
tests/permissions/expectations.py).

- Indicators and action dashboards follow their action: the pilot reads and writes; the
  committee member reads and gets 403 on writes; others 404. Programme dashboards: the
  programme's readers (see tests/actions/access_expectations.py).
- Computing an indicator that is not computed: 404.
"""

from tests.fuzz.entries import Entry, NoForm, Page
from tests.permissions.helpers import PILOT, none, pk

# (GET, POST): one answer per persona (tests/permissions/helpers.py PERSONAS)
ROWS = {
    "evaluation:dashboard_index": ("  L 404 200 200 200 200 200", "  L 404 405 405 405 405 405"),
    "evaluation:programme_dashboard": ("  L 404 200 404 200 200 200", "  L 404 405 405 405 405 405"),
    "evaluation:programme_synthesis": ("  L 404 405 405 405 405 405", "  L 404 302 404 302 302 302"),
    "evaluation:action_dashboard": ("  L 404 200 404 404 200 200", "  L 404 405 405 405 405 405"),
    "evaluation:approach_entry_add": ("  L 404 405 405 405 405 405", "  L 404 403 404 404 302 302"),
    "evaluation:assessment_edit": ("  L 404 403 404 404 200 200", "  L 404 403 404 404 302 302"),
    "evaluation:action_report": ("  L 404 405 405 405 405 405", "  L 404 302 404 404 302 302"),
    "evaluation:indicator_list": ("  L 404 200 200 200 200 200", "  L 404 405 405 405 405 405"),
    "evaluation:indicator_create": ("  L 404 403 404 404 200 200", "  L 404 403 404 404 200 200"),
    "evaluation:indicator_detail": ("  L 404 200 404 404 200 200", "  L 404 405 405 405 405 405"),
    "evaluation:indicator_edit": ("  L 404 403 404 404 200 200", "  L 404 403 404 404 200 200"),
    "evaluation:measurement_add": ("  L 404 405 405 405 405 405", "  L 404 403 404 404 200 200"),
    "evaluation:indicator_compute": ("  L 404 405 405 405 405 405", "  L 404 403 404 404 404 404"),
    "evaluation:measurement_edit": ("  L 404 403 404 404 200 200", "  L 404 403 404 404 200 200"),
    "evaluation:measurements_export": ("  L 404 200 200 200 200 200", "  L 404 405 405 405 405 405"),
    "evaluation:monthly_entry": ("  L 404 200 200 200 200 200", "  L 404 200 200 200 200 200"),
}

KWARGS = {
    "evaluation:dashboard_index": none,
    "evaluation:programme_dashboard": pk("programme"),
    "evaluation:programme_synthesis": pk("programme"),
    "evaluation:action_dashboard": pk("action"),
    "evaluation:approach_entry_add": pk("action"),
    "evaluation:assessment_edit": pk("action"),
    "evaluation:action_report": pk("action"),
    "evaluation:indicator_list": none,
    "evaluation:indicator_create": none,
    "evaluation:indicator_detail": pk("indicator"),
    "evaluation:indicator_edit": pk("indicator"),
    "evaluation:measurement_add": pk("indicator"),
    "evaluation:indicator_compute": pk("indicator"),
    "evaluation:measurement_edit": pk("measurement"),
    "evaluation:measurements_export": lambda d: {"fmt": "csv"},
    "evaluation:monthly_entry": none,
}

# Query strings some views need to know what they act on.
QUERY = {
    "evaluation:indicator_create": lambda d: f"?action={d['action'].pk}",
}

# URLs taking a POST: who posts the fuzzed values, and where the form comes from.
FUZZ = {
    "evaluation:programme_synthesis": Entry(PILOT, Page(host="evaluation:programme_dashboard")),
    "evaluation:approach_entry_add": Entry(PILOT, Page(host="evaluation:action_dashboard")),
    "evaluation:assessment_edit": Entry(PILOT),
    "evaluation:action_report": Entry(PILOT, Page(host="evaluation:action_dashboard")),
    "evaluation:indicator_create": Entry(PILOT),
    "evaluation:indicator_edit": Entry(PILOT),
    "evaluation:measurement_add": Entry(PILOT, Page(host="evaluation:indicator_detail")),
    "evaluation:indicator_compute": Entry(PILOT, NoForm()),
    "evaluation:measurement_edit": Entry(PILOT),
    "evaluation:monthly_entry": Entry(PILOT),
}

# The writer's empty POST names no computation: 404, yet the page posts real requests.
EMPTY_POST_404 = {"evaluation:indicator_compute"}
