"""One data set for the whole matrix, built once per module inside a transaction rolled back at the end.

Each test runs in its own savepoint (pytest-django's `db`), so a POST that writes is undone
before the next request.
"""

import pytest
from django.db import transaction
from django.test import override_settings

from .dataset import build


@pytest.fixture(scope="module")
def media_dir(tmp_path_factory):
    return tmp_path_factory.mktemp("permissions-media")


@pytest.fixture(scope="module")
def dataset(django_db_setup, django_db_blocker, media_dir):
    with (
        django_db_blocker.unblock(),
        override_settings(
            MEDIA_ROOT=media_dir, PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]
        ),
    ):
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            data = build()
            yield data
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


@pytest.fixture(autouse=True)
def _media_root(media_dir, settings):
    """As tests/conftest.py's, but the media root is the data set's (its files live there)."""
    settings.MEDIA_ROOT = media_dir
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.AXES_ENABLED = True
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    yield
