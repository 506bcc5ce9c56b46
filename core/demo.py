"""Demo data: each app may have a `demo.py` with `load(stdout)`; `manage.py load_demo` runs them.

They run in INSTALLED_APPS order (infrastructure, then the domain apps in dependency
order), each inside the same transaction, and must be idempotent (get_or_create on
natural keys), because `make run` calls the loader every time.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from types import ModuleType
from typing import Any

from django.apps import apps

DEMO_PASSWORD = "copilote-demo"


def demo_modules() -> Iterator[tuple[str, ModuleType]]:
    for config in apps.get_app_configs():
        try:
            module = importlib.import_module(f"{config.name}.demo")
        except ModuleNotFoundError as exc:
            if exc.name == f"{config.name}.demo":
                continue
            raise
        if hasattr(module, "load"):
            yield config.name, module


def add_once(related_manager: Any, *objects: Any) -> None:
    """`related_manager.add(...)` of the objects not linked yet: a second load adds no history row."""
    present = set(
        related_manager.filter(pk__in=[o.pk for o in objects if o is not None]).values_list("pk", flat=True)
    )
    missing = [o for o in objects if o is not None and o.pk not in present]
    if missing:
        related_manager.add(*missing)
