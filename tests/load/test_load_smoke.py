"""bench/load.py, briefly: a few users against gunicorn, PostgreSQL and a real Celery worker.

The script runs in a child process on its own database (`copilote_load_test`, created by
the script on the PostgreSQL server of the test run, dropped afterwards) and on the test
run's Redis. It must end with exit code 0 and write a JSON report with requests of every
kind, no error and every check passed.
"""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

from tests.conftest import services_required

REPO = Path(__file__).resolve().parents[2]
DB_NAME = "copilote_load_test"

pytestmark = [pytest.mark.celery, pytest.mark.postgres, pytest.mark.timeout(240)]


def _server(server_url: str, statement, *identifiers) -> None:
    import psycopg2
    from psycopg2 import sql

    parts = urlsplit(server_url)
    connection = psycopg2.connect(
        host=parts.hostname, port=parts.port, user=parts.username, password=parts.password, dbname="postgres"
    )
    connection.autocommit = True
    try:
        with connection.cursor() as cursor:
            cursor.execute(sql.SQL(statement).format(*(sql.Identifier(i) for i in identifiers)))
    finally:
        connection.close()


def _drop(server_url: str) -> None:
    _server(server_url, "DROP DATABASE IF EXISTS {} WITH (FORCE)", DB_NAME)


def _clone_test_database(server_url: str) -> None:
    """Start from a copy of the migrated test database: the script's own migration is then a no-op.

    PostgreSQL refuses the copy while somebody is connected to the source; the script then
    creates the database itself and migrates it (slower, same result).
    """
    import psycopg2
    from django.db import connection, connections

    source = connection.settings_dict["NAME"]
    connections.close_all()
    with contextlib.suppress(psycopg2.errors.ObjectInUse):
        _server(server_url, "CREATE DATABASE {} TEMPLATE {}", DB_NAME, source)


@pytest.fixture
def load_env(redis_url, django_db_setup):
    url = os.environ.get("DATABASE_URL", "")
    if url.split("://", 1)[0] not in ("postgres", "postgresql", "pgsql", "psql"):
        if services_required():
            pytest.fail("DATABASE_URL doit désigner PostgreSQL en CI : le test de charge n'est pas lancé.")
        pytest.skip("PostgreSQL absent : test de charge sauté (lancez scripts/run-tests.sh).")
    _drop(url)
    _clone_test_database(url)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("CELERY_", "DJANGO_", "TEST_DATABASE"))}
    env.update(
        DATABASE_URL=urlunsplit(urlsplit(url)._replace(path=f"/{DB_NAME}")),
        TEST_REDIS_URL=redis_url,
        PYTHONDONTWRITEBYTECODE="1",
    )
    yield env
    _drop(url)


def test_a_short_load_run_has_no_error_and_every_check_passes(load_env, tmp_path):
    report = tmp_path / "load.json"
    process = subprocess.Popen(
        [
            sys.executable,
            "bench/load.py",
            "--users",
            "3",
            "--duration",
            "8",
            "--workers",
            "2",
            "--max-pdfs",
            "2",
            "--json",
            str(report),
        ],
        cwd=REPO,
        env=load_env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        stdout, stderr = process.communicate(timeout=200)
    except subprocess.TimeoutExpired:
        process.terminate()  # SIGTERM: the script stops its gunicorn and its worker before leaving
        stdout, stderr = process.communicate(timeout=40)
        pytest.fail(f"bench/load.py n'a pas fini en 200 s :\n{(stdout + stderr)[-6000:]}")
    output = stdout + stderr
    assert process.returncode == 0, output[-6000:]
    data = json.loads(report.read_text(encoding="utf-8"))
    assert data["passed"] is True and data["errors"] == 0, output[-4000:]
    assert data["logins"]["count"] == 6 and data["logins"]["errors"] == 0
    assert data["requests"] > 20 and data["throughput_rps"] > 0
    kinds = set(data["by_kind"])
    assert {
        "Écriture : cellule RACI",
        "Écriture : saisie d'une mesure",
        "PDF : demande (matrice RACI)",
    } <= kinds
    assert any(kind.startswith("Écriture : présences") for kind in kinds)
    assert len(data["checks"]) >= 8 and all(check["ok"] for check in data["checks"]), data["checks"]
    assert "Débit" in stdout and "Vérifications" in stdout
