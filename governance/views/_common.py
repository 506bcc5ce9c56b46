"""What every governance view shares: the scoped lookups (404) and the write check (403)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.shortcuts import render

from core.access import get_visible_or_404, require_perm

from .. import selectors
from ..models import Committee, Meeting


# --- Lookups ------------------------------------------------------------------------
def _committee(request, pk) -> Committee:
    return get_visible_or_404(
        selectors.committees_for_user(request.user).select_related("programme", "action__programme"), pk=pk
    )


def _meeting(request, pk) -> Meeting:
    return get_visible_or_404(
        selectors.meetings_for_user(request.user).select_related("committee__action__programme"), pk=pk
    )


def _can_edit(request, committee: Committee) -> bool:
    cache = request.__dict__.setdefault("_governance_edit", {})
    if committee.pk not in cache:
        cache[committee.pk] = request.user.has_perm("governance.change_committee", committee)
    return cache[committee.pk]


def _require_edit(request, committee: Committee) -> None:
    require_perm(request.user, "governance.change_committee", committee)


def _form_page(request, *, form, title: str, back_url: str, committee=None, meeting=None, intro: str = "",
               status: int = 200):
    return render(
        request, "governance/form_page.html",
        {"form": form, "title": title, "back_url": back_url, "committee": committee, "meeting": meeting,
         "intro": intro},
        status=status,
    )


def _error_text(error: ValidationError) -> str:
    return " ".join(error.messages)
