"""The call's public form (10 posts per address and per hour) and the private links (60 posts) key on
the real client address: a forged X-Forwarded-For does not escape them, clients behind the proxy count apart."""

import pytest
from django.urls import reverse

from calls.models import Application

from .test_views import _form_post, call  # noqa: F401 — `call` is a fixture

pytestmark = pytest.mark.django_db


def test_a_direct_client_does_not_escape_the_public_form_limit_with_a_forged_header(client, call, settings):  # noqa: F811
    settings.PROXY_COUNT = 0
    url = reverse("calls:apply", args=[call.slug])
    for n in range(10):
        response = client.post(
            url, _form_post(call, n), REMOTE_ADDR="203.0.113.7", HTTP_X_FORWARDED_FOR=f"198.51.100.{n}"
        )
        assert response.status_code == 302
    blocked = client.post(
        url, _form_post(call, 10), REMOTE_ADDR="203.0.113.7", HTTP_X_FORWARDED_FOR="198.51.100.99"
    )
    assert blocked.status_code == 429 and "Trop d’envois" in blocked.content.decode()
    assert Application.objects.count() == 10


def test_behind_the_proxy_two_clients_are_limited_separately(client, call, settings):  # noqa: F811
    settings.PROXY_COUNT = 1
    url = reverse("calls:apply", args=[call.slug])

    def post(n, client_address):
        return client.post(
            url,
            _form_post(call, n),
            REMOTE_ADDR="10.0.0.2",
            HTTP_X_FORWARDED_FOR=f"1.2.3.{n}, {client_address}",
        )

    for n in range(10):
        assert post(n, "198.51.100.1").status_code == 302
    assert post(10, "198.51.100.1").status_code == 429
    assert post(11, "198.51.100.2").status_code == 302
    assert Application.objects.count() == 11


def test_the_private_link_refuses_posts_past_its_limit(client, call, settings):  # noqa: F811
    settings.PROXY_COUNT = 0
    link = client.post(reverse("calls:apply", args=[call.slug]), _form_post(call, 0))["Location"]
    for n in range(60):
        assert client.post(link, _form_post(call, 0, structure_name=f"Structure {n}")).status_code in (
            200,
            302,
        )
    refused = client.post(link, _form_post(call, 0, structure_name="Une de trop"), follow=True)
    assert "Trop d’envois" in refused.content.decode()
    assert Application.objects.get().structure_name == "Structure 59"
