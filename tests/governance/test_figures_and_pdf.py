"""Governance figures for the evaluation app, and the PDFs rendered through `reports`."""

import time
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from governance import services
from governance.models import Attendance, Committee, Meeting
from governance.selectors import governance_figures
from reports.models import Document
from tests.factories import make_account

from .factories import AgendaItemFactory, FollowUpFactory, MeetingFactory, MembershipFactory

pytestmark = pytest.mark.django_db


def test_governance_figures(committee):
    today = timezone.localdate()
    now = timezone.now()
    held = MeetingFactory(committee=committee, starts_at=now - timedelta(days=20), status=Meeting.Status.HELD)
    MeetingFactory(committee=committee, starts_at=now - timedelta(days=10))  # due but not held
    MeetingFactory(committee=committee, starts_at=now - timedelta(days=5), status=Meeting.Status.CANCELLED)
    MeetingFactory(committee=committee, starts_at=now + timedelta(days=5))  # not due yet
    MeetingFactory(starts_at=now - timedelta(days=3), status=Meeting.Status.HELD)  # another committee
    for college, status in [
        ("employeurs", "present"),
        ("employeurs", "absent"),
        ("salaries", "present"),
        ("salaries", "excuse"),
        ("etat", "present"),
    ]:
        Attendance.objects.create(
            meeting=held, person=MembershipFactory(committee=committee).person, college=college, status=status
        )
    Attendance.objects.create(
        meeting=held, guest_name="Invité", is_guest=True, status="present", college="experts"
    )
    decision = services.decision_record(meeting=held, text="D", by=None)
    FollowUpFactory(
        decision=decision,
        due_date=today - timedelta(days=5),
        status="fait",
        done_on=today - timedelta(days=6),
    )
    FollowUpFactory(
        decision=decision,
        due_date=today - timedelta(days=5),
        status="fait",
        done_on=today - timedelta(days=1),
    )
    FollowUpFactory(decision=decision, due_date=today - timedelta(days=2))  # overdue
    FollowUpFactory(decision=decision, due_date=today + timedelta(days=9))  # not due

    figures = governance_figures(committee=committee)
    assert figures["meetings"] == {
        "planned": 4,
        "due": 3,
        "held": 1,
        "cancelled": 1,
        "held_rate": round(1 / 3, 4),
    }
    by_college = figures["attendance"]["by_college"]
    assert by_college["employeurs"]["rate"] == 0.5 and by_college["salaries"]["rate"] == 0.5
    assert by_college["etat"]["rate"] == 1.0 and "experts" not in by_college
    assert figures["attendance"]["rate"] == 0.6
    assert figures["decisions"]["count"] == 1
    followups = figures["followups"]
    assert (followups["total"], followups["done"], followups["done_on_time"], followups["overdue"]) == (
        4,
        2,
        1,
        1,
    )
    assert followups["on_time_rate"] == round(1 / 3, 4)
    # Scoping by programme and by period.
    assert governance_figures(programme=committee.action.programme)["meetings"]["planned"] == 4
    assert (
        governance_figures(action=committee.action, start=today - timedelta(days=12))["meetings"]["planned"]
        == 3
    )
    assert (
        governance_figures(committee=Committee.objects.exclude(pk=committee.pk).first())["meetings"]["held"]
        == 1
    )


@pytest.fixture
def minutes_meeting(committee, pilot):
    meeting = MeetingFactory(
        committee=committee, starts_at=timezone.now() - timedelta(days=2), title="COPIL 2"
    )
    services._invite_members(meeting)
    item = AgendaItemFactory(meeting=meeting, title="Diagnostic")
    services.meeting_mark_held(meeting=meeting, by=None)
    decision = services.decision_record(
        meeting=meeting, text="Valider le diagnostic", by=pilot, agenda_item=item
    )
    services.followup_create(
        decision=decision,
        title="Diffuser le diagnostic",
        owner=pilot.person,
        due_date=timezone.localdate() + timedelta(days=5),
        by=None,
    )
    services.minutes_save(
        meeting=meeting, by=pilot, summary="Synthèse", item_texts={item.pk: "Échanges sur le diagnostic"}
    )
    return meeting


def pdf_text(document: Document) -> str:
    document.refresh_from_db()
    assert document.status == Document.Status.DONE, document.error
    with document.file.open("rb") as handle:
        return "\n".join(page.extract_text() for page in PdfReader(handle).pages)


@pytest.mark.parametrize(
    "kind, expected", [("compte-rendu", "Échanges sur le diagnostic"), ("convocation", "Diagnostic")]
)
def test_meeting_pdfs_render(
    client_for, committee_member, minutes_meeting, kind, expected, django_capture_on_commit_callbacks
):
    client = client_for(committee_member)  # a member may ask for the PDFs: reading is enough
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("governance:meeting_pdf", args=[minutes_meeting.pk, kind]))
    assert response.status_code == 302
    text = pdf_text(Document.objects.get())
    assert expected in text and "COPIL 2" in text
    if kind == "compte-rendu":
        assert "Diffuser le diagnostic" in text and "Valider le diagnostic" in text


def test_register_pdf_and_outsider(
    client_for, committee_member, outsider, minutes_meeting, django_capture_on_commit_callbacks
):
    url = reverse("governance:committee_register_pdf", args=[minutes_meeting.committee_id])
    assert client_for(outsider).post(url).status_code == 404
    with django_capture_on_commit_callbacks(execute=True):
        client_for(committee_member).post(url)
    assert "Valider le diagnostic" in pdf_text(Document.objects.get())


def test_minutes_pdf_from_the_demo(django_capture_on_commit_callbacks, capsys):
    """The demo's approved workshop minutes render; the time and page count are printed for the report."""
    from io import StringIO

    from core.demo import demo_modules

    for name, module in demo_modules():
        if name in ("directory", "actions", "governance"):
            module.load(StringIO())
    meeting = Meeting.objects.get(title__startswith="Atelier « La gouvernance du PRST 4")
    reader = make_account("lecteur_pdf", "comite")
    MembershipFactory(committee=meeting.committee, person=reader.person)
    from reports.services import document_render, document_request

    with django_capture_on_commit_callbacks(execute=False):
        document = document_request(kind="governance.minutes", target=meeting, requested_by=reader)
    started = time.perf_counter()
    document_render(document_id=document.pk)
    elapsed = time.perf_counter() - started
    text = pdf_text(document)
    assert "Établir un planning sur 4 ans" in text and "Forces : forte implication" in text
    document.refresh_from_db()
    assert 1 <= document.page_count <= 6
    with capsys.disabled():
        print(f"\n[minutes PDF from the demo] {elapsed:.2f} s, {document.page_count} page(s)")
