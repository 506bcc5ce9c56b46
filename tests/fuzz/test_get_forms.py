"""Every page read with hostile query strings — its search and filter forms (method GET), or the
parameters views read outside forms: never a 500, never English, nothing typed rendered raw."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

import pytest
from django.db import transaction
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.permissions.expectations import EXPECTED
from tests.permissions.test_matrix import URL_NAMES

from .conftest import FUZZ, seeded
from .engine import _form_classes, client_for, english_in, raw_markers_in, url_for
from .htmlforms import Control, HtmlForm, parse_forms
from .values import hostile

READERS = ("pilot", "service_staff", "admin", "member_contact", "committee_member", "anonymous")
# Query parameters the views read outside any form (pagination, preselection, periods…).
PARAMETERS = (
    "page",
    "programme",
    "action",
    "visite",
    "statut",
    "service",
    "mois",
    "tri",
    "template",
    "q",
    "organisation",
    "next",
    "indicateur",
    "debut",
    "committee",
    "annees",
    "after",
    "adherent",
)


@dataclass
class GetPage:
    name: str
    url: str
    persona: str
    forms: list[HtmlForm]
    form_classes: set[str]
    has_form: bool


GET_PREPARED: dict[tuple[int, str], GetPage] = {}
_PAGES: dict[int, list[str]] = {}


def reader(name: str) -> str | None:
    return next((p for p in READERS if EXPECTED[name]["GET"][p] == 200), None)


def get_pages(dataset) -> list[str]:
    """Pages answering a GET, with their GET forms (read once per data set, in a rolled-back savepoint)."""
    key = dataset["action"].pk
    if key not in _PAGES:
        _PAGES[key] = []
        for name in URL_NAMES:
            persona = reader(name)
            if persona is None:
                continue
            url = url_for(name, dataset)
            with transaction.atomic():
                response = client_for(dataset, persona).get(url)
                transaction.set_rollback(True)
            if response.status_code != 200:
                continue
            found = []
            if response.get("Content-Type", "").startswith("text/html"):
                found = [
                    f for f in parse_forms(response.content.decode()) if f.method == "get" and f.fields()
                ]
            has_form = bool(found)
            if not found:
                controls = [Control(name=parameter, kind="text") for parameter in PARAMETERS]
                found = [HtmlForm(action=url, method="get", enctype="", controls=controls)]
            GET_PREPARED[(key, name)] = GetPage(
                name, url, persona, found, _form_classes(response.context), has_form
            )
            _PAGES[key].append(name)
    return _PAGES[key]


GET_NAMES = sorted(n for n in URL_NAMES if reader(n))


@pytest.mark.parametrize("name", GET_NAMES)
def test_hostile_query_strings(db, dataset, name):
    if name not in get_pages(dataset):
        pytest.skip("la page ne répond pas 200 au lecteur du jeu de données")
    page = GET_PREPARED[(dataset["action"].pk, name)]
    client = client_for(dataset, page.persona)
    # Reading pages is cheaper to break than writing them: fewer examples, fewer still without a form.
    examples = max(3, FUZZ.max_examples - 2) if page.has_form else max(2, FUZZ.max_examples // 2)
    foreign = [str(dataset["other_action"].pk), "2147483647"]

    @settings(FUZZ, max_examples=examples)
    @seeded(f"get {name}")
    @given(st.data())
    def run(data):
        form = page.forms[data.draw(st.integers(0, len(page.forms) - 1), label="form")]
        fields = form.fields()
        query = form.data()
        for key in data.draw(
            st.lists(st.sampled_from(sorted(fields)), min_size=1, max_size=3, unique=True), label="fields"
        ):
            value = data.draw(hostile(fields[key].kind, fields[key].options, foreign), label=key)
            query[key] = value if isinstance(value, list) else [value]
        action = (form.action or page.url).split("?")[0]
        url = f"{action}?{urlencode(query, doseq=True)}"
        with transaction.atomic():
            try:
                response = client.get(url)
            except Exception as exc:
                raise AssertionError(f"{name} : exception {exc!r} sur GET {url[:300]}") from exc
            transaction.set_rollback(True)
        assert response.status_code < 500, f"{name} : erreur {response.status_code} sur GET {url[:300]}"
        if not response.streaming and response.get("Content-Type", "").startswith("text/"):
            content = response.content.decode(errors="replace")
            assert not english_in(content), f"{name} : {english_in(content)} sur GET {url[:300]}"
            assert not raw_markers_in(content), f"{name} : HTML rendu tel quel sur GET {url[:300]}"

    run()
