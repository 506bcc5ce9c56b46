"""The navigation bar comes from each app's `navigation.py`: who sees which area, and a wrong name fails at start-up."""

from __future__ import annotations

import re
from html import unescape

import pytest
from django.core.checks import run_checks
from django.urls import reverse

from core import navigation
from directory.models import Person
from tests.factories import ProgrammeFactory, make_account

pytestmark = pytest.mark.django_db


def _keys(user, group):
    return [area["key"] for area in navigation.areas_for(user)[group]]


def test_every_app_declares_its_area_and_the_bar_keeps_its_order():
    assert [area.url_name for area in navigation.areas()] == [
        "actions:action_list",
        "governance:committee_list",
        "raci:matrix_list",
        "adherents:adherent_list",
        "evaluation:dashboard_index",
        "directory:organisation_list",
        "calls:call_list",
        "library:search",
        "reports:document_list",
        "privacy:read_log",
        "adherents:portal_home",
    ]


@pytest.mark.parametrize(
    ("role", "main", "more"),
    [
        (
            Person.Role.PILOT,
            ["actions", "governance", "raci", "evaluation"],
            ["directory", "calls", "library", "reports"],
        ),
        (Person.Role.SERVICE_STAFF, ["adherents", "evaluation"], ["directory", "library", "reports"]),
        (
            Person.Role.COMMITTEE_MEMBER,
            ["actions", "governance", "raci", "evaluation"],
            ["directory", "library", "reports"],
        ),
        (Person.Role.MEMBER_CONTACT, [], []),
    ],
)
def test_each_role_is_shown_its_areas(role, main, more):
    user = make_account(f"nav-{role}", role)
    assert _keys(user, "main") == main
    assert _keys(user, "more") == more
    assert _keys(user, "portal") == (["adherents"] if role == Person.Role.MEMBER_CONTACT else [])


def test_an_administrator_is_shown_every_area_but_the_portal():
    admin = make_account("nav-admin", Person.Role.PILOT, is_staff=True)
    assert len(_keys(admin, "main")) == 5 and len(_keys(admin, "more")) == 5
    assert _keys(admin, "portal") == []


def test_a_mistyped_area_fails_the_start_up_checks():
    area = navigation.register(navigation.Area("actions:no_such_page", "X", "bi-x", lambda user: True))
    try:
        errors = [error for error in run_checks() if error.id == "copilote.E002"]
        assert [error.msg for error in errors] == [
            "La zone de navigation « actions:no_such_page » ne correspond à aucune adresse."
        ]
    finally:
        navigation._areas.pop(area.url_name)
    assert not [error for error in run_checks() if error.id == "copilote.E002"]


def test_an_unknown_group_is_refused_at_registration():
    with pytest.raises(ValueError):
        navigation.register(
            navigation.Area("actions:action_list", "X", "bi-x", lambda user: True, group="side")
        )


def test_the_page_shows_the_bar_of_the_registry(client):
    user = make_account("nav-page", Person.Role.SERVICE_STAFF)
    client.force_login(user)
    response = client.get(reverse("core:home"))
    assert [area["key"] for area in response.context["nav_areas"]] == ["adherents", "evaluation"]


# --- Section menus ------------------------------------------------------------------------------
def _menu(page):
    """The section menu of a page: its name for screen readers, and (text, current?) per link."""
    menus = re.findall(r'<nav aria-label="([^"]+)">\s*<ul class="nav nav-pills mb-3">(.*?)</ul>', page, re.S)
    assert len(menus) == 1
    label, body = menus[0]
    links = re.findall(r"<a ([^>]*)>(.*?)</a>", body, re.S)
    return unescape(label), [
        (" ".join(unescape(re.sub(r"<[^>]+>", "", text)).split()), 'aria-current="page"' in attributes)
        for attributes, text in links
    ]


@pytest.mark.parametrize(
    ("page", "label", "current"),
    [
        ("governance:committee_list", "Rubriques de la gouvernance", "Instances"),
        ("governance:plan", "Rubriques de la gouvernance", "Planning pluriannuel"),
        ("governance:decision_register", "Rubriques de la gouvernance", "Registre des décisions"),
        ("directory:person_list", "Rubriques de l’annuaire", "Personnes"),
    ],
)
def test_a_section_menu_marks_the_page_shown_and_only_it(client_for, page, label, current):
    admin = make_account("menu-admin", Person.Role.PILOT, is_staff=True)
    response = client_for(admin).get(reverse(page))
    assert response.status_code == 200
    menu_label, links = _menu(response.content.decode())
    assert menu_label == label
    assert [text for text, is_current in links if is_current] == [current]
    assert links[0][0] in ("Instances", "Organisations")


def test_a_programmes_menu_leads_to_its_own_views(client_for, pilot):
    programme = ProgrammeFactory()
    programme.managers.add(Person.objects.get(user=pilot))
    response = client_for(pilot).get(reverse("actions:programme_matrix", args=[programme.pk]))
    _label, links = _menu(response.content.decode())
    assert links == [
        ("Vue d’ensemble", False),
        ("Pertinence × faisabilité", True),
        ("Tableau récapitulatif", False),
    ]
    page = response.content.decode()
    assert reverse("actions:programme_recap", args=[programme.pk]) in page


def test_a_mistyped_section_fails_the_start_up_checks():
    menu = navigation.register_menu("test", "Test", [navigation.Section("governance:no_such_page", "X")])
    try:
        errors = [error.msg for error in run_checks() if error.id == "copilote.E002"]
        assert errors == ["La zone de navigation « governance:no_such_page » ne correspond à aucune adresse."]
    finally:
        navigation._menus.pop(menu.name)
    assert not [error for error in run_checks() if error.id == "copilote.E002"]
