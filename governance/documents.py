"""The PDFs of governance: convocation with its agenda, minutes, a committee's decision register."""

from django.contrib.contenttypes.models import ContentType
from django.utils.text import slugify
from django.utils.translation import gettext, pgettext
from django.utils.translation import gettext_lazy as _

from actions.documents import action_sender, programme_sender
from core import french
from reports.attachments import csv_attachment
from reports.models import Document
from reports.registry import DocumentKind, register
from reports.services import render_document_pdf

from . import selectors
from .access import can_view_committee
from .models import Decision, Meeting


def _meeting_context(document) -> dict:
    meeting = Meeting.objects.select_related("committee", "committee__programme", "committee__action").get(
        pk=document.target.pk
    )
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


MINUTES_KIND = "governance.minutes"


def minutes_are_approved(document, context) -> bool:
    """Approved minutes are the record kept (PDF/A-3); a draft or circulated version is not."""
    minutes = context["page"].minutes
    return minutes is not None and minutes.status == minutes.Status.APPROVED


def attendance_csv(document, context):
    """The attendance list the minutes show, as a CSV carried in the PDF/A-3."""
    page = context["page"]
    headers = [
        gettext("Person"),
        gettext("Organisation"),
        gettext("College"),
        gettext("Guest"),
        gettext("Attendance"),
    ]
    rows = [
        [
            a.display_name,
            a.guest_organisation
            or (a.person.organisation.name if a.person_id and a.person.organisation_id else ""),
            a.get_college_display(),
            a.is_guest,
            a.status_text,
        ]
        for a in page.attendances
    ]
    meeting = context["meeting"]
    return [
        csv_attachment(
            f"presences-{meeting.starts_at:%Y%m%d}-{slugify(meeting.committee.name)[:40]}.csv",
            headers,
            rows,
            description=pgettext("pdf attachment", "Attendance list (CSV, semicolon)"),
        )
    ]


def minutes_file_name(meeting: Meeting) -> str:
    """The name a secretary would give the file: « Compte rendu — COPIL ACIA — 12 mars 2026.pdf »."""
    name = gettext("Minutes — %(committee)s — %(date)s") % {
        "committee": meeting.committee.name,
        "date": french.jour(meeting.starts_at),
    }
    # Characters a file system refuses; the rest (accents, dashes, spaces) is kept as written.
    cleaned = "".join(" " if ch in '/\\:*?"<>|' or ord(ch) < 32 else ch for ch in name)
    return " ".join(cleaned.split())[:200] + ".pdf"


def minutes_pdf_now(meeting: Meeting, *, requested_by) -> bytes:
    """The minutes PDF rendered in this process, as the PDF job renders it (same kind, template and context).

    For the e-mail that circulates the minutes: the attachment must exist before the e-mails are queued,
    in the same transaction. The document row is not saved: the file travels with the e-mails.
    """
    document = Document(
        kind=MINUTES_KIND,
        title=minutes_file_name(meeting).removesuffix(".pdf"),
        target_type=ContentType.objects.get_for_model(Meeting),
        target_id=str(meeting.pk),
        requested_by=requested_by,
    )
    return render_document_pdf(document).content


def committee_sender(committee):
    """Who sends a committee's documents: the porteur of its action, else of its programme (the ARACT)."""
    if committee.action_id:
        return action_sender(committee.action)
    return programme_sender(committee.programme)


def _can_view_meeting(user, meeting) -> bool:
    return can_view_committee(user, meeting.committee)


def _meeting_document(key: str, label: str, name: str, prefix: str, **options) -> None:
    """A document about one meeting: `governance/pdf/<name>.html`, sent by the committee's porteur,
    readable by who may see the committee, in a file `<prefix>-<meeting>.pdf`."""
    register(
        DocumentKind(
            key=key,
            label=label,
            template=f"governance/pdf/{name}.html",
            build_context=_meeting_context,
            can_view=_can_view_meeting,
            filename=lambda document: f"{prefix}-{slugify(document.target.title)}.pdf",
            sender=lambda document: committee_sender(document.target.committee),
            **options,
        )
    )


_meeting_document("governance.convocation", _("Convocation"), "convocation", "convocation")
_meeting_document(
    MINUTES_KIND,
    _("Minutes"),
    "minutes",
    "compte-rendu",
    archive=minutes_are_approved,
    attachments=attendance_csv,
)
_meeting_document("governance.attendance", _("Attendance sheet"), "attendance", "feuille-de-presence")
register(
    DocumentKind(
        key="governance.register",
        label=_("Decision register"),
        template="governance/pdf/register.html",
        build_context=_register_context,
        can_view=can_view_committee,
        filename=lambda document: f"registre-decisions-{slugify(document.target.name)}.pdf",
        sender=lambda document: committee_sender(document.target),
        archive=True,
    )
)
