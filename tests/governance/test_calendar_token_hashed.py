"""Calendar feed tokens are stored as their SHA-256 only; the address is shown to its user once,
and « Obtenir une nouvelle adresse » gives a fresh one while killing the old one. Addresses already
subscribed before the tokens were hashed keep working after the migration."""

import hashlib

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse

from governance.models import CalendarToken

from .test_ical import events, feed_path_shown

CALENDAR = reverse("governance:calendar")


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


@pytest.mark.django_db
def test_only_the_hash_is_stored_and_the_address_is_shown_once(client, client_for, committee_member, meeting):
    logged = client_for(committee_member)
    created = logged.post(reverse("governance:calendar_token", args=["create"]), follow=True)
    path = feed_path_shown(created)
    assert "une seule fois" in created.content.decode() and "feed-url-once" in created.content.decode()
    plain = path.rsplit("/", 1)[1].removesuffix(".ics")
    row = CalendarToken.objects.get(user=committee_member, revoked_at__isnull=True)
    assert row.token_hash == sha256(plain) and plain not in row.token_hash
    assert CalendarToken.objects.filter(token_hash=plain).count() == 0

    again = logged.get(CALENDAR).content.decode()
    assert plain not in again and 'id="feed-url"' not in again
    assert "Votre adresse privée est active depuis le" in again
    assert "Obtenir une nouvelle adresse" in again

    response = client.get(path)
    assert response.status_code == 200
    assert f"meeting-{meeting.pk}@copilote" in {str(event["UID"]) for event in events(response.content)}
    row.refresh_from_db()
    assert row.last_used_at is not None
    assert "Dernière lecture par votre agenda" in logged.get(CALENDAR).content.decode()


@pytest.mark.django_db
def test_asking_again_does_not_replace_a_live_address(client, client_for, committee_member):
    logged = client_for(committee_member)
    path = feed_path_shown(logged.post(reverse("governance:calendar_token", args=["create"]), follow=True))
    second = logged.post(reverse("governance:calendar_token", args=["create"]), follow=True).content.decode()
    assert "Vous avez déjà une adresse privée" in second and 'id="feed-url"' not in second
    assert CalendarToken.objects.filter(user=committee_member).count() == 1
    assert client.get(path).status_code == 200


@pytest.mark.django_db
def test_renewing_shows_the_new_address_once_and_kills_the_old_one(client, client_for, committee_member):
    logged = client_for(committee_member)
    old = feed_path_shown(logged.post(reverse("governance:calendar_token", args=["create"]), follow=True))
    logged.get(CALENDAR)  # shown, then gone
    new = feed_path_shown(logged.post(reverse("governance:calendar_token", args=["renew"]), follow=True))
    assert new != old
    assert client.get(old).status_code == 404 and client.get(new).status_code == 200


@pytest.mark.django_db
def test_another_users_pending_token_is_never_shown(client_for, committee_member, pilot):
    """The page shows the new address only if it opens this user's own live token."""
    logged = client_for(committee_member)
    other = CalendarToken.objects.create(user=pilot)
    session = logged.session
    session["governance.new_calendar_token"] = other.token
    session.save()
    logged.post(reverse("governance:calendar_token", args=["create"]))  # the user's own, unseen yet
    page = client_for(committee_member).get(CALENDAR).content.decode()
    assert other.token not in page


# --- The migration ------------------------------------------------------------------------------
BEFORE = [("governance", "0001_initial")]
AFTER = [("governance", "0002_calendar_token_hashed")]


@pytest.mark.django_db(transaction=True)
def test_addresses_subscribed_before_the_tokens_were_hashed_keep_working(client):
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    try:
        old_apps = executor.loader.project_state(BEFORE).apps
        user = old_apps.get_model("auth", "User").objects.create(username="abonne", is_active=True)
        OldToken = old_apps.get_model("governance", "CalendarToken")
        OldToken.objects.create(user=user, token="jeton-deja-abonne-en-clair")
        OldToken.objects.create(user=user, token="jeton-revoque-en-clair", revoked_at="2025-01-01T00:00:00Z")
    finally:
        executor = MigrationExecutor(connection)
        executor.loader.build_graph()
        executor.migrate(executor.loader.graph.leaf_nodes())

    live = CalendarToken.objects.get(revoked_at__isnull=True)
    assert live.token_hash == sha256("jeton-deja-abonne-en-clair")
    assert not CalendarToken.objects.filter(token_hash__contains="en-clair").exists()
    assert (
        client.get(reverse("governance:calendar_feed", args=["jeton-deja-abonne-en-clair"])).status_code
        == 200
    )
    assert client.get(reverse("governance:calendar_feed", args=["jeton-revoque-en-clair"])).status_code == 404
    # The user is the migrated one, with the same rights as before.
    assert live.user == get_user_model().objects.get(username="abonne")
