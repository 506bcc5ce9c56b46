"""House rules read from the code itself (issue 17): they fail at the first view or module that breaks them."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
APPS = [path.parent for path in ROOT.glob("*/apps.py")]
METHOD_DECORATORS = {"require_GET", "require_POST", "require_http_methods", "require_safe"}
VIEW_DECORATORS = {"login_required", "portal_allowed", "login_not_required"}


def _name(decorator: ast.expr) -> str:
    target = decorator.func if isinstance(decorator, ast.Call) else decorator
    return target.attr if isinstance(target, ast.Attribute) else getattr(target, "id", "")


def _modules(app: Path, name: str) -> list[Path]:
    return [*app.glob(f"{name}.py"), *app.glob(f"{name}/*.py")]


def test_every_view_says_which_http_methods_it_answers():
    missing = []
    for app in APPS:
        for path in _modules(app, "views"):
            for node in ast.parse(path.read_text()).body:
                if isinstance(node, ast.FunctionDef):
                    names = {_name(d) for d in node.decorator_list}
                    if names & VIEW_DECORATORS and not names & METHOD_DECORATORS:
                        missing.append(f"{path.relative_to(ROOT)}:{node.lineno} {node.name}")
    assert missing == []


def test_no_application_module_passes_500_lines():
    """Past ~400 lines a module becomes a package by topic (docs/conventions.md); demo data aside.
    The benchmark and the load test (bench/) and the project's settings (config/) count too."""
    too_long = [
        f"{path.relative_to(ROOT)}: {length}"
        for folder in [*APPS, ROOT / "bench", ROOT / "config"]
        for path in folder.rglob("*.py")
        if "migrations" not in path.parts and not path.name.startswith("demo")
        if (length := len(path.read_text().splitlines())) > 500
    ]
    assert too_long == []


def test_core_imports_no_domain_app():
    domain = {app.name for app in APPS} - {"core"}
    upward = [
        f"{path.relative_to(ROOT)}:{node.lineno}"
        for path in (ROOT / "core").rglob("*.py")
        for node in ast.walk(ast.parse(path.read_text()))
        if isinstance(node, ast.ImportFrom | ast.Import)
        for module in (
            [node.module or ""] if isinstance(node, ast.ImportFrom) else [a.name for a in node.names]
        )
        if module.split(".")[0] in domain
    ]
    assert upward == []


def test_views_leave_transactions_to_the_services():
    """A view reads the request and shows the answer: what must be saved together is one service call
    (docs/conventions.md), so no view module opens a transaction."""
    opened = [
        f"{path.relative_to(ROOT)}:{node.lineno}"
        for app in APPS
        for path in _modules(app, "views")
        for node in ast.walk(ast.parse(path.read_text()))
        if (isinstance(node, ast.Attribute) and node.attr == "atomic")
        or (
            isinstance(node, ast.ImportFrom)
            and node.module == "django.db"
            and any(a.name == "transaction" for a in node.names)
        )
    ]
    assert opened == []
