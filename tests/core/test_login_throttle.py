"""Guessing passwords: an account is locked after 5 failures whatever the addresses, an address after
5 failures whatever the accounts; reset e-mails are few per address and per target e-mail."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from tests.factories import PASSWORD

LOGIN = reverse("login")
RESET = reverse("password_reset")

pytestmark = pytest.mark.django_db


def log_in(client, username, password, address):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=address)


def assert_locked_page_in_french(response):
    assert response.status_code == 429
    html = response.content.decode()
    assert '<html lang="fr">' in html
    assert "Compte temporairement bloqué" in html and "Trop de tentatives de connexion ont échoué" in html


# --- The account, across addresses ---------------------------------------------------------------
def test_failures_spread_over_three_addresses_lock_the_account(client, pilot, settings):
    assert settings.AXES_FAILURE_LIMIT == 5
    addresses = ["198.51.100.1", "198.51.100.1", "198.51.100.2", "198.51.100.2", "198.51.100.3"]
    for address in addresses[:-1]:
        assert log_in(client, pilot.username, "mauvais", address).status_code == 200
    assert_locked_page_in_french(log_in(client, pilot.username, "mauvais", addresses[-1]))
    # Locked for everybody, even with the right password from an address that never failed.
    assert_locked_page_in_french(log_in(client, pilot.username, PASSWORD, "203.0.113.50"))


def test_four_failures_over_addresses_do_not_lock_the_account(client, pilot):
    for address in ["198.51.100.1", "198.51.100.2", "198.51.100.3", "198.51.100.4"]:
        assert log_in(client, pilot.username, "mauvais", address).status_code == 200
    assert log_in(client, pilot.username, PASSWORD, "198.51.100.5").status_code == 302


# --- The address, across accounts ----------------------------------------------------------------
def test_failures_over_three_usernames_from_one_address_lock_the_address(client, pilot, other_pilot):
    attacker = "198.51.100.66"
    for username in [other_pilot.username, other_pilot.username, "inconnu", "inconnu"]:
        assert log_in(client, username, "mauvais", attacker).status_code == 200
    assert_locked_page_in_french(log_in(client, "directeur", "mauvais", attacker))
    # Every account is refused from that address, even with the right password…
    assert_locked_page_in_french(log_in(client, pilot.username, PASSWORD, attacker))
    # …while the accounts themselves stay open from elsewhere (none reached 5 failures).
    assert log_in(client, other_pilot.username, PASSWORD, "203.0.113.50").status_code == 302


def test_a_valid_account_of_ones_own_does_not_reset_the_count_between_guesses(client, pilot, other_pilot):
    """Axes' own reset-on-success would wipe the address's failures at each login of the attacker's
    own account, letting them guess forever: only that account's own failures are forgotten."""
    attacker = "198.51.100.66"
    for _ in range(4):
        assert log_in(client, pilot.username, "mauvais", attacker).status_code == 200
    assert log_in(client, other_pilot.username, PASSWORD, attacker).status_code == 302
    client.post(reverse("logout"))
    assert_locked_page_in_french(log_in(client, pilot.username, "mauvais", attacker))


def test_ones_own_typos_are_forgotten_after_a_successful_login(client, pilot):
    for _ in range(4):
        log_in(client, pilot.username, "mauvais", "198.51.100.1")
    assert log_in(client, pilot.username, PASSWORD, "198.51.100.1").status_code == 302
    client.post(reverse("logout"))
    for _ in range(4):
        assert log_in(client, pilot.username, "mauvais", "198.51.100.1").status_code == 200


def test_behind_the_proxy_each_client_is_counted_at_its_own_address(client, pilot, other_pilot, settings):
    settings.PROXY_COUNT = 1
    proxy = "10.0.0.2"

    def through_proxy(username, password, client_address):
        return client.post(
            LOGIN,
            {"username": username, "password": password},
            REMOTE_ADDR=proxy,
            HTTP_X_FORWARDED_FOR=f"6.6.6.6, {client_address}",
        )

    for username in ["a", "b", "c", "d"]:
        assert through_proxy(username, "mauvais", "198.51.100.66").status_code == 200
    assert_locked_page_in_french(through_proxy("e", "mauvais", "198.51.100.66"))
    # Another client behind the same proxy (and claiming the same spoofed address) is not locked.
    assert through_proxy(pilot.username, PASSWORD, "198.51.100.77").status_code == 302


# --- Password-reset e-mails ----------------------------------------------------------------------
def ask_reset(client, email, address="198.51.100.1"):
    response = client.post(RESET, {"email": email}, REMOTE_ADDR=address, follow=True)
    assert response.status_code == 200
    assert "Courriel envoyé" in response.content.decode()  # the same neutral page, always
    return response


def test_a_few_reset_emails_per_target_then_none_and_the_page_does_not_tell(
    client, pilot, mailoutbox, settings
):
    assert settings.PASSWORD_RESET_RATE_PER_EMAIL == "3/h"
    for n, address in enumerate(["198.51.100.1", "198.51.100.2", "198.51.100.3"], start=1):
        ask_reset(client, pilot.email, address)
        assert len(mailoutbox) == n
    # From yet another address, with the address typed differently: no fourth e-mail.
    ask_reset(client, pilot.email.upper(), "198.51.100.4")
    assert len(mailoutbox) == 3
    # Other people's e-mails still go.
    other = get_user_model().objects.create_user("autre", email="autre@example.org", password=PASSWORD)
    ask_reset(client, other.email, "198.51.100.5")
    assert [message.to for message in mailoutbox[3:]] == [[other.email]]


def test_a_few_reset_requests_per_address_then_no_email_from_it(client, mailoutbox, settings):
    assert settings.PASSWORD_RESET_RATE_PER_ADDRESS == "5/h"
    users = [
        get_user_model().objects.create_user(f"compte{n}", email=f"compte{n}@example.org", password=PASSWORD)
        for n in range(7)
    ]
    for user in users[:5]:
        ask_reset(client, user.email, "198.51.100.9")
    assert len(mailoutbox) == 5
    ask_reset(client, users[5].email, "198.51.100.9")
    assert len(mailoutbox) == 5, "a sixth request from the address sends nothing"
    ask_reset(client, users[6].email, "198.51.100.10")
    assert [message.to for message in mailoutbox[5:]] == [[users[6].email]]


def test_unknown_addresses_count_too_so_probing_is_limited(client, pilot, mailoutbox):
    for n in range(5):
        ask_reset(client, f"inconnu{n}@example.org", "198.51.100.9")
    ask_reset(client, pilot.email, "198.51.100.9")
    assert mailoutbox == []
