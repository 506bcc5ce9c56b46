"""Unsubscribe links can be revoked: each signs the preference's nonce, drawn again when the user
subscribes again or when an administrator revokes them; an old link then explains, in French,
that it no longer works, and changes nothing."""

import pytest
from django.contrib.admin.sites import site
from django.contrib.messages.storage.fallback import FallbackStorage
from django.core import mail, signing
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test import RequestFactory
from django.urls import reverse

from library import services
from library.admin import DigestPreferenceAdmin
from library.digest import UNSUBSCRIBE_SALT, digest_send_all, unsubscribe_link, unsubscribe_token
from library.models import DigestPreference, ProgrammeFollow, Publication
from tests.library.factories import make_deliverable


def unsubscribe_url(token: str) -> str:
    return reverse("library:unsubscribe", args=[token])


def assert_revoked_page(response):
    assert response.status_code == 410
    html = response.content.decode()
    assert "Ce lien de désabonnement ne fonctionne plus" in html
    assert "votre préférence n’a pas été modifiée" in html
    assert reverse("library:preferences") in html


@pytest.mark.django_db
def test_subscribing_again_revokes_the_links_sent_before(client, client_for, outsider):
    old = unsubscribe_url(unsubscribe_token(outsider))
    assert client.post(old).status_code == 200
    assert DigestPreference.objects.get(user=outsider).weekly_digest is False

    # The user switches the digest back on in their preferences…
    response = client_for(outsider).post(reverse("library:preferences"), {"weekly_digest": "on"})
    assert response.status_code == 302
    assert DigestPreference.objects.get(user=outsider).weekly_digest is True
    # …and the old link (in a forwarded e-mail, say) no longer switches it off.
    assert_revoked_page(client.post(old))
    assert_revoked_page(client.get(old))
    assert DigestPreference.objects.get(user=outsider).weekly_digest is True

    # The link of the next digest works.
    new = unsubscribe_url(unsubscribe_token(outsider))
    assert new != old
    assert client.post(new).status_code == 200
    assert DigestPreference.objects.get(user=outsider).weekly_digest is False


@pytest.mark.django_db
def test_saving_preferences_without_switching_back_on_keeps_the_links(client, client_for, outsider):
    link = unsubscribe_url(unsubscribe_token(outsider))
    client_for(outsider).post(reverse("library:preferences"), {"weekly_digest": "on"})  # already on
    assert client.get(link).status_code == 200
    services.digest_set(by=None, user=outsider, weekly=False)
    services.digest_set(by=None, user=outsider, weekly=False)
    assert client.post(link).status_code == 200  # unsubscribing twice is harmless


@pytest.mark.django_db
def test_an_administrator_revokes_the_links(client, admin_user, outsider, pilot):
    outsider_link = unsubscribe_url(unsubscribe_token(outsider))
    pilot_link = unsubscribe_url(unsubscribe_token(pilot))
    model_admin = DigestPreferenceAdmin(DigestPreference, site)
    request = RequestFactory().post("/admin/library/digestpreference/")
    request.user = admin_user
    request.session = client.session
    request._messages = FallbackStorage(request)
    model_admin.revoke_unsubscribe_links(request, DigestPreference.objects.filter(user=outsider))
    assert [str(m) for m in request._messages] == [
        "Les liens de désabonnement envoyés à 1 personne ne fonctionnent plus."
    ]
    assert_revoked_page(client.post(outsider_link))
    assert DigestPreference.objects.get(user=outsider).weekly_digest is True
    assert DigestPreference.objects.get(user=outsider).unsubscribe_links_revoked_at is not None
    assert client.get(pilot_link).status_code == 200  # others' links untouched


@pytest.mark.django_db
def test_the_admin_action_is_offered_on_the_changelist(client_for, admin_user, outsider):
    unsubscribe_token(outsider)
    page = client_for(admin_user).get(reverse("admin:library_digestpreference_changelist")).content.decode()
    assert "Révoquer les liens de désabonnement déjà envoyés" in page


@pytest.mark.django_db
def test_a_link_sent_before_links_could_be_revoked_explains_itself(client, outsider):
    unsubscribe_token(outsider)
    legacy = signing.dumps({"u": outsider.pk}, salt=UNSUBSCRIBE_SALT)  # what digests used to carry
    assert_revoked_page(client.post(unsubscribe_url(legacy)))
    assert DigestPreference.objects.get(user=outsider).weekly_digest is True


@pytest.mark.django_db
def test_forged_or_foreign_tokens_open_nothing(client, outsider, pilot):
    token = unsubscribe_token(outsider)
    assert unsubscribe_link(token).user == outsider
    nonce = DigestPreference.objects.get(user=outsider).unsubscribe_nonce
    # Another user's nonce, or a token signed with another salt, or not a dict: refused.
    assert unsubscribe_link(signing.dumps({"u": pilot.pk, "n": nonce}, salt=UNSUBSCRIBE_SALT)).user is None
    assert unsubscribe_link(signing.dumps({"u": outsider.pk, "n": nonce}, salt="autre")).user is None
    assert unsubscribe_link(signing.dumps([outsider.pk, nonce], salt=UNSUBSCRIBE_SALT)).user is None
    assert client.post(unsubscribe_url(token + "x")).status_code == 404
    assert DigestPreference.objects.get(user=outsider).weekly_digest is True


@pytest.mark.django_db
def test_each_user_has_a_nonce_of_their_own():
    from tests.factories import UserFactory

    users = UserFactory.create_batch(3)
    nonces = {DigestPreference.objects.get_or_create(user=user)[0].unsubscribe_nonce for user in users}
    assert len(nonces) == 3 and all(len(nonce) >= 16 for nonce in nonces)


@pytest.mark.django_db
def test_the_digest_carries_the_current_link(action, pilot, outsider, client):
    services.publication_publish(
        source_key="actions.deliverable",
        obj=make_deliverable(action, title="Guide"),
        by=pilot,
        audience=Publication.Audience.USERS,
    )
    ProgrammeFollow.objects.create(user=outsider, programme=action.programme)
    assert digest_send_all() == 1
    (message,) = [m for m in mail.outbox if m.to == [outsider.email]]
    link = message.extra_headers["List-Unsubscribe"].strip("<>").split("/bibliotheque/", 1)[1]
    assert client.post("/bibliotheque/" + link).status_code == 200
    assert DigestPreference.objects.get(user=outsider).weekly_digest is False


# --- The migration ------------------------------------------------------------------------------
BEFORE = [("library", "0004_french_unaccent_search")]


@pytest.mark.django_db(transaction=True)
def test_existing_preferences_each_get_a_nonce():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    try:
        old_apps = executor.loader.project_state(BEFORE).apps
        User = old_apps.get_model("auth", "User")
        OldPreference = old_apps.get_model("library", "DigestPreference")
        for n in range(3):
            OldPreference.objects.create(
                user=User.objects.create(username=f"lecteur{n}"), weekly_digest=n != 1
            )
    finally:
        executor = MigrationExecutor(connection)
        executor.loader.build_graph()
        executor.migrate(executor.loader.graph.leaf_nodes())

    preferences = list(DigestPreference.objects.select_related("user").order_by("user__username"))
    assert len({p.unsubscribe_nonce for p in preferences}) == 3 and all(
        p.unsubscribe_nonce for p in preferences
    )
    assert [p.weekly_digest for p in preferences] == [True, False, True]
    # Their new links work.
    link = unsubscribe_link(unsubscribe_token(preferences[0].user))
    assert link.user == preferences[0].user
