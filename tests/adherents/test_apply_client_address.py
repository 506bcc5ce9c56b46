"""The membership form's limit (5 accepted applications per address and per hour) keys on the real
client address: a spoofed X-Forwarded-For does not escape it, clients behind the proxy count apart."""

import pytest
from django.urls import reverse

from adherents.models import MembershipApplication

from .test_apply import form_data

pytestmark = pytest.mark.django_db
URL = reverse("adherents:apply")


def test_a_direct_client_does_not_escape_the_limit_with_a_forged_header(
    client, sector, service_organisation, settings
):
    settings.PROXY_COUNT = 0
    for n in range(5):
        response = client.post(
            URL,
            form_data(service_organisation, company_name=f"Entreprise {n}"),
            REMOTE_ADDR="203.0.113.7",
            HTTP_X_FORWARDED_FOR=f"198.51.100.{n}",
        )
        assert response.status_code == 302
    refused = client.post(
        URL,
        form_data(service_organisation, company_name="Une de trop"),
        REMOTE_ADDR="203.0.113.7",
        HTTP_X_FORWARDED_FOR="198.51.100.200",
    )
    assert refused.status_code == 429 and "Trop de demandes" in refused.content.decode()
    assert MembershipApplication.objects.count() == 5


def test_behind_the_proxy_two_clients_are_limited_separately(client, sector, service_organisation, settings):
    settings.PROXY_COUNT = 1
    proxy = "10.0.0.2"

    def post(client_address, name, spoofed="1.2.3.4"):
        return client.post(
            URL,
            form_data(service_organisation, company_name=name),
            REMOTE_ADDR=proxy,
            HTTP_X_FORWARDED_FOR=f"{spoofed}, {client_address}",
        )

    for n in range(5):
        assert post("198.51.100.1", f"Première {n}", spoofed=f"9.9.9.{n}").status_code == 302
    assert post("198.51.100.1", "Première de trop", spoofed="9.9.9.99").status_code == 429
    # The second client shares the proxy's REMOTE_ADDR but has its own count.
    assert post("198.51.100.2", "Seconde").status_code == 302
    assert MembershipApplication.objects.count() == 6


def test_corrections_of_an_incomplete_form_never_count(client, sector, service_organisation):
    for _ in range(8):
        response = client.post(URL, form_data(service_organisation, company_name=""))
        assert response.status_code == 200
    assert client.post(URL, form_data(service_organisation)).status_code == 302
