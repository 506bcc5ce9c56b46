"""Run Copilote in a child process with the production environment."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(settings.BASE_DIR)

# What the test run exports and a production process must not inherit.
_NOT_INHERITED = ("DATABASE_URL", "TEST_", "CELERY_", "DJANGO_", "COPILOTE_", "SECRET_KEY", "DEBUG", "ALLOWED_HOSTS")


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


def run(args, env, timeout=120, **kwargs):
    return subprocess.run(
        [sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout, **kwargs
    )
