"""Bad input on the login form (found by tests/fuzz): a French refusal, never a server error."""

from html import unescape

from axes.models import AccessAttempt
from django.urls import reverse


def test_a_huge_username_is_refused_in_french_not_a_server_error(client, db):
    response = client.post(reverse("login"), {"username": "É" * 200_000, "password": "x"})
    assert response.status_code == 200
    assert "Assurez-vous que cette valeur comporte au plus 150 caractères" in unescape(
        response.content.decode()
    )
    assert not AccessAttempt.objects.exists()


def test_a_username_at_the_limit_is_still_checked_against_the_password(client, db):
    response = client.post(reverse("login"), {"username": "a" * 150, "password": "x"})
    assert response.status_code == 200
    assert "mot de passe valides" in unescape(response.content.decode())
