"""The PDFs of governance: convocation with its agenda, minutes, a committee's decision register."""

from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from reports.registry import DocumentKind, register

from . import selectors
from .access import can_view_committee
from .models import Decision, Meeting


def _meeting_context(document) -> dict:
    meeting = Meeting.objects.select_related(
        "committee", "committee__programme", "committee__action"
    ).get(pk=document.target.pk)
    return {"meeting": meeting, "committee": meeting.committee, "page": selectors.meeting_page(meeting)}


def _register_context(document) -> dict:
    committee = document.target
    decisions = list(
        Decision.objects.filter(meeting__committee=committee)
        .select_related("meeting", "agenda_item")
        .prefetch_related("followups__owner")
        .order_by("meeting__starts_at", "pk")
    )
    return {"committee": committee, "decisions": decisions}


def _can_view_meeting(user, meeting) -> bool:
    return can_view_committee(user, meeting.committee)


register(DocumentKind(
    key="governance.convocation",
    label=_("Convocation"),
    template="governance/pdf/convocation.html",
    build_context=_meeting_context,
    can_view=_can_view_meeting,
    filename=lambda document: f"convocation-{slugify(document.target.title)}.pdf",
))
register(DocumentKind(
    key="governance.minutes",
    label=_("Minutes"),
    template="governance/pdf/minutes.html",
    build_context=_meeting_context,
    can_view=_can_view_meeting,
    filename=lambda document: f"compte-rendu-{slugify(document.target.title)}.pdf",
))
register(DocumentKind(
    key="governance.register",
    label=_("Decision register"),
    template="governance/pdf/register.html",
    build_context=_register_context,
    can_view=can_view_committee,
    filename=lambda document: f"registre-decisions-{slugify(document.target.name)}.pdf",
))
