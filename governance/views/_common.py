"""What every governance view shares: the committee's write check kept once per request, the form page."""

from __future__ import annotations

from django.shortcuts import render

from .. import access
from ..models import Committee

# How the pages fetch a committee and a meeting (`core.access.object_for`): what they show of them.
COMMITTEE_RELATED = ("programme", "action__programme")
MEETING_RELATED = ("committee__programme", "committee__action__programme")


def _can_edit(request, committee: Committee) -> bool:
    """`access.can_edit_committee`, asked once per request and committee (a page asks it for many rows)."""
    cache = request.__dict__.setdefault("_governance_edit", {})
    if committee.pk not in cache:
        cache[committee.pk] = access.can_edit_committee(request.user, committee)
    return cache[committee.pk]


def _form_page(
    request,
    *,
    form,
    title: str,
    back_url: str,
    committee=None,
    meeting=None,
    intro: str = "",
    status: int = 200,
):
    return render(
        request,
        "governance/form_page.html",
        {
            "form": form,
            "title": title,
            "back_url": back_url,
            "committee": committee,
            "meeting": meeting,
            "intro": intro,
        },
        status=status,
    )


def _meeting_form_page(request, meeting, *, form, title: str, intro: str = "", status: int = 200):
    """A form about one meeting: its committee's breadcrumbs, the way back to the meeting."""
    return _form_page(
        request,
        form=form,
        title=title,
        back_url=meeting.get_absolute_url(),
        committee=meeting.committee,
        meeting=meeting,
        intro=intro,
        status=status,
    )
