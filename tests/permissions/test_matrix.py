"""The permission matrix: every URL of the project × every persona × GET and POST.

URLs come from the URL resolver (admin excepted: Django's admin guards itself, and
`test_admin_index_refuses_non_staff` checks that); a URL name without `KWARGS` or `ROWS` in its
app's `tests/<app>/access_expectations.py` fails, so a new view cannot escape the matrix. No
answer may be a server error.

Requests go through Django's CSRF check, each persona with its own token: a POST refused by the
check would prove nothing about access, so the check's refusals get their own status (419) and
fail the test.
"""

import pytest
from django.conf import settings
from django.db import transaction
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.test import Client, RequestFactory
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from .expectations import DUPLICATES, EXPECTED, KNOWN_DEFECTS, KWARGS, LOGIN, MISPLACED, PERSONAS, QUERY

LOGIN_URL = "/comptes/connexion/"
METHODS = ("GET", "POST")
CSRF_REFUSED = 419


def csrf_refused(request, reason=""):
    """CSRF_FAILURE_VIEW under this module: Django's own answers 403, like an access refusal."""
    return HttpResponse(f"CSRF : {reason}", status=CSRF_REFUSED)


@pytest.fixture(autouse=True)
def _csrf_refusals_stand_out(settings):
    settings.CSRF_FAILURE_VIEW = f"{__name__}.csrf_refused"


def project_url_names() -> list[str]:
    names = []

    def walk(patterns, namespace=None):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                ns = namespace
                if pattern.namespace:
                    ns = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
                if ns == "admin":
                    continue
                walk(pattern.url_patterns, ns)
            elif isinstance(pattern, URLPattern):
                names.append(f"{namespace}:{pattern.name}" if namespace else str(pattern.name))

    walk(get_resolver().url_patterns)
    return names


URL_NAMES = project_url_names()


def test_every_url_has_arguments_and_expectations():
    names = set(URL_NAMES)
    assert "None" not in names, "Une URL sans nom échappe à la matrice."
    assert len(names) == len(URL_NAMES), "Deux URL portent le même nom."
    assert sorted(names - set(KWARGS)) == [], "URL sans KWARGS dans tests/<app>/access_expectations.py"
    assert sorted(names - set(EXPECTED)) == [], "URL sans ROWS dans tests/<app>/access_expectations.py"
    assert sorted(set(KWARGS) - names) == [], "Arguments pour des URL qui n'existent plus"
    assert sorted(set(QUERY) - names) == [], "Paramètres pour des URL qui n'existent plus"
    assert sorted(set(EXPECTED) - names) == [], "Attentes pour des URL qui n'existent plus"
    assert sorted(name for name, _persona, _method in KNOWN_DEFECTS if name not in names) == []


def test_each_expectation_is_declared_once_beside_its_app():
    assert not DUPLICATES, f"Déclarées deux fois : {DUPLICATES}"
    assert not MISPLACED, f"Déclarées hors du dossier de leur application : {MISPLACED}"


def new_csrf_pair() -> tuple[str, str]:
    """(cookie, form token) as a page's {% csrf_token %} would hand them to one browser."""
    request = RequestFactory().get("/")
    token = get_token(request)
    return request.META["CSRF_COOKIE"], token


@pytest.fixture(scope="module")
def sessions(dataset, django_db_blocker):
    """Per persona: its session (saved inside the data set's transaction: a logout is rolled back)
    and its own CSRF cookie and token; the anonymous visitor has the latter only."""
    browsers = {}
    with django_db_blocker.unblock():
        for persona, user in dataset["users"].items():
            cookies = {settings.CSRF_COOKIE_NAME: None}
            if user is not None:
                client = Client()
                client.force_login(user)
                cookies[settings.SESSION_COOKIE_NAME] = client.cookies[settings.SESSION_COOKIE_NAME].value
            cookies[settings.CSRF_COOKIE_NAME], token = new_csrf_pair()
            browsers[persona] = (cookies, token)
    return browsers


def client_as(sessions, persona) -> Client:
    client = Client(enforce_csrf_checks=True)
    for name, value in sessions[persona][0].items():
        client.cookies[name] = value
    return client


def answer(client, method, url, csrf_token):
    # Each request in its own savepoint: a write never leaks into the next request.
    with transaction.atomic():
        response = (
            client.get(url) if method == "GET" else client.post(url, {"csrfmiddlewaretoken": csrf_token})
        )
        transaction.set_rollback(True)
    if response.status_code == 302 and response["Location"].startswith(LOGIN_URL):
        return response.status_code, LOGIN
    return response.status_code, response.status_code


def test_posts_pass_the_csrf_check_with_the_personas_own_token_only(db, sessions):
    url = reverse("password_change")
    token = sessions["pilot"][1]
    assert answer(client_as(sessions, "pilot"), "POST", url, token)[0] == 200
    assert answer(client_as(sessions, "pilot"), "POST", url, "")[0] == CSRF_REFUSED
    # Another browser's token does not match this one's cookie.
    assert answer(client_as(sessions, "pilot"), "POST", url, sessions["admin"][1])[0] == CSRF_REFUSED
    tokens = [token for _cookies, token in sessions.values()]
    assert len(set(tokens)) == len(PERSONAS)


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("name", URL_NAMES)
def test_access(db, dataset, sessions, name, persona):
    assert name in KWARGS, f"{name} : pas de KWARGS dans tests/<app>/access_expectations.py"
    assert name in EXPECTED, f"{name} : pas de ROWS dans tests/<app>/access_expectations.py"
    url = reverse(name, kwargs=KWARGS[name](dataset)) + (QUERY[name](dataset) if name in QUERY else "")
    wrong, known, fixed = [], [], []
    for method in METHODS:
        status, actual = answer(client_as(sessions, persona), method, url, sessions[persona][1])
        assert status < 500, f"{method} {url} ({name}) en tant que {persona} : erreur {status}"
        assert status != CSRF_REFUSED, f"{method} {url} ({name}) en tant que {persona} : refusé par le CSRF"
        expected = EXPECTED[name][method][persona]
        defect = KNOWN_DEFECTS.get((name, persona, method))
        line = f"{method} {url} ({name}) en tant que {persona} : attendu {expected}, obtenu {actual}"
        if actual != expected:
            (known if defect else wrong).append(line + (f" — défaut connu : {defect}" if defect else ""))
        elif defect:
            fixed.append(f"{method} {name} en tant que {persona} : corrigé, retirer de KNOWN_DEFECTS")
    assert not wrong, "\n".join(wrong)
    assert not fixed, "\n".join(fixed)
    if known:
        pytest.xfail("\n".join(known))


@pytest.mark.parametrize("persona", PERSONAS)
def test_admin_index_refuses_non_staff(db, sessions, persona):
    response = client_as(sessions, persona).get(reverse("admin:index"))
    if persona == "admin":
        assert response.status_code == 200
    else:
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("admin:login"))
