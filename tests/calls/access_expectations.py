"""Who may GET and POST each URL of `calls`, and how to reach it from the data set.

Calls for applications.
Collected by the permission matrix and the fuzz registry (format and shared rules:
tests/permissions/expectations.py).

- Calls are run by the programme's managers and read by the selection committee: only the
  admin here (nobody manages the programme), others 404. POSTs without fields to the reviews
  and the selection: 400. Reopening a selection that is not decided: 400 (the page says so).
- The public call page, the application form and the applicant's private link are public.
"""

from django.utils import timezone

from calls.models import Application, Call, ComplementRequest, hash_token
from tests.fuzz.entries import Entry, Page
from tests.permissions.helpers import ADMIN, ANON, none, pk

COMPLEMENT_TOKEN = "jeton-fuzz-complement"


def _complement_asked(d):
    """A submitted application asked for a complement: its link shows the answer form."""
    application = d["application"]
    ComplementRequest.objects.get_or_create(
        application=application,
        question="Précisez le budget.",
        defaults={"requested_by": d["users"]["admin"]},
    )
    Application.objects.filter(pk=application.pk).update(
        status=Application.Status.COMPLEMENT, token_hash=hash_token(COMPLEMENT_TOKEN)
    )
    return {"token": COMPLEMENT_TOKEN}


def _selection_decided(d):
    """The call's selection is decided: its reopening page shows the reason form."""
    Call.objects.filter(pk=d["call"].pk).update(decided_at=timezone.now())


# (GET, POST): one answer per persona (tests/permissions/helpers.py PERSONAS)
ROWS = {
    "calls:call_list": ("  L 404 200 200 200 200 200", "  L 404 405 405 405 405 405"),
    "calls:call_create": ("  L 404 404 404 404 404 200", "  L 404 404 404 404 404 200"),
    "calls:call_detail": ("  L 404 404 404 404 404 200", "  L 404 405 405 405 405 405"),
    "calls:call_edit": ("  L 404 404 404 404 404 200", "  L 404 404 404 404 404 200"),
    "calls:call_publish": ("  L 404 405 405 405 405 405", "  L 404 404 404 404 404 302"),
    "calls:call_selection": ("  L 404 404 404 404 404 200", "  L 404 404 404 404 404 400"),
    "calls:call_selection_reopen": ("  L 404 404 404 404 404 200", "  L 404 404 404 404 404 400"),
    "calls:call_selection_pdf": ("  L 404 405 405 405 405 405", "  L 404 404 404 404 404 302"),
    "calls:application_detail": ("  L 404 404 404 404 404 200", "  L 404 405 405 405 405 405"),
    "calls:application_eligibility": ("  L 404 405 405 405 405 405", "  L 404 404 404 404 404 400"),
    "calls:application_complement": ("  L 404 405 405 405 405 405", "  L 404 404 404 404 404 400"),
    "calls:application_score": ("  L 404 405 405 405 405 405", "  L 404 404 404 404 404 400"),
    "calls:application_pdf": ("  L 404 405 405 405 405 405", "  L 404 404 404 404 404 302"),
    "calls:public_call": ("200 200 200 200 200 200 200", "405 405 405 405 405 405 405"),
    "calls:apply": ("200 200 200 200 200 200 200", "200 200 200 200 200 200 200"),
    "calls:application_edit": ("200 200 200 200 200 200 200", "200 200 200 200 200 200 200"),
}

KWARGS = {
    "calls:call_list": none,
    "calls:call_create": none,
    "calls:call_detail": pk("call"),
    "calls:call_edit": pk("call"),
    "calls:call_publish": pk("call"),
    "calls:call_selection": pk("call"),
    "calls:call_selection_reopen": pk("call"),
    "calls:call_selection_pdf": pk("call"),
    "calls:application_detail": pk("application"),
    "calls:application_eligibility": pk("application"),
    "calls:application_complement": pk("application"),
    "calls:application_score": pk("application"),
    "calls:application_pdf": pk("application"),
    "calls:public_call": lambda d: {"slug": d["call"].slug},
    "calls:apply": lambda d: {"slug": d["call"].slug},
    "calls:application_edit": lambda d: {"token": d["application_token"]},
}

# URLs taking a POST: who posts the fuzzed values, and where the form comes from.
FUZZ = {
    "calls:call_create": Entry(ADMIN),
    "calls:call_edit": Entry(ADMIN),
    "calls:call_publish": Entry(ADMIN, Page(host="calls:call_detail")),
    "calls:call_selection": Entry(ADMIN),
    "calls:call_selection_reopen": Entry(ADMIN, setup=_selection_decided),
    "calls:call_selection_pdf": Entry(ADMIN, Page(host="calls:call_selection")),
    "calls:application_eligibility": Entry(ADMIN, Page(host="calls:application_detail")),
    "calls:application_complement": Entry(ADMIN, Page(host="calls:application_detail")),
    "calls:application_score": Entry(ADMIN, Page(host="calls:application_detail", context="score_form")),
    "calls:application_pdf": Entry(ADMIN, Page(host="calls:application_detail")),
    "calls:apply": Entry(ANON),
    "calls:application_edit": Entry(ANON),
    "calls:application_edit#complement": Entry(ANON, setup=_complement_asked),
}
