"""The permission matrix: every URL of the project × every persona × GET and POST.

URLs come from the URL resolver (admin excepted: Django's admin guards itself, and
`test_admin_index_refuses_non_staff` checks that); a URL name without arguments in
`urls_table.KWARGS` or without a row in `expectations.ROWS` fails, so a new view cannot
escape the matrix. No answer may be a server error.
"""

import pytest
from django.conf import settings
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from .expectations import EXPECTED, KNOWN_DEFECTS, LOGIN, PERSONAS
from .urls_table import KWARGS, QUERY

LOGIN_URL = "/comptes/connexion/"
METHODS = ("GET", "POST")


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
    assert sorted(names - set(KWARGS)) == [], "URL sans arguments dans urls_table.KWARGS"
    assert sorted(names - set(EXPECTED)) == [], "URL sans attente dans expectations.ROWS"
    assert sorted(set(KWARGS) - names) == [], "Arguments pour des URL qui n'existent plus"
    assert sorted(set(EXPECTED) - names) == [], "Attentes pour des URL qui n'existent plus"
    assert sorted(name for name, _persona, _method in KNOWN_DEFECTS if name not in names) == []


@pytest.fixture(scope="module")
def sessions(dataset, django_db_blocker):
    """One session per persona, saved inside the data set's transaction (a logout is rolled back)."""
    keys = {}
    with django_db_blocker.unblock():
        for persona, user in dataset["users"].items():
            if user is not None:
                client = Client()
                client.force_login(user)
                keys[persona] = client.cookies[settings.SESSION_COOKIE_NAME].value
    return keys


def client_as(sessions, persona) -> Client:
    client = Client()  # CSRF checks off: the point is the access decision.
    if persona in sessions:
        client.cookies[settings.SESSION_COOKIE_NAME] = sessions[persona]
    return client


def answer(client, method, url):
    # Each request in its own savepoint: a write never leaks into the next request.
    with transaction.atomic():
        response = client.get(url) if method == "GET" else client.post(url, {})
        transaction.set_rollback(True)
    if response.status_code == 302 and response["Location"].startswith(LOGIN_URL):
        return response.status_code, LOGIN
    return response.status_code, response.status_code


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("name", URL_NAMES)
def test_access(db, dataset, sessions, name, persona):
    assert name in KWARGS, f"{name} : pas d'arguments dans urls_table.KWARGS"
    assert name in EXPECTED, f"{name} : pas d'attente dans expectations.ROWS"
    url = reverse(name, kwargs=KWARGS[name](dataset)) + (QUERY[name](dataset) if name in QUERY else "")
    wrong, known, fixed = [], [], []
    for method in METHODS:
        status, actual = answer(client_as(sessions, persona), method, url)
        assert status < 500, f"{method} {url} ({name}) en tant que {persona} : erreur {status}"
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
