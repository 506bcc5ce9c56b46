from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from library import services
from library.digest import digest_content, digest_send_all
from library.models import DigestPreference, ProgrammeFollow, Publication
from tests.library.factories import make_deliverable

pytestmark = pytest.mark.django_db


def test_weekly_digest_gathers_new_publications_once_a_week(action, pilot, outsider):
    services.publication_publish(source_key="actions.deliverable", obj=make_deliverable(action, title="Guide"),
                                 by=pilot, audience=Publication.Audience.USERS)
    ProgrammeFollow.objects.create(user=outsider, programme=action.programme)
    assert [p.title for p in digest_content(outsider).publications] == ["Guide"]
    assert digest_send_all() == 1  # only the outsider follows the programme
    recipients = {m.to[0] for m in mail.outbox}
    assert outsider.email in recipients
    message = next(m for m in mail.outbox if m.to == [outsider.email])
    assert "Guide" in message.body and "/bibliotheque/desabonnement/" in message.body
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert digest_send_all() == 0  # once per week


def test_nothing_new_no_digest_and_switched_off_no_digest(action, pilot, outsider):
    ProgrammeFollow.objects.create(user=outsider, programme=action.programme)
    assert digest_send_all() == 0
    services.publication_publish(source_key="actions.deliverable", obj=make_deliverable(action), by=pilot,
                                 audience=Publication.Audience.USERS)
    DigestPreference.objects.create(user=outsider, weekly_digest=False)
    call_command("send_weekly_digest", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert outsider.email not in {m.to[0] for m in mail.outbox}


def test_old_publications_are_not_repeated(action, pilot, outsider):
    publication = services.publication_publish(source_key="actions.deliverable", obj=make_deliverable(action),
                                               by=pilot, audience=Publication.Audience.USERS)
    Publication.objects.filter(pk=publication.pk).update(published_at=timezone.now() - timedelta(days=9))
    ProgrammeFollow.objects.create(user=outsider, programme=action.programme)
    assert digest_content(outsider).is_empty
