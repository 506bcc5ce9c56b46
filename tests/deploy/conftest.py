"""Run Copilote in a child process with the production environment."""

from __future__ import annotations

import fnmatch
import os
import re
import secrets
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(settings.BASE_DIR)

# What the test run exports and a production process must not inherit.
_NOT_INHERITED = (
    "DATABASE_URL",
    "TEST_",
    "CELERY_",
    "DJANGO_",
    "COPILOTE_",
    "SECRET_KEY",
    "DEBUG",
    "ALLOWED_HOSTS",
)


def read_env_file(path: Path) -> dict[str, str]:
    values = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        key, sep, value = line.partition("=")
        assert sep, f"{path.name} : ligne sans « = » : {line}"
        values[key.strip()] = value.strip()
    return values


def new_secret_key() -> str:
    return secrets.token_urlsafe(45)  # 60 characters


def make_production_env(folder: Path) -> dict[str, str]:
    """The environment of .env.example, made runnable here: real key, SQLite, folders under `folder`."""
    base = {k: v for k, v in os.environ.items() if not k.startswith(_NOT_INHERITED)}
    env = {**base, **read_env_file(ROOT / ".env.example")}
    env.update(
        SECRET_KEY=new_secret_key(),
        DATABASE_URL=f"sqlite:///{folder / 'production.sqlite3'}",
        MEDIA_ROOT=str(folder / "media"),
        STATIC_ROOT=str(folder / "staticfiles"),
        DJANGO_SETTINGS_MODULE="config.settings",
        PYTHONDONTWRITEBYTECODE="1",
    )
    return env


@pytest.fixture
def production_env(tmp_path):
    return make_production_env(tmp_path)


def run(args, env, timeout=120, cwd=ROOT, **kwargs):
    return subprocess.run(
        [sys.executable, *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout, **kwargs
    )


# --- What `COPY . .` puts in the image --------------------------------------------------------
def _dockerignore_patterns() -> list[tuple[bool, str]]:
    patterns = []
    for line in (ROOT / ".dockerignore").read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            patterns.append((line.startswith("!"), line.lstrip("!")))
    return patterns


def _ignored(relative: str, patterns) -> bool:
    """.dockerignore semantics for the patterns this project uses (last match wins)."""
    ignored = False
    for negated, pattern in patterns:
        if pattern.startswith("**/"):
            matched = any(fnmatch.fnmatch(part, pattern[3:]) for part in relative.split("/"))
        else:
            matched = fnmatch.fnmatch(relative, pattern) or relative.startswith(pattern.rstrip("/") + "/")
        if matched:
            ignored = not negated
    return ignored


def copy_build_context(destination: Path) -> list[str]:
    """Copy the files the Docker build context keeps into `destination`; return them."""
    patterns = _dockerignore_patterns()
    kept = []
    for folder, dirs, files in os.walk(ROOT):
        relative_folder = Path(folder).relative_to(ROOT).as_posix()
        prefix = "" if relative_folder == "." else relative_folder + "/"
        dirs[:] = [d for d in dirs if not _ignored(prefix + d, patterns)]
        for name in files:
            relative = prefix + name
            if _ignored(relative, patterns):
                continue
            target = destination / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(Path(folder) / name, target)
            kept.append(relative)
    return kept


def dockerfile_build_env() -> dict[str, str]:
    """The variables the Dockerfile sets for its collectstatic step."""
    text = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    step = text[text.index("collectstatic") - 400 : text.index("collectstatic")]
    return dict(re.findall(r"\b([A-Z_]+)=(\S+)", step.split("compile_catalogues", 1)[-1]))
