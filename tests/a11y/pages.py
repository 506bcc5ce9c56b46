"""Every page a persona reaches, for the browser checks of issue 16 (axe-core, 390 px width).

The list is the permission matrix's: every URL name of `tests/<app>/access_expectations.py` whose
GET answers 200 to a persona, with the matrix's data set (tests/permissions/dataset.py) for its
arguments; plus the error pages (404, 403) rendered as a persona meets them. Answers that are not a
whole HTML page (PDF, CSV, iCalendar, images, htmx fragments, JSON) are left out: there is nothing
for a browser to lay out.

Use, in a test running against the live server (`django_db(transaction=True)`):

    data = build_dataset()
    for page in pages(data):               # Page(persona, label, path)
        ...
    cookies = session_cookies(data, "pilot")   # the persona's signed-in browser

The public pages (login, password reset, the accessibility statement, the library's showcase…)
are the matrix's rows whose anonymous column answers 200.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.test import Client
from django.urls import reverse

from core.accessibility import OUTSIDE_THE_AUDIT
from tests.permissions.dataset import build
from tests.permissions.expectations import EXPECTED, KWARGS, PERSONAS, QUERY

MISSING_PATH = "/page-introuvable-a11y/"


@dataclass(frozen=True)
class Page:
    persona: str  # a name of tests/permissions/helpers.py PERSONAS
    label: str  # the URL name, or « erreur 404 »…
    path: str  # path and query, to join to the live server's URL

    def __str__(self) -> str:
        return f"{self.label} ({self.path}) en tant que {self.persona}"


def build_dataset() -> dict:
    """The matrix's data set, written to the test database (the live server reads it)."""
    return build()


def url_of(name: str, data: dict) -> str:
    return reverse(name, kwargs=KWARGS[name](data)) + (QUERY[name](data) if name in QUERY else "")


def client_for(user) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def is_whole_page(response) -> bool:
    """An HTML document a browser lays out (not a download, not a fragment swapped in by htmx)."""
    if response.status_code != 200 or "attachment" in response.get("Content-Disposition", ""):
        return False
    if not response.get("Content-Type", "").startswith("text/html"):
        return False
    body = response.content[:2000].lower()
    return b"<!doctype html" in body or b"<html" in body


def _answer(user, path: str):
    # In a savepoint: a page whose GET records something (a notice read…) leaves the data set as built.
    with transaction.atomic():
        response = client_for(user).get(path)
        transaction.set_rollback(True)
    return response


def pages(data: dict, personas: tuple[str, ...] = PERSONAS) -> Iterator[Page]:
    """(persona, label, path) for every whole page each persona may GET, then the error pages."""
    users = data["users"]
    whole: dict[str, bool] = {}
    for persona in personas:
        for name in sorted(EXPECTED):
            if EXPECTED[name]["GET"][persona] != 200 or name in OUTSIDE_THE_AUDIT:
                continue  # a page outside the audit is stated as such in the accessibility statement
            path = url_of(name, data)
            if name not in whole:
                whole[name] = is_whole_page(_answer(users[persona], path))
            if whole[name]:
                yield Page(persona, name, path)
    yield from error_pages(data, personas)


def error_pages(data: dict, personas: tuple[str, ...] = PERSONAS) -> Iterator[Page]:
    """The 404 page for everybody, and the 403 page for whoever meets one on a page it reads."""
    for persona in personas:
        yield Page(persona, "erreur 404", MISSING_PATH)
        refused = next((name for name in sorted(EXPECTED) if EXPECTED[name]["GET"][persona] == 403), None)
        if refused is not None:
            yield Page(persona, "erreur 403", url_of(refused, data))


def session_cookies(data: dict, persona: str, domain: str) -> list[dict]:
    """The cookies of the persona's signed-in browser, for Playwright's `context.add_cookies`."""
    user = data["users"][persona]
    if user is None:
        return []
    client = client_for(user)
    value = client.cookies[settings.SESSION_COOKIE_NAME].value
    return [{"name": settings.SESSION_COOKIE_NAME, "value": value, "domain": domain, "path": "/"}]
