import hashlib
import json

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from rest_framework.test import APIClient

from actions.models import Programme, ProgrammeAxis
from api.models import ApiToken
from api.services import token_create, token_revoke

pytestmark = pytest.mark.django_db


@pytest.fixture
def user():
    return get_user_model().objects.create_user("api-user", password="x-secret-12345")


def client_with(key=None, scheme="Bearer"):
    client = APIClient()
    if key:
        client.credentials(HTTP_AUTHORIZATION=f"{scheme} {key}")
    return client


def test_the_key_is_stored_hashed_and_the_history_names_the_author(user):
    token, key = token_create(owner=user, name="Tableur", scope="read", by=user)
    assert token.key_hash == hashlib.sha256(key.encode()).hexdigest()
    assert key not in json.dumps(list(ApiToken.objects.values("prefix", "key_hash", "name")))
    assert token.prefix == key[:8]
    assert token.history.first().history_user == user


def test_no_token_unknown_or_revoked_token_answer_401_in_french_json(user):
    url = reverse("api:programme-list")
    response = client_with().get(url)
    assert response.status_code == 401
    assert response.json()["code"] == "not_authenticated" and "Authorization" in response.json()["detail"]
    assert client_with("cp_nope").get(url).status_code == 401
    token, key = token_create(owner=user, name="t", scope="read", by=user)
    assert client_with(key).get(url).status_code == 200
    assert client_with(key, scheme="Token").get(url).status_code == 200
    token_revoke(token=token, by=user)
    response = client_with(key).get(url)
    assert response.status_code == 401
    assert response.json() == {"detail": "Jeton inconnu ou révoqué.", "code": "not_authenticated"}


def test_a_session_is_not_a_credential(client, user):
    client.force_login(user)
    assert client.get(reverse("api:programme-list")).status_code == 401


def test_programmes_are_those_of_the_access_queryset(user):
    from actions.access import programmes_visible_to

    _token, key = token_create(owner=user, name="t", scope="read", by=user)
    response = client_with(key).get(reverse("api:programme-list"))
    assert response.status_code == 200
    ids = {row["id"] for row in response.json()["results"]}
    assert ids == set(programmes_visible_to(user).values_list("id", flat=True))
    hidden = Programme.objects.exclude(pk__in=programmes_visible_to(user).values("pk")).first()
    if hidden is not None:
        assert client_with(key).get(reverse("api:programme-detail", args=[hidden.pk])).status_code == 404


def test_etag_and_if_none_match_give_304_and_the_query_count_does_not_grow(
    user, django_assert_max_num_queries
):
    admin = get_user_model().objects.create_superuser("api-admin", password="x-secret-12345")
    _token, key = token_create(owner=admin, name="t", scope="read", by=admin)
    client = client_with(key)
    url = reverse("api:programme-list")

    def make(n, start):
        for i in range(start, start + n):
            programme = Programme.objects.create(name=f"P{i}", code=f"p-api-{i}")
            ProgrammeAxis.objects.create(programme=programme, number=1, title="Axe")

    make(2, 0)
    with django_assert_max_num_queries(8):
        first = client.get(url)
    make(20, 2)
    with django_assert_max_num_queries(8):
        response = client.get(url)
    assert response.status_code == 200 and response["ETag"] != first["ETag"]
    assert client.get(url, HTTP_IF_NONE_MATCH=response["ETag"]).status_code == 304
    detail = client.get(reverse("api:programme-detail", args=[Programme.objects.first().pk]))
    assert (
        client.get(
            reverse("api:programme-detail", args=[Programme.objects.first().pk]),
            HTTP_IF_NONE_MATCH=detail["ETag"],
        ).status_code
        == 304
    )


def test_throttled_per_token_429(user, settings):
    from django.core.cache import cache
    from rest_framework.settings import api_settings
    from rest_framework.throttling import SimpleRateThrottle

    cache.clear()
    _token, key = token_create(owner=user, name="t", scope="read", by=user)
    rates = dict(api_settings.DEFAULT_THROTTLE_RATES, api_token="2/min")
    original = SimpleRateThrottle.THROTTLE_RATES
    SimpleRateThrottle.THROTTLE_RATES = rates
    try:
        url = reverse("api:programme-list")
        codes = [client_with(key).get(url).status_code for _ in range(3)]
    finally:
        SimpleRateThrottle.THROTTLE_RATES = original
        cache.clear()
    assert codes[:2] == [200, 200] and codes[2] == 429


@pytest.mark.parametrize("body", [b"{", b"\x00\xff", b"[1,2", b"null", b'{"a":' * 50])
def test_garbage_bodies_never_500(user, body):
    _token, key = token_create(owner=user, name="t", scope="read", by=user)
    response = client_with(key).generic(
        "POST", reverse("api:programme-list"), body, content_type="application/json"
    )
    assert response.status_code < 500
    assert "detail" in response.json() and "code" in response.json()


def test_tokens_page_creates_shows_once_and_revokes(client, user):
    client.force_login(user)
    url = reverse("api:token_list")
    response = client.post(url, {"name": "Mon tableur", "scope": "write_measurements"})
    assert response.status_code == 302  # post/redirect/get: a reload creates nothing
    response = client.get(url)
    token = ApiToken.objects.get(owner=user)
    key = response.context["new_key"]
    assert key.startswith(token.prefix) and key in response.content.decode()
    assert key not in client.get(url).content.decode()  # shown once
    assert ApiToken.objects.filter(owner=user).count() == 1
    assert client.post(reverse("api:token_revoke", args=[token.pk])).status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None


def test_another_persons_token_cannot_be_revoked(client, user):
    other = get_user_model().objects.create_user("other", password="x-secret-12345")
    token, _key = token_create(owner=other, name="t", scope="read", by=other)
    client.force_login(user)
    assert client.post(reverse("api:token_revoke", args=[token.pk])).status_code == 404


def test_schema_and_docs_are_served_without_cdn(client):
    assert client.get(reverse("api:schema")).status_code == 200
    page = client.get(reverse("api:docs"))
    assert page.status_code == 200
    assert "cdn" not in page.content.decode().lower()


def test_a_member_contacts_token_sees_nothing_as_their_pages(member_contact):
    _token, key = token_create(owner=member_contact, name="t", scope="read", by=member_contact)
    assert client_with(key).get(reverse("api:programme-list")).status_code == 401
    assert client_with(key).get(reverse("api:indicator-list")).status_code == 401


def test_the_token_form_sent_twice_creates_one_token(client, user):
    from tests.fuzz.htmlforms import parse_forms

    client.force_login(user)
    url = reverse("api:token_list")
    page = client.get(url).content.decode()
    form = next(f for f in parse_forms(page) if "name" in f.fields())
    data = form.data()
    data["name"], data["scope"] = ["Tableur"], ["read"]
    first, second = client.post(url, data), client.post(url, data)
    assert first.status_code == second.status_code == 302
    assert ApiToken.objects.filter(owner=user).count() == 1
