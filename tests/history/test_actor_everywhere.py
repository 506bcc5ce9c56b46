"""Every service that changes data records its actor as the author of each history row it writes,
whoever calls it (a view, a task, a command): called here without any request, with `by=actor`."""

from __future__ import annotations

import importlib
import inspect
import pkgutil

import pytest
from django.conf import settings

from directory.access import Role
from tests.factories import make_account

from .cases import CASES, READ_ONLY, TECHNICAL

pytestmark = pytest.mark.django_db


def _service_modules():
    for app in settings.INSTALLED_APPS:
        if "." in app or app.startswith("django"):
            continue
        try:
            module = importlib.import_module(f"{app}.services")
        except ModuleNotFoundError as exc:
            if exc.name == f"{app}.services":
                continue
            raise
        yield module
        if hasattr(module, "__path__"):  # a package: governance/services/
            for info in pkgutil.iter_modules(module.__path__):
                yield importlib.import_module(f"{module.__name__}.{info.name}")


def service_functions() -> dict[str, object]:
    found = {}
    for module in _service_modules():
        for name, function in inspect.getmembers(module, inspect.isfunction):
            if name.startswith("_") or function.__module__ != module.__name__:
                continue
            found[f"{module.__name__}.{name}"] = function
    return found


def test_every_service_has_a_case_or_is_listed_as_not_changing_history():
    services = service_functions()
    assert len(services) > 100  # the walk really found the apps' services
    missing = sorted(set(services) - set(CASES) - set(READ_ONLY) - set(TECHNICAL))
    assert not missing, f"services without a case in tests/history/cases.py: {missing}"
    stale = sorted((set(CASES) | set(READ_ONLY) | set(TECHNICAL)) - set(services))
    assert not stale, f"cases or listed names for services that no longer exist: {stale}"
    assert not set(CASES) & (set(READ_ONLY) | set(TECHNICAL))


def test_every_service_that_changes_data_takes_the_actor_as_a_keyword():
    services = service_functions()
    refused = [
        name
        for name in CASES
        if (parameter := inspect.signature(services[name]).parameters.get("by")) is None
        or parameter.kind is not inspect.Parameter.KEYWORD_ONLY
    ]
    assert not refused, f"services without a keyword-only `by`: {refused}"


def _newest_record(touched):
    if isinstance(touched, tuple):
        model, pk = touched
    else:
        model, pk = type(touched), touched.pk
    assert hasattr(model, "history"), f"{model.__name__} is not historised"
    return (
        model.history.filter(**{model._meta.pk.attname: pk}).order_by("-history_date", "-history_id").first()
    )


@pytest.mark.parametrize("name", sorted(CASES))
def test_the_service_records_its_actor_in_the_history(name):
    actor = make_account("acteur-historique", Role.OTHER, is_staff=True, is_superuser=True)
    touched = list(CASES[name](actor))
    assert touched, f"{name}: the case returns no changed object"
    for item in touched:
        record = _newest_record(item)
        label = f"{name}: {item!r}"
        assert record is not None, f"{label} has no history row"
        assert record.history_user_id == actor.pk, f"{label}: newest history row by {record.history_user!r}"
