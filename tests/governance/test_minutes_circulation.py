"""Circulating the minutes sends them: an e-mail with the PDF to each member, a notice, a record of to whom and when.

Approving asks once and says what it does; reopening is the way back, with a reason kept in the history.
"""

import base64
import time

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from governance import services
from governance.documents import minutes_file_name
from governance.models import Membership, Minutes, MinutesCirculation
from reminders.models import Notification, OutgoingEmail
from tests.factories import PersonFactory, UserFactory

from .factories import AgendaItemFactory, MeetingFactory, MembershipFactory


def _held(committee, *, title="COPIL 3"):
    meeting = MeetingFactory(
        committee=committee, title=title, number=None, starts_at=timezone.now() - timezone.timedelta(days=3)
    )
    services._invite_members(meeting)
    services.meeting_mark_held(meeting=meeting, by=None)
    return meeting


@pytest.fixture
def written(committee, pilot):
    """A held meeting of the COPIL with draft minutes; the committee also counts a member without an
    address (an account: the notice only), one with an address and no account, and a former member."""
    no_address = UserFactory(username="sans-adresse", email="")
    PersonFactory(first_name="Sans", last_name="Adresse", email="", user=no_address)
    MembershipFactory(committee=committee, person=no_address.person, role=Membership.Role.MEMBER)
    MembershipFactory(
        committee=committee,
        person=PersonFactory(
            first_name="Nadia", last_name="Sanscompte", email="nadia@example.org", user=None
        ),
    )
    former = PersonFactory(first_name="Ancien", last_name="Membre", email="ancien@example.org")
    MembershipFactory(
        committee=committee,
        person=former,
        start_date=timezone.localdate() - timezone.timedelta(days=400),
        end_date=timezone.localdate() - timezone.timedelta(days=30),
    )
    meeting = _held(committee)
    item = AgendaItemFactory(meeting=meeting, title="Diagnostic")
    minutes = services.minutes_save(
        meeting=meeting,
        by=pilot,
        summary="Synthèse des échanges",
        item_texts={item.pk: "Le diagnostic est validé."},
    )
    return {"meeting": meeting, "minutes": minutes, "no_address": no_address, "former": former}


def test_the_recipients_are_the_current_members(written, pilot, committee_member):
    people = {r.person.pk for r in services.minutes_recipients(written["minutes"])}
    assert pilot.person.pk in people and committee_member.person.pk in people
    assert written["no_address"].person.pk in people
    assert written["former"].pk not in people
    assert len(people) == 4


def test_circulating_sends_the_pdf_notifies_and_records(
    written, pilot, committee_member, django_capture_on_commit_callbacks
):
    minutes = written["minutes"]
    with django_capture_on_commit_callbacks(execute=True):
        circulation = services.minutes_circulate(minutes=minutes, by=pilot)

    minutes.refresh_from_db()
    assert minutes.status == Minutes.Status.CIRCULATED and minutes.circulated_at == circulation.circulated_at
    assert circulation.minutes == minutes and circulation.circulated_by == pilot

    # One e-mail per member with an address (the pilot gets the copy sent to the committee), PDF attached.
    emails = OutgoingEmail.objects.order_by("to")
    addresses = {pilot.person.email, committee_member.person.email, "nadia@example.org"}
    assert {e.to for e in emails} == addresses
    name = minutes_file_name(written["meeting"])
    assert name.startswith("Compte rendu — COPIL Structure A — ") and name.endswith(".pdf")
    for email in emails:
        (attachment,) = email.attachments
        assert attachment["filename"] == name and attachment["mimetype"] == "application/pdf"
        assert base64.b64decode(attachment["content"]).startswith(b"%PDF-")
    assert len(mail.outbox) == 3
    assert mail.outbox[0].attachments[0][0] == name
    assert "Compte rendu" in mail.outbox[0].subject and "version 1" in mail.outbox[0].body

    # A notice for each member with an account, but not for whoever circulated; no second e-mail.
    notices = Notification.objects.filter(kind="minutes_circulated")
    assert {n.user for n in notices} == {committee_member, written["no_address"]}
    assert all(n.about_id == written["meeting"].pk and n.actor_id == pilot.pk for n in notices)

    rows = {r.name: r for r in circulation.recipients.all()}
    assert len(rows) == 4
    assert rows[written["no_address"].person.full_name].email == ""
    assert rows[written["no_address"].person.full_name].notified
    assert rows["Nadia Sanscompte"].email and not rows["Nadia Sanscompte"].notified
    assert not rows[pilot.person.full_name].notified
    assert circulation.history.get().history_user == pilot
    assert minutes.history.latest().history_user == pilot


def test_a_second_circulation_sends_nothing(written, pilot):
    services.minutes_circulate(minutes=written["minutes"], by=pilot)
    with pytest.raises(services.AlreadyCirculated, match="déjà été diffusé"):
        services.minutes_circulate(minutes=written["minutes"], by=pilot)
    assert MinutesCirculation.objects.count() == 1
    assert OutgoingEmail.objects.count() == 3


