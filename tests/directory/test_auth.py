"""Logging in, out, changing and resetting a password — in French — and the brute-force lock."""

import re
from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db.models import F
from django.urls import reverse

from tests.factories import PASSWORD

LOGIN = reverse("login")
HOME = reverse("core:home")
DEMO_ACCOUNTS = ["admin", "pilote", "consultant", "croct", "service", "adherent"]


def log_in(client, username, password, **extra):
    return client.post(LOGIN, {"username": username, "password": password}, **extra)


def test_the_login_page_is_in_french(client, db):
    response = client.get(LOGIN)
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="fr">' in html
    for text in ["Connexion à Copilote", "Mot de passe", "Se connecter", "Mot de passe oublié\u202f?"]:
        assert text in html, text
    # core/forms_auth.py asks for « Identifiant », but django.contrib.auth's own « Nom d'utilisateur »
    # wins today (same msgid, earlier app): either is French.
    assert re.search(r"(Identifiant|Nom d(&#x27;|’)utilisateur)<span", html)


def test_a_wrong_password_gets_a_french_message_and_keeps_the_username(client, pilot):
    response = log_in(client, pilot.username, "mauvais")
    html = response.content.decode()
    assert response.status_code == 200
    assert "mot de passe valides" in html
    assert f'value="{pilot.username}"' in html


@pytest.mark.django_db
def test_each_demo_account_logs_in_with_the_demo_password(client):
    call_command("load_demo")
    for username in DEMO_ACCOUNTS:
        response = log_in(client, username, "copilote-demo", follow=True)
        assert response.context["user"].username == username, username
        assert response.context["user"].is_authenticated
        user = get_user_model().objects.get(username=username)
        assert user.get_full_name() in response.content.decode(), "the navigation bar shows the French name"
        client.post(reverse("logout"))


def test_a_signed_in_user_is_not_shown_the_login_form_again(client_for, pilot):
    response = client_for(pilot).get(LOGIN)
    assert response.status_code == 302 and response.url == HOME


def test_logging_out_ends_the_session(client, pilot):
    assert log_in(client, pilot.username, PASSWORD).status_code == 302
    assert client.get(HOME).status_code == 200
    response = client.post(reverse("logout"))
    assert response.status_code == 302 and response.url == LOGIN
    assert client.get(HOME).status_code == 302


def test_the_login_sends_back_to_the_page_asked_for(client, pilot):
    target = reverse("directory:organisation_list")
    response = client.get(target)
    assert response.url == f"{LOGIN}?next={target}"
    response = client.post(response.url, {"username": pilot.username, "password": PASSWORD, "next": target})
    assert response.url == target


def test_the_login_does_not_send_to_another_site(client, pilot):
    response = client.post(
        LOGIN, {"username": pilot.username, "password": PASSWORD, "next": "https://pirate.example/"}
    )
    assert response.status_code == 302 and response.url == HOME


# --- Password change ------------------------------------------------------------------------
def test_a_user_changes_their_password(client, pilot):
    log_in(client, pilot.username, PASSWORD)
    url = reverse("password_change")
    html = client.get(url).content.decode()
    assert "Changer mon mot de passe" in html or "Modifier mon mot de passe" in html
    assert "Ancien mot de passe" in html

    wrong = client.post(url, {"old_password": "faux", "new_password1": "x", "new_password2": "y"})
    html = wrong.content.decode()
    assert "Votre ancien mot de passe est incorrect" in html
    short = client.post(url, {"old_password": PASSWORD, "new_password1": "abc", "new_password2": "abc"})
    assert "Ce mot de passe est trop court" in short.content.decode()

    response = client.post(
        url,
        {
            "old_password": PASSWORD,
            "new_password1": "Un-Nouveau-Mot-2025",
            "new_password2": "Un-Nouveau-Mot-2025",
        },
        follow=True,
    )
    assert response.redirect_chain[-1][0] == reverse("password_change_done")
    assert "Mot de passe modifié" in response.content.decode()
    client.post(reverse("logout"))
    assert log_in(client, pilot.username, PASSWORD).status_code == 200, "the old password no longer works"
    assert log_in(client, pilot.username, "Un-Nouveau-Mot-2025").status_code == 302


