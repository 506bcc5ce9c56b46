"""Convening a meeting while the mail server is down: no error page, nothing lost, sent later."""

from datetime import timedelta
from unittest import mock

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from governance import services
from governance.models import Meeting
from reminders.models import OutgoingEmail
from reminders.services import RETRY_AFTER, outgoing_email_send, outgoing_emails_retry

# Transactional: the commit really happens, and with it the sending, as in production.
pytestmark = pytest.mark.django_db(transaction=True)


def test_a_convocation_sent_while_the_mail_server_is_down_is_kept_and_sent_later(
    client_for, pilot, meeting, settings
):
    services.agenda_item_add(meeting=meeting, title="Fiche de cadrage", duration_minutes=60, by=None)
    settings.EMAIL_BACKEND = "tests.reminders.test_outbox.RefusingBackend"

    response = client_for(pilot).post(reverse("governance:meeting_convene", args=[meeting.pk]), follow=True)

    assert response.status_code == 200
    assert "Convocation envoyée (destinataires\u00a0: 2)" in response.content.decode()
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.CONVENED
    emails = list(OutgoingEmail.objects.order_by("to"))
    assert len(emails) == 2
    assert all(e.status == OutgoingEmail.Status.FAILED and "SMTPRecipientsRefused" in e.error for e in emails)

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    with mock.patch(
        "reminders.tasks.send_email.delay", side_effect=lambda pk: outgoing_email_send(email_id=pk)
    ):
        assert outgoing_emails_retry(now=timezone.now() + RETRY_AFTER + timedelta(minutes=1)) == 2
    assert sorted(m.to[0] for m in mail.outbox) == [e.to for e in emails]
    assert all(m.attachments[0][0] == f"reunion-{meeting.pk}.ics" for m in mail.outbox)
    assert all("Fiche de cadrage" in m.body for m in mail.outbox)