def test_empty_minutes_or_no_member_are_refused(committee, pilot):
    meeting = _held(committee)
    minutes = services.minutes_save(meeting=meeting, by=pilot, summary=" ", item_texts={})
    with pytest.raises(ValidationError, match="vide"):
        services.minutes_circulate(minutes=minutes, by=pilot)
    services.minutes_save(meeting=meeting, by=pilot, summary="Écrit", item_texts={})
    committee.memberships.update(
        end_date=timezone.localdate() - timezone.timedelta(days=1),
        start_date=timezone.localdate() - timezone.timedelta(days=10),
    )
    with pytest.raises(ValidationError, match="aucun membre"):
        services.minutes_circulate(minutes=minutes, by=pilot)
    assert not OutgoingEmail.objects.exists()


def test_a_reopened_version_is_circulated_again_and_both_are_kept(written, pilot):
    v1 = written["minutes"]
    services.minutes_circulate(minutes=v1, by=pilot)
    services.minutes_approve(minutes=v1, by=pilot, mode=Minutes.ApprovalMode.CHAIR)
    v2 = services.minutes_correct(minutes=v1, by=pilot, reason="Un nom manquait à la liste des présents.")
    assert v2.version == 2 and v2.history.latest().history_user == pilot
    assert v2.history.latest().history_change_reason == "Un nom manquait à la liste des présents."
    services.minutes_circulate(minutes=v2, by=pilot)
    circulations = list(MinutesCirculation.objects.order_by("pk"))
    assert [c.minutes.version for c in circulations] == [1, 2]
    assert OutgoingEmail.objects.count() == 6


# --- Pages ----------------------------------------------------------------------------
def test_the_confirmation_lists_the_recipients_then_the_page_shows_them(written, client_for, pilot):
    client = client_for(pilot)
    url = reverse("governance:minutes_circulate", args=[written["minutes"].pk])
    page = client.get(url).content.decode()
    assert "Diffuser le compte rendu" in page
    assert "nadia@example.org" in page and written["no_address"].person.full_name in page
    assert "notification dans Copilote seulement" in page
    assert "Ancien Membre" not in page

    response = client.post(url, follow=True)
    content = response.content.decode()
    assert "Le compte rendu est diffusé à 4 membres de l’instance." in content
    assert 'data-testid="minutes-circulations"' in content
    assert "Version 1 diffusée le" in content and "à 4 membres" in content
    assert "Nadia Sanscompte" in content

    # A doubled click: the second POST sends nothing and says so.
    again = client.post(url, follow=True).content.decode()
    assert "déjà été diffusé" in again
    assert MinutesCirculation.objects.count() == 1 and OutgoingEmail.objects.count() == 3
    # Once circulated, the confirmation page sends back to the meeting.
    assert client.get(url).status_code == 302


def test_a_member_who_does_not_run_the_committee_cannot_circulate(written, client_for, committee_member):
    url = reverse("governance:minutes_circulate", args=[written["minutes"].pk])
    assert client_for(committee_member).get(url).status_code == 403
    assert client_for(committee_member).post(url).status_code == 403
    assert not OutgoingEmail.objects.exists()


def test_approval_says_what_it_does_and_reopening_is_the_way_back(written, client_for, pilot):
    client = client_for(pilot)
    minutes = written["minutes"]
    page = client.get(reverse("governance:minutes_approve", args=[minutes.pk])).content.decode()
    assert "version de référence" in page and "verrouillés" in page and "rouvert" in page

    client.post(
        reverse("governance:minutes_approve", args=[minutes.pk]), {"mode": Minutes.ApprovalMode.CHAIR}
    )
    minutes.refresh_from_db()
    assert minutes.is_read_only
    detail = client.get(written["meeting"].get_absolute_url()).content.decode()
    assert "Rouvrir le compte rendu" in detail

    reopen = reverse("governance:minutes_correct", args=[minutes.pk])
    assert "La version 1 reste telle qu’elle a été approuvée" in client.get(reopen).content.decode()
    assert client.post(reopen, {"reason": ""}).status_code == 200
    response = client.post(reopen, {"reason": "Décision mal rédigée"})
    assert response.status_code == 302
    v2 = written["meeting"].minutes_versions.get(version=2)
    assert v2.status == Minutes.Status.DRAFT and v2.correction_reason == "Décision mal rédigée"
    detail = client.get(written["meeting"].get_absolute_url()).content.decode()
    assert "Rouvert pour la version 2" in detail and "Décision mal rédigée" in detail


# --- The real path: the broker and a worker send the e-mails with the PDF ----------------------
@pytest.mark.celery
@pytest.mark.django_db(transaction=True)
def test_a_real_worker_sends_the_circulated_minutes_with_the_pdf(celery_worker, written, client_for, pilot):
    response = client_for(pilot).post(reverse("governance:minutes_circulate", args=[written["minutes"].pk]))
    assert response.status_code == 302
    deadline = time.monotonic() + 30
    while (
        time.monotonic() < deadline
        and OutgoingEmail.objects.exclude(status=OutgoingEmail.Status.SENT).exists()
    ):
        time.sleep(0.2)
    assert set(OutgoingEmail.objects.values_list("status", flat=True)) == {OutgoingEmail.Status.SENT}
    assert len(mail.outbox) == 3
    assert all(m.attachments[0][1].startswith(b"%PDF-") for m in mail.outbox)