def test_the_password_change_page_needs_a_login(client, db):
    response = client.get(reverse("password_change"))
    assert response.status_code == 302 and response.url.startswith(LOGIN)


# --- Password reset ---------------------------------------------------------------------------
def test_a_forgotten_password_is_reset_through_a_french_email(client, pilot, mailoutbox):
    page = client.get(reverse("password_reset")).content.decode()
    assert "Mot de passe oublié" in page and "Envoyer le lien" in page

    response = client.post(reverse("password_reset"), {"email": pilot.email}, follow=True)
    assert "Courriel envoyé" in response.content.decode()
    (message,) = mailoutbox
    assert message.to == [pilot.email]
    assert message.subject == "Copilote\u00a0: choisissez un nouveau mot de passe"
    assert message.body.startswith("Bonjour,")
    assert f"Votre identifiant\u00a0: {pilot.username}" in message.body
    link = re.search(r"https?://[^/]+(/comptes/mot-de-passe/nouveau/\S+/)", message.body).group(1)

    form_page = client.get(link, follow=True)
    assert "Choisir un nouveau mot de passe" in form_page.content.decode()
    set_url = form_page.redirect_chain[-1][0]
    mismatch = client.post(
        set_url, {"new_password1": "Nouveau-Secret-42", "new_password2": "Autre-Secret-42"}
    )
    assert "Les deux mots de passe ne correspondent pas." in mismatch.content.decode()
    done = client.post(
        set_url, {"new_password1": "Nouveau-Secret-42", "new_password2": "Nouveau-Secret-42"}, follow=True
    )
    assert "Mot de passe enregistré" in done.content.decode()
    assert log_in(client, pilot.username, "Nouveau-Secret-42").status_code == 302

    used_again = client.get(link, follow=True)
    assert "Lien invalide" in used_again.content.decode()


def test_an_unknown_address_gets_the_same_answer_and_no_email(client, db, mailoutbox):
    response = client.post(reverse("password_reset"), {"email": "inconnu@example.org"}, follow=True)
    assert "Courriel envoyé" in response.content.decode()
    assert mailoutbox == []


def test_the_email_goes_to_the_console_by_default(settings):
    assert "console" in settings.EMAIL_BACKEND or "locmem" in settings.EMAIL_BACKEND


# --- Brute force --------------------------------------------------------------------------------
def test_five_failures_lock_the_account_with_a_french_page(client, pilot, settings):
    assert settings.AXES_FAILURE_LIMIT == 5
    for _ in range(4):
        assert log_in(client, pilot.username, "mauvais").status_code == 200
    locked = log_in(client, pilot.username, "mauvais")
    assert locked.status_code == 429
    html = locked.content.decode()
    assert "Compte temporairement bloqué" in html
    assert "Trop de tentatives de connexion ont échoué" in html
    assert "réessayez dans 15 minutes" in html

    # Even the right password is refused now, from this address…
    assert log_in(client, pilot.username, PASSWORD).status_code == 429
    assert client.get(HOME).status_code == 302
    # …and from any other: the account itself is locked (tests/core/test_login_throttle.py).
    assert log_in(client, pilot.username, PASSWORD, REMOTE_ADDR="10.1.2.3").status_code == 429


def test_the_lock_ends_after_the_cool_off(client, pilot, settings):
    for _ in range(5):
        log_in(client, pilot.username, "mauvais")
    assert log_in(client, pilot.username, PASSWORD).status_code == 429

    # Move the failures back in time past the cool-off (15 minutes).
    cool_off = timedelta(hours=settings.AXES_COOLOFF_TIME)
    assert cool_off == timedelta(minutes=15)
    AccessAttempt.objects.update(attempt_time=F("attempt_time") - cool_off - timedelta(seconds=1))
    assert log_in(client, pilot.username, PASSWORD).status_code == 302


def test_a_successful_login_resets_the_failure_count(client, pilot):
    for _ in range(4):
        log_in(client, pilot.username, "mauvais")
    assert log_in(client, pilot.username, PASSWORD).status_code == 302
    client.post(reverse("logout"))
    for _ in range(4):
        assert log_in(client, pilot.username, "mauvais").status_code == 200
