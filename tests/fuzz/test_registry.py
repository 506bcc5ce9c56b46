"""No form escapes the fuzzing: every URL taking a POST, every form class of the project."""

from __future__ import annotations

import importlib

from django import forms
from django.apps import apps

from tests.permissions.expectations import EXPECTED, PERSONAS
from tests.permissions.test_matrix import URL_NAMES

from .engine import url_name
from .registry import DUPLICATES, EMPTY_POST_404, FUZZ, MISPLACED

ACCEPTED = {200, 302, 400}
PROJECT_APPS = (
    "core",
    "directory",
    "actions",
    "governance",
    "raci",
    "adherents",
    "evaluation",
    "calls",
    "library",
    "reports",
    "reminders",
)
# Abstract bases and GET filter forms (fuzzed by test_get_forms.py): not posted anywhere.
BASES = {"core.forms.Form", "core.forms.ModelForm"}


def posting_urls() -> list[str]:
    return sorted(
        name
        for name in URL_NAMES
        if name in EMPTY_POST_404 or any(EXPECTED[name]["POST"][p] in ACCEPTED for p in PERSONAS)
    )


def test_every_url_taking_a_post_has_a_fuzz_entry():
    missing = [name for name in posting_urls() if name not in FUZZ]
    assert not missing, (
        f"URL acceptant un POST sans entrée FUZZ dans tests/<app>/access_expectations.py : {missing}"
    )
    stale = sorted({url_name(key) for key in FUZZ} - set(posting_urls()))
    assert not stale, f"Entrées FUZZ pour des URL qui n'acceptent plus de POST : {stale}"
    stale = sorted(EMPTY_POST_404 - set(URL_NAMES))
    assert not stale, f"EMPTY_POST_404 nomme des URL qui n'existent plus : {stale}"


def test_each_entry_is_declared_once_beside_its_app():
    assert not DUPLICATES, f"Entrées déclarées deux fois : {DUPLICATES}"
    assert not MISPLACED, f"Entrées déclarées hors du dossier de leur application : {MISPLACED}"
    assert "raci:activity_move" in EMPTY_POST_404 and "actions:action_edit" in FUZZ  # discovery did run


def test_each_entry_posts_as_a_persona_allowed_to_write():
    wrong = [
        (name, entry.persona, EXPECTED[name]["POST"][entry.persona])
        for name, entry in FUZZ.items()
        if "#" not in name  # variants post as whoever the form is for (an item's owner…)
        and EXPECTED[name]["POST"][entry.persona] not in ACCEPTED
        and not (name in EMPTY_POST_404 and EXPECTED[name]["POST"][entry.persona] == 404)
    ]
    assert not wrong, f"Le persona choisi ne peut pas écrire (matrice des permissions) : {wrong}"


def project_form_classes() -> set[str]:
    for app in apps.get_app_configs():
        if app.name in PROJECT_APPS:
            for module in ("forms", "forms_auth", "filters"):
                try:
                    importlib.import_module(f"{app.name}.{module}")
                except ModuleNotFoundError as exc:
                    if exc.name != f"{app.name}.{module}":
                        raise
    found, todo = set(), [forms.BaseForm]
    while todo:
        cls = todo.pop()
        todo.extend(cls.__subclasses__())
        if cls.__module__.split(".")[0] in PROJECT_APPS:
            found.add(f"{cls.__module__}.{cls.__qualname__}")
    return found - BASES
