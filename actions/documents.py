"""The two PDFs of the actions app: a fiche-action, and a programme's recap table."""

from __future__ import annotations

from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from reports.registry import DocumentKind, register

from . import access
from .models import CollectiveAction
from .presenters import action_context, matrix_rows
from .selectors import action_detail_queryset

FICHE_KIND = "actions.fiche"
RECAP_KIND = "actions.recap"


def fiche_context(document) -> dict:
    action = action_detail_queryset(CollectiveAction.objects.all()).get(pk=document.target.pk)
    return action_context(action, timezone.localdate())


def recap_context(document) -> dict:
    programme = document.target
    requester = document.requested_by
    actions = (
        access.actions_visible_to(requester)
        .filter(programme=programme)
        .select_related("porteur")
        .order_by("code")
        if requester is not None
        else CollectiveAction.objects.none()
    )
    actions = list(actions)
    rows, unrated = matrix_rows(actions)
    return {
        "programme": programme,
        "actions": actions,
        "rows": rows,
        "unrated": unrated,
        "columns": range(1, 6),
    }


def programme_sender(programme):
    """Who sends a programme's documents: its porteur (the ARACT, the branch…)."""
    return programme.porteur if programme is not None else None


def action_sender(action):
    """Who sends an action's documents: its porteur, else its programme's."""
    return action.porteur or programme_sender(action.programme)


register(
    DocumentKind(
        key=FICHE_KIND,
        label=_("Fiche-action"),
        template="actions/pdf/fiche.html",
        build_context=fiche_context,
        can_view=lambda user, action: access.can_view_action(user, action),
        filename=lambda document: f"fiche-action-{slugify(document.target.code) or document.target.pk}.pdf",
        download_name=lambda document: (
            f"{_('Fiche-action')} {document.target.code} — {document.target.title}"
        ),
        sender=lambda document: action_sender(document.target),
    )
)
register(
    DocumentKind(
        key=RECAP_KIND,
        label=_("Recap table of the actions"),
        template="actions/pdf/recap.html",
        build_context=recap_context,
        can_view=lambda user, programme: access.can_view_programme(user, programme),
        filename=lambda document: f"tableau-recapitulatif-{document.target.code}.pdf",
        sender=lambda document: programme_sender(document.target),
    )
)
