"""The public membership form posted twice (double click, a retry after a timeout) files one application."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from adherents.models import MembershipApplication
from tests.core.submit_once import token_of

from .test_apply import form_data

pytestmark = pytest.mark.django_db


def test_an_application_posted_twice_is_filed_once(client, sector, service_organisation):
    cache.clear()  # the public form's rate limit
    url = reverse("adherents:apply")
    data = {**form_data(service_organisation), "form_token": token_of(client, url)}
    first = client.post(url, data)
    second = client.post(url, data, follow=True)
    assert first.status_code == 302 and first["Location"] == reverse("adherents:apply_thanks")
    assert second.redirect_chain[-1][0] == reverse("adherents:apply_thanks")
    assert "Ce formulaire avait déjà été enregistré" in second.content.decode()
    assert MembershipApplication.objects.count() == 1
    cache.clear()
