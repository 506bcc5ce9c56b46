"""Collect the tables every app keeps beside its tests, in `tests/<app>/access_expectations.py`.

No central file lists the URLs: the permission matrix (`expectations.py`) and the fuzz registry
(`tests/fuzz/registry.py`) merge what each app's module declares. An entry declared twice, or
in another app's module, is reported (`Collected.duplicates`, `Collected.misplaced`) and fails
the tests that read it.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from types import ModuleType

TESTS = Path(__file__).resolve().parent.parent
MODULE = "access_expectations"


@cache
def modules() -> dict[str, ModuleType]:
    """Folder name → its imported access_expectations module, for every test folder having one."""
    found = {}
    for folder in sorted(TESTS.iterdir()):
        if (folder / f"{MODULE}.py").is_file():
            found[folder.name] = importlib.import_module(f"tests.{folder.name}.{MODULE}")
    return found


def app_of_url(name: str) -> str:
    """The app owning a URL name ("name#variant" too): its namespace; un-namespaced names are core's
    (the accounts' pages)."""
    name = name.split("#")[0]
    return name.split(":")[0] if ":" in name else "core"


@dataclass
class Collected:
    items: dict = field(default_factory=dict)
    duplicates: list[str] = field(default_factory=list)  # "key: folder, folder"
    misplaced: list[str] = field(default_factory=list)  # "key in tests/<folder>/"


def collect(table: str, owner: Callable[[object], str] = app_of_url) -> Collected:
    """Merge the dict (or set) `table` of every app's module; `owner(key)` is the folder it belongs in."""
    collected, seen = Collected(), {}
    for folder, module in modules().items():
        entries = getattr(module, table, None)
        if entries is None:
            continue
        pairs = entries.items() if isinstance(entries, dict) else ((key, True) for key in entries)
        for key, value in pairs:
            if key in seen:
                collected.duplicates.append(f"{table} {key}: tests/{seen[key]}/ et tests/{folder}/")
            seen.setdefault(key, folder)
            if owner(key) != folder:
                collected.misplaced.append(
                    f"{table} {key} dans tests/{folder}/ (attendu dans tests/{owner(key)}/)"
                )
            collected.items.setdefault(key, value)
    return collected
