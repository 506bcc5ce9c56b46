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
    services.publication_publish(
        source_key="actions.deliverable",
        obj=make_deliverable(action, title="Guide"),
        by=pilot,
        audience=Publication.Audience.USERS,
    )
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
    services.publication_publish(
        source_key="actions.deliverable",
        obj=make_deliverable(action),
        by=pilot,
        audience=Publication.Audience.USERS,
    )
    DigestPreference.objects.create(user=outsider, weekly_digest=False)
    call_command("send_weekly_digest", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert outsider.email not in {m.to[0] for m in mail.outbox}


def test_old_publications_are_not_repeated(action, pilot, outsider):
    publication = services.publication_publish(
        source_key="actions.deliverable",
        obj=make_deliverable(action),
        by=pilot,
        audience=Publication.Audience.USERS,
    )
    Publication.objects.filter(pk=publication.pk).update(published_at=timezone.now() - timedelta(days=9))
    ProgrammeFollow.objects.create(user=outsider, programme=action.programme)
    assert digest_content(outsider).is_empty


def test_digest_has_decisions_and_upcoming_meetings_of_readable_programmes_only(action, pilot, outsider):
    from governance.models import Committee, Decision, Meeting

    committee = Committee.objects.create(kind=Committee.Kind.COPIL, name="COPIL ACIA", action=action)
    held = Meeting.objects.create(
        committee=committee,
        title="COPIL 1",
        starts_at=timezone.now() - timedelta(days=2),
        status=Meeting.Status.HELD,
    )
    Decision.objects.create(meeting=held, text="La fiche de cadrage est validée.")
    Meeting.objects.create(committee=committee, title="COPIL 2", starts_at=timezone.now() + timedelta(days=3))
    Meeting.objects.create(
        committee=committee, title="COPIL 3", starts_at=timezone.now() + timedelta(days=60)
    )
    for user in (pilot, outsider):
        ProgrammeFollow.objects.create(user=user, programme=action.programme)
    content = digest_content(pilot)
    assert [d.text for d in content.decisions] == ["La fiche de cadrage est validée."]
    assert [m.title for m in content.meetings] == ["COPIL 2"]
    assert digest_content(outsider).is_empty  # follows, but may not read the programme's committees
    assert digest_send_all() == 1
    assert "La fiche de cadrage est validée." in mail.outbox[0].body and "COPIL 2" in mail.outbox[0].body
