"""Every error page is French and carries the same Content-Security-Policy as an ordinary page,
whichever layer produced it: a view, Django's own checks (CSRF, body cap, host) or a middleware."""

import pytest
from django.conf import settings as django_settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from tests.core.error_urls import FAILING_MIDDLEWARE_PATH

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.core.error_urls")]

ECHO = "/essai/formulaire/"


@pytest.fixture(autouse=True)
def _production_errors(settings):
    settings.DEBUG = False  # the pages a visitor sees, not the technical ones


@pytest.fixture
def policy():
    """The header of an ordinary page: every error page must carry the very same."""
    value = Client().get(reverse("login"))["Content-Security-Policy"]
    assert "default-src 'self'" in value and "script-src 'self'" in value
    return value


@pytest.fixture
def visitor():
    # The errors are turned into pages, as for a real visitor, instead of being raised into the test.
    return Client(raise_request_exception=False)


def page(response) -> str:
    return response.content.decode()


def test_a_view_that_crashes_gets_the_french_500_page_with_the_policy(visitor, policy):
    response = visitor.get("/essai/panne/")
    assert response.status_code == 500
    assert response["Content-Security-Policy"] == policy
    assert "Une erreur est survenue" in page(response) and '<html lang="fr">' in page(response)


def test_a_middleware_that_crashes_gets_the_500_page_with_the_policy_too(visitor, policy, settings):
    # Before the view, just inside the session middleware: outside what the policy's middleware
    # covered when it sat near the end of the list.
    middleware = list(django_settings.MIDDLEWARE)
    middleware.insert(
        middleware.index("django.contrib.sessions.middleware.SessionMiddleware"),
        "tests.core.error_urls.FailingMiddleware",
    )
    settings.MIDDLEWARE = middleware
    response = Client(raise_request_exception=False).get(FAILING_MIDDLEWARE_PATH)
    assert response.status_code == 500
    assert response["Content-Security-Policy"] == policy
    assert "Une erreur est survenue" in page(response)


def test_a_refusal_gets_the_french_403_page_with_the_policy(visitor, policy):
    response = visitor.get("/essai/refus/")
    assert response.status_code == 403
    assert response["Content-Security-Policy"] == policy
    assert "Accès refusé" in page(response)


def test_a_failed_csrf_check_gets_a_french_403_page_with_the_policy(policy):
    response = Client(enforce_csrf_checks=True, raise_request_exception=False).post(ECHO, {"champ": "valeur"})
    assert response.status_code == 403
    assert response["Content-Security-Policy"] == policy
    html = page(response)
    assert '<html lang="fr">' in html and "Formulaire expiré" in html and "Rien n’a été enregistré" in html
    assert "<style" not in html and "Forbidden" not in html  # not Django's English page with inline CSS


@pytest.mark.parametrize("url", ["/essai/absent/", "/cette-page-n-existe-pas/"])
def test_a_missing_page_gets_the_french_404_page_with_the_policy(visitor, policy, url):
    response = visitor.get(url)
    assert response.status_code == 404
    assert response["Content-Security-Policy"] == policy
    assert "Page introuvable" in page(response)


def assert_french_400(response, policy):
    assert response.status_code == 400
    assert response["Content-Security-Policy"] == policy
    html = page(response)
    assert '<html lang="fr">' in html and "Demande refusée" in html and "Bad Request" not in html


def test_a_suspicious_request_gets_the_french_400_page_with_the_policy(visitor, policy):
    assert_french_400(visitor.get("/essai/suspect/"), policy)


def test_an_unknown_host_gets_the_400_page_with_the_policy(visitor, policy):
    # Refused by CommonMiddleware, before the view: the page must still carry the policy.
    assert_french_400(visitor.get(reverse("login"), HTTP_HOST="attaquant.example"), policy)


# --- Request body cap -----------------------------------------------------------------------------
def test_an_oversized_post_gets_a_clean_french_400_not_a_500(visitor, policy, pilot):
    cap = django_settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    assert cap == 10 * 1024 * 1024
    # On a real form, anonymous, as an attacker would: one byte over the cap.
    response = visitor.post(reverse("login"), {"username": pilot.username, "password": "x" * cap})
    assert_french_400(response, policy)


def test_a_post_under_the_cap_goes_through(visitor):
    response = visitor.post(ECHO, {"texte": "x" * (1024 * 1024)})
    assert response.status_code == 200 and page(response) == "1 0"


def test_too_many_fields_get_the_400_page(visitor, policy):
    limit = django_settings.DATA_UPLOAD_MAX_NUMBER_FIELDS
    response = visitor.post(ECHO, {f"champ{n}": "1" for n in range(limit + 1)})
    assert_french_400(response, policy)


def test_the_body_cap_leaves_room_for_the_largest_document_allowed(visitor):
    # Uploaded files do not count towards the cap: a document of the size core.uploads accepts
    # (UPLOAD_MAX_BYTES, twice the body cap) reaches the view, which judges it.
    size = django_settings.UPLOAD_MAX_BYTES
    assert size > django_settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    document = SimpleUploadedFile(
        "rapport.pdf", b"%PDF-1.7\n" + b"0" * (size - 9), content_type="application/pdf"
    )
    response = visitor.post(ECHO, {"titre": "Rapport", "fichier": document})
    assert response.status_code == 200 and page(response) == "1 1"
